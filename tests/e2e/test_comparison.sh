#!/bin/sh
# tests/e2e/test_comparison.sh: two periods are compared only over bases
# large enough (report.yaml comparison: {min_base: N}, default 10):
#   - on the three-period fixture (tests/data/make_three_periods.py;
#     18, 38 and 47 reviews) the default compares the last two periods;
#   - min_base 56 (more than the 38 reviews and 55 children of the period
#     before, and the 47 reviews of this one): no
#     change sentence, no "rose"/"fell" branch, and the paper says there
#     were too few reviews to compare, with the minimum;
#   - a board with fewer reviews than the minimum (Greenwich: one) gets
#     no rate sentence ("rose from 0 a year to 1 a year");
#   - a board with no review in any period (Sutton) gets one sentence,
#     no table by period and no [c];
#   - a min_base out of range is an error at its FILE:LINE:COL, exit 1.
set -u

. tests/e2e/lib.sh
e2e_setup comparison
e2e_need python3

in="$tmp/three"
python3 tests/data/make_three_periods.py "$in" >/dev/null ||
	{ fail "make_three_periods.py"; exit 1; }

doc() { "$SCRPAPER" render --input "$in" --dump doc "$@" 2>"$tmp/err" ||
	fail "render $* exited $?: $(head -3 "$tmp/err")"; }

doc >"$tmp/d10"
grep -q 'figref change:cases .*"fell from 19 a year to 13 a year' "$tmp/d10" ||
	fail "min_base 10: the change of the number of reviews is missing"
grep -q 'figref change:cases_with_death .*"fell from 66% to 62%' "$tmp/d10" ||
	fail "min_base 10: the change of the share is missing"
grep -q 'too few reviews' "$tmp/d10" &&
	fail "min_base 10: says too few reviews over 38 and 47"

printf '\ncomparison:\n  min_base: 56\n' >>"$in/report.yaml"
doc >"$tmp/d40"
grep -q 'rose from\|fell from\|was unchanged' "$tmp/d40" &&
	fail "min_base 56: a change is stated below the minimum: $(grep 'rose from\|fell from' "$tmp/d40" | head -2)"
grep -q 'A smaller share of the SCRs\|A larger share of the SCRs' "$tmp/d40" &&
	fail "min_base 56: a rose/fell branch is taken"
grep -q '"The numbers are not compared with "' "$tmp/d40" ||
	fail "min_base 56: no sentence says the numbers are not compared"
grep -q '"The shares of this period and of "' "$tmp/d40" ||
	fail "min_base 56: no sentence says the shares are not compared"
grep -q 'field min_base .*"56"' "$tmp/d40" ||
	fail "min_base 56: the minimum is not printed: $(grep min_base "$tmp/d40")"

# A board of one review: no rate sentence, whatever its periods.
sed -i '/^comparison:/,$d' "$in/report.yaml"
doc --lscb Greenwich >"$tmp/g"
# (its chart of counts of unequal periods draws rates a year: not a
# sentence)
grep 'a year' "$tmp/g" | grep -v '^ *= \|as rates a year' >"$tmp/gy"
[ -s "$tmp/gy" ] && fail "Greenwich: a rate sentence: $(head -2 "$tmp/gy")"
grep -q '"The numbers are not compared with "' "$tmp/g" ||
	fail "Greenwich: no sentence says the numbers are not compared"

# A board with no review in any period (Sutton): one sentence, no table,
# no [c]; a board with reviews (Greenwich) keeps its tables.
e2e_need pdftotext
"$SCRPAPER" render --input "$in" --lscb Sutton -o "$tmp/s.pdf" 2>"$tmp/err" ||
	fail "render Sutton exited $?: $(head -2 "$tmp/err")"
pdftotext -enc UTF-8 "$tmp/s.pdf" - | tr '\n\f' '  ' | tr -s ' ' >"$tmp/s.txt"
grep -qF "No Serious Case Reviews completed in Sutton in any of the periods 2002-04, 2004-06 and 2006-09 were in scope of this paper" "$tmp/s.txt" ||
	fail "Sutton: no sentence saying there is no review in any period"
grep -qF '[c]' "$tmp/s.txt" && fail "Sutton, no review in any period, prints [c]"
grep -q 'by period' "$tmp/s.txt" && fail "Sutton has a table by period"
doc --lscb Greenwich >"$tmp/g"
grep -q 'in any of the periods' "$tmp/g" && fail "Greenwich (one review) told it has none"
grep -q 'caption #cmp-cohort' "$tmp/g" || fail "Greenwich lost its cohort table"

# Out of range: an error at the value.
printf '\ncomparison:\n  min_base: 0\n' >>"$in/report.yaml"
line=$(wc -l <"$in/report.yaml")
"$SCRPAPER" check --input "$in" >"$tmp/out" 2>"$tmp/err"
rc=$?
[ "$rc" -eq 1 ] || fail "min_base 0: exit $rc, not 1"
grep -q "report.yaml:$line:[0-9]*: error: .*min_base" "$tmp/err" ||
	fail "min_base 0: no FILE:LINE:COL error: $(cat "$tmp/err")"

[ "$failed" -eq 0 ] || exit 1
echo "comparison: compared over 38 and 47 reviews by default; not over fewer than min_base; errors located"

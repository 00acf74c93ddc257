#!/bin/sh
# tests/e2e/test_signable.sh: issue 25's acceptance on a cohort shaped like
# the issue's (tests/data/make_signable.py: 2006-09 of 47 reviews, a
# six-month 2009-10 of 7, a 2010-11 of 28):
#   - zero: no share of none printed "0%" in a sentence ("None of the
#     families had a Child Protection Plan"); a board with no review in
#     any period prints no [c] (n/a for an empty base: test_doc_fill.c);
#   - fair comparisons: no change of a share or a count is stated against
#     the short period; the national comparison ("Note that this was ...")
#     only over min_base reviews; the count chart of periods of unequal
#     lengths is drawn in rates a year (values, gridline, caption, text
#     alternative);
#   - not recorded, said: every share of the period printed over a base
#     with its code not recorded in some reviews says how many;
#   - boards without noise: no board paper has a table all [c] (or n/a
#     beside [c]) or a chart without a bar;
#   - check --strict passes.
set -u

. tests/e2e/lib.sh
e2e_setup signable
e2e_need python3 pdftotext

in="$tmp/in"
python3 tests/data/make_signable.py "$in" >/dev/null ||
	{ fail "make_signable.py"; exit 1; }

"$SCRPAPER" check --strict --input "$in" >"$tmp/out" 2>"$tmp/err" ||
	fail "check --strict exited $?: $(head -3 "$tmp/err")"

"$SCRPAPER" render --input "$in" --dump doc >"$tmp/d" 2>"$tmp/err" ||
	fail "render --dump doc exited $?: $(head -3 "$tmp/err")"
"$SCRPAPER" render --input "$in" -o "$tmp/r.pdf" 2>"$tmp/err" ||
	fail "render exited $?: $(head -3 "$tmp/err")"
pdftotext -enc UTF-8 "$tmp/r.pdf" - | tr '\n\f' '  ' | tr -s ' ' >"$tmp/r.txt"

# Zero, as a person writes it.
grep -qF 'None of the families had a Child Protection Plan' "$tmp/r.txt" ||
	fail "a share of none is not 'None of the families had ...'"
grep -o '[^.•]*[^0-9]0% [a-z][^.•]*' "$tmp/r.txt" | grep -v '^ *[A-Z][a-z]*:' >"$tmp/zero"
[ -s "$tmp/zero" ] && fail "a share of none printed 0% in a sentence: $(head -2 "$tmp/zero")"

# No comparison with the short period (7 reviews, below min_base 10).
grep -q 'rose from\|fell from\|was unchanged' "$tmp/d" &&
	fail "a change is stated against 7 reviews: $(grep 'rose from\|fell from\|was unchanged' "$tmp/d" | head -2)"
grep -qF 'The numbers are not compared with 2009-10' "$tmp/r.txt" ||
	fail "no sentence says the numbers are not compared with 2009-10"
grep -qF 'The shares of this period and of 2009-10 are not compared' "$tmp/r.txt" ||
	fail "no sentence says the shares are not compared with 2009-10"

# The count chart in rates a year, in tenths: 47 in 42 months 13.4, 7 in 6
# months 14,
# 28 in 12 months 28.
sed -n '/chart #cmp-cohort-chart/,/= alt/p' "$tmp/d" >"$tmp/chart"
grep -q '"SCRs completed": "13.4 a year" num=count:13.4 bar "14 a year" num=count:14 bar "28 a year" num=count:28 bar' "$tmp/chart" ||
	fail "the cohort chart does not draw rates a year: $(grep SCRs "$tmp/chart")"
grep -q '= per " a year"' "$tmp/chart" || fail "the cohort chart's axis does not say a year"
grep -q '= alt "Bar chart: SCRs completed and children involved in London, by period, as rates a year\. SCRs completed: 2006-09 (42.months) 13.4 a year' "$tmp/chart" ||
	fail "the cohort chart's text alternative does not say a year: $(grep alt "$tmp/chart")"
grep -qF 'by period, as rates a year' "$tmp/r.txt" || fail "the PDF's caption does not say a year"
# Shares stay shares.
sed -n '/chart #cmp-ages-chart/,/= alt/p' "$tmp/d" | grep -q 'a year' &&
	fail "a chart of shares says a year"

# The national comparison only over min_base reviews (28 >= 10; not 30).
grep -qF 'Note that this was' "$tmp/r.txt" ||
	fail "28 reviews, min_base 10: the national comparison is missing"
cp -r "$in" "$tmp/in30"
printf '\ncomparison:\n  min_base: 30\n' >>"$tmp/in30/report.yaml"
"$SCRPAPER" render --input "$tmp/in30" --dump doc >"$tmp/d30" 2>"$tmp/err" ||
	fail "render min_base 30 exited $?"
grep -q 'Note that this was' "$tmp/d30" &&
	fail "28 reviews, min_base 30: the national comparison is stated"
grep -q 'had a parent with mental' "$tmp/d30" ||
	fail "min_base 30: the sentence on mental health went with its note"

# Not recorded, said: every block (sentence, list item, table row) that
# prints a share of this period whose code was not recorded in some
# reviews says "(not recorded in N of M UNITS"; none more than that.
"$SCRPAPER" figures --input "$in" >"$tmp/fig.csv" ||
	fail "figures exited $?"
python3 tests/e2e/signable_not_recorded.py "$tmp/fig.csv" "$tmp/d" >"$tmp/nr" || fail "not recorded, not said: $(cat "$tmp/nr")"

# A board with no review in any period: no [c].
"$SCRPAPER" render --input "$in" --lscb Sutton -o "$tmp/s.pdf" 2>"$tmp/err" ||
	fail "render Sutton exited $?"
pdftotext -enc UTF-8 "$tmp/s.pdf" - >"$tmp/s.txt"
grep -qF '[c]' "$tmp/s.txt" && fail "Sutton, no review in any period, prints [c]"
# No board paper prints a table whose figures are all [c] (or n/a beside
# [c]), nor a chart with no bar: the tables by period collapse as the
# period's own do, into the region's figures.
mkdir "$tmp/boards"
"$SCRPAPER" render --input "$in" --all-lscbs --dump doc -o "$tmp/boards" 2>"$tmp/err" ||
	fail "render --all-lscbs --dump doc exited $?: $(head -2 "$tmp/err")"
python3 tests/e2e/signable_board_noise.py "$tmp/boards" >"$tmp/noise" || fail "board papers with nothing to show: $(head -5 "$tmp/noise")"

[ "$failed" -eq 0 ] || exit 1
echo "signable: zero in words, no comparison over 7 reviews, rates a year drawn, national note over min_base, no [c] for empty boards"

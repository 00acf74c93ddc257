#!/bin/sh
# tests/e2e/test_annual.sh: next year's paper, as docs/annual.md walks an
# analyst through it, on the hand-written 2009-10 cohort of
# tests/data/annual-2009-10/ (15 cases in the period, one completed
# before it):
#   - `check --strict` passes, counts only the cases in the period and
#     names the case left out with its completed date, as a warning;
#   - `render` says the same and writes a paper with no broken wording
#     (tests/e2e/grammar.sh) and none of the 2006-09 paper's claims that
#     this cohort contradicts;
#   - changing the comparison study is one line of report.yaml;
#   - a case that leaves a household field to its default is named;
#   - `render --all-lscbs` creates its folder;
#   - `make INPUT=` the folder writes a paper named by its period beside
#     this year's, which keeps its name.
set -u

. tests/e2e/lib.sh
e2e_setup annual
e2e_need pdftotext
. tests/e2e/grammar.sh

in=tests/data/annual-2009-10
left="$in/cases/LON-2009-099.yaml:[0-9]*:[0-9]*: warning: completed 2009-08-20, outside the report's period 2009-10-01 to 2010-09-30: left out of every figure"

"$SCRPAPER" check --strict --input "$in" >"$tmp/out" 2>"$tmp/err" ||
	fail "check --strict exited $?: $(head -3 "$tmp/err")"
[ "$(cat "$tmp/out")" = "15 cases in the period, 16 children, 33 boards: OK; 1 case left out (outside the period)" ] ||
	fail "check's summary: $(cat "$tmp/out")"
grep -qx "$left" "$tmp/err" || fail "check does not name the case left out: $(cat "$tmp/err")"
[ "$(wc -l <"$tmp/err")" -eq 1 ] || fail "check printed more: $(cat "$tmp/err")"

"$SCRPAPER" render --input "$in" -o "$tmp/p.pdf" 2>"$tmp/err" ||
	fail "render exited $?: $(head -3 "$tmp/err")"
grep -qx "$left" "$tmp/err" || fail "render does not name the case left out"
pdftotext -enc UTF-8 "$tmp/p.pdf" - | tr '\n\f' '  ' |
    sed -e 's/ Page [0-9]* of [0-9]* / /g' -e 's/•//g' | tr -s ' ' >"$tmp/p.txt"

grammar_patterns "$tmp/bad"
scan "$tmp/p.txt" >"$tmp/found"
[ -s "$tmp/found" ] && fail "broken wording: $(cat "$tmp/found")"

# The 2006-09 paper's claims that this cohort contradicts (its one
# neglect death is a child of 4; no mother became a partner as a minor;
# one case relied on unqualified workers; no supervision order is coded).
for claim in "most of these cases being children over 10" \
    "A number of mothers" "A couple of cases" "in one case a Supervision" \
    "very similar" "broadly consistent" "only a few exceptions" \
    "when they were still minors" "There was a small number of suicides" \
    "attempted suicide" "(including children involved in stabbing" "Approximately" "of the women" \
    "psychotic illness only became apparent after the child’s death"; do
	grep -qF "$claim" "$tmp/p.txt" && fail "the paper still claims \"$claim\""
done
# What the cohort does say, in words that fit each value.
for phrase in "Characteristics of the London SCRs completed October 2009 – September 2010:" \
    "16 children in 15 families were involved in the incidents" \
    "17% were neglect 17% were deaths related" "None of them died by suicide" \
    "In one case the mother died as a result of fatal domestic violence." \
    "One case noted the issues around relying too heavily on student/unqualified workers" \
    "There was one instance where parents deliberately attempted to mislead agencies." \
    "and in 1 case the presence of neglect obscured"; do
	grep -qF "$phrase" "$tmp/p.txt" || fail "the paper lacks \"$phrase\""
done

# A case that leaves household_children or lscb_areas_known to its
# default is named, once for each field; the summary agrees in number.
mkdir -p "$tmp/one/cases"
cp "$in/report.yaml" "$in/codebook.yaml" "$in/national.yaml" "$tmp/one/"
sed -e '/^household_children:/d' -e '/^lscb_areas_known:/d' \
    "$in/cases/LON-2010-104.yaml" >"$tmp/one/cases/a.yaml"
"$SCRPAPER" check --input "$tmp/one" >"$tmp/out" 2>"$tmp/err" ||
	fail "check on one case exited $?"
[ "$(cat "$tmp/out")" = "1 case in the period, 1 child, 33 boards: OK" ] ||
	fail "check's summary for one case: $(cat "$tmp/out")"
grep -q "a.yaml:[0-9]*:[0-9]*: warning: no 'household_children': read as 0" "$tmp/err" &&
    grep -q "a.yaml:[0-9]*:[0-9]*: warning: no 'lscb_areas_known': read as 1" "$tmp/err" ||
	fail "check does not name the defaulted fields: $(cat "$tmp/err")"

# The comparison study is data: one line of report.yaml.  A new study
# (here 2009-10, the 2008-09 figures plus one) in national.yaml, and the
# "National" columns, the age table and the sentences that say "the
# national study" follow it.
mkdir -p "$tmp/cmp"
cp -R "$in/cases" "$in/codebook.yaml" "$tmp/cmp/"
sed 's/^national_study: .*/national_study: 2009-10/' "$in/report.yaml" >"$tmp/cmp/report.yaml"
{
	cat "$in/national.yaml"
	sed -n '/^  - id: 2008-09/,$p' "$in/national.yaml" |
	    sed -e 's/id: 2008-09/id: 2009-10/' -e 's/2008 – 2009/2009 – 2010/' \
		-e 's/^\(      [a-z_0-9]*: \)\([0-9]*\)$/\1X\2/' |
	    awk '{ if (match($0, /X[0-9]+$/)) { n = substr($0, RSTART + 1) + 1;
		$0 = substr($0, 1, RSTART - 1) n } print }'
} >"$tmp/cmp/national.yaml"
"$SCRPAPER" render --input "$tmp/cmp" -o "$tmp/cmp.pdf" 2>"$tmp/err" ||
	fail "render with the 2009-10 comparison exited $?: $(head -3 "$tmp/err")"
pdftotext -enc UTF-8 "$tmp/cmp.pdf" - | tr '\n\f' '  ' | tr -s ' ' >"$tmp/cmp.txt"
grep -q "beside that in the national 2009 – 2010 study" "$tmp/cmp.txt" ||
	fail "the age table's sentence does not name the new comparison study"
grep -q "this was 25% in the 2009 – 2010 national analysis" "$tmp/cmp.txt" ||
	fail "the mental health note does not quote the new study's 25%"
grep -q "Under 1 25% 33%" "$tmp/cmp.txt" ||
	fail "the age table's National column is not the new study's: $(grep -o 'Under 1 [^A-Z]*' "$tmp/cmp.txt" | head -1)"

# render --all-lscbs creates its folder, parents included.
"$SCRPAPER" render --all-lscbs --input "$in" -o "$tmp/new/lscb" 2>"$tmp/err" ||
	fail "render --all-lscbs into a new folder exited $?: $(tail -1 "$tmp/err")"
[ "$(ls "$tmp/new/lscb" 2>/dev/null | grep -c '\.pdf$')" -eq 33 ] ||
	fail "render --all-lscbs did not write 33 papers into a new folder"

# make INPUT=: a copy of the tree without the sources, the binary under
# test taken as built (-o), so nothing is compiled here.
mkdir -p "$tmp/tree/tests/data" "$tmp/tree/output"
cp -R Makefile templates input fonts "$tmp/tree/" &&
    cp -R "$in" "$tmp/tree/tests/data/" || fail "cannot copy the tree"
(
	# The binary under test is given; SANITIZE would only rename the
	# build folder (LSAN_OPTIONS stays: the binary may need it).
	unset MAKEFLAGS MFLAGS MAKELEVEL SANITIZE
	cd "$tmp/tree" || exit 1
	make paper BIN="$SCRPAPER" -o "$SCRPAPER" >"$tmp/make1" 2>&1 &&
	make paper INPUT="$in" BIN="$SCRPAPER" -o "$SCRPAPER" >"$tmp/make2" 2>&1
) || fail "make paper: $(tail -5 "$tmp/make1" "$tmp/make2" 2>/dev/null)"
for f in background-paper.pdf background-paper-2006-04-to-2009-09.pdf \
    background-paper-2009-10-to-2010-09.pdf; do
	[ -s "$tmp/tree/output/$f" ] || fail "make did not write output/$f: $(ls "$tmp/tree/output")"
done
if [ -s "$tmp/tree/output/background-paper-2009-10-to-2010-09.pdf" ]; then
	pdftotext "$tmp/tree/output/background-paper-2009-10-to-2010-09.pdf" - |
	    grep -q "October 2009 – September 2010" ||
		fail "the 2009-10 paper is not the 2009-10 cohort's"
	pdftotext "$tmp/tree/output/background-paper.pdf" - |
	    grep -q "April 2006 – September 2009" ||
		fail "this year's paper was overwritten"
fi

[ "$failed" -eq 0 ] || exit 1
echo "annual: the 2009-10 paper reads right and sits beside this year's"

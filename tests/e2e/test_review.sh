#!/bin/sh
# tests/e2e/test_review.sh: `scrpaper review`, the sign-off sheet.
#   - on input/: every "::: fixed" block the paper shows, at its
#     template lines, with its text (the recommendations, the national
#     studies' messages); every {=...} with its line; every sentence a
#     test chose, with the figures the test read and their values as
#     `scrpaper figures` counts them; every wording a figure chose;
#   - on the three-period fixture: every {change:NAME} as printed, and a
#     rose/fell test with the value of the period before too;
#   - -o FILE writes the same sheet; --all-lscbs and -o /dev/null are
#     usage errors (2); an invalid case is exit 1 with nothing written.
set -u

. tests/e2e/lib.sh
e2e_setup review
e2e_need python3

T=templates/background-paper.tmpl
"$SCRPAPER" review >"$tmp/sheet" 2>"$tmp/err" ||
	{ fail "review exited $?: $(head -3 "$tmp/err")"; exit 1; }
"$SCRPAPER" figures >"$tmp/fig.csv" || fail "figures failed"

# The fixed blocks: each "::: fixed" line of the template whose block the
# regional paper shows is listed at its line, with its first words.
for words in "The best predictor of behaviour is past behaviour" \
    "In the national analyses quoted here:" \
    "Many decisions and judgements were over optimistic"; do
	line=$(grep -n "$words" "$T" | head -1 | cut -d: -f1)
	open=$(head -n "$line" "$T" | grep -n '^::: fixed$' | tail -1 | cut -d: -f1)
	[ -n "$open" ] || { fail "no ::: fixed above \"$words\""; continue; }
	grep -q "^  $T:$open-[0-9]*: ::: fixed\$" "$tmp/sheet" ||
		fail "fixed block at line $open not listed"
	grep -qF "$words" "$tmp/sheet" || fail "fixed text \"$words\" not listed"
done
line=$(grep -n '{=March 2009}' "$T" | cut -d: -f1)
grep -qx "  $T:$line: {=March 2009}" "$tmp/sheet" ||
	fail "{=March 2009} not listed at line $line"

# A sentence a test chose, with the figure's value as counted.
line=$(grep -n '^::: if region:psychosis_after_death > 1$' "$T" | cut -d: -f1)
n=$(awk -F, '$1 == "psychosis_after_death" { print $3 }' "$tmp/fig.csv")
[ -n "$n" ] && [ "$n" -gt 1 ] || fail "input/ has $n psychosis_after_death"
grep -qx "  $T:$line: ::: if region:psychosis_after_death > 1" "$tmp/sheet" ||
	fail "the psychosis test at line $line not listed"
grep -qx "      region:psychosis_after_death = $n" "$tmp/sheet" ||
	fail "the psychosis figure's value $n not listed"
# A share, with its base and its units not recorded.
num=$(awk -F, '$1 == "mother_abused_as_child" { print $3 }' "$tmp/fig.csv")
den=$(awk -F, '$1 == "mother_abused_as_child" { print $4 }' "$tmp/fig.csv")
pct=$(awk -F, '$1 == "mother_abused_as_child" { print $5 }' "$tmp/fig.csv")
nr=$(awk -F, '$1 == "mother_abused_as_child" { print $7 }' "$tmp/fig.csv")
grep -qx "      region:mother_abused_as_child = $pct% ($num of $den), not recorded in $nr" "$tmp/sheet" ||
	fail "mother_abused_as_child: not $pct% ($num of $den), not recorded in $nr"
# A test that did not hold is not listed.
grep -q 'psychosis_after_harm' "$tmp/sheet" &&
	fail "a test that did not hold (psychosis_after_harm) is listed"
# A wording chosen by a figure.
grep -q "^  $T:[0-9]*:[0-9]*: {region:death_suicide|" "$tmp/sheet" ||
	fail "the suicide wording is not listed"
grep -qx '      printed: "A small number of children died by suicide"' "$tmp/sheet" ||
	fail "the suicide wording's text is not listed"
grep -q "^3\. Comparisons between periods" "$tmp/sheet" || fail "no section 3"
[ "$(sed -n '/^3\./,/^$/p' "$tmp/sheet" | grep -c 'change:')" -eq 0 ] ||
	fail "input/ has no earlier period, yet the sheet lists a change"

# -o writes the same; --all-lscbs is a usage error.
"$SCRPAPER" review -o "$tmp/sheet.txt" || fail "review -o exited $?"
cmp -s "$tmp/sheet" "$tmp/sheet.txt" || fail "-o differs from standard output"
"$SCRPAPER" review --all-lscbs >/dev/null 2>&1
[ $? -eq 2 ] || fail "review --all-lscbs is not a usage error"
"$SCRPAPER" review -o /dev/null 2>"$tmp/err"
[ $? -eq 2 ] || fail "review -o /dev/null is not refused as a usage error"
grep -q "refusing to replace it" "$tmp/err" || fail "-o /dev/null: $(cat "$tmp/err")"
# Invalid input: exit 1, nothing written.
mkdir -p "$tmp/bad/cases"
cp input/report.yaml input/codebook.yaml input/national.yaml "$tmp/bad/"
printf 'id: X\n' >"$tmp/bad/cases/x.yaml"
"$SCRPAPER" review --input "$tmp/bad" -o "$tmp/bad.txt" 2>"$tmp/err"
[ $? -eq 1 ] || fail "review of an invalid case is not exit 1"
[ -e "$tmp/bad.txt" ] && fail "review of an invalid case wrote a sheet"
grep -q "x.yaml:[0-9]*:[0-9]*: error:" "$tmp/err" || fail "no FILE:LINE:COL error: $(head -2 "$tmp/err")"

# Comparisons, on the three-period fixture.
python3 tests/data/make_three_periods.py "$tmp/three" >/dev/null ||
	fail "make_three_periods.py"
"$SCRPAPER" review --input "$tmp/three" >"$tmp/s3" 2>"$tmp/err" ||
	fail "review of three periods exited $?"
line=$(grep -n '{change:cases},' "$T" | cut -d: -f1)
grep -q "^  $T:$line:1: {change:cases}\$" "$tmp/s3" ||
	fail "{change:cases} at line $line not listed"
grep -qx '      printed: "fell from 19 a year to 13 a year, down 6 a year (38 in 24 months, then 47 in 42 months)"' "$tmp/s3" ||
	fail "the change of the number of reviews is not as printed"
# The rose/fell test: both periods' values, as `figures` counts them.
val() { awk -F, -v n=cases_with_death '$1 == n { printf "%s%% (%s of %s)", $5, $3, $4 }' "$1"; }
"$SCRPAPER" figures --input "$tmp/three" >"$tmp/f3" || fail "figures"
"$SCRPAPER" figures --input "$tmp/three" --period 2004-06 >"$tmp/f2" ||
	fail "figures --period 2004-06"
want="      cases_with_death = $(val "$tmp/f3"); the period before: $(val "$tmp/f2")"
grep -qxF "$want" "$tmp/s3" ||
	fail "the rose/fell test lacks both periods' values: want \"$want\", got $(grep 'cases_with_death =' "$tmp/s3")"

[ "$failed" -eq 0 ] || exit 1
echo "review: fixed text, chosen wordings and comparisons listed with their lines"

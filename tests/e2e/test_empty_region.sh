#!/bin/sh
# A region with no review in the period (every case outside it) still gets
# a paper: it says so plainly, prints no "n/a" figure, and keeps the
# national context and the thirteen recommendations.
set -eu
: "${SCRPAPER:=./scrpaper}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

mkdir -p "$tmp/in/cases"
cp input/codebook.yaml input/national.yaml "$tmp/in/"
# The report's period moved to a year with no case.
sed -e 's/^  from: .*/  from: 2015-04-01/' -e 's/^  to: .*/  to: 2016-03-31/' \
    -e 's/^created: .*/created: 2016-05-01/' input/report.yaml > "$tmp/in/report.yaml"
cp input/cases/*.yaml "$tmp/in/cases/"
"$SCRPAPER" render --input "$tmp/in" -o "$tmp/p.pdf" || fail "render exited $?"
pdftotext "$tmp/p.pdf" "$tmp/p.txt"
tr '\n' ' ' < "$tmp/p.txt" | grep -q "No Serious Case Reviews completed in London between" ||
	fail "the paper does not say there were no reviews"
if grep -q "n/a" "$tmp/p.txt"; then fail "an n/a figure is printed"; fi
grep -q "^13\." "$tmp/p.txt" || grep -q "13\. " "$tmp/p.txt" || fail "no thirteenth recommendation"
grep -q "Context: key messages from national SCR studies" "$tmp/p.txt" || fail "no national context"
# check says how many cases the period leaves out.
"$SCRPAPER" check --input "$tmp/in" 2> "$tmp/err" > /dev/null || fail "check exited $?"
grep -q "47 cases were completed outside the report's period" "$tmp/err" ||
	fail "check does not say the cases are outside the period"
# The ledger counts the cases left out by the period.
"$SCRPAPER" figures --input "$tmp/in" | grep -q "^out_of_period,count,47," ||
	fail "out_of_period is not 47"
echo ok

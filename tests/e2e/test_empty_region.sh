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
"$SCRPAPER" render --input "$tmp/in" -o "$tmp/p.pdf" 2>/dev/null || fail "render exited $?"
pdftotext "$tmp/p.pdf" "$tmp/p.txt"
tr '\n' ' ' < "$tmp/p.txt" | grep -q "No Serious Case Reviews completed in London between" ||
	fail "the paper does not say there were no reviews"
if grep -q "n/a" "$tmp/p.txt"; then fail "an n/a figure is printed"; fi
grep -q "^13\." "$tmp/p.txt" || grep -q "13\. " "$tmp/p.txt" || fail "no thirteenth recommendation"
grep -q "Context: key messages from national SCR studies" "$tmp/p.txt" || fail "no national context"
# check says how many cases the period leaves out.
# check says how many cases the period leaves out, and names each file
# with its date, as a warning.
"$SCRPAPER" check --input "$tmp/in" 2> "$tmp/err" > "$tmp/out" || fail "check exited $?"
grep -qx "0 cases in the period, 0 children, 33 boards: OK; 47 cases left out (outside the period)" "$tmp/out" ||
	fail "check's summary: $(cat "$tmp/out")"
[ "$(grep -c "^$tmp/in/cases/LON-[0-9-]*\.yaml:[0-9]*:[0-9]*: warning: completed 20[01][0-9]-[01][0-9]-[0-3][0-9], outside the report's period 2015-04-01 to 2016-03-31: left out of every figure\$" "$tmp/err")" -eq 47 ] ||
	fail "check does not name the 47 cases outside the period: $(head -3 "$tmp/err")"
grep -q "^$tmp/in/cases/LON-2006-001.yaml:.*completed 2006-04-22," "$tmp/err" ||
	fail "check does not give LON-2006-001's date"
# render says so too.
"$SCRPAPER" render --input "$tmp/in" -o "$tmp/p2.pdf" 2> "$tmp/err2" || fail "render exited $?"
[ "$(grep -c ": warning: completed .*left out of every figure" "$tmp/err2")" -eq 47 ] ||
	fail "render does not name the cases outside the period"
# The ledger counts the cases left out by the period.
"$SCRPAPER" figures --input "$tmp/in" | grep -q "^out_of_period,count,47," ||
	fail "out_of_period is not 47"
echo ok

#!/bin/sh
# render --all-lscbs: the workers write exactly what one process writes,
# a broken template is reported once (not once a worker) and writes
# nothing, and --jobs is checked.
set -eu
: "${SCRPAPER:=./scrpaper}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

mkdir "$tmp/one" "$tmp/two" "$tmp/bad"
"$SCRPAPER" render --all-lscbs --jobs 1 -o "$tmp/one" || fail "--jobs 1 exited $?"
"$SCRPAPER" render --all-lscbs --jobs 2 -o "$tmp/two" || fail "--jobs 2 exited $?"
[ "$(ls "$tmp/one" | wc -l)" -eq 33 ] || fail "not 33 papers"
diff -r "$tmp/one" "$tmp/two" > /dev/null || fail "two workers wrote other bytes than one process"

# A template with an unknown figure: one message, exit 1, nothing written.
sed 's/{region:age_1_5}/{region:age_1_6}/' templates/background-paper.tmpl > "$tmp/bad.tmpl"
set +e
"$SCRPAPER" render --all-lscbs --jobs 2 --template "$tmp/bad.tmpl" -o "$tmp/bad" 2> "$tmp/err"
rc=$?
set -e
[ $rc -eq 1 ] || fail "bad template: exit $rc"
want=$(grep -c '{region:age_1_6}' "$tmp/bad.tmpl")
[ "$(grep -c "unknown figure" "$tmp/err")" -eq "$want" ] ||
	{ cat "$tmp/err"; fail "each error is not reported exactly once"; }
[ -z "$(ls "$tmp/bad")" ] || fail "a bad template wrote files: $(ls "$tmp/bad")"

for j in 0 65 x; do
	set +e
	"$SCRPAPER" render --all-lscbs --jobs "$j" -o "$tmp/bad" 2> /dev/null
	rc=$?
	set -e
	[ $rc -eq 2 ] || fail "--jobs $j: exit $rc, expected 2"
done
set +e
"$SCRPAPER" render --jobs 2 -o "$tmp/x.pdf" 2> /dev/null
rc=$?
set -e
[ $rc -eq 2 ] || fail "--jobs without --all-lscbs: exit $rc"
echo ok

#!/bin/sh
# tests/e2e/test_golden.sh: runs the golden tests of tests/golden/ (the
# filled document and the page layout of the regional paper and of three
# boards' papers, and check's messages on misspelt names) against
# SCRPAPER; `make golden` regenerates them, showing each difference.
# Then --dump's command line: an unknown dump, -o or --all-lscbs beside
# it are usage errors (2); a template that does not fill prints nothing
# on standard output and exits 1.
set -u

. tests/e2e/lib.sh
e2e_setup golden

sh tests/golden/run.sh || fail "golden dumps differ"

expect() {
	want=$1
	shift
	"$SCRPAPER" "$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	[ "$rc" -eq "$want" ] || fail "$* exits $rc, not $want: $(cat "$tmp/err")"
}

expect 2 render --dump tree
grep -q "not doc or layout" "$tmp/err" || fail "--dump tree: $(cat "$tmp/err")"
expect 2 render --dump doc -o "$tmp/x.pdf"
expect 2 render --dump layout --all-lscbs
expect 2 check --dump doc
[ ! -e "$tmp/x.pdf" ] || fail "--dump with -o wrote a file"
expect 1 render --dump doc --input tests/data/variants \
    --template tests/golden/bad-names.tmpl
[ -s "$tmp/out" ] && fail "a template that does not fill dumped: $(head -3 "$tmp/out")"
expect 0 render --dump doc --input tests/data/variants --lscb Eastwick
grep -q '^meta lscb "Eastwick"$' "$tmp/out" || fail "no board in the dump's meta"

[ "$failed" -eq 0 ] || exit 1
echo "ok"

#!/bin/sh
# tests/e2e/test_golden.sh: runs the golden tests of tests/golden/ (the
# filled document and the page layout of the regional paper and of three
# boards' papers, and check's messages on misspelt names) against
# SCRPAPER; `make golden` regenerates them, showing each difference.
# Then --dump's command line: an unknown dump, -o for one paper or
# --all-lscbs without -o DIR are usage errors (2); a template that does
# not fill prints nothing on standard output and exits 1; --all-lscbs
# --dump doc|layout -o DIR writes every board's dump, each its --lscb
# dump byte for byte.
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

# Every board's dump from one process (render --all-lscbs --dump doc|layout
# -o DIR): SLUG.tree and SLUG.layout, each the board's own --lscb dump
# byte for byte, with one worker or two.
for j in 1 2; do
	expect 0 render --input tests/data/variants --all-lscbs --jobs $j \
	    --dump doc -o "$tmp/trees$j"
	expect 0 render --input tests/data/variants --all-lscbs --jobs $j \
	    --dump layout -o "$tmp/trees$j"
done
cmp -s "$tmp/trees1/eastwick.tree" "$tmp/trees2/eastwick.tree" ||
	fail "--all-lscbs --dump doc: one worker and two differ"
"$SCRPAPER" render --input tests/data/variants --lscb Eastwick --dump doc |
    cmp -s - "$tmp/trees2/eastwick.tree" ||
	fail "--all-lscbs --dump doc: eastwick.tree is not --lscb Eastwick's"
"$SCRPAPER" render --input tests/data/variants --lscb Eastwick \
    --dump layout | cmp -s - "$tmp/trees1/eastwick.layout" ||
	fail "--all-lscbs --dump layout: not --lscb Eastwick's"
nb=$(sed -n '/^lscbs:/,/^[a-z]/p' tests/data/variants/report.yaml |
    grep -c '^  - ')
[ "$(ls "$tmp/trees1" | grep -c '\.tree$')" -eq "$nb" ] &&
[ "$(ls "$tmp/trees1" | grep -c '\.layout$')" -eq "$nb" ] ||
	fail "--all-lscbs --dump: not one tree and one layout for each of" \
	    "$nb boards: $(ls "$tmp/trees1")"

[ "$failed" -eq 0 ] || exit 1
echo "ok"

#!/bin/sh
# Issue 31, the layout and input points (6, 7, 8, 9, 11, 12, 14): one
# regression check a point, each named after it ("31.N").  Point 8 is
# checked in test_fill_period.c.
set -u
. tests/e2e/lib.sh
e2e_setup issue31
e2e_need pdftotext pdfinfo

# Runs the remaining arguments; $rc, $tmp/out and $tmp/err hold the result.
run() {
	"$@" > "$tmp/out" 2> "$tmp/err"
	rc=$?
}

# A fresh copy of input/ in $tmp/$1.
copy_input() {
	rm -rf "${tmp:?}/$1"
	cp -R input "$tmp/$1"
}

# --- 31.11 -----------------------------------------------------------
# A FIFO named *.yaml among the cases: refused at once, not waited on.
copy_input fifo
mkfifo "$tmp/fifo/cases/zz-pipe.yaml"
run timeout 20 "$SCRPAPER" check --input "$tmp/fifo"
[ "$rc" -eq 1 ] || fail "31.11: check exit $rc, expected 1 (124: it hung)"
grep -q "zz-pipe.yaml: error: a pipe (fifo), not a regular file; refusing to read it" \
    "$tmp/err" || fail "31.11: no clear message: $(cat "$tmp/err")"

[ "$failed" -eq 0 ]

#!/bin/sh
# Issue 31, the layout and input points (6, 7, 8, 9, 11, 12, 14): one
# regression check a point, each named after it ("31.N").  Point 8 is
# checked in test_fill_period.c.
# make check and make check-full run the same cases (no sweep here): the
# inputs are written by one python3 process and the four PDFs' ink read
# by one more (ink_box.py), each PDF once for both its body and its
# blank-page checks.
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

# The page (1-based) of $1 whose text holds $2, or nothing.
page_of() {
	pdftotext "$1" - | awk -v RS='\f' -v s="$2" 'index($0, s) { print NR; exit }'
}

# Fails $1 unless every page of a PDF keeps its ink inside the page's
# body (a little slack for outlines drawn on its edge) and nothing
# between the body's foot and the footer.  $2: the PDF's ink_box.py lines
# (made for every PDF at once, below); also copied to $tmp/ink.
check_ink() {
	cp "$2" "$tmp/ink"
	[ -s "$2" ] || fail "$1: ink_box.py read no page"
	while read -r pg x0 y0 x1 y1 margin; do
		[ "$margin" -eq 0 ] ||
			fail "$1: page $pg draws into the footer's margin"
		[ "$x0" = - ] && continue
		[ "$x0" -ge 68 ] && [ "$x1" -le 528 ] && [ "$y1" -le 760 ] ||
			fail "$1: page $pg inks $x0,$y0 to $x1,$y1, past its body"
	done < "$2"
}

# Fails $1 unless every chart of a PDF's layout dump ($3) sits on the
# page of its caption, and no page of the PDF is blank ($2: its
# ink_box.py lines).
check_charts() {
	awk '$3 == "y" && $5 == "chart" { t = substr($0, index($0, "\""));
	    if (t == prev && $2 != prevpg) { print "caption on page " prevpg \
	    ", its chart on page " $2 ": " t; bad = 1 }
	    prev = t; prevpg = $2 } END { exit bad }' "$3" > "$tmp/orphans" ||
		fail "$1: $(cat "$tmp/orphans")"
	awk '$2 == "-" { print $1 }' "$2" > "$tmp/blank"
	[ ! -s "$tmp/blank" ] || fail "$1: blank page $(cat "$tmp/blank")"
}

# The inputs of 31.6, 31.7 and 31.9: the templates and report.yaml edits
# written by one python3 process (each python3 is a process start as
# dear as a render).
python3 tests/data/make_three_periods.py "$tmp/p5" > /dev/null ||
	fail "31.6: no periods fixture"
copy_input grid
copy_input bidi
python3 tests/e2e/issue31_layout_inputs.py tall "$tmp/tall.tmpl" \
    five-periods "$tmp/p5/report.yaml" periods "$tmp/periods.tmpl" \
    bidi "$tmp/bidi/report.yaml" || fail "issue31_layout_inputs.py"

# --- 31.6 ------------------------------------------------------------
# A chart too tall for a page: 10 categories x 3 series with labels of
# about 80 characters; a "@periods" chart of 10 rows x 5 periods; the
# shipped template's trend charts with a long region name and five
# periods.  Each drawn smaller, on the page of its caption, inside the
# body, nothing on the footer, no blank page.
run "$SCRPAPER" render --template "$tmp/tall.tmpl" -o "$tmp/tall.pdf"
[ "$rc" -eq 0 ] || fail "31.6 labels: render exit $rc: $(cat "$tmp/err")"
"$SCRPAPER" render --template "$tmp/tall.tmpl" --dump layout > "$tmp/tall.lay"
# The alternative text keeps every label whole.
"$SCRPAPER" render --template "$tmp/tall.tmpl" --dump doc > "$tmp/tall.doc"
grep -q 'alt ".*moved house more than three times before review 9: ' \
    "$tmp/tall.doc" || fail "31.6 labels: the alternative lost a label"

# Five periods (two generated, two empty earlier ones added), and a long
# region name.
run "$SCRPAPER" render --input "$tmp/p5" --template "$tmp/periods.tmpl" \
    -o "$tmp/periods.pdf"
[ "$rc" -eq 0 ] || fail "31.6 @periods: render exit $rc: $(cat "$tmp/err")"
"$SCRPAPER" render --input "$tmp/p5" --template "$tmp/periods.tmpl" \
    --dump layout > "$tmp/periods.lay"
run "$SCRPAPER" render --input "$tmp/p5" -o "$tmp/region.pdf"
[ "$rc" -eq 0 ] || fail "31.6 region: render exit $rc: $(cat "$tmp/err")"
"$SCRPAPER" render --input "$tmp/p5" --dump layout > "$tmp/region.lay"

# --- 31.7 ------------------------------------------------------------
# A grid beyond the body's width (col 20) and a page's height (row 16):
# drawn smaller, every tile on the page, the far column at the body's
# right edge.
sed -i 's/Barnet: {col: 4, row: 2/Barnet: {col: 20, row: 2/;
    s/Bromley: {col: 6, row: 6/Bromley: {col: 6, row: 16/' "$tmp/grid/grid.yaml"
grep -q 'col: 20, row: 2' "$tmp/grid/grid.yaml" || fail "31.7: no wide grid made"
run "$SCRPAPER" render --input "$tmp/grid" -o "$tmp/grid.pdf"
[ "$rc" -eq 0 ] || fail "31.7: render exit $rc: $(cat "$tmp/err")"

# The ink of the four PDFs, read by one python3 process.
python3 tests/e2e/ink_box.py "$tmp/tall.pdf" "$tmp/tall.ink" \
    "$tmp/periods.pdf" "$tmp/periods.ink" "$tmp/region.pdf" \
    "$tmp/region.ink" "$tmp/grid.pdf" "$tmp/grid.ink" || fail "ink_box.py"

check_ink "31.6 labels" "$tmp/tall.ink"
check_charts "31.6 labels" "$tmp/tall.ink" "$tmp/tall.lay"
check_ink "31.6 @periods" "$tmp/periods.ink"
check_charts "31.6 @periods" "$tmp/periods.ink" "$tmp/periods.lay"
check_ink "31.6 region" "$tmp/region.ink"
check_charts "31.6 region" "$tmp/region.ink" "$tmp/region.lay"

check_ink 31.7 "$tmp/grid.ink"
pg=$(page_of "$tmp/grid.pdf" "Serious Case Reviews completed in each board")
if [ -z "$pg" ]; then
	fail "31.7: no tile map caption"
else
	x1=$(awk -v p="$pg" '$1 == p { print $4 }' "$tmp/ink")
	[ "${x1:-0}" -ge 500 ] ||
		fail "31.7: no tile at the body's right edge on page $pg ($x1)"
fi

# --- 31.9 ------------------------------------------------------------
# A right-to-left override in a board name: refused by check at the line
# and column that hold it (it reversed "12" and the rest of the
# paragraph in the PDF and the HTML edition).
line=$(grep -n 'Bar.*net 12' "$tmp/bidi/report.yaml" | cut -d: -f1)
run "$SCRPAPER" check --input "$tmp/bidi"
[ "$rc" -eq 1 ] || fail "31.9: check exit $rc, expected 1"
grep -q "report.yaml:$line:8: error: 'lscbs' holds the bidirectional control U+202E" \
    "$tmp/err" || fail "31.9: not refused at $line:8: $(head -3 "$tmp/err")"

# --- 31.11 -----------------------------------------------------------
# A FIFO named *.yaml among the cases: refused at once, not waited on.
copy_input fifo
mkfifo "$tmp/fifo/cases/zz-pipe.yaml"
run timeout 20 "$SCRPAPER" check --input "$tmp/fifo"
[ "$rc" -eq 1 ] || fail "31.11: check exit $rc, expected 1 (124: it hung)"
grep -q "zz-pipe.yaml: error: a pipe (fifo), not a regular file; refusing to read it" \
    "$tmp/err" || fail "31.11: no clear message: $(cat "$tmp/err")"

# --- 31.14 (man page) ------------------------------------------------
# The check paragraph once; --dump and --strict items of their own, not
# run into the --edition paragraph.
if command -v nroff >/dev/null 2>&1; then
	nroff -man -Tascii man/scrpaper.1 2>/dev/null | col -bx > "$tmp/man.txt"
	n=$(tr -s ' \n-' ' ' < "$tmp/man.txt" | grep -o 'Validate the in' | wc -l)
	[ "$n" -eq 1 ] || fail "31.14: the check paragraph appears $n times"
	grep -q '^       --dump doc|layout$' "$tmp/man.txt" ||
		fail "31.14: --dump is not an item of its own"
	grep -q '^       --strict$' "$tmp/man.txt" ||
		fail "31.14: --strict is not an item of its own"
fi

[ "$failed" -eq 0 ]

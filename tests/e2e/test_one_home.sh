#!/bin/sh
# tests/e2e/test_one_home.sh: each presentation decision is written in
# one place in pipeline/ (issue 27, "One home per decision"), which
# every back end reads; a second copy of one fails here.  Run from the
# project root (tests/e2e/run.sh does).
#   1. The chart's colours (0xRRGGBB, "#rrggbb" or as cairo's fractions
#      0x12 / 255.0) are spelled in doc_theme.c only, beside the tile
#      shades.
#   2. The chart's axis (1, 2 or 5 times a power of ten) is computed in
#      fill_chart.c only, into the tree's doc_chart.
set -u

. tests/e2e/lib.sh
e2e_setup one_home

# Prints the files of pipeline/ where the extended regex $1 matches,
# case-insensitively, one a line.
where() {
	grep -l -i -E "$1" pipeline/*.c pipeline/*.h | sed 's|^pipeline/||' |
	    tr '\n' ' ' | sed 's/ $//'
}

# The chart's palette: each of its colours in any spelling.
for rgb in 12436d 28a197; do
	r=$(echo $rgb | cut -c1-2) g=$(echo $rgb | cut -c3-4)
	got=$(where "$rgb|0x$r */ *255")
	[ "$got" = doc_theme.c ] ||
	    fail "the chart colour $rgb is spelled in '$got', not doc_theme.c alone"
done
# The tile shades are beside it.
got=$(where "0x08306b")
[ "$got" = doc_theme.c ] || fail "the tile shade 08306b is spelled in '$got'"

# The axis: its steps of 1, 2 and 5.
got=$(where "\{ *1, *2, *5 *\}")
[ "$got" = fill_chart.c ] ||
    fail "the chart axis's steps are in '$got', not fill_chart.c alone"
grep -q "axis_step" pipeline/render_chart.c ||
    fail "render_chart.c does not read the tree's axis"
grep -q "axis_step" pipeline/render_html.c ||
    fail "render_html.c does not read the tree's axis"

[ "$failed" -eq 0 ] || exit 1
echo "ok: the chart's palette and axis each have one home"

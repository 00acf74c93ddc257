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
#   3. The collapse rule (100 * hidden >= collapse * cells) is written in
#      fill_collapse.c's fill_collapses() only; the number words ("two",
#      "three", ...) in fig_format.c only (tmpl_lint.c's list of words
#      the prose lint flags is another list); the label of an unnamed
#      period (first year, last year's two digits) in case_report.c only.
#   4. No back end (render_*.c) composes the sign-off from the authors and
#      the organisation, or writes the paper's date from `created`: they
#      read doc_meta_signoff() and doc_meta_date() (doc_theme.c).
set -u

. tests/e2e/lib.sh
e2e_setup one_home

# Prints the files of pipeline/ where the extended regex $1 matches,
# case-insensitively, one a line.
where() {
	grep -l -i -E "$1" pipeline/*/*.c pipeline/*/*.h | sed 's|^pipeline/[a-z]*/||' |
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
grep -q "axis_step" pipeline/render/render_chart.c ||
    fail "render_chart.c does not read the tree's axis"
grep -q "axis_step" pipeline/render/render_html.c ||
    fail "render_html.c does not read the tree's axis"

# The collapse rule.
got=$(where "100L? *\* *[a-z_]*hidden")
[ "$got" = fill_collapse.c ] ||
    fail "the collapse rule is written in '$got', not fill_collapse.c alone"
[ "$(grep -c -E "100L? *\* *[a-z_]*hidden" pipeline/fill/fill_collapse.c)" = 1 ] ||
    fail "the collapse rule is written more than once in fill_collapse.c"
# The number words, outside the prose lint's list.
got=$(grep -l -E '"(two|three)", *"(three|four)"' pipeline/*/*.c pipeline/*/*.h |
    grep -v 'tmpl_lint.c' | sed 's|^pipeline/[a-z]*/||' | tr '\n' ' ' | sed 's/ $//')
[ "$got" = fig_format.c ] ||
    fail "number words are listed in '$got', not fig_format.c alone"
# The label of an unnamed period: a year, "-", two digits of a year.
got=$(where '"%0?4?d-%02d", *[a-z_*>.-]+ */ *10000')
[ "$got" = case_report.c ] ||
    fail "a period's label is made in '$got', not case_report.c alone"

# The sign-off's lines and the paper's date.
got=$(grep -l -E 'authors\[|organisation\)|created */ *10000' \
    pipeline/render/render_*.c | sed 's|^pipeline/[a-z]*/||' | tr '\n' ' ')
[ -z "$got" ] ||
    fail "back ends that compose the sign-off or the date themselves: $got"
grep -q "doc_meta_signoff" pipeline/render/render_measure.c &&
    grep -q "doc_meta_signoff" pipeline/render/render_html.c &&
    grep -q "doc_meta_signoff" pipeline/render/render_odt.c ||
    fail "a back end does not read doc_meta_signoff()"

[ "$failed" -eq 0 ] || exit 1
echo "ok: the chart's palette and axis, the collapse rule, the number" \
    "words, the period label, the sign-off's lines and the paper's date" \
    "each have one home"

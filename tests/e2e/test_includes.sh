#!/bin/sh
# tests/e2e/test_includes.sh: the layout of the pipeline holds (README.md,
# "Pipeline map").  Run from the project root with SCRPAPER set to the
# binary under test (tests/e2e/run.sh does both).
#   1. Include direction: every pipeline/*.c and *.h includes only the
#      headers of the stages its own stage may see, as the table below
#      says: util <- diag <- yml <- case <- fig; fig_format.c is a leaf
#      (util.h and fig.h only); util, diag <- doc <- tmpl; {doc, case,
#      fig} <- fill <- paper <- main; {yml, case} <- grid <- fill, main;
#      {yml, case, fig, paper} <- year (cmd_year.c: new-year, periods,
#      compare) <- main; util <- zip (the ODF package's ZIP writer) <-
#      render;
#      the back ends (render_*, render_tilemap.c among them) see doc.h
#      and never case.h, fig.h, grid.h, tmpl.h, fill.h or paper.h.
#   2. No cycles: the objects beside the binary, linked by the symbols
#      one uses and another defines (nm), form no loop (tsort), so no two
#      modules call each other, as fig_eval and fig_print once did.
# A new file must be given a stage below, or this test fails.
set -u

. tests/e2e/lib.sh
e2e_setup includes
e2e_need nm tsort awk

# The stage of a file in pipeline/.
stage() {
	case $1 in
	util.[ch]) echo util ;;
	zip.[ch]) echo zip ;;
	diag.[ch]) echo diag ;;
	yml.[ch]) echo yml ;;
	case*.[ch]) echo case ;;
	grid.[ch]) echo grid ;;
	fig_format.c) echo fig_format ;;
	fig*.[ch]) echo fig ;;
	doc.[ch]) echo doc ;;
	tmpl*.[ch]) echo tmpl ;;
	fill.h | doc_fill.c) echo fill ;;
	paper.[ch] | paper_review.[ch]) echo paper ;;
	render*.[ch]) echo render ;;
	pdf_post.[ch]) echo pdf_post ;;
	cmd_*.c | year.h) echo year ;;
	main.c) echo main ;;
	*) echo unknown ;;
	esac
}

# The stages whose headers a stage may include (its own included).
allowed() {
	case $1 in
	util) echo "util" ;;
	zip) echo "util zip" ;;
	diag) echo "util diag" ;;
	yml) echo "util diag yml" ;;
	case) echo "util diag yml case" ;;
	grid) echo "util diag yml case grid" ;;
	fig) echo "util diag yml case fig" ;;
	fig_format) echo "util fig" ;;
	doc) echo "util diag doc" ;;
	tmpl) echo "util diag doc tmpl" ;;
	fill) echo "util diag case fig doc fill grid" ;;
	paper) echo "util diag case fig doc tmpl fill paper" ;;
	render) echo "util diag doc render pdf_post zip" ;;
	pdf_post) echo "util pdf_post" ;;
	year) echo "util diag yml case fig paper year" ;;
	main) echo "util diag case fig doc paper render grid year" ;;
	esac
}

nfiles=0
for f in pipeline/*.c pipeline/*.h; do
	base=${f#pipeline/}
	from=$(stage "$base")
	if [ "$from" = unknown ]; then
		fail "$f belongs to no stage: give it one in $0"
		continue
	fi
	nfiles=$((nfiles + 1))
	for h in $(sed -n 's/^#include "\([^"]*\)".*/\1/p' "$f"); do
		to=$(stage "$h")
		case " $(allowed "$from") " in
		*" $to "*) ;;
		*) fail "$f ($from) includes $h ($to)" ;;
		esac
	done
done
[ "$nfiles" -ge 20 ] || fail "only $nfiles files checked"
# The tile map's files are checked by name, so that a rename cannot
# drop them from the table above unnoticed.
for f in grid.c grid.h render_tilemap.c; do
	[ -f "pipeline/$f" ] || fail "pipeline/$f is missing"
done
[ "$(stage grid.c)" = grid ] || fail "grid.c is not the grid stage"
[ "$(stage render_tilemap.c)" = render ] ||
    fail "render_tilemap.c is not a back end"

# The back ends, named: not one of them includes the loader's or the
# aggregator's header.
if grep -l '#include "\(case\|fig\|fig_impl\|grid\)\.h"' pipeline/render*.[ch] \
    >"$tmp/bad" 2>/dev/null; then
	fail "back ends include case.h, fig.h or grid.h: $(cat "$tmp/bad")"
fi

# 2. The objects' call graph has no cycle.
objdir=$(dirname "$SCRPAPER")
[ -f "$objdir/main.o" ] || objdir=build/rel
if [ ! -f "$objdir/main.o" ]; then
	fail "no objects beside $SCRPAPER nor in build/rel: run make first"
else
	for o in "$objdir"/*.o; do
		n=$(basename "$o" .o)
		nm --defined-only -g "$o" | awk -v o="$n" \
		    '$2 ~ /^[TDBRV]$/ { print $3, o }'
	done | sort >"$tmp/defs"
	for o in "$objdir"/*.o; do
		n=$(basename "$o" .o)
		nm -u "$o" | awk -v o="$n" '{ print $2, o }'
	done | sort >"$tmp/uses"
	join "$tmp/uses" "$tmp/defs" | awk '$2 != $3 { print $2, $3 }' |
	    sort -u >"$tmp/edges"
	[ "$(wc -l <"$tmp/edges")" -ge 20 ] ||
	    fail "only $(wc -l <"$tmp/edges") links between objects found"
	if ! tsort "$tmp/edges" >/dev/null 2>"$tmp/loop"; then
		fail "the modules call each other in a loop:" \
		    "$(tr '\n' ' ' <"$tmp/loop")"
	fi
	# The leaf and the back ends, at the symbol level too.
	awk '$1 == "fig_format" && $2 != "util" { print }' "$tmp/edges" \
	    >"$tmp/leaf"
	[ -s "$tmp/leaf" ] && fail "fig_format calls: $(cat "$tmp/leaf")"
	awk '$1 ~ /^render/ && $2 ~ /^(case|fig|grid|tmpl|doc_fill|paper)/' \
	    "$tmp/edges" >"$tmp/back"
	[ -s "$tmp/back" ] && fail "a back end calls: $(cat "$tmp/back")"
fi

[ "$failed" -eq 0 ] || exit 1
echo "ok: $nfiles files include in the pipeline's direction; no cycle"

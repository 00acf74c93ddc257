#!/bin/sh
# pages.sh (make pages; not in make check: it fails today, see below): the breaking rules, measured on the printed pages.  Reads
# every paper's page geometry back with pdftotext -bbox-layout
# (tests/e2e/page_geometry.py) and fails when a page but the last is more
# than 15 % empty at the foot, a page ends on a line that introduces what
# follows, or one line of a paragraph stands alone at a page's foot or
# head: on the regional paper and every board's paper, and, with
# PAGES_COHORTS set to sizes (make pages: "20 120 400"), on generated
# cohorts of those sizes (bench/gen_cohort.py) and the variant cohorts of
# tests/data.  Writes PNGs of every page at 50 dpi under build/pages/ for
# people to look at.
. tests/e2e/lib.sh
e2e_setup pages

out=build/pages
rm -rf "$out"
mkdir -p "$out" || exit 1

# check NAME INPUT-DIR: renders the region and every board from INPUT-DIR
# and measures every page.
check() {
	name=$1
	input=$2
	mkdir -p "$tmp/$name/lscb" "$out/$name"
	if ! "$SCRPAPER" render --input "$input" -o "$tmp/$name/region.pdf"; then
		fail "$name: cannot render the regional paper"
		return
	fi
	if ! "$SCRPAPER" render --input "$input" --all-lscbs \
	    -o "$tmp/$name/lscb" >/dev/null; then
		fail "$name: cannot render the board papers"
		return
	fi
	for pdf in "$tmp/$name/region.pdf" "$tmp/$name"/lscb/*.pdf; do
		[ -f "$pdf" ] || continue
		if ! python3 tests/e2e/page_geometry.py "$pdf" \
		    2>"$tmp/err"; then
			fail "$name: $(sed "s|$tmp/||" "$tmp/err")"
		fi
		base=$(basename "$pdf" .pdf)
		pdftoppm -r 50 -png "$pdf" "$out/$name/$base" ||
		    fail "$name: pdftoppm $base"
	done
}

check shipped input
for v in tests/data/variants tests/data/variants-holdout; do
	[ -n "${PAGES_COHORTS:-}" ] || break
	[ -d "$v" ] && check "$(basename "$v")" "$v"
done
for n in ${PAGES_COHORTS:-}; do
	python3 bench/gen_cohort.py "$n" "$tmp/gen$n" >/dev/null ||
	    { fail "gen_cohort $n"; continue; }
	check "cohort$n" "$tmp/gen$n"
done

# Every page was drawn.
[ -n "$(ls "$out/shipped"/region-*.png 2>/dev/null)" ] ||
    fail "no page images written"
exit "$failed"

#!/bin/sh
# pages.sh: the breaking rules, measured on the printed pages (issue 19).
# Reads every paper's page geometry back (tests/e2e/page_geometry.py:
# pdftotext -bbox-layout for the text, the page drawn in grey for the ink
# of charts and rules) and fails when a page but the last is more than
# 15 % empty at the foot, a page ends on a line that introduces what
# follows, one line of a paragraph stands alone at a page's foot or
# head, or a blank band between blocks is taller than a fifth of the
# page's body (vertical justification's gaps are capped).  Writes PNGs
# of every page at 50 dpi under build/pages/NAME/ for people to look at
# (make check: of input/'s regional paper; make check-full: of every
# regional paper; make pages: of every paper).
#
# Always: the regional paper and every board's paper of the small
# cohorts of tests/data/variants (of 8, 2 and 1 reviews), the regional
# paper and two boards' of input/ (of 4 and no reviews; every board's under
# `make check-full`), the regional paper and
# three boards' of the three-period fixture
# (tests/data/make_three_periods.py; a fourth under `make check-full`)
# (what `make check` runs, through test_pages.sh), and page_geometry.py's
# self-test (a deliberately bad page of each rule is caught): all
# measured by one page_geometry.py at the end (a Python start costs as
# much as a paper's measure), the papers of one input rendered with one
# solve cache (--cache; each board's paper would solve the same
# suppression again).  Every page's measures go to
# build/pages/NAME/geometry.txt.  With PAGES_FULL=1
# (`make pages`): also every board's paper of input/ and of the
# three-period fixture,
# and generated cohorts of several sizes, from 0 to 200
# reviews over three boards (tests/data/make_variants.py) and
# London-sized ones of 10 to 300 reviews over skewed boards
# (tests/attack/make_cohorts.py).
. tests/e2e/lib.sh
e2e_setup pages
e2e_need pdftotext pdftoppm python3

out=${PAGES_OUT:-build/pages}
rm -rf "$out"
mkdir -p "$out" || exit 1

# check NAME INPUT-DIR [BOARD...]: renders the regional paper and every
# board's from INPUT-DIR (only the BOARDs named, unless PAGES_FULL=1),
# draws its pages, and adds NAME to $names, the papers measured at the end.
names=
check() {
	name=$1
	input=$2
	shift 2
	mkdir -p "$tmp/$name/lscb" "$out/$name"
	cache="--cache $tmp/cache/$name"
	if ! "$SCRPAPER" render $cache --input "$input" \
	    -o "$tmp/$name/region.pdf" 2>"$tmp/err"; then
		fail "$name: cannot render the regional paper: $(cat "$tmp/err")"
		return
	fi
	if [ $# -gt 0 ] && [ "${PAGES_FULL:-0}" != 1 ]; then
		for board in "$@"; do
			"$SCRPAPER" render $cache --input "$input" \
			    --lscb "$board" -o "$tmp/$name/lscb/$board.pdf" \
			    2>"$tmp/err" ||
			    fail "$name: cannot render $board: $(cat "$tmp/err")"
		done
	elif ! "$SCRPAPER" render $cache --input "$input" --all-lscbs \
	    -o "$tmp/$name/lscb" >/dev/null 2>"$tmp/err"; then
		fail "$name: cannot render the board papers: $(cat "$tmp/err")"
		return
	fi
	npdf=0
	for pdf in "$tmp/$name/region.pdf" "$tmp/$name"/lscb/*.pdf; do
		[ -f "$pdf" ] || continue
		npdf=$((npdf + 1))
		base=$(basename "$pdf" .pdf)
		# (make check draws input/'s regional paper's pages only,
		# make check-full every regional paper's.)
		[ "${PAGES_FULL:-0}" = 1 ] || { [ "$base" = region ] &&
		    { e2e_full || [ "$name" = shipped ]; }; } || continue
		pdftoppm -r 50 -png "$pdf" "$out/$name/$base" ||
		    fail "$name: pdftoppm $base"
	done
	[ "$npdf" -ge 2 ] || fail "$name: only $npdf papers rendered"
	names="$names $name"
	echo "$name: $npdf papers rendered"
}

# input/: make check measures the regional paper and two boards', of 4
# and no reviews (a board of one review: Southmoor of the variants below;
# page_geometry.py reads some 0.3 CPU-s a paper); make check-full
# (CHECK_FULL=1) and make pages every board's.
if e2e_full || [ "${PAGES_FULL:-0}" = 1 ]; then
	check shipped input
else
	check shipped input Southwark Bexley
fi
check variants tests/data/variants
# Three periods (issue 15's fixture): the comparison section's tables and
# charts of many bars, in the regional paper and (every board's in make
# pages) Southwark's (two trend charts of 18 and 6 bars on one page),
# Lambeth's (the fullest pages; Sutton's, as full, under make check-full)
# and Bexley's (no review in a period: charts of [c]).
python3 tests/data/make_three_periods.py "$tmp/three" >/dev/null ||
    fail "make_three_periods"
full_boards=
e2e_full && full_boards=Sutton
check three-periods "$tmp/three" Southwark Lambeth $full_boards Bexley

if [ "${PAGES_FULL:-0}" = 1 ]; then
	# Three boards: 0, 1, 2, 5, 20 and 200 reviews in all.
	for counts in 0,0,0 1,0,0 1,1,0 3,2,0 12,6,2 120,60,20; do
		d=$tmp/in-$(echo "$counts" | tr , -)
		python3 tests/data/make_variants.py --seed 19 --counts "$counts" \
		    --out "$d" >/dev/null || { fail "make_variants $counts"; continue; }
		check "boards-$(echo "$counts" | tr , -)" "$d"
	done
	# London-sized cohorts, skewed boards, one child a review, ...
	python3 tests/attack/make_cohorts.py --generated 4 --seed 19 \
	    --out "$tmp/gen" >/dev/null || fail "make_cohorts"
	for d in "$tmp"/gen/gen-*; do
		[ -d "$d" ] && check "$(basename "$d")" "$d"
	done
fi

# Every paper rendered measured, in one page_geometry.py; and the measure
# catches what it is there to catch (--self-test): pages made to break
# each rule fail it, pages that keep them pass.
set --
for name in $names; do
	set -- "$@" "$tmp/$name/region.pdf" "$tmp/$name"/lscb/*.pdf
done
python3 tests/e2e/page_geometry.py --self-test --report "$@" \
    >"$tmp/report" 2>"$tmp/err"
rc=$?
grep -q '^self-test ' "$tmp/err" && fail "page_geometry.py misses a" \
    "broken rule: $(grep '^self-test ' "$tmp/err")"
[ "$rc" -eq 0 ] || ! grep -qv '^self-test ' "$tmp/err" ||
    fail "$(grep -v '^self-test ' "$tmp/err" | sed "s|$tmp/||")"
[ "$rc" -eq 0 ] || [ -s "$tmp/err" ] || fail "page_geometry.py exited $rc"
# Every page's measures (empty foot, tallest blank band), by input.
for name in $names; do
	grep -F "$tmp/$name/" "$tmp/report" | sed "s|$tmp/$name/||" \
	    >"$out/$name/geometry.txt"
	[ -s "$out/$name/geometry.txt" ] || fail "$name: no page measured"
	echo "$name: $(cut -d' ' -f1 "$out/$name/geometry.txt" | sort -u |
	    wc -l) papers measured"
done

# Every page was drawn.
[ -n "$(ls "$out/shipped"/region-*.png 2>/dev/null)" ] ||
    fail "no page images written"
echo "page images in $out/"
exit "$failed"

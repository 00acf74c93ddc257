#!/bin/sh
# memcheck over a whole run of each command: no memory error and no
# definite leak of ours (tests/valgrind.supp names fontconfig's cache).
# make check runs the regional paper and figures (of a small cohort) and
# the error paths; make check-full (CHECK_FULL=1) every command: a
# board's paper's tree, new-year and periods, check, a board's paper, the
# open data set, the dumps of the tree and the layout, check of the new
# year's folder and compare.
# Not under SANITIZE=1: AddressSanitizer and valgrind do not mix.
set -eu
: "${SCRPAPER:=./scrpaper}"
if [ "${SANITIZE:-0}" = 1 ]; then
	echo "skipped under SANITIZE=1"
	exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
vg() {
	valgrind -q --error-exitcode=99 --leak-check=full \
	    --errors-for-leak-kinds=definite \
	    --suppressions=tests/valgrind.supp "$@" > "$tmp/out" 2> "$tmp/err" || {
		rc=$?
		cat "$tmp/err"
		echo "FAIL: valgrind exit $rc: $*"
		exit 1
	}
}
# make check: the regional paper and the figures on tests/data/variants'
# three boards; make check-full: a board's paper filled (collapse, notes,
# the London picture) there, and on input/ (some 12 CPU-s each under
# memcheck, every board's suppression solved).
vg "$SCRPAPER" render --input tests/data/variants -o "$tmp/paper.pdf"
vg "$SCRPAPER" figures --input tests/data/variants --lscb Eastwick
if [ "${CHECK_FULL:-0}" = 1 ]; then
	vg "$SCRPAPER" render --dump doc --input tests/data/variants --lscb Eastwick
	vg "$SCRPAPER" render -o "$tmp/paper.pdf"
	vg "$SCRPAPER" figures --lscb Haringey
	vg "$SCRPAPER" render --dump doc --lscb Southwark
	vg "$SCRPAPER" check
	vg "$SCRPAPER" render --lscb Southwark -o "$tmp/southwark.pdf"
	vg "$SCRPAPER" data -o "$tmp/data"
	vg "$SCRPAPER" render --dump doc --lscb Camden
	vg "$SCRPAPER" render --dump layout --input tests/data/variants \
	    --lscb Southmoor
	# A generated cohort's regional paper with regional suppression: a
	# table continued on a page that is not justified (once painted
	# with an unset row spacing, from the heap).
	python3 bench/gen_cohort.py 5 "$tmp/c5" --seed 1 >/dev/null 2>&1
	sed -i 's/^  regional: .*/  regional: true/' "$tmp/c5/report.yaml"
	vg "$SCRPAPER" render --input "$tmp/c5" -o "$tmp/c5.pdf"
fi
# The year's move (docs/annual.md), make check-full: new-year edits
# report.yaml, periods lists, check warns of created:, compare computes
# both folders (some 9 CPU-s under memcheck).
if [ "${CHECK_FULL:-0}" = 1 ]; then
	vg "$SCRPAPER" new-year --input input -o "$tmp/ny"
	vg "$SCRPAPER" periods --input "$tmp/ny" --format csv
	vg "$SCRPAPER" check --input "$tmp/ny"
	vg "$SCRPAPER" compare --input "$tmp/ny" --previous input
fi
# Invalid input takes the error paths.
mkdir -p "$tmp/cases"
printf 'id: X-1\nlscb: Haringy\ncompleted: 2009-02-30\nchildren: [{sex: m}]\nfoo: 1\n' > "$tmp/cases/bad.yaml"
set +e
valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite \
    --suppressions=tests/valgrind.supp "$SCRPAPER" check --cases "$tmp/cases" > /dev/null 2> "$tmp/err"
rc=$?
set -e
[ $rc -eq 1 ] || { cat "$tmp/err"; echo "FAIL: invalid input under valgrind: exit $rc"; exit 1; }
echo ok

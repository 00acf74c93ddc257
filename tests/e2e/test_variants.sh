#!/bin/sh
# tests/e2e/test_variants.sh: the board variants end to end, on the small
# synthetic cohorts of tests/data/ (made by tests/data/make_variants.py).
# Run from the project root with SCRPAPER set to the binary under test
# (tests/e2e/run.sh does both).
#
# tests/data/variants: Northbury 8 cases, Eastwick 2, Southmoor none in
# the period (one after it).  Each board's paper, rendered with --lscb:
#   - passes qpdf --check, and pdfinfo's Title names the board;
#   - every board figure of its tables is checked against a count made
#     here from the case files (an independent reading of the YAML, with
#     the definitions of docs/figures.md): a figure with a numerator of
#     1..5 or a base of 5 or fewer shows [c], any other one outside a
#     group shows its exact share; a group (the age bands, what happened
#     to the children) never lets a [c] be worked back from the public
#     number of children; London's column is exact too;
#   - the board section prints no number but the board's numbers of
#     reviews and children (so the 2-case board prints no other count or
#     share at all); the rest of the paper is the regional paper's text
#     (Context, and the London picture from "The cohort" on), so no board
#     figure hides there;
#   - the empty board says it had no review in scope, and still carries
#     the London picture and the 13 recommendations;
#   - no case id nor any notes text appears in any paper's text or
#     metadata, nor in `figures --lscb` / `figures --all-lscbs`.
# tests/data/variants-holdout (10, 3 and 0 cases), rendered with
# --all-lscbs: the same checks, and for every figure the board ledger
# (`figures --lscb`) suppresses, the table row shows [c] and only London's
# and the national study's values beside it.
# Last, in a copy of the tree: `make variants` writes a PDF a board that
# passes qpdf --check and names its board, and a second `make variants`
# does nothing: make check on the three boards of tests/data/variants
# (lib.sh's e2e_variants), make check-full on input/'s 33.
set -u

. tests/e2e/lib.sh
e2e_setup variants

for tool in pdftotext pdfinfo qpdf python3 make; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		echo "FAIL: $tool is not installed"
		exit 1
	fi
done

# Runs the binary with a time limit (a guard against a hang only,
# generous for a sanitized build on a loaded machine); stdout to $1,
# stderr to $tmp/err.
run() {
	out=$1
	shift
	if command -v timeout >/dev/null 2>&1; then
		timeout 600 "$SCRPAPER" "$@" >"$out" 2>"$tmp/err"
	else
		"$SCRPAPER" "$@" >"$out" 2>"$tmp/err"
	fi
	rc=$?
	if [ "$rc" -ne 0 ]; then
		fail "scrpaper $* exited $rc: $(cat "$tmp/err")"
	fi
}

# Writes DIR/NAME.txt (pdftotext -layout) and DIR/NAME.info (pdfinfo) for
# DIR/NAME.pdf, and checks it with qpdf.
pdf_text() {
	qpdf --check "$1/$2.pdf" >/dev/null 2>&1 ||
		fail "$2.pdf: qpdf --check failed"
	pdftotext -enc UTF-8 -layout "$1/$2.pdf" "$1/$2.txt" ||
		fail "$2.pdf: pdftotext failed"
	pdfinfo -enc UTF-8 "$1/$2.pdf" >"$1/$2.info" 2>&1 ||
		fail "$2.pdf: pdfinfo failed"
}

# ---------------------------------------------------------- the cohorts
# $1: input folder, $2: output folder, $3: "lscb" to render board by board
# or "all" for --all-lscbs.
render_set() {
	mkdir -p "$2"
	run "$2/region.csv" figures --input "$1"
	run "$2/all.csv" figures --input "$1" --all-lscbs
	# The attacker finds nothing to work back in what is published.
	run "$2/audit.txt" audit --input "$1"
	run /dev/null render --input "$1" -o "$2/region.pdf"
	pdf_text "$2" region
	for b in Northbury Eastwick Southmoor; do
		slug=$(echo "$b" | tr 'A-Z' 'a-z')
		run "$2/$slug.csv" figures --input "$1" --lscb "$b"
		if [ "$3" = lscb ]; then
			run /dev/null render --input "$1" --lscb "$b" \
			    -o "$2/$slug.pdf"
		fi
	done
	if [ "$3" = all ]; then
		run /dev/null render --input "$1" --all-lscbs -o "$2"
	fi
	for b in northbury eastwick southmoor; do
		if [ -f "$2/$b.pdf" ]; then
			pdf_text "$2" "$b"
		else
			fail "$2: no $b.pdf"
		fi
	done
}

render_set tests/data/variants "$tmp/v" lscb
render_set tests/data/variants-holdout "$tmp/h" all

# The checks on the text, in Python for the arithmetic
# (tests/e2e/variants_check.py).  Arguments: the input folder, the
# output folder, and the expected numbers of cases of the three boards.
python3 tests/e2e/variants_check.py tests/data/variants "$tmp/v" 8,2,0 || failed=1
python3 tests/e2e/variants_check.py tests/data/variants-holdout "$tmp/h" 10,3,0 ||
	failed=1

# ------------------------------------------------------- make variants
# In a copy of the tree, so other builds and output/ are left alone; make
# check copies build/rel into it too (times kept: make compiles only what
# is out of date), make check-full (CHECK_FULL=1) builds from nothing.
mkdir "$tmp/tree"
cp -Rp Makefile pipeline templates input fonts "$tmp/tree/" ||
	fail "cannot copy the tree"
nb=33
if ! e2e_full; then
	rm -rf "$tmp/tree/input" && e2e_variants "$tmp/tree/input" ||
		fail "cannot copy tests/data/variants"
	nb=3
fi
# The program's objects and binary, not the unit tests' (build/rel/tests).
if ! e2e_full && [ -d build/rel ]; then
	mkdir -p "$tmp/tree/build/rel" &&
	    cp -p build/rel/* "$tmp/tree/build/rel/" 2>/dev/null
	[ -x "$tmp/tree/build/rel/scrpaper" ] || fail "cannot copy build/rel"
fi
if [ -f Makefile.local ]; then
	cp Makefile.local "$tmp/tree/"
fi
(
	# A plain build: the sanitizer settings of `make check SANITIZE=1`
	# are for the binary under test, not this copy.
	unset MAKEFLAGS MFLAGS MAKELEVEL SANITIZE LSAN_OPTIONS UBSAN_OPTIONS
	cd "$tmp/tree" || exit 1
	make -j4 variants >"$tmp/make1" 2>&1 || {
		echo "FAIL: make variants:"
		tail -20 "$tmp/make1"
		exit 1
	}
	make -q variants || {
		echo "FAIL: make -q variants says the variants are out of date"
		exit 1
	}
	make variants >"$tmp/make2" 2>&1 || exit 1
	if grep -v -e "Nothing to be done" -e "is up to date" \
	    -e "Entering directory" -e "Leaving directory" "$tmp/make2" |
	    grep -q .; then
		echo "FAIL: a second make variants did work:"
		cat "$tmp/make2"
		exit 1
	fi
) || failed=1
n=$(ls "$tmp/tree/output/lscb/"*.pdf 2>/dev/null | wc -l)
[ "$n" -eq "$nb" ] || fail "make variants wrote $n PDFs, want $nb"
[ -s "$tmp/tree/output/lscb/figures.csv" ] ||
	fail "make variants wrote no figures.csv"
[ "$n" -gt 0 ] &&
sed -n '/^lscbs:/,$s/^  - //p' "$tmp/tree/input/report.yaml" |
while IFS= read -r board; do
	slug=$(printf '%s' "$board" | tr 'A-Z ' 'a-z-')
	f="$tmp/tree/output/lscb/$slug.pdf"
	if [ ! -f "$f" ]; then
		echo "FAIL: make variants: no $slug.pdf"
		continue
	fi
	qpdf --check "$f" >/dev/null 2>&1 || echo "FAIL: $slug.pdf: qpdf --check"
	pdfinfo -enc UTF-8 "$f" 2>/dev/null | grep -q "^Title:.*$board" ||
		echo "FAIL: $slug.pdf: the Title does not name $board"
	pdftotext -enc UTF-8 -l 1 "$f" - 2>/dev/null | grep -q "^$board: " ||
		echo "FAIL: $slug.pdf: the first page does not name $board"
done >"$tmp/boards"
if [ -s "$tmp/boards" ]; then
	cat "$tmp/boards"
	failed=1
fi

[ "$failed" -eq 0 ] && echo "ok"
exit "$failed"

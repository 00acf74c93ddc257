#!/bin/sh
# tests/e2e/test_glance.sh: "London at a glance" in the regional paper
# (the "@boards" table and the tile map of INPUT/grid.yaml; README,
# "London at a glance").  Run from the project root with SCRPAPER set to
# the binary under test (tests/e2e/run.sh does both).
#   - input/: the HTML edition's tile map has one tile a board of
#     report.yaml, at the col and row grid.yaml gives it, with the number
#     of reviews counted here from the case files (completed in the
#     period); the PDF's table has every board's reviews and children as
#     counted here, and the region's total; the PDF's Figure /Alt of the
#     map names every board under its number of reviews; the board
#     papers carry neither;
#   - tests/data/variants (no grid.yaml): the table alone, no tile map;
#     with a grid of our own written here, its positions;
#   - bad grids: every problem as FILE:LINE:COL, exit 1, nothing written.
set -u

. tests/e2e/lib.sh
e2e_setup glance
e2e_need pdftotext qpdf python3

# Checks the tile map of HTML $1 and the table and Alt of PDF $2 against
# input folder $3 (its grid.yaml, if any, and its cases).
check_glance() {
	python3 tests/e2e/glance_check.py "$1" "$2" "$3"
}

"$SCRPAPER" render -o "$tmp/r.pdf" && "$SCRPAPER" render -o "$tmp/r.html" ||
	fail "render of input/"
check_glance "$tmp/r.html" "$tmp/r.pdf" input >"$tmp/out" 2>&1
[ -s "$tmp/out" ] && { cat "$tmp/out"; failed=1; }

# A board's paper has neither the table nor the map.
"$SCRPAPER" render --lscb Camden -o "$tmp/camden.html" || fail "render Camden"
grep -q 'class="tilemap"\|all boards' "$tmp/camden.html" &&
	fail "Camden's paper carries London at a glance"

# No grid: the table alone.
"$SCRPAPER" render --input tests/data/variants -o "$tmp/v.pdf" &&
    "$SCRPAPER" render --input tests/data/variants -o "$tmp/v.html" ||
	fail "render of tests/data/variants"
check_glance "$tmp/v.html" "$tmp/v.pdf" tests/data/variants >"$tmp/out" 2>&1
[ -s "$tmp/out" ] && { cat "$tmp/out"; failed=1; }

# A grid of our own.
cp -R tests/data/variants "$tmp/g"
cat >"$tmp/g/grid.yaml" <<'EOF'
layout: test
tiles:
  Southmoor: {col: 2, row: 3, label: SOU}
  Northbury: {col: 2, row: 1, label: NOR}
  Eastwick: {col: 3, row: 2, label: EAS}
EOF
"$SCRPAPER" render --input "$tmp/g" -o "$tmp/g.pdf" &&
    "$SCRPAPER" render --input "$tmp/g" -o "$tmp/g.html" ||
	fail "render with a grid of our own"
check_glance "$tmp/g.html" "$tmp/g.pdf" "$tmp/g" >"$tmp/out" 2>&1
[ -s "$tmp/out" ] && { cat "$tmp/out"; failed=1; }

# Bad grids.
cat >"$tmp/g/grid.yaml" <<'EOF'
layout: test
tiles:
  Nortbury: {col: 2, row: 1, label: NOR}
  Eastwick: {col: 0, row: 2, label: EASTWICK}
  Southmoor: {col: 2, row: 1, label: SOU, colour: red}
EOF
rm -f "$tmp/bad.pdf"
"$SCRPAPER" render --input "$tmp/g" -o "$tmp/bad.pdf" 2>"$tmp/err"
rc=$?
[ "$rc" -eq 1 ] || fail "a bad grid: exit $rc, want 1"
[ ! -e "$tmp/bad.pdf" ] || fail "a bad grid: a PDF was written"
for want in \
    'grid.yaml:3:3: error: "Nortbury" is not a board of report.yaml; did you mean "Northbury"?' \
    'grid.yaml:4:19: error: col must be a whole number from 1 to 20, not "0"' \
    'grid.yaml:4:37: error: a tile needs a label of 1 to 6 characters' \
    'grid.yaml:5:43: error: unknown tile key "colour" (col, row, label)' \
    'error: board "Northbury" has no tile'; do
	grep -q -F "$want" "$tmp/err" || fail "a bad grid: no '$want' in: $(cat "$tmp/err")"
done
cat >"$tmp/g/grid.yaml" <<'EOF'
tiles:
  Northbury: {col: 2, row: 1, label: NOR}
  Eastwick: {col: 2, row: 1, label: EAS}
  Southmoor: {col: 1, row: 1, label: SOU}
EOF
"$SCRPAPER" check --input "$tmp/g" >/dev/null 2>"$tmp/err"
[ $? -eq 1 ] || fail "two tiles on one square: check did not fail"
grep -q -F 'grid.yaml:3:3: error: Eastwick is on the square of Northbury (col 2, row 1)' "$tmp/err" ||
	fail "two tiles on one square: $(cat "$tmp/err")"

exit "$failed"

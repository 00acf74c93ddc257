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
	python3 - "$1" "$2" "$3" <<'EOF'
import glob, os, re, subprocess, sys

html, pdf, inp = sys.argv[1:4]
bad = []

def scalar(text, key):
    m = re.search(r'^%s:\s*(.+?)\s*$' % key, text, re.M)
    return m.group(1).strip('"\'') if m else None

report = open(os.path.join(inp, 'report.yaml')).read()
boards = re.findall(r'^  - (.+?)\s*$', report.split('\nlscbs:')[1], re.M)
boards = [b for b in boards if not b.startswith('E0')]
period = re.search(r'period:\s*\n\s*from:\s*(\S+)\s*\n\s*to:\s*(\S+)', report)
lo, hi = period.group(1), period.group(2)
cases = {b: 0 for b in boards}
children = {b: 0 for b in boards}
for f in glob.glob(os.path.join(inp, 'cases', '*.yaml')):
    t = open(f).read()
    done = scalar(t, 'completed')
    if done is None or not (lo <= done <= hi):
        continue
    b = scalar(t, 'lscb')
    cases[b] += 1
    # the children: the items of the top-level "children:" sequence
    block = re.split(r'\n(?=\S)', t.split('\nchildren:', 1)[1])[0]
    children[b] += len(re.findall(r'^  - ', block, re.M))

grid = {}
gpath = os.path.join(inp, 'grid.yaml')
if os.path.exists(gpath):
    for m in re.finditer(r'^  (.+?): \{col: (\d+), row: (\d+), label: (\S+?)\}',
                         open(gpath).read(), re.M):
        grid[m.group(1)] = (int(m.group(2)), int(m.group(3)))

h = open(html).read()
tiles = re.findall(r'<g class="tile" data-board="([^"]*)" data-col="(\d+)" '
                   r'data-row="(\d+)" data-reviews="(\d+)"', h)
if grid:
    if len(tiles) != len(boards):
        bad.append('%d tiles, want %d' % (len(tiles), len(boards)))
    for name, col, row, rev in tiles:
        name = name.replace('&amp;', '&')
        if grid.get(name) != (int(col), int(row)):
            bad.append('%s at col %s row %s, grid.yaml says %s' %
                       (name, col, row, grid.get(name)))
        if cases.get(name) != int(rev):
            bad.append('%s shows %s reviews, the cases %s' %
                       (name, rev, cases.get(name)))
    if 'role="img" aria-labelledby="chart' not in h.split('class="tilemap"')[1][:400]:
        bad.append('the tile map svg is not role=img with a title')
else:
    if tiles or 'class="tilemap"' in h:
        bad.append('a tile map without a grid')

text = subprocess.run(['pdftotext', '-layout', pdf, '-'],
                      capture_output=True, text=True).stdout
for b in boards:
    m = re.search(r'^\s*%s\s+(\d+)\s+(\d+)\s*$' % re.escape(b), text, re.M)
    if not m:
        bad.append('no table row for %s' % b)
    elif (int(m.group(1)), int(m.group(2))) != (cases[b], children[b]):
        bad.append('%s: table says %s %s, the cases %d %d' %
                   (b, m.group(1), m.group(2), cases[b], children[b]))
m = re.search(r',\s*all boards\s+(\d+)\s+(\d+)\s*$', text, re.M)
if not m or (int(m.group(1)), int(m.group(2))) != (sum(cases.values()),
                                                    sum(children.values())):
    bad.append('the total row is wrong or missing')

q = subprocess.run(['qpdf', '--qdf', '--object-streams=disable', pdf, '-'],
                   capture_output=True).stdout.decode('latin-1')
def pdf_string(lit, hexa):
    """A PDF string, literal or hex (UTF-16 with its BOM, as the
    post-pass writes text that is not ASCII)."""
    if not hexa:
        return lit
    raw = bytes.fromhex(hexa)
    if raw[:2] == b'\xfe\xff':
        return raw[2:].decode('utf-16-be')
    return raw.decode('latin-1')
alts = [pdf_string(l, h) for l, h in
        re.findall(r'/Alt (?:\((.*?)\)|<([0-9a-fA-F\s]+)>)\n', q, re.S)]
alts = [a for a in alts if 'tile map' in a]
if grid:
    if len(alts) != 1:
        bad.append('%d tile-map /Alt, want 1' % len(alts))
    else:
        alt = alts[0].replace('\\(', '(').replace('\\)', ')')
        for grp in re.finditer(r'(No review|(\d+) reviews?): ([^.]*)\.', alt):
            v = 0 if grp.group(1) == 'No review' else int(grp.group(2))
            for b in grp.group(3).split(', '):
                if cases.get(b) != v:
                    bad.append('Alt puts %s under %d reviews' % (b, v))
                cases.pop(b, None)
        if cases:
            bad.append('Alt leaves out %s' % sorted(cases))
elif alts:
    bad.append('a tile-map /Alt without a grid')
for b in bad:
    print('FAIL: %s: %s' % (html, b))
EOF
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

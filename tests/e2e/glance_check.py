#!/usr/bin/env python3
"""glance_check.py: checks "London at a glance" (issue 16) against the cases.

Usage: glance_check.py PAPER.html PAPER.pdf INPUT

INPUT is the input folder the paper was rendered from (report.yaml,
grid.yaml if any, cases/).  Counts the reviews and children of each board
in the report's period from the case files, then checks: with a grid, the
HTML's tile map has one tile per board at grid.yaml's column and row with
its count of reviews, and its svg is role=img with a title; without one,
no tile map; the PDF's table (pdftotext -layout) has each board's reviews
and children and the total row "..., all boards"; the PDF's tile-map /Alt
(qpdf) puts each board under its number of reviews, once, and exists only
with a grid.  Prints one "FAIL: PAPER.html: ..." line per problem and
nothing when all hold (the caller fails on any output).
"""
import os, re, subprocess, sys

html, pdf, inp = sys.argv[1:4]
bad = []

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                '..', 'lib'))
import scrcases  # noqa: E402

boards = scrcases.read_boards(os.path.join(inp, 'report.yaml'))
boards = [b for b in boards if not b.startswith('E0')]
lo, hi = (d.isoformat() for d in
          scrcases.read_period(os.path.join(inp, 'report.yaml')))
cases = {b: 0 for b in boards}
children = {b: 0 for b in boards}
for k in scrcases.read_cases(inp):
    done = k.get('completed')
    if not done or not (lo <= done <= hi):
        continue
    b = k['lscb']
    cases[b] += 1
    children[b] += len(k['children'])

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

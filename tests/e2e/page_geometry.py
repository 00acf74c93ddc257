#!/usr/bin/env python3
"""Reads a paper's page geometry back from its PDF (pdftotext -bbox-layout
for the text, and the page drawn at 50 dpi in grey by pdftoppm for the ink
of charts, maps and rules) and checks the breaking rules of the
typesetter:

  - no page but the last, or one before a forced break (a @pagebreak is
    not known here, so --forced PAGE names them), is more than
    --max-empty (15 %) empty at the foot of its body area: from the
    lowest ink of the body area (text, footnotes, charts, table rules) to
    the body's foot;
  - no page ends on a line that introduces what follows (ending in ":");
  - a paragraph split across pages leaves at least two lines at the foot
    and two at the head.

Usage: page_geometry.py [--max-empty F] [--forced N]... [--report] FILE.pdf...
Prints one line a page with --report; exits 1 on a broken rule, naming
the file, the page and the rule.
"""
import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

# The body area of the page (pipeline/render_int.h): A4, top margin 70.866,
# body bottom 85 pt above the page foot; the footer sits below it.
PAGE_H = 841.890
BODY_TOP = 70.866
BODY_BOTTOM = PAGE_H - 85.0
BODY_H = BODY_BOTTOM - BODY_TOP

NS = "{http://www.w3.org/1999/xhtml}"


NOTE_X = 70.866 + 14.0  # footnote text (PDF_NOTE_INDENT)
GAP = 4.0               # most space between two lines of one paragraph


def pages_of(path):
    """Returns, for each page, the rows of its body text (footnotes and
    the running footer left out) as [ymin, ymax, text], top to bottom;
    the pieces of one row (a bullet and its text) are merged."""
    xml = subprocess.run(["pdftotext", "-bbox-layout", path, "-"],
                         check=True, capture_output=True).stdout
    root = ET.fromstring(xml)
    pages = []
    for page in root.iter(NS + "page"):
        lines = []
        for line in page.iter(NS + "line"):
            words = [w.text or "" for w in line.iter(NS + "word")]
            lines.append((float(line.get("xMin")), float(line.get("yMin")),
                          float(line.get("yMax")), " ".join(words)))
        notes = {round(l[1]) for l in lines if abs(l[0] - NOTE_X) < 0.5}
        rows = []
        for x, y0, y1, text in sorted(lines, key=lambda l: (l[1], l[0])):
            if y0 >= BODY_BOTTOM or round(y0) in notes:
                continue
            if rows and abs(rows[-1][0] - y0) < 1.0:
                rows[-1][2] += " " + text
                rows[-1][1] = max(rows[-1][1], y1)
            else:
                rows.append([y0, y1, text])
        pages.append(rows)
    return pages


DPI = 50


def ink_bottoms(path):
    """Returns, for each page, the lowest point (in points from the page
    top) of ink in its body area, or BODY_TOP for a blank one: the page is
    drawn in grey at DPI and read back (binary PGM)."""
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["pdftoppm", "-r", str(DPI), "-gray", path,
                        os.path.join(tmp, "p")], check=True)
        for name in sorted(os.listdir(tmp)):
            with open(os.path.join(tmp, name), "rb") as f:
                data = f.read()
            # "P5\nW H\n255\n" then W * H bytes.
            fields = data.split(maxsplit=4)
            w, h = int(fields[1]), int(fields[2])
            px = fields[4] if len(fields[4]) == w * h else \
                data[len(data) - w * h:]
            top = int(BODY_TOP * DPI / 72)
            bottom = min(h, int(BODY_BOTTOM * DPI / 72))
            low = BODY_TOP
            for y in range(bottom - 1, top - 1, -1):
                row = px[y * w:(y + 1) * w]
                if min(row) < 200:
                    low = (y + 1) * 72.0 / DPI
                    break
            out.append(low)
    return out


def runs(rows):
    """Splits rows into runs of lines set close together (paragraphs)."""
    out = []
    for r in rows:
        if out and r[0] - out[-1][-1][1] < GAP:
            out[-1].append(r)
        else:
            out.append([r])
    return out


def check(path, max_empty, forced, report):
    pages = pages_of(path)
    inks = ink_bottoms(path)
    errors = []
    n = len(pages)
    if len(inks) != n:
        return ["pdftoppm drew %d pages, pdftotext read %d" %
                (len(inks), n)]
    for i, rows in enumerate(pages):
        bottom = max([r[1] for r in rows] + [inks[i]])
        empty = max(0.0, (BODY_BOTTOM - bottom) / BODY_H)
        if report:
            print("%s page %d empty %.1f%%" % (path, i + 1, 100 * empty))
        last = i == n - 1 or (i + 1) in forced
        if not last and empty > max_empty:
            errors.append("page %d is %.0f%% empty at the foot (at most "
                          "%.0f%%)" % (i + 1, 100 * empty, 100 * max_empty))
        if not rows or i == n - 1 or not pages[i + 1]:
            continue
        tail = runs(rows)[-1]
        head = runs(pages[i + 1])[0]
        text = tail[-1][2].rstrip()
        if text.endswith(":"):
            errors.append("page %d ends on a line that introduces what "
                          "follows: \"%s\"" % (i + 1, text))
        # A paragraph runs on when the foot's line does not end a
        # sentence and the head's line starts in lower case.
        if (not re.search(r"[.:;!?)\u201d\"]$", text) and
                re.match(r"^[a-z]", head[0][2])):
            if len(tail) < 2:
                errors.append("page %d: one line of a paragraph alone at "
                              "the foot: \"%s\"" % (i + 1, text))
            if len(head) < 2:
                errors.append("page %d: one line of a paragraph alone at "
                              "the head: \"%s\"" % (i + 2, head[0][2]))
    return errors


def main(argv):
    max_empty = 0.15
    forced = set()
    report = False
    files = []
    it = iter(argv)
    for a in it:
        if a == "--max-empty":
            max_empty = float(next(it))
        elif a == "--forced":
            forced.add(int(next(it)))
        elif a == "--report":
            report = True
        else:
            files.append(a)
    bad = 0
    for f in files:
        for e in check(f, max_empty, forced, report):
            print("%s: %s" % (f, e), file=sys.stderr)
            bad = 1
    return bad


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

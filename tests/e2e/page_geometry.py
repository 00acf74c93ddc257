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
    and two at the head;
  - no blank band between two inked rows of a page's body is taller than
    --max-gap (0.2) of the body: vertical justification's gaps are capped.

Usage: page_geometry.py [--max-empty F] [--max-gap F] [--forced N]...
                        [--report] FILE.pdf...
       page_geometry.py --self-test [options] [FILE.pdf...]
Prints one line a page with --report (its empty foot and tallest blank
band); exits 1 on a broken rule, naming the file, the page and the rule.
--self-test makes a PDF of pages that break each rule (and of pages that
keep them) and exits 1 unless every rule, and only it, is caught (each
rule missed a line "self-test NAME: ..." on the standard error); then
checks the FILEs named, if any (one Python start for both).
"""
import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "lib"))
from gray_pages import gray_pages  # noqa: E402

# The body area of the page (pipeline/render/render_int.h): A4, top margin 70.866,
# body bottom 85 pt above the page foot; the footer sits below it.
PAGE_H = 841.890
BODY_TOP = 70.866
BODY_BOTTOM = PAGE_H - 85.0
BODY_H = BODY_BOTTOM - BODY_TOP

NS = "{http://www.w3.org/1999/xhtml}"


# The tallest blank band between two inked rows of a page's body, as a
# share of the body: the gaps vertical justification grows stay well
# under it (pipeline/render/render_int.h, PDF_STRETCH: at most doubled and 24 pt
# more, past that only as far as a page 10 % empty).
MAX_GAP = 0.2

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
    top) of ink in its body area, or BODY_TOP for a blank one, and the
    tallest blank band between two inked rows of the body area (points):
    the page is drawn in grey at DPI and read back (binary PGM)."""
    out = []
    for w, h, dark in gray_pages(path, DPI):
        top = int(BODY_TOP * DPI / 72)
        bottom = min(h, int(BODY_BOTTOM * DPI / 72))
        # The inked rows of the body, found by searching the pixels
        # marked inked rather than row by row.
        inked = []
        pos = dark.find(1, top * w, bottom * w)
        while pos != -1:
            y = pos // w
            inked.append(y)
            pos = dark.find(1, (y + 1) * w, bottom * w)
        low = (inked[-1] + 1) * 72.0 / DPI if inked else BODY_TOP
        gap = max([b - a - 1 for a, b in zip(inked, inked[1:])] + [0])
        out.append((low, gap * 72.0 / DPI))
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


def check(path, max_empty, forced, report, max_gap=MAX_GAP):
    pages = pages_of(path)
    inks = ink_bottoms(path)
    errors = []
    n = len(pages)
    if len(inks) != n:
        return ["pdftoppm drew %d pages, pdftotext read %d" %
                (len(inks), n)]
    for i, rows in enumerate(pages):
        bottom = max([r[1] for r in rows] + [inks[i][0]])
        empty = max(0.0, (BODY_BOTTOM - bottom) / BODY_H)
        gap = inks[i][1]
        if report:
            print("%s page %d empty %.1f%% gap %.0f" % (path, i + 1,
                                                       100 * empty, gap))
        last = i == n - 1 or (i + 1) in forced
        if not last and empty > max_empty:
            errors.append("page %d is %.0f%% empty at the foot (at most "
                          "%.0f%%)" % (i + 1, 100 * empty, 100 * max_empty))
        if gap > max_gap * BODY_H:
            errors.append("page %d has a blank band of %.0f pt between "
                          "blocks (at most %.0f)" % (i + 1, gap,
                                                     max_gap * BODY_H))
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


def write_pdf(path, pages):
    """Writes a PDF of A4 pages, each a list of (top, text): one line of
    12 pt Helvetica whose box starts top points below the page's top."""
    objs = ["<< /Type /Catalog /Pages 2 0 R >>", None,
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    kids = []
    for lines in pages:
        ops = "".join("BT /F1 12 Tf 72 %.2f Td (%s) Tj ET\n" %
                      (PAGE_H - top - 10, text) for top, text in lines)
        objs.append("<< /Length %d >>\nstream\n%sendstream" %
                    (len(ops), ops))
        objs.append("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595.276 "
                    "841.89] /Resources << /Font << /F1 3 0 R >> >> "
                    "/Contents %d 0 R >>" % len(objs))
        kids.append("%d 0 R" % len(objs))
    objs[1] = "<< /Type /Pages /Kids [%s] /Count %d >>" % (" ".join(kids),
                                                          len(kids))
    out = "%PDF-1.4\n"
    offs = []
    for i, o in enumerate(objs):
        offs.append(len(out))
        out += "%d 0 obj\n%s\nendobj\n" % (i + 1, o)
    xref = len(out)
    out += "xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += "".join("%010d 00000 n \n" % o for o in offs)
    out += ("trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n"
            % (len(objs) + 1, xref))
    with open(path, "w", encoding="latin-1") as f:
        f.write(out)


def para(top, n, last="ends here.", first="A line of a paragraph"):
    """n lines of one paragraph (15 pt apart) from top, the last one
    ending in last."""
    return [(top + 15 * k, (first if k == 0 else "continues on this line")
             if k < n - 1 else last) for k in range(n)]


def self_test():
    """Checks that every rule fails on a page made to break it, and that
    pages that keep them pass."""
    full = para(BODY_TOP, 20) + para(BODY_TOP + 310, 20)  # to the foot
    cases = [
        ("good", [full, para(BODY_TOP, 3)], set(), None),
        ("half empty", [para(BODY_TOP, 20), full], set(),
         ("page 1 is 5", "% empty at the foot")),
        ("forced break", [para(BODY_TOP, 20), full], {1}, None),
        ("colon", [full[:-1] + [(full[-1][0], "as follows:")],
                   para(BODY_TOP, 3)], set(), "introduces what follows"),
        ("orphan", [para(BODY_TOP, 20) + para(BODY_TOP + 310, 19) +
                    [(BODY_TOP + 310 + 19 * 15 + 12, "One line alone")],
                    para(BODY_TOP, 3, first="and its end")], set(),
         "one line of a paragraph alone at the foot"),
        ("widow", [full[:-1] + [(full[-1][0], "runs on")],
                   [(BODY_TOP, "and ends alone.")] +
                   para(BODY_TOP + 30, 3)], set(),
         "one line of a paragraph alone at the head"),
        ("gap", [para(BODY_TOP, 10) + para(BODY_TOP + 400, 15),
                 para(BODY_TOP, 3)], set(), "blank band of"),
    ]
    bad = 0
    with tempfile.TemporaryDirectory() as tmp:
        for name, pages, forced, want in cases:
            path = os.path.join(tmp, name.replace(" ", "-") + ".pdf")
            write_pdf(path, pages)
            errors = check(path, 0.15, forced, False)
            words = (want,) if isinstance(want, str) else want or ()
            hit = [e for e in errors if words and
                   all(w in e for w in words)]
            if (want is None and errors) or (want is not None and
                                             (not hit or
                                              len(errors) != 1)):
                print("self-test %s: want %s, got %s" %
                      (name, want or "no error", errors), file=sys.stderr)
                bad = 1
    return bad


def main(argv):
    max_empty = 0.15
    max_gap = MAX_GAP
    forced = set()
    report = False
    selftest = False
    files = []
    it = iter(argv)
    for a in it:
        if a == "--max-empty":
            max_empty = float(next(it))
        elif a == "--max-gap":
            max_gap = float(next(it))
        elif a == "--forced":
            forced.add(int(next(it)))
        elif a == "--report":
            report = True
        elif a == "--self-test":
            selftest = True
        else:
            files.append(a)
    bad = self_test() if selftest else 0
    for f in files:
        for e in check(f, max_empty, forced, report, max_gap):
            print("%s: %s" % (f, e), file=sys.stderr)
            bad = 1
    return bad


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

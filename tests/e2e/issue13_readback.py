#!/usr/bin/env python3
"""issue13_readback.py: every word of a PDF once, in order, inside the body.

Usage: issue13_readback.py PAPER.pdf N [PAPER.pdf N]...

Reads each PAPER.pdf back with `pdftotext -bbox` and checks that the words
word0 .. word(N-1) occur once each and in order, that every word of
every page but the page numbers ("Page N of M") lies inside the body area
(70.9 to 756.9 points down, render_int.h), and that no two words of a
page overlap.  Prints up to 10 problems a paper, each line led by the
paper's name and ": "; exits 1 if there is any.  (Several papers in one
process: a Python start costs as much as a paper's check.)
"""
import re, subprocess, sys, xml.etree.ElementTree as ET
NS = "{http://www.w3.org/1999/xhtml}"


def check(pdf, n):
    """The problems of pdf, whose words are word0 .. word(n-1)."""
    xml = subprocess.run(["pdftotext", "-bbox", pdf, "-"], check=True,
                         capture_output=True).stdout
    seen, bad = [], []
    for pg, page in enumerate(ET.fromstring(xml).iter(NS + "page"), 1):
        boxes = []
        for w in page.iter(NS + "word"):
            t = w.text or ""
            x0, y0, x1, y1 = (float(w.get(k)) for k in
                              ("xMin", "yMin", "xMax", "yMax"))
            m = re.fullmatch(r"word(\d+)", t)
            if m:
                seen.append(int(m.group(1)))
            # The body area (render_int.h): 70.9 to 756.9 points down.
            if (y0 < 70.0 or y1 > 757.5) and not re.fullmatch(
                    r"Page|\d+|of", t):
                bad.append("page %d: %r outside the body (%.1f-%.1f)" %
                           (pg, t, y0, y1))
            for b in boxes:
                if x0 < b[2] - 0.5 and b[0] < x1 - 0.5 and \
                        y0 < b[3] - 0.5 and b[1] < y1 - 0.5:
                    bad.append("page %d: %r overlaps %r" % (pg, t, b[4]))
            boxes.append((x0, y0, x1, y1, t))
    if seen != list(range(n)):
        missing = sorted(set(range(n)) - set(seen))
        bad.append("%d of %d words read back in order; missing %s" %
                   (len(seen), n, missing[:5]))
    return bad


args = sys.argv[1:]
if not args or len(args) % 2:
    sys.exit("usage: issue13_readback.py PAPER.pdf N [PAPER.pdf N]...")
failed = 0
for pdf, n in zip(args[::2], args[1::2]):
    bad = check(pdf, int(n))
    for b in bad[:10]:
        print("%s: %s" % (pdf, b))
    failed |= bool(bad)
sys.exit(1 if failed else 0)

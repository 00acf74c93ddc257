#!/usr/bin/python3
"""Prints where each page of a PDF carries ink, for the layout checks of
tests/e2e/test_issue31_layout.sh:

    ink_box.py FILE.pdf
    ink_box.py FILE.pdf OUT [FILE.pdf OUT]...

one line a page: "PAGE X0 Y0 X1 Y1 MARGIN", the box of every dark pixel
(grey < 200) of the page drawn at 60 dpi by pdftoppm, in points from the
page's top left ("- - - -" for a blank page), and MARGIN the number of
dark pixel rows between the body's foot and the footer's text, where
nothing may be drawn (an A4 page: body foot 85 pt, footer baseline 42 pt
above the page's foot).  With one FILE the lines go to standard output;
with pairs, each FILE's lines go to its OUT (one process for several
PDFs; an OUT is left empty, and the exit status is 1, when pdftoppm
cannot read its FILE).
"""
import os
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "lib"))
from gray_pages import gray_pages  # noqa: E402

DPI = 60
PAGE_H = 841.890
BODY_FOOT = PAGE_H - 85.0
FOOTER_TOP = PAGE_H - 42.0 - 14.0


def boxes(pdf, out):
    for i, (w, h, px) in enumerate(gray_pages(pdf, DPI)):
        xs, ys, margin = [], [], 0
        lo = int(BODY_FOOT * DPI / 72) + 2
        hi = int(FOOTER_TOP * DPI / 72) - 1
        for y in range(h):
            row = px[y * w:(y + 1) * w]
            first = row.find(1)
            if first < 0:
                continue
            if lo <= y < hi:
                margin += 1
            if y * 72.0 / DPI < FOOTER_TOP:
                ys.append(y)
                xs.append(first)
                xs.append(row.rfind(1))
        if ys:
            k = 72.0 / DPI
            print("%d %.0f %.0f %.0f %.0f %d" % (
                i + 1, min(xs) * k, min(ys) * k, (max(xs) + 1) * k,
                (max(ys) + 1) * k, margin), file=out)
        else:
            print("%d - - - - %d" % (i + 1, margin), file=out)

def main():
    args = sys.argv[1:]
    if len(args) == 1:
        boxes(args[0], sys.stdout)
        return
    if not args or len(args) % 2:
        sys.exit("usage: ink_box.py FILE.pdf | FILE.pdf OUT [FILE.pdf OUT]...")
    ok = True
    for pdf, path in zip(args[0::2], args[1::2]):
        with open(path, "w") as out:
            try:
                boxes(pdf, out)
            except subprocess.CalledProcessError:
                print("ink_box.py: pdftoppm cannot read " + pdf,
                      file=sys.stderr)
                ok = False
    sys.exit(0 if ok else 1)


main()

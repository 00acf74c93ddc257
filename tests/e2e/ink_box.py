#!/usr/bin/python3
"""Prints where each page of a PDF carries ink, for the layout checks of
tests/e2e/test_issue31_layout.sh:

    ink_box.py FILE.pdf

one line a page: "PAGE X0 Y0 X1 Y1 MARGIN", the box of every dark pixel
(grey < 200) of the page drawn at 60 dpi by pdftoppm, in points from the
page's top left ("- - - -" for a blank page), and MARGIN the number of
dark pixel rows between the body's foot and the footer's text, where
nothing may be drawn (an A4 page: body foot 85 pt, footer baseline 42 pt
above the page's foot).
"""
import os
import subprocess
import sys
import tempfile

DPI = 60
PAGE_H = 841.890
BODY_FOOT = PAGE_H - 85.0
FOOTER_TOP = PAGE_H - 42.0 - 14.0


def main():
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["pdftoppm", "-r", str(DPI), "-gray", sys.argv[1],
                        os.path.join(tmp, "p")], check=True)
        for i, name in enumerate(sorted(os.listdir(tmp))):
            with open(os.path.join(tmp, name), "rb") as f:
                data = f.read()
            fields = data.split(maxsplit=4)
            w, h = int(fields[1]), int(fields[2])
            px = data[len(data) - w * h:]
            xs, ys, margin = [], [], 0
            lo = int(BODY_FOOT * DPI / 72) + 2
            hi = int(FOOTER_TOP * DPI / 72) - 1
            for y in range(h):
                row = px[y * w:(y + 1) * w]
                dark = [x for x in range(w) if row[x] < 200]
                if not dark:
                    continue
                if lo <= y < hi:
                    margin += 1
                if y * 72.0 / DPI < FOOTER_TOP:
                    ys.append(y)
                    xs.append(dark[0])
                    xs.append(dark[-1])
            if ys:
                k = 72.0 / DPI
                print("%d %.0f %.0f %.0f %.0f %d" % (
                    i + 1, min(xs) * k, min(ys) * k, (max(xs) + 1) * k,
                    (max(ys) + 1) * k, margin))
            else:
                print("%d - - - - %d" % (i + 1, margin))


main()

#!/usr/bin/python3
"""Checks the browser's print of an HTML paper, for tests/e2e/test_html.sh:

    print_check.py [--max-empty F] [--report] FILE.pdf...

Each FILE.pdf is a paper printed by Chromium (its print style sheet: A4,
margins 2 cm top and bottom, the page number in the bottom margin). For
every page:

  - no page but the last is more than --max-empty (0.2) empty at the foot
    of its body area: from the lowest ink of the body area (the page drawn
    in grey at 60 dpi by pdftoppm; dark is grey < 200) to the body's foot;
    unless the next page starts with a figure (its first line of text is
    its caption, "Figure N"): a figure is never broken (the print style's
    break-inside: avoid), so the browser moves it whole to the next page
    only when it is taller than the room left, and that room stays empty;
    a table breaks between its rows, so no table excuses a gap;
  - the page carries its number, "Page N of M", in its own text
    (pdftotext -layout of that page alone);
  - no page shows a web-only link: "Skip to main content" or "Back to the
    text".

Prints one line a page with --report; exits 1 on a broken rule, naming
the file, the page and the rule.
"""
import os
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "lib"))
from gray_pages import gray_pages  # noqa: E402

DPI = 60
PAGE_H = 841.890          # A4, points
MARGIN = 72.0 * 2 / 2.54  # @page margin, top and bottom: 2 cm
BODY_TOP = MARGIN
BODY_BOTTOM = PAGE_H - MARGIN
BODY_H = BODY_BOTTOM - BODY_TOP
WEB_ONLY = ("Skip to main content", "Back to the text")


def ink_bottoms(path):
    """Returns, for each page, the lowest point (points from the page
    top) of ink in its body area, or BODY_TOP for a blank body."""
    out = []
    for w, h, ink in gray_pages(path, DPI):
        top = int(BODY_TOP * DPI / 72)
        bottom = min(h, int(BODY_BOTTOM * DPI / 72))
        pos = ink.rfind(1, top * w, bottom * w)
        out.append((pos // w + 1) * 72.0 / DPI if pos != -1 else BODY_TOP)
    return out


def page_text(path, page):
    return subprocess.run(["pdftotext", "-layout", "-f", str(page), "-l",
                           str(page), path, "-"], check=True,
                          capture_output=True, text=True).stdout


def starts_with_figure(text):
    """Whether a page's text begins with a figure's caption."""
    for line in text.splitlines():
        if line.strip():
            return line.strip().startswith("Figure ")
    return False


def check(path, max_empty, report):
    errors = []
    inks = ink_bottoms(path)
    n = len(inks)
    if n == 0:
        return ["no pages"]
    texts = [page_text(path, i + 1) for i in range(n)]
    for i, low in enumerate(inks):
        empty = max(0.0, (BODY_BOTTOM - low) / BODY_H)
        text = texts[i]
        figure_next = i < n - 1 and starts_with_figure(texts[i + 1])
        if report:
            print("%s page %d of %d: empty %.1f%%%s" % (
                path, i + 1, n, 100 * empty,
                " (a figure starts the next page)" if figure_next else ""))
        if i < n - 1 and empty > max_empty and not figure_next:
            errors.append("page %d is %.0f%% empty at the foot (at most "
                          "%.0f%%)" % (i + 1, 100 * empty, 100 * max_empty))
        number = "Page %d of %d" % (i + 1, n)
        if number not in text:
            errors.append("page %d does not carry \"%s\"" % (i + 1, number))
        for web in WEB_ONLY:
            if web in text:
                errors.append("page %d prints the web-only link \"%s\"" %
                              (i + 1, web))
    return errors


def main(argv):
    max_empty = 0.2
    report = False
    files = []
    i = 0
    while i < len(argv):
        if argv[i] == "--max-empty":
            max_empty = float(argv[i + 1])
            i += 1
        elif argv[i] == "--report":
            report = True
        else:
            files.append(argv[i])
        i += 1
    if not files:
        sys.stderr.write(__doc__)
        return 2
    bad = 0
    for path in files:
        for e in check(path, max_empty, report):
            print("%s: %s" % (path, e))
            bad = 1
    return bad


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

#!/usr/bin/env python3
"""a11y_check.py DIR < NAMES: the Python checks of tests/e2e/test_a11y.sh
on every paper, in one process (a Python start costs about as much as
the checks of a paper).

NAMES holds one name a line.  For each NAME:
  - tests/unit/pdf_struct.py --check on DIR/NAME.1.pdf (each footnote's
    Note follows the element that cites it, each Caption is the first
    child of its Table or Figure): what it prints goes to DIR/NAME.struct,
    and DIR/NAME.struct.bad is written when it fails;
  - tests/e2e/a11y_reading_order.py's reading order on DIR/NAME.seen.pages,
    DIR/NAME.tagged and DIR/NAME.notes: DIR/NAME.seen and
    DIR/NAME.tagged.nonotes, as that script writes them (the latter not
    written when a Note's text is not in the structure's).
The caller compares and reports; exits 0 unless a file cannot be read.
"""
import os
import sys

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, "..", "lib"))
sys.path.insert(0, here)
from a11y_reading_order import reading_order  # noqa: E402
from inproc import run_script  # noqa: E402

STRUCT = os.path.join(here, "..", "unit", "pdf_struct.py")


def main():
    d = sys.argv[1]
    for name in sys.stdin.read().split("\n"):
        if not name:
            continue
        base = os.path.join(d, name)
        if run_script(STRUCT, ["--check", base + ".1.pdf"],
                      out=base + ".struct") != 0:
            open(base + ".struct.bad", "w").close()
        with open(base + ".seen.pages", encoding="utf-8") as f:
            pages = f.read()
        with open(base + ".tagged", encoding="utf-8") as f:
            tagged = f.read()
        with open(base + ".notes", encoding="utf-8") as f:
            notes = f.read()
        r = reading_order(pages, tagged, notes)
        seen = ""
        if r is not None:
            seen = r[0]
            with open(base + ".tagged.nonotes", "w", encoding="utf-8") as f:
                f.write(r[1])
        with open(base + ".seen", "w", encoding="utf-8") as f:
            f.write(seen)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""csv_no_formula.py: no cell of a CSV would run as a spreadsheet formula.

Usage: csv_no_formula.py FILE.csv...

Issue 32.6: a board named as a formula (tests/e2e/issue32_formula_board.py)
must be written neutralised.  Checks every FILE in one process: fails
(prints "FILE: runs: CELL", exits 1) on a cell starting with =, +, @, a
tab or a carriage return, or with - when it is not a negative number, and
on a FILE where no cell holds the neutralised formula ('=HYPERLINK...,
printed "FILE: no neutralised formula"); exits 0 otherwise.
"""
import csv, sys


def check(path):
    n = 0
    for row in csv.reader(open(path, encoding="utf-8", newline="")):
        for cell in row:
            if cell[:1] in ("=", "+", "@", "\t", "\r") or \
                    (cell[:1] == "-" and not cell.lstrip("-").isdigit()):
                print(path + ": runs:", cell)
                return False
            n += cell.startswith("'=HYPERLINK")
    if n == 0:
        print(path + ": no neutralised formula")
    return n > 0


ok = True
for path in sys.argv[1:]:
    ok = check(path) and ok
sys.exit(0 if ok and len(sys.argv) > 1 else 1)

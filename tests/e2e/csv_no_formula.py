#!/usr/bin/env python3
"""csv_no_formula.py: no cell of a CSV would run as a spreadsheet formula.

Usage: csv_no_formula.py FILE.csv

Issue 32.6: a board named as a formula (tests/e2e/issue32_formula_board.py)
must be written neutralised.  Fails (prints "runs: CELL", exits 1) on the
first cell starting with =, +, @, a tab or a carriage return, or with -
when it is not a negative number; exits 1 too when no cell holds the
neutralised formula ('=HYPERLINK...), 0 otherwise.
"""
import csv, sys
n = 0
for row in csv.reader(open(sys.argv[1], encoding="utf-8", newline="")):
    for cell in row:
        if cell[:1] in ("=", "+", "@", "\t", "\r") or \
                (cell[:1] == "-" and not cell.lstrip("-").isdigit()):
            print("runs:", cell)
            sys.exit(1)
        n += cell.startswith("'=HYPERLINK")
sys.exit(0 if n > 0 else 1)

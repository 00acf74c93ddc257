#!/usr/bin/env python3
"""issue31_csv_tables.py: every CSV under a folder is one table (issue 31.26).

Usage: issue31_csv_tables.py DIR

Reads every *.csv under DIR (recursively) with Python's csv module: each
must have rows, all of one width, and no empty row.  Prints each file
that is not, with its number of rows and its widths; exits 1 if any.
"""
import csv, pathlib, sys
bad = 0
for p in sorted(pathlib.Path(sys.argv[1]).rglob("*.csv")):
    with open(p, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    widths = {len(r) for r in rows}
    if not rows or len(widths) != 1 or any(not any(r) for r in rows):
        print(f"{p.name}: {len(rows)} rows, widths {sorted(widths)}")
        bad = 1
sys.exit(bad)

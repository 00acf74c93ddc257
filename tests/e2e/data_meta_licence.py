#!/usr/bin/env python3
"""data_meta_licence.py: every row of the data set's metadata states the
licence.

Usage: data_meta_licence.py SCR_FIGURES.meta.csv LICENCE

Exits 0 when the metadata's last column is "licence", it has 25 rows
(the header and 24) and every row's licence is LICENCE (report.yaml's
`licence:`), else 1.
"""
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8", newline="")))
got = {r[-1] for r in rows[1:]}
sys.exit(0 if rows[0][-1] == "licence" and len(rows) == 25 and
         got == {sys.argv[2]} else 1)

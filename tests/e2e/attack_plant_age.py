#!/usr/bin/env python3
"""attack_plant_age.py: plants a leak of age_16_plus in a board ledger.

Usage: attack_plant_age.py FIGURES.csv

FIGURES.csv is `scrpaper figures --all-lscbs` of the leak3 cohort
(tests/attack/make_cohorts.py --leaks).  Every [c] of age_16_plus of a
board with reviews is rewritten in place as a shown 0, but one (Newham's,
else the first): that one is then London's count less the others', for
`scrpaper audit --published` to work back.
"""
import csv, sys
path = sys.argv[1]
rows = list(csv.reader(open(path, encoding="utf-8")))
cases = {r[0]: int(r[3]) for r in rows[1:] if r[1] == "cases" and r[3]}
hidden = [r for r in rows[1:] if r[1] == "age_16_plus" and r[6] == "[c]"
          and cases.get(r[0], 0) > 0]
keep = [r for r in hidden if r[0] == "Newham"] or hidden[:1]
for r in hidden:
    if r is not keep[0]:
        r[3], r[6] = "0", "0%"
with open(path, "w", encoding="utf-8", newline="") as f:
    csv.writer(f, lineterminator="\n").writerows(rows)

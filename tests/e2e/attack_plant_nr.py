#!/usr/bin/env python3
"""attack_plant_nr.py: plants the not_recorded leak in a board ledger.

Usage: attack_plant_nr.py FIGURES.csv

FIGURES.csv is `scrpaper figures --all-lscbs` of tests/attack/red_leak_nr.py's
cohort.  Asserts that Barking and Dagenham's mother_abused_as_child is not
recorded in all 6 of its reviews and that the control hid that cell or
Westminster's; then rewrites the ledger in place as the old control
published it (Barking's count [c], Westminster's 0 shown), for
`scrpaper audit --published` to find.  Exits 1 (an AssertionError) if the
cohort is not as expected.
"""
import csv, sys
path = sys.argv[1]
rows = list(csv.reader(open(path, encoding="utf-8")))
cell = {(r[0], r[1]): r for r in rows[1:]}
bar = cell[("Barking and Dagenham", "mother_abused_as_child")]
wes = cell[("Westminster", "mother_abused_as_child")]
# The control must not print Barking's count beside a hidden Westminster
# unless Westminster's is protected some other way: here it shows 0.
assert bar[7] == bar[4] == "6", bar
assert wes[6] == "[c]" or bar[6] == "[c]", (bar, wes)
bar[3], bar[5], bar[6] = "", "", "[c]"
wes[3], wes[5], wes[6] = "0", "0", "0%"
with open(path, "w", encoding="utf-8", newline="") as f:
    csv.writer(f, lineterminator="\n").writerows(rows)

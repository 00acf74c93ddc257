#!/usr/bin/env python3
"""data_ledgers.py: writes the open data set back in the ledgers' form.

Usage: data_ledgers.py SCR_FIGURES.csv DIR

Writes DIR/figures.csv (the region's rows) and DIR/lscb/figures.csv (the
boards') as `scrpaper figures` and `figures --all-lscbs` print them, from
the data set's rows (national rows left out; c, z and x as empty cells,
a c numerator as [c]), for `scrpaper audit --published DIR` to attack.
"""
import csv, os, sys
src, dst = sys.argv[1], sys.argv[2]
os.makedirs(os.path.join(dst, "lscb"), exist_ok=True)
UNIT = {"Reviews": "cases", "Children": "children",
        "Children who died": "deaths", "z": "count"}
def cell(v):
    return "" if v in ("c", "z", "x") else v
with open(os.path.join(dst, "figures.csv"), "w", encoding="utf-8") as rf, \
        open(os.path.join(dst, "lscb", "figures.csv"), "w",
             encoding="utf-8") as bf:
    rw = csv.writer(rf, lineterminator="\n")
    bw = csv.writer(bf, lineterminator="\n")
    rw.writerow(["name", "unit", "numerator", "denominator", "percent",
                 "text", "not_recorded"])
    bw.writerow(["lscb", "name", "unit", "numerator", "denominator",
                 "percent", "text", "not_recorded"])
    for r in csv.DictReader(open(src, encoding="utf-8", newline="")):
        if r["geographic_level"] == "National":
            continue
        f = [r["figure_id"], UNIT[r["base"]], cell(r["numerator"]),
             cell(r["denominator"]), cell(r["percentage"]),
             "[c]" if r["numerator"] == "c" else r["numerator"],
             cell(r["not_recorded"])]
        if r["geographic_level"] == "Regional":
            rw.writerow(f)
        else:
            bw.writerow([r["la_name"]] + f)

#!/usr/bin/env python3
"""Self-test of red_pool.py: plants a leak in a pooled --all-lscbs ledger.

For the first board figure whose current period is [c] (true value 1 to
5) and whose total over the periods is shown, prints every earlier
period's value: the total less them is the current one.
Usage: red_plant_pool.py BRD TRUTH OUT
"""

import csv
import json
import sys

rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8")))
tj = json.load(open(sys.argv[2]))
cur, truth = tj["periods"][-1], tj["counts"]
by = {(r["period"], r["lscb"], r["name"]): r for r in rows}
for r in rows:
    b, n = r["lscb"], r["name"]
    t = truth.get("%s|%s|%s" % (cur, b, n))
    tot = by.get(("pooled", b, n))
    if r["period"] != cur or r["numerator"] != "" or not t or \
            not 1 <= t[0] <= 5 or not tot or tot["numerator"] == "":
        continue
    for (p, bb, nn), o in by.items():
        if bb == b and nn == n and p not in (cur, "pooled", "period"):
            o["numerator"] = str(truth["%s|%s|%s" % (p, b, n)][0])
    print("planted: every earlier %s %s shown beside the total" % (b, n))
    break
else:
    sys.exit("red_plant_pool.py: no cell to plant")
w = csv.DictWriter(open(sys.argv[3], "w", encoding="utf-8", newline=""),
                   fieldnames=list(rows[0]))
w.writeheader()
w.writerows(rows)

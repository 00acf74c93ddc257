#!/usr/bin/env python3
"""red_plant.py: plants a leak for the attacker's self-test.

Usage: red_plant.py BOARDS.csv TRUTH.json OUT.csv

BOARDS.csv is a cohort's board ledger of every period (the columns
period, lscb, name, numerator, denominator, ...), TRUTH.json its true
counts (tests/e2e/count_figures.py's "counts", keyed PERIOD|LSCB|NAME).
Finds the first board and period whose boys and girls are both [c] and
whose denominator is over 5, shows its true count of boys, and writes the
ledger so changed to OUT.csv (from which the attacker must work back the
girls); prints "planted: PERIOD LSCB boys shown".  Exits 1 (with a
message) when no such cell exists.
"""
import csv, json, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8")))
truth = json.load(open(sys.argv[2]))["counts"]
hid = {(r["period"], r["lscb"], r["name"]) for r in rows if r["numerator"] == ""}
done = None
for r in rows:
    k = (r["period"], r["lscb"], "girls")
    if r["name"] == "boys" and r["numerator"] == "" and k in hid and \
            r["denominator"] != "" and int(r["denominator"]) > 5:
        r["numerator"] = str(truth["%s|%s|boys" % (r["period"], r["lscb"])][0])
        done = k
        break
if done is None:
    sys.exit("no board with boys and girls both [c]")
w = csv.DictWriter(open(sys.argv[3], "w", encoding="utf-8", newline=""),
                   fieldnames=list(rows[0]))
w.writeheader()
w.writerows(rows)
print("planted: %s %s boys shown" % done[:2])

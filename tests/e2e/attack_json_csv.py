#!/usr/bin/env python3
"""attack_json_csv.py: the JSON ledgers of every board are the CSV's.

Usage: attack_json_csv.py ALL.csv ALL.json

ALL.csv is `scrpaper figures --all-lscbs`, ALL.json the same with
`--format json`.  Asserts that the JSON holds 33 boards and that every row
of the CSV but out_of_period has the JSON's numerator, denominator,
percent, text and not_recorded, cell for cell, and that every figure of
every board was compared.  Exits 1 (an AssertionError) on a difference.
"""
import csv, json, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8")))[1:]
ls = json.load(open(sys.argv[2], encoding="utf-8"))
assert len(ls) == 33, len(ls)
js = {}
for l in ls:
    for v in l["figures"]:
        js[(l["lscb"], v["name"])] = v
n = 0
for r in rows:
    if r[1] == "out_of_period":
        continue
    v = js[(r[0], r[1])]
    want = [r[3], r[4], r[5], r[6], r[7]]
    got = ["" if v[k] is None else str(v[k]) for k in
           ("numerator", "denominator", "percent", "text", "not_recorded")]
    assert want == got, (r, v)
    n += 1
assert n == 33 * len(ls[0]["figures"]), n

#!/usr/bin/env python3
"""signable_not_recorded.py: every share whose code was not recorded in
some reviews says so.

Usage: signable_not_recorded.py FIGURES.csv DUMP

FIGURES.csv is `scrpaper figures` (its first table), DUMP `render --dump
doc` of the same input.  Every block of the dump (paragraph, list item,
table row) that shows a share (not [c]) of a figure with not_recorded
above 0 must say "(not recorded in N of M UNITS", N and M the ledger's.
Prints the number of such blocks, or the blocks that do not say it (or
"no share with codes not recorded") and exits 1.
"""
import csv, re, sys
units = {"cases": "review", "children": "child",
         "deaths": "child"}   # a prefix of the plural too
nr = {}
lines = open(sys.argv[1], encoding="utf-8").read().split("\n\n")[0]
for r in csv.DictReader(lines.splitlines()):
    if r["unit"] != "count" and r["not_recorded"] not in ("", "0") \
            and r["denominator"] not in ("", "0"):
        nr[r["name"]] = "(not recorded in %s of %s %s" % (
            r["not_recorded"], r["denominator"], units[r["unit"]])
blocks, cur = [], None
for line in open(sys.argv[2], encoding="utf-8"):
    m = re.match(r"( *)(item|para|row) @", line)
    if m:
        cur = [len(m.group(1)), line]
        blocks.append(cur)
        continue
    if cur is not None and len(line) - len(line.lstrip()) > cur[0]:
        cur.append(line)
    else:
        cur = None
bad, said = [], 0
for b in blocks:
    text = "".join(b[1:])
    shown = set(re.findall(r'figref (?:region:)?([a-z0-9_]+)[^"]*"(?!\[c\])', text))
    for name in shown:
        if name in nr:
            if nr[name] in text.replace("\n", " "):
                said += 1
            else:
                bad.append("%s: %s" % (name, text.strip()[:120]))
if bad or said == 0:
    print("; ".join(bad) or "no share with codes not recorded")
    sys.exit(1)
print(said)

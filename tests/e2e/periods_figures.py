#!/usr/bin/env python3
"""periods_figures.py: every figure of every period against an independent
count (issue 15).

Usage: periods_figures.py TMP INPUT

TMP holds, for the input folder INPUT: counts.json (tests/e2e/
count_figures.py), all.csv (`figures --all-periods`), boards.csv
(`--all-periods --all-lscbs`), all.json (`--all-periods --format json`),
p-LABEL.csv for each period (`--period LABEL`), current.csv (`figures`),
check.out and check.err (`check`).  Checks: every London cell of every
period is its count, the periods in chronological order; each --period is
its rows of --all-periods and plain `figures` the current period's; the
JSON has the same values; every shown board cell is its count, and
hidden only when [c] (never cases or children); check counts the reviews
of every period and names the files in no period.  Prints up to 20
differences; exits 1 if any.
"""
import csv, json, os, sys
tmp, d = sys.argv[1:3]
want = json.load(open(os.path.join(tmp, "counts.json")))
periods, counts = want["periods"], want["counts"]
bad = []

def cell(s):
    return None if s == "" else int(s)

rows = list(csv.reader(open(os.path.join(tmp, "all.csv"), encoding="utf-8")))
assert rows[0] == ["period", "name", "unit", "numerator", "denominator",
                   "percent", "text", "not_recorded"], rows[0]
seen = set()
for r in rows[1:]:
    p, name = r[0], r[1]
    if name == "out_of_period":
        if int(r[3]) != want["out_of_period"][""]:
            bad.append("out_of_period %s: %s" % (p, r))
        continue
    got = [cell(r[3]), cell(r[4]), cell(r[5]), cell(r[7])]
    if got != counts["%s|%s|%s" % (p, "", name)]:
        bad.append("London %s %s: printed %s, counted %s" % (
            p, name, got, counts["%s||%s" % (p, name)]))
    seen.add((p, name))
nfig = len({k.split("|")[2] for k in counts})
if len(seen) != len(periods) * nfig:
    bad.append("expected %d London cells, read %d" %
               (len(periods) * nfig, len(seen)))
if [r[0] for r in rows[1:]][::nfig + 1] != periods:
    bad.append("periods not in chronological order")

# Each --period is its rows of --all-periods; no --period the current.
for p in periods:
    one = list(csv.reader(open(os.path.join(tmp, "p-%s.csv" % p),
                               encoding="utf-8")))
    one = one[1:one.index([])]
    if [[p] + r for r in one] != [r for r in rows[1:] if r[0] == p]:
        bad.append("figures --period %s differs from --all-periods" % p)
if open(os.path.join(tmp, "current.csv")).read() != \
        open(os.path.join(tmp, "p-%s.csv" % periods[-1])).read():
    bad.append("figures is not figures --period %s" % periods[-1])

# JSON: the same values.
js = json.load(open(os.path.join(tmp, "all.json"), encoding="utf-8"))
if [l["period"] for l in js] != periods:
    bad.append("JSON periods %s" % [l["period"] for l in js])
for l in js:
    for v in l["figures"]:
        got = [v["numerator"], v["denominator"], v["percent"],
               v["not_recorded"]]
        if got != counts["%s||%s" % (l["period"], v["name"])]:
            bad.append("JSON %s %s" % (l["period"], v["name"]))

# Boards: every shown cell is its count; the public ones always shown.
rows = list(csv.reader(open(os.path.join(tmp, "boards.csv"),
                            encoding="utf-8")))
assert rows[0][:3] == ["period", "lscb", "name"], rows[0]
nshown = nhidden = 0
for r in rows[1:]:
    p, b, name = r[0], r[1], r[2]
    if name == "out_of_period":
        continue
    c = counts["%s|%s|%s" % (p, b, name)]
    if r[4] == "":
        nhidden += 1
        if name in ("cases", "children") or r[7] != "[c]":
            bad.append("%s %s %s hidden wrongly: %s" % (p, b, name, r))
        continue
    nshown += 1
    if int(r[4]) != c[0] or (r[5] != "" and int(r[5]) != c[1]) or \
            (r[8] != "" and int(r[8]) != c[3]):
        bad.append("%s %s %s: printed %s, counted %s" % (p, b, name,
                                                          r[3:], c))
if nshown == 0:
    bad.append("no board cell shown")

# check: the reviews of every period, and the files in none.
out = open(os.path.join(tmp, "check.out")).read()
err = open(os.path.join(tmp, "check.err")).read()
n = {p: 0 for p in periods}
for k, v in counts.items():
    p, b, name = k.split("|")
    if b == "" and name == "cases":
        n[p] = v[0]
if not out.startswith("%d case" % n[periods[-1]]):
    bad.append("check: %s" % out)
for p in periods[:-1]:
    if "%s: %d case" % (p, n[p]) not in out:
        bad.append("check does not count %s's %d: %s" % (p, n[p], out))
left = err.count("outside the report's periods")
if left != want["out_of_period"][""]:
    bad.append("check names %d files in no period, expected %d" % (
        left, want["out_of_period"][""]))
for line in bad[:20]:
    print(line)
sys.exit(1 if bad else 0)

#!/usr/bin/env python3
"""data_periods.py: the open data set holds every period, each its ledger's.

Usage: data_periods.py DATA.csv REGION.csv BOARDS.csv README.txt LABEL:FIRST:LAST ...

DATA.csv is data/scr_figures.csv, REGION.csv and BOARDS.csv the ledgers
of every period (`figures --all-periods --pooled`, and with
--all-lscbs), README.txt the data set's README; each LABEL:FIRST:LAST a
period the data set must hold, in order ("pooled:..." for the total over
the periods, when disclosure: pool lets the board papers print it).
Checks that the data set's periods are those, each region and board cell
equal to its period's ledger's, the national rows once (period x), and
that the README names every period.  Prints the problems; exits 1 if any.
"""
import csv, sys

data, region_ledger, boards_ledger, readme = sys.argv[1:5]
want = [w.split(":") for w in sys.argv[5:]]   # label:first:last, in order
bad = []

def cells(unit, num, den, pct, text, nr):
    n = "c" if text == "[c]" else num
    if unit == "count":
        return [n, "z", "z", nr if nr != "" else "c"]
    return [n, den if den != "" else "c",
            "c" if text == "[c]" else (pct if pct != "" else "z"),
            nr if nr != "" else "c"]

labels = [w[0] for w in want]
led = {}
for path, lead in ((region_ledger, False), (boards_ledger, True)):
    for f in csv.reader(open(path, encoding="utf-8", newline="")):
        if f[0] == "period" or f[0] not in labels:
            continue
        per, f = f[0], f[1:]
        b = f[0] if lead else None
        f = f[1:] if lead else f
        if f[0] != "out_of_period":
            led[(per, b, f[0])] = cells(*f[1:7])
rows = list(csv.DictReader(open(data, encoding="utf-8", newline="")))
order, seen, nat = [], set(), set()
for r in rows:
    if r["geographic_level"] == "National":
        key = (r["study_id"], r["figure_id"])
        if r["period"] != "x" or key in nat:
            bad.append("national row %r: period %r or twice" % (key,
                                                               r["period"]))
        nat.add(key)
        continue
    per = r["period"]
    if per not in order:
        order.append(per)
    key = (per, None if r["geographic_level"] == "Regional" else r["la_name"],
           r["figure_id"])
    got = [r[k] for k in ("numerator", "denominator", "percentage",
                          "not_recorded")]
    if key in seen:
        bad.append("%r: two rows" % (key,))
    seen.add(key)
    if led.get(key) != got:
        bad.append("%r: %r, ledger %r" % (key, got, led.get(key)))
    w = want[labels.index(per)] if per in labels else None
    if w is None or [r["period_start"], r["period_end"]] != w[1:] or \
            r["time_period"] != w[2][:4]:
        bad.append("%r: days %s %s, year %s, want %r" % (key,
                   r["period_start"], r["period_end"], r["time_period"], w))
if order != labels:
    bad.append("periods %r, want %r" % (order, labels))
missing = [k for k in led if k not in seen]
if missing:
    bad.append("%d ledger cells not in the data set: %r" % (len(missing),
                                                           missing[:3]))
if not nat:
    bad.append("no national rows")
text = " ".join(open(readme, encoding="utf-8").read().split())
for l, a, b in want:
    line = "%s %s to %s" % (l, a, b) if l != "pooled" else \
        "pooled the total over the %d periods" % (len(want) - 1)
    if line not in text:
        bad.append("README.txt does not say %r" % line)
for b in bad[:20]:
    print("FAIL: " + b)
sys.exit(1 if bad else 0)

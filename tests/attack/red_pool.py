#!/usr/bin/env python3
"""The red team's joint attack on pooled board papers (disclosure: pool).

A reader holds, side by side, several releases of the same case files:
this year's ledgers with the total over the periods (`figures
--all-periods --pooled`, regional and --all-lscbs: rows labelled
`pooled`), and last year's (and the year before's) releases, each with
its own current and earlier periods and, when pooling was on then, its
own total over ITS periods.  Every period label names one set of cells
whatever release prints it (tests/attack/red_same_periods.py checks they
agree); each release's `pooled` rows are a variable set of their own,
equal to the sum of that release's periods, cell by cell, for every board
and London.  On top: every relation red_solve.py knows (figures.yaml's
relations in every area and period, London = the sum of the boards,
shares within their bases, numerator + not_recorded <= base for a
one-code figure, a band as an interval of numerators over its base).

Everything is solved as one integer system (bounds propagation, then
shaving every small range).  A hidden board cell (of a period or of a
total) pinned to one value, which London's figures and the public numbers
alone do not pin, is a leak.

Usage:
  red_pool.py FIGURES --release REG BRD [--release REG BRD ...]
              [--truth JSON] [--label L] [--show N]
Exit 1 when a [c] is pinned, 2 when the published cells contradict the
relations or a recovered value is wrong; 0 otherwise.
"""

import argparse
import csv
import json
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import red_solve as rs  # noqa: E402


def read(path):
    rows = list(csv.DictReader(open(path, encoding="utf-8")))
    return [r for r in rows if r.get("period", "") not in ("", "period")]


def joint(figs, rels, releases, baseline):
    s = rs.System()
    hidden = []
    seen = set()
    pools = []  # (pool label, [member periods])
    for k, (reg, brd) in enumerate(releases):
        periods = []
        for r in brd:
            if r["period"] not in periods:
                periods.append(r["period"])
        members = [p for p in periods if p != "pooled"]
        for p in periods:
            label = p if p != "pooled" else "pooled#%d" % k
            if label in seen:
                continue  # the same period printed by another release
            seen.add(label)
            rr = [dict(r, period=label) for r in reg if r["period"] == p]
            br = [dict(r, period=label) for r in brd if r["period"] == p]
            _, h, _ = rs.build(label, rr, br, figs, rels, True,
                               baseline=baseline, s=s)
            hidden += h
            if p == "pooled":
                pools.append((label, members))
    for label, members in pools:
        for key in list(s.idx):
            if key[0] != label:
                continue
            _, area, name, kind = key
            parts = [s.idx.get((m, area, name, kind)) for m in members]
            if any(v is None for v in parts):
                continue
            s.eq([(s.idx[key], 1)] + [(v, -1) for v in parts], 0,
                 "%s %s.%s = sum of %s" % (area or "London", name, kind,
                                           "+".join(members)))
    return s, hidden, pools


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("figures")
    ap.add_argument("--release", nargs=2, action="append", required=True,
                    metavar=("REG", "BRD"))
    ap.add_argument("--truth")
    ap.add_argument("--label", default="")
    ap.add_argument("--show", type=int, default=30)
    ap.add_argument("--max-range", type=int, default=40)
    a = ap.parse_args()
    figs, rels = rs.load_figures(a.figures)
    releases = [(read(r), read(b)) for r, b in a.release]
    s, hidden, pools = joint(figs, rels, releases, False)
    res = rs.solve(s, hidden, a.max_range)
    if res is None:
        print("%s: published cells are inconsistent with the relations" % a.label)
        return 2
    lo, hi = res
    sb, hb, _ = joint(figs, rels, releases, True)
    rb = rs.solve(sb, hb, a.max_range)
    public = set()
    if rb is not None:
        public = {sb.names[v] for v in hb if rb[0][v] == rb[1][v]}
    truth = json.load(open(a.truth))["counts"] if a.truth else None
    members = dict(pools)
    recovered = wrong = tried = 0
    for v in hidden:
        per, area, name, kind = s.names[v]
        if area == "":
            continue
        tried += 1
        if s.names[v] in public or lo[v] != hi[v]:
            continue
        note = ""
        if truth is not None:
            idx = {"n": 0, "d": 1, "r": 3}[kind]
            ts = [truth.get("%s|%s|%s" % (m, area, name))
                  for m in members.get(per, [per])]
            if all(t is not None and t[idx] is not None for t in ts):
                tv = sum(t[idx] for t in ts)
                note = " (true value)" if tv == lo[v] else " (WRONG: true %d)" % tv
                wrong += tv != lo[v]
        what = {"n": "numerator", "r": "not_recorded", "d": "denominator"}[kind]
        if recovered < a.show:
            print("recovered %s %s %s: %s %s = %d, printed [c]%s"
                  % (a.label, per, area, name, what, lo[v], note))
        recovered += 1
    print("%s: %d releases, %d hidden board cells tried, %d recovered"
          % (a.label, len(releases), tried, recovered))
    return 2 if wrong else (1 if recovered else 0)


if __name__ == "__main__":
    sys.exit(main())

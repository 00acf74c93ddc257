#!/usr/bin/env python3
"""Count every figure of a figures file over an input folder, per period.

An independent reading of the case files and of templates/figures.yaml,
with the definitions of docs/figures.md (written apart from
pipeline/fig/fig_eval.c), for tests/e2e/test_periods.sh:

    count_figures.py INPUT_DIR FIGURES_YAML

prints one JSON object: {"periods": [labels, chronological],
"counts": {"PERIOD|BOARD|FIGURE": [num, den, percent, not_recorded]},
"out_of_period": {"BOARD": n}} with BOARD "" for the region.  A case
counts in the period its `completed` date falls in (report.yaml's
`period` and `earlier`); den is null for a count, percent null for a
count or an empty base.
"""

import datetime
import glob
import json
import os
import sys

import yaml


def date(v):
    if isinstance(v, datetime.date):
        return v
    return datetime.date.fromisoformat(str(v))


def periods(report):
    cur = report["period"]
    label = cur.get("label")
    f, t = date(cur["from"]), date(cur["to"])
    if label is None:
        label = ("%04d" % f.year if f.year == t.year else
                 "%04d-%02d" % (f.year, t.year % 100))
    out = [(str(e["label"]), date(e["from"]), date(e["to"]))
           for e in report.get("earlier") or []]
    out.sort(key=lambda p: p[1])
    return out + [(str(label), f, t)]


def in_range(x, spec):
    if isinstance(spec, int):
        return x == spec
    lo, hi = -10**9, 10**9
    for k, v in spec.items():
        if k in ("min", "ge"):
            lo = max(lo, v)
        elif k == "gt":
            lo = max(lo, v + 1)
        elif k in ("max", "le"):
            hi = min(hi, v)
        elif k == "lt":
            hi = min(hi, v - 1)
        elif k == "eq":
            lo, hi = max(lo, v), min(hi, v)
    return lo <= x <= hi


def holds(t, case, kid, levels):
    """Test t on case (and its child kid, or None)."""
    if t is None:
        return True
    if isinstance(t, str):
        t = {"code": t}
    for k, v in t.items():
        if k == "code":
            if levels[v] == "child":
                ok = kid is not None and v in (kid.get("factors") or [])
            else:
                ok = v in (case.get("factors") or [])
        elif k == "sex":
            ok = kid is not None and kid["sex"] == v
        elif k == "outcome":
            ok = kid is not None and kid["outcome"] == v
        elif k == "death_cause":
            ok = kid is not None and (kid.get("death_cause") or "none") == v
        elif k == "age_years":
            ok = kid is not None and in_range(kid["age_years"], v)
        elif k == "lscb_areas_known":
            ok = in_range(case.get("lscb_areas_known", 1), v)
        elif k == "household_children":
            ok = in_range(case.get("household_children", 0), v)
        elif k == "all":
            ok = all(holds(x, case, kid, levels) for x in v)
        elif k == "any":
            ok = any(holds(x, case, kid, levels) for x in v)
        elif k == "not":
            ok = not holds(v, case, kid, levels)
        elif k == "any_child":
            ok = any(holds(v, case, c, levels) for c in case["children"])
        else:
            raise SystemExit("count_figures.py: unknown test %r" % k)
        if not ok:
            return False
    return True


def codes_of(t, out):
    """The codes test t reads."""
    if t is None:
        return out
    if isinstance(t, str):
        out.add(t)
        return out
    for k, v in t.items():
        if k == "code":
            out.add(v)
        elif k in ("all", "any"):
            for x in v:
                codes_of(x, out)
        elif k in ("not", "any_child"):
            codes_of(v, out)
    return out


def count(fig, cases, levels):
    unit = fig["unit"]
    pop = fig.get("count_of", "cases") if unit == "count" else unit
    where, of = fig.get("where"), fig.get("of")
    codes = codes_of(where, set())
    num = den = nr = 0
    for k in cases:
        miss = bool(codes & set(k.get("not_recorded") or []))
        if pop == "cases":
            if not holds(of, k, None, levels):
                continue
            den += 1
            nr += miss
            if holds(where, k, None, levels):
                s = fig.get("sum")
                num += k.get(s, 0 if s == "household_children" else 1) \
                    if s else 1
            continue
        for c in k["children"]:
            if pop == "deaths" and c["outcome"] != "died":
                continue
            if not holds(of, k, c, levels):
                continue
            den += 1
            nr += miss
            if holds(where, k, c, levels):
                num += 1
    if unit == "count":
        return [num, None, None, nr]
    pct = (200 * num + den) // (2 * den) if den else None
    return [num, den, pct, nr]


def main():
    indir, figpath = sys.argv[1:3]
    report = yaml.safe_load(open(os.path.join(indir, "report.yaml"),
                                 encoding="utf-8"))
    book = yaml.safe_load(open(os.path.join(indir, "codebook.yaml"),
                               encoding="utf-8"))
    levels = {n: c["level"] for n, c in book["codes"].items()}
    figs = yaml.safe_load(open(figpath, encoding="utf-8"))["figures"]
    ps = periods(report)
    cases = [yaml.safe_load(open(p, encoding="utf-8"))
             for p in sorted(glob.glob(os.path.join(indir, "cases",
                                                    "*.yaml")))]
    by = {}
    out = {"": 0}
    for k in cases:
        d = date(k["completed"])
        lab = [p[0] for p in ps if p[1] <= d <= p[2]]
        if not lab:
            out[""] += 1
            out[k["lscb"]] = out.get(k["lscb"], 0) + 1
            continue
        by.setdefault((lab[0], ""), []).append(k)
        by.setdefault((lab[0], k["lscb"]), []).append(k)
    counts = {}
    for p in ps:
        for board in [""] + list(report["lscbs"]):
            sel = by.get((p[0], board), [])
            for f in figs:
                counts["%s|%s|%s" % (p[0], board, f["name"])] = \
                    count(f, sel, levels)
    json.dump({"periods": [p[0] for p in ps], "counts": counts,
               "out_of_period": out}, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Adversarial multi-period cohorts for the red-team attack (tests/attack/red_run.sh).

Each cohort DIR/red-NNN is a complete `--input` folder (the 33 London
boards, threshold 5, input/'s codebook and national studies) with three
periods, and DIR/red-NNN-lastyear is the same case files with last year's
report.yaml: its current period is this year's previous one, its earlier
ones the periods before (so every period it publishes is also published
this year).  What the cohorts push on:

  * boards just over the threshold (6 to 8 reviews a period) beside many
    empty ones and boards of 1 to 5;
  * one board with nearly every review (cohorts 2, 5, ...);
  * one child a review (odd cohorts), so reviews with a death are deaths;
  * not_recorded everywhere: each board gets, per code, a rate of 0, 0.2,
    0.5 or 1 of its reviews with the code not recorded (case and child
    codes), so a board's not_recorded can equal its base;
  * periods of equal and unequal length (6 months beside 3 years).

Everything is invented by a seeded random generator; no real child,
family or review.  Python 3 standard library only.

Usage: red_cohorts.py --generated N --seed S --out DIR
"""

import argparse
import datetime
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.dont_write_bytecode = True
sys.path.insert(0, HERE)
import make_cohorts as mc  # noqa: E402
import make_periods as mp  # noqa: E402

CAUSES = ["sudi", "physical_assault", "neglect", "related", "suicide"]


def periods_for(i):
    """Three periods: equal years (even i) or 3 years, 6 months, 1 year."""
    if i % 2 == 0:
        spans = [(datetime.date(2006, 4, 1), datetime.date(2007, 3, 31)),
                 (datetime.date(2007, 4, 1), datetime.date(2008, 3, 31)),
                 (datetime.date(2008, 4, 1), datetime.date(2009, 3, 31))]
    else:
        spans = [(datetime.date(2003, 4, 1), datetime.date(2006, 3, 31)),
                 (datetime.date(2006, 4, 1), datetime.date(2006, 9, 30)),
                 (datetime.date(2006, 10, 1), datetime.date(2007, 9, 30))]
    out = []
    for j, (a, b) in enumerate(spans):
        label = "p%d-%d" % (j + 1, a.year)
        out.append((label, a, b, j == len(spans) - 1))
    return out


def kid(rng):
    age = rng.choice([0, 0, 0, 2, 4, 7, 12, 14, 16])
    cause = rng.choice(CAUSES) if rng.random() < 0.5 else None
    return mc.child(rng.choice(["male", "female"]), age, cause, [])


def cohort(rng, i, case_codes, child_codes):
    bs = mc.boards()
    periods = periods_for(i)
    one_child = i % 2 == 1
    big = rng.choice(bs) if i % 3 == 2 else None
    mids = rng.sample(bs, 4)
    smalls = rng.sample([b for b in bs if b not in mids], 6)
    # per board, per code: the share of its reviews not recording it
    nr_rate = {b: {c: rng.choice([0, 0, 0.2, 0.5, 1.0])
                   for c in case_codes + child_codes} for b in bs}
    rate = {c: rng.choice([0.0, 0.1, 0.3, 0.6, 0.95])
            for c in case_codes + child_codes}
    cases = []
    for (_, start, end, _) in periods:
        days = (end - start).days + 1
        plan = []
        for b in mids:
            plan += [b] * rng.randint(6, 8)
        for b in smalls:
            plan += [b] * rng.randint(0, 5)
        if big:
            plan += [big] * rng.randint(60, 120)
        for b in plan:
            nk = 1 if one_child else rng.choice([1, 1, 2, 3])
            kids = [kid(rng) for _ in range(nk)]
            fs, nr = [], []
            for c in case_codes:
                if rng.random() < nr_rate[b][c]:
                    nr.append(c)
                elif rng.random() < rate[c]:
                    fs.append(c)
            for c in child_codes:
                if rng.random() < nr_rate[b][c]:
                    nr.append(c)
                else:
                    for k in kids:
                        if rng.random() < rate[c]:
                            k["factors"].append(c)
            k = mc.case(b, kids, fs, nr, rng.choice([0, 1, 2]),
                        rng.choice([1, 1, 2, 4]))
            k["completed"] = start + datetime.timedelta(
                days=rng.randrange(days))
            cases.append(k)
    return periods, cases


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--generated", type=int, default=4)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    case_codes, child_codes = mc.codes_by_level()
    for i in range(a.generated):
        rng = random.Random(a.seed * 7919 + i)
        periods, cases = cohort(rng, i, case_codes, child_codes)
        out = os.path.join(a.out, "red-%03d" % i)
        mc.write(out, "red seed %d cohort %d" % (a.seed, i), cases,
                 case_codes)
        mp.report_periods(os.path.join(out, "report.yaml"), periods)
        # last year's: the same case files, the current period one back
        last = [(lab, f, t, j == len(periods) - 2)
                for j, (lab, f, t, _) in enumerate(periods[:-1])]
        out2 = out + "-lastyear"
        mc.write(out2, "red seed %d cohort %d, last year" % (a.seed, i),
                 cases, case_codes)
        mp.report_periods(os.path.join(out2, "report.yaml"), last)
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Build multi-period cohorts for the periods tests (issue 15).

Every cohort is a complete `--input` folder, as make_cohorts.py makes
them (the 33 London boards, threshold 5, codebook and national studies
of input/), whose report.yaml declares two to five periods: the current
one and one to four `earlier:` ones, one year each, some with a gap
between them (cases in a gap, and before the first period, are in no
period).  Everything is invented by a seeded random generator: the
files describe no real child, family or review.

  --generated N --seed S --out DIR
      DIR/per-000 ... : N cohorts.  Cohort i has 2 + i % 4 periods; each
      period gets a number of reviews from 0, 1, 2, 5, 20, 200 (rotating,
      so every size meets every other), drawn with the shapes of
      make_cohorts.py (any number of children a review, one child a
      review, London figures of 0, 1 and 2, one board with every review;
      boards skewed, many empty).
  --sizes A,B,...
      the numbers of reviews a period rotates through instead (e.g.
      15,20,25: a region's yearly numbers, where pooling the periods in
      the board papers has most to show).

Python 3 standard library only.
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

SIZES = [0, 1, 2, 5, 20, 200]
SHAPES = ["any", "one-child", "london-small", "one-board"]
CURRENT = 2009      # the current period: 2009-04-01 to 2010-03-31


def period_cases(rng, n, shape, case_codes, child_codes, start, days):
    """n reviews of shape, completed between start and start + days."""
    out = []
    while len(out) < n:
        out += mc.generated(rng, shape, case_codes, child_codes)
    out = out[:n]
    for k in out:
        k["completed"] = start + datetime.timedelta(
            days=rng.randrange(days))
    return out


def cohort(rng, i, case_codes, child_codes, sizes=None):
    """Cohort i: its periods (label, from, to, current) and cases (each
    period's number of reviews rotating through sizes, SIZES by
    default)."""
    sizes = sizes or SIZES
    nper = 2 + i % 4
    periods, cases = [], []
    for j in range(nper):
        year = CURRENT - (nper - 1 - j)
        start = datetime.date(year, 4, 1)
        end = datetime.date(year + 1, 3, 31)
        # A gap of a month before some earlier periods' ends.
        if j < nper - 1 and rng.random() < 0.3:
            end = datetime.date(year + 1, 2, 28)
        periods.append(("%d-%02d" % (year, (year + 1) % 100), start, end,
                        j == nper - 1))
        n = sizes[(i + 2 * j) % len(sizes)]
        shape = SHAPES[(i + j) % len(SHAPES)]
        cases += period_cases(rng, n, shape, case_codes, child_codes,
                              start, (end - start).days + 1)
    # A few reviews in no period: before the first, and in any gap.
    first = periods[0][1]
    for k in period_cases(rng, rng.randint(0, 3), "any", case_codes,
                          child_codes, first - datetime.timedelta(days=300),
                          200):
        cases.append(k)
    for (_, _, end, cur), nxt in zip(periods, periods[1:]):
        if (nxt[1] - end).days > 1 and rng.random() < 0.7:
            cases += period_cases(rng, 1, "any", case_codes, child_codes,
                                  end + datetime.timedelta(days=1),
                                  (nxt[1] - end).days - 1)
    return periods, cases


def report_periods(path, periods):
    """Puts the periods into the report.yaml make_cohorts.py wrote."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    cur = [p for p in periods if p[3]][0]
    block = "period:\n  label: %s\n  from: %s\n  to: %s\n" % (
        cur[0], cur[1].isoformat(), cur[2].isoformat())
    block += "earlier:\n" + "".join(
        "  - {label: %s, from: %s, to: %s}\n" % (p[0], p[1].isoformat(),
                                                p[2].isoformat())
        for p in periods if not p[3])
    old = "period:\n  from: 2006-04-01\n  to: 2009-09-30\n"
    assert old in text
    with open(path, "w", encoding="utf-8") as f:
        f.write(text.replace(old, block))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--generated", type=int, default=8)
    ap.add_argument("--seed", type=int, default=15)
    ap.add_argument("--out", required=True)
    ap.add_argument("--sizes", default=None,
                    help="reviews a period, rotating, e.g. 15,20,25 (a "
                    "region's yearly numbers; default %s)" %
                    ",".join(map(str, SIZES)))
    a = ap.parse_args()
    sizes = [int(x) for x in a.sizes.split(",")] if a.sizes else None
    case_codes, child_codes = mc.codes_by_level()
    for i in range(a.generated):
        rng = random.Random(a.seed * 100003 + i)
        periods, cases = cohort(rng, i, case_codes, child_codes, sizes)
        out = os.path.join(a.out, "per-%03d" % i)
        mc.write(out, "seed %d, multi-period cohort %d, %d periods" %
                 (a.seed, i, len(periods)), cases, case_codes)
        report_periods(os.path.join(out, "report.yaml"), periods)
    return 0


if __name__ == "__main__":
    sys.exit(main())

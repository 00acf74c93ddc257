#!/usr/bin/env python3
"""Multi-period cohorts for the exact attack (issue 30, tests/e2e/test_exact_attack.sh).

Every cohort DIR/ex-NNN is a complete `--input` folder, as
make_cohorts.py makes them (the 33 London boards, threshold 5, input/'s
codebook and national studies), with two or three periods: a small
first one (3 to 6 reviews), then one or two of 12 to 40 (three
periods in cohorts without pool, two with it but in cohorts 7, 15, ...).  The shapes
the exact attack of issue 30 recovered cells from, rotating:

  * one dominant board (cohorts 0, 3, 6, ...): 60 % of the reviews;
  * several children a review (even cohorts: 1 to 3), else one;
  * codes not recorded at 10 %: each review marks each code it does not
    have not recorded with probability 0.1;
  * `disclosure: pool` on in odd cohorts, `bands: [25, 50, 75]` on in
    cohorts 2, 3, 6, 7, ...: every pairing of the two.

The test audits each cohort with `audit` (with `--pooled` where pool is
on).  Everything is invented by a seeded random generator: no real
child, family or review.  Python 3 standard library only.

Usage: make_exact.py --generated N --seed S --out DIR
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


def review(rng, board, nkids, case_codes, child_codes, day0, days):
    kids = []
    for _ in range(nkids):
        cause = rng.choice(CAUSES) if rng.random() < 0.5 else None
        kids.append(mc.child(rng.choice(["male", "female"]),
                             rng.choice([0, 0, 1, 3, 7, 12, 15, 16]), cause,
                             [c for c in child_codes if rng.random() < 0.3]))
    fs = [c for c in case_codes if rng.random() < 0.3]
    nr = [c for c in case_codes if c not in fs and rng.random() < 0.1]
    k = mc.case(board, kids, fs, nr, rng.choice([0, 1, 2, 3]),
                rng.choice([1, 1, 2]))
    k["completed"] = day0 + datetime.timedelta(days=rng.randrange(days))
    return k


def cohort(rng, i, case_codes, child_codes):
    bs = mc.boards()
    # Three periods without pool, two with (three in cohorts 7, 15, ...).
    nper = 3 if i % 2 == 0 or i % 8 == 7 else 2
    big = rng.choice(bs) if i % 3 == 0 else None
    used = rng.sample(bs, 8)
    periods, cases = [], []
    for j in range(nper):
        year = mp.CURRENT - (nper - 1 - j)
        start = datetime.date(year, 4, 1)
        end = datetime.date(year + 1, 3, 31)
        periods.append(("%d-%02d" % (year, (year + 1) % 100), start, end,
                        j == nper - 1))
        n = rng.randint(3, 6) if j == 0 else rng.randint(12, 40)
        for _ in range(n):
            b = big if big and rng.random() < 0.6 else rng.choice(used)
            nk = rng.choice([1, 1, 2, 3]) if i % 2 == 0 else 1
            cases.append(review(rng, b, nk, case_codes, child_codes, start,
                                (end - start).days + 1))
    return periods, cases


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--generated", type=int, default=20)
    ap.add_argument("--seed", type=int, default=30)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    case_codes, child_codes = mc.codes_by_level()
    for i in range(a.generated):
        rng = random.Random(a.seed * 100003 + i)
        periods, cases = cohort(rng, i, case_codes, child_codes)
        out = os.path.join(a.out, "ex-%03d" % i)
        write_cohort(out, "seed %d, exact-attack cohort %d, %d periods" %
                     (a.seed, i, len(periods)), periods, cases, case_codes, i)
        print("%s %s" % (out, "pooled" if i % 2 == 1 else "periods"))
    return 0


def write_cohort(out, what, periods, cases, case_codes, i):
    """Writes cohort i's input folder: pool on in odd cohorts, bands in
    cohorts 2, 3, 6, 7, ... (make_pairs.py writes its last years so)."""
    mc.write(out, what, cases, case_codes)
    path = os.path.join(out, "report.yaml")
    mp.report_periods(path, periods)
    pool, bands = i % 2 == 1, (i // 2) % 2 == 1
    with open(path, encoding="utf-8") as f:
        text = f.read()
    extra = ("  pool: true\n" if pool else "") + \
        ("  bands: [25, 50, 75]\n" if bands else "")
    old = "disclosure:\n  threshold: 5\n"
    assert old in text
    with open(path, "w", encoding="utf-8") as f:
        f.write(text.replace(old, old + extra))


if __name__ == "__main__":
    sys.exit(main())

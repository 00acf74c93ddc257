#!/usr/bin/env python3
"""Two years of releases for the exact attack (issue 30, tests/e2e/test_exact_attack.sh).

For each pair DIR/pair-NNN: `y1` is a cohort of make_exact.py's
generator (two or three periods, the shapes of issue 30, `pool` and
`bands` on and off in every pairing), last year's input folder; `y2` is
`scrpaper new-year --input y1 -o y2` (the earlier periods keep their
case files, last year's current period joins `earlier:`) plus 12 to 40
generated reviews completed in the new period, over the same boards (the
dominant one too), this year's input folder.  The test runs `scrpaper
audit --input y2 --previous y1` (with --pooled where pool is on).
Everything is invented by a seeded random generator.  Python 3 standard
library only.

With --window W, W more pairs DIR/win-NNN whose last year had five
periods (four earlier, the most report.yaml holds; 5 to 15 reviews each
over 8 boards, one child a review) and `pool` on: new-year drops the
oldest period, so this year's total covers one period fewer than last
year's, the case docs/disclosure.md calls a moved window; this year's
new period has 5 to 15 reviews.

Prints one line a pair: its folder, then "pooled", "periods" or
"window".

Usage: make_pairs.py --generated N [--window W] --seed S --scrpaper BIN
                     --out DIR
"""

import argparse
import datetime
import os
import random
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.dont_write_bytecode = True
sys.path.insert(0, HERE)
import make_cohorts as mc  # noqa: E402
import make_exact as mx  # noqa: E402
import make_periods as mp  # noqa: E402


def new_period(report):
    """The current period's from and to of a report.yaml new-year wrote."""
    with open(report, encoding="utf-8") as f:
        text = f.read()
    m = re.search(r"^period:\n(?:  label: .*\n)?  from: (\S+)\n  to: (\S+)\n",
                  text, re.M)
    assert m, report
    return (datetime.date.fromisoformat(m.group(1)),
            datetime.date.fromisoformat(m.group(2)))


def window(rng, case_codes, child_codes):
    """Five yearly periods of 5 to 15 reviews over 8 boards."""
    used = rng.sample(mc.boards(), 8)
    periods, cases = [], []
    for j in range(5):
        year = mp.CURRENT - (4 - j)
        start = datetime.date(year, 4, 1)
        end = datetime.date(year + 1, 3, 31)
        periods.append(("%d-%02d" % (year, (year + 1) % 100), start, end,
                        j == 4))
        for _ in range(rng.randint(5, 15)):
            cases.append(mx.review(rng, rng.choice(used), 1, case_codes,
                                   child_codes, start,
                                   (end - start).days + 1))
    return periods, cases


def pair(a, out, what, periods, cases, i, rng, case_codes, child_codes,
         new=(12, 40)):
    """Writes out/y1 (cohort i of make_exact.py's settings), then out/y2:
    new-year of it and new[0] to new[1] reviews in its new period."""
    order = {c: k for k, c in enumerate(case_codes)}
    y1, y2 = os.path.join(out, "y1"), os.path.join(out, "y2")
    mx.write_cohort(y1, what, periods, cases, case_codes, i)
    subprocess.run([a.scrpaper, "new-year", "--input", y1, "-o", y2],
                   check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    start, end = new_period(os.path.join(y2, "report.yaml"))
    boards = sorted({k["lscb"] for k in cases})
    big = max(boards, key=lambda b: sum(k["lscb"] == b for k in cases))
    for j in range(rng.randint(*new)):
        b = big if i % 3 == 0 and rng.random() < 0.6 else rng.choice(boards)
        nk = rng.choice([1, 1, 2, 3]) if i % 2 == 0 else 1
        mc.write_case(y2, "NEW-%04d" % (j + 1),
                      mx.review(rng, b, nk, case_codes, child_codes, start,
                                (end - start).days + 1), order)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--generated", type=int, default=4)
    ap.add_argument("--window", type=int, default=0)
    ap.add_argument("--seed", type=int, default=31)
    ap.add_argument("--scrpaper", required=True)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    case_codes, child_codes = mc.codes_by_level()
    for i in range(a.generated):
        rng = random.Random(a.seed * 100003 + i)
        periods, cases = mx.cohort(rng, i, case_codes, child_codes)
        out = os.path.join(a.out, "pair-%03d" % i)
        pair(a, out, "seed %d, two-year pair %d, last year" % (a.seed, i),
             periods, cases, i, rng, case_codes, child_codes)
        print("%s %s" % (out, "pooled" if i % 2 == 1 else "periods"))
    for i in range(a.window):
        rng = random.Random(a.seed * 100003 + 50000 + i)
        periods, cases = window(rng, case_codes, child_codes)
        out = os.path.join(a.out, "win-%03d" % i)
        # 1: pool on, bands off (make_exact.py's settings of cohort 1).
        pair(a, out, "seed %d, moved-window pair %d, last year" %
             (a.seed, i), periods, cases, 1, rng, case_codes, child_codes,
             (5, 15))
        print("%s window" % out)
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Write a synthetic multi-period region for the solve's benchmarks.

    python3 bench/gen_region.py OUTDIR [--boards B] [--reviews N]
                                [--periods P] [--seed S] [--no-pool]

OUTDIR gets input/'s codebook.yaml and national.yaml, a report.yaml for a
region of B invented boards (default 150, about England's number of
LSCBs) with P one-year periods (default 3: the current one and P - 1
`earlier:` ones) and `disclosure: pool: true`, and N cases a period
(default 2 000), made by bench/gen_cohort.py's generator with the boards
skewed as real ones are (a few large, many small).  Fixed by the seed;
the files describe nobody.  Python 3 standard library only.
"""

import argparse
import datetime
import os
import random
import re
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.dont_write_bytecode = True
sys.path.insert(0, HERE)
import gen_cohort as gc  # noqa: E402

CURRENT = 2009          # the current period: 2009-04-01 to 2010-03-31


def board_names(n):
    """n distinct invented board names of letters and spaces."""
    syl = ["ash", "bar", "cal", "den", "el", "fen", "gar", "hol", "ing",
           "kel", "lin", "mar", "nor", "ost", "pen", "rad", "sal", "tor",
           "ul", "wen"]
    out = []
    for i in range(n):
        a, b, c = syl[i % 20], syl[(i // 20) % 20], syl[(i // 400) % 20]
        out.append((a + b + c).capitalize() + " Board")
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out")
    ap.add_argument("--boards", type=int, default=150)
    ap.add_argument("--reviews", type=int, default=2000)
    ap.add_argument("--periods", type=int, default=3)
    ap.add_argument("--seed", type=int, default=29)
    ap.add_argument("--no-pool", action="store_true")
    a = ap.parse_args()
    if not 1 <= a.boards <= 8000 or not 1 <= a.periods <= 5:
        sys.exit("gen_region: 1..8000 boards, 1..5 periods")

    root = os.path.dirname(HERE)
    src = os.path.join(root, "input")
    case_codes, child_codes = gc.read_codes(os.path.join(src,
                                                         "codebook.yaml"))
    cases_dir = os.path.join(a.out, "cases")
    if os.path.isdir(cases_dir):
        shutil.rmtree(cases_dir)
    os.makedirs(cases_dir)
    for name in ("codebook.yaml", "national.yaml"):
        shutil.copyfile(os.path.join(src, name), os.path.join(a.out, name))

    boards = board_names(a.boards)
    report = open(os.path.join(src, "report.yaml"), encoding="utf-8").read()
    report = re.sub(r"(?ms)^lscbs:\n.*\Z", "", report)
    periods = []
    for p in range(a.periods):
        y = CURRENT - (a.periods - 1 - p)
        periods.append(("%d" % y, datetime.date(y, 4, 1),
                        datetime.date(y + 1, 3, 31)))
    cur = periods[-1]
    report = report.replace("period:\n  from: 2006-04-01\n  to: 2009-09-30\n",
                            "period:\n  from: %s\n  to: %s\n" % (
                                cur[1].isoformat(), cur[2].isoformat()))
    if len(periods) > 1:
        report = report.replace(
            "created:", "earlier:\n" + "".join(
                "  - {label: %s, from: %s, to: %s}\n" % (
                    p[0], p[1].isoformat(), p[2].isoformat())
                for p in periods[:-1]) + "created:")
    report = report.replace("created: 2009-11-30", "created: 2010-06-30")
    if not a.no_pool:
        report = report.replace("disclosure:\n", "disclosure:\n  pool: true\n")
    report += "lscbs:\n" + "".join("  - %s\n" % b for b in boards)
    report += "lscb_codes:\n" + "".join(
        "  %s: E09%06d\n" % (b, i + 1) for i, b in enumerate(boards))
    with open(os.path.join(a.out, "report.yaml"), "w", encoding="utf-8") as f:
        f.write(report)

    # Skewed boards: weights 1/(rank + 3), as a few cities and many
    # small areas.
    rng = random.Random(a.seed)
    weights = [1.0 / (i + 3) for i in range(a.boards)]
    k = 0
    for label, d0, d1 in periods:
        span = (d1 - d0).days + 1
        for _ in range(a.reviews):
            k += 1
            b = rng.choices(range(a.boards), weights)[0]
            text = gc.make_case(rng, k, [boards[b]], d0, span, case_codes,
                                child_codes)
            with open(os.path.join(cases_dir, "REG-%07d.yaml" % k), "w",
                      encoding="utf-8") as f:
                f.write(text)
    print("gen_region: %d boards, %d periods of %d cases in %s" % (
        a.boards, a.periods, a.reviews, a.out), file=sys.stderr)


if __name__ == "__main__":
    main()

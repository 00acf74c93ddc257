#!/usr/bin/env python3
"""Build an input folder with three periods for the tests of issue 15.

The folder (OUT, a complete `--input` for scrpaper) holds input/'s
report.yaml with two earlier periods declared before the current one,

  2002-04   2002-04-01 to 2004-03-31   generated cases (seeded)
  2004-06   2004-04-01 to 2006-03-31   three in four of input/'s cases,
                                       moved into the period, and a few
                                       generated ones
  2006-09   2006-04-01 to 2009-09-30   input/'s cases, as they are (the
                                       label report.yaml's period gets
                                       from its years)

and input/'s codebook.yaml and national.yaml.  Southwark gets more
reviews in the oldest period than in the others, so that its board paper
shows figures in one period and [c] in another.

Everything generated is invented by a seeded random generator (the one of
tests/data/make_variants.py): the files describe no real child, family or
review.  The output depends only on the seed, so rerunning gives the same
files.  Python 3 standard library only.

Usage (from the repository root):
  python3 tests/data/make_three_periods.py OUT [--seed N]
"""

import argparse
import datetime
import os
import random
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
INPUT = os.path.join(ROOT, "input")
sys.dont_write_bytecode = True
sys.path.insert(0, HERE)
import make_variants as mv  # noqa: E402
import scrcases  # noqa: E402  (on the path make_variants puts it)

HEADER = ["Synthetic case descriptor made by tests/data/make_three_periods.py;",
          "it describes no real child, family or review."]

EARLIER = """\
# Two earlier periods (tests/data/make_three_periods.py): a case counts in the
# period its completed date falls in.
earlier:
  - {label: 2002-04, from: 2002-04-01, to: 2004-03-31}
  - {label: 2004-06, from: 2004-04-01, to: 2006-03-31}
"""

OLDEST = (datetime.date(2002, 4, 1), datetime.date(2004, 3, 31))
PREVIOUS = (datetime.date(2004, 4, 1), datetime.date(2006, 3, 31))
CURRENT = (datetime.date(2006, 4, 1), datetime.date(2009, 9, 30))

# Generated reviews: (period, board, how many).
GENERATED = [
    (OLDEST, "Southwark", 9),
    (OLDEST, "Lambeth", 4),
    (OLDEST, "Croydon", 3),
    (OLDEST, "Newham", 2),
    (PREVIOUS, "Southwark", 2),
    (PREVIOUS, "Hackney", 1),
]


def boards():
    """The boards of input/report.yaml, in order."""
    return scrcases.read_boards(os.path.join(INPUT, "report.yaml"))


def moved(line, start, span, i, n):
    """The completed line of a case moved into the period start..+span:
    the i-th of n, spread evenly."""
    day = start + datetime.timedelta(days=(span * (2 * i + 1)) // (2 * n))
    return "completed: %s\n" % day.isoformat()


def build(out, seed):
    rng = random.Random(seed)
    scrcases.clear_cases(out)
    scrcases.copy_shared(out)
    with open(os.path.join(INPUT, "report.yaml"), encoding="utf-8") as f:
        report = f.read()
    with open(os.path.join(out, "report.yaml"), "w", encoding="utf-8") as f:
        f.write(report.rstrip("\n") + "\n" + EARLIER)

    # The current period: input/'s cases; the previous one: three in four
    # of them, their dates spread over it.
    src = sorted(f for f in os.listdir(os.path.join(INPUT, "cases"))
                 if f.endswith(".yaml"))
    keep = [f for i, f in enumerate(src) if i % 4 != 0]
    span = (PREVIOUS[1] - PREVIOUS[0]).days
    for f in src:
        shutil.copyfile(os.path.join(INPUT, "cases", f),
                        os.path.join(out, "cases", f))
    for i, f in enumerate(keep):
        with open(os.path.join(INPUT, "cases", f), encoding="utf-8") as g:
            lines = g.readlines()
        cid = "PRV-%d-%03d" % (PREVIOUS[0].year + 1, i + 1)
        text = ""
        for line in lines:
            if line.startswith("id:"):
                line = "id: %s\n" % cid
            elif line.startswith("completed:"):
                line = moved(line, PREVIOUS[0], span, i, len(keep))
            text += line
        with open(os.path.join(out, "cases", cid + ".yaml"), "w",
                  encoding="utf-8") as g:
            g.write(text)

    # Generated reviews, as make_variants.py makes them.
    mv.write_generated(out, rng, GENERATED, HEADER,
                       "generated for the periods fixture", set(boards()))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out", help="the input folder to write")
    ap.add_argument("--seed", type=int, default=15)
    a = ap.parse_args()
    build(a.out, a.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())

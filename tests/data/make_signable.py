#!/usr/bin/env python3
"""Build the three-period cohort of issue 25 (a paper an analyst can sign).

The folder (OUT, a complete `--input` for scrpaper) has three periods of
unequal length, the middle one short and small:

  2006-09   2006-04-01 to 2009-09-30   input/'s 47 cases, as they are
  2009-10   2009-10-01 to 2010-03-31   7 generated reviews (six months)
  2010-11   2010-04-01 to 2011-03-31   28 generated reviews (the current
                                       period, twelve months)

with input/'s codebook.yaml, national.yaml and grid.yaml.  The generated reviews
leave some codes not recorded (as make_variants.py does), fall in a few
boards only (so that most boards have no review in the last two periods,
Sutton none in any), and Greenwich gets one review in the current period.

Everything generated is invented by a seeded random generator (the one of
tests/data/make_variants.py): the files describe no real child, family or
review.  The output depends only on the seed.  Python 3 standard library
only.

Usage (from the repository root):
  python3 tests/data/make_signable.py OUT [--seed N]
"""

import argparse
import datetime
import os
import random
import re
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
INPUT = os.path.join(ROOT, "input")
sys.dont_write_bytecode = True
sys.path.insert(0, HERE)
import make_variants as mv  # noqa: E402
import scrcases  # noqa: E402  (on the path make_variants puts it)

HEADER = ["Synthetic case descriptor made by tests/data/make_signable.py;",
          "it describes no real child, family or review."]

SHORT = (datetime.date(2009, 10, 1), datetime.date(2010, 3, 31))
CURRENT = (datetime.date(2010, 4, 1), datetime.date(2011, 3, 31))

# Generated reviews: (period, board, how many).
GENERATED = [
    (SHORT, "Southwark", 3),
    (SHORT, "Lambeth", 2),
    (SHORT, "Hackney", 2),
    (CURRENT, "Southwark", 9),
    (CURRENT, "Lambeth", 7),
    (CURRENT, "Croydon", 6),
    (CURRENT, "Newham", 5),
    (CURRENT, "Greenwich", 1),
]

PERIODS = """\
period:
  from: 2010-04-01
  to: 2011-03-31
"""

EARLIER = """\
# Two earlier periods (tests/data/make_signable.py): a case counts in the
# period its completed date falls in.
earlier:
  - {label: 2006-09, from: 2006-04-01, to: 2009-09-30}
  - {label: 2009-10, from: 2009-10-01, to: 2010-03-31}
"""


def build(out, seed):
    rng = random.Random(seed)
    scrcases.clear_cases(out)
    scrcases.copy_shared(out)
    shutil.copyfile(os.path.join(INPUT, "grid.yaml"),
                    os.path.join(out, "grid.yaml"))
    with open(os.path.join(INPUT, "report.yaml"), encoding="utf-8") as f:
        report = f.read()
    report = re.sub(r"(?m)^period:\n(  .*\n)+", PERIODS, report, count=1)
    report = re.sub(r"(?m)^created: .*$", "created: 2011-05-31", report,
                    count=1)
    with open(os.path.join(out, "report.yaml"), "w", encoding="utf-8") as f:
        f.write(report.rstrip("\n") + "\n" + EARLIER)

    for f in sorted(os.listdir(os.path.join(INPUT, "cases"))):
        if f.endswith(".yaml"):
            shutil.copyfile(os.path.join(INPUT, "cases", f),
                            os.path.join(out, "cases", f))

    mv.write_generated(out, rng, GENERATED, HEADER,
                       "generated for the signable-paper fixture")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out", help="the input folder to write")
    ap.add_argument("--seed", type=int, default=25)
    a = ap.parse_args()
    build(a.out, a.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())

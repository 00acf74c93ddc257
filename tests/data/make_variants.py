#!/usr/bin/env python3
"""Build the small synthetic cohorts the board-variant tests run on.

Two input folders, each a complete `--input` for scrpaper:

  tests/data/variants/          seed 1: Northbury 8 cases, Eastwick 2,
                                Southmoor none in the period
  tests/data/variants-holdout/  seed 2: Northbury 10 cases, Eastwick 3,
                                Southmoor none in the period

Each has report.yaml (three boards, the London period, threshold 5),
codebook.yaml and national.yaml copied from input/, and cases/*.yaml.  One
more case, completed after the period, belongs to Southmoor, so its paper
must still say it had no review in scope.  Every case has `notes` holding
the string NOTES-SENTINEL and its own id, which no paper or ledger may
print.

Everything is invented by a seeded random generator: the files describe no
real child, family or review.  The output depends only on the seed and the
tables here, so rerunning gives byte-identical files; the old cases/*.yaml
of an output folder are removed first.  Python 3 standard library only.

Usage (from the repository root):
  python3 tests/data/make_variants.py              # both folders
  python3 tests/data/make_variants.py --seed 7 --counts 9,4,0 --out DIR
"""

import argparse
import datetime
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
INPUT = os.path.join(ROOT, "input")
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(ROOT, "tests", "lib"))
import scrcases  # noqa: E402

BOARDS = ["Northbury", "Eastwick", "Southmoor"]
PERIOD_FROM = datetime.date(2006, 4, 1)
PERIOD_TO = datetime.date(2009, 9, 30)
AFTER_PERIOD = datetime.date(2010, 2, 11)

# The folders `make_variants.py` writes with no arguments.
DEFAULTS = [
    ("variants", 1, (8, 2, 0)),
    ("variants-holdout", 2, (10, 3, 0)),
]

DEATH_CAUSES = [("physical_assault", 5), ("sudi", 2), ("neglect", 1),
                ("related", 1), ("suicide", 1)]
AGE_BANDS = [((0, 0), 40), ((1, 5), 25), ((6, 10), 10), ((11, 15), 15),
             ((16, 17), 10)]

REPORT = """\
# Report settings of a synthetic test cohort made by
# tests/data/make_variants.py (seed {seed}); it describes no real child,
# family or review.
title: Background paper on London Serious Case Reviews
region: London
period:
  from: {pfrom}
  to: {pto}
organisation: GOL Safeguarding Team
authors: [Joan Prokop, Kathy Bundred, Jo Green]
national_study: 2008-09
created: 2009-11-30
disclosure:
  threshold: 5
  regional: false
lscbs:
{boards}
"""


def codes_by_level(path):
    """Returns (case codes, child codes) of the codebook, in file order."""
    return scrcases.read_codes(path)


def weighted(rng, pairs):
    total = sum(w for _, w in pairs)
    x = rng.uniform(0, total)
    for v, w in pairs:
        x -= w
        if x <= 0:
            return v
    return pairs[-1][0]


def make_child(rng, child_codes):
    lo, hi = weighted(rng, AGE_BANDS)
    c = {"sex": rng.choice(["male", "female"]),
         "age_years": rng.randint(lo, hi)}
    if rng.random() < 0.55:
        c["outcome"] = "died"
        c["death_cause"] = "sudi" if c["age_years"] == 0 and \
            rng.random() < 0.4 else weighted(rng, DEATH_CAUSES)
    else:
        c["outcome"] = "serious_harm"
    c["factors"] = [k for k in child_codes if rng.random() < 0.3]
    return c


def make_case(rng, board, completed, case_codes, child_codes, rates,
              small):
    n = 1 if small else weighted(rng, [(1, 5), (2, 3), (3, 2)])
    k = {
        "lscb": board,
        "completed": completed,
        "children": [make_child(rng, child_codes) for _ in range(n)],
        "household_children": weighted(rng, [(0, 4), (1, 2), (2, 2),
                                             (3, 1), (4, 1)]),
        "lscb_areas_known": weighted(rng, [(1, 6), (2, 3), (3, 1), (4, 1),
                                           (5, 1)]),
        "factors": [c for c in case_codes if rng.random() < rates[c]],
    }
    k["not_recorded"] = []
    if rng.random() < 0.3:
        free = [c for c in case_codes if c not in k["factors"]]
        if free:
            k["not_recorded"] = [rng.choice(free)]
    return k


HEADER = ["Synthetic case descriptor made by tests/data/make_variants.py;",
          "it describes no real child, family or review."]


def case_yaml(k, header=HEADER):
    k = dict(k, notes="NOTES-SENTINEL %s: %s" % (k["id"], k["note"]))
    return scrcases.case_text(k, header)


def write_generated(out, rng, generated, header, note, known=None):
    """Writes the generated reviews of a fixture, (period, board, how
    many) each, as out/cases/GEN-YEAR-NNN.yaml: a day drawn in the period,
    the case drawn as make_case() draws one, with the cohort's rates
    drawn first.  known, if given, is the boards a board must be one of."""
    case_codes, child_codes = codes_by_level(
        os.path.join(INPUT, "codebook.yaml"))
    rates = {c: rng.choice([0.0, 0.15, 0.4, 0.9]) for c in case_codes}
    n = 0
    for (start, end), board, count in generated:
        assert known is None or board in known, board
        for _ in range(count):
            n += 1
            day = start + datetime.timedelta(
                days=rng.randint(0, (end - start).days))
            k = make_case(rng, board, day, case_codes, child_codes, rates,
                          False)
            k["id"] = "GEN-%d-%03d" % (day.year, n)
            k["note"] = note
            with open(os.path.join(out, "cases", k["id"] + ".yaml"), "w",
                      encoding="utf-8") as g:
                g.write(case_yaml(k, header))


def needs_secondary(cases, board, t=5):
    """Returns 1 if the board's age bands have exactly one cell of 1..t
    children over more than t children, so that disclosure control must
    suppress a second cell of the age table."""
    ages = [c["age_years"] for k in cases if k["lscb"] == board and
            PERIOD_FROM <= k["completed"] <= PERIOD_TO
            for c in k["children"]]
    cells = [sum(1 for a in ages if lo <= a <= hi) for (lo, hi), _ in
             AGE_BANDS]
    return len(ages) > t and sum(1 for n in cells if 1 <= n <= t) == 1


def build(out, seed, counts):
    # The first seed from seed * 1000 on whose largest board needs
    # secondary suppression in its age table.
    for attempt in range(1000):
        cases = generate(seed * 1000 + attempt, counts)
        if counts[0] <= 5 or needs_secondary(cases, BOARDS[0]):
            break
    write(out, seed, cases)


def generate(seed, counts):
    rng = random.Random(seed)
    case_codes, child_codes = codes_by_level(
        os.path.join(INPUT, "codebook.yaml"))
    # Each code gets a rate for the cohort: never, rare, common or nearly
    # always, so a board of eight or more shows zeros, suppressed cells and
    # shares of six or more.
    rates = {c: rng.choice([0.0, 0.15, 0.4, 0.9]) for c in case_codes}

    cases = []
    span = (PERIOD_TO - PERIOD_FROM).days
    for board, n in zip(BOARDS, counts):
        for _ in range(n):
            day = PERIOD_FROM + datetime.timedelta(days=rng.randint(0, span))
            cases.append(make_case(rng, board, day, case_codes,
                                   child_codes, rates, n <= 3))
    cases.append(make_case(rng, BOARDS[-1], AFTER_PERIOD, case_codes,
                           child_codes, rates, True))
    cases.sort(key=lambda k: (k["completed"], k["lscb"]))
    per_year = {}
    words = ["quiet", "amber", "willow", "harbour", "lantern", "meadow",
             "copper", "thistle", "orchard", "saffron"]
    for k in cases:
        y = k["completed"].year
        per_year[y] = per_year.get(y, 0) + 1
        k["id"] = "VAR-%d-%03d" % (y, per_year[y])
        k["note"] = "coder remark %s %s %d" % (
            rng.choice(words), rng.choice(words), rng.randint(100, 999))
    return cases


def write(out, seed, cases):
    scrcases.clear_cases(out)
    for k in cases:
        with open(os.path.join(out, "cases", k["id"] + ".yaml"), "w",
                  encoding="utf-8") as f:
            f.write(case_yaml(k))
    with open(os.path.join(out, "report.yaml"), "w", encoding="utf-8") as f:
        f.write(REPORT.format(seed=seed, pfrom=PERIOD_FROM.isoformat(),
                              pto=PERIOD_TO.isoformat(),
                              boards="".join("  - %s\n" % b
                                             for b in BOARDS)))
    scrcases.copy_shared(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seed", type=int)
    ap.add_argument("--counts", help="cases in the period per board, "
                    "e.g. 8,2,0")
    ap.add_argument("--out", help="the input folder to write")
    a = ap.parse_args()
    if a.seed is None and a.counts is None and a.out is None:
        for name, seed, counts in DEFAULTS:
            build(os.path.join(HERE, name), seed, counts)
        return 0
    if a.seed is None or a.counts is None or a.out is None:
        ap.error("--seed, --counts and --out go together")
    counts = tuple(int(x) for x in a.counts.split(","))
    if len(counts) != len(BOARDS) or min(counts) < 0:
        ap.error("--counts: %d numbers >= 0" % len(BOARDS))
    build(a.out, a.seed, counts)
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Build the cohorts the disclosure attacker runs on (tests/attack/run.sh).

Every cohort is a complete `--input` folder for scrpaper: report.yaml (the
33 London boards of input/report.yaml, threshold 5), codebook.yaml and
national.yaml copied from input/, and cases/*.yaml.  Everything is invented
by a seeded random generator (or built by hand, for the leaks): the files
describe no real child, family or review, and the output depends only on
the arguments.

  --generated N --seed S --out DIR
      DIR/gen-000 ... : N cohorts of 10 to 300 reviews over skewed boards.
      They rotate through shapes: any number of children a review; one
      child a review; London figures of 0, 1 and 2 (some codes given to
      exactly that many reviews, a few age bands and causes too); one
      board with every review.
  --leaks --out DIR
      DIR/leak1 ... leak4: the four ways the board ledgers of the
      2026-11 release gave suppressed numbers away (issue 11), each built
      by hand: complementary rows, cases_with_death, London less the
      other boards when London's figure is 1, not_recorded across boards.

Python 3 standard library only.
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
sys.path.insert(0, os.path.join(ROOT, "tests", "data"))
sys.path.insert(0, os.path.join(ROOT, "tests", "lib"))
import make_variants as variants  # noqa: E402  (codes_by_level)
import scrcases  # noqa: E402  (the case files)

PERIOD_FROM = datetime.date(2006, 4, 1)
PERIOD_TO = datetime.date(2009, 9, 30)

CAUSES = ["physical_assault", "sudi", "neglect", "related", "suicide"]
BANDS = [(0, 0), (1, 5), (6, 10), (11, 15), (16, 17)]


def boards():
    """input/report.yaml's boards, in order."""
    return scrcases.read_boards(os.path.join(INPUT, "report.yaml"))


def codes_by_level():
    return variants.codes_by_level(os.path.join(INPUT, "codebook.yaml"))


REPORT = """\
# Report settings of a synthetic cohort made by tests/attack/make_cohorts.py
# ({what}); it describes no real child, family or review.
title: Background paper on London Serious Case Reviews
region: London
period:
  from: 2006-04-01
  to: 2009-09-30
organisation: GOL Safeguarding Team
authors: [Joan Prokop, Kathy Bundred, Jo Green]
national_study: 2008-09
created: 2009-11-30
disclosure:
  threshold: 5
  regional: false
lscbs:
{boards}"""


def child(sex, age, cause=None, factors=()):
    c = {"sex": sex, "age_years": age,
         "outcome": "died" if cause else "serious_harm"}
    if cause:
        c["death_cause"] = cause
    c["factors"] = list(factors)
    return c


def case(board, kids, factors=(), not_recorded=(), household=0, areas=1,
         day=0):
    return {"lscb": board, "children": kids, "factors": list(factors),
            "not_recorded": list(not_recorded), "household_children":
            household, "lscb_areas_known": areas,
            "completed": PERIOD_FROM + datetime.timedelta(days=day % 1200)}


def write(out, what, cases, case_codes):
    scrcases.clear_cases(out)
    order = {c: i for i, c in enumerate(case_codes)}
    for i, k in enumerate(cases):
        write_case(out, "ATK-%04d" % (i + 1), k, order)
    with open(os.path.join(out, "report.yaml"), "w", encoding="utf-8") as f:
        f.write(REPORT.format(what=what, boards="".join(
            "  - %s\n" % b for b in boards())))
    scrcases.copy_shared(out, INPUT)


def write_case(out, kid, k, order):
    """Writes case k as out/cases/KID.yaml (order: the codes' order), by
    tests/lib/scrcases.py: its factors once each in the codebook's order,
    its not_recorded codes but those it has, notes the sentinel the tests
    look for."""
    fs = sorted(set(k["factors"]), key=lambda c: order.get(c, 0))
    scrcases.write_case(out, dict(
        k, id=kid, factors=fs,
        not_recorded=[c for c in k["not_recorded"] if c not in fs],
        notes="NOTES-SENTINEL %s" % kid),
        ["Synthetic case made by tests/attack/make_cohorts.py."])


def generated(rng, shape, case_codes, child_codes):
    """One random cohort of the given shape."""
    bs = boards()
    n = rng.randint(10, 300)
    # Skewed boards: a few large, many small, some empty.
    weights = [rng.paretovariate(1.2) if rng.random() < 0.8 else 0.0
               for _ in bs]
    if shape == "one-board":
        weights = [0.0] * len(bs)
        weights[rng.randrange(len(bs))] = 1.0
    if sum(weights) == 0:
        weights[0] = 1.0
    rates = {c: rng.choice([0.0, 0.03, 0.15, 0.4, 0.9]) for c in case_codes}
    # London figures of 0, 1 and 2: codes held by exactly that many reviews.
    exact = {}
    if shape == "london-small":
        for c in rng.sample(case_codes, 12):
            exact[c] = rng.choice([0, 1, 2])
            rates[c] = 0.0
    cases = []
    for i in range(n):
        b = rng.choices(bs, weights)[0]
        nk = 1 if shape in ("one-child", "london-small") else \
            rng.choices([1, 2, 3, 4], [6, 3, 2, 1])[0]
        kids = []
        for _ in range(nk):
            lo, hi = rng.choices(BANDS, [40, 25, 10, 15, 10])[0]
            if shape == "london-small" and lo == 16 and rng.random() < 0.9:
                lo, hi = 11, 15         # a London of 0, 1 or 2 aged 16+
            age = rng.randint(lo, hi)
            cause = None
            if rng.random() < 0.55:
                cause = rng.choices(CAUSES, [5, 2, 1, 1, 1])[0]
                if shape == "london-small" and cause == "suicide" and \
                        rng.random() < 0.9:
                    cause = "physical_assault"
            kids.append(child(rng.choice(["male", "female"]), age, cause,
                              [c for c in child_codes
                               if rng.random() < 0.3]))
        fs = [c for c in case_codes if rng.random() < rates[c]]
        nr = []
        if rng.random() < 0.3:
            free = [c for c in case_codes if c not in fs]
            nr = [rng.choice(free)]
        cases.append(case(b, kids, fs, nr,
                          rng.choices([0, 1, 2, 3, 4], [4, 2, 2, 1, 1])[0],
                          rng.choices([1, 2, 3, 4, 5], [6, 3, 1, 1, 1])[0],
                          rng.randrange(1200)))
    for c, k in exact.items():
        for x in rng.sample(cases, k):
            x["factors"].append(c)
    return cases


def leaks():
    """The four leaks of issue 11, one cohort each, built by hand."""
    bs = boards()
    A, B, C, D = bs[24], bs[21], bs[29], bs[11]  # Newham, Lambeth, ...
    out = {}

    # 1. Complementary rows: A's 11 children, 8 seriously harmed (shown,
    # 73%) and 3 deaths whose causes are [c] (1 and 2): children less
    # harmed gives the deaths, and children_harmed is
    # children_serious_harm by another name.  B and C are large boards
    # showing everything.
    cs = []
    for i in range(8):
        cs.append(case(A, [child("male", 3)], day=i))
    cs.append(case(A, [child("female", 0, "sudi")], day=20))
    cs.append(case(A, [child("male", 7, "physical_assault")], day=21))
    cs.append(case(A, [child("male", 9, "physical_assault")], day=22))
    for b in (B, C):
        for i in range(12):
            cs.append(case(b, [child("female" if i % 2 else "male", 2 + i % 9,
                                     "physical_assault" if i < 6 else None)],
                           day=30 + i))
    out["leak1"] = ("complementary rows", cs)

    # 2. cases_with_death: one child a review, so the reviews with a death
    # (a share of the reviews, shown) are the deaths; the board's one
    # seriously harmed child follows from its number of children.
    cs = []
    for i in range(9):
        cs.append(case(A, [child("male", i % 12, "physical_assault")], day=i))
    cs.append(case(A, [child("female", 4)], day=15))
    for b in (B, C):
        for i in range(10):
            cs.append(case(b, [child("male", 1 + i, "neglect" if i < 4 else
                                     None)], day=40 + i))
    out["leak2"] = ("cases_with_death", cs)

    # 3. London's figure is 1: one 16-year-old in London, in A; every other
    # board with reviews shows 0 for the band.
    cs = []
    for b, n in ((A, 8), (B, 9), (C, 10), (D, 7)):
        for i in range(n):
            cs.append(case(b, [child("male", 2 + (i % 8),
                                     "sudi" if i < 3 else None)],
                           day=n * 10 + i))
    cs.append(case(A, [child("female", 16)], day=500))
    out["leak3"] = ("London less the other boards at London 1", cs)

    # 4. not_recorded across boards: drug_misuse not recorded in 3 of A's
    # reviews (blanked, 1..5) and in 7 of B's (shown); London shows 10.
    cs = []
    for i in range(9):
        cs.append(case(A, [child("male", 3)], factors=["known_to_csc"],
                       not_recorded=["drug_misuse"] if i < 3 else [],
                       day=i))
    for i in range(12):
        cs.append(case(B, [child("female", 5)], factors=["known_to_csc"],
                       not_recorded=["drug_misuse"] if i < 7 else [],
                       day=50 + i))
    for i in range(10):
        cs.append(case(C, [child("male", 9)], day=90 + i))
    out["leak4"] = ("not_recorded across boards", cs)
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--generated", type=int, default=0)
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--leaks", action="store_true")
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    case_codes, child_codes = codes_by_level()
    shapes = ["any", "one-child", "london-small", "one-board"]
    for i in range(a.generated):
        rng = random.Random(a.seed * 100003 + i)
        shape = shapes[i % len(shapes)]
        write(os.path.join(a.out, "gen-%03d" % i),
              "seed %d, cohort %d, %s" % (a.seed, i, shape),
              generated(rng, shape, case_codes, child_codes), case_codes)
    if a.leaks:
        for name, (what, cs) in leaks().items():
            write(os.path.join(a.out, name), what, cs, case_codes)
    return 0


if __name__ == "__main__":
    sys.exit(main())

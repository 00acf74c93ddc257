#!/usr/bin/env python3
"""Write a synthetic input folder for benchmarking `scrpaper figures`.

    python3 bench/gen_cohort.py N OUTDIR [--input DIR] [--seed S]

OUTDIR gets report.yaml, codebook.yaml and national.yaml copied from the
input folder (default: input/) and N case descriptors in OUTDIR/cases/, one
file per case, all valid: ids unique, boards from report.yaml, dates inside
the report period, 1-3 children, 3-12 case-level codes (some of them marked
not recorded instead), child-level codes from the codebook.  The cases are
random but fixed by the seed, so the same N gives the same files.  They
describe nobody; they exist only to be loaded.

Python 3 standard library only.  report.yaml and codebook.yaml are read with
a few regular expressions that fit their layout (see input/README.md), not a
YAML parser.
"""

import argparse
import datetime
import os
import random
import shutil
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))), "tests", "lib"))
import scrcases  # noqa: E402

SEED = 20240101


def read_lscbs(path):
    """The `lscbs:` block list of report.yaml."""
    return scrcases.read_boards(path)


def read_period(path):
    try:
        return scrcases.read_period(path)
    except ValueError:
        sys.exit("gen_cohort: no period from/to in %s" % path)


def read_codes(path):
    """(case codes, child codes) in codebook order."""
    return scrcases.read_codes(path)


NOTES = [
    "Overview report received late; chronology reconstructed from agency IMRs.",
    "Family moved between two boroughs during the period under review.",
    "Coded from the executive summary only.",
    "Second reviewer checked the coding of parental factors.",
]


HEADER = ["Synthetic case descriptor made by bench/gen_cohort.py;",
          "it describes no real child, family or review."]


def make_case(rng, i, lscbs, d0, span, case_codes, child_codes):
    # The draws in the order the first generator made them, so cohorts
    # keep their cases.
    completed = d0 + datetime.timedelta(days=rng.randrange(span))
    k = {"id": "BEN-%d-%06d" % (completed.year, i),
         "lscb": lscbs[rng.randrange(len(lscbs))],
         "completed": completed, "children": []}
    for _ in range(rng.choice((1, 1, 1, 2, 2, 3))):
        died = rng.random() < 0.55
        age = rng.choice((0, 0, 0, 1, 2, 3, 4, 5, 6, 8, 10, 11, 13, 14, 15, 16, 17))
        c = {"sex": rng.choice(("male", "female")), "age_years": age,
             "outcome": "died" if died else "serious_harm"}
        if died:
            c["death_cause"] = rng.choice(
                ("sudi", "physical_assault", "physical_assault", "neglect",
                 "related", "suicide"))
        if child_codes and rng.random() < 0.3:
            c["factors"] = [rng.choice(child_codes)]
        k["children"].append(c)
    # Both fields in every case (scrpaper check warns at a default).
    k["household_children"] = (rng.randrange(0, 5)
                               if rng.random() < 0.8 else 0)
    k["lscb_areas_known"] = (rng.choice((1, 1, 1, 2, 2, 3, 4, 5))
                             if rng.random() < 0.7 else 1)
    n = rng.randint(3, min(12, len(case_codes)))
    picked = sorted(rng.sample(range(len(case_codes)), n))
    nr = [c for c in picked if rng.random() < 0.1]
    k["factors"] = [case_codes[c] for c in picked if c not in nr]
    k["not_recorded"] = [case_codes[c] for c in nr]
    if rng.random() < 0.1:
        k["notes"] = rng.choice(NOTES)
    return scrcases.case_text(k, HEADER, block_factors=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("n", type=int, help="number of cases")
    ap.add_argument("out", help="folder to write (created; cases/ is replaced)")
    ap.add_argument("--input", default="input", help="where report.yaml etc. are")
    ap.add_argument("--seed", type=int, default=SEED)
    a = ap.parse_args()
    if a.n < 1 or a.n > 999999:
        sys.exit("gen_cohort: N must be 1..999999")

    lscbs = read_lscbs(os.path.join(a.input, "report.yaml"))
    d0, d1 = read_period(os.path.join(a.input, "report.yaml"))
    case_codes, child_codes = read_codes(os.path.join(a.input, "codebook.yaml"))
    if not lscbs or len(case_codes) < 3:
        sys.exit("gen_cohort: cannot read lscbs or codes from %s" % a.input)

    cases_dir = os.path.join(a.out, "cases")
    if os.path.isdir(cases_dir):
        shutil.rmtree(cases_dir)
    os.makedirs(cases_dir)
    for name in ("report.yaml", "codebook.yaml", "national.yaml"):
        shutil.copyfile(os.path.join(a.input, name), os.path.join(a.out, name))

    rng = random.Random(a.seed)
    span = (d1 - d0).days + 1
    for i in range(1, a.n + 1):
        text = make_case(rng, i, lscbs, d0, span, case_codes, child_codes)
        with open(os.path.join(cases_dir, "BEN-%06d.yaml" % i), "w",
                  encoding="utf-8") as f:
            f.write(text)
    print("gen_cohort: %d cases in %s" % (a.n, cases_dir), file=sys.stderr)


if __name__ == "__main__":
    main()

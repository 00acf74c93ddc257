#!/usr/bin/env python3
"""Last year's ledgers against this year's, period by period (red team).

    red_same_periods.py THIS_BOARDS.csv LAST_BOARDS.csv

Both are `scrpaper figures --all-periods --all-lscbs` (this year's input,
and last year's: the same case files, its current period one back).  A
period both publish must print the same cells: a cell shown in one and
[c] in the other is read from the one that shows it, so the union of the
two releases would give a [c] away.  Prints every such cell; exit 1 when
there is one.  out_of_period rows are left out (docs/disclosure.md: they
count the reviews in no period of the report that prints them).
Python 3 standard library only.
"""

import csv
import sys


def load(path):
    out = {}
    for r in csv.DictReader(open(path, encoding="utf-8")):
        if r["name"] == "out_of_period":
            continue
        out[(r["period"], r["lscb"], r["name"])] = r
    return out


def main():
    this, last = load(sys.argv[1]), load(sys.argv[2])
    shared = sorted(set(this) & set(last))
    if not shared:
        print("red_same_periods: no period in common", file=sys.stderr)
        return 2
    bad = 0
    for key in shared:
        a, b = this[key], last[key]
        for col in ("numerator", "denominator", "not_recorded", "text"):
            if a[col] != b[col]:
                bad += 1
                if bad <= 20:
                    print("differs %s %s %s %s: this year %r, last year %r"
                          % (key[0], key[1], key[2], col, a[col], b[col]))
    periods = sorted({k[0] for k in shared})
    print("red_same_periods: %d cells of periods %s compared, %d differ"
          % (len(shared), ", ".join(periods), bad))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""periods_counted.py: the counts of test_periods.sh, several cohorts in
one process (a Python start costs as much as a cohort's check).

Usage: periods_counted.py FIGURES.yaml TMP INPUT [TMP INPUT]...

For each pair, as separate processes would: tests/e2e/count_figures.py
INPUT FIGURES.yaml writes TMP/counts.json, then tests/e2e/periods_figures.py
TMP INPUT checks the ledgers in TMP against it.  What they print is
printed; a pair that fails (a non-zero exit, an exception) prints
"FAIL: INPUT: ..." naming the step.  Exits 1 if any failed.  Run from the
project root.
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "lib"))
from inproc import run_script as script  # noqa: E402


def main():
    figures, pairs = sys.argv[1], sys.argv[2:]
    if not pairs or len(pairs) % 2:
        sys.exit("usage: periods_counted.py FIGURES.yaml TMP INPUT...")
    bad = 0
    for tmp, inp in zip(pairs[::2], pairs[1::2]):
        if script("tests/e2e/count_figures.py", [inp, figures],
                  tmp + "/counts.json"):
            print("FAIL: %s: count_figures.py" % inp)
            bad = 1
        elif script("tests/e2e/periods_figures.py", [tmp, inp]):
            print("FAIL: %s: figures differ from the counts" % inp)
            bad = 1
        sys.stdout.flush()
    return bad


if __name__ == "__main__":
    sys.exit(main())

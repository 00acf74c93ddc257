#!/usr/bin/env python3
"""paper_periods_batch.py: runs the Python checks of test_paper_periods.sh
in one process (a Python start costs as much as a check).

Usage: paper_periods_batch.py JOBS

JOBS holds one job a line, its fields separated by tabs: a label (what
the test names on a failure), then one of
  struct PDF OUT   tests/unit/pdf_struct.py PDF, its output written to OUT;
  check ARG...     tests/e2e/periods_check.py ARG...;
  trend ARG...     tests/e2e/paper_periods_trend.py ARG....
Each job runs as it would in a process of its own (tests/lib/inproc.py):
what it prints is printed, and a job that fails (a non-zero exit, an exception)
adds its label to the last line, "FAIL: LABEL; LABEL...".  Exits 1 if any
job failed.  Run from the project root.
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "lib"))
from inproc import run_script  # noqa: E402

SCRIPTS = {
    "struct": "tests/unit/pdf_struct.py",
    "check": "tests/e2e/periods_check.py",
    "trend": "tests/e2e/paper_periods_trend.py",
}


def run(kind, args):
    """Runs one job; returns its exit status."""
    if kind == "struct":
        return run_script(SCRIPTS[kind], args[:1], out=args[1])
    return run_script(SCRIPTS[kind], args)


def main():
    failed = []
    with open(sys.argv[1], encoding="utf-8") as f:
        jobs = [l.rstrip("\n").split("\t") for l in f if l.strip()]
    for job in jobs:
        label, kind, args = job[0], job[1], job[2:]
        rc = run(kind, args)
        sys.stdout.flush()
        if rc:
            failed.append(label)
    if failed:
        print("FAIL: " + "; ".join(failed))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

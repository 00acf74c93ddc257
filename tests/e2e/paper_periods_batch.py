#!/usr/bin/env python3
"""paper_periods_batch.py: runs the Python checks of test_paper_periods.sh
in one process (a Python start costs as much as a check).

Usage: paper_periods_batch.py JOBS

JOBS holds one job a line, its fields separated by tabs: a label (what
the test names on a failure), then one of
  struct PDF OUT   tests/unit/pdf_struct.py PDF, its output written to OUT;
  check ARG...     tests/e2e/periods_check.py ARG...;
  trend ARG...     tests/e2e/paper_periods_trend.py ARG....
Each job runs as it would in a process of its own (periods_check.py's
failures and the suppression note it reads are reset before each): what
it prints is printed, and a job that fails (a non-zero exit, an exception)
adds its label to the last line, "FAIL: LABEL; LABEL...".  Exits 1 if any
job failed.  Run from the project root.
"""
import contextlib
import runpy
import sys
import traceback

sys.path.insert(0, "tests/e2e")
sys.path.insert(0, "tests/unit")
import pdf_struct  # noqa: E402
import periods_check  # noqa: E402


def run(kind, args):
    """Runs one job; returns its exit status."""
    if kind == "struct":
        pdf, out = args
        sys.argv = ["pdf_struct.py", pdf]
        with open(out, "w", encoding="utf-8") as f, \
                contextlib.redirect_stdout(f):
            rc = pdf_struct.main()
        return rc or 0
    if kind == "check":
        periods_check.FAILS.clear()
        periods_check.SUPPRESSED_NOTE = None
        return periods_check.main(["periods_check.py"] + args)
    if kind == "trend":
        sys.argv = ["paper_periods_trend.py"] + args
        runpy.run_path("tests/e2e/paper_periods_trend.py",
                       run_name="__main__")
        return 0
    raise ValueError("unknown job " + kind)


def main():
    failed = []
    with open(sys.argv[1], encoding="utf-8") as f:
        jobs = [l.rstrip("\n").split("\t") for l in f if l.strip()]
    for job in jobs:
        label, kind, args = job[0], job[1], job[2:]
        try:
            rc = run(kind, args)
        except SystemExit as e:
            rc = e.code if isinstance(e.code, int) else 1
            if not isinstance(e.code, int):
                print(e.code)
        except Exception:  # an AssertionError of the trend, a bad file
            traceback.print_exc(file=sys.stdout)
            rc = 1
        sys.stdout.flush()
        if rc:
            failed.append(label)
    if failed:
        print("FAIL: " + "; ".join(failed))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

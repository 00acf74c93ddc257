#!/usr/bin/env python3
"""Checks the pooled tables' sentences of a board paper against the case files.

A pooled table (report.yaml `disclosure: pool`) is introduced by "... of
all N periods together, P1, ... and PN (completed between MONTH YEAR and
MONTH YEAR: K SCRs in BOARD, involving M children)".  Read literally, K
is the number of BOARD's reviews completed in that window; the pooled
figures count only the reviews in one of the periods.  When the periods
leave a gap (an earlier period ending a month early), a review completed
in the gap is in the window and in no period, and the sentence is false.
There the paper must say "(completed in those periods, within MONTH YEAR
to MONTH YEAR: K SCRs in BOARD, ...)", K the board's reviews completed
inside one of the periods of INPUT/report.yaml.

Counts, from INPUT/cases/*.yaml (fields `lscb:` and `completed:`), the
board's reviews completed in the stated window and compares.  Reads the
paper's text (pdftotext -layout, or HTML).
Usage: red_pool_sentence.py PAPER INPUT BOARD
Exit 1 when a sentence disagrees with the case files, or the paper has
no pooled sentence.
"""

import calendar
import glob
import html
import re
import sys

import yaml

MONTHS = {m: i for i, m in enumerate(calendar.month_name) if m}


def main():
    paper, inp, board = sys.argv[1:4]
    t = open(paper, encoding="utf-8").read()
    t = html.unescape(re.sub(r"<[^>]+>", " ", t))
    t = re.sub(r"Page \d+ of \d+", " ", t)
    t = re.sub(r"\s+", " ", t)
    pat = (r"completed between (\w+) (\d{4}) and (\w+) (\d{4}): (\d+) SCRs? "
           r"in " + re.escape(board) + r", involving (\d+) child")
    found = set(re.findall(pat, t))
    pat_in = (r"completed in those periods, within \w+ \d{4} to \w+ \d{4}: "
              r"(\d+) SCRs? in " + re.escape(board) + r", involving")
    found_in = set(re.findall(pat_in, t))
    rep = yaml.safe_load(open(inp + "/report.yaml", encoding="utf-8"))
    periods = [(str(p["from"]), str(p["to"]))
               for p in [rep["period"]] + list(rep.get("earlier") or [])]
    dates = []
    for f in glob.glob(inp + "/cases/*.yaml"):
        y = open(f, encoding="utf-8").read()
        b = re.search(r"^lscb: (.*)$", y, re.M)
        c = re.search(r"^completed: (\d{4}-\d{2}-\d{2})", y, re.M)
        if b and c and b.group(1).strip() == board:
            dates.append(c.group(1))
    bad = 0
    for m1, y1, m2, y2, k, _ in sorted(found):
        lo = "%s-%02d-01" % (y1, MONTHS[m1])
        last = calendar.monthrange(int(y2), MONTHS[m2])[1]
        hi = "%s-%02d-%02d" % (y2, MONTHS[m2], last)
        n = sum(lo <= d <= hi for d in dates)
        ok = n == int(k)
        bad += not ok
        print("%s: \"completed between %s %s and %s %s: %s SCRs in %s\": "
              "the case files hold %d%s" % ("OK" if ok else "FALSE", m1, y1,
                                           m2, y2, k, board, n,
                                           "" if ok else " (a review in a gap "
                                           "between the periods?)"))
    for k in sorted(found_in):
        n = sum(any(lo <= d <= hi for lo, hi in periods) for d in dates)
        ok = n == int(k) and len(periods) > 1
        bad += not ok
        print("%s: \"completed in those periods ...: %s SCRs in %s\": the "
              "case files hold %d in the %d periods" % (
                  "OK" if ok else "FALSE", k, board, n, len(periods)))
    if not found and not found_in:
        print("red_pool_sentence: no pooled sentence for %s" % board)
        return 1
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())

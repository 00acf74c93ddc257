#!/usr/bin/env python3
"""Sentences of a paper that compare periods, read as a reader would (red team).

    red_sentences.py PAPER.txt REPORT.yaml

PAPER.txt is `pdftotext` of a paper (regional or a board's), REPORT.yaml
the report.yaml it was made from.  Checks every change sentence

    "Since LABEL, the number of ... rose|fell from A to B, up|down N"
    "... from A% to B%, up|down N point(s)"

  1. its arithmetic: N = |B - A|, up when B > A, down when B < A;
  2. a count (not a share) compared between two periods of different
     length must say so (the sentence, or the paragraph before it, names
     the periods' lengths: "months", "years", "a year", "per year",
     "longer", "shorter"): 38 reviews in two years against 47 in three and
     a half is a fall per year, not a rise, and "rose from 38 to 47"
     misleads.

Prints each false or misleading sentence; exit 1 when there is one.
Python 3 standard library only.
"""

import datetime
import re
import sys


def periods(path):
    """{label: days} of report.yaml's period and earlier periods."""
    text = open(path, encoding="utf-8").read()
    out = {}
    m = re.search(r"^period:\n((?:  .*\n)+)", text, re.M)
    cur = m.group(1)
    f = re.search(r"from: (\d{4}-\d\d-\d\d)", cur).group(1)
    t = re.search(r"to: (\d{4}-\d\d-\d\d)", cur).group(1)
    lab = re.search(r"label: (\S+)", cur)
    lab = lab.group(1) if lab else None
    if lab is None:
        a, b = int(f[:4]), int(t[:4])
        lab = "%d-%02d" % (a, b % 100) if a != b else str(a)
    out[lab] = (f, t)
    for m in re.finditer(r"\{label: ([^,]+), from: ([\d-]+), to: ([\d-]+)\}",
                         text):
        out[m.group(1)] = (m.group(2), m.group(3))
    days = {}
    for k, (f, t) in out.items():
        days[k] = (datetime.date.fromisoformat(t) -
                   datetime.date.fromisoformat(f)).days + 1
    return lab, days


def main():
    paper = open(sys.argv[1], encoding="utf-8").read()
    current, days = periods(sys.argv[2])
    text = re.sub(r"\s+", " ", paper)
    bad = 0
    n = 0
    pat = re.compile(
        r"(rose|fell) from (\d+)(%?) to (\d+)(%?), (up|down) (\d+)( points?)?")
    for m in pat.finditer(text):
        n += 1
        verb, a, pa, b, pb, dirn, d, pts = m.groups()
        a, b, d = int(a), int(b), int(d)
        grew = b > a if verb == "rose" else b < a
        if d != abs(b - a) or not grew or d == 0 or \
                (dirn == "up") != (verb == "rose"):
            bad += 1
            print("false: ...%s..." % m.group(0))
        if pa or pb:
            continue
        # the sentence this change belongs to
        start = text.rfind("Since ", 0, m.start())
        sm = re.match(r"Since (\S+?),", text[start:])
        if start < 0 or not sm or sm.group(1) not in days:
            continue
        prev = sm.group(1)
        # the same length in months (a leap day is no difference)
        if round(days[prev] / 30.4375) == round(days[current] / 30.4375):
            continue
        context = text[max(0, start - 600):m.end()]
        if not re.search(r"month|years?\b|a year|per year|longer|shorter",
                         context.replace(prev, "").replace(current, "")):
            bad += 1
            print("misleading: \"%s\": %s has %d days, %s %d, and the "
                  "paper does not say so" % (text[start:m.end()], prev,
                                             days[prev], current,
                                             days[current]))
    print("red_sentences: %d change sentences, %d false or misleading"
          % (n, bad))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())

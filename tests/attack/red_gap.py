#!/usr/bin/env python3
"""A cohort whose periods leave a gap with a review in it (red team).

Copies the --input folder SRC (with `earlier:` periods, one of which ends
before the next begins) to DST, sets `disclosure: pool: true`, and puts
one review of BOARD (by default the board with most reviews in the
periods, the likeliest to get pooled tables) in the first gap: a copy of
one of its case files, id RED-GAP, completed the day after the period
before the gap ends.  The pooled tables' sentence "completed between
MONTH and MONTH: K SCRs in BOARD" must count it or not claim the window
(tests/attack/red_pool_sentence.py).  Prints the board's name.
Usage: red_gap.py SRC DST
"""

import collections
import datetime
import glob
import os
import re
import shutil
import sys


def main():
    src, dst = sys.argv[1:3]
    shutil.copytree(src, dst)
    rp = dst + "/report.yaml"
    text = open(rp, encoding="utf-8").read()
    per = re.findall(r"from: (\d{4}-\d\d-\d\d),? *\n?\s*to: (\d{4}-\d\d-\d\d)",
                     text)
    per = sorted((datetime.date.fromisoformat(a), datetime.date.fromisoformat(b))
                 for a, b in per)
    gap = [e + datetime.timedelta(days=1) for (_, e), (s, _) in
           zip(per, per[1:]) if (s - e).days > 1]
    if not gap:
        sys.exit("red_gap.py: the periods of %s leave no gap" % src)
    text = re.sub(r"^disclosure:\n", "disclosure:\n  pool: true\n", text,
                  count=1, flags=re.M)
    open(rp, "w", encoding="utf-8").write(text)
    files = collections.defaultdict(list)
    for f in sorted(glob.glob(dst + "/cases/*.yaml")):
        y = open(f, encoding="utf-8").read()
        b = re.search(r"^lscb: (.*)$", y, re.M).group(1).strip()
        c = datetime.date.fromisoformat(
            re.search(r"^completed: (\S+)", y, re.M).group(1))
        if any(s <= c <= e for s, e in per):
            files[b].append(y)
    board = max(files, key=lambda b: len(files[b]))
    y = files[board][0]
    y = re.sub(r"^id: .*$", "id: RED-GAP", y, count=1, flags=re.M)
    y = re.sub(r"^completed: .*$", "completed: " + gap[0].isoformat(), y,
               count=1, flags=re.M)
    open(os.path.join(dst, "cases", "RED-GAP.yaml"), "w",
         encoding="utf-8").write(y)
    print(board)
    return 0


if __name__ == "__main__":
    sys.exit(main())

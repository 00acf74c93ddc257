#!/usr/bin/env python3
"""The smallest input the red team found for the not_recorded leak.

    red_leak_nr.py OUT

writes a complete --input folder (one period, input/'s report, codebook
and national studies) with 19 invented reviews:

  Barking and Dagenham  6 reviews, every one with mother_abused_as_child
                        in not_recorded
  Barnet                6 reviews, two with mother_abused_as_child
  Westminster           7 reviews, none with it, none not recording it

London's mother_abused_as_child is 2, all Barnet's (a [c], 1 to 5).  To
keep London less the other boards from giving it back, one more board's 0
is hidden: Barking and Dagenham's comes first.  But its not_recorded, 6
of its 6 reviews, is shown, and a review whose case does not record the
code is not counted as having it: numerator + not_recorded <= base, so
the hidden numerator is 6 - 6 = 0.  Nothing but the published ledger
(`scrpaper figures --all-lscbs`) and the public number of reviews is
needed.  Python 3 standard library only.
"""

import datetime
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.dont_write_bytecode = True
sys.path.insert(0, HERE)
import make_cohorts as mc  # noqa: E402


def main():
    out = sys.argv[1]
    case_codes, _ = mc.codes_by_level()
    code = "mother_abused_as_child"
    assert code in case_codes
    cases = []
    day = 0
    for board, n, fs, nr in (("Barking and Dagenham", 6, [], [code]),
                             ("Barnet", 2, [code], []),
                             ("Barnet", 4, [], []),
                             ("Westminster", 7, [], [])):
        for _ in range(n):
            k = mc.case(board, [mc.child("female", 3)], fs, nr, 1, 1, day)
            k["completed"] = datetime.date(2007, 1, 1) + \
                datetime.timedelta(days=day)
            day += 11
            cases.append(k)
    mc.write(out, "red team: not_recorded leak", cases, case_codes)
    return 0


if __name__ == "__main__":
    sys.exit(main())

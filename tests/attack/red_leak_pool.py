#!/usr/bin/env python3
"""The smallest derivation of the pooled-totals leak across years (red team).

With `disclosure: pool: true` each year's release prints a total over ITS
periods (`figures --all-periods --pooled`, and the board papers' pooled
tables, "all three periods").  Last year's release (its current period
one back, the same case files) printed the total over the periods before.
This year's total less last year's is this year's current period, cell
by cell: a board's current [c] is given away wherever both totals are
shown.  On the three-period fixture (tests/data/make_three_periods.py,
pool: true; last year's report from tests/attack/red_lastyear.py --back
1), Southwark's alcohol_misuse: 15 of 19 reviews over 2002-04, 2004-06
and 2006-09 (this year's paper: "79%" of 19), 12 of 15 over 2002-04 and
2004-06 (last year's: "80%" of 15), so 3 of the 4 reviews of 2006-09,
printed [c].

Reads the two releases' --all-lscbs ledgers (with --pooled) and prints
every such cell.  Usage: red_leak_pool.py THIS_BRD LAST_BRD [TRUTH]
Exit 1 when a cell is given away, 0 otherwise.
"""

import csv
import json
import sys


def rows(path):
    return {(r["period"], r["lscb"], r["name"]): r
            for r in csv.DictReader(open(path, encoding="utf-8"))}


def main():
    this, last = rows(sys.argv[1]), rows(sys.argv[2])
    truth = json.load(open(sys.argv[3]))["counts"] if len(sys.argv) > 3 else {}
    per_this = {k[0] for k in this} - {"pooled", "period"}
    per_last = {k[0] for k in last} - {"pooled", "period"}
    new = per_this - per_last
    if len(new) != 1 or not per_last <= per_this:
        print("red_leak_pool: last year's periods are not this year's less one")
        return 0
    cur = new.pop()
    found = 0
    for (p, b, n), r in sorted(this.items()):
        if p != cur or r["numerator"] != "":
            continue
        t, l = this.get(("pooled", b, n)), last.get(("pooled", b, n))
        if not t or not l or t["numerator"] == "" or l["numerator"] == "":
            continue
        if t["numerator"] == "0":
            # This year's total of 0 pins every period at 0 on its
            # own: public when London's figure is 0, else a leak of
            # this year's release alone, which red_pool.py judges.
            continue
        v = int(t["numerator"]) - int(l["numerator"])
        tv = truth.get("%s|%s|%s" % (cur, b, n), [None])[0]
        print("recovered %s %s: %s = %d, printed [c] (this year's total %s "
              "of %s less last year's %s of %s)%s"
              % (cur, b, n, v, t["numerator"], t["denominator"] or "-",
                 l["numerator"], l["denominator"] or "-",
                 "" if tv is None else
                 " (true value)" if tv == v else " (WRONG: true %d)" % tv))
        found += 1
    print("red_leak_pool: %d current [c] given away by two years' totals"
          % found)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""paper_periods_trend.py: the national trend tables of a paper by period.

Usage: paper_periods_trend.py PAPER.html INPUT

PAPER.html is the regional paper's HTML edition of the input folder INPUT
(report.yaml with `earlier:` periods).  In the subsection "The national
studies and ...": the first trend table is the three national studies'
shares known to children's social care and with a child protection plan,
then London's of each period counted here from the case files
(tests/e2e/periods_check.py); the second, "Died", the studies' 66%, a gap
("–") and 52%, then London's share of children who died in each period;
each chart's text alternative has the table's cells.  Exits 1 (an
AssertionError naming the table) on a difference; prints the rows read.
"""
import re, sys
sys.path.insert(0, "tests/e2e")
import periods_check as pc
p = pc.Paper()
p.feed(open(sys.argv[1], encoding="utf-8").read())
items = p.items
i = [k for k, (t, v) in enumerate(items)
     if t == "h" and v.startswith("The national studies and")]
assert i, "no trend subsection"
rest = items[i[0]:]
# The row labels hold no-break spaces and a word joiner after a dash,
# so as not to break inside a period: read as plain text here.
def plain(x):
    if isinstance(x, (list, tuple)):
        return type(x)(plain(y) for y in x)
    return x.replace("\u2060", "").replace("\u00a0", " ")
rest = plain(rest)
table = [v for t, v in rest if t == "table"][0]
alt = [v for t, v in rest if t == "alt"][0]
per = pc.periods(sys.argv[2])
ks = pc.cases(sys.argv[2])
# Shares of the reviews only (boys, a share of the children, is left
# out, so that no table mixes two bases under one heading).
want = [["National, 2005 \u2013 2007", "50%", "17%"],
        ["National, 2007-2008", "74%", "28%"],
        ["National, 2008 \u2013 2009", "68%", "19%"]]
for label, lo, hi in per:
    sel = [k for k in ks if lo <= pc.date(k["completed"]) <= hi]
    f = pc.figures(sel)
    want.append(["London, " + label, pc.text_of(f["known_to_csc"]),
                 pc.text_of(f["cp_plan"])])
assert table[1:] == want, "trend table %s, not %s" % (table[1:], want)
body = " ".join("%s: %s." % (r[0], ", ".join(
    "%s %s" % (table[0][1 + j], r[1 + j]) for j in range(2))) for r in want)
assert body in alt, "trend alt %s without %s" % (alt, body)
print("trend: %d rows" % len(want))
# The share of the children who died, the issue's example: the studies'
# 66% and 52% as national.yaml has them, 2007-08 a gap.
table = [v for t, v in rest if t == "table"][1]
alt = [v for t, v in rest if t == "alt"][1]
want = [["National, 2005 \u2013 2007", "66%"],
        ["National, 2007-2008", "\u2013"],
        ["National, 2008 \u2013 2009", "52%"]]
for label, lo, hi in per:
    sel = [k for k in ks if lo <= pc.date(k["completed"]) <= hi]
    kids = [c for k in sel for c in k["children"]]
    died = pc.pct(sum(1 for c in kids if c["outcome"] == "died"), len(kids))
    want.append(["London, " + label, "%d%%" % died])
assert table[0][1:] == ["Died"], "died trend header %s" % table[0]
assert table[1:] == want, "died trend table %s, not %s" % (table[1:], want)
body = " ".join("%s: Died %s." % (r[0], r[1]) for r in want)
assert body in alt, "died trend alt %s without %s" % (alt, body)
print("trend of deaths: %d rows" % len(want))

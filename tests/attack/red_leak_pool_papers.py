#!/usr/bin/env python3
"""The pooled-totals leak across years, from two board papers alone (red team).

Reads the HTML board papers (scrpaper render --lscb BOARD --format html)
of this year and of last year (pool: true both years, last year's current
period one back).  For every row of a pooled table "per cent of the
reviews, all N periods", the board's per cent over the public number of
SCRs the sentence before the table gives ("K SCRs in BOARD") allows a set
of counts (whole per cent, half up); this year's count less last year's
is the current period's, between 0 and the difference of the K's.  A row
where that difference has one value, and that the current period's
sentence does not quote as shown, is a [c] given away.
Usage: red_leak_pool_papers.py THIS.html LAST.html BOARD
Exit 1 when a row is given away.
"""

import html
import re
import sys


def tables(path, board):
    t = open(path, encoding="utf-8").read()
    out = {}
    pat = re.compile(r"<p>(For [^<]*?alone,[^<]*?)</p>\s*<section[^>]*>\s*"
                     r"<table>\s*<caption[^>]*>([^<]*per cent of the "
                     r"reviews[^<]*all \w+ periods)</caption>(.*?)</table>",
                     re.S)
    for m in pat.finditer(t):
        sent = html.unescape(m.group(1))
        k = re.search(r"(\d+) SCRs? in " + re.escape(board), sent)
        if not k:
            continue
        for lab, pct in re.findall(r'<th scope="row">([^<]*)</th><td class='
                                   r'"num">(\d+)%</td>', m.group(3)):
            out[html.unescape(lab)] = (int(pct), int(k.group(1)), sent)
    return out


def counts(pct, base):
    return {n for n in range(base + 1)
            if (200 * n + base) // (2 * base) == pct}


def main():
    this, last = tables(sys.argv[1], sys.argv[3]), tables(sys.argv[2],
                                                           sys.argv[3])
    found = 0
    for lab, (p1, k1, sent) in sorted(this.items()):
        if lab not in last:
            continue
        p0, k0, _ = last[lab]
        d = {a - b for a in counts(p1, k1) for b in counts(p0, k0)
             if 0 <= a - b <= k1 - k0}
        if len(d) == 1 and "(%s," % lab not in sent and \
                "%s, " % lab not in sent:
            v = d.pop()
            print("recovered %s: %s = %d of the %d reviews of the current "
                  "period (%d%% of %d this year less %d%% of %d last year)"
                  % (sys.argv[3], lab, v, k1 - k0, p1, k1, p0, k0))
            found += 1
    print("red_leak_pool_papers: %d rows in both years' pooled tables, %d "
          "given away" % (len(set(this) & set(last)), found))
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())

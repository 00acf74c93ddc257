#!/usr/bin/env python3
"""signable_board_noise.py: no board paper prints a table with nothing to
show.

Usage: signable_board_noise.py DIR

DIR holds `render --all-lscbs --dump doc -o DIR`, one tree a board.
Fails when a table's figures are all [c] (or blank beside [c]) or a
chart has an axis but no bar, when fewer than 30 boards were read or no
table had figures: prints the problems (or the counts) and exits 1.
"""
import os, re, sys
bad, ntables, nboards = [], 0, 0
for fn in sorted(os.listdir(sys.argv[1])):
    nboards += 1
    lines = open(os.path.join(sys.argv[1], fn), encoding="utf-8").read().split("\n")
    i = 0
    while i < len(lines):
        m = re.match(r"( *)(table|chart) ", lines[i])
        if not m:
            i += 1
            continue
        ind, j, kinds, bars = len(m.group(1)), i + 1, [], 0
        while j < len(lines) and len(lines[j]) - len(lines[j].lstrip()) > ind:
            k = re.search(r"figref .*num=(\w+)", lines[j])
            if k:
                kinds.append(k.group(1))
            if lines[j].strip().startswith('= "'):
                bars += lines[j].count(" bar")
            j += 1
        if m.group(2) == "table" and kinds:
            ntables += 1
            if "suppressed" in kinds and all(
                    k in ("suppressed", "blank") for k in kinds):
                bad.append("%s: table at line %d is all [c]" % (fn, i + 1))
        if m.group(2) == "chart" and "= axis" in lines[i + 1] and not bars:
            bad.append("%s: chart at line %d has no bar" % (fn, i + 1))
        i = j
if bad or nboards < 30 or ntables == 0:
    print("\n".join(bad) or "%d boards, %d tables" % (nboards, ntables))
    sys.exit(1)

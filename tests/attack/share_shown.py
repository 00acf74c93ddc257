#!/usr/bin/env python3
"""Share of board cells shown: reads the CSV of `scrpaper figures
--all-lscbs` on standard input and prints the number of board figure rows
(numerators) shown, of all and of those of boards with at least one
review, and the same for the not_recorded column.  Used for the measures
in docs/disclosure.md; not part of make check."""
import csv
import sys

rows = list(csv.reader(sys.stdin))[1:]
cases = {r[0]: int(r[3]) for r in rows if r[1] == "cases" and r[3]}
rows = [r for r in rows if r[1] not in ("out_of_period",)]
live = [r for r in rows if cases.get(r[0], 0) > 0]
shown = sum(1 for r in rows if r[3] != "")
lshown = sum(1 for r in live if r[3] != "")
nr = sum(1 for r in live if r[7] != "")
print("%d/%d %.1f%% all boards; %d/%d %.1f%% boards with reviews; "
      "not_recorded %d/%d %.1f%%" % (
          shown, len(rows), 100.0 * shown / max(len(rows), 1), lshown,
          len(live), 100.0 * lshown / max(len(live), 1), nr, len(live),
          100.0 * nr / max(len(live), 1)))

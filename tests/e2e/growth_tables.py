#!/usr/bin/env python3
"""growth_tables.py: writes a template of 4 000 labelled tables (issue 13).

Usage: growth_tables.py OUT.tmpl

Each table has a label t-XXX (three consonants from its number) and a
sentence before it that refers to it ({ref:t-XXX}): the input of the test
that checking and rendering such a template stays linear.
"""
import string, sys
def name(i):
    s = ""
    for _ in range(3):
        s += "bcdfghjklmnpqrstvwxz"[i % 20]; i //= 20
    return s
out = ["# Tables\n\n"]
for i in range(4000):
    out.append("See {ref:t-%s} below.\n\n@table #t-%s Table %s\n\n"
               "| Row | Cases |\n| - | - |\n| A | x |\n\n" % ((name(i),) * 3))
open(sys.argv[1], "w").write("".join(out))

#!/usr/bin/env python3
"""issue31_layout_inputs.py: writes the inputs of issue 31's layout tests.

Usage: issue31_layout_inputs.py tall OUT.tmpl
       issue31_layout_inputs.py five-periods REPORT.yaml
       issue31_layout_inputs.py periods OUT.tmpl
       issue31_layout_inputs.py bidi REPORT.yaml
       issue31_layout_inputs.py KIND PATH [KIND PATH]...  (several at once)

tall: a template of a chart too tall for a page (31.6), a table of 10
categories whose labels are about 80 characters, three series.
five-periods: edits the three-period fixture's report.yaml in place: two
empty earlier periods (1998-00, 2000-02) first, and a long region name.
periods: a template of a "@periods" table of 10 figures and its chart.
bidi: edits report.yaml in place: the board Barnet renamed "Bar" U+202E
"net 12", a right-to-left override (31.9).
"""
import re
import sys


def tall(path):
    figs = ["age_under_1", "age_1_5", "age_6_10", "age_11_15", "age_16_plus"] * 2
    rows = "\n".join("| Children whose families had moved house more than three "
                     "times before review %d | {region:%s} | {national:%s} | "
                     "{region:boys} |" % (i, f, f) for i, f in enumerate(figs))
    open(path, "w").write("""# A tall chart

A paragraph before the table.

@table #big Ten long categories, three series, per cent
| Category | Region | National | Boys |
| --- | --- | --- | --- |
%s

@chart #big-chart Ten long categories and three series: the region, the national study and boys, per cent

A paragraph after the chart.
""" % rows)


def five_periods(path):
    s = open(path, encoding="utf-8").read()
    s = s.replace("earlier:\n", "earlier:\n"
                  "  - {label: 1998-00, from: 1998-04-01, to: 2000-03-31}\n"
                  "  - {label: 2000-02, from: 2000-04-01, to: 2002-03-31}\n", 1)
    s = re.sub(r"(?m)^region: .*$", "region: Greater London and the Surrounding "
               "Home Counties Safeguarding Partnership Area", s)
    open(path, "w", encoding="utf-8").write(s)


def periods(path):
    figs = ["cases_with_death", "girls", "boys", "age_under_1", "age_1_5",
            "age_6_10", "age_11_15", "age_16_plus", "known_to_csc", "cp_plan"]
    rows = "\n".join("| Figure %d of the region over the periods, %s | {%s} |" %
                     (i, f.replace("_", " "), f) for i, f in enumerate(figs))
    open(path, "w").write("""# Periods

A paragraph before the table.

@table #p Ten figures across five periods
| Figure | |
| --- | --- |
%s
@periods

@chart #p-chart Ten figures across five periods, by period

A paragraph after the chart.
""" % rows)


def bidi(path):
    s = open(path, encoding="utf-8").read()
    s = s.replace("  - Barnet\n", "  - Bar\u202enet 12\n", 1)
    open(path, "w", encoding="utf-8").write(s)


WRITERS = {"tall": tall, "five-periods": five_periods, "periods": periods,
           "bidi": bidi}

if __name__ == "__main__":
    args = sys.argv[1:]
    if not args or len(args) % 2 or \
            any(k not in WRITERS for k in args[0::2]):
        sys.exit(__doc__)
    for kind, path in zip(args[0::2], args[1::2]):
        WRITERS[kind](path)

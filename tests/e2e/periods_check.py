#!/usr/bin/env python3
"""periods_check.py: checks the comparison of periods (issue 15) in a
paper against counts made here from the case files.

Usage:
  periods_check.py INPUT PAPER.html PAPER.txt PAPER.struct [--lscb NAME
      LEDGER_DIR] [--changes CHANGES.txt]

INPUT is the input folder (report.yaml with `earlier:`, cases/); the
paper is given as its HTML edition, the text of its PDF (pdftotext
-layout) and the structure tree of its PDF (tests/unit/pdf_struct.py).
For a board's paper, --lscb names the board and LEDGER_DIR holds its
ledger of each period as LABEL.csv (`scrpaper figures --lscb NAME
--period LABEL`): a cell is [c] exactly where the ledger hides the
figure, else the count made here; LEDGER_DIR "-" (the board's restricted
edition) wants every cell as counted here.  --changes checks a text of lines
"NAME: CHANGE." (a test template of {change:NAME}) against the change
between the last two periods made here.

Checks, for every table of the section "... compared with earlier
periods": its header names the periods oldest first, the current one
last; each cell is the figure of its row in its period; the chart after
it has the text alternative made from those cells, in the HTML (the
SVG's title) and in the PDF (the Figure's /Alt); the PDF's text has each
row's cells in order.  And the sentence on the number of reviews and
children, word for word.  Prints what differs; exits 1 if anything does.
"""
import csv
import datetime
import html.parser
import os
import re
import sys

import yaml

FAILS = []

ROWS = {
    "The cohort": [
        ("SCRs completed", "cases"),
        ("Children involved in the incidents", "children"),
    ],
    "Age profile": [
        ("Under 1", "age_under_1"), ("1 \u2013 5", "age_1_5"),
        ("6 \u2013 10", "age_6_10"), ("11 \u2013 15", "age_11_15"),
        ("16 \u2013 17", "age_16_plus"),
    ],
    "Deaths by cause": [
        ("Died: sudden unexpected death of an infant",
         "children_died_sudi"),
        ("Died: physical assault", "children_died_assault"),
        ("Died: neglect", "children_died_neglect"),
        ("Died: related to but not directly caused by maltreatment",
         "children_died_related"),
        ("Died: suicide", "children_died_suicide"),
        ("Seriously harmed, did not die", "children_harmed"),
    ],
    "Services known": [
        ("Known to Children\u2019s Social Care", "known_to_csc"),
        ("Child Protection Plan or Supervision Order", "cp_plan"),
        ("Services for Children In Need", "child_in_need"),
        ("Children who were Looked After", "looked_after"),
        ("Multiple referrals", "multiple_referrals"),
    ],
}
SUPPRESSED_NOTE = None  # read from the first alt that has one


def fail(msg):
    FAILS.append(msg)


def date(s):
    if isinstance(s, datetime.date):
        return s
    return datetime.date.fromisoformat(str(s))


def periods(inp):
    """[(label, from, to)] oldest first, the current one last."""
    with open(os.path.join(inp, "report.yaml"), encoding="utf-8") as f:
        r = yaml.safe_load(f)
    out = [(str(e["label"]), date(e["from"]), date(e["to"]))
           for e in r.get("earlier", [])]
    cur = r["period"]
    lo, hi = date(cur["from"]), date(cur["to"])
    label = str(cur.get("label") or (
        "%04d" % lo.year if lo.year == hi.year else
        "%04d-%02d" % (lo.year, hi.year % 100)))
    out.sort(key=lambda p: p[1])
    return out + [(label, lo, hi)]


def cases(inp):
    out = []
    d = os.path.join(inp, "cases")
    for f in sorted(os.listdir(d)):
        if f.endswith(".yaml"):
            with open(os.path.join(d, f), encoding="utf-8") as g:
                out.append(yaml.safe_load(g))
    return out


def pct(num, den):
    if den == 0:
        return None
    return (200 * num + den) // (2 * den)


def figures(ks):
    """Every figure of the tables, as (count, None) or (num, den)."""
    kids = [c for k in ks for c in k["children"]]
    nk = len(kids)

    def code(k, name):
        return name in (k.get("factors") or []) and \
            name not in (k.get("not_recorded") or [])

    def kid_share(test):
        return (sum(1 for c in kids if test(c)), nk)

    def died(cause):
        return kid_share(lambda c: c["outcome"] == "died" and
                         c.get("death_cause") == cause)

    def case_share(name):
        return (sum(1 for k in ks if code(k, name)), len(ks))

    return {
        "cases": (len(ks), None),
        "children": (nk, None),
        "cases_with_death": (sum(1 for k in ks if any(
            c["outcome"] == "died" for c in k["children"])), len(ks)),
        "age_under_1": kid_share(lambda c: c["age_years"] == 0),
        "age_1_5": kid_share(lambda c: 1 <= c["age_years"] <= 5),
        "age_6_10": kid_share(lambda c: 6 <= c["age_years"] <= 10),
        "age_11_15": kid_share(lambda c: 11 <= c["age_years"] <= 15),
        "age_16_plus": kid_share(lambda c: c["age_years"] >= 16),
        "children_died_sudi": died("sudi"),
        "children_died_assault": died("physical_assault"),
        "children_died_neglect": died("neglect"),
        "children_died_related": died("related"),
        "children_died_suicide": died("suicide"),
        "children_harmed": kid_share(
            lambda c: c["outcome"] == "serious_harm"),
        "known_to_csc": case_share("known_to_csc"),
        "cp_plan": case_share("child_protection_plan"),
        "child_in_need": case_share("child_in_need"),
        "looked_after": case_share("looked_after"),
        "multiple_referrals": case_share("multiple_referrals"),
    }


def text_of(v):
    """A figure as the tables print it (counts in digits, shares in
    percent)."""
    num, den = v
    if den is None:
        return str(num)
    p = pct(num, den)
    return "n/a" if p is None else "%d%%" % p


def months(p):
    """The calendar months period (label, from, to) covers, both ends
    counted."""
    _, lo, hi = p
    return (hi.year * 12 + hi.month) - (lo.year * 12 + lo.month) + 1


def rate(x, m):
    """Count x over m months a year, rounded half up."""
    return (x * 24 + m) // (2 * m)


def count_change(a, b, pa, pb):
    """{change:NAME} of a count from a (period pa) to b (period pb): as
    rates a year, each count with its months, when the lengths differ."""
    ma, mb = months(pa), months(pb)
    if ma == mb:
        return change(a, b, False)
    ra, rb = rate(a, ma), rate(b, mb)
    if ra == rb:
        s = "was unchanged at %d a year" % rb
    else:
        s = "%s from %d a year to %d a year, %s %d a year" % (
            "rose" if rb > ra else "fell", ra, rb,
            "up" if rb > ra else "down", abs(rb - ra))
    return s + " (%d in %d months, then %d in %d months)" % (a, ma, b, mb)


# report.yaml comparison: min_base, by default (the fixtures set none):
# two periods are compared only when each has at least this many units
# in the base (a count: reviews).
MIN_BASE = 10
TOO_FEW = "could not be compared: too few reviews"


def change(a, b, share):
    """{change:NAME} from a to b (printed numbers)."""
    unit = "%" if share else ""
    if a == b:
        return "was unchanged at %d%s" % (b, unit)
    d = abs(b - a)
    words = "rose" if b > a else "fell"
    s = "%s from %d%s to %d%s, %s %d" % (words, a, unit, b, unit,
                                        "up" if b > a else "down", d)
    if share:
        s += " point" if d == 1 else " points"
    return s


class Paper(html.parser.HTMLParser):
    """The HTML paper as a list of ("h", text), ("table", rows),
    ("alt", text), ("p", text)."""

    def __init__(self):
        super().__init__()
        self.items = []
        self.stack = []
        self.buf = None
        self.rows = None

    def handle_starttag(self, tag, attrs):
        if tag in ("h1", "h2", "h3", "h4", "p", "title", "th", "td"):
            self.buf = ""
        if tag == "table":
            self.rows = []
        if tag == "tr" and self.rows is not None:
            self.rows.append([])
        self.stack.append(tag)

    def handle_endtag(self, tag):
        if self.stack:
            self.stack.pop()
        if self.buf is None:
            if tag == "table" and self.rows is not None:
                self.items.append(("table", self.rows))
                self.rows = None
            return
        t = re.sub(r"\s+", " ", self.buf).strip()
        if tag in ("h1", "h2", "h3", "h4"):
            self.items.append(("h", t))
        elif tag == "p":
            self.items.append(("p", t))
        elif tag == "title":
            self.items.append(("alt", t))
        elif tag in ("th", "td") and self.rows is not None:
            self.rows[-1].append(t)
        elif tag not in ("th", "td"):
            return
        self.buf = None

    def handle_data(self, data):
        if self.buf is not None:
            self.buf += data


def section(items):
    """The items of the section on earlier periods, by subsection."""
    out, cur, inside = {}, None, False
    for kind, v in items:
        if kind == "h" and v.endswith("compared with earlier periods"):
            inside = True
            continue
        if not inside:
            continue
        if kind == "h" and v in ROWS:
            cur = v
            out[cur] = []
            continue
        if kind == "h":
            cur = None
            if not v.startswith("The national studies"):
                break
            continue
        if cur is not None:
            out[cur].append((kind, v))
    return inside, out


def ledger(path):
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    out = {}
    for r in rows[1:]:
        if not r:
            break
        out[r[0]] = r
    return out


def main(argv):
    inp, html_path, txt_path, struct_path = argv[1:5]
    lscb, ledgers, changes = None, None, None
    rest = argv[5:]
    while rest:
        if rest[0] == "--lscb":
            lscb, ledgers = rest[1], rest[2]
            rest = rest[3:]
        elif rest[0] == "--changes":
            changes = rest[1]
            rest = rest[2:]
        else:
            sys.exit("periods_check.py: bad argument " + rest[0])
    per = periods(inp)
    allk = cases(inp)
    figs = []
    for label, lo, hi in per:
        ks = [k for k in allk if lo <= date(k["completed"]) <= hi and
              (lscb is None or k["lscb"] == lscb)]
        figs.append(figures(ks))
    led = [ledger(os.path.join(ledgers, label + ".csv"))
           for label, _, _ in per] if ledgers and ledgers != "-" else None
    rfigs = [figures([k for k in allk if lo <= date(k["completed"]) <= hi])
             for label, lo, hi in per]
    collapse = 80       # report.yaml's disclosure: collapse, by default
    with open(os.path.join(inp, "report.yaml"), encoding="utf-8") as f:
        m = re.search(r"^  collapse: *(\w+)", f.read(), re.M)
    if m:
        collapse = 0 if m.group(1) == "false" else int(m.group(1))
    ncollapsed = 0

    def cell(i, name):
        t = text_of(figs[i][name])
        if led is not None:
            r = led[i][name]
            if r[5] == "[c]":
                return "[c]"
            if r[5] != t:
                fail("%s %s: ledger prints %s, the cases give %s" % (
                    per[i][0], name, r[5], t))
        return t

    if changes is not None:
        return check_changes(changes, figs, led, per)

    with open(html_path, encoding="utf-8") as f:
        p = Paper()
        p.feed(f.read())
    with open(txt_path, encoding="utf-8") as f:
        pdf = f.read()
    with open(struct_path, encoding="utf-8") as f:
        pdf_alts = [m.group(1) for m in re.finditer(
            r"/Figure /Alt=(.*?) mcid", f.read())]
    inside, sec = section(p.items)
    if not inside:
        fail("no section on earlier periods")
    labels = [p_[0] for p_ in per]
    cells_seen = 0
    csupp = 0
    for title, rows in ROWS.items():
        items = sec.get(title)
        if not items:
            fail("no subsection \"%s\"" % title)
            continue
        tables = [v for k, v in items if k == "table"]
        alts = [v for k, v in items if k == "alt"]
        if not tables:
            fail("%s: no table" % title)
            continue
        t = tables[0]
        # A table of counts over periods of unequal lengths gives each
        # period's months in its heading.
        heads = labels
        if title == "The cohort" and len({months(p_) for p_ in per}) > 1:
            heads = ["%s (%d months)" % (p_[0], months(p_))
                     for p_ in per]
        if t[0][1:] != heads:
            fail("%s: header %s, not the periods %s" % (title, t[0][1:],
                                                       heads))
        want = [[lab] + [cell(i, name) for i in range(len(per))]
                for lab, name in rows]
        # A board's table by period with at least `collapse` per cent of
        # its figures [c] gives the region's figures of each period
        # instead, as the regional paper prints them
        # (docs/disclosure.md, "Board papers").
        if lscb is not None and led is not None:
            hidden = sum(r.count("[c]") for r in want)
            ncells = sum(len(r) - 1 for r in want)
            if collapse and ncells and 100 * hidden >= collapse * ncells:
                want = [[lab] + [text_of(rfigs[i][name])
                                 for i in range(len(per))]
                        for lab, name in rows]
                ncollapsed += 1
        if t[1:] != want:
            fail("%s: table\n  %s\nnot\n  %s" % (title, t[1:], want))
        for r in want:
            cells_seen += len(r) - 1
            csupp += r.count("[c]")
            # The PDF's text: the row's cells in order on the line of
            # its label's first words (a long label wraps).
            pat = r"\s*".join(re.escape(w) for w in r[0][:14].split()) + \
                r".*?" + r"\s+".join(
                re.escape(v) for v in r[1:]) + r"\s*$"
            if not re.search(pat, pdf, re.M):
                fail("%s: the PDF has no line %s" % (title, r))
        # The chart's text alternative, from the same cells.
        if not alts:
            fail("%s: no chart" % title)
            continue
        # (A no-break space, as in "24 months", may read as a space.)
        alt = alts[0].replace("\u00a0", " ")
        pdf_alts = [a_.replace("\u00a0", " ") for a_ in pdf_alts]
        # Counts of periods of unequal lengths are drawn as rates a
        # year (issue 25): count * 12 / months, rounded half up.
        rates = heads != labels

        def drawn(i, v):
            if not rates or not v.isdigit():
                return v
            m = months(per[i])
            r = (int(v) * 240 + m) // (2 * m)     # tenths, half up
            return "%d a year" % (r // 10) if r % 10 == 0 else \
                "%d.%d a year" % (r // 10, r % 10)
        body = " ".join("%s: %s." % (r[0], ", ".join(
            "%s %s" % (heads[i], drawn(i, r[1 + i]))
            for i in range(len(per)))) for r in want).replace("\u00a0", " ")
        if rates and ", as rates a year. " not in alt:
            fail("%s: a chart of rates without 'as rates a year': %s" %
                 (title, alt))
        if not alt.startswith("Bar chart: ") or body not in alt:
            fail("%s: the chart's alt is\n  %s\nwithout\n  %s" % (
                title, alt, body))
        if ("[c]" in body) != ("[c] marks" in alt or "[c]" in
                                alt.replace(body, "")):
            fail("%s: [c] in the chart, not explained in its alt" %
                 title)
        if alt not in pdf_alts:
            fail("%s: the PDF has no Figure with /Alt %s" % (title, alt))
    # The sentence on the numbers of reviews and children.
    a, b = figs[-2], figs[-1]
    if min(a["cases"][0], b["cases"][0]) < MIN_BASE:
        want = ("The numbers are not compared with %s: there were too few "
                "reviews in one of the two periods to compare (fewer than "
                "%d)." % (per[-2][0], MIN_BASE))
    else:
        want = ("Compared with %s, the number of SCRs completed %s, and "
                "the number of children involved in the incidents %s." % (
                    per[-2][0],
                    count_change(a["cases"][0], b["cases"][0], per[-2],
                                 per[-1]),
                    count_change(a["children"][0], b["children"][0],
                                 per[-2], per[-1])))
    if not any(k == "p" and v == want for k, v in sec["The cohort"]):
        fail("the cohort's sentence is not\n  %s" % want)
    if lscb is None:
        # The regional sentences on shares, chosen by the data.
        death = [text_of(a["cases_with_death"]),
                 text_of(b["cases_with_death"])]
        x, y = int(death[0][:-1]), int(death[1][:-1])
        lead = ("A larger share of the SCRs followed the death of a "
                "child: the share " if y > x else
                "A smaller share of the SCRs followed the death of a "
                "child: the share " if y < x else
                "The share of the SCRs that followed the death of a "
                "child ")
        want = lead + change(x, y, True) + "."
        if min(a["cases_with_death"][1], b["cases_with_death"][1]) < \
                MIN_BASE:
            want = ("The shares of this period and of %s are not "
                    "compared: there were too few reviews in one of them "
                    "to compare (fewer than %d), or a share is not shown."
                    % (per[-2][0], MIN_BASE))
        if not any(k == "p" and v == want for k, v in sec["The cohort"]):
            fail("the sentence on deaths is not\n  %s" % want)
    print("periods_check: %d periods, %d cells, %d [c]%s%s" % (
        len(per), cells_seen, csupp, ", board %s" % lscb if lscb else "",
        ", %d table%s collapsed to the region's" % (ncollapsed, "s" * (ncollapsed > 1))
        if ncollapsed else ""))
    return report()


def check_changes(path, figs, led, per):
    """Lines "NAME: CHANGE." against the change made here."""
    seen = {"rose": 0, "fell": 0, "was unchanged": 0}
    with open(path, encoding="utf-8") as f:
        lines = [l.strip() for l in f if ": " in l]
    for line in lines:
        name, got = line.rstrip(".").split(": ", 1)
        a, b = figs[-2][name], figs[-1][name]
        share = a[1] is not None
        if led is not None and "[c]" in (led[-2][name][5],
                                         led[-1][name][5]):
            want = "[c]"
        elif share and (pct(*a) is None or pct(*b) is None):
            want = "n/a"
        elif share and min(a[1], b[1]) < MIN_BASE:
            want = TOO_FEW
        elif share:
            want = change(pct(*a), pct(*b), True)
        elif min(figs[-2]["cases"][0], figs[-1]["cases"][0]) < MIN_BASE:
            want = TOO_FEW
        else:
            want = count_change(a[0], b[0], per[-2], per[-1])
        if got.lower() != want:
            fail("{change:%s} printed \"%s\", not \"%s\"" % (name, got,
                                                            want))
        for w in seen:
            if want.startswith(w):
                seen[w] += 1
    print("periods_check: %d changes: %s" % (len(lines), ", ".join(
        "%s %d" % kv for kv in seen.items())))
    if led is None and min(seen.values()) == 0:
        fail("the fixture does not give every kind of change: %s" % seen)
    return report()


def report():
    for f in FAILS:
        print("FAIL: " + f)
    return 1 if FAILS else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

#!/usr/bin/env python3
"""data_check.py: checks the open data set of `scrpaper data` (issue 14).

Usage: data_check.py INPUT OUT FIGURES.yaml OFFICIAL PERIOD [BOARD=PAPER.txt ...]

INPUT is the input folder; OUT holds the data set (data/scr_figures.csv,
its metadata scr_figures.meta.csv and README.txt) and the ledgers of the
same input (region.csv: `figures`, all.csv: `figures --all-lscbs`);
FIGURES.yaml the figure definitions; OFFICIAL "london" when the boards
must carry the ONS codes of input/, else "none"; PERIOD the current
period's label; each BOARD=PAPER.txt a board paper's text (pdftotext
-layout).  Checks: every CSV is UTF-8 without a byte-order mark, one
header, rows as wide, no blank line; the metadata lists the data's
columns in order with labels, types, units, decimals and the licence
(report.yaml's, or the Open Government Licence); every row's time,
geography and codes; the labels are figures.yaml's; every cell is its
ledger's (c exactly where the ledger prints [c]), the national rows those
a London figure defines; each board's cells are its paper's table's; one
filter gives a board beside London and the comparison study.  Prints
each problem as "FAIL: ..." (up to 40); exits 1 if any.  The licence
wanted is WANT_LICENCE from the environment, if set.
"""
import csv, io, os, re, sys

indir, out, figures_yaml, official, period = sys.argv[1:6]
boards_pdf = sys.argv[6:]
bad = []

def fail(msg):
    bad.append(msg)

COLS = ["time_period", "time_identifier", "geographic_level",
        "country_code", "country_name", "region_code", "region_name",
        "new_la_code", "old_la_code", "la_name"]
META = ["col_name", "col_type", "label", "indicator_grouping",
        "indicator_unit", "indicator_dp", "filter_hint",
        "filter_grouping_column", "licence"]
ONS = {  # the ONS codes of the London boroughs (ONS Open Geography)
    "City of London": "E09000001", "Barking and Dagenham": "E09000002",
    "Barnet": "E09000003", "Bexley": "E09000004", "Brent": "E09000005",
    "Bromley": "E09000006", "Camden": "E09000007", "Croydon": "E09000008",
    "Ealing": "E09000009", "Enfield": "E09000010",
    "Greenwich": "E09000011", "Hackney": "E09000012",
    "Hammersmith and Fulham": "E09000013", "Haringey": "E09000014",
    "Harrow": "E09000015", "Havering": "E09000016",
    "Hillingdon": "E09000017", "Hounslow": "E09000018",
    "Islington": "E09000019", "Kensington and Chelsea": "E09000020",
    "Kingston upon Thames": "E09000021", "Lambeth": "E09000022",
    "Lewisham": "E09000023", "Merton": "E09000024", "Newham": "E09000025",
    "Redbridge": "E09000026", "Richmond upon Thames": "E09000027",
    "Southwark": "E09000028", "Sutton": "E09000029",
    "Tower Hamlets": "E09000030", "Waltham Forest": "E09000031",
    "Wandsworth": "E09000032", "Westminster": "E09000033",
}

def read_csv(path):
    raw = open(path, "rb").read()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        fail("%s: not UTF-8: %s" % (path, e))
        return [], []
    if text.startswith("\ufeff"):
        fail("%s: starts with a byte-order mark" % path)
    if not text.endswith("\n") or "\n\n" in text or "\r" in text:
        fail("%s: a blank line, a CR or no final newline" % path)
    rows = list(csv.reader(io.StringIO(text, newline="")))
    if not rows:
        fail("%s: empty" % path)
        return [], []
    head, body = rows[0], rows[1:]
    for i, r in enumerate(body, 2):
        if len(r) != len(head):
            fail("%s:%d: %d fields, header has %d" % (path, i, len(r),
                                                      len(head)))
        if r == head:
            fail("%s:%d: a second header" % (path, i))
    return head, body

# ------------------------------------------------------------- metadata
mhead, meta = read_csv(os.path.join(out, "scr_figures.meta.csv"))
if mhead != META:
    fail("metadata header %r" % mhead)
head, body = read_csv(os.path.join(out, "scr_figures.csv"))
if head[:len(COLS)] != COLS:
    fail("time and geography columns %r, want %r" % (head[:len(COLS)], COLS))
if [m[0] for m in meta] != head:
    fail("the metadata lists %r, the data has %r" % ([m[0] for m in meta],
                                                     head))
kinds = [m[1] for m in meta]
want_kinds = ["Time"] * 2 + ["Geography"] * 8
if kinds[:10] != want_kinds or not kinds[10:] or \
        kinds[10:] != sorted(kinds[10:], key=lambda k: k != "Filter") or \
        set(kinds[10:]) != {"Filter", "Indicator"}:
    fail("col_type order %r" % kinds)
for m in meta:
    if not m[2]:
        fail("metadata: %s has no label" % m[0])
    if m[1] == "Indicator" and m[5] != "0":
        fail("metadata: %s indicator_dp %r" % (m[0], m[5]))
unit = {m[0]: m[4] for m in meta}
# Every metadata row states the licence: report.yaml's, or the default.
lic = os.environ.get("WANT_LICENCE", "Open Government Licence v3.0")
if {m[8] for m in meta if len(m) == len(META)} != {lic}:
    fail("metadata: licence %r, want %r" % ({m[8] for m in meta
                                             if len(m) > 8}, lic))
if unit.get("percentage") != "%":
    fail("metadata: percentage unit %r" % unit.get("percentage"))
INDIC = [m[0] for m in meta if m[1] == "Indicator"]
if INDIC != ["numerator", "denominator", "percentage", "not_recorded"]:
    fail("indicators %r" % INDIC)

rows = [dict(zip(head, r)) for r in body if len(r) == len(head)]
for i, r in enumerate(rows, 2):
    for k, v in r.items():
        if v == "" or v != v.strip():
            fail("row %d: %s is blank or padded: %r" % (i, k, v))
        if k in INDIC and not re.fullmatch(r"[0-9]+|[czx]", v):
            fail("row %d: %s is not a number or symbol: %r" % (i, k, v))
    # One period: its label on every row but the national ones (x);
    # every period, a study's too, spelled YYYY-YY (or YYYY).
    if r["period"] != ("x" if r["geographic_level"] == "National"
                       else period):
        fail("row %d: period %r, want %r" % (i, r["period"], period))
    if r["study_period"] != "z" and not re.fullmatch(
            r"[0-9]{4}(-[0-9]{2})?", r["study_period"]):
        fail("row %d: study_period %r is not spelled as the periods are"
             % (i, r["study_period"]))
    if not re.fullmatch(r"[0-9]{4}", r["time_period"]) or \
            r["time_identifier"] != "Reporting year":
        fail("row %d: time %r %r" % (i, r["time_period"],
                                      r["time_identifier"]))
    if r["country_code"] != "E92000001" or r["country_name"] != "England":
        fail("row %d: country %r" % (i, r["country_code"]))
    lvl = r["geographic_level"]
    if lvl == "National":
        if any(r[k] != "z" for k in COLS[5:]):
            fail("row %d: a national row with a region or board" % i)
    elif lvl in ("Regional", "Local authority"):
        if not re.fullmatch(r"E12[0-9]{6}", r["region_code"]):
            fail("row %d: region code %r" % (i, r["region_code"]))
        if lvl == "Regional" and any(r[k] != "z" for k in COLS[7:]):
            fail("row %d: a regional row with a board" % i)
        if lvl == "Local authority" and not re.fullmatch(
                r"E(06|08|09|10)[0-9]{6}", r["new_la_code"]):
            fail("row %d: board code %r" % (i, r["new_la_code"]))
    else:
        fail("row %d: geographic_level %r" % (i, lvl))

# One code a board, one board a code; on input/ the official codes.
code_of = {}
for r in rows:
    if r["geographic_level"] == "Local authority":
        code_of.setdefault(r["la_name"], set()).add(r["new_la_code"])
for b, cs in code_of.items():
    if len(cs) != 1:
        fail("board %s has codes %r" % (b, cs))
codes = [min(cs) for cs in code_of.values()]
if len(set(codes)) != len(codes):
    fail("a code names two boards")
if official == "london":
    got = {b: min(cs) for b, cs in code_of.items()}
    if got != ONS:
        fail("board codes differ from the ONS codes: %r" %
             sorted(set(got.items()) ^ set(ONS.items())))
    if {r["region_code"] for r in rows
            if r["geographic_level"] == "Regional"} != {"E12000007"}:
        fail("London's region code is not E12000007")

# Labels: read from figures.yaml here, line by line.
labels, name = {}, None
for line in open(figures_yaml, encoding="utf-8"):
    m = re.match(r"^  - name: (\S+)\s*$", line)
    if m:
        name = m.group(1)
    m = re.match(r"^    label: (.*?)\s*$", line)
    if m and name:
        v = m.group(1)
        labels[name] = v[1:-1] if v[:1] == '"' and v[-1:] == '"' else v
for r in rows:
    if labels.get(r["figure_id"]) != r["figure"]:
        fail("%s: label %r, figures.yaml %r" % (r["figure_id"], r["figure"],
                                                labels.get(r["figure_id"])))

# ---------------------------------------------------- against the ledgers
def ledger_cells(unit, num, den, pct, text, nr):
    """The data set's four cells for a ledger row."""
    n = "c" if text == "[c]" else num
    if unit == "count":
        d = p = "z"
    else:
        d = den if den != "" else "c"
        p = "c" if text == "[c]" else (pct if pct != "" else "z")
    return [n, d, p, nr if nr != "" else "c"]

def read_ledger(path, lead):
    """{(board or None, name): cells}; national {(study, name): pct}."""
    led, nat, natblock = {}, {}, False
    for f in csv.reader(open(path, encoding="utf-8", newline="")):
        if not f:
            natblock = True
            continue
        if f[0] in ("name", "lscb", "study"):
            continue
        if natblock:
            nat[(f[0], f[1])] = f[2]
            continue
        b = f[0] if lead else None
        f = f[1:] if lead else f
        if f[0] == "out_of_period":
            continue
        led[(b, f[0])] = (ledger_cells(f[1], f[2], f[3], f[4], f[5], f[6]),
                          f[5])
    return led, nat

region, nat = read_ledger(os.path.join(out, "region.csv"), False)
boards, _ = read_ledger(os.path.join(out, "all.csv"), True)
seen = set()
for r in rows:
    cells = [r[k] for k in INDIC]
    lvl = r["geographic_level"]
    if lvl == "National":
        key = (r["study_id"], r["figure_id"])
        if nat.get(key) != r["percentage"] or cells[0] != "x" or \
                cells[1] != "x" or cells[3] != "x" or r["base"] != "x":
            fail("national %r: %r, ledger %r" % (key, cells, nat.get(key)))
    else:
        key = (None if lvl == "Regional" else r["la_name"], r["figure_id"])
        want = (region if lvl == "Regional" else boards).get(key)
        if want is None:
            fail("%r: not in the ledger" % (key,))
            continue
        if cells != want[0]:
            fail("%r: %r, ledger %r" % (key, cells, want[0]))
        if lvl != "Regional" and (cells[0] == "c") != (want[1] == "[c]"):
            fail("%r: c is not where the ledger prints [c]" % (key,))
    if key in seen:
        fail("%r: two rows" % (key,))
    seen.add(key)
missing = [k for k in list(region) + list(boards) if k not in seen]
if missing:
    fail("ledger rows not in the data set: %r" % missing[:5])
# National figures: those a London figure defines; the others (quoted
# in the text only) are left out, as docs/data.md says.
for (st, n) in nat:
    if (n in labels) != ((st, n) in seen):
        fail("national %s %s: in the data set %s, defined %s"
             % (st, n, (st, n) in seen, n in labels))

# ------------------------------------------- against the board papers
for arg in boards_pdf:
    board, txt = arg.split("=", 1)
    ls = open(txt, encoding="utf-8").read().split("\n")
    st = [i for i, l in enumerate(ls) if l.strip() == "The %s reviews" % board]
    en = [i for i, l in enumerate(ls) if l.strip() == "The London picture"]
    if len(st) != 1 or not en:
        fail("%s: no board section in its paper" % board)
        continue
    sec = ls[st[0] + 1:min(e for e in en if e > st[0])]
    # A table whose board figures are mostly [c] has no board column
    # (docs/disclosure.md, "Board papers"): its shown figures are quoted
    # in the sentence before it, "Label, N%".
    said = " ".join(" ".join(sec).split())
    matched = 0
    for r in rows:
        if r["la_name"] != board or r["base"] not in ("Reviews", "Children"):
            continue
        has_board = False
        for l in sec:
            if l.strip().startswith("Per cent of the"):
                has_board = board in l
            m = re.match(r"^\s*" + re.escape(r["figure"]) + r"\s{2,}(\S+)",
                         l)
            if not m:
                continue
            matched += 1
            if not has_board:
                if (r["percentage"] != "c" and "%s, %s%%" % (
                        r["figure"], r["percentage"]) not in said):
                    fail("%s: %s: the data set has %s%%, the paper "
                         "neither shows nor quotes it" % (
                             board, r["figure"], r["percentage"]))
                continue
            cell = m.group(1)
            want = "[c]" if r["percentage"] == "c" else r["percentage"] + "%"
            if cell != want:
                fail("%s: %s: the paper prints %s, the data set %s"
                     % (board, r["figure"], cell, r["percentage"]))
    if matched < 40:
        fail("%s: only %d table rows of its paper found" % (board, matched))

# ------------------------------------ one filter: a board beside London
reg = [r for r in rows if r["geographic_level"] == "Regional"]
cmp_ = {r["study_id"] for r in rows if r["comparison_study"] == "Yes"}
if len(cmp_) != 1:
    fail("comparison study rows: %r" % cmp_)
for board in sorted(code_of)[:3]:
    sel = [r for r in rows if r["la_name"] == board or
           r["geographic_level"] == "Regional" or
           r["comparison_study"] == "Yes"]
    by = {}
    for r in sel:
        by.setdefault(r["figure_id"], []).append(r)
    for fid, rs in by.items():
        lv = sorted(r["geographic_level"] for r in rs)
        want = ["Local authority", "Regional"]
        if any(st == min(cmp_) and n == fid for st, n in nat):
            want = ["Local authority", "National", "Regional"]
        if lv != want:
            fail("%s, %s: the filter gives %r" % (board, fid, lv))
    if len(by) != len(reg):
        fail("%s: the filter gives %d figures, want %d" % (board, len(by),
                                                         len(reg)))

for b in bad[:40]:
    print("FAIL: " + b)
if len(bad) > 40:
    print("FAIL: ... %d more" % (len(bad) - 40))
sys.exit(1 if bad else 0)

#!/bin/sh
# tests/e2e/test_data.sh: the open data set (`scrpaper data`, docs/data.md).
# Run from the project root with SCRPAPER set to the binary under test
# (tests/e2e/run.sh does both).
#
# On input/ and on the synthetic cohorts of tests/data/ (given codes of
# the right form in a copy of their report.yaml), the data set is read
# back with Python's csv module, as a statistics tool reads it, and:
#   - the files are UTF-8 without a byte-order mark, one header line, no
#     blank line, every row as wide as the header, no blank cell;
#   - the columns are the standards' time and geography columns in their
#     order, then filters, then indicators, as the metadata CSV lists
#     them (one metadata row a column, the standards' metadata header);
#   - codes have their form (E92, E12, E06/E08/E09/E10 and digits), one
#     code a board and one board a code; on input/ each board's code is
#     the official ONS one, listed here;
#   - indicators are numbers or c, z, x; each figure's label is the one
#     templates/figures.yaml gives;
#   - every value equals the ledger's (`figures`, `figures --all-lscbs`
#     and the national block), and a board cell is c exactly where its
#     ledger prints [c] and where its board paper's table prints [c];
#   - one filter, with no join, gives a board beside London and the
#     comparison study.
# Then: the same inputs give the same bytes; `make data` and `make dist`
# (in a copy of the tree) put it in output/data and in the archive under
# the manifest; a report.yaml without codes,
# a figure without a label or two figures with one label are refused as
# FILE:LINE:COL with exit 1 and nothing written; usage errors exit 2.
set -u

. tests/e2e/lib.sh
e2e_setup data
e2e_need python3 pdftotext

# Runs the binary; stdout to $1, stderr to $tmp/err; fails on exit != 0.
run() {
	out=$1
	shift
	"$SCRPAPER" "$@" >"$out" 2>"$tmp/err"
	rc=$?
	if [ "$rc" -ne 0 ]; then
		fail "scrpaper $* exited $rc: $(cat "$tmp/err")"
	fi
}

cat >"$tmp/check.py" <<'EOF'
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
EOF

# ------------------------------------------------------------- input/
mkdir -p "$tmp/in"
run /dev/null data -o "$tmp/in/data"
cp "$tmp/in/data/"*.csv "$tmp/in/" 2>/dev/null
run "$tmp/in/region.csv" figures
run "$tmp/in/all.csv" figures --all-lscbs
for b in Southwark Croydon Barnet; do
	slug=$(printf '%s' "$b" | tr 'A-Z' 'a-z')
	run /dev/null render --lscb "$b" -o "$tmp/in/$slug.pdf"
	pdftotext -enc UTF-8 -layout "$tmp/in/$slug.pdf" "$tmp/in/$slug.txt"
done
[ -s "$tmp/in/data/README.txt" ] || fail "no README.txt"
python3 "$tmp/check.py" input "$tmp/in" templates/figures.yaml london 2006-09 \
    "Southwark=$tmp/in/southwark.txt" "Croydon=$tmp/in/croydon.txt" \
    "Barnet=$tmp/in/barnet.txt" || failed=1

# The README names the period, the threshold and the contact.
for want in "2006-04-01 to 2009-09-30" "counts 1 to 5 children" \
    "$(sed -n 's/^contact: //p' input/report.yaml)" "E12000007"; do
	tr '\n' ' ' <"$tmp/in/data/README.txt" | tr -s ' ' |
	    grep -qF "$want" || fail "README.txt does not say '$want'"
done

# Twice: the same bytes.
run /dev/null data -o "$tmp/in/again"
for f in scr_figures.csv scr_figures.meta.csv README.txt; do
	cmp -s "$tmp/in/data/$f" "$tmp/in/again/$f" ||
		fail "$f differs between two runs"
done

# ------------------------------------------- the synthetic cohorts
# Their report.yaml names no codes: refused, nothing written.
"$SCRPAPER" data --input tests/data/variants -o "$tmp/none" \
    >/dev/null 2>"$tmp/err"
rc=$?
[ "$rc" -eq 1 ] || fail "data without codes exited $rc, want 1"
grep -q "^tests/data/variants/report.yaml: error: no 'region_code'" \
    "$tmp/err" || fail "no error for the missing region_code: $(cat "$tmp/err")"
grep -q "^tests/data/variants/report.yaml: error: no 'lscb_codes'" \
    "$tmp/err" || fail "no error for the missing lscb_codes"
[ ! -e "$tmp/none" ] || fail "data without codes wrote $tmp/none"

n=0
for set in variants variants-holdout; do
	n=$((n + 1))
	d=$tmp/$set
	mkdir -p "$d/input"
	cp -R "tests/data/$set/"* "$d/input/"
	cat >>"$d/input/report.yaml" <<EOT
region_code: E1200000$n
lscb_codes:
  Northbury: E0600010$n
  Eastwick: E0900020$n
  Southmoor: E1000030$n
EOT
	run /dev/null data --input "$d/input" -o "$d/data"
	cp "$d/data/"*.csv "$d/"
	run "$d/region.csv" figures --input "$d/input"
	run "$d/all.csv" figures --input "$d/input" --all-lscbs
	run /dev/null render --input "$d/input" --all-lscbs -o "$d"
	for b in Northbury Eastwick; do
		slug=$(printf '%s' "$b" | tr 'A-Z' 'a-z')
		pdftotext -enc UTF-8 -layout "$d/$slug.pdf" "$d/$slug.txt"
	done
	python3 "$tmp/check.py" "$d/input" "$d" templates/figures.yaml none \
	    "$("$SCRPAPER" periods --input "$d/input" |
	    sed -n 's/ (.*the current period.*//p')" \
	    "Northbury=$d/northbury.txt" "Eastwick=$d/eastwick.txt" ||
		failed=1
	# No case id, no notes text.
	if grep -l -e "VAR-" -e "NOTES-SENTINEL" "$d/data/"* >/dev/null; then
		fail "$set: a case id or notes text in the data set"
	fi
done

# ------------------------------------------------------ every period
# With earlier periods declared, the data set holds every period, each
# equal cell by cell to that period's ledger (`figures --all-periods`,
# with --all-lscbs for the boards), and the total over them (period
# "pooled", from the `--pooled` ledger) when disclosure: pool lets the
# board papers print it; the national rows once, period x.
cat >"$tmp/periods.py" <<'EOF'
import csv, sys

data, region_ledger, boards_ledger, readme = sys.argv[1:5]
want = [w.split(":") for w in sys.argv[5:]]   # label:first:last, in order
bad = []

def cells(unit, num, den, pct, text, nr):
    n = "c" if text == "[c]" else num
    if unit == "count":
        return [n, "z", "z", nr if nr != "" else "c"]
    return [n, den if den != "" else "c",
            "c" if text == "[c]" else (pct if pct != "" else "z"),
            nr if nr != "" else "c"]

labels = [w[0] for w in want]
led = {}
for path, lead in ((region_ledger, False), (boards_ledger, True)):
    for f in csv.reader(open(path, encoding="utf-8", newline="")):
        if f[0] == "period" or f[0] not in labels:
            continue
        per, f = f[0], f[1:]
        b = f[0] if lead else None
        f = f[1:] if lead else f
        if f[0] != "out_of_period":
            led[(per, b, f[0])] = cells(*f[1:7])
rows = list(csv.DictReader(open(data, encoding="utf-8", newline="")))
order, seen, nat = [], set(), set()
for r in rows:
    if r["geographic_level"] == "National":
        key = (r["study_id"], r["figure_id"])
        if r["period"] != "x" or key in nat:
            bad.append("national row %r: period %r or twice" % (key,
                                                               r["period"]))
        nat.add(key)
        continue
    per = r["period"]
    if per not in order:
        order.append(per)
    key = (per, None if r["geographic_level"] == "Regional" else r["la_name"],
           r["figure_id"])
    got = [r[k] for k in ("numerator", "denominator", "percentage",
                          "not_recorded")]
    if key in seen:
        bad.append("%r: two rows" % (key,))
    seen.add(key)
    if led.get(key) != got:
        bad.append("%r: %r, ledger %r" % (key, got, led.get(key)))
    w = want[labels.index(per)] if per in labels else None
    if w is None or [r["period_start"], r["period_end"]] != w[1:] or \
            r["time_period"] != w[2][:4]:
        bad.append("%r: days %s %s, year %s, want %r" % (key,
                   r["period_start"], r["period_end"], r["time_period"], w))
if order != labels:
    bad.append("periods %r, want %r" % (order, labels))
missing = [k for k in led if k not in seen]
if missing:
    bad.append("%d ledger cells not in the data set: %r" % (len(missing),
                                                           missing[:3]))
if not nat:
    bad.append("no national rows")
text = " ".join(open(readme, encoding="utf-8").read().split())
for l, a, b in want:
    line = "%s %s to %s" % (l, a, b) if l != "pooled" else \
        "pooled the total over the %d periods" % (len(want) - 1)
    if line not in text:
        bad.append("README.txt does not say %r" % line)
for b in bad[:20]:
    print("FAIL: " + b)
sys.exit(1 if bad else 0)
EOF
# pooled DIR LABELS: DIR's data set against its ledgers of every period
# (LABELS: label:first:last, in order), and, with disclosure: pool on
# in a copy (DIR-pool), the copy's data set against the pooled ledgers
# with the total over the periods (period "pooled", from the first
# period's first day to the last's last), and its periods' rows the
# same as DIR's.  One ledger serves both: the periods' own cells are the
# same, pooled or not (docs/disclosure.md).
pooled() {
	d=$1
	shift
	cp -R "$d" "$d-pool"
	sed -i 's/^disclosure:$/disclosure:\n  pool: true/' "$d-pool/report.yaml"
	grep -q '^  pool: true$' "$d-pool/report.yaml" ||
		fail "cannot set disclosure: pool in $d"
	run /dev/null data --input "$d" -o "$d/data"
	run /dev/null data --input "$d-pool" -o "$d-pool/data"
	run "$d-pool/region.csv" figures --input "$d-pool" --all-periods --pooled
	run "$d-pool/all.csv" figures --input "$d-pool" --all-periods --pooled \
	    --all-lscbs
	python3 "$tmp/periods.py" "$d/data/scr_figures.csv" \
	    "$d-pool/region.csv" "$d-pool/all.csv" "$d/data/README.txt" "$@" ||
		fail "$d: the data set is not every period's ledger"
	first=$(echo "$1" | cut -d: -f2)
	for last; do :; done
	python3 "$tmp/periods.py" "$d-pool/data/scr_figures.csv" \
	    "$d-pool/region.csv" "$d-pool/all.csv" "$d-pool/data/README.txt" \
	    "$@" "pooled:$first:${last##*:}" ||
		fail "$d, disclosure: pool: the data set is not every period's and the total's ledger"
	grep -v ',pooled,' "$d-pool/data/scr_figures.csv" |
	    cmp -s - "$d/data/scr_figures.csv" ||
		fail "$d: the periods' rows differ with disclosure: pool"
}

# The three-period fixture: its pooled solve is some 30 CPU-s, three times
# over (the data set and the two pooled ledgers): make check-full
# (CHECK_FULL=1).  make check: the fixture against its ledgers of every
# period, and pool on a generated cohort of three periods of a region's
# yearly sizes (tests/attack/make_periods.py; a pooled solve of a
# fraction of a second), given input/'s codes.
python3 tests/data/make_three_periods.py "$tmp/three" >/dev/null ||
	fail "cannot build the three-period fixture"
P3="2002-04:2002-04-01:2004-03-31 2004-06:2004-04-01:2006-03-31"
P3="$P3 2006-09:2006-04-01:2009-09-30"
if e2e_full; then
	# shellcheck disable=SC2086
	pooled "$tmp/three" $P3
else
	run /dev/null data --input "$tmp/three" -o "$tmp/three/data"
	run "$tmp/three/region.csv" figures --input "$tmp/three" --all-periods
	run "$tmp/three/all.csv" figures --input "$tmp/three" --all-periods \
	    --all-lscbs
	# shellcheck disable=SC2086
	python3 "$tmp/periods.py" "$tmp/three/data/scr_figures.csv" \
	    "$tmp/three/region.csv" "$tmp/three/all.csv" \
	    "$tmp/three/data/README.txt" $P3 ||
		fail "three periods: the data set is not every period's ledger"
	python3 tests/attack/make_periods.py --generated 2 --seed 16 \
	    --sizes 15,20,25 --out "$tmp/gp" >/dev/null ||
		fail "make_periods.py"
	{
		sed -n '/^region_code:/p' input/report.yaml
		sed -n '/^lscb_codes:/p; /^lscb_codes:/,/^[^ ]/s/^  [A-Z]/&/p' \
		    input/report.yaml
	} >>"$tmp/gp/per-001/report.yaml"
	PG=$("$SCRPAPER" periods --input "$tmp/gp/per-001" 2>/dev/null |
	    sed -n 's/^\([^ ]*\) (\([0-9-]*\) to \([0-9-]*\),.*/\1:\2:\3/p')
	[ "$(echo "$PG" | wc -w)" -eq 3 ] ||
		fail "the generated cohort has not three periods: $PG"
	# shellcheck disable=SC2086
	pooled "$tmp/gp/per-001" $PG
fi

# The next year as docs/annual.md makes it: new-year, then the new
# period's case files; the data set holds 2006-09 and 2009-10.
"$SCRPAPER" new-year --input input -o "$tmp/next" >/dev/null 2>&1 ||
	fail "new-year failed"
cp tests/data/annual-2009-10/cases/*.yaml "$tmp/next/cases/"
run /dev/null data --input "$tmp/next" -o "$tmp/next/data"
run "$tmp/next/region.csv" figures --input "$tmp/next" --all-periods
run "$tmp/next/all.csv" figures --input "$tmp/next" --all-periods --all-lscbs
python3 "$tmp/periods.py" "$tmp/next/data/scr_figures.csv" \
    "$tmp/next/region.csv" "$tmp/next/all.csv" "$tmp/next/data/README.txt" \
    2006-09:2006-04-01:2009-09-30 2009-10:2009-10-01:2010-09-30 ||
	fail "the next year: the data set is not both periods' ledgers"

# ------------------------------------------------------------ licence
# report.yaml's licence: replaces the default in the README and the
# metadata; an empty one is refused at its line, nothing written.
mkdir -p "$tmp/lic"
cp -R input/* "$tmp/lic/"
printf 'licence: Creative Commons Attribution 4.0\n' >>"$tmp/lic/report.yaml"
run /dev/null data --input "$tmp/lic" -o "$tmp/lic/data"
tr '\n' ' ' <"$tmp/lic/data/README.txt" | tr -s ' ' | grep -qF \
    "LICENCE These files are published under the Creative Commons Attribution 4.0." ||
	fail "README.txt does not state report.yaml's licence"
WANT_LICENCE="Creative Commons Attribution 4.0" python3 - \
    "$tmp/lic/data/scr_figures.meta.csv" <<'EOF' ||
import csv, os, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8", newline="")))
got = {r[-1] for r in rows[1:]}
sys.exit(0 if rows[0][-1] == "licence" and len(rows) == 25 and
         got == {os.environ["WANT_LICENCE"]} else 1)
EOF
	fail "the metadata does not state report.yaml's licence on every row"
if grep -q "Open Government" "$tmp/lic/data/"*; then
	fail "the default licence is stated beside report.yaml's"
fi
mkdir "$tmp/licbad"
cp -R input/* "$tmp/licbad/"
printf 'licence: "  "\n' >>"$tmp/licbad/report.yaml"
line=$(grep -n '^licence:' "$tmp/licbad/report.yaml" | cut -d: -f1)
"$SCRPAPER" data --input "$tmp/licbad" -o "$tmp/licbad/data" \
    >/dev/null 2>"$tmp/err"
rc=$?
[ "$rc" -eq 1 ] || fail "an empty licence: exit $rc, want 1"
grep -qF "$tmp/licbad/report.yaml:$line:10: error: 'licence' is empty" \
    "$tmp/err" || fail "no FILE:LINE:COL for an empty licence: $(cat "$tmp/err")"
[ ! -e "$tmp/licbad/data" ] || fail "data with an empty licence wrote its folder"
# The default is stated on input/ (the metadata's in check.py).
tr '\n' ' ' <"$tmp/in/data/README.txt" | tr -s ' ' | grep -qF \
    "published under the Open Government Licence v3.0." ||
	fail "README.txt does not state the Open Government Licence"

# ------------------------------------------------- refused, as FILE:LINE
# A figure without a label, and two figures with one label.
awk '/^  - name: girls$/ { skip = 1 } skip && /^    label:/ { skip = 0; next }
    { print }' templates/figures.yaml |
    sed 's/^    label: Aged 6 – 10$/    label: Aged 1 – 5/' >"$tmp/fig.yaml"
line_girls=$(grep -n '^  - name: girls$' "$tmp/fig.yaml" | cut -d: -f1)
line_age=$(grep -n '^  - name: age_6_10$' "$tmp/fig.yaml" | cut -d: -f1)
line_age15=$(grep -n '^  - name: age_1_5$' "$tmp/fig.yaml" | cut -d: -f1)
"$SCRPAPER" data --figures "$tmp/fig.yaml" -o "$tmp/nolabel" \
    >/dev/null 2>"$tmp/err"
rc=$?
[ "$rc" -eq 1 ] || fail "a figure without a label: exit $rc, want 1"
grep -qF "$tmp/fig.yaml:$line_girls:5: error: figure 'girls' has no label" \
    "$tmp/err" || fail "no FILE:LINE:COL for the missing label: $(cat "$tmp/err")"
grep -qF "$tmp/fig.yaml:$line_age:5: error: figure 'age_6_10' has the label of figure 'age_1_5' (line $line_age15)" \
    "$tmp/err" || fail "no FILE:LINE:COL for the label given twice: $(cat "$tmp/err")"
[ ! -e "$tmp/nolabel" ] || fail "data with a bad label wrote its folder"

# ------------------------------------------------------- the attacker
# `scrpaper audit --published DIR` reads published ledgers; the data
# set, written back in the ledgers' form (its cells are the ledgers'
# values), must give it nothing to work back, for input/ and for both
# synthetic cohorts.
cat >"$tmp/ledgers.py" <<'EOF'
import csv, os, sys
src, dst = sys.argv[1], sys.argv[2]
os.makedirs(os.path.join(dst, "lscb"), exist_ok=True)
UNIT = {"Reviews": "cases", "Children": "children",
        "Children who died": "deaths", "z": "count"}
def cell(v):
    return "" if v in ("c", "z", "x") else v
with open(os.path.join(dst, "figures.csv"), "w", encoding="utf-8") as rf, \
        open(os.path.join(dst, "lscb", "figures.csv"), "w",
             encoding="utf-8") as bf:
    rw = csv.writer(rf, lineterminator="\n")
    bw = csv.writer(bf, lineterminator="\n")
    rw.writerow(["name", "unit", "numerator", "denominator", "percent",
                 "text", "not_recorded"])
    bw.writerow(["lscb", "name", "unit", "numerator", "denominator",
                 "percent", "text", "not_recorded"])
    for r in csv.DictReader(open(src, encoding="utf-8", newline="")):
        if r["geographic_level"] == "National":
            continue
        f = [r["figure_id"], UNIT[r["base"]], cell(r["numerator"]),
             cell(r["denominator"]), cell(r["percentage"]),
             "[c]" if r["numerator"] == "c" else r["numerator"],
             cell(r["not_recorded"])]
        if r["geographic_level"] == "Regional":
            rw.writerow(f)
        else:
            bw.writerow([r["la_name"]] + f)
EOF
if "$SCRPAPER" audit --help >/dev/null 2>&1; then
	for x in "input:$tmp/in/data" "$tmp/variants/input:$tmp/variants/data" \
	    "$tmp/variants-holdout/input:$tmp/variants-holdout/data"; do
		in=${x%%:*}
		python3 "$tmp/ledgers.py" "${x#*:}/scr_figures.csv" "$tmp/pub" ||
			fail "cannot write the data set as ledgers"
		"$SCRPAPER" audit --input "$in" --published "$tmp/pub" \
		    >"$tmp/audit" 2>&1 ||
			fail "the attacker works back a cell of the data set" \
			    "for $in: $(cat "$tmp/audit")"
		rm -rf "$tmp/pub"
	done
else
	echo "note: this scrpaper has no audit command: the attacker is not run"
fi

# ------------------------------------------- make data, make dist
# In a copy of the tree, with the binary under test, so output/ is left
# alone: the data set is made, then up to date, then in the archive
# under the manifest.
mkdir "$tmp/tree"
cp -R Makefile templates input fonts "$tmp/tree/" || fail "cannot copy"
mkdir "$tmp/tree/tests" && cp tests/lsan.supp "$tmp/tree/tests/"
(
	unset MAKEFLAGS MFLAGS MAKELEVEL
	cd "$tmp/tree" || exit 1
	make data BIN="$SCRPAPER" >"$tmp/make1" 2>&1 || {
		echo "FAIL: make data:"; tail -5 "$tmp/make1"; exit 1; }
	make -q data BIN="$SCRPAPER" ||
		{ echo "FAIL: make data is not up to date after make data"; }
	make dist BIN="$SCRPAPER" >"$tmp/make2" 2>&1 || {
		echo "FAIL: make dist:"; tail -5 "$tmp/make2"; exit 1; }
	mkdir x && tar xzf output/scrpaper-papers.tar.gz -C x || exit 1
	for f in README.txt scr_figures.csv scr_figures.meta.csv; do
		cmp -s "output/data/$f" "x/papers/data/$f" ||
			echo "FAIL: make dist: papers/data/$f differs or is missing"
		grep -q "  data/$f\$" x/papers/SHA256SUMS ||
			echo "FAIL: make dist: SHA256SUMS does not list data/$f"
	done
	# the ODT edition beside every paper, each listed in SHA256SUMS
	for f in x/papers/background-paper.pdf x/papers/lscb/*.pdf; do
		o=${f%.pdf}.odt
		[ -s "$o" ] || echo "FAIL: make dist: no ${o#x/papers/}"
		grep -q "  ${o#x/papers/}\$" x/papers/SHA256SUMS ||
			echo "FAIL: make dist: SHA256SUMS does not list ${o#x/papers/}"
	done
	(cd x/papers && sha256sum -c --quiet SHA256SUMS) ||
		echo "FAIL: make dist: SHA256SUMS does not check"
) >"$tmp/tree.out" 2>&1 || failed=1
if grep -q FAIL "$tmp/tree.out"; then
	cat "$tmp/tree.out"
	failed=1
fi

# ------------------------------------ pandas and R read every CSV
# Every CSV of the archive, read with no options by pandas
# (python3-pandas) and by R's read.csv (r-base-core), as an analyst
# would: no warning or error, as many rows and columns as the file
# has, every cell as Python's csv module reads it (no text turned into
# a missing value), and the numeric columns numbers: the ledgers'
# counts and percentages, and in the data set the columns its metadata
# calls Indicator, once c, z and x are named as missing (docs/data.md).
# A missing pandas or R is a failure, not a skip.
PANDAS_PY=
for py in python3 /usr/bin/python3; do
	if "$py" -c 'import pandas' >/dev/null 2>&1; then
		PANDAS_PY=$py
		break
	fi
done
[ -n "$PANDAS_PY" ] || fail "pandas is not installed (python3-pandas;" \
    "make deps installs it): the archive's CSVs cannot be read with it"
command -v Rscript >/dev/null 2>&1 || fail "R is not installed" \
    "(r-base-core; make deps installs it): the archive's CSVs cannot be" \
    "read with read.csv"
cat >"$tmp/read_pandas.py" <<'EOF'
import csv, os, sys, warnings
import pandas as pd

# A parser or dtype warning is a parsing problem.
warnings.simplefilter("error", pd.errors.ParserWarning)
warnings.simplefilter("error", pd.errors.DtypeWarning)

def read(path):
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh))

top = sys.argv[1]
bad = []
LEDGER = {"numerator", "denominator", "percent", "not_recorded"}
files = sorted(os.path.relpath(os.path.join(d, f), top)
               for d, _, fs in os.walk(top) for f in fs if f.endswith(".csv"))
want = ["data/scr_figures.csv", "data/scr_figures.meta.csv", "figures.csv",
        "lscb/figures.csv", "national.csv"]
if files != want:
    bad.append("the archive's CSVs are %r, want %r" % (files, want))
meta = read(os.path.join(top, "data", "scr_figures.meta.csv"))
indic = [m[0] for m in meta[1:] if m[1] == "Indicator"]
for f in files:
    path = os.path.join(top, f)
    rows = read(path)
    head, body = rows[0], rows[1:]
    try:
        d = pd.read_csv(path)
    except Exception as e:
        bad.append("%s: pandas.read_csv: %s" % (f, e))
        continue
    if list(d.columns) != head or d.shape != (len(body), len(head)):
        bad.append("%s: pandas reads %r columns %r, the file has %r %r"
                   % (f, d.shape, list(d.columns), (len(body), len(head)),
                      head))
        continue
    for j, col in enumerate(head):
        num = pd.api.types.is_numeric_dtype(d[col])
        for i, r in enumerate(body):
            v, raw = d.iat[i, j], r[j]
            if raw == "":
                ok = pd.isna(v)
            elif num:
                ok = not pd.isna(v) and float(raw) == float(v)
            else:
                ok = v == raw
            if not ok:
                bad.append("%s:%d: %s: pandas reads %r as %r"
                           % (f, i + 2, col, raw, v))
                break
        if (f != "data/scr_figures.csv" and col in LEDGER) or \
                col == "time_period" or \
                (f == "data/scr_figures.meta.csv" and col == "indicator_dp"):
            if not num:
                bad.append("%s: %s is not read as numbers (%s)"
                           % (f, col, d[col].dtype))
    if f == "data/scr_figures.csv":
        dn = pd.read_csv(path, na_values=["c", "z", "x"])
        for col in indic:
            if not pd.api.types.is_numeric_dtype(dn[col]):
                bad.append("%s: Indicator %s is not numbers once c, z, x "
                           "are missing (%s)" % (f, col, dn[col].dtype))
        if not indic:
            bad.append("the metadata names no Indicator column")
for b in bad[:20]:
    print("FAIL: pandas: " + b)
print("pandas %s read %d CSV files" % (pd.__version__, len(files)))
sys.exit(1 if bad else 0)
EOF
cat >"$tmp/read.R" <<'EOF'
args <- commandArgs(trailingOnly = TRUE)
top <- args[1]
bad <- character(0)
ledger <- c("numerator", "denominator", "percent", "not_recorded")
files <- sort(list.files(top, pattern = "\\.csv$", recursive = TRUE))
meta <- read.csv(file.path(top, "data", "scr_figures.meta.csv"))
indic <- meta$col_name[meta$col_type == "Indicator"]
for (f in files) {
  path <- file.path(top, f)
  lines <- readLines(path)
  head <- strsplit(lines[1], ",", fixed = TRUE)[[1]]
  d <- tryCatch(read.csv(path), warning = function(w) w,
                error = function(e) e)
  if (inherits(d, "condition")) {
    bad <- c(bad, paste0(f, ": read.csv: ", conditionMessage(d)))
    next
  }
  if (ncol(d) != length(head) || nrow(d) != length(lines) - 1 ||
      !identical(names(d), head)) {
    bad <- c(bad, sprintf("%s: read.csv reads %d x %d (%s), the file has %d x %d",
                          f, nrow(d), ncol(d), paste(names(d), collapse = ","),
                          length(lines) - 1, length(head)))
    next
  }
  raw <- read.csv(path, colClasses = "character", na.strings = character(0))
  for (col in head) {
    v <- d[[col]]
    r <- raw[[col]]
    ok <- if (is.numeric(v)) {
      all(is.na(v) == (r == "")) &&
        all(v[!is.na(v)] == as.numeric(r[r != ""]))
    } else if (is.logical(v) && all(is.na(v))) {
      all(r == "")
    } else {
      !anyNA(v) && all(as.character(v) == r)
    }
    if (!ok)
      bad <- c(bad, sprintf("%s: %s: read.csv changes a cell", f, col))
    if (((f != "data/scr_figures.csv" && col %in% ledger) ||
         col == "time_period" ||
         (f == "data/scr_figures.meta.csv" && col == "indicator_dp")) &&
        !is.numeric(v))
      bad <- c(bad, sprintf("%s: %s is not read as numbers (%s)", f, col,
                            class(v)))
  }
  if (f == "data/scr_figures.csv") {
    dn <- read.csv(path, na.strings = c("c", "z", "x"))
    for (col in indic)
      if (!is.numeric(dn[[col]]))
        bad <- c(bad, sprintf("%s: Indicator %s is not numbers once c, z, x are missing (%s)",
                              f, col, class(dn[[col]])))
  }
}
if (length(files) != 5)
  bad <- c(bad, sprintf("%d CSV files, want 5", length(files)))
for (b in head(bad, 20)) cat("FAIL: R:", b, "\n")
cat(R.version.string, "read", length(files), "CSV files\n")
quit(status = if (length(bad)) 1 else 0)
EOF
if [ -n "$PANDAS_PY" ]; then
	"$PANDAS_PY" "$tmp/read_pandas.py" "$tmp/tree/x/papers" >"$tmp/pandas.out" 2>&1 ||
		fail "pandas does not read every CSV of make dist's archive:" \
		    "$(cat "$tmp/pandas.out")"
	tail -1 "$tmp/pandas.out"
fi
if command -v Rscript >/dev/null 2>&1; then
	Rscript "$tmp/read.R" "$tmp/tree/x/papers" >"$tmp/r.out" 2>&1 ||
		fail "R does not read every CSV of make dist's archive:" \
		    "$(cat "$tmp/r.out")"
	tail -1 "$tmp/r.out"
fi

# Usage errors.
for args in "data" "data --lscb Barnet -o $tmp/u" "data --all-lscbs -o $tmp/u" \
    "data --format json -o $tmp/u"; do
	# shellcheck disable=SC2086
	"$SCRPAPER" $args >/dev/null 2>&1
	rc=$?
	[ "$rc" -eq 2 ] || fail "scrpaper $args exited $rc, want 2"
done

[ "$failed" -eq 0 ] && echo "ok"
exit "$failed"

#!/usr/bin/env python3
"""variants_check.py: checks the board papers of a cohort against counts
made here from its case files (tests/e2e/test_variants.sh).

Usage: variants_check.py INPUT OUT N1,N2,N3

INPUT is one of tests/data/variants and variants-holdout (boards
Northbury, Eastwick and Southmoor, with N1, N2 and N3 cases in the
period); OUT holds what test_variants.sh rendered from it: each board's
paper as text (SLUG.txt, pdftotext -layout) and its pdfinfo (SLUG.info),
the regional paper's text, the board ledgers (`figures --lscb`,
`--all-lscbs` as all.csv) and the region's (region.csv).  The case files
are read by tests/lib/scrcases.py's read_case(); the figures counted here
with the definitions of docs/figures.md.  Checks, for each board: the
title names it; every row of its tables is the count made here, [c] where
the ledger suppresses it (a numerator of 1..5 or a base of 5 or fewer)
with only London's and the national values beside it, and no group lets
a [c] be worked back from the public number of children; the board
section prints no number but its reviews and children; the rest is the
regional paper's text; an empty board says it had no review in scope.
Across the boards, no figure leaves one board's [c] to work back from
London's count; no case id nor notes text appears in any paper, metadata
or ledger.  Prints each problem as "FAIL: ..."; exits 1 if any.
"""
import glob, os, re, sys
from fractions import Fraction

data, out, want = sys.argv[1], sys.argv[2], sys.argv[3]
BOARDS = ["Northbury", "Eastwick", "Southmoor"]
bad = []

def fail(msg):
    bad.append(msg)

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "lib"))
import scrcases  # noqa: E402

# ------------------------------------------------------------ the data
report = open(os.path.join(data, "report.yaml"), encoding="utf-8").read()
pfrom = re.search(r"^\s+from:\s*(\S+)", report, re.M).group(1)
pto = re.search(r"^\s+to:\s*(\S+)", report, re.M).group(1)
t = int(re.search(r"^\s+threshold:\s*(\d+)", report, re.M).group(1))
cases = scrcases.read_cases(data, fail)
inperiod = [k for k in cases if pfrom <= k["completed"] <= pto]

def has(k, code):
    return code in k["factors"]

# The board table rows: label prefix, figure name, unit, test.
C = lambda code: (lambda k: has(k, code))
DIED = lambda cause: (lambda k, c: c["outcome"] == "died" and
                      c.get("death_cause") == cause)
ROWS = [
    ("Boys", "boys", "children", lambda k, c: c["sex"] == "male"),
    ("Aged under 1", "age_under_1", "children",
     lambda k, c: c["age_years"] == 0),
    ("Aged 1", "age_1_5", "children", lambda k, c: 1 <= c["age_years"] <= 5),
    ("Aged 6", "age_6_10", "children",
     lambda k, c: 6 <= c["age_years"] <= 10),
    ("Aged 11", "age_11_15", "children",
     lambda k, c: 11 <= c["age_years"] <= 15),
    ("Aged 16", "age_16_plus", "children", lambda k, c: c["age_years"] >= 16),
    ("Died: sudden", "children_died_sudi", "children", DIED("sudi")),
    ("Died: physical", "children_died_assault", "children",
     DIED("physical_assault")),
    ("Died: neglect", "children_died_neglect", "children", DIED("neglect")),
    ("Died: related", "children_died_related", "children", DIED("related")),
    ("Died: suicide", "children_died_suicide", "children", DIED("suicide")),
    ("Seriously harmed", "children_harmed", "children",
     lambda k, c: c["outcome"] == "serious_harm"),
    ("Neglect a serious", "neglect", "children",
     lambda k, c: "neglect" in c["factors"]),
    ("Neglect obscured", "cases_with_neglect_masked_abuse", "cases",
     C("neglect_masked_abuse")),
    ("Part of a network", "abuse_network", "cases", C("abuse_network")),
    ("Known to Children", "known_to_csc", "cases", C("known_to_csc")),
    ("Child Protection Plan", "cp_plan", "cases", C("child_protection_plan")),
    ("Services for Children", "child_in_need", "cases", C("child_in_need")),
    ("Children who were Looked", "looked_after", "cases", C("looked_after")),
    ("Multiple referrals", "multiple_referrals", "cases",
     C("multiple_referrals")),
    ("Other children lived", "cases_with_household_children", "cases",
     lambda k: k["household_children"] >= 1),
    ("New immigrants", "new_immigrants", "cases", C("new_immigrant")),
    ("Mother abused", "mother_abused_as_child", "cases",
     C("mother_abused_as_child")),
    ("A parent known", "cases_with_parent_known_as_child", "cases",
     C("parent_known_to_csc_as_child")),
    ("An adult male known", "cases_with_male_known_as_child", "cases",
     C("male_known_to_csc_as_child")),
    ("Mother became a partner", "cases_with_mother_partnered_as_minor",
     "cases", C("mother_partnered_as_minor")),
    ("Parent with mental", "parent_mental_health", "cases",
     C("parent_mental_health")),
    ("Major mental", "major_mental_illness", "cases",
     C("major_mental_illness")),
    ("Psychotic illness", "cases_with_psychosis_after_incident", "cases",
     C("psychosis_after_incident")),
    ("Domestic violence", "domestic_violence", "cases",
     C("domestic_violence")),
    ("Mother died of fatal", "cases_with_fatal_domestic_violence", "cases",
     C("fatal_domestic_violence")),
    ("Adult with a history", "violent_history", "cases",
     C("violent_history")),
    ("Known to 2 LSCB", "known_to_two_lscbs", "cases",
     lambda k: k["lscb_areas_known"] == 2),
    ("Known to 4 or more", "known_to_four_plus_lscbs", "cases",
     lambda k: k["lscb_areas_known"] >= 4 or has(k, "moved_continually")),
    ("Travelled between", "travel_abroad", "cases", C("travel_abroad")),
    ("Highly mobile", "highly_mobile", "cases", C("highly_mobile")),
    ("Language difficulties", "language_difficulties", "cases",
     C("language_difficulties")),
    ("Young person with multiple", "cases_with_multiple_placements",
     "cases", C("multiple_placements")),
    ("Rent arrears", "rent_arrears", "cases", C("rent_arrears_or_eviction")),
    ("Mother forced to move", "moved_due_to_dv", "cases",
     C("moved_due_to_dv")),
    ("Dispute with neighbours", "neighbour_dispute", "cases",
     C("neighbour_dispute")),
    ("Alcohol misuse", "alcohol_misuse", "cases", C("alcohol_misuse")),
    ("Drug misuse", "drug_misuse", "cases", C("drug_misuse")),
    ("An adult drug dealer", "cases_with_drug_dealer", "cases",
     C("drug_dealer")),
    ("A baby withdrew", "cases_with_baby_withdrawal", "cases",
     C("baby_withdrawal")),
    ("Problems with ante", "antenatal_problems", "cases",
     C("antenatal_problems")),
    ("Prematurity", "perinatal_problems", "cases", C("perinatal_problems")),
    ("Problems with recording", "recording_communication", "cases",
     C("recording_communication")),
    ("Flawed planning", "flawed_planning", "cases", C("flawed_planning")),
    ("Parents deliberately", "cases_with_misleading_parents", "cases",
     C("misleading_parents")),
    ("Overwhelming pressures", "cases_with_unrecognised_pressures", "cases",
     C("unrecognised_pressures")),
    ("Rehearsal incidents", "cases_with_rehearsal_incidents", "cases",
     C("rehearsal_incidents")),
    ("Reliance on student", "cases_with_unqualified_workers", "cases",
     C("unqualified_workers")),
    ("Frequent changes", "cases_with_worker_changes", "cases",
     C("worker_changes")),
]
# Tables whose cells split the public number of children between them.
GROUPS = {
    "ages": ["age_under_1", "age_1_5", "age_6_10", "age_11_15",
             "age_16_plus"],
    "outcomes": ["children_died_sudi", "children_died_assault",
                 "children_died_neglect", "children_died_related",
                 "children_died_suicide", "children_harmed"],
}

def count(sel, unit, test):
    if unit == "cases":
        return sum(1 for k in sel if test(k)), len(sel)
    num = den = 0
    for k in sel:
        for c in k["children"]:
            den += 1
            num += 1 if test(k, c) else 0
    return num, den

def share(num, den):
    # Half up: 27.5 -> 28.
    return "%d%%" % int(Fraction(100 * num, den) + Fraction(1, 2))

def primary(num, den):
    return 1 <= num <= t or den <= t

# -------------------------------------------------------------- ledgers
def ledger(path):
    """name -> "[c]", or the share as a table prints it ("75%")."""
    rows = {}
    for line in open(path, encoding="utf-8"):
        f = line.rstrip("\n").split(",")
        if len(f) >= 7 and f[1] in ("cases", "children", "deaths"):
            rows[f[0]] = "[c]" if f[5] == "[c]" else f[4] + "%"
    return rows

region = ledger(os.path.join(out, "region.csv"))

# ----------------------------------------------------------------- text
def lines(name):
    return open(os.path.join(out, name + ".txt"),
                encoding="utf-8").read().split("\n")

FURNITURE = re.compile(r"^\s*Page \d+ of \d+\s*$")

def flat(ls):
    """The text as one line: furniture, the footnote and runs of white
    space taken out."""
    s = " ".join(l for l in ls if not FURNITURE.match(l))
    s = re.sub(r"\s+", " ", s.replace("\f", " "))
    s = re.sub(r"1 DCSF: Understanding.*? 31 March 2009\. ", "", s)
    return s

def section(ls, start, end):
    """The lines from the one equal to start (stripped) up to the one
    equal to end."""
    st = [i for i, l in enumerate(ls) if l.strip() == start]
    en = [i for i, l in enumerate(ls) if l.strip() == end]
    if len(st) != 1 or len(en) != 1 or en[0] < st[0]:
        return None
    return ls[st[0] + 1:en[0]]

def row_of(sec, prefix):
    """The lines of sec that start a table row with prefix."""
    pat = re.compile(r"^\s*" + re.escape(prefix) + r"(?![0-9])")
    return [i for i, l in enumerate(sec) if pat.match(l)]

rtext = lines("region")
rflat = flat(rtext)

REF = re.compile(r"\b(Table|Figure) (\d+)\b")

def refs_norm(s):
    """s with the numbers of table and figure references and captions
    ("Table 3", "Figure 1:") made N."""
    return REF.sub(r"\1 N", s)

def unfloat(a, b):
    """Returns 1 if the texts a and b differ other than by where a
    figure's caption ("Figure N: ..."; the chart draws no text) sits: a
    chart floats to the top of the next page when it does not fit
    (issue 19), so the same words may move it to another place in each
    paper.  Each caption must be in both, whole."""
    i, j = a.find("Figure N: "), b.find("Figure N: ")
    if i < 0 or j < 0:
        return int(i != j or a != b)
    if a[:min(i, j)] != b[:min(i, j)]:
        return 1
    n = 0
    while i + n < len(a) and j + n < len(b) and a[i + n] == b[j + n]:
        n += 1
    # The caption ends at a space at most where the two texts part (the
    # words after it may start alike): the longest that leaves the
    # rest the same.
    for m in range(n, len("Figure N: "), -1):
        if a[i + m - 1] == " " and not unfloat(a[:i] + a[i + m:],
                                               b[:j] + b[j + m:]):
            return 0
    return 1

def unrepeat(a, b):
    """a with the header rows a table repeats on a new page left out,
    where b (the same words, laid out on other pages) has none: at each
    place the two part, a run of a's words that a's last 400 characters
    already hold (the header just above) is dropped if b goes on as a
    does after it."""
    for _ in range(20):
        i = next((k for k in range(min(len(a), len(b))) if a[k] != b[k]),
                 None)
        if i is None:
            return a
        i = a.rfind(" ", 0, i) + 1
        cut = None
        for k in range(i + 10, min(len(a), i + 200)):
            if a[k] == " " and a[i:k + 1] in a[max(0, i - 400):i] and \
                    a[k + 1:k + 21] == b[i:i + 20]:
                cut = k + 1
                break
        if cut is None:
            return a
        a = a[:i] + a[cut:]
    return a


def numbering(fl, what):
    """Checks that the captions of kind what ("Table", "Figure") in the
    flat text fl are numbered 1, 2, ... in reading order, and that every
    reference "what N" names one of them; returns a problem or None."""
    caps = [int(m.group(1)) for m in
            re.finditer(r"\b%s (\d+): " % what, fl)]
    if caps != list(range(1, len(caps) + 1)):
        return "%s captions numbered %s" % (what, caps)
    refs = {int(m.group(1)) for m in re.finditer(r"\b%s (\d+)\b" % what,
                                                   fl)}
    if not refs <= set(caps):
        return "%s references %s to no caption" % (what,
                                                   sorted(refs - set(caps)))
    if set(caps) - refs:
        return "%s %s not referred to" % (what, sorted(set(caps) - refs))
    return None

def after(s, marker):
    i = s.find(marker)
    return s[i:] if i >= 0 else None

# The regional paper's London learning and Context, to compare with.
r_london = after(rflat, "The London picture ")
r_london = after(r_london, " The cohort ") if r_london else None
# less "London at a glance", the regional paper's own (test_glance.sh)
if r_london:
    r_london = re.sub(r" London at a glance .*?, all boards \d+ \d+", "",
                      r_london, count=1, flags=re.S)
r_context = rflat[rflat.find("Context: key messages"):
                  rflat.find("The London picture ")]
if r_london is None or "Context: key messages" not in rflat:
    fail("region.pdf: no London picture or Context")
for what in ("Table", "Figure"):
    if numbering(rflat, what):
        fail("region.pdf: %s" % numbering(rflat, what))

wanted = [int(x) for x in want.split(",")]
for board, ncases in zip(BOARDS, wanted):
    slug = board.lower()
    sel = [k for k in inperiod if k["lscb"] == board]
    if len(sel) != ncases:
        fail("%s: test data has %d cases in the period, want %d"
             % (board, len(sel), ncases))
    nchildren = sum(len(k["children"]) for k in sel)
    led = ledger(os.path.join(out, slug + ".csv"))
    ls = lines(slug)
    fl = flat(ls)
    info = open(os.path.join(out, slug + ".info"), encoding="utf-8").read()
    m = re.search(r"^Title:\s*(.*)$", info, re.M)
    if not m or board not in m.group(1):
        fail("%s: pdfinfo Title does not name the board: %r"
             % (board, m.group(1) if m else None))
    if "%s: completed April 2006 – September 2009" % board not in fl:
        fail("%s: no subtitle naming the board" % board)

    # The London picture, from "The cohort" on, and the Context are the
    # regional paper's text: London's figures, no board figure.
    lon = after(fl, "The London picture ")
    lon = after(lon, " The cohort ") if lon else None
    # Tables and figures are numbered per paper (issue 19): a board's
    # paper has its own tables first, so its London picture refers to
    # "Table 9" where the regional paper's says "Table 1".  The numbers
    # are checked below; the words must be the same.
    if lon is None or unfloat(unrepeat(refs_norm(lon),
                                       refs_norm(r_london or "")),
                              refs_norm(r_london or "")):
        fail("%s: the London picture differs from the regional paper's"
             % board)
    # Every table and figure numbered in order and referred to.
    for what in ("Table", "Figure"):
        wrong = numbering(fl, what)
        if wrong:
            fail("%s: %s" % (board, wrong))
    ctx = fl[fl.find("Context: key messages"):
             fl.find("The %s reviews " % board)]
    if ctx != r_context:
        fail("%s: the Context section differs from the regional paper's"
             % board)
    recs = [int(m.group(1)) for m in
            re.finditer(r"(?m)^\s*(\d+)\.\s+\S",
                        "\n".join(section(ls, "Top issues for DCSs and "
                                          "Safeguarding Boards", "Jo Green")
                                  or []))]
    if recs != list(range(1, 14)):
        fail("%s: recommendations numbered %s, want 1..13" % (board, recs))

    sec = section(ls, "The %s reviews" % board, "The London picture")
    if sec is None:
        fail("%s: no section 'The %s reviews' before the London picture"
             % (board, board))
        continue

    if ncases == 0:
        s = flat(sec)
        want_s = ("No Serious Case Reviews completed in %s between April "
                  "2006 and September 2009 were in scope" % board)
        if want_s not in s or want_s not in fl[:fl.find("Context:")]:
            fail("%s: does not say plainly that it had no review" % board)
        if re.search(r"\d", s.replace("April 2006", "").replace(
                "September 2009", "")):
            fail("%s: a number in the board section: %s" % (board, s))
        for p, name, unit, test in ROWS:
            if row_of(sec, p):
                fail("%s: a table row '%s' in an empty board" % (board, p))
        continue

    # Every row: [c] or the exact share for the board, London's exact
    # share, and the national figure or a dash; nothing else.  A table
    # whose board figures are mostly [c] has no board column
    # (docs/disclosure.md, "Board papers"): the sentence before it
    # quotes those it can show, "Label, N%".
    used = set()
    shown = {}
    said = flat(sec)
    heads = [i for i, l in enumerate(sec)
             if l.strip().startswith("Per cent of the")]
    for p, name, unit, test in ROWS:
        idx = row_of(sec, p)
        if len(idx) != 1:
            fail("%s: row '%s' found %d times" % (board, p, len(idx)))
            continue
        used.add(idx[0])
        cells = re.split(r"\s{2,}", sec[idx[0]].strip())
        head = [i for i in heads if i < idx[0]]
        if head and board not in sec[head[-1]]:
            cells.insert(1, None)
        vals = cells[1:]
        if vals[0] is None:
            lt = led.get(name)
            vals[0] = lt
            if lt != "[c]" and not re.search(
                    re.escape(p) + r"[^,;]*, " + re.escape(lt), said):
                fail("%s: row '%s': its table has no board column and "
                     "%s is not quoted" % (board, p, lt))
        if len(vals) not in (2, 3) or not all(
                re.fullmatch(r"\[c\]|\d+%|–", v) for v in vals):
            fail("%s: row '%s' reads %r" % (board, p, cells))
            continue
        num, den = count(sel, unit, test)
        rnum, rden = count(inperiod, unit, test)
        if vals[1] != share(rnum, rden):
            fail("%s: row '%s': London %s, want %s"
                 % (board, p, vals[1], share(rnum, rden)))
        if region.get(name) != vals[1]:
            fail("%s: row '%s': London %s, ledger %s"
                 % (board, p, vals[1], region.get(name)))
        got = vals[0]
        lt = led.get(name)
        if lt is None:
            fail("%s: figure %s not in the ledger" % (board, name))
        elif lt == "[c]" and got != "[c]":
            fail("%s: row '%s': the ledger suppresses it, the paper shows "
                 "%s" % (board, p, got))
        elif lt != "[c]" and got != lt:
            fail("%s: row '%s': paper %s, ledger %s" % (board, p, got, lt))
        ingroup = any(name in g for g in GROUPS.values())
        if primary(num, den) or (den <= t and ingroup):
            if got != "[c]":
                fail("%s: row '%s' shows %s for %d of %d" % (board, p, got,
                                                            num, den))
        elif got != "[c]":
            if got != share(num, den):
                fail("%s: row '%s' shows %s, want %s (%d of %d)"
                     % (board, p, got, share(num, den), num, den))
            shown[name] = num
        # Any other [c] is secondary: within its table, or across the
        # boards (checked below for every figure).
    # The sex group prints one row: boys shown gives girls away.
    girls, _ = count(sel, "children", lambda k, c: c["sex"] == "female")
    if "boys" in shown and 1 <= girls <= t:
        fail("%s: boys shown, so girls (%d) can be worked back"
             % (board, girls))
    # A group never shows exactly one [c] beside a public total (the
    # number of children): it would be the total less the shown cells.
    # (A [c] may be 0, so two or more are not pinned by the total alone;
    # `scrpaper audit`, run below, tries every other way.)
    if nchildren > t:
        for g, names in GROUPS.items():
            k = [n for n in names if n not in shown]
            if len(k) == 1:
                fail("%s: group %s: [c] in %s can be worked back"
                     % (board, g, k))
    # The rest of the section: no number but the public counts.
    rest = [l for i, l in enumerate(sec) if i not in used
            and not FURNITURE.match(l)]
    s = flat(rest)
    intro = ("In %s, the number of SCRs completed between April 2006 and "
             "September 2009 was %d, and the number of children involved "
             "in the incidents that led to them was %d." % (board, ncases,
                                                            nchildren))
    if intro not in s:
        fail("%s: no sentence giving its numbers of reviews and children"
             % board)
    s = s.replace(intro, "").replace("2008 – 2009", "")
    # The sentences before collapsed tables: their figures are checked
    # with their rows above.
    s = re.sub(r"None of the %s figures of this table [^.]*\.|Only \d+ of "
               r"the \d+ %s figures of this table [^.]*\. The table gives "
               r"[^.]*\." % (re.escape(board), re.escape(board)), "", s)
    # "Table 3" refers to a numbered table (issue 19), not a count: the
    # numbering is checked on its own.
    s = REF.sub(r"\1", s)
    # The sentence after a table beside London (issue 25) gives counts of
    # not recorded, each of its owner's ledger (which prints them, or
    # hides them and the sentence with them): "Not recorded: LABEL, in N
    # of M reviews in London ...".
    s = re.sub(r"Not recorded: [^.]*?, in \d+ of \d+ [^.]*\.", "", s)
    # A table collapsed to London's figures says, after a row's label,
    # what is not recorded in the base of London's share (its row is
    # checked above; the note may run onto a line of its own).
    units = r"(reviews|review|children|child|children who died|child who died)"
    s = re.sub(r"(\(not )?recorded in \d+ of \d+ %s\)" % units, "", s)
    s = re.sub(r"\b(of )?\d+ %s\)" % units, "", s)
    if re.search(r"\d", s):
        fail("%s: a number outside the tables' rows: %s"
             % (board, re.findall(r".{0,30}\d.{0,30}", s)))
    if ncases <= t and any(sec[i].count("%") > 0 and
                           re.split(r"\s{2,}", sec[i].strip())[1] != "[c]"
                           and board in sec[[h for h in heads if h < i][-1]]
                           for i in used):
        fail("%s: a board share shown in a board of %d reviews"
             % (board, ncases))

# Across the boards: for every figure, the region's count less the
# boards' shown counts must never leave exactly one board's [c] to work
# back (a board with no review is known to be 0).
allrows = {}
for line in open(os.path.join(out, "all.csv"), encoding="utf-8"):
    f = line.rstrip("\n").split(",")
    if f[0] == "lscb" or len(f) < 8 or f[2] not in ("cases", "children",
                                                    "deaths"):
        continue
    allrows.setdefault(f[1], []).append(f)
regnum = {}
regden = {}
for line in open(os.path.join(out, "region.csv"), encoding="utf-8"):
    f = line.rstrip("\n").split(",")
    if len(f) >= 7 and f[1] in ("cases", "children", "deaths") and f[2]:
        regnum[f[0]] = int(f[2])
        regden[f[0]] = int(f[3]) if f[3] else -1
for name, rows in allrows.items():
    if regnum.get(name, 0) in (0, regden.get(name)):
        continue    # none or all: the region's own (published) figure
                    # says so of every board
    hidden = [r[0] for r in rows if r[6] == "[c]" and r[4] not in ("", "0")]
    if len(hidden) == 1:
        fail("figure %s: %s's [c] is the region's %d less the other "
             "boards' shown figures" % (name, hidden[0], regnum[name]))

# No case id and no notes text anywhere.
secrets = []
for k in cases:
    secrets.append(k["id"])
    if k.get("notes"):
        secrets.append(k["notes"])
        secrets.extend(w for w in re.findall(r"[A-Za-z]{6,}", k["notes"]))
secrets = sorted(set(secrets) | {"NOTES-SENTINEL"})
texts = {}
for f in sorted(glob.glob(os.path.join(out, "*.txt")) +
                glob.glob(os.path.join(out, "*.info")) +
                glob.glob(os.path.join(out, "*.csv"))):
    texts[os.path.basename(f)] = open(f, encoding="utf-8").read()
for name, s in texts.items():
    # The notes' plain words may occur in the paper's own text; what must
    # not is the sentinel, a case id or a whole note.
    for sec in secrets:
        if (sec.startswith(("VAR-", "NOTES-")) or " " in sec) and sec in s:
            fail("%s: prints %r" % (name, sec))

for b in bad:
    print("FAIL: " + b)
sys.exit(1 if bad else 0)

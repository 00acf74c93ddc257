#!/usr/bin/env python3
"""Checks the tables of every public board paper of one input folder
against the published board ledger (docs/disclosure.md, "Board papers"):

  board_tables.py SCRPAPER INPUT_DIR COLLAPSE [--pooled [--counts FILE]]
      [BOARD...]

(only the boards named, when some are)

- no table keeps a board column whose figures all print [c];
- a table collapses (loses its board column) exactly where the ledger
  (`scrpaper figures --all-lscbs`) says at least COLLAPSE per cent of its
  board figures are [c] (the figures of a table are the board's of the
  names its {region:NAME} cells print);
- before each collapsed table stands the sentence that says so, quoting
  every board figure it could show, except where every table of the paper
  collapses and the table shows none: then the paper says so once;
- a [c] and a band (a text like "25-49%") are printed the same in the
  paper as in the ledger.
With --pooled (report.yaml's disclosure: pool, earlier periods declared;
docs/disclosure.md, "Pooled periods"), the totals over every period
(`figures --all-periods --pooled`) are the other ledger: a table whose
current figures collapse and whose totals would not keeps its board
column and prints the totals, the board's and London's, every cell as
that ledger prints it, with "all N periods" ("both periods") in its caption and in the
headings of those columns and a sentence before it naming the periods;
every other table prints the current period's figures, board and London,
and no "periods" label; the current figures are never printed labelled
as pooled, nor the pooled ones unlabelled.  --counts FILE (the JSON of
tests/e2e/count_figures.py) checks every total printed as a number
against the sum of the periods' counts made there.
Prints one line of counts; exits 1 with the first problems otherwise.
Used by tests/e2e/test_board_edition.sh.
"""
import csv
import io
import json
import os
import re
import subprocess
import sys
import tempfile

PER_TABLE = "figures of this table can be shown without risk"
PAPER_WIDE = "could not be shown in them without risk"


# The solve cache (scrpaper --cache) the calls below share, so that the
# ledgers and the papers of one input are solved once (its results are
# the solve's own: tests/e2e/test_solve_cache.sh); set by main(): the
# folder $SCR_TEST_CACHE when the calling script shares its own (the
# same input's audit and papers there), else a temporary one.
CACHE = []


def run(*args):
    args = list(args[:2]) + CACHE + list(args[2:])
    return subprocess.run(args, check=True,
                          capture_output=True).stdout.decode("utf-8")


def board_trees(binary, input_dir):
    """Every board's --dump doc, {board: text}, from one process and one
    solve: `render --all-lscbs --dump doc -o DIR` (the board of each file
    read from its `meta lscb` line)."""
    out = {}
    with tempfile.TemporaryDirectory() as d:
        run(binary, "render", "--input", input_dir, "--all-lscbs",
            "--jobs", "1", "--dump", "doc", "-o", d)
        for name in sorted(os.listdir(d)):
            with open(os.path.join(d, name), encoding="utf-8") as f:
                text = f.read()
            m = re.search(r'^meta lscb "(.*)"$', text, re.M)
            if m:
                out[m.group(1)] = text
    return out


def tables(doc):
    """The tables of a --dump doc's section "The BOARD reviews" (the
    section of the template's board tables): each a dict of its rows
    (cells of (name, ledger, text) figure references), whether it has a
    board column, and the text of the paragraph just before it."""
    out, lines = [], doc.splitlines()
    section = False
    for i, line in enumerate(lines):
        s = line.lstrip()
        if s.startswith("heading level=2"):
            section = (i + 3 < len(lines) and "field lscb" in lines[i + 2]
                       and '" reviews"' in lines[i + 3])
        if not section or not s.startswith("table "):
            continue
        ind = len(line) - len(s)
        t = {"rows": [], "board_col": False, "before": "",
             "labelled": False, "labels": [], "after": ""}
        # The paragraph before: the previous sibling's text (before the
        # table's caption, when it has one).
        j = i - 1
        while j >= 0 and len(lines[j]) - len(lines[j].lstrip()) > ind:
            j -= 1
        if j >= 0 and lines[j].lstrip().startswith("caption"):
            i0 = j
            j -= 1
            while j >= 0 and len(lines[j]) - len(lines[j].lstrip()) > ind:
                j -= 1
        else:
            i0 = i
        if j >= 0 and lines[j].lstrip().startswith("para"):
            t["before"] = " ".join(re.findall(r'"(.*)"$', x)[0] for x in
                                   lines[j + 1:i0] if re.search(r'"(.*)"$', x))
        row = None
        for k, x in enumerate(lines[i + 1:], i + 1):
            xs = x.lstrip()
            if len(x) - len(xs) <= ind:
                # The paragraph after the table (and its chart): the
                # sentence of a table beside London, "Not recorded: ...".
                while k < len(lines) and (lines[k].lstrip().startswith(
                        "chart") or len(lines[k]) - len(lines[k].lstrip())
                        > ind + 2 and not lines[k].lstrip().startswith(
                            "para")):
                    k += 1
                if k < len(lines) and lines[k].lstrip().startswith("para"):
                    m = re.search(r'"(.*)"$', lines[k + 1])
                    t["after"] = m.group(1) if m else ""
                break
            if xs.startswith("row"):
                row = []
                t["rows"].append(row)
                t["labels"].append("")
            # A row's label: the text of its first cell (its notes
            # "(not recorded in N of M reviews)" included).
            if row is not None and not row and xs.startswith("text"):
                m = re.search(r'"(.*)"$', xs)
                t["labels"][-1] += m.group(1) if m else ""
            if xs.startswith("field lscb"):
                t["board_col"] = True
            if xs.startswith("text") and re.search(r', (all \w+|both) periods"$',
                                                   xs):
                t["labelled"] = True
            m = re.match(r'figref (region:)?([a-z0-9_]+)\S* .*"(.*)"$', xs)
            if m and row is not None:
                row.append((m.group(2), "region" if m.group(1) else "board",
                            m.group(3)))
        out.append(t)
    return out


def pooled_ledgers(binary, input_dir):
    """The totals over the periods as --all-lscbs and London's rows are
    laid out: {(board, name): row} with London's board "" (text at 6)."""
    out = {}
    for r in csv.reader(io.StringIO(run(binary, "figures", "--input",
                                        input_dir, "--all-periods",
                                        "--pooled", "--all-lscbs"))):
        if r and r[0] == "pooled":
            out[(r[1], r[2])] = r[1:]
    for r in csv.reader(io.StringIO(run(binary, "figures", "--input",
                                        input_dir, "--all-periods",
                                        "--pooled"))):
        if r and r[0] == "pooled":
            out[("", r[1])] = [""] + r[1:]
    return out


def summed(counts, board, name):
    """The percent of figure name of board over every period, from the
    counts of count_figures.py, rounded half up."""
    num = den = 0
    for p in counts["periods"]:
        c = counts["counts"]["%s|%s|%s" % (p, board, name)]
        num += c[0]
        den += c[1] or 0
    return None if den == 0 else (200 * num + den) // (2 * den)


def check_cells(b, t, names, led, region, problems, label):
    """Every cell of table t printed as ledgers led (the board's) and
    region (London's) print it."""
    for row in t["rows"]:
        for name, which, text in row:
            r = (led if which == "board" else region)[name]
            want = r[6]
            if want != "[c]" and "\u2013" not in want:
                # The ledger words a share in its default style; the
                # table may ask for the per cent.
                if text.endswith("%") and r[5] != "":
                    want = r[5] + "%"
                elif text.isdigit():
                    want = r[3]
            if text != want:
                problems.append("%s: %s %s prints %s, the %s ledger %s" % (
                    b, which, name, text, label, want))


def check_not_recorded(b, t, region, problems, label):
    """Every share of London's that table t prints (t collapsed to
    London's figures, or pooled) over a base with codes not recorded
    says so with that base: in its row's label (a collapsed table), in
    the sentence after the table (one beside the board)."""
    for row, lab in zip(t["rows"], t["labels"]):
        for name, which, text in row:
            r = region.get(name)
            if which != "region" or r is None or text == "[c]" or \
                    "\u2013" in text or r[2] == "count" or \
                    r[7] in ("", "0") or r[4] in ("", "0"):
                continue
            note = "%s of %s " % (r[7], r[4])
            if t["board_col"]:
                ok = note in t["after"]
            else:
                ok = "(not recorded in " + note in lab
            if not ok:
                problems.append("%s: %s table, %s: not recorded in %s, "
                                "not said: %s" % (b, label, name,
                                                  note.strip(), lab if not
                                                  t["board_col"] else
                                                  t["after"]))


def main():
    shared = os.environ.get("SCR_TEST_CACHE")
    if shared:
        CACHE[:] = ["--cache", shared]
        check(sys.argv[1:])
        return
    with tempfile.TemporaryDirectory() as d:
        CACHE[:] = ["--cache", d]
        check(sys.argv[1:])


def check(args):
    pooled = "--pooled" in args
    counts = None
    if "--counts" in args:
        i = args.index("--counts")
        with open(args[i + 1], encoding="utf-8") as f:
            counts = json.load(f)
        del args[i:i + 2]
    args = [a for a in args if a != "--pooled"]
    binary, input_dir, collapse = args[0], args[1], int(args[2])
    ledger = {}
    for r in csv.reader(io.StringIO(run(binary, "figures", "--input",
                                        input_dir, "--all-lscbs"))):
        ledger[(r[0], r[1])] = r
    london = {}
    for r in csv.reader(io.StringIO(run(binary, "figures", "--input",
                                        input_dir))):
        if len(r) > 6:
            london[r[0]] = [""] + r
    pool = pooled_ledgers(binary, input_dir) if pooled else {}
    nper = len(counts["periods"]) if counts else None
    boards = args[3:] or sorted({k[0] for k in ledger if k[0] != "lscb"})
    trees = board_trees(binary, input_dir)
    problems, ntables, ncollapsed, nbands, npooled = [], 0, 0, 0, 0
    nchecked = 0
    for b in boards:
        if ledger[(b, "cases")][3] in ("", "0"):
            continue
        doc = trees[b]
        ts = [t for t in tables(doc)
              if any(c[1] == "region" for row in t["rows"] for c in row)]
        want = []
        for t in ts:
            names = [c[0] for row in t["rows"] for c in row
                     if c[1] == "region"]
            hidden = sum(1 for n in names if ledger[(b, n)][6] == "[c]")
            col = 100 * hidden >= collapse * len(names)
            phid = sum(1 for n in names if pool.get((b, n), ["[c]"] * 7)[6]
                       == "[c]")
            use = bool(pool) and col and 100 * phid < collapse * len(names)
            want.append((names, phid if use else hidden, col and not use,
                         use))
        every = all(w[2] for w in want)
        plabel = "periods" + chr(34)
        for t, (names, hidden, col, use) in zip(ts, want):
            ntables += 1
            labelled = t["labelled"]
            if use != labelled:
                problems.append("%s: table of %s: %s" % (
                    b, names[0], "pooled but not labelled" if use else
                    "labelled pooled but prints the current period"))
            if use:
                npooled += 1
                check_cells(b, t, names, {n[1]: r for n, r in pool.items()
                                          if n[0] == b},
                            {n[1]: r for n, r in pool.items() if n[0] == ""},
                            problems, "pooled")
                check_not_recorded(b, t, {n[1]: r for n, r in pool.items()
                                          if n[0] == ""}, problems, "pooled")
                if "together" not in t["before"] or \
                        "alone" not in t["before"]:
                    problems.append("%s: table of %s: no sentence naming "
                                    "the periods: %s" % (b, names[0],
                                                         t["before"]))
                for row in t["rows"]:
                    for name, which, text in row:
                        if counts is None or not text.endswith("%") or \
                                "\u2013" in text:
                            continue
                        got = summed(counts, b if which == "board" else "",
                                     name)
                        nchecked += 1
                        if text != "%d%%" % got:
                            problems.append("%s: %s %s pooled prints %s, "
                                            "counted %s%%" % (b, which,
                                                              name, text,
                                                              got))
                continue
            if pooled and t["board_col"]:
                check_cells(b, t, names, {k[1]: r for k, r in ledger.items()
                                          if k[0] == b}, london, problems,
                            "current")
            shown = [c for row in t["rows"] for c in row if c[1] == "board"]
            if col:
                ncollapsed += 1
                check_not_recorded(b, t, london, problems, "collapsed")
            if t["board_col"] == col:
                problems.append("%s: table of %s: %d of %d [c], board "
                                "column %s" % (b, names[0], hidden,
                                               len(names), "kept" if
                                               t["board_col"] else "gone"))
                continue
            if shown and all(c[2] == "[c]" for c in shown):
                problems.append("%s: table of %s is all [c]" % (b, names[0]))
            for c in shown:
                nbands += "\u2013" in c[2]
                text = ledger[(b, c[0])][6]
                if (c[2] != text and (text == "[c]" or "\u2013" in text or
                                      "\u2013" in c[2])):
                    problems.append("%s: %s prints %s, the ledger %s" % (
                        b, c[0], c[2], ledger[(b, c[0])][6]))
            need = col and (not every or hidden < len(names))
            if need != (PER_TABLE in t["before"]):
                problems.append("%s: table of %s: collapse sentence %s" % (
                    b, names[0], "missing" if need else "not wanted"))
            if need:
                for n in names:
                    text = ledger[(b, n)][6]
                    if text != "[c]" and ", " + text not in t["before"]:
                        problems.append("%s: %s (%s) not quoted: %s" % (
                            b, n, text, t["before"]))
        if (PAPER_WIDE in doc) != (every and len(ts) > 0):
            problems.append("%s: paper-wide sentence %s" % (
                b, "wrongly there" if PAPER_WIDE in doc else "missing"))
    if problems:
        print("\n".join(problems[:20]))
        sys.exit(1)
    print("%d tables, %d collapsed, %d bands, %d pooled, %d pooled cells "
          "counted" % (ntables, ncollapsed, nbands, npooled, nchecked))


if __name__ == "__main__":
    main()

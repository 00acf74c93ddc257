#!/usr/bin/env python3
"""Checks the tables of every public board paper of one input folder
against the published board ledger (docs/disclosure.md, "Board papers"):

  board_tables.py SCRPAPER INPUT_DIR COLLAPSE [BOARD...]

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
Prints one line of counts; exits 1 with the first problems otherwise.
Used by tests/e2e/test_board_edition.sh.
"""
import csv
import io
import re
import subprocess
import sys

PER_TABLE = "figures of this table can be shown without risk"
PAPER_WIDE = "could not be shown in them without risk"


def run(*args):
    return subprocess.run(list(args), check=True,
                          capture_output=True).stdout.decode("utf-8")


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
        t = {"rows": [], "board_col": False, "before": ""}
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
        for x in lines[i + 1:]:
            xs = x.lstrip()
            if len(x) - len(xs) <= ind:
                break
            if xs.startswith("row"):
                row = []
                t["rows"].append(row)
            if xs.startswith("field lscb"):
                t["board_col"] = True
            m = re.match(r'figref (region:)?([a-z0-9_]+)\S* .*"(.*)"$', xs)
            if m and row is not None:
                row.append((m.group(2), "region" if m.group(1) else "board",
                            m.group(3)))
        out.append(t)
    return out


def main():
    binary, input_dir, collapse = sys.argv[1], sys.argv[2], int(sys.argv[3])
    ledger = {}
    for r in csv.reader(io.StringIO(run(binary, "figures", "--input",
                                        input_dir, "--all-lscbs"))):
        ledger[(r[0], r[1])] = r
    boards = sys.argv[4:] or sorted({k[0] for k in ledger if k[0] != "lscb"})
    problems, ntables, ncollapsed, nbands = [], 0, 0, 0
    for b in boards:
        if ledger[(b, "cases")][3] in ("", "0"):
            continue
        doc = run(binary, "render", "--input", input_dir, "--lscb", b,
                  "--dump", "doc")
        ts = [t for t in tables(doc)
              if any(c[1] == "region" for row in t["rows"] for c in row)]
        want = []
        for t in ts:
            names = [c[0] for row in t["rows"] for c in row
                     if c[1] == "region"]
            hidden = sum(1 for n in names if ledger[(b, n)][6] == "[c]")
            want.append((names, hidden, 100 * hidden >= collapse *
                         len(names)))
        every = all(w[2] for w in want)
        for t, (names, hidden, col) in zip(ts, want):
            ntables += 1
            shown = [c for row in t["rows"] for c in row if c[1] == "board"]
            if col:
                ncollapsed += 1
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
    print("%d tables, %d collapsed, %d bands" % (ntables, ncollapsed,
                                                  nbands))


if __name__ == "__main__":
    main()

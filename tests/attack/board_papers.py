#!/usr/bin/env python3
"""What the board papers of one input folder show: for every board with
at least one review, the board figures of the tables of its section "The
BOARD reviews" (the names its {region:NAME} cells print, whether the
table kept its board column or not) and how many of them the board's
ledger shows (a number, or a band) rather than [c] -- each shown one is
in the paper, in its table or quoted before a collapsed one; the [c]
marks printed in its PDF; and its pages.  Runs `scrpaper figures
--all-lscbs`, `scrpaper render --all-lscbs` (into a temporary folder),
one `--dump doc` for the table rows, pdftotext and pdfinfo.  Used for
the measures in docs/disclosure.md ("Board papers"); not part of make
check.

  board_papers.py SCRPAPER INPUT_DIR [--board NAME] [--template FILE]
                  [--pages no] [--pooled yes]

(--pages no: the figures alone, from the ledger, without rendering the
papers: [c] marks and pages print as 0; --pooled yes: the input's
report.yaml has disclosure: pool, so each board's paper is dumped to see
which tables print the totals over the periods (their "all N periods"
label): a figure of such a table counts as shown when its total is, or
when its current figure is (quoted before the table); the line adds the
tables pooled and the figures shown in them)

prints one line: boards, figures shown/figures (bands among them), [c]
marks, pages (total, and the largest paper's); with --board, the same for
that board alone.
"""
import csv
import io
import os
import re
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from board_tables import pooled_ledgers, tables  # noqa: E402


def run(*args):
    return subprocess.run(list(args), check=True,
                          capture_output=True).stdout.decode("utf-8",
                                                             "replace")


def slug(name):
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def main():
    binary, input_dir = sys.argv[1], sys.argv[2]
    opts = dict(zip(sys.argv[3::2], sys.argv[4::2]))
    tmpl = ["--template", opts["--template"]] if "--template" in opts else []
    ledger = {}
    for r in csv.reader(io.StringIO(run(binary, "figures", "--input",
                                        input_dir, "--all-lscbs"))):
        ledger[(r[0], r[1])] = r
    boards = [b for b in sorted({k[0] for k in ledger if k[0] != "lscb"})
              if ledger[(b, "cases")][3] not in ("", "0")]
    if "--board" in opts:
        boards = [opts["--board"]]
    # The board tables' figures: the same rows in every board's paper
    # (none when no board has a review in the period).
    names = [c[0] for t in tables(run(binary, "render", "--input",
                                      input_dir, "--lscb", boards[0],
                                      "--dump", "doc", *tmpl))
             for row in t["rows"] for c in row
             if c[1] == "region"] if boards else []
    cells = shown = bands = marks = pages = most = 0
    pooled = opts.get("--pooled") == "yes"
    pool = pooled_ledgers(binary, input_dir) if pooled else {}
    ntables = pshown = 0
    with tempfile.TemporaryDirectory() as out:
        papers = opts.get("--pages") != "no"
        if papers:
            run(binary, "render", "--input", input_dir, "--all-lscbs",
                "-o", out, *tmpl)
        for b in boards:
            pdf = os.path.join(out, slug(b) + ".pdf")
            inpool = set()
            if pooled:
                for t in tables(run(binary, "render", "--input", input_dir,
                                    "--lscb", b, "--dump", "doc", *tmpl)):
                    if t["labelled"]:
                        ntables += 1
                        inpool |= {c[0] for row in t["rows"] for c in row
                                   if c[1] == "region"}
            for n in names:
                text = ledger[(b, n)][6]
                if n in inpool and pool[(b, n)][6] != "[c]":
                    pshown += 1
                    if text == "[c]":
                        text = pool[(b, n)][6]
                cells += 1
                shown += text != "[c]"
                bands += "\u2013" in text
            if not papers:
                continue
            marks += run("pdftotext", "-enc", "UTF-8", pdf,
                         "-").count("[c]")
            p = int(re.search(r"^Pages:\s+(\d+)", run("pdfinfo", pdf),
                              re.M).group(1))
            pages += p
            most = max(most, p)
    print("%d boards; figures shown %d/%d (%.1f%%, %d of them bands); "
          "[c] marks %d; pages %d (largest %d)" % (
              len(boards), shown, cells, 100.0 * shown / max(cells, 1),
              bands, marks, pages, most) + (
                  "; %d tables pooled, %d figures shown in them" % (
                      ntables, pshown) if pooled else ""))


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""gen_templates.py: writes the templates of the benchmarks' limit inputs.

Usage: gen_templates.py limits DIR
       gen_templates.py scale DIR MAX

limits (bench/run.sh, issue 13.14): DIR/tmpl-4.tmpl and tmpl-16.tmpl,
templates of 4 and 16 MiB of one sentence of placeholders repeated;
notes-2000.tmpl and notes-8000.tmpl, that many footnotes; table-1000.tmpl
and table-8000.tmpl, a table of that many rows.
scale (bench/scale.sh): DIR/scale-N.tmpl for N = 1, 2, 4 ... MAX MiB,
each paragraph numbered so that no two are the same text;
scale-boards-K.tmpl (128, 256, 512 KiB) for every board's paper;
scale-para-K.tmpl (256 ... 2048 KiB), one paragraph of distinct words;
scale-table-R.tmpl and scale-notes-R.tmpl (1000 ... 8000 rows, notes).
scale leaves a template of the first three kinds that exists as it is
(they take a while at 16 MiB); both write the rest afresh.
"""
import os
import sys

LINE = ("The children in {cases} families were reviewed; {boys:percent} "
        "were boys, and this sentence runs on to fill its line.\n")


def limits(b):
    line = LINE
    for mib in (4, 16):
        out, n, i = ["# Big\n\n"], 0, 0
        while n < mib * 1024 * 1024 - 400:
            s = line if i % 5 else "\n"
            out.append(s); n += len(s); i += 1
        open(os.path.join(b, "tmpl-%d.tmpl" % mib), "w").write("".join(out))
    for n in (2000, 8000):
        out = ["# Notes\n\n"]
        out += ["Text %d.[^n%d]\n\n" % (i, i) for i in range(n)]
        out += ["[^n%d]: note %d\n\n" % (i, i) for i in range(n)]
        open(os.path.join(b, "notes-%d.tmpl" % n), "w").write("".join(out))
    for rows in (1000, 8000):
        out = ["# Table\n\n| Row | Cases |\n| - | -: |\n"]
        out += ["| Row %d | %d |\n" % (i, i) for i in range(1, rows + 1)]
        open(os.path.join(b, "table-%d.tmpl" % rows), "w").write("".join(out))


def scale(b, top):
    line = LINE
    mib = 1
    while mib <= top:
        path = os.path.join(b, "scale-%d.tmpl" % mib)
        if not os.path.exists(path):
            out, n, i = ["# Big\n\n"], 0, 0
            while n < mib * 1024 * 1024 - 400:
                s = line if i % 5 else "\nParagraph %d. " % i
                out.append(s); n += len(s); i += 1
            open(path, "w").write("".join(out))
        mib *= 2
    for kib in (128, 256, 512):
        # Every board's paper of a long template (render --all-lscbs).
        path = os.path.join(b, "scale-boards-%d.tmpl" % kib)
        if not os.path.exists(path):
            out, n, i = ["# Big\n\n"], 0, 0
            while n < kib * 1024:
                s = line if i % 5 else "\nParagraph %d. " % i
                out.append(s); n += len(s); i += 1
            open(path, "w").write("".join(out))
    for kib in (256, 512, 1024, 2048):
        # One paragraph, every word a finding of the prose lint.
        path = os.path.join(b, "scale-para-%d.tmpl" % kib)
        if not os.path.exists(path):
            out, n, i = ["# One paragraph\n\n"], 0, 0
            while n < kib * 1024:
                w = "word%d " % i
                out.append(w); n += len(w); i += 1
            open(path, "w").write("".join(out) + "\n")
    for rows in (1000, 2000, 4000, 8000):
        out = ["# Table\n\n| Row | Cases |\n| - | -: |\n"]
        out += ["| Row %d | %d |\n" % (i, i) for i in range(1, rows + 1)]
        open(os.path.join(b, "scale-table-%d.tmpl" % rows), "w").write("".join(out))
        out = ["# Notes\n\n"]
        out += ["Text %d.[^n%d]\n\n" % (i, i) for i in range(rows)]
        out += ["[^n%d]: note %d\n\n" % (i, i) for i in range(rows)]
        open(os.path.join(b, "scale-notes-%d.tmpl" % rows), "w").write("".join(out))


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "limits":
        limits(sys.argv[2])
    elif len(sys.argv) == 4 and sys.argv[1] == "scale":
        scale(sys.argv[2], int(sys.argv[3]))
    else:
        sys.exit(__doc__)

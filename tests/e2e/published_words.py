#!/usr/bin/env python3
"""published_words.py: the paper reads as the published one.

Usage: published_words.py PUBLISHED.txt PAPER.txt

PUBLISHED.txt is the text of the published background paper
(tests/data/published/), PAPER.txt pdftotext of the paper rendered from
input/.  Both are reduced to their words (lower case), leaving out the
DCSF reference, the page furniture, the section "... at a glance" (new
since, issue 16) and, in the paper, the "(not recorded in N of M ...)"
notes; prints the similarity of the two word sequences (difflib's ratio)
and the words counted; below 0.95 prints every difference and exits 1.
"""
import difflib, re, sys

UNITS = (r"(?:reviews?|children who died|child who died|children|child)"
         r"(?: in [0-9-]+)?")
# One pattern; a space in it is any run of white space (pdftotext breaks
# lines inside the parenthetical).
NOT_RECORDED = re.compile((
    r"\(not recorded in \d+ of \d+ " + UNITS +
    r"(?:; \d+ of \d+ " + UNITS + r")*\)").replace(" ", r"\s+"))

def words(path):
    t = open(path, encoding="utf-8", errors="replace").read()
    if path == sys.argv[2]:
        t = NOT_RECORDED.sub(" ", t)
    t = re.sub(r"DCSF: Understanding Serious Case Reviews.*?31 March 2009\.",
               " ", t, flags=re.S)
    t = re.sub(r"Page \d+ of \d+|PAGE", " ", t)
    # "London at a glance" (issue 16: every board's numbers and the tile
    # map) is new since the published paper: not a change of wording.
    t = re.sub(r"\n[^\n]* at a glance\n.*?(?=Characteristics of harm)",
               "\n", t, flags=re.S)
    return re.findall(r"[a-z0-9%]+", t.lower().replace("\u2019", "'"))

pub, ours = words(sys.argv[1]), words(sys.argv[2])
m = difflib.SequenceMatcher(None, pub, ours, autojunk=False)
r = m.ratio()
print("%.4f (%d published words, %d in the paper)" % (r, len(pub), len(ours)))
if r < 0.95:
    for op, a1, a2, b1, b2 in m.get_opcodes():
        if op != "equal":
            print("  %s: %s | %s" % (op, " ".join(pub[a1:a2]),
                                     " ".join(ours[b1:b2])))
    sys.exit(1)

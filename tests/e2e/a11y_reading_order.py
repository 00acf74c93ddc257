#!/usr/bin/env python3
"""a11y_reading_order.py: the PDF's text as painted, in the structure's
reading order.

Usage: a11y_reading_order.py PAGES TAGGED NOTES TAGGED_NONOTES > SEEN

PAGES is the text of each page (form feeds between pages), TAGGED the
text of the structure tree, both without white space; NOTES the text of
each Note element, one a line.  Each Note's text is taken out of both (a
footnote is painted at the foot of the page citing it, its Note follows
the citing element; issue 28), TAGGED without them written to
TAGGED_NONOTES; then each page's text is joined, a page's first chunk
skipped past text the structure already read (a page's repeated
furniture), and a float (a chart with its caption "FigureN:", issue 19)
painted on a later page than the text calling it is moved back to where
the structure reads it.  Writes the result to standard output for the
caller to compare with TAGGED_NONOTES; exits 1 when a Note's text is not
in the structure's.

reading_order() does the same on strings, for tests/e2e/a11y_check.py,
which test_a11y.sh runs on every paper at once.
"""
import re
import sys


def reading_order(pages, tagged, notes):
    """PAGES, TAGGED and NOTES as the files say above; returns (SEEN,
    TAGGED_NONOTES), or None when a Note's text is not in the
    structure's."""
    pages = pages.split("\f")
    # A footnote is painted at the foot of the page that cites it; its Note
    # element follows the element that cites it (issue 28).  Each Note's
    # text is taken out of both before the order is compared (its place in
    # the structure is checked by tests/unit/pdf_struct.py --check).
    for note in notes.split("\n"):
        if not note:
            continue
        t = tagged.find(note)
        if t < 0:
            return None
        tagged = tagged[:t] + tagged[t + len(note):]
        for i, p in enumerate(pages):
            k = p.find(note)
            if k >= 0:
                pages[i] = p[:k] + p[k + len(note):]
                break
    nonotes = tagged
    pos, out = 0, []
    for p in pages:
        if not tagged.startswith(p[:40], pos):
            for k in range(1, min(len(p), 300)):
                if tagged.startswith(p[k:k + 40], pos) and \
                        p[:k] in tagged[:pos]:
                    p = p[k:]
                    break
        out.append(p)
        pos += len(p)
    seen = "".join(out)
    # A float (a chart and its caption "Figure N: ...", issue 19) that did not
    # fit is painted at the top of the next page, after the text that filled
    # the page before; the structure reads it where the text calls it.  Such
    # a chunk, and only one that starts with its caption, is moved back to
    # where the structure has it before the two are compared.
    for m in re.finditer(r"Figure\d+:", tagged):
        t = m.start()
        if seen[:t] != tagged[:t]:
            break
        p = seen.find(m.group(0), t)
        if p <= t:
            continue
        n = 0
        while p + n < len(seen) and t + n < len(tagged) and \
                seen[p + n] == tagged[t + n]:
            n += 1
        seen = seen[:t] + seen[p:p + n] + seen[t:p] + seen[p + n:]
    return seen, nonotes


def main():
    r = reading_order(open(sys.argv[1], encoding="utf-8").read(),
                      open(sys.argv[2], encoding="utf-8").read(),
                      open(sys.argv[3], encoding="utf-8").read())
    if r is None:
        sys.stderr.write("a Note's text is not in the structure's\n")
        sys.exit(1)
    open(sys.argv[4], "w", encoding="utf-8").write(r[1])
    sys.stdout.write(r[0])


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""tests/e2e/claims_check.py: docs/claims.md covers every claim of a template.

Usage: claims_check.py TEMPLATE CLAIMS.md [--skeleton]

The template is cut into its sentences as the paper prints them: a
paragraph, a list item, a table (with its caption and chart lines), a
heading, a caption line.  A block states a fact about the cohort when it
refers to a figure of the cohort ({NAME}, {region:NAME}, {previous:NAME},
{earlier:LABEL:NAME}, {change:NAME}, "@trend NAME,...") or is shown only
when a test on figures holds ("::: if", "::: unless", with every test of
the blocks around it; "::: no-cases", "::: no-region-cases" and
"::: no-period-cases" test that the number of reviews, `cases`, is 0).  Each such block needs a row of CLAIMS.md's table

    | `TEXT` | NAME, NAME | what the figures back |

whose TEXT (in backquotes; a literal piece of the template, whitespace
as one space) occurs in the block, and whose second cell names every
figure the block refers to and every figure its tests read.  A row whose
TEXT is in no block, or names a figure missing from figures.yaml, is an
error too (a stale entry).  Errors are printed as FILE:LINE: error:
message; exit 1 if any.  --skeleton prints a row for every block instead.
National figures ({national:...}) and report fields ({report:...}) are the
studies' and the report's, not the cohort's, and need no row.
"""

import re
import sys

NOT_COHORT = ("report:", "ref:", "=", "national:")
STYLES = {"percent", "digits", "words", "approx"}


def figure_of(ref):
    """The figure name of a reference's text before its first '|'."""
    parts = ref.split(":")
    if parts and parts[0] == "region":
        parts = parts[1:]
    if parts and parts[0] in ("previous", "change"):
        parts = parts[1:]
    elif parts and parts[0] == "earlier" and len(parts) >= 3:
        parts = parts[2:]
    if len(parts) >= 2 and parts[-1] in STYLES:
        parts = parts[:-1]
    return parts[0] if len(parts) == 1 else None


def refs_of(text):
    names = []
    for m in re.finditer(r"(?<!\\)\{([^}|]*)", text):
        ref = m.group(1)
        if ref.startswith(NOT_COHORT):
            continue
        name = figure_of(ref)
        if name:
            names.append(name)
    return names


def test_names(test):
    """Figure names a "::: if" test reads."""
    out = []
    for tok in re.findall(r"[a-z][a-z0-9_:]*", test):
        if tok in ("rose", "fell", "unchanged", "comparable", "half",
                   "min_base"):
            continue
        name = figure_of(tok)
        if name:
            out.append(name)
    return out


def blocks(path):
    """Yields (line, raw text, figure names, guarded) for every block."""
    conds = []          # a stack: names of each open ::: block's test
    cur = None

    def close():
        nonlocal cur
        if cur is not None:
            line, lines, guard = cur
            text = " ".join(" ".join(lines).split())
            names = refs_of(text)
            m = re.search(r"@trend\s+(?:#\S+\s+)?([a-z0-9_,]+)", text)
            if m:
                names += m.group(1).split(",")
            yield_list.append((line, text, names + guard, bool(guard)))
        cur = None

    yield_list = []
    with open(path, encoding="utf-8") as f:
        for no, raw in enumerate(f, 1):
            s = raw.rstrip("\n")
            st = s.strip()
            if st.startswith("%"):
                continue
            if st.startswith(":::"):
                close()
                rest = st[3:].strip()
                if rest == "":
                    if conds:
                        conds.pop()
                elif rest.startswith(("if ", "unless ")):
                    conds.append(test_names(rest.split(None, 1)[1]))
                elif rest in ("no-cases", "no-region-cases",
                              "no-period-cases"):
                    # "No Serious Case Reviews ... were in scope": a
                    # claim that the number of reviews is 0
                    conds.append(["cases"])
                else:
                    conds.append([])
                continue
            if st == "":
                close()
                continue
            guard = [n for c in conds for n in c]
            starts = (re.match(r"(- |1\. |#|\[\^|@subtitle|@signoff)", st)
                      or (st.startswith("@") and not
                          (cur and cur[1][-1].lstrip().startswith(("|", "@")))))
            table = st.startswith("|")
            if cur is not None and (starts or (table and not
                                    cur[1][-1].lstrip().startswith(("|", "@")))):
                close()
            if cur is None:
                cur = (no, [], guard)
            cur[1].append(st)
    close()
    return yield_list


def claims(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for no, line in enumerate(f, 1):
            m = re.match(r"\|\s*`(.+?)`\s*\|([^|]*)\|", line)
            if not m:
                continue
            key = " ".join(m.group(1).replace("\\|", "|").split())
            figs = [x.strip() for x in m.group(2).split(",") if x.strip()]
            rows.append((no, key, figs))
    return rows


def figure_names(path):
    names = set()
    with open(path, encoding="utf-8") as f:
        for line in f:
            m = re.match(r"\s*- name:\s*([a-z][a-z0-9_]*)", line)
            if m:
                names.add(m.group(1))
    return names


def main(argv):
    if len(argv) < 3:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    tmpl, doc = argv[1], argv[2]
    figs_path = "templates/figures.yaml"
    for a in argv[3:]:
        if a.startswith("--figures="):
            figs_path = a.split("=", 1)[1]
    bl = [b for b in blocks(tmpl) if b[2] or b[3]]
    if "--skeleton" in argv:
        for line, text, names, _ in bl:
            print("| `%s` | %s | |" % (text[:60].rstrip(),
                                         ", ".join(dict.fromkeys(names))))
        return 0
    known = figure_names(figs_path)
    rows = claims(doc)
    bad = 0
    covered = {}
    for no, key, figs in rows:
        hits = [b for b in bl if key in b[1]]
        if not hits:
            print("%s:%d: error: no sentence of %s reads `%s`: a stale "
                  "entry" % (doc, no, tmpl, key))
            bad += 1
        for f in figs:
            if f not in known:
                print("%s:%d: error: \"%s\" is not a figure of %s"
                      % (doc, no, f, figs_path))
                bad += 1
        for b in hits:
            covered.setdefault(b[0], []).append((no, figs))
    for line, text, names, _ in bl:
        if line not in covered:
            print("%s:%d: error: a sentence with a figure or a condition "
                  "has no entry in %s: \"%s\"" % (tmpl, line, doc,
                                                  text[:70]))
            bad += 1
            continue
        listed = {f for _, figs in covered[line] for f in figs}
        missing = [n for n in dict.fromkeys(names) if n not in listed]
        if missing:
            print("%s:%d: error: the entry (%s:%d) does not name %s, which "
                  "the sentence reads" % (tmpl, line, doc,
                                          covered[line][0][0],
                                          ", ".join(missing)))
            bad += 1
    if bad:
        return 1
    print("claims: %d sentences, %d entries" % (len(bl), len(rows)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

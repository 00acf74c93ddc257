#!/usr/bin/env python3
"""pdf_struct.py FILE.pdf: prints what the post-pass decides about a PDF,
in a form that does not depend on object numbers or on how the file is
laid out, so that two post-passes can be compared with a plain diff.

Read through `qpdf --json` (qpdf 11).  Prints: the catalog's /Lang,
/ViewerPreferences, /MarkInfo and XMP metadata (without the packet's
dates, which are printed from the Info dictionary instead), the Info
dictionary, every page's /Tabs, its marked-content sequences in order
(tag and MCID, /Artifact sequences as "Artifact") and its annotations
(/Subtype, /Contents), then the structure tree in document order: each
element's type, /A, /Alt, /ActualText, /Lang and its content (MCIDs and
the page index they are on, annotation references), and the parent
tree as element indexes.  Used by tests/unit/test_pdf_post.c.

pdf_struct.py --check FILE.pdf: checks where the structure puts footnotes
and captions (issue 28) and exits 1, naming each problem, unless
  - every Note element is a child of the Document element and follows
    (after other Notes only) the Document child that cites a footnote: it
    holds a Reference > Link whose annotation reads "Go to footnote N";
    every footnote cited has a Note;
  - every Caption element is the first child of a Table or a Figure;
    every Table and Figure element has one (the papers caption every
    table and figure);
  - a list (L) holds only list items (LI): a chart floated to the top of
    a page inside a list that runs on is read at the Document level,
    where the text calls it.
Used by tests/unit/test_pdf_post.c and tests/e2e/test_a11y.sh.

pdf_struct.py --compare NEW.pdf REF.pdf: both, in one process: exits 1,
printing the difference, unless the two print the same (at least 20
lines) and NEW passes --check.  Used by tests/unit/test_pdf_post.c.
"""
import base64
import difflib
import json
import re
import subprocess
import sys


def load(path):
    out = subprocess.run(
        ["qpdf", "--json=2", "--json-key=qpdf", "--json-stream-data=inline",
         "--decode-level=generalized", path],
        check=True, capture_output=True).stdout
    objs = json.loads(out)["qpdf"][1]
    return objs


def describe(path, check):
    """The lines printed for path, and with check the exit status of
    --check (its problems printed), else 0."""
    objs = load(path)
    out = []

    def obj(ref):
        if isinstance(ref, str) and ref.endswith(" R"):
            o = objs.get("obj:" + ref)
            if o is None:
                return None
            return o.get("value", o.get("stream"))
        return ref

    def val(v):
        """A value with references resolved one level (for display)."""
        v = obj(v)
        if isinstance(v, dict) and "dict" in v:
            return "stream"
        return v

    def text(v):
        v = obj(v)
        if isinstance(v, str) and v.startswith("u:"):
            return v[2:]
        if isinstance(v, str) and v.startswith("b:"):
            b = bytes.fromhex(v[2:])
            if b[:2] == b"\xfe\xff":
                return b[2:].decode("utf-16-be")
            return b.decode("latin-1")
        return v

    trailer = objs["trailer"]["value"]
    root = obj(trailer["/Root"])
    info = obj(trailer["/Info"])
    out.append("Lang %s" % text(root.get("/Lang")))
    out.append("ViewerPreferences %s" % json.dumps(val(root.get("/ViewerPreferences")), sort_keys=True))
    out.append("MarkInfo %s" % json.dumps(val(root.get("/MarkInfo")), sort_keys=True))
    md = obj(root.get("/Metadata"))
    if md is None:
        out.append("Metadata none")
    else:
        out.append("Metadata %s" % json.dumps(
            {k: v for k, v in md["dict"].items() if k not in ("/Length", "/Filter")},
            sort_keys=True))
        xmp = base64.b64decode(md["data"]).decode("utf-8")
        out.extend("  xmp " + line for line in xmp.splitlines())
    for k in sorted(info):
        out.append("Info %s %s" % (k, text(info[k])))

    # Pages, in page tree order.
    pages = []

    def walk_pages(ref):
        n = obj(ref)
        if n.get("/Type") == "/Page":
            pages.append(ref)
        else:
            for k in n["/Kids"]:
                walk_pages(k)
    walk_pages(root["/Pages"])
    page_index = {ref: i + 1 for i, ref in enumerate(pages)}
    annot_index = {}
    for i, ref in enumerate(pages):
        pg = obj(ref)
        out.append("page %d Tabs %s StructParents %s" % (
            i + 1, pg.get("/Tabs"), pg.get("/StructParents")))
        contents = pg.get("/Contents")
        contents = obj(contents) if isinstance(obj(contents), list) else [contents]
        data = b"".join(base64.b64decode(obj(c)["data"]) for c in contents)
        seq = []
        for m in re.finditer(rb"/(\w+)\s*(?:<<\s*/MCID\s+(\d+)\s*>>\s*BDC|(BMC))", data):
            seq.append("Artifact" if m.group(3) else "%s:%s" % (
                m.group(1).decode(), m.group(2).decode()))
        out.append("  marked " + " ".join(seq))
        for j, a in enumerate(obj(pg.get("/Annots")) or []):
            annot_index[a] = "page %d annot %d" % (i + 1, j + 1)
            ad = obj(a)
            out.append("  annot %s %s %s" % (ad.get("/Subtype"),
                                             text(ad.get("/Contents")),
                                             ad.get("/StructParent")))

    # The structure tree.
    str_root = obj(root.get("/StructTreeRoot"))
    elem_index = {}

    def kids(k):
        if k is None:
            return []
        k = obj(k) if isinstance(obj(k), list) else k
        return k if isinstance(k, list) else [k]

    def walk(ref, depth, page):
        e = obj(ref)
        elem_index[ref] = len(elem_index)
        pg = e.get("/Pg")
        if pg is not None:
            page = page_index.get(pg)
        attrs = []
        for key in ("/A", "/Alt", "/ActualText", "/Lang", "/ID"):
            if key in e:
                v = val(e[key])
                attrs.append("%s=%s" % (key, text(v) if isinstance(v, str) else json.dumps(v, sort_keys=True)))
        leaf = []
        for k in kids(e.get("/K")):
            if isinstance(k, int):
                leaf.append("mcid %d@%s" % (k, page))
            elif isinstance(k, dict) and k.get("/Type") == "/MCR":
                leaf.append("mcid %d@%s" % (k["/MCID"], page_index.get(k.get("/Pg"), page)))
            elif isinstance(k, dict) and k.get("/Type") == "/OBJR":
                leaf.append("objr " + annot_index.get(k["/Obj"], "?"))
        out.append("%s%s %s %s" % ("  " * depth, e.get("/S"), " ".join(attrs), " ".join(leaf)))
        for k in kids(e.get("/K")):
            if isinstance(k, str) and isinstance(obj(k), dict) and "/S" in obj(k):
                walk(k, depth + 1, page)

    status = check_tree(str_root, obj, kids, text) if check else 0
    if str_root is None:
        out.append("no structure tree")
    else:
        for k in kids(str_root.get("/K")):
            walk(k, 0, None)
        nums = []

        def walk_nums(t):
            t = obj(t)
            nums.extend(t.get("/Nums", []))
            for k in t.get("/Kids", []):
                walk_nums(k)
        walk_nums(str_root["/ParentTree"])
        for i in range(0, len(nums), 2):
            v = obj(nums[i + 1])
            if isinstance(v, list):
                shown = " ".join(str(elem_index.get(x, "null")) for x in v)
            else:
                shown = str(elem_index.get(nums[i + 1], "null"))
            out.append("parent %d: %s" % (nums[i], shown))
    return out, status


def main():
    if sys.argv[1] == "--check":
        sys.exit(describe(sys.argv[2], True)[1])
    if sys.argv[1] == "--compare":
        new, status = describe(sys.argv[2], True)
        ref = describe(sys.argv[3], False)[0]
        if new != ref:
            print("the structure differs:")
            print("\n".join(difflib.unified_diff(ref, new, sys.argv[3],
                                                 sys.argv[2], lineterm="")))
            status = 1
        elif len(new) < 20:
            print("too little structure to compare: %d lines" % len(new))
            status = 1
        else:
            print("same structure: %d lines" % len(new))
        sys.exit(status)
    print("\n".join(describe(sys.argv[1], False)[0]))


def check_tree(str_root, obj, kids, text):
    """The checks of --check; returns the exit status."""
    problems = []
    if str_root is None:
        print("no structure tree")
        return 1

    def elem(k):
        e = obj(k)
        return e if isinstance(e, dict) and "/S" in e else None

    def children(e):
        return [elem(k) for k in kids(e.get("/K")) if elem(k) is not None]

    def cited(e):
        """Footnote numbers of the "Go to footnote N" links under e."""
        nums = []
        for k in kids(e.get("/K")):
            if isinstance(k, dict) and k.get("/Type") == "/OBJR":
                t = text(obj(k["/Obj"]).get("/Contents")) or ""
                m = re.match(r"Go to footnote (\d+)$", t)
                if m:
                    nums.append(int(m.group(1)))
            elif elem(k) is not None:
                nums.extend(cited(elem(k)))
        return nums

    docs = children(obj(str_root))
    if len(docs) != 1 or docs[0].get("/S") != "/Document":
        print("the tree has no single Document element")
        return 1
    top = children(docs[0])
    all_cited, notes = set(), 0
    prev = None
    for i, e in enumerate(top):
        if e.get("/S") == "/Note":
            notes += 1
            if prev is None or not cited(prev):
                problems.append("Note %d (Document child %d) does not "
                                "follow an element that cites a footnote"
                                % (notes, i + 1))
            continue
        prev = e
        all_cited.update(cited(e))

    def walk(e, parent, first, depth):
        s = e.get("/S")
        if s == "/Note" and depth > 1:
            problems.append("a Note inside %s, not a child of the "
                            "Document" % parent.get("/S"))
        if s == "/Caption" and (parent.get("/S") not in ("/Table", "/Figure")
                                or not first):
            problems.append("a Caption in %s, not the first child of a "
                            "Table or Figure" % parent.get("/S"))
        if s in ("/Table", "/Figure"):
            c = children(e)
            if not c or c[0].get("/S") != "/Caption":
                problems.append("a %s without its Caption" % s[1:])
        if s == "/L":
            for c in children(e):
                if c.get("/S") not in ("/LI", "/Caption"):
                    problems.append("a %s inside a list (L)" % c.get("/S"))
        for j, c in enumerate(children(e)):
            walk(c, e, j == 0, depth + 1)

    walk(docs[0], obj(str_root), True, 0)
    if len(all_cited) > notes:
        problems.append("%d footnotes cited, %d Note elements at the "
                        "Document level" % (len(all_cited), notes))
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    main()

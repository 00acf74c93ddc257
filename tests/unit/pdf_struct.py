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
"""
import base64
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


def main():
    objs = load(sys.argv[1])
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
    print("\n".join(out))


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""odt_outline.py: LibreOffice's PDF of an ODT paper has its headings'
outline.

Usage: qpdf --json=2 --json-key=outlines PAPER.pdf | odt_outline.py PAPER.odt

Reads the outline (bookmarks) of the PDF LibreOffice exported from
PAPER.odt, as qpdf's JSON on standard input, depth first, and compares
its titles with the text of every text:h of PAPER.odt's content.xml, in
order.  Prints "ok ..." or both lists; exits 1 if they differ.
"""
import json, sys, zipfile, xml.etree.ElementTree as ET
def walk(o):
    for x in o:
        yield x["title"]
        yield from walk(x["kids"])
got = list(walk(json.load(sys.stdin)["outlines"]))
c = ET.fromstring(zipfile.ZipFile(sys.argv[1]).read("content.xml"))
want = ["".join(h.itertext()) for h in c.iter(
    "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}h")]
if got != want:
    print("outline", got, "headings", want)
    sys.exit(1)
print(f"ok LibreOffice PDF outline: the {len(got)} headings")

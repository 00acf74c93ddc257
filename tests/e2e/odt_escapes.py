#!/usr/bin/env python3
"""odt_escapes.py: a board name and template text holding markup print
literally in the ODT edition.

Usage: odt_escapes.py PAPER.odt BOARD

PAPER.odt is rendered for BOARD (a name holding <, &, quotes and ]]>)
from a template holding the line 'Template text: <text:h>x</text:h> & "q"
'a' &amp;'.  Checks that meta.xml's title is the paper's title with
BOARD, a paragraph starts with "BOARD: completed" (the subtitle) and one
paragraph is the template's line, each read back by xml.etree as text.
Prints what differs; exits 1 if anything does.
"""
import sys, zipfile, xml.etree.ElementTree as ET
z = zipfile.ZipFile(sys.argv[1]); evil = sys.argv[2]
content = ET.fromstring(z.read('content.xml'))
meta = ET.fromstring(z.read('meta.xml'))
paras = [''.join(p.itertext()) for p in content.iter(
    '{urn:oasis:names:tc:opendocument:xmlns:text:1.0}p')]
title = meta.find('.//{http://purl.org/dc/elements/1.1/}title').text
ok = True
if title != 'Background paper on London Serious Case Reviews: ' + evil:
    print('title:', repr(title)); ok = False
if not any(p.startswith(evil + ': completed') for p in paras):
    print('no subtitle with the board name'); ok = False
if 'Template text: <text:h>x</text:h> & "q" \'a\' &amp;' not in paras:
    print('template text:', [p for p in paras if 'Template' in p]); ok = False
sys.exit(0 if ok else 1)

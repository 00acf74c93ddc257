#!/usr/bin/env python3
"""odt_check.py: checks one ODT paper's package and structure.

Usage: odt_check.py PAPER.odt DUMP TABLES [RESTRICTED]

DUMP is `scrpaper render --dump doc` of the same paper, TABLES the number
of Table elements of its tagged PDF edition, RESTRICTED 1 for a
restricted edition.  Checks, with python3's zipfile and xml.etree only:
  - the package: every entry's CRC right; "mimetype" the first entry,
    stored, no extra field, holding the ODT media type; the manifest,
    content, styles and meta parts present, well-formed and listed in the
    manifest;
  - headings: text:h in the paper's order, each with the outline level
    of the dump's heading and the paragraph style "Heading N" of it;
  - lists: as many text:list as the dump's lists, the numbered ones in
    the "Numbering 123" list style, each list item's number as the dump
    numbers it;
  - tables: as many as the PDF's; each with its header rows in
    table:table-header-rows, every row as wide as the table, and the
    cells of a right-aligned column in a Number paragraph style;
  - figures: each an SVG image in Pictures/, listed in the manifest,
    with the caption as its title and the text alternative as its
    description and the SVG's title;
  - captions: a text:sequence (Table or Figure) for every numbered
    caption of the dump, in order, every {ref:} a text:sequence-ref to
    one of them; footnotes as text:note;
  - styles: the default language en-GB and the Open Sans font;
    meta.xml: title, subject, language; the marking in a restricted
    edition's header and meta (and in no public one's).
Prints "ok ..." or the problems; exits 1 on any.
"""
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

NS = {
    'office': 'urn:oasis:names:tc:opendocument:xmlns:office:1.0',
    'style': 'urn:oasis:names:tc:opendocument:xmlns:style:1.0',
    'text': 'urn:oasis:names:tc:opendocument:xmlns:text:1.0',
    'table': 'urn:oasis:names:tc:opendocument:xmlns:table:1.0',
    'fo': 'urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0',
    'meta': 'urn:oasis:names:tc:opendocument:xmlns:meta:1.0',
    'dc': 'http://purl.org/dc/elements/1.1/',
    'manifest': 'urn:oasis:names:tc:opendocument:xmlns:manifest:1.0',
    'draw': 'urn:oasis:names:tc:opendocument:xmlns:drawing:1.0',
    'xlink': 'http://www.w3.org/1999/xlink',
    'svg': 'urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0',
}
MIME = b'application/vnd.oasis.opendocument.text'


def q(name):
    p, n = name.split(':')
    return '{%s}%s' % (NS[p], n)


def main():
    odt, dump, ntables = sys.argv[1], sys.argv[2], int(sys.argv[3])
    restricted = len(sys.argv) > 4 and sys.argv[4] == '1'
    bad = []
    z = zipfile.ZipFile(odt)
    if z.testzip() is not None:
        bad.append(f'bad CRC in {z.testzip()}')
    infos = z.infolist()
    first = infos[0]
    raw = open(odt, 'rb').read()
    if first.filename != 'mimetype' or first.compress_type != 0 or \
            first.extra or z.read('mimetype') != MIME or \
            raw[30:38] != b'mimetype' or raw[38:38 + len(MIME)] != MIME:
        bad.append('mimetype is not the first entry, stored, plain')
    names = [i.filename for i in infos]
    for part in ('META-INF/manifest.xml', 'content.xml', 'styles.xml',
                 'meta.xml'):
        if part not in names:
            bad.append(f'no {part}')
    if bad:
        print('FAIL', odt, *bad, sep='\n    ')
        return 1
    man = ET.fromstring(z.read('META-INF/manifest.xml'))
    listed = {e.get(q('manifest:full-path'))
              for e in man.iter(q('manifest:file-entry'))}
    if not {'/', 'content.xml', 'styles.xml', 'meta.xml'} <= listed:
        bad.append(f'the manifest lists only {sorted(listed)}')
    content = ET.fromstring(z.read('content.xml'))
    styles = ET.fromstring(z.read('styles.xml'))
    meta = ET.fromstring(z.read('meta.xml'))
    d = open(dump, encoding='utf-8').read()

    # Headings.
    want = [int(m) for m in re.findall(r'^ {2}heading level=(\d+)', d, re.M)]
    hs = list(content.iter(q('text:h')))
    got = [int(h.get(q('text:outline-level'), '0')) for h in hs]
    if got != [min(w, 4) for w in want]:
        bad.append(f'heading levels {got} are not the dump\'s {want}')
    for h, lv in zip(hs, got):
        st = h.get(q('text:style-name'))
        if not st.endswith(f'Heading_20_{lv}'):
            bad.append(f'a level {lv} heading in style {st}')
    if not hs:
        bad.append('no heading')

    # Lists.
    body = content.find('office:body/office:text', NS)
    lists = body.findall('text:list', NS)
    kinds = re.findall(r'^ {2}list (\w+)', d, re.M)
    if len(lists) != len(kinds):
        bad.append(f'{len(lists)} lists, the dump has {len(kinds)}')
    nums = []
    for l, k in zip(lists, kinds):
        st = l.get(q('text:style-name'))
        want_st = 'Numbering_20_123' if k == 'numbered' else 'List_20_Bullet'
        if st != want_st:
            bad.append(f'a {k} list in list style {st}')
        if k == 'numbered':
            n = 0
            for it in l.findall('text:list-item', NS):
                sv = it.get(q('text:start-value'))
                n = int(sv) if sv else n + 1
                nums.append(n)
    items = [int(i) for i in re.findall(r'^ {4}item number=(\d+)', d, re.M)]
    if nums != items:
        bad.append(f'numbered items {nums}, the dump has {items}')

    # Tables.
    tables = list(content.iter(q('table:table')))
    if len(tables) != ntables:
        bad.append(f'{len(tables)} tables, the PDF has {ntables}')
    for k, t in enumerate(tables):
        cols = sum(int(c.get(q('table:number-columns-repeated'), '1'))
                   for c in t.findall('table:table-column', NS))
        if t.find('table:table-header-rows', NS) is None:
            bad.append(f'table {k + 1} has no header rows')
        for r in t.iter(q('table:table-row')):
            if len(r.findall('table:table-cell', NS)) != cols:
                bad.append(f'table {k + 1}: a row not {cols} cells wide')
                break
        for r in t.iter(q('table:table-row')):
            for c in r.findall('table:table-cell', NS):
                p = c.find('text:p', NS)
                txt = ''.join(p.itertext())
                if re.fullmatch(r'\d+%?', txt) and \
                        'Number' not in p.get(q('text:style-name')):
                    bad.append(f'table {k + 1}: number {txt} not in a '
                               'Number style')
                    break

    # Captions, references, notes.
    seqs = [(s.get(q('text:name')), s.text)
            for s in content.iter(q('text:sequence'))]
    caps = re.findall(r'^ {2}(caption|chart|tilemap)\b', d, re.M)
    ncap = sum(1 for s in seqs if s[0] == 'Table')
    if ncap != caps.count('caption'):
        bad.append(f'{ncap} table sequence fields, the dump has '
                   f'{caps.count("caption")} captions')
    for cat in ('Table', 'Figure'):
        nums = [int(n) for c, n in seqs if c == cat]
        if nums != list(range(1, len(nums) + 1)):
            bad.append(f'{cat} numbers {nums}')
    names = {s.get(q('text:ref-name'))
             for s in content.iter(q('text:sequence'))}
    refs = list(content.iter(q('text:sequence-ref')))
    if len(refs) != len(re.findall(r'^ +xref ', d, re.M)):
        bad.append(f'{len(refs)} sequence references for '
                   f'{len(re.findall(r"^ +xref ", d, re.M))} {{ref:}}')
    for r in refs:
        if r.get(q('text:ref-name')) not in names:
            bad.append(f'reference {r.text} points nowhere')
    nfn = len(set(re.findall(r'^ +fnref \[\^([^]]+)\]', d, re.M)))
    notes = list(content.iter(q('text:note')))
    if len(notes) != nfn:
        bad.append(f'{len(notes)} notes, the dump has {nfn} footnotes')

    # Figures: each numbered one an SVG image in the package (listed in
    # the manifest, parsing, with the text alternative as its title),
    # named by the caption, described by the text alternative.
    nfig = sum(1 for c, _ in seqs if c == 'Figure')
    frames = list(content.iter(q('draw:frame')))
    if len(frames) != nfig:
        bad.append(f'{len(frames)} images for {nfig} figures')
    for f in frames:
        img = f.find('draw:image', NS)
        href = img.get(q('xlink:href')) if img is not None else None
        desc = f.findtext('svg:desc', '', NS)
        if href not in z.namelist() or href not in listed:
            bad.append(f'image {href} not in the package and manifest')
            continue
        svg = ET.fromstring(z.read(href))
        t = svg.findtext('{http://www.w3.org/2000/svg}title', '')
        if not svg.tag.endswith('}svg') or not t or t != desc or \
                not f.findtext('svg:title', '', NS).startswith('Figure'):
            bad.append(f'image {href}: no SVG with the text alternative')

    # Styles and meta.
    dflt = styles.find('office:styles/style:default-style/'
                       'style:text-properties', NS)
    if dflt is None or dflt.get(q('fo:language')) != 'en' or \
            dflt.get(q('fo:country')) != 'GB' or \
            dflt.get(q('style:font-name')) != 'Open Sans':
        bad.append('the default style is not Open Sans, en-GB')
    faces = [f.get(q('style:name')) for x in (content, styles)
             for f in x.iter(q('style:font-face'))]
    if faces != ['Open Sans', 'Open Sans']:
        bad.append(f'font faces {faces}')
    m = meta.find('office:meta', NS)
    title = m.findtext('dc:title', '', NS)
    if not title.startswith(('Background paper', 'OFFICIAL-SENSITIVE')) or \
            m.findtext('dc:language', '', NS) != 'en-GB' or \
            not m.findtext('dc:subject', '', NS):
        bad.append('meta.xml lacks the title, subject or language')
    marked = 'OFFICIAL-SENSITIVE' in ''.join(
        styles.find('office:master-styles', NS).itertext())
    if marked != restricted or \
            title.startswith('OFFICIAL-SENSITIVE') != restricted:
        bad.append('the marking is ' + ('missing' if restricted else
                                        'in a public paper'))
    if bad:
        print('FAIL', odt, *bad, sep='\n    ')
        return 1
    print(f'ok {odt}: {len(hs)} headings, {len(lists)} lists, '
          f'{len(tables)} tables, {len(seqs)} numbered captions, '
          f'{len(refs)} references, {len(notes)} notes, '
          f'{len(frames)} images')
    return 0


if __name__ == '__main__':
    sys.exit(main())

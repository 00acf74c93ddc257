#!/usr/bin/env python3
"""odt_words.py: checks that an ODT paper, as LibreOffice reads it, says
what its PDF edition says.

Usage: odt_words.py PAPER.odt PAPER.odt.txt PAPER.pdf.txt

PAPER.odt.txt is `soffice --headless --convert-to txt:Text` of the ODT
(LibreOffice's own reading of the package), PAPER.pdf.txt is `pdftotext`
of the PDF edition of the same paper.  The ODT's content.xml says which
texts are footnotes, tables' cells and figures (the ODT gives a chart its
caption and text alternative, the PDF draws it); LibreOffice's text must
hold every table's cells, one a line, in order.  Then, as
tests/js/same_words.mjs does for the HTML edition:
  - each footnote must be in the PDF as "N its words" and is taken out
    (LibreOffice's text export leaves out notes' bodies);
  - each figure's caption must be in both, and is taken out of both; its
    text alternative is taken out of the ODT's;
  - the PDF's words must be the ODT's words outside the tables, in the
    same order, with the words of the tables' cells among them, each
    exactly as often as the tables have it, and the words of the header
    rows again as often as the PDF repeats them.
White space is normalised; words are cut around dashes and slashes as
same_words.mjs does.  Prints one line; exits 1 on a difference.
"""
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

T = '{urn:oasis:names:tc:opendocument:xmlns:text:1.0}'
TB = '{urn:oasis:names:tc:opendocument:xmlns:table:1.0}'


def words(s):
    s = s.replace('\u2060', '').replace('\ufeff', '')
    s = re.sub(r'\s*([\u2013\u2014/-])\s*', r' \1 ', s)
    return s.split()


def text_of(el, skip_notes=True):
    """The text of el as LibreOffice exports it (notes' bodies left out,
    <text:s> as spaces)."""
    out = []

    def walk(e):
        if e.tag == T + 'note-body' and skip_notes:
            return
        if e.tag == T + 's':
            out.append(' ' * int(e.get(T + 'c', '1')))
        elif e.tag in (T + 'tab', T + 'line-break'):
            out.append(' ')
        if e.text:
            out.append(e.text)
        for c in e:
            walk(c)
            if c.tail:
                out.append(c.tail)
    walk(el)
    return ''.join(out)


def parts(odt):
    root = ET.fromstring(zipfile.ZipFile(odt).read('content.xml'))
    notes = [(n.find(T + 'note-citation').text,
              text_of(n.find(T + 'note-body'), False))
             for n in root.iter(T + 'note')]
    tables = []
    for t in root.iter(TB + 'table'):
        rows = []
        for r in t.iter(TB + 'table-row'):
            rows.append([text_of(c) for c in r.iter(TB + 'table-cell')])
        heads = [text_of(c) for h in t.iter(TB + 'table-header-rows')
                 for c in h.iter(TB + 'table-cell')]
        tables.append((rows, heads))
    figs = [text_of(p) for p in root.iter(T + 'p')
            if p.get(T + 'style-name', '').endswith('Figure')]
    alts = [text_of(p) for p in root.iter(T + 'p')
            if p.get(T + 'style-name') == 'Figure_20_Description']
    return notes, tables, figs, alts


def find(seq, sub):
    for i in range(len(seq) - len(sub) + 1):
        if seq[i:i + len(sub)] == sub:
            return i
    return -1


def main():
    odt, otxt, ptxt = sys.argv[1:4]
    notes, tables, figs, alts = parts(odt)
    lines = [l.strip().replace('\ufeff', '')
             for l in open(otxt, encoding='utf-8').read().split('\n')]
    pdf = words(re.sub(r'Page \d+ of \d+', ' ',
                       open(ptxt, encoding='utf-8').read()))
    problems = []

    # Every table's cells, one a line, in order, in LibreOffice's text.
    at = 0
    bag, heads, ncells = {}, set(), 0
    for k, (rows, head) in enumerate(tables):
        cells = [c.strip() for r in rows for c in r]
        i = at
        while i + len(cells) <= len(lines) and \
                lines[i:i + len(cells)] != cells:
            i += 1
        if i + len(cells) > len(lines):
            problems.append(f'table {k + 1} ({len(cells)} cells) is not '
                            'in LibreOffice\'s text, a cell a line')
            continue
        del lines[i:i + len(cells)]
        at = i
        ncells += len(cells)
        for c in cells:
            for w in words(c):
                bag[w] = bag.get(w, 0) + 1
        heads.update(w for c in head for w in words(c))
    for a in alts:
        a = a.strip()
        if a in lines:
            lines.remove(a)
        else:
            problems.append(f'figure text alternative not in '
                            f'LibreOffice\'s text: {a[:60]}...')
    body = words('\n'.join(lines))
    for num, text in notes:
        note = [num] + words(text)
        i = find(pdf, note)
        if i < 0:
            problems.append(f'footnote {num} is not in the PDF as '
                            f'"{" ".join(note[:10])}..."')
        else:
            del pdf[i:i + len(note)]
    for f in figs:
        fig = words(f)
        i, j = find(pdf, fig), find(body, fig)
        if i < 0 or j < 0:
            problems.append(f'figure caption "{f[:60]}" is not in both')
            continue
        del pdf[i:i + len(fig)]
        del body[j:j + len(fig)]

    j = 0
    for i, w in enumerate(pdf):
        if j < len(body) and w == body[j]:
            j += 1
        elif bag.get(w, 0) > 0:
            bag[w] -= 1
        elif w in heads:
            continue
        else:
            problems.append(
                f'PDF word {i} "{w}" is neither the ODT\'s next word '
                f'"{body[j] if j < len(body) else "(end)"}" nor a table\'s:'
                f'\n      pdf: ...{" ".join(pdf[max(0, i - 12):i + 8])}...'
                f'\n      odt: ...{" ".join(body[max(0, j - 12):j + 8])}...')
            break
    else:
        if j < len(body):
            problems.append(f'the PDF ends before the ODT\'s word {j} '
                            f'"{body[j]}"')
        left = [f'{w} x{n}' for w, n in bag.items() if n > 0]
        if left:
            problems.append('table words missing from the PDF: ' +
                            ', '.join(left[:8]))
    if len(body) < 100:
        problems.append(f'only {len(body)} words of text')
    if problems:
        print(f'FAIL {odt}')
        for p in problems:
            print(f'    {p}')
        return 1
    print(f'ok {odt}: {len(body)} words in order, {len(tables)} tables '
          f'({ncells} cells), {len(notes)} footnote(s), {len(figs)} '
          'figure(s)')
    return 0


if __name__ == '__main__':
    sys.exit(main())

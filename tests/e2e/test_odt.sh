#!/bin/sh
# tests/e2e/test_odt.sh: the ODT edition (an ODF text document) end to
# end.  Run from the project root with SCRPAPER set to the binary under
# test (tests/e2e/run.sh does both).
#
#   - `render -o FILE.odt`, `--format odt` (winning over the extension)
#     and `render --all-lscbs --format odt` write the regional paper and
#     every board's (SLUG.odt, nothing else); the same input gives the
#     same bytes; --lscb NAME gives --all-lscbs's file;
#   - tests/e2e/odt_check.py, with python3's zipfile and xml.etree: the
#     package (CRCs, mimetype first and stored, the four parts, the
#     manifest), the headings' outline levels and styles against
#     `render --dump doc`, lists, numbered items, as many tables as the
#     tagged PDF edition has (Table elements), header rows, numeric
#     cells in Number styles, sequence fields and references, notes,
#     en-GB and Open Sans, meta.xml, the marking of the restricted
#     edition (and not in a public one), the figures as SVG images in the
#     package, for the regional paper and a board's (Camden, with
#     collapsed tables; Southwark's, collapsed too, under make check-full)
#     and Camden's restricted edition (a 0600 file);
#   - a board name and template text holding <, &, quotes and markup are
#     escaped (content.xml and meta.xml parse, and hold them literally);
#   - invalid input writes nothing and leaves an existing file as it was;
#   - Debian's LibreOffice (soffice, headless), when installed, reads the
#     papers (one start for them all, most of its cost): its text export
#     has the PDF edition's words (pdftotext) in the same order outside
#     the tables and every table's cells (tests/e2e/odt_words.py), and
#     (make check-full) the PDF it exports of one has the ODT's headings
#     as its outline.  Without soffice that part prints a SKIP line; it
#     never passes silently.
# make check: the regional paper and Camden's; make check-full
# (CHECK_FULL=1) adds Southwark's (a second board of the same shape) and
# LibreOffice's PDF export.
set -u

. tests/e2e/lib.sh
e2e_setup odt
e2e_need python3 pdftotext qpdf cmp

run() {
	if ! "$SCRPAPER" "$@" >"$tmp/out" 2>"$tmp/err"; then
		fail "scrpaper $* exited non-zero: $(cat "$tmp/err")"
		return 1
	fi
}

# The number of Table elements in the tagged PDF's structure tree.
pdf_tables() {
	python3 tests/unit/pdf_struct.py "$1" | grep -c '^ */Table *$'
}

# The regional paper and a board's (two under make check-full), in ODT
# and PDF, with their dumps.
boards=Camden
e2e_full && boards="$boards Southwark"
papers=background-paper
mkdir -p "$tmp/odt/lscb" "$tmp/pdf"
run render -o "$tmp/odt/background-paper.odt"
run render -o "$tmp/pdf/background-paper.pdf"
run render --dump doc
cp "$tmp/out" "$tmp/background-paper.dump"
for b in $boards; do
	slug=$(echo "$b" | tr 'A-Z' 'a-z')
	run render --lscb "$b" -o "$tmp/odt/$slug.odt"
	run render --lscb "$b" -o "$tmp/pdf/$slug.pdf"
	run render --lscb "$b" --dump doc
	cp "$tmp/out" "$tmp/$slug.dump"
	papers="$papers $slug"
done
for p in $papers; do
	n=$(pdf_tables "$tmp/pdf/$p.pdf")
	[ "$n" -gt 0 ] || fail "$p.pdf has no Table element"
	# (Camden's count serves its restricted edition below.)
	[ "$p" = camden ] && camden_tables=$n
	python3 tests/e2e/odt_check.py "$tmp/odt/$p.odt" "$tmp/$p.dump" \
	    "$n" || fail "$p.odt: its structure (above)"
done

# Every board's; same bytes on a rerun and from --lscb.
run render --all-lscbs --format odt -o "$tmp/odt/lscb"
nodt=$(ls "$tmp/odt/lscb" | grep -c '\.odt$')
[ "$nodt" -eq 33 ] || fail "--all-lscbs --format odt wrote $nodt files, not 33"
ls "$tmp/odt/lscb" | grep -v '\.odt$' >/dev/null &&
    fail "--all-lscbs --format odt wrote other files: $(ls "$tmp/odt/lscb")"
cmp -s "$tmp/odt/lscb/camden.odt" "$tmp/odt/camden.odt" ||
    fail "--lscb Camden differs from --all-lscbs's camden.odt"
run render -o "$tmp/again.odt"
cmp -s "$tmp/odt/background-paper.odt" "$tmp/again.odt" ||
    fail "two renders of the regional ODT paper differ"
run render --format odt -o "$tmp/forced.pdf"
cmp -s "$tmp/odt/background-paper.odt" "$tmp/forced.pdf" ||
    fail "--format odt -o FILE.pdf did not write the ODT paper"
run render --format pdf -o "$tmp/forced.odt"
head -c 5 "$tmp/forced.odt" | grep -q '%PDF-' ||
    fail "--format pdf -o FILE.odt did not write a PDF"

# The restricted edition: marked in the header, footer and meta; 0600.
mkdir "$tmp/restricted"
if run render --edition restricted --lscb Camden \
    -o "$tmp/restricted/camden.odt"; then
	python3 tests/e2e/odt_check.py "$tmp/restricted/camden.odt" \
	    "$tmp/camden.dump" "$camden_tables" 1 ||
	    fail "the restricted camden.odt (above)"
	[ "$(stat -c %a "$tmp/restricted/camden.odt")" = 600 ] ||
	    fail "the restricted ODT is not 0600"
fi

# Text from the data and the template is escaped.
evil="Evil <b>x</b> & \"Q\" 'A' ]]> <text:p>"
cp -R tests/data/variants "$tmp/in"
printf '  - "%s"\n' "Evil <b>x</b> & \\\"Q\\\" 'A' ]]> <text:p>" \
    >>"$tmp/in/report.yaml"
sed '/^## Purpose/i\
Template text: <text:h>x</text:h> & "q" '"'"'a'"'"' \&amp;\
' templates/background-paper.tmpl >"$tmp/evil.tmpl"
if run render --input "$tmp/in" --template "$tmp/evil.tmpl" --lscb "$evil" \
    -o "$tmp/evil.odt"; then
	python3 tests/e2e/odt_escapes.py "$tmp/evil.odt" "$evil" || fail "a board name or template text is not escaped"
fi

# Invalid input writes nothing and leaves an existing file as it was.
cp "$tmp/odt/background-paper.odt" "$tmp/keep.odt"
printf '# Title\n\n{no_such_figure}\n' >"$tmp/bad.tmpl"
"$SCRPAPER" render --template "$tmp/bad.tmpl" -o "$tmp/keep.odt" \
    2>"$tmp/err" && fail "an unknown figure was accepted"
grep -q 'bad.tmpl:3:[0-9]*: error:' "$tmp/err" ||
    fail "no FILE:LINE:COL error: $(cat "$tmp/err")"
cmp -s "$tmp/odt/background-paper.odt" "$tmp/keep.odt" ||
    fail "a failed render changed an existing ODT file"
"$SCRPAPER" render --template "$tmp/bad.tmpl" -o "$tmp/none.odt" \
    2>/dev/null
[ -e "$tmp/none.odt" ] && fail "a failed render wrote a file"
ls "$tmp" | grep -q '\.odt\.scrpaper-tmp-' &&
    fail "a temporary file was left behind"

# A real client: LibreOffice reads the papers.
if ! command -v soffice >/dev/null 2>&1; then
	echo "SKIP: soffice is not installed (make deps installs" \
	    "libreoffice-writer-nogui): LibreOffice's reading of the ODT" \
	    "is NOT checked"
else
	lo="-env:UserInstallation=file://$tmp/lo-profile"
	# One LibreOffice for them all (its start is most of its cost).
	# shellcheck disable=SC2046
	timeout 300 soffice "$lo" --headless --convert-to txt:Text \
	    --outdir "$tmp/lo" $(for p in $papers; do
		echo "$tmp/odt/$p.odt"; done) >"$tmp/lo.out" 2>&1
	for p in $papers; do
		pdftotext "$tmp/pdf/$p.pdf" "$tmp/$p.pdf.txt"
		if [ ! -s "$tmp/lo/$p.txt" ]; then
			fail "soffice did not convert $p.odt: $(cat "$tmp/lo.out")"
			continue
		fi
		python3 tests/e2e/odt_words.py "$tmp/odt/$p.odt" \
		    "$tmp/lo/$p.txt" "$tmp/$p.pdf.txt" ||
		    fail "$p.odt: LibreOffice's text differs from the PDF's"
	done
	# LibreOffice's PDF export of one (a second start, some 7 s): make
	# check-full.
	if e2e_full; then
		timeout 300 soffice "$lo" --headless --convert-to pdf \
		    --outdir "$tmp/lo" "$tmp/odt/camden.odt" >"$tmp/lo.out" 2>&1
		if [ ! -s "$tmp/lo/camden.pdf" ]; then
			fail "soffice did not export camden.odt as PDF"
		else
			qpdf --json=2 --json-key=outlines "$tmp/lo/camden.pdf" |
			    python3 tests/e2e/odt_outline.py "$tmp/odt/camden.odt" ||
			    fail "LibreOffice's PDF of camden.odt lacks the headings' outline"
		fi
	fi
fi

exit "$failed"

#!/bin/sh
# tests/e2e/test_html.sh: the HTML edition end to end, in a real browser.
# Run from the project root with SCRPAPER set to the binary under test
# (tests/e2e/run.sh does both).
#
#   - `render -o FILE.html` and `render --all-lscbs --format html` write
#     the regional paper and every board's of input/; `--format html`
#     wins over the extension; the same inputs give the same bytes;
#   - a board name and template text holding <script>, &, quotes and
#     </style> print literally (escaped), in the text and the title;
#   - invalid input writes nothing and leaves an existing file as it was;
#   - tests/js/check_html.mjs opens the pages in headless Chromium
#     (Debian's, never a downloaded one; make check: one page of each
#     shape, the regional paper's, the three-period fixture's
#     Southwark's (a board with [c]) and the escaping test's board's
#     (a board with no review); make check-full: every page): axe-core's
#     WCAG 2.1 A and AA rules find nothing (at desktop width, and at 320
#     CSS px on the regional page and the three-period Southwark's in
#     make check, on every page in check-full), the page does not scroll
#     sideways at 320 CSS px,
#     runs no script and asks for nothing outside itself, and html-validate
#     passes; screenshots of the first screen go to build/html-shots/
#     (make check-full);
#   - Chromium prints the regional paper (make check-full: every
#     page) with the pages' print style:
#     tests/e2e/print_check.py finds no page but the last more than 20 %
#     empty at its foot (but before a figure too tall for the room left,
#     which the browser never breaks: two small pages test that rule
#     both ways), every page numbered, no web-only link printed
#     (make check-full: PNGs in build/print/);
#   - tests/js/same_words.mjs: the regional paper and every board's
#     (make check: Southwark's of input/) say in HTML what their PDFs say
#     (pdftotext; white space, footers and the tables' reading order
#     aside);
#   - make check: in the same browser, Southwark's page of the
#     three-period fixture (tests/data/make_three_periods.py: the tables
#     by period, the London picture), which test_paper_periods.sh checks
#     in a browser of its own under make check-full.
# Fails, never skips, when node, chromium or the npm packages are
# missing: `make deps` installs them.
set -u

. tests/e2e/lib.sh
e2e_setup html
e2e_need node pdftotext pdftoppm python3 cmp
chromium=${CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$chromium" ]; then
	echo "FAIL: $chromium is not installed (make deps installs Debian's" \
	    "chromium)"
	exit 1
fi
for pkg in playwright-core axe-core html-validate; do
	if [ ! -f "tests/js/node_modules/$pkg/package.json" ]; then
		echo "FAIL: tests/js/node_modules/$pkg is missing (make deps" \
		    "runs npm ci in tests/js)"
		exit 1
	fi
done
shots=build/html-shots
mkdir -p "$shots"

# Runs scrpaper; fails the test on a non-zero exit.
run() {
	if ! "$SCRPAPER" "$@" >"$tmp/out" 2>"$tmp/err"; then
		fail "scrpaper $* exited non-zero: $(cat "$tmp/err")"
		return 1
	fi
}

# The regional paper and every board's, in both formats.
mkdir -p "$tmp/html/lscb" "$tmp/pdf/lscb"
run render -o "$tmp/html/background-paper.html"
run render -o "$tmp/pdf/background-paper.pdf"
run render --all-lscbs --format html -o "$tmp/html/lscb"
nhtml=$(ls "$tmp/html/lscb" | grep -c '\.html$')
[ "$nhtml" -eq 33 ] || fail "--all-lscbs --format html wrote $nhtml pages, not 33"
# The PDFs to compare words with: make check-full every board's, make
# check Southwark's (a board with [c]; see below).
if e2e_full; then
	run render --all-lscbs -o "$tmp/pdf/lscb"
	npdf=$(ls "$tmp/pdf/lscb" | grep -c '\.pdf$')
	[ "$npdf" -eq "$nhtml" ] || fail "$npdf PDFs beside $nhtml HTML pages"
else
	run render --lscb Southwark -o "$tmp/pdf/lscb/southwark.pdf"
fi
ls "$tmp/html/lscb" | grep -v '\.html$' >/dev/null &&
    fail "--all-lscbs --format html wrote other files: $(ls "$tmp/html/lscb")"

# Same bytes on a rerun; --format html wins over the extension; a file
# named .htm is HTML too.
run render -o "$tmp/again.html"
cmp -s "$tmp/html/background-paper.html" "$tmp/again.html" ||
    fail "two renders of the regional HTML paper differ"
run render --lscb Camden -o "$tmp/camden.html"
cmp -s "$tmp/html/lscb/camden.html" "$tmp/camden.html" ||
    fail "--lscb Camden differs from --all-lscbs's camden.html"
run render --format html -o "$tmp/forced.pdf"
cmp -s "$tmp/html/background-paper.html" "$tmp/forced.pdf" ||
    fail "--format html -o FILE.pdf did not write the HTML paper"
run render --format pdf -o "$tmp/forced.html"
head -c 5 "$tmp/forced.html" | grep -q '%PDF-' ||
    fail "--format pdf -o FILE.html did not write a PDF"
if "$SCRPAPER" render --format docx -o "$tmp/x.docx" 2>"$tmp/err"; then
	fail "--format docx was accepted"
elif [ $? -ne 2 ]; then
	fail "--format docx: not a usage error (exit 2)"
fi
[ -e "$tmp/x.docx" ] && fail "--format docx wrote a file"

# Text from the data and the template prints literally.
evil="Evil <script>alert(1)</script> & \"Q\" 'A' </style>"
evil_html="Evil &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Q&quot; &#39;A&#39; &lt;/style&gt;"
cp -R tests/data/variants "$tmp/in"
printf '  - "%s"\n' "Evil <script>alert(1)</script> & \\\"Q\\\" 'A' </style>" \
    >>"$tmp/in/report.yaml"
sed '/^## Purpose/i\
Template text: <script>alert(2)</script> & "q" '"'"'a'"'"' </style> <b>x</b>\
' templates/background-paper.tmpl >"$tmp/evil.tmpl"
if run render --input "$tmp/in" --template "$tmp/evil.tmpl" --lscb "$evil" \
    -o "$tmp/html/evil.html"; then
	page=$tmp/html/evil.html
	grep -q '<script' "$page" && fail "a <script> element in the page"
	[ "$(grep -c '</style>' "$page")" -eq 1 ] ||
	    fail "the page has more than its own </style>"
	grep -qF "<title>Background paper on London Serious Case Reviews: $evil_html</title>" \
	    "$page" || fail "the board name is not escaped in the title"
	grep -qF "<p class=\"subtitle\">$evil_html: completed" "$page" ||
	    fail "the board name is not escaped in the subtitle"
	grep -qF '<p>Template text: &lt;script&gt;alert(2)&lt;/script&gt; &amp; &quot;q&quot; &#39;a&#39; &lt;/style&gt; &lt;b&gt;x&lt;/b&gt;</p>' \
	    "$page" || fail "the template's text is not escaped"
fi

# Invalid input writes nothing and leaves an existing file as it was.
cp "$tmp/html/background-paper.html" "$tmp/keep.html"
printf '# Title\n\n{no_such_figure}\n' >"$tmp/bad.tmpl"
if "$SCRPAPER" render --template "$tmp/bad.tmpl" -o "$tmp/keep.html" \
    2>"$tmp/err"; then
	fail "an unknown figure was accepted"
fi
cmp -s "$tmp/html/background-paper.html" "$tmp/keep.html" ||
    fail "a failed render changed an existing HTML file"
"$SCRPAPER" render --template "$tmp/bad.tmpl" -o "$tmp/none.html" \
    2>/dev/null
[ -e "$tmp/none.html" ] && fail "a failed render wrote a file"
ls "$tmp" | grep -q '\.html\.scrpaper-tmp-' && fail "a temporary file was left behind"

# The pages in the browser and against their PDFs: make check-full every
# board's; make check one page of each shape in the browser, the
# regional paper's and two boards':
#   - Southwark's of the three-period fixture
#     (tests/data/make_three_periods.py): a board with [c], its tables by
#     period and the London picture; its elements (tag and class) are a
#     superset of every board page's of input/, its headings input/'s
#     Southwark's run and more;
#   - the board of the escaping test above: a board with no review, the
#     same elements and run of headings as Bexley's of input/;
# and the words of Southwark's of input/ (a board with [c]) against its
# PDF.  Bexley's and input/'s Southwark's pages (the same shapes) in the
# browser, and every other board's, are make check-full's.
if e2e_full; then
	boards=$(cd "$tmp/html/lscb" && ls | sed -n 's/\.html$//p')
	pages=
	for b in $boards; do
		pages="$pages $tmp/html/lscb/$b.html"
	done
	browsed="$pages $(ls "$tmp"/html/*.html | grep -v '/background-paper\.html$')"
else
	boards=southwark
	# A page of another shape, in this browser rather than one more.
	python3 tests/data/make_three_periods.py "$tmp/three" >/dev/null &&
	    run render --input "$tmp/three" --lscb Southwark \
	    -o "$tmp/html/southwark-three-periods.html" ||
		fail "the three-period fixture's page"
	pages=
	browsed="$tmp/html/southwark-three-periods.html $tmp/html/evil.html"
fi

# The print edition: the same browser prints the regional paper (make
# check-full: every board's too) to PDF with the page's print style (A4,
# as `chromium --print-to-pdf` prints it); tests/e2e/print_check.py reads
# them back: no page but the last more than 20 % empty at its foot, every
# page numbered "Page N of M", no web-only link printed.  PNGs of the
# printed pages go to build/print/ (make check-full).
prints=build/print
mkdir -p "$prints"
if e2e_full; then
	printed="$tmp/html/background-paper.html $pages"
else
	printed="$tmp/html/background-paper.html"
fi
printargs=
for page in $printed; do
	printargs="$printargs $page $tmp/$(basename "$page" .html).print.pdf"
done
# print_check.py's own test: a page whose foot stays empty before a
# figure too tall for it passes (the figure is never broken); the same
# gap before a paragraph fails.
for kind in figure text; do
	if [ $kind = figure ]; then
		next='<figure style="break-inside:avoid;margin:0">'
		next="$next<figcaption>Figure 1: tall</figcaption>"
		next="$next<div style=\"height:20cm;border:1px solid\"></div>"
		next="$next</figure>"
	else
		next='<p style="break-before:page">Text on the next page.</p>'
	fi
	cat >"$tmp/gap-$kind.html" <<EOF
<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>gap</title><style>@page{size:A4;margin:2cm 2cm;
@bottom-center{content:"Page " counter(page) " of " counter(pages)}}
</style></head><body><p>A short first page.</p>$next</body></html>
EOF
	printargs="$printargs $tmp/gap-$kind.html $tmp/gap-$kind.print.pdf"
done

# The same words in both editions: the browser checks each HTML paper
# against its PDF's text too (in the same Chromium).
set -- "$tmp/html/background-paper.html" "$tmp/pdf/background-paper.txt"
pdftotext "$tmp/pdf/background-paper.pdf" "$tmp/pdf/background-paper.txt"
for name in $boards; do
	pdftotext "$tmp/pdf/lscb/$name.pdf" "$tmp/pdf/lscb/$name.txt"
	set -- "$@" "$tmp/html/lscb/$name.html" "$tmp/pdf/lscb/$name.txt"
done
# make check: axe-core at 320 px on the regional page and the
# three-period Southwark's (every page's reflow is still measured there,
# and axe runs at desktop width on each); make check-full on every page.
# Screenshots (build/html-shots/, for people to look at, not checks):
# make check-full.
narrow=
e2e_full || narrow="--narrow-axe 2 --no-shots"
# shellcheck disable=SC2086
if ! node tests/js/check_html.mjs "$shots" $narrow \
    "$tmp/html/background-paper.html" $browsed \
    --print $printargs --same-words "$@" >"$tmp/browser" 2>&1; then
	grep -v '^ok \|^printed ' "$tmp/browser"
	fail "the browser checks failed (html: the page in the browser;" \
	    "print: a page printed; same words: an HTML paper's text differs" \
	    "from its PDF's)"
else
	tail -n 2 "$tmp/browser"
fi

pdfs=
for page in $printed; do
	name=$(basename "$page" .html)
	rm -f "$prints/$name"-*.png
	if [ ! -s "$tmp/$name.print.pdf" ]; then
		fail "the browser did not print $name.html"
		continue
	fi
	# PNGs to look at: make check-full
	e2e_full && pdftoppm -r 60 -png "$tmp/$name.print.pdf" "$prints/$name"
	pdfs="$pdfs $tmp/$name.print.pdf"
done
# shellcheck disable=SC2086
if [ -n "$pdfs" ] && ! python3 tests/e2e/print_check.py $pdfs; then
	fail "the printed HTML pages break the print rules"
fi
python3 tests/e2e/print_check.py "$tmp/gap-figure.print.pdf" ||
	fail "print_check.py: a page left empty before a figure too tall" \
	    "for it is no fault"
if python3 tests/e2e/print_check.py "$tmp/gap-text.print.pdf" \
    >"$tmp/gap-text.out"; then
	fail "print_check.py: a page left empty before a paragraph passed"
elif ! grep -q 'page 1 is .* empty at the foot' "$tmp/gap-text.out"; then
	fail "print_check.py: the gap before a paragraph was not named:" \
	    "$(cat "$tmp/gap-text.out")"
fi

exit "$failed"

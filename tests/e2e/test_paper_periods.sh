#!/bin/sh
# tests/e2e/test_paper_periods.sh: earlier periods in the paper (issue 15,
# parts 3 and 4).  Run from the project root with SCRPAPER set to the
# binary under test (tests/e2e/run.sh does both).
#
#   - tests/data/make_three_periods.py writes an input folder with three
#     periods (two earlier ones declared in report.yaml, their cases
#     generated or moved from input/);
#   - the regional paper and Southwark's, in PDF and HTML, have the
#     section comparing the periods: tests/e2e/periods_check.py reads the
#     HTML, the PDF's text (pdftotext) and its structure tree, and checks
#     every table cell against counts it makes from the case files ([c]
#     in the board's paper exactly where its ledger of the period hides
#     the figure), each chart's text alternative against the same cells,
#     and the sentences on the change from the period before;
#   - the board's restricted edition: every cell as counted, no [c];
#   - a test template of {change:NAME} for every figure of those tables
#     prints "rose", "fell" and "was unchanged" as the cases say;
#   - the trend table of the national studies: a row per study of the
#     series (the intensive sample left out), "–" for a figure a study
#     does not give, and the region's figure of each period;
#   - no broken wording (tests/e2e/grammar.sh) in either paper; (make
#     check-full) the board's and the region's HTML editions pass the
#     browser checks (tests/js/check_html.mjs; make check's test_html.sh
#     checks the board's in its browser) and each says what its PDF says
#     (tests/js/same_words.mjs);
#   - counts of periods of unequal lengths are compared as rates a year,
#     with each period's months in the table's headings; of equal
#     lengths (a second fixture), as counts;
#   - the trend of the share of the children who died, and the trend
#     tables' row labels whole on a line in the PDF;
#   - input/ (no earlier period) renders without the section, and a
#     template naming a period the report does not declare fails at its
#     line and column, naming the periods it does.
# make check runs every check above but the browser's; CHECK_FULL=1 adds
# the browser checks.  The Python checks (periods_check.py, the trend,
# the PDFs' structure) run in one process after the papers are rendered
# (tests/e2e/paper_periods_batch.py: a Python start costs as much as a
# check), and the renders share one solve cache (--cache): each period's
# suppression is solved once (tests/e2e/test_solve_cache.sh checks that a
# cached solve prints what a solve prints).
set -u

. tests/e2e/lib.sh
e2e_setup paper-periods
export PYTHONDONTWRITEBYTECODE=1
e2e_need python3 pdftotext qpdf node

in=$tmp/in
python3 tests/data/make_three_periods.py "$in" || fail "make_three_periods.py failed"

# Runs scrpaper; fails the test on a non-zero exit.
run() {
	if ! "$SCRPAPER" "$@" >"$tmp/out" 2>"$tmp/err"; then
		fail "scrpaper $* exited non-zero: $(cat "$tmp/err")"
		return 1
	fi
}

# The solve cache of every command on the fixtures.
cache=$tmp/cache
run check --strict --cache "$cache" --input "$in"

# The Python checks, run together at the end: job LABEL KIND ARG... adds
# one (tests/e2e/paper_periods_batch.py).
: >"$tmp/jobs"
job() {
	(IFS=$(printf '\t'); printf '%s\n' "$*") >>"$tmp/jobs"
}

# The paper named $1 (options after it: --lscb NAME for a board's) in
# both formats, its PDF's text and structure tree, as $tmp/$1.*.
paper() {
	name=$1
	shift
	run render --cache "$cache" --input "$in" "$@" -o "$tmp/$name.pdf"
	run render --cache "$cache" --input "$in" "$@" -o "$tmp/$name.html"
	pdftotext -layout "$tmp/$name.pdf" "$tmp/$name.txt"
	job "$name's structure" struct "$tmp/$name.pdf" "$tmp/$name.struct"
}

paper region
job "regional paper" check "$in" "$tmp/region.html" \
    "$tmp/region.txt" "$tmp/region.struct"

board=Southwark
paper board --lscb "$board"
mkdir -p "$tmp/ledgers"
for p in 2002-04 2004-06 2006-09; do
	run figures --cache "$cache" --input "$in" --lscb "$board" \
	    --period "$p" --format csv && cp "$tmp/out" "$tmp/ledgers/$p.csv"
done
job "$board's paper" check "$in" "$tmp/board.html" \
    "$tmp/board.txt" "$tmp/board.struct" --lscb "$board" "$tmp/ledgers"
grep -q '\[c\]' "$tmp/board.txt" || fail "$board's paper shows no [c]"

# The board's restricted edition: its own figures of every period,
# unsuppressed.
# A restricted paper goes into a folder of its own (new or empty, then
# marked), never beside public ones.
mkdir "$tmp/r"
paper r/restricted --edition restricted --lscb "$board"
job "$board's restricted edition" check "$in" "$tmp/r/restricted.html" \
    "$tmp/r/restricted.txt" "$tmp/r/restricted.struct" --lscb "$board" -

# {change:NAME} for every figure of the tables, from the cases.
# The lines "NAME: CHANGE." of a test paper's text, each joined to the
# lines it wraps onto (up to the next item or a blank line).
changes() {
	awk '/^[a-z0-9_]+: / { if (l != "") print l; l = $0; next }
	    l != "" && NF { l = l " " $0; next }
	    { if (l != "") print l; l = "" }
	    END { if (l != "") print l }'
}
{
	echo '# Changes'
	echo
	for n in cases children cases_with_death age_under_1 age_1_5 \
	    age_6_10 age_11_15 age_16_plus children_died_sudi \
	    children_died_assault children_died_neglect children_died_related \
	    children_died_suicide children_harmed known_to_csc cp_plan \
	    child_in_need looked_after multiple_referrals; do
		printf -- '- %s: {change:%s}.\n' "$n" "$n"
	done
} >"$tmp/changes.tmpl"
run render --cache "$cache" --input "$in" --template "$tmp/changes.tmpl" \
    -o "$tmp/ch.pdf"
pdftotext "$tmp/ch.pdf" - | changes >"$tmp/ch.txt"
job "{change:NAME} in the regional paper" check "$in" - - - \
    --changes "$tmp/ch.txt"
run render --cache "$cache" --input "$in" --lscb "$board" \
    --template "$tmp/changes.tmpl" -o "$tmp/chb.pdf"
pdftotext "$tmp/chb.pdf" - | changes >"$tmp/chb.txt"
job "{change:NAME} in $board's" check "$in" - - - --lscb "$board" \
    "$tmp/ledgers" --changes "$tmp/chb.txt"

# Periods of equal lengths: counts compared as counts, headings without
# months.  2002-04 is dropped and 2004-06 made as long as 2006-09 (42
# months, from 2002-10-01).
eq=$tmp/eq
cp -R "$in" "$eq"
sed -e '/label: 2002-04, from: 2002-04-01/d' \
    -e 's/label: 2004-06, from: 2004-04-01/label: 2004-06, from: 2002-10-01/' \
    "$in/report.yaml" >"$eq/report.yaml"
grep -q 'label: 2004-06, from: 2002-10-01' "$eq/report.yaml" ||
    fail "equal periods: the fixture's earlier periods moved"
run render --cache "$cache" --input "$eq" -o "$tmp/eq.html"
run render --cache "$cache" --input "$eq" -o "$tmp/eq.pdf"
pdftotext -layout "$tmp/eq.pdf" "$tmp/eq.txt"
job "the equal periods' structure" struct "$tmp/eq.pdf" "$tmp/eq.struct"
job "periods of equal lengths" check "$eq" "$tmp/eq.html" "$tmp/eq.txt" \
    "$tmp/eq.struct"
grep -q 'a year' "$tmp/eq.html" &&
    fail "equal periods: a change worded as a rate a year"
grep -q 'months)' "$tmp/eq.html" &&
    fail "equal periods: a heading gives months"
run render --cache "$cache" --input "$eq" --template "$tmp/changes.tmpl" \
    -o "$tmp/cheq.pdf"
pdftotext "$tmp/cheq.pdf" - | changes >"$tmp/cheq.txt"
job "{change:NAME} over periods of equal lengths" check "$eq" - - - \
    --changes "$tmp/cheq.txt"
grep -q 'a year' "$tmp/cheq.txt" &&
    fail "equal periods: {change:NAME} worded as a rate a year"

# The national trend: the series' studies, gaps as "–", then London's
# periods; the same cells in the chart's alternative.
job "the national trend" trend "$tmp/region.html" "$in"

# The Python checks above, in one process.
python3 tests/e2e/paper_periods_batch.py "$tmp/jobs" >"$tmp/checks" 2>&1
rc=$?
cat "$tmp/checks"
[ "$rc" -eq 0 ] && ! grep -q '^FAIL: ' "$tmp/checks" ||
    fail "$(sed -n 's/^FAIL: //p' "$tmp/checks" | tail -n 1)" \
    "(paper_periods_batch.py exited $rc)"
[ "$(grep -c . "$tmp/jobs")" -eq 12 ] ||
    fail "$(grep -c . "$tmp/jobs") Python checks listed, not 12"

# The trend tables' row labels do not break inside a period in the PDF:
# each study's label whole on the line of its first figure.
for lab in 'National, 2005 – 2007 +50%' 'National, 2008 – 2009 +68%' \
    'National, 2005 – 2007 +66%' 'London, 2004-06 +[0-9]+%'; do
	grep -Eq "^ *$lab" "$tmp/region.txt" ||
	    fail "the trend's row label \"$lab\" breaks in the PDF"
done

# The broken-wording patterns of the grammar sweep, in both papers; and
# (make check-full) the HTML says what the PDF says.
. tests/e2e/grammar.sh
grammar_patterns "$tmp/bad"
for name in region board; do
	pdftotext "$tmp/$name.pdf" "$tmp/$name.words"
	tr '\n' ' ' <"$tmp/$name.words" >"$tmp/$name.line"
	found=$(scan "$tmp/$name.line")
	[ -z "$found" ] || fail "broken wording in the $name paper: $found"
done

# The HTML editions of the three periods in the browser (axe-core's
# WCAG 2.1 A and AA rules, no sideways scroll at 320 px, html-validate),
# as tests/e2e/test_html.sh checks input/'s, and that each HTML paper says
# what its PDF says: make check-full (make check: test_html.sh checks the
# board's page in its own browser, one launch of Chromium fewer).
if e2e_full; then
	mkdir -p "$tmp/shots"
	node tests/js/check_html.mjs "$tmp/shots" "$tmp/region.html" \
	    "$tmp/board.html" --same-words "$tmp/region.html" \
	    "$tmp/region.words" "$tmp/board.html" "$tmp/board.words" \
	    >"$tmp/browser" 2>&1 ||
	    fail "the browser checks failed: $(grep -v '^ok ' "$tmp/browser")"
fi

# input/ declares no earlier period: no section, no trend.
run render -o "$tmp/plain.html"
grep -q 'compared with earlier periods' "$tmp/plain.html" &&
    fail "input/ (no earlier period) shows the comparison section"

# A period the report does not declare.
printf '# T\n\nA {earlier:1999-00:cases}.\n' >"$tmp/bad.tmpl"
if "$SCRPAPER" check --cache "$cache" --input "$in" \
    --template "$tmp/bad.tmpl" >"$tmp/out" 2>"$tmp/err"; then
	fail "a reference to an undeclared period passed check"
fi
grep -q 'bad.tmpl:3:3: error: unknown earlier period "1999-00" (report.yaml declares 2002-04 and 2004-06' \
    "$tmp/err" || fail "undeclared period: $(cat "$tmp/err")"
printf '# T\n\nA {previous:cases}.\n' >"$tmp/bad2.tmpl"
if "$SCRPAPER" check --template "$tmp/bad2.tmpl" >"$tmp/out" \
    2>"$tmp/err"; then
	fail "{previous:...} without an earlier period passed check"
fi
grep -q 'bad2.tmpl:3:3: error: no period before the current one' \
    "$tmp/err" || fail "no earlier period: $(cat "$tmp/err")"

[ "$failed" -eq 0 ] || exit 1
echo ok

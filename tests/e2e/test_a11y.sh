#!/bin/sh
# tests/e2e/test_a11y.sh: the accessibility checks (PDF/UA techniques,
# as far as tools installable here can tell; no PDF/UA validator is) on
# the regional paper and two board variants (make check-full: every
# one).  Run from the project root with SCRPAPER set to the binary under
# test (tests/e2e/run.sh does both).  For each paper:
#
#   - pdfinfo: Tagged: yes, and a metadata stream;
#   - qpdf --json: /Lang en-GB, /DisplayDocTitle true, /MarkInfo,
#     /StructTreeRoot, the XMP's pdfuaid:part; /Scope on every TH, /Alt
#     on every Figure, /Contents on every link annotation, /Tabs /S on
#     every page, D: dates; no furniture element left in the tree;
#   - tests/unit/pdf_struct.py --check: each footnote's Note follows the
#     element that cites it, each Caption is the first child of its Table
#     or Figure;
#   - pdfinfo -struct-text holds every character pdftotext extracts
#     (the running footer, an artifact, taken out), in the same order;
#   - the headings run H1, H2, H3 without skipping a level;
#   - pdffonts: every font embedded, subset, with a Unicode map;
#   - two renders are byte-identical.
# make check checks the regional paper, Southwark's (a board with [c])
# and Bexley's (a board with no review); make check-full adds every
# other board's.  The Python checks (pdf_struct.py --check and the
# reading order) run once for all the papers, in tests/e2e/a11y_check.py:
# a Python start costs about as much as those checks of a paper.
set -u

. tests/e2e/lib.sh
e2e_setup a11y
e2e_need pdftotext pdffonts pdfinfo qpdf python3

# render NAME [ARGS...]: renders to $tmp/NAME.pdf, twice.
render() {
	name=$1
	shift
	for n in 1 2; do
		# The time limit only guards against a hang: generous,
		# as a sanitized build on a loaded machine is slow.
		if command -v timeout >/dev/null 2>&1; then
			timeout 600 "$SCRPAPER" render "$@" \
			    -o "$tmp/$name.$n.pdf" 2>"$tmp/err"
		else
			"$SCRPAPER" render "$@" -o "$tmp/$name.$n.pdf" \
			    2>"$tmp/err"
		fi
		rc=$?
		if [ "$rc" -ne 0 ]; then
			fail "$name: render exited $rc: $(cat "$tmp/err")"
			return 1
		fi
	done
	cmp -s "$tmp/$name.1.pdf" "$tmp/$name.2.pdf" ||
		fail "$name: two renders differ"
	return 0
}

# check NAME: every check on $tmp/NAME.1.pdf but those in Python, which
# tests/e2e/a11y_check.py runs on every paper at once (see the end), and
# check_order's, which compares what that script writes.
check() {
	name=$1
	pdf=$tmp/$name.1.pdf
	at=$tmp/$name

	# -------------------------------------------------------- pdfinfo
	pdfinfo "$pdf" >"$tmp/info" 2>"$tmp/info.err"
	grep -q '^Tagged: *yes' "$tmp/info" || fail "$name: not tagged"
	grep -q '^Metadata Stream: *yes' "$tmp/info" ||
		fail "$name: no metadata stream"
	[ -s "$tmp/info.err" ] &&
		fail "$name: pdfinfo complains: $(cat "$tmp/info.err")"

	# -------------------------------------------------------- qpdf
	qpdf --check "$pdf" >"$tmp/check" 2>&1 ||
		fail "$name: qpdf --check: $(cat "$tmp/check")"
	qpdf --json "$pdf" >"$tmp/json" 2>/dev/null ||
		fail "$name: qpdf --json failed"
	grep -q '"/Lang": "u:en-GB"' "$tmp/json" || fail "$name: no /Lang en-GB"
	grep -q '"/DisplayDocTitle": true' "$tmp/json" ||
		fail "$name: no /DisplayDocTitle true"
	grep -q '"/MarkInfo"' "$tmp/json" || fail "$name: no /MarkInfo"
	grep -q '"/StructTreeRoot"' "$tmp/json" ||
		fail "$name: no /StructTreeRoot"
	grep -q '"/CreationDate": "u:D:' "$tmp/json" ||
		fail "$name: creation date without D:"
	qpdf --show-object=trailer "$pdf" 2>/dev/null | grep -q '/ID \[' ||
		fail "$name: no document ID"
	# The XMP packet, uncompressed.
	qpdf --qdf --object-streams=disable "$pdf" "$tmp/q.pdf" 2>/dev/null
	grep -aq '<pdfuaid:part>1</pdfuaid:part>' "$tmp/q.pdf" ||
		fail "$name: XMP has no pdfuaid:part 1"
	grep -aq '<dc:title><rdf:Alt><rdf:li xml:lang="x-default">Background paper' \
	    "$tmp/q.pdf" || fail "$name: XMP has no dc:title"
	# Per object: TH cells with /Scope, Figures with /Alt, links with
	# /Contents, pages with /Tabs /S, no furniture left in the tree.
	awk -v name="$name" '
		function done() {
			if (s == "/TH") { th++; if (!scope) bad = bad " TH:" obj }
			if (s == "/Figure") { fig++; if (!alt) bad = bad " Figure:" obj }
			if (s == "/Private") bad = bad " furniture:" obj
			if (link && !contents) bad = bad " link:" obj
			if (page) { pages++; if (!tabs) bad = bad " page:" obj }
			s = ""; scope = alt = link = contents = page = tabs = 0
		}
		/^      "obj:/ { done(); obj = $1 }
		/^          "\/S": / { s = $2; gsub(/[",]/, "", s) }
		/"\/Scope": "\/(Column|Row)"/ { scope = 1 }
		/^          "\/Alt": "u:./ { alt = 1 }
		/^          "\/Subtype": "\/Link"/ { link = 1 }
		/^          "\/Contents": "u:./ { contents = 1 }
		/^          "\/Type": "\/Page",?$/ { page = 1 }
		/^          "\/Tabs": "\/S"/ { tabs = 1 }
		END {
			done()
			if (bad != "") {
				printf "FAIL: %s: missing attributes:%s\n", name, bad
				exit 1
			}
			if (th == 0) {
				printf "FAIL: %s: no TH cell\n", name
				exit 1
			}
			printf "%s: %d TH, %d Figure, %d pages\n", name, th, fig, pages
		}
	' "$tmp/json" || failed=1

	# -------------------------------------------------------- notes, captions
	# Each footnote's Note follows the element that cites it; each
	# caption is the first child of its Table or Figure: a11y_check.py
	# runs tests/unit/pdf_struct.py --check, check_order reports.

	# -------------------------------------------------------- reading order
	# Every character pdftotext extracts, less the running footer (an
	# artifact), is in the structure's text, in the same order.
	# pdftotext's default mode guesses the order from the layout and reads
	# a table with wrapped cells column by column, so the order is
	# compared with its content-stream order (-raw: the typesetter paints
	# in reading order), and the words of the default mode are compared
	# as a set.  Spaces are left out of the order: the two tools split
	# words differently around a footnote marker.
	# A table's header rows repeated at the top of a page it continues
	# on (issue 13.10) are an artifact too: text at a page's top that
	# the structure already holds before and skips there is left out.
	# A chart moved to the next page (a float) is read where the text
	# calls it: see below.
	pdftotext -raw -enc UTF-8 "$pdf" - |
		grep -v '^Page [0-9]* of [0-9]*$' | sed 's/\xc2\xa0//g' |
		tr -d ' \n\t' >"$at.seen.pages"
	pdfinfo -struct-text "$pdf" >"$tmp/struct-text" 2>/dev/null
	sed -n 's/^ *"\(.*\)"$/\1/p' <"$tmp/struct-text" >"$tmp/tagged.txt"
	sed 's/\xc2\xa0//g' <"$tmp/tagged.txt" | tr -d ' \n\f\t' >"$at.tagged"
	# The text of each Note element, one a line (its label and text).
	sed 's/\xc2\xa0//g' <"$tmp/struct-text" | awk '
		{ match($0, /^ */); ind = RLENGTH }
		in_note && ind <= nind { print note; in_note = 0 }
		/^ *Note / { in_note = 1; nind = ind; note = ""; next }
		in_note && /^ *"/ { t = $0; sub(/^ *"/, "", t); sub(/"$/, "", t)
			gsub(/[ \t]/, "", t); note = note t }
		END { if (in_note) print note }
	' >"$at.notes"
	# a11y_check.py writes $at.seen, the text as painted in the
	# structure's order, and $at.tagged.nonotes (tests/e2e/
	# a11y_reading_order.py; check_order compares them).
	# Every word of the default mode is in the structure's text, looked
	# for as a string in it without spaces: a line may break after a
	# slash, a marker sticks to the word before it ("studies.1"), and
	# pdftotext drops the spaces around a dash between table cells.
	pdftotext -enc UTF-8 "$pdf" - | grep -v '^Page [0-9]* of [0-9]*$' |
		tr -s ' \n\f\t' '\n\n\n\n' | grep -v '^$' >"$tmp/words"
	awk -v name="$name" '
		NR == FNR { gsub(/[ \t]/, ""); text = text $0; next }
		index(text, $0) == 0 { missing = missing " " $0; bad = 1 }
		END {
			if (bad)
				printf "FAIL: %s: words on the page but not " \
				    "in the structure:%s\n", name, \
				    substr(missing, 1, 200)
			exit bad
		}
	' "$tmp/tagged.txt" "$tmp/words" || failed=1

	# -------------------------------------------------------- headings
	pdfinfo -struct "$pdf" 2>/dev/null |
		sed -n 's/^ *H\([1-6]\) .*/\1/p' | awk -v name="$name" '
		NR == 1 && $1 != 1 { printf "FAIL: %s: first heading is H%d\n", name, $1; bad = 1 }
		NR > 1 && $1 > prev + 1 { printf "FAIL: %s: H%d after H%d\n", name, $1, prev; bad = 1 }
		{ prev = $1; n++ }
		END { if (n == 0) { printf "FAIL: %s: no headings\n", name; bad = 1 }; exit bad }
	' || failed=1

	# -------------------------------------------------------- fonts
	pdffonts "$pdf" | tail -n +3 >"$tmp/fonts"
	[ -s "$tmp/fonts" ] || fail "$name: pdffonts lists no fonts"
	while read -r fname rest; do
		set -- $rest
		n=$#
		emb=$(eval echo "\${$((n - 4))}")
		sub=$(eval echo "\${$((n - 3))}")
		uni=$(eval echo "\${$((n - 2))}")
		[ "$emb $sub $uni" = "yes yes yes" ] ||
			fail "$name: font $fname: embedded $emb, subset $sub," \
			    "unicode $uni"
	done <"$tmp/fonts"
	printf '%s\n' "$name" >>"$tmp/checked"
}

# check_order NAME: what a11y_check.py found in $tmp/NAME.1.pdf.
check_order() {
	name=$1
	at=$tmp/$name
	[ -f "$at.struct.bad" ] &&
		fail "$name: $(tr '\n' ';' <"$at.struct")"
	[ -s "$at.seen" ] || fail "$name: pdftotext found no text"
	if [ -f "$at.tagged.nonotes" ]; then
		mv "$at.tagged.nonotes" "$at.tagged"
	else
		fail "$name: a Note's text is not in the structure's text"
	fi
	if ! cmp -s "$at.seen" "$at.tagged"; then
		byte=$(cmp "$at.seen" "$at.tagged" 2>&1 | sed -n \
		    's/.*byte \([0-9]*\).*/\1/p')
		fail "$name: the structure's text differs from the page's at" \
		    "byte ${byte:-?}: page \"$(dd if="$at.seen" bs=1 \
		    skip=$(( ${byte:-1} - 1 )) count=60 2>/dev/null)\"," \
		    "structure \"$(dd if="$at.tagged" bs=1 \
		    skip=$(( ${byte:-1} - 1 )) count=60 2>/dev/null)\""
	fi
}

unset SOURCE_DATE_EPOCH
: >"$tmp/checked"
render regional && check regional
# make check-full checks every board of report.yaml (33 papers, about
# 50 CPU-s), make check two: several cases, none (A11Y_ALL=1 or 0
# chooses outright).
full=0
e2e_full && full=1
if [ "${A11Y_ALL:-$full}" = 1 ]; then
	boards=$(awk '/^lscbs:/ { on = 1; next } on && /^  - / { sub(/^  - /, ""); print; next } on { on = 0 }' input/report.yaml)
else
	boards="Southwark
Bexley"
fi
while IFS= read -r board; do
	[ -n "$board" ] || continue
	render "$board" --lscb "$board" && check "$board"
done <<EOF2
$boards
EOF2

# The Python checks of every paper checked above, in one process.
if ! python3 tests/e2e/a11y_check.py "$tmp" <"$tmp/checked"; then
	fail "tests/e2e/a11y_check.py failed"
fi
while IFS= read -r name; do
	check_order "$name"
done <"$tmp/checked"

# dc:creator lists each author whole, even one whose name holds a comma.
mkdir "$tmp/in"
cp -R input/cases input/codebook.yaml input/national.yaml "$tmp/in/"
sed 's/^authors: .*/authors: ["Prokop, Joan", Jo Green]/' input/report.yaml \
    > "$tmp/in/report.yaml"
if "$SCRPAPER" render --input "$tmp/in" -o "$tmp/comma.pdf"; then
	qpdf --qdf --object-streams=disable "$tmp/comma.pdf" "$tmp/comma.qdf"
	grep -q '<rdf:li>Prokop, Joan</rdf:li><rdf:li>Jo Green</rdf:li>' \
	    "$tmp/comma.qdf" || fail "dc:creator splits a name with a comma"
else
	fail "render with a comma in an author's name"
fi

if [ "$failed" -ne 0 ]; then
	exit 1
fi
echo "a11y: all checks passed"

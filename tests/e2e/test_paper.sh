#!/bin/sh
# tests/e2e/test_paper.sh: the regional paper end to end.  Run from the
# project root with SCRPAPER set to the binary under test (tests/e2e/run.sh
# does both).
#
#   - `scrpaper render` writes the PDF, and nothing else, and exits 0;
#   - its text (pdftotext) has every section heading, every figure
#     sentence of the published paper with the computed figures, the age
#     table's rows, the footnote's citations and the 13 recommendations,
#     each in order, and the sign-off;
#   - qpdf --check passes; every font is embedded and subset, and is Open
#     Sans from fonts/; pdfinfo shows the title, the authors and a tagged
#     PDF; the outline and the footnote link are there;
#   - two renders are byte-identical, with or without SOURCE_DATE_EPOCH;
#   - a failed render (bad template, unwritable place) exits non-zero and
#     leaves an existing PDF untouched and no stray file.
set -u

. tests/e2e/lib.sh
e2e_setup paper
e2e_need pdftotext pdffonts pdfinfo qpdf

# Runs the binary with a time limit where timeout(1) exists (a guard
# against a hang only, generous for a sanitized build on a loaded
# machine); stderr goes
# to $tmp/err, the exit status to $rc.
run() {
	if command -v timeout >/dev/null 2>&1; then
		timeout 600 "$SCRPAPER" "$@" >"$tmp/out" 2>"$tmp/err"
	else
		"$SCRPAPER" "$@" >"$tmp/out" 2>"$tmp/err"
	fi
	rc=$?
}

mkdir "$tmp/a" "$tmp/b"
unset SOURCE_DATE_EPOCH
run render -o "$tmp/a/paper.pdf"
if [ "$rc" -ne 0 ]; then
	echo "FAIL: scrpaper render exited $rc:"
	cat "$tmp/err"
	exit 1
fi
[ -s "$tmp/err" ] && fail "render printed on stderr: $(cat "$tmp/err")"
[ "$(ls -A "$tmp/a")" = "paper.pdf" ] ||
	fail "render left other files: $(ls -A "$tmp/a" | tr '\n' ' ')"

# ---------------------------------------------------------------- text
# The text as one line: page furniture and the footnote (at the foot of
# page 1) taken out, runs of white space made one space.
pdftotext -enc UTF-8 "$tmp/a/paper.pdf" "$tmp/raw.txt" ||
	fail "pdftotext failed"
tr '\n\f' '  ' <"$tmp/raw.txt" | tr -s ' ' |
	sed -e 's/ Page [0-9]* of [0-9]* / /g' \
	    -e 's/ 1 DCSF: Understanding.* 31 March 2009\. / /' \
	    -e 's/• //g' >"$tmp/text.txt"
pdftotext -enc UTF-8 "$tmp/a/paper.pdf" - | tr '\n\f' '  ' | tr -s ' ' \
	>"$tmp/all.txt"

# Checks that every line of $1 (a file of phrases) occurs in the text
# ($3, default $tmp/text.txt), each after the one before; $2 names the
# list.
in_order() {
	awk -v what="$2" '
		NR == FNR { text = text $0; next }
		$0 == "" { next }
		{
			i = index(substr(text, pos + 1), $0)
			if (i == 0) {
				if (index(text, $0) > 0)
					printf "FAIL: %s: out of order: %s\n", \
					    what, $0
				else
					printf "FAIL: %s: missing: %s\n", \
					    what, $0
				bad = 1
				next
			}
			pos += i
		}
		END { exit bad }
	' "${3:-$tmp/text.txt}" "$1" || failed=1
}

cat >"$tmp/headings" <<'EOF'
Background paper on London Serious Case Reviews
Completed April 2006 – September 2009
Purpose
Context: key messages from national SCR studies
The London picture
The cohort
Characteristics of harm
Characteristics of the family
Practice and organisational issues
Quality of SCRs
Doing core tasks well
Top issues for DCSs and Safeguarding Boards
EOF
in_order "$tmp/headings" "heading"

# Every sentence that carries a figure, London's or a national study's.
cat >"$tmp/figures" <<'EOF'
concluded in the London region between April 2006 and September 2009
the recent national studies.
A total of 189 children were included in the 2005 – 2007 analysis, of whom 66% had died.
covering 2008 – 2009 only 52% of the children had died.
In 2005 – 2007 56% of the subjects were boys. There is no gender data for 2007-2008. In 2008 – 2009 53% of the subjects were boys.
In 2005 – 2007 17% of children were subject to a Protection Plan, in 2007-2008 28% and in 2008 – 2009 19%.
In the 2005 – 2007 analysis just over 50% of the children were known to Children’s Social Care at the time of the incident. 74% in 2007-2008 and 68% in the 2008 – 2009 analysis.
40 children were selected from the 2005 – 2007 analysis for more intensive study
33% of the children were low birth weight
Almost 50% of the families were highly mobile with poor housing
50% of the parents had criminal convictions
Domestic violence was present in 50% of the families
33% of families had a parent with past or present mental health problems.
This study set the London situation against the messages from the national studies.
Characteristics of the London SCRs completed April 2006 – September 2009:
60 children in 47 families were involved in the incidents, which led to the SCRs
A further 30 children lived in the same household as the subject of an SCR
62% involved a child death
62% of the children who were subject of SCRs were boys
Table 1 and Figure 1 set the age profile of the children who were subject of an SCR beside that in the national 2008 – 2009 study:
15% of SCRs involved new immigrants, who did not have stable support mechanisms
In London:
19% had a Child Protection Plan or a Supervision Order.
13% of families were receiving services for Children In Need
17% involved children who were Looked After.
21% of families were the subject of multiple referrals
70% of families were known to Children’s Social Care
In the London cases:
Neglect was a serious issue for 27% of the children and in 2 cases the presence of neglect obscured the presence of physical and sexual abuse
In 13% of cases the children and adults were part of a large opportunistic network of sexual abuse
12% were SUDI (Sudden unexpected death of an infant)
62% were physical assault
12% were neglect with most of these cases being children over 10 years of age
9% were deaths related to but not directly caused by maltreatment (a category which can include children involved in stabbing incidents)
A small number of children died by suicide
In 17% of families the mother had herself experienced Sexual Abuse or Abuse and Exploitation as a child
In a further 4 reviews a parent was identified as previously known to Children’s Social Care, and in 4 reviews an adult male household member
60% of families had a parent with mental health problems which affected child care (Note that this was 24% in the 2008 – 2009 national analysis
In about half of the London cases there was a major mental illness
There was domestic violence in 47% of families (Note that this was 27% in the 2008 – 2009 national analysis
In a small number of cases the mother died as a result of fatal domestic violence.
26% of families included an adult with an identified history of violence
21% of families were known to 2 LSCB areas
13% of families had been known to 4 or more LSCBs or moved continually within one or two
6% of families travelled between England and their country of origin
In total 40% of families were considered to be highly mobile
6% of families had language difficulties
47% of the sample had rent arrears
In 9% of families a woman had been forced to move because of domestic violence
13% of families were in dispute with their neighbours
Alcohol misuse featured in 23% of families
Drug misuse featured in 28% of families
In a small number of families there was an adult drug dealer
A small number of babies experienced drug withdrawal after birth
In 21% of families there were problems with ante natal care
were noted in 32% of families
In half of the cases, there were problems with recording and communication
In almost a quarter of cases one or more planning meetings/processes were flawed
There were several instances where parents deliberately attempted to mislead agencies.
there were a small number of tragic cases
A small number of cases described frequent changes of decisions
EOF
in_order "$tmp/figures" "figure sentence"

# The age table: header, then each row with London's and the national
# study's percentages.  pdftotext may drop the spaces around a dash
# between table cells' numbers; compare without them.
sed 's/ *– */–/g' "$tmp/text.txt" >"$tmp/text-dash.txt"
sed 's/ *– */–/g' >"$tmp/table" <<'EOF'
Age London study National study 2008 – 2009
Under 1 35% 32%
1 – 5 23% 29%
6 – 10 13% 15%
11 – 15 17% 15%
16 – 17 12% 9%
EOF
in_order "$tmp/table" "age table" "$tmp/text-dash.txt"

cat >"$tmp/recs" <<'EOF'
1. The best predictor of behaviour is past behaviour.
2. Male household members and visitors are as important to children’s safety as mothers and female visitors.
3. Clear well understood thresholds and a continuum of services help protect children.
4. Basic Child Protection Practice is Important.
5. All forms of abuse harm children.
6. Children who go missing, very quickly become at risk of sexual exploitation
7. Professionals sometimes miss or are overly optimistic about parents with significant mental health problems.
8. Violence is violence and it’s dangerous.
9. Children disappear from view when there is high mobility (including inter country) and housing problems.
10. Early relationships matter.
11. The quality of relationships matters.
12. Think teenager.
13. The more thorough the information on which SCRs are based, the better the learning will be.
Joan Prokop Kathy Bundred Jo Green GOL Safeguarding Team
EOF
in_order "$tmp/recs" "recommendation"
grep -q '14\. ' "$tmp/text.txt" && fail "a 14th recommendation"

# The footnote: the three citations from national.yaml, numbered 1.
for cite in \
    "1 DCSF: Understanding Serious Case Reviews and their Impact: A Biennial Analysis of Serious Case Reviews 2005-07." \
    "Learning lessons, taking action: Ofsted’s evaluations of serious case reviews 1 April 2007 to 31 March 2008." \
    "Learning lessons from serious case reviews: year 2 Ofsted’s second evaluation report"; do
	grep -qF "$cite" "$tmp/all.txt" || fail "footnote: missing: $cite"
done

# No markup or unresolved reference leaks into the text.
for leak in '{' '}' '**' '[^' ':::' '@signoff'; do
	grep -qF -- "$leak" "$tmp/all.txt" && fail "text contains \"$leak\""
done
# The regional paper has no suppression note.
grep -qF '[c]' "$tmp/all.txt" && fail "regional paper shows [c]"

# Every page has its footer.
pages=$(pdfinfo "$tmp/a/paper.pdf" | sed -n 's/^Pages: *//p')
[ -n "$pages" ] && [ "$pages" -ge 4 ] || fail "pages: $pages"
i=1
while [ -n "$pages" ] && [ "$i" -le "$pages" ]; do
	pdftotext -f "$i" -l "$i" "$tmp/a/paper.pdf" - |
		grep -q "Page $i of $pages" || fail "page $i: no footer"
	i=$((i + 1))
done

# ---------------------------------------------------------------- file
qpdf --check "$tmp/a/paper.pdf" >"$tmp/qpdf" 2>&1 ||
	fail "qpdf --check: $(cat "$tmp/qpdf")"

pdffonts "$tmp/a/paper.pdf" | tail -n +3 >"$tmp/fonts"
[ -s "$tmp/fonts" ] || fail "pdffonts lists no fonts"
while read -r name type rest; do
	case $name in
	*+OpenSans*) ;;
	*) fail "font $name is not a subset of Open Sans" ;;
	esac
	# emb and sub are the 4th and 3rd fields from the end.
	set -- $rest
	n=$#
	emb=$(eval echo "\${$((n - 3))}")
	sub=$(eval echo "\${$((n - 2))}")
	[ "$emb" = yes ] && [ "$sub" = yes ] ||
		fail "font $name: embedded $emb, subset $sub"
done <"$tmp/fonts"

pdfinfo "$tmp/a/paper.pdf" >"$tmp/info"
grep -q '^Title: *Background paper on London Serious Case Reviews$' \
	"$tmp/info" || fail "pdfinfo title: $(grep '^Title' "$tmp/info")"
grep -q '^Author: *Joan Prokop, Kathy Bundred, Jo Green' "$tmp/info" ||
	fail "pdfinfo author: $(grep '^Author' "$tmp/info")"
grep -q '^Creator: *scrpaper' "$tmp/info" || fail "pdfinfo creator"
grep -q '^CreationDate: .*2009' "$tmp/info" ||
	fail "creation date is not the report's: $(grep '^Creation' "$tmp/info")"
grep -q '^Tagged: *yes' "$tmp/info" || fail "the PDF is not tagged"
grep -q '^Page size: *595.* x 841.* (A4)' "$tmp/info" || fail "not A4"

# Outline entries and the footnote link, in the uncompressed file.
qpdf --qdf --object-streams=disable "$tmp/a/paper.pdf" "$tmp/q.pdf" \
	2>/dev/null
for title in "Purpose" "The London picture" "The cohort" \
    "Top issues for DCSs and Safeguarding Boards"; do
	grep -aqF "/Title ($title)" "$tmp/q.pdf" ||
		fail "outline: no entry \"$title\""
done
grep -aq '/Subtype /Link' "$tmp/q.pdf" || fail "no link annotation"
pdfinfo -dests "$tmp/a/paper.pdf" 2>/dev/null | grep -q 'fn1' ||
	fail "no destination for footnote 1"

# ---------------------------------------------------------------- bytes
run render -o "$tmp/b/paper.pdf"
[ "$rc" -eq 0 ] || fail "second render exited $rc"
cmp -s "$tmp/a/paper.pdf" "$tmp/b/paper.pdf" ||
	fail "two renders differ"
SOURCE_DATE_EPOCH=1262304000
export SOURCE_DATE_EPOCH
run render -o "$tmp/b/epoch1.pdf"
run render -o "$tmp/b/epoch2.pdf"
unset SOURCE_DATE_EPOCH
cmp -s "$tmp/b/epoch1.pdf" "$tmp/b/epoch2.pdf" ||
	fail "two renders with SOURCE_DATE_EPOCH differ"
pdfinfo "$tmp/b/epoch1.pdf" | grep -q '^CreationDate: .*2010' ||
	fail "SOURCE_DATE_EPOCH not used for the creation date"

# ---------------------------------------------------------------- failure
printf '%% a template with an unknown figure\n\n{boyz}\n' >"$tmp/bad.tmpl"
cp "$tmp/a/paper.pdf" "$tmp/b/keep.pdf"
run render --template "$tmp/bad.tmpl" -o "$tmp/b/keep.pdf"
[ "$rc" -eq 1 ] || fail "bad template: exit $rc, want 1"
grep -q "bad.tmpl:3:1: error: unknown figure \"boyz\"" "$tmp/err" ||
	fail "bad template: message: $(cat "$tmp/err")"
cmp -s "$tmp/a/paper.pdf" "$tmp/b/keep.pdf" ||
	fail "a failed render changed the existing PDF"
run render -o "$tmp/nonexistent/paper.pdf"
[ "$rc" -eq 3 ] || fail "unwritable output: exit $rc, want 3"
grep -q "cannot write" "$tmp/err" ||
	fail "unwritable output: message: $(cat "$tmp/err")"
[ "$(ls -A "$tmp/b" | tr '\n' ' ')" = "epoch1.pdf epoch2.pdf keep.pdf paper.pdf " ] ||
	fail "stray files: $(ls -A "$tmp/b" | tr '\n' ' ')"

if [ "$failed" -ne 0 ]; then
	exit 1
fi
echo "paper: all checks passed ($pages pages)"

#!/bin/sh
# tests/e2e/test_claims.sh: every claim of the paper is backed.
#   - docs/claims.md has a row for every sentence of the shipped template
#     that prints a figure of the cohort or is chosen by a test, naming
#     every figure it reads (tests/e2e/claims_check.py);
#   - a new sentence with a figure, a new "::: if", a row that names too
#     few figures and a stale row each fail, at their FILE:LINE;
#   - the psychosis sentence says "after the child's death" only of a
#     review where a child died: on the 2009-10 fixture with the code on
#     a review whose child was harmed and lived, the paper says "after
#     the child was seriously harmed" and nothing of a death.
set -u

. tests/e2e/lib.sh
e2e_setup claims
e2e_need python3 pdftotext

chk() { python3 tests/e2e/claims_check.py "$@"; }

chk templates/background-paper.tmpl docs/claims.md >"$tmp/out" 2>&1 ||
	fail "the shipped template: $(cat "$tmp/out")"
grep -q '^claims: [0-9][0-9]* sentences' "$tmp/out" ||
	fail "no summary: $(cat "$tmp/out")"

# A new sentence with a figure and no row fails, at its line.
cp templates/background-paper.tmpl "$tmp/t.tmpl"
printf '\n%s\n' '{region:drug_misuse} of the fathers misused drugs.' >>"$tmp/t.tmpl"
line=$(wc -l <"$tmp/t.tmpl")
chk "$tmp/t.tmpl" docs/claims.md >"$tmp/out" 2>&1 &&
	fail "a sentence without a row passed"
grep -q "^$tmp/t.tmpl:$line: error: a sentence with a figure or a condition has no entry" "$tmp/out" ||
	fail "the new sentence not named at line $line: $(cat "$tmp/out")"

# A new condition around fixed words fails too.
cp templates/background-paper.tmpl "$tmp/t.tmpl"
printf '\n::: if region:drug_dealer > 1\nDrug dealers were common.\n:::\n' >>"$tmp/t.tmpl"
chk "$tmp/t.tmpl" docs/claims.md >"$tmp/out" 2>&1 &&
	fail "a sentence under a condition without a row passed"
grep -q "Drug dealers were common" "$tmp/out" ||
	fail "the guarded sentence not named: $(cat "$tmp/out")"

# A row that leaves out a figure the sentence reads fails.
sed 's/| `Drug misuse featured in` | drug_misuse |/| `Drug misuse featured in` | alcohol_misuse |/' \
    docs/claims.md >"$tmp/c.md"
cmp -s docs/claims.md "$tmp/c.md" && fail "the sed did not change the row"
chk templates/background-paper.tmpl "$tmp/c.md" >"$tmp/out" 2>&1 &&
	fail "a row naming the wrong figure passed"
grep -q "does not name drug_misuse" "$tmp/out" ||
	fail "the missing figure not named: $(cat "$tmp/out")"

# A stale row, and a row naming no such figure, fail.
printf '| `a sentence that is gone` | drug_misuse | x |\n| `Alcohol misuse featured in` | alcohol_misuse, no_such_figure | x |\n' >>"$tmp/c2.md"
cat docs/claims.md "$tmp/c2.md" >"$tmp/c3.md"
chk templates/background-paper.tmpl "$tmp/c3.md" >"$tmp/out" 2>&1 &&
	fail "a stale row passed"
grep -q "reads \`a sentence that is gone\`: a stale entry" "$tmp/out" ||
	fail "the stale row not named: $(cat "$tmp/out")"
grep -q '"no_such_figure" is not a figure' "$tmp/out" ||
	fail "the unknown figure not named: $(cat "$tmp/out")"

# The psychosis sentence, on the 2009-10 fixture: LON-2010-102's child
# was seriously harmed and lived, LON-2010-106's child died.
cp -r tests/data/annual-2009-10 "$tmp/in"
sed -i 's/major_mental_illness, recording_communication\]/major_mental_illness, psychosis_after_incident, recording_communication]/' \
    "$tmp/in/cases/LON-2010-102.yaml"
grep -q psychosis_after_incident "$tmp/in/cases/LON-2010-102.yaml" ||
	fail "the fixture's case LON-2010-102 changed: the sed missed"
grep -q 'outcome: died' "$tmp/in/cases/LON-2010-102.yaml" &&
	fail "LON-2010-102 has a death: the test needs a child who lived"
render_text() {
	"$SCRPAPER" render --input "$tmp/in" -o "$tmp/p.pdf" 2>"$tmp/err" ||
		fail "render exited $?: $(head -3 "$tmp/err")"
	pdftotext -enc UTF-8 "$tmp/p.pdf" - | tr '\n\f' '  ' | tr -s ' ' >"$tmp/p.txt"
}
render_text
grep -qF "In one instance the psychotic illness only became apparent after the child was seriously harmed" "$tmp/p.txt" ||
	fail "harm only: the sentence on the harmed child is missing"
grep -qF "after the child’s death" "$tmp/p.txt" &&
	fail "harm only: the paper claims a death the cohort does not have"

sed -i 's/factors: \[parent_mental_health, domestic_violence, fatal_domestic_violence\]/factors: [parent_mental_health, domestic_violence, fatal_domestic_violence, psychosis_after_incident]/' \
    "$tmp/in/cases/LON-2010-106.yaml"
grep -q psychosis_after_incident "$tmp/in/cases/LON-2010-106.yaml" ||
	fail "the fixture's case LON-2010-106 changed: the sed missed"
render_text
grep -qF "In one instance the psychotic illness only became apparent after the child’s death" "$tmp/p.txt" ||
	fail "one of each: the sentence on the death is missing"
grep -qF "In one instance the psychotic illness only became apparent after the child was seriously harmed" "$tmp/p.txt" ||
	fail "one of each: the sentence on the harmed child is missing"

[ "$failed" -eq 0 ] || exit 1
echo "claims: every sentence has its row; a new one fails; the psychosis sentence follows the death"

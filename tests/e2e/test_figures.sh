#!/bin/sh
# scrpaper figures: the London ledger carries SPEC's published values, the
# JSON form parses, board ledgers are suppressed, and no case id leaks.
set -eu
: "${SCRPAPER:=./scrpaper}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

"$SCRPAPER" figures > "$tmp/l.csv" || fail "figures exited $?"
head -1 "$tmp/l.csv" | grep -qx 'name,unit,numerator,denominator,percent,text,not_recorded' ||
	fail "CSV header"
# name -> text column as the published paper prints it (SPEC's table).
while read -r name text; do
	got=$(awk -F, -v n="$name" '$1 == n { print $6; exit }' "$tmp/l.csv")
	[ "$got" = "$text" ] || fail "$name: expected '$text', got '$got'"
done <<'EOF2'
cases 47
children 60
household_children 30
cases_with_death 62%
boys 62%
age_under_1 35%
age_1_5 23%
age_6_10 13%
age_11_15 17%
age_16_plus 12%
new_immigrants 15%
cp_plan 19%
child_in_need 13%
looked_after 17%
multiple_referrals 21%
known_to_csc 70%
neglect 27%
neglect_masked_abuse 2
abuse_network 13%
death_sudi 12%
death_assault 62%
death_neglect 12%
death_related 9%
mother_abused_as_child 17%
parent_known_as_child 4
parent_mental_health 60%
domestic_violence 47%
violent_history 26%
known_to_two_lscbs 21%
known_to_four_plus_lscbs 13%
travel_abroad 6%
highly_mobile 40%
language_difficulties 6%
rent_arrears 47%
moved_due_to_dv 9%
neighbour_dispute 13%
alcohol_misuse 23%
drug_misuse 28%
antenatal_problems 21%
perinatal_problems 32%
EOF2
grep -q '^major_mental_illness,cases,22,47,47,about half,' "$tmp/l.csv" || fail "major_mental_illness"
grep -q '^recording_communication,cases,24,47,51,half,' "$tmp/l.csv" || fail "recording_communication"
grep -q '^flawed_planning,cases,11,47,23,almost a quarter,' "$tmp/l.csv" || fail "flawed_planning"
grep -q '^fatal_domestic_violence,count,.*,a small number,' "$tmp/l.csv" || fail "fatal_domestic_violence"
grep -q '^death_suicide,count,.*,a small number,' "$tmp/l.csv" || fail "death_suicide"

"$SCRPAPER" figures --format json > "$tmp/l.json"
python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$tmp/l.json" || fail "JSON does not parse"

# A board ledger: [c] with numerator and percent left empty.
"$SCRPAPER" figures --lscb Southwark > "$tmp/b.csv"
grep -q ',\[c\],' "$tmp/b.csv" || fail "no suppression in a 4-case board"
awk -F, '$6 == "[c]" && ($3 != "" || $5 != "") { bad = 1 } END { exit bad }' "$tmp/b.csv" ||
	fail "a suppressed row keeps its numerator or percent"
"$SCRPAPER" figures --all-lscbs > "$tmp/all.csv"
[ "$(cut -d, -f1 "$tmp/all.csv" | sort -u | grep -vc '^lscb$')" -eq 33 ] || fail "all-lscbs boards"

# No case id in any ledger.
if grep -q 'LON-' "$tmp/l.csv" "$tmp/l.json" "$tmp/b.csv" "$tmp/all.csv"; then
	fail "a case id leaked into a ledger"
fi

# Unknown board: usage error with a suggestion.
set +e
"$SCRPAPER" figures --lscb Southwak > /dev/null 2> "$tmp/err"
rc=$?
set -e
[ $rc -eq 2 ] || fail "unknown board exit $rc"
grep -q "did you mean 'Southwark'" "$tmp/err" || fail "no suggestion for a misspelt board"
echo ok

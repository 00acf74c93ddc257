#!/bin/sh
# tests/e2e/test_attack.sh: the attacker (scrpaper audit) against the
# disclosure control, on cohorts made here by tests/attack/make_cohorts.py
# (none tuned to the suppressor):
#   - 52 generated cohorts of 10-300 reviews over the 33 London boards,
#     skewed boards, rotating through: any number of children a review,
#     one child a review, London figures of 0, 1 and 2, one board with
#     every review;
#   - the four hand-built cohorts of issue 11's leaks;
#   - the shipped input/.
# On each, `scrpaper audit` must exit 0: no [c] of any board's ledger can
# be worked back from everything published.  Then the audit must find a
# cell it can work back (exit 1, the cell named, its reasoning printed)
# in ledgers where one [c] of a board was printed after all, and in
# ledgers that show a board's [c] whose value London less the other
# boards gives away.
set -u

. tests/e2e/lib.sh
e2e_setup attack
e2e_need python3

# The shapes rotate with a period of four: make check attacks the first
# four (every shape once); make check-full all 52, or under SANITIZE=1, a
# memory check some ten times slower, the first 12 (every shape three
# times).
ngen=4
if e2e_full; then
	ngen=52
	[ "${SANITIZE:-0}" = 1 ] && ngen=12
fi
python3 tests/attack/make_cohorts.py --generated "$ngen" --seed 11 --leaks \
    --out "$tmp/c" || { echo "FAIL: make_cohorts.py"; exit 1; }

n=0
for d in "$tmp"/c/*; do
	n=$((n + 1))
	"$SCRPAPER" audit --input "$d" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	if [ "$rc" -ne 0 ] || ! grep -q ': OK$' "$tmp/out"; then
		fail "audit of $(basename "$d") exited $rc:" \
		    "$(head -c 3000 "$tmp/out") $(cat "$tmp/err")"
	fi
done
[ "$n" -eq $((ngen + 4)) ] ||
	fail "expected $((ngen + 4)) cohorts, found $n"

"$SCRPAPER" audit >"$tmp/out" 2>"$tmp/err" ||
	fail "audit of input/ exited $?: $(cat "$tmp/out" "$tmp/err")"

# figures --all-lscbs --format json: every board's ledger, cell for cell
# the CSV's.
d=$tmp/c/gen-002
"$SCRPAPER" figures --input "$d" --all-lscbs >"$tmp/all.csv" ||
	fail "figures --all-lscbs"
"$SCRPAPER" figures --input "$d" --all-lscbs --format json >"$tmp/all.json" ||
	fail "figures --all-lscbs --format json"
python3 tests/e2e/attack_json_csv.py "$tmp/all.csv" "$tmp/all.json" || fail "JSON and CSV ledgers differ"

# A publication with a leak: leak3's ledgers, with the one board's
# hidden 16-year-old shown beside the others' 0 -- and, separately, with
# a board's 0 hidden as the only [c] of the band while London says 1.
d=$tmp/c/leak3
mkdir -p "$tmp/pub/lscb"
"$SCRPAPER" figures --input "$d" >"$tmp/pub/figures.csv"
"$SCRPAPER" figures --input "$d" --all-lscbs >"$tmp/pub/lscb/figures.csv"
"$SCRPAPER" audit --input "$d" --published "$tmp/pub" >"$tmp/out" 2>&1 ||
	fail "audit --published of leak3 as published: $(cat "$tmp/out")"
# Show every [c] of age_16_plus of a board with reviews but one: that one
# is London's 1 less the others.
python3 tests/e2e/attack_plant_age.py "$tmp/pub/lscb/figures.csv"
"$SCRPAPER" audit --input "$d" --published "$tmp/pub" >"$tmp/out" 2>&1
rc=$?
[ "$rc" -eq 1 ] || fail "audit of a leaking publication exited $rc"
grep -q '^audit: recovered Newham: age_16_plus = 1, printed \[c\]$' \
    "$tmp/out" || fail "audit does not name Newham's age_16_plus:" \
    "$(head -c 2000 "$tmp/out")"
grep -q "London's age_16_plus is the sum of the boards'" "$tmp/out" ||
	fail "audit gives no reasoning: $(head -c 2000 "$tmp/out")"
# A figure testing one code and its not_recorded count no review twice:
# num + not_recorded <= base (tests/attack/red_leak_nr.py: Barking and
# Dagenham marks mother_abused_as_child not recorded in all 6 of its
# reviews, so its count is 0 whatever it prints).  The control must hide
# another cell; published as the old control did (Barking's 0 as [c],
# Westminster's shown), Barnet's 2 is London's 2 less the others.
python3 tests/attack/red_leak_nr.py "$tmp/nr" >/dev/null ||
	fail "red_leak_nr.py"
"$SCRPAPER" audit --input "$tmp/nr" >"$tmp/out" 2>&1 ||
	fail "audit of the not_recorded cohort: $(head -c 2000 "$tmp/out")"
mkdir -p "$tmp/nrpub/lscb"
"$SCRPAPER" figures --input "$tmp/nr" >"$tmp/nrpub/figures.csv"
"$SCRPAPER" figures --input "$tmp/nr" --all-lscbs \
    >"$tmp/nrpub/lscb/figures.csv"
python3 tests/e2e/attack_plant_nr.py "$tmp/nrpub/lscb/figures.csv" || fail "not_recorded cohort"
"$SCRPAPER" audit --input "$tmp/nr" --published "$tmp/nrpub" >"$tmp/out" 2>&1
rc=$?
[ "$rc" -eq 1 ] || fail "audit of the not_recorded leak exited $rc"
grep -q '^audit: recovered Barnet: mother_abused_as_child = 2, printed \[c\]$' \
    "$tmp/out" || fail "audit misses the not_recorded leak:" \
    "$(head -c 2000 "$tmp/out")"
grep -q 'count no unit twice' "$tmp/out" ||
	fail "audit gives no not_recorded reasoning: $(head -c 2000 "$tmp/out")"

grep -q 'ATK-\|NOTES-SENTINEL' "$tmp/out" &&
	fail "audit prints a case id or notes"

exit "$failed"

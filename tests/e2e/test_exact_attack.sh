#!/bin/sh
# tests/e2e/test_exact_attack.sh: the exact attack of issue 30 over
# generated multi-period cohorts.  Run from the project root with
# SCRPAPER set to the binary under test (tests/e2e/run.sh does both).
#
# tests/attack/make_exact.py makes the cohorts, of which make check
# attacks one of each shape (4; make check-full 100; EXACT_COHORTS sets
# the number), of two or three periods: a small first period, one dominant
# board, several children a review, codes not recorded at 10 %, `pool`
# and `bands` on and off in every pairing.  On
# each, `scrpaper audit` (with --pooled where pool is on) suppresses
# every period (and the total) as the papers publish them and attacks
# everything together, its own reasoning then the exact solver (GLPK):
# it must exit 0, print the solver's count line and name no cell
# recovered or narrowed below the protection rule (a [c] that may be
# 1..5 keeps values 5 apart, docs/disclosure.md).  The planted leak the
# exact attack must catch is in tests/unit/test_fig_exact.c
# (test_completion_stops_exact_attack); what the audit once reported of
# cohorts 25, 40 and 73, the sums of boards with no review, in
# test_no_review_sum_is_public there.  Then two years of releases
# (tests/attack/make_pairs.py, audit --previous), below.
set -u

. tests/e2e/lib.sh
e2e_setup exact_attack
e2e_need python3

# make check: one cohort of each shape, the first 4: 0 (neither pool
# nor bands, a dominant board, three periods), 1 (pool), 2 (bands, three
# periods) and 3 (both, a dominant board); 4, 5 and 6 repeat the shapes
# of 0, 1 and 2, and 7 (pool over three periods, bands) the shape of 3
# with a period count 0 and 2 cover (pair-001 below attacks a pooled
# release of three periods and its total).  make check-full
# (CHECK_FULL=1): 100.
n=${EXACT_COHORTS:-4}
e2e_full && n=${EXACT_COHORTS:-100}
python3 tests/attack/make_exact.py --generated "$n" --seed 30 \
    --out "$tmp/c" >"$tmp/list" || { echo "FAIL: make_exact.py"; exit 1; }

# The leak of pooled totals with banded shares (docs/disclosure.md,
# "Pooled periods"): on make_periods.py's seed-16 cohort 3 (five yearly
# periods) with pool and bands, the periods' bands, chosen one period at
# a time, pinned Richmond's pooled SUDI deaths to 3..5 until
# fig_band_pooled() chose them against the totals they join.  Some 18
# CPU-s: make check-full only (make test_board_edition's check-full run
# attacks the same cohort).
if e2e_full; then
python3 tests/attack/make_periods.py --generated 4 --seed 16 \
    --sizes 15,20,25 --out "$tmp/pa" >/dev/null || fail "make_periods.py"
sed -i "s/^disclosure:\$/disclosure:\n  pool: true\n  bands: [25, 50, 75]/" \
    "$tmp/pa/per-003/report.yaml"
grep -q "^  bands: \[25, 50, 75\]" "$tmp/pa/per-003/report.yaml" ||
	fail "could not switch pool and bands on in pa/per-003"
echo "$tmp/pa/per-003 pooled" >>"$tmp/list"
n=$((n + 1))
fi

done_=0
while read -r d how; do
	name=$(basename "$d")
	flag=
	[ "$how" = pooled ] && flag=--pooled
	"$SCRPAPER" audit --input "$d" $flag >"$tmp/out" 2>"$tmp/err"
	rc=$?
	if [ "$rc" -ne 0 ]; then
		fail "$name ($how): audit exit $rc:" \
		    "$(grep -v '^  -' "$tmp/out" | head -5) $(cat "$tmp/err")"
		continue
	fi
	grep -q "^audit: exact solver (GLPK): [0-9]* \[c\] open after propagation, none recovered or narrowed (a \[c\] that may be 1\.\.5 keeps values 5 apart); [0-9]* integer programs$" \
	    "$tmp/out" || fail "$name: no exact solver line: $(cat "$tmp/out")"
	grep -q "^audit: \(recovered\|narrowed\)" "$tmp/out" &&
	    fail "$name: $(grep '^audit: ' "$tmp/out" | head -3)"
	done_=$((done_ + 1))
done <"$tmp/list"
[ "$done_" -ge "$n" ] || fail "only $done_ of $n cohorts attacked"
[ "$n" -ge 4 ] || [ -n "${EXACT_COHORTS:-}" ] || fail "fewer than 4 cohorts"

# Two years of releases (issue 30, audit --previous): pairs of
# tests/attack/make_pairs.py, last year a cohort of make_exact.py's
# shapes, this year `scrpaper new-year` of it with new reviews.  `audit
# --input y2 --previous y1` attacks both releases together (the same
# cells for the same period, each year's total the sum of its periods):
# it must exit 0 with its OK line.  make check: 2 of the first 3 pairs
# (some 3 CPU-s), pair-001 (pool) and pair-002 (bands, three periods;
# pair-000, three periods and neither, repeats its shape and serves the
# bad OLDDIR below); make check-full: 20, and 4 pairs whose last year had
# five periods, so that new-year drops the oldest (a moved window,
# docs/disclosure.md), with pool: the suppressor does not see last
# year's total, and on win-001 of seed 31 last year's total and this
# year's narrow a cell of the new period to 1..5.  There the audit must
# exit 1 naming the cells with the numbers last year's release printed
# (or 0 with its OK line), and name at least one in the 4.
npairs=${EXACT_PAIRS:-3}
nwin=0
e2e_full && npairs=${EXACT_PAIRS:-20} && nwin=${EXACT_WINDOWS:-4}
python3 tests/attack/make_pairs.py --generated "$npairs" --window "$nwin" \
    --seed 31 --scrpaper "$SCRPAPER" --out "$tmp/p" >"$tmp/pairs" ||
	fail "make_pairs.py"
if ! e2e_full && [ -z "${EXACT_PAIRS:-}" ]; then
	grep -v '/pair-000 ' "$tmp/pairs" >"$tmp/pairs2" &&
	    mv "$tmp/pairs2" "$tmp/pairs"
	npairs=2
fi
done_=0
named=0
while read -r d how; do
	name=$(basename "$d")
	flag=
	[ "$how" = periods ] || flag=--pooled
	"$SCRPAPER" audit --input "$d/y2" $flag --previous "$d/y1" \
	    >"$tmp/out" 2>"$tmp/err"
	rc=$?
	if [ "$how" = window ] && [ "$rc" -eq 1 ]; then
		grep -q "^audit: [0-9]* suppressed figures\{0,1\} can be worked back from this year's release and last year's ($d/y1)\$" "$tmp/out" &&
		    grep -q "^audit: \(recovered\|narrowed\) " "$tmp/out" &&
		    grep -q "^  - .* (published last year)" "$tmp/out" ||
		    fail "$name (window): exit 1, no cell named:" \
		    "$(tail -3 "$tmp/out") $(cat "$tmp/err")"
		named=$((named + 1))
		done_=$((done_ + 1))
		continue
	fi
	if [ "$rc" -ne 0 ]; then
		fail "$name ($how, --previous): audit exit $rc:" \
		    "$(grep -v '^  -' "$tmp/out" | head -5) $(cat "$tmp/err")"
		continue
	fi
	grep -q "^audit: 33 boards, [2-5] periods\( and their total\)\{0,1\}, [0-9]* of [0-9]* board figures shown; last year's release ($d/y1): [1-5] periods\( and their total\)\{0,1\}, [0-9]* of [0-9]* board figures shown; no suppressed figure can be worked back from both: OK\$" \
	    "$tmp/out" || fail "$name: no OK line of both years: $(tail -2 "$tmp/out")"
	grep -q "^audit: \(recovered\|narrowed\)" "$tmp/out" &&
	    fail "$name: $(grep '^audit: ' "$tmp/out" | head -3)"
	done_=$((done_ + 1))
done <"$tmp/pairs"
[ "$done_" -eq $((npairs + nwin)) ] ||
	fail "only $done_ of $((npairs + nwin)) pairs attacked"
[ "$nwin" -eq 0 ] || [ "$named" -ge 1 ] ||
	fail "no moved window named by audit --previous (win-001 was)"

# A bad OLDDIR: its files' errors, exit 1, no audit.
"$SCRPAPER" audit --input "$tmp/p/pair-000/y2" --previous "$tmp/none" \
    >"$tmp/out" 2>"$tmp/err"
rc=$?
[ "$rc" -eq 1 ] && [ ! -s "$tmp/out" ] &&
    grep -q "^$tmp/none/report.yaml: error: cannot read" "$tmp/err" &&
    grep -q "^scrpaper: --previous $tmp/none: last year's input folder has 4 errors; nothing audited\$" "$tmp/err" ||
	fail "bad --previous: exit $rc: $(cat "$tmp/out" "$tmp/err")"
sed -i 's/^  threshold: 5$/  threshold: five/' "$tmp/p/pair-000/y1/report.yaml"
"$SCRPAPER" audit --input "$tmp/p/pair-000/y2" --previous "$tmp/p/pair-000/y1" \
    >"$tmp/out" 2>"$tmp/err"
rc=$?
[ "$rc" -eq 1 ] && [ ! -s "$tmp/out" ] &&
    grep -q "^$tmp/p/pair-000/y1/report.yaml:[0-9]*:[0-9]*: error: " "$tmp/err" ||
	fail "bad report.yaml in --previous: exit $rc: $(cat "$tmp/out" "$tmp/err")"

exit "$failed"

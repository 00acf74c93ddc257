#!/bin/sh
# tests/e2e/test_exact_attack.sh: the exact attack of issue 30 over
# generated multi-period cohorts.  Run from the project root with
# SCRPAPER set to the binary under test (tests/e2e/run.sh does both).
#
# tests/attack/make_exact.py makes 20 cohorts (EXACT_COHORTS) of two or
# three periods: a small first period, one dominant board, several
# children a review, codes not recorded at 10 %, `pool` and `bands` on
# and off in every pairing.  On each, `scrpaper audit` (with --pooled
# where pool is on) suppresses every period (and the total) as the
# papers publish them and attacks everything together, its own
# reasoning then the exact solver (GLPK): it must exit 0, print the
# solver's count line and name no cell recovered or narrowed to 1..5.
# The planted leak the exact attack must catch is in
# tests/unit/test_fig_exact.c (test_completion_stops_exact_attack).
set -u

. tests/e2e/lib.sh
e2e_setup exact_attack
e2e_need python3

n=${EXACT_COHORTS:-20}
python3 tests/attack/make_exact.py --generated "$n" --seed 30 \
    --out "$tmp/c" >"$tmp/list" || { echo "FAIL: make_exact.py"; exit 1; }

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
	grep -q "^audit: exact solver (GLPK): [0-9]* \[c\] open after propagation, none recovered or narrowed to 1\.\.5; [0-9]* integer programs$" \
	    "$tmp/out" || fail "$name: no exact solver line: $(cat "$tmp/out")"
	grep -q "^audit: \(recovered\|narrowed\)" "$tmp/out" &&
	    fail "$name: $(grep '^audit: ' "$tmp/out" | head -3)"
	done_=$((done_ + 1))
done <"$tmp/list"
[ "$done_" -ge "$n" ] || fail "only $done_ of $n cohorts attacked"
[ "$n" -ge 20 ] || [ -n "${EXACT_COHORTS:-}" ] || fail "fewer than 20 cohorts"

exit "$failed"

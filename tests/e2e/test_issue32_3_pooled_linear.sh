#!/bin/sh
# tests/e2e/test_issue32_3_pooled_linear.sh: issue 32.3, the pooled solve's
# growth in periods, counted in work (SCRPAPER_WORK=1), not seconds: the
# machine's load changes no count.  On bench/gen_region.py's region of 12
# boards and 24 reviews a period with pool on, `figures --all-periods
# --pooled --all-lscbs` of 2 and 3 periods (make check-full, CHECK_FULL=1:
# of 4 too): the simplex and branch-and-bound calls *a period* may grow at
# most 1.3 times for a period more (linear in periods is 1).  Before the
# exact checks kept the solutions they found (fig_exact_use_pool()) they
# grew 1.66 and 1.43 times from 2 to 3 periods; 1.24 and 1.19 after.
# And the 3 periods make at most 6 500 simplex calls: 8 098 while the
# exact check's first rounds solved their sums to the optimum, 5 361
# since they stop at a whole solution (ex_spread(), fig_exact.c); and at
# most 47 000 simplex iterations: 51 728 while each component's problem
# started from GLPK's standard basis, 43 670 since it starts from the
# basis the last solve left (fig_ex_basis_load(), fig_exact_reuse.c).
# The ledgers are byte for byte those of a run without the counts.
# Run from the project root with SCRPAPER set (tests/e2e/run.sh does).
set -u

. tests/e2e/lib.sh
e2e_setup issue32_3
e2e_need python3

# work P FIELD: the count FIELD (simplex, branch, iterations) of the run
# of P periods.
work() {
	# "... exact solves (S simplex, B branch-and-bound, I simplex
	# iterations)": fields 1, 3 and 5 once the punctuation is gone.
	sed -n 's/.*exact solves (//p' "$tmp/err$1" | tr -d ',)' |
	    awk -v f="$2" '
	    { print (f == "simplex" ? $1 : (f == "branch" ? $3 : $5)) }'
}

periods="2 3"
e2e_full && periods="2 3 4"
for p in $periods; do
	python3 bench/gen_region.py "$tmp/r$p" --boards 12 --reviews 24 \
	    --periods "$p" >/dev/null 2>&1 || fail "gen_region.py, $p periods"
	SCRPAPER_WORK=1 SCRPAPER_SAY_AFTER=3600 "$SCRPAPER" figures \
	    --input "$tmp/r$p" --all-periods --pooled --all-lscbs \
	    >"$tmp/out$p" 2>"$tmp/err$p" ||
		fail "the pooled solve of $p periods: $(tail -c 300 "$tmp/err$p")"
	grep -q '^pooled,' "$tmp/out$p" || fail "no pooled row, $p periods"
	[ -n "$(work "$p" simplex)" ] ||
		fail "no work line, $p periods: $(tail -c 300 "$tmp/err$p")"
done
# The counts change no ledger.
"$SCRPAPER" figures --input "$tmp/r2" --all-periods --pooled --all-lscbs \
    >"$tmp/plain2" 2>/dev/null || fail "the pooled solve without counts"
cmp -s "$tmp/out2" "$tmp/plain2" || fail "SCRPAPER_WORK changed the ledgers"

# The rounds of witnesses stop at a whole solution (a count of
# subproblems, not a time: the same on any machine).
if [ "$(work 3 simplex)" -gt 6500 ]; then
	fail "3 periods: $(work 3 simplex) simplex calls (at most 6 500;" \
	    "8 098 when the rounds were solved to the optimum)"
fi
# Each component's problem starts from the basis the last solve left.
if [ "$(work 3 iterations)" -gt 47000 ]; then
	fail "3 periods: $(work 3 iterations) simplex iterations (at most" \
	    "47 000; 51 728 from GLPK's standard basis)"
fi

prev=
for p in $periods; do
	if [ -n "$prev" ]; then
		for f in simplex branch; do
			a=$(work "$prev" $f)
			b=$(work "$p" $f)
			# (b / p) / (a / prev) <= 1.3, in integers.
			if [ $((10 * b * prev)) -gt $((13 * a * p)) ]; then
				fail "$f calls a period grew more than 1.3 times" \
				    "from $prev to $p periods ($a, then $b)"
			fi
		done
	fi
	prev=$p
done

exit $failed

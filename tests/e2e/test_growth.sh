#!/bin/sh
# tests/e2e/test_growth.sh: passes that once grew faster than their input
# (issues 31.10, 32.3, 32.4).  Limits are CPU seconds (ulimit -t), not
# wall time, so that a loaded machine does not fail them; each is many
# times what the pass takes now and a fraction of what it took before.
#   1. {ref:} resolution is one walk and a lookup table: `check` and the
#      document of a template of 4 000 labelled tables, each referred to
#      (515 s before), and every reference still names its own table.
#   2. The pooled solve: four periods of 60 reviews with pool on (153 s
#      before), every board's ledger of every period and the total, with
#      nothing on standard error below SCRPAPER_SAY_AFTER (make
#      check-full; make check: the same of four smaller periods, in 3).
#   3. A solve that runs long says so on standard error, at each pooled
#      step, and the ledgers do not change (issue 32.3): on four periods
#      of 15 to 25 reviews, and (make check-full) of 60 reviews too.
#   4. (make check-full) issue 32.5: `check` of 2 000 cases executes no
#      more instructions than of 20 000.
# Run from the project root with SCRPAPER set (tests/e2e/run.sh does).
set -u

. tests/e2e/lib.sh
e2e_setup growth

# limited SECONDS COMMAND...: COMMAND under a CPU-time limit.
limited() {
	s=$1
	shift
	(ulimit -t "$s" && exec "$@")
}

# 1. 4 000 tables, each labelled and referred to before it.
python3 tests/e2e/growth_tables.py "$tmp/many.tmpl"
limited 20 "$SCRPAPER" check --template "$tmp/many.tmpl" >"$tmp/out" 2>&1 ||
	fail "check of 4 000 labelled tables: $(tail -c 500 "$tmp/out")"
limited 20 "$SCRPAPER" render --dump doc --template "$tmp/many.tmpl" \
    >"$tmp/doc" 2>&1 || fail "the document of 4 000 labelled tables"
# The k-th reference prints "Table k" (a no-break space between).
sed -n 's/^ *xref t-[a-z]* .*"Table[^0-9]*\([0-9]*\)"$/\1/p' "$tmp/doc" \
    >"$tmp/nums"
n=$(wc -l <"$tmp/nums")
[ "$n" -eq 4000 ] || fail "$n of 4 000 references resolved"
awk '$1 != NR { bad++ } END { exit bad > 0 }' "$tmp/nums" ||
	fail "a reference names another table than its own"
[ "$(tail -1 "$tmp/nums")" = 4000 ] || fail "the last reference is not Table 4000"

# 2. Four periods of 60 reviews, pooled: make check-full (some 10
#    CPU-s; make check runs point 3's four smaller periods).
if e2e_full; then
python3 tests/attack/make_periods.py --generated 3 --seed 16 --sizes 60 \
    --out "$tmp/p" >/dev/null || fail "make_periods.py"
d=$tmp/p/per-002
sed -i "s/^disclosure:\$/disclosure:\n  pool: true/" "$d/report.yaml"
[ "$(grep -c '{label:' "$d/report.yaml")" -eq 3 ] ||
	fail "per-002 has not four periods"
# Some 10 CPU-s since the exact completion step (docs/disclosure.md, "The
# protection rule"; 1.6 s before it, 153 s before the incremental solve);
# the sanitized build runs some ten times slower.  No word on standard
# error below the threshold of SCRPAPER_SAY_AFTER.
lim=60
[ "${SANITIZE:-0}" = 1 ] && lim=600
SCRPAPER_SAY_AFTER=3600 limited "$lim" "$SCRPAPER" figures --input "$d" \
    --all-periods --pooled --all-lscbs >"$tmp/out" 2>"$tmp/err" ||
	fail "the pooled solve of four periods: $(tail -c 500 "$tmp/err")"
grep -q '^pooled,' "$tmp/out" || fail "no pooled row in the ledgers"
[ -s "$tmp/err" ] && fail "a solve below the threshold spoke: $(head -c 300 "$tmp/err")"
fi
# 3. A solve that runs long says what it is doing, on standard error only
#    (SCRPAPER_SAY_AFTER=0: at once), at each pooled step.  make check:
#    on four periods of 15 to 25 reviews (a solve of some 3 CPU-s, not a
#    second one of the cohort above); make check-full (CHECK_FULL=1): on
#    the cohort above too.
python3 tests/attack/make_periods.py --generated 3 --seed 16 \
    --sizes 15,20,25 --out "$tmp/q" >/dev/null || fail "make_periods.py"
q=$tmp/q/per-002
sed -i "s/^disclosure:\$/disclosure:\n  pool: true/" "$q/report.yaml"
[ "$(grep -c '{label:' "$q/report.yaml")" -eq 3 ] ||
	fail "q/per-002 has not four periods"
SCRPAPER_SAY_AFTER=3600 "$SCRPAPER" figures --input "$q" --all-periods \
    --pooled --all-lscbs >"$tmp/qout" 2>"$tmp/err" ||
	fail "the pooled solve of four periods of 15 to 25 reviews"
[ -s "$tmp/err" ] && fail "a solve below the threshold spoke: $(head -c 300 "$tmp/err")"
cohorts=$q
e2e_full && cohorts="$q $d"
for c in $cohorts; do
	out=$tmp/out
	[ "$c" = "$q" ] && out=$tmp/qout
	SCRPAPER_SAY_AFTER=0 "$SCRPAPER" figures --input "$c" --all-periods \
	    --pooled --all-lscbs >"$tmp/out2" 2>"$tmp/err" ||
		fail "figures with SCRPAPER_SAY_AFTER=0"
	cmp -s "$out" "$tmp/out2" ||
		fail "the word on stderr changed the ledgers of $c"
	for k in 1 2 3; do
		grep -q "^scrpaper: suppressing small numbers, the total over 4 periods, step $k of 3 (the first $((k + 1)) periods), 33 boards" \
		    "$tmp/err" ||
			fail "no word on pooled step $k: $(head -c 500 "$tmp/err")"
	done
done

# 4. Issue 32.5: a mid-sized cohort costs no more than a large one (2 000
#    cases once took 28 s to `check`, 20 000 took 0.5 s).  Instructions
#    counted by callgrind, which the machine's load does not change;
#    make check-full (some 40 s under callgrind), not under the
#    sanitizers (valgrind and AddressSanitizer do not mix).
if e2e_full && [ "${SANITIZE:-0}" != 1 ]; then
	e2e_need valgrind
	for k in 2000 20000; do
		python3 bench/gen_cohort.py "$k" "$tmp/c$k" >/dev/null 2>&1 ||
			fail "32.5: gen_cohort.py $k"
		valgrind --tool=callgrind --callgrind-out-file=/dev/null \
		    "$SCRPAPER" check --input "$tmp/c$k" >/dev/null 2>"$tmp/cg$k" ||
			fail "32.5: check of $k cases under callgrind"
		sed -n 's/^==[0-9]*== Collected : \([0-9]*\)$/\1/p' \
		    "$tmp/cg$k" >"$tmp/ir$k"
		[ -s "$tmp/ir$k" ] || fail "32.5: no instruction count: $(tail -3 "$tmp/cg$k")"
	done
	a=$(cat "$tmp/ir2000") b=$(cat "$tmp/ir20000")
	[ "${a:-1}" -le "${b:-0}" ] ||
		fail "32.5: check of 2 000 cases took $a instructions, of 20 000 $b"
	echo "32.5: 2 000 cases $a instructions, 20 000 cases $b"
fi

exit $failed

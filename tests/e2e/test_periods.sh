#!/bin/sh
# tests/e2e/test_periods.sh: earlier periods (issue 15), end to end.
# Run from the project root with SCRPAPER set to the binary under test
# (tests/e2e/run.sh does both).
#
# On 8 multi-period cohorts made by tests/attack/make_periods.py (2 to 5
# periods, 0/1/2/5/20/200 reviews a period, skewed boards, one child a
# review, one board with every review, reviews in no period; make check:
# the first 4):
#   - `audit` (every period, as the papers publish them) finds nothing,
#     and neither does `audit --pooled` (with the total over the periods)
#     on the four cohorts with no period of 200 reviews and one with
#     (make check: one, per-002, 4 periods, one of them empty);
#   - (on four cohorts; make check: per-002)
#     `figures --all-periods --format csv`: every figure of every period
#     of London equals the count made by tests/e2e/count_figures.py from
#     the case files (numerator, denominator, percent, not_recorded) and
#     out_of_period the reviews in no period; `--all-lscbs`: every board
#     cell shown equals its count, the public ones always shown;
#   - `figures --period LABEL` prints that period's rows of --all-periods,
#     no --period the current one; `--format json` the same values;
#   - `check` counts the reviews of every period and names each file in
#     none.
# On the three-period fixture of test_paper_periods.sh
# (tests/data/make_three_periods.py): `audit` and (make check-full)
# `audit --pooled` find nothing.
# On input/ (no earlier period): `figures --period 2006-09` is `figures`
# byte for byte, and --all-periods is its rows led by the period.
# Errors: an unknown --period names the periods (exit 2); a bad
# `earlier:` is FILE:LINE:COL, exit 1, nothing written.
# The commands on the cohorts share one solve cache; the counts run in
# one Python process (tests/e2e/periods_counted.py).
set -u

. tests/e2e/lib.sh
e2e_setup periods
e2e_need python3

# make check: the first four cohorts (2, 3, 4 and 5 periods, every shape,
# every size), the pooled audit on one with no period of 200 reviews
# (per-002: 4 periods of 2, 20, 0 and 2 reviews) and the counts on the
# same; make check-full: all eight, as listed below (the pooled audit of
# per-000 and the counts of per-003, 5 periods of up to 200 reviews,
# there as in make check before).
ncoh=4
pooled_on="per-002"
counted="per-002"
if e2e_full; then
	ncoh=8
	pooled_on="per-000 per-001 per-002 per-004 per-006"
	counted="per-001 per-002 per-003 per-006"
fi
# One solve cache (--cache) for the commands on the cohorts: each
# period's suppression is solved once for the audit and the ledgers
# (tests/e2e/test_solve_cache.sh checks that a cached solve prints what a
# solve prints).
cache="--cache $tmp/cache"
python3 tests/attack/make_periods.py --generated "$ncoh" --seed 15 \
    --out "$tmp/c" || { echo "FAIL: make_periods.py"; exit 1; }

n=0
for d in "$tmp"/c/*; do
	n=$((n + 1))
	name=$(basename "$d")
	"$SCRPAPER" audit $cache --input "$d" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	if [ "$rc" -ne 0 ] || ! grep -q ': OK$' "$tmp/out"; then
		fail "audit of $name exited $rc:" \
		    "$(head -c 3000 "$tmp/out") $(cat "$tmp/err")"
	fi
	case " $pooled_on " in
	*" $name "*)
		"$SCRPAPER" audit $cache --pooled --input "$d" >"$tmp/out" \
		    2>"$tmp/err"
		rc=$?
		if [ "$rc" -ne 0 ] || ! grep -q 'and their total.*: OK$' \
		    "$tmp/out"; then
			fail "audit --pooled of $name exited $rc:" \
			    "$(head -c 3000 "$tmp/out") $(cat "$tmp/err")"
		fi
		;;
	esac
done
[ "$n" -eq "$ncoh" ] || fail "expected $ncoh cohorts, found $n"

# Every figure of every period against an independent count: the
# ledgers of each cohort counted, then count_figures.py and
# periods_figures.py on them all in one Python process
# (tests/e2e/periods_counted.py).
set --
for name in $counted; do
	d=$tmp/c/$name
	o=$tmp/n-$name
	mkdir "$o"
	"$SCRPAPER" figures $cache --input "$d" --all-periods >"$o/all.csv" ||
		fail "figures --all-periods $name"
	"$SCRPAPER" figures $cache --input "$d" --all-periods --all-lscbs \
	    >"$o/boards.csv" || fail "figures --all-periods --all-lscbs"
	"$SCRPAPER" figures $cache --input "$d" --all-periods --format json \
	    >"$o/all.json" || fail "figures --all-periods --format json"
	# The periods report.yaml declares (periods_figures.py reads the
	# ledger of each period count_figures.py counts).
	for label in $(sed -n 's/^ *-* *{*label: \([^,}]*\).*/\1/p' \
	    "$d/report.yaml"); do
		"$SCRPAPER" figures $cache --input "$d" --period "$label" \
		    >"$o/p-$label.csv" || fail "figures --period $label"
	done
	"$SCRPAPER" figures $cache --input "$d" >"$o/current.csv" ||
		fail "figures $name"
	"$SCRPAPER" check $cache --input "$d" >"$o/check.out" \
	    2>"$o/check.err" || fail "check $name: $(cat "$o/check.err")"
	set -- "$@" "$o" "$d"
done
python3 tests/e2e/periods_counted.py templates/figures.yaml "$@" \
    >"$tmp/counted" 2>&1
rc=$?
cat "$tmp/counted"
[ "$rc" -eq 0 ] || fail "periods_counted.py exited $rc:" \
    "$(grep '^FAIL: ' "$tmp/counted" | sed 's/^FAIL: //')"

# The three-period fixture of the paper's tests: nothing to work back,
# with or without the total over the periods (with: a joint solve of some
# 18 CPU-s, make check-full only; make check's pooled audits are the
# generated cohorts' above).
python3 tests/data/make_three_periods.py "$tmp/three" >/dev/null ||
	fail "make_three_periods.py"
pooled_three=
e2e_full && pooled_three=--pooled
for pooled in "" $pooled_three; do
	"$SCRPAPER" audit --input "$tmp/three" $pooled >"$tmp/out" 2>&1 ||
		fail "audit $pooled of three periods: $(head -c 2000 "$tmp/out")"
	grep -q '^audit: 33 boards, 3 periods.*: OK$' "$tmp/out" ||
		fail "audit $pooled of three periods says: $(cat "$tmp/out")"
done

# input/: no earlier period, the same ledger as ever.
"$SCRPAPER" figures >"$tmp/a.csv" || fail "figures"
"$SCRPAPER" figures --period 2006-09 >"$tmp/b.csv" ||
	fail "figures --period 2006-09"
cmp -s "$tmp/a.csv" "$tmp/b.csv" || fail "figures --period 2006-09 is not figures"
"$SCRPAPER" figures --all-periods >"$tmp/c.csv" || fail "figures --all-periods"
sed -n '2,/^$/p' "$tmp/a.csv" | sed '/^$/d; s/^/2006-09,/' >"$tmp/want.csv"
tail -n +2 "$tmp/c.csv" | cmp -s - "$tmp/want.csv" ||
	fail "figures --all-periods on input/ is not figures led by 2006-09"
"$SCRPAPER" audit >"$tmp/out" 2>&1 || fail "audit of input/: $(cat "$tmp/out")"
grep -q '^audit: 33 boards, [0-9]* of [0-9]* board figures shown, no suppressed figure can be worked back: OK$' \
    "$tmp/out" || fail "audit of input/ says: $(cat "$tmp/out")"

# Errors.
"$SCRPAPER" figures --period 1999 >"$tmp/out" 2>"$tmp/err"
[ $? -eq 2 ] || fail "figures --period 1999 did not exit 2"
grep -q "unknown period '1999'; the periods of report.yaml are: 2006-09" \
    "$tmp/err" || fail "unknown --period: $(cat "$tmp/err")"
"$SCRPAPER" render --all-periods -o "$tmp/x.pdf" >/dev/null 2>&1
[ $? -eq 2 ] || fail "render --all-periods is not a usage error"
"$SCRPAPER" figures --pooled >/dev/null 2>&1
[ $? -eq 2 ] || fail "figures --pooled without --all-periods is not a usage error"
mkdir -p "$tmp/bad"
cp -r input/cases input/codebook.yaml input/national.yaml "$tmp/bad/"
sed 's/^period:$/earlier:\n  - {label: 2005-06, from: 2005-04-01, to: 2006-04-01}\nperiod:/' \
    input/report.yaml >"$tmp/bad/report.yaml"
"$SCRPAPER" figures --input "$tmp/bad" >"$tmp/out" 2>"$tmp/err"
[ $? -eq 1 ] || fail "an overlapping earlier period did not exit 1"
[ -s "$tmp/out" ] && fail "an invalid report.yaml printed a ledger"
grep -q "report.yaml:[0-9]*:5: error: the earlier period '2005-06' (2005-04-01 to 2006-04-01) does not end before the current period '2006-09' (2006-04-01 to 2009-09-30) starts" \
    "$tmp/err" || fail "overlap message: $(cat "$tmp/err")"

exit "$failed"

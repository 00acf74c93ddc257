#!/bin/sh
# tests/e2e/test_board_edition.sh: the public board papers where a
# board's figures are [c] (docs/disclosure.md, "Board papers"):
#   - on input/ and on generated cohorts (tests/attack/make_cohorts.py),
#     banded shares switched on (disclosure: bands), every board paper's
#     tables are checked against the published board ledger by
#     tests/attack/board_tables.py: no board column is all [c]; a table
#     loses its board column, with the sentence that says so, exactly
#     where the ledger has at least `collapse` per cent of its figures
#     [c]; a band prints the same in the paper and in the ledger;
#   - the attacker (scrpaper audit) works back nothing from the ledgers
#     with the bands, and the bands are there to attack;
#   - Lambeth's paper on input/ carries no [c] and says once why its
#     tables hold London's figures alone; the HTML edition too;
#   - with earlier periods, the tables across periods (no London
#     column) are left alone and their charts draw;
#   - collapse: 100 keeps every table with a figure; collapse: false
#     keeps them all; bad collapse, bands and pool settings are refused
#     at their line;
#   - pooled periods (pool: true) with bands, on the three-period
#     fixture and generated multi-period cohorts: the attacker over the
#     periods and their total, the pooled tables against the ledger and
#     an independent count (below); without earlier periods, no change.
# BOARD_SWEEP=N (make sweep-boards) runs the same over N generated
# cohorts and the four leak cohorts instead of one of 51 reviews.
# make check runs one case of each shape: the big board's cohort (three
# periods, bands printed) for the audit, the ledger and board_tables.py,
# and for `check` and a paper with bands and earlier periods; one pooled
# cohort; input/'s papers (one render of every board, with pool and
# without); collapse; the gap and the two-period release.  make
# check-full (CHECK_FULL=1) adds input/ with bands and a generated cohort
# of 51 reviews to the first loop, the three-period fixture's papers
# (without and with bands), two more pooled cohorts (one the attacker's
# regression), every paper of the two-period release and the comparison
# of two years' pooled totals.
set -u

. tests/e2e/lib.sh
e2e_setup board_edition
e2e_need python3

bands() {	# bands DIR LIMITS: switches banded shares on in DIR
	sed -i "s/^disclosure:\$/disclosure:\n  bands: [$2]/" "$1/report.yaml"
	grep -q "^  bands: \[$2\]" "$1/report.yaml" ||
		fail "could not switch bands on in $1"
}

n=${BOARD_SWEEP:-2}
leaks=
[ "$n" -gt 2 ] && leaks=--leaks
# The generated cohorts and input/ of the first loop: make check-full.
if e2e_full || [ "$n" -gt 2 ]; then
	python3 tests/attack/make_cohorts.py --generated "$n" --seed 11 \
	    $leaks --out "$tmp/c" >/dev/null ||
		{ echo "FAIL: make_cohorts.py"; exit 1; }
	cp -r input "$tmp/c/input"
else
	mkdir "$tmp/c"
fi
# A cohort with one board of some 40 reviews a period (make_exact.py's
# shape): the protection rule (values t apart where a [c] may be 1..t,
# docs/disclosure.md) lets a band stand only over a base that large, so
# the 51 reviews of gen-001 and input/ print none.
python3 tests/attack/make_exact.py --generated 1 --seed 77 \
    --out "$tmp/x" >/dev/null || fail "make_exact.py"
mv "$tmp/x/ex-000" "$tmp/c/big-board"
for d in "$tmp"/c/*; do
	grep -q "^  bands:" "$d/report.yaml" || bands "$d" "25, 50, 75"
done
# make check: the big board's cohort (the audit of input/ is
# test_attack's, and input/ prints no band); make check-full adds input/
# with bands and a generated cohort of 51 reviews; the sweep: all.
list="$tmp/c/big-board"
e2e_full && list="$tmp/c/gen-001 $list $tmp/c/input"
[ "$n" -gt 2 ] && list=$(ls -d "$tmp"/c/*)
# The audit, the ledgers and the papers of one input share one solve
# cache (scrpaper --cache; board_tables.py through SCR_TEST_CACHE): each
# cohort is solved once, the first call's miss, and every later call
# prints what a solve prints (tests/e2e/test_solve_cache.sh).
SCR_TEST_CACHE=$tmp/cache
export SCR_TEST_CACHE
cache="--cache $SCR_TEST_CACHE"
nb=0
for d in $list; do
	name=$(basename "$d")
	"$SCRPAPER" audit $cache --input "$d" >"$tmp/out" 2>&1 ||
		fail "audit of $name with bands: $(head -c 2000 "$tmp/out")"
	"$SCRPAPER" figures $cache --input "$d" --all-lscbs >"$tmp/ledger.csv" ||
		fail "figures of $name"
	nb=$((nb + $(grep -c '[0-9]–[0-9]*%' "$tmp/ledger.csv")))
	python3 tests/attack/board_tables.py "$SCRPAPER" "$d" 80 \
	    >"$tmp/out" 2>&1 || fail "board papers of $name: $(cat "$tmp/out")"
done
# The generated cohorts have boards large enough for bands.
[ "$nb" -gt 0 ] || fail "no band in any cohort: nothing was attacked"

# input/ as shipped: Lambeth's paper, from one render of every board's
# (compared below with pool on).
mkdir "$tmp/in.trees"
"$SCRPAPER" render $cache --all-lscbs --dump doc -o "$tmp/in.trees" \
    >"$tmp/out" 2>&1 || fail "render input/: $(cat "$tmp/out")"
cp "$tmp/in.trees/lambeth.tree" "$tmp/lambeth.tree" || fail "render Lambeth"
grep -q '\[c\]' "$tmp/lambeth.tree" &&
	fail "Lambeth's paper still prints [c]: $(grep -m3 '\[c\]' \
	    "$tmp/lambeth.tree")"
[ "$(grep -c 'could not be shown in them without risk' \
    "$tmp/lambeth.tree")" -eq 1 ] ||
	fail "Lambeth's paper does not say once why its tables are London's"
grep -q 'The tables below set the' "$tmp/lambeth.tree" &&
	fail "Lambeth's paper says its tables set out Lambeth's figures"
"$SCRPAPER" render $cache --lscb Lambeth -o "$tmp/lambeth.html" ||
	fail "render Lambeth as HTML"
grep -q '\[c\]' "$tmp/lambeth.html" && fail "Lambeth's HTML prints [c]"
grep -q 'could not be shown in them without risk' "$tmp/lambeth.html" ||
	fail "Lambeth's HTML does not say why its tables are London's"

# collapse: 100, only tables of nothing but [c]; false, none.
cp -r input "$tmp/full"
sed -i 's/^disclosure:$/disclosure:\n  collapse: 100/' "$tmp/full/report.yaml"
python3 tests/attack/board_tables.py "$SCRPAPER" "$tmp/full" 100 Southwark \
    Lambeth >"$tmp/out" 2>&1 || fail "collapse: 100: $(cat "$tmp/out")"
sed -i 's/^  collapse: 100$/  collapse: false/' "$tmp/full/report.yaml"
"$SCRPAPER" render $cache --input "$tmp/full" --lscb Lambeth --dump doc \
    >"$tmp/out" || fail "collapse: false"
[ "$(grep -c 'figref [a-z0-9_]* .*num=suppressed' "$tmp/out")" -gt 40 ] ||
	fail "collapse: false hides the [c] of Lambeth's tables"

# With earlier periods: the tables across periods (@periods) have no
# London column to show instead, so they never collapse, and their charts
# still draw.  make check: the big board's cohort (three periods) above
# and its Lewisham below; make check-full adds the three-period fixture.
python3 tests/data/make_three_periods.py "$tmp/periods" >/dev/null ||
	fail "make_three_periods.py"
cp -r "$tmp/periods" "$tmp/fix3"	# the two-period release's, below
if e2e_full || [ "$n" -gt 2 ]; then
	"$SCRPAPER" render $cache --input "$tmp/periods" --lscb Lambeth \
	    -o "$tmp/periods/lambeth.pdf" >"$tmp/out" 2>&1 ||
		fail "Lambeth's paper with earlier periods: $(cat "$tmp/out")"
	python3 tests/attack/board_tables.py "$SCRPAPER" "$tmp/periods" 80 \
	    Lambeth Southwark >"$tmp/out" 2>&1 ||
		fail "board papers with earlier periods: $(cat "$tmp/out")"
fi

# With bands and earlier periods: a banded share in a table across
# periods is drawn by its chart as a [c] is (no bar, the band as its
# label), not refused as "not a number".
# The fixture's boards are too small for a band under the protection
# rule; the big board's cohort (three periods) prints them, in its
# tables across periods too: make check runs `check` and a paper there;
# make check-full adds the fixture with bands.
# check_paper INPUT BOARD PDF WHAT: `check` of INPUT and BOARD's paper
# to PDF each succeed.
check_paper() {
	"$SCRPAPER" check $cache --input "$1" >"$tmp/out" 2>&1 ||
		fail "check of $4: $(head -c 2000 "$tmp/out")"
	"$SCRPAPER" render $cache --input "$1" --lscb "$2" -o "$3" \
	    >"$tmp/out" 2>&1 ||
		fail "$2 of $4: $(cat "$tmp/out")"
}
cp -r "$tmp/periods" "$tmp/pbands"
bands "$tmp/pbands" "25, 50, 75"
if e2e_full || [ "$n" -gt 2 ]; then
	check_paper "$tmp/pbands" Southwark "$tmp/pbands/southwark.pdf" \
	    "the fixture with bands and earlier periods"
fi
check_paper "$tmp/c/big-board" Lewisham "$tmp/lewisham.pdf" \
    "the big board's cohort (bands, earlier periods)"
pdftotext "$tmp/lewisham.pdf" - 2>/dev/null |
    grep -q '^[0-9]*–[0-9]*%$' ||
	fail "no band printed in Lewisham's paper with bands and periods"
"$SCRPAPER" render $cache --input "$tmp/c/big-board" --lscb Lewisham \
    --dump doc >"$tmp/lewisham.tree" 2>&1 || fail "Lewisham's tree"
grep -q 'figref earlier:[^ ]* .*num=suppressed .*"[0-9]*–[0-9]*%"' \
    "$tmp/lewisham.tree" ||
	fail "no band in a table across periods of Lewisham's paper"

# Pooled periods (disclosure: pool; docs/disclosure.md, "Pooled
# periods"), bands on: the attacker works back nothing from every period
# and the total together (with the bands of the periods, which it broke
# before the pooled solve read them as intervals); board_tables.py
# --pooled checks that a table whose current figures collapse and whose
# totals would not prints the totals (board and London, as the pooled
# ledger prints them, labelled "all N periods", a sentence naming the
# periods), every other one the current period's, and --counts every
# total printed against the sum of count_figures.py's counts.  On the
# three-period fixture (the sweep) and on generated multi-period cohorts
# (tests/attack/make_periods.py: yearly sizes of 15 to 25 reviews, and
# the sizes 0, 1, 2, 5, 20, 200 with one child a review and one board
# with every review); the sweep, on BOARD_SWEEP (at most 12) of each.
pool() {	# pool DIR: switches pooled periods on in DIR
	sed -i "s/^disclosure:\$/disclosure:\n  pool: true/" "$1/report.yaml"
	grep -q "^  pool: true" "$1/report.yaml" ||
		fail "could not switch pool on in $1"
}
# make check generates pa/per-000 to per-002 (it runs per-002).
pn=${BOARD_SWEEP:-3}
e2e_full && pn=${BOARD_SWEEP:-4}
[ "$pn" -gt 12 ] && pn=12	# each renders 33 papers over a joint solve
python3 tests/attack/make_periods.py --generated "$pn" --seed 16 \
    --sizes 15,20,25 --out "$tmp/pa" >/dev/null ||
	fail "make_periods.py --sizes"
# The gap cohort's source, below: per-002 as generated (the loop switches
# pool and bands on in it; make_periods.py seeds each cohort by its
# number alone).
cp -r "$tmp/pa/per-002" "$tmp/mp-002" || fail "copy of pa/per-002"
if e2e_full || [ "$n" -gt 2 ]; then
	python3 tests/attack/make_periods.py --generated "$pn" --seed 15 \
	    --out "$tmp/pz" >/dev/null || fail "make_periods.py"
fi
cp -r "$tmp/pbands" "$tmp/pa/fixture"
# make check: one cohort of a region's yearly sizes; make check-full
# (CHECK_FULL=1): three cheap cohorts, pa/per-003 one where the attacker
# worked back 14 cells before the pooled solve read the periods' bands (a
# pooled audit of some 35 CPU-s); the sweep: all, and the three-period
# fixture (a joint solve of seconds).
plist="$tmp/pa/per-002"
e2e_full && plist="$tmp/pa/per-002 $tmp/pa/per-003 $tmp/pz/per-002"
[ "$n" -gt 2 ] && plist=$(ls -d "$tmp"/pa/* "$tmp"/pz/*)
npool=0
for d in $plist; do
	name=$(basename "$(dirname "$d")")/$(basename "$d")
	pool "$d"
	grep -q "^  bands:" "$d/report.yaml" || bands "$d" "25, 50, 75"
	"$SCRPAPER" audit $cache --pooled --input "$d" >"$tmp/out" 2>&1
	rc=$?
	if [ "$rc" -ne 0 ] || ! grep -q 'and their total.*: OK$' "$tmp/out"
	then
		fail "audit --pooled of $name with bands exited $rc:" \
		    "$(head -c 2000 "$tmp/out")"
		continue
	fi
	# make check-full: pa/per-003 for the attacker alone.
	[ "$n" -le 2 ] && [ "$name" = pa/per-003 ] && continue
	python3 tests/e2e/count_figures.py "$d" templates/figures.yaml \
	    >"$tmp/counts.json" || { fail "count_figures.py $name"; continue; }
	python3 tests/attack/board_tables.py "$SCRPAPER" "$d" 80 --pooled \
	    --counts "$tmp/counts.json" >"$tmp/out" 2>&1 ||
		fail "pooled board papers of $name: $(head -c 2000 "$tmp/out")"
	k=$(sed -n 's/.* \([0-9]*\) pooled,.*/\1/p' "$tmp/out")
	npool=$((npool + ${k:-0}))
	[ "$name" = pa/fixture ] && [ "${k:-0}" -eq 0 ] &&
		fail "Southwark shows no pooled table on the fixture"
done
[ "$npool" -gt 0 ] || fail "no pooled table in any cohort: nothing checked"

# Without earlier periods, pool changes nothing: every board's paper
# (one render, without the cache) is input/'s, Lambeth's and
# Southwark's among them.
cp -r input "$tmp/nopool"
pool "$tmp/nopool"
mkdir "$tmp/np.trees"
"$SCRPAPER" render --input "$tmp/nopool" --all-lscbs --dump doc \
    -o "$tmp/np.trees" >"$tmp/out" 2>&1 ||
	fail "render with pool and no earlier period: $(cat "$tmp/out")"
for b in lambeth southwark; do
	[ -s "$tmp/in.trees/$b.tree" ] && [ -s "$tmp/np.trees/$b.tree" ] ||
		fail "no paper of $b with pool and no earlier period"
done
[ "$(ls "$tmp/np.trees")" = "$(ls "$tmp/in.trees")" ] ||
	fail "pool without earlier periods changes the boards' papers"
for f in "$tmp"/in.trees/*.tree; do
	cmp -s "$f" "$tmp/np.trees/${f##*/}" ||
		fail "pool without earlier periods changes ${f##*/}"
done

# The pooled sentence is true when the periods leave a gap (a review
# completed between two periods counts in none, so "completed between
# the first month and the last" would overstate), and two periods are
# "both periods", not "all two" (the red team's findings).
gb=$(python3 tests/attack/red_gap.py "$tmp/mp-002" "$tmp/gap") &&
"$SCRPAPER" render --input "$tmp/gap" --lscb "$gb" --format html \
    -o "$tmp/gap.html" 2>/dev/null || fail "the gap cohort's paper"
[ -s "$tmp/gap.html" ] && {
	python3 tests/attack/red_pool_sentence.py "$tmp/gap.html" \
	    "$tmp/gap" "$gb" >"$tmp/out" ||
	    fail "gap cohort: $(cat "$tmp/out")"
}
# Last year's release of the three-period fixture has two periods, and
# Southwark pools.
if python3 tests/attack/red_lastyear.py "$tmp/fix3" "$tmp/two" \
    --back 1 --set pool=true >/dev/null 2>&1; then
	"$SCRPAPER" figures --input "$tmp/two" --all-periods >"$tmp/two.csv" ||
		fail "figures of the two-period cohort"
	np=$(sed 1d "$tmp/two.csv" | cut -d, -f1 | sort -u | wc -l)
	[ "$np" -eq 2 ] || fail "the two-period cohort has $np periods"
	# Every paper of it in HTML (33 renders): make check-full.
	if e2e_full || [ "$n" -gt 2 ]; then
		mkdir "$tmp/two.html"
		"$SCRPAPER" render --input "$tmp/two" --all-lscbs --format html \
		    -o "$tmp/two.html" 2>/dev/null || fail "the two-period papers"
		grep -l 'all two periods' "$tmp/two.html"/*.html >"$tmp/out" &&
			fail "'all two periods' in $(cat "$tmp/out")"
		# Since the exact completion step (docs/disclosure.md, "The
		# protection rule") hides more of the totals, no board of this
		# cohort pools; a paper that does must say "both periods".
		nboth=$(grep -l 'both periods' "$tmp/two.html"/*.html | wc -l)
		npaper=$(grep -lE 'both periods|all [a-z]+ periods' \
		    "$tmp/two.html"/*.html | wc -l)
		[ "$nboth" -eq "$npaper" ] ||
			fail "two periods: $npaper papers pool, $nboth say 'both periods'"
	fi
	# With pool on two years running, this year's total less last
	# year's (one period fewer) is the current period: the earlier
	# total is held fixed in the joint solve, so no current [c]
	# follows (the red team's leak: 12 of Southwark's cells before).
	# Two joint solves of the fixture: make check-full (CHECK_FULL=1).
	if e2e_full || [ "$n" -gt 2 ]; then
		python3 tests/attack/red_lastyear.py "$tmp/fix3" \
		    "$tmp/three" --set pool=true >/dev/null 2>&1 ||
			fail "red_lastyear.py"
		"$SCRPAPER" figures --input "$tmp/three" --all-periods \
		    --pooled --all-lscbs >"$tmp/this.csv" &&
		"$SCRPAPER" figures --input "$tmp/two" --all-periods \
		    --pooled --all-lscbs >"$tmp/last.csv" ||
			fail "the two years' totals"
		python3 tests/attack/red_leak_pool.py "$tmp/this.csv" \
		    "$tmp/last.csv" >"$tmp/out" 2>&1 ||
			fail "two years' totals: $(tail -5 "$tmp/out")"
		grep -q '^red_leak_pool: 0 current' "$tmp/out" ||
			fail "red_leak_pool.py did not compare: $(cat "$tmp/out")"
	fi
else
	fail "red_lastyear.py: no two-period release of the fixture"
fi

# Bad settings: FILE:LINE:COL: error, exit 1, nothing written.
cp -r input "$tmp/bad" && cp "$tmp/bad/report.yaml" "$tmp/bad.yaml" ||
	fail "cannot copy input/"
for bad in "collapse: 40" "collapse: yes" "bands: [50, 25]" "bands: 25" \
    "bands: [0, 50]" "bands: []" "pool: yes" "pool: [true]" "pool: 1"; do
	cp "$tmp/bad.yaml" "$tmp/bad/report.yaml"
	rm -f "$tmp/bad/out.pdf"
	sed -i "s/^disclosure:\$/disclosure:\n  $bad/" "$tmp/bad/report.yaml"
	"$SCRPAPER" render --input "$tmp/bad" --lscb Lambeth \
	    -o "$tmp/bad/out.pdf" >"$tmp/out" 2>&1
	rc=$?
	[ "$rc" -eq 1 ] || fail "'$bad' exited $rc"
	grep -q 'report.yaml:[0-9]*:[0-9]*: error: ' "$tmp/out" ||
		fail "'$bad' is not reported at its line: $(cat "$tmp/out")"
	[ -e "$tmp/bad/out.pdf" ] && fail "'$bad' wrote a paper"
done

exit "$failed"

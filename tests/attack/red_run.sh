#!/bin/sh
# The red team's attack on what scrpaper publishes together (make attack).
#
#  1. Adversarial multi-period cohorts (tests/attack/red_cohorts.py), each
#     with last year's report over the same case files: every [c] of the
#     published ledgers (figures --all-periods, regional and --all-lscbs)
#     attacked by tests/attack/red_solve.py --extra, an attacker written
#     apart from fig_suppress.c and fig_audit.c that also knows
#     numerator + not_recorded <= base; last year's ledgers must print every
#     period they share with this year's cell for cell
#     (tests/attack/red_same_periods.py).
#     The same with banded shares (disclosure: bands) when scrpaper has them.
#  2. The three-period fixture (tests/data/make_three_periods.py): the same
#     attack, and its regional and Southwark papers read back with
#     pdftotext: every change sentence true and not misleading
#     (tests/attack/red_sentences.py).
#  4. Pooled board papers (disclosure: pool, bands [25, 50, 75]): this
#     year's release with its total over the periods and last year's with
#     its own, attacked jointly (tests/attack/red_pool.py) and by
#     difference (tests/attack/red_leak_pool.py; from the two years'
#     Southwark papers alone: red_leak_pool_papers.py); the pooled tables'
#     sentence of a board paper whose periods leave a gap, against the
#     case files (tests/attack/red_gap.py, red_pool_sentence.py); a
#     planted pooled leak must be found (tests/attack/red_plant_pool.py).
#  3. Self-test: the attacker must catch a planted leak (one [c] of a
#     published ledger replaced by its true value, which gives its
#     complement in boys + girls = children away; tests/attack/red_plant.py).
#
# Exit 1 when anything is recovered, differs or misleads.  Run from the
# project root after make: sh tests/attack/red_run.sh (RED_COHORTS=N for
# more cohorts; default 6).
set -u
cd "$(dirname "$0")/../.."
: "${SCRPAPER:=./scrpaper}"
case $SCRPAPER in /*) ;; *) SCRPAPER=$(pwd)/$SCRPAPER ;; esac
: "${RED_COHORTS:=6}"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/scr-red.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM
failed=0
fail() { echo "FAIL: $*"; failed=1; }
figs=templates/figures.yaml

ledgers() {  # DIR: DIR.reg.csv, DIR.brd.csv, DIR.truth.json
	"$SCRPAPER" figures --input "$1" --all-periods >"$1.reg.csv" 2>/dev/null ||
	"$SCRPAPER" figures --input "$1" >"$1.reg.csv" || return 1
	"$SCRPAPER" figures --input "$1" --all-periods --all-lscbs \
	    >"$1.brd.csv" 2>/dev/null ||
	"$SCRPAPER" figures --input "$1" --all-lscbs >"$1.brd.csv" || return 1
	python3 tests/e2e/count_figures.py "$1" "$figs" >"$1.truth.json"
}

attack() {  # DIR LABEL
	python3 tests/attack/red_solve.py "$1.reg.csv" "$1.brd.csv" "$figs" \
	    --truth "$1.truth.json" --extra --label "$2" >"$tmp/out" 2>&1
	rc=$?
	cat "$tmp/out"
	[ $rc -eq 0 ] || fail "$2: suppressed cells worked back"
}

# 1. adversarial cohorts, this year and last year
python3 tests/attack/red_cohorts.py --generated "$RED_COHORTS" --seed 7 \
    --out "$tmp/c" || fail "red_cohorts.py"
for d in "$tmp"/c/red-[0-9][0-9][0-9]; do
	n=$(basename "$d")
	ledgers "$d" && ledgers "$d-lastyear" || { fail "$n: ledgers"; continue; }
	attack "$d" "$n"
	python3 tests/attack/red_same_periods.py "$d.brd.csv" \
	    "$d-lastyear.brd.csv" || fail "$n: last year's ledgers differ"
done

# 1a. banded shares (report.yaml disclosure: bands, once the program has
# them): the same cohorts with [25, 50, 75], each band read as an interval
for d in "$tmp"/c/red-000 "$tmp"/c/red-005; do
	b="$d-bands"
	cp -r "$d" "$b"
	sed -i 's/^disclosure:$/disclosure:\n  bands: [25, 50, 75]/' \
	    "$b/report.yaml"
	if ! "$SCRPAPER" check --input "$b" >/dev/null 2>&1; then
		echo "$(basename "$b"): bands not known to this scrpaper; skipped"
		continue
	fi
	ledgers "$b" && attack "$b" "$(basename "$b")"
done

# 1b. the smallest input found for the not_recorded leak
python3 tests/attack/red_leak_nr.py "$tmp/leak-nr" || fail "red_leak_nr.py"
ledgers "$tmp/leak-nr" && attack "$tmp/leak-nr" leak-nr

# 2. the three-period fixture: ledgers and papers
python3 tests/data/make_three_periods.py "$tmp/three" >/dev/null ||
    fail "make_three_periods.py"
ledgers "$tmp/three" && attack "$tmp/three" three-periods
for who in regional Southwark; do
	if [ $who = regional ]; then set --; else set -- --lscb $who; fi
	"$SCRPAPER" render --input "$tmp/three" "$@" -o "$tmp/$who.pdf" \
	    2>/dev/null && pdftotext -layout "$tmp/$who.pdf" "$tmp/$who.txt" ||
	    { fail "$who paper"; continue; }
	python3 tests/attack/red_sentences.py "$tmp/$who.txt" \
	    "$tmp/three/report.yaml" || fail "$who paper: change sentences"
done

# 4. pooled board papers (disclosure: pool, with bands [25, 50, 75]):
# this year's release with its total over the periods (figures --pooled),
# and last year's (current period one back, its own total over ITS
# periods): every [c] of this year's periods and total attacked jointly
# (tests/attack/red_pool.py); this year's total less last year's
# (tests/attack/red_leak_pool.py)
pledgers() {  # DIR: DIR.reg.csv, DIR.brd.csv with the pooled rows
	"$SCRPAPER" figures --input "$1" --all-periods --pooled \
	    >"$1.reg.csv" 2>/dev/null &&
	"$SCRPAPER" figures --input "$1" --all-periods --pooled --all-lscbs \
	    >"$1.brd.csv" 2>/dev/null &&
	python3 tests/e2e/count_figures.py "$1" "$figs" >"$1.truth.json"
}
for d in "$tmp/three" "$tmp/c/red-005"; do
	p="$d-pool" n="$(basename "$d")-pool"
	python3 tests/attack/red_lastyear.py "$d" "$p" --set pool=true \
	    --set "bands=[25, 50, 75]" &&
	python3 tests/attack/red_lastyear.py "$d" "$p-ly" --back 1 \
	    --set pool=true --set "bands=[25, 50, 75]" || { fail "$n"; continue; }
	if ! "$SCRPAPER" check --input "$p" >/dev/null 2>&1; then
		echo "$n: pool not known to this scrpaper; skipped"
		continue
	fi
	pledgers "$p" && pledgers "$p-ly" || { fail "$n: ledgers"; continue; }
	python3 tests/attack/red_pool.py "$figs" --release "$p.reg.csv" \
	    "$p.brd.csv" --truth "$p.truth.json" --label "$n" --show 10 ||
	    fail "$n: suppressed cells worked back from the periods and the total"
	python3 tests/attack/red_leak_pool.py "$p.brd.csv" "$p-ly.brd.csv" \
	    "$p.truth.json" >"$tmp/out" 2>&1
	rc=$?
	tail -13 "$tmp/out"
	[ $rc -eq 0 ] ||
	    fail "$n: this year's total less last year's gives current cells away"
done
# 4a. the same from the papers alone (pool on, no bands): Southwark's HTML
# board papers of this year and last year (red_leak_pool_papers.py)
p="$tmp/three-nb"
if python3 tests/attack/red_lastyear.py "$tmp/three" "$p" --set pool=true &&
    python3 tests/attack/red_lastyear.py "$tmp/three" "$p-ly" --back 1 \
    --set pool=true && "$SCRPAPER" check --input "$p" >/dev/null 2>&1; then
	for r in "$p" "$p-ly"; do
		"$SCRPAPER" render --input "$r" --lscb Southwark --format html \
		    -o "$r.sw.html" 2>/dev/null || fail "$r: Southwark paper"
	done
	python3 tests/attack/red_leak_pool_papers.py "$p.sw.html" \
	    "$p-ly.sw.html" Southwark ||
	    fail "three-nb: Southwark's two papers give current cells away"
fi
# 4b. a pooled table's sentence over periods with a gap: a review of the
# board completed in the gap must not be left out of "completed between
# MONTH and MONTH: K SCRs" (tests/attack/red_gap.py, red_pool_sentence.py)
python3 tests/attack/make_periods.py --generated 3 --seed 16 \
    --sizes 15,20,25 --out "$tmp/mp" >/dev/null &&
b=$(python3 tests/attack/red_gap.py "$tmp/mp/per-002" "$tmp/gap") &&
"$SCRPAPER" render --input "$tmp/gap" --lscb "$b" --format html \
    -o "$tmp/gap.html" 2>/dev/null || fail "gap cohort"
[ -s "$tmp/gap.html" ] && {
	python3 tests/attack/red_pool_sentence.py "$tmp/gap.html" "$tmp/gap" \
	    "$b" || fail "gap cohort: a pooled sentence disagrees with the case files"
}
# self-test of red_pool.py: a total beside every earlier period shown
# pins the current period's [c]
p="$tmp/three-pool"
if [ -s "$p.brd.csv" ]; then
	python3 tests/attack/red_plant_pool.py "$p.brd.csv" "$p.truth.json" \
	    "$tmp/planted-pool.csv" || fail "self-test: nothing to plant"
	if python3 tests/attack/red_pool.py "$figs" --release "$p.reg.csv" \
	    "$tmp/planted-pool.csv" --truth "$p.truth.json" \
	    --label planted-pool --show 3; then
		fail "self-test: the planted pooled leak was not found"
	else
		echo "self-test: planted pooled leak found"
	fi
fi

# 3. self-test: plant a leak and the attacker must find it
for d in "$tmp"/c/red-[0-9][0-9][0-9] "$tmp/three"; do
python3 tests/attack/red_plant.py "$d.brd.csv" "$d.truth.json" "$tmp/planted.csv" ||
    continue
break
done
if [ ! -s "$tmp/planted.csv" ]; then
	fail "self-test: no cell to plant a leak in"
elif python3 tests/attack/red_solve.py "$d.reg.csv" "$tmp/planted.csv" "$figs" \
    --truth "$d.truth.json" --label planted --show 3 >"$tmp/out" 2>&1; then
	cat "$tmp/out"
	fail "self-test: the planted leak was not found"
else
	grep -q 'girls numerator = .* (true value)' "$tmp/out" ||
	    fail "self-test: the planted leak's girls not recovered"
	echo "self-test: planted leak found: $(grep -c '^recovered' "$tmp/out") cell(s)"
fi

[ $failed -eq 0 ] && echo "red_run: nothing recovered, nothing misleading: OK"
exit $failed

#!/bin/sh
# bench/same_outputs.sh: the outputs that a change of speed must leave byte
# for byte as they were (issue 29: "the suppression decided must stay
# exactly the same").  Prints one "SHA256  WHAT" line an output, from the
# project root:
#
#   SCRPAPER=path/to/old/scrpaper sh bench/same_outputs.sh >old.sums
#   SCRPAPER=build/rel/scrpaper   sh bench/same_outputs.sh >new.sums
#   diff old.sums new.sums          # nothing: the same outputs
#
# or both at once (exit 1 and the differing lines when they differ):
#
#   sh bench/same_outputs.sh OLD_BINARY NEW_BINARY
#
# What it sums: on input/, tests/data/'s cohorts and 10 generated cohorts
# (tests/attack/make_cohorts.py), every board's ledger (`figures
# --all-lscbs`, CSV and JSON) and `audit`; on the three-period fixture
# (tests/data/make_three_periods.py) and 10 generated multi-period cohorts
# (tests/attack/make_periods.py, yearly sizes of 15 to 25 reviews), with
# pool and bands on, every period's and the total's ledgers (`figures
# --all-periods --pooled --all-lscbs`, CSV and JSON) and `audit --pooled`;
# the regional paper and three board papers (PDF, SOURCE_DATE_EPOCH=0).
# SAME_QUICK=1: input/ and the three-period fixture only.  Each step's time
# goes to standard error.  The generated inputs depend only on their seeds.
set -u

die() { echo "bench/same_outputs: $*" >&2; exit 2; }
[ -f pipeline/cli/main.c ] || die "run from the project root"

if [ $# -eq 2 ]; then
	T=$(mktemp -d "${TMPDIR:-/tmp}/scrpaper-same.XXXXXX") ||
		die "mktemp failed"
	trap 'rm -rf "$T"' EXIT
	SCRPAPER=$1 sh "$0" >"$T/old" || die "$1 failed"
	SCRPAPER=$2 sh "$0" >"$T/new" || die "$2 failed"
	if cmp -s "$T/old" "$T/new"; then
		echo "same outputs: $(wc -l <"$T/new") sums identical"
		exit 0
	fi
	diff "$T/old" "$T/new"
	echo "DIFFERENT outputs" >&2
	exit 1
fi
[ $# -eq 0 ] || die "usage: sh bench/same_outputs.sh [OLD_BINARY NEW_BINARY]"

SCRPAPER=${SCRPAPER:-build/rel/scrpaper}
[ -x "$SCRPAPER" ] || die "$SCRPAPER: not built"
export SOURCE_DATE_EPOCH=0
T=$(mktemp -d "${TMPDIR:-/tmp}/scrpaper-same.XXXXXX") || die "mktemp failed"
trap 'rm -rf "$T"' EXIT
trap 'exit 130' INT TERM

# sum WHAT COMMAND...: runs COMMAND (standard output summed, with its exit
# status; standard error dropped) and prints the sum.
sum() {
	what=$1
	shift
	t0=$(date +%s.%N)
	"$@" >"$T/out" 2>/dev/null
	rc=$?
	t1=$(date +%s.%N)
	printf '%s  %s (exit %d)\n' \
	    "$(sha256sum <"$T/out" | cut -d' ' -f1)" "$what" "$rc"
	echo "$what: $(echo "$t1 - $t0" | bc) s" >&2
}

# ledgers NAME DIR: every board's ledger and the audit of one cohort.
ledgers() {
	sum "$1 figures --all-lscbs" "$SCRPAPER" figures --input "$2" \
	    --all-lscbs
	sum "$1 figures --all-lscbs json" "$SCRPAPER" figures --input "$2" \
	    --all-lscbs --format json
	sum "$1 audit" "$SCRPAPER" audit --input "$2"
}

# pooled NAME DIR: the same over every period and the total, pooled.
pooled() {
	sum "$1 figures --all-periods --pooled --all-lscbs" "$SCRPAPER" \
	    figures --input "$2" --all-periods --pooled --all-lscbs
	sum "$1 figures --all-periods --pooled --all-lscbs json" "$SCRPAPER" \
	    figures --input "$2" --all-periods --pooled --all-lscbs \
	    --format json
	sum "$1 audit --pooled" "$SCRPAPER" audit --pooled --input "$2"
}

# pool_bands DIR: pool and bands on, as tests/e2e/test_board_edition.sh.
pool_bands() {
	sed -i "s/^disclosure:\$/disclosure:\n  pool: true\n  bands: [25, 50, 75]/" \
	    "$1/report.yaml"
	grep -q "^  pool: true" "$1/report.yaml" ||
		die "could not switch pool on in $1"
}

ledgers input input
for b in "" Southwark Hackney Lambeth; do
	if [ -z "$b" ]; then
		sum "regional paper pdf" "$SCRPAPER" render -o "$T/p.pdf"
		what="regional paper"
	else
		sum "$b paper pdf" "$SCRPAPER" render --lscb "$b" -o "$T/p.pdf"
		what="$b paper"
	fi
	echo "$(sha256sum <"$T/p.pdf" | cut -d' ' -f1)  $what (file)"
done
python3 tests/data/make_three_periods.py "$T/three" >/dev/null ||
	die "make_three_periods.py"
pool_bands "$T/three"
pooled three-periods "$T/three"
[ "${SAME_QUICK:-0}" = 1 ] && exit 0

for d in annual-2009-10 variants variants-holdout; do
	ledgers "$d" "tests/data/$d"
done
python3 tests/attack/make_cohorts.py --generated 10 --seed 29 \
    --out "$T/gen" >/dev/null || die "make_cohorts.py"
for d in "$T"/gen/*; do
	ledgers "gen/$(basename "$d")" "$d"
done
python3 tests/attack/make_periods.py --generated 10 --seed 16 \
    --sizes 15,20,25 --out "$T/per" >/dev/null || die "make_periods.py"
for d in "$T"/per/*; do
	pool_bands "$d"
	pooled "per/$(basename "$d")" "$d"
done

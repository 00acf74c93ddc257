#!/bin/sh
# bench/run.sh: the benchmark harness behind `make bench` (see bench/README.md).
#
#   SCRPAPER=build/rel/scrpaper sh bench/run.sh      # from the project root
#
# Environment:
#   SCRPAPER       the binary to measure (default build/rel/scrpaper)
#   BENCH_RUNS     timed runs per row, after one warm-up run (default 10)
#   BENCH_QUICK=1  3 runs and no 100 000-case cohort
#   BENCH_TIMEOUT  seconds before a run is killed (default 120)
#   BENCH_STRICT=1 exit 1 when a target is missed (default: only a failed run)
#   BENCH_SHARED   the shared folder holding bench/floor/ and source/
#                  (default ../shared)
#   BENCH_CALLGRIND=0  skip the instruction counts (valgrind, ~30 s)
#   BENCH_SCALE=0  skip the scaling series (bench/scale.sh, ~3 min)
#   CC             compiler for the floors and the timing helper (default cc)
#
# Writes only under build/bench/ and a temporary folder that is removed on
# exit.  Rows that measure against a floor run interleaved with it (floor,
# subject, floor, subject, ...) so that load on a shared machine hits both
# alike; the ratios are ratios of medians from this one run.

set -u

SCRPAPER=${SCRPAPER:-build/rel/scrpaper}
QUICK=${BENCH_QUICK:-0}
if [ "$QUICK" = 1 ]; then
	RUNS=${BENCH_RUNS:-3}
	SIZES="1000 10000"
else
	RUNS=${BENCH_RUNS:-10}
	SIZES="1000 10000 100000"
fi
TIMEOUT=${BENCH_TIMEOUT:-120}
SHARED=${BENCH_SHARED:-../shared}
CC=${CC:-cc}
B=build/bench
FLOOR_SRC=$SHARED/bench/floor/floor.c
PAPER_TXT=$SHARED/source/london-scr-background-paper-2006-2009.txt
TIME=/usr/bin/time

die() { echo "bench: $*" >&2; exit 1; }

if [ ! -f pipeline/cli/main.c ] || [ ! -f Makefile ]; then
	die "run from the project root (make bench)"
fi
[ -x "$SCRPAPER" ] || die "$SCRPAPER: not built (make $SCRPAPER)"
[ -x $TIME ] || die "$TIME missing: apt-get install -y time (Debian package 'time')"
command -v timeout >/dev/null || die "timeout(1) missing (coreutils)"
[ -f "$FLOOR_SRC" ] || die "$FLOOR_SRC: not found (set BENCH_SHARED)"
[ -f "$PAPER_TXT" ] || die "$PAPER_TXT: not found (set BENCH_SHARED)"
case $RUNS in ''|*[!0-9]*|0) die "BENCH_RUNS must be a positive integer" ;; esac

mkdir -p $B || die "cannot create $B"
T=$(mktemp -d "${TMPDIR:-/tmp}/scrpaper-bench.XXXXXX") || die "mktemp failed"
case $T in *[[:space:]]*) rm -rf "$T"; die "TMPDIR must not contain spaces" ;; esac
trap 'rm -rf "$T"' EXIT
trap 'exit 130' INT TERM

# --- helpers: the floors and the timer, built into build/bench/ -------------

# newer OUT SRC: OUT exists and is newer than SRC (POSIX has no test -nt)
newer() { [ -n "$(find "$1" -newer "$2" 2>/dev/null)" ]; }
build_c() { # OUT SRC PKGS...
	out=$1 src=$2
	shift 2
	newer "$out" "$src" && return 0
	echo "bench: building $out" >&2
	# shellcheck disable=SC2046
	$CC -O2 -Wall -o "$out" "$src" $(pkg-config --cflags --libs "$@") ||
		die "cannot build $out"
}
build_c $B/floor "$FLOOR_SRC" pangocairo
build_c $B/yaml_floor bench/yaml_floor.c yaml-0.1
newer $B/timeit bench/timeit.c || {
	$CC -O2 -Wall -o $B/timeit bench/timeit.c || die "cannot build $B/timeit"
}

# --- the cohorts (generated once, checked with scrpaper check) -------------

# A cohort is regenerated when the generator or the input files it copies
# changed since it was made.
fresh() { # COHORT
	for src in bench/gen_cohort.py input/report.yaml input/codebook.yaml \
	    input/national.yaml; do
		newer "$1"/.ok $src || return 1
	done
}
for n in $SIZES; do
	c=$B/cohort-$n
	[ -f $c/.ok ] && fresh $c && continue
	echo "bench: generating $c" >&2
	rm -rf $c
	python3 bench/gen_cohort.py $n $c || die "gen_cohort.py $n failed"
	timeout $TIMEOUT "$SCRPAPER" check --input $c >"$T"/check 2>&1 || {
		tail -5 "$T"/check >&2
		die "scrpaper check fails on $c"
	}
	touch $c/.ok
done

# --- a copy of the tree for `make -j2 variants` ----------------------------
# make writes output/lscb/; a copy keeps it away from other users of output/.

TREE=$B/tree
rm -rf $TREE
mkdir -p $TREE/output || die "cannot create $TREE"
cp -r Makefile pipeline templates input fonts $TREE/ || die "cannot copy the tree"
[ -f Makefile.local ] && cp Makefile.local $TREE/
[ -d man ] && cp -r man $TREE/
timeout 600 make -s -C $TREE build/rel/scrpaper >"$T"/make 2>&1 || {
	tail -20 "$T"/make >&2
	die "cannot build scrpaper in $TREE"
}

# What is measured, recorded before the first run: the tree or the binary may
# change while the rows run (someone commits, or rebuilds build/rel/).
rev=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
[ -n "$(git status --porcelain -- pipeline templates 2>/dev/null)" ] &&
	rev="$rev+dirty"
sum=$(sha256sum "$SCRPAPER" | cut -c1-12)
VERSION=$("$SCRPAPER" --version 2>/dev/null)
START=$(date -u '+%Y-%m-%d %H:%M UTC')
LOAD0=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)

# --- the rows --------------------------------------------------------------
# Each row: LABEL_x (shown), CMD_x (word-split, no quoting), PREP_x (eval'd
# before each run, untimed), FLOOR_x (the row it is a ratio to).

ROWS=""
row() { # ID LABEL FLOOR PREP CMD
	ROWS="$ROWS $1"
	eval "LABEL_$1=\$2 FLOOR_$1=\$3 PREP_$1=\$4 CMD_$1=\$5 FAIL_$1=0"
}

mkdir -p $T/f1 $T/f33 $T/r1
row floor1 "floor: 1 paper" "" "" \
	"$B/floor $PAPER_TXT $T/f1/floor.pdf"
row render "render (regional paper)" floor1 "" \
	"$SCRPAPER render -o $T/r1/paper.pdf"
row floor33 "floor: 33 papers, 1 process" "" "" \
	"$B/floor $PAPER_TXT $T/f33/floor 33"
row all "render --all-lscbs (33)" floor33 \
	"rm -rf $T/lscb && mkdir $T/lscb" \
	"$SCRPAPER render --all-lscbs -o $T/lscb"
row make "make -j2 variants (clean output)" floor33 \
	"rm -rf $TREE/output/lscb" \
	"make -s -C $TREE -j2 variants"
GRPS="floor1,render floor33,all,make"
# The HTML edition, when the binary has one.
HTML=0
"$SCRPAPER" --help 2>&1 | grep -q 'pdf|html' && HTML=1
if [ $HTML = 1 ]; then
	row html "render --format html (regional)" floor1 "" \
		"$SCRPAPER render --format html -o $T/r1/paper.html"
	GRPS="floor1,render,html floor33,all,make"
fi
for n in $SIZES; do
	c=$B/cohort-$n
	row yaml$n "libyaml parse: $n cases" "" "" \
		"$B/yaml_floor $c $c/cases templates/figures.yaml"
	row fig$n "figures: $n cases" yaml$n "" \
		"$SCRPAPER figures --input $c"
	GRPS="$GRPS yaml$n,fig$n"
done

# Issue 13.14: inputs at the documented limits, each pass linear in them.
# A template of 4 and 16 MiB (parse and fill, for the region and the 33
# boards: `check`), a table of 1 000 and 8 000 rows (render), and a board
# name of 60 000 characters (refused at once: names are limited to 100).
python3 bench/gen_templates.py limits "$B" || die "cannot write the limit inputs"
rm -rf $B/longname && mkdir -p $B/longname && cp -r input/* $B/longname/ &&
	sed "s/^  - Barnet\$/&\\n  - $(printf 'B%.0s' $(seq 1 60000))/" \
	input/report.yaml > $B/longname/report.yaml || die "cannot write longname"
printf '#!/bin/sh\n"$1" check --input "$2" 2>&1 | grep -q "board name longer"\n' \
	> $B/refused.sh
row tmpl4 "check: 4 MiB template" "" "" \
	"$SCRPAPER check --template $B/tmpl-4.tmpl"
row tmpl16 "check: 16 MiB template" tmpl4 "" \
	"$SCRPAPER check --template $B/tmpl-16.tmpl"
row table1000 "render: table of 1 000 rows" "" "" \
	"$SCRPAPER render --template $B/table-1000.tmpl -o $T/r1/t.pdf"
row table8000 "render: table of 8 000 rows" table1000 "" \
	"$SCRPAPER render --template $B/table-8000.tmpl -o $T/r1/t.pdf"
row notes2000 "check: 2 000 footnotes" "" "" \
	"$SCRPAPER check --template $B/notes-2000.tmpl"
row notes8000 "check: 8 000 footnotes" notes2000 "" \
	"$SCRPAPER check --template $B/notes-8000.tmpl"
row longname "check: 60 000-character board name" "" "" \
	"sh $B/refused.sh $SCRPAPER $B/longname"
GRPS="$GRPS tmpl4,tmpl16 table1000,table8000 notes2000,notes8000 longname"

FAILED=0
run_one() { # ID RECORD(0|1)
	eval "prep=\$PREP_$1 cmd=\$CMD_$1 fail=\$FAIL_$1"
	[ "$fail" = 1 ] && return
	[ -n "$prep" ] && eval "$prep"
	# shellcheck disable=SC2086
	$TIME -v -o "$T"/tv timeout $TIMEOUT $B/timeit "$T"/ms $cmd \
		>/dev/null 2>"$T"/err
	rc=$?
	if [ $rc -ne 0 ]; then
		eval "FAIL_$1=1"
		FAILED=1
		if [ $rc -eq 124 ]; then why="timed out after ${TIMEOUT}s"
		else why="exit status $rc"; fi
		echo "bench: $(eval echo "\$LABEL_$1") FAILED ($why): $cmd" >&2
		tail -5 "$T"/err | sed 's/^/  /' >&2
		return
	fi
	[ "$2" = 1 ] || return
	cat "$T"/ms >>"$T"/$1.ms
	sed -n 's/.*Maximum resident set size (kbytes): *//p' "$T"/tv >>"$T"/$1.rss
	# CPU time of the command and every process it waited for, ms
	awk -F ': *' '/User time|System time/ { t += $2 }
		END { printf "%.1f\n", t * 1000 }' "$T"/tv >>"$T"/$1.cpu
}

for g in $GRPS; do
	ids=$(echo "$g" | tr , ' ')
	echo "bench: $(for id in $ids; do eval printf "'%s; '" "\"\$LABEL_$id\""; done)" >&2
	i=0
	while [ $i -le "$RUNS" ]; do
		for id in $ids; do
			if [ $i -gt 0 ]; then run_one "$id" 1; else run_one "$id" 0; fi
		done
		i=$((i + 1))
	done
done

# --- the table -------------------------------------------------------------

RES=$B/results.txt
: >$RES
for id in $ROWS; do
	eval "label=\$LABEL_$id floor=\$FLOOR_$id fail=\$FAIL_$id"
	if [ "$fail" = 1 ] || [ ! -s "$T"/$id.ms ]; then
		printf '%s\t%s\t%s\tFAILED\n' "$id" "$floor" "$label" >>$RES
		continue
	fi
	stats=$(sort -n "$T"/$id.ms | awk '{ v[NR] = $1 } END {
		m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
		printf "%.1f\t%.1f\t%.1f\t%d", m, v[1], v[NR], NR }')
	rss=$(sort -n "$T"/$id.rss | awk 'END { printf "%.1f", $1 / 1024 }')
	cpu=$(sort -n "$T"/$id.cpu | awk '{ v[NR] = $1 } END {
		printf "%.1f", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }')
	printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$id" "$floor" "$label" "$stats" "$rss" \
		"$cpu" >>$RES
done

echo
echo "scrpaper benchmark: $START, $(nproc) CPUs, load $LOAD0 at the start," \
	"$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null) at the end"
echo "binary $SCRPAPER ($VERSION, sha256 $sum, tree $rev);" \
	"$RUNS runs after 1 warm-up"
echo "times in ms (wall clock), peak RSS in MiB (max of the runs), CPU in ms" \
	"(user + system of all its processes, median)"
awk -F '\t' '
{ id[NR] = $1; fl[NR] = $2; lab[NR] = $3; med[$1] = $4; rss[$1] = $8
  line[NR] = $0 }
END {
	printf "%-34s %9s %9s %9s %8s %7s %7s %8s  %s\n", "name", "median", "min",
	    "max", "RSS MiB", "x time", "x RSS", "CPU ms", "floor"
	for (i = 1; i <= NR; i++) {
		split(line[i], f, "\t")
		if (f[4] == "FAILED") {
			printf "%-34s %9s\n", lab[i], "FAILED"; continue
		}
		rt = rr = "-"
		if (fl[i] != "" && med[fl[i]] != "FAILED" && med[fl[i]] > 0) {
			rt = sprintf("%.2f", f[4] / med[fl[i]])
			rr = sprintf("%.2f", f[8] / rss[fl[i]])
		}
		printf "%-34s %9s %9s %9s %8s %7s %7s %8s  %s\n", lab[i], f[4], f[5],
		    f[6], f[8], rt, rr, f[9], (fl[i] == "" ? "" : lab_of(fl[i]))
	}
}
function lab_of(x,   j) { for (j = 1; j <= NR; j++) if (id[j] == x) return lab[j] }
' $RES | tee $B/table.txt

# --- the targets -----------------------------------------------------------

MISSED=0
target() { # TEXT VALUE LIMIT
	verdict=$(awk -v v="$2" -v l="$3" 'BEGIN {
		if (v == "" || v == "FAILED") print "n/a"
		else if (v + 0 <= l + 0) print "ok"
		else print "MISSED" }')
	[ "$verdict" = MISSED ] && MISSED=1
	shown=$(awk -v v="$2" 'BEGIN { if (v == "") print "n/a"
		else printf "%.2f", v }')
	printf '  %-50s %8s  (limit %s)  %s\n' "$1" "$shown" "$3" "$verdict"
}
col() { awk -F '\t' -v id="$1" -v c="$2" '$1 == id { print $c }' $RES; }
ratio() { # ID1 ID2 COL
	awk -v a="$(col "$1" "$3")" -v b="$(col "$2" "$3")" 'BEGIN {
		if (a == "" || b == "" || a == "FAILED" || b == "FAILED" || b + 0 == 0) print ""
		else printf "%.4f", a / b }'
}
echo
echo "targets (ratios of medians from this run):"
target "regional paper time / floor 1 paper" "$(ratio render floor1 4)" 1.3
target "regional paper peak RSS / floor 1 paper" "$(ratio render floor1 8)" 2
target "render --all-lscbs time / floor 33 papers" "$(ratio all floor33 4)" 0.5
big=100000 small=10000
[ "$QUICK" = 1 ] && big=10000 small=1000
target "figures $big time / libyaml parse $big" "$(ratio fig$big yaml$big 4)" 1.3
target "figures $big peak RSS, MiB" "$(col fig$big 8)" 100
target "figures $big time / figures $small (linear)" "$(ratio fig$big fig$small 4)" 11
target "check 16 MiB template / 4 MiB (linear)" "$(ratio tmpl16 tmpl4 4)" 4.4
target "check 16 MiB template peak RSS, MiB" "$(col tmpl16 8)" 1024
target "table of 8 000 rows / 1 000 rows (linear)" "$(ratio table8000 table1000 4)" 8.8
target "check 8 000 footnotes / 2 000 (linear)" "$(ratio notes8000 notes2000 4)" 4.4
# Issue 17: the tagged paper at the floor's pace, 33 boards in half the
# floor's time on both cores.
target "render --all-lscbs peak RSS / floor 33 papers" "$(ratio all floor33 8)" 2
target "make variants time / floor 33 papers" "$(ratio make floor33 4)" 0.5
target "make variants CPU / floor 33 papers CPU" "$(ratio make floor33 9)" 1.0
[ $HTML = 1 ] && target "HTML edition time / floor 1 paper" \
	"$(ratio html floor1 4)" 0.2
if [ "${BENCH_CALLGRIND:-1}" = 1 ] && command -v valgrind >/dev/null; then
	# Instructions (callgrind Ir) do not depend on the machine's load.
	ir() { # OUT COMMAND...
		o=$1
		shift
		timeout 900 valgrind --tool=callgrind --callgrind-out-file="$T"/cg \
			"$@" >/dev/null 2>"$T"/cg.err || { echo ""; return; }
		sed -n 's/.*refs: *//p' "$T"/cg.err | tr -d , >"$T"/$o.ir
		cat "$T"/$o.ir
	}
	irf=$(ir floor $B/floor $PAPER_TXT $T/f1/floor.pdf)
	irr=$(ir render $SCRPAPER render -o $T/r1/paper.pdf)
	echo "  (callgrind: regional paper $irr Ir, floor 1 paper $irf Ir)"
	target "regional paper instructions / floor 1 paper" \
		"$(awk -v a="$irr" -v b="$irf" 'BEGIN { if (a != "" && b > 0) printf "%.4f", a / b }')" 1.2
	# Issue 29: the 33 papers in one process, the solve paid once.
	mkdir -p "$T"/cg33 "$T"/f33cg
	irf33=$(ir floor33 $B/floor $PAPER_TXT $T/f33cg/floor 33)
	irall=$(ir all $SCRPAPER render --all-lscbs --jobs 1 -o $T/cg33)
	echo "  (callgrind: render --all-lscbs --jobs 1 $irall Ir, floor 33 papers $irf33 Ir)"
	target "render --all-lscbs --jobs 1 instructions / floor 33" \
		"$(awk -v a="$irall" -v b="$irf33" 'BEGIN { if (a != "" && b > 0) printf "%.4f", a / b }')" 1.0
fi
{ echo; echo "results: $RES, table: $B/table.txt"; } >&2

# Issue 13.14: inputs that double up to the limits, one run each (about
# 3 min; BENCH_SCALE=0 skips them): see bench/scale.sh.
if [ "${BENCH_SCALE:-1}" = 1 ]; then
	SCRPAPER=$SCRPAPER sh bench/scale.sh
	case $? in
	0) ;;
	2) MISSED=1 ;;
	*) FAILED=1 ;;
	esac
fi

[ $FAILED = 1 ] && exit 1
[ "${BENCH_STRICT:-0}" = 1 ] && [ $MISSED = 1 ] && exit 1
exit 0

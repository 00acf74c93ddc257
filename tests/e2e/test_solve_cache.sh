#!/bin/sh
# tests/e2e/test_solve_cache.sh: the solve cache (--cache DIR, issue 29
# "pay the solve once per input"), on small cohorts: tests/data/variants
# (one period) and a two-period copy of it, pooled with bands (made here
# with new-year, three cases moved into the new period).  Counts, never
# times: with SCRPAPER_WORK set each lookup says "solve cache: hit|miss".
#   - every output (figures CSV and JSON, --all-periods --pooled, every
#     board's PDF with SOURCE_DATE_EPOCH=0, the data set) is byte for
#     byte the same without the cache, with it empty (misses) and full
#     (hits only);
#   - never stale: after a case file, the disclosure settings of
#     report.yaml or the program (a copy with a byte appended) change,
#     the cached run misses and prints what a run without the cache
#     prints;
#   - a damaged or truncated entry is ignored with a warning, and the
#     output is still the cache-less one;
#   - without --cache nothing is written but the output; the folder is
#     0700, its entries 0600; two runs at once leave whole entries only;
#   - in a copy of the tree, `make paper variants html data` on the
#     two-period cohort misses each solve exactly once, and a second
#     make of other targets (odt) only hits.
# The board papers (PDF) of 1. read from the cache: make check renders
# the one-period cohort's without the cache only, and compares make's
# (5., read from the cache) with them, and of the two-period cohort
# Northbury's, the one paper with [c], bands and pooled tables (the
# other two boards print no [c]); make check-full (CHECK_FULL=1) renders
# every board's of both, on every run.
set -u

. tests/e2e/lib.sh
e2e_setup solve-cache
e2e_need sha256sum make

# out NAME ARGS...: runs scrpaper ARGS with SOURCE_DATE_EPOCH=0 and
# SCRPAPER_WORK=1, standard output into $tmp/NAME.out, standard error
# into $tmp/NAME.err; a failure is recorded.
out() {
	name=$1
	shift
	SOURCE_DATE_EPOCH=0 SCRPAPER_WORK=1 "$SCRPAPER" "$@" \
	    >"$tmp/$name.out" 2>"$tmp/$name.err" ||
		fail "scrpaper $* exited $?: $(cat "$tmp/$name.err")"
}

# count WORD FILE: lines of FILE saying "solve cache: WORD".
count() {
	grep -c "solve cache: $1 " "$2"
}

# same A B WHAT: the files A and B are the same bytes.
same() {
	cmp -s "$1" "$2" || fail "$3: differs with the cache"
}

v=$tmp/v
e2e_variants "$v" || fail "cannot copy tests/data/variants"
p=$tmp/p
"$SCRPAPER" new-year --input "$v" -o "$p" >/dev/null 2>&1 ||
	fail "new-year"
sed -i -e 's/^completed: 2009-03-14/completed: 2010-03-14/' \
    -e 's/^completed: 2009-05-04/completed: 2010-05-04/' \
    -e 's/^completed: 2008-12-29/completed: 2009-12-29/' "$p"/cases/*.yaml
sed -i -e 's/^disclosure:$/disclosure:\n  pool: true\n  bands: [25, 50, 75]/' \
    -e 's/^created: .*/created: 2010-11-30/' "$p/report.yaml"
grep -q '^  pool: true' "$p/report.yaml" || fail "no pool in the fixture"

# 1. The same bytes without the cache, on a miss and on a hit.
c=$tmp/cache
for in in v p; do
	# The runs that render PDFs (pdfk), and of which board (one; all
	# when empty).
	pdfk="0 1 2"
	one=
	if ! e2e_full; then
		[ $in = v ] && [ -x build/rel/scrpaper ] && pdfk=0
		[ $in = p ] && one=Northbury
	fi
	for k in 0 1 2; do
		case $k in 0) ca= ;; *) ca="--cache $c" ;; esac
		out $in-csv-$k figures --input "$tmp/$in" --all-lscbs $ca
		out $in-pooled-$k figures --input "$tmp/$in" --all-lscbs \
		    --all-periods --pooled $ca
		out $in-json-$k figures --input "$tmp/$in" --all-periods \
		    --pooled --format json $ca
		case " $pdfk " in
		*" $k "*)
			if [ -n "$one" ]; then
				mkdir "$tmp/$in-pdf-$k"
				out $in-pdf-$k render --input "$tmp/$in" \
				    --lscb "$one" -o "$tmp/$in-pdf-$k/$one.pdf" $ca
			else
				out $in-pdf-$k render --input "$tmp/$in" \
				    --all-lscbs -o "$tmp/$in-pdf-$k" $ca
			fi ;;
		esac
		out $in-data-$k data --input "$tmp/$in" -o "$tmp/$in-data-$k" \
		    $ca
		cat "$tmp/$in"-*-$k.err > "$tmp/$in-all-$k.err"
	done
	for k in 1 2; do
		for w in csv pooled json; do
			same "$tmp/$in-$w-0.out" "$tmp/$in-$w-$k.out" \
			    "$in figures ($w, run $k)"
		done
		ws=data
		case " $pdfk " in *" $k "*) ws="pdf data" ;; esac
		for w in $ws; do
			for f in "$tmp/$in-$w-0"/*; do
				same "$f" "$tmp/$in-$w-$k/${f##*/}" \
				    "$in ${f##*/} (run $k)"
			done
		done
	done
	if [ -z "$one" ]; then
		[ "$(ls "$tmp/$in-pdf-0" | wc -l)" -eq 3 ] ||
			fail "$in: not 3 board papers"
	fi
	[ "$(count miss "$tmp/$in-all-0.err")" -eq 0 ] &&
	    [ "$(count hit "$tmp/$in-all-0.err")" -eq 0 ] ||
		fail "$in: a run without --cache used a cache"
	[ "$(count hit "$tmp/$in-all-2.err")" -gt 0 ] &&
	    [ "$(count miss "$tmp/$in-all-2.err")" -eq 0 ] ||
		fail "$in: the second cached run missed:" \
		    "$(grep 'solve cache' "$tmp/$in-all-2.err")"
done
# The one period's solve and its total's (--pooled) are missed once
# each; the two periods', the pooled bands' and the pooled total's too.
[ "$(count miss "$tmp/v-all-1.err")" -eq 2 ] ||
	fail "variants: $(count miss "$tmp/v-all-1.err") misses, want 2"
[ "$(grep 'solve cache: miss' "$tmp/p-all-1.err" | awk '{print $NF}' |
    sort | uniq -c | awk '{print $1}' | sort -u)" = 1 ] ||
	fail "pooled: a solve missed twice"
for step in "period" "pooled bands" "pooled"; do
	grep -q "solve cache: miss $step [0-9a-f]*$" "$tmp/p-all-1.err" ||
		fail "pooled: no miss of the $step solve"
done
[ "$(count miss "$tmp/p-all-1.err")" -eq 4 ] ||
	fail "pooled: $(count miss "$tmp/p-all-1.err") misses, want 4"
# Folder and entries private.
[ "$(stat -c %a "$c")" = 700 ] || fail "the cache folder is not 0700"
for e in "$c"/*.solve; do
	[ "$(stat -c %a "$e")" = 600 ] || fail "$e is not 0600"
done
# Without --cache, nothing but the output.
mkdir "$tmp/bare" && (r=$(pwd) && cd "$tmp/bare" &&
    SOURCE_DATE_EPOCH=0 "$SCRPAPER" render --input "$v" --lscb Northbury \
    --template "$r/templates/background-paper.tmpl" \
    --figures "$r/templates/figures.yaml" --fonts "$r/fonts" -o n.pdf \
    2>/dev/null) ||
	fail "render without the cache"
[ "$(ls -A "$tmp/bare")" = n.pdf ] ||
	fail "a run without --cache wrote $(ls -A "$tmp/bare")"

# 2. Never stale.  stale NAME INPUT: the cached run of INPUT misses and
# prints what the cache-less run prints.
stale() {
	out $1-ref figures --input "$2" --all-lscbs --all-periods --pooled
	out $1-new figures --input "$2" --all-lscbs --all-periods --pooled \
	    --cache "$c"
	same "$tmp/$1-ref.out" "$tmp/$1-new.out" "$1"
	[ "$(count miss "$tmp/$1-new.err")" -gt 0 ] ||
		fail "$1: no miss after the change"
}
# A case file: a Northbury boy of the earlier period becomes a girl.
sed -i '0,/sex: male/s//sex: female/' "$p/cases/VAR-2006-001.yaml"
stale case "$p"
cmp -s "$tmp/case-ref.out" "$tmp/p-pooled-0.out" &&
	fail "the case file change changed no figure (a weak test)"
# The disclosure settings: threshold 5 to 3.
sed -i 's/^  threshold: 5/  threshold: 3/' "$p/report.yaml"
stale threshold "$p"
cmp -s "$tmp/threshold-ref.out" "$tmp/case-ref.out" &&
	fail "threshold 3 suppressed as 5 did (a weak test)"
# Another program: the same one with a byte appended.
cp "$SCRPAPER" "$tmp/scrpaper2" && printf x >> "$tmp/scrpaper2"
out rebuilt-ref figures --input "$p" --all-lscbs
SCRPAPER_WORK=1 "$tmp/scrpaper2" figures --input "$p" --all-lscbs \
    --cache "$c" >"$tmp/rebuilt.out" 2>"$tmp/rebuilt.err" ||
	fail "the copied program failed"
same "$tmp/rebuilt-ref.out" "$tmp/rebuilt.out" "another program"
[ "$(count miss "$tmp/rebuilt.err")" -gt 0 ] &&
    [ "$(count hit "$tmp/rebuilt.err")" -eq 0 ] ||
	fail "another program read this one's entries"

# 3. A damaged entry: every entry of the cache flipped in its middle,
# then truncated; each ignored with a warning.
for how in flip truncate; do
	for e in "$c"/*.solve; do
		n=$(stat -c %s "$e")
		case $how in
		flip) printf 'ZZZZ' | dd of="$e" bs=1 seek=$((n / 2)) \
		    conv=notrunc 2>/dev/null ;;
		truncate) truncate -s $((n - 7)) "$e" ;;
		esac
	done
	out dam-$how figures --input "$v" --all-lscbs --cache "$c"
	same "$tmp/v-csv-0.out" "$tmp/dam-$how.out" "a $how entry"
	grep -q 'warning: --cache: .* ignored, solving again' \
	    "$tmp/dam-$how.err" || fail "no warning for a $how entry"
	[ "$(count hit "$tmp/dam-$how.err")" -eq 0 ] ||
		fail "a $how entry was used"
done

# 4. Two at once on an empty cache: both right, whole entries only.
# What they must print is threshold-ref's (the same command on the same
# input, without the cache).
c2=$tmp/cache2
for k in 1 2; do
	"$SCRPAPER" figures --input "$p" --all-lscbs --all-periods --pooled \
	    --cache "$c2" >"$tmp/race-$k.out" 2>"$tmp/race-$k.err" &
done
wait
for k in 1 2; do
	same "$tmp/threshold-ref.out" "$tmp/race-$k.out" "run $k of two at once"
done
ls -A "$c2" | grep -v '^[0-9a-f]\{64\}\.solve$' &&
	fail "two runs at once left files other than entries"
out race-3 figures --input "$p" --all-lscbs --all-periods --pooled \
    --cache "$c2"
[ "$(count miss "$tmp/race-3.err")" -eq 0 ] ||
	fail "an entry written by two runs at once was not read"

# 5. make, in a copy of the tree (its build/rel, times kept, so nothing
# is rebuilt): each cohort solved once across the targets; its board
# papers, read from the cache, are the cache-less ones of 1.
if [ -x build/rel/scrpaper ]; then
	mkdir "$tmp/tree"
	cp -Rp Makefile pipeline templates fonts "$tmp/tree/" &&
	    mkdir "$tmp/tree/build" &&
	    cp -Rp build/rel "$tmp/tree/build/rel" &&
	    cp -R "$tmp/v" "$tmp/tree/in" || fail "cannot copy the tree"
	(
		unset MAKEFLAGS MFLAGS MAKELEVEL SANITIZE LSAN_OPTIONS \
		    UBSAN_OPTIONS
		cd "$tmp/tree" &&
		SOURCE_DATE_EPOCH=0 SCRPAPER_WORK=1 make INPUT=in paper \
		    variants html data >"$tmp/make1" 2>&1 &&
		SCRPAPER_WORK=1 make INPUT=in odt >"$tmp/make2" 2>&1
	) || fail "make: $(tail -n 5 "$tmp/make1" "$tmp/make2")"
	[ "$(count miss "$tmp/make1")" -eq 1 ] ||
		fail "make paper variants html data: $(count miss \
		    "$tmp/make1") misses, want 1"
	[ "$(count hit "$tmp/make1")" -ge 3 ] ||
		fail "make paper variants html data: too few hits"
	[ "$(count miss "$tmp/make2")" -eq 0 ] &&
	    [ "$(count hit "$tmp/make2")" -gt 0 ] ||
		fail "make odt solved again"
	# And what make wrote is what the cache-less program writes.
	same "$tmp/v-csv-0.out" "$tmp/tree/output/lscb-2006-04-to-2009-09/figures.csv" \
	    "make variants' figures.csv"
	for f in "$tmp/v-pdf-0"/*; do
		same "$f" "$tmp/tree/output/lscb-2006-04-to-2009-09/${f##*/}" \
		    "make variants' ${f##*/}"
	done
fi

exit $failed

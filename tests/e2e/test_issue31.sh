#!/bin/sh
# Issue 31 (red team, round three) and the points of issue 32 and 26 on
# the release: one regression check a point, each named after it
# ("31.N", "32.N", "26"): what render --all-lscbs says is on disk after
# a failure, the temporary files, the restricted folder's marker, the
# board name's length, and `make dist` (built from this input and these
# settings only, under a lock, verified, the same bytes under any umask,
# the HTML edition and a README inside, one table a CSV).
set -u
. tests/e2e/lib.sh
e2e_setup issue31
e2e_need pdftotext qpdf make tar flock sha256sum
san=${SANITIZE:-0}

# Runs the remaining arguments; $rc, $tmp/out and $tmp/err hold the result.
run() {
	"$@" > "$tmp/out" 2> "$tmp/err"
	rc=$?
}

# The files a failed --all-lscbs names as written (yes) or not written
# (no), one a line (base names), sorted, from $tmp/err.
listed() {
	case $1 in
	yes) pat=': written$' ;;
	no) pat=': NOT written (any file there is stale)$' ;;
	esac
	grep -e "$pat" "$tmp/err" | sed 's/^scrpaper: //; s/: [^/]*$//' |
	    sed 's|.*/||' | sort
}

# --- 31.4 / 32.7 ---------------------------------------------------------
# A board name with a glyph no font has: the paper of that board fails
# after the others were written.  The command names exactly which files
# it wrote (each a whole new PDF) and which it did not (so that the file
# there is the earlier run's, stale), every board in one list or the
# other.
cp -R tests/data/variants "$tmp/glyph"
sed -i 's/^  - Southmoor$/  - Southmoor😀/' "$tmp/glyph/report.yaml"
grep -q 'Southmoor😀' "$tmp/glyph/report.yaml" ||
	fail "31.4: the test data changed (no Southmoor board)"
mkdir "$tmp/g"
for s in eastwick northbury zouthmoor; do
	echo "OLD PAPER" > "$tmp/g/$s.pdf"
done
# the board with the glyph is typeset last by a single worker
sed -i 's/^  - Southmoor😀$/  - Zouthmoor😀/' "$tmp/glyph/report.yaml"
sed -i 's/lscb: Southmoor$/lscb: Zouthmoor😀/' "$tmp/glyph"/cases/*.yaml
run "$SCRPAPER" render --input "$tmp/glyph" --all-lscbs --jobs 1 -o "$tmp/g"
[ "$rc" -ne 0 ] || fail "31.4: a paper with a glyph no font has: exit 0"
listed yes > "$tmp/yes"
listed no > "$tmp/no"
[ "$(cat "$tmp/yes")" = "$(printf 'eastwick.pdf\nnorthbury.pdf')" ] ||
	fail "31.4: written list: '$(cat "$tmp/yes")'; stderr: $(cat "$tmp/err")"
[ "$(cat "$tmp/no")" = zouthmoor.pdf ] ||
	fail "31.4: not-written list: '$(cat "$tmp/no")'"
grep -q "2 of 3 papers written" "$tmp/err" ||
	fail "31.4: no count of the papers written: $(cat "$tmp/err")"
for f in $(cat "$tmp/yes"); do
	qpdf --check "$tmp/g/$f" > /dev/null 2>&1 ||
		fail "31.4: $f is named as written but is not a new PDF"
done
[ "$(cat "$tmp/g/zouthmoor.pdf")" = "OLD PAPER" ] ||
	fail "31.4: the stale paper named not written was changed"
grep -q "nothing written" "$tmp/err" &&
	fail "31.4: says nothing written after writing two papers"

# Under a memory limit (several workers), whatever the limit lets
# through: the files named written are exactly the PDFs on disk, and
# every board is named once.  (AddressSanitizer cannot run under an
# address-space limit.)
if [ "$san" != 1 ]; then
	seen=0
	for v in 60000 70000 80000; do
		rm -rf "$tmp/m" && mkdir "$tmp/m"
		run sh -c 'ulimit -v "$1" && exec "$2" render --all-lscbs \
		    --jobs 2 -o "$3"' sh "$v" "$SCRPAPER" "$tmp/m"
		[ "$rc" -eq 0 ] && continue
		[ "$rc" -eq 127 ] && continue	# the loader itself did not fit
		grep -q "papers written" "$tmp/err" || continue	# before any
		seen=1
		grep -q "no file written\|nothing written" "$tmp/err" &&
			fail "31.4 ulimit -v $v: says nothing was written"
		listed yes > "$tmp/yes"
		ls "$tmp/m" | grep '\.pdf$' | sort > "$tmp/ondisk"
		cmp -s "$tmp/yes" "$tmp/ondisk" ||
			fail "31.4 ulimit -v $v: named written: $(wc -l < "$tmp/yes"), on disk: $(wc -l < "$tmp/ondisk")"
		listed no > "$tmp/no"
		n=$(sort -u "$tmp/yes" "$tmp/no" | wc -l)
		[ "$n" -eq 33 ] || fail "31.4 ulimit -v $v: $n boards named, want 33"
	done
	echo "31.4: a memory limit failed a batch part-way: $seen"
fi

exit "$failed"

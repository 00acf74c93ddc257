#!/bin/sh
# Issue 31 (red team, round three) and the points of issue 32 and 26 on
# the release: one regression check a point, each named after it
# ("31.N", "32.N", "26"): what render --all-lscbs says is on disk after
# a failure, the temporary files, the restricted folder's marker, the
# board name's length, and `make dist` (built from this input and these
# settings only, under a lock, verified, the same bytes under any umask,
# the HTML and ODT editions and a README inside, one table a CSV, no
# restricted ODT).
# make check: one memory limit for 31.4; 31.1 checks the archive of
# 31.2's two make dist at once, and 31.2's make -j4 ... dist runs under
# umask 077 to be point 26's umask-077 archive too (three full make dist
# and two refused ones in all).  make check-full adds two memory limits,
# 31.1's own make dist, the -j4 run under umask 022 and 26's own make
# dist under umask 077 (five full make dist).
set -u
. tests/e2e/lib.sh
e2e_setup issue31
e2e_need pdftotext qpdf make tar flock sha256sum unzip
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
# The board with the glyph (Southmoor renamed) is the last of lscbs:, so
# one worker writes the other two first; every file there is an old one.
cp -R tests/data/variants "$tmp/glyph"
sed -i 's/^  - Southmoor$/  - Zouthmoor😀/' "$tmp/glyph/report.yaml"
sed -i 's/lscb: Southmoor$/lscb: Zouthmoor😀/' "$tmp/glyph"/cases/*.yaml
grep -q 'Zouthmoor😀' "$tmp/glyph/report.yaml" ||
	fail "31.4: the test data changed (no Southmoor board)"
mkdir "$tmp/g"
for s in eastwick northbury zouthmoor; do
	echo "OLD PAPER" > "$tmp/g/$s.pdf"
done
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
	# make check: the limit of the red team's report; make check-full:
	# a tighter and a looser one too.
	limits=70000
	e2e_full && limits="60000 70000 80000"
	for v in $limits; do
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

# --- 31.3 ------------------------------------------------------------
# The restricted folder is known by its marker on the real path, not by a
# word in its name.  A link named restricted-link into a public folder of
# papers, and a folder named unrestricted holding a public paper, are
# refused (exit 2, nothing written there); a new folder of any name is
# made 0700 and marked; public papers and data refuse a marked folder,
# also through a link.
d=tests/data/variants
mkdir "$tmp/pub"
"$SCRPAPER" render --input "$d" --all-lscbs -o "$tmp/pub" 2>/dev/null ||
	fail "31.3: the public papers"
ls -A "$tmp/pub" > "$tmp/pub.before"
ln -s "$tmp/pub" "$tmp/restricted-link"
run "$SCRPAPER" render --input "$d" --edition restricted --all-lscbs \
    -o "$tmp/restricted-link"
[ "$rc" -eq 2 ] || fail "31.3: restricted-link -> a public folder: exit $rc"
run "$SCRPAPER" render --input "$d" --edition restricted --lscb Eastwick \
    -o "$tmp/restricted-link/restricted-eastwick.pdf"
[ "$rc" -eq 2 ] || fail "31.3: restricted-link/FILE: exit $rc"
ls -A "$tmp/pub" | cmp -s - "$tmp/pub.before" ||
	fail "31.3: something was written into the public folder"
mkdir "$tmp/unrestricted"
cp "$tmp/pub/eastwick.pdf" "$tmp/unrestricted/"
run "$SCRPAPER" render --input "$d" --edition restricted --lscb Eastwick \
    -o "$tmp/unrestricted/eastwick-restricted.pdf"
[ "$rc" -eq 2 ] || fail "31.3: a folder named unrestricted: exit $rc"
[ ! -e "$tmp/unrestricted/eastwick-restricted.pdf" ] ||
	fail "31.3: a restricted paper was written among public ones"
run sh -c 'umask 000 && exec "$@"' sh "$SCRPAPER" render --input "$d" \
    --edition restricted --all-lscbs -o "$tmp/board-only"
[ "$rc" -eq 0 ] || fail "31.3: a new folder: exit $rc: $(cat "$tmp/err")"
[ "$(stat -c %a "$tmp/board-only" 2>/dev/null)" = 700 ] ||
	fail "31.3: the new restricted folder is not 0700 under umask 000"
[ -f "$tmp/board-only/.scrpaper-restricted" ] ||
	fail "31.3: the restricted folder holds no marker"
ln -s "$tmp/board-only" "$tmp/public-link"
for args in "--lscb Eastwick -o $tmp/board-only/eastwick.pdf" \
    "--all-lscbs -o $tmp/board-only" "-o $tmp/public-link/region.pdf" \
    "--all-lscbs --format html -o $tmp/public-link"; do
	# shellcheck disable=SC2086
	run "$SCRPAPER" render --input "$d" $args
	[ "$rc" -eq 2 ] || fail "31.3: public render $args: exit $rc"
	grep -q "is a restricted folder" "$tmp/err" ||
		fail "31.3: public render $args: $(cat "$tmp/err")"
done
run "$SCRPAPER" data -o "$tmp/public-link/data"
[ "$rc" -eq 2 ] || fail "31.3: data into a restricted folder: exit $rc"
[ ! -e "$tmp/board-only/data" ] && [ ! -e "$tmp/board-only/region.pdf" ] ||
	fail "31.3: a public file was written into the restricted folder"
for f in "$tmp"/board-only/*.pdf; do
	grep -q -a OFFICIAL-SENSITIVE "$f" ||
		fail "31.3: $f in the restricted folder is not marked"
done

# --- 31.13 -----------------------------------------------------------
# A 250-character board name is refused by check, at its line, before
# anything is typeset.
cp -R tests/data/variants "$tmp/long"
long=$(printf '%0250d' 0 | tr 0 L)
sed -i "s/^  - Southmoor\$/  - $long/" "$tmp/long/report.yaml"
run "$SCRPAPER" check --input "$tmp/long"
[ "$rc" -eq 1 ] || fail "31.13: check of a 250-character board name: exit $rc"
grep -q "report.yaml:[0-9]*:[0-9]*: error: board name longer than" "$tmp/err" ||
	fail "31.13: no error at the name: $(head -2 "$tmp/err")"

# ------------------------------------------------------- make targets
# In a copy of the tree with the binary under test (BIN=, never remade),
# on the three boards of tests/data/variants (INPUT=in).
mkdir "$tmp/tree"
cp -R Makefile pipeline templates input fonts "$tmp/tree/" ||
	fail "cannot copy the tree"
mkdir "$tmp/tree/tests" && cp tests/*.supp "$tmp/tree/tests/" ||
	fail "cannot copy the suppression files"
e2e_variants "$tmp/tree/in" || fail "cannot copy tests/data/variants"
# tests/e2e/ by its absolute path: the rest runs in the copy, which has no helpers.
e2e=$(pwd)/tests/e2e
unset MAKEFLAGS MFLAGS MAKELEVEL
cd "$tmp/tree" || exit 1
mk() {
	make -o "$SCRPAPER" BIN="$SCRPAPER" INPUT=in "$@"
}
# mk under the SOURCE_DATE_EPOCH of point 26 (the input's own date).
mk_dated() {
	SOURCE_DATE_EPOCH=1259539200 make -o "$SCRPAPER" BIN="$SCRPAPER" \
	    INPUT=in "$@"
}
sfx=-2006-04-to-2009-09
dist=output/scrpaper-papers$sfx.tar.gz

# Checks the archive $1: gzip and tar read it, every file matches its
# SHA256SUMS.  Names it $2 in messages.
verify() {
	rm -rf "$tmp/v" && mkdir "$tmp/v"
	tar -xzf "$1" -C "$tmp/v" 2>/dev/null ||
		{ fail "$2: tar cannot read it"; return; }
	(cd "$tmp/v/papers" && sha256sum --quiet --strict -c SHA256SUMS) \
	    >/dev/null 2>&1 || fail "$2: a file does not match SHA256SUMS"
}

# --- 31.1 ------------------------------------------------------------
# The release holds what this input and these settings produce, nothing
# left in output/ by other settings: a board paper replaced there (newer
# than everything, so make takes it for up to date), a board no longer
# in lscbs:, a stale ledger; and the settings changed under an old date.
mk variants > "$tmp/make.log" 2>&1 ||
	fail "31.1: make variants: $(tail -3 "$tmp/make.log")"
lscb=output/lscb$sfx
cp "$lscb/eastwick.pdf" "$lscb/northbury.pdf"
cp "$lscb/eastwick.pdf" "$lscb/westfold.pdf"
printf '%s\n' 'lscb,name,unit,numerator,denominator,percent,text,not_recorded' \
    'Northbury,boys,children,2,8,25,25%,0' > "$lscb/figures.csv"
sed -i 's/^  threshold: 5$/  threshold: 3/' in/report.yaml
grep -q '^  threshold: 3$' in/report.yaml || fail "31.1: the test data changed"
touch -d '2000-01-01' in/report.yaml

# Checks the archive $1 made by make dist in the state above: the board
# papers and ledger of this input and settings only.
check_31_1() {
	verify "$1" 31.1
	for e in pdf odt; do
		ls "$tmp/v/papers/lscb" | grep "\\.$e\$" > "$tmp/packed"
		printf '%s\n' eastwick.$e northbury.$e southmoor.$e |
		    cmp -s - "$tmp/packed" ||
			fail "31.1: packed board papers ($e): $(tr '\n' ' ' < "$tmp/packed")"
	done
	"$SCRPAPER" render --input in --all-lscbs -o "$tmp/fresh" 2>/dev/null
	"$SCRPAPER" render --input in --all-lscbs --format odt -o "$tmp/fresh" \
	    2>/dev/null
	"$SCRPAPER" render --input in -o "$tmp/fresh/region.pdf" 2>/dev/null
	"$SCRPAPER" render --input in -o "$tmp/fresh/region.odt" 2>/dev/null
	for f in eastwick northbury southmoor; do
		for e in pdf odt; do
			cmp -s "$tmp/fresh/$f.$e" "$tmp/v/papers/lscb/$f.$e" ||
				fail "31.1: lscb/$f.$e is not this input's and settings' paper"
		done
	done
	for e in pdf odt; do
		cmp -s "$tmp/fresh/region.$e" "$tmp/v/papers/background-paper$sfx.$e" ||
			fail "31.1: the regional paper ($e) is not this input's"
	done
	"$SCRPAPER" figures --input in --all-lscbs 2>/dev/null |
	    cmp -s - "$tmp/v/papers/lscb/figures.csv" ||
		fail "31.1: lscb/figures.csv is not this input's ledger"
}

# --- 31.2 (two make dist at once) ------------------------------------
# Two make dist at once in one tree: every run exits 0 and leaves an
# archive that reads whole and matches its SHA256SUMS.  (Under umask 022
# and the SOURCE_DATE_EPOCH of point 26, whose umask-022 archive this is:
# kept as $tmp/first.tar.gz.)
dist_pair() {
	rm -f "$dist"
	(umask 022 && mk_dated dist) > "$tmp/d1.log" 2>&1 &
	p1=$!
	(umask 022 && mk_dated dist) > "$tmp/d2.log" 2>&1 &
	p2=$!
	wait "$p1" ||
		fail "31.2: the first of two make dist: $(tail -3 "$tmp/d1.log")"
	wait "$p2" ||
		fail "31.2: the second of two make dist: $(tail -3 "$tmp/d2.log")"
	verify "$dist" "31.2 (two dist at once)"
	cp "$dist" "$tmp/first.tar.gz"
}

# make check: 31.1 checks the archive of 31.2's two make dist at once,
# made in the same state (with a SOURCE_DATE_EPOCH equal to the input's
# own date, so the same papers); make check-full: a make dist of its own
# too, as before, and 31.2's pair after 31.1/30.
if e2e_full; then
	mk dist > "$tmp/make.log" 2>&1 ||
		fail "31.1: make dist: $(tail -3 "$tmp/make.log")"
	check_31_1 "$dist"
else
	dist_pair
	check_31_1 "$tmp/first.tar.gz"
fi

# --- 31.1 and 30: no release that the audit can undo ------------------
# make dist runs scrpaper audit (--pooled when pool is on) before it
# renders anything: a binary whose audit works back a figure (exit 1) gets
# no archive, and the audit's words reach the user.
printf '%s\n' '#!/bin/sh' \
    '[ "$1" = audit ] && { echo "audit: recovered Eastwick: boys = 2"; exit 1; }' \
    "exec \"$SCRPAPER\" \"\$@\"" > "$tmp/leaky"
chmod +x "$tmp/leaky"
rm -f "$dist"
make -o "$tmp/leaky" BIN="$tmp/leaky" INPUT=in dist > "$tmp/leak.log" 2>&1 &&
	fail "31.1/30: make dist made a release the audit can undo"
[ -e "$dist" ] && fail "31.1/30: an archive was left after a failed audit"
grep -q 'audit: recovered Eastwick: boys = 2' "$tmp/leak.log" &&
    grep -q 'no release made' "$tmp/leak.log" ||
	fail "31.1/30: make dist did not say why: $(tail -3 "$tmp/leak.log")"
grep -q 'rendering afresh' "$tmp/leak.log" &&
	fail "31.1/30: make dist rendered before it audited"
# With pool on, the audit reads the pooled totals too.
printf '%s\n' '#!/bin/sh' \
    "[ \"\$1\" = audit ] && { echo \"\$*\" > \"$tmp/audit.argv\"; exit 1; }" \
    "exec \"$SCRPAPER\" \"\$@\"" > "$tmp/argv"
chmod +x "$tmp/argv"
cp in/report.yaml "$tmp/report.keep"
sed -i "s/^disclosure:\$/disclosure:\n  pool: true/" in/report.yaml
make -o "$tmp/argv" BIN="$tmp/argv" INPUT=in dist > "$tmp/leak.log" 2>&1
grep -q -- '--pooled' "$tmp/audit.argv" 2>/dev/null ||
	fail "31.1/30: with pool on, make dist audited without --pooled"
cp "$tmp/report.keep" in/report.yaml

# --- 31.2 ------------------------------------------------------------
# Two make dist at once in one tree (dist_pair, above; under make check
# already run for 31.1), and dist among the other targets with -j4: every
# run exits 0 and leaves an archive that reads whole and matches its
# SHA256SUMS, the same bytes as make dist's; no temporary archive is
# left.  make check runs the -j4 one under umask 077, so that its archive
# is point 26's umask-077 one too (other bytes than first.tar.gz's: -j4
# or the umask changed them); make check-full under umask 022, and point
# 26 makes its own.
e2e_full && dist_pair
jmask=077
e2e_full && jmask=022
(umask $jmask && mk_dated -j4 variants html data dist) > "$tmp/j4.log" 2>&1 ||
	fail "31.2: make -j4 variants html data dist (umask $jmask): $(tail -3 "$tmp/j4.log")"
verify "$dist" "31.2 (-j4)"
cmp -s "$dist" "$tmp/first.tar.gz" ||
	fail "31.2: make -j4 ... dist (umask $jmask) gave other bytes than make dist (umask 022)"
ls output build | grep -e '\.tar\.gz\.' -e 'dist-stage' &&
	fail "31.2: a temporary archive or staging folder was left (above)"

# --- 26 (the release complete) ---------------------------------------
# The same bytes under umask 077 and 022; the HTML edition beside every
# PDF; fixed modes, owner, mtime; a README at the top that names every
# file; every CSV one table that Python's csv reads with no options.
# (The archive under umask 022: point 31.2's first.  Under umask 077:
# make check, 31.2's -j4 one; make check-full, a make dist of its own.)
cp "$tmp/first.tar.gz" "$tmp/umask022.tar.gz"
if e2e_full; then
	rm -f "$dist"
	(umask 077 && mk_dated dist) > "$tmp/u.log" 2>&1 ||
		fail "26: make dist under umask 077: $(tail -3 "$tmp/u.log")"
fi
cp "$dist" "$tmp/umask077.tar.gz"
cmp -s "$tmp/umask077.tar.gz" "$tmp/umask022.tar.gz" ||
	fail "26: umask 077 and 022 give different archives"
verify "$tmp/umask077.tar.gz" 26
TZ=UTC tar -tvzf "$tmp/umask077.tar.gz" | awk '
	$1 != "-rw-r--r--" && $1 != "drwxr-xr-x" { print "mode " $0 }
	$2 != "0/0" { print "owner " $0 }
	$4 " " $5 != "2009-11-30 00:00" { print "mtime " $0 }' > "$tmp/bad"
[ ! -s "$tmp/bad" ] || fail "26: entries not fixed: $(head -3 "$tmp/bad")"
for f in "$tmp"/v/papers/background-paper$sfx.pdf "$tmp"/v/papers/lscb/*.pdf; do
	grep -q '<html' "${f%.pdf}.html" 2>/dev/null ||
		fail "26: no HTML edition beside ${f#"$tmp"/v/}"
	[ "$(unzip -p "${f%.pdf}.odt" mimetype 2>/dev/null)" = \
	    application/vnd.oasis.opendocument.text ] ||
		fail "26: no ODT edition beside ${f#"$tmp"/v/}"
done
[ -f "$tmp/v/papers/README.txt" ] || fail "26: no README at the top"
for f in $(cd "$tmp/v/papers" && find . -type f ! -name README.txt |
    sed -e 's|^\./||' -e 's#^lscb/[a-z-]*\.\(pdf\|html\|odt\)$#lscb/SLUG.\1#' |
    sort -u); do
	grep -q -F "$f" "$tmp/v/papers/README.txt" ||
		fail "26: the README does not say what $f is for"
done
python3 "$e2e/issue31_csv_tables.py" "$tmp/v/papers" || fail "26: a CSV is not one table (above)"
grep -q '^study,name,percent,text$' "$tmp/v/papers/national.csv" 2>/dev/null ||
	fail "26: the national comparators' table is not in its own file"

# --- 28 (the ODT edition in the release) -----------------------------
# Its parts are deflated, so a grep of the staging folder cannot see a
# marking in them: a binary that leaves a restricted board ODT among the
# public ones, or drops one board's ODT, makes make dist fail and leaves
# no archive.
mkdir "$tmp/marked" && chmod 700 "$tmp/marked"
"$SCRPAPER" render --input in --all-lscbs --edition restricted \
    --format odt -o "$tmp/marked" 2>/dev/null ||
	fail "28: cannot render the restricted ODT edition"
unzip -p "$tmp/marked/eastwick.odt" | grep -q -a OFFICIAL-SENSITIVE ||
	fail "28: the restricted eastwick.odt is not marked"
for how in leak drop; do
	cat > "$tmp/$how" <<EOF
#!/bin/sh
"$SCRPAPER" "\$@" || exit
case " \$* " in *" --all-lscbs "*"--format odt "*) ;; *) exit 0 ;; esac
for d; do :; done
case $how in
leak) cp "$tmp/marked/eastwick.odt" "\$d/eastwick.odt" ;;
drop) rm -f "\$d/eastwick.odt" ;;
esac
EOF
	chmod 755 "$tmp/$how"
	rm -f "$dist"
	make -o "$tmp/$how" BIN="$tmp/$how" INPUT=in dist > "$tmp/$how.log" 2>&1 &&
		fail "28: make dist packed with a board ODT (${how})"
	case $how in
	leak) want='a restricted file in the release' ;;
	drop) want='3 board papers in PDF, 3 in HTML, 2 in ODT' ;;
	esac
	grep -q "$want" "$tmp/$how.log" ||
		fail "28 ($how): make dist did not say '$want': $(tail -2 "$tmp/$how.log")"
	[ ! -e "$dist" ] || fail "28 ($how): make dist left an archive"
done

# --- 32.8 (Ctrl-C during make variants) ------------------------------
# The ledger's temporary file figures.csv.XXXXXX is removed when make is
# interrupted while writing it (a binary that stalls inside `figures`).
cat > "$tmp/slow" <<EOF
#!/bin/sh
if [ "\$1" = figures ]; then echo partial; exec sleep 60; fi
exec "$SCRPAPER" "\$@"
EOF
chmod 755 "$tmp/slow"
rm -rf "$lscb"
# make in a process group of its own, SIGINT not ignored (a background
# job of a script ignores it), as a terminal's Ctrl-C reaches it.
python3 "$e2e/own_group.py" make -o "$tmp/slow" BIN="$tmp/slow" \
    INPUT=in variants > "$tmp/int.log" 2>&1 &
mpid=$!
i=0
while ! ls "$lscb" 2>/dev/null | grep -q '^figures\.csv\.' &&
    [ $i -lt 600 ]; do
	sleep 0.1
	i=$((i + 1))
done
ls "$lscb" 2>/dev/null | grep -q '^figures\.csv\.' ||
	fail "32.8: make variants never wrote its temporary ledger"
/bin/kill -s INT -- "-$mpid" || fail "32.8: cannot signal make"
wait "$mpid"
rc=$?
sleep 0.5
[ "$rc" -ne 0 ] || fail "32.8: make variants was not interrupted"
ls "$lscb" | grep '^figures\.csv' &&
	fail "32.8: Ctrl-C left the temporary ledger (above)"

exit "$failed"

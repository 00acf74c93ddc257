#!/bin/sh
# Issue 32, "the check before publication must never lie": one
# regression check a point, each named after it ("32.N"), for the
# points about audit --published, the CSV cells a spreadsheet would run,
# data -o and the restricted folder, SOURCE_DATE_EPOCH, make INPUT=
# with a space and the signals' exit codes.  The reader's every error
# and the rate wording are checked in test_fig_audit.c and
# test_fill_period.c.
# make check runs every point once: three lengths of random bytes for
# 32.2 and the restricted folder's mode (32.8) on tests/data/variants;
# make check-full adds the other 27 lengths and renders the restricted
# folder from input/ (every board) instead.
set -u
. tests/e2e/lib.sh
e2e_setup issue32
e2e_need python3

# Runs the remaining arguments; $rc, $tmp/out and $tmp/err hold the result.
run() {
	"$@" > "$tmp/out" 2> "$tmp/err"
	rc=$?
}

# A publication of input/ in $1: DIR/figures.csv, DIR/lscb/figures.csv.
publish() {
	mkdir -p "$1/lscb"
	"$SCRPAPER" figures ${2:+--input "$2"} > "$1/figures.csv" &&
	    "$SCRPAPER" figures ${2:+--input "$2"} --all-lscbs \
	    > "$1/lscb/figures.csv" || fail "cannot publish $1"
}

# audit --published $1 must refuse (exit 1, a FILE:LINE:COL or FILE:
# error on standard error naming the ledger, no OK) -- $2 says what.
refused() {
	run "$SCRPAPER" audit --published "$1"
	[ "$rc" -eq 1 ] || fail "$2: audit exited $rc: $(cat "$tmp/out" "$tmp/err")"
	grep -q "figures.csv:\([0-9]*:[0-9]*:\)\{0,1\} error: " "$tmp/err" ||
		fail "$2: no FILE:LINE:COL error: $(head -c 600 "$tmp/err")"
	grep -q 'OK' "$tmp/out" && fail "$2: audit says OK"
}

# ------------------------------------------------------------- 32.1
# An empty or header-only ledger, as a typo leaves it, is refused; a
# whole publication passes with an OK line that says what was read.
publish "$tmp/pub"
run "$SCRPAPER" audit --published "$tmp/pub"
[ "$rc" -eq 0 ] || fail "32.1: a whole publication: exit $rc: $(cat "$tmp/err")"
nb=$(grep -c '^[^,]*,cases,count,' "$tmp/pub/lscb/figures.csv")
cells=$(tail -n +2 "$tmp/pub/lscb/figures.csv" | grep -vc ',out_of_period,')
hidden=$(tail -n +2 "$tmp/pub/lscb/figures.csv" | grep -v ',out_of_period,' |
    python3 -c 'import csv,sys; print(sum(1 for r in csv.reader(sys.stdin) if r[3] == ""))')
grep -q "^audit: $tmp/pub/lscb/figures.csv and $tmp/pub/figures.csv: $nb boards, 1 period, $((cells - hidden)) of $cells board figures shown ($hidden hidden), no suppressed figure can be worked back: OK\$" \
    "$tmp/out" || fail "32.1: the OK line does not say what was read" \
    "($nb boards, $cells cells, $hidden hidden): $(cat "$tmp/out")"
[ "$hidden" -gt 0 ] || fail "32.1: no hidden cell in input/'s ledgers"
cp -R "$tmp/pub" "$tmp/p1"
: > "$tmp/p1/lscb/figures.csv"
refused "$tmp/p1" "32.1 an empty lscb/figures.csv"
grep -q "lscb/figures.csv:1:1: error: empty" "$tmp/err" ||
	fail "32.1: $(cat "$tmp/err")"
# The typo of the issue: --all-lscb exits 2 and leaves an empty file.
"$SCRPAPER" figures --all-lscb > "$tmp/p1/lscb/figures.csv" 2>/dev/null
refused "$tmp/p1" "32.1 figures --all-lscb > lscb/figures.csv"
head -1 "$tmp/pub/lscb/figures.csv" > "$tmp/p1/lscb/figures.csv"
refused "$tmp/p1" "32.1 a header-only lscb/figures.csv"
grep -q "lscb/figures.csv:2:1: error: no rows" "$tmp/err" ||
	fail "32.1: $(cat "$tmp/err")"
cp "$tmp/pub/lscb/figures.csv" "$tmp/p1/lscb/figures.csv"
head -1 "$tmp/pub/figures.csv" > "$tmp/p1/figures.csv"
refused "$tmp/p1" "32.1 a header-only figures.csv"
: > "$tmp/p1/figures.csv"
refused "$tmp/p1" "32.1 an empty figures.csv"
# Cut at a line: boards missing.
cp "$tmp/pub/figures.csv" "$tmp/p1/figures.csv"
head -200 "$tmp/pub/lscb/figures.csv" > "$tmp/p1/lscb/figures.csv"
refused "$tmp/p1" "32.1 a ledger cut at a line"
grep -q "lscb/figures.csv: error: no row of these [0-9]* boards of report.yaml: 'Brent', .* and [0-9]* more$" \
    "$tmp/err" || fail "32.1: the missing board is not named: $(head -5 "$tmp/err")"

# ------------------------------------------------------------- 32.2
# Any unparsable ledger is an error at FILE:LINE:COL on standard error
# (so it is seen with standard output redirected), exit 1, never a
# crash: one byte, and random bytes.
cp "$tmp/pub/figures.csv" "$tmp/p1/figures.csv"
printf 'x' > "$tmp/p1/lscb/figures.csv"
refused "$tmp/p1" "32.2 one byte"
grep -q "lscb/figures.csv:1:1: error: not a ledger" "$tmp/err" ||
	fail "32.2: $(cat "$tmp/err")"
# make check: three lengths (1, 519 and 1074 bytes); make check-full:
# all thirty, 1 to 1074 bytes.
sizes="0 14 29"
e2e_full && sizes=$(seq 0 29)
for i in $sizes; do
	head -c $((i * 37 + 1)) /dev/urandom > "$tmp/p1/lscb/figures.csv"
	refused "$tmp/p1" "32.2 random bytes ($i)"
done
# A short row in the middle of a whole ledger, and Windows line ends.
sed '5s/,[^,]*$//' "$tmp/pub/lscb/figures.csv" > "$tmp/p1/lscb/figures.csv"
refused "$tmp/p1" "32.2 a short row"
grep -q "lscb/figures.csv:5:[0-9]*: error: a short row: 7 fields where the header has 8" \
    "$tmp/err" || fail "32.2: $(cat "$tmp/err")"
sed 's/$/\r/' "$tmp/pub/lscb/figures.csv" > "$tmp/p1/lscb/figures.csv"
refused "$tmp/p1" "32.2 Windows line ends"

# ------------------------------------------------------------- 32.6
# A board named as a formula: every CSV written (the ledgers, the open
# data set) leads the cell with ' and quotes it, and audit reads back
# what figures writes.
cp -R input "$tmp/in"
python3 tests/e2e/issue32_formula_board.py "$tmp/in"
publish "$tmp/p6" "$tmp/in"
"$SCRPAPER" data --input "$tmp/in" -o "$tmp/p6/data" 2>"$tmp/err" ||
	fail "32.6: data: $(cat "$tmp/err")"
for f in "$tmp/p6/lscb/figures.csv" "$tmp/p6/data/scr_figures.csv"; do
	grep -q "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"" "$f" ||
		fail "32.6: the formula is not neutralised in $f"
done
# Both files in one python3 process (it names the file that fails).
python3 tests/e2e/csv_no_formula.py "$tmp/p6/lscb/figures.csv" \
    "$tmp/p6/data/scr_figures.csv" || fail "32.6: a cell would run (above)"
run "$SCRPAPER" audit --input "$tmp/in" --published "$tmp/p6"
[ "$rc" -eq 0 ] || fail "32.6: audit does not read back what figures writes: $(cat "$tmp/out" "$tmp/err")"
# A share never negative: no number cell of input/'s ledgers starts with -.
grep -q ',-[0-9]' "$tmp/pub/lscb/figures.csv" "$tmp/pub/figures.csv" &&
	fail "32.6: a negative number in a ledger"

# ------------------------------------------------------------- 32.8
# data -o onto a link: refused before anything is written.
mkdir "$tmp/d8"
ln -s "$tmp/nowhere" "$tmp/d8/scr_figures.meta.csv"
run "$SCRPAPER" data -o "$tmp/d8"
[ "$rc" -eq 2 ] || fail "32.8: data -o with a link inside exited $rc"
grep -q "d8/scr_figures.meta.csv: a symbolic link, not a regular file; refusing to replace it" \
    "$tmp/err" || fail "32.8: $(cat "$tmp/err")"
[ "$(ls "$tmp/d8")" = scr_figures.meta.csv ] ||
	fail "32.8: data wrote beside the link: $(ls "$tmp/d8")"
[ -e "$tmp/nowhere" ] && fail "32.8: data wrote through the link"
mkdir "$tmp/d8b"
ln -s "$tmp/d8b" "$tmp/d8link"
run "$SCRPAPER" data -o "$tmp/d8link"
[ "$rc" -eq 2 ] || fail "32.8: data -o LINK exited $rc"
[ -z "$(ls "$tmp/d8b")" ] || fail "32.8: data wrote through -o LINK"
# The restricted folder is 0700 whatever the umask.  make check: the
# three boards of tests/data/variants (the folder's mode does not depend
# on the input); make check-full: input/'s boards.
r8in=tests/data/variants
e2e_full && r8in=input
(umask 000 && "$SCRPAPER" render --input "$r8in" --edition restricted \
    --all-lscbs --jobs 2 -o "$tmp/r8/restricted" >/dev/null 2>"$tmp/err") ||
	fail "32.8: restricted --all-lscbs: $(tail -3 "$tmp/err")"
[ "$(stat -c %a "$tmp/r8/restricted")" = 700 ] ||
	fail "32.8: the restricted folder is $(stat -c %a "$tmp/r8/restricted") under umask 000"

# ------------------------------------------------------------- 32.9
# SOURCE_DATE_EPOCH: digits only, at most 9999-12-31T23:59:59Z; else an
# error naming it, exit 1, nothing written.
for v in abc -1 1e9 253402300800 99999999999999999999 ' 1' 1.5; do
	run env SOURCE_DATE_EPOCH="$v" "$SCRPAPER" render -o "$tmp/e.pdf"
	[ "$rc" -eq 1 ] || fail "32.9: SOURCE_DATE_EPOCH='$v' exited $rc"
	grep -q "^scrpaper: SOURCE_DATE_EPOCH: " "$tmp/err" ||
		fail "32.9: SOURCE_DATE_EPOCH='$v': $(cat "$tmp/err")"
	[ -e "$tmp/e.pdf" ] && fail "32.9: SOURCE_DATE_EPOCH='$v' wrote a PDF"
done
if command -v pdfinfo >/dev/null 2>&1; then
	SOURCE_DATE_EPOCH=253402300799 "$SCRPAPER" render -o "$tmp/e.pdf" ||
		fail "32.9: the largest SOURCE_DATE_EPOCH is refused"
	pdfinfo -isodates "$tmp/e.pdf" | grep -q '^CreationDate: *9999-12-31T23:59:59' ||
		fail "32.9: $(pdfinfo -isodates "$tmp/e.pdf" | grep Date)"
fi
# make INPUT="dir with space" stops at once, saying why.
mkdir "$tmp/dir with space"
(make -s -f "$(pwd)/Makefile" -C "$tmp" INPUT="dir with space" \
    BIN="$SCRPAPER" -n > "$tmp/out" 2>&1)
rc=$?
[ "$rc" -ne 0 ] || fail "32.9: make INPUT='dir with space' exited 0"
grep -q "INPUT='dir with space': make cannot use a folder whose name has a space" \
    "$tmp/out" || fail "32.9: make says: $(head -3 "$tmp/out")"
# The signals' exit codes are documented where the exit codes are.
for f in README.md man/scrpaper.1; do
	for code in 129 130 143; do
		grep -q "$code" "$f" || fail "32.9: exit code $code not in $f"
	done
done

[ "$failed" -eq 0 ] || exit 1
echo "issue32: audit strict, CSV cells neutralised, data -o, SOURCE_DATE_EPOCH: OK"

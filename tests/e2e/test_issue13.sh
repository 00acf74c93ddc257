#!/bin/sh
# Issue 13, "nothing typeset is ever lost, nothing outside the output is
# ever touched": one regression check a point, each named after it
# ("13.N"), for the points about output files, worker processes, limits
# and messages.  The layout points are checked in test_render.c.
# make check runs every point; make check-full (CHECK_FULL=1) adds a
# second round of 13.5's two makes, 13.14's memory slope and its
# comparison of the last board's paper rendered alone.  The papers'
# pages are read with one pdftotext each (not one a page), the readbacks
# of 13.8 and 13.9 in one Python process, and the checks of templates
# share a solve cache.
set -u
. tests/e2e/lib.sh
e2e_setup issue13
e2e_need pgrep qpdf pdftotext
san=${SANITIZE:-0}

# Runs the remaining arguments; $rc, $tmp/out and $tmp/err hold the result.
run() {
	"$@" > "$tmp/out" 2> "$tmp/err"
	rc=$?
}

# The stat "mode owner" of a file.
modeown() { stat -c '%a %u' "$1"; }

# Whether process $1 is gone (or a zombie nobody has reaped yet).
gone() {
	[ ! -e "/proc/$1" ] ||
	    [ "$(sed 's/^.*) //' "/proc/$1/stat" 2>/dev/null | cut -c1)" = Z ]
}

# Starts render --all-lscbs (2 workers) into $1 in the background and
# waits until its workers run: $bgpid is the command, $workers theirs.
start_workers() {
	"$SCRPAPER" render --all-lscbs --jobs 2 -o "$1" 2> "$tmp/bgerr" &
	bgpid=$!
	workers=
	i=0
	while [ -z "$workers" ] && [ $i -lt 3000 ]; do
		workers=$(pgrep -P "$bgpid")
		[ -n "$workers" ] || sleep 0.01
		i=$((i + 1))
	done
	[ -n "$workers" ] || fail "13.x: no worker started"
}

# --- 13.1 ------------------------------------------------------------
# Nothing but a regular file is replaced at -o: a pipe, a folder, a link
# to a device (as /dev/stdout is) stay as they are, with exit 2.
mkdir "$tmp/o"
mkfifo "$tmp/o/fifo.pdf"
ln -s /dev/null "$tmp/o/null.pdf"
ln -s /dev/stdout "$tmp/o/stdout.pdf"
mkdir "$tmp/o/dir.pdf"
for f in fifo null stdout dir; do
	run "$SCRPAPER" render -o "$tmp/o/$f.pdf"
	[ "$rc" -eq 2 ] || fail "13.1 -o $f.pdf: exit $rc, expected 2"
	grep -q "refusing to replace it" "$tmp/err" ||
		fail "13.1 -o $f.pdf: no clear message: $(cat "$tmp/err")"
done
[ -p "$tmp/o/fifo.pdf" ] || fail "13.1: the fifo was replaced"
[ -L "$tmp/o/null.pdf" ] && [ -L "$tmp/o/stdout.pdf" ] ||
	fail "13.1: a link to a device was replaced"
[ -d "$tmp/o/dir.pdf" ] || fail "13.1: the folder was replaced"
# A board's paper in the way in --all-lscbs: refused before anything.
mkdir "$tmp/o/v"
mkfifo "$tmp/o/v/barnet.pdf"
run "$SCRPAPER" render --all-lscbs -o "$tmp/o/v"
[ "$rc" -eq 2 ] && grep -q "barnet.pdf: a pipe (fifo), not a regular file" "$tmp/err" ||
	fail "13.1 --all-lscbs: exit $rc: $(cat "$tmp/err")"
[ "$(ls "$tmp/o/v")" = barnet.pdf ] || fail "13.1: papers written anyway"
# Nor is a link to a regular file: neither it nor its target changes.
echo keep > "$tmp/o/target"
ln -s "$tmp/o/target" "$tmp/o/link.pdf"
run "$SCRPAPER" render -o "$tmp/o/link.pdf"
[ "$rc" -eq 2 ] && [ -L "$tmp/o/link.pdf" ] &&
    [ "$(cat "$tmp/o/target")" = keep ] || fail "13.1: a link to a file: exit $rc"

# --- 13.2 ------------------------------------------------------------
# The parent SIGKILLed: its workers die at once and write nothing more.
mkdir "$tmp/k"
start_workers "$tmp/k"
kill -KILL "$bgpid"
wait "$bgpid" 2> /dev/null
for w in $workers; do
	i=0
	# Polled (up to a minute on a loaded machine, sanitized).
	while ! gone "$w" && [ $i -lt 6000 ]; do sleep 0.01; i=$((i + 1)); done
	gone "$w" || fail "13.2: worker $w outlived its parent"
done
before=$(ls "$tmp/k" | wc -l)
sleep 0.5
after=$(ls "$tmp/k" | wc -l)
[ "$before" -eq "$after" ] || fail "13.2: papers written after the parent died"
[ "$after" -lt 33 ] || fail "13.2: the workers finished all 33 papers after their parent was killed"
ls "$tmp/k" | grep -v '\.pdf$' && fail "13.2: temporary files left"

# --- 13.3 ------------------------------------------------------------
# A worker that dies: reported by its board and signal, exit 3.
mkdir "$tmp/d"
start_workers "$tmp/d"
kill -KILL $(echo "$workers" | head -n 1)
wait "$bgpid"
rc=$?
[ "$rc" -eq 3 ] || fail "13.3: exit $rc after a worker was killed"
grep -q "the worker typesetting .* died of signal 9" "$tmp/bgerr" ||
	fail "13.3: no message naming the board and signal: $(cat "$tmp/bgerr")"

# --- 13.4 ------------------------------------------------------------
# A temporary file a killed run left is removed by the next run.
mkdir "$tmp/s"
: > "$tmp/s/paper.pdf.scrpaper-tmp-K1lLed"
run "$SCRPAPER" render -o "$tmp/s/paper.pdf"
[ "$rc" -eq 0 ] || fail "13.4: render: exit $rc"
[ "$(ls -A "$tmp/s")" = paper.pdf ] ||
	fail "13.4: a stale temporary file was left: $(ls -A "$tmp/s")"
# Low memory: a clear message and exit 3, never a bare signal, no file.
# (AddressSanitizer cannot run under an address-space limit.)
if [ "$san" != 1 ]; then
	for v in 40000 48000 56000 64000; do
		rm -f "$tmp/s/low.pdf"
		run sh -c 'ulimit -v "$1" && exec "$2" render -o "$3"' sh \
		    "$v" "$SCRPAPER" "$tmp/s/low.pdf"
		case $rc in
		0) qpdf --check "$tmp/s/low.pdf" > /dev/null 2>&1 ||
			fail "13.4 ulimit -v $v: a broken PDF" ;;
		3) grep -q "out of memory" "$tmp/err" ||
			fail "13.4 ulimit -v $v: no message: $(cat "$tmp/err")"
		   [ ! -e "$tmp/s/low.pdf" ] ||
			fail "13.4 ulimit -v $v: a file was left" ;;
		# The dynamic loader itself may not fit (before any of
		# scrpaper runs): not what is tested here.
		127) grep -q "error while loading shared libraries" "$tmp/err" ||
			fail "13.4 ulimit -v $v: exit 127: $(cat "$tmp/err")" ;;
		*) fail "13.4 ulimit -v $v: exit $rc: $(tail -n 2 "$tmp/err")" ;;
		esac
	done
	[ "$(ls -A "$tmp/s" | grep -v '^paper.pdf$' | grep -v '^low.pdf$')" = "" ] ||
		fail "13.4: files left under low memory: $(ls -A "$tmp/s")"
fi

# --- 13.5 ------------------------------------------------------------
# Two `make variants` at once in one tree both succeed.  The binary is a
# wrapper that skips the rendering (tested elsewhere) and lingers after
# printing the ledger, so the two runs' ledger steps overlap every time.
if command -v make > /dev/null; then
	mkdir "$tmp/tree"
	cp -r Makefile input templates fonts "$tmp/tree/"
	printf '#!/bin/sh\n[ "$1" = render ] && exit 0\n"%s" "$@" || exit\nsleep 0.5\n' \
	    "$SCRPAPER" > "$tmp/tree/slow-scrpaper"
	chmod +x "$tmp/tree/slow-scrpaper"
	"$SCRPAPER" figures --all-lscbs > "$tmp/ledger"
	# make variants in the copy, the binary under test given (-o): the
	# SANITIZE=1 of `make check SANITIZE=1` (in MAKEFLAGS) would point
	# LSAN_OPTIONS at suppressions this copy does not have.
	mkv() {
		(unset MAKEFLAGS MFLAGS MAKELEVEL SANITIZE
		cd "$tmp/tree" && make -s variants \
		    BIN="$tmp/tree/slow-scrpaper" -o "$tmp/tree/slow-scrpaper") \
		    > "$1" 2>&1
	}
	# make check: one round (the two makes overlap every time); make
	# check-full: a second.
	rounds=1
	e2e_full && rounds="1 2"
	for round in $rounds; do
		rm -rf "$tmp/tree/output"
		mkv "$tmp/m1" &
		m1=$!
		mkv "$tmp/m2" &
		m2=$!
		wait "$m1" || fail "13.5 round $round: first make: $(cat "$tmp/m1")"
		wait "$m2" || fail "13.5 round $round: second make: $(cat "$tmp/m2")"
		cmp -s "$tmp/tree/output/lscb/figures.csv" "$tmp/ledger" ||
			fail "13.5 round $round: figures.csv is not the ledger"
		[ "$(ls -A "$tmp/tree/output/lscb" | grep -v '^figures.csv$' |
		    grep -v '^.done$')" = "" ] ||
			fail "13.5: stray files: $(ls -A "$tmp/tree/output/lscb")"
	done
fi

# --- 13.6 ------------------------------------------------------------
# A re-rendered paper keeps its mode, and as root its owner.
mkdir "$tmp/m"
"$SCRPAPER" render -o "$tmp/m/paper.pdf" || fail "13.6: render"
chmod 600 "$tmp/m/paper.pdf"
[ "$(id -u)" -eq 0 ] && chown 65534:65534 "$tmp/m/paper.pdf"
want=$(modeown "$tmp/m/paper.pdf")
"$SCRPAPER" render --lscb Barnet -o "$tmp/m/paper.pdf" || fail "13.6: render again"
[ "$(modeown "$tmp/m/paper.pdf")" = "$want" ] ||
	fail "13.6: mode/owner $(modeown "$tmp/m/paper.pdf"), was $want"

# --- 13.7 ------------------------------------------------------------
# An unbreakable word in a table cell breaks inside its column: every
# character and every other cell stays on the page.
long=$(printf 'W%.0s' $(seq 1 200))
printf '# T\n\n| Alpha | Beta | Gamma |\n| - | - | - |\n| %s | two | three |\n' \
	"$long" > "$tmp/word.tmpl"
run "$SCRPAPER" render --template "$tmp/word.tmpl" -o "$tmp/word.pdf"
[ "$rc" -eq 0 ] || fail "13.7: exit $rc: $(cat "$tmp/err")"
pdftotext "$tmp/word.pdf" "$tmp/word.txt"
[ "$(tr -cd W < "$tmp/word.txt" | wc -c)" -eq 200 ] ||
	fail "13.7: $(tr -cd W < "$tmp/word.txt" | wc -c) of the word's 200 characters printed"
for w in Alpha Beta Gamma two three; do
	grep -q "$w" "$tmp/word.txt" || fail "13.7: cell '$w' lost"
done

# --- 13.8 and 13.9 --------------------------------------------------
# A table row taller than a page, and a footnote too long for a page's
# foot, were cut or drawn over the text.  Now the row's cells continue on
# the next page under the repeated header row, and the footnote continues
# at the foot of the next page: every word is printed once, in order,
# inside the body area (never over the footer or another word).
# The readback (tests/e2e/issue13_readback.py PDF N: every word0 ..
# word(N-1) once and in order, and every word of every page inside the
# body area, no two words overlapping) of both papers runs in one Python
# process, after them.
# pages_lacking PDF IF NEED [OPTION...]: the number of each page of PDF
# with a line matching the regular expression IF and none matching NEED,
# one a line, into $tmp/lacking; the pages read from one pdftotext
# OPTION... (split at the form feed that ends each) rather than one a
# page.  Fails unless there are as many as PDF has pages.
pages_lacking() {
	pdf=$1
	if_re=$2
	need_re=$3
	shift 3
	pdftotext "$@" "$pdf" - | awk -v if_re="$if_re" -v need_re="$need_re" \
	    -v count="$tmp/npages" -v lacking="$tmp/lacking" '
	    BEGIN { RS = "\f"; printf "" > lacking }
	    { n = split($0, line, "\n"); has = 0; ok = 0
	      for (i = 1; i <= n; i++) {
		if (line[i] ~ if_re) has = 1
		if (line[i] ~ need_re) ok = 1
	      }
	      if (has && !ok) print NR > lacking }
	    END { print NR > count }'
	[ "$(cat "$tmp/npages")" = \
	    "$(pdfinfo "$pdf" | sed -n 's/^Pages: *//p')" ] ||
	    fail "13.x: pdftotext did not read $pdf page by page"
}
{
	printf '# T\n\n| A | B |\n| - | - |\n| x |'
	i=0; while [ $i -lt 3000 ]; do printf ' word%d' $i; i=$((i + 1)); done
	printf ' |\n| y | z |\n'
} > "$tmp/tallrow.tmpl"
run "$SCRPAPER" render --template "$tmp/tallrow.tmpl" -o "$tmp/tallrow.pdf"
[ "$rc" -eq 0 ] || fail "13.8: exit $rc: $(cat "$tmp/err")"
if [ -f "$tmp/tallrow.pdf" ]; then
	pages=$(pdfinfo "$tmp/tallrow.pdf" | sed -n 's/^Pages: *//p')
	[ "$pages" -ge 3 ] || fail "13.8: $pages pages for the tall row"
	# The header row heads every page the row runs on.
	pages_lacking "$tmp/tallrow.pdf" 'word' '^ *A  *B *$' -layout
	for pg in $(cat "$tmp/lacking"); do
		fail "13.8: page $pg has no header row"
	done
	pdftotext "$tmp/tallrow.pdf" - | grep -q '^z$' ||
	    fail "13.8: the row after the tall one is lost"
fi
{
	printf '# T\n\nText with a note.[^n]\n\n[^n]:'
	i=0; while [ $i -lt 1500 ]; do printf ' word%d' $i; i=$((i + 1)); done
	printf '\n'
} > "$tmp/longnote.tmpl"
run "$SCRPAPER" render --template "$tmp/longnote.tmpl" -o "$tmp/longnote.pdf"
[ "$rc" -eq 0 ] || fail "13.9: exit $rc: $(cat "$tmp/err")"
set --
[ -f "$tmp/tallrow.pdf" ] && set -- "$@" "$tmp/tallrow.pdf" 3000
[ -f "$tmp/longnote.pdf" ] && set -- "$@" "$tmp/longnote.pdf" 1500
if [ $# -gt 0 ]; then
	python3 tests/e2e/issue13_readback.py "$@" > "$tmp/rb"
	rc=$?
	grep -q "^$tmp/tallrow.pdf: " "$tmp/rb" &&
	    fail "13.8: $(sed -n "s|^$tmp/tallrow.pdf: ||p" "$tmp/rb")"
	grep -q "^$tmp/longnote.pdf: " "$tmp/rb" &&
	    fail "13.9: $(sed -n "s|^$tmp/longnote.pdf: ||p" "$tmp/rb")"
	[ "$rc" -eq 0 ] || [ -s "$tmp/rb" ] ||
	    fail "13.8/13.9: issue13_readback.py exited $rc"
fi
if [ -f "$tmp/longnote.pdf" ]; then
	pages=$(pdfinfo "$tmp/longnote.pdf" | sed -n 's/^Pages: *//p')
	[ "$pages" -ge 2 ] || fail "13.9: $pages pages for the long footnote"
	# The text that calls the footnote is on its first page.
	pdftotext -l 1 "$tmp/longnote.pdf" - | grep -q 'Text with a note' ||
	    fail "13.9: the note's reference is not on its first page"
	pdftotext -l 1 "$tmp/longnote.pdf" - | grep -q 'word0' ||
	    fail "13.9: the note does not start on its reference's page"
	# The structure has every word too, in order.
	[ "$(pdfinfo -struct-text "$tmp/longnote.pdf" | tr ' ' '\n' |
	    grep -c 'word[0-9]')" -ge 1500 ] ||
	    fail "13.9: words missing from the structure"
fi
# Both together, with body text after them: a long footnote in a tall row.
{
	printf '# T\n\n| A | B |\n| - | - |\n| x[^n] |'
	i=0; while [ $i -lt 1200 ]; do printf ' word%d' $i; i=$((i + 1)); done
	printf ' |\n\n[^n]:'
	while [ $i -lt 2400 ]; do printf ' word%d' $i; i=$((i + 1)); done
	printf '\n\nAfter.\n'
} > "$tmp/both.tmpl"
run "$SCRPAPER" render --template "$tmp/both.tmpl" -o "$tmp/both.pdf"
[ "$rc" -eq 0 ] || fail "13.8/13.9: exit $rc: $(cat "$tmp/err")"
if [ -f "$tmp/both.pdf" ]; then
	# The note's words follow the row's on the pages (the row's first).
	pdftotext "$tmp/both.pdf" - | grep -q '^After\.$' ||
	    fail "13.8/13.9: the text after is lost"
	[ "$(pdftotext "$tmp/both.pdf" - | grep -o 'word[0-9]*' | sort -u |
	    wc -l)" -eq 2400 ] || fail "13.8/13.9: words lost"
fi

# --- 13.10 -----------------------------------------------------------
# A table longer than a page repeats its header row on every page, as
# page furniture: the structure (what a screen reader reads) has it once.
{
	printf '# T\n\n| Board | Cases |\n| - | -: |\n'
	i=1; while [ $i -le 90 ]; do printf '| Row %d | %d |\n' $i $i; i=$((i + 1)); done
} > "$tmp/long.tmpl"
run "$SCRPAPER" render --template "$tmp/long.tmpl" -o "$tmp/long.pdf"
[ "$rc" -eq 0 ] || fail "13.10: exit $rc: $(cat "$tmp/err")"
pages=$(pdfinfo "$tmp/long.pdf" | sed -n 's/^Pages: *//p')
[ "$pages" -ge 3 ] || fail "13.10: $pages pages"
pages_lacking "$tmp/long.pdf" '^Row ' '^Board'
for pg in $(cat "$tmp/lacking"); do
	fail "13.10: page $pg has rows and no header"
done
[ "$(pdftotext "$tmp/long.pdf" - | grep -c '^Row ')" -eq 90 ] ||
	fail "13.10: rows lost"
[ "$(pdfinfo -struct-text "$tmp/long.pdf" | grep -c '"Board"')" -eq 1 ] ||
	fail "13.10: the repeated header is in the structure"

# --- 13.11 -----------------------------------------------------------
# The scripts a London board's paper can meet are typeset (fonts/ holds
# Noto fallbacks), and a board name in one of them too; a character no
# font has (an emoji) is an error naming it and its place.
printf '# T\n\nArabic مرحبا, Urdu اردو ٹ ے, Bengali বাংলা, Gujarati ગુજરાતી, Punjabi ਪੰਜਾਬੀ, Hindi हिन्दी, Tamil தமிழ், Hebrew שלום.\n' \
	> "$tmp/scripts.tmpl"
run "$SCRPAPER" render --template "$tmp/scripts.tmpl" -o "$tmp/scripts.pdf"
[ "$rc" -eq 0 ] || fail "13.11: exit $rc: $(cat "$tmp/err")"
pdftotext "$tmp/scripts.pdf" "$tmp/scripts.txt"
for w in বাংলা ગુજરાતી ਪੰਜਾਬੀ தமிழ் ٹ; do
	grep -q "$w" "$tmp/scripts.txt" || fail "13.11: '$w' not in the text layer"
done
grep -Eq '(^| )[0-9A-F]{2} [0-9A-F]{2}( |$)' "$tmp/scripts.txt" &&
	fail "13.11: hex boxes in the text layer: $(cat "$tmp/scripts.txt")"
printf '# T\n\nA line.\n\nSmile 😀 here.\n' > "$tmp/emoji.tmpl"
run "$SCRPAPER" render --template "$tmp/emoji.tmpl" -o "$tmp/emoji.pdf"
[ "$rc" -eq 1 ] && [ ! -e "$tmp/emoji.pdf" ] || fail "13.11 emoji: exit $rc"
grep -q 'emoji.tmpl:5:1: error: no font in the fonts folder has a glyph for U+1F600 "😀" (in "Smile 😀 here.")' \
	"$tmp/err" || fail "13.11 emoji: $(cat "$tmp/err")"
# A board name in Bengali, in the board's paper.
sed 's/^  - Barnet$/  - বার্নেট/; s/^  Barnet: /  বার্নেট: /' input/report.yaml \
	> "$tmp/rep.yaml"
mkdir "$tmp/bn"
cp -r input/cases input/codebook.yaml input/national.yaml "$tmp/bn/"
cp "$tmp/rep.yaml" "$tmp/bn/report.yaml"
sed -i 's/^lscb: Barnet$/lscb: বার্নেট/' "$tmp/bn/cases/"*.yaml
run "$SCRPAPER" render --input "$tmp/bn" --lscb বার্নেট -o "$tmp/bn.pdf"
[ "$rc" -eq 0 ] || fail "13.11 Bengali board: exit $rc: $(cat "$tmp/err")"
pdftotext "$tmp/bn.pdf" - | grep -q বার্নেট || fail "13.11: the Bengali board name is not in its paper"

# From here on, the commands whose point is a template's (the messages,
# the limits, --all-lscbs's fills) share one solve cache (--cache):
# input/'s suppression is solved once, not by every check
# (tests/e2e/test_solve_cache.sh checks that a cached solve prints what a
# solve prints).
cache="--cache $tmp/cache"

# --- 13.12 -----------------------------------------------------------
# @chart over text, negative values or too many series, and an empty
# template: a clear FILE:LINE:COL error, exit 1, nothing written.
printf '# T\n\n| A | B |\n| - | - |\n| x | words |\n| y | -3 |\n\n@chart Cap\n' \
	> "$tmp/c1.tmpl"
run "$SCRPAPER" render --template "$tmp/c1.tmpl" -o "$tmp/c1.pdf"
[ "$rc" -eq 1 ] && [ ! -e "$tmp/c1.pdf" ] || fail "13.12 chart over text: exit $rc"
grep -q 'c1.tmpl:5:7: error: @chart cannot draw "words"' "$tmp/err" &&
    grep -q 'c1.tmpl:6:7: error: @chart cannot draw the negative value "-3"' \
    "$tmp/err" || fail "13.12 chart over text: $(cat "$tmp/err")"
{
	printf '# T\n\n|A'
	i=0; while [ $i -lt 63 ]; do printf '|S%d' $i; i=$((i + 1)); done
	printf '|\n|-'
	i=0; while [ $i -lt 63 ]; do printf '|-'; i=$((i + 1)); done
	printf '|\n|x'
	i=0; while [ $i -lt 63 ]; do printf '|1'; i=$((i + 1)); done
	printf '|\n\n@chart Cap\n'
} > "$tmp/c3.tmpl"
run "$SCRPAPER" check $cache --template "$tmp/c3.tmpl"
[ "$rc" -eq 1 ] && grep -q "c3.tmpl:7:1: error: @chart draws 1 to 3 series" \
	"$tmp/err" || fail "13.12 63 series: exit $rc: $(cat "$tmp/err")"
: > "$tmp/empty.tmpl"
cp "$tmp/word.pdf" "$tmp/good.pdf"
run "$SCRPAPER" render --template "$tmp/empty.tmpl" -o "$tmp/good.pdf"
[ "$rc" -eq 1 ] && grep -q "empty.tmpl: error: the paper would be empty" \
	"$tmp/err" || fail "13.12 empty template: exit $rc: $(cat "$tmp/err")"
cmp -s "$tmp/good.pdf" "$tmp/word.pdf" || fail "13.12: an empty template replaced a good paper"

# --- 13.13 -----------------------------------------------------------
# Template errors are capped at 50 a file, then one "too many errors".
i=0
while [ $i -lt 2000 ]; do echo "{nosuch$i} and {::: x"; i=$((i + 1)); done \
	> "$tmp/bad.tmpl"
run "$SCRPAPER" check $cache --template "$tmp/bad.tmpl"
[ "$rc" -eq 1 ] || fail "13.13: exit $rc"
n=$(grep -c "bad.tmpl:[0-9]*:[0-9]*: error:" "$tmp/err")
[ "$n" -eq 51 ] || fail "13.13: $n errors printed, expected 50 and one more"
grep -q "bad.tmpl:[0-9]*:[0-9]*: error: too many errors" "$tmp/err" ||
	fail "13.13: no 'too many errors'"
# Prose warnings too: 50 printed, then how many more; as errors
# (--strict), capped as errors are.
awk 'BEGIN { print "# T\n"
	for (i = 0; i < 300; i++) print "There were 3 cases and 4 more." }' \
	> "$tmp/lint.tmpl"
run "$SCRPAPER" check $cache --template "$tmp/lint.tmpl"
[ "$rc" -eq 0 ] && [ "$(grep -c "typed as text" "$tmp/err")" -eq 50 ] &&
    grep -q "lint.tmpl: warning: 550 more prose warnings not shown" "$tmp/err" ||
	fail "13.13 prose warnings: exit $rc, $(grep -c "typed as text" "$tmp/err") printed"
run "$SCRPAPER" check $cache --strict --template "$tmp/lint.tmpl"
[ "$rc" -eq 1 ] && [ "$(grep -c "error: quantity" "$tmp/err")" -eq 50 ] &&
    grep -q "error: too many errors" "$tmp/err" ||
	fail "13.13 prose errors: exit $rc, $(grep -c "error: quantity" "$tmp/err") printed"
# A board name longer than the documented limit is refused where it is
# written, before any file name is made of it.
cp -r input "$tmp/in"
long=$(printf 'B%.0s' $(seq 1 300))
sed "s/^  - Barnet\$/&\\n  - $long/" input/report.yaml > "$tmp/in/report.yaml"
grep -q "$long" "$tmp/in/report.yaml" || fail "13.13: the long board is not in report.yaml"
run "$SCRPAPER" check --input "$tmp/in"
[ "$rc" -eq 1 ] || fail "13.13 long board name: exit $rc"
grep -q "report.yaml:[0-9]*:[0-9]*: error: board name longer than 100 characters" \
	"$tmp/err" || fail "13.13 long board name: $(cat "$tmp/err")"

# --- 13.14 -----------------------------------------------------------
# Memory bounded inside the limits: each MiB of template past the first
# costs at most 50 MB of peak RSS (a 16 MiB template, the limit, then
# renders in under 1 GB; each MiB cost 73 MB when every laid-out line was
# kept until the paper was painted).  Memory, not time: the timings and
# the linearity of each pass are in `make bench` (bench/scale.sh).
# AddressSanitizer's shadow memory would swamp the figure.  Two renders
# of 1 and 2 MiB (some 5 CPU-s): make check-full.
if e2e_full && [ "$san" != 1 ] && [ -x /usr/bin/time ]; then
	for mib in 1 2; do
		awk -v n=$((mib * 1048576)) 'BEGIN {
			print "# Long\n"; i = 0
			while (size < n) {
				s = sprintf("Paragraph %d. The children in these " \
				    "families were reviewed, and this sentence " \
				    "runs on to fill its line and the next one " \
				    "after it.\n", i)
				if (i % 5 == 4) s = s "\n"
				printf "%s", s; size += length(s); i++
			}
		}' > "$tmp/long$mib.tmpl"
		/usr/bin/time -f %M -o "$tmp/rss$mib" "$SCRPAPER" render \
		    --template "$tmp/long$mib.tmpl" -o "$tmp/long$mib.pdf" \
		    2> "$tmp/err" || fail "13.14: $mib MiB: $(cat "$tmp/err")"
	done
	# Every sentence printed (the lines dropped are laid out again);
	# the running footers taken out, as a sentence may cross a page.
	pdftotext "$tmp/long2.pdf" - | grep -v '^Page [0-9]* of [0-9]*$' |
	    tr -s '\n\f' '  ' |
	    grep -o 'Paragraph [0-9]*\.' | wc -l > "$tmp/n"
	[ "$(cat "$tmp/n")" -eq "$(grep -c '^Paragraph ' "$tmp/long2.tmpl")" ] ||
		fail "13.14: $(cat "$tmp/n") of $(grep -c '^Paragraph ' \
		    "$tmp/long2.tmpl") sentences printed"
	slope=$(( ($(cat "$tmp/rss2") - $(cat "$tmp/rss1")) / 1024 ))
	[ "$slope" -le 50 ] ||
		fail "13.14: the second MiB of template cost $slope MB of peak RSS (at most 50)"
fi
# render --all-lscbs keeps filled papers from their check to their
# writing only up to 200 000 document nodes, and fills the rest again
# where they are written (33 fills of a 16 MiB template held some 4 GB):
# those papers come out as a paper rendered alone does.  (HTML: cheap.)
awk 'BEGIN { print "# Long\n"
	for (i = 0; i < 3000; i++) {
		print "Line " i ": the children in {cases} families were " \
		    "reviewed; {boys:percent} were boys."
		if (i % 5 == 4) print ""
	} }' > "$tmp/boards.tmpl"
mkdir "$tmp/boards"
run "$SCRPAPER" render $cache --all-lscbs --format html \
    --template "$tmp/boards.tmpl" -o "$tmp/boards"
[ "$rc" -eq 0 ] && [ "$(ls "$tmp/boards" | wc -l)" -eq 33 ] ||
	fail "13.14 --all-lscbs: exit $rc: $(head -n 3 "$tmp/err")"
# make check compares the first board's; make check-full the last's too.
ends='1p'
e2e_full && ends='1p;$p'
awk '/^lscbs:/ { on = 1; next } on && /^  - / { sub(/^  - /, ""); print; next }
    on { on = 0 }' input/report.yaml | sed -n "$ends" > "$tmp/ends"
while read -r board; do
	slug=$(echo "$board" | tr 'A-Z ' 'a-z-')
	run "$SCRPAPER" render $cache --lscb "$board" --format html \
	    --template "$tmp/boards.tmpl" -o "$tmp/alone.html"
	cmp -s "$tmp/alone.html" "$tmp/boards/$slug.html" ||
		fail "13.14 --all-lscbs: $slug.html is not the paper rendered alone"
done < "$tmp/ends"

# What bounds it: at most 40 000 table cells and 8 000 footnotes in a
# template (each costs some 5 and 20 KB of the PDF's structure), each
# past the limit a FILE:LINE:COL error, reported once.
awk 'BEGIN { print "# T\n\n| A | B |\n| - | - |"
	for (i = 1; i <= 20001; i++) printf "| r | %d |\n", i }' > "$tmp/cells.tmpl"
run "$SCRPAPER" check $cache --template "$tmp/cells.tmpl"
[ "$rc" -eq 1 ] && [ "$(grep -c 'error: more than' "$tmp/err")" -eq 1 ] &&
    grep -q "cells.tmpl:20004:1: error: more than 40000 table cells in one template" \
    "$tmp/err" || fail "13.14 table cells: exit $rc: $(head -n 3 "$tmp/err")"
awk 'BEGIN { print "# T\n"; for (i = 1; i <= 8002; i++)
	printf "[^n%d]: note %d\n", i, i }' > "$tmp/notes.tmpl"
run "$SCRPAPER" check $cache --template "$tmp/notes.tmpl"
[ "$rc" -eq 1 ] && [ "$(grep -c 'error: more than' "$tmp/err")" -eq 1 ] &&
    grep -q "notes.tmpl:8003:1: error: more than 8000 footnotes in one template" \
    "$tmp/err" || fail "13.14 footnotes: exit $rc: $(grep error "$tmp/err" | head -n 3)"
# A 60 000-character board name is refused at once (names are limited
# to 100 characters, 13.13), never typeset.
cp -r input "$tmp/ln"
long=$(printf 'L%.0s' $(seq 1 60000))
sed "s/^  - Barnet\$/&\\n  - $long/" input/report.yaml > "$tmp/ln/report.yaml"
run "$SCRPAPER" check --input "$tmp/ln"
[ "$rc" -eq 1 ] && grep -q "board name longer than 100 characters" "$tmp/err" ||
	fail "13.14 60 000-character board name: exit $rc"

# --- 13.15 -----------------------------------------------------------
printf '{national:zzz}\n' > "$tmp/nat.tmpl"
run "$SCRPAPER" check $cache --template "$tmp/nat.tmpl"
grep -q 'unknown national figure "zzz" in study "2008-09"' "$tmp/err" ||
	fail "13.15: the study is not named: $(cat "$tmp/err")"
printf 'Some text\n\nab\303\251c\000d\n' > "$tmp/nul.tmpl"
run "$SCRPAPER" check $cache --template "$tmp/nul.tmpl"
grep -q "nul.tmpl:3:5: error: NUL byte" "$tmp/err" ||
	fail "13.15: the NUL byte's column: $(cat "$tmp/err")"
printf '::: zzz\ntext\n:::\n' > "$tmp/blk.tmpl"
run "$SCRPAPER" check $cache --template "$tmp/blk.tmpl"
grep -q "region-cases" "$tmp/err" ||
	fail "13.15: the unknown-block message omits region-cases: $(cat "$tmp/err")"
run "$SCRPAPER" render --template "$tmp/none.tmpl" -o "$tmp/x.pdf"
rc_t=$rc
run "$SCRPAPER" render --figures "$tmp/none.yaml" -o "$tmp/x.pdf"
[ "$rc_t" -eq 1 ] && [ "$rc" -eq 1 ] ||
	fail "13.15: a missing template exits $rc_t, a missing --figures $rc"
if [ -w /dev/full ]; then
	run "$SCRPAPER" --help
	"$SCRPAPER" --help > /dev/full 2> "$tmp/err"
	rc=$?
	[ "$rc" -eq 3 ] || fail "13.15: --help >/dev/full exits $rc"
	"$SCRPAPER" --version > /dev/full 2> /dev/null && fail "13.15: --version >/dev/full exits 0"
fi

# --- 13.16 -----------------------------------------------------------
# The tests pass wherever the clone lives: the unwritable-folder case of
# test_faults.sh (run as nobody when root) run from a clone inside a
# folder only its owner may enter (mode 0700), with the LSAN_OPTIONS the
# Makefile sets naming that clone's suppressions.
mkdir -m 700 "$tmp/priv"
mkdir -p "$tmp/priv/clone/tests"
cp -r input templates fonts "$tmp/priv/clone/"
cp -r tests/e2e tests/lsan.supp "$tmp/priv/clone/tests/"
cp "$SCRPAPER" "$tmp/priv/clone/scrpaper"
(cd "$tmp/priv/clone" &&
    LSAN_OPTIONS="suppressions=$tmp/priv/clone/tests/lsan.supp:print_suppressions=0" \
    SCRPAPER="$tmp/priv/clone/scrpaper" sh tests/e2e/faults_unwritable.sh) \
	> "$tmp/faults" 2>&1 ||
	fail "13.16: the unwritable-folder case from a mode-0700 folder: $(tail -n 5 "$tmp/faults")"

[ "$failed" -eq 0 ] && echo ok
exit "$failed"

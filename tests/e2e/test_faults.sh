#!/bin/sh
# Faults around the program: every failure gives a clear message and a
# non-zero exit, an existing PDF is left byte for byte as it was, and no
# temporary file is left beside it.
set -eu
: "${SCRPAPER:=./scrpaper}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

out="$tmp/out"
mkdir "$out"
"$SCRPAPER" render -o "$out/paper.pdf" || fail "first render"
cp "$out/paper.pdf" "$tmp/orig.pdf"

# Runs scrpaper with the remaining arguments; expects exit status $1 and a
# message matching $2 on stderr; then checks the PDF and the folder.
expect() {
	want=$1 pat=$2
	shift 2
	set +e
	"$@" > "$tmp/stdout" 2> "$tmp/stderr"
	rc=$?
	set -e
	[ "$rc" -eq "$want" ] || { cat "$tmp/stderr"; fail "$*: exit $rc, expected $want"; }
	grep -q -- "$pat" "$tmp/stderr" || { cat "$tmp/stderr"; fail "$*: no message matching '$pat'"; }
	cmp -s "$out/paper.pdf" "$tmp/orig.pdf" || fail "$*: the existing PDF changed"
	[ "$(ls "$out")" = "paper.pdf" ] || fail "$*: stray files: $(ls "$out")"
}

# Output folder missing.
expect 3 "$tmp/nowhere/paper.pdf: error: cannot write" \
	"$SCRPAPER" render -o "$tmp/nowhere/paper.pdf"

# Disk full: a file-size limit below the PDF's size.
expect 3 "paper.pdf: error: cannot write: File too large" \
	sh -c 'ulimit -f 40; exec "$0" render -o "$1"' "$SCRPAPER" "$out/paper.pdf"

# A font missing from the fonts folder.
mkdir "$tmp/nofonts"
expect 3 "font" "$SCRPAPER" render --fonts "$tmp/nofonts" -o "$out/paper.pdf"

# The template gone: invalid input, as a missing --figures (issue 13.15).
expect 1 "nothere.tmpl: error: cannot read template" "$SCRPAPER" render --template "$tmp/nothere.tmpl" -o "$out/paper.pdf"

# An input file gone or unreadable: a copy of input/ without codebook.yaml.
cp -r input "$tmp/in"
rm "$tmp/in/codebook.yaml"
expect 1 "codebook.yaml: error: cannot read" \
	"$SCRPAPER" render --input "$tmp/in" -o "$out/paper.pdf"
cp input/codebook.yaml "$tmp/in/"

# Invalid input: one bad case among good ones.
printf 'id: LON-2009-999\nlscb: Haringy\ncompleted: 2009-01-01\nchildren: []\n' > "$tmp/in/cases/bad.yaml"
expect 1 "bad.yaml:2:7: error: unknown LSCB 'Haringy'; did you mean 'Haringey'?" \
	"$SCRPAPER" render --input "$tmp/in" -o "$out/paper.pdf"
grep -q "bad.yaml:4:11: error: 'children' lists no child" "$tmp/stderr" ||
	fail "second error in the same file not reported"
rm "$tmp/in/cases/bad.yaml"

# Not writable (for root: by the user nobody): its own script, which
# test_issue13.sh also runs from a clone in a mode-0700 folder.
sh tests/e2e/faults_unwritable.sh || fail "an unwritable output folder"

# SIGTERM, SIGINT and SIGHUP during a long run (every board's paper):
# whenever the signal lands, what is left is whole PDFs and no temporary
# file, and no worker outlives the command.  The signal goes to the
# command only (as `kill PID` would send it).  Runs "at:D" send it D
# seconds after the start, maybe before the workers exist; runs "w:D" D
# seconds after the workers are seen running (polled, so the signal
# reaches them however slow the build, as under SANITIZE=1).
reached=0
for run in TERM:at:0.1 INT:w:0 TERM:w:0.05 INT:at:0.3 HUP:w:0.1 TERM:w:0.3; do
	sig=${run%%:*}
	how=${run#*:}
	delay=${how#*:}
	how=${how%%:*}
	rm -rf "$tmp/v"
	mkdir "$tmp/v"
	"$SCRPAPER" render --all-lscbs --jobs 2 -o "$tmp/v" 2> /dev/null &
	pid=$!
	workers=
	if [ "$how" = w ]; then
		i=0
		while [ -z "$workers" ] && [ $i -lt 3000 ] &&
		    kill -0 "$pid" 2> /dev/null; do
			workers=$(pgrep -P "$pid" || true)
			[ -n "$workers" ] || sleep 0.01
			i=$((i + 1))
		done
		[ -n "$workers" ] || fail "SIG$sig: no worker seen"
	fi
	sleep "$delay"
	alive=
	for w in $workers; do
		kill -0 "$w" 2> /dev/null && alive="$alive $w"
	done
	kill -s "$sig" "$pid" 2> /dev/null || true
	set +e
	wait "$pid"
	set -e
	# The command reaps its workers before it stops: none is left.
	for w in $alive; do
		if [ -e "/proc/$w" ] && [ "$(sed 's/^.*) //' "/proc/$w/stat" 2> /dev/null | cut -c1)" != Z ]; then
			fail "SIG$sig: worker $w outlived the command"
		fi
	done
	[ -z "$alive" ] || reached=$((reached + 1))
	n=0
	for f in "$tmp/v"/*; do
		[ -e "$f" ] || continue
		case "$f" in
		*.pdf) qpdf --check "$f" > /dev/null 2>&1 || fail "SIG$sig: $f is not a whole PDF"
			n=$((n + 1)) ;;
		*) fail "SIG$sig: stray file $f" ;;
		esac
	done
	[ "$n" -lt 33 ] || echo "note: SIG$sig came after the last paper"
done
# Issue 13.16: the signals must reach running workers, in every build.
[ "$reached" -gt 0 ] || fail "no signal reached a running worker"
echo ok

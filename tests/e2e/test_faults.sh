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

# The template gone.
expect 3 "nothere.tmpl" "$SCRPAPER" render --template "$tmp/nothere.tmpl" -o "$out/paper.pdf"

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

# Not writable, for a user other than root (root writes anywhere).
if [ "$(id -u)" -ne 0 ]; then
	chmod a-w "$out"
	expect 3 "cannot write" "$SCRPAPER" render -o "$out/paper.pdf"
	chmod u+w "$out"
elif command -v setpriv > /dev/null && setpriv --reuid=65534 --regid=65534 --clear-groups true 2>/dev/null; then
	chmod 755 "$tmp" "$tmp/in" 2>/dev/null || true
	chmod 555 "$out"
	expect 3 "cannot write" setpriv --reuid=65534 --regid=65534 --clear-groups \
		"$SCRPAPER" render --input "$tmp/in" -o "$out/paper.pdf"
	chmod 755 "$out"
fi

# SIGTERM and SIGINT during a long run (every board's paper): whenever the
# signal lands, what is left is whole PDFs and no temporary file.
# The signal goes to the command only (as `kill PID` would send it);
# several delays, so it lands at different points of the work.
for run in TERM:0.1 INT:0.2 TERM:0.3 INT:0.45 TERM:0.6 HUP:0.35; do
	sig=${run%:*}
	rm -rf "$tmp/v"
	mkdir "$tmp/v"
	"$SCRPAPER" render --all-lscbs -o "$tmp/v" 2> /dev/null &
	pid=$!
	sleep "${run#*:}"
	kill -s "$sig" "$pid" 2> /dev/null || true
	set +e
	wait "$pid"
	set -e
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
echo ok

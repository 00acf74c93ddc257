#!/bin/sh
# tests/golden/run.sh: the golden tests of the document and layout dumps.
# For each tests/golden/NAME.args (the options of one paper, # comments
# allowed), `scrpaper render --dump doc ARGS` must print NAME.tree and
# `scrpaper render --dump layout ARGS` NAME.layout; when NAME.diag
# exists, `scrpaper check ARGS` must fail with that on standard error.
# Differences are shown with diff -u.  Run from the project root with
# SCRPAPER set to the binary under test (default ./scrpaper).
#
#   tests/golden/run.sh        compare; exit 1 on any difference
#   tests/golden/run.sh -r     regenerate (`make golden`): show each
#                              difference, then write the new file
set -u
cd "$(dirname "$0")/../.."
: "${SCRPAPER:=./scrpaper}"
regen=0
[ "${1:-}" = -r ] && regen=1
tmp=$(mktemp -d "${TMPDIR:-/tmp}/scr-golden.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM
failed=0
n=0

# Compares the output in $tmp/out with the golden file $1.
compare() {
	if [ ! -f "$1" ]; then
		echo "NEW $1"
		[ "$regen" -eq 1 ] && cp "$tmp/out" "$1" || failed=1
		return
	fi
	n=$((n + 1))
	if diff -u "$1" "$tmp/out" >"$tmp/diff"; then
		return
	fi
	cat "$tmp/diff"
	if [ "$regen" -eq 1 ]; then
		cp "$tmp/out" "$1"
		echo "REGENERATED $1"
	else
		echo "FAIL: $1 differs (tests/golden/run.sh -r, or make" \
		    "golden, regenerates it after showing this)"
		failed=1
	fi
}

for a in tests/golden/*.args; do
	[ -f "$a" ] || continue
	name=${a%.args}
	args=$(grep -v '^#' "$a")
	if [ -f "$name.diag" ]; then
		# shellcheck disable=SC2086
		if "$SCRPAPER" check $args >/dev/null 2>"$tmp/out"; then
			echo "FAIL: check $args succeeded; $name.diag wants errors"
			failed=1
		fi
		compare "$name.diag"
		continue
	fi
	for dump in doc layout; do
		ext=$dump
		[ "$dump" = doc ] && ext=tree
		# shellcheck disable=SC2086
		if ! "$SCRPAPER" render --dump $dump $args >"$tmp/out" \
		    2>"$tmp/err"; then
			echo "FAIL: render --dump $dump $args:"
			cat "$tmp/err"
			failed=1
			continue
		fi
		compare "$name.$ext"
	done
done
if [ "$n" -lt 6 ] && [ "$regen" -eq 0 ]; then
	echo "FAIL: only $n golden files compared"
	failed=1
fi
[ "$failed" -eq 0 ] || exit 1
echo "golden: $n files match"

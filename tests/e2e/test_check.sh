#!/bin/sh
# tests/e2e/test_check.sh: `scrpaper check` end to end.  Run from the
# project root with SCRPAPER set to the binary under test (tests/e2e/run.sh
# does both).
#
#   - the real input checks clean: exit 0, exactly one line on stdout;
#   - every file of the bad corpus fails in one run: exit 1, and stderr
#     holds every line of every tests/bad/cases/*.diag;
#   - duplicate ids across files, and bad report/codebook/national files,
#     are reported the same way;
#   - usage errors exit 2, --help and --version exit 0;
#   - check writes nothing, not even with -o.
set -u

. tests/e2e/lib.sh
root=$(pwd)
e2e_setup check

# Runs the binary with a time limit where timeout(1) exists (a guard
# against a hang only: generous, as a sanitized build on a loaded machine
# is slow); stdout and stderr go to $tmp/out and $tmp/err, the exit
# status to $rc.
run() {
	if command -v timeout >/dev/null 2>&1; then
		timeout 600 "$SCRPAPER" "$@" >"$tmp/out" 2>"$tmp/err"
	else
		"$SCRPAPER" "$@" >"$tmp/out" 2>"$tmp/err"
	fi
	rc=$?
}

show() {
	echo "  stdout:"
	sed 's/^/    /' "$tmp/out" | head -20
	echo "  stderr:"
	sed 's/^/    /' "$tmp/err" | head -20
}

# want_status N WHAT: the last run exited N.
want_status() {
	if [ "$rc" -ne "$1" ]; then
		fail "$2: exit status $rc, expected $1"
		show
	fi
}

# want_lines FILE.diag WHAT [FROM TO]: every line of FILE.diag is a whole
# line of the last run's stderr (with the path prefix FROM replaced by TO).
want_lines() {
	missing=0
	while IFS= read -r line || [ -n "$line" ]; do
		[ -n "$line" ] || continue
		if [ $# -ge 4 ]; then
			line=$4${line#"$3"}
		fi
		if ! grep -Fxq -e "$line" "$tmp/err"; then
			[ "$missing" -eq 0 ] && fail "$2: stderr lacks lines of $1"
			echo "  missing: $line"
			missing=1
		fi
	done <"$1"
}

# --- the real input ------------------------------------------------------

run check
want_status 0 "check on input/"
if [ "$(cat "$tmp/out")" != "47 cases in the period, 60 children, 33 boards: OK" ]; then
	fail "check on input/: unexpected stdout"
	show
fi
if [ -s "$tmp/err" ]; then
	fail "check on input/: stderr is not empty"
	show
fi

# --- the bad corpus: every problem in every file, in one run -------------

run check --cases tests/bad/cases
want_status 1 "check --cases tests/bad/cases"
for f in tests/bad/cases/*.diag; do
	want_lines "$f" "check --cases tests/bad/cases"
done
if [ -s "$tmp/out" ]; then
	fail "check --cases tests/bad/cases: stdout is not empty"
	show
fi
grep -q '^scrpaper: [0-9][0-9]* errors; nothing written$' "$tmp/err" ||
	fail "check --cases tests/bad/cases: no closing error count"

run check --cases tests/bad/dup-ids
want_status 1 "check --cases tests/bad/dup-ids"
want_lines tests/bad/dup-ids/expected.diag "check --cases tests/bad/dup-ids"

# A bad report, codebook or national file: put it in a copy of input/ (the
# other files real) and check that; the path in the .diag is rewritten.
for kind in report codebook national; do
	for f in tests/bad/"$kind"/*.yaml; do
		[ -f "$f" ] || continue
		in=$tmp/in-$kind
		rm -rf "$in"
		mkdir "$in"
		cp input/report.yaml input/codebook.yaml input/national.yaml \
		    "$in/"
		cp "$f" "$in/$kind.yaml"
		run check --input "$in" --cases input/cases
		want_status 1 "check with $f"
		want_lines "${f%.yaml}.diag" "check with $f" "$f" \
		    "$in/$kind.yaml"
	done
done

run check --input "$tmp/no-such-folder"
want_status 1 "check --input of a missing folder"

# --- usage errors, help and version --------------------------------------

for args in "" "frobnicate" "check --bogus" "check --cases" "check --input=" \
    "check --format xml" "check -o $tmp/usage.pdf" "render"; do
	# shellcheck disable=SC2086
	run $args
	want_status 2 "scrpaper $args"
	[ -s "$tmp/err" ] || fail "scrpaper $args: no message on stderr"
	[ -s "$tmp/out" ] && fail "scrpaper $args: output on stdout"
done
[ -e "$tmp/usage.pdf" ] && fail "check -o created a file"

run --help
want_status 0 "scrpaper --help"
grep -q 'usage: scrpaper' "$tmp/out" || fail "--help: no usage on stdout"
grep -q 'check' "$tmp/out" || fail "--help: does not describe check"

run check --help
want_status 0 "scrpaper check --help"

run --version
want_status 0 "scrpaper --version"
grep -q '^scrpaper [0-9][0-9.]*' "$tmp/out" ||
	fail "--version: unexpected output '$(cat "$tmp/out")'"

# --- check writes nothing ------------------------------------------------

# Run from an empty folder, everything named by path: whatever check
# writes would land there.
mkdir "$tmp/work"
cd "$tmp/work" || exit 1
run check --input "$root/input" --template "$root/templates/background-paper.tmpl" \
    --figures "$root/templates/figures.yaml"
want_status 0 "check from an empty folder"
run check --input "$root/input" --cases "$root/tests/bad/cases" \
    --template "$root/templates/background-paper.tmpl" \
    --figures "$root/templates/figures.yaml"
want_status 1 "check of the bad corpus from an empty folder"
left=$(find . ! -name . -print)
if [ -n "$left" ]; then
	fail "check wrote files: $(echo "$left" | tr '\n' ' ')"
fi
cd "$root" || exit 1

exit $failed

#!/bin/sh
# Runs every end-to-end test script tests/e2e/test_*.sh with SCRPAPER set
# to the binary under test, from the project root, and prints a summary
# line "N passed, N failed".  Exit status 1 if any failed.
set -u
cd "$(dirname "$0")/../.."
: "${SCRPAPER:=./scrpaper}"
export SCRPAPER
pass=0
fail=0
# Each script's output, in a file of this run's own (mktemp): two runs at
# once (make check and make check SANITIZE=1) never share it.
log=$(mktemp "${TMPDIR:-/tmp}/scr-e2e.XXXXXX") || exit 1
trap 'rm -f "$log"' EXIT
trap 'exit 1' INT TERM
for t in tests/e2e/test_*.sh; do
	[ -f "$t" ] || continue
	start=$(date +%s)
	if sh "$t" >"$log" 2>&1; then
		pass=$((pass + 1))
		echo "PASS $t ($(($(date +%s) - start)) s)"
	else
		fail=$((fail + 1))
		echo "FAIL $t ($(($(date +%s) - start)) s)"
		sed 's/^/    /' "$log"
	fi
done
echo "e2e: $pass passed, $fail failed"
[ "$fail" -eq 0 ]

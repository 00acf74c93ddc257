#!/bin/sh
# Runs every end-to-end test script tests/e2e/test_*.sh with SCRPAPER set
# to the binary under test, from the project root, and prints a summary
# line "N passed, N failed".  Exit status 1 if any failed.
#
# Scripts run E2E_JOBS at a time (default: the number of processors), the
# slowest first; a line PASS or FAIL as each ends, then the output of each
# that failed, whole.  Every script works in folders of its own
# (mktemp), so they never share a file.  E2E_JOBS=1 runs them one by
# one; E2E_ONLY="test_a test_b" runs only those.
set -u
cd "$(dirname "$0")/../.."
: "${SCRPAPER:=./scrpaper}"
export SCRPAPER
if [ -z "${E2E_JOBS:-}" ]; then
	E2E_JOBS=$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 1)
fi
case $E2E_JOBS in
'' | *[!0-9]* | 0) echo "run.sh: E2E_JOBS must be a positive number" >&2
	exit 2 ;;
esac

# Each script's output and status, in a folder of this run's own: two
# runs at once (make check and make check SANITIZE=1) never share it.
out=$(mktemp -d "${TMPDIR:-/tmp}/scr-e2e.XXXXXX") || exit 1
trap 'rm -rf "$out"' EXIT
trap 'exit 1' INT TERM

all=
for t in tests/e2e/test_*.sh; do
	[ -f "$t" ] || continue
	name=$(basename "$t" .sh)
	if [ -n "${E2E_ONLY:-}" ]; then
		case " $E2E_ONLY " in
		*" $name "*) ;;
		*) continue ;;
		esac
	fi
	all="$all $name"
done

# The slowest scripts first, so the last to start are short ones and the
# jobs end together (the order of make check's CPU-seconds measured on a
# 2-core machine; make check-full's sweeps are slow in the same order).
slow="test_board_edition test_periods test_paper_periods test_html
test_issue13 test_pages test_valgrind test_grammar test_variants
test_a11y test_attack"
order=
for name in $slow; do
	case " $all " in *" $name "*) order="$order $name" ;; esac
done
for name in $all; do
	case " $order " in *" $name "*) ;; *) order="$order $name" ;; esac
done

# One script: its output in $out/NAME.log, then its exit status and wall
# time in seconds in $out/NAME.rc, and a line on standard output.
one='start=$(date +%s)
sh "tests/e2e/$2.sh" >"$1/$2.log" 2>&1
rc=$?
secs=$(($(date +%s) - start))
echo "$rc $secs" >"$1/$2.rc"
if [ "$rc" -eq 0 ]; then word=PASS; else word=FAIL; fi
echo "$word tests/e2e/$2.sh ($secs s)"'
# shellcheck disable=SC2086
printf '%s\n' $order |
    xargs -P "$E2E_JOBS" -I '{}' sh -c "$one" sh "$out" '{}'

pass=0
fail=0
for name in $all; do
	t=tests/e2e/$name.sh
	rc=1
	[ -f "$out/$name.rc" ] && read -r rc secs <"$out/$name.rc"
	if [ "$rc" -eq 0 ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "---- FAIL $t:"
		if [ -f "$out/$name.log" ]; then
			sed 's/^/    /' "$out/$name.log"
		else
			echo "    (did not run)"
		fi
	fi
done
echo "e2e: $pass passed, $fail failed"
[ "$fail" -eq 0 ]

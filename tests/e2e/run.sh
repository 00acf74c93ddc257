#!/bin/sh
# Runs every end-to-end test script tests/e2e/test_*.sh with SCRPAPER set
# to the binary under test, from the project root, and prints a summary
# line "N passed, N failed".  Exit status 1 if any failed.
#
# Scripts run E2E_JOBS at a time (default: the number of processors), the
# slowest first; a line PASS or FAIL as each ends, then the output of each
# that failed, whole.  Every script works in folders of its own
# (mktemp), so they never share a file.  E2E_JOBS=1 runs them one by
# one; E2E_ONLY="test_a test_b" runs only those.  E2E_UNIT="BIN..."
# (make check: the cmocka tests) runs those programs as jobs of the same
# pool, so that they fill a processor while the scripts run.
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

# python3 resolved once, first on PATH.  The scripts' packages are
# Debian's (make deps installs python3-yaml and python3-pandas), so
# Debian's /usr/bin/python3 runs them when it has them: it starts in
# half the CPU time of a version manager's build (0.03 against 0.07
# CPU-seconds, some 140 runs).  Otherwise a version manager's shim
# (pyenv's is a shell script running `pyenv exec`, some 0.4 CPU-seconds
# a call) is replaced by the interpreter it runs; a virtual
# environment's python3 is left alone.
py=
if [ -x /usr/bin/python3 ] &&
    /usr/bin/python3 -c 'import sys, importlib.util as u
sys.exit(not (u.find_spec("yaml") and u.find_spec("pandas")))' 2>/dev/null
then
	py=/usr/bin/python3
else
	py=$(python3 -c 'import sys; sys.prefix == sys.base_prefix and print(sys.executable)' \
	    2>/dev/null)
fi
if [ -n "$py" ] && [ -x "$py" ] && [ "$py" != "$(command -v python3)" ]; then
	mkdir "$out/bin" && ln -s "$py" "$out/bin/python3" &&
	    PATH=$out/bin:$PATH && export PATH
fi

all=
for u in ${E2E_UNIT:-}; do
	all="$all $u"
done
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

# The slowest first, so the last to start are short ones and the two
# processors end together: the order of the seconds make check's jobs
# took on an idle 2-core machine (make check-full's
# sweeps are slow in much the same order).  A job not listed starts after
# those listed.
slow="test_html test_board_edition test_issue31 test_issue13 test_data
test_exact_attack test_odt test_annual_doc test_valgrind test_restricted
test_pages test_growth test_solve_cache test_paper_periods
test_issue32_3_pooled_linear test_issue32 test_grammar test_attack
test_a11y build/rel/tests/test_pdf_post build/san/tests/test_pdf_post
test_variants test_periods test_new_year test_includes test_faults
test_issue31_layout build/rel/tests/test_fig_eval
build/san/tests/test_fig_eval build/rel/tests/test_fig_audit
build/san/tests/test_fig_audit"
order=
for name in $slow; do
	case " $all " in *" $name "*) order="$order $name" ;; esac
done
for name in $all; do
	case " $order " in *" $name "*) ;; *) order="$order $name" ;; esac
done

# One job: its output in $out/KEY.log, then its exit status and wall
# time in seconds in $out/KEY.rc (KEY: the job's name, / as _), and a
# line on standard output.  A name with a / is a program (E2E_UNIT), any
# other a script of tests/e2e/.
one='key=$(echo "$2" | tr / _)
case $2 in
*/*) what=$2 ;;
*) what=tests/e2e/$2.sh ;;
esac
start=$(date +%s)
case $2 in
/*) "$2" >"$1/$key.log" 2>&1 ;;
*/*) "./$2" >"$1/$key.log" 2>&1 ;;
*) sh "tests/e2e/$2.sh" >"$1/$key.log" 2>&1 ;;
esac
rc=$?
secs=$(($(date +%s) - start))
echo "$rc $secs" >"$1/$key.rc"
if [ "$rc" -eq 0 ]; then word=PASS; else word=FAIL; fi
echo "$word $what ($secs s)"'
# shellcheck disable=SC2086
printf '%s\n' $order |
    xargs -P "$E2E_JOBS" -I '{}' sh -c "$one" sh "$out" '{}'

pass=0
fail=0
for name in $all; do
	key=$(echo "$name" | tr / _)
	case $name in
	*/*) t=$name ;;
	*) t=tests/e2e/$name.sh ;;
	esac
	rc=1
	[ -f "$out/$key.rc" ] && read -r rc secs <"$out/$key.rc"
	if [ "$rc" -eq 0 ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "---- FAIL $t:"
		if [ -f "$out/$key.log" ]; then
			sed 's/^/    /' "$out/$key.log"
		else
			echo "    (did not run)"
		fi
	fi
done
echo "e2e: $pass passed, $fail failed"
[ "$fail" -eq 0 ]

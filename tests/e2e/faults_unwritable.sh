#!/bin/sh
# faults_unwritable.sh: an output folder the user cannot write gives exit
# 3 and "cannot write", the existing PDF untouched and no stray file.  As
# root (who writes anywhere) it runs as the user nobody, with its own
# copies of the binary, the data and the LeakSanitizer suppressions in a
# folder nobody can enter, so that it passes wherever the clone lives
# (issue 13.16: a clone inside a mode-0700 folder).  Run from the project
# root by test_faults.sh and test_issue13.sh; skipped (exit 0, a note)
# where nobody cannot be switched to or cannot reach $TMPDIR.
set -u
. tests/e2e/lib.sh
e2e_setup unwritable

as=
if [ "$(id -u)" -eq 0 ]; then
	as="setpriv --reuid=65534 --regid=65534 --clear-groups"
	if ! command -v setpriv > /dev/null || ! $as true 2> /dev/null; then
		echo "note: cannot run as nobody; skipped"
		exit 0
	fi
	chmod 755 "$tmp"
	if ! $as test -x "$tmp"; then
		echo "note: nobody cannot enter $tmp; skipped"
		exit 0
	fi
fi
mkdir "$tmp/run" "$tmp/out"
cp -r input templates fonts tests/lsan.supp "$tmp/run/"
cp "$SCRPAPER" "$tmp/run/scrpaper"
chmod -R a+rX "$tmp/run"
cd "$tmp/run" || exit 1
# The suppressions copied here, not the clone's (nobody may not read it).
case ${LSAN_OPTIONS:-} in
*suppressions=*)
	LSAN_OPTIONS="suppressions=$tmp/run/lsan.supp:print_suppressions=0"
	export LSAN_OPTIONS ;;
esac
./scrpaper render -o "$tmp/out/paper.pdf" || fail "first render"
cp "$tmp/out/paper.pdf" "$tmp/orig.pdf"
chmod 555 "$tmp/out"
[ "$(id -u)" -eq 0 ] || chmod a-w "$tmp/out"
$as ./scrpaper render -o "$tmp/out/paper.pdf" > /dev/null 2> "$tmp/err"
rc=$?
chmod 755 "$tmp/out"
[ "$rc" -eq 3 ] || fail "exit $rc, expected 3: $(cat "$tmp/err")"
grep -q "paper.pdf: error: cannot write" "$tmp/err" ||
	fail "no 'cannot write' message: $(cat "$tmp/err")"
cmp -s "$tmp/out/paper.pdf" "$tmp/orig.pdf" || fail "the existing PDF changed"
[ "$(ls -A "$tmp/out")" = paper.pdf ] || fail "stray files: $(ls -A "$tmp/out")"
[ "$failed" -eq 0 ] && echo ok
exit "$failed"

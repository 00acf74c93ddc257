#!/bin/sh
# make install honours PREFIX and DESTDIR, and the installed scrpaper finds
# its templates and fonts under PREFIX from any folder.  Built in a
# folder of its own, so the build under test is left alone.  make check
# starts that folder from a copy of build/rel (times kept: make compiles
# only what is out of date, main.o for its DATADIR); make check-full
# (CHECK_FULL=1) builds it from nothing.
set -eu
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
unset MAKEFLAGS MFLAGS MAKELEVEL SANITIZE LSAN_OPTIONS UBSAN_OPTIONS
if [ "${CHECK_FULL:-0}" != 1 ] && [ -d build/rel ]; then
	cp -Rp build/rel "$tmp/build"
fi

# Staged: everything under DESTDIR, nothing elsewhere.
make -s install BUILD="$tmp/build" PREFIX=/opt/scr DESTDIR="$tmp/stage" > "$tmp/log" 2>&1 ||
	{ cat "$tmp/log"; fail "make install DESTDIR"; }
for f in bin/scrpaper share/man/man1/scrpaper.1 \
    share/scrpaper/templates/background-paper.tmpl \
    share/scrpaper/templates/figures.yaml \
    share/scrpaper/fonts/OpenSans-Regular.ttf; do
	[ -f "$tmp/stage/opt/scr/$f" ] || fail "DESTDIR: no $f"
done
[ "$(ls "$tmp/stage")" = opt ] || fail "DESTDIR: wrote outside PREFIX"

# Installed for real under a PREFIX, then run from a folder holding only
# the input.
make -s install BUILD="$tmp/build" PREFIX="$tmp/prefix" > "$tmp/log" 2>&1 ||
	{ cat "$tmp/log"; fail "make install PREFIX"; }
mkdir "$tmp/work"
cp -R input "$tmp/work/"
(
	cd "$tmp/work"
	"$tmp/prefix/bin/scrpaper" check > out || exit 1
	grep -q "47 cases in the period, 60 children, 33 boards: OK" out || exit 1
	"$tmp/prefix/bin/scrpaper" render -o paper.pdf || exit 1
	pdftotext paper.pdf - | grep -q "The London picture" || exit 1
) || fail "the installed scrpaper does not run from another folder"
echo ok

#!/bin/sh
# tests/e2e/test_annual_doc.sh: docs/annual.md as written.  Every line of
# it indented four spaces and starting with "$ " is run, in order, in a
# copy of the repository's Makefile, templates, fonts, input/ and the
# worked example tests/data/annual-2009-10/ (the binary under test is
# ./scrpaper there, and make is given it with BIN= and -o, so nothing is
# compiled).  Each command must exit 0, or the status its "# exit status
# N" comment gives; each line the page prints under it must be a line of
# what it printed.  Then the walk's result: the 2009-10 paper is written
# and its 2006-09 ledgers (London's and every board's) are last year's,
# line for line.
set -u

. tests/e2e/lib.sh
e2e_setup annual_doc
e2e_need awk pdftotext

doc=docs/annual.md
tree=$tmp/tree
steps=$tmp/steps
mkdir -p "$tree/tests/data" "$tree/tests/js/node_modules" "$steps"
cp -R Makefile templates input fonts "$tree/" &&
    cp -R tests/data/annual-2009-10 "$tree/tests/data/" &&
    cp "$SCRPAPER" "$tree/scrpaper" || fail "cannot copy the tree"
# make's dependency check looks for the browser tests' packages, which
# this test does not use.
: >"$tree/tests/js/node_modules/.package-lock.json"

awk -v dir="$steps" '
/^    \$ / { n++; f = dir "/" n; print substr($0, 7) > (f ".cmd");
	close(f ".cmd"); printf "" > (f ".want"); inblk = 1; next }
/^    / && inblk { print substr($0, 5) >> (dir "/" n ".want"); next }
{ inblk = 0 }
END { print n + 0 > (dir "/count") }' "$doc"
n=$(cat "$steps/count")
[ "$n" -ge 10 ] || fail "only $n commands found in $doc"

(
	unset MAKEFLAGS MFLAGS MAKELEVEL SANITIZE
	i=1
	while [ "$i" -le "$n" ]; do
		cmd=$(cat "$steps/$i.cmd")
		want=0
		case $cmd in
		*"# exit status "[0-9]*) want=${cmd##*# exit status } ;;
		esac
		case $cmd in
		"make "*) run="$cmd BIN=$SCRPAPER -o $SCRPAPER" ;;
		*) run=$cmd ;;
		esac
		(cd "$tree" && sh -c "$run") >"$steps/$i.out" 2>&1
		rc=$?
		[ "$rc" -eq "$want" ] ||
			fail "\`$cmd\` exited $rc, not $want: $(tail -3 "$steps/$i.out")"
		while IFS= read -r line; do
			grep -Fqx -- "$line" "$steps/$i.out" ||
				fail "\`$cmd\` did not print \"$line\": $(head -5 "$steps/$i.out")"
		done <"$steps/$i.want"
		i=$((i + 1))
	done
	[ "$failed" -eq 0 ]
) || failed=1

# The walk's result.
pdf=$tree/output/background-paper-2009-10-to-2010-09.pdf
if [ -s "$pdf" ]; then
	pdftotext -enc UTF-8 "$pdf" - | tr '\n\f' '  ' | tr -s ' ' >"$tmp/p.txt"
	grep -q "compared with earlier periods" "$tmp/p.txt" ||
		fail "the 2009-10 paper does not compare with 2006-09"
else
	fail "the walk wrote no $pdf"
fi
[ "$(ls "$tree/output/lscb-2009-10-to-2010-09" 2>/dev/null | grep -c '\.pdf$')" -eq 33 ] ||
	fail "the walk did not write 33 board papers"
(
	cd "$tree" || exit 1
	"$SCRPAPER" figures --input input-2010 --period 2006-09 >"$tmp/new.csv" &&
	    "$SCRPAPER" figures --input input >"$tmp/old.csv" &&
	    "$SCRPAPER" figures --input input-2010 --period 2006-09 \
		--all-lscbs >"$tmp/newb.csv" &&
	    "$SCRPAPER" figures --input input --all-lscbs >"$tmp/oldb.csv"
) || fail "figures failed on the walk's folders"
cmp -s "$tmp/new.csv" "$tmp/old.csv" ||
	fail "2006-09's London ledger is not last year's: $(diff "$tmp/old.csv" "$tmp/new.csv" | head -5)"
cmp -s "$tmp/newb.csv" "$tmp/oldb.csv" ||
	fail "2006-09's board ledgers are not last year's: $(diff "$tmp/oldb.csv" "$tmp/newb.csv" | head -5)"

[ "$failed" -eq 0 ] || exit 1
echo "annual_doc: the $n commands of docs/annual.md run as written"

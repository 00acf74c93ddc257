#!/bin/sh
# manifest.sh: the byte-identity guard.  Writes the SHA-256 of everything
# the program publishes, and compares it with tests/manifest.sha256:
#
#   - what `make build variants html data restricted dist` writes under
#     output/ (the papers, the ledgers, the open data set, the archive);
#   - `figures --all-lscbs` and `figures --all-periods --pooled`, CSV and
#     JSON, on input/ and on the three-period fixture
#     (tests/data/make_three_periods.py);
#   - `render --dump doc|layout` of the regional paper and three boards,
#     on input/ and on the fixture;
#   - on the fixture with pooled periods and bands, every board's ledger
#     of every period and their total, and one board's tree;
#   - `check` on every file of tests/bad/ (its diagnostics and exit status).
#
# Everything runs with SOURCE_DATE_EPOCH fixed, in a temporary copy of
# the working tree (its build/rel, copied with its times, so nothing is
# rebuilt), so output/ and the tree are never touched.  A change that
# means to change an output updates the manifest on purpose (-u) and says
# why in its commit.
#
# Usage (from the project root; `make manifest` builds the binary first):
#   sh tests/manifest.sh          compare; names every entry that differs,
#                                 exit 1 if any
#   sh tests/manifest.sh -u       rewrite tests/manifest.sha256
#   sh tests/manifest.sh -o FILE  write the manifest to FILE only
set -u
cd "$(dirname "$0")/.." || exit 3
root=$(pwd)
want=$root/tests/manifest.sha256
mode=compare
out=
case ${1:-} in
-u) mode=update ;;
-o) mode="write"; out=${2:?"manifest.sh: -o needs a FILE"} ;;
'') ;;
*) echo "usage: sh tests/manifest.sh [-u | -o FILE]" >&2; exit 2 ;;
esac
[ -x build/rel/scrpaper ] || {
	echo "manifest.sh: no build/rel/scrpaper; run make manifest" >&2
	exit 2
}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/scr-manifest.XXXXXX") || exit 3
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM
export SOURCE_DATE_EPOCH=1262304000	# 2010-01-01T00:00:00Z
export LC_ALL=C TZ=UTC

# The copy: the working tree without output/, build/, .git and the npm
# packages, and build/rel with its times, so make sees it up to date.
w=$tmp/tree
mkdir "$w" "$tmp/m"
tar -C "$root" --exclude=./output --exclude=./build --exclude=./.git \
    --exclude=./tests/js/node_modules --exclude=./scrpaper -cf - . |
    tar -C "$w" -xf - || exit 3
mkdir -p "$w/output" "$w/build"
cp -a build/rel "$w/build/rel" || exit 3
cd "$w" || exit 3
bin=$w/build/rel/scrpaper
m=$tmp/m	# one file per entry; its name is the entry's name

# run NAME CMD...: the command's standard output as entry NAME, its
# standard error and exit status as entry NAME.err.
run() {
	name=$1
	shift
	"$@" >"$m/$name" 2>"$m/$name.err"
	echo "exit $?" >>"$m/$name.err"
}

make -s build variants html data restricted dist >"$tmp/make.log" 2>&1 || {
	echo "manifest.sh: make failed:" >&2
	cat "$tmp/make.log" >&2
	exit 1
}

python3 tests/data/make_three_periods.py periods >/dev/null || exit 1
for in in input periods; do
	run "$in.figures-all-lscbs.csv" "$bin" figures --input $in --all-lscbs
	run "$in.figures-all-lscbs.json" "$bin" figures --input $in \
	    --all-lscbs --format json
	run "$in.figures-all-periods-pooled.csv" "$bin" figures --input $in \
	    --all-periods --pooled
	run "$in.figures-all-periods-pooled.json" "$bin" figures --input $in \
	    --all-periods --pooled --format json
	for d in doc layout; do
		run "$in.dump-$d.regional" "$bin" render --input $in --dump $d
		for b in Lambeth Southwark "City of London"; do
			run "$in.dump-$d.$(echo "$b" | tr ' ' -)" "$bin" \
			    render --input $in --lscb "$b" --dump $d
		done
	done
done

# The joint solve of pooled periods with banded shares (docs/disclosure.md,
# "Pooled periods"): every board's ledger of every period and the total,
# and Southwark's tree, whose tables pool.
cp -r periods pooled
sed -i 's/^disclosure:$/disclosure:\n  pool: true\n  bands: [25, 50, 75]/' \
    pooled/report.yaml
run pooled.figures-all-lscbs-all-periods-pooled.csv "$bin" figures \
    --input pooled --all-lscbs --all-periods --pooled
run pooled.dump-doc.Southwark "$bin" render --input pooled \
    --lscb Southwark --dump doc

run bad.cases "$bin" check --cases tests/bad/cases
run bad.dup-ids "$bin" check --cases tests/bad/dup-ids
for kind in report codebook national; do
	for f in tests/bad/$kind/*.yaml; do
		[ -f "$f" ] || continue
		rm -rf in-bad && mkdir in-bad
		cp input/report.yaml input/codebook.yaml input/national.yaml \
		    in-bad/
		cp "$f" "in-bad/$kind.yaml"
		run "bad.$kind.$(basename "$f" .yaml)" "$bin" check \
		    --input in-bad --cases input/cases
	done
done

# The manifest: output/ by path, the commands by entry name.
{
	find output -type f | sort | xargs sha256sum
	(cd "$m" && find . -type f | sed 's|^\./||' | sort | xargs sha256sum |
	    sed 's|  |  cmd/|')
} >"$tmp/manifest" || exit 3
cd "$root" || exit 3

case $mode in
write) cp "$tmp/manifest" "$out" ;;
update) cp "$tmp/manifest" "$want" &&
	echo "manifest.sh: wrote $(wc -l <"$want") entries to" \
	    "tests/manifest.sha256" ;;
compare)
	n=$(wc -l <"$tmp/manifest")
	# Every entry whose sum differs, is new or is gone, by name.
	diffs=$(awk 'NR == FNR { old[$2] = $1; next }
	    { seen[$2] = 1
	      if (!($2 in old)) print "new:     " $2
	      else if (old[$2] != $1) print "differs: " $2 }
	    END { for (k in old) if (!(k in seen)) print "gone:    " k }' \
	    "$want" "$tmp/manifest" | sort -k2)
	if [ -z "$diffs" ]; then
		echo "manifest.sh: all $n entries identical"
	else
		echo "$diffs"
		echo "manifest.sh: $(echo "$diffs" | wc -l) of $n entries" \
		    "differ from tests/manifest.sha256 (sh tests/manifest.sh" \
		    "-u rewrites it once a change is meant)"
		exit 1
	fi ;;
esac

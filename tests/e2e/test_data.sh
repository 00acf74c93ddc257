#!/bin/sh
# tests/e2e/test_data.sh: the open data set (`scrpaper data`, docs/data.md).
# Run from the project root with SCRPAPER set to the binary under test
# (tests/e2e/run.sh does both).
#
# On input/ and on the synthetic cohorts of tests/data/ (given codes of
# the right form in a copy of their report.yaml), the data set is read
# back with Python's csv module, as a statistics tool reads it, and:
#   - the files are UTF-8 without a byte-order mark, one header line, no
#     blank line, every row as wide as the header, no blank cell;
#   - the columns are the standards' time and geography columns in their
#     order, then filters, then indicators, as the metadata CSV lists
#     them (one metadata row a column, the standards' metadata header);
#   - codes have their form (E92, E12, E06/E08/E09/E10 and digits), one
#     code a board and one board a code; on input/ each board's code is
#     the official ONS one, listed here;
#   - indicators are numbers or c, z, x; each figure's label is the one
#     templates/figures.yaml gives;
#   - every value equals the ledger's (`figures`, `figures --all-lscbs`
#     and the national block), and a board cell is c exactly where its
#     ledger prints [c] and where its board paper's table prints [c];
#   - one filter, with no join, gives a board beside London and the
#     comparison study.
# Then: the same inputs give the same bytes; `make data` and `make dist`
# (in a copy of the tree) put it in output/data and in the archive under
# the manifest; a report.yaml without codes,
# a figure without a label or two figures with one label are refused as
# FILE:LINE:COL with exit 1 and nothing written; usage errors exit 2.
#
# make check runs one case of each shape: on input/ one board paper
# (Southwark), the cohort tests/data/variants, every period and pool on
# a generated cohort of three periods (below), make data and make dist
# on tests/data/variants' three boards.  make check-full (CHECK_FULL=1)
# adds the papers of Croydon and Barnet, the second cohort
# tests/data/variants-holdout (its data set, ledgers, papers and
# attacker), the three-period fixture, pool off and on, the next year
# (two periods) and make data and make dist on input/.  The commands
# that read one input share a solve cache ($tmp/cache, --cache): the data
# set, its ledgers and the papers read one solve, made by the first of
# them (a miss: a real solve); the rerun that must give the same bytes
# solves afresh, without it.
set -u

. tests/e2e/lib.sh
e2e_setup data
e2e_need python3 pdftotext

cache="--cache $tmp/cache"

# Runs the binary; stdout to $1, stderr to $tmp/err; fails on exit != 0.
run() {
	out=$1
	shift
	"$SCRPAPER" "$@" >"$out" 2>"$tmp/err"
	rc=$?
	if [ "$rc" -ne 0 ]; then
		fail "scrpaper $* exited $rc: $(cat "$tmp/err")"
	fi
}


# ------------------------------------------------------------- input/
# The board papers read against the data set: Southwark (make check),
# Croydon and Barnet too (make check-full).
boards=Southwark
e2e_full && boards="$boards Croydon Barnet"
mkdir -p "$tmp/in"
# shellcheck disable=SC2086
run /dev/null data $cache -o "$tmp/in/data"
cp "$tmp/in/data/"*.csv "$tmp/in/" 2>/dev/null
# shellcheck disable=SC2086
run "$tmp/in/region.csv" figures $cache
# shellcheck disable=SC2086
run "$tmp/in/all.csv" figures $cache --all-lscbs
papers=
for b in $boards; do
	slug=$(printf '%s' "$b" | tr 'A-Z' 'a-z')
	# shellcheck disable=SC2086
	run /dev/null render $cache --lscb "$b" -o "$tmp/in/$slug.pdf"
	pdftotext -enc UTF-8 -layout "$tmp/in/$slug.pdf" "$tmp/in/$slug.txt"
	papers="$papers $b=$tmp/in/$slug.txt"
done
[ -s "$tmp/in/data/README.txt" ] || fail "no README.txt"
# shellcheck disable=SC2086
python3 tests/e2e/data_check.py input "$tmp/in" templates/figures.yaml london 2006-09 \
    $papers || failed=1

# The README names the period, the threshold and the contact.
tr '\n' ' ' <"$tmp/in/data/README.txt" | tr -s ' ' >"$tmp/readme.txt"
for want in "2006-04-01 to 2009-09-30" "counts 1 to 5 children" \
    "$(sed -n 's/^contact: //p' input/report.yaml)" "E12000007"; do
	grep -qF "$want" "$tmp/readme.txt" ||
		fail "README.txt does not say '$want'"
done

# Twice: the same bytes (the second solves afresh, without the cache).
run /dev/null data -o "$tmp/in/again"
for f in scr_figures.csv scr_figures.meta.csv README.txt; do
	cmp -s "$tmp/in/data/$f" "$tmp/in/again/$f" ||
		fail "$f differs between two runs"
done

# ------------------------------------------- the synthetic cohorts
# Their report.yaml names no codes: refused, nothing written.
"$SCRPAPER" data --input tests/data/variants -o "$tmp/none" \
    >/dev/null 2>"$tmp/err"
rc=$?
[ "$rc" -eq 1 ] || fail "data without codes exited $rc, want 1"
grep -q "^tests/data/variants/report.yaml: error: no 'region_code'" \
    "$tmp/err" || fail "no error for the missing region_code: $(cat "$tmp/err")"
grep -q "^tests/data/variants/report.yaml: error: no 'lscb_codes'" \
    "$tmp/err" || fail "no error for the missing lscb_codes"
[ ! -e "$tmp/none" ] || fail "data without codes wrote $tmp/none"

# tests/data/variants (make check); its holdout cohort, of the same
# generator, too under make check-full.
sets=variants
e2e_full && sets="$sets variants-holdout"
n=0
for set in $sets; do
	n=$((n + 1))
	d=$tmp/$set
	mkdir -p "$d/input"
	cp -R "tests/data/$set/"* "$d/input/"
	cat >>"$d/input/report.yaml" <<EOT
region_code: E1200000$n
lscb_codes:
  Northbury: E0600010$n
  Eastwick: E0900020$n
  Southmoor: E1000030$n
EOT
	# shellcheck disable=SC2086
	run /dev/null data $cache --input "$d/input" -o "$d/data"
	cp "$d/data/"*.csv "$d/"
	# shellcheck disable=SC2086
	run "$d/region.csv" figures $cache --input "$d/input"
	# shellcheck disable=SC2086
	run "$d/all.csv" figures $cache --input "$d/input" --all-lscbs
	# shellcheck disable=SC2086
	run /dev/null render $cache --input "$d/input" --all-lscbs -o "$d"
	for b in Northbury Eastwick; do
		slug=$(printf '%s' "$b" | tr 'A-Z' 'a-z')
		pdftotext -enc UTF-8 -layout "$d/$slug.pdf" "$d/$slug.txt"
	done
	python3 tests/e2e/data_check.py "$d/input" "$d" templates/figures.yaml none \
	    "$("$SCRPAPER" periods --input "$d/input" |
	    sed -n 's/ (.*the current period.*//p')" \
	    "Northbury=$d/northbury.txt" "Eastwick=$d/eastwick.txt" ||
		failed=1
	# No case id, no notes text.
	if grep -l -e "VAR-" -e "NOTES-SENTINEL" "$d/data/"* >/dev/null; then
		fail "$set: a case id or notes text in the data set"
	fi
done

# ------------------------------------------------------ every period
# With earlier periods declared, the data set holds every period, each
# equal cell by cell to that period's ledger (`figures --all-periods`,
# with --all-lscbs for the boards), and the total over them (period
# "pooled", from the `--pooled` ledger) when disclosure: pool lets the
# board papers print it; the national rows once, period x.
# pooled DIR LABELS: DIR's data set against its ledgers of every period
# (LABELS: label:first:last, in order), and, with disclosure: pool on
# in a copy (DIR-pool), the copy's data set against the pooled ledgers
# with the total over the periods (period "pooled", from the first
# period's first day to the last's last), and its periods' rows the
# same as DIR's.  One ledger serves both: the periods' own cells are the
# same, pooled or not (docs/disclosure.md).
pooled() {
	d=$1
	shift
	cp -R "$d" "$d-pool"
	sed -i 's/^disclosure:$/disclosure:\n  pool: true/' "$d-pool/report.yaml"
	grep -q '^  pool: true$' "$d-pool/report.yaml" ||
		fail "cannot set disclosure: pool in $d"
	# shellcheck disable=SC2086
	run /dev/null data $cache --input "$d" -o "$d/data"
	# shellcheck disable=SC2086
	run /dev/null data $cache --input "$d-pool" -o "$d-pool/data"
	# shellcheck disable=SC2086
	run "$d-pool/region.csv" figures $cache --input "$d-pool" \
	    --all-periods --pooled
	# shellcheck disable=SC2086
	run "$d-pool/all.csv" figures $cache --input "$d-pool" --all-periods \
	    --pooled --all-lscbs
	python3 tests/e2e/data_periods.py "$d/data/scr_figures.csv" \
	    "$d-pool/region.csv" "$d-pool/all.csv" "$d/data/README.txt" "$@" ||
		fail "$d: the data set is not every period's ledger"
	first=$(echo "$1" | cut -d: -f2)
	for last; do :; done
	python3 tests/e2e/data_periods.py "$d-pool/data/scr_figures.csv" \
	    "$d-pool/region.csv" "$d-pool/all.csv" "$d-pool/data/README.txt" \
	    "$@" "pooled:$first:${last##*:}" ||
		fail "$d, disclosure: pool: the data set is not every period's and the total's ledger"
	grep -v ',pooled,' "$d-pool/data/scr_figures.csv" |
	    cmp -s - "$d/data/scr_figures.csv" ||
		fail "$d: the periods' rows differ with disclosure: pool"
}

# make check: pool on a generated cohort of three periods of a region's
# yearly sizes (tests/attack/make_periods.py; a pooled solve of a
# fraction of a second), given input/'s codes; pooled() checks its data
# set against its ledgers of every period too, pool off and on.  make
# check-full (CHECK_FULL=1) adds the three-period fixture
# (tests/data/make_three_periods.py, input/'s 33 boards), pool off and
# on: its pooled solve is some 30 CPU-s.
python3 tests/attack/make_periods.py --generated 2 --seed 16 \
    --sizes 15,20,25 --out "$tmp/gp" >/dev/null ||
	fail "make_periods.py"
{
	sed -n '/^region_code:/p' input/report.yaml
	sed -n '/^lscb_codes:/p; /^lscb_codes:/,/^[^ ]/s/^  [A-Z]/&/p' \
	    input/report.yaml
} >>"$tmp/gp/per-001/report.yaml"
PG=$("$SCRPAPER" periods --input "$tmp/gp/per-001" 2>/dev/null |
    sed -n 's/^\([^ ]*\) (\([0-9-]*\) to \([0-9-]*\),.*/\1:\2:\3/p')
[ "$(echo "$PG" | wc -w)" -eq 3 ] ||
	fail "the generated cohort has not three periods: $PG"
# shellcheck disable=SC2086
pooled "$tmp/gp/per-001" $PG
if e2e_full; then
	python3 tests/data/make_three_periods.py "$tmp/three" >/dev/null ||
		fail "cannot build the three-period fixture"
	P3="2002-04:2002-04-01:2004-03-31 2004-06:2004-04-01:2006-03-31"
	P3="$P3 2006-09:2006-04-01:2009-09-30"
	# shellcheck disable=SC2086
	pooled "$tmp/three" $P3
fi

# The next year as docs/annual.md makes it: new-year, then the new
# period's case files; the data set holds 2006-09 and 2009-10.  Two
# periods against their ledgers, the shape the generated cohort's three
# show above: make check-full.
if e2e_full; then
	"$SCRPAPER" new-year --input input -o "$tmp/next" >/dev/null 2>&1 ||
		fail "new-year failed"
	cp tests/data/annual-2009-10/cases/*.yaml "$tmp/next/cases/"
	# shellcheck disable=SC2086
	run /dev/null data $cache --input "$tmp/next" -o "$tmp/next/data"
	# shellcheck disable=SC2086
	run "$tmp/next/region.csv" figures $cache --input "$tmp/next" --all-periods
	# shellcheck disable=SC2086
	run "$tmp/next/all.csv" figures $cache --input "$tmp/next" --all-periods \
	    --all-lscbs
	python3 tests/e2e/data_periods.py "$tmp/next/data/scr_figures.csv" \
	    "$tmp/next/region.csv" "$tmp/next/all.csv" "$tmp/next/data/README.txt" \
	    2006-09:2006-04-01:2009-09-30 2009-10:2009-10-01:2010-09-30 ||
		fail "the next year: the data set is not both periods' ledgers"
fi

# ------------------------------------------------------------ licence
# report.yaml's licence: replaces the default in the README and the
# metadata; an empty one is refused at its line, nothing written.
mkdir -p "$tmp/lic"
cp -R input/* "$tmp/lic/"
printf 'licence: Creative Commons Attribution 4.0\n' >>"$tmp/lic/report.yaml"
# shellcheck disable=SC2086
run /dev/null data $cache --input "$tmp/lic" -o "$tmp/lic/data"
tr '\n' ' ' <"$tmp/lic/data/README.txt" | tr -s ' ' | grep -qF \
    "LICENCE These files are published under the Creative Commons Attribution 4.0." ||
	fail "README.txt does not state report.yaml's licence"
python3 tests/e2e/data_meta_licence.py "$tmp/lic/data/scr_figures.meta.csv" \
    "Creative Commons Attribution 4.0" ||
	fail "the metadata does not state report.yaml's licence on every row"
if grep -q "Open Government" "$tmp/lic/data/"*; then
	fail "the default licence is stated beside report.yaml's"
fi
mkdir "$tmp/licbad"
cp -R input/* "$tmp/licbad/"
printf 'licence: "  "\n' >>"$tmp/licbad/report.yaml"
line=$(grep -n '^licence:' "$tmp/licbad/report.yaml" | cut -d: -f1)
"$SCRPAPER" data --input "$tmp/licbad" -o "$tmp/licbad/data" \
    >/dev/null 2>"$tmp/err"
rc=$?
[ "$rc" -eq 1 ] || fail "an empty licence: exit $rc, want 1"
grep -qF "$tmp/licbad/report.yaml:$line:10: error: 'licence' is empty" \
    "$tmp/err" || fail "no FILE:LINE:COL for an empty licence: $(cat "$tmp/err")"
[ ! -e "$tmp/licbad/data" ] || fail "data with an empty licence wrote its folder"
# The default is stated on input/ (the metadata's in check.py).
grep -qF "published under the Open Government Licence v3.0." \
    "$tmp/readme.txt" ||
	fail "README.txt does not state the Open Government Licence"

# ------------------------------------------------- refused, as FILE:LINE
# A figure without a label, and two figures with one label.
awk '/^  - name: girls$/ { skip = 1 } skip && /^    label:/ { skip = 0; next }
    { print }' templates/figures.yaml |
    sed 's/^    label: Aged 6 – 10$/    label: Aged 1 – 5/' >"$tmp/fig.yaml"
line_girls=$(grep -n '^  - name: girls$' "$tmp/fig.yaml" | cut -d: -f1)
line_age=$(grep -n '^  - name: age_6_10$' "$tmp/fig.yaml" | cut -d: -f1)
line_age15=$(grep -n '^  - name: age_1_5$' "$tmp/fig.yaml" | cut -d: -f1)
"$SCRPAPER" data --figures "$tmp/fig.yaml" -o "$tmp/nolabel" \
    >/dev/null 2>"$tmp/err"
rc=$?
[ "$rc" -eq 1 ] || fail "a figure without a label: exit $rc, want 1"
grep -qF "$tmp/fig.yaml:$line_girls:5: error: figure 'girls' has no label" \
    "$tmp/err" || fail "no FILE:LINE:COL for the missing label: $(cat "$tmp/err")"
grep -qF "$tmp/fig.yaml:$line_age:5: error: figure 'age_6_10' has the label of figure 'age_1_5' (line $line_age15)" \
    "$tmp/err" || fail "no FILE:LINE:COL for the label given twice: $(cat "$tmp/err")"
[ ! -e "$tmp/nolabel" ] || fail "data with a bad label wrote its folder"

# ------------------------------------------------------- the attacker
# `scrpaper audit --published DIR` reads published ledgers; the data
# set, written back in the ledgers' form (its cells are the ledgers'
# values), must give it nothing to work back, for input/ and for the
# synthetic cohorts (the holdout one under make check-full).
if "$SCRPAPER" audit --help >/dev/null 2>&1; then
	pubs="input:$tmp/in/data"
	for set in $sets; do
		pubs="$pubs $tmp/$set/input:$tmp/$set/data"
	done
	for x in $pubs; do
		in=${x%%:*}
		python3 tests/e2e/data_ledgers.py "${x#*:}/scr_figures.csv" "$tmp/pub" ||
			fail "cannot write the data set as ledgers"
		"$SCRPAPER" audit --input "$in" --published "$tmp/pub" \
		    >"$tmp/audit" 2>&1 ||
			fail "the attacker works back a cell of the data set" \
			    "for $in: $(cat "$tmp/audit")"
		rm -rf "$tmp/pub"
	done
else
	echo "note: this scrpaper has no audit command: the attacker is not run"
fi

# ------------------------------------------- make data, make dist
# In a copy of the tree, with the binary under test, so output/ is left
# alone: the data set is made, then up to date, then in the archive
# under the manifest.  make check: on the three boards of
# tests/data/variants; make check-full: on input/.
mkdir "$tmp/tree"
cp -R Makefile templates input fonts "$tmp/tree/" || fail "cannot copy"
mkdir "$tmp/tree/tests" && cp tests/lsan.supp "$tmp/tree/tests/"
if ! e2e_full; then
	rm -rf "$tmp/tree/input" && e2e_variants "$tmp/tree/input" ||
		fail "cannot copy tests/data/variants"
fi
(
	unset MAKEFLAGS MFLAGS MAKELEVEL
	cd "$tmp/tree" || exit 1
	make data BIN="$SCRPAPER" >"$tmp/make1" 2>&1 || {
		echo "FAIL: make data:"; tail -5 "$tmp/make1"; exit 1; }
	make -q data BIN="$SCRPAPER" ||
		{ echo "FAIL: make data is not up to date after make data"; }
	make dist BIN="$SCRPAPER" >"$tmp/make2" 2>&1 || {
		echo "FAIL: make dist:"; tail -5 "$tmp/make2"; exit 1; }
	mkdir x && tar xzf output/scrpaper-papers.tar.gz -C x || exit 1
	for f in README.txt scr_figures.csv scr_figures.meta.csv; do
		cmp -s "output/data/$f" "x/papers/data/$f" ||
			echo "FAIL: make dist: papers/data/$f differs or is missing"
		grep -q "  data/$f\$" x/papers/SHA256SUMS ||
			echo "FAIL: make dist: SHA256SUMS does not list data/$f"
	done
	# the ODT edition beside every paper, each listed in SHA256SUMS
	for f in x/papers/background-paper.pdf x/papers/lscb/*.pdf; do
		o=${f%.pdf}.odt
		[ -s "$o" ] || echo "FAIL: make dist: no ${o#x/papers/}"
		grep -q "  ${o#x/papers/}\$" x/papers/SHA256SUMS ||
			echo "FAIL: make dist: SHA256SUMS does not list ${o#x/papers/}"
	done
	(cd x/papers && sha256sum -c --quiet SHA256SUMS) ||
		echo "FAIL: make dist: SHA256SUMS does not check"
) >"$tmp/tree.out" 2>&1 || failed=1
if grep -q FAIL "$tmp/tree.out"; then
	cat "$tmp/tree.out"
	failed=1
fi

# ------------------------------------ pandas and R read every CSV
# Every CSV of the archive, read with no options by pandas
# (python3-pandas) and by R's read.csv (r-base-core), as an analyst
# would: no warning or error, as many rows and columns as the file
# has, every cell as Python's csv module reads it (no text turned into
# a missing value), and the numeric columns numbers: the ledgers'
# counts and percentages, and in the data set the columns its metadata
# calls Indicator, once c, z and x are named as missing (docs/data.md).
# A missing pandas or R is a failure, not a skip.
PANDAS_PY=
for py in python3 /usr/bin/python3; do
	# (found, not imported: an import of pandas is some 0.6 CPU-s)
	if "$py" -c 'import sys, importlib.util as u
sys.exit(u.find_spec("pandas") is None)' >/dev/null 2>&1; then
		PANDAS_PY=$py
		break
	fi
done
[ -n "$PANDAS_PY" ] || fail "pandas is not installed (python3-pandas;" \
    "make deps installs it): the archive's CSVs cannot be read with it"
command -v Rscript >/dev/null 2>&1 || fail "R is not installed" \
    "(r-base-core; make deps installs it): the archive's CSVs cannot be" \
    "read with read.csv"
if [ -n "$PANDAS_PY" ]; then
	"$PANDAS_PY" tests/e2e/data_read_pandas.py "$tmp/tree/x/papers" >"$tmp/pandas.out" 2>&1 ||
		fail "pandas does not read every CSV of make dist's archive:" \
		    "$(cat "$tmp/pandas.out")"
	tail -1 "$tmp/pandas.out"
fi
if command -v Rscript >/dev/null 2>&1; then
	Rscript tests/e2e/data_read.R "$tmp/tree/x/papers" >"$tmp/r.out" 2>&1 ||
		fail "R does not read every CSV of make dist's archive:" \
		    "$(cat "$tmp/r.out")"
	tail -1 "$tmp/r.out"
fi

# Usage errors.
for args in "data" "data --lscb Barnet -o $tmp/u" "data --all-lscbs -o $tmp/u" \
    "data --format json -o $tmp/u"; do
	# shellcheck disable=SC2086
	"$SCRPAPER" $args >/dev/null 2>&1
	rc=$?
	[ "$rc" -eq 2 ] || fail "scrpaper $args exited $rc, want 2"
done

[ "$failed" -eq 0 ] && echo "ok"
exit "$failed"

#!/bin/sh
# tests/e2e/test_new_year.sh: the move to the next year (docs/annual.md).
#   - new-year copies every input file, moves the period into earlier:
#     with its dates and label, adds the next one (the day after, 12
#     months; --months, --label), keeps every comment, sets created: with
#     a note; refuses an existing folder; leaves nothing on an error;
#     drops the oldest of four earlier periods and says what it means;
#   - periods lists each case file, its date and period, and the counts
#     (and --format csv);
#   - compare exits 0 on the new folder with next year's cases, and 1
#     naming the case file and every 2006-09 figure (London's and the
#     boards', as figures prints them) that a moved date changes;
#   - check warns at the line of an earlier period with no case, of a
#     period after a gap holding a case, of created:, and at the
#     template's @boards line when grid.yaml is missing.
set -u

. tests/e2e/lib.sh
e2e_setup new_year

in=tests/data/annual-2009-10
D=$tmp/D

# new-year from input/.
"$SCRPAPER" new-year --input input -o "$D" >"$tmp/out" 2>"$tmp/err" ||
	fail "new-year exited $?: $(cat "$tmp/err")"
grep -qx "new-year: wrote $D: the period 2009-10, 2009-10-01 to 2010-09-30 (12 months), after 2006-09 (2006-04-01 to 2009-09-30), now the last of 'earlier:'" "$tmp/out" ||
	fail "new-year's message: $(cat "$tmp/out")"
for f in report.yaml codebook.yaml national.yaml grid.yaml README.md; do
	[ -f "$D/$f" ] || fail "new-year did not copy $f"
done
for f in input/cases/*.yaml; do
	cmp -s "$f" "$D/cases/${f##*/}" || fail "new-year did not copy $f"
done
[ "$(ls "$D/cases" | wc -l)" -eq "$(ls input/cases | wc -l)" ] ||
	fail "new-year's cases/ holds $(ls "$D/cases" | wc -l) files"
[ -e "$D/tools" ] && fail "new-year copied input/tools/, which is not input"
ls -d "$D".new-year-* >/dev/null 2>&1 && fail "new-year left its temporary folder"
# report.yaml: the comments all kept, only the period, earlier: and
# created: changed.
grep '#' input/report.yaml >"$tmp/c1"
grep '#' "$D/report.yaml" | grep -v "^created:" >"$tmp/c2"
cmp -s "$tmp/c1" "$tmp/c2" || fail "new-year lost comments: $(diff "$tmp/c1" "$tmp/c2")"
diff input/report.yaml "$D/report.yaml" | grep '^[<>]' >"$tmp/diff"
cat >"$tmp/want" <<'EOF'
<   from: 2006-04-01
<   to: 2009-09-30
< created: 2009-11-30
>   from: 2009-10-01
>   to: 2010-09-30
> earlier:
>   - {label: 2006-09, from: 2006-04-01, to: 2009-09-30}
> created: 2010-09-30  # the paper's date: set it (check warns until it is after 2010-09-30)
EOF
sort "$tmp/diff" >"$tmp/d1"
sort "$tmp/want" >"$tmp/d2"
cmp -s "$tmp/d1" "$tmp/d2" || fail "new-year's report.yaml differs so: $(cat "$tmp/diff")"

# make new-year does the same (the binary under test given, so nothing
# is compiled).
(
	unset MAKEFLAGS MFLAGS MAKELEVEL SANITIZE
	make -s new-year INPUT=input TO="$tmp/mk" MONTHS=6 LABEL=half \
	    BIN="$SCRPAPER" -o "$SCRPAPER"
) >"$tmp/out" 2>&1 || fail "make new-year: $(tail -3 "$tmp/out")"
grep -q "the period half, 2009-10-01 to 2010-03-31 (6 months)" "$tmp/out" &&
    [ -f "$tmp/mk/grid.yaml" ] || fail "make new-year: $(cat "$tmp/out")"

# An existing folder is refused and left as it was.
cp "$D/report.yaml" "$tmp/before.yaml"
"$SCRPAPER" new-year --input "$D" -o "$D" >"$tmp/out" 2>"$tmp/err"
[ $? -eq 2 ] || fail "new-year into an existing folder did not exit 2"
grep -q "already exists" "$tmp/err" || fail "new-year's refusal: $(cat "$tmp/err")"
cmp -s "$tmp/before.yaml" "$D/report.yaml" || fail "the existing folder was changed"
mkdir "$tmp/empty"
"$SCRPAPER" new-year --input input -o "$tmp/empty" >/dev/null 2>&1
[ $? -eq 2 ] && [ -z "$(ls "$tmp/empty")" ] ||
	fail "new-year wrote into an existing empty folder"
"$SCRPAPER" new-year --input input -o "$tmp/m0" --months 0 >/dev/null 2>&1
[ $? -eq 2 ] && [ ! -e "$tmp/m0" ] || fail "--months 0 was not a usage error"

# Nothing partial: invalid input, and a file that cannot be read midway.
mkdir -p "$tmp/bad/cases"
cp input/*.yaml "$tmp/bad/"
cp input/cases/*.yaml "$tmp/bad/cases/"
sed -i 's/^  to: 2009-09-30/  to: 2009-13-30/' "$tmp/bad/report.yaml"
"$SCRPAPER" new-year --input "$tmp/bad" -o "$tmp/badout" >"$tmp/out" 2>"$tmp/err"
[ $? -eq 1 ] || fail "new-year on an invalid report.yaml did not exit 1"
grep -q "report.yaml:[0-9]*:[0-9]*: error:" "$tmp/err" ||
	fail "new-year's error does not name the line: $(cat "$tmp/err")"
sed -i 's/^  to: 2009-13-30/  to: 2009-09-30/' "$tmp/bad/report.yaml"
ln -s "$tmp/nowhere" "$tmp/bad/cases/notes.txt"
"$SCRPAPER" new-year --input "$tmp/bad" -o "$tmp/badout" >"$tmp/out" 2>"$tmp/err"
[ $? -eq 3 ] || fail "new-year with an unreadable file did not exit 3: $(cat "$tmp/err")"
ls -d "$tmp"/badout* >/dev/null 2>&1 && fail "new-year left a partial folder: $(ls -d "$tmp"/badout*)"

# A label report.yaml cannot take is an error at the new file's line,
# and nothing is written.
"$SCRPAPER" new-year --input input -o "$tmp/lp" --label pooled >"$tmp/out" 2>"$tmp/err"
[ $? -eq 1 ] || fail "new-year --label pooled did not exit 1"
grep -q "^$tmp/lp/report.yaml:[0-9]*:[0-9]*: error: period label 'pooled'" "$tmp/err" ||
	fail "new-year --label pooled: $(cat "$tmp/err")"
ls -d "$tmp"/lp* >/dev/null 2>&1 && fail "new-year --label pooled wrote $(ls -d "$tmp"/lp*)"

# --months and --label: a bridging period; then the convention carries on.
"$SCRPAPER" new-year --input input -o "$tmp/br1" --months 6 --label 2009-10-bridge >"$tmp/out" 2>&1 ||
	fail "new-year --months 6 exited $?"
grep -q "the period 2009-10-bridge, 2009-10-01 to 2010-03-31 (6 months)" "$tmp/out" ||
	fail "--months 6 --label: $(cat "$tmp/out")"
grep -qx "  label: 2009-10-bridge" "$tmp/br1/report.yaml" ||
	fail "--label was not written into period:"
"$SCRPAPER" new-year --input "$tmp/br1" -o "$tmp/br2" >"$tmp/out" 2>&1 ||
	fail "new-year after the bridge exited $?"
grep -q "the period 2010-11, 2010-04-01 to 2011-03-31 (12 months), after 2009-10-bridge (2009-10-01 to 2010-03-31)" "$tmp/out" ||
	fail "the year after the bridge: $(cat "$tmp/out")"
"$SCRPAPER" check --input "$tmp/br2" >/dev/null 2>&1 || fail "check after two new-years failed"
# Month ends, leap years counted: 11 months from 2011-04-01 end on
# 2012-02-29, and the next period starts on 1 March.
"$SCRPAPER" new-year --input "$tmp/br2" -o "$tmp/br3" --months 11 >"$tmp/out" 2>&1 &&
    "$SCRPAPER" new-year --input "$tmp/br3" -o "$tmp/br4" --months 1 >>"$tmp/out" 2>&1 ||
	fail "new-year --months 11 then 1 exited $?"
grep -q "the period 2011-12, 2011-04-01 to 2012-02-29 (11 months)" "$tmp/out" &&
    grep -q "the period 2012, 2012-03-01 to 2012-03-31 (1 month)" "$tmp/out" ||
	fail "the month ends: $(cat "$tmp/out")"

# Five years on: the oldest of four earlier periods drops out, and the
# command says what it means for pooling.
prev=input
i=1
while [ $i -le 5 ]; do
	"$SCRPAPER" new-year --input "$prev" -o "$tmp/y$i" >"$tmp/y$i.out" 2>&1 ||
		fail "new-year $i exited $?"
	prev=$tmp/y$i
	i=$((i + 1))
done
[ "$(grep -c '^  - {label' "$tmp/y5/report.yaml")" -eq 4 ] ||
	fail "earlier: of the fifth year: $(grep -A6 '^earlier' "$tmp/y5/report.yaml")"
grep -q "label: 2006-09" "$tmp/y5/report.yaml" && fail "2006-09 did not drop out"
grep -q "label: 2009-10," "$tmp/y5/report.yaml" || fail "2009-10 dropped out too"
grep -q "the oldest period 2006-09 (2006-04-01 to 2009-09-30) dropped out of 'earlier:' (at most 4): its 47 case files stay in cases/ and count in no period" "$tmp/y5.out" &&
    grep -q "pool only if no total was published last year" "$tmp/y5.out" ||
	fail "the drop is not explained: $(cat "$tmp/y5.out")"
grep -q "dropped" "$tmp/y4.out" && fail "a period dropped out before earlier: was full"
# With pool on, the window that moves turns it off (last year's total
# less this year's would give the dropped period less the new one away);
# before that, pool stays as it was.
cp -R input "$tmp/pool0"
sed -i 's/^disclosure:$/disclosure:\n  pool: true/' "$tmp/pool0/report.yaml"
prev=$tmp/pool0
i=1
while [ $i -le 5 ]; do
	"$SCRPAPER" new-year --input "$prev" -o "$tmp/p$i" >"$tmp/p$i.out" 2>&1 ||
		fail "new-year $i (pool) exited $?"
	prev=$tmp/p$i
	i=$((i + 1))
done
grep -q '^  pool: true$' "$tmp/p4/report.yaml" ||
	fail "pool changed before the window moved: $(grep pool "$tmp/p4/report.yaml")"
grep -q '^  pool: false$' "$tmp/p5/report.yaml" ||
	fail "the moved window kept pool on: $(grep pool "$tmp/p5/report.yaml")"
grep -q "'disclosure: pool' set to false in $tmp/p5/report.yaml" "$tmp/p5.out" ||
	fail "new-year does not say it turned pool off: $(cat "$tmp/p5.out")"
"$SCRPAPER" check --input "$tmp/p5" >/dev/null 2>"$tmp/err" ||
	fail "the fifth year with pool turned off does not check: $(cat "$tmp/err")"
grep -q "pool" "$tmp/y5.out" && grep -q "set to false" "$tmp/y5.out" &&
	fail "new-year turned off a pool that was never on"
[ "$(grep -c "^created: 2014-09-30  # the paper's date: set it (check warns until it is after 2014-09-30)$" "$tmp/y5/report.yaml")" -eq 1 ] ||
	fail "created: of the fifth year: $(grep '^created' "$tmp/y5/report.yaml")"

# A one-line earlier: list is written again as a block list, its
# comment kept.
mkdir -p "$tmp/f0/cases"
cp input/*.yaml "$tmp/f0/"
cp input/cases/*.yaml "$tmp/f0/cases/"
sed -i -e 's/^  from: 2006-04-01/  from: 2007-04-01/' \
    -e 's/^created:/earlier: [{label: 2006-07, from: 2006-04-01, to: 2007-03-31}]  # kept\ncreated:/' \
    "$tmp/f0/report.yaml"
"$SCRPAPER" new-year --input "$tmp/f0" -o "$tmp/f1" >/dev/null 2>"$tmp/err" ||
	fail "new-year on a one-line earlier: exited $?: $(cat "$tmp/err")"
grep -A3 '^earlier:' "$tmp/f1/report.yaml" >"$tmp/got"
printf '%s\n' "earlier:  # kept" "  - {label: 2006-07, from: 2006-04-01, to: 2007-03-31}" \
    "  - {label: 2007-09, from: 2007-04-01, to: 2009-09-30}" "created: 2010-09-30  # the paper's date: set it (check warns until it is after 2010-09-30)" >"$tmp/want"
cmp -s "$tmp/got" "$tmp/want" || fail "the one-line earlier: became: $(cat "$tmp/got")"

# The year's cases; periods.
cp "$in"/cases/*.yaml "$D/cases/"
"$SCRPAPER" periods --input "$D" >"$tmp/out" 2>"$tmp/err" || fail "periods exited $?"
grep -qx "2009-08-20  2006-09  $D/cases/LON-2009-099.yaml" "$tmp/out" &&
    grep -qx "2010-09-28  2009-10  $D/cases/LON-2010-112.yaml" "$tmp/out" &&
    grep -qx "2006-09 (2006-04-01 to 2009-09-30, 42 months): 48 cases" "$tmp/out" &&
    grep -qx "2009-10 (2009-10-01 to 2010-09-30, 12 months, the current period): 15 cases" "$tmp/out" &&
    grep -qx "in no period: 0 cases" "$tmp/out" ||
	fail "periods printed: $(cat "$tmp/out")"
"$SCRPAPER" periods --input "$in" --format csv >"$tmp/csv" || fail "periods --format csv exited $?"
[ "$(head -1 "$tmp/csv")" = "file,completed,period" ] || fail "periods csv header: $(head -1 "$tmp/csv")"
[ "$(($(wc -l <"$tmp/csv") - 1))" -eq "$(ls "$in"/cases/*.yaml | wc -l)" ] ||
	fail "periods csv has $(wc -l <"$tmp/csv") lines"
grep -qx "$in/cases/LON-2009-099.yaml,2009-08-20," "$tmp/csv" &&
    grep -qx "$in/cases/LON-2009-101.yaml,2009-10-14,2009-10" "$tmp/csv" ||
	fail "periods csv rows: $(head -3 "$tmp/csv")"

# compare: the late case, then none.
"$SCRPAPER" compare --input "$D" --previous input >"$tmp/out" 2>"$tmp/err"
[ $? -eq 1 ] || fail "compare with the late case did not exit 1"
grep -qx "compare: case $D/cases/LON-2009-099.yaml: added to 2006-09 (completed 2009-08-20)" "$tmp/out" ||
	fail "compare does not name the late case: $(head -3 "$tmp/out")"
rm "$D/cases/LON-2009-099.yaml"
"$SCRPAPER" compare --input "$D" --previous input >"$tmp/out" 2>"$tmp/err" ||
	fail "compare of the new folder exited $?: $(head -5 "$tmp/out")"
grep -qx "compare: 1 period shared with input; no case file added, removed or moved, no published figure changes: OK" "$tmp/out" ||
	fail "compare's summary: $(cat "$tmp/out")"

# One 2006-09 case completed in the new period instead: compare names the
# file and every figure of 2006-09 whose ledger line changes, London's
# and the boards', worked out here from the ledgers `figures` prints.
cp -R "$D" "$tmp/E"
sed -i 's/^completed: .*/completed: 2009-10-05/' "$tmp/E/cases/LON-2008-001.yaml"
"$SCRPAPER" compare --input "$tmp/E" --previous input >"$tmp/out" 2>"$tmp/err"
[ $? -eq 1 ] || fail "compare with a moved case did not exit 1"
grep -qx "compare: case $tmp/E/cases/LON-2008-001.yaml: moved from 2006-09 to 2009-10 (completed 2009-10-05, was 2008-03-06)" "$tmp/out" ||
	fail "compare does not name the moved case: $(head -3 "$tmp/out")"
"$SCRPAPER" figures --input input | sed '/^$/,$d' >"$tmp/lr0"
"$SCRPAPER" figures --input "$tmp/E" --period 2006-09 | sed '/^$/,$d' >"$tmp/lr1"
"$SCRPAPER" figures --input input --all-lscbs >"$tmp/lb0"
"$SCRPAPER" figures --input "$tmp/E" --period 2006-09 --all-lscbs >"$tmp/lb1"
# Changed lines, as "WHO NAME", the out_of_period rows aside.
{
	diff "$tmp/lr0" "$tmp/lr1" | sed -n 's/^> \([^,]*\),.*/London \1/p'
	diff "$tmp/lb0" "$tmp/lb1" | sed -n 's/^> \([^,]*\),\([^,]*\),.*/\1 \2/p'
} | grep -v ' out_of_period$' | sort -u >"$tmp/want"
sed -n 's/^compare: figure 2006-09 \(.*\) \([a-z_0-9]*\): .*/\1 \2/p' "$tmp/out" |
    sort -u >"$tmp/got"
[ "$(wc -l <"$tmp/want")" -ge 10 ] || fail "only $(wc -l <"$tmp/want") ledger lines changed"
cmp -s "$tmp/want" "$tmp/got" ||
	fail "compare's figures differ from the ledgers': $(diff "$tmp/want" "$tmp/got" | head -5)"
grep -q "^compare: 1 case file added, removed or moved, $(wc -l <"$tmp/want") published figures would change" "$tmp/out" ||
	fail "compare's count: $(tail -1 "$tmp/out")"

# The warnings, each at its line.
mkdir -p "$tmp/w/cases"
cp input/report.yaml input/codebook.yaml input/national.yaml "$tmp/w/"
cp input/cases/LON-2006-00[1-3].yaml "$tmp/w/cases/"
sed -i -e 's/^  from: 2006-04-01/  from: 2006-07-01/' \
    -e 's/^created: .*/earlier:\n  - {label: 2004-06, from: 2004-04-01, to: 2006-03-31}\ncreated: 2009-09-30/' \
    "$tmp/w/report.yaml"
"$SCRPAPER" check --input "$tmp/w" >"$tmp/out" 2>"$tmp/err" || fail "check exited $?: $(cat "$tmp/err")"
pl=$(grep -n '^period:' "$tmp/w/report.yaml" | cut -d: -f1)
el=$(grep -n '{label: 2004-06' "$tmp/w/report.yaml" | cut -d: -f1)
cl=$(grep -n '^created:' "$tmp/w/report.yaml" | cut -d: -f1)
bl=$(grep -n '^@boards' templates/background-paper.tmpl | head -1 | cut -d: -f1)
for want in \
    "$tmp/w/report.yaml:$el:5: warning: the earlier period '2004-06' (2004-04-01 to 2006-03-31) has no case: every figure of it would be 0; keep its case files in cases/ (they count by their completed date)" \
    "$tmp/w/report.yaml:$((pl + 1)):3: warning: $tmp/w/cases/LON-2006-001.yaml, completed 2006-04-22, falls in the gap between the periods '2004-06' (ending 2006-03-31) and '2006-09' (starting 2006-07-01): it counts in no period; a period starts the day after the one before ends (docs/annual.md)" \
    "$tmp/w/report.yaml:$cl:10: warning: created 2009-09-30 is not after the end of the period (2009-09-30): set 'created' to the paper's date" \
    "templates/background-paper.tmpl:$bl:1: warning: $tmp/w/grid.yaml is missing: the tile map is left out of the paper (the table of the boards stays); copy last year's grid.yaml"; do
	grep -qxF "$want" "$tmp/err" || fail "check does not warn: $want; it printed: $(cat "$tmp/err")"
done
# render warns the same, and leaves the map out.
"$SCRPAPER" render --input "$tmp/w" -o "$tmp/w.pdf" 2>"$tmp/rerr" || fail "render exited $?"
grep -q "grid.yaml is missing: the tile map is left out" "$tmp/rerr" &&
    grep -q "has no case: every figure of it would be 0" "$tmp/rerr" &&
    grep -q "falls in the gap between the periods" "$tmp/rerr" &&
    grep -q "is not after the end of the period" "$tmp/rerr" ||
	fail "render does not warn: $(cat "$tmp/rerr")"
# None of them when nothing is lost: input/ and the new folder with its
# date set.
"$SCRPAPER" check --input input >/dev/null 2>"$tmp/err" || fail "check input exited $?"
[ -s "$tmp/err" ] && fail "check input warns: $(cat "$tmp/err")"
sed -i 's/^created: .*/created: 2010-11-30/' "$D/report.yaml"
"$SCRPAPER" check --input "$D" >"$tmp/out" 2>"$tmp/err" || fail "check of the new folder exited $?"
[ -s "$tmp/err" ] && fail "check of the new folder warns: $(cat "$tmp/err")"
[ "$(cat "$tmp/out")" = "15 cases in the period, 16 children, 33 boards: OK; earlier periods 2006-09: 47 cases" ] ||
	fail "check of the new folder: $(cat "$tmp/out")"

[ "$failed" -eq 0 ] || exit 1
echo "new_year: new-year, periods, compare and the warnings hold"

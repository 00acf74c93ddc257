#!/bin/sh
# tests/e2e/test_grammar.sh: the template's prose reads right for any
# cohort.  Fills the shipped template from generated cohorts of
# SWEEP_SIZES reviews (bench/gen_cohort.py; `make sweep` runs 0 1 2 3 5 8
# 20 200 with two seeds, `make check` a few), each with regional
# suppression off and on, as the regional paper and one board's, and
# fails on wording that a figure broke:
#   "one of <plural>", "none of <plural>", "there were one", "there was
#   <number above one>", "0 <plural>", "1 <plural>", "<number> <singular>",
#   "[c] of <noun>" ("[c] of the ..." reads as a count and is allowed),
#   "no of", "a small number <noun>", "none <noun>", and a shown "n/a"
#   where the region has cases.
# The prose lint (check --strict) must pass on the shipped template too.
set -u

. tests/e2e/lib.sh
e2e_setup grammar
e2e_need pdftotext python3

: "${SWEEP_SIZES:=0 1 2 5}"
: "${SWEEP_SEEDS:=1}"

"$SCRPAPER" check --strict >"$tmp/out" 2>"$tmp/err" ||
	fail "check --strict fails on the shipped template: $(head -3 "$tmp/err")"

. tests/e2e/grammar.sh
grammar_patterns "$tmp/bad"

n=0
for size in $SWEEP_SIZES; do
	for seed in $SWEEP_SEEDS; do
		in="$tmp/c$size-$seed"
		if [ "$size" -eq 0 ]; then
			mkdir -p "$in/cases" && cp input/*.yaml "$in/"
		else
			python3 bench/gen_cohort.py "$size" "$in" --seed \
			    "$seed" >/dev/null 2>&1 ||
			    { fail "gen_cohort $size failed"; continue; }
		fi
		for sup in false true; do
			sed -i "s/^  regional: .*/  regional: $sup/" \
			    "$in/report.yaml"
			board=$(sed -n '/^lscbs:/,$p' "$in/report.yaml" |
			    sed -n 's/^  - //p' | head -1)
			for who in region board; do
				pdf="$in/$who-$sup.pdf"
				if [ "$who" = region ]; then
					"$SCRPAPER" render --input "$in" -o "$pdf" \
					    2>"$tmp/err"
				else
					"$SCRPAPER" render --input "$in" \
					    --lscb "$board" -o "$pdf" 2>"$tmp/err"
				fi
				rc=$?
				what="$size reviews (seed $seed), regional suppression $sup, $who"
				if [ "$rc" -ne 0 ]; then
					fail "$what: render exited $rc: $(head -3 "$tmp/err")"
					continue
				fi
				pdftotext -enc UTF-8 "$pdf" - | tr '\n\f' '  ' |
				    sed -e 's/ Page [0-9]* of [0-9]* / /g' \
					-e 's/•//g' | tr -s ' ' >"$in/$who-$sup.txt"
				scan "$in/$who-$sup.txt" >"$tmp/found"
				if [ "$size" -gt 0 ] && grep -q "n/a" "$in/$who-$sup.txt"; then
					echo "  n/a printed" >>"$tmp/found"
				fi
				if [ -s "$tmp/found" ]; then
					fail "$what: broken wording:"
					cat "$tmp/found"
				fi
				n=$((n + 1))
			done
		done
	done
done

# The sweep itself must catch what it looks for.
printf 'There was a small number of suicides. In one of cases the mother died. There were one instances. In no of cases. There was [c] of suicides. A further 0 parents.\n' >"$tmp/known-bad.txt"
[ "$(scan "$tmp/known-bad.txt" | wc -l)" -ge 6 ] ||
	fail "the patterns miss known broken wording: $(scan "$tmp/known-bad.txt")"

[ "$failed" -eq 0 ] || exit 1
echo "grammar: $n papers read right"

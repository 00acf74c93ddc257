#!/bin/sh
# tests/e2e/test_includes.sh: the layout of the pipeline holds (README.md,
# "How it works").  Run from the project root with SCRPAPER set to the
# binary under test (tests/e2e/run.sh does both).
#   1. Include direction: the sources sit one folder a stage,
#      pipeline/STAGE/, and every file includes only the headers of the
#      folders its own may see, as allowed() below says: base (util,
#      diag, yml, zip) <- input (the loaders, grid) <- fig; base <- doc
#      <- tmpl; {input, fig, doc} <- fill <- paper <- cli; {input, fig,
#      paper} <- year <- cli; base <- post <- render <- cli.  The back
#      ends (pipeline/render/) see doc.h and never case.h, fig.h,
#      grid.h, tmpl.h, fill.h or paper.h; a file outside a stage folder
#      fails.
#   2. No cycles: the objects beside the binary, linked by the symbols
#      one uses and another defines (nm), form no loop (tsort), so no two
#      modules call each other, as fig_eval and fig_print once did.
#   3. Sizes: no pipeline file over 1 500 lines, none over 800 unless it
#      is one grammar or one back end (listed in big_ok below); no
#      function over 100 lines (name at column 0 to the "}" at column 0)
#      unless it is a dispatch over a whole enum (listed in dispatch_ok:
#      a switch with no default:, so every enumerator is a case).  The
#      files and functions over these limits today, owned by work under
#      way, are listed in known_over with their size as a ceiling: they
#      may shrink, never grow, and each line goes once its file is split.
#   4. Switches over node types: each lists every type and no default:
#      (gcc -Wswitch-enum names none), so a new type is a compile
#      warning at every place it must reach.
# A new file goes in the folder of its stage; a new folder must be given
# its place in allowed() below, or this test fails.
set -u

. tests/e2e/lib.sh
e2e_setup includes
e2e_need nm tsort awk

# The stage of a file: its folder, pipeline/STAGE/FILE.
stage() {
	d=$(dirname "$1")
	echo "${d##*/}"
}

# The folder of the project header named H ("util.h"), or "unknown".
header_stage() {
	for g in pipeline/*/"$1"; do
		[ -f "$g" ] && { stage "$g"; return; }
	done
	echo unknown
}

# The stages (folders) whose headers a stage may include, its own
# included: each sees only the folders before it.
allowed() {
	case $1 in
	base) echo "base" ;;
	input) echo "base input" ;;
	fig) echo "base input fig" ;;
	doc) echo "base doc" ;;
	tmpl) echo "base doc tmpl" ;;
	fill) echo "base input fig doc fill" ;;
	paper) echo "base input fig doc tmpl fill paper" ;;
	render) echo "base doc render post" ;;
	post) echo "base post" ;;
	year) echo "base input fig paper year" ;;
	cli) echo "base input fig doc paper render year cli" ;;
	*) echo "" ;;
	esac
}

for f in pipeline/*.[ch]; do
	[ -f "$f" ] && fail "$f is in no stage folder: move it into one" \
	    "of pipeline/*/ (README.md, \"How it works\")"
done
# One pass over every file (a process per file would cost seconds): the
# stages (folder, the stages it sees), then each header's stage, then
# every file's includes, each checked against its folder's stages.
for d in pipeline/*/; do
	d=${d%/}
	echo "STAGE ${d##*/} $(allowed "${d##*/}")"
done >"$tmp/stages"
for g in pipeline/*/*.h; do
	echo "HEADER ${g##*/} $(stage "$g")"
done >"$tmp/headers"
awk -v me="$0" '
FILENAME ~ /stages$/ { ok[$2] = (NF > 2); for (i = 3; i <= NF; i++)
	sees[$2 " " $i] = 1; next }
FILENAME ~ /headers$/ { if (!($2 in hs)) hs[$2] = $3; next }
FNR == 1 {
	from = FILENAME; sub(/^pipeline\//, "", from); sub(/\/.*/, "", from)
	if (!ok[from]) {
		print "BAD " FILENAME ": pipeline/" from "/ is no stage: " \
		    "give it one in " me
		skip = 1
	} else {
		skip = 0
		n++
	}
}
!skip && /^#include "/ {
	h = $0; sub(/^#include "/, "", h); sub(/".*/, "", h)
	to = (h in hs) ? hs[h] : "unknown"
	if (!((from " " to) in sees))
		print "BAD " FILENAME " (" from ") includes " h " (" to ")"
}
END { print "FILES " n + 0 }' "$tmp/stages" "$tmp/headers" \
    pipeline/*/*.c pipeline/*/*.h >"$tmp/incl"
while IFS= read -r line; do
	[ -n "$line" ] && fail "${line#BAD }"
done <<EOF2
$(grep '^BAD ' "$tmp/incl")
EOF2
nfiles=$(sed -n 's/^FILES //p' "$tmp/incl")
[ "$nfiles" -ge 20 ] || fail "only $nfiles files checked"
# The tile map's files are checked by name, so that a rename cannot
# drop them from the table above unnoticed.
for f in input/grid.c input/grid.h render/render_tilemap.c; do
	[ -f "pipeline/$f" ] || fail "pipeline/$f is missing"
done

# The back ends, named: not one of them includes the loader's or the
# aggregator's header.
if grep -l '#include "\(case\|fig\|fig_impl\|grid\)\.h"' pipeline/render/*.[ch] \
    >"$tmp/bad" 2>/dev/null; then
	fail "back ends include case.h, fig.h or grid.h: $(cat "$tmp/bad")"
fi

# 3. Sizes.  big_ok: the files that may pass 800 lines (one grammar or
# one back end), with what they are.
big_ok='
render_html.c	the HTML back end
render_odt.c	the ODT back end
fig_load.c	the grammar of the figure definitions and their where: tests
'
# dispatch_ok: the functions (FILE FUNCTION) that may pass 100 lines, each
# a switch over a whole enum with no default: (none yet).
dispatch_ok='
'
# known_over: over the limits today, in files other work is changing;
# FILE LINES, or FILE FUNCTION LINES, then why.  A ceiling: the file or
# function may shrink below it, never grow past it.
known_over='
'

printf '%s\n' "$known_over" | awk 'NF >= 2' >"$tmp/known"
printf '%s\n' "$big_ok" | awk 'NF >= 1 { print $1 }' >"$tmp/big"
printf '%s\n' "$dispatch_ok" | awk 'NF >= 2' >"$tmp/dispatch"

# The files' lengths against the limits.
wc -l pipeline/*/*.c pipeline/*/*.h | awk '$2 != "total" {
	f = $2; sub(/.*\//, "", f); print f, $1 }' >"$tmp/lines"
awk -v me="$0" '
FILENAME ~ /known$/ { if ($2 ~ /^[0-9]+$/) max[$1] = $2; next }
FILENAME ~ /big$/ { big[$1] = 1; next }
{
	f = $1; n = $2
	if (f in max) {
		if (n > max[f])
			print "pipeline/" f ": " n " lines, over its ceiling of " \
			    max[f] " (known_over in " me "): it may only shrink"
		else if (n <= 800)
			print "note: pipeline/" f " is " n " lines now: drop " \
			    "its known_over line" >"/dev/stderr"
	} else if (n > 1500)
		print "pipeline/" f ": " n " lines, over 1 500: split it " \
		    "by concern"
	else if (n > 800 && !(f in big))
		print "pipeline/" f ": " n " lines, over 800 and not one " \
		    "grammar or one back end (big_ok in " me "): split it " \
		    "by concern"
}' "$tmp/known" "$tmp/big" "$tmp/lines" >"$tmp/over"

# Every function's length, as FILE FUNCTION LINES: a definition's name
# at column 0 followed by "(", its body up to the "}" at column 0.
awk '
FNR == 1 { name = ""; fn = "" }
/^[A-Za-z_][A-Za-z0-9_]*\(/ { name = $0; sub(/\(.*/, "", name); from = FNR }
/^\{/ && name != "" { fn = name }
/^\}/ && fn != "" {
	f = FILENAME; sub(/.*\//, "", f)
	print f, fn, FNR - from + 1
	fn = ""; name = ""
}' pipeline/*/*.c >"$tmp/funcs"
[ "$(wc -l <"$tmp/funcs")" -ge 500 ] ||
    fail "only $(wc -l <"$tmp/funcs") functions measured"
awk -v me="$0" '
FILENAME ~ /known$/ { if ($2 !~ /^[0-9]+$/) max[$1 " " $2] = $3; next }
FILENAME ~ /dispatch$/ { disp[$1 " " $2] = 1; next }
{
	k = $1 " " $2
	if (k in max) {
		if ($3 > max[k])
			print "pipeline/" $1 ": " $2 "() is " $3 " lines, " \
			    "over its ceiling of " max[k] " (known_over in " \
			    me ")"
	} else if ($3 > 100 && (k in disp))
		print "DISPATCH", $1, $2
	else if ($3 > 100)
		print "pipeline/" $1 ": " $2 "() is " $3 " lines, over " \
		    "100: cut it into helpers"
}' "$tmp/known" "$tmp/dispatch" "$tmp/funcs" >>"$tmp/over"
# A listed whole-enum dispatch: a switch, and no default:.
grep '^DISPATCH ' "$tmp/over" | while read -r _ file fn; do
	sed -n "/^$fn(/,/^}/p" pipeline/*/"$file" >"$tmp/body"
	if ! grep -q 'switch (' "$tmp/body" || grep -q 'default:' "$tmp/body"
	then
		echo "pipeline/$file: $fn() is listed as a whole-enum" \
		    "dispatch but has no switch, or a default:"
	fi
done >"$tmp/disp_bad"
grep -v '^DISPATCH ' "$tmp/over" | cat - "$tmp/disp_bad" >"$tmp/bad_size"
while IFS= read -r line; do
	fail "$line"
done <"$tmp/bad_size"
# Each known_over function still exists.
awk 'FILENAME ~ /known$/ { if ($2 !~ /^[0-9]+$/) want[$1 " " $2] = 1; next }
    { have[$1 " " $2] = 1 }
    END { for (k in want) if (!(k in have)) print "note: known_over " \
        "names " k "(), which is gone" }' "$tmp/known" "$tmp/funcs"

# 2. The objects' call graph has no cycle.
objdir=$(dirname "$SCRPAPER")
[ -f "$objdir/main.o" ] || objdir=build/rel
if [ ! -f "$objdir/main.o" ]; then
	fail "no objects beside $SCRPAPER nor in build/rel: run make first"
else
	# One nm a list (nm -A names each symbol's object): "SYMBOL OBJECT".
	nm -A --defined-only -g "$objdir"/*.o | awk '$2 ~ /^[TDBRV]$/ {
		o = $1; sub(/:.*/, "", o); sub(/.*\//, "", o); sub(/\.o$/, "", o)
		print $3, o }' | sort >"$tmp/defs"
	nm -A -u "$objdir"/*.o | awk '$2 == "U" {
		o = $1; sub(/:.*/, "", o); sub(/.*\//, "", o); sub(/\.o$/, "", o)
		print $3, o }' | sort >"$tmp/uses"
	# The fill stage's passes call one another (a reference and a
	# change sentence, a collapse and a period's table): one module.
	join "$tmp/uses" "$tmp/defs" | awk '{
		for (i = 2; i <= 3; i++)
			if ($i ~ /^fill_/ || $i == "doc_fill")
				$i = "fill"
	} $2 != $3 { print $2, $3 }' |
	    sort -u >"$tmp/edges"
	[ "$(wc -l <"$tmp/edges")" -ge 20 ] ||
	    fail "only $(wc -l <"$tmp/edges") links between objects found"
	if ! tsort "$tmp/edges" >/dev/null 2>"$tmp/loop"; then
		fail "the modules call each other in a loop:" \
		    "$(tr '\n' ' ' <"$tmp/loop")"
	fi
	# The leaf and the back ends, at the symbol level too.
	awk '$1 == "fig_format" && $2 != "util" { print }' "$tmp/edges" \
	    >"$tmp/leaf"
	[ -s "$tmp/leaf" ] && fail "fig_format calls: $(cat "$tmp/leaf")"
	awk '$1 ~ /^render/ && $2 ~ /^(case|fig|fill|grid|tmpl|paper)/' \
	    "$tmp/edges" >"$tmp/back"
	[ -s "$tmp/back" ] && fail "a back end calls: $(cat "$tmp/back")"
fi

# Every switch over node types lists every type (no default:), so that
# the compiler names each place a new type must reach: no pipeline file
# may draw -Wswitch-enum's warning for an enumerator of enum doc_type.
awk '/^enum doc_type \{/ { on = 1; next } on && /^\}/ { exit }
    on && match($0, /DOC_[A-Z_]+/) { print substr($0, RSTART, RLENGTH) }' \
    pipeline/doc/doc.h >"$tmp/types"
[ "$(wc -l <"$tmp/types")" -ge 20 ] || fail "no node types read from doc.h"
flags=$(pkg-config --cflags pangocairo yaml-0.1 2>/dev/null)
incs=$(for d in pipeline/*/; do printf ' -I%s' "${d%/}"; done)
# (Only the files that name a node type can switch over one.)
for f in $(grep -l 'DOC_[A-Z]' pipeline/*/*.c); do
	# shellcheck disable=SC2086
	LC_ALL=C ${CC:-cc} -std=c11 -D_POSIX_C_SOURCE=200809L -fsyntax-only \
	    -Wswitch-enum $flags $incs "$f" 2>&1 |
	    sed -n "s/^\([^:]*:[0-9]*\):.*enumeration value '\(DOC_[A-Z_]*\)' not handled.*/\1 \2/p"
done >"$tmp/unlisted"
awk 'NR == FNR { t[$1] = 1; next } ($2 in t) { print }' "$tmp/types" \
    "$tmp/unlisted" >"$tmp/unlisted.types"
[ -s "$tmp/unlisted.types" ] && fail "switches over node types that do not" \
    "list every type (-Wswitch-enum): $(awk '{ print $1 }' \
    "$tmp/unlisted.types" | sort -u | tr '\n' ' ')"

[ "$failed" -eq 0 ] || exit 1
echo "ok: $nfiles files include in the pipeline's direction; no cycle;" \
    "within the size limits"

#!/bin/sh
# tests/e2e/test_restricted.sh: the restricted edition of a board's paper
# (`render --edition restricted`, `make restricted`; docs/restricted.md).
# Run from the project root with SCRPAPER set to the binary under test
# (tests/e2e/run.sh does both).
#
# On tests/data/variants (Northbury 8 cases, Eastwick 2):
#   - every page's text layer carries OFFICIAL-SENSITIVE, the first page
#     the handling line; pdfinfo's Title, Subject and Keywords and the
#     XMP dc:title carry it; the file is mode 0600 under umask 022;
#   - the board's figures are unsuppressed: no [c] in the paper, where the
#     public paper of the same board has some, and its share of boys is the
#     one counted here from the case files;
#   - no case id and no notes text appears;
#   - the HTML edition carries the marking in its title, its metadata and
#     a header and footer;
#   - usage errors: no --lscb, a folder of other files without the restricted marker, a
#     restricted regional paper; nothing is written.
# In a copy of the tree with the binary under test: `make`, `make html`, `make
# variants`, `make data`, `make dist` write no restricted file and nothing
# marked (also inside the ODTs); `make restricted` writes a marked paper
# a board as PDF and as ODT, 0600, in a 0700 folder; `make dist` refuses
# when a restricted PDF or ODT is copied among the public papers.  make
# check runs the targets on the three boards of tests/data/variants,
# make check-full on the 33 of input/.
set -u

. tests/e2e/lib.sh
e2e_setup edition
e2e_need pdftotext pdfinfo qpdf make tar unzip

data=tests/data/variants
umask 022
mkdir "$tmp/restricted"
out="$tmp/restricted/northbury.pdf"

# Counts the pages of PDF $1.
pages() {
	pdfinfo "$1" 2>/dev/null | awk '/^Pages:/ { print $2 }'
}

# Checks that every page of PDF $1 carries the marking, and its
# metadata; names it $2 in messages.
check_marked() {
	n=$(pages "$1")
	[ -n "$n" ] && [ "$n" -ge 1 ] || { fail "$2: no pages"; return; }
	i=1
	while [ "$i" -le "$n" ]; do
		pdftotext -f "$i" -l "$i" "$1" - 2>/dev/null |
		    grep -q '^OFFICIAL-SENSITIVE$' ||
			fail "$2: page $i of $n has no OFFICIAL-SENSITIVE header"
		i=$((i + 1))
	done
	pdftotext -l 1 "$1" - 2>/dev/null | tr '\n' ' ' |
	    grep -q "OFFICIAL-SENSITIVE: for the Local Safeguarding Children Board's own use; not *for publication" ||
		fail "$2: the title page has no handling line"
	for field in Title Subject Keywords; do
		pdfinfo -enc UTF-8 "$1" 2>/dev/null |
		    grep -q "^$field: *OFFICIAL-SENSITIVE" ||
			fail "$2: pdfinfo $field does not start with the marking"
	done
	pdfinfo -meta "$1" 2>/dev/null | grep '<dc:title>' |
	    grep -q 'OFFICIAL-SENSITIVE' || fail "$2: XMP dc:title is not marked"
	mode=$(stat -c %a "$1")
	[ "$mode" = 600 ] || fail "$2: mode $mode, want 600"
}

"$SCRPAPER" render --input "$data" --edition restricted --lscb Northbury \
    -o "$out" 2>"$tmp/err" || fail "render --edition restricted: $(cat "$tmp/err")"
check_marked "$out" northbury.pdf
"$SCRPAPER" render --input "$data" --lscb Northbury -o "$tmp/public.pdf" ||
	fail "render --lscb Northbury"

pdftotext "$out" "$tmp/restricted.txt"
pdftotext "$tmp/public.pdf" "$tmp/public.txt"
grep -q '\[c\]' "$tmp/public.txt" ||
	fail "the public Northbury paper has no [c]: the test data changed"
! grep -q '\[c\]' "$tmp/restricted.txt" ||
	fail "the restricted paper shows [c]"
! grep -q 'OFFICIAL-SENSITIVE' "$tmp/public.txt" ||
	fail "the public paper carries the marking"
[ "$(stat -c %a "$tmp/public.pdf")" = 644 ] ||
	fail "the public paper is not 0644 under umask 022"

# Northbury's share of boys, counted here from the case files.
boys=$(awk '
	FNR == 1 { board = "" }
	/^lscb:/ { board = $2 }
	/^ *- sex:/ && board == "Northbury" { n++; if ($3 == "male") b++ }
	END { printf "%d%%\n", int(100 * b / n + 0.5) }' "$data"/cases/*.yaml)
pdftotext -layout "$out" - | grep -E '^ *Boys ' | head -1 |
    awk -v want="$boys" '{ if ($2 != want) exit 1 }' ||
	fail "Northbury's share of boys is not $boys: $(pdftotext -layout "$out" - | grep -E '^ *Boys ' | head -1)"

# No case id, no notes text.
for f in "$data"/cases/*.yaml; do
	id=$(sed -n 's/^id: *//p' "$f")
	note=$(sed -n 's/^notes: *"\(NOTES-SENTINEL[^:]*\).*/\1/p' "$f")
	grep -q -F "$id" "$tmp/restricted.txt" &&
		fail "case id $id appears in the restricted paper"
	[ -n "$note" ] && grep -q -F "$note" "$tmp/restricted.txt" &&
		fail "notes text '$note' appears in the restricted paper"
	pdfinfo -meta "$out" | grep -q -F "$id" &&
		fail "case id $id appears in the restricted paper's metadata"
done

# The HTML edition.
"$SCRPAPER" render --input "$data" --edition restricted --lscb Eastwick \
    -o "$tmp/restricted/eastwick.html" || fail "render restricted html"
h="$tmp/restricted/eastwick.html"
grep -q '<title>OFFICIAL-SENSITIVE: ' "$h" || fail "html: title not marked"
grep -q 'name="dcterms.accessRights" content="OFFICIAL-SENSITIVE' "$h" ||
	fail "html: no dcterms.accessRights"
grep -q '<header class="marking"><p><strong>OFFICIAL-SENSITIVE' "$h" ||
	fail "html: no marking header"
grep -q '<footer class="marking"><p><strong>OFFICIAL-SENSITIVE' "$h" ||
	fail "html: no marking footer"
[ "$(stat -c %a "$h")" = 600 ] || fail "html: mode is not 600"

# Usage errors write nothing.
for args in "--edition restricted -o $tmp/restricted/region.pdf" \
    "--edition restricted --lscb Northbury -o $tmp/northbury.pdf" \
    "--edition secret --lscb Northbury -o $tmp/restricted/x.pdf"; do
	# shellcheck disable=SC2086
	"$SCRPAPER" render --input "$data" $args 2>/dev/null
	rc=$?
	[ "$rc" -eq 2 ] || fail "render $args: exit $rc, want 2"
done
[ ! -e "$tmp/restricted/region.pdf" ] && [ ! -e "$tmp/northbury.pdf" ] &&
    [ ! -e "$tmp/restricted/x.pdf" ] || fail "a usage error wrote a file"

# ------------------------------------------------------- make targets
# In a copy of the tree with the binary under test (BIN=, never remade).
mkdir "$tmp/tree"
cp -R Makefile pipeline templates input fonts "$tmp/tree/" ||
	fail "cannot copy the tree"
# the sanitizers' suppression files, named relative to the tree
mkdir "$tmp/tree/tests" && cp tests/*.supp "$tmp/tree/tests/" ||
	fail "cannot copy the suppression files"
nb=33 slug=camden
if ! e2e_full; then
	rm -rf "$tmp/tree/input" && e2e_variants "$tmp/tree/input" ||
		fail "cannot copy tests/data/variants"
	nb=3 slug=eastwick
fi
(
	unset MAKEFLAGS MFLAGS MAKELEVEL
	cd "$tmp/tree" || exit 1
	mk() {
		make -o "$SCRPAPER" BIN="$SCRPAPER" "$@" >"$tmp/make.log" 2>&1
	}
	mk build variants data html dist || {
		echo "FAIL: make build variants data html dist:"
		tail -20 "$tmp/make.log"
		exit 1
	}
	[ -s output/scrpaper-papers.tar.gz ] || echo "FAIL: make dist wrote nothing"
	[ ! -e output/restricted ] ||
		echo "FAIL: a default target made output/restricted"
	grep -r -l -a OFFICIAL-SENSITIVE output &&
		echo "FAIL: a default target wrote a marked file (above)"
	mkdir "$tmp/unpacked"
	tar -xzf output/scrpaper-papers.tar.gz -C "$tmp/unpacked"
	grep -r -l -a OFFICIAL-SENSITIVE "$tmp/unpacked" &&
		echo "FAIL: make dist packed a marked file (above)"
	ls "$tmp"/unpacked/papers/lscb/*.odt >/dev/null 2>&1 ||
		echo "FAIL: make dist packed no board ODT"
	for f in "$tmp"/unpacked/papers/*.odt "$tmp"/unpacked/papers/lscb/*.odt; do
		unzip -p "$f" | grep -q -a OFFICIAL-SENSITIVE &&
			echo "FAIL: make dist packed a marked ODT: $f"
	done

	mk restricted || {
		echo "FAIL: make restricted:"
		tail -20 "$tmp/make.log"
		exit 1
	}
	[ "$(stat -c %a output/restricted)" = 700 ] ||
		echo "FAIL: output/restricted is not 0700"
	n=0
	for f in output/restricted/*.pdf; do
		n=$((n + 1))
		[ "$(stat -c %a "$f")" = 600 ] || echo "FAIL: $f is not 0600"
		p=$(pages "$f")
		m=$(pdftotext "$f" - 2>/dev/null | grep -o OFFICIAL-SENSITIVE |
		    wc -l)
		# a header a page, and the handling line on the first
		[ "$m" -ge $((p + 1)) ] ||
			echo "FAIL: $f: $m markings over $p pages"
	done
	[ "$n" -eq "$nb" ] || echo "FAIL: make restricted wrote $n papers, want $nb"
	n=0
	for f in output/restricted/*.odt; do
		[ -f "$f" ] || continue
		n=$((n + 1))
		[ "$(stat -c %a "$f")" = 600 ] || echo "FAIL: $f is not 0600"
		m=$(unzip -p "$f" content.xml styles.xml meta.xml |
		    grep -o -a OFFICIAL-SENSITIVE | wc -l)
		# header, footer, title and the protective marking property
		[ "$m" -ge 4 ] || echo "FAIL: $f: $m markings in its XML"
		[ -f "${f%.odt}.pdf" ] || echo "FAIL: $f has no PDF beside it"
	done
	[ "$n" -eq "$nb" ] || echo "FAIL: make restricted wrote $n ODT papers, want $nb"
	ls output/lscb | grep -q . || echo "FAIL: output/lscb is empty"

	# A restricted paper among the public ones: make dist refuses.
	cp "output/restricted/$slug.pdf" "output/lscb/$slug.pdf"
	rm -f output/scrpaper-papers.tar.gz
	if mk dist; then
		echo "FAIL: make dist packed a restricted paper"
	fi
	grep -q 'restricted papers' "$tmp/make.log" ||
		echo "FAIL: make dist did not say why it refused"
	[ ! -e output/scrpaper-papers.tar.gz ] ||
		echo "FAIL: make dist left an archive"

	# The same with a restricted ODT, its marking deflated: still refused.
	rm -f "output/lscb/$slug.pdf"
	cp "output/restricted/$slug.odt" "output/lscb/$slug.odt"
	if mk dist; then
		echo "FAIL: make dist packed with a restricted ODT in output/lscb"
	fi
	grep -q "output/lscb/$slug.odt" "$tmp/make.log" &&
	    grep -q 'restricted papers' "$tmp/make.log" ||
		echo "FAIL: make dist did not name the restricted ODT"
	[ ! -e output/scrpaper-papers.tar.gz ] ||
		echo "FAIL: make dist left an archive (restricted ODT)"
) >"$tmp/make.fails" 2>&1
if grep -q . "$tmp/make.fails"; then
	cat "$tmp/make.fails"
	failed=1
fi

exit "$failed"

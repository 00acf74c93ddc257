# lib.sh: the set-up the end-to-end scripts share; sourced by them, run
# from the project root.  After `e2e_setup NAME`: SCRPAPER is an absolute
# path, $tmp a fresh folder removed on exit, and fail() records a failure
# in $failed (the script exits 1 at its end when it is set).
# e2e_full is true under `make check-full` (CHECK_FULL=1): a script then
# runs its sweeps whole (every board, every cohort); `make check` runs one
# case of each shape.

e2e_setup() {
	: "${SCRPAPER:=./scrpaper}"
	case $SCRPAPER in
	/*) ;;
	*) SCRPAPER=$(pwd)/$SCRPAPER ;;
	esac
	tmp=$(mktemp -d "${TMPDIR:-/tmp}/scr-$1.XXXXXX") || exit 1
	trap 'rm -rf "$tmp"' EXIT
	trap 'exit 1' INT TERM
	failed=0
}

fail() {
	echo "FAIL: $*"
	failed=1
}

# Exits unless every tool named is installed.
e2e_need() {
	for tool in "$@"; do
		if ! command -v "$tool" >/dev/null 2>&1; then
			echo "FAIL: $tool is not installed (make deps installs" \
			    "it)"
			exit 1
		fi
	done
}

# True under `make check-full` (CHECK_FULL=1): run the sweeps whole.
e2e_full() {
	[ "${CHECK_FULL:-0}" = 1 ]
}

# e2e_variants DIR: the three boards of tests/data/variants copied to
# DIR, with the codes the open data set needs (make data, make dist): a
# small region for the scripts that run make in a copy of the tree.
e2e_variants() {
	cp -R tests/data/variants "$1" &&
	    printf '%s\n' 'region_code: E12000007' 'lscb_codes:' \
	    '  Northbury: E09000001' '  Eastwick: E09000002' \
	    '  Southmoor: E09000003' >>"$1/report.yaml"
}

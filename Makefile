# scrpaper: regenerates the Background paper on London Serious Case Reviews
# from YAML case descriptors.  See README.md.

PREFIX	?= /usr/local
BINDIR	?= $(PREFIX)/bin
DATADIR	?= $(PREFIX)/share/scrpaper
MANDIR	?= $(PREFIX)/share/man
DESTDIR	?=

CC	?= cc
PKG_CONFIG ?= pkg-config
CFLAGS	?= -O2 -g
CFLAGS	+= -std=c11 -D_POSIX_C_SOURCE=200809L -W -Wall -Wextra \
	   -Wmissing-prototypes -Wstrict-prototypes -Wwrite-strings \
	   -Wno-unused-parameter
LDFLAGS	?=

# SANITIZE=1 builds everything with AddressSanitizer and UBSan into a
# separate folder, so the two builds never mix.
SANITIZE ?= 0
ifeq ($(SANITIZE),1)
BUILD	?= build/san
CFLAGS	+= -O1 -fsanitize=address,undefined -fno-omit-frame-pointer \
	   -fno-sanitize-recover=undefined
LDFLAGS	+= -fsanitize=address,undefined
export LSAN_OPTIONS = suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0
export UBSAN_OPTIONS = print_stacktrace=1
else
BUILD	?= build/rel
endif

-include Makefile.local

# The Debian packages the build and the tests need (see README.md).
DEB_PKGS = build-essential pkg-config libyaml-dev libcairo2-dev \
	   libpango1.0-dev zlib1g-dev libcmocka-dev poppler-utils qpdf libqpdf-dev \
	   valgrind time python3-jsonschema python3-yaml chromium \
	   libreoffice-writer-nogui \
	   python3-pandas r-base-core unzip \
	   libglpk-dev
PKGS	= yaml-0.1 cairo pangocairo pangoft2 fontconfig glib-2.0 zlib
TEST_PKGS = cmocka libqpdf
# GLPK has no .pc file: found by its header.
HAVE_GLPK = echo '\#include <glpk.h>' | $(CC) -E -x c - >/dev/null 2>&1

# Each asks pkg-config once, when first used (lazy: a make that compiles
# nothing, as `make variants` or `make dist` with the program built, runs
# no pkg-config; make check runs some hundred such makes).
once	= $(eval $(1) := $(2))$($(1))
PKG_CFLAGS	= $(call once,PKG_CFLAGS,$(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null))
# GLPK (libglpk-dev) ships no pkg-config file: -lglpk (and -lm for fig_exact.c).
PKG_LIBS	= $(call once,PKG_LIBS,$(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null) -lglpk -lm)
TEST_CFLAGS	= $(call once,TEST_CFLAGS,$(shell $(PKG_CONFIG) --cflags $(TEST_PKGS) 2>/dev/null))
TEST_LIBS	= $(call once,TEST_LIBS,$(shell $(PKG_CONFIG) --libs $(TEST_PKGS) 2>/dev/null))

# The sources, one folder a stage (README, "How it works"): base, input,
# fig, doc, tmpl, fill, paper, render, post, year, cli.  Every folder is
# on the include path; tests/e2e/test_includes.sh checks which folder's
# headers each folder may include.  Objects are named by file alone
# (build/rel/fill_chart.o): no two sources share a name.
STAGES	:= base input fig doc tmpl fill paper render post year cli
SRCS	:= $(sort $(wildcard $(STAGES:%=pipeline/%/*.c)))
HDRS	:= $(sort $(wildcard $(STAGES:%=pipeline/%/*.h)))
INCS	:= $(STAGES:%=-Ipipeline/%)
OBJS	:= $(addprefix $(BUILD)/,$(notdir $(SRCS:.c=.o)))
vpath %.c $(STAGES:%=pipeline/%)
# The command line (pipeline/cli/) is left out of the objects the unit
# tests and fuzzers link.
LIBOBJS	:= $(filter-out $(addprefix $(BUILD)/,$(notdir \
    $(patsubst %.c,%.o,$(wildcard pipeline/cli/*.c)))),$(OBJS))
UNIT_SRCS := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BINS := $(UNIT_SRCS:tests/unit/%.c=$(BUILD)/tests/%)
BIN	:= $(BUILD)/scrpaper

# INPUT=DIR: the input folder every target reads (report.yaml,
# codebook.yaml, national.yaml, cases/).  The outputs of a folder other
# than input/ carry the report's period, so that years never overwrite
# each other: output/background-paper-2009-10-to-2010-09.pdf,
# output/lscb-2009-10-to-2010-09/, ...; input/'s keep their stable names.
INPUT	?= input
ifneq ($(words $(INPUT)),1)
$(error INPUT='$(INPUT)': make cannot use a folder whose name has a space \
  in its rules; link it under a name without one, then use that: \
  ln -s '$(INPUT)' input-YEAR && make INPUT=input-YEAR)
endif
INPUTS	:= $(wildcard $(INPUT)/*.yaml $(INPUT)/cases/*.yaml)
PERIOD	:= $(shell sed -n -e '/^period:/,/^[a-z]/s/^  *from: *\([0-9]*-[0-9]*\).*/\1/p' \
	    -e '/^period:/,/^[a-z]/s/^  *to: *\([0-9]*-[0-9]*\).*/\1/p' \
	    $(INPUT)/report.yaml 2>/dev/null | paste -sd_ - | sed 's/_/-to-/')
ifeq ($(INPUT),input)
SUFFIX	:=
else
SUFFIX	:= -$(or $(PERIOD),unknown-period)
endif
IN_ARGS	:= --input $(INPUT)
# The solve cache (scrpaper --cache, README "The solve cache"): every
# output rule below passes it, so one make of several targets solves
# each cohort once.  SOLVE_CACHE= (empty) solves in every process.
SOLVE_CACHE ?= build/cache
CACHE_ARGS := $(if $(SOLVE_CACHE),--cache $(SOLVE_CACHE))
TEMPLATES := $(wildcard templates/*)
FONTS	:= $(wildcard fonts/*)
PAPER	:= output/background-paper$(SUFFIX).pdf

.PHONY: all build paper variants html odt dist deps check unit e2e clean install review \
	asan valgrind fuzz bench data golden sweep schema restricted pages \
	sweep-boards manifest check-full

# `make` installs missing dependencies first (see deps: the libraries,
# the test tools and the browser tests' npm packages, so that `make
# check` runs next in a fresh clone), then builds the program and the
# paper in a second make that sees them.
all:
	@{ $(PKG_CONFIG) --exists $(PKGS) $(TEST_PKGS) 2>/dev/null && \
	    $(HAVE_GLPK) && [ -f $(JS_DEPS) ]; } || \
	    $(MAKE) --no-print-directory deps
	@$(MAKE) --no-print-directory build

build: scrpaper $(PAPER)

# On Debian every package of DEB_PKGS must be installed (dpkg-query), so
# that a machine with the libraries but not a test tool (LibreOffice, R,
# pandas) still gets it; elsewhere the libraries and tools are looked for.
deps:
	@missing=; \
	if command -v dpkg-query >/dev/null; then \
		for p in $(DEB_PKGS); do \
			dpkg-query -W -f='$${Status}\n' "$$p" 2>/dev/null | \
			    grep -q 'install ok installed' || missing="$$missing $$p"; \
		done; \
	fi; \
	if [ -z "$$missing" ] && \
	    $(PKG_CONFIG) --exists $(PKGS) $(TEST_PKGS) 2>/dev/null && \
	    $(HAVE_GLPK) && \
	    command -v pdftotext >/dev/null && command -v qpdf >/dev/null && \
	    command -v valgrind >/dev/null && command -v chromium >/dev/null && \
	    command -v npm >/dev/null && \
	    /usr/bin/python3 -c 'import jsonschema, yaml' 2>/dev/null; then \
		echo "make deps: all dependencies are installed"; \
	elif [ "$$(id -u)" = 0 ]; then \
		apt-get update -q && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
		    --no-install-recommends $(DEB_PKGS) && \
		{ command -v npm >/dev/null || \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
		    --no-install-recommends nodejs npm; }; \
	else \
		echo "make deps: missing packages; run as root:"; \
		echo "  apt-get install -y $(DEB_PKGS) nodejs npm"; \
		exit 1; \
	fi
	@$(MAKE) --no-print-directory $(JS_DEPS)

# The browser tests' npm packages (tests/js/package-lock.json, exact
# versions); the only step of the build that downloads.  They drive
# Debian's chromium and never fetch a browser of their own.
JS_DEPS := tests/js/node_modules/.package-lock.json
$(JS_DEPS): tests/js/package.json tests/js/package-lock.json
	cd tests/js && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit \
	    --no-fund --loglevel=error

# ./scrpaper is a copy of the last build's binary (build/rel, or
# build/san after make SANITIZE=1): copied whenever the two differ, so a
# plain make after a sanitized one puts the plain binary back.
scrpaper: $(BIN) FORCE
	@cmp -s $(BIN) $@ || cp $(BIN) $@

FORCE:

$(BIN): $(OBJS)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(OBJS) $(PKG_LIBS)

# Every object depends on this stamp, made once: a tree built before the
# sources moved into their stage folders (whose objects have no .dep) is
# rebuilt whole, once, so no object is left compiled against old headers.
LAYOUT_STAMP := $(BUILD)/layout-stages.stamp
$(LAYOUT_STAMP):
	@mkdir -p $(@D) && touch $@

$(BUILD)/%.o: %.c $(LAYOUT_STAMP)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(INCS) $(PKG_CFLAGS) -MMD -MP -MF $(@:.o=.dep) \
	    -c -o $@ $<

# The installed data folder is compiled into main.o; the stamp is
# rewritten (and main.o rebuilt) only when DATADIR changes.
DATADIR_STAMP := $(BUILD)/datadir.stamp
ifneq ($(shell cat $(DATADIR_STAMP) 2>/dev/null),$(DATADIR))
$(shell mkdir -p $(BUILD) && echo '$(DATADIR)' > $(DATADIR_STAMP))
endif
$(BUILD)/main.o: CFLAGS += -DSCRPAPER_DATADIR='"$(DATADIR)"'
$(BUILD)/main.o: $(DATADIR_STAMP)

# The unit tests' own files are compiled without optimisation (TEST_OPT):
# the code under test is the program's objects, optimised as built; the
# tests' files took 8 CPU-seconds of make check at -O2, 4 at -O0.
TEST_OPT ?= -O0
$(BUILD)/tests/%.o: tests/unit/%.c $(LAYOUT_STAMP)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(TEST_OPT) $(PKG_CFLAGS) $(TEST_CFLAGS) $(INCS) \
	    -MMD -MP -MF $(@:.o=.dep) \
	    -c -o $@ $<

# The unit tests link the program's objects from an archive, so that each
# takes only those it calls (every object into each of 31 programs was
# some 7 CPU-seconds of make check).
LIBA	:= $(BUILD)/libscrpaper.a
$(LIBA): $(LIBOBJS)
	rm -f $@
	$(AR) rcs $@ $(LIBOBJS)

$(BUILD)/tests/%: $(BUILD)/tests/%.o $(LIBA)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< $(LIBA) $(PKG_LIBS) $(TEST_LIBS)

# The post-pass test also links the qpdf-based reference post-pass and
# catches cairo's PDF on its way into pdf_post_buffer().
$(BUILD)/tests/test_pdf_post: $(BUILD)/tests/test_pdf_post.o \
    $(BUILD)/tests/post_qpdf.o $(LIBA)
	$(CC) $(CFLAGS) $(LDFLAGS) -Wl,--wrap=pdf_post_buffer -o $@ $^ \
	    $(PKG_LIBS) $(TEST_LIBS)

# (.dep, not .d: a tree built before the sources moved into their stage
# folders keeps .d files that name the old paths.)
-include $(OBJS:.o=.dep) $(UNIT_BINS:=.dep) $(BUILD)/tests/post_qpdf.dep

# Keep the test objects, so a second `make check` rebuilds nothing.
.SECONDARY: $(UNIT_BINS:=.o) $(BUILD)/tests/post_qpdf.o

$(PAPER): $(BIN) $(INPUTS) $(TEMPLATES) $(FONTS)
	@mkdir -p $(@D)
	$(BIN) render $(IN_ARGS) $(CACHE_ARGS) -o $@
	$(if $(SUFFIX),,cp $@ output/background-paper-$(PERIOD).pdf)

paper: $(PAPER)

# One paper per board, rendered by one command whose worker processes (one
# a processor) each set up fonts once, and the board ledgers, suppressed
# as in the papers.  The stamp is touched only when everything was
# written.  The ledger goes through a temporary file of its own (mktemp),
# so two `make variants` at once in one tree do not collide, removed on
# any failure or on Ctrl-C (issue 32.8).
LSCBDIR	:= output/lscb$(SUFFIX)
VARIANTS := $(LSCBDIR)/.done

variants: $(VARIANTS)

$(VARIANTS): $(BIN) $(INPUTS) $(TEMPLATES) $(FONTS)
	@mkdir -p $(LSCBDIR)
	$(BIN) render $(IN_ARGS) $(CACHE_ARGS) --all-lscbs -o $(LSCBDIR)
	@t=; trap 'rm -f "$$t"' EXIT; trap 'exit 130' INT TERM HUP; \
	t=$$(mktemp $(LSCBDIR)/figures.csv.XXXXXX) && chmod 644 "$$t" && \
	$(BIN) figures $(IN_ARGS) $(CACHE_ARGS) --all-lscbs > "$$t" && \
	mv -f "$$t" $(LSCBDIR)/figures.csv && t=
	@touch $@

# The HTML edition: the regional paper and every board's, one
# self-contained page each, beside the PDFs.
HTML_PAPER := output/background-paper$(SUFFIX).html
HTML_VARIANTS := $(LSCBDIR)/.html-done

html: $(HTML_PAPER) $(HTML_VARIANTS)

$(HTML_PAPER): $(BIN) $(INPUTS) $(TEMPLATES)
	@mkdir -p $(@D)
	$(BIN) render $(IN_ARGS) $(CACHE_ARGS) -o $@

$(HTML_VARIANTS): $(BIN) $(INPUTS) $(TEMPLATES)
	$(BIN) render $(IN_ARGS) $(CACHE_ARGS) --all-lscbs --format html -o $(LSCBDIR)
	@touch $@

# The ODT edition (an ODF text document a person edits in LibreOffice
# or Word): the regional paper and every board's, beside the PDFs.
ODT_PAPER := output/background-paper$(SUFFIX).odt
ODT_VARIANTS := $(LSCBDIR)/.odt-done

odt: $(ODT_PAPER) $(ODT_VARIANTS)

$(ODT_PAPER): $(BIN) $(INPUTS) $(TEMPLATES)
	@mkdir -p $(@D)
	$(BIN) render $(IN_ARGS) $(CACHE_ARGS) -o $@

$(ODT_VARIANTS): $(BIN) $(INPUTS) $(TEMPLATES)
	$(BIN) render $(IN_ARGS) $(CACHE_ARGS) --all-lscbs --format odt -o $(LSCBDIR)
	@touch $@

# The figures as open data (docs/data.md): a tidy CSV, its metadata and
# a README, in output/data.
DATA	:= output/data$(SUFFIX)/scr_figures.csv

data: $(DATA)

# The sign-off sheet (scrpaper review): the last step before publishing
# (docs/annual.md, "Publication").
REVIEW := output/review$(SUFFIX).txt
review: $(REVIEW)

$(REVIEW): $(BIN) $(INPUTS) $(TEMPLATES)
	@mkdir -p $(@D)
	$(BIN) review $(IN_ARGS) $(CACHE_ARGS) -o $@

$(DATA): $(BIN) $(INPUTS) $(TEMPLATES)
	@mkdir -p $(@D)
	$(BIN) data $(IN_ARGS) $(CACHE_ARGS) -o $(@D)

# Next year's input folder (docs/annual.md): TO=NEWDIR gets every file
# of INPUT, its period moved into `earlier:` and the next period after it
# (12 months, or MONTHS=N; LABEL=L names it).  Refuses an existing TO.
.PHONY: new-year
new-year: $(BIN)
	@[ -n "$(TO)" ] || { echo "make new-year: give TO=NEWDIR" >&2; exit 2; }
	$(BIN) new-year $(IN_ARGS) -o $(TO)$(if $(MONTHS), --months $(MONTHS))$(if $(LABEL), --label $(LABEL))

# The restricted edition (docs/restricted.md): every board's own figures,
# unsuppressed, marked OFFICIAL-SENSITIVE, written 0600 in a 0700 folder,
# as PDF and as ODT (SLUG.pdf, SLUG.odt).
# Only ever built by name: no other target depends on it.
RESTRICTED := output/restricted$(SUFFIX)

restricted: $(BIN)
	@mkdir -p $(RESTRICTED) && chmod 700 $(RESTRICTED)
	$(BIN) render $(IN_ARGS) $(CACHE_ARGS) --all-lscbs --edition restricted \
	    -o $(RESTRICTED)
	$(BIN) render $(IN_ARGS) $(CACHE_ARGS) --all-lscbs --edition restricted \
	    --format odt -o $(RESTRICTED)

# MARKED lists the files under the paths it is given that carry the
# restricted marking: grep reads every file as bytes (a PDF's marking is
# in its text and in the uncompressed XMP); an ODT's parts are deflated,
# so every entry of each ODT is read through unzip as well (one it cannot
# read counts as marked).
MARKED = marked() { grep -l -a -r -e OFFICIAL-SENSITIVE "$$@" 2>/dev/null; \
	find "$$@" -type f -name '*.odt' 2>/dev/null | LC_ALL=C sort | \
	while IFS= read -r f; do \
		{ unzip -p "$$f" 2>/dev/null || echo OFFICIAL-SENSITIVE; } | \
		    grep -q -a -e OFFICIAL-SENSITIVE && echo "$$f"; \
	done; }

# make dist refuses to run while a restricted paper lies among the public
# ones.
DIST_GUARD = $(MARKED); if marked $(PAPER) $(ODT_PAPER) $(LSCBDIR) \
	    $(dir $(DATA)) | grep .; then \
		echo "make dist: the files above are restricted papers" \
		    "(OFFICIAL-SENSITIVE); remove them from the public" \
		    "output first" >&2; rm -f $(DIST); exit 1; fi

# The release (docs/release.md): every file made afresh from this input
# and these settings in a staging folder of its own under build/, never
# copied from output/ (issue 31.1: a paper left there by other settings,
# or a board no longer in `lscbs:`, is never packed).  One dist at a time
# in a tree (flock on build/dist.lock; a second waits, issue 31.2); the
# archive is written to a temporary name, checked (gzip -t, tar -t, every
# file against SHA256SUMS) and only then renamed into place.  Every entry
# has fixed modes (0644, folders 0755), owner 0:0, mtime
# SOURCE_DATE_EPOCH (default 0) and sorted names, and gzip stores no name
# or time: the same bytes under any umask.
# The README at the top of the release: which file is for whom.
define DIST_README
Background paper on London Serious Case Reviews: the release

Every file here was made by scrpaper from one input and one set of
settings, in one run of `make dist`.  Nothing here is restricted: a
board's small numbers (1 to the disclosure threshold) are shown as [c].
SHA256SUMS lists every file's SHA-256 (check with sha256sum -c SHA256SUMS).

FOR READERS (the public, boards, partners)
  background-paper$(SUFFIX).pdf    the regional paper, to print or read
  background-paper$(SUFFIX).html   the same paper as one web page, for
                           screen readers and small screens
  lscb/SLUG.pdf            each board's paper (SLUG is the board's name
                           in lower case, words joined by -)
  lscb/SLUG.html           the same, as a web page

FOR EDITING (a board adding local commentary, the regional team)
  background-paper$(SUFFIX).odt    the regional paper as an OpenDocument
                           text document, to edit in LibreOffice or Word
  lscb/SLUG.odt            each board's paper, the same

FOR ANALYSTS CHECKING A FIGURE (every file one CSV table, UTF-8)
  figures.csv              every figure of the regional paper: name,
                           unit, numerator, denominator, percent, text
  national.csv             the national study figures the papers compare
                           against: study, name, percent, text
  lscb/figures.csv         every board's figures as its paper prints
                           them, [c] where suppressed; first column lscb

FOR RE-USE AND STATISTICS TOOLS (the open data set)
  data/scr_figures.csv       one tidy table, one row per area and figure
  data/scr_figures.meta.csv  what every column of it means
  data/README.txt            its period, areas, symbols and licence
endef
export DIST_README

DIST := output/scrpaper-papers$(SUFFIX).tar.gz
DIST_LOCK := build/dist.lock
dist: $(BIN)
	@command -v unzip > /dev/null || { echo "make dist: unzip is not" \
	    "installed (make deps installs it): the ODTs cannot be checked" \
	    "for the restricted marking" >&2; exit 1; }
	@$(DIST_GUARD)
	@mkdir -p $(dir $(DIST_LOCK)) $(dir $(DIST))
	@flock $(DIST_LOCK) $(MAKE) --no-print-directory dist-locked

# Called by dist only, under its lock.
.PHONY: dist-locked
dist-locked:
	@set -e; st=; out=; \
	trap 'rm -rf "$$st" "$$out"' EXIT; trap 'exit 130' INT TERM HUP; \
	st=$$(mktemp -d build/dist-stage.XXXXXX); p=$$st/papers; \
	mkdir -p $$p/lscb $$p/data; \
	pooled=; grep -Eq '^[[:space:]]+pool:[[:space:]]*true' \
	    "$(INPUT)/report.yaml" && pooled=--pooled; \
	echo "make dist: auditing what the release publishes"; \
	$(BIN) audit $(IN_ARGS) $(CACHE_ARGS) $$pooled > $$st/audit.txt 2>&1 || { \
		cat $$st/audit.txt >&2; echo "make dist: scrpaper audit" \
		    "works back suppressed figures (above): no release" \
		    "made" >&2; exit 1; }; \
	echo "make dist: rendering afresh in $$st"; \
	$(BIN) render $(IN_ARGS) $(CACHE_ARGS) -o $$p/background-paper$(SUFFIX).pdf; \
	$(BIN) render $(IN_ARGS) $(CACHE_ARGS) -o $$p/background-paper$(SUFFIX).html; \
	$(BIN) render $(IN_ARGS) $(CACHE_ARGS) --all-lscbs -o $$p/lscb; \
	$(BIN) render $(IN_ARGS) $(CACHE_ARGS) --all-lscbs --format html -o $$p/lscb; \
	$(BIN) render $(IN_ARGS) $(CACHE_ARGS) -o $$p/background-paper$(SUFFIX).odt; \
	$(BIN) render $(IN_ARGS) $(CACHE_ARGS) --all-lscbs --format odt -o $$p/lscb; \
	$(BIN) figures $(IN_ARGS) $(CACHE_ARGS) --all-lscbs > $$p/lscb/figures.csv; \
	$(BIN) figures $(IN_ARGS) $(CACHE_ARGS) > $$st/regional.csv; \
	awk -v a=$$p/figures.csv -v b=$$p/national.csv \
	    'NF == 0 { t = 1; next } { print > (t ? b : a) }' \
	    $$st/regional.csv; \
	rm -f $$st/regional.csv; \
	$(BIN) data $(IN_ARGS) $(CACHE_ARGS) -o $$p/data; \
	printf '%s\n' "$$DIST_README" > $$p/README.txt; \
	$(MARKED); if marked $$p | grep .; then \
		echo "make dist: a restricted file in the release (above)" >&2; \
		exit 1; fi; \
	n=$$(ls $$p/lscb | grep -c '\.pdf$$' || :); \
	h=$$(ls $$p/lscb | grep -c '\.html$$' || :); \
	o=$$(ls $$p/lscb | grep -c '\.odt$$' || :); \
	[ "$$n" -eq "$$h" ] && [ "$$n" -eq "$$o" ] || { echo "make dist:" \
	    "$$n board papers in PDF, $$h in HTML, $$o in ODT" >&2; exit 1; }; \
	(cd $$p && find . -type f ! -name SHA256SUMS | LC_ALL=C sort | \
	    sed 's|^\./||' | xargs sha256sum > SHA256SUMS); \
	out=$$(mktemp $(DIST).XXXXXX); \
	(cd $$st && LC_ALL=C tar --format=gnu --sort=name --owner=0 \
	    --group=0 --numeric-owner --mode=u=rwX,go=rX,a-s \
	    --mtime=@$${SOURCE_DATE_EPOCH:-0} -cf - papers) | \
	    gzip -n -9 > "$$out"; \
	gzip -t "$$out"; \
	tar -tzf "$$out" > /dev/null; \
	mkdir $$st/check; tar -xzf "$$out" -C $$st/check; \
	(cd $$st/check/papers && sha256sum --quiet --strict -c SHA256SUMS); \
	cmp -s $$st/check/papers/SHA256SUMS $$p/SHA256SUMS; \
	chmod 644 "$$out"; \
	mv -f "$$out" $(DIST); out=; \
	echo "make dist: $(DIST) ($$n board papers, checked)"

# Every test: unit tests, the end-to-end scripts, and the case schema
# against the loader's corpus.  make check runs one case of each shape of
# the sweeps (a few cohorts, a few boards' pages); make check-full runs
# them whole (every generated cohort, every board's page in the browser
# and the accessibility checks, valgrind over every command): the same
# scripts with CHECK_FULL=1.
# The unit tests run as jobs of the scripts' pool (tests/e2e/run.sh,
# E2E_UNIT), as many at a time as the machine has processors, the
# slowest first; the programs are built first, in parallel.  The schema's
# check is a job of the pool too (tests/e2e/test_schema.sh).
CHECK_FULL ?= 0
NPROC	:= $(shell getconf _NPROCESSORS_ONLN 2>/dev/null || echo 1)
check:
	@$(MAKE) --no-print-directory -j$(NPROC) check-programs
	@SANITIZE=$(SANITIZE) CHECK_FULL=$(CHECK_FULL) SCRPAPER=$(BIN) \
	    E2E_UNIT="$(UNIT_BINS)" sh tests/e2e/run.sh

.PHONY: check-programs
check-programs: $(UNIT_BINS) $(BIN)
	@:

check-full:
	@$(MAKE) --no-print-directory check CHECK_FULL=1

# schema/case.schema.json accepts and refuses the same case files as the
# loader (Debian's python3-jsonschema: call Debian's python3).
schema:
	/usr/bin/python3 tests/schema/check_schema.py

unit: $(UNIT_BINS)
	@set -e; for t in $(UNIT_BINS); do echo "== $$t"; $$t; done

e2e: $(BIN)
	@SANITIZE=$(SANITIZE) CHECK_FULL=$(CHECK_FULL) SCRPAPER=$(BIN) \
	    sh tests/e2e/run.sh

# The byte-identity guard (tests/manifest.sh): the SHA-256 of every
# paper, ledger, data set, archive, dump and diagnostic, compared with
# tests/manifest.sha256; names every entry that differs.  In a temporary
# copy of the tree: output/ is never touched.
manifest:
	@$(MAKE) --no-print-directory SANITIZE=0 build/rel/scrpaper
	sh tests/manifest.sh

# Regenerates the golden dumps of tests/golden/ after showing how each
# changes; review the diff before committing them.
golden: $(BIN)
	SCRPAPER=$(BIN) sh tests/golden/run.sh -r

asan:
	$(MAKE) check SANITIZE=1

# The grammar sweep over every cohort size (check runs a few of them).
sweep: $(BIN)
	SCRPAPER=$(BIN) SWEEP_SIZES="0 1 2 3 5 8 20 200" SWEEP_SEEDS="1 2" \
	    sh tests/e2e/test_grammar.sh

# The red team's attack on everything published together (tests/attack/
# red_run.sh; a few minutes, so not in check).
.PHONY: attack
attack: $(BIN)
	SCRPAPER=$(BIN) sh tests/attack/red_run.sh

# The public board papers and banded shares over the 52 generated
# cohorts, the leak cohorts and input/ (check runs one cohort and input/).
sweep-boards: $(BIN)
	SCRPAPER=$(BIN) BOARD_SWEEP=52 sh tests/e2e/test_board_edition.sh

valgrind: $(BIN)
	SCRPAPER=$(BIN) sh tests/e2e/test_valgrind.sh

# libFuzzer targets (clang); each runs FUZZ_TIME seconds, new inputs go to
# build/fuzz/corpus/NAME, seeds come from tests/fuzz/corpus/NAME.
FUZZ_TIME ?= 60
FUZZ_CC	?= clang
FUZZ_TARGETS := $(patsubst tests/fuzz/fuzz_%.c,%,$(wildcard tests/fuzz/fuzz_*.c))
LIBSRCS	:= $(filter-out pipeline/cli/%.c,$(SRCS))

build/fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(LIBSRCS) $(HDRS)
	@mkdir -p $(@D)
	$(FUZZ_CC) -g -O1 -fsanitize=fuzzer,address,undefined $(INCS) \
	    $(PKG_CFLAGS) -o $@ $< $(LIBSRCS) $(PKG_LIBS)

fuzz: $(FUZZ_TARGETS:%=build/fuzz/fuzz_%)
	@set -e; for t in $(FUZZ_TARGETS); do \
		mkdir -p build/fuzz/corpus/$$t; \
		build/fuzz/fuzz_$$t -max_total_time=$(FUZZ_TIME) \
		    -max_len=65536 build/fuzz/corpus/$$t tests/fuzz/corpus/$$t; \
	done

# The breaking rules measured on the pages of every paper and of
# generated cohorts; page PNGs in build/pages/ (tests/e2e/pages.sh).
pages: $(BIN)
	SCRPAPER=$(BIN) PAGES_FULL=1 sh tests/e2e/pages.sh

# Benchmarks (never part of check): see bench/README.md.
bench: $(BIN)
	SCRPAPER=$(BIN) sh bench/run.sh

clean:
	rm -rf build scrpaper output/*.pdf output/*.html output/*.odt output/lscb output/lscb-* \
	    tests/out output/data output/data-* output/restricted \
	    output/restricted-*

install: $(BIN)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/templates \
	    $(DESTDIR)$(DATADIR)/fonts $(DESTDIR)$(MANDIR)/man1
	install -m 755 $(BIN) $(DESTDIR)$(BINDIR)/scrpaper
	install -m 644 $(TEMPLATES) $(DESTDIR)$(DATADIR)/templates/
	install -m 644 $(FONTS) $(DESTDIR)$(DATADIR)/fonts/
	install -m 644 man/scrpaper.1 $(DESTDIR)$(MANDIR)/man1/scrpaper.1

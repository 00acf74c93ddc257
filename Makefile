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
	   valgrind time python3-jsonschema python3-yaml chromium libglpk-dev
PKGS	= yaml-0.1 cairo pangocairo pangoft2 fontconfig glib-2.0 zlib
TEST_PKGS = cmocka libqpdf
# GLPK has no .pc file: found by its header.
HAVE_GLPK = echo '\#include <glpk.h>' | $(CC) -E -x c - >/dev/null 2>&1

PKG_CFLAGS	:= $(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null)
# GLPK (libglpk-dev) ships no pkg-config file: -lglpk (and -lm for fig_exact.c).
PKG_LIBS	:= $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null) -lglpk -lm
TEST_CFLAGS	:= $(shell $(PKG_CONFIG) --cflags $(TEST_PKGS) 2>/dev/null)
TEST_LIBS	:= $(shell $(PKG_CONFIG) --libs $(TEST_PKGS) 2>/dev/null)

SRCS	:= $(sort $(wildcard pipeline/*.c))
OBJS	:= $(SRCS:pipeline/%.c=$(BUILD)/%.o)
LIBOBJS	:= $(filter-out $(BUILD)/main.o,$(OBJS))
UNIT_SRCS := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BINS := $(UNIT_SRCS:tests/unit/%.c=$(BUILD)/tests/%)
BIN	:= $(BUILD)/scrpaper

# INPUT=DIR: the input folder every target reads (report.yaml,
# codebook.yaml, national.yaml, cases/).  The outputs of a folder other
# than input/ carry the report's period, so that years never overwrite
# each other: output/background-paper-2009-10-to-2010-09.pdf,
# output/lscb-2009-10-to-2010-09/, ...; input/'s keep their stable names.
INPUT	?= input
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
TEMPLATES := $(wildcard templates/*)
FONTS	:= $(wildcard fonts/*)
PAPER	:= output/background-paper$(SUFFIX).pdf

.PHONY: all build paper variants html dist deps check unit e2e clean install \
	asan valgrind fuzz bench data golden sweep schema restricted pages \
	sweep-boards

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

deps:
	@if $(PKG_CONFIG) --exists $(PKGS) $(TEST_PKGS) 2>/dev/null && \
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

$(BUILD)/%.o: pipeline/%.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(PKG_CFLAGS) -MMD -MP -c -o $@ $<

# The installed data folder is compiled into main.o; the stamp is
# rewritten (and main.o rebuilt) only when DATADIR changes.
DATADIR_STAMP := $(BUILD)/datadir.stamp
ifneq ($(shell cat $(DATADIR_STAMP) 2>/dev/null),$(DATADIR))
$(shell mkdir -p $(BUILD) && echo '$(DATADIR)' > $(DATADIR_STAMP))
endif
$(BUILD)/main.o: CFLAGS += -DSCRPAPER_DATADIR='"$(DATADIR)"'
$(BUILD)/main.o: $(DATADIR_STAMP)

$(BUILD)/tests/%.o: tests/unit/%.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(PKG_CFLAGS) $(TEST_CFLAGS) -Ipipeline -MMD -MP \
	    -c -o $@ $<

$(BUILD)/tests/%: $(BUILD)/tests/%.o $(LIBOBJS)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< $(LIBOBJS) $(PKG_LIBS) $(TEST_LIBS)

# The post-pass test also links the qpdf-based reference post-pass and
# catches cairo's PDF on its way into pdf_post_buffer().
$(BUILD)/tests/test_pdf_post: $(BUILD)/tests/test_pdf_post.o \
    $(BUILD)/tests/post_qpdf.o $(LIBOBJS)
	$(CC) $(CFLAGS) $(LDFLAGS) -Wl,--wrap=pdf_post_buffer -o $@ $^ \
	    $(PKG_LIBS) $(TEST_LIBS)

-include $(OBJS:.o=.d) $(UNIT_BINS:=.d) $(BUILD)/tests/post_qpdf.d

# Keep the test objects, so a second `make check` rebuilds nothing.
.SECONDARY: $(UNIT_BINS:=.o) $(BUILD)/tests/post_qpdf.o

$(PAPER): $(BIN) $(INPUTS) $(TEMPLATES) $(FONTS)
	@mkdir -p $(@D)
	$(BIN) render $(IN_ARGS) -o $@
	$(if $(SUFFIX),,cp $@ output/background-paper-$(PERIOD).pdf)

paper: $(PAPER)

# One paper per board, rendered by one command whose worker processes (one
# a processor) each set up fonts once, and the board ledgers, suppressed
# as in the papers.  The stamp is touched only when everything was
# written.  The ledger goes through a temporary file of its own (mktemp),
# so two `make variants` at once in one tree do not collide.
LSCBDIR	:= output/lscb$(SUFFIX)
VARIANTS := $(LSCBDIR)/.done

variants: $(VARIANTS)

$(VARIANTS): $(BIN) $(INPUTS) $(TEMPLATES) $(FONTS)
	@mkdir -p $(LSCBDIR)
	$(BIN) render $(IN_ARGS) --all-lscbs -o $(LSCBDIR)
	@t=$$(mktemp $(LSCBDIR)/figures.csv.XXXXXX) && chmod 644 "$$t" && \
	if $(BIN) figures $(IN_ARGS) --all-lscbs > "$$t"; then \
		mv -f "$$t" $(LSCBDIR)/figures.csv; \
	else rm -f "$$t"; exit 1; fi
	@touch $@

# The HTML edition: the regional paper and every board's, one
# self-contained page each, beside the PDFs.
HTML_PAPER := output/background-paper$(SUFFIX).html
HTML_VARIANTS := $(LSCBDIR)/.html-done

html: $(HTML_PAPER) $(HTML_VARIANTS)

$(HTML_PAPER): $(BIN) $(INPUTS) $(TEMPLATES)
	@mkdir -p $(@D)
	$(BIN) render $(IN_ARGS) -o $@

$(HTML_VARIANTS): $(BIN) $(INPUTS) $(TEMPLATES)
	$(BIN) render $(IN_ARGS) --all-lscbs --format html -o $(LSCBDIR)
	@touch $@

# The figures as open data (docs/data.md): a tidy CSV, its metadata and
# a README, in output/data.
DATA	:= output/data$(SUFFIX)/scr_figures.csv

data: $(DATA)

$(DATA): $(BIN) $(INPUTS) $(TEMPLATES)
	@mkdir -p $(@D)
	$(BIN) data $(IN_ARGS) -o $(@D)

# The restricted edition (docs/restricted.md): every board's own figures,
# unsuppressed, marked OFFICIAL-SENSITIVE, written 0600 in a 0700 folder.
# Only ever built by name: no other target depends on it.
RESTRICTED := output/restricted$(SUFFIX)

restricted: $(BIN)
	@mkdir -p $(RESTRICTED) && chmod 700 $(RESTRICTED)
	$(BIN) render $(IN_ARGS) --all-lscbs --edition restricted \
	    -o $(RESTRICTED)

# make dist refuses to pack a restricted paper found among the public
# ones (its marking is in the text and in the uncompressed XMP).
DIST_GUARD = if grep -l -a -r -e OFFICIAL-SENSITIVE $(PAPER) $(LSCBDIR) \
	    $(dir $(DATA)) 2>/dev/null; then \
		echo "make dist: the files above are restricted papers" \
		    "(OFFICIAL-SENSITIVE); remove them from the public" \
		    "output first" >&2; rm -f $(DIST); exit 1; fi

# The papers and ledgers in one reproducible archive with a SHA-256
# manifest; the open data set in papers/data.
DIST := output/scrpaper-papers$(SUFFIX).tar.gz
dist: $(DIST)
	@$(DIST_GUARD)

$(DIST): $(PAPER) $(VARIANTS) $(DATA)
	@$(DIST_GUARD)
	rm -rf output/dist && mkdir -p output/dist/papers/lscb \
	    output/dist/papers/data
	cp $(dir $(DATA))* output/dist/papers/data/
	cp $(PAPER) output/dist/papers/
	cp $(LSCBDIR)/*.pdf $(LSCBDIR)/figures.csv output/dist/papers/lscb/
	$(BIN) figures $(IN_ARGS) > output/dist/papers/figures.csv
	cd output/dist/papers && find . -type f ! -name SHA256SUMS | \
	    LC_ALL=C sort | sed 's|^\./||' | xargs sha256sum > SHA256SUMS
	cd output/dist && tar --sort=name --owner=0 --group=0 \
	    --numeric-owner --mtime=@$${SOURCE_DATE_EPOCH:-0} -cf - papers | \
	    gzip -n > ../$(@F).tmp
	mv output/$(@F).tmp $@
	rm -rf output/dist

# Every test: unit tests, the end-to-end scripts, and the case schema
# against the loader's corpus.
check: unit e2e schema

# schema/case.schema.json accepts and refuses the same case files as the
# loader (Debian's python3-jsonschema: call Debian's python3).
schema:
	/usr/bin/python3 tests/schema/check_schema.py

unit: $(UNIT_BINS)
	@set -e; for t in $(UNIT_BINS); do echo "== $$t"; $$t; done

e2e: $(BIN)
	@SANITIZE=$(SANITIZE) SCRPAPER=$(BIN) sh tests/e2e/run.sh

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
LIBSRCS	:= $(filter-out pipeline/main.c,$(SRCS))

build/fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(LIBSRCS) $(wildcard pipeline/*.h)
	@mkdir -p $(@D)
	$(FUZZ_CC) -g -O1 -fsanitize=fuzzer,address,undefined -Ipipeline \
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
	rm -rf build scrpaper output/*.pdf output/*.html output/lscb output/lscb-* \
	    tests/out output/data output/data-* output/restricted \
	    output/restricted-*

install: $(BIN)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/templates \
	    $(DESTDIR)$(DATADIR)/fonts $(DESTDIR)$(MANDIR)/man1
	install -m 755 $(BIN) $(DESTDIR)$(BINDIR)/scrpaper
	install -m 644 $(TEMPLATES) $(DESTDIR)$(DATADIR)/templates/
	install -m 644 $(FONTS) $(DESTDIR)$(DATADIR)/fonts/
	install -m 644 man/scrpaper.1 $(DESTDIR)$(MANDIR)/man1/scrpaper.1

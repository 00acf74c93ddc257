/*
 * fuzz_audit.c: libFuzzer entry point for the published-ledger reader of
 * `scrpaper audit --published` (fig_audit_published()).  The cohort of
 * tests/data/variants (three boards, so that a whole publication fits
 * in the fuzzer's 64 KB) and templates/figures.yaml are loaded once; each input is the boards' ledger (lscb/figures.csv) up to
 * its first NUL byte and London's (figures.csv) after it -- a ledger
 * never holds a NUL, so the reader is fuzzed on both files.  It must
 * read, refuse with messages, or attack; never crash or leak.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "diag.h"
#include "case.h"
#include "fig.h"

#define FUZZ_AUDIT_INPUT	"tests/data/variants"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct cohort *cohort;
static struct fig_set *figs;
static FILE *devnull;

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag d;
	struct fig_ledger_text b, r;
	struct fig_audit_read rd;
	const uint8_t *nul;

	if (cohort == NULL) {
		diag_init(&d, stderr);
		cohort = case_load_dir(FUZZ_AUDIT_INPUT, NULL, &d);
		if (d.nerrors == 0)
			figs = fig_load("templates/figures.yaml", cohort, &d);
		if (d.nerrors > 0 || figs == NULL) {
			fputs("fuzz_audit: run from the project root\n",
			    stderr);
			exit(1);
		}
		diag_clear(&d);
		devnull = fopen("/dev/null", "w");
	}
	nul = memchr(data, '\0', size);
	b.file = "lscb/figures.csv";
	b.text = (const char *)data;
	b.len = nul != NULL ? (size_t)(nul - data) : size;
	r.file = "figures.csv";
	r.text = nul != NULL ? (const char *)nul + 1 : "";
	r.len = nul != NULL ? size - b.len - 1 : 0;
	diag_init(&d, NULL);
	(void)fig_audit_published(figs, cohort, &b, &r, &d, &rd, "fuzz",
	    devnull);
	diag_clear(&d);
	return 0;
}

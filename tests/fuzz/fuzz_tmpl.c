/*
 * fuzz_tmpl.c: libFuzzer entry point for the template parser and filler.
 * Each input is parsed as a template; when it parses, it is filled
 * against the London ledger (input/ and templates/figures.yaml, loaded
 * once), as `scrpaper check` would.
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
#include "doc.h"
#include "tmpl.h"
#include "fill.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct cohort *cohort;
static struct fig_set *figs;
static struct fig_ledger *ledger;

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag d;
	struct doc *doc;
	struct doc_env env;

	diag_init(&d, NULL);
	if (cohort == NULL) {
		struct fig_selection sel = { -1, 0, 0 };

		cohort = case_load_dir("input", NULL, &d);
		figs = fig_load("templates/figures.yaml", cohort, &d);
		if (d.nerrors > 0 || figs == NULL) {
			fputs("fuzz_tmpl: run from the project root\n", stderr);
			exit(1);
		}
		ledger = fig_aggregate(figs, cohort, &sel);
	}
	doc = tmpl_parse_buf("fuzz.tmpl", (const char *)data, size, &d);
	if (doc != NULL) {
		memset(&env, 0, sizeof(env));	/* no earlier period, no
						   boards, no grid */
		env.cohort = cohort;
		env.ledgers[DOC_LEDGER_SELECTION] = ledger;
		env.ledgers[DOC_LEDGER_REGION] = ledger;
		env.lscb = -1;
		doc_fill(doc, &env, &d);
	}
	doc_free(doc);
	diag_clear(&d);
	return 0;
}

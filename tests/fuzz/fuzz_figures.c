/*
 * fuzz_figures.c: libFuzzer entry point for the figure-definition loader.
 * The cohort (report, codebook, cases) comes from input/, loaded once;
 * each input is loaded as figures.yaml and, when valid, aggregated for
 * the region, for one board, and for every board with disclosure control
 * across the boards.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "util.h"
#include "diag.h"
#include "case.h"
#include "fig.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct cohort *cohort;

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag d;
	struct fig_set *s;
	struct fig_selection sel = { -1, 0, 0 };

	diag_init(&d, NULL);
	if (cohort == NULL) {
		cohort = case_load_dir("input", NULL, &d);
		if (d.nerrors > 0) {
			fputs("fuzz_figures: run from the project root\n",
			    stderr);
			exit(1);
		}
	}
	s = fig_load_buf("figures.yaml", (const char *)data, size, cohort, &d);
	if (s != NULL) {
		sel.lscb = -1;
		sel.suppress = 0;
		fig_ledger_free(fig_aggregate(s, cohort, &sel));
		sel.lscb = 0;
		sel.suppress = 1;
		fig_ledger_free(fig_aggregate(s, cohort, &sel));
		fig_boards_free(fig_aggregate_boards(s, cohort),
		    cohort->report.nlscbs);
	}
	fig_set_free(s);
	diag_clear(&d);
	return 0;
}

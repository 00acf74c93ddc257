/*
 * cli_figures.c: scrpaper figures.  Resolves --lscb and --period and
 * prints the ledger of the region, a board, every board, or every period
 * (and their total), as CSV or JSON.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "diag.h"
#include "case.h"
#include "fig.h"
#include "doc.h"
#include "paper.h"
#include "render.h"
#include "cli.h"

/* Resolves --lscb to a board index (or -1).  Returns -1 on success or
 * EXIT_USAGE after a message. */
int
cli_find_lscb(const struct cohort *c, const char *name, int *lscb)
{
	const char *near;

	*lscb = -1;
	if (name == NULL)
		return -1;
	if ((*lscb = report_find_lscb(&c->report, name)) >= 0)
		return -1;
	near = str_suggest(name, (const char *const *)c->report.lscbs,
	    c->report.nlscbs);
	fprintf(stderr, "scrpaper: --lscb: unknown board '%s'", name);
	if (near != NULL)
		fprintf(stderr, "; did you mean '%s'?", near);
	fputs("\n", stderr);
	return EXIT_USAGE;
}

/* Resolves --period to an index into report.periods (the current one
 * when name is NULL).  Returns -1 on success or EXIT_USAGE after a
 * message naming the periods. */
static int
find_period(const struct cohort *c, const char *name, size_t *period)
{
	size_t i, n = report_nperiods(&c->report);
	int k, from, to;

	*period = n - 1;
	if (name == NULL)
		return -1;
	if ((k = report_find_period(&c->report, name)) >= 0) {
		*period = (size_t)k;
		return -1;
	}
	fprintf(stderr, "scrpaper: --period: unknown period '%s'; the "
	    "periods of report.yaml are:", name);
	for (i = 0; i < n; i++)
		fprintf(stderr, "%s %s", i ? "," : "",
		    report_period(&c->report, i, &from, &to));
	fputs("\n", stderr);
	return EXIT_USAGE;
}

/*
 * Prints every period's ledger (and, when pooled, their total, labelled
 * CASE_POOLED_LABEL) as one table: of board lscb, of the region (-1), or
 * of every board when all is set, into out.  CSV (csv set): one table
 * led by a period column; JSON: a list of ledgers, each with its period.
 * Returns an exit status.
 */
int
cli_print_periods(FILE *out, struct paper *pp, const struct cohort *c,
    int lscb, int all, int pooled, int csv)
{
	size_t np = report_nperiods(&c->report), nb = c->report.nlscbs;
	size_t nrow = (np + (pooled != 0)) * (all ? nb : 1), n = 0, p, b;
	const struct fig_ledger **ls;
	const char **labels;
	int from, to;

	ls = xcalloc(nrow ? nrow : 1, sizeof(*ls));
	labels = xcalloc(nrow ? nrow : 1, sizeof(*labels));
	for (p = 0; p < np + (pooled != 0); p++)
		for (b = 0; b < (all ? nb : 1); b++) {
			labels[n] = p < np ? report_period(&c->report, p,
			    &from, &to) : CASE_POOLED_LABEL;
			if (labels[n] == NULL)
				labels[n] = "";
			ls[n++] = p < np ? paper_ledger_period(pp, all ?
			    (int)b : lscb, p) : paper_ledger_pooled(pp, all ?
			    (int)b : lscb);
		}
	if (csv)
		fig_print_csv_periods(out, ls, labels, n, all, c);
	else {
		fputs("[\n", out);
		for (p = 0; p < n; p++) {
			if (p > 0)
				fputs(",\n", out);
			fig_print_json_period(out, ls[p], c, labels[p]);
		}
		fputs("]\n", out);
	}
	free(ls);
	free(labels);
	return EXIT_SUCCESS;
}

/* Prints every board's ledger, suppressed as in its paper: CSV as one
 * table, JSON as a list of the boards' ledgers.  Returns an exit
 * status. */
static int
print_all_ledgers(struct paper *pp, const struct cohort *c,
    const char *format, size_t period)
{
	struct fig_ledger *const *ls = paper_boards_period(pp, period);
	size_t i;

	if (strcmp(format, "csv") == 0)
		fig_print_csv_boards(stdout, ls, c->report.nlscbs, c);
	else {
		fputs("[\n", stdout);
		for (i = 0; i < c->report.nlscbs; i++) {
			if (i > 0)
				fputs(",\n", stdout);
			fig_print_json(stdout, ls[i], c);
		}
		fputs("]\n", stdout);
	}
	return EXIT_SUCCESS;
}


/* scrpaper figures on the loaded input (lscb: --lscb's board, or -1).
 * Returns an exit status. */
int
cli_figures(const struct opts *o, struct paper *pp, const struct cohort *c,
    int lscb)
{
	size_t	 period;
	int	 rc;

	if ((rc = find_period(c, o->period, &period)) >= 0)
		return rc;
	if (o->all_periods)
		return cli_print_periods(stdout, pp, c, lscb, o->all_lscbs,
		    o->pooled, strcmp(o->format, "csv") == 0);
	if (o->all_lscbs)
		return print_all_ledgers(pp, c, o->format, period);
	if (strcmp(o->format, "json") == 0)
		fig_print_json(stdout, paper_ledger_period(pp, lscb, period),
		    c);
	else
		fig_print_csv(stdout, paper_ledger_period(pp, lscb, period),
		    c);
	return EXIT_SUCCESS;
}

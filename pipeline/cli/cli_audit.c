/*
 * cli_audit.c: scrpaper audit.  Prints the ledgers `figures` publishes
 * into memory, as CSV, and has the attacker (fig_audit.c) read exactly
 * that; or reads ledgers already published from a folder.
 */
#include <errno.h>
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

/* The largest published ledger audit reads (1000 boards of 6 periods
 * of a thousand figures are some 40 MB). */
#define AUDIT_MAX_LEDGER	((size_t)256 << 20)

/* Reads the ledger dir/name into *t (t->text new: free with free()).
 * Returns 0, or an exit status after a message. */
static int
audit_read_ledger(const char *dir, const char *name,
    struct fig_ledger_text *t)
{
	char *path = xasprintf("%s/%s", dir, name), *data;
	int rc;

	t->file = path;
	t->text = NULL;
	t->len = 0;
	rc = file_read_all(path, AUDIT_MAX_LEDGER, &data, &t->len);
	if (rc == -1)
		fprintf(stderr, "scrpaper: %s: %s\n", path, strerror(errno));
	else if (rc == -2)
		fprintf(stderr, "scrpaper: %s: error: larger than %zu MB: not "
		    "a ledger\n", path, AUDIT_MAX_LEDGER >> 20);
	if (rc != 0)
		return rc == -2 ? EXIT_INVALID : EXIT_SYSERR;
	t->text = data;
	return 0;
}

/*
 * The ledgers `figures` publishes, as CSV, into *bcsv (every board's, as
 * --all-lscbs prints them) and *rcsv (London's): with earlier periods or
 * pooled, every period's (and the total) as --all-periods prints them.
 * Counts the board cells printed and hidden.  Returns 0, or EXIT_SYSERR.
 */
static int
audit_ledgers(struct paper *pp, const struct cohort *c, int pooled,
    int multi, char **bcsv, char **rcsv, size_t *cells, size_t *hidden)
{
	size_t blen = 0, rlen = 0, i, j, p;
	size_t np = report_nperiods(&c->report);
	const struct fig_ledger *l;
	FILE *f;

	for (p = 0; p < np + (pooled != 0); p++)
		for (i = 0; i < c->report.nlscbs; i++) {
			l = p < np ? paper_ledger_period(pp, (int)i, p) :
			    paper_ledger_pooled(pp, (int)i);
			for (j = 0; j < l->nvalues; j++) {
				(*cells)++;
				*hidden += l->values[j].suppressed;
			}
		}
	if ((f = open_memstream(bcsv, &blen)) == NULL)
		return EXIT_SYSERR;
	if (np > 1 || pooled || multi)
		cli_print_periods(f, pp, c, -1, 1, pooled, 1);
	else
		fig_print_csv_boards(f, paper_boards(pp), c->report.nlscbs,
		    c);
	fclose(f);
	if ((f = open_memstream(rcsv, &rlen)) == NULL)
		return EXIT_SYSERR;
	if (np > 1 || pooled || multi)
		cli_print_periods(f, pp, c, -1, 0, pooled, 1);
	else
		fig_print_csv(f, paper_ledger(pp, -1), c);
	fclose(f);
	return 0;
}

/*
 * Last year's release, from its input folder dir (--previous): every
 * period's ledgers as --all-periods prints them, with their total when
 * pooled and it has several periods, into *bcsv and *rcsv.  Returns 0,
 * or an exit status after messages (FILE:LINE:COL of dir's files).
 */
static int
audit_previous(const char *dir, const char *figures, int pooled,
    char **bcsv, char **rcsv)
{
	struct diag d;
	struct cohort *b;
	struct fig_set *sb = NULL;
	struct paper *pb;
	size_t cells = 0, hidden = 0;
	int rc;

	diag_init(&d, stderr);
	b = case_load_dir(dir, NULL, &d);
	if (b->codebook.ncodes > 0)
		sb = fig_load(figures, b, &d);
	if (d.nerrors > 0 || sb == NULL || !fig_check_data(sb, b, &d)) {
		fprintf(stderr, "scrpaper: --previous %s: last year's input "
		    "folder has %zu error%s; nothing audited\n", dir,
		    d.nerrors, d.nerrors == 1 ? "" : "s");
		rc = EXIT_INVALID;
	} else {
		pb = paper_new(b, sb);
		rc = audit_ledgers(pb, b, pooled &&
		    report_nperiods(&b->report) > 1, 1, bcsv, rcsv, &cells,
		    &hidden);
		paper_free(pb);
	}
	fig_set_free(sb);
	cohort_free(b);
	diag_clear(&d);
	return rc;
}

/*
 * audit --previous OLDDIR: this year's ledgers (bcsv, rcsv, every
 * period as --all-periods prints them) attacked together with last
 * year's release, made from OLDDIR.  Returns an exit status.
 */
static int
audit_years(const struct fig_set *figs, const struct cohort *c,
    const char *previous, const char *figures, int pooled, char *bcsv,
    char *rcsv)
{
	struct fig_ledger_text bt = { "this year's boards' ledger", bcsv,
	    strlen(bcsv) }, rt = { NULL, rcsv,
	    strlen(rcsv) }, pbt = { NULL, NULL, 0 }, prt = { NULL, NULL, 0 };
	struct fig_audit_read rd, prd;
	char *pb = NULL, *pr = NULL;
	struct diag d;
	long found;
	int rc;

	if ((rc = audit_previous(previous, figures, pooled, &pb, &pr)) != 0)
		return rc;
	pbt.file = xasprintf("%s: last year's boards' ledger", previous);
	pbt.text = pb;
	pbt.len = strlen(pb);
	prt.file = xasprintf("%s: last year's %s ledger", previous,
	    c->report.region);
	prt.text = pr;
	prt.len = strlen(pr);
	rt.file = xasprintf("this year's %s ledger", c->report.region);
	fig_audit_threshold = c->report.threshold;
	diag_init(&d, stderr);
	found = fig_audit_years(figs, NULL, &bt, &rt, &pbt, &prt, &d, &rd,
	    &prd, "audit", stdout);
	diag_clear(&d);
	free((char *)pbt.file);
	free((char *)prt.file);
	free((char *)rt.file);
	free(pb);
	free(pr);
	if (found > 0)
		printf("audit: %ld suppressed figure%s can be worked back "
		    "from this year's release and last year's (%s)\n", found,
		    found == 1 ? "" : "s", previous);
	if (found != 0)
		return EXIT_INVALID;
	printf("audit: %zu boards, %zu period%s%s, %zu of %zu board figures "
	    "shown; last year's release (%s): %zu period%s%s, %zu of %zu "
	    "board figures shown; no suppressed figure can be worked back "
	    "from both: OK\n", c->report.nlscbs, rd.periods,
	    rd.periods == 1 ? "" : "s", rd.pooled ? " and their total" : "",
	    rd.cells - rd.hidden, rd.cells, previous, prd.periods,
	    prd.periods == 1 ? "" : "s", prd.pooled ? " and their total" :
	    "", prd.cells - prd.hidden, prd.cells);
	return EXIT_SUCCESS;
}

/*
 * scrpaper audit: the attacker on the ledgers the input gives (every
 * period's, and their total when pooled), or on ledgers already
 * published, DIR/figures.csv and DIR/lscb/figures.csv (one period, or
 * --all-periods tables); with previous (last year's input folder),
 * together with last year's release made from it.  Returns 0 when
 * nothing can be worked back, 1 when something can (named on standard
 * output), 3 on a system error.
 */
int
cli_audit(struct paper *pp, const struct fig_set *figs, const struct cohort *c,
    const char *published, int pooled, const char *previous,
    const char *figures)
{
	char *bcsv = NULL, *rcsv = NULL;
	size_t hidden = 0, cells = 0;
	long found = 0;
	struct fig_ledger_text bt = { NULL, NULL, 0 }, rt = { NULL, NULL, 0 };
	struct fig_audit_read rd;
	struct diag d;
	int rc;

	fig_audit_region = c->report.region;
	if (published != NULL) {
		if ((rc = audit_read_ledger(published, "lscb/figures.csv",
		    &bt)) == 0)
			rc = audit_read_ledger(published, "figures.csv", &rt);
		if (rc == 0) {
			diag_init(&d, stderr);
			found = fig_audit_published(figs, c, &bt, &rt, &d,
			    &rd, "audit", stdout);
			diag_clear(&d);
		}
		free((char *)bt.file);
		free((char *)bt.text);
		free((char *)rt.file);
		free((char *)rt.text);
		if (rc != 0)
			return rc;
		if (found > 0)
			printf("audit: %ld suppressed figure%s can be worked "
			    "back\n", found, found == 1 ? "" : "s");
		if (found != 0)
			return EXIT_INVALID;
		printf("audit: %s/lscb/figures.csv and %s/figures.csv: %zu "
		    "board%s, %zu period%s%s, %zu of %zu board figures shown "
		    "(%zu hidden), no suppressed figure can be worked back: "
		    "OK\n",
		    published, published, rd.boards, rd.boards == 1 ? "" : "s",
		    rd.periods, rd.periods == 1 ? "" : "s", rd.pooled ?
		    " and their total" : "", rd.cells - rd.hidden, rd.cells,
		    rd.hidden);
		return EXIT_SUCCESS;
	}
	if (audit_ledgers(pp, c, pooled, previous != NULL, &bcsv, &rcsv,
	    &cells, &hidden) != 0) {
		free(bcsv);
		free(rcsv);
		return EXIT_SYSERR;
	}
	if (previous != NULL) {
		rc = audit_years(figs, c, previous, figures, pooled, bcsv,
		    rcsv);
		free(bcsv);
		free(rcsv);
		return rc;
	}
	fig_audit_threshold = c->report.threshold;
	found = fig_audit(figs, bcsv, rcsv, "audit", stdout);
	free(bcsv);
	free(rcsv);
	if (found != 0) {
		if (found > 0)
			printf("audit: %ld suppressed figure%s can be worked "
			    "back\n", found, found == 1 ? "" : "s");
		return EXIT_INVALID;
	}
	if (published == NULL && report_nperiods(&c->report) == 1 && !pooled)
		printf("audit: %zu boards, %zu of %zu board figures shown, "
		    "no suppressed figure can be worked back: OK\n",
		    c->report.nlscbs, cells - hidden, cells);
	else
		printf("audit: %zu boards, %zu periods%s, %zu of %zu board "
		    "figures shown, no suppressed figure can be worked back: "
		    "OK\n", c->report.nlscbs, report_nperiods(&c->report),
		    pooled ? " and their total" : "", cells - hidden, cells);
	return EXIT_SUCCESS;
}

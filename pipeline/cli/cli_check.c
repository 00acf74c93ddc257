/*
 * cli_check.c: scrpaper check, and the warnings over the cohort that
 * render gives too: defaults left to the program, cases outside every
 * period; the summary line; SOURCE_DATE_EPOCH's check.
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
#include "year.h"

/*
 * Warns at each case that leaves household_children or lscb_areas_known
 * out: both feed published figures, so a default must not pass unseen.
 */
void
cli_warn_defaults(const struct cohort *c, struct diag *d)
{
	const struct scr_case *k;
	size_t i;

	for (i = 0; i < c->ncases; i++) {
		k = &c->cases[i];
		if (k->defaulted & CASE_DEFAULT_HOUSEHOLD)
			diag_warn(d, k->pos.file, k->pos.line, k->pos.col,
			    "no 'household_children': read as 0; write it, "
			    "0 included (it feeds the household figures)");
		if (k->defaulted & CASE_DEFAULT_AREAS)
			diag_warn(d, k->pos.file, k->pos.line, k->pos.col,
			    "no 'lscb_areas_known': read as 1; write it, 1 "
			    "included (it feeds the mobility figures)");
	}
}

/*
 * Warns, at each case file completed outside the report's period (with
 * earlier periods: outside every period), that it is left out of every
 * figure (lest a typo in a date, or last year's folder, go unseen).
 * Returns the number of such cases.
 */
size_t
cli_warn_left_out(const struct cohort *c, struct diag *d)
{
	const struct report *r = &c->report;
	const struct scr_case *k;
	struct buf where;
	size_t i, p, n = 0;
	int from, to;

	buf_init(&where);
	for (p = 0; p < report_nperiods(r); p++) {
		const char *label = report_period(r, p, &from, &to);

		if (report_nperiods(r) > 1)
			buf_printf(&where, "%s%s ", p ? "; " : "", label);
		buf_printf(&where, "%04d-%02d-%02d to %04d-%02d-%02d",
		    from / 10000, from / 100 % 100, from % 100, to / 10000,
		    to / 100 % 100, to % 100);
	}
	for (i = 0; i < c->ncases; i++) {
		k = &c->cases[i];
		if (report_period_of(r, k->completed) >= 0)
			continue;
		diag_warn(d, k->pos.file, k->pos.line, k->pos.col,
		    "completed %04d-%02d-%02d, outside the report's period%s "
		    "%s: left out of every figure", k->completed / 10000,
		    k->completed / 100 % 100, k->completed % 100,
		    report_nperiods(r) > 1 ? "s" : "", where.data);
		n++;
	}
	buf_clear(&where);
	return n;
}

/*
 * Prints check's summary: the cases and children of the current period,
 * the boards; with earlier periods, the cases of each; the cases in no
 * period (named by cli_warn_left_out()), nout of them.
 */
static void
print_summary(const struct cohort *c, size_t nout)
{
	const struct report *r = &c->report;
	size_t i, p, np = report_nperiods(r), *ncases;
	size_t nchildren = 0;
	int k, from, to;

	ncases = xcalloc(np, sizeof(*ncases));
	for (i = 0; i < c->ncases; i++)
		if ((k = report_period_of(r, c->cases[i].completed)) >= 0) {
			ncases[k]++;
			if ((size_t)k == np - 1)
				nchildren += c->cases[i].nchildren;
		}
	printf("%zu case%s in the period, %zu %s, %zu board%s: OK",
	    ncases[np - 1], ncases[np - 1] == 1 ? "" : "s",
	    nchildren, nchildren == 1 ? "child" : "children",
	    r->nlscbs, r->nlscbs == 1 ? "" : "s");
	for (p = 0; p + 1 < np; p++)
		printf("%s%s: %zu case%s", p ? ", " : "; earlier periods ",
		    report_period(r, p, &from, &to), ncases[p],
		    ncases[p] == 1 ? "" : "s");
	if (nout > 0)
		printf("; %zu case%s left out (outside the period%s)", nout,
		    nout == 1 ? "" : "s", np > 1 ? "s" : "");
	free(ncases);
}

/* The largest SOURCE_DATE_EPOCH: 9999-12-31T23:59:59Z, the last second a
 * four-digit year (and so a PDF date) can say. */
#define SDE_MAX		253402300799LL

/*
 * Checks SOURCE_DATE_EPOCH (reproducible-builds.org's specification: a
 * malformed value is an error, not ignored): unset or empty, or decimal
 * digits only up to SDE_MAX.  Returns -1, or EXIT_INVALID after a
 * message.
 */
int
cli_check_source_date_epoch(void)
{
	const char *e = getenv("SOURCE_DATE_EPOCH"), *p;

	if (e == NULL || *e == '\0')
		return -1;
	for (p = e; *p >= '0' && *p <= '9'; p++)
		;
	if (*p == '\0' && p - e <= 12 && strtoll(e, NULL, 10) <= SDE_MAX)
		return -1;
	fprintf(stderr, "scrpaper: SOURCE_DATE_EPOCH: '%.40s' is not a "
	    "number of seconds since 1970-01-01T00:00:00Z (decimal digits "
	    "only, at most %lld, 9999-12-31T23:59:59Z); nothing written\n",
	    e, SDE_MAX);
	return EXIT_INVALID;
}


/* scrpaper check on the loaded input (lscb: --lscb's board, or -1):
 * the papers, the prose lint, the warnings and the summary; nogrid when
 * the region's tile map is missing.  Returns an exit status. */
int
cli_check(const struct opts *o, struct paper *pp, const struct cohort *c,
    int lscb, int nogrid, struct diag *d)
{
	size_t	 nout;
	int	 rc, nlint;

	/* The regional paper and every board's: a template error may
	 * sit in a block only one kind of paper shows. */
	if ((rc = paper_check(pp, lscb, d)) != 0)
		return rc;
	nlint = paper_lint(o->template_path, d, o->strict);
	if (nlint > 0 && o->strict)
		return EXIT_INVALID;
	cli_warn_defaults(c, d);
	nout = cli_warn_left_out(c, d);
	year_warn(c, o->input, o->template_path, nogrid, d);
	print_summary(c, nout);
	if (nlint > 0)
		printf("; %d prose warning%s", nlint, nlint == 1 ? "" : "s");
	printf("\n");
	return rc;
}

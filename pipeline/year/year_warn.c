/*
 * year_warn.c: the warnings check and render give about periods
 * (year_warn(), year.h): what a year's move can lose without an error,
 * each at the line of report.yaml or of the template that says it
 * (docs/annual.md).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "diag.h"
#include "yml.h"
#include "case.h"
#include "year.h"
#include "year_int.h"

/* Warns at each earlier period of the cohort c with no case: every
 * figure of it would be 0. */
static void
warn_empty_periods(const struct cohort *c, struct diag *d)
{
	const struct report *r = &c->report;
	size_t np = report_nperiods(r), i, p, *count;
	char x[16], y[16];
	int k;

	count = xcalloc(np, sizeof(*count));
	for (i = 0; i < c->ncases; i++)
		if ((k = report_period_of(r, c->cases[i].completed)) >= 0)
			count[k]++;
	for (p = 0; p + 1 < np && r->nperiods > 0; p++) {
		const struct period *e = &r->periods[p];

		if (count[p] > 0)
			continue;
		iso(x, e->from);
		iso(y, e->to);
		diag_warn(d, e->pos.file, e->pos.line, e->pos.col,
		    "the earlier period '%s' (%s to %s) has no case: every "
		    "figure of it would be 0; keep its case files in cases/ "
		    "(they count by their completed date)", e->label, x, y);
	}
	free(count);
}

/* Warns at the later period of each gap between two periods of the
 * cohort c that holds a case: it counts in no period. */
static void
warn_gaps(const struct cohort *c, struct diag *d)
{
	const struct report *r = &c->report;
	char x[16], y[16];
	size_t i, p;

	for (i = 0; i < c->ncases && r->nperiods > 1; i++) {
		const struct scr_case *kc = &c->cases[i];

		if (report_period_of(r, kc->completed) >= 0)
			continue;
		for (p = 0; p + 1 < r->nperiods; p++) {
			const struct period *e = &r->periods[p],
			    *f = &r->periods[p + 1];

			if (kc->completed <= e->to ||
			    kc->completed >= f->from)
				continue;
			iso(x, e->to);
			iso(y, f->from);
			diag_warn(d, f->pos.file, f->pos.line, f->pos.col,
			    "%s, completed %04d-%02d-%02d, falls in the gap "
			    "between the periods '%s' (ending %s) and '%s' "
			    "(starting %s): it counts in no period; a period "
			    "starts the day after the one before ends "
			    "(docs/annual.md)", kc->pos.file,
			    kc->completed / 10000, kc->completed / 100 % 100,
			    kc->completed % 100, e->label, x, f->label, y);
		}
	}
}

/* Warns at created: in input_dir's report.yaml (at period: when it has
 * none) when the cohort c's paper date is not after its period's end. */
static void
warn_created(const struct cohort *c, const char *input_dir,
    struct diag *d)
{
	const struct report *r = &c->report;
	struct ynode *root = NULL;
	struct diag quiet;
	char x[16], y[16], *path, *data;
	size_t len;

	path = xasprintf("%s/report.yaml", input_dir);
	diag_init(&quiet, NULL);
	if (r->created <= r->period_to &&
	    yml_read_file(path, &quiet, &data, &len)) {
		const struct ynode *n = NULL;

		if (yml_parse(path, data, len, &quiet, &root) &&
		    root != NULL)
			n = ynode_get(root, "created");
		if (n == NULL && root != NULL)
			n = ynode_get(root, "period");
		iso(x, r->created);
		iso(y, r->period_to);
		if (n != NULL)
			diag_warn(d, path, n->line, n->col, "created %s is "
			    "not after the end of the period (%s): set "
			    "'created' to the paper's date", x, y);
		ynode_free(root);
		free(data);
	}
	diag_clear(&quiet);
	free(path);
}

/* Warns at the template's first @boards line that input_dir has no
 * grid.yaml, so the tile map is left out. */
static void
warn_grid(const char *input_dir, const char *template_path,
    struct diag *d)
{
	char *data;
	size_t len;
	const char *s;
	int line = 1;

	if (file_read_all(template_path, SIZE_MAX, &data, &len) != 0)
		return;
	s = data;
	while (s != NULL && *s != '\0') {
		if (strncmp(s, "@boards", 7) == 0 &&
		    (s[7] == ' ' || s[7] == '\n' || s[7] == '\0')) {
			diag_warn(d, template_path, line, 1, "%s/grid.yaml "
			    "is missing: the tile map is left out of the "
			    "paper (the table of the boards stays); copy last "
			    "year's grid.yaml", input_dir);
			break;
		}
		if ((s = strchr(s, '\n')) != NULL)
			s++;
		line++;
	}
	free(data);
}

void
year_warn(const struct cohort *c, const char *input_dir,
    const char *template_path, int grid_missing, struct diag *d)
{
	warn_empty_periods(c, d);
	warn_gaps(c, d);
	warn_created(c, input_dir, d);
	/* The tile map, when the template draws it and no grid says
	 * where the tiles go. */
	if (grid_missing && c->report.nlscbs > 0)
		warn_grid(input_dir, template_path, d);
}

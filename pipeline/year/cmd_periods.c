/*
 * cmd_periods.c: `scrpaper periods [--input DIR] [--cases DIR] [--format
 * text|csv]`: every case file, its completed date and the period it falls
 * in (docs/annual.md).
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util.h"
#include "diag.h"
#include "yml.h"
#include "case.h"
#include "fig.h"
#include "paper.h"
#include "year.h"
#include "year_int.h"

static int
case_date_cmp(const void *a, const void *b)
{
	const struct scr_case *x = *(const struct scr_case *const *)a;
	const struct scr_case *y = *(const struct scr_case *const *)b;

	if (x->completed != y->completed)
		return x->completed < y->completed ? -1 : 1;
	return strcmp(x->pos.file, y->pos.file);
}

int
cmd_periods(int argc, char *argv[])
{
	struct yopts o;
	struct diag d;
	struct cohort *c;
	const struct scr_case **v;
	const struct report *r;
	size_t i, np, *count, none = 0;
	char a[16], b[16];
	int rc, k, from, to, csv;

	memset(&o, 0, sizeof(o));
	if ((rc = yparse(argc, argv, "--input --cases --format", &o)) >= 0)
		return rc;
	if (o.format != NULL && strcmp(o.format, "csv") != 0 &&
	    strcmp(o.format, "text") != 0)
		return yusage("periods", "--format: '%s' is not csv or text",
		    o.format);
	csv = o.format != NULL && strcmp(o.format, "csv") == 0;
	diag_init(&d, stderr);
	c = case_load_dir(o.input, o.cases, &d);
	if (d.nerrors > 0) {
		fprintf(stderr, "scrpaper: %zu error%s\n", d.nerrors,
		    d.nerrors == 1 ? "" : "s");
		cohort_free(c);
		diag_clear(&d);
		return EXIT_BAD;
	}
	r = &c->report;
	np = report_nperiods(r);
	count = xcalloc(np, sizeof(*count));
	v = xcalloc(c->ncases ? c->ncases : 1, sizeof(*v));
	for (i = 0; i < c->ncases; i++)
		v[i] = &c->cases[i];
	qsort(v, c->ncases, sizeof(*v), case_date_cmp);
	if (csv)
		printf("file,completed,period\n");
	for (i = 0; i < c->ncases; i++) {
		k = report_period_of(r, v[i]->completed);
		if (k >= 0)
			count[k]++;
		else
			none++;
		iso(a, v[i]->completed);
		if (csv && strpbrk(v[i]->pos.file, ",\"\n") == NULL)
			printf("%s,%s,%s\n", v[i]->pos.file, a, k >= 0 ?
			    report_period(r, (size_t)k, &from, &to) : "");
		else if (csv) {
			const char *p;

			putchar('"');
			for (p = v[i]->pos.file; *p != '\0'; p++) {
				if (*p == '"')
					putchar('"');
				putchar(*p);
			}
			printf("\",%s,%s\n", a, k >= 0 ? report_period(r,
			    (size_t)k, &from, &to) : "");
		} else
			printf("%s  %s  %s\n", a, k >= 0 ? report_period(r,
			    (size_t)k, &from, &to) : "none", v[i]->pos.file);
	}
	if (!csv) {
		for (i = 0; i < np; i++) {
			const char *label = report_period(r, i, &from, &to);

			iso(a, from);
			iso(b, to);
			k = months_of(from, to);
			printf("%s (%s to %s, %d month%s%s): %zu case%s\n",
			    label, a, b, k, k == 1 ? "" : "s", i + 1 == np ?
			    ", the current period" : "", count[i],
			    count[i] == 1 ? "" : "s");
		}
		printf("in no period: %zu case%s\n", none,
		    none == 1 ? "" : "s");
	}
	free(v);
	free(count);
	cohort_free(c);
	diag_clear(&d);
	return fflush(stdout) == 0 && !ferror(stdout) ? EXIT_OK : EXIT_SYS;
}


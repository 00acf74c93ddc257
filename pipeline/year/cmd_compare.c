/*
 * cmd_compare.c: `scrpaper compare [--input DIR] --previous OLDDIR
 * [--figures FILE]`: what changed in the periods OLDDIR published, case
 * file by case file and figure by figure (docs/annual.md).
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

/* One value as the public ledger prints it, in words: "[c]", "12",
 * "12 of 47 (26%)", with its band and not-recorded count. */
static char *
value_words(const struct fig_value *v)
{
	struct buf b;

	buf_init(&b);
	if (v->suppressed)
		buf_puts(&b, fig_suppressed_mark);
	else
		buf_printf(&b, "%ld", v->num);
	if (v->unit != FIG_COUNT) {
		if (v->den_hidden)
			buf_printf(&b, " of %s", fig_suppressed_mark);
		else
			buf_printf(&b, " of %ld", v->den);
		if (!v->suppressed && v->percent >= 0)
			buf_printf(&b, " (%d%%)", v->percent);
		else if (v->banded && v->text != NULL)
			buf_printf(&b, " (%s)", v->text);
	}
	if (v->nr_hidden)
		buf_printf(&b, ", %s not recorded", fig_suppressed_mark);
	else if (v->not_recorded > 0)
		buf_printf(&b, ", %ld not recorded", v->not_recorded);
	return buf_take(&b);
}

/* Prints each figure of ledger la (new) that differs from lb's (old),
 * led by period and the ledger's name.  Returns the number printed. */
static size_t
compare_ledgers(const struct fig_ledger *la, const struct fig_ledger *lb,
    const char *period, const char *who)
{
	size_t i, j, n = 0;
	char *x, *y;

	for (i = 0; i < la->nvalues; i++) {
		const struct fig_value *va = &la->values[i], *vb = NULL;

		for (j = 0; j < lb->nvalues; j++)
			if (strcmp(lb->values[j].name, va->name) == 0) {
				vb = &lb->values[j];
				break;
			}
		x = value_words(va);
		y = vb != NULL ? value_words(vb) : xstrdup("(none)");
		if (strcmp(x, y) != 0) {
			printf("compare: figure %s %s %s: %s, published %s\n",
			    period, who, va->name, x, y);
			n++;
		}
		free(x);
		free(y);
	}
	return n;
}

/* The label of the period case k counts in, or NULL. */
static const char *
period_label_of(const struct cohort *c, const struct scr_case *k)
{
	int p = report_period_of(&c->report, k->completed), f, t;

	return p < 0 ? NULL : report_period(&c->report, (size_t)p, &f, &t);
}

static const struct scr_case *
find_case_file(const struct cohort *c, const char *name)
{
	size_t i;

	for (i = 0; i < c->ncases; i++)
		if (strcmp(base_name(c->cases[i].pos.file), name) == 0)
			return &c->cases[i];
	return NULL;
}

/* 1 if label names a period of both a and b. */
static int
shared(const struct cohort *a, const struct cohort *b, const char *label)
{
	return label != NULL && report_find_period(&a->report, label) >= 0 &&
	    report_find_period(&b->report, label) >= 0;
}

/* The case files added to, removed from or moved between the shared
 * periods of a (new) and b (old).  Returns how many. */
static size_t
compare_cases(const struct cohort *a, const struct cohort *b)
{
	size_t i, n = 0;
	char x[16], y[16];

	for (i = 0; i < a->ncases; i++) {
		const struct scr_case *ka = &a->cases[i], *kb;
		const char *pa = period_label_of(a, ka), *pb;

		kb = find_case_file(b, base_name(ka->pos.file));
		pb = kb != NULL ? period_label_of(b, kb) : NULL;
		iso(x, ka->completed);
		if (kb == NULL && shared(a, b, pa)) {
			printf("compare: case %s: added to %s (completed "
			    "%s)\n", ka->pos.file, pa, x);
			n++;
		} else if (kb != NULL && (shared(a, b, pa) ||
		    shared(a, b, pb)) && (pa == NULL || pb == NULL ||
		    strcmp(pa, pb) != 0) && !(pa == NULL && pb == NULL)) {
			iso(y, kb->completed);
			printf("compare: case %s: moved from %s to %s "
			    "(completed %s%s%s)\n", ka->pos.file,
			    pb ? pb : "no period", pa ? pa : "no period", x,
			    kb->completed != ka->completed ? ", was " : "",
			    kb->completed != ka->completed ? y : "");
			n++;
		}
	}
	for (i = 0; i < b->ncases; i++) {
		const struct scr_case *kb = &b->cases[i];
		const char *pb = period_label_of(b, kb);

		if (find_case_file(a, base_name(kb->pos.file)) != NULL ||
		    !shared(a, b, pb))
			continue;
		iso(x, kb->completed);
		printf("compare: case %s: removed from %s (completed %s)\n",
		    kb->pos.file, pb, x);
		n++;
	}
	return n;
}

/* Loads one input folder with its figure definitions.  Returns 1 when
 * both are valid. */
static int
load_input(const char *dir, const char *figures, struct diag *d,
    struct cohort **c, struct fig_set **s)
{
	*c = case_load_dir(dir, NULL, d);
	*s = NULL;
	if ((*c)->codebook.ncodes > 0)
		*s = fig_load(figures, *c, d);
	return d->nerrors == 0 && *s != NULL && fig_check_data(*s, *c, d);
}

/*
 * Compares the period i of the input (cohort a, paper pa) with the
 * period j of the same label in the folder previous (b, pb): its dates,
 * then the region's ledger and each board's.  Prints a line a
 * difference; returns their number.
 */
static size_t
compare_period(struct paper *pa, struct paper *pb, const struct cohort *a,
    const struct cohort *b, size_t i, size_t j, const char *previous)
{
	const char *label;
	char x[16], y[16], u[16], w[16];
	size_t nfig = 0;
	int fa, ta, fb, tb, k;

	label = report_period(&a->report, i, &fa, &ta);
	report_period(&b->report, j, &fb, &tb);
	if (fa != fb || ta != tb) {
		iso(x, fa);
		iso(y, ta);
		iso(u, fb);
		iso(w, tb);
		printf("compare: period %s: %s to %s, published as %s "
		    "to %s\n", label, x, y, u, w);
		nfig++;
	}
	nfig += compare_ledgers(paper_ledger_period(pa, -1, i),
	    paper_ledger_period(pb, -1, j), label, a->report.region ?
	    a->report.region : "region");
	for (k = 0; (size_t)k < a->report.nlscbs; k++) {
		int kb = report_find_lscb(&b->report, a->report.lscbs[k]);

		if (kb < 0) {
			printf("compare: board %s: not in %s\n",
			    a->report.lscbs[k], previous);
			nfig++;
			continue;
		}
		nfig += compare_ledgers(paper_ledger_period(pa, k, i),
		    paper_ledger_period(pb, kb, j), label,
		    a->report.lscbs[k]);
	}
	return nfig;
}

int
cmd_compare(int argc, char *argv[], const char *datadir)
{
	struct yopts o;
	struct diag d;
	struct cohort *a = NULL, *b = NULL;
	struct fig_set *sa = NULL, *sb = NULL;
	struct paper *pa = NULL, *pb = NULL;
	char *figs_default = NULL;
	size_t i, nper = 0, ncase, nfig = 0;
	int rc, k, from, to;

	memset(&o, 0, sizeof(o));
	if ((rc = yparse(argc, argv, "--input --previous --figures",
	    &o)) >= 0)
		return rc;
	if (o.previous == NULL)
		return yusage("compare", "%s", "needs --previous OLDDIR (last "
		    "year's input folder, as published)");
	if (o.figures == NULL) {
		if (access("templates/figures.yaml", F_OK) == 0)
			o.figures = "templates/figures.yaml";
		else
			o.figures = figs_default = xasprintf(
			    "%s/templates/figures.yaml", datadir);
	}
	diag_init(&d, stderr);
	rc = EXIT_BAD;
	if (!load_input(o.input, o.figures, &d, &a, &sa) ||
	    !load_input(o.previous, o.figures, &d, &b, &sb)) {
		fprintf(stderr, "scrpaper: %zu error%s\n", d.nerrors,
		    d.nerrors == 1 ? "" : "s");
		goto out;
	}
	pa = paper_new(a, sa);
	pb = paper_new(b, sb);
	ncase = compare_cases(a, b);
	for (i = 0; i < report_nperiods(&a->report); i++) {
		const char *label = report_period(&a->report, i, &from,
		    &to);

		if ((k = report_find_period(&b->report, label)) < 0)
			continue;
		nper++;
		nfig += compare_period(pa, pb, a, b, i, (size_t)k,
		    o.previous);
	}
	if (nper == 0)
		printf("compare: %s and %s share no period (by label)\n",
		    o.input, o.previous);
	if (ncase + nfig > 0) {
		printf("compare: %zu case file%s added, removed or moved, "
		    "%zu published figure%s would change: see docs/annual.md, "
		    "\"When compare finds a difference\"\n", ncase,
		    ncase == 1 ? "" : "s", nfig, nfig == 1 ? "" : "s");
		rc = EXIT_BAD;
	} else {
		printf("compare: %zu period%s shared with %s; no case file "
		    "added, removed or moved, no published figure changes: "
		    "OK\n", nper, nper == 1 ? "" : "s", o.previous);
		rc = EXIT_OK;
	}
	if (fflush(stdout) != 0 || ferror(stdout))
		rc = EXIT_SYS;
out:
	paper_free(pa);
	paper_free(pb);
	fig_set_free(sa);
	fig_set_free(sb);
	cohort_free(a);
	cohort_free(b);
	diag_clear(&d);
	free(figs_default);
	return rc;
}


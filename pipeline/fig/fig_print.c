/*
 * fig_print.c: the ledger as CSV or JSON for `scrpaper figures` (the
 * format is in docs/figures.md).  How a single figure is written in text
 * is fig_format.c's job.
 */
#include <stdio.h>
#include <string.h>

#include "util.h"
#include "case.h"
#include "fig.h"

/* Writes s as one CSV field, quoted when it holds , " or a line break;
 * a cell a spreadsheet would evaluate (fig_csv_formula()) is led by '
 * and quoted, as OWASP's guidance on CSV injection says. */
static void
fig_csv_field(FILE *f, const char *s)
{
	const char *p;
	int formula;

	if (s == NULL)
		return;
	formula = fig_csv_formula(s);
	if (!formula && strpbrk(s, ",\"\r\n") == NULL) {
		fputs(s, f);
		return;
	}
	putc('"', f);
	if (formula)
		putc('\'', f);
	for (p = s; *p != '\0'; p++) {
		if (*p == '"')
			putc('"', f);
		putc(*p, f);
	}
	putc('"', f);
}

/* The selected board's name, or NULL for the region. */
static const char *
fig_lscb_name(const struct fig_ledger *l, const struct cohort *c)
{
	if (l->lscb < 0 || c == NULL || (size_t)l->lscb >= c->report.nlscbs)
		return NULL;
	return c->report.lscbs[l->lscb];
}

/* Writes the ledger's rows, each led by the fields lead0 (the period)
 * and lead when not NULL. */
static void
fig_csv_rows(FILE *f, const struct fig_ledger *l, const char *lead0,
    const char *lead)
{
	size_t i;

	for (i = 0; i < l->nvalues; i++) {
		const struct fig_value *v = &l->values[i];

		if (lead0 != NULL) {
			fig_csv_field(f, lead0);
			putc(',', f);
		}
		if (lead != NULL) {
			fig_csv_field(f, lead);
			putc(',', f);
		}
		fig_csv_field(f, v->name);
		fprintf(f, ",%s,", fig_unit_names[v->unit]);
		if (!v->suppressed)
			fprintf(f, "%ld", v->num);
		putc(',', f);
		if (v->unit != FIG_COUNT && !v->den_hidden)
			fprintf(f, "%ld", v->den);
		putc(',', f);
		if (v->unit != FIG_COUNT && !v->suppressed && v->percent >= 0)
			fprintf(f, "%d", v->percent);
		putc(',', f);
		fig_csv_field(f, v->text);
		if (v->nr_hidden)
			fputs(",\n", f);
		else
			fprintf(f, ",%ld\n", v->not_recorded);
	}
	/* Reviews left out by the period: numbers of reviews are public. */
	if (lead0 != NULL) {
		fig_csv_field(f, lead0);
		putc(',', f);
	}
	if (lead != NULL) {
		fig_csv_field(f, lead);
		putc(',', f);
	}
	fprintf(f, "out_of_period,count,%ld,,,%ld,\n", l->out_of_period,
	    l->out_of_period);
}

void
fig_print_csv_boards(FILE *f, struct fig_ledger *const *ls, size_t n,
    const struct cohort *c)
{
	size_t i;

	fputs("lscb,name,unit,numerator,denominator,percent,text,"
	    "not_recorded\n", f);
	for (i = 0; i < n; i++)
		fig_csv_rows(f, ls[i], NULL, fig_lscb_name(ls[i], c));
}

void
fig_print_csv_periods(FILE *f, const struct fig_ledger *const *ls,
    const char *const *periods, size_t n, int boards,
    const struct cohort *c)
{
	size_t i;

	fputs(boards ? "period,lscb,name,unit,numerator,denominator,percent,"
	    "text,not_recorded\n" : "period,name,unit,numerator,denominator,"
	    "percent,text,not_recorded\n", f);
	for (i = 0; i < n; i++)
		fig_csv_rows(f, ls[i], periods[i], boards ?
		    fig_lscb_name(ls[i], c) : NULL);
}

void
fig_print_csv(FILE *f, const struct fig_ledger *l, const struct cohort *c)
{
	const struct nat_study *st;
	const struct nat_figure *nf;
	size_t i, j;

	fputs("name,unit,numerator,denominator,percent,text,not_recorded\n",
	    f);
	fig_csv_rows(f, l, NULL, NULL);
	if (c == NULL)
		return;
	fputs("\nstudy,name,percent,text\n", f);
	for (i = 0; i < c->national.nstudies; i++) {
		st = &c->national.studies[i];
		for (j = 0; j < st->nfigures; j++) {
			nf = &st->figures[j];
			fig_csv_field(f, st->id);
			putc(',', f);
			fig_csv_field(f, nf->name);
			fprintf(f, ",%d,", nf->percent);
			if (nf->text != NULL)
				fig_csv_field(f, nf->text);
			else
				fprintf(f, "%d%%", nf->percent);
			putc('\n', f);
		}
	}
}

/* Writes s as a JSON string (null for NULL). */
static void
fig_json_string(FILE *f, const char *s)
{
	const unsigned char *p;

	if (s == NULL) {
		fputs("null", f);
		return;
	}
	putc('"', f);
	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		switch (*p) {
		case '"':
			fputs("\\\"", f);
			break;
		case '\\':
			fputs("\\\\", f);
			break;
		case '\n':
			fputs("\\n", f);
			break;
		case '\r':
			fputs("\\r", f);
			break;
		case '\t':
			fputs("\\t", f);
			break;
		default:
			if (*p < 0x20)
				fprintf(f, "\\u%04x", *p);
			else
				putc(*p, f);
			break;
		}
	}
	putc('"', f);
}

void
fig_print_json(FILE *f, const struct fig_ledger *l, const struct cohort *c)
{
	fig_print_json_period(f, l, c, NULL);
}

void
fig_print_json_period(FILE *f, const struct fig_ledger *l,
    const struct cohort *c, const char *period)
{
	const struct nat_study *st;
	const struct nat_figure *nf;
	size_t i, j;

	fputs("{\n", f);
	if (period != NULL) {
		fputs("  \"period\": ", f);
		fig_json_string(f, period);
		fputs(",\n", f);
	}
	fputs("  \"lscb\": ", f);
	fig_json_string(f, fig_lscb_name(l, c));
	fprintf(f, ",\n  \"cases\": %ld,\n  \"children\": %ld,\n"
	    "  \"out_of_period\": %ld,\n  \"suppressed_any\": %s,\n"
	    "  \"figures\": [", l->cases, l->children, l->out_of_period,
	    l->suppressed_any ? "true" : "false");
	for (i = 0; i < l->nvalues; i++) {
		const struct fig_value *v = &l->values[i];

		fputs(i ? ",\n    {\"name\": " : "\n    {\"name\": ", f);
		fig_json_string(f, v->name);
		fprintf(f, ", \"unit\": \"%s\", \"numerator\": ",
		    fig_unit_names[v->unit]);
		if (v->suppressed)
			fputs("null", f);
		else
			fprintf(f, "%ld", v->num);
		fputs(", \"denominator\": ", f);
		if (v->unit == FIG_COUNT || v->den_hidden)
			fputs("null", f);
		else
			fprintf(f, "%ld", v->den);
		fputs(", \"percent\": ", f);
		if (v->unit == FIG_COUNT || v->suppressed || v->percent < 0)
			fputs("null", f);
		else
			fprintf(f, "%d", v->percent);
		fputs(", \"text\": ", f);
		fig_json_string(f, v->text);
		fputs(", \"not_recorded\": ", f);
		if (v->nr_hidden)
			fputs("null", f);
		else
			fprintf(f, "%ld", v->not_recorded);
		fprintf(f, ", \"suppressed\": %s, \"group\": ",
		    v->suppressed ? "true" : "false");
		fig_json_string(f, v->group);
		putc('}', f);
	}
	fputs(l->nvalues ? "\n  ],\n  \"national\": [" :
	    "],\n  \"national\": [", f);
	for (i = 0; c != NULL && i < c->national.nstudies; i++) {
		st = &c->national.studies[i];
		fputs(i ? ",\n    {\"study\": " : "\n    {\"study\": ", f);
		fig_json_string(f, st->id);
		fputs(", \"figures\": [", f);
		for (j = 0; j < st->nfigures; j++) {
			nf = &st->figures[j];
			fputs(j ? ", {\"name\": " : "{\"name\": ", f);
			fig_json_string(f, nf->name);
			fprintf(f, ", \"percent\": %d, \"text\": ",
			    nf->percent);
			if (nf->text != NULL)
				fig_json_string(f, nf->text);
			else
				fprintf(f, "\"%d%%\"", nf->percent);
			putc('}', f);
		}
		fputs("]}", f);
	}
	fputs(c != NULL && c->national.nstudies ? "\n  ]\n}\n" : "]\n}\n", f);
}

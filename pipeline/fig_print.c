/*
 * fig_print.c: how figures are written: the text styles (percent,
 * digits, words, approx, and "[c]" for a suppressed value) and the ledger
 * as CSV or JSON for `scrpaper figures`.  The wording tables here are the
 * ones docs/figures.md documents; change both together.
 */
#include <stdio.h>
#include <string.h>

#include "util.h"
#include "case.h"
#include "fig.h"

/* Shown for a suppressed value in every style. */
#define FIG_SUPPRESSED	"[c]"
/* Shown for a share of an empty base. */
#define FIG_NO_BASE	"n/a"

static const char *const fig_number_words[] = {
	"none", "one", "two", "three", "four", "five", "six", "seven",
	"eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen",
	"fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty",
};

/*
 * The APPROX wording of a share, by percent rounded half up.  First row
 * whose upper bound is at least the percent wins; "none", "all" and
 * "half" are decided from the counts before the table.
 */
static const struct fig_share_word {
	int		 max;	/* highest rounded percent of the row */
	const char	*text;
} fig_share_words[] = {
	{   4, "very few" },
	{   9, "fewer than one in ten" },
	{  10, "one in ten" },
	{  19, "more than one in ten" },
	{  24, "almost a quarter" },
	{  25, "a quarter" },
	{  29, "more than a quarter" },
	{  32, "almost a third" },
	{  33, "a third" },
	{  44, "more than a third" },
	{  55, "about half" },
	{  62, "more than half" },
	{  66, "almost two thirds" },
	{  67, "two thirds" },
	{  70, "more than two thirds" },
	{  74, "almost three quarters" },
	{  75, "three quarters" },
	{  89, "more than three quarters" },
	{ 100, "almost all" },
};

/* The APPROX wording of a count: first row with max >= n. */
static const struct fig_count_word {
	long		 max;
	const char	*text;
} fig_count_words[] = {
	{  0, "no" },
	{  1, "one" },
	{  5, "a small number" },
	{  9, "several" },
	{ 19, "ten or more" },
	{ 49, "twenty or more" },
	{ 99, "fifty or more" },
};

const char *
fig_approx_share(long num, long den)
{
	size_t i;
	int p;

	if (den <= 0)
		return FIG_NO_BASE;
	if (num <= 0)
		return "none";
	if (num >= den)
		return "all";
	p = fig_percent(num, den);
	/* Exactly half, as near as whole units allow. */
	if (p >= 45 && p <= 55 && (2 * num - den == 1 || den - 2 * num == 1 ||
	    2 * num == den))
		return "half";
	for (i = 0; i < sizeof(fig_share_words) / sizeof(fig_share_words[0]);
	    i++)
		if (p <= fig_share_words[i].max)
			return fig_share_words[i].text;
	return "almost all";
}

const char *
fig_approx_count(long n)
{
	size_t i;

	if (n < 0)
		n = 0;
	for (i = 0; i < sizeof(fig_count_words) / sizeof(fig_count_words[0]);
	    i++)
		if (n <= fig_count_words[i].max)
			return fig_count_words[i].text;
	return "a hundred or more";
}

char *
fig_format(const struct fig_value *v, enum fig_style style)
{
	if (v->suppressed)
		return xstrdup(FIG_SUPPRESSED);
	switch (style) {
	case FIG_STYLE_PERCENT:
		if (v->unit == FIG_COUNT)
			break;
		if (v->den <= 0 || v->percent < 0)
			return xstrdup(FIG_NO_BASE);
		return xasprintf("%d%%", v->percent);
	case FIG_STYLE_WORDS:
		if (v->num >= 0 && v->num <= 20)
			return xstrdup(fig_number_words[v->num]);
		break;
	case FIG_STYLE_APPROX:
		if (v->unit == FIG_COUNT)
			return xstrdup(fig_approx_count(v->num));
		return xstrdup(fig_approx_share(v->num, v->den));
	default:
		break;
	}
	return xasprintf("%ld", v->num);
}

/* Writes s as one CSV field, quoted when it holds , " or a line break. */
static void
fig_csv_field(FILE *f, const char *s)
{
	const char *p;

	if (s == NULL)
		return;
	if (strpbrk(s, ",\"\r\n") == NULL) {
		fputs(s, f);
		return;
	}
	putc('"', f);
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

/* Writes the ledger's rows, each led by the field lead when not NULL. */
static void
fig_csv_rows(FILE *f, const struct fig_ledger *l, const char *lead)
{
	size_t i;

	for (i = 0; i < l->nvalues; i++) {
		const struct fig_value *v = &l->values[i];

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
		fig_csv_rows(f, ls[i], fig_lscb_name(ls[i], c));
}

void
fig_print_csv(FILE *f, const struct fig_ledger *l, const struct cohort *c)
{
	const struct nat_study *st;
	const struct nat_figure *nf;
	size_t i, j;

	fputs("name,unit,numerator,denominator,percent,text,not_recorded\n",
	    f);
	fig_csv_rows(f, l, NULL);
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
	const struct nat_study *st;
	const struct nat_figure *nf;
	size_t i, j;

	fputs("{\n  \"lscb\": ", f);
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

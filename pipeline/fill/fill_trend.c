/*
 * fill_trend.c: the fill stage (fill.h): @trend: the national studies'
 * figures and the region's by period.
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "diag.h"
#include "case.h"
#include "fig.h"
#include "doc.h"
#include "fill.h"
#include "grid.h"
#include "fill_int.h"

/* Returns 1 if study s is a point of the national series: the first
 * study of national.yaml with its period (a later one with the same
 * period is a sample of it, such as an intensive study). */
static int
fill_trend_point(const struct national *nat, size_t s)
{
	size_t	 i;

	for (i = 0; i < s; i++)
		if (nat->studies[i].period != NULL &&
		    nat->studies[s].period != NULL &&
		    strcmp(nat->studies[i].period,
		    nat->studies[s].period) == 0)
			return 0;
	return 1;
}

/* Checks the figures of "@trend" chart n: each a figure of a national
 * study, and no more than a chart draws. */
void
fill_trend_names(struct fill *f, struct doc_node *n)
{
	const struct national	*nat = &f->env->cohort->national;
	const char		**names;
	size_t			 i, k, s, nn = 0;

	if (n->as.chart.ntrend > FILL_CHART_SERIES)
		fill_err(f, n, FM_TREND_COUNT,
		    FILL_CHART_SERIES, n->as.chart.ntrend);
	for (k = 0; k < n->as.chart.ntrend; k++) {
		for (s = 0; s < nat->nstudies; s++)
			if (fill_trend_point(nat, s) &&
			    nat_study_figure(&nat->studies[s],
			    n->as.chart.trend[k]) != NULL)
				break;
		if (s < nat->nstudies)
			continue;
		names = NULL;
		nn = 0;
		for (s = 0; s < nat->nstudies; s++)
			for (i = 0; i < nat->studies[s].nfigures; i++) {
				names = xreallocarray(names, nn + 1,
				    sizeof(*names));
				names[nn++] = nat->studies[s].figures[i].name;
			}
		fill_unknown(f, n, "national figure", n->as.chart.trend[k],
		    names, nn, " in @trend (a figure of the studies' "
		    "series)");
		free(names);
	}
}

/* Returns the label of figure name from the figures file, or name. */
static const char *
fill_fig_label(const struct fill *f, const char *name)
{
	size_t	 i;

	for (i = 0; f->env->figs != NULL && i < fig_set_size(f->env->figs);
	    i++)
		if (strcmp(fig_set_name(f->env->figs, i), name) == 0 &&
		    fig_set_label(f->env->figs, i) != NULL)
			return fig_set_label(f->env->figs, i);
	return name;
}

/* Returns text with its spaces made no-break spaces and no break after
 * an en dash, as a new string: the period of a row label of the trend
 * ("2005 – 2007" in "National, 2005 – 2007"), which should not break;
 * the name before it keeps its ordinary spaces. */
static char *
fill_nbsp(const char *text)
{
	struct buf	 b;
	const char	*p;

	buf_init(&b);
	for (p = text; *p != '\0'; p++)
		if (*p == ' ')
			buf_puts(&b, "\u00a0");
		else if (strncmp(p, "\u2013", 3) == 0) {
			/* A line may break after a dash, no-break space
			 * or not (UAX #14): a word joiner holds it. */
			buf_puts(&b, "\u2013\u2060");
			p += 2;
		} else
			buf_putc(&b, *p);
	return buf_take(&b);
}

/*
 * Expands "@trend NAME,..." chart n: puts before it a table with a row
 * for each point of the national series (a gap "–" where the study does
 * not give the figure) and one for each of the region's periods (its
 * figure of the same name, a share, set as printed; "–" where it has
 * none), a column a figure, for the chart to draw.
 */
void
fill_trend(struct fill *f, struct doc_node *n)
{
	const struct national	*nat = &f->env->cohort->national;
	const struct report	*r = &f->env->cohort->report;
	const struct nat_figure	*fg;
	const struct fig_value	*v;
	struct doc_node		*table, *row, *cell, *ref;
	size_t			 s, k, i;
	char			*t, *label;

	table = doc_node_new(DOC_TABLE, n->line, n->col);
	table->as.table.ncols = 1 + (int)n->as.chart.ntrend;
	row = doc_node_new(DOC_ROW, n->line, n->col);
	row->as.row.header = 1;
	doc_node_append(table, row);
	doc_node_append(row, fill_text_cell(n, 1, "Per cent"));
	for (k = 0; k < n->as.chart.ntrend; k++)
		doc_node_append(row, fill_text_cell(n, 1,
		    fill_fig_label(f, n->as.chart.trend[k])));
	for (s = 0; s < nat->nstudies; s++) {
		if (!fill_trend_point(nat, s))
			continue;
		row = doc_node_new(DOC_ROW, n->line, n->col);
		doc_node_append(table, row);
		label = fill_nbsp(nat->studies[s].period ?
		    nat->studies[s].period : nat->studies[s].id);
		t = xasprintf("National,\u00a0%s", label);
		free(label);
		doc_node_append(row, fill_text_cell(n, 0, t));
		free(t);
		for (k = 0; k < n->as.chart.ntrend; k++) {
			fg = nat_study_figure(&nat->studies[s],
			    n->as.chart.trend[k]);
			t = fg != NULL ? xasprintf("%d%%", fg->percent) :
			    xstrdup("\u2013");
			doc_node_append(row, fill_text_cell(n, 0, t));
			free(t);
		}
	}
	for (i = 0; i < fill_nperiods(f); i++) {
		row = doc_node_new(DOC_ROW, n->line, n->col);
		doc_node_append(table, row);
		/* The period is held together, and to the name's last
		 * word; the name's own spaces stay, so that a long name
		 * breaks between its words (issue 31.8). */
		t = fill_period_label(f, i);
		label = fill_nbsp(t);
		free(t);
		t = xasprintf("%s,\u00a0%s", r->region ? r->region : "Region",
		    label);
		free(label);
		doc_node_append(row, fill_text_cell(n, 0, t));
		free(t);
		for (k = 0; k < n->as.chart.ntrend; k++) {
			v = fig_ledger_find(fill_period_ledger(f,
			    DOC_LEDGER_REGION, i), n->as.chart.trend[k]);
			if (v == NULL || v->unit == FIG_COUNT) {
				doc_node_append(row, fill_text_cell(n, 0,
				    "\u2013"));
				continue;
			}
			cell = doc_node_new(DOC_CELL, n->line, n->col);
			doc_node_append(row, cell);
			ref = doc_node_new(DOC_FIGREF, n->line, n->col);
			ref->as.figref.ledger = DOC_LEDGER_REGION;
			ref->as.figref.name = xstrdup(n->as.chart.trend[k]);
			ref->as.figref.style = xstrdup("percent");
			if (i + 1 < fill_nperiods(f))
				ref->as.figref.period.label =
				    fill_period_label(f, i);
			doc_node_append(cell, ref);
			fill_figref(f, ref);
		}
	}
	doc_node_insert_before(n, table);
}

/*
 * doc_fill.c: the fill stage of scrpaper.  Resolves the references of a
 * parsed template (figures, report fields, national comparators) against
 * the figure ledger and the cohort, reporting unknown names at their
 * template position with a suggestion; then drops the conditional blocks
 * that do not apply to this paper and numbers items and footnotes.
 * Text from data is only ever stored as plain text in nodes; no markup is
 * built from it.
 *
 * This file is the driver: doc_fill() runs the passes in order.  The
 * passes, one file each, share fill_int.h: fill_ref.c (references and the
 * tests of conditions), fill_period.c (earlier periods), fill_trend.c
 * (@trend), fill_collapse.c (a board paper's collapse, pooling and
 * marking), fill_number.c (pruning, numbering, labels, captions and the
 * meta), fill_chart.c (typed cells, the not-recorded notes and chart
 * series) and fill_boards.c (@boards).
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

/* Resolves every reference, in shown and hidden blocks alike. */
static void
fill_references(struct fill *f)
{
	struct doc_node	*n, *root = f->doc->root;

	for (n = root->first_child; n != NULL; n = doc_node_walk(n, root)) {
		switch (n->type) {
		case DOC_CHART:
			if (n->as.chart.ntrend > 0)
				fill_trend_names(f, n);
			break;
		case DOC_FIGREF:
			fill_figref(f, n);
			break;
		case DOC_NATREF:
			fill_natref(f, n);
			break;
		case DOC_FIELD:
			fill_field(f, n);
			break;
		case DOC_COND:
			if (n->as.cond.test != NULL)
				fill_test_names(f, n);
			break;
		case DOC_ROOT:
		case DOC_HEADING:
		case DOC_SUBTITLE:
		case DOC_PARA:
		case DOC_ASIDE:
		case DOC_LIST:
		case DOC_ITEM:
		case DOC_TABLE:
		case DOC_ROW:
		case DOC_CELL:
		case DOC_FOOTNOTE:
		case DOC_SIGNOFF:
		case DOC_PAGEBREAK:
		case DOC_TILEMAP:
		case DOC_TEXT:
		case DOC_STRONG:
		case DOC_FNREF:
		case DOC_CAPTION:
		case DOC_XREF:
			break;
		}
	}
}

/* Aligns the tables' numeric columns, checks the charts and capitalises
 * the first word of every block. */
static void
fill_blocks(struct fill *f)
{
	struct doc_node	*n, *root = f->doc->root;

	for (n = root->first_child; n != NULL; n = doc_node_walk(n, root)) {
		switch (n->type) {
		case DOC_TABLE:
			fill_align(n);
			break;
		case DOC_HEADING:
		case DOC_SUBTITLE:
		case DOC_PARA:
		case DOC_ASIDE:
		case DOC_ITEM:
		case DOC_CELL:
		case DOC_FOOTNOTE:
			fill_capitalise(n);
			break;
		case DOC_CHART:
			fill_chart_check(f, n);
			fill_capitalise(n);
			break;
		case DOC_TILEMAP:
		case DOC_CAPTION:
			fill_capitalise(n);
			break;
		case DOC_ROOT:
		case DOC_LIST:
		case DOC_ROW:
		case DOC_COND:
		case DOC_SIGNOFF:
		case DOC_PAGEBREAK:
		case DOC_TEXT:
		case DOC_STRONG:
		case DOC_FNREF:
		case DOC_FIGREF:
		case DOC_NATREF:
		case DOC_FIELD:
		case DOC_XREF:
			break;
		}
	}
}

int
doc_fill(struct doc *doc, const struct doc_env *env, struct diag *d)
{
	struct fill	 f;
	struct doc_node	*n, *root = doc->root, **maps = NULL;
	size_t		 i, nmaps = 0;

	memset(&f, 0, sizeof(f));
	f.doc = doc;
	f.env = env;
	f.d = d;

	/* "@periods" tables first: they make references. */
	fill_period_tables(&f);
	if (f.errors > 0)
		return 0;
	fill_references(&f);
	fill_check_xrefs(&f, root);
	if (f.errors > 0)
		return 0;

	fill_collapse(&f);
	fill_prune(&f, root);
	fill_not_recorded(&f);
	free(f.pooled);
	free(f.collapsed);
	/* A template with nothing to show for this paper would replace a
	 * good paper with a blank page (issue 13.12). */
	if (root->first_child == NULL) {
		diag_error(d, doc->file, 0, 0, FM_EMPTY_PAPER, env->lscb >= 0 ?
		    " for this board" : "");
		return 0;
	}
	fill_number(&f);
	/* "@boards": found first, expanded after (it changes the tree). */
	for (n = root->first_child; n != NULL; n = doc_node_walk(n, root))
		if (n->type == DOC_TILEMAP) {
			maps = xreallocarray(maps, nmaps + 1, sizeof(*maps));
			maps[nmaps++] = n;
		}
	for (i = 0; i < nmaps; i++)
		fill_boards(&f, maps[i]);
	free(maps);
	/* "@trend": its table before it. */
	for (n = root->first_child; n != NULL; n = doc_node_walk(n, root))
		if (n->type == DOC_CHART && n->as.chart.ntrend > 0)
			fill_trend(&f, n);
	if (f.errors > 0)
		return 0;
	fill_blocks(&f);
	/* Charts last: they read their tables' cells as printed. */
	for (n = root->first_child; n != NULL; n = n->next)
		if (n->type == DOC_CHART) {
			long *months = fill_chart_months(&f, n);

			fill_chart(n, months);
			free(months);
		}
	/* Then the numbers before the captions (not in a chart's text
	 * alternative, which starts "Bar chart: CAPTION"). */
	fill_captions(&f, root);
	fill_meta(&f);
	if (env->restricted)
		fill_marking(doc);
	return f.errors == 0;
}

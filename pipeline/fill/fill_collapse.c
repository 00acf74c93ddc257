/*
 * fill_collapse.c: the fill stage (fill.h): a board paper's marking,
 * collapse of board tables and pooling of periods.
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

/*
 * Marks a restricted edition: sets meta.restricted (the back ends head
 * every page with the marking and write the file 0600) and puts the
 * marking and its handling line in a paragraph under the title and its
 * subtitle, so that the title page says it in the text.
 */
void
fill_marking(struct doc *doc)
{
	struct doc_node	*n, *at, *para, *strong, *text;

	doc->meta.restricted = 1;
	at = doc->root->first_child;
	while (at != NULL && (at->type == DOC_HEADING &&
	    at->as.heading.level == 1))
		at = at->next;
	while (at != NULL && at->type == DOC_SUBTITLE)
		at = at->next;
	para = doc_node_new(DOC_PARA, 1, 1);
	strong = doc_node_new(DOC_STRONG, 1, 1);
	text = doc_node_new(DOC_TEXT, 1, 1);
	text->text = xstrdup(DOC_MARKING);
	doc_node_append(strong, text);
	doc_node_append(para, strong);
	n = doc_node_new(DOC_TEXT, 1, 1);
	n->text = xasprintf(": %s.", DOC_HANDLING);
	doc_node_append(para, n);
	if (at != NULL)
		doc_node_insert_before(at, para);
	else
		doc_node_append(doc->root, para);
}

/*
 * A board's public paper: tables that would be mostly [c] (docs/
 * disclosure.md, "Board papers").  A board cell is a table cell that
 * holds one figure of the board's own ledger; a board column, one with
 * a board cell.  A table whose board cells are at least report.yaml's
 * disclosure: collapse per cent [c] loses its board columns; one
 * sentence before it says so and quotes what it could show.  When every
 * board table of the paper collapses, the template says so once
 * ("::: no-board-figures") and only tables with a figure to show get a
 * sentence.
 */

/* The board's ledger a reference n prints: the total over every period
 * in a table fill_pool() switched to it, else the paper's own. */
static const struct fig_ledger *
fill_board_ledger(const struct fill *f, const struct doc_node *n)
{
	const struct doc_node	*t;
	size_t			 i;

	for (t = n; t != NULL && t->type != DOC_TABLE; t = t->parent)
		continue;
	for (i = 0; t != NULL && i < f->npooled; i++)
		if (f->pooled[i] == t)
			return f->env->pooled[DOC_LEDGER_SELECTION];
	return f->env->ledgers[DOC_LEDGER_SELECTION];
}

/* The board figure reference ref prints, of its period (a table by
 * period, "@periods", reads every period's), or NULL. */
static const struct fig_value *
fill_board_ref_value(const struct fill *f, const struct doc_node *ref)
{
	struct doc_period	 p = ref->as.figref.period;

	if (p.label == NULL && !p.previous)
		return fig_ledger_find(fill_board_ledger(f, ref),
		    ref->as.figref.name);
	if (!fill_period_find(f, &p))
		return NULL;
	return fig_ledger_find(fill_period_ledger(f, DOC_LEDGER_SELECTION,
	    (size_t)p.index), ref->as.figref.name);
}

/* The board figure of a cell that holds one, or NULL. */
static const struct fig_value *
fill_board_value(const struct fill *f, const struct doc_node *cell)
{
	const struct doc_node	*ref = fill_cell_only(cell);

	if (ref == NULL || ref->type != DOC_FIGREF ||
	    ref->as.figref.ledger != DOC_LEDGER_SELECTION)
		return NULL;
	return fill_board_ref_value(f, ref);
}

/* Collects the tables under parent that this paper shows (blocks whose
 * condition holds; the blocks that depend on the collapse itself hold no
 * table) into *tv. */
static void
fill_shown_tables(struct fill *f, struct doc_node *parent,
    struct doc_node ***tv, size_t *n)
{
	struct doc_node	*c;

	for (c = parent->first_child; c != NULL; c = c->next) {
		if (c->type == DOC_TABLE) {
			*tv = xreallocarray(*tv, *n + 1, sizeof(**tv));
			(*tv)[(*n)++] = c;
		} else if (c->type == DOC_COND && (c->as.cond.cond ==
		    DOC_COND_SUPPRESSED || c->as.cond.cond ==
		    DOC_COND_BOARD_FIGURES || c->as.cond.cond ==
		    DOC_COND_NO_BOARD_FIGURES || c->as.cond.cond ==
		    DOC_COND_BANDED || fill_cond_holds(f, c)))
			fill_shown_tables(f, c, tv, n);
	}
}

/* Counts table's board cells, those printed [c] (in a table by period
 * also n/a: a share of nobody) and those printed as a band; sets cols[i]
 * for each board column i.  Returns the cells, or 0 when no cell holds a
 * figure of the region and the table is not one by period ("@periods"):
 * a table with nothing to show in the board's place never collapses. */
static int
fill_board_cells(const struct fill *f, const struct doc_node *table,
    int *hidden, int *banded, char *cols)
{
	const struct doc_node	*row, *cell, *ref;
	const struct fig_value	*v;
	int			 col, n = 0, nregion = 0;

	*hidden = *banded = 0;
	for (row = table->first_child; row != NULL; row = row->next)
		for (cell = row->first_child, col = 0; cell != NULL;
		    cell = cell->next, col++) {
			if (row->as.row.header || col >= table->as.table.ncols)
				continue;
			if ((v = fill_board_value(f, cell)) == NULL) {
				ref = fill_cell_only(cell);
				nregion += ref != NULL &&
				    ref->type == DOC_FIGREF &&
				    ref->as.figref.ledger == DOC_LEDGER_REGION;
				continue;
			}
			cols[col] = 1;
			n++;
			if ((v->suppressed && !v->banded) || (fig_no_base(v) &&
			    table->as.table.periods))
				(*hidden)++;
			else if (v->suppressed)
				(*banded)++;
		}
	/* A table by period has no column of the region: collapsed, it
	 * gives the region's figures by period instead (issue 25). */
	return nregion > 0 || table->as.table.periods ? n : 0;
}

/* A paragraph of the text in b, at table's place in the template, for
 * before it; clears b. */
static struct doc_node *
fill_note_para(const struct doc_node *table, struct buf *b)
{
	struct doc_node	*para, *text;

	para = doc_node_new(DOC_PARA, table->line, table->col);
	text = doc_node_new(DOC_TEXT, table->line, table->col);
	text->text = xstrdup(b->data);
	doc_node_append(para, text);
	buf_clear(b);
	return para;
}

/* Writes every board figure of table's columns cols[] that is shown (a
 * number or a band) to b, each after its row's label: "Boys, 52%; ...". */
static void
fill_quote_shown(const struct fill *f, const struct doc_node *table,
    const char *cols, struct buf *b)
{
	const struct doc_node	*row, *cell;
	const struct fig_value	*v;
	char			*label, *fig;
	int			 col, k = 0;

	for (row = table->first_child; row != NULL; row = row->next) {
		if (row->as.row.header || row->first_child == NULL)
			continue;
		for (cell = row->first_child, col = 0; cell != NULL;
		    cell = cell->next, col++) {
			if (!cols[col] || (v = fill_board_value(f, cell)) ==
			    NULL || (v->suppressed && !v->banded))
				continue;
			label = doc_node_plain(row->first_child);
			fig = doc_node_plain(cell);
			buf_printf(b, "%s%s, %s", k++ == 0 ? "" : "; ", label,
			    fig + strspn(fig, " "));
			free(label);
			free(fig);
		}
	}
}

/* The sentence before a collapsed table: none of its board figures can
 * be shown, or only these (each row's label and the figure). */
static struct doc_node *
fill_collapse_note(struct fill *f, const struct doc_node *table,
    const char *cols, int ncells, int hidden)
{
	const struct cohort	*c = f->env->cohort;
	const struct doc_node	*row, *cell;
	struct buf		 b;
	int			 col, nat = 0;

	buf_init(&b);
	for (row = table->first_child; row != NULL; row = row->next)
		for (cell = row->first_child, col = 0; cell != NULL;
		    cell = cell->next, col++)
			if (!row->as.row.header && cell->first_child != NULL &&
			    cell->first_child->type == DOC_NATREF)
				nat = 1;
	if (hidden == ncells)
		buf_printf(&b, "None of the %s figures of this table can be "
		    "shown without risk of identifying a child or family, so "
		    "it gives", c->report.lscbs[f->env->lscb]);
	else {
		buf_printf(&b, "Only %d of the %d %s figures of this table "
		    "can be shown without risk of identifying a child or "
		    "family: ", ncells - hidden, ncells,
		    c->report.lscbs[f->env->lscb]);
		fill_quote_shown(f, table, cols, &b);
		buf_printf(&b, ". The table gives");
	}
	buf_printf(&b, " the %s figures%s.", c->report.region, nat ?
	    " and, where it has one, the national study's" : "");
	return fill_note_para(table, &b);
}

/* Removes the columns cols[] of table. */
static void
fill_drop_columns(struct doc_node *table, const char *cols)
{
	struct doc_node	*row, *cell, *next;
	int		 col, n = 0;

	for (col = 0; col < table->as.table.ncols; col++)
		n += cols[col] != 0;
	for (row = table->first_child; row != NULL; row = row->next)
		for (cell = row->first_child, col = 0; cell != NULL;
		    cell = next, col++) {
			next = cell->next;
			if (col < table->as.table.ncols && cols[col]) {
				doc_node_unlink(cell);
				doc_node_free(cell);
			}
		}
	table->as.table.ncols -= n;
}

/* Returns 1 if a shown board figure under parent prints [c]; sets
 * f->banded when one prints a band. */
static int
fill_c_left(struct fill *f, struct doc_node *parent)
{
	struct doc_node		*c;
	const struct fig_value	*v;
	int			 any = 0;

	for (c = parent->first_child; c != NULL; c = c->next) {
		if (c->type == DOC_FIGREF &&
		    c->as.figref.ledger == DOC_LEDGER_SELECTION &&
		    !c->as.figref.change &&
		    (v = fill_board_ref_value(f, c)) != NULL &&
		    v->suppressed && !fig_no_base(v)) {
			if (v->banded)
				f->banded = 1;
			else
				any = 1;
		} else if (c->type != DOC_COND || (c->as.cond.cond !=
		    DOC_COND_SUPPRESSED && fill_cond_holds(f, c)))
			any |= fill_c_left(f, c);
	}
	return any;
}

/*
 * disclosure: pool (docs/disclosure.md, "Pooled periods").  A board
 * table whose figures of the current period collapse shows, when its
 * figures summed over every period would not, those instead: every
 * figure of the current period in it, the board's and the region's,
 * reads the totals over the periods (env->pooled, suppressed jointly
 * with every period), its board and region columns' headings and its
 * caption say "all N periods", and a sentence before it says which
 * periods, which months, and what the current period alone could show.
 */

/* "three" for 3 periods (2 to CASE_MAX_EARLIER + 1: fig_number_word()),
 * else digits, into b. */
static void
fill_pool_count(struct buf *b, size_t n)
{
	const char	*w = n >= 2 ? fig_number_word((long)n) : NULL;

	if (w != NULL)
		buf_printf(b, "%s", w);
	else
		buf_printf(b, "%zu", n);
}

/* "both periods" for 2, else "all three periods", into b. */
static void
fill_pool_all(struct buf *b, size_t n)
{
	if (n == 2) {
		buf_printf(b, "both periods");
		return;
	}
	buf_printf(b, "all ");
	fill_pool_count(b, n);
	buf_printf(b, " periods");
}

/* Returns 1 if day YYYYMMDD b is the day after a. */
static int
fill_next_day(int a, int b)
{
	int y = a / 10000, m = a / 100 % 100, d = a % 100;
	int last = case_month_days(y, m);

	if (last == 0)
		return 0;
	if (d < last)
		return b == a + 1;
	if (m < 12)
		return b == y * 10000 + (m + 1) * 100 + 1;
	return b == (y + 1) * 10000 + 101;
}

/* Appends ", all N periods" ("both periods") to node n's text. */
static void
fill_pool_label(struct fill *f, struct doc_node *n)
{
	struct doc_node	*text;
	struct buf	 b;

	buf_init(&b);
	buf_printf(&b, ", ");
	fill_pool_all(&b, fill_nperiods(f));
	text = doc_node_new(DOC_TEXT, n->line, n->col);
	text->text = xstrdup(b.data);
	doc_node_append(n, text);
	buf_clear(&b);
}

/* The sentence before a table switched to the totals over every
 * period. */
static struct doc_node *
fill_pool_note(struct fill *f, const struct doc_node *table,
    const char *cols, int ncells, int hidden)
{
	const struct report	*r = &f->env->cohort->report;
	const struct fig_ledger	*pl = f->env->pooled[DOC_LEDGER_SELECTION];
	const char		*board = r->lscbs[f->env->lscb];
	struct buf		 b;
	size_t			 i, n = fill_nperiods(f);
	char			*label, *from, *to;
	int			 d0, d1, e0, e1, gap;

	buf_init(&b);
	label = fill_period_label(f, n - 1);
	if (hidden == ncells)
		buf_printf(&b, "For %s alone, none of the %d %s figures of "
		    "this table could be shown", label, ncells, board);
	else
		buf_printf(&b, "For %s alone, only %d of the %d %s figures of "
		    "this table could be shown", label, ncells - hidden,
		    ncells, board);
	free(label);
	buf_printf(&b, " without risk of identifying a child or family");
	if (hidden < ncells) {
		buf_printf(&b, " (");
		fill_quote_shown(f, table, cols, &b);
		buf_printf(&b, ")");
	}
	buf_printf(&b, ", so the table gives the %s and %s figures of the "
	    "SCRs of ", board, r->region);
	fill_pool_all(&b, n);
	buf_printf(&b, " together, ");
	for (i = 0; i < n; i++) {
		label = fill_period_label(f, i);
		buf_printf(&b, "%s%s", i == 0 ? "" : i + 1 == n ? " and " :
		    ", ", label);
		free(label);
	}
	/* One span of months only when the periods leave no day out: a
	 * review completed between two periods counts in none. */
	gap = 0;
	for (i = 0; i + 1 < n; i++) {
		(void)report_period(r, i, &d0, &d1);
		(void)report_period(r, i + 1, &e0, &e1);
		if (!fill_next_day(d1, e0))
			gap = 1;
	}
	(void)report_period(r, 0, &d0, &d1);
	(void)report_period(r, n - 1, &e0, &e1);
	from = fill_month(d0);
	to = fill_month(e1);
	if (gap)
		buf_printf(&b, " (completed in those periods, within %s to "
		    "%s: ", from, to);
	else
		buf_printf(&b, " (completed between %s and %s: ", from, to);
	buf_printf(&b, "%ld SCR%s in %s, involving %ld child%s).", pl->cases,
	    pl->cases == 1 ? "" : "s", board, pl->children,
	    pl->children == 1 ? "" : "ren");
	free(from);
	free(to);
	return fill_note_para(table, &b);
}

/* The collapse rule (report.yaml collapse, docs/disclosure.md): a board
 * column of ncells figures, hidden of them [c], collapses when at least
 * r->collapse per cent are hidden; never when collapse is 0. */
int
fill_collapses(const struct report *r, long hidden, long ncells)
{
	return r->collapse > 0 && 100L * hidden >= (long)r->collapse * ncells;
}

/* Switches table, whose board figures of the current period collapse
 * (hidden of ncells [c], in columns cols[]), to the totals over every
 * period when those would not collapse.  Returns 1 if it did. */
int
fill_pool(struct fill *f, struct doc_node *table, const char *cols,
    int ncells, int hidden)
{
	const struct fig_ledger	*pl = f->env->pooled[DOC_LEDGER_SELECTION];
	const struct fig_value	*v;
	struct doc_node		*row, *cell, *ref, *note, *at;
	char			*region;
	int			 col, phidden = 0;

	if (pl == NULL || f->env->pooled[DOC_LEDGER_REGION] == NULL)
		return 0;
	for (row = table->first_child; row != NULL; row = row->next)
		for (cell = row->first_child, col = 0; cell != NULL;
		    cell = cell->next, col++) {
			ref = fill_cell_only(cell);
			if (row->as.row.header || ref == NULL ||
			    ref->type != DOC_FIGREF || ref->as.figref.ledger !=
			    DOC_LEDGER_SELECTION)
				continue;
			v = fig_ledger_find(pl, ref->as.figref.name);
			phidden += v == NULL || (v->suppressed && !v->banded);
		}
	if (fill_collapses(&f->env->cohort->report, phidden, ncells))
		return 0;
	/* The sentence first, while the table prints the current period's
	 * figures it quotes. */
	note = fill_pool_note(f, table, cols, ncells, hidden);
	at = table->prev != NULL && table->prev->type == DOC_CAPTION ?
	    table->prev : table;
	doc_node_insert_before(at, note);
	if (at != table)
		fill_pool_label(f, at);
	f->pooled = xreallocarray(f->pooled, f->npooled + 1,
	    sizeof(*f->pooled));
	f->pooled[f->npooled++] = table;
	region = xcalloc((size_t)table->as.table.ncols + 1, 1);
	f->override = f->env->pooled;
	for (row = table->first_child; row != NULL; row = row->next)
		for (cell = row->first_child, col = 0; cell != NULL &&
		    col < table->as.table.ncols; cell = cell->next, col++) {
			ref = fill_cell_only(cell);
			if (row->as.row.header || ref == NULL ||
			    ref->type != DOC_FIGREF ||
			    ref->as.figref.change ||
			    ref->as.figref.period.label != NULL ||
			    ref->as.figref.period.previous)
				continue;
			if (ref->as.figref.ledger == DOC_LEDGER_REGION)
				region[col] = 1;
			fill_figref(f, ref);
		}
	f->override = NULL;
	for (row = table->first_child; row != NULL; row = row->next)
		for (cell = row->first_child, col = 0; row->as.row.header &&
		    cell != NULL && col < table->as.table.ncols;
		    cell = cell->next, col++)
			if (cols[col] || region[col])
				fill_pool_label(f, cell);
	free(region);
	return 1;
}

/* Names the region instead of the board in the "{report:lscb}" fields
 * under n. */
static void
fill_name_region(struct fill *f, struct doc_node *n)
{
	struct doc_node	*c;

	for (c = n->first_child; c != NULL; c = doc_node_walk(c, n))
		if (c->type == DOC_FIELD &&
		    strcmp(c->as.field.name, "lscb") == 0) {
			free(c->text);
			c->text = xstrdup(f->env->cohort->report.region);
		}
}

/*
 * A board's table by period ("@periods") that collapses (issue 25): it
 * has no column of the region to fall back on, so every board figure in
 * it reads the region's of the same period instead, and its caption and
 * its chart's name the region; the sentence before it says so
 * (fill_collapse_note()).
 */
static void
fill_period_to_region(struct fill *f, struct doc_node *table)
{
	struct doc_node	*row, *cell, *ref;

	for (row = table->first_child; row != NULL; row = row->next)
		for (cell = row->first_child; cell != NULL;
		    cell = cell->next) {
			ref = fill_cell_only(cell);
			if (row->as.row.header || ref == NULL ||
			    ref->type != DOC_FIGREF ||
			    ref->as.figref.ledger != DOC_LEDGER_SELECTION)
				continue;
			ref->as.figref.ledger = DOC_LEDGER_REGION;
			fill_figref(f, ref);
		}
	if (table->prev != NULL && table->prev->type == DOC_CAPTION)
		fill_name_region(f, table->prev);
	if (table->next != NULL && table->next->type == DOC_CHART)
		fill_name_region(f, table->next);
}

/* Collapses the mostly [c] tables of a board's public paper; decides
 * "::: board-figures", "::: suppressed" and "::: banded". */
void
fill_collapse(struct fill *f)
{
	const struct cohort	*c = f->env->cohort;
	struct doc_node		**tv = NULL, *note;
	char			**cols;
	int			*ncells, *hidden, banded;
	size_t			 n = 0, i;
	char			*collapse;

	if (f->env->lscb < 0)
		return;
	fill_shown_tables(f, f->doc->root, &tv, &n);
	cols = xcalloc(n + 1, sizeof(*cols));
	ncells = xcalloc(n + 1, sizeof(*ncells));
	hidden = xcalloc(n + 1, sizeof(*hidden));
	collapse = xcalloc(n + 1, 1);
	for (i = 0; i < n; i++) {
		cols[i] = xcalloc((size_t)tv[i]->as.table.ncols + 1, 1);
		ncells[i] = fill_board_cells(f, tv[i], &hidden[i], &banded,
		    cols[i]);
		if (ncells[i] == 0)
			continue;
		collapse[i] = !f->env->restricted &&
		    fill_collapses(&c->report, hidden[i], ncells[i]);
		if (collapse[i] && !tv[i]->as.table.periods &&
		    fill_pool(f, tv[i], cols[i], ncells[i], hidden[i]))
			collapse[i] = 0;
		/* A table by period keeps no board column of "The BOARD
		 * reviews": ::: board-figures is about those. */
		if (!collapse[i] && !tv[i]->as.table.periods)
			f->board_figures++;
	}
	for (i = 0; i < n; i++) {
		if (!collapse[i])
			continue;
		if (tv[i]->as.table.periods || f->board_figures > 0 ||
		    hidden[i] < ncells[i]) {
			note = fill_collapse_note(f, tv[i], cols[i],
			    ncells[i], hidden[i]);
			/* Before the table's caption ("@table"), if any. */
			doc_node_insert_before(tv[i]->prev != NULL &&
			    tv[i]->prev->type == DOC_CAPTION ? tv[i]->prev :
			    tv[i], note);
		}
		if (tv[i]->as.table.periods)
			fill_period_to_region(f, tv[i]);
		else {
			fill_drop_columns(tv[i], cols[i]);
			f->collapsed = xreallocarray(f->collapsed,
			    f->ncollapsed + 1, sizeof(*f->collapsed));
			f->collapsed[f->ncollapsed++] = tv[i];
		}
	}
	f->c_shown = fill_c_left(f, f->doc->root);
	for (i = 0; i < n; i++)
		free(cols[i]);
	free(cols);
	free(ncells);
	free(hidden);
	free(collapse);
	free(tv);
}

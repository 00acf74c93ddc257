/*
 * fill_chart.c: the fill stage (fill.h): typed table cells, alignment,
 * the notes of codes not recorded, and @chart series.
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

#define FILL_CHART_CATS		10

/* A "@periods" table's chart: a series a period (the current one and
 * up to four earlier ones), in two colours and three patterns. */
#define FILL_PERIOD_SERIES	5

/*
 * Reads literal text (spaces around it aside) as a number: digits, with
 * commas between groups of three ("1,234"), an optional fraction (".5")
 * and an optional "%"; "–" (no figure in this column) and "n/a" are
 * blanks.  Anything else is no figure.
 */
static void
fill_num_parse(const char *t, struct doc_num *num)
{
	char		 digits[64];
	size_t		 n = 0, run = 0, len;
	int		 commas = 0, pct = 0;

	memset(num, 0, sizeof(*num));
	while (*t == ' ')
		t++;
	len = strlen(t);
	while (len > 0 && t[len - 1] == ' ')
		len--;
	if ((len == strlen("\u2013") && strncmp(t, "\u2013", len) == 0) ||
	    (len == 3 && strncmp(t, "n/a", 3) == 0)) {
		num->kind = DOC_NUM_BLANK;
		return;
	}
	if (len > 0 && t[len - 1] == '%') {
		pct = 1;
		len--;
	}
	for (; len > 0 && n + 1 < sizeof(digits); t++, len--) {
		if (isdigit((unsigned char)*t)) {
			digits[n++] = *t;
			run++;
		} else if (*t == ',' && run > 0 && run <= 3 &&
		    (!commas || run == 3)) {
			commas = 1;
			run = 0;
		} else
			break;
	}
	if (n == 0 || (commas && run != 3))
		return;
	if (len > 1 && *t == '.') {
		digits[n++] = *t++;
		len--;
		while (len > 0 && isdigit((unsigned char)*t) &&
		    n + 1 < sizeof(digits)) {
			digits[n++] = *t++;
			len--;
		}
	}
	if (len != 0)
		return;
	digits[n] = '\0';
	fill_num_set(num, pct ? DOC_NUM_PERCENT : DOC_NUM_COUNT,
	    strtod(digits, NULL));
}

/*
 * Returns 1 if table cell (typed by fill_align()) is a value a chart can
 * hold: a number (*kind set to its kind) or a value not drawn ([c], a
 * band, "\u2013", "n/a", empty), as the chart reads it (fill_chart());
 * -1 a negative number, -2 anything else (words, a number over
 * DOC_NUM_LIMIT).
 */
static int
fill_chart_value(const struct doc_node *cell, enum doc_num_kind *kind)
{
	char	*s, *t;
	int	 k;

	*kind = cell->as.cell.num.kind;
	switch (cell->as.cell.num.kind) {
	case DOC_NUM_COUNT:
	case DOC_NUM_PERCENT:
	case DOC_NUM_SUPPRESSED:
	case DOC_NUM_BLANK:
		return 1;
	case DOC_NUM_NONE:
	case DOC_NUM__MAX:
		break;
	}
	s = doc_node_plain(cell);
	for (t = s; *t == ' '; t++)
		continue;
	if (*t == '\0' || strcmp(t, fig_suppressed_mark) == 0)
		k = 1;
	else if ((*t == '-' || strncmp(t, "\u2212", 3) == 0) &&
	    isdigit((unsigned char)t[*t == '-' ? 1 : 3]))
		k = -1;
	else
		k = -2;
	free(s);
	return k;
}

/*
 * Checks that chart n can be drawn from the table just before it (issue
 * 13.12): a header row naming the series, one to FILL_CHART_SERIES
 * series, one to FILL_CHART_CATS body rows, and every value a number of
 * one kind (all percentages or all counts), not negative, or a value not
 * drawn ([c], a band, n/a, a dash).  Errors are reported at the chart or
 * the cell.
 */
void
fill_chart_check(struct fill *f, const struct doc_node *n)
{
	const struct doc_node	*t = n->prev, *row, *cell;
	enum doc_num_kind	 kind;
	int			 head = 0, body = 0, col, k;
	int			 npct = 0, ncount = 0;
	char			*s;

	if (t == NULL || t->type != DOC_TABLE) {
		fill_err(f, n, FM_CHART_NO_TABLE);
		return;
	}
	if (t->as.table.ncols < 2 ||
	    t->as.table.ncols - 1 > (t->as.table.periods ?
	    FILL_PERIOD_SERIES : FILL_CHART_SERIES)) {
		fill_err(f, n, FM_CHART_SERIES,
		    t->as.table.periods ? FILL_PERIOD_SERIES :
		    FILL_CHART_SERIES, t->as.table.ncols - 1);
		return;
	}
	for (row = t->first_child; row != NULL; row = row->next) {
		if (row->as.row.header) {
			head = 1;
			continue;
		}
		body++;
		for (col = 0, cell = row->first_child; cell != NULL;
		    cell = cell->next, col++) {
			if (col == 0)
				continue;
			if ((k = fill_chart_value(cell, &kind)) < 0) {
				s = doc_node_plain(cell);
				fill_err(f, cell, k == -1 ? FM_CHART_NEGATIVE :
				    FM_CHART_NOT_NUMBER, s);
				free(s);
			} else if (kind == DOC_NUM_PERCENT)
				npct++;
			else if (kind == DOC_NUM_COUNT)
				ncount++;
		}
	}
	if (!head)
		fill_err(f, n, FM_CHART_NO_HEADER);
	if (body < 1 || body > FILL_CHART_CATS)
		fill_err(f, n, FM_CHART_CATEGORIES, FILL_CHART_CATS,
		    body);
	if (npct > 0 && ncount > 0)
		fill_err(f, n, FM_CHART_MIXED);
}

/* The one node of a cell but spaces, or NULL. */
struct doc_node *
fill_cell_only(const struct doc_node *cell)
{
	struct doc_node	*c, *ref = NULL;
	int		 n = 0;

	for (c = cell->first_child; c != NULL; c = c->next) {
		if (c->type == DOC_TEXT && c->text != NULL &&
		    strspn(c->text, " ") == strlen(c->text))
			continue;
		ref = c;
		n++;
	}
	return n == 1 ? ref : NULL;
}

/* Types a table cell: a cell that holds one figure reference (and
 * spaces) holds that figure; any other cell is read as literal text. */
static void
fill_cell_num(struct doc_node *cell)
{
	struct doc_node	*ref = fill_cell_only(cell);
	char		*t;

	if (ref != NULL && ref->type == DOC_FIGREF) {
		cell->as.cell.num = ref->as.figref.num;
		return;
	}
	if (ref != NULL && ref->type == DOC_NATREF &&
	    ref->as.natref.num.kind != DOC_NUM_NONE) {
		cell->as.cell.num = ref->as.natref.num;
		return;
	}
	t = doc_node_plain(cell);
	fill_num_parse(t, &cell->as.cell.num);
	free(t);
}

/* Returns the cell of row in column col, or NULL. */
static struct doc_node *
fill_cell(const struct doc_node *row, int col)
{
	struct doc_node	*c;

	for (c = row->first_child; c != NULL && col > 0; c = c->next)
		col--;
	return c;
}

/* Types every cell of table, and right-aligns the columns whose body
 * cells are all figures, or blanks beside at least one figure. */
void
fill_align(struct doc_node *table)
{
	struct doc_node	*row, *cell;
	int		 col, numeric, body;

	for (row = table->first_child; row != NULL; row = row->next)
		for (cell = row->first_child; cell != NULL; cell = cell->next)
			fill_cell_num(cell);
	for (col = 0; col < table->as.table.ncols; col++) {
		numeric = 1;
		body = 0;
		for (row = table->first_child; row != NULL; row = row->next) {
			if (row->as.row.header ||
			    (cell = fill_cell(row, col)) == NULL)
				continue;
			switch (cell->as.cell.num.kind) {
			case DOC_NUM_COUNT:
			case DOC_NUM_PERCENT:
			case DOC_NUM_SUPPRESSED:
				body++;
				break;
			case DOC_NUM_BLANK:
				break;
			default:
				numeric = 0;
				break;
			}
		}
		if (!numeric || body == 0)
			continue;
		for (row = table->first_child; row != NULL; row = row->next)
			if ((cell = fill_cell(row, col)) != NULL)
				cell->as.cell.align = DOC_ALIGN_RIGHT;
	}
}

/* Sets which of chart ch's values are bars (those of the axis's kind),
 * the largest bar, and the axis: gridlines at 1, 2 or 5 times a power of
 * ten, at most five steps to the largest bar. */
static void
fill_chart_axis(struct doc_chart *ch)
{
	static const double	 steps[] = { 1, 2, 5 };
	struct doc_chart_cell	*cc;
	double			 step = 1, max;
	size_t			 i;
	int			 s;

	for (i = 0; i < ch->ncats * ch->nseries; i++) {
		cc = &ch->cells[i];
		cc->bar = cc->num.kind == ch->kind;
		if (cc->bar && cc->num.value > ch->max)
			ch->max = cc->num.value;
	}
	for (;;) {
		for (s = 0; s < 3; s++)
			if (ch->max / (steps[s] * step) <= 5)
				break;
		if (s < 3) {
			step *= steps[s];
			break;
		}
		step *= 10;
	}
	max = step * (ch->max > 0 ? (int)(ch->max / step - 1e-9) + 1 : 1);
	if (max < ch->max)
		max += step;
	ch->axis_step = step;
	ch->axis_max = max;
}

/*
 * Reads the chart ch's series names (from the header row head), its
 * categories and cells (from the body rows of table), and chooses its
 * kind: percentages and counts do not share an axis, so only the kind
 * most values are is drawn.
 */
static void
fill_chart_cells(struct doc_chart *ch, const struct doc_node *table,
    const struct doc_node *head)
{
	const struct doc_node	*row, *c;
	struct doc_chart_cell	*cc;
	size_t			 k, s, nnum = 0, npct = 0;

	ch->series = xcalloc(ch->nseries, sizeof(*ch->series));
	ch->cats = xcalloc(ch->ncats, sizeof(*ch->cats));
	ch->cells = xcalloc(ch->ncats * ch->nseries, sizeof(*ch->cells));
	for (s = 0; s < ch->nseries; s++)
		ch->series[s] = (c = fill_cell(head, (int)s + 1)) != NULL ?
		    doc_node_plain(c) : xstrdup("");
	k = 0;
	for (row = table->first_child; row != NULL; row = row->next) {
		if (row->as.row.header)
			continue;
		ch->cats[k] = (c = fill_cell(row, 0)) != NULL ?
		    doc_node_plain(c) : xstrdup("");
		for (s = 0; s < ch->nseries; s++) {
			cc = &ch->cells[k * ch->nseries + s];
			if ((c = fill_cell(row, (int)s + 1)) != NULL) {
				cc->text = doc_node_plain(c);
				cc->num = c->as.cell.num;
			} else
				cc->text = xstrdup("");
			if (cc->num.kind == DOC_NUM_PERCENT)
				npct++;
			if (cc->num.kind == DOC_NUM_PERCENT ||
			    cc->num.kind == DOC_NUM_COUNT)
				nnum++;
			if (cc->num.kind == DOC_NUM_SUPPRESSED)
				ch->suppressed = 1;
		}
		k++;
	}
	ch->kind = npct * 2 >= nnum && nnum > 0 ? DOC_NUM_PERCENT :
	    DOC_NUM_COUNT;
}

/*
 * Turns the counts of the chart ch, whose series s is a period of
 * months[s] months, into rates a year, each value and gridline saying
 * so, as {change:NAME} compares periods of unequal lengths.
 */
static void
fill_chart_rates(struct doc_chart *ch, const long *months)
{
	struct doc_chart_cell	*cc;
	size_t			 i;
	long			 r;

	ch->per = " a year";
	for (i = 0; i < ch->ncats * ch->nseries; i++) {
		cc = &ch->cells[i];
		if (cc->num.kind != DOC_NUM_COUNT)
			continue;
		/* In tenths, half up, so that 1 review in 42 months is
		 * drawn as 0.3 a year, not 0. */
		r = fill_rate((long)cc->num.value * 10,
		    months[i % ch->nseries]);
		cc->num.value = (double)r / 10;
		free(cc->text);
		cc->text = r % 10 == 0 ? xasprintf("%ld a year", r / 10) :
		    xasprintf("%ld.%ld a year", r / 10, r % 10);
	}
}

/* The text alternative of the chart ch under the caption of its node
 * n, from the same cells.  Returns a new string; free with free(). */
static char *
fill_chart_alt(const struct doc_chart *ch, const struct doc_node *n)
{
	struct buf	 alt;
	size_t		 k, s;
	char		*cap;

	buf_init(&alt);
	cap = doc_node_plain(n);
	buf_printf(&alt, "Bar chart%s%s. ", *cap != '\0' ? ": " : "", cap);
	free(cap);
	for (k = 0; k < ch->ncats; k++) {
		buf_printf(&alt, "%s: ", ch->cats[k]);
		for (s = 0; s < ch->nseries; s++)
			buf_printf(&alt, "%s %s%s", ch->series[s],
			    ch->cells[k * ch->nseries + s].text,
			    s + 1 < ch->nseries ? ", " : ". ");
	}
	if (ch->suppressed)
		buf_puts(&alt, fig_suppressed_note);
	while (alt.len > 0 && alt.data[alt.len - 1] == ' ')
		alt.data[--alt.len] = '\0';
	return buf_take(&alt);
}

/*
 * Reads chart node n's data from the table just before it (once cells
 * are typed and capitalised): categories, series, values, the axis's
 * kind and scale, and the text alternative.  Leaves n without data when no table
 * with a header row, two columns and a body row comes just before.
 */
void
fill_chart(struct doc_node *n, const long *months)
{
	const struct doc_node	*table = n->prev, *row, *head = NULL;
	struct doc_chart	*ch;

	if (table == NULL || table->type != DOC_TABLE ||
	    table->as.table.ncols < 2)
		return;
	ch = xcalloc(1, sizeof(*ch));
	ch->nseries = (size_t)table->as.table.ncols - 1;
	for (row = table->first_child; row != NULL; row = row->next)
		if (row->as.row.header)
			head = row;
		else
			ch->ncats++;
	if (head == NULL || ch->ncats == 0) {
		free(ch);
		return;
	}
	fill_chart_cells(ch, table, head);
	if (months != NULL && ch->kind == DOC_NUM_COUNT)
		fill_chart_rates(ch, months);
	fill_chart_axis(ch);
	ch->alt = fill_chart_alt(ch, n);
	n->as.chart.data = ch;
}

/*
 * Returns the months of each period, a series each, when chart n draws
 * an "@periods" table of counts whose periods differ in length (they are
 * then drawn as rates a year), and appends ", as rates a year" to its
 * caption; else NULL.  Free with free().
 */
long *
fill_chart_months(struct fill *f, struct doc_node *n)
{
	const struct doc_node	*table = n->prev, *row, *c;
	struct doc_node		*t;
	size_t			 i, np = fill_nperiods(f);
	long			*months;
	int			 counts = 0, differ = 0;

	if (table == NULL || table->type != DOC_TABLE ||
	    !table->as.table.periods || np < 2 ||
	    table->as.table.ncols != (int)np + 1)
		return NULL;
	for (row = table->first_child; row != NULL; row = row->next)
		for (c = row->first_child; c != NULL && !row->as.row.header;
		    c = c->next)
			if (c->as.cell.num.kind == DOC_NUM_COUNT)
				counts++;
	months = xcalloc(np, sizeof(*months));
	for (i = 0; i < np; i++) {
		months[i] = fill_period_months(f, i);
		if (months[i] <= 0) {
			free(months);
			return NULL;
		}
		if (i > 0 && months[i] != months[0])
			differ = 1;
	}
	if (counts == 0 || !differ) {
		free(months);
		return NULL;
	}
	t = doc_node_new(DOC_TEXT, n->line, n->col);
	t->text = xstrdup(", as rates a year");
	doc_node_append(n, t);
	return months;
}

/*
 * Not recorded, said (issue 25): a share printed over a base in which its
 * code was not recorded for some reviews says how many, as one pattern,
 * "(not recorded in N of M reviews)" ("children", "children who died" for
 * those bases): at the end of its sentence, or after the row's label in a
 * table (with the period in a table by period).  A board's table that
 * sets the board beside the region is followed by one sentence naming
 * each base's owner ("Not recorded: Drugs, in 1 of 5 reviews in Camden
 * and 3 of 47 reviews in London."), so that its rows keep their labels
 * and the London picture stays the regional paper's word for word.
 * None not recorded says nothing; a [c], a band, a hidden count of not
 * recorded and a table of totals over every period (fill_pool()) say
 * nothing either.
 */

/* The base's units, as the note names them ("1 of 1 review"). */
static const char *
fill_nr_units(const struct fig_value *v)
{
	int	 one = v->den == 1;

	switch (v->unit) {
	case FIG_CHILDREN:
		return one ? "child" : "children";
	case FIG_DEATHS:
		return one ? "child who died" : "children who died";
	default:
		return one ? "review" : "reviews";
	}
}

/* The value reference n prints, when it is a share shown with codes not
 * recorded in its base; else NULL.  *period gets n's period index. */
static const struct fig_value *
fill_nr_value(struct fill *f, struct doc_node *n, size_t *period)
{
	const struct fig_ledger	*l;
	const struct fig_value	*v;
	struct doc_period	 p = n->as.figref.period;

	if (n->type != DOC_FIGREF || n->as.figref.change ||
	    (l = fill_figref_ledger(f, n)) == NULL ||
	    (v = fig_ledger_find(l, n->as.figref.name)) == NULL)
		return NULL;
	if (v->unit == FIG_COUNT || v->den <= 0 || v->suppressed ||
	    v->banded || v->nr_hidden || v->not_recorded <= 0 ||
	    (n->as.figref.style != NULL &&
	    strcmp(n->as.figref.style, "digits") == 0))
		return NULL;
	*period = fill_period_find(f, &p) ? (size_t)p.index :
	    fill_nperiods(f) - 1;
	return v;
}

/* The note on v, the value of reference n: "N of M reviews", then " in "
 * and the period's label (label, when not NULL) or, owner set (a board's
 * table beside the region), the owner of the base: the region's name
 * for a region figure, the board's for the board's. */
static char *
fill_nr_note(struct fill *f, const struct doc_node *n,
    const struct fig_value *v, const char *label, int owner)
{
	const struct report	*r = &f->env->cohort->report;
	const char		*who = label;

	if (who == NULL && owner && f->env->lscb >= 0)
		who = n->as.figref.ledger == DOC_LEDGER_REGION ? r->region :
		    r->lscbs[f->env->lscb];
	return xasprintf("%ld of %ld %s%s%s", v->not_recorded, v->den,
	    fill_nr_units(v), who != NULL ? " in " : "",
	    who != NULL ? who : "");
}

/* Appends note to b once, sep between notes. */
static void
fill_nr_add(struct buf *b, const char *note, const char *sep)
{
	if (b->data != NULL && strstr(b->data, note) != NULL)
		return;
	if (b->len > 0)
		buf_puts(b, sep);
	buf_puts(b, note);
}

/* Says, at the end of block b (a paragraph or an item, before its full
 * stop), what is not recorded in the bases of its shares. */
static void
fill_nr_block(struct fill *f, struct doc_node *b)
{
	const struct fig_value	*v;
	struct doc_node		*n, *last, *t;
	struct buf		 notes;
	size_t			 i, len;
	char			*note;

	buf_init(&notes);
	for (n = b->first_child; n != NULL; n = doc_node_walk(n, b)) {
		if (n->type == DOC_LIST)
			break;	/* a nested list's items say their own */
		if ((v = fill_nr_value(f, n, &i)) == NULL)
			continue;
		note = fill_nr_note(f, n, v, NULL, 0);
		fill_nr_add(&notes, note, "; ");
		free(note);
	}
	if (notes.len == 0) {
		buf_clear(&notes);
		return;
	}
	last = b->last_child;
	t = doc_node_new(DOC_TEXT, b->line, b->col);
	if (last != NULL && last->type == DOC_TEXT && last->text != NULL &&
	    (len = strlen(last->text)) > 0 && last->text[len - 1] == '.') {
		last->text[len - 1] = '\0';
		t->text = xasprintf(" (not recorded in %s).", notes.data);
	} else
		t->text = xasprintf(" (not recorded in %s)", notes.data);
	doc_node_append(b, t);
	buf_clear(&notes);
}

/* Returns 1 if table tb (of a board's paper, not by period) sets the
 * board's figures beside the region's: both kinds of reference in it. */
static int
fill_nr_beside(const struct fill *f, struct doc_node *tb)
{
	struct doc_node		*n;
	int			 kinds = 0;

	if (f->env->lscb < 0 || tb->as.table.periods)
		return 0;
	for (n = tb->first_child; n != NULL; n = doc_node_walk(n, tb))
		if (n->type == DOC_FIGREF)
			kinds |= n->as.figref.ledger == DOC_LEDGER_REGION ? 2 : 1;
	return kinds == 3;
}

/* The sentence after board table tb (beside the region), its notes,
 * "Not recorded: LABEL, in N of M reviews in OWNER and ...; ...", put
 * after the table and the chart drawn from it. */
static void
fill_nr_after(struct doc_node *tb, const char *notes)
{
	struct doc_node	*at = tb, *p, *t;

	if (at->next != NULL && at->next->type == DOC_CHART)
		at = at->next;
	p = doc_node_new(DOC_PARA, tb->line, tb->col);
	t = doc_node_new(DOC_TEXT, tb->line, tb->col);
	t->text = xasprintf("Not recorded: %s.", notes);
	doc_node_append(p, t);
	if (at->next != NULL)
		doc_node_insert_before(at->next, p);
	else
		doc_node_append(at->parent, p);
}

/* Says, after each row's label of table tb, what is not recorded in the
 * bases of the row's shares; for a board's table beside the region, in
 * a sentence after it (fill_nr_after()). */
static void
fill_nr_table(struct fill *f, struct doc_node *tb)
{
	const struct fig_value	*v;
	struct doc_node		*row, *cell, *n, *t;
	struct buf		 notes, after;
	size_t			 i, k;
	char			*note, *label;
	int			 beside = fill_nr_beside(f, tb), collapsed = 0;

	/* (Tables only: fill_prune() may have freed a table of these
	 * lists, and no table is made after it.) */
	for (k = 0; k < f->ncollapsed; k++)
		collapsed |= f->collapsed[k] == tb;
	/* A board's other tables (the London picture's, as the regional
	 * paper prints them, without notes there); a table collapsed to
	 * the region's figures says, as the regional paper does, what is
	 * not recorded in their bases. */
	if (f->env->lscb >= 0 && !tb->as.table.periods && !beside &&
	    !collapsed)
		return;
	/* A table fill_pool() switched to the totals over every period:
	 * its notes are on the bases of those totals. */
	for (k = 0; k < f->npooled; k++)
		if (f->pooled[k] == tb)
			f->override = f->env->pooled;
	buf_init(&after);
	for (row = tb->first_child; row != NULL; row = row->next) {
		if (row->as.row.header || row->first_child == NULL)
			continue;
		buf_init(&notes);
		for (cell = row->first_child->next; cell != NULL;
		    cell = cell->next)
			for (n = cell->first_child; n != NULL;
			    n = doc_node_walk(n, cell)) {
				if ((v = fill_nr_value(f, n, &i)) == NULL)
					continue;
				label = tb->as.table.periods ?
				    fill_period_label(f, i) : NULL;
				note = fill_nr_note(f, n, v, label, beside);
				/* Beside the region: "N of M reviews in BOARD
				 * and N of M reviews in London". */
				fill_nr_add(&notes, note, beside ? " and " :
				    "; ");
				free(note);
				free(label);
			}
		if (notes.len > 0 && beside) {
			label = doc_node_plain(row->first_child);
			buf_printf(&after, "%s%s, in %s", after.len > 0 ?
			    "; " : "", label, notes.data);
			free(label);
		} else if (notes.len > 0) {
			t = doc_node_new(DOC_TEXT, row->line, row->col);
			t->text = xasprintf(" (not recorded in %s)",
			    notes.data);
			doc_node_append(row->first_child, t);
		}
		buf_clear(&notes);
	}
	if (after.len > 0)
		fill_nr_after(tb, after.data);
	buf_clear(&after);
	f->override = NULL;
}

/* Every paragraph, item and table of the paper says what is not
 * recorded in the bases of its shares. */
void
fill_not_recorded(struct fill *f)
{
	struct doc_node	*n, *root = f->doc->root;

	for (n = root->first_child; n != NULL; n = doc_node_walk(n, root))
		switch (n->type) {
		case DOC_PARA:
		case DOC_ITEM:
			fill_nr_block(f, n);
			break;
		case DOC_TABLE:
			fill_nr_table(f, n);
			break;
		case DOC_ROOT:
		case DOC_HEADING:
		case DOC_SUBTITLE:
		case DOC_ASIDE:
		case DOC_LIST:
		case DOC_ROW:
		case DOC_CELL:
		case DOC_FOOTNOTE:
		case DOC_COND:
		case DOC_SIGNOFF:
		case DOC_PAGEBREAK:
		case DOC_CHART:
		case DOC_TILEMAP:
		case DOC_TEXT:
		case DOC_STRONG:
		case DOC_FNREF:
		case DOC_FIGREF:
		case DOC_NATREF:
		case DOC_FIELD:
		case DOC_CAPTION:
		case DOC_XREF:
			break;
		}
}

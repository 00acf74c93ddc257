/*
 * fill_period.c: the fill stage (fill.h): earlier periods: period lookups,
 * change sentences, period tests and @periods tables.
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

/* The periods of the report, the current one included. */
size_t
fill_nperiods(const struct fill *f)
{
	return f->env->nperiods > 0 ? f->env->nperiods : 1;
}

/* Returns the label of period i, as a new string; free with free(). */
char *
fill_period_label(const struct fill *f, size_t i)
{
	const struct report	*r = &f->env->cohort->report;

	if (f->env->nperiods > 0 && f->env->period_labels != NULL &&
	    f->env->period_labels[i] != NULL)
		return xstrdup(f->env->period_labels[i]);
	/* As report.yaml's loader labels a period it does not name. */
	return report_period_label(r->period_from, r->period_to);
}

/* Returns period i's ledger of kind ledger. */
const struct fig_ledger *
fill_period_ledger(const struct fill *f, enum doc_ledger ledger, size_t i)
{
	if (f->env->nperiods == 0 || f->env->periods[ledger] == NULL ||
	    i + 1 == f->env->nperiods)
		return f->env->ledgers[ledger];
	return f->env->periods[ledger][i];
}

/* The paper's own reviews over every period ("::: period-cases"). */
long
fill_period_cases(const struct fill *f)
{
	size_t	 i;
	long	 n = 0;

	for (i = 0; i < fill_nperiods(f); i++)
		n += fill_period_ledger(f, DOC_LEDGER_SELECTION, i)->cases;
	return n;
}

/* Sets p->index to the period p names; returns 0 when the report has no
 * such period. */
int
fill_period_find(const struct fill *f, struct doc_period *p)
{
	size_t	 n = fill_nperiods(f), i;
	char	*label;
	int	 found = 0;

	if (p->previous) {
		p->index = (int)n - 2;
		return n >= 2;
	}
	if (p->label == NULL) {
		p->index = (int)n - 1;
		return 1;
	}
	for (i = 0; !found && i + 1 < n; i++) {
		label = fill_period_label(f, i);
		if (strcmp(label, p->label) == 0) {
			p->index = (int)i;
			found = 1;
		}
		free(label);
	}
	return found;
}

/* Returns 1 if n sits in a "::: earlier" or "::: no-earlier" block this
 * paper leaves out: a reference there to a period the report does not
 * declare is no error, as the block will not show. */
static int
fill_period_hidden(const struct fill *f, const struct doc_node *n)
{
	const struct doc_node	*a;

	for (a = n->parent; a != NULL; a = a->parent)
		if (a->type == DOC_COND &&
		    (a->as.cond.cond == DOC_COND_EARLIER ||
		    a->as.cond.cond == DOC_COND_NO_EARLIER) &&
		    !fill_cond_holds(f, a))
			return 1;
	return 0;
}

/* Reports the period p of reference n as unknown, naming the earlier
 * periods the report declares. */
static void
fill_period_unknown(struct fill *f, const struct doc_node *n,
    const struct doc_period *p)
{
	struct buf	 known;
	size_t		 i, np = fill_nperiods(f);
	char		*label;

	if (np < 2) {
		fill_err(f, n, FM_NO_EARLIER);
		return;
	}
	buf_init(&known);
	for (i = 0; i + 1 < np; i++) {
		label = fill_period_label(f, i);
		buf_printf(&known, "%s%s", i == 0 ? "" : i + 2 == np ?
		    " and " : ", ", label);
		free(label);
	}
	fill_err(f, n, FM_UNKNOWN_EARLIER,
	    p->label, known.data, p->label);
	buf_clear(&known);
}

/*
 * Returns the ledger of kind ledger of the period p that reference n
 * names (p->index set), or NULL for an unknown period (reported).  In a
 * block this paper leaves out, an unknown period is no error: *hidden is
 * set and the current period's ledger returned, so that the figure's
 * name is still checked (p->index is not set).
 */
static const struct fig_ledger *
fill_period_of(struct fill *f, const struct doc_node *n,
    struct doc_period *p, enum doc_ledger ledger, int *hidden)
{
	*hidden = 0;
	if (fill_period_find(f, p))
		return fill_period_ledger(f, ledger, (size_t)p->index);
	if (fill_period_hidden(f, n)) {
		*hidden = 1;
		return fill_period_ledger(f, ledger, fill_nperiods(f) - 1);
	}
	fill_period_unknown(f, n, p);
	return NULL;
}

/* Returns v's value as printed in a comparison of periods, as bounds
 * [*lo, *hi]: its whole percentage for a share, its count for a count.
 * Returns 0 when it has none a reader could compare (no base, or a
 * suppressed share over a hidden base). */
static int
fill_period_value(const struct fig_value *v, long *lo, long *hi)
{
	fill_bounds(v, lo, hi);
	if (v->unit == FIG_COUNT)
		return 1;
	if (v->den <= 0 || (v->suppressed && v->den_hidden))
		return 0;
	*lo = fig_percent(*lo, v->den);
	*hi = fig_percent(*hi, v->den);
	return 1;
}

/* The months period i covers: the calendar months from its first day's
 * to its last day's, both counted (2004-04-01 to 2006-03-31: 24). */
long
fill_period_months(const struct fill *f, size_t i)
{
	int	 from, to;
	long	 m;

	(void)report_period(&f->env->cohort->report, i, &from, &to);
	if (from <= 0 || to <= 0)
		return 0;
	m = (long)(to / 10000 * 12 + to / 100 % 100) -
	    (long)(from / 10000 * 12 + from / 100 % 100) + 1;
	return m > 0 ? m : 0;
}

/* Returns 1 if a count is compared between periods a and b as a rate a
 * year: their lengths differ (both known). */
static int
fill_period_rates(const struct fill *f, size_t a, size_t b)
{
	long	 ma = fill_period_months(f, a), mb = fill_period_months(f, b);

	return ma > 0 && mb > 0 && ma != mb;
}

/* Count x over months as a rate a year, rounded half up to whole units:
 * x * 12 / months. */
long
fill_rate(long x, long months)
{
	return (x * 24 + months) / (2 * months);
}

/* As fill_period_value, for v of period i compared with period j: a
 * count becomes its rate a year when the periods' lengths differ. */
static int
fill_period_cmp_value(const struct fill *f, const struct fig_value *v,
    size_t i, size_t j, long *lo, long *hi)
{
	long	 m;

	if (!fill_period_value(v, lo, hi))
		return 0;
	if (v->unit == FIG_COUNT && fill_period_rates(f, i, j)) {
		m = fill_period_months(f, i);
		*lo = fill_rate(*lo, m);
		*hi = fill_rate(*hi, m);
	}
	return 1;
}

/*
 * Returns 1 if figure v of period i and w of period j (the same figure of
 * ledger kind ledger) have bases large enough to compare (report.yaml
 * comparison: min_base): a share's base in each period, a count's number
 * of reviews in each.  Below it, no change is stated and no "rose",
 * "fell", "unchanged" or "comparable" holds.
 */
static int
fill_base_ok(const struct fill *f, enum doc_ledger ledger,
    const struct fig_value *v, size_t i, const struct fig_value *w, size_t j)
{
	long	 min = f->env->cohort->report.min_base;

	if (v->unit != FIG_COUNT)
		return v->den >= min && w->den >= min;
	return fill_period_ledger(f, ledger, i)->cases >= min &&
	    fill_period_ledger(f, ledger, j)->cases >= min;
}

/* Reports figure name of reference n as unknown in ledger l. */
static void
fill_figref_unknown(struct fill *f, const struct doc_node *n,
    const struct fig_ledger *l, const char *name)
{
	const char	**names;
	size_t		 i;

	names = xcalloc(l->nvalues + 1, sizeof(*names));
	for (i = 0; i < l->nvalues; i++)
		names[i] = l->values[i].name;
	fill_unknown(f, n, "figure", name, names, l->nvalues, "");
	free(names);
}

/* The ledger reference n reads: of its kind and its period; NULL for an
 * unknown period (reported, unless in a block left out). */
const struct fig_ledger *
fill_figref_ledger(struct fill *f, struct doc_node *n)
{
	int	 hidden;

	if (f->override != NULL && n->as.figref.period.label == NULL &&
	    !n->as.figref.period.previous &&
	    f->override[n->as.figref.ledger] != NULL)
		return f->override[n->as.figref.ledger];
	return fill_period_of(f, n, &n->as.figref.period,
	    n->as.figref.ledger, &hidden);
}

/* Writes number x of the change of v (a share as "N%" when pct) in
 * style to b. */
static void
fill_change_num(struct buf *b, const struct fig_value *v, long x,
    int words, int pct)
{
	struct fig_value	 c;
	char			*t;

	if (pct) {
		buf_printf(b, "%ld%%", x);
		return;
	}
	memset(&c, 0, sizeof(c));
	c.unit = FIG_COUNT;
	c.num = x;
	c.percent = -1;
	c.name = v->name;
	t = fig_format(&c, words ? FIG_STYLE_WORDS : FIG_STYLE_DIGITS);
	buf_puts(b, t);
	free(t);
}

/*
 * The change of count v from a (period p) to z (the current period) when
 * the periods' lengths differ: compared as rates a year (the count times
 * 12 over the period's months, rounded), each count with its months, so
 * that the sentence does not set a short period's count against a long
 * one's: "rose from 19 a year to 23 a year, up 4 a year (38 in 24
 * months, then 80 in 42 months)".
 */
static void
fill_change_rate(struct fill *f, struct doc_node *n,
    const struct fig_value *v, long a, long z, size_t p, int words)
{
	struct buf	 b;
	long		 mp, mc, ra, rz, d;

	mp = fill_period_months(f, p);
	mc = fill_period_months(f, fill_nperiods(f) - 1);
	ra = fill_rate(a, mp);
	rz = fill_rate(z, mc);
	buf_init(&b);
	/* A rate of 0 is "0 a year" in both styles: the words' "none a
	 * year" does not read (issue 32.9). */
	if (ra == rz) {
		buf_puts(&b, "was unchanged at ");
		fill_change_num(&b, v, rz, words && rz != 0, 0);
		buf_puts(&b, " a year");
	} else {
		d = rz > ra ? rz - ra : ra - rz;
		buf_puts(&b, rz > ra ? "rose from " : "fell from ");
		fill_change_num(&b, v, ra, words && ra != 0, 0);
		buf_puts(&b, " a year to ");
		fill_change_num(&b, v, rz, words && rz != 0, 0);
		buf_puts(&b, rz > ra ? " a year, up " : " a year, down ");
		fill_change_num(&b, v, d, words, 0);
		buf_puts(&b, " a year");
	}
	buf_puts(&b, " (");
	fill_change_num(&b, v, a, words, 0);
	buf_printf(&b, " in %ld month%s, then ", mp, mp == 1 ? "" : "s");
	fill_change_num(&b, v, z, words, 0);
	buf_printf(&b, " in %ld month%s)", mc, mc == 1 ? "" : "s");
	n->text = buf_take(&b);
}

/*
 * {[region:]change:NAME[:STYLE]}: how the figure changed from the period
 * before to the current one, as printed: "rose from 40% to 45%, up 5
 * points", "fell from 12 to 9, down 3", "was unchanged at 40%".  A
 * share's change is in whole percentage points of the percentages
 * printed; a count's in its units (style digits or words).  [c] when
 * either value is suppressed, n/a when either share has no base.
 */
void
fill_change(struct fill *f, struct doc_node *n)
{
	const struct fig_ledger	*lc, *lp;
	const struct fig_value	*v, *w;
	struct doc_period	 prev;
	struct buf		 b;
	long			 a, z, d, lo;
	size_t			 cur;
	int			 style, hidden, pct;

	if ((style = fill_style(f, n, n->as.figref.style,
	    n->as.figref.style_col)) == -2)
		return;
	lc = fill_period_ledger(f, n->as.figref.ledger, fill_nperiods(f) - 1);
	if ((v = fig_ledger_find(lc, n->as.figref.name)) == NULL) {
		fill_figref_unknown(f, n, lc, n->as.figref.name);
		return;
	}
	pct = v->unit != FIG_COUNT;
	if ((pct && style >= 0 && style != FIG_STYLE_PERCENT) ||
	    (!pct && style >= 0 && style != FIG_STYLE_DIGITS &&
	    style != FIG_STYLE_WORDS)) {
		fill_err(f, n, FM_CHANGE_STYLE, pct ? "share" : "count",
		    v->name, pct ?
		    "in percentage points (percent)" : "in digits or words",
		    fig_style_names[style]);
		return;
	}
	memset(&prev, 0, sizeof(prev));
	prev.previous = 1;
	if ((lp = fill_period_of(f, n, &prev, n->as.figref.ledger,
	    &hidden)) == NULL || hidden)
		return;
	w = fig_ledger_find(lp, n->as.figref.name);
	free(n->text);
	memset(&n->as.figref.num, 0, sizeof(n->as.figref.num));
	if (w == NULL || v->suppressed || w->suppressed) {
		/* A change is shown only when both values are: else it
		 * would give a suppressed one away. */
		n->text = xstrdup(fig_suppressed_mark);
		n->as.figref.num.kind = DOC_NUM_SUPPRESSED;
		return;
	}
	if (!fill_period_value(v, &lo, &z) || !fill_period_value(w, &lo, &a)) {
		n->text = xstrdup("n/a");
		n->as.figref.num.kind = DOC_NUM_BLANK;
		return;
	}
	cur = fill_nperiods(f) - 1;
	if (!fill_base_ok(f, n->as.figref.ledger, v, cur, w,
	    (size_t)prev.index)) {
		n->text = xstrdup("could not be compared: too few reviews");
		n->as.figref.num.kind = DOC_NUM_BLANK;
		return;
	}
	if (!pct && fill_period_rates(f, (size_t)prev.index, cur)) {
		fill_change_rate(f, n, v, a, z, (size_t)prev.index,
		    style == FIG_STYLE_WORDS);
		return;
	}
	buf_init(&b);
	if (z == a) {
		buf_puts(&b, "was unchanged at ");
		fill_change_num(&b, v, z, style == FIG_STYLE_WORDS, pct);
	} else {
		d = z > a ? z - a : a - z;
		buf_puts(&b, z > a ? "rose from " : "fell from ");
		fill_change_num(&b, v, a, style == FIG_STYLE_WORDS, pct);
		buf_puts(&b, " to ");
		fill_change_num(&b, v, z, style == FIG_STYLE_WORDS, pct);
		buf_puts(&b, z > a ? ", up " : ", down ");
		fill_change_num(&b, v, d, style == FIG_STYLE_WORDS, 0);
		if (pct)
			buf_puts(&b, d == 1 ? " point" : " points");
	}
	n->text = buf_take(&b);
}

/*
 * {report:previous}, the label of the period before the current one, and
 * {report:periods}, every period's label ("2002-04, 2004-06 and
 * 2006-09").  Returns 0 when n is neither.
 */
int
fill_period_field(struct fill *f, struct doc_node *n)
{
	struct doc_period	 prev;
	struct buf		 b;
	size_t			 i, np = fill_nperiods(f);
	char			*label;
	int			 hidden;

	if (strcmp(n->as.field.name, "previous") == 0) {
		memset(&prev, 0, sizeof(prev));
		prev.previous = 1;
		if (fill_period_of(f, n, &prev, DOC_LEDGER_REGION,
		    &hidden) != NULL && !hidden)
			n->text = fill_period_label(f, (size_t)prev.index);
		return 1;
	}
	if (strcmp(n->as.field.name, "periods") != 0)
		return 0;
	buf_init(&b);
	for (i = 0; i < np; i++) {
		label = fill_period_label(f, i);
		buf_printf(&b, "%s%s", i == 0 ? "" : i + 1 == np ? " and " :
		    ", ", label);
		free(label);
	}
	n->text = buf_take(&b);
	return 1;
}

/* Checks the periods a "::: if" test names (not within a block this
 * paper leaves out). */
void
fill_period_test_names(struct fill *f, struct doc_node *n)
{
	struct doc_test	*t = n->as.cond.test;
	struct doc_period prev;
	int		 hidden;

	if (t->op >= DOC_OP_ROSE) {
		memset(&prev, 0, sizeof(prev));
		prev.previous = 1;
		(void)fill_period_of(f, n, &prev, t->ledger, &hidden);
		return;
	}
	(void)fill_period_of(f, n, &t->period, t->ledger, &hidden);
	if (t->rname != NULL)
		(void)fill_period_of(f, n, &t->rperiod, t->rledger, &hidden);
}

/* Returns 1 if test t reads another period than the current one. */
int
fill_test_periods(const struct doc_test *t)
{
	return t->op >= DOC_OP_ROSE || t->period.previous ||
	    t->period.label != NULL || t->rperiod.previous ||
	    t->rperiod.label != NULL;
}

/*
 * Returns 1 if test t, which reads another period, holds.  "rose",
 * "fell" and "unchanged" compare the figure as printed (a share's whole
 * percentage, a count) with the period before, and hold, as
 * "comparable" does, only when {change:NAME} prints a change: both
 * values shown, each with a base; a comparison of two
 * shares of different periods compares their percentages, else their
 * numerators, as in one period.  A suppressed figure counts as its
 * bounds, so that the test holds only when it holds for every value.
 */
int
fill_period_test_holds(const struct fill *f, const struct doc_test *t)
{
	struct doc_period	 pl = t->period, pr = t->rperiod;
	const struct fig_value	*v, *w;
	long			 a0, a1, c0, c1;

	if (t->op >= DOC_OP_ROSE) {
		memset(&pl, 0, sizeof(pl));
		memset(&pr, 0, sizeof(pr));
		pr.previous = 1;
	}
	if (!fill_period_find(f, &pl) ||
	    (v = fig_ledger_find(fill_period_ledger(f, t->ledger,
	    (size_t)pl.index), t->name)) == NULL)
		return 0;
	if (t->op >= DOC_OP_ROSE) {
		/* As {change:NAME}: only when both values are shown. */
		if (!fill_period_find(f, &pr) ||
		    (w = fig_ledger_find(fill_period_ledger(f, t->ledger,
		    (size_t)pr.index), t->name)) == NULL ||
		    v->suppressed || w->suppressed ||
		    !fill_period_cmp_value(f, v, (size_t)pl.index,
		    (size_t)pr.index, &a0, &a1) ||
		    !fill_period_cmp_value(f, w, (size_t)pr.index,
		    (size_t)pl.index, &c0, &c1) ||
		    !fill_base_ok(f, t->ledger, v, (size_t)pl.index, w,
		    (size_t)pr.index))
			return 0;
		if (t->op == DOC_OP_COMPARABLE)
			return 1;
		return fill_compare(t->op == DOC_OP_ROSE ? DOC_OP_GT :
		    t->op == DOC_OP_FELL ? DOC_OP_LT : DOC_OP_EQ, a0, a1, c0,
		    c1);
	}
	if (fill_test_min_base(f, t)) {
		fill_bounds(v, &a0, &a1);
		c0 = f->env->cohort->report.min_base;
		return fill_compare(t->op, a0, a1, c0, c0);
	}
	if (t->rname == NULL) {
		fill_bounds(v, &a0, &a1);
		if (t->rpercent) {
			if (v->den <= 0 || (v->suppressed && v->den_hidden))
				return 0;
			a0 = fig_percent(a0, v->den);
			a1 = fig_percent(a1, v->den);
		}
		return fill_compare(t->op, a0, a1, t->rnum, t->rnum);
	}
	if (!fill_period_find(f, &pr) ||
	    (w = fig_ledger_find(fill_period_ledger(f, t->rledger,
	    (size_t)pr.index), t->rname)) == NULL)
		return 0;
	if (v->unit != FIG_COUNT && w->unit != FIG_COUNT &&
	    pl.index != pr.index) {
		if (!fill_period_value(v, &a0, &a1) ||
		    !fill_period_value(w, &c0, &c1))
			return 0;
	} else {
		fill_bounds(v, &a0, &a1);
		fill_bounds(w, &c0, &c1);
	}
	if (t->rhalf)
		return fill_compare(t->op, 2 * a0, 2 * a1, c0, c1);
	return fill_compare(t->op, a0, a1, c0, c1);
}

/* Returns 1 if "::: earlier [LABEL]" block n is shown: the report
 * declares an earlier period (LABEL). */
int
fill_period_cond(const struct fill *f, const struct doc_node *n)
{
	struct doc_period	 p;

	if (n->as.cond.label == NULL)
		return fill_nperiods(f) >= 2;
	memset(&p, 0, sizeof(p));
	p.label = n->as.cond.label;
	return fill_period_find(f, &p);
}

/* Returns a new cell of row (a header cell if header) holding text. */
struct doc_node *
fill_text_cell(const struct doc_node *at, int header, const char *text)
{
	struct doc_node	*cell, *t;

	cell = doc_node_new(DOC_CELL, at->line, at->col);
	cell->as.cell.header = header;
	t = doc_node_new(DOC_TEXT, at->line, at->col);
	t->text = xstrdup(text);
	doc_node_append(cell, t);
	return cell;
}

/* Returns the one figure reference in cell c (spaces aside), or NULL. */
static struct doc_node *
fill_cell_figref(const struct doc_node *c)
{
	struct doc_node	*k, *ref = NULL;

	for (k = c->first_child; k != NULL; k = k->next) {
		if (k->type == DOC_TEXT && k->text != NULL &&
		    strspn(k->text, " ") == strlen(k->text))
			continue;
		if (ref != NULL || k->type != DOC_FIGREF)
			return NULL;
		ref = k;
	}
	return ref;
}

/* Returns a new reference to the figure of ref in period i. */
static struct doc_node *
fill_period_ref(const struct fill *f, const struct doc_node *ref, size_t i)
{
	struct doc_node	*r;

	r = doc_node_new(DOC_FIGREF, ref->line, ref->col);
	r->as.figref.ledger = ref->as.figref.ledger;
	r->as.figref.name = xstrdup(ref->as.figref.name);
	if (ref->as.figref.style != NULL)
		r->as.figref.style = xstrdup(ref->as.figref.style);
	r->as.figref.style_col = ref->as.figref.style_col;
	if (i + 1 < fill_nperiods(f))
		r->as.figref.period.label = fill_period_label(f, i);
	return r;
}

/* Returns 1 if ref names a count (not a share) and the report's periods
 * differ in length: its @periods table then gives each period's months. */
static int
fill_period_count_ref(const struct fill *f, const struct doc_node *ref)
{
	const struct fig_value	*v;
	size_t			 i, np = fill_nperiods(f);

	v = fig_ledger_find(fill_period_ledger(f, ref->as.figref.ledger,
	    np - 1), ref->as.figref.name);
	if (v == NULL || v->unit != FIG_COUNT)
		return 0;
	for (i = 0; i + 1 < np; i++)
		if (fill_period_rates(f, i, np - 1))
			return 1;
	return 0;
}

/*
 * Sets "@periods" table t across the periods: its second column, a
 * figure a body row, becomes one column a period, oldest first, the
 * current one last, headed by the periods' labels.
 */
static void
fill_period_table(struct fill *f, struct doc_node *t)
{
	struct doc_node	*row, *cell, *ref, *c;
	size_t		 i, np = fill_nperiods(f);
	char		*label, *hl;
	int		 head = 0, counts = 0, errors = f->errors;

	for (row = t->first_child; row != NULL; row = row->next) {
		cell = row->first_child != NULL ? row->first_child->next :
		    NULL;
		if (cell == NULL)
			continue;
		if (row->as.row.header) {
			head = 1;
			if (cell->first_child != NULL)
				fill_err(f, cell, FM_PERIODS_HEADER_CELL);
			continue;
		}
		ref = fill_cell_figref(cell);
		if (ref == NULL || ref->as.figref.change ||
		    ref->as.figref.nforms > 0 ||
		    ref->as.figref.period.previous ||
		    ref->as.figref.period.label != NULL)
			fill_err(f, cell, FM_PERIODS_CELL);
		else
			counts |= fill_period_count_ref(f, ref);
	}
	if (!head)
		fill_err(f, t, FM_PERIODS_NO_HEADER);
	if (f->errors > errors)
		return;
	for (row = t->first_child; row != NULL; row = row->next) {
		cell = row->first_child->next;
		ref = fill_cell_figref(cell);
		for (i = 0; i < np; i++) {
			if (row->as.row.header) {
				label = fill_period_label(f, i);
				if (counts) {
					/* Counts of periods of unequal
					 * lengths: each column says its
					 * months. */
					hl = xasprintf("%s (%ld\u00a0month%s)",
					    label, fill_period_months(f, i),
					    fill_period_months(f, i) == 1 ?
					    "" : "s");
					free(label);
					label = hl;
				}
				c = fill_text_cell(cell, 1, label);
				free(label);
			} else {
				c = doc_node_new(DOC_CELL, cell->line,
				    cell->col);
				doc_node_append(c, fill_period_ref(f, ref, i));
			}
			/* A column of figures, even of a period whose
			 * figures are all blank. */
			c->as.cell.align = DOC_ALIGN_RIGHT;
			doc_node_insert_before(cell, c);
		}
		doc_node_free(cell);
	}
	t->as.table.ncols = 1 + (int)np;
}

/* Expands every "@periods" table (before the references are read). */
void
fill_period_tables(struct fill *f)
{
	struct doc_node	*n, *root = f->doc->root;

	for (n = root->first_child; n != NULL; n = doc_node_walk(n, root))
		if (n->type == DOC_TABLE && n->as.table.periods)
			fill_period_table(f, n);
}

/*
 * fig_eval.c: the aggregate stage.  One pass over the cohort computes
 * every figure of a fig_set for a selection (the region or one board, in
 * the report period), then applies disclosure control: primary
 * suppression of small numbers, and secondary suppression within each
 * group (table) so that no suppressed cell can be worked back from the
 * total and the other cells.  Pure: no I/O.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "case.h"
#include "fig.h"
#include "fig_impl.h"

/* Per-figure running totals during the pass. */
struct fig_acc {
	long	num;	/* units (or summed field) meeting where, in the base */
	long	den;	/* units in the base */
	long	tot;	/* group total: den, or for a count every unit of
			 * its kind (the field's sum for a sum figure) */
	long	nr;	/* units in the base with a `where` code not recorded */
};

/* Returns 1 if set a and set b share a code. */
static int
fig_codes_meet(const codeword *a, const codeword *b, size_t nwords)
{
	size_t i;

	if (a == NULL || b == NULL)
		return 0;
	for (i = 0; i < nwords; i++)
		if (a[i] & b[i])
			return 1;
	return 0;
}

/*
 * Evaluates p for case k, or for child ch of case k when ch is not NULL.
 * The loader has checked levels: a child-only test never meets ch NULL
 * except under FP_ANY_CHILD, which supplies one.
 */
static int
fig_pred_eval(const struct fig_pred *p, const struct codebook *cb,
    const struct scr_case *k, const struct child *ch)
{
	size_t i;
	long x;

	switch (p->type) {
	case FP_TRUE:
		return 1;
	case FP_CODE:
		if (cb->codes[p->value].level == LEVEL_CHILD)
			return ch != NULL && ch->factors != NULL &&
			    codeset_has(ch->factors, (size_t)p->value);
		return k->factors != NULL &&
		    codeset_has(k->factors, (size_t)p->value);
	case FP_SEX:
		return ch != NULL && (int)ch->sex == p->value;
	case FP_OUTCOME:
		return ch != NULL && (int)ch->outcome == p->value;
	case FP_DEATH:
		return ch != NULL && (int)ch->death == p->value;
	case FP_AGE:
	case FP_AREAS:
	case FP_HOUSEHOLD:
		if (p->type == FP_AGE) {
			if (ch == NULL)
				return 0;
			x = ch->age_years;
		} else
			x = p->type == FP_AREAS ? k->lscb_areas_known :
			    k->household_children;
		return x >= p->lo && x <= p->hi;
	case FP_ALL:
		for (i = 0; i < p->nkids; i++)
			if (!fig_pred_eval(p->kids[i], cb, k, ch))
				return 0;
		return 1;
	case FP_ANY:
		for (i = 0; i < p->nkids; i++)
			if (fig_pred_eval(p->kids[i], cb, k, ch))
				return 1;
		return 0;
	case FP_NOT:
		return !fig_pred_eval(p->kids[0], cb, k, ch);
	case FP_ANY_CHILD:
		for (i = 0; i < k->nchildren; i++)
			if (fig_pred_eval(p->kids[0], cb, k, &k->children[i]))
				return 1;
		return 0;
	default:
		abort();
	}
}

/* Adds case k to the running totals of def. */
static void
fig_add_case(const struct fig_def *def, struct fig_acc *a,
    const struct codebook *cb, size_t nwords, const struct scr_case *k)
{
	const struct child *ch;
	size_t i;
	long v;
	int nr;

	nr = fig_codes_meet(k->not_recorded, def->codes, nwords);
	if (def->pop == FIG_POP_CASES) {
		v = def->sum == FIG_SUM_HOUSEHOLD ? k->household_children :
		    def->sum == FIG_SUM_AREAS ? k->lscb_areas_known : 1;
		if (!fig_pred_eval(def->of, cb, k, NULL))
			return;
		a->den++;
		a->tot += v;
		a->nr += nr;
		if (fig_pred_eval(def->where, cb, k, NULL))
			a->num += v;
		return;
	}
	for (i = 0; i < k->nchildren; i++) {
		ch = &k->children[i];
		if (def->pop == FIG_POP_DEATHS && ch->outcome != OUTCOME_DIED)
			continue;
		if (!fig_pred_eval(def->of, cb, k, ch))
			continue;
		a->den++;
		a->tot++;
		a->nr += nr;
		if (fig_pred_eval(def->where, cb, k, ch))
			a->num++;
	}
}

/* Returns 1 if case k is in the period (bounds of 0 are open). */
static int
fig_in_period(const struct report *r, const struct scr_case *k)
{
	if (r->period_from > 0 && k->completed < r->period_from)
		return 0;
	if (r->period_to > 0 && k->completed > r->period_to)
		return 0;
	return 1;
}

/*
 * Returns 1 if the values of the suppressed cells of a group can be
 * pinned down: the suppressed cells sum to rest (the total less the shown
 * cells), and each lies in [lo[i], hi[i]]; a cell is recoverable when
 * those bounds leave it one possible value.
 */
static int
fig_group_recoverable(const long *lo, const long *hi, size_t n, long rest)
{
	long slo = 0, shi = 0, a, b;
	size_t i;

	for (i = 0; i < n; i++) {
		slo += lo[i];
		shi += hi[i];
	}
	for (i = 0; i < n; i++) {
		a = rest - (shi - hi[i]);
		b = rest - (slo - lo[i]);
		if (a < lo[i])
			a = lo[i];
		if (b > hi[i])
			b = hi[i];
		if (a >= b)
			return 1;
	}
	return 0;
}

/* Suppresses v, recording what a reader can still tell of its numerator
 * from the rules: lo <= num <= hi.  A value already suppressed keeps the
 * bounds it had. */
static int
fig_hide(struct fig_value *v, long lo, long hi)
{
	if (v->suppressed)
		return 0;
	v->suppressed = 1;
	v->lo = lo;
	v->hi = hi;
	return 1;
}

/*
 * Secondary suppression among cells[0..n) that split total: while a
 * suppressed cell could be worked back from the total and the shown cells
 * (each suppressed cell known to lie in its [lo, hi]), also suppress the
 * smallest shown cell that is not zero (the first on a tie); a shown
 * non-zero cell is above t, so it becomes [t + 1, total].  With none left,
 * every cell is suppressed.  Public cells (public[i]) are never hidden.
 * Returns 1 if anything was suppressed.
 */
static int
fig_suppress_cells(struct fig_value **cells, const int *public, size_t n,
    long total, long t)
{
	long *lo, *hi, rest, best;
	size_t i, nsup, bi;
	int changed = 0;

	lo = xcalloc(n ? n : 1, sizeof(*lo));
	hi = xcalloc(n ? n : 1, sizeof(*hi));
	for (;;) {
		rest = total;
		nsup = 0;
		for (i = 0; i < n; i++) {
			if (!cells[i]->suppressed) {
				rest -= cells[i]->num;
				continue;
			}
			lo[nsup] = cells[i]->lo;
			hi[nsup] = cells[i]->hi < total ? cells[i]->hi : total;
			if (lo[nsup] >= hi[nsup]) {
				/* Known from the rules alone (a board with
				 * no case): no secret to protect. */
				rest -= lo[nsup];
				continue;
			}
			nsup++;
		}
		if (nsup == 0 || !fig_group_recoverable(lo, hi, nsup, rest))
			break;
		bi = n;
		best = 0;
		for (i = 0; i < n; i++) {
			if (cells[i]->suppressed || public[i] ||
			    cells[i]->num == 0)
				continue;
			if (bi == n || cells[i]->num < best) {
				bi = i;
				best = cells[i]->num;
			}
		}
		if (bi == n) {
			for (i = 0; i < n; i++)
				if (!public[i])
					changed |= fig_hide(cells[i], 0, total);
			break;
		}
		changed |= fig_hide(cells[bi], t + 1, total);
	}
	free(lo);
	free(hi);
	return changed;
}

/* Secondary suppression within group g of one ledger. */
static int
fig_suppress_group(const struct fig_set *s, struct fig_ledger *l, int g,
    long t)
{
	struct fig_value **cells;
	int *public, changed;
	long total = -1;
	size_t i, n = 0;

	cells = xcalloc(s->ndefs ? s->ndefs : 1, sizeof(*cells));
	public = xcalloc(s->ndefs ? s->ndefs : 1, sizeof(*public));
	for (i = 0; i < s->ndefs; i++)
		if (s->defs[i].group == g) {
			if (total < 0)
				total = l->values[i].tot;
			public[n] = s->defs[i].public;
			cells[n++] = &l->values[i];
		}
	changed = fig_suppress_cells(cells, public, n, total, t);
	free(cells);
	free(public);
	return changed;
}

/*
 * Figures over the children who died: their base, the number of deaths,
 * is itself a cell of the tables that split the children, so when any
 * grouped cell is hidden (or the deaths are t or fewer) every such figure
 * is hidden too, base and all.  Returns 1 if anything changed.
 */
static int
fig_suppress_deaths(const struct fig_set *s, struct fig_ledger *l, long t)
{
	size_t i;
	int any = l->deaths <= t, changed = 0;

	for (i = 0; i < s->ndefs && !any; i++)
		if (s->defs[i].group >= 0 && l->values[i].suppressed)
			any = 1;
	for (i = 0; i < s->ndefs; i++) {
		if (s->defs[i].pop != FIG_POP_DEATHS || s->defs[i].public)
			continue;
		if (any)
			changed |= fig_hide(&l->values[i], 0,
			    l->values[i].tot);
	}
	return changed;
}

/* Applies disclosure control within one ledger (see docs/figures.md). */
static void
fig_suppress(const struct fig_set *s, struct fig_ledger *l,
    const struct fig_acc *acc, long t)
{
	int *smallbase;
	size_t i;

	smallbase = xcalloc(s->ngroups ? s->ngroups : 1, sizeof(*smallbase));

	/* Primary: small numerators, small bases (a count's base is the
	 * units it counts among). */
	for (i = 0; i < s->ndefs; i++) {
		struct fig_value *v = &l->values[i];
		const struct fig_def *d = &s->defs[i];

		if (d->public)
			continue;
		if (acc[i].den <= t)
			fig_hide(v, 0, d->sum != FIG_SUM_NONE ? LONG_MAX :
			    acc[i].den);
		else if (v->num >= 1 && v->num <= t)
			fig_hide(v, 1, t);
		if (d->group >= 0 && acc[i].tot <= t)
			smallbase[d->group] = 1;
	}
	/* A group over a small total is suppressed whole. */
	for (i = 0; i < s->ndefs; i++)
		if (s->defs[i].group >= 0 && smallbase[s->defs[i].group] &&
		    !s->defs[i].public)
			fig_hide(&l->values[i], 0, acc[i].tot);
	for (i = 0; i < s->ngroups; i++)
		if (!smallbase[i])
			fig_suppress_group(s, l, (int)i, t);
	fig_suppress_deaths(s, l, t);
	free(smallbase);
}

/* Sets what follows from the suppression: the text, whether den and
 * not_recorded may be printed, the ledger's flag. */
static void
fig_finish(const struct fig_set *s, struct fig_ledger *l, int suppress,
    long t)
{
	size_t j;

	l->suppressed_any = 0;
	for (j = 0; j < s->ndefs; j++) {
		struct fig_value *v = &l->values[j];
		const struct fig_def *d = &s->defs[j];

		if (v->suppressed) {
			l->suppressed_any = 1;
			if (d->unit != FIG_COUNT && (d->pop == FIG_POP_DEATHS ||
			    d->of->type != FP_TRUE))
				v->den_hidden = 1;
		}
		v->nr_hidden = suppress && (v->suppressed ||
		    (v->not_recorded >= 1 && v->not_recorded <= t));
		free(v->text);
		v->text = fig_format(v, v->style);
	}
}

struct fig_ledger *
fig_aggregate(const struct fig_set *s, const struct cohort *c,
    const struct fig_selection *sel)
{
	struct fig_ledger *l;
	struct fig_acc *acc;
	const struct scr_case *k;
	size_t i, j, nwords;

	l = xcalloc(1, sizeof(*l));
	l->lscb = sel->lscb;
	l->values = xcalloc(s->ndefs ? s->ndefs : 1, sizeof(*l->values));
	l->nvalues = s->ndefs;
	acc = xcalloc(s->ndefs ? s->ndefs : 1, sizeof(*acc));
	nwords = s->nwords < c->nwords ? s->nwords : c->nwords;

	for (i = 0; i < c->ncases; i++) {
		k = &c->cases[i];
		if (sel->lscb >= 0 && k->lscb != (size_t)sel->lscb)
			continue;
		if (!fig_in_period(&c->report, k)) {
			l->out_of_period++;
			continue;
		}
		l->cases++;
		l->children += (long)k->nchildren;
		for (j = 0; j < k->nchildren; j++)
			if (k->children[j].outcome == OUTCOME_DIED)
				l->deaths++;
		for (j = 0; j < s->ndefs; j++)
			fig_add_case(&s->defs[j], &acc[j], &c->codebook,
			    nwords, k);
	}

	for (j = 0; j < s->ndefs; j++) {
		const struct fig_def *d = &s->defs[j];
		struct fig_value *v = &l->values[j];

		v->name = xstrdup(d->name);
		v->unit = d->unit;
		v->style = d->style;
		v->num = acc[j].num;
		v->tot = acc[j].tot;
		v->not_recorded = acc[j].nr;
		v->group = d->group >= 0 ? xstrdup(s->groups[d->group]) : NULL;
		if (d->unit == FIG_COUNT) {
			v->den = 0;
			v->percent = -1;
		} else {
			v->den = acc[j].den;
			v->percent = fig_percent(v->num, v->den);
		}
	}
	if (sel->suppress)
		fig_suppress(s, l, acc, c->report.threshold);
	fig_finish(s, l, sel->suppress, c->report.threshold);
	free(acc);
	return l;
}

struct fig_ledger **
fig_aggregate_boards(const struct fig_set *s, const struct cohort *c)
{
	struct fig_ledger **ls, *region;
	struct fig_selection sel;
	struct fig_value **cells;
	int *public, changed;
	long t = c->report.threshold;
	size_t b, j, n = c->report.nlscbs, rounds;

	ls = xcalloc(n ? n : 1, sizeof(*ls));
	for (b = 0; b < n; b++) {
		sel.lscb = (int)b;
		sel.suppress = 1;
		ls[b] = fig_aggregate(s, c, &sel);
	}
	/* The region as the boards' papers print it beside them. */
	sel.lscb = -1;
	sel.suppress = c->report.suppress_regional;
	region = fig_aggregate(s, c, &sel);
	cells = xcalloc(n ? n : 1, sizeof(*cells));
	public = xcalloc(n ? n : 1, sizeof(*public));

	/* Across boards, then again within each board (a new hidden cell
	 * may expose a group), until nothing changes: every round hides at
	 * least one more cell, so this ends. */
	for (rounds = 0, changed = 1; changed && n > 1; rounds++) {
		changed = 0;
		for (j = 0; j < s->ndefs; j++) {
			if (s->defs[j].public || region->values[j].suppressed)
				continue;
			for (b = 0; b < n; b++) {
				cells[b] = &ls[b]->values[j];
				public[b] = 0;
			}
			changed |= fig_suppress_cells(cells, public, n,
			    region->values[j].num, t);
		}
		for (b = 0; changed && b < n; b++) {
			for (j = 0; j < s->ngroups; j++)
				fig_suppress_group(s, ls[b], (int)j, t);
			fig_suppress_deaths(s, ls[b], t);
		}
	}
	(void)rounds;
	for (b = 0; b < n; b++)
		fig_finish(s, ls[b], 1, t);
	free(cells);
	free(public);
	fig_ledger_free(region);
	return ls;
}

void
fig_boards_free(struct fig_ledger **ls, size_t n)
{
	size_t i;

	if (ls == NULL)
		return;
	for (i = 0; i < n; i++)
		fig_ledger_free(ls[i]);
	free(ls);
}

struct fig_ledger *
fig_aggregate_paper(const struct fig_set *s, const struct cohort *c,
    int lscb)
{
	struct fig_ledger **ls, *l;
	struct fig_selection sel;

	if (lscb < 0 || (size_t)lscb >= c->report.nlscbs) {
		sel.lscb = -1;
		sel.suppress = c->report.suppress_regional;
		return fig_aggregate(s, c, &sel);
	}
	ls = fig_aggregate_boards(s, c);
	l = ls[lscb];
	ls[lscb] = NULL;
	fig_boards_free(ls, c->report.nlscbs);
	return l;
}

void
fig_ledger_free(struct fig_ledger *l)
{
	size_t i;

	if (l == NULL)
		return;
	for (i = 0; i < l->nvalues; i++) {
		free((char *)l->values[i].name);
		free((char *)l->values[i].group);
		free(l->values[i].text);
	}
	free(l->values);
	free(l);
}

const struct fig_value *
fig_ledger_find(const struct fig_ledger *l, const char *name)
{
	size_t i;

	if (l == NULL || name == NULL)
		return NULL;
	for (i = 0; i < l->nvalues; i++)
		if (strcmp(l->values[i].name, name) == 0)
			return &l->values[i];
	return NULL;
}

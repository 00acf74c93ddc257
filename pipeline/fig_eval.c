/*
 * fig_eval.c: the aggregate stage.  One pass over the cohort computes
 * every figure of a fig_set for a selection (the region or one board, in
 * the report period), then applies disclosure control: primary
 * suppression of small numbers, and secondary suppression within each
 * group (table) so that no suppressed cell can be worked back from the
 * total and the other cells.  Pure: no I/O.
 */
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

int
fig_percent(long num, long den)
{
	if (den <= 0)
		return -1;
	/* Half up: floor(100 * num / den + 1/2). */
	return (int)((200 * num + den) / (2 * den));
}

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

/*
 * Secondary suppression in group g: while a suppressed cell could be
 * worked back from the group total and the shown cells, also suppress
 * the smallest shown cell that is not zero (the first in file order on a
 * tie); with none left, suppress the whole group.  secondary[i] is set
 * for cells suppressed here.
 */
static void
fig_suppress_group(const struct fig_set *s, struct fig_ledger *l,
    const struct fig_acc *acc, int g, long t, int *secondary)
{
	size_t i, n, *idx;
	long *lo, *hi, total = -1, rest, best;
	size_t nsup, bi;

	idx = xcalloc(s->ndefs, sizeof(*idx));
	lo = xcalloc(s->ndefs, sizeof(*lo));
	hi = xcalloc(s->ndefs, sizeof(*hi));
	for (i = n = 0; i < s->ndefs; i++)
		if (s->defs[i].group == g) {
			idx[n++] = i;
			if (total < 0)
				total = acc[i].tot;
		}
	for (;;) {
		rest = total;
		nsup = 0;
		for (i = 0; i < n; i++) {
			struct fig_value *v = &l->values[idx[i]];

			if (!v->suppressed) {
				rest -= v->num;
				continue;
			}
			if (secondary[idx[i]]) {
				lo[nsup] = t + 1;
				hi[nsup] = total;
			} else {
				lo[nsup] = 1;
				hi[nsup] = t;
			}
			nsup++;
		}
		if (nsup == 0 || !fig_group_recoverable(lo, hi, nsup, rest))
			break;
		bi = n;
		best = 0;
		for (i = 0; i < n; i++) {
			struct fig_value *v = &l->values[idx[i]];

			if (v->suppressed || s->defs[idx[i]].public ||
			    v->num == 0)
				continue;
			if (bi == n || v->num < best) {
				bi = i;
				best = v->num;
			}
		}
		if (bi == n) {
			for (i = 0; i < n; i++)
				if (!s->defs[idx[i]].public)
					l->values[idx[i]].suppressed = 1;
			break;
		}
		l->values[idx[bi]].suppressed = 1;
		secondary[idx[bi]] = 1;
	}
	free(idx);
	free(lo);
	free(hi);
}

/* Applies disclosure control to l (see docs/figures.md). */
static void
fig_suppress(const struct fig_set *s, struct fig_ledger *l,
    const struct fig_acc *acc, long t)
{
	int *secondary, *smallbase;
	size_t i;

	secondary = xcalloc(s->ndefs ? s->ndefs : 1, sizeof(*secondary));
	smallbase = xcalloc(s->ngroups ? s->ngroups : 1, sizeof(*smallbase));

	/* Primary: small numerators, small bases. */
	for (i = 0; i < s->ndefs; i++) {
		struct fig_value *v = &l->values[i];
		const struct fig_def *d = &s->defs[i];

		if ((v->num >= 1 && v->num <= t) ||
		    (d->unit != FIG_COUNT && v->den <= t))
			v->suppressed = 1;
		if (d->group >= 0 && acc[i].tot <= t)
			smallbase[d->group] = 1;
	}
	/* A group over a small total is suppressed whole. */
	for (i = 0; i < s->ndefs; i++)
		if (s->defs[i].group >= 0 && smallbase[s->defs[i].group])
			l->values[i].suppressed = 1;
	for (i = 0; i < s->ndefs; i++)
		if (s->defs[i].public)
			l->values[i].suppressed = 0;
	for (i = 0; i < s->ngroups; i++)
		if (!smallbase[i])
			fig_suppress_group(s, l, acc, (int)i, t, secondary);
	free(secondary);
	free(smallbase);
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
	for (j = 0; j < s->ndefs; j++) {
		struct fig_value *v = &l->values[j];
		const struct fig_def *d = &s->defs[j];

		if (v->suppressed) {
			l->suppressed_any = 1;
			v->den_hidden = d->unit != FIG_COUNT &&
			    (d->pop == FIG_POP_DEATHS || d->of->type != FP_TRUE);
		}
		v->text = fig_format(v, v->style);
	}
	free(acc);
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

/*
 * fig_eval.c: the aggregate stage.  One pass over the cohort computes
 * every figure of a fig_set for a selection (the region or one board, in
 * the report period).  A suppressed ledger is always computed with every
 * board's and London's, and handed to fig_suppress.c (disclosure
 * control) before its texts are written.  Pure: no I/O.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "diag.h"
#include "case.h"
#include "fig.h"
#include "fig_impl.h"
#include "fig_cache.h"

/* Per-figure running totals during the pass. */
struct fig_acc {
	long	num;	/* units (or summed field) meeting where, in the base */
	long	den;	/* units in the base */
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
		a->nr += nr;
		if (fig_pred_eval(def->where, cb, k, ch))
			a->num++;
	}
}

int
fig_in_period(const struct report *r, const struct scr_case *k)
{
	if (r->period_from > 0 && k->completed < r->period_from)
		return 0;
	if (r->period_to > 0 && k->completed > r->period_to)
		return 0;
	return 1;
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

		(void)d;
		if (!suppress)
			v->suppressed = v->den_hidden = v->nr_hidden = 0;
		if (v->suppressed)
			l->suppressed_any = 1;
		free(v->text);
		v->text = fig_format(v, v->style);
	}
}

/* The index into report.periods of sel's period (period_back counted
 * back from the current one; out of range: the current one). */
static size_t
fig_sel_period(const struct cohort *c, const struct fig_selection *sel)
{
	size_t n = report_nperiods(&c->report);

	if (sel->period_back <= 0 || (size_t)sel->period_back >= n)
		return n - 1;
	return n - 1 - (size_t)sel->period_back;
}

/* fig_count()'s period for every period at once: their total. */
#define FIG_ALL_PERIODS	((size_t)-1)

/* Counts every figure of s over the selection (board lscb, or -1 for
 * the region) in period (index into report.periods, or FIG_ALL_PERIODS
 * for the total over them), with no disclosure
 * control.  out_of_period counts the selected cases in no period at
 * all.  Returns a new ledger; free with fig_ledger_free(). */
static struct fig_ledger *
fig_count(const struct fig_set *s, const struct cohort *c, int lscb,
    size_t period)
{
	int in;

	struct fig_ledger *l;
	struct fig_acc *acc;
	const struct scr_case *k;
	size_t i, j, nwords;

	l = xcalloc(1, sizeof(*l));
	l->lscb = lscb;
	l->values = xcalloc(s->ndefs ? s->ndefs : 1, sizeof(*l->values));
	l->nvalues = s->ndefs;
	acc = xcalloc(s->ndefs ? s->ndefs : 1, sizeof(*acc));
	nwords = s->nwords < c->nwords ? s->nwords : c->nwords;

	for (i = 0; i < c->ncases; i++) {
		k = &c->cases[i];
		if (lscb >= 0 && k->lscb != (size_t)lscb)
			continue;
		if ((in = report_period_of(&c->report, k->completed)) < 0) {
			l->out_of_period++;
			continue;
		}
		if (period != FIG_ALL_PERIODS && (size_t)in != period)
			continue;
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
	fig_finish(s, l, 0, c->report.threshold);
	free(acc);
	return l;
}

/*
 * fig_cache_find() for a solve of c over led[0..n) (step names it): the
 * settings it reads beside its ledgers, region_hidable, the threshold,
 * the periods and boards, the bands, are part of its key.  Returns 1
 * when the cache gave its result (skip the solve).
 */
static int
fig_solve_cached(struct fig_cache_q *q, const struct fig_set *s,
    const struct cohort *c, int region_hidable, struct fig_ledger *const *led,
    size_t n, const char *step)
{
	long *p = xcalloc(4 + c->report.nbands, sizeof(*p));
	size_t i;
	int hit;

	p[0] = region_hidable;
	p[1] = c->report.threshold;
	p[2] = (long)report_nperiods(&c->report);
	p[3] = (long)c->report.nbands;
	for (i = 0; i < c->report.nbands; i++)
		p[4 + i] = c->report.bands[i];
	hit = fig_cache_find(q, s, led, n, step, p, 4 + c->report.nbands);
	free(p);
	return hit;
}

/* Disclosure control of one period's boards ls and London's region
 * (fig_suppress(), then fig_band()), or its result from the solve cache
 * (fig_cache.h) when that holds it.  keep: NULL, or where the solve's
 * solutions go (fig_suppress(); NULL from the cache). */
static void
fig_solve_one(const struct fig_set *s, const struct cohort *c,
    struct fig_ledger **ls, struct fig_ledger *region, int region_hidable,
    struct fig_exact_pool **keep)
{
	struct fig_cache_q q;
	struct fig_ledger **all;
	size_t n = c->report.nlscbs;
	long t = c->report.threshold;

	all = xcalloc(n + 1, sizeof(*all));
	memcpy(all, ls, n * sizeof(*all));
	all[n] = region;
	if (keep != NULL)
		*keep = NULL;
	if (!fig_solve_cached(&q, s, c, region_hidable, all, n + 1, "period")) {
		fig_suppress(s, ls, n, region, region_hidable, t, keep);
		fig_band(s, ls, n, region, region_hidable, t,
		    c->report.bands, c->report.nbands);
		fig_cache_keep(&q, all, n + 1);
	}
	free(all);
}

/*
 * Every board's ledger and London's, disclosure control applied to all
 * of them at once (London's too when region_hidable).  Sets *lsp
 * to a new array of c->report.nlscbs ledgers (free with
 * fig_boards_free()) and *regionp to London's (free with
 * fig_ledger_free()); keep as fig_solve_one() takes it.
 */
static void
fig_aggregate_one(const struct fig_set *s, const struct cohort *c,
    size_t period, int region_hidable, struct fig_ledger ***lsp,
    struct fig_ledger **regionp, struct fig_exact_pool **keep)
{
	struct fig_ledger **ls, *region;
	size_t b, n = c->report.nlscbs;
	long t = c->report.threshold;

	ls = xcalloc(n ? n : 1, sizeof(*ls));
	for (b = 0; b < n; b++)
		ls[b] = fig_count(s, c, (int)b, period);
	region = fig_count(s, c, -1, period);
	fig_solve_one(s, c, ls, region, region_hidable, keep);
	for (b = 0; b < n; b++)
		fig_finish(s, ls[b], 1, t);
	fig_finish(s, region, region_hidable, t);
	*lsp = ls;
	*regionp = region;
}

/* 1 when the periods' bands must be chosen against their totals:
 * pooled periods with bands (docs/disclosure.md, "Pooled periods"). */
static int
fig_pool_bands(const struct cohort *c)
{
	return c->report.pool && c->report.nbands > 0 &&
	    report_nperiods(&c->report) >= 2;
}

/*
 * Which bands every period keeps beside the totals (fig_band_pooled()),
 * for the last cohort and figures asked: each period's ledgers are asked
 * for one at a time (a paper, the ledgers, the audit), and the choice
 * takes every period's and a solve over them all.
 */
static struct {
	const struct fig_set	*s;
	const struct cohort	*c;
	size_t			 np, nb, nf;
	char			*keep;	/* (period, board, figure) -> 1:
					 * its band, if any, is printed */
} fig_bands_kept;

/* 1 when fig_bands_kept holds the choice for s and c. */
static int
fig_bands_valid(const struct fig_set *s, const struct cohort *c)
{
	return fig_bands_kept.keep != NULL && fig_bands_kept.s == s &&
	    fig_bands_kept.c == c &&
	    fig_bands_kept.np == report_nperiods(&c->report) &&
	    fig_bands_kept.nb == c->report.nlscbs &&
	    fig_bands_kept.nf == s->ndefs;
}

/* Period p's boards' ledgers ls as fig_aggregate_one() made them: the
 * bands the choice withdrew withdrawn, texts made again. */
static void
fig_bands_apply(const struct fig_set *s, const struct cohort *c, size_t p,
    struct fig_ledger **ls)
{
	size_t b, i, nb = c->report.nlscbs;

	for (b = 0; b < nb; b++) {
		for (i = 0; i < s->ndefs; i++)
			if (!fig_bands_kept.keep[(p * nb + b) * s->ndefs + i])
				ls[b]->values[i].banded = 0;
		fig_finish(s, ls[b], 1, c->report.threshold);
	}
}

/* Every period's ledgers (boards[p], region[p], NULL ones made by
 * fig_aggregate_one(), with keep[p] when keep is not NULL), then, when
 * pooled with bands, the bands each keeps beside the totals they join;
 * texts made again. */
static void
fig_aggregate_every(const struct fig_set *s, const struct cohort *c,
    int region_hidable, struct fig_ledger ***boards,
    struct fig_ledger **region, struct fig_exact_pool **keep)
{
	struct fig_cache_q q;
	struct fig_ledger **led;
	size_t p, b, i, np = report_nperiods(&c->report), nb = c->report.nlscbs;

	for (p = 0; p < np; p++)
		if (boards[p] == NULL)
			fig_aggregate_one(s, c, p, region_hidable, &boards[p],
			    &region[p], keep != NULL ? &keep[p] : NULL);
	if (!fig_pool_bands(c))
		return;
	if (fig_bands_valid(s, c)) {
		for (p = 0; p < np; p++)
			fig_bands_apply(s, c, p, boards[p]);
		return;
	}
	led = xcalloc(np * (nb + 1), sizeof(*led));
	for (p = 0; p < np; p++) {
		for (b = 0; b < nb; b++)
			led[p * (nb + 1) + b] = boards[p][b];
		led[p * (nb + 1) + nb] = region[p];
	}
	if (!fig_solve_cached(&q, s, c, region_hidable, led, np * (nb + 1),
	    "pooled bands")) {
		fig_band_pooled(s, led, np, nb, region_hidable,
		    c->report.threshold);
		fig_cache_keep(&q, led, np * (nb + 1));
	}
	free(fig_bands_kept.keep);
	fig_bands_kept.s = s;
	fig_bands_kept.c = c;
	fig_bands_kept.np = np;
	fig_bands_kept.nb = nb;
	fig_bands_kept.nf = s->ndefs;
	fig_bands_kept.keep = xcalloc(np * nb * s->ndefs + 1, 1);
	for (p = 0; p < np; p++) {
		for (b = 0; b < nb; b++) {
			for (i = 0; i < s->ndefs; i++)
				fig_bands_kept.keep[(p * nb + b) * s->ndefs +
				    i] = (char)boards[p][b]->values[i].banded;
			fig_finish(s, boards[p][b], 1, c->report.threshold);
		}
		fig_finish(s, region[p], region_hidable, c->report.threshold);
	}
	free(led);
}

/* One period's ledgers, as published: with pooled bands, the bands
 * every period's together leave it.  London's own ledger (region_hidable
 * other than the report's) has no band to keep or withdraw. */
static void
fig_aggregate_all(const struct fig_set *s, const struct cohort *c,
    size_t period, int region_hidable, struct fig_ledger ***lsp,
    struct fig_ledger **regionp)
{
	struct fig_ledger ***boards, **region;
	size_t p, np = report_nperiods(&c->report), nb = c->report.nlscbs;

	if (!fig_pool_bands(c) ||
	    region_hidable != c->report.suppress_regional) {
		fig_aggregate_one(s, c, period, region_hidable, lsp, regionp,
		    NULL);
		return;
	}
	if (!fig_bands_valid(s, c)) {
		boards = xcalloc(np, sizeof(*boards));
		region = xcalloc(np, sizeof(*region));
		fig_aggregate_every(s, c, region_hidable, boards, region,
		    NULL);
		for (p = 0; p < np; p++)
			if (p != period) {
				fig_boards_free(boards[p], nb);
				fig_ledger_free(region[p]);
			}
		*lsp = boards[period];
		*regionp = region[period];
		free(boards);
		free(region);
		return;
	}
	fig_aggregate_one(s, c, period, region_hidable, lsp, regionp, NULL);
	fig_bands_apply(s, c, period, *lsp);
}

/* Reports each relation of s that does not hold in ledger l (of board
 * r, or the region when r is nlscbs) and is not yet in bad[]. */
static void
fig_check_rels(const struct fig_set *s, const struct cohort *c,
    const struct fig_ledger *l, size_t r, int *bad, int *ok, struct diag *d)
{
	size_t k, i;
	long sum;

	for (k = 0; k < s->nrels; k++) {
		const struct fig_rel *rel = &s->rels[k];

		for (i = 0, sum = 0; i < rel->nterms; i++)
			sum += rel->coef[i] * l->values[rel->fig[i]].num;
		if (bad[k] || (rel->op == FIG_REL_EQ ? sum == 0 : sum <= 0))
			continue;
		bad[k] = 1;
		*ok = 0;
		diag_error(d, s->file, rel->line, rel->col, "relation '%s' "
		    "does not hold for %s; a wrong relation misleads readers "
		    "and disclosure control alike", rel->text,
		    r < c->report.nlscbs ? c->report.lscbs[r] : "the region");
	}
}

int
fig_check_data(const struct fig_set *s, const struct cohort *c,
    struct diag *d)
{
	struct fig_ledger *l;
	size_t r, p;
	int ok = 1, *bad;

	bad = xcalloc(s->nrels + 1, sizeof(*bad));
	for (r = 0; r <= c->report.nlscbs; r++)
		for (p = 0; p < report_nperiods(&c->report); p++) {
			l = fig_count(s, c, r < c->report.nlscbs ? (int)r : -1,
			    p);
			fig_check_rels(s, c, l, r, bad, &ok, d);
			fig_ledger_free(l);
		}
	free(bad);
	return ok;
}

struct fig_ledger *
fig_aggregate(const struct fig_set *s, const struct cohort *c,
    const struct fig_selection *sel)
{
	struct fig_ledger **ls, *l;
	size_t period = fig_sel_period(c, sel);

	if (!sel->suppress)
		return fig_count(s, c, sel->lscb, period);
	/* A suppressed ledger is always the one published: suppressed
	 * together with every other board and London of its period. */
	fig_aggregate_all(s, c, period, sel->lscb < 0 ||
	    c->report.suppress_regional, &ls, &l);
	if (sel->lscb >= 0 && (size_t)sel->lscb < c->report.nlscbs) {
		fig_ledger_free(l);
		l = ls[sel->lscb];
		ls[sel->lscb] = NULL;
	}
	fig_boards_free(ls, c->report.nlscbs);
	return l;
}

struct fig_ledger **
fig_aggregate_boards(const struct fig_set *s, const struct cohort *c)
{
	return fig_aggregate_boards_period(s, c,
	    report_nperiods(&c->report) - 1);
}

struct fig_ledger **
fig_aggregate_boards_period(const struct fig_set *s, const struct cohort *c,
    size_t period)
{
	struct fig_ledger **ls, *region;

	if (period >= report_nperiods(&c->report))
		period = report_nperiods(&c->report) - 1;
	fig_aggregate_all(s, c, period, c->report.suppress_regional, &ls,
	    &region);
	fig_ledger_free(region);
	return ls;
}

struct fig_periods *
fig_aggregate_periods(const struct fig_set *s, const struct cohort *c,
    int pooled)
{
	struct fig_cache_q q;
	struct fig_periods *ps;
	struct fig_ledger **led;
	struct fig_exact_pool **keep = NULL;
	size_t p, b, np = report_nperiods(&c->report), nb = c->report.nlscbs;
	int hid = c->report.suppress_regional;

	ps = xcalloc(1, sizeof(*ps));
	ps->nperiods = np;
	ps->nlscbs = nb;
	ps->boards = xcalloc(np, sizeof(*ps->boards));
	ps->region = xcalloc(np, sizeof(*ps->region));
	/* Pooled, each period's solve keeps its solutions for the pooled
	 * steps' exact checks to start from (fig_suppress_pooled()). */
	if (pooled && np >= 2 && fig_suppress_carry &&
	    fig_suppress_carry_periods)
		keep = xcalloc(np, sizeof(*keep));
	fig_aggregate_every(s, c, hid, ps->boards, ps->region, keep);
	if (!pooled)
		return ps;
	ps->pooled = xcalloc(nb ? nb : 1, sizeof(*ps->pooled));
	for (b = 0; b < nb; b++)
		ps->pooled[b] = fig_count(s, c, (int)b, FIG_ALL_PERIODS);
	ps->pooled_region = fig_count(s, c, -1, FIG_ALL_PERIODS);
	led = xcalloc((np + 1) * (nb + 1), sizeof(*led));
	for (p = 0; p <= np; p++) {
		for (b = 0; b < nb; b++)
			led[p * (nb + 1) + b] = p < np ? ps->boards[p][b] :
			    ps->pooled[b];
		led[p * (nb + 1) + nb] = p < np ? ps->region[p] :
		    ps->pooled_region;
	}
	if (!fig_solve_cached(&q, s, c, hid, led, (np + 1) * (nb + 1),
	    "pooled")) {
		fig_suppress_pooled(s, led, np, nb, hid, c->report.threshold,
		    keep);
		fig_cache_keep(&q, led, (np + 1) * (nb + 1));
	}
	for (p = 0; keep != NULL && p < np; p++)
		fig_exact_pool_free(keep[p]);
	free(keep);
	for (b = 0; b < nb; b++)
		fig_finish(s, ps->pooled[b], 1, c->report.threshold);
	fig_finish(s, ps->pooled_region, hid, c->report.threshold);
	free(led);
	return ps;
}

struct fig_ledger *
fig_aggregate_pooled_region(const struct fig_set *s, const struct cohort *c)
{
	struct fig_ledger *l = fig_count(s, c, -1, FIG_ALL_PERIODS);

	fig_finish(s, l, 0, c->report.threshold);
	return l;
}

void
fig_periods_free(struct fig_periods *ps)
{
	size_t p;

	if (ps == NULL)
		return;
	for (p = 0; p < ps->nperiods; p++) {
		fig_boards_free(ps->boards[p], ps->nlscbs);
		fig_ledger_free(ps->region[p]);
	}
	free(ps->boards);
	free(ps->region);
	if (ps->pooled != NULL)
		fig_boards_free(ps->pooled, ps->nlscbs);
	fig_ledger_free(ps->pooled_region);
	free(ps);
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
	return fig_aggregate_paper_period(s, c, lscb,
	    report_nperiods(&c->report) - 1);
}

struct fig_ledger *
fig_aggregate_paper_period(const struct fig_set *s, const struct cohort *c,
    int lscb, size_t period)
{
	struct fig_selection sel;
	size_t n = report_nperiods(&c->report);

	memset(&sel, 0, sizeof(sel));
	sel.lscb = lscb < 0 || (size_t)lscb >= c->report.nlscbs ? -1 : lscb;
	sel.suppress = sel.lscb >= 0 || c->report.suppress_regional;
	sel.period_back = period < n ? (int)(n - 1 - period) : 0;
	return fig_aggregate(s, c, &sel);
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

/*
 * fig_suppress_pool.c: the suppressor's pooled step (fig_suppress_int.h):
 * the periods and their total solved together, one step a period, each
 * with the cells of the earlier steps frozen as printed, bands included.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "case.h"
#include "fig.h"
#include "fig_impl.h"
#include "fig_suppress_int.h"

int fig_suppress_joint = 1;
int fig_suppress_carry = 1;
int fig_suppress_carry_periods = 1;

/* For fig_band.c too (fig_impl.h). */
void
fig_band_nums(long den, int plo, int phi, long *lo, long *hi)
{
	long k;

	*lo = den + 1;
	*hi = -1;
	for (k = 0; k <= den; k++) {
		int p = fig_percent(k, den);

		if (p < plo || p > phi)
			continue;
		if (k < *lo)
			*lo = k;
		*hi = k;
	}
}

/* Reads which cells of row r its ledger hides, as a solve left them,
 * and the bands printed for hidden shares. */
void
fig_sup_read_hidden(struct sup *S, const struct fig_set *s, size_t r)
{
	size_t nf = s->ndefs, i;

	fig_sup_touch_all(S);
	for (i = 0; i < nf; i++) {
		const struct fig_value *v = &S->led[r]->values[i];
		const struct fig_def *d = &s->defs[i];

		S->cells[fig_sup_at(nf, r, (int)i, SUP_NUM)].why =
		    v->suppressed ? (v->why != FIG_SHOWN ? v->why :
		    FIG_WHY_COMPLEMENTARY) : FIG_SHOWN;
		if (d->nrclass == (int)i && v->nr_hidden)
			S->cells[fig_sup_at(nf, r, (int)i, SUP_NR)].why =
			    FIG_WHY_COMPLEMENTARY;
		if (d->of->type != FP_TRUE && d->unit != FIG_COUNT &&
		    v->den_hidden)
			S->cells[fig_sup_at(nf, r, (int)i, SUP_DEN)].why =
			    FIG_WHY_COMPLEMENTARY;
		/* A band printed for a hidden share: the interval of
		 * numerators it gives (fig_band.c). */
		if (v->suppressed && v->banded) {
			struct sup_cell *c = &S->cells[fig_sup_at(nf, r, (int)i,
			    SUP_NUM)];

			fig_band_nums(v->den, v->band_lo, v->band_hi,
			    &c->blo, &c->bhi);
			c->banded = c->blo <= c->bhi;
		}
	}
}

/* A new ledger: rows row of blocks 0 .. n - 1 of led (blocks of nb + 1
 * rows) added up, cell by cell: the counts, bases and not_recorded of
 * disjoint sets of cases add up.  What the solve reads of a ledger, not
 * a printable one. */
struct fig_ledger *
fig_sup_ledger_sum(const struct fig_set *s, struct fig_ledger **led, size_t n,
    size_t nb, size_t row)
{
	struct fig_ledger *l = xcalloc(1, sizeof(*l));
	size_t b, i;

	l->values = xcalloc(s->ndefs ? s->ndefs : 1, sizeof(*l->values));
	l->nvalues = s->ndefs;
	l->lscb = led[row]->lscb;
	for (i = 0; i < s->ndefs; i++) {
		l->values[i].name = xstrdup(s->defs[i].name);
		l->values[i].unit = s->defs[i].unit;
		l->values[i].percent = -1;
	}
	for (b = 0; b < n; b++) {
		const struct fig_ledger *p = led[b * (nb + 1) + row];

		l->cases += p->cases;
		l->children += p->children;
		l->deaths += p->deaths;
		for (i = 0; i < s->ndefs; i++) {
			l->values[i].num += p->values[i].num;
			l->values[i].den += p->values[i].den;
			l->values[i].not_recorded +=
			    p->values[i].not_recorded;
		}
	}
	return l;
}

/* Frees a ledger of fig_sup_ledger_sum() (here, not with fig_ledger_free():
 * the stage of fig_eval.c calls this one, not the other way). */
void
fig_sup_ledger_free(struct fig_ledger *l)
{
	size_t i;

	for (i = 0; i < l->nvalues; i++)
		free((char *)l->values[i].name);
	free(l->values);
	free(l);
}

/*
 * The solutions a step's exact checks found, carried to the next step
 * (its system holds this one's: the same cells and relations, and the
 * next period and total with theirs).  Kept as a pool whose unknowns are
 * cells named over every step, by their block's place in
 * fig_suppress_pooled()'s all[] (a period's block g < np, the total of
 * the first g - np + 2 periods' block g), with each one's difference
 * from its true value.  The next step's exact reader takes one where it
 * fits its bounds and meets every relation (fig_ex_pool_load()), as it
 * takes its own solutions: they settle cells sooner, they never decide
 * one (fig_exact.c), so the ledgers are those without them.  A period's
 * own solve (fig_suppress()) keeps its solutions in the same way, as a
 * step of that period alone, for the steps that add the period.
 */
struct sup_carry {
	size_t	 np, nb, per;	/* periods; boards; cells of a row */
};

/* Block blk of the step of m periods named over every step, and back. */
static size_t
sup_gblock(const struct sup_carry *K, size_t blk, size_t m)
{
	return blk < m ? blk : K->np + blk - m;
}

static size_t
sup_block(const struct sup_carry *K, size_t g, size_t m)
{
	return g < K->np ? g : m + g - K->np;
}

/* The step of m periods' pool as the carry (fig_sup_pool_moves(): any
 * cell it leaves shown is shown in every later step). */
static struct fig_exact_pool *
sup_carry_out(const struct sup_carry *K, const struct sup *S, size_t m)
{
	struct fig_exact_pool *C;
	size_t *gblk = xcalloc(2 * m, sizeof(*gblk)), b;

	for (b = 0; b < 2 * m - 1; b++)
		gblk[b] = sup_gblock(K, b, m);
	C = fig_sup_pool_moves(S, (K->nb + 1) * K->per, gblk);
	free(gblk);
	return C;
}

/* Solutions C as solutions of the step of m periods (S), added to P,
 * the true values elsewhere.  C is a step's carry (sup_carry_out(), of
 * the step before: p is SIZE_MAX) or period p's own (fig_suppress()'s
 * keep, its cells named as in a solve of that period alone).  Where a step's
 * carry moved the last total of the step before, this step's total (that
 * total and this period, at its true values) moves as much; where a
 * period's own moved one of its cells, every total of this step that
 * holds that period (the first p + 1 periods' and on) moves as much. */
static void
sup_carry_add(const struct sup_carry *K, const struct fig_exact_pool *C,
    size_t p, const struct sup *S, size_t m, struct fig_exact_pool *P)
{
	size_t blk = (K->nb + 1) * K->per, *var, k, i, n, nn, c, g, q;
	const size_t *gv;
	const long *dv;
	long *val;

	var = xcalloc(m * S->ncells + 2, sizeof(*var));
	val = xcalloc(m * S->ncells + 2, sizeof(*val));
	for (k = 0; k < fig_exact_pool_count(C); k++) {
		n = fig_exact_pool_get(C, k, &gv, &dv);
		for (i = 0, nn = 0; i < n; i++) {
			g = p != SIZE_MAX ? p : gv[i] / blk;
			c = sup_block(K, g, m) * blk + gv[i] % blk;
			var[nn] = c;
			val[nn++] = S->cells[c].val + dv[i];
			/* The totals of q .. m periods move with it. */
			q = p != SIZE_MAX ? (p + 1 > 2 ? p + 1 : 2) :
			    g == K->np + m - 3 ? m : m + 1;
			for (; q <= m; q++) {
				c = (m + q - 2) * blk + gv[i] % blk;
				var[nn] = c;
				val[nn++] = S->cells[c].val + dv[i];
			}
		}
		fig_exact_pool_add(P, var, val, nn);
	}
	free(var);
	free(val);
}

/* One year's total: blocks 0 .. m - 1 of led are the periods (their
 * cells fixed), then the totals of the first 2, 3, ... m periods, all
 * fixed but the last, whose cells are hidden as far as every relation
 * among them all requires.  *carry: the solutions of the step before,
 * then of this one (sup_carry_out()); periods: NULL, or each period's
 * own (fig_suppress()'s keep, NULL where none). */
static void
sup_pooled_step(const struct fig_set *s, struct fig_ledger **led, size_t m,
    const struct sup_carry *K, struct fig_exact_pool **carry,
    struct fig_exact_pool *const *periods, int region_hidable, long t)
{
	struct sup S;
	struct fig_exact_pool *in;
	char *hide;
	size_t nf = s->ndefs, nb = K->nb, c, r, i, p;
	size_t last = (2 * m - 2) * (nb + 1);

	memset(&S, 0, sizeof(S));
	fig_sup_build(&S, s, led, 2 * m - 1, nb, region_hidable, (int)m);
	/* The step before's solutions, and this period's own (the first
	 * step: both periods'). */
	in = fig_exact_pool_new();
	if (*carry != NULL)
		sup_carry_add(K, *carry, SIZE_MAX, &S, m, in);
	for (p = m == 2 ? 0 : m - 1; periods != NULL && p < m; p++)
		if (periods[p] != NULL)
			sup_carry_add(K, periods[p], p, &S, m, in);
	fig_work.carried += fig_exact_pool_count(in);
	if (fig_exact_pool_count(in) > 0)
		S.pool_in = in;
	else
		fig_exact_pool_free(in);
	/* Every period's cells as its own solve left them; every earlier
	 * total's as its year's solve did. */
	for (r = 0; r < last; r++) {
		fig_sup_read_hidden(&S, s, r);
		for (i = 0; i < nf; i++)
			for (c = 0; c < 3; c++)
				S.cells[fig_sup_at(nf, r, (int)i,
				    c)].frozen = 1;
	}
	/* No secret: what London and the public numbers say alone; and,
	 * of the total, what the periods' cells and the earlier totals as
	 * published say (a total no hiding of its own can protect). */
	hide = xcalloc(S.ncells ? S.ncells : 1, 1);
	for (c = 0; c < S.ncells; c++)
		hide[c] = S.cells[c].hidable;
	fig_sup_known(&S, hide);
	fig_sup_tick(&S);
	for (c = 0; c < S.ncells; c++)
		hide[c] = !S.cells[c].frozen && S.cells[c].hidable;
	fig_sup_known(&S, hide);
	fig_sup_tick(&S);
	fig_sup_solve(&S, s, t);
	fig_exact_pool_free(*carry);
	*carry = fig_suppress_carry && m < K->np ? sup_carry_out(K, &S, m) :
	    NULL;
	fig_sup_write(&S, s, last);
	free(hide);
	fig_sup_free(&S);
}

void
fig_suppress_pooled(const struct fig_set *s, struct fig_ledger **led,
    size_t np, size_t nb, int region_hidable, long t,
    struct fig_exact_pool *const *periods)
{
	struct fig_ledger **all, **step;
	struct fig_exact_pool *carry = NULL;
	struct sup_carry K;
	size_t pool = np * (nb + 1), m, q, r, k;

	if (!fig_suppress_joint || np < 2) {
		/* The total as a period of its own: what the tests show
		 * leaks (or, of one period, that period again). */
		fig_suppress(s, led + pool, nb, led[pool + nb],
		    region_hidable, t, NULL);
		return;
	}
	/*
	 * Published every year with pool on, the total grows by a period
	 * a year: this year's less last year's is the current period.  So
	 * the totals of the first 2, 3, ... np - 1 periods are made again
	 * here, each suppressed as its year's solve did (the same periods
	 * fixed, the totals before it fixed), and this year's total is
	 * solved with all of them fixed beside it.  The periods' blocks
	 * then the totals', each of nb + 1 rows (docs/disclosure.md).
	 */
	all = xcalloc((2 * np - 1) * (nb + 1), sizeof(*all));
	memcpy(all, led, pool * sizeof(*all));
	for (q = 0; q + 2 < np; q++)
		for (r = 0; r <= nb; r++)
			all[pool + q * (nb + 1) + r] = fig_sup_ledger_sum(s,
			    led, q + 2, nb, r);
	memcpy(all + pool + (np - 2) * (nb + 1), led + pool,
	    (nb + 1) * sizeof(*all));
	step = xcalloc((2 * np - 1) * (nb + 1), sizeof(*step));
	K.np = np;
	K.nb = nb;
	K.per = 3 * s->ndefs;
	fig_sup_begin("");
	for (m = 2; m <= np; m++) {
		char what[160];

		snprintf(what, sizeof(what), "the total over %zu periods, "
		    "step %zu of %zu (the first %zu periods), %zu boards",
		    np, m - 1, np - 1, m, nb);
		snprintf(fig_sup_what, sizeof(fig_sup_what), "%s", what);
		if (fig_sup_said)
			fprintf(stderr, "scrpaper: suppressing small numbers, "
			    "%s\n", what);
		/* The first m periods, then the totals of 2 .. m. */
		k = 0;
		for (r = 0; r < m * (nb + 1); r++)
			step[k++] = all[r];
		for (q = 0; q + 1 < m; q++)
			for (r = 0; r <= nb; r++)
				step[k++] = all[pool + q * (nb + 1) + r];
		fig_sup_past = m < np;
		sup_pooled_step(s, step, m, &K, &carry, periods,
		    region_hidable, t);
		fig_sup_past = 0;
	}
	for (q = 0; q + 2 < np; q++)
		for (r = 0; r <= nb; r++)
			fig_sup_ledger_free(all[pool + q * (nb + 1) + r]);
	fig_exact_pool_free(carry);
	free(step);
	free(all);
}

/*
 * fig_suppress_choose.c: the suppressor's choice (fig_suppress_int.h):
 * the cells that may be hidden, the cheapest one that takes part in the
 * relations that gave a cell away, the primary and small-base rules, and
 * what the region's figures and the public numbers say alone.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "case.h"
#include "fig.h"
#include "fig_impl.h"
#include "fig_suppress_int.h"

/* Returns 1 if cell c may be hidden to protect another. */
static int
sup_candidate(const struct sup *S, size_t c)
{
	return S->cells[c].hidable && !fig_sup_hidden(S, c) &&
	    !S->cells[c].known && !S->cells[c].frozen;
}

static const struct sup *sup_sort_ctx;	/* for sup_cost_cmp */
static size_t sup_sort_row;

/* Orders candidates by value, then a cell of the pinned cell's row
 * first, then by position. */
static int
sup_cost_cmp(const void *a, const void *b)
{
	const struct sup_cell *x = &sup_sort_ctx->cells[*(const size_t *)a];
	const struct sup_cell *y = &sup_sort_ctx->cells[*(const size_t *)b];

	if (x->val != y->val)
		return x->val < y->val ? -1 : 1;
	if ((x->row == sup_sort_row) != (y->row == sup_sort_row))
		return x->row == sup_sort_row ? -1 : 1;
	return *(const size_t *)a < *(const size_t *)b ? -1 : 1;
}

/*
 * Marks in S->incone the cells whose starting ranges view 0's bounds of
 * x rest on: x, and the cells of every relation that narrowed a cell
 * reached so far (S->used).  Hiding a shown cell outside them cannot
 * widen x: every narrowing that pinned x still holds, from premises
 * that did not change.  Lists them in list[]; returns their number.
 * A relation is read once (S->kseen[k] set to stamp): read again, every
 * cell of it is marked already.
 */
static size_t
sup_cone(struct sup *S, size_t x, size_t *list, size_t stamp)
{
	size_t n = 0, i, j, t, c;

	S->incone[x] = 1;
	list[n++] = x;
	for (i = 0; i < n; i++) {
		c = list[i];
		for (j = S->adjoff[c]; j < S->adjoff[c + 1]; j++) {
			const struct sup_con *k = &S->cons[S->adj[j]];

			if (!S->used[j] || S->kseen[S->adj[j]] == stamp)
				continue;
			S->kseen[S->adj[j]] = stamp;
			fig_work.terms += k->n;
			for (t = 0; t < k->n; t++)
				if (!S->incone[k->cell[t]]) {
					S->incone[k->cell[t]] = 1;
					list[n++] = k->cell[t];
				}
		}
	}
	return n;
}

/* Whether candidate c is reasoned over: with a cone (ncone > 0), only
 * one inside it can unpin the cell (sup_cone()). */
static int
sup_tried(const struct sup *S, size_t c, size_t ncone)
{
	return ncone == 0 || S->incone[c];
}

/* Every candidate of cand[0..n) that would be tried (sup_tried())
 * hidden (why FIG_WHY_COMPLEMENTARY) or shown again (FIG_SHOWN). */
static void
sup_ring_set(struct sup *S, const size_t *cand, size_t n, size_t ncone,
    int why)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (sup_tried(S, cand[i], ncone))
			fig_sup_set_why(S, cand[i], why);
}

/*
 * Whether x stays pinned with every candidate of cand[0..n) that would
 * be tried (sup_tried()) hidden at once: then it stays pinned with any
 * one of them hidden, since hiding fewer cells never widens a bound
 * propagation gives, and none of them need be tried alone.  Fewer than
 * two such candidates: 0 (one trial is as cheap).
 */
static int
sup_ring_pins(struct sup *S, size_t x, const size_t *cand, size_t n,
    size_t ncone)
{
	size_t i, k = 0;
	int pins;

	for (i = 0; i < n; i++)
		k += sup_tried(S, cand[i], ncone);
	if (k < 2)
		return 0;
	sup_ring_set(S, cand, n, ncone, FIG_WHY_COMPLEMENTARY);
	pins = fig_sup_reason(S, 0) && S->lo[x] == S->hi[x];
	sup_ring_set(S, cand, n, ncone, FIG_SHOWN);
	return pins;
}

/* Whether hiding c alone leaves x with two values or more.  Since view
 * 0 was last reasoned over (fig_sup_choose(), the trial before or
 * sup_ring_pins()), only the cells hidden for that and c changed: the
 * reasoning compares those alone (fig_sup_set_why()). */
static int
sup_unpins(struct sup *S, size_t x, size_t c)
{
	int t;

	fig_sup_set_why(S, c, FIG_WHY_COMPLEMENTARY);
	t = fig_sup_reason(S, 0) && S->lo[x] < S->hi[x];
	fig_sup_set_why(S, c, FIG_SHOWN);
	return t;
}

/*
 * The first of a ring's candidates cand[0..n), cheapest first, whose
 * hiding alone leaves x with two values or more, or (size_t)-1.  One
 * outside x's cone is not tried (sup_tried()); after SUP_BATCH_AFTER, the
 * rest are tried only where hiding them all at once unpins x
 * (sup_ring_pins()).
 */
static size_t
sup_ring_try(struct sup *S, size_t x, const size_t *cand, size_t n,
    size_t ncone)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (fig_suppress_batch && i == SUP_BATCH_AFTER &&
		    sup_ring_pins(S, x, cand + i, n - i, ncone))
			break;
		if (!sup_tried(S, cand[i], ncone)) {
#ifdef SUP_VERIFY
			/* The candidate the cone rules out: x stays pinned
			 * when it is hidden. */
			if (sup_unpins(S, x, cand[i])) {
				fprintf(stderr, "sup_verify: cell %zu outside "
				    "the cone of %zu unpins it\n", cand[i], x);
				abort();
			}
#endif
			continue;
		}
		if (sup_unpins(S, x, cand[i]))
			return cand[i];
	}
	return (size_t)-1;
}

/*
 * The cheapest shown cell to hide so that cell x is no longer pinned.
 * The candidates are the shown cells of x's constraints (and, if none,
 * of the constraints of the hidden cells next to x, and so on outwards),
 * cheapest first (smallest value; a cell of x's own row on a tie): the
 * first whose hiding alone leaves x with two values or more wins, else
 * the cheapest.  Returns (size_t)-1 if there is no candidate.  When
 * propagation alone pins x, a candidate outside x's cone (sup_cone())
 * leaves it pinned and is not reasoned over: the choice is the same,
 * the work is the cone's, not a reasoning a candidate.  After
 * SUP_BATCH_AFTER candidates of a ring have failed, the rest are
 * reasoned over together once (sup_ring_pins()): where x stays pinned,
 * none of them is tried alone, and the choice is again the same (a
 * cell that no single candidate unpins is asked about call after call,
 * each hiding the cheapest; bench/README.md, "tenth look").
 */
size_t
fig_sup_choose(struct sup *S, size_t x)
{
	size_t *front, *next, *cand, *cone, nfront = 1, nnext, ncand = 0;
	size_t c, depth, best = (size_t)-1, ncone = 0, i, j, t, *seen, me;
	size_t stamp;

	front = xreallocarray(NULL, S->ncells + 1, sizeof(*front));
	next = xreallocarray(NULL, S->ncells + 1, sizeof(*next));
	cand = xreallocarray(NULL, S->ncells + 1, sizeof(*cand));
	cone = xreallocarray(NULL, S->ncells + 1, sizeof(*cone));
	seen = S->seen;
	/* A stamp for the cone's relations, another for the rings'. */
	stamp = ++S->nchoose;
	me = ++S->nchoose;
	/* View 0 as the cells are now (the trials below reason from it),
	 * and x's cone when propagation alone pins x. */
	if (S->truth && fig_sup_reason(S, 0) && fig_suppress_cone &&
	    S->lo[x] == S->hi[x])
		ncone = sup_cone(S, x, cone, stamp);
	front[0] = x;
	seen[x] = me;
	sup_sort_ctx = S;
	sup_sort_row = S->cells[x].row;
	for (depth = 0; depth < 4 && nfront > 0 && best == (size_t)-1;
	    depth++) {
		size_t first = ncand;

		nnext = 0;
		for (i = 0; i < nfront; i++)
			for (j = S->adjoff[front[i]];
			    j < S->adjoff[front[i] + 1]; j++) {
				const struct sup_con *k = &S->cons[S->adj[j]];

				/* A relation read once a call: read again,
				 * every cell of it is seen already. */
				if (S->kseen[S->adj[j]] == me)
					continue;
				S->kseen[S->adj[j]] = me;
				fig_work.terms += k->n;
				for (t = 0; t < k->n; t++) {
					c = k->cell[t];
					if (seen[c] == me)
						continue;
					seen[c] = me;
					if (sup_candidate(S, c))
						cand[ncand++] = c;
					else if (fig_sup_hidden(S, c))
						next[nnext++] = c;
				}
			}
		memcpy(front, next, nnext * sizeof(*front));
		nfront = nnext;
		/* This ring's candidates, cheapest first, tried one by
		 * one. */
		qsort(cand + first, ncand - first, sizeof(*cand),
		    sup_cost_cmp);
		best = sup_ring_try(S, x, cand + first, ncand - first <
		    SUP_TRIALS ? ncand - first : SUP_TRIALS, ncone);
	}
	/* None alone unpins x: the cheapest of the nearest ring. */
	if (best == (size_t)-1 && ncand > 0)
		best = cand[0];
	for (i = 0; i < ncone; i++)
		S->incone[cone[i]] = 0;
	free(front);
	free(next);
	free(cand);
	free(cone);
	return best;
}

/* The primary rules (docs/disclosure.md), and a share over a hidden base
 * hidden with it. */
void
fig_sup_primary(struct sup *S, const struct fig_set *s, long t)
{
	size_t c;

	for (c = 0; c < S->ncells; c++) {
		const struct sup_cell *x = &S->cells[c];
		const struct fig_def *d = &s->defs[x->fig];
		const struct fig_ledger *l = S->led[x->row];
		long base = fig_sup_base(d, l);

		if (!x->hidable || x->frozen)
			continue;
		if (base < 0 && s->deaths_fig >= 0)
			base = l->values[s->deaths_fig].num;
		if (x->kind == SUP_DEN) {
			if (x->val <= t)
				fig_sup_set_why(S, c, FIG_WHY_SMALL_BASE);
			continue;
		}
		if (d->sum != FIG_SUM_NONE)
			base = l->cases;
		if (d->of->type != FP_TRUE && d->unit != FIG_COUNT)
			base = l->values[x->fig].den;
		if (base <= t)
			fig_sup_set_why(S, c, FIG_WHY_SMALL_BASE);
		else if (x->val >= 1 && x->val <= t)
			fig_sup_set_why(S, c, FIG_WHY_PRIMARY);
	}
}

/* The base cell of figure i in row r (a share's narrowed base, or the
 * deaths), or (size_t)-1 when its base is a public number. */
size_t
fig_sup_base_cell(const struct fig_set *s, size_t r, size_t i)
{
	const struct fig_def *d = &s->defs[i];
	size_t nf = s->ndefs;

	if (d->of->type != FP_TRUE && d->unit != FIG_COUNT)
		return fig_sup_at(nf, r, (int)i, SUP_DEN);
	if (d->pop == FIG_POP_DEATHS && d->unit != FIG_COUNT &&
	    s->deaths_fig >= 0)
		return fig_sup_at(nf, r, s->deaths_fig, SUP_NUM);
	return (size_t)-1;
}

/* The base rule on the share of figure i in row r. */
static void
sup_base_one(struct sup *S, const struct fig_set *s, size_t r, size_t i)
{
	size_t c = fig_sup_at(s->ndefs, r, (int)i, SUP_NUM), b;

	fig_work.cells++;
	if ((b = fig_sup_base_cell(s, r, i)) == (size_t)-1 ||
	    S->cells[c].frozen)
		return;
	if (S->cells[c].why == FIG_WHY_BASE_HIDDEN && !fig_sup_hidden(S, b))
		fig_sup_set_why(S, c, FIG_SHOWN);
	else if (S->cells[c].why == FIG_SHOWN && fig_sup_hidden(S, b) &&
	    S->cells[c].hidable)
		fig_sup_set_why(S, c, FIG_WHY_BASE_HIDDEN);
}

/*
 * A share whose base is hidden is hidden too (its percentage would give
 * the base away); recomputed after every change.  A base is a figure's
 * own base cell or the count of the children who died, whose own base
 * is none (or itself): the rule never changes a base, so each share
 * follows from its own cell and its base alone, in any order.  After a
 * pass every share is settled, so the next pass need look only at the
 * cells changed since (S->bdirty) and the shares whose base they are.
 */
void
fig_sup_base_rule(struct sup *S, const struct fig_set *s)
{
	size_t nf = s->ndefs, r, i, k, c;

	if (S->ball || !fig_suppress_dirty) {
		for (r = 0; r < S->nrows; r++)
			for (i = 0; i < nf; i++)
				sup_base_one(S, s, r, i);
	} else
		/* The list grows with the shares changed here, each
		 * settled when looked at again. */
		for (k = 0; k < S->nbdirty; k++) {
			c = S->bdirty[k];
			r = S->cells[c].row;
			i = (size_t)S->cells[c].fig;
			if (S->cells[c].kind != SUP_NR)
				sup_base_one(S, s, r, i);
			if (S->cells[c].kind == SUP_NUM &&
			    (int)i == s->deaths_fig)
				for (i = 0; i < nf; i++)
					sup_base_one(S, s, r, i);
		}
	for (k = 0; k < S->nbdirty; k++)
		S->isbdirty[S->bdirty[k]] = 0;
	S->nbdirty = 0;
	S->ball = 0;
#ifdef SUP_VERIFY
	/* A full pass changes nothing more. */
	for (r = 0; r < S->nrows; r++)
		for (i = 0; i < nf; i++)
			sup_base_one(S, s, r, i);
	if (S->nbdirty != 0) {
		fprintf(stderr, "sup_verify: the base rule left cell %zu "
		    "unsettled\n", S->bdirty[0]);
		abort();
	}
#endif
}

/* Marks known every hidden cell a reader can pin from the cells shown
 * with every cell in hide[] (1: hidden) hidden: what is no secret of a
 * board.  The cells' why is left as it was. */
void
fig_sup_known(struct sup *S, const char *hide)
{
	int *save;
	size_t c;

	save = xcalloc(S->ncells ? S->ncells : 1, sizeof(*save));
	fig_work.cells += S->ncells;
	for (c = 0; c < S->ncells; c++) {
		save[c] = S->cells[c].why;
		if (hide[c])
			fig_sup_set_why(S, c, FIG_WHY_PRIMARY);
	}
	if (fig_sup_reason(S, 1))
		for (c = 0; c < S->ncells; c++)
			if (fig_sup_hidden(S, c) && S->lo[c] == S->hi[c]) {
				S->cells[c].known = 1;
				fig_sup_touch(S, c);
			}
	for (c = 0; c < S->ncells; c++)
		fig_sup_set_why(S, c, save[c]);
	free(save);
}

/* When no cell near c is left to hide: the cheapest shown cell of c's
 * row that may be hidden, or (size_t)-1. */
size_t
fig_sup_row_cheapest(struct sup *S, size_t c)
{
	size_t x, best = (size_t)-1;

	sup_sort_ctx = S;
	sup_sort_row = S->cells[c].row;
	fig_work.cells += S->ncells;
	for (x = 0; x < S->ncells; x++)
		if (S->cells[x].row == S->cells[c].row &&
		    sup_candidate(S, x) && (best == (size_t)-1 ||
		    sup_cost_cmp(&x, &best) < 0))
			best = x;
	return best;
}

/* When c's row has nothing left to hide either: the cheapest shown
 * cell that may be hidden of c's figure in another row of c's block
 * (London's figure is their sum), else anywhere; or (size_t)-1. */
size_t
fig_sup_any_cheapest(struct sup *S, size_t c)
{
	size_t x, best = (size_t)-1, blk = S->cells[c].row / (S->nb + 1);
	int pass;

	sup_sort_ctx = S;
	sup_sort_row = S->cells[c].row;
	for (pass = 0; pass < 2 && best == (size_t)-1; pass++)
		for (x = 0; x < S->ncells; x++)
			if (sup_candidate(S, x) && (pass == 1 ||
			    (S->cells[x].fig == S->cells[c].fig &&
			    S->cells[x].kind == S->cells[c].kind &&
			    S->cells[x].row / (S->nb + 1) == blk)) &&
			    (best == (size_t)-1 || sup_cost_cmp(&x, &best) < 0))
				best = x;
	return best;
}

int fig_suppress_cone = 1;
int fig_suppress_batch = 1;

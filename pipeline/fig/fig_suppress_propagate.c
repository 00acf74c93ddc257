/*
 * fig_suppress_propagate.c: the reader's steps (fig_suppress_int.h):
 * integer bound propagation over the relations, every narrowing
 * remembered so that a probe (one value tried for one cell) can be
 * undone, and the probes of view 1 recorded, so that one tried again
 * starts from where it ended (sup_try_warm()).
 */
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "fig.h"
#include "fig_impl.h"
#include "fig_suppress_int.h"

/* Queues relation k to propagate, once. */
void
fig_sup_enqueue(struct sup *S, size_t k)
{
	if (S->inq[k])
		return;
	S->inq[k] = 1;
	S->queue[S->qtail] = k;
	S->qtail = (S->qtail + 1) % (S->ncons + 1);
}

/* Cell c's bounds in view 1 changed (struct sup, kst): every record
 * whose probe read them is out of date. */
void
fig_sup_bump(struct sup *S, size_t c)
{
	size_t j, t;

	if (S->trial || S->nobump || S->lo != S->view[1].lo)
		return;
	t = ++S->tick;
	for (j = S->adjoff[c]; j < S->adjoff[c + 1]; j++)
		S->kst[S->adj[j]] = t;
}

/* The view whose bounds S->lo, S->hi are, or NULL for bounds of no
 * view (fig_sup_verify()'s). */
static struct sup_view *
sup_view_of(struct sup *S)
{
	if (S->lo == S->view[0].lo)
		return &S->view[0];
	if (S->lo == S->view[1].lo)
		return &S->view[1];
	return NULL;
}

/* The sums kept of the bounds S->lo, S->hi, or NULL. */
static struct sup_act *
sup_act(struct sup *S)
{
	struct sup_view *V = sup_view_of(S);

	return V != NULL && fig_suppress_sums ? &V->act : NULL;
}

/* Cell c's bit among view V's pinned cells (struct sup_view), as its
 * bounds and why are now. */
static void
sup_pin(const struct sup *S, struct sup_view *V, size_t c)
{
	uint64_t bit = (uint64_t)1 << (c % 64);
	int on;

	if (V->pinstale)
		return;
	on = fig_sup_pins(S, V->lo, V->hi, c);
	if (on == ((V->pin[c / 64] & bit) != 0))
		return;
	V->pin[c / 64] ^= bit;
	if (on)
		V->npin++;
	else
		V->npin--;
}

void
fig_sup_view_forget(struct sup *S)
{
	struct sup_view *V = sup_view_of(S);

	if (V != NULL) {
		V->act.epoch++;
		V->pinstale = 1;
	}
}

size_t
fig_sup_pin_first(struct sup *S, int probe)
{
	struct sup_view *V = &S->view[probe != 0];
	size_t c, w, nw = (S->ncells + 63) / 64;

	if (V->pinstale) {
		memset(V->pin, 0, (nw + 1) * sizeof(*V->pin));
		V->npin = 0;
		V->pinstale = 0;
		fig_work.cells += S->ncells;
		for (c = 0; c < S->ncells; c++)
			sup_pin(S, V, c);
	}
	fig_work.cells++;
	if (V->npin == 0)
		return (size_t)-1;
	for (w = 0; w < nw; w++) {
		fig_work.cells++;
		if (V->pin[w] != 0)
			return w * 64 + (size_t)__builtin_ctzll(V->pin[w]);
	}
	return (size_t)-1;
}

/* Cell c's bounds become [lo, hi]: the sums of its relations follow
 * (struct sup_act), then the bounds. */
static void
sup_bounds(struct sup *S, size_t c, long lo, long hi)
{
	struct sup_act *A = sup_act(S);
	struct sup_view *V;
	long a, w, dlo = lo - S->lo[c], dhi = hi - S->hi[c];
	size_t j;
	int eq = S->lo[c] == S->hi[c];

	for (j = S->adjoff[c]; A != NULL && j < S->adjoff[c + 1]; j++) {
		struct sup_sum *u = &A->s[S->adj[j]];

		if (u->stamp != A->epoch)
			continue;
		a = S->adjcoef[j];
		u->min += a > 0 ? a * dlo : a * dhi;
		u->max += a > 0 ? a * dhi : a * dlo;
		w = (a > 0 ? a : -a) * (hi - lo);
		if (w > u->w)
			u->w = w;
	}
	S->lo[c] = lo;
	S->hi[c] = hi;
	/* Its bit changes only with whether it is pinned. */
	if ((lo == hi) != eq && (V = sup_view_of(S)) != NULL)
		sup_pin(S, V, c);
}

void
fig_sup_set_bounds(struct sup *S, size_t c, long lo, long hi)
{
	if (lo != S->lo[c] || hi != S->hi[c])
		sup_bounds(S, c, lo, hi);
}

/* Narrows cell c to [lo, hi] (remembered, to be undone) and queues no
 * relation.  Returns 0 if the range is empty. */
static int
sup_narrow_quiet(struct sup *S, size_t c, long lo, long hi)
{
	if (lo <= S->lo[c] && hi >= S->hi[c])
		return 1;
	if (S->ntrail == S->trailcap) {
		S->trailcap = S->trailcap ? 2 * S->trailcap : 1024;
		S->trail = xreallocarray(S->trail, S->trailcap,
		    sizeof(*S->trail));
	}
	S->trail[S->ntrail].cell = c;
	S->trail[S->ntrail].lo = S->lo[c];
	S->trail[S->ntrail++].hi = S->hi[c];
	sup_bounds(S, c, lo > S->lo[c] ? lo : S->lo[c],
	    hi < S->hi[c] ? hi : S->hi[c]);
	return S->lo[c] <= S->hi[c];
}

/* Narrows cell c to [lo, hi], remembering the old bounds, and queues its
 * relations.  Returns 0 if the range is empty. */
int
fig_sup_narrow(struct sup *S, size_t c, long lo, long hi)
{
	size_t i;

	if (lo <= S->lo[c] && hi >= S->hi[c])
		return 1;
	if (!sup_narrow_quiet(S, c, lo, hi))
		return 0;
	fig_sup_bump(S, c);
	for (i = S->adjoff[c]; i < S->adjoff[c + 1]; i++) {
		/* Only propagation narrows view 0 (no probing there). */
		if (S->adj[i] == S->curcon && S->lo == S->view[0].lo)
			S->used[i] = 1;
		fig_sup_enqueue(S, S->adj[i]);
	}
	return 1;
}

/* Puts back the bounds narrowed since the trail held mark entries. */
static void
sup_undo(struct sup *S, size_t mark)
{
	while (S->ntrail > mark) {
		S->ntrail--;
		sup_bounds(S, S->trail[S->ntrail].cell,
		    S->trail[S->ntrail].lo, S->trail[S->ntrail].hi);
	}
}

static long
sup_floordiv(long a, long b)
{
	long q = a / b;

	if ((a % b != 0) && ((a < 0) != (b < 0)))
		q--;
	return q;
}

static long
sup_ceildiv(long a, long b)
{
	return -sup_floordiv(-a, b);
}

/* Relation k's sums over the bounds as they stand, read whole, and kept
 * in A (when the bounds are a view's). */
static void
sup_sums(struct sup *S, struct sup_act *A, size_t ki, long *smin,
    long *smax, long *wmax)
{
	const struct sup_con *k = &S->cons[ki];
	long a, lo, hi, w;
	size_t i;

	fig_work.terms += k->n;
	*smin = *smax = *wmax = 0;
	for (i = 0; i < k->n; i++) {
		a = k->coef[i];
		lo = S->lo[k->cell[i]];
		hi = S->hi[k->cell[i]];
		*smin += a > 0 ? a * lo : a * hi;
		*smax += a > 0 ? a * hi : a * lo;
		w = (a > 0 ? a : -a) * (hi - lo);
		if (w > *wmax)
			*wmax = w;
	}
	if (A != NULL) {
		A->s[ki].min = *smin;
		A->s[ki].max = *smax;
		A->s[ki].w = *wmax;
		A->s[ki].stamp = A->epoch;
	}
}

#ifdef SUP_VERIFY
#include <stdio.h>
/* The sums kept of relation ki against the sums read whole. */
static void
sup_sums_verify(struct sup *S, size_t ki)
{
	struct sup_act *A = sup_act(S);
	long smin, smax, wmax, kmin = A->s[ki].min, kmax = A->s[ki].max,
	    kw = A->s[ki].w;

	sup_sums(S, A, ki, &smin, &smax, &wmax);
	if (smin != kmin || smax != kmax || wmax > kw) {
		fprintf(stderr, "sup_verify: relation %zu kept [%ld, %ld] "
		    "w %ld, read [%ld, %ld] w %ld\n", ki, kmin, kmax, kw,
		    smin, smax, wmax);
		abort();
	}
	A->s[ki].w = kw;
}
#endif

/* Bound propagation until nothing changes.  Returns 0 on a
 * contradiction (the queue is emptied either way). */
int
fig_sup_propagate(struct sup *S)
{
	struct sup_act *A = sup_act(S);
	const struct sup_con *k;
	long smin, smax, a, rmin, rmax, lo, hi, w, wmax, slo, shi;
	size_t ki, i;
	int ok = 1, whole;

	while (S->qhead != S->qtail) {
		ki = S->queue[S->qhead];
		S->qhead = (S->qhead + 1) % (S->ncons + 1);
		S->inq[ki] = 0;
		if (!ok)
			continue;
		k = &S->cons[ki];
		S->curcon = ki;
		/* The sums kept, where they are current: the relation is
		 * read whole only when they say a term may narrow, and its
		 * widest term is then known exactly. */
		whole = A == NULL || A->s[ki].stamp != A->epoch;
		if (whole)
			sup_sums(S, A, ki, &smin, &smax, &wmax);
		else {
#ifdef SUP_VERIFY
			sup_sums_verify(S, ki);
#endif
			fig_work.terms++;
			smin = A->s[ki].min;
			smax = A->s[ki].max;
			wmax = A->s[ki].w;
		}
		if (smin > k->rhs || (k->op == FIG_REL_EQ && smax < k->rhs)) {
			ok = 0;
			continue;
		}
		/* A cell's range narrows only where the slack of the sum
		 * is less than its coefficient times its width: not at
		 * all if no cell's is (a fixed cell never narrows). */
		slo = k->rhs - smin;
		shi = k->op == FIG_REL_EQ ? smax - k->rhs : wmax;
		if (!whole && (slo < wmax || shi < wmax)) {
			sup_sums(S, A, ki, &smin, &smax, &wmax);
			shi = k->op == FIG_REL_EQ ? smax - k->rhs : wmax;
		}
		if (slo >= wmax && shi >= wmax)
			continue;
		fig_work.terms += k->n;
		for (i = 0; i < k->n && ok; i++) {
			size_t c = k->cell[i];

			a = k->coef[i];
			if (a == 0)
				continue;
			w = (a > 0 ? a : -a) * (S->hi[c] - S->lo[c]);
			if (slo >= w && shi >= w)
				continue;
			/* The rest of the sum lies in [rmin, rmax]. */
			rmin = smin - (a > 0 ? a * S->lo[c] : a * S->hi[c]);
			rmax = smax - (a > 0 ? a * S->hi[c] : a * S->lo[c]);
			lo = S->lo[c];
			hi = S->hi[c];
			/* a * x <= rhs - rmin */
			if (a > 0)
				hi = sup_floordiv(k->rhs - rmin, a);
			else
				lo = sup_ceildiv(k->rhs - rmin, a);
			if (k->op == FIG_REL_EQ) {
				/* a * x >= rhs - rmax */
				if (a > 0)
					lo = sup_ceildiv(k->rhs - rmax, a);
				else
					hi = sup_floordiv(k->rhs - rmax, a);
			}
			if (!fig_sup_narrow(S, c, lo, hi))
				ok = 0;
		}
	}
	S->curcon = (size_t)-1;
	return ok;
}

/* Returns 1 if cell c is hidden. */
int
fig_sup_hidden(const struct sup *S, size_t c)
{
	return S->cells[c].why != FIG_SHOWN;
}

int
fig_sup_pins(const struct sup *S, const long *lo, const long *hi, size_t c)
{
	return lo[c] == hi[c] && fig_sup_hidden(S, c) && !S->cells[c].known;
}

void
fig_sup_touch(struct sup *S, size_t c)
{
	struct sup_view *V;
	int i;

	for (i = 0; i < 2; i++) {
		V = &S->view[i];
		sup_pin(S, V, c);
		if (V->alldirty || V->isdirty[c])
			continue;
		V->isdirty[c] = 1;
		V->dirty[V->ndirty++] = c;
	}
}

void
fig_sup_set_why(struct sup *S, size_t c, int why)
{
	if (S->cells[c].why == why)
		return;
	S->cells[c].why = why;
	fig_sup_touch(S, c);
	if (!S->ball && !S->isbdirty[c]) {
		S->isbdirty[c] = 1;
		S->bdirty[S->nbdirty++] = c;
	}
}

void
fig_sup_touch_all(struct sup *S)
{
	S->view[0].alldirty = S->view[1].alldirty = 1;
	S->view[0].pinstale = S->view[1].pinstale = 1;
	S->ball = 1;
}

/* Returns 1 if cell c can take the value v as far as bounds propagation
 * tells; the bounds are left as they were. */
int
fig_sup_try(struct sup *S, size_t c, long v)
{
	size_t mark = S->ntrail;
	int ok;

	fig_work.probes++;
	S->trial = 1;
	ok = fig_sup_narrow(S, c, v, v) && fig_sup_propagate(S);
	sup_undo(S, mark);
	S->trial = 0;
	return ok;
}

/*
 * From c's record r (fig_sup_try_rec()): the cells it narrowed put back
 * to where they ended (cut to today's bounds), and only the relations of
 * theirs with a cell whose bounds changed since propagated again.  The
 * others see the bounds the record's propagation left them at, where
 * they held; every relation away from those cells holds at today's
 * bounds (a fixpoint).  Returns 1 if that survives: then so does c's
 * value, since the greatest fixpoint below today's bounds with c at it
 * holds the one reached here, which is not empty.
 */
static int
sup_try_warm(struct sup *S, const struct sup_rec *r)
{
	size_t i, j, d;

	for (i = 0; i < r->nn; i++)
		if (!sup_narrow_quiet(S, r->n[i].cell, r->n[i].lo,
		    r->n[i].hi))
			return 0;
	for (i = 0; i < r->nn; i++) {
		d = r->n[i].cell;
		fig_work.cells += S->adjoff[d + 1] - S->adjoff[d];
		for (j = S->adjoff[d]; j < S->adjoff[d + 1]; j++)
			if (S->kst[S->adj[j]] >= r->at)
				fig_sup_enqueue(S, S->adj[j]);
	}
	return fig_sup_propagate(S);
}

/*
 * fig_sup_try() of the lowest (side 0) or highest (side 1) value v cell
 * c may take, in view 1: first from c's record of that side when it
 * tried the same value (sup_try_warm()), else from today's bounds
 * alone.  Where v survives, the cells its propagation narrowed are
 * recorded with where they ended.  Returns 1 if v survives.
 */
int
fig_sup_try_rec(struct sup *S, size_t c, int side, long v)
{
	struct sup_rec *r = &S->rec[2 * c + side];
	size_t mark = S->ntrail, i, d, id;
	int ok = 0;

	S->trial = 1;
	if (fig_suppress_memo && r->at > S->floor && r->v == v &&
	    !(ok = sup_try_warm(S, r)))
		sup_undo(S, mark);
	if (!ok) {
		fig_work.probes++;
		ok = fig_sup_narrow(S, c, v, v) && fig_sup_propagate(S);
	}
	if (ok && S->ntrail - mark <= SUP_REC_MAX) {
		if (r->cap < S->ntrail - mark) {
			r->cap = S->ntrail - mark;
			r->n = xreallocarray(r->n, r->cap, sizeof(*r->n));
		}
		id = ++S->tick;
		for (i = mark, r->nn = 0; i < S->ntrail; i++) {
			d = S->trail[i].cell;
			if (S->cseen[d] == id)
				continue;
			S->cseen[d] = id;
			if (d > UINT32_MAX || S->lo[d] < INT32_MIN ||
			    S->hi[d] > INT32_MAX)
				break;
			r->n[r->nn].cell = (uint32_t)d;
			r->n[r->nn].lo = (int32_t)S->lo[d];
			r->n[r->nn++].hi = (int32_t)S->hi[d];
		}
		/* A record cut short is none. */
		r->at = i == S->ntrail ? ++S->tick : 0;
		r->v = v;
	}
	sup_undo(S, mark);
	S->trial = 0;
	return ok;
}

int fig_suppress_memo = 1;
int fig_suppress_sums = 1;

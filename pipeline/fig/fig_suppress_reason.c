/*
 * fig_suppress_reason.c: what a reader can tell from the cells shown
 * (fig_suppress_int.h): bound propagation (fig_suppress_propagate.c),
 * then every value of each small remaining range tried (probing), done
 * again only where the cells shown changed; the hidden cells pinned.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "case.h"
#include "fig.h"
#include "fig_impl.h"
#include "fig_suppress_int.h"

/*
 * What a reader can tell of every cell: shown and known cells are
 * fixed, hidden ones lie in [0, ub]; then bounds propagation and, when
 * probe is set, for every hidden cell with a range of at most SUP_PROBE,
 * every value tried in turn, until nothing changes.  Returns 0 when the
 * shown values are inconsistent with the relations (a wrong relation in
 * figures.yaml).
 */
static int
sup_reason_full(struct sup *S, int probe)
{
	size_t c;
	long v, flo, fhi;
	int changed, any;

	S->ntrail = 0;
	fig_work.cells += S->ncells;
	if (S->lo == S->view[1].lo)
		S->floor = ++S->tick;
	if (S->lo == S->view[0].lo)
		memset(S->used, 0, S->adjoff[S->ncells] + 1);
	fig_sup_view_forget(S);
	for (c = 0; c < S->ncells; c++) {
		if (!fig_sup_hidden(S, c) || S->cells[c].known)
			S->lo[c] = S->hi[c] = S->cells[c].val;
		else {
			S->lo[c] = S->cells[c].banded ? S->cells[c].blo : 0;
			S->hi[c] = S->cells[c].banded ? S->cells[c].bhi :
			    S->cells[c].ub;
		}
	}
	for (c = 0; c < S->ncons; c++)
		fig_sup_enqueue(S, c);
	if (!fig_sup_propagate(S))
		return 0;
	if (!probe)
		return 1;
	do {
		changed = 0;
		fig_work.cells += S->ncells;
		for (c = 0; c < S->ncells; c++) {
			if (!fig_sup_hidden(S, c) || S->lo[c] == S->hi[c] ||
			    S->hi[c] - S->lo[c] > SUP_PROBE)
				continue;
			/* Only the hull of the values that survive matters:
			 * the smallest, tried upwards, and the largest,
			 * tried downwards down to it. */
			flo = fhi = -1;
			any = 0;
			for (v = S->lo[c]; v <= S->hi[c] && !any; v++)
				if (fig_sup_try(S, c, v)) {
					flo = fhi = v;
					any = 1;
				}
			if (!any)
				return 0;
			for (v = S->hi[c]; v > flo; v--)
				if (fig_sup_try(S, c, v)) {
					fhi = v;
					break;
				}
			if (flo > S->lo[c] || fhi < S->hi[c]) {
				changed = 1;
				if (!fig_sup_narrow(S, c, flo, fhi) ||
				    !fig_sup_propagate(S))
					return 0;
			}
		}
	} while (changed);
	return 1;
}

/* The range cell c starts from: its value if shown or known, else its
 * band or [0, ub]. */
static void
sup_start(const struct sup *S, size_t c, long *lo, long *hi)
{
	const struct sup_cell *x = &S->cells[c];

	if (!fig_sup_hidden(S, c) || x->known)
		*lo = *hi = x->val;
	else if (x->banded) {
		*lo = x->blo;
		*hi = x->bhi;
	} else {
		*lo = 0;
		*hi = x->ub;
	}
}

/* Adds cell c to the region to reason again. */
static void
sup_rgn_add(struct sup *S, size_t *n, size_t c)
{
	if (S->inrgn[c])
		return;
	S->inrgn[c] = 1;
	S->rgn[(*n)++] = c;
}

/*
 * Grows the region rgn[0..n) (the cells whose start changed) to every
 * cell a relation joins to it through cells that are not fixed, before
 * or now, and lists the relations of all of them in rcon.  Returns the
 * number of relations; *n is the region's size.
 */
static size_t
sup_rgn_grow(struct sup *S, const struct sup_view *V, size_t *n)
{
	size_t i, j, t, nk = 0;

	for (i = 0; i < *n; i++) {
		size_t c = S->rgn[i];

		for (j = S->adjoff[c]; j < S->adjoff[c + 1]; j++) {
			const struct sup_con *k = &S->cons[S->adj[j]];

			if (S->inrcon[S->adj[j]])
				continue;
			S->inrcon[S->adj[j]] = 1;
			S->rcon[nk++] = S->adj[j];
			fig_work.terms += k->n;
			for (t = 0; t < k->n; t++)
				if (V->ilo[k->cell[t]] < V->ihi[k->cell[t]])
					sup_rgn_add(S, n, k->cell[t]);
		}
	}
	for (i = 0; i < nk; i++)
		S->inrcon[S->rcon[i]] = 0;
	return nk;
}

/* Numbers the parts of the region's open cells (lo < hi) that relations
 * join, into S->comp, each with a stamp of 1. */
static void
sup_parts(struct sup *S, size_t n)
{
	size_t i, j, t, p = 0, top, nk = 0, c, d;
	size_t *stack = S->rcon;	/* free again by now */
	size_t *cells = S->cstack;

	for (i = 0; i < n; i++)
		S->comp[S->rgn[i]] = (size_t)-1;
	for (i = 0; i < n; i++) {
		c = S->rgn[i];
		S->tried[c] = 0;
		if (S->lo[c] == S->hi[c] || S->comp[c] != (size_t)-1)
			continue;
		S->stamp[p] = 1;
		S->comp[c] = p;
		top = 0;
		cells[top++] = c;
		while (top > 0) {
			c = cells[--top];
			for (j = S->adjoff[c]; j < S->adjoff[c + 1]; j++) {
				const struct sup_con *k = &S->cons[S->adj[j]];

				if (S->inrcon[S->adj[j]])
					continue;
				S->inrcon[S->adj[j]] = 1;
				stack[nk++] = S->adj[j];
				fig_work.terms += k->n;
				for (t = 0; t < k->n; t++) {
					d = k->cell[t];
					if (S->lo[d] < S->hi[d] &&
					    S->comp[d] == (size_t)-1) {
						S->comp[d] = p;
						cells[top++] = d;
					}
				}
			}
		}
		p++;
	}
	for (i = 0; i < nk; i++)
		S->inrcon[stack[i]] = 0;
}

/*
 * Probing over the region rgn[0..n), after propagation: every open
 * hidden cell of range at most SUP_PROBE narrowed to the values that
 * survive, until nothing changes, as sup_reason_full() does over every
 * cell.  A cell is tried again only when its part changed since it was
 * last tried, and its true value is never tried (the true values meet
 * every relation and lie in every range: propagation cannot refute
 * them).  Returns 0 on a contradiction.
 */
static int
sup_probe(struct sup *S, size_t n)
{
	size_t i, c, t, mark;
	long v, flo, fhi;
	int changed, any;

	sup_parts(S, n);
	do {
		changed = 0;
		fig_work.cells += n;
		for (i = 0; i < n; i++) {
			c = S->rgn[i];
			if (!fig_sup_hidden(S, c) || S->lo[c] == S->hi[c] ||
			    S->hi[c] - S->lo[c] > SUP_PROBE ||
			    S->tried[c] == S->stamp[S->comp[c]] + 1)
				continue;
			flo = fhi = -1;
			any = 0;
			for (v = S->lo[c]; v <= S->hi[c] && !any; v++)
				if (v == S->cells[c].val ||
				    fig_sup_try_rec(S, c, 0, v)) {
					flo = fhi = v;
					any = 1;
				}
			if (!any)
				return 0;
			for (v = S->hi[c]; v > flo; v--)
				if (v == S->cells[c].val ||
				    fig_sup_try_rec(S, c, 1, v)) {
					fhi = v;
					break;
				}
			if (flo > S->lo[c] || fhi < S->hi[c]) {
				changed = 1;
				mark = S->ntrail;
				if (!fig_sup_narrow(S, c, flo, fhi) ||
				    !fig_sup_propagate(S))
					return 0;
				for (t = mark; t < S->ntrail; t++)
					S->stamp[S->comp[S->trail[t].cell]]++;
			} else
				S->tried[c] = S->stamp[S->comp[c]] + 1;
		}
	} while (changed);
	return 1;
}

#ifdef SUP_VERIFY
#include <stdio.h>
/* A build with -DSUP_VERIFY checks every incremental fig_sup_reason()
 * against sup_reason_full() and aborts on any difference. */
void
fig_sup_verify(struct sup *S, int probe)
{
	long *lo = S->lo, *hi = S->hi;
	size_t n = S->ncells ? S->ncells : 1, c;

	S->lo = xcalloc(n, sizeof(long));
	S->hi = xcalloc(n, sizeof(long));
	if (!sup_reason_full(S, probe)) {
		fprintf(stderr, "sup_verify: full reasoning fails\n");
		abort();
	}
	for (c = 0; c < S->ncells; c++)
		if (S->lo[c] != lo[c] || S->hi[c] != hi[c]) {
			fprintf(stderr, "sup_verify: cell %zu [%ld, %ld] "
			    "against [%ld, %ld]\n", c, lo[c], hi[c],
			    S->lo[c], S->hi[c]);
			abort();
		}
	free(S->lo);
	free(S->hi);
	S->lo = lo;
	S->hi = hi;
}
#endif

/*
 * View 0 (propagation alone) after the cells rgn[0..n) changed their
 * starting ranges, from the fixpoint it held: what the change makes
 * false is retracted, not the whole part the relations join to it.
 * A cell whose start only narrowed keeps its bounds, cut to the new
 * start.  A cell whose start widened starts again, and so does every
 * cell a relation narrowed (S->used) with a cell that starts again
 * among its terms, and so on: the bounds of every other cell were
 * reached from premises that still hold, so they still contain the
 * greatest fixpoint below the new starting ranges, and propagation
 * from there along the relations of what changed reaches that fixpoint
 * (the one sup_reason_full() reaches: it is unique).  Returns 0 on a
 * contradiction.
 */
static int
sup_retract(struct sup *S, struct sup_view *V, size_t n)
{
	size_t i, j, t, c, d, nr = 0, nn = 0, nk = 0;
	long lo, hi;

	for (i = 0; i < n; i++) {
		c = S->rgn[i];
		S->inrgn[c] = 0;
		sup_start(S, c, &lo, &hi);
		if (lo >= V->ilo[c] && hi <= V->ihi[c])
			S->rgn[nn++] = c;	/* narrowed only */
		else {
			S->inrst[c] = 1;
			S->rst[nr++] = c;
		}
		V->ilo[c] = lo;
		V->ihi[c] = hi;
	}
	/* Retracted: the widened cells and what was reasoned from them. */
	for (i = 0; i < nr; i++) {
		c = S->rst[i];
		for (j = S->adjoff[c]; j < S->adjoff[c + 1]; j++) {
			const struct sup_con *k = &S->cons[S->adj[j]];

			if (S->inrcon[S->adj[j]])
				continue;
			S->inrcon[S->adj[j]] = 1;
			S->rcon[nk++] = S->adj[j];
			fig_work.terms += k->n;
			for (t = 0; t < k->n; t++) {
				d = k->cell[t];
				if (!S->inrst[d] && S->used[k->at[t]]) {
					S->inrst[d] = 1;
					S->rst[nr++] = d;
				}
			}
		}
	}
	fig_work.cells += nr + nn;
	S->ntrail = 0;
	for (i = 0; i < nk; i++) {
		S->inrcon[S->rcon[i]] = 0;
		fig_sup_enqueue(S, S->rcon[i]);
	}
	for (i = 0; i < nr; i++) {
		c = S->rst[i];
		S->inrst[c] = 0;
		sup_start(S, c, &V->ilo[c], &V->ihi[c]);
		fig_sup_set_bounds(S, c, V->ilo[c], V->ihi[c]);
		memset(S->used + S->adjoff[c], 0, S->adjoff[c + 1] -
		    S->adjoff[c]);
	}
	for (i = 0; i < nn; i++) {
		c = S->rgn[i];
		fig_sup_set_bounds(S, c, S->lo[c] < V->ilo[c] ? V->ilo[c] :
		    S->lo[c], S->hi[c] > V->ihi[c] ? V->ihi[c] : S->hi[c]);
		if (S->lo[c] > S->hi[c])
			return 0;
		for (j = S->adjoff[c]; j < S->adjoff[c + 1]; j++)
			fig_sup_enqueue(S, S->adj[j]);
	}
	return fig_sup_propagate(S);
}

/* View 1 forgets the last narrowing (sup_narrowed()). */
static void
sup_forget(struct sup_view *V)
{
	size_t i;

	for (i = 0; i < V->nustart; i++)
		V->inu[V->ustart[i].cell] = 0;
	V->nustart = 0;
	V->nundo = 0;
}

/*
 * When every cell the last narrowing changed is among the cells
 * rgn[0..*n) whose start changed, and starts again from where it
 * started before (a cell shown again, then hidden again), the fixpoint
 * from before the narrowing is restored and those cells leave the
 * list: the rest changed from that fixpoint's starts.  Returns 1 if so.
 */
static int
sup_back(struct sup *S, struct sup_view *V, size_t *n)
{
	size_t i, j, c;
	long lo, hi;

	if (V->nustart == 0)
		return 0;
	for (i = 0; i < V->nustart; i++) {
		c = V->ustart[i].cell;
		sup_start(S, c, &lo, &hi);
		if (!S->inrgn[c] || lo != V->ustart[i].lo ||
		    hi != V->ustart[i].hi)
			return 0;
	}
	fig_work.cells += *n + V->nundo;
	for (i = V->nundo; i-- > 0;) {
		c = V->undo[i].cell;
		fig_sup_set_bounds(S, c, V->undo[i].lo, V->undo[i].hi);
		fig_sup_bump(S, c);
	}
	for (i = 0; i < V->nustart; i++) {
		c = V->ustart[i].cell;
		S->inrgn[c] = 0;
		V->ilo[c] = V->ustart[i].lo;
		V->ihi[c] = V->ustart[i].hi;
	}
	for (i = j = 0; i < *n; i++)
		if (!V->inu[S->rgn[i]])
			S->rgn[j++] = S->rgn[i];
	*n = j;
	sup_forget(V);
	return 1;
}

/*
 * View 1 after the cells rgn[0..n) changed their start, when every one
 * only narrowed: the fixpoint from before still holds every value the
 * new one does (propagation and probing are monotone, and their
 * fixpoint below the starting ranges is unique), so it is cut to the
 * new starts and propagation and probing go on from there, over the
 * cells the relations join to the change.  What it narrows is kept
 * (sup_back()).  Returns 1 when done, 0 when a start widened (nothing
 * done), -1 on a contradiction.
 */
static int
sup_narrowed(struct sup *S, struct sup_view *V, size_t n)
{
	size_t i, c, n0 = n;
	long lo, hi;

	for (i = 0; i < n; i++) {
		sup_start(S, S->rgn[i], &lo, &hi);
		if (lo < V->ilo[S->rgn[i]] || hi > V->ihi[S->rgn[i]])
			return 0;
	}
	for (i = 0; i < n; i++) {
		c = S->rgn[i];
		V->ustart[i].cell = c;
		V->ustart[i].lo = V->ilo[c];
		V->ustart[i].hi = V->ihi[c];
		V->inu[c] = 1;
	}
	V->nustart = n;
	(void)sup_rgn_grow(S, V, &n);
	fig_work.cells += n;
	S->ntrail = 0;
	V->valid = 0;
	for (i = 0; i < n; i++)
		S->inrgn[S->rgn[i]] = 0;
	for (i = 0; i < n0; i++) {
		c = S->rgn[i];
		sup_start(S, c, &V->ilo[c], &V->ihi[c]);
		if (!fig_sup_narrow(S, c, V->ilo[c], V->ihi[c]))
			return -1;
	}
	if (!fig_sup_propagate(S) || !sup_probe(S, n))
		return -1;
	if (V->undocap < S->ntrail) {
		V->undocap = S->ntrail;
		V->undo = xreallocarray(V->undo, V->undocap,
		    sizeof(*V->undo));
	}
	if (S->ntrail > 0)
		memcpy(V->undo, S->trail, S->ntrail * sizeof(*V->undo));
	V->nundo = S->ntrail;
	V->valid = 1;
	return 1;
}

/* View V has compared every cell changed: none is listed any more. */
static void
sup_clean(struct sup_view *V)
{
	size_t i;

	for (i = 0; i < V->ndirty; i++)
		V->isdirty[V->dirty[i]] = 0;
	V->ndirty = 0;
	V->alldirty = 0;
}

/* Cell c compared with view V's copy of it: added to the region when
 * its start changed.  Returns 0 when its true value lies outside its
 * start. */
static int
sup_compare(struct sup *S, struct sup_view *V, size_t c, size_t *n)
{
	long lo, hi;

	fig_work.cells++;
	if (memcmp(&S->cells[c], &V->was[c], sizeof(*S->cells)) == 0)
		return 1;
	sup_start(S, c, &lo, &hi);
	if (S->cells[c].val < lo || S->cells[c].val > hi)
		return 0;
	if (lo != V->ilo[c] || hi != V->ihi[c])
		sup_rgn_add(S, n, c);
	V->was[c] = S->cells[c];
	return 1;
}

/*
 * The cells whose starting range changed since view V's last reasoning,
 * into rgn[0..*np): where V is valid, only the cells changed since
 * (V->dirty, kept by fig_sup_set_why() and fig_sup_touch(), unless
 * fig_suppress_dirty is 0) are compared, else every cell; the cells
 * themselves are remembered (V->was).  Returns 0 when a true value lies
 * outside a start (V is then invalid).
 */
static int
sup_changed(struct sup *S, struct sup_view *V, size_t *np)
{
	size_t c, i, n = 0, b, e;
	long lo, hi;

	if (V->valid && fig_suppress_dirty && !V->alldirty) {
		for (i = 0; i < V->ndirty; i++)
			if (!sup_compare(S, V, V->dirty[i], &n))
				goto outside;
#ifdef SUP_VERIFY
		for (c = 0; c < S->ncells; c++)
			if (memcmp(&S->cells[c], &V->was[c],
			    sizeof(*S->cells)) != 0) {
				fprintf(stderr, "sup_verify: cell %zu changed "
				    "unlisted\n", c);
				abort();
			}
#endif
		b = S->ncells;	/* no scan */
	} else {
		b = 0;
		fig_work.cells += S->ncells;
	}
	for (; b < S->ncells; b = e) {
		e = b + SUP_BLOCK < S->ncells ? b + SUP_BLOCK : S->ncells;
		if (V->valid && memcmp(&S->cells[b], &V->was[b],
		    (e - b) * sizeof(*S->cells)) == 0)
			continue;
		for (c = b; c < e; c++) {
			sup_start(S, c, &lo, &hi);
			if (S->cells[c].val < lo || S->cells[c].val > hi)
				goto outside;
			if (!V->valid || lo != V->ilo[c] || hi != V->ihi[c])
				sup_rgn_add(S, &n, c);
		}
		memcpy(&V->was[b], &S->cells[b], (e - b) * sizeof(*S->cells));
	}
	sup_clean(V);
	*np = n;
	return 1;
outside:
	for (i = 0; i < n; i++)
		S->inrgn[S->rgn[i]] = 0;
	V->valid = 0;
	sup_clean(V);
	return 0;
}

/*
 * View V after the cells rgn[0..n) changed their start: every open cell
 * the relations join to them starts again, then propagation and (probe)
 * probing over them.  Where the part's bounds come back as they were,
 * the records of view 1 that read them hold: ticked only where they
 * differ.  Returns 0 on a contradiction.
 */
static int
sup_restart(struct sup *S, struct sup_view *V, int probe, size_t n)
{
	size_t i, c, nk;

	/* The cells added are those whose start did not change: open
	 * before if and only if open now. */
	nk = sup_rgn_grow(S, V, &n);
	fig_work.cells += n;
	S->nobump = 1;
	for (i = 0; i < n; i++) {
		c = S->rgn[i];
		S->save[i].lo = S->lo[c];
		S->save[i].hi = S->hi[c];
		S->inrgn[c] = 0;
		sup_start(S, c, &V->ilo[c], &V->ihi[c]);
		fig_sup_set_bounds(S, c, V->ilo[c], V->ihi[c]);
		if (!probe)
			memset(S->used + S->adjoff[c], 0, S->adjoff[c + 1] -
			    S->adjoff[c]);
	}
	S->ntrail = 0;
	for (i = 0; i < nk; i++)
		fig_sup_enqueue(S, S->rcon[i]);
	V->valid = 0;
	if (!fig_sup_propagate(S)) {
		S->nobump = 0;
		return 0;
	}
	S->nobump = 0;
	for (i = 0; i < n; i++)
		if (S->lo[S->rgn[i]] != S->save[i].lo ||
		    S->hi[S->rgn[i]] != S->save[i].hi)
			fig_sup_bump(S, S->rgn[i]);
	if (probe && !sup_probe(S, n))
		return 0;
	V->valid = 1;
	return 1;
}

/*
 * What a reader can tell of every cell, as sup_reason_full() computes
 * it, but starting again only where the starting ranges changed since
 * the last call of the same kind (struct sup_view).  When the true
 * values do not meet the relations or lie outside a starting range (a
 * contradiction is then possible), sup_reason_full() itself.
 */
int
fig_sup_reason(struct sup *S, int probe)
{
	struct sup_view *V = &S->view[probe != 0];
	size_t n = 0;

	S->lo = V->lo;
	S->hi = V->hi;
	fig_work.reasons++;
	if (!S->truth || !sup_changed(S, V, &n)) {
		sup_forget(V);
		return sup_reason_full(S, probe);
	}
	if (!probe && V->valid && fig_suppress_retract) {
		/* View 0 from its fixpoint: only what the change
		 * retracts. */
		V->valid = 0;
		if (!sup_retract(S, V, n)) {
			/* the queue is empty (fig_sup_propagate()) */
			return sup_reason_full(S, probe);
		}
		V->valid = 1;
		goto done;
	}
	/* View 1: back to the fixpoint before the last narrowing, or on
	 * from the last fixpoint when this change only narrows. */
	if (probe && V->valid && n > 0 && fig_suppress_memo) {
		if (sup_back(S, V, &n) && n == 0)
			goto done;
		sup_forget(V);
		switch (sup_narrowed(S, V, n)) {
		case 1:
			goto done;
		case -1:
			sup_forget(V);
			return sup_reason_full(S, probe);
		}
	}
	if (!sup_restart(S, V, probe, n))
		return sup_reason_full(S, probe);
done:
#ifdef SUP_VERIFY
	fig_sup_verify(S, probe);
#endif
	return 1;
}

/* The first hidden cell not known already that the bounds pin, read
 * from every cell, or (size_t)-1. */
static size_t
sup_pin_scan(struct sup *S)
{
	size_t c;

	fig_work.cells += S->ncells;
	for (c = 0; c < S->ncells; c++)
		if (fig_sup_pins(S, S->lo, S->hi, c))
			return c;
	return (size_t)-1;
}

/* Returns a hidden cell a reader can pin to one value that is no
 * secret already, or (size_t)-1: first by bounds propagation alone
 * (cheap), then trying values too.  Returns SUP_BROKEN when the shown
 * values contradict the relations. */
size_t
fig_sup_pinned(struct sup *S)
{
	size_t c;
	int probe;

	for (probe = 0; probe < 2; probe++) {
		if (!fig_sup_reason(S, probe))
			return SUP_BROKEN;
		if (!fig_suppress_pins)
			c = sup_pin_scan(S);
		else
			c = fig_sup_pin_first(S, probe);
#ifdef SUP_VERIFY
		if (c != sup_pin_scan(S)) {
			fprintf(stderr, "sup_verify: pinned cell %zu kept, "
			    "%zu found\n", c, sup_pin_scan(S));
			abort();
		}
#endif
		if (c != (size_t)-1)
			return c;
	}
	return (size_t)-1;
}

int fig_suppress_retract = 1;
int fig_suppress_dirty = 1;
int fig_suppress_pins = 1;

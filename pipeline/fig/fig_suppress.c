/*
 * fig_suppress.c: disclosure control over the boards' ledgers and
 * London's, all at once.  Every number a ledger prints is a cell: a
 * figure's numerator, the not_recorded count of its base, the base of a
 * share narrowed by `of`.  A cell is hidden when it is small (primary),
 * when its base is (small base), or when a share's base is hidden; then,
 * while any hidden cell can be pinned to one value from what is shown,
 * through the relations of figures.yaml within a board and within
 * London, London = the sum of the boards for every cell, and the bounds
 * of every share, one more shown cell is hidden, the cheapest (smallest)
 * that takes part in the relation that gave the cell away.  A last pass
 * shows again every complementary cell the others make unnecessary.
 * "Pinned" is decided by integer bound propagation, then by trying every
 * value of each small remaining range.  What London's published figures
 * say by themselves (a board with no review is 0; a London 0 is 0 for
 * every board) is no secret of a board and is not counted as pinned.
 * For fig_eval.c only; docs/disclosure.md says what it guarantees.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util.h"
#include "case.h"
#include "fig.h"
#include "fig_impl.h"

#define SUP_INF		1000000000000L	/* no upper bound known */
#define SUP_PROBE	64		/* widest range tried value by value */
#define SUP_TRIALS	64		/* candidates tried for one cell */
#define SUP_BROKEN	((size_t)-2)	/* the relations do not hold */
#define SUP_BLOCK	32		/* cells compared at once */
#define SUP_SAY_AFTER	5		/* CPU seconds before a word on
					 * standard error */

enum sup_kind { SUP_NUM, SUP_NR, SUP_DEN };

/* The work of the solves since the process began (fig_impl.h). */
struct fig_work fig_work;

struct sup_cell {
	size_t		 row;	/* board index, or nb for London */
	int		 fig;	/* figure (NR: the first of its class) */
	enum sup_kind	 kind;
	long		 val;	/* the true value */
	long		 ub;	/* upper bound a reader knows from the
				 * public numbers of reviews and children */
	int		 hidable; /* 0: always shown (public, or London's
				 * published figure) */
	int		 why;	/* FIG_WHY_*: FIG_SHOWN if shown */
	int		 known;	/* pinned by what London and the public
				 * numbers say alone: no secret */
	int		 frozen; /* an earlier solve fixed it (a period's
				 * cell beside a pooled total): never
				 * hidden or shown here */
	size_t		 order;	/* complementary: when it was chosen */
	int		 banded; /* hidden, but printed as a band: a reader
				 * knows blo <= val <= bhi (fig_band.c) */
	long		 blo, bhi;
};

/* sum of coef[i] * cell[i] (= or <=) rhs */
struct sup_con {
	enum fig_rel_op	 op;
	size_t		 n;
	size_t		*cell;
	long		*coef;
	long		 rhs;
};

struct sup_trail {
	size_t	cell;
	long	lo, hi;
};

/*
 * What a reader can tell with or without probing, as the last
 * sup_reason() of that kind left it, and the range each cell started
 * from then (its value if shown or known, else [0, ub] or its band).
 * Bound propagation and probing only narrow, so what they reach is the
 * greatest fixpoint below the starting ranges, whatever the order; and
 * a part of the hidden cells that no relation joins to a change keeps
 * its fixpoint.  So a new sup_reason() starts again only the cells
 * whose start changed and those the relations join them to.
 */
struct sup_view {
	long		*lo, *hi;
	long		*ilo, *ihi;	/* the starting ranges */
	struct sup_cell	*was;		/* the cells as they were then: a
					 * block of them compared whole
					 * (memcmp), then cell by cell where
					 * it differs */
	int		 valid;		/* lo, hi are the fixpoint from ilo,
					 * ihi */
};

struct sup {
	struct fig_ledger **led;	/* the ledger of each row */
	size_t		 nrows;		/* blocks * (nb + 1) */
	size_t		 nb;		/* boards in a block */
	int		 region_hidable;
	struct sup_cell	*cells;
	size_t		 ncells;
	struct sup_con	*cons;
	size_t		 ncons;
	size_t		*adjoff;	/* cell -> its constraints (CSR) */
	size_t		*adj;
	long		*lo, *hi;	/* what a reader can tell: the
					 * view of the last sup_reason() */
	struct sup_view	 view[2];	/* without, with probing */
	int		 truth;		/* the true values meet every
					 * relation (incremental reasoning) */
	size_t		*rgn;		/* cells to reason again */
	char		*inrgn;
	size_t		*rcon;		/* their constraints */
	char		*inrcon;
	size_t		*comp;		/* cell -> its part (probing) */
	size_t		*cstack;
	size_t		*stamp;		/* part -> changes so far */
	size_t		*tried;		/* cell -> its part's stamp + 1 when
					 * probing it last changed nothing */
	struct sup_trail *trail;
	size_t		 ntrail, trailcap;
	size_t		*queue;		/* constraints to revisit */
	size_t		 qhead, qtail;	/* ring of ncons + 1 */
	char		*inq;
	/* Why view 0 (propagation alone) holds each bound: used[j] is set
	 * when relation adj[j] narrowed cell c (adjoff[c] <= j <
	 * adjoff[c + 1]) since c last started again.  A bound is implied
	 * by the starting ranges of the cells these relations reach from
	 * it (sup_cone()). */
	char		*used;
	size_t		 curcon;	/* the relation propagating now */
	char		*incone;	/* sup_choose(): x's cone */
	size_t		*seen;		/* sup_choose(): cell -> the call
					 * that reached it */
	size_t		 nchoose;	/* sup_choose() calls */
};

/* Cell index of (row, fig, kind); the layout is fixed by sup_build. */
static size_t
sup_at(size_t nfig, size_t row, int fig, enum sup_kind kind)
{
	return (row * nfig + (size_t)fig) * 3 + (size_t)kind;
}

static void
sup_con_add(struct sup *S, enum fig_rel_op op, long rhs)
{
	S->cons = xgrowarray(S->cons, S->ncons, sizeof(*S->cons));
	memset(&S->cons[S->ncons], 0, sizeof(*S->cons));
	S->cons[S->ncons].op = op;
	S->cons[S->ncons].rhs = rhs;
	S->ncons++;
}

static void
sup_term(struct sup *S, size_t cell, long coef)
{
	struct sup_con *k = &S->cons[S->ncons - 1];
	size_t i;

	for (i = 0; i < k->n; i++)
		if (k->cell[i] == cell) {
			k->coef[i] += coef;
			return;
		}
	k->cell = xgrowarray(k->cell, k->n, sizeof(*k->cell));
	k->coef = xgrowarray(k->coef, k->n, sizeof(*k->coef));
	k->cell[k->n] = cell;
	k->coef[k->n++] = coef;
}

/* The units a figure's base counts in a ledger: cases or children, or
 * the deaths (-1: a cell, not a public number). */
static long
sup_base(const struct fig_def *d, const struct fig_ledger *l)
{
	if (d->pop == FIG_POP_DEATHS)
		return -1;
	return d->pop == FIG_POP_CASES ? l->cases : l->children;
}

/* Returns 1 if d tests a code, so that its not_recorded can be other
 * than 0. */
static int
sup_has_codes(const struct fig_set *s, const struct fig_def *d)
{
	size_t i;

	for (i = 0; i < s->nwords; i++)
		if (d->codes[i] != 0)
			return 1;
	return 0;
}

/* Returns 1 if row is a London row (the last of its block). */
static int
sup_london(const struct sup *S, size_t row)
{
	return row % (S->nb + 1) == S->nb;
}

/* Whether part j of figure i adds up over rows, in a London row or a
 * total over periods: not a not_recorded that another figure of its
 * class carries, nor the base of a figure over everyone. */
static int
sup_summed(const struct fig_set *s, size_t i, size_t j)
{
	if (j == SUP_NR && s->defs[i].nrclass != (int)i)
		return 0;
	return j != SUP_DEN || s->defs[i].of->type != FP_TRUE;
}

/* Block tblk is the total of blocks 0 .. n - 1, cell by cell (a total
 * over periods). */
static void
sup_prefix_sum(struct sup *S, const struct fig_set *s, size_t tblk, size_t n)
{
	size_t nf = s->ndefs, nb = S->nb, r, i, j, b;

	for (i = 0; i < nf; i++)
		for (j = 0; j < 3; j++) {
			if (!sup_summed(s, i, j))
				continue;
			for (r = 0; r <= nb; r++) {
				sup_con_add(S, FIG_REL_EQ, 0);
				for (b = 0; b < n; b++)
					sup_term(S, sup_at(nf, b * (nb + 1) + r,
					    (int)i, j), 1);
				sup_term(S, sup_at(nf, tblk * (nb + 1) + r,
				    (int)i, j), -1);
			}
		}
}

/* Adds "London = the sum of the boards" of block blk, for every cell. */
static void
sup_sums(struct sup *S, const struct fig_set *s, size_t blk)
{
	size_t nf = s->ndefs, nb = S->nb, r, i, j, base = blk * (nb + 1);

	if (nb == 0)
		return;
	for (i = 0; i < nf; i++)
		for (j = 0; j < 3; j++) {
			if (!sup_summed(s, i, j))
				continue;
			sup_con_add(S, FIG_REL_EQ, 0);
			for (r = 0; r < nb; r++)
				sup_term(S, sup_at(nf, base + r, (int)i, j), 1);
			sup_term(S, sup_at(nf, base + nb, (int)i, j), -1);
		}
}

/* Adds "num + not_recorded <= base" of figure i in row r when i tests
 * one code (fig_single_code()) and its base is a number a reader has:
 * the share's base, the deaths, or the public number of reviews or
 * children. */
static void
sup_nr_bound(struct sup *S, const struct fig_set *s, size_t r, int i)
{
	const struct fig_def *d = &s->defs[i];
	size_t nf = s->ndefs;
	int b, den;

	if ((b = fig_nr_base(s, i, &den)) < 0)
		return;
	sup_con_add(S, FIG_REL_LE, 0);
	sup_term(S, sup_at(nf, r, i, SUP_NUM), 1);
	sup_term(S, sup_at(nf, r, d->nrclass, SUP_NR), 1);
	sup_term(S, sup_at(nf, r, b, den ? SUP_DEN : SUP_NUM), -1);
}

/*
 * Builds the cells and constraints of nblk blocks of rows, led[0..nblk *
 * (nb + 1)): in each block nb boards and London last, with London = the
 * sum of the boards, the declared relations and the bounds of every
 * share.  With pooled = P > 0, blocks 0 .. P - 1 are periods and each
 * block P + q after them the total of the first q + 2, cell by cell.
 */
static void
sup_build(struct sup *S, const struct fig_set *s, struct fig_ledger **led,
    size_t nblk, size_t nb, int region_hidable, int pooled)
{
	size_t nf = s->ndefs, r, i, j, n, blk;
	struct fig_ledger *l;

	S->led = led;
	S->nb = nb;
	S->nrows = nblk * (nb + 1);
	S->region_hidable = region_hidable;
	S->ncells = S->nrows * nf * 3;
	S->cells = xcalloc(S->ncells ? S->ncells : 1, sizeof(*S->cells));
	for (r = 0; r < S->nrows; r++) {
		int hid = !sup_london(S, r) || region_hidable;

		l = led[r];
		for (i = 0; i < nf; i++) {
			const struct fig_def *d = &s->defs[i];
			const struct fig_value *v = &l->values[i];
			long base = sup_base(d, l), ub;
			struct sup_cell *c;

			ub = base >= 0 ? base : l->children;
			/* A sum over the reviews (household_children) is
			 * not bounded by them; with no review it is 0,
			 * public (rule 5), as fig_audit.c reads it. */
			if (d->sum != FIG_SUM_NONE)
				ub = l->cases == 0 ? 0 : SUP_INF;
			c = &S->cells[sup_at(nf, r, (int)i, SUP_NUM)];
			c->row = r;
			c->fig = (int)i;
			c->kind = SUP_NUM;
			c->val = v->num;
			c->ub = ub;
			c->hidable = !d->public && hid;
			c = &S->cells[sup_at(nf, r, (int)i, SUP_NR)];
			c->row = r;
			c->fig = (int)i;
			c->kind = SUP_NR;
			c->val = v->not_recorded;
			c->ub = base >= 0 ? base : l->children;
			c->hidable = d->nrclass == (int)i &&
			    sup_has_codes(s, d) && hid;
			c = &S->cells[sup_at(nf, r, (int)i, SUP_DEN)];
			c->row = r;
			c->fig = (int)i;
			c->kind = SUP_DEN;
			c->val = d->of->type != FP_TRUE ? v->den : 0;
			c->ub = base >= 0 ? base : l->children;
			c->hidable = d->of->type != FP_TRUE && d->unit !=
			    FIG_COUNT && hid;
		}
	}
	for (blk = 0; blk < nblk; blk++) {
		/* London = the sum of the boards, for every cell. */
		sup_sums(S, s, blk);
		for (r = blk * (nb + 1); r < (blk + 1) * (nb + 1); r++) {
			/* The declared relations. */
			for (i = 0; i < s->nrels; i++) {
				sup_con_add(S, s->rels[i].op, 0);
				for (j = 0; j < s->rels[i].nterms; j++)
					sup_term(S, sup_at(nf, r,
					    s->rels[i].fig[j], SUP_NUM),
					    s->rels[i].coef[j]);
			}
			/* A share lies within its base; so does
			 * not_recorded. */
			for (i = 0; i < nf; i++) {
				const struct fig_def *d = &s->defs[i];
				size_t base;

				if (d->of->type != FP_TRUE &&
				    d->unit != FIG_COUNT)
					base = sup_at(nf, r, (int)i, SUP_DEN);
				else if (d->pop == FIG_POP_DEATHS &&
				    s->deaths_fig >= 0)
					base = sup_at(nf, r, s->deaths_fig,
					    SUP_NUM);
				else
					continue;
				sup_con_add(S, FIG_REL_LE, 0);
				sup_term(S, sup_at(nf, r, (int)i, SUP_NUM), 1);
				sup_term(S, base, -1);
				if (d->nrclass == (int)i) {
					sup_con_add(S, FIG_REL_LE, 0);
					sup_term(S, sup_at(nf, r, (int)i,
					    SUP_NR), 1);
					sup_term(S, base, -1);
				}
			}
		}
	}
	/* A unit with a code is never one whose code is not recorded:
	 * num + not_recorded <= base, for a figure testing one code. */
	for (r = 0; r < S->nrows; r++)
		for (i = 0; i < nf; i++)
			sup_nr_bound(S, s, r, (int)i);
	/* The totals over the periods: with pooled = P period blocks,
	 * block P + q is the total of the first q + 2 periods (the last
	 * block, of them all; those before it, the totals published the
	 * years before, one period fewer each). */
	for (blk = (size_t)pooled; pooled > 0 && blk < nblk; blk++)
		sup_prefix_sum(S, s, blk, blk - (size_t)pooled + 2);
	/* Each cell's constraints. */
	S->adjoff = xcalloc(S->ncells + 1, sizeof(*S->adjoff));
	for (i = 0; i < S->ncons; i++)
		for (j = 0; j < S->cons[i].n; j++)
			S->adjoff[S->cons[i].cell[j] + 1]++;
	for (i = 0; i < S->ncells; i++)
		S->adjoff[i + 1] += S->adjoff[i];
	n = S->adjoff[S->ncells];
	S->adj = xcalloc(n ? n : 1, sizeof(*S->adj));
	{
		size_t *fill = xcalloc(S->ncells + 1, sizeof(*fill));

		for (i = 0; i < S->ncons; i++)
			for (j = 0; j < S->cons[i].n; j++) {
				size_t c = S->cons[i].cell[j];

				S->adj[S->adjoff[c] + fill[c]++] = i;
			}
		free(fill);
	}
	n = S->ncells ? S->ncells : 1;
	for (i = 0; i < 2; i++) {
		S->view[i].lo = xcalloc(n, sizeof(long));
		S->view[i].hi = xcalloc(n, sizeof(long));
		S->view[i].ilo = xcalloc(n, sizeof(long));
		S->view[i].ihi = xcalloc(n, sizeof(long));
		S->view[i].was = xcalloc(n, sizeof(*S->cells));
	}
	S->lo = S->view[0].lo;
	S->hi = S->view[0].hi;
	S->rgn = xcalloc(n, sizeof(*S->rgn));
	S->inrgn = xcalloc(n, 1);
	S->comp = xcalloc(n, sizeof(*S->comp));
	S->cstack = xcalloc(n, sizeof(*S->cstack));
	S->stamp = xcalloc(n, sizeof(*S->stamp));
	S->tried = xcalloc(n, sizeof(*S->tried));
	S->rcon = xcalloc(S->ncons + 1, sizeof(*S->rcon));
	S->inrcon = xcalloc(S->ncons + 1, 1);
	S->queue = xcalloc(S->ncons + 1, sizeof(*S->queue));
	S->inq = xcalloc(S->ncons + 1, 1);
	S->used = xcalloc(S->adjoff[S->ncells] + 1, 1);
	S->incone = xcalloc(n, 1);
	S->seen = xcalloc(n, sizeof(*S->seen));
	S->curcon = (size_t)-1;
	/* Do the true values meet every relation?  Then a reader's
	 * reasoning never ends in a contradiction (sup_reason()). */
	S->truth = 1;
	for (i = 0; i < S->ncons && S->truth; i++) {
		const struct sup_con *k = &S->cons[i];
		long sum = 0;

		for (j = 0; j < k->n; j++)
			sum += k->coef[j] * S->cells[k->cell[j]].val;
		if (sum > k->rhs || (k->op == FIG_REL_EQ && sum != k->rhs))
			S->truth = 0;
	}
}

static void
sup_free(struct sup *S)
{
	size_t i;

	for (i = 0; i < S->ncons; i++) {
		free(S->cons[i].cell);
		free(S->cons[i].coef);
	}
	free(S->cons);
	free(S->cells);
	free(S->adjoff);
	free(S->adj);
	for (i = 0; i < 2; i++) {
		free(S->view[i].lo);
		free(S->view[i].hi);
		free(S->view[i].ilo);
		free(S->view[i].ihi);
		free(S->view[i].was);
	}
	free(S->rgn);
	free(S->inrgn);
	free(S->comp);
	free(S->cstack);
	free(S->stamp);
	free(S->tried);
	free(S->rcon);
	free(S->inrcon);
	free(S->trail);
	free(S->queue);
	free(S->inq);
	free(S->used);
	free(S->incone);
	free(S->seen);
}

static void
sup_enqueue(struct sup *S, size_t k)
{
	if (S->inq[k])
		return;
	S->inq[k] = 1;
	S->queue[S->qtail] = k;
	S->qtail = (S->qtail + 1) % (S->ncons + 1);
}

/* Narrows cell c to [lo, hi], remembering the old bounds.  Returns 0 if
 * the range is empty. */
static int
sup_narrow(struct sup *S, size_t c, long lo, long hi)
{
	size_t i;

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
	if (lo > S->lo[c])
		S->lo[c] = lo;
	if (hi < S->hi[c])
		S->hi[c] = hi;
	if (S->lo[c] > S->hi[c])
		return 0;
	for (i = S->adjoff[c]; i < S->adjoff[c + 1]; i++) {
		/* Only propagation narrows view 0 (no probing there). */
		if (S->adj[i] == S->curcon && S->lo == S->view[0].lo)
			S->used[i] = 1;
		sup_enqueue(S, S->adj[i]);
	}
	return 1;
}

static void
sup_undo(struct sup *S, size_t mark)
{
	while (S->ntrail > mark) {
		S->ntrail--;
		S->lo[S->trail[S->ntrail].cell] = S->trail[S->ntrail].lo;
		S->hi[S->trail[S->ntrail].cell] = S->trail[S->ntrail].hi;
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

/* Bound propagation until nothing changes.  Returns 0 on a
 * contradiction (the queue is emptied either way). */
static int
sup_propagate(struct sup *S)
{
	const struct sup_con *k;
	long smin, smax, a, rmin, rmax, lo, hi, w, wmax, slo, shi;
	size_t ki, i;
	int ok = 1;

	while (S->qhead != S->qtail) {
		ki = S->queue[S->qhead];
		S->qhead = (S->qhead + 1) % (S->ncons + 1);
		S->inq[ki] = 0;
		if (!ok)
			continue;
		k = &S->cons[ki];
		S->curcon = ki;
		fig_work.terms += k->n;
		smin = smax = wmax = 0;
		for (i = 0; i < k->n; i++) {
			a = k->coef[i];
			lo = S->lo[k->cell[i]];
			hi = S->hi[k->cell[i]];
			smin += a > 0 ? a * lo : a * hi;
			smax += a > 0 ? a * hi : a * lo;
			w = (a > 0 ? a : -a) * (hi - lo);
			if (w > wmax)
				wmax = w;
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
			if (!sup_narrow(S, c, lo, hi))
				ok = 0;
		}
	}
	S->curcon = (size_t)-1;
	return ok;
}

/* Returns 1 if cell c is hidden. */
static int
sup_hidden(const struct sup *S, size_t c)
{
	return S->cells[c].why != FIG_SHOWN;
}

/* Returns 1 if cell c can take the value v as far as bounds propagation
 * tells; the bounds are left as they were. */
static int
sup_try(struct sup *S, size_t c, long v)
{
	size_t mark = S->ntrail;
	int ok;

	fig_work.probes++;
	ok = sup_narrow(S, c, v, v) && sup_propagate(S);
	sup_undo(S, mark);
	return ok;
}

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
	if (S->lo == S->view[0].lo)
		memset(S->used, 0, S->adjoff[S->ncells] + 1);
	for (c = 0; c < S->ncells; c++) {
		if (!sup_hidden(S, c) || S->cells[c].known)
			S->lo[c] = S->hi[c] = S->cells[c].val;
		else {
			S->lo[c] = S->cells[c].banded ? S->cells[c].blo : 0;
			S->hi[c] = S->cells[c].banded ? S->cells[c].bhi :
			    S->cells[c].ub;
		}
	}
	for (c = 0; c < S->ncons; c++)
		sup_enqueue(S, c);
	if (!sup_propagate(S))
		return 0;
	if (!probe)
		return 1;
	do {
		changed = 0;
		fig_work.cells += S->ncells;
		for (c = 0; c < S->ncells; c++) {
			if (!sup_hidden(S, c) || S->lo[c] == S->hi[c] ||
			    S->hi[c] - S->lo[c] > SUP_PROBE)
				continue;
			/* Only the hull of the values that survive matters:
			 * the smallest, tried upwards, and the largest,
			 * tried downwards down to it. */
			flo = fhi = -1;
			any = 0;
			for (v = S->lo[c]; v <= S->hi[c] && !any; v++)
				if (sup_try(S, c, v)) {
					flo = fhi = v;
					any = 1;
				}
			if (!any)
				return 0;
			for (v = S->hi[c]; v > flo; v--)
				if (sup_try(S, c, v)) {
					fhi = v;
					break;
				}
			if (flo > S->lo[c] || fhi < S->hi[c]) {
				changed = 1;
				if (!sup_narrow(S, c, flo, fhi) ||
				    !sup_propagate(S))
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

	if (!sup_hidden(S, c) || x->known)
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
			if (!sup_hidden(S, c) || S->lo[c] == S->hi[c] ||
			    S->hi[c] - S->lo[c] > SUP_PROBE ||
			    S->tried[c] == S->stamp[S->comp[c]] + 1)
				continue;
			flo = fhi = -1;
			any = 0;
			for (v = S->lo[c]; v <= S->hi[c] && !any; v++)
				if (v == S->cells[c].val || sup_try(S, c, v)) {
					flo = fhi = v;
					any = 1;
				}
			if (!any)
				return 0;
			for (v = S->hi[c]; v > flo; v--)
				if (v == S->cells[c].val || sup_try(S, c, v)) {
					fhi = v;
					break;
				}
			if (flo > S->lo[c] || fhi < S->hi[c]) {
				changed = 1;
				mark = S->ntrail;
				if (!sup_narrow(S, c, flo, fhi) ||
				    !sup_propagate(S))
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
/* A build with -DSUP_VERIFY checks every incremental sup_reason()
 * against sup_reason_full() and aborts on any difference. */
static void
sup_verify(struct sup *S, int probe)
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
 * What a reader can tell of every cell, as sup_reason_full() computes
 * it, but starting again only where the starting ranges changed since
 * the last call of the same kind (struct sup_view); with list, the
 * caller knows that only cells list[0..nlist) may have changed since.
 * When the true values do not meet the relations or lie outside a
 * starting range (a contradiction is then possible), sup_reason_full()
 * itself.
 */
static int
sup_reason_at(struct sup *S, int probe, const size_t *list, size_t nlist)
{
	struct sup_view *V = &S->view[probe != 0];
	size_t c, i, n = 0, nk, b, e;
	long lo, hi;

	S->lo = V->lo;
	S->hi = V->hi;
	fig_work.reasons++;
	if (!S->truth)
		return sup_reason_full(S, probe);
	/* Only the cells listed changed since the last reasoning: the
	 * others need no comparing. */
	for (i = 0; list != NULL && V->valid && i < nlist; i++) {
		c = list[i];
		fig_work.cells++;
		if (memcmp(&S->cells[c], &V->was[c], sizeof(*S->cells)) == 0)
			continue;
		sup_start(S, c, &lo, &hi);
		if (S->cells[c].val < lo || S->cells[c].val > hi) {
			for (i = 0; i < n; i++)
				S->inrgn[S->rgn[i]] = 0;
			V->valid = 0;
			return sup_reason_full(S, probe);
		}
		if (lo != V->ilo[c] || hi != V->ihi[c])
			sup_rgn_add(S, &n, c);
		V->was[c] = S->cells[c];
	}
	if (list != NULL && V->valid)
		b = S->ncells;	/* no scan */
	else {
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
			if (S->cells[c].val < lo || S->cells[c].val > hi) {
				for (i = 0; i < n; i++)
					S->inrgn[S->rgn[i]] = 0;
				V->valid = 0;
				return sup_reason_full(S, probe);
			}
			if (!V->valid || lo != V->ilo[c] || hi != V->ihi[c])
				sup_rgn_add(S, &n, c);
		}
		memcpy(&V->was[b], &S->cells[b], (e - b) * sizeof(*S->cells));
	}
	/* The cells added are those whose start did not change: open
	 * before if and only if open now. */
	nk = sup_rgn_grow(S, V, &n);
	fig_work.cells += n;
	for (i = 0; i < n; i++) {
		c = S->rgn[i];
		S->inrgn[c] = 0;
		sup_start(S, c, &V->ilo[c], &V->ihi[c]);
		S->lo[c] = V->ilo[c];
		S->hi[c] = V->ihi[c];
		if (!probe)
			memset(S->used + S->adjoff[c], 0, S->adjoff[c + 1] -
			    S->adjoff[c]);
	}
	S->ntrail = 0;
	for (i = 0; i < nk; i++)
		sup_enqueue(S, S->rcon[i]);
	V->valid = 0;
	if (!sup_propagate(S) || (probe && !sup_probe(S, n)))
		return sup_reason_full(S, probe);
	V->valid = 1;
#ifdef SUP_VERIFY
	sup_verify(S, probe);
#endif
	return 1;
}

/* sup_reason_at() after any change: every cell compared. */
static int
sup_reason(struct sup *S, int probe)
{
	return sup_reason_at(S, probe, NULL, 0);
}

/* Returns a hidden cell a reader can pin to one value that is no
 * secret already, or (size_t)-1: first by bounds propagation alone
 * (cheap), then trying values too.  Returns SUP_BROKEN when the shown
 * values contradict the relations. */
static size_t
sup_pinned(struct sup *S)
{
	size_t c;
	int probe;

	for (probe = 0; probe < 2; probe++) {
		if (!sup_reason(S, probe))
			return SUP_BROKEN;
		fig_work.cells += S->ncells;
		for (c = 0; c < S->ncells; c++)
			if (sup_hidden(S, c) && !S->cells[c].known &&
			    S->lo[c] == S->hi[c])
				return c;
	}
	return (size_t)-1;
}

/* Returns 1 if cell c may be hidden to protect another. */
static int
sup_candidate(const struct sup *S, size_t c)
{
	return S->cells[c].hidable && !sup_hidden(S, c) &&
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
 */
static size_t
sup_cone(struct sup *S, size_t x, size_t *list)
{
	size_t n = 0, i, j, t, c;

	S->incone[x] = 1;
	list[n++] = x;
	for (i = 0; i < n; i++) {
		c = list[i];
		for (j = S->adjoff[c]; j < S->adjoff[c + 1]; j++) {
			const struct sup_con *k = &S->cons[S->adj[j]];

			if (!S->used[j])
				continue;
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

/*
 * The cheapest shown cell to hide so that cell x is no longer pinned.
 * The candidates are the shown cells of x's constraints (and, if none,
 * of the constraints of the hidden cells next to x, and so on outwards),
 * cheapest first (smallest value; a cell of x's own row on a tie): the
 * first whose hiding alone leaves x with two values or more wins, else
 * the cheapest.  Returns (size_t)-1 if there is no candidate.  When
 * propagation alone pins x, a candidate outside x's cone (sup_cone())
 * leaves it pinned and is not reasoned over: the choice is the same,
 * the work is the cone's, not a reasoning a candidate.
 */
static size_t
sup_choose(struct sup *S, size_t x)
{
	size_t *front, *next, *cand, *cone, nfront = 1, nnext, ncand = 0;
	size_t c, depth, best = (size_t)-1, ncone = 0, i, j, t, *seen, me;
	size_t changed[2], nchanged = 0;

	front = xreallocarray(NULL, S->ncells + 1, sizeof(*front));
	next = xreallocarray(NULL, S->ncells + 1, sizeof(*next));
	cand = xreallocarray(NULL, S->ncells + 1, sizeof(*cand));
	cone = xreallocarray(NULL, S->ncells + 1, sizeof(*cone));
	seen = S->seen;
	me = ++S->nchoose;
	/* View 0 as the cells are now (the trials below reason from it),
	 * and x's cone when propagation alone pins x. */
	if (S->truth && sup_reason(S, 0) && fig_suppress_cone &&
	    S->lo[x] == S->hi[x])
		ncone = sup_cone(S, x, cone);
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

				fig_work.terms += k->n;
				for (t = 0; t < k->n; t++) {
					c = k->cell[t];
					if (seen[c] == me)
						continue;
					seen[c] = me;
					if (sup_candidate(S, c))
						cand[ncand++] = c;
					else if (sup_hidden(S, c))
						next[nnext++] = c;
				}
			}
		memcpy(front, next, nnext * sizeof(*front));
		nfront = nnext;
		/* This ring's candidates, cheapest first, tried one by
		 * one. */
		qsort(cand + first, ncand - first, sizeof(*cand),
		    sup_cost_cmp);
		for (i = first; i < ncand && i < first + SUP_TRIALS; i++) {
			if (ncone > 0 && !S->incone[cand[i]]) {
#ifdef SUP_VERIFY
				/* The candidate the cone rules out: x stays
				 * pinned when it is hidden. */
				S->cells[cand[i]].why = FIG_WHY_COMPLEMENTARY;
				if (sup_reason(S, 0) && S->lo[x] < S->hi[x]) {
					fprintf(stderr, "sup_verify: cell %zu "
					    "outside the cone of %zu unpins "
					    "it\n", cand[i], x);
					abort();
				}
				S->cells[cand[i]].why = FIG_SHOWN;
				changed[0] = cand[i];
				nchanged = 1;
#endif
				continue;
			}
			/* Since view 0 was last reasoned over (above,
			 * or the trial before), only the candidate tried
			 * before and this one changed. */
			changed[nchanged++] = cand[i];
			S->cells[cand[i]].why = FIG_WHY_COMPLEMENTARY;
			t = sup_reason_at(S, 0, changed, nchanged) &&
			    S->lo[x] < S->hi[x];
			S->cells[cand[i]].why = FIG_SHOWN;
			changed[0] = cand[i];
			nchanged = 1;
			if (t) {
				best = cand[i];
				break;
			}
		}
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
static void
sup_primary(struct sup *S, const struct fig_set *s, long t)
{
	size_t c;

	for (c = 0; c < S->ncells; c++) {
		struct sup_cell *x = &S->cells[c];
		const struct fig_def *d = &s->defs[x->fig];
		const struct fig_ledger *l = S->led[x->row];
		long base = sup_base(d, l);

		if (!x->hidable || x->frozen)
			continue;
		if (base < 0 && s->deaths_fig >= 0)
			base = l->values[s->deaths_fig].num;
		if (x->kind == SUP_DEN) {
			if (x->val <= t)
				x->why = FIG_WHY_SMALL_BASE;
			continue;
		}
		if (d->sum != FIG_SUM_NONE)
			base = l->cases;
		if (d->of->type != FP_TRUE && d->unit != FIG_COUNT)
			base = l->values[x->fig].den;
		if (base <= t)
			x->why = FIG_WHY_SMALL_BASE;
		else if (x->val >= 1 && x->val <= t)
			x->why = FIG_WHY_PRIMARY;
	}
}

/* The base cell of figure i in row r (a share's narrowed base, or the
 * deaths), or (size_t)-1 when its base is a public number. */
static size_t
sup_base_cell(const struct fig_set *s, size_t r, size_t i)
{
	const struct fig_def *d = &s->defs[i];
	size_t nf = s->ndefs;

	if (d->of->type != FP_TRUE && d->unit != FIG_COUNT)
		return sup_at(nf, r, (int)i, SUP_DEN);
	if (d->pop == FIG_POP_DEATHS && d->unit != FIG_COUNT &&
	    s->deaths_fig >= 0)
		return sup_at(nf, r, s->deaths_fig, SUP_NUM);
	return (size_t)-1;
}

/* A share whose base is hidden is hidden too (its percentage would give
 * the base away); recomputed after every change. */
static void
sup_base_rule(struct sup *S, const struct fig_set *s)
{
	size_t nf = s->ndefs, r, i, c, b;

	fig_work.cells += S->nrows * nf;
	for (r = 0; r < S->nrows; r++)
		for (i = 0; i < nf; i++) {
			c = sup_at(nf, r, (int)i, SUP_NUM);
			if ((b = sup_base_cell(s, r, i)) == (size_t)-1 ||
			    S->cells[c].frozen)
				continue;
			if (S->cells[c].why == FIG_WHY_BASE_HIDDEN &&
			    !sup_hidden(S, b))
				S->cells[c].why = FIG_SHOWN;
			else if (S->cells[c].why == FIG_SHOWN &&
			    sup_hidden(S, b) && S->cells[c].hidable)
				S->cells[c].why = FIG_WHY_BASE_HIDDEN;
		}
}

/* Marks known every hidden cell a reader can pin from the cells shown
 * with every cell in hide[] (1: hidden) hidden: what is no secret of a
 * board.  The cells' why is left as it was. */
static void
sup_known(struct sup *S, const char *hide)
{
	int *save;
	size_t c;

	save = xcalloc(S->ncells ? S->ncells : 1, sizeof(*save));
	fig_work.cells += S->ncells;
	for (c = 0; c < S->ncells; c++) {
		save[c] = S->cells[c].why;
		if (hide[c])
			S->cells[c].why = FIG_WHY_PRIMARY;
	}
	if (sup_reason(S, 1))
		for (c = 0; c < S->ncells; c++)
			if (sup_hidden(S, c) && S->lo[c] == S->hi[c])
				S->cells[c].known = 1;
	for (c = 0; c < S->ncells; c++)
		S->cells[c].why = save[c];
	free(save);
}

/*
 * A word on standard error when a solve runs long, so that a long make
 * does not look hung: after SUP_SAY_AFTER seconds of CPU time (not wall
 * time: a loaded machine changes nothing), or SCRPAPER_SAY_AFTER's, once
 * a solve, then once a pooled step.  A solve that is quick says nothing.
 */
static double	 sup_t0;	/* CPU time when the solve began */
static int	 sup_said;	/* the first word is out */
static char	 sup_what[160];	/* what is being solved */

static double
sup_cpu(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts) != 0)
		return 0;
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* SCRPAPER_WORK: the work counted, on standard error at exit. */
static void
sup_work_say(void)
{
	fprintf(stderr, "scrpaper: work: %llu reasonings, %llu cells, "
	    "%llu terms, %llu probes, %llu exact solves (%llu simplex, %llu "
	    "branch-and-bound)\n", fig_work.reasons, fig_work.cells,
	    fig_work.terms, fig_work.probes, fig_work.exact, fig_work.lps,
	    fig_work.mips);
}

static void
sup_begin(const char *what)
{
	static int registered;
	const char *e = getenv("SCRPAPER_WORK");

	if (!registered && e != NULL && *e != '\0') {
		registered = 1;
		atexit(sup_work_say);
	}
	snprintf(sup_what, sizeof(sup_what), "%s", what);
	sup_t0 = sup_cpu();
	sup_said = 0;
}

/* Says what is being solved once the solve has run long. */
static void
sup_tick(const struct sup *S)
{
	const char *e = getenv("SCRPAPER_SAY_AFTER");
	double after = SUP_SAY_AFTER, t;

	if (sup_said || sup_what[0] == '\0')
		return;
	if (e != NULL && *e != '\0')
		after = strtod(e, NULL);
	if ((t = sup_cpu() - sup_t0) < after)
		return;
	sup_said = 1;
	fprintf(stderr, "scrpaper: suppressing small numbers, %s: %zu cells, "
	    "%zu relations; %.0f s so far, still working\n", sup_what,
	    S->ncells, S->ncons, t);
}

/*
 * The completion step: the choice above checked with the exact reader
 * (fig_exact.c), which minimises and maximises every hidden cell over
 * every constraint at once.  While a hidden cell that is no secret
 * already can be pinned to one value, or is known to lie within 1..t
 * (a small number: what rule 1 hides), one more shown cell is hidden as
 * sup_choose() picks it, one for each such cell not next to another
 * just fixed, and the check runs again.  A cell that London's figures
 * (with the frozen cells) say is 1..t alone is no secret.  Changes
 * nothing where the exact reader finds nothing (docs/disclosure.md,
 * "The protection rule").
 */
static struct fig_exact *
sup_exact_system(const struct sup *S, int baseline)
{
	struct fig_exact *E = fig_exact_new(S->ncells);
	size_t c;

	for (c = 0; c < S->ncells; c++) {
		const struct sup_cell *x = &S->cells[c];
		int hidden = baseline ? (x->frozen ? sup_hidden(S, c) :
		    x->hidable) : sup_hidden(S, c);
		long ub = x->ub < FIG_EXACT_INF ? x->ub : FIG_EXACT_INF;

		if (!hidden || (x->known && !baseline))
			fig_exact_bounds(E, c, x->val, x->val);
		else if (x->banded && !baseline)
			fig_exact_bounds(E, c, x->blo, x->bhi);
		else
			fig_exact_bounds(E, c, 0, ub);
	}
	for (c = 0; c < S->ncons; c++)
		fig_exact_fact(E, S->cons[c].op == FIG_REL_EQ, S->cons[c].n,
		    S->cons[c].cell, S->cons[c].coef, S->cons[c].rhs);
	return E;
}

/* Counts an exact solve's work. */
static void
sup_work_exact(const struct fig_exact *E)
{
	fig_work.exact++;
	fig_work.lps += fig_exact_lps(E);
	fig_work.mips += fig_exact_mips(E);
}

/* What the exact check of sup_complete() works with. */
struct sup_ex {
	char	*want, *exempt;
	long	*need, *lo, *hi, *val;
};

/* Returns 1 if hidden cell c is pinned or known to be 1..t. */
static int
sup_exposed(const struct sup *S, const struct sup_ex *X, size_t c, long t)
{
	return sup_hidden(S, c) && !S->cells[c].known && !X->exempt[c] &&
	    (X->lo[c] == X->hi[c] || (X->lo[c] >= 1 && X->hi[c] <= t));
}

/* Runs the exact reader over the cells as they are hidden now.  Returns
 * the number of exposed cells (marking exempt those London's figures
 * alone say are 1..t), or -1 when the reader fails. */
static long
sup_exact_check(struct sup *S, struct sup_ex *X, long t)
{
	struct fig_exact *E;
	size_t c;
	long n = 0;
	int rc;

	for (c = 0; c < S->ncells; c++)
		X->want[c] = sup_hidden(S, c) && !S->cells[c].known &&
		    !X->exempt[c];
	fig_work.cells += S->ncells;
	E = sup_exact_system(S, 0);
	rc = fig_exact_solve(E, X->want, X->need, t, X->val, X->lo, X->hi);
	sup_work_exact(E);
	fig_exact_free(E);
	if (rc != 1)
		return -1;
	for (c = 0; c < S->ncells; c++)
		X->want[c] = X->want[c] && X->lo[c] < X->hi[c] &&
		    X->lo[c] >= 1 && X->hi[c] <= t;
	if (memchr(X->want, 1, S->ncells) != NULL) {
		long *blo = xcalloc(S->ncells + 1, sizeof(*blo));
		long *bhi = xcalloc(S->ncells + 1, sizeof(*bhi));

		E = sup_exact_system(S, 1);
		if (fig_exact_solve(E, X->want, X->need, t, X->val, blo,
		    bhi) == 1)
			for (c = 0; c < S->ncells; c++)
				if (X->want[c] && blo[c] >= 1 && bhi[c] <= t)
					X->exempt[c] = 1;
		sup_work_exact(E);
		fig_exact_free(E);
		free(blo);
		free(bhi);
	}
	for (c = 0; c < S->ncells; c++)
		n += sup_exposed(S, X, c, t);
	return n;
}

/* When no cell near c is left to hide: the cheapest shown cell of c's
 * row that may be hidden, or (size_t)-1. */
static size_t
sup_row_cheapest(struct sup *S, size_t c)
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

/* 1 while the pooled solve makes again a total an earlier year
 * published (not this release's). */
static int sup_past;

/* When c's row has nothing left to hide either: the cheapest shown
 * cell that may be hidden of c's figure in another row of c's block
 * (London's figure is their sum), else anywhere; or (size_t)-1. */
static size_t
sup_any_cheapest(struct sup *S, size_t c)
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

/* 1 when the frozen cells as printed, their bands left out, pin cell c
 * or put it within 1..t with every other cell hidden: no hiding can
 * take that back, and it is no secret (sup_exact_system(S, 1)). */
static int
sup_frozen_say(const struct sup *S, size_t c, long t)
{
	struct fig_exact *E = sup_exact_system(S, 1);
	char *want = xcalloc(S->ncells + 1, 1);
	long *need = xcalloc(S->ncells + 1, sizeof(*need));
	long *v = xcalloc(S->ncells + 1, sizeof(*v));
	long *lo = xcalloc(S->ncells + 1, sizeof(*lo));
	long *hi = xcalloc(S->ncells + 1, sizeof(*hi));
	size_t x;
	int say;

	for (x = 0; x < S->ncells; x++) {
		need[x] = 1;
		v[x] = S->cells[x].val;
	}
	want[c] = 1;
	say = fig_exact_solve(E, want, need, t, v, lo, hi) == 1 &&
	    (lo[c] == hi[c] || (lo[c] >= 1 && hi[c] <= t));
	fig_exact_free(E);
	free(want);
	free(need);
	free(v);
	free(lo);
	free(hi);
	return say;
}

static void
sup_complete(struct sup *S, const struct fig_set *s, long t, size_t *order,
    size_t *norder)
{
	struct sup_ex X;
	char *near;
	size_t c, y, j, k, round, nfix, first = *norder, i;
	long n;

	X.want = xcalloc(S->ncells + 1, 1);
	X.exempt = xcalloc(S->ncells + 1, 1);
	X.need = xcalloc(S->ncells + 1, sizeof(*X.need));
	X.lo = xcalloc(S->ncells + 1, sizeof(*X.lo));
	X.hi = xcalloc(S->ncells + 1, sizeof(*X.hi));
	X.val = xcalloc(S->ncells + 1, sizeof(*X.val));
	near = xcalloc(S->ncells + 1, 1);
	for (c = 0; c < S->ncells; c++) {
		X.need[c] = 1;
		X.val[c] = S->cells[c].val;
	}
	for (round = 0; round < S->ncells; round++) {
		if ((n = sup_exact_check(S, &X, t)) <= 0)
			break;
		memset(near, 0, S->ncells + 1);
		for (c = 0, nfix = 0; c < S->ncells; c++) {
			if (!sup_exposed(S, &X, c, t) || near[c])
				continue;
			if ((y = sup_choose(S, c)) == (size_t)-1 &&
			    (y = sup_row_cheapest(S, c)) == (size_t)-1 &&
			    (y = sup_any_cheapest(S, c)) == (size_t)-1) {
				/* Nothing to hide.  When cells were hidden
				 * since the check ran, its verdict on c is
				 * stale (those may protect c): the next
				 * check decides. */
				if (nfix > 0)
					continue;
				/* No secret if the frozen cells' printed
				 * numbers (not their bands) give it away
				 * alone; else never accepted silently
				 * (fig_band_pooled() chose bands). */
				if (!sup_frozen_say(S, c, t)) {
					fprintf(stderr, "scrpaper: warning: "
					    "disclosure control cannot protect "
					    "figure %s of board %d of "
					    "report.yaml%s (a [c] known to be "
					    "%ld..%ld, with nothing left to "
					    "hide); run scrpaper audit, or "
					    "switch bands or pool off\n",
					    s->defs[S->cells[c].fig].name,
					    S->led[S->cells[c].row]->lscb + 1,
					    sup_past ? " in the total an "
					    "earlier year published" : "",
					    X.lo[c], X.hi[c]);
				}
				X.exempt[c] = 1;
				continue;
			}
			S->cells[y].why = FIG_WHY_COMPLEMENTARY;
			sup_base_rule(S, s);
			order[(*norder)++] = y;
			nfix++;
			/* Its neighbours wait for the next check. */
			for (j = S->adjoff[y]; j < S->adjoff[y + 1]; j++)
				for (k = 0; k < S->cons[S->adj[j]].n; k++)
					near[S->cons[S->adj[j]].cell[k]] = 1;
			for (j = S->adjoff[c]; j < S->adjoff[c + 1]; j++)
				for (k = 0; k < S->cons[S->adj[j]].n; k++)
					near[S->cons[S->adj[j]].cell[k]] = 1;
		}
		if (nfix == 0)
			break;
	}
	/* Cells were added: show again, latest first, every complementary
	 * cell that no check needs any more. */
	for (i = *norder; first < *norder && i-- > 0;) {
		y = order[i];
		if (S->cells[y].why != FIG_WHY_COMPLEMENTARY)
			continue;
		S->cells[y].why = FIG_SHOWN;
		sup_base_rule(S, s);
		if (sup_pinned(S) != (size_t)-1 ||
		    sup_exact_check(S, &X, t) != 0) {
			S->cells[y].why = FIG_WHY_COMPLEMENTARY;
			sup_base_rule(S, s);
		}
	}
	free(X.want);
	free(X.exempt);
	free(X.need);
	free(X.lo);
	free(X.hi);
	free(X.val);
	free(near);
}

/*
 * The rules over the cells that are not frozen: the primary ones, then
 * complementary cells, cheapest first, while any hidden cell can be
 * pinned; then every complementary cell the later ones made unnecessary
 * is shown again.  Leaves lo and hi at what a reader can tell.
 */
static void
sup_solve(struct sup *S, const struct fig_set *s, long t)
{
	size_t c, x, y, norder = 0, i;
	size_t *order;

	sup_primary(S, s, t);
	sup_base_rule(S, s);
	order = xcalloc(2 * S->ncells + 1, sizeof(*order));
	/* Relations the data break (fig_check_data() refuses them before
	 * any output): nothing can be reasoned, so hide everything. */
	if (!sup_reason(S, 0))
		for (c = 0; c < S->ncells; c++)
			if (S->cells[c].hidable && !sup_hidden(S, c) &&
			    !S->cells[c].frozen)
				S->cells[c].why = FIG_WHY_COMPLEMENTARY;
	while ((x = sup_pinned(S)) < S->ncells) {
		sup_tick(S);
		if ((y = sup_choose(S, x)) == (size_t)-1)
			break;
		S->cells[y].why = FIG_WHY_COMPLEMENTARY;
		order[norder++] = y;
		sup_base_rule(S, s);
	}
	/* Show again what the later choices made unnecessary. */
	for (i = norder; i-- > 0;) {
		sup_tick(S);
		y = order[i];
		S->cells[y].why = FIG_SHOWN;
		sup_base_rule(S, s);
		if (sup_pinned(S) != (size_t)-1) {
			S->cells[y].why = FIG_WHY_COMPLEMENTARY;
			sup_base_rule(S, s);
		}
	}
	if (fig_suppress_complete)
		sup_complete(S, s, t, order, &norder);
	sup_reason(S, 1);
	free(order);
}

/* Writes the cells of rows first..nrows back into their ledgers. */
static void
sup_write(struct sup *S, const struct fig_set *s, size_t first)
{
	size_t nf = s->ndefs, r, i, n, b;

	for (r = first; r < S->nrows; r++) {
		struct fig_ledger *l = S->led[r];

		for (i = 0; i < nf; i++) {
			struct fig_value *v = &l->values[i];
			const struct fig_def *d = &s->defs[i];

			n = sup_at(nf, r, (int)i, SUP_NUM);
			v->suppressed = sup_hidden(S, n);
			v->why = S->cells[n].why;
			v->lo = S->lo[n];
			v->hi = S->hi[n];
			v->nr_hidden = sup_hidden(S, sup_at(nf, r, d->nrclass,
			    SUP_NR));
			if ((b = sup_base_cell(s, r, i)) != (size_t)-1)
				v->den_hidden = sup_hidden(S, b);
		}
	}
}

void
fig_suppress(const struct fig_set *s, struct fig_ledger **ls, size_t nb,
    struct fig_ledger *region, int region_hidable, long t)
{
	struct fig_ledger **led;
	struct sup S;
	char *hide, what[80];
	size_t c;

	memset(&S, 0, sizeof(S));
	snprintf(what, sizeof(what), "%zu boards and the region", nb);
	sup_begin(what);
	led = xcalloc(nb + 1, sizeof(*led));
	memcpy(led, ls, nb * sizeof(*led));
	led[nb] = region;
	sup_build(&S, s, led, 1, nb, region_hidable, 0);

	/* What a reader knows with no board figure shown at all. */
	hide = xcalloc(S.ncells ? S.ncells : 1, 1);
	for (c = 0; c < S.ncells; c++)
		hide[c] = S.cells[c].hidable;
	sup_known(&S, hide);
	sup_solve(&S, s, t);
	sup_write(&S, s, 0);
	free(hide);
	free(led);
	sup_free(&S);
}

int fig_suppress_joint = 1;
int fig_suppress_complete = 1;
int fig_suppress_cone = 1;

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
static void
sup_read_hidden(struct sup *S, const struct fig_set *s, size_t r)
{
	size_t nf = s->ndefs, i;

	for (i = 0; i < nf; i++) {
		const struct fig_value *v = &S->led[r]->values[i];
		const struct fig_def *d = &s->defs[i];

		S->cells[sup_at(nf, r, (int)i, SUP_NUM)].why =
		    v->suppressed ? (v->why != FIG_SHOWN ? v->why :
		    FIG_WHY_COMPLEMENTARY) : FIG_SHOWN;
		if (d->nrclass == (int)i && v->nr_hidden)
			S->cells[sup_at(nf, r, (int)i, SUP_NR)].why =
			    FIG_WHY_COMPLEMENTARY;
		if (d->of->type != FP_TRUE && d->unit != FIG_COUNT &&
		    v->den_hidden)
			S->cells[sup_at(nf, r, (int)i, SUP_DEN)].why =
			    FIG_WHY_COMPLEMENTARY;
		/* A band printed for a hidden share: the interval of
		 * numerators it gives (fig_band.c). */
		if (v->suppressed && v->banded) {
			struct sup_cell *c = &S->cells[sup_at(nf, r, (int)i,
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
static struct fig_ledger *
sup_ledger_sum(const struct fig_set *s, struct fig_ledger **led, size_t n,
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

/* Frees a ledger of sup_ledger_sum() (here, not with fig_ledger_free():
 * the stage of fig_eval.c calls this one, not the other way). */
static void
sup_ledger_free(struct fig_ledger *l)
{
	size_t i;

	for (i = 0; i < l->nvalues; i++)
		free((char *)l->values[i].name);
	free(l->values);
	free(l);
}

/* One year's total: blocks 0 .. m - 1 of led are the periods (their
 * cells fixed), then the totals of the first 2, 3, ... m periods, all
 * fixed but the last, whose cells are hidden as far as every relation
 * among them all requires. */
static void
sup_pooled_step(const struct fig_set *s, struct fig_ledger **led, size_t m,
    size_t nb, int region_hidable, long t)
{
	struct sup S;
	char *hide;
	size_t nf = s->ndefs, c, r, i, last = (2 * m - 2) * (nb + 1);

	memset(&S, 0, sizeof(S));
	sup_build(&S, s, led, 2 * m - 1, nb, region_hidable, (int)m);
	/* Every period's cells as its own solve left them; every earlier
	 * total's as its year's solve did. */
	for (r = 0; r < last; r++) {
		sup_read_hidden(&S, s, r);
		for (i = 0; i < nf; i++)
			for (c = 0; c < 3; c++)
				S.cells[sup_at(nf, r, (int)i, c)].frozen = 1;
	}
	/* No secret: what London and the public numbers say alone; and,
	 * of the total, what the periods' cells and the earlier totals as
	 * published say (a total no hiding of its own can protect). */
	hide = xcalloc(S.ncells ? S.ncells : 1, 1);
	for (c = 0; c < S.ncells; c++)
		hide[c] = S.cells[c].hidable;
	sup_known(&S, hide);
	sup_tick(&S);
	for (c = 0; c < S.ncells; c++)
		hide[c] = !S.cells[c].frozen && S.cells[c].hidable;
	sup_known(&S, hide);
	sup_tick(&S);
	sup_solve(&S, s, t);
	sup_write(&S, s, last);
	free(hide);
	sup_free(&S);
}

void
fig_suppress_pooled(const struct fig_set *s, struct fig_ledger **led,
    size_t np, size_t nb, int region_hidable, long t)
{
	struct fig_ledger **all, **step;
	size_t pool = np * (nb + 1), m, q, r, k;

	if (!fig_suppress_joint || np < 2) {
		/* The total as a period of its own: what the tests show
		 * leaks (or, of one period, that period again). */
		fig_suppress(s, led + pool, nb, led[pool + nb],
		    region_hidable, t);
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
			all[pool + q * (nb + 1) + r] = sup_ledger_sum(s, led,
			    q + 2, nb, r);
	memcpy(all + pool + (np - 2) * (nb + 1), led + pool,
	    (nb + 1) * sizeof(*all));
	step = xcalloc((2 * np - 1) * (nb + 1), sizeof(*step));
	sup_begin("");
	for (m = 2; m <= np; m++) {
		char what[160];

		snprintf(what, sizeof(what), "the total over %zu periods, "
		    "step %zu of %zu (the first %zu periods), %zu boards",
		    np, m - 1, np - 1, m, nb);
		snprintf(sup_what, sizeof(sup_what), "%s", what);
		if (sup_said)
			fprintf(stderr, "scrpaper: suppressing small numbers, "
			    "%s\n", what);
		/* The first m periods, then the totals of 2 .. m. */
		k = 0;
		for (r = 0; r < m * (nb + 1); r++)
			step[k++] = all[r];
		for (q = 0; q + 1 < m; q++)
			for (r = 0; r <= nb; r++)
				step[k++] = all[pool + q * (nb + 1) + r];
		sup_past = m < np;
		sup_pooled_step(s, step, m, nb, region_hidable, t);
		sup_past = 0;
	}
	for (q = 0; q + 2 < np; q++)
		for (r = 0; r <= nb; r++)
			sup_ledger_free(all[pool + q * (nb + 1) + r]);
	free(step);
	free(all);
}

/*
 * The reader of fig_band.c: the cells and relations above over ledgers
 * already suppressed, so that a band can be tried against the same
 * reasoning that chose the [c]s.
 */
struct fig_reader {
	struct sup	  S;
	struct fig_ledger **led;	/* the boards' ledgers, then London's */
	size_t		  nf;
	long		  exact;	/* > 0: fig_reader_safe(R, 1) also
					 * runs the exact check, t = exact */
	struct fig_ledger **sums;	/* fig_reader_new_pooled(): the
					 * totals it made, nsums of them */
	size_t		  nsums;
	char		 *bad;		/* row -> a cell of it given away
					 * by the last fig_reader_safe() */
};

struct fig_reader *
fig_reader_new(const struct fig_set *s, struct fig_ledger **ls, size_t nb,
    struct fig_ledger *region, int region_hidable)
{
	struct fig_reader *R = xcalloc(1, sizeof(*R));
	char *hide;
	size_t r, c;

	R->nf = s->ndefs;
	R->led = xcalloc(nb + 1, sizeof(*R->led));
	memcpy(R->led, ls, nb * sizeof(*R->led));
	R->led[nb] = region;
	sup_build(&R->S, s, R->led, 1, nb, region_hidable, 0);
	for (r = 0; r <= nb; r++)
		sup_read_hidden(&R->S, s, r);
	/* What a reader knows with no board figure shown at all. */
	hide = xcalloc(R->S.ncells ? R->S.ncells : 1, 1);
	for (c = 0; c < R->S.ncells; c++)
		hide[c] = R->S.cells[c].hidable;
	sup_known(&R->S, hide);
	free(hide);
	return R;
}

struct fig_reader *
fig_reader_new_pooled(const struct fig_set *s, struct fig_ledger **led,
    size_t np, size_t nb, int region_hidable)
{
	struct fig_reader *R = xcalloc(1, sizeof(*R));
	size_t pool = np * (nb + 1), nblk = 2 * np - 1, q, r, c;
	char *hide, *band;

	R->nf = s->ndefs;
	R->nsums = (np - 1) * (nb + 1);
	R->led = xcalloc(nblk * (nb + 1), sizeof(*R->led));
	memcpy(R->led, led, pool * sizeof(*R->led));
	for (q = 0; q + 1 < np; q++)
		for (r = 0; r <= nb; r++)
			R->led[pool + q * (nb + 1) + r] = sup_ledger_sum(s,
			    led, q + 2, nb, r);
	R->sums = R->led + pool;
	sup_build(&R->S, s, R->led, nblk, nb, region_hidable, (int)np);
	for (r = 0; r < pool; r++)
		sup_read_hidden(&R->S, s, r);
	/* No secret: what London, the public numbers and the periods'
	 * printed numbers (not their bands) say alone. */
	hide = xcalloc(R->S.ncells + 1, 1);
	band = xcalloc(R->S.ncells + 1, 1);
	for (c = 0; c < R->S.ncells; c++) {
		R->S.cells[c].frozen = R->S.cells[c].row < pool;
		band[c] = (char)R->S.cells[c].banded;
		R->S.cells[c].banded = 0;
		hide[c] = (char)R->S.cells[c].hidable;
	}
	sup_known(&R->S, hide);
	for (c = 0; c < R->S.ncells; c++)
		hide[c] = !R->S.cells[c].frozen && R->S.cells[c].hidable;
	sup_known(&R->S, hide);
	for (c = 0; c < R->S.ncells; c++) {
		R->S.cells[c].banded = band[c];
		if (hide[c])	/* every cell of the totals hidden */
			R->S.cells[c].why = FIG_WHY_COMPLEMENTARY;
	}
	free(hide);
	free(band);
	return R;
}

int
fig_reader_bad(const struct fig_reader *R, size_t row)
{
	return R->bad != NULL && R->bad[row];
}

void
fig_reader_band(struct fig_reader *R, size_t row, int fig, int on,
    long lo, long hi)
{
	struct sup_cell *c = &R->S.cells[sup_at(R->nf, row, fig, SUP_NUM)];

	c->banded = on;
	c->blo = lo;
	c->bhi = hi;
}

void
fig_reader_exact(struct fig_reader *R, long t)
{
	R->exact = t;
}

/* The exact check of sup_complete() over the reader's cells and bands:
 * 1 when no hidden cell is pinned or known to be 1..t. */
static int
sup_reader_exact(struct fig_reader *R)
{
	struct sup *S = &R->S;
	struct sup_ex X;
	size_t c;
	long n;

	X.want = xcalloc(S->ncells + 1, 1);
	X.exempt = xcalloc(S->ncells + 1, 1);
	X.need = xcalloc(S->ncells + 1, sizeof(*X.need));
	X.lo = xcalloc(S->ncells + 1, sizeof(*X.lo));
	X.hi = xcalloc(S->ncells + 1, sizeof(*X.hi));
	X.val = xcalloc(S->ncells + 1, sizeof(*X.val));
	for (c = 0; c < S->ncells; c++) {
		X.need[c] = 1;
		X.val[c] = S->cells[c].val;
	}
	n = sup_exact_check(S, &X, R->exact);
	for (c = 0; n > 0 && c < S->ncells; c++)
		if (sup_exposed(S, &X, c, R->exact))
			R->bad[S->cells[c].row] = 1;
	free(X.want);
	free(X.exempt);
	free(X.need);
	free(X.lo);
	free(X.hi);
	free(X.val);
	return n == 0;
}

int
fig_reader_safe(struct fig_reader *R, int probe)
{
	size_t c;
	int ok = 1;

	if (R->bad == NULL)
		R->bad = xcalloc(R->S.nrows + 1, 1);
	memset(R->bad, 0, R->S.nrows + 1);
	if (!sup_reason(&R->S, probe))
		return 0;
	for (c = 0; c < R->S.ncells; c++)
		if (sup_hidden(&R->S, c) && !R->S.cells[c].known &&
		    R->S.lo[c] == R->S.hi[c]) {
			R->bad[R->S.cells[c].row] = 1;
			ok = 0;
		}
	if (ok && probe && R->exact > 0 && !sup_reader_exact(R))
		return 0;
	return ok;
}

void
fig_reader_bounds(struct fig_reader *R, size_t row, int fig, long *lo,
    long *hi)
{
	size_t c = sup_at(R->nf, row, fig, SUP_NUM);

	*lo = R->S.lo[c];
	*hi = R->S.hi[c];
}

void
fig_reader_free(struct fig_reader *R)
{
	size_t c;

	if (R == NULL)
		return;
	sup_free(&R->S);
	for (c = 0; c < R->nsums; c++)
		sup_ledger_free(R->sums[c]);
	free(R->led);
	free(R->bad);
	free(R);
}

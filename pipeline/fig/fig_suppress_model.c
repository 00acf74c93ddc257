/*
 * fig_suppress_model.c: the suppressor's model (fig_suppress_int.h):
 * every number a ledger prints is a cell (a figure's numerator, the
 * not_recorded count of its base, the base of a share), and the
 * relations of figures.yaml within a board and within the region, the
 * region as the sum of the boards, periods and their total, and the
 * bounds of every share are constraints over them.
 */
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "case.h"
#include "fig.h"
#include "fig_impl.h"
#include "fig_suppress_int.h"


/* The work of the solves since the process began (fig_impl.h). */
struct fig_work fig_work;

/* Cell index of (row, fig, kind); the layout is fixed by fig_sup_build. */
size_t
fig_sup_at(size_t nfig, size_t row, int fig, enum sup_kind kind)
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
long
fig_sup_base(const struct fig_def *d, const struct fig_ledger *l)
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
					sup_term(S, fig_sup_at(nf,
					    b * (nb + 1) + r, (int)i, j), 1);
				sup_term(S, fig_sup_at(nf, tblk * (nb + 1) + r,
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
				sup_term(S, fig_sup_at(nf, base + r, (int)i, j),
				    1);
			sup_term(S, fig_sup_at(nf, base + nb, (int)i, j), -1);
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
	sup_term(S, fig_sup_at(nf, r, i, SUP_NUM), 1);
	sup_term(S, fig_sup_at(nf, r, d->nrclass, SUP_NR), 1);
	sup_term(S, fig_sup_at(nf, r, b, den ? SUP_DEN : SUP_NUM), -1);
}

/*
 * Builds the cells and constraints of nblk blocks of rows, led[0..nblk *
 * (nb + 1)): in each block nb boards and London last, with London = the
 * sum of the boards, the declared relations and the bounds of every
 * share.  With pooled = P > 0, blocks 0 .. P - 1 are periods and each
 * block P + q after them the total of the first q + 2, cell by cell.
 */
/* Each cell's constraints (adjoff, adj), and each term's place among
 * its cell's (sup_con.at). */
static void
sup_adjacency(struct sup *S)
{
	size_t i, j, n;

	S->adjoff = xcalloc(S->ncells + 1, sizeof(*S->adjoff));
	for (i = 0; i < S->ncons; i++)
		for (j = 0; j < S->cons[i].n; j++)
			S->adjoff[S->cons[i].cell[j] + 1]++;
	for (i = 0; i < S->ncells; i++)
		S->adjoff[i + 1] += S->adjoff[i];
	n = S->adjoff[S->ncells];
	S->adj = xcalloc(n ? n : 1, sizeof(*S->adj));
	S->adjcoef = xcalloc(n ? n : 1, sizeof(*S->adjcoef));
	{
		size_t *fill = xcalloc(S->ncells + 1, sizeof(*fill));

		for (i = 0; i < S->ncons; i++) {
			struct sup_con *k = &S->cons[i];

			k->at = xcalloc(k->n ? k->n : 1, sizeof(*k->at));
			for (j = 0; j < k->n; j++) {
				size_t c = k->cell[j];

				k->at[j] = S->adjoff[c] + fill[c];
				S->adjcoef[S->adjoff[c] + fill[c]] = k->coef[j];
				S->adj[S->adjoff[c] + fill[c]++] = i;
			}
		}
		free(fill);
	}
}

/* The cells of rows 0 .. S->nrows - 1 of set s, read from the ledgers
 * (S->led): each figure's numerator, not recorded and base, with their
 * upper bounds and whether disclosure control may hide them. */
static void
sup_cells_init(struct sup *S, const struct fig_set *s)
{
	size_t nf = s->ndefs, r, i;
	const struct fig_ledger *l;

	for (r = 0; r < S->nrows; r++) {
		int hid = !sup_london(S, r) || S->region_hidable;

		l = S->led[r];
		for (i = 0; i < nf; i++) {
			const struct fig_def *d = &s->defs[i];
			const struct fig_value *v = &l->values[i];
			long base = fig_sup_base(d, l), ub;
			struct sup_cell *c;

			ub = base >= 0 ? base : l->children;
			/* A sum over the reviews (household_children) is
			 * not bounded by them; with no review it is 0,
			 * public (rule 5), as fig_audit_reason.c reads it. */
			if (d->sum != FIG_SUM_NONE)
				ub = l->cases == 0 ? 0 : SUP_INF;
			c = &S->cells[fig_sup_at(nf, r, (int)i, SUP_NUM)];
			c->row = r;
			c->fig = (int)i;
			c->kind = SUP_NUM;
			c->val = v->num;
			c->ub = ub;
			c->hidable = !d->public && hid;
			c = &S->cells[fig_sup_at(nf, r, (int)i, SUP_NR)];
			c->row = r;
			c->fig = (int)i;
			c->kind = SUP_NR;
			c->val = v->not_recorded;
			c->ub = base >= 0 ? base : l->children;
			c->hidable = d->nrclass == (int)i &&
			    sup_has_codes(s, d) && hid;
			c = &S->cells[fig_sup_at(nf, r, (int)i, SUP_DEN)];
			c->row = r;
			c->fig = (int)i;
			c->kind = SUP_DEN;
			c->val = d->of->type != FP_TRUE ? v->den : 0;
			c->ub = base >= 0 ? base : l->children;
			c->hidable = d->of->type != FP_TRUE && d->unit !=
			    FIG_COUNT && hid;
		}
	}
}

/* The relations of block blk's rows: London = the sum of the boards,
 * for every cell; the declared relations; a share and its not_recorded
 * within its base. */
static void
sup_block_relations(struct sup *S, const struct fig_set *s, size_t blk)
{
	size_t nf = s->ndefs, nb = S->nb, r, i, j;

	/* London = the sum of the boards, for every cell. */
	sup_sums(S, s, blk);
	for (r = blk * (nb + 1); r < (blk + 1) * (nb + 1); r++) {
		/* The declared relations. */
		for (i = 0; i < s->nrels; i++) {
			sup_con_add(S, s->rels[i].op, 0);
			for (j = 0; j < s->rels[i].nterms; j++)
				sup_term(S, fig_sup_at(nf, r,
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
				base = fig_sup_at(nf, r, (int)i,
				    SUP_DEN);
			else if (d->pop == FIG_POP_DEATHS &&
			    s->deaths_fig >= 0)
				base = fig_sup_at(nf, r, s->deaths_fig,
				    SUP_NUM);
			else
				continue;
			sup_con_add(S, FIG_REL_LE, 0);
			sup_term(S, fig_sup_at(nf, r, (int)i, SUP_NUM),
			    1);
			sup_term(S, base, -1);
			if (d->nrclass == (int)i) {
				sup_con_add(S, FIG_REL_LE, 0);
				sup_term(S, fig_sup_at(nf, r, (int)i,
				    SUP_NR), 1);
				sup_term(S, base, -1);
			}
		}
	}
}

/* The work arrays of the solve, one slot a cell or a relation. */
static void
sup_work_alloc(struct sup *S)
{
	size_t n, i;

	n = S->ncells ? S->ncells : 1;
	for (i = 0; i < 2; i++) {
		S->view[i].lo = xcalloc(n, sizeof(long));
		S->view[i].hi = xcalloc(n, sizeof(long));
		S->view[i].ilo = xcalloc(n, sizeof(long));
		S->view[i].ihi = xcalloc(n, sizeof(long));
		S->view[i].was = xcalloc(n, sizeof(*S->cells));
		S->view[i].dirty = xcalloc(n, sizeof(size_t));
		S->view[i].isdirty = xcalloc(n, 1);
		S->view[i].alldirty = 1;
		/* Every stamp 0, the epoch 1: none current. */
		S->view[i].act.s = xcalloc(S->ncons + 1,
		    sizeof(struct sup_sum));
		S->view[i].act.epoch = 1;
		S->view[i].pin = xcalloc(n / 64 + 2, sizeof(uint64_t));
		S->view[i].pinstale = 1;
	}
	S->bdirty = xcalloc(n, sizeof(*S->bdirty));
	S->isbdirty = xcalloc(n, 1);
	S->ball = 1;
	/* Only probing (view 1) keeps its last narrowing. */
	S->view[1].ustart = xcalloc(n, sizeof(struct sup_trail));
	S->view[1].inu = xcalloc(n, 1);
	S->lo = S->view[0].lo;
	S->hi = S->view[0].hi;
	S->rgn = xcalloc(n, sizeof(*S->rgn));
	S->inrgn = xcalloc(n, 1);
	S->comp = xcalloc(n, sizeof(*S->comp));
	S->cstack = xcalloc(n, sizeof(*S->cstack));
	S->stamp = xcalloc(n, sizeof(*S->stamp));
	S->tried = xcalloc(n, sizeof(*S->tried));
	S->rec = xcalloc(2 * n, sizeof(*S->rec));
	S->kst = xcalloc(S->ncons + 1, sizeof(*S->kst));
	S->cseen = xcalloc(n, sizeof(*S->cseen));
	S->save = xcalloc(n, sizeof(*S->save));
	S->rcon = xcalloc(S->ncons + 1, sizeof(*S->rcon));
	S->inrcon = xcalloc(S->ncons + 1, 1);
	S->queue = xcalloc(S->ncons + 1, sizeof(*S->queue));
	S->inq = xcalloc(S->ncons + 1, 1);
	S->used = xcalloc(S->adjoff[S->ncells] + 1, 1);
	S->incone = xcalloc(n, 1);
	S->rst = xcalloc(n, sizeof(*S->rst));
	S->inrst = xcalloc(n, 1);
	S->seen = xcalloc(n, sizeof(*S->seen));
	S->kseen = xcalloc(S->ncons + 1, sizeof(*S->kseen));
	S->curcon = (size_t)-1;
}

/* S->truth: 1 if the true values meet every relation, so that a
 * reader's reasoning never ends in a contradiction (fig_sup_reason()). */
static void
sup_truth(struct sup *S)
{
	size_t i, j;

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

void
fig_sup_build(struct sup *S, const struct fig_set *s, struct fig_ledger **led,
    size_t nblk, size_t nb, int region_hidable, int pooled)
{
	size_t nf = s->ndefs, r, i, blk;

	S->led = led;
	S->nb = nb;
	S->nrows = nblk * (nb + 1);
	S->region_hidable = region_hidable;
	S->ncells = S->nrows * nf * 3;
	S->cells = xcalloc(S->ncells ? S->ncells : 1, sizeof(*S->cells));
	sup_cells_init(S, s);
	for (blk = 0; blk < nblk; blk++)
		sup_block_relations(S, s, blk);
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
	sup_adjacency(S);
	sup_work_alloc(S);
	sup_truth(S);
}

void
fig_sup_free(struct sup *S)
{
	size_t i;

	for (i = 0; i < S->ncons; i++) {
		free(S->cons[i].cell);
		free(S->cons[i].coef);
		free(S->cons[i].at);
	}
	free(S->cons);
	fig_exact_pool_free(S->pool_in);
	fig_exact_pool_free(S->pool_out);
	free(S->cells);
	free(S->adjoff);
	free(S->adj);
	free(S->adjcoef);
	for (i = 0; i < 2; i++) {
		free(S->view[i].lo);
		free(S->view[i].hi);
		free(S->view[i].act.s);
		free(S->view[i].pin);
		free(S->view[i].ilo);
		free(S->view[i].ihi);
		free(S->view[i].was);
		free(S->view[i].dirty);
		free(S->view[i].isdirty);
		free(S->view[i].ustart);
		free(S->view[i].inu);
		free(S->view[i].undo);
	}
	free(S->bdirty);
	free(S->isbdirty);
	free(S->rgn);
	free(S->inrgn);
	free(S->comp);
	free(S->cstack);
	free(S->stamp);
	free(S->tried);
	for (i = 0; S->rec != NULL && i < 2 * (S->ncells ? S->ncells : 1);
	    i++)
		free(S->rec[i].n);
	free(S->rec);
	free(S->kst);
	free(S->cseen);
	free(S->save);
	free(S->rcon);
	free(S->inrcon);
	free(S->trail);
	free(S->queue);
	free(S->inq);
	free(S->used);
	free(S->incone);
	free(S->rst);
	free(S->inrst);
	free(S->seen);
	free(S->kseen);
}

/*
 * fig_suppress_complete.c: the suppressor's completion step
 * (fig_suppress_int.h): the choice checked with the exact reader of
 * fig_exact.c, and one more cell hidden for each cell it still pins or
 * narrows below the protection rule (fig_exact_exposed()).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "case.h"
#include "fig.h"
#include "fig_impl.h"
#include "fig_suppress_int.h"

/* 1 while the pooled solve makes again a total an earlier year
 * published (not this release's). */
int fig_sup_past;

unsigned long fig_suppress_warned;

/*
 * The completion step: the choice above checked with the exact reader
 * (fig_exact.c), which minimises and maximises every hidden cell over
 * every constraint at once.  While a hidden cell that is no secret
 * already can be pinned to one value, or may be a small number (its
 * interval meets 1..t) and keeps less than t values apart (less than
 * the whole interval that London's figures and the public numbers
 * leave, where that is narrower), one more shown cell is hidden as
 * fig_sup_choose() picks it, one for each such cell not next to another
 * just fixed, and the check runs again.  A cell that London's figures
 * (with the frozen cells) say is 1..t alone is no secret.  Changes
 * nothing where the exact reader finds nothing (docs/disclosure.md,
 * "The protection rule").
 */
static struct fig_exact *
sup_exact_system(const struct sup *S, struct sup_ex *X, int baseline)
{
	struct fig_exact *E = X != NULL ? X->E : NULL;
	size_t c, *grp;

	/* The facts are S's relations at every check: made once, only the
	 * bounds given again (they were made at every solve, a cost that
	 * grew with the solves times the relations). */
	if (E != NULL)
		fig_exact_again(E);
	else {
		E = fig_exact_new(S->ncells);
		for (c = 0; c < S->ncons; c++)
			fig_exact_fact(E, S->cons[c].op == FIG_REL_EQ,
			    S->cons[c].n, S->cons[c].cell, S->cons[c].coef,
			    S->cons[c].rhs);
		/* Each board a group, over every period (London's row its
		 * own): a board's cell moves with the board's other cells
		 * and, through London's sums, with a few other boards'
		 * (fig_exact_local.c). */
		grp = xcalloc(S->ncells + 1, sizeof(*grp));
		for (c = 0; c < S->ncells; c++)
			grp[c] = S->cells[c].row % (S->nb + 1);
		fig_exact_groups(E, grp, S->nb + 1);
		free(grp);
		if (X != NULL)
			X->E = E;
	}
	for (c = 0; c < S->ncells; c++) {
		const struct sup_cell *x = &S->cells[c];
		int hidden = baseline ? (x->frozen ? fig_sup_hidden(S, c) :
		    x->hidable) : fig_sup_hidden(S, c);
		long ub = x->ub < FIG_EXACT_INF ? x->ub : FIG_EXACT_INF;

		if (!hidden || (x->known && !baseline))
			fig_exact_bounds(E, c, x->val, x->val);
		else if (x->banded && !baseline)
			fig_exact_bounds(E, c, x->blo, x->bhi);
		else
			fig_exact_bounds(E, c, 0, ub);
	}
	return E;
}

/* Counts an exact solve's work. */
static void
sup_work_exact(const struct fig_exact *E)
{
	fig_work.exact++;
	fig_work.lps += fig_exact_lps(E);
	fig_work.mips += fig_exact_mips(E);
	fig_work.iters += fig_exact_iterations(E);
	fig_work.locals += fig_exact_locals(E);
}

/* Returns 1 if hidden cell c is pinned or narrowed below the rule. */
int
fig_sup_exposed(const struct sup *S, const struct sup_ex *X, size_t c, long t)
{
	return fig_sup_hidden(S, c) && !S->cells[c].known && !X->exempt[c] &&
	    fig_exact_exposed(X->lo[c], X->hi[c], X->need[c], t);
}

/* Runs the exact reader over the cells as they are hidden now.  Returns
 * the number of exposed cells (marking exempt those London's figures
 * alone say are 1..t, and lowering X->need of a cell to the width they
 * alone leave it where that is less: at most its ub), -1 when GLPK
 * fails, or -2 when no whole numbers fit the relations (the data break
 * them: fig_check_data() refuses that input before any output, and
 * fig_suppress() has hidden every cell it could).  X->need starts at t. */
long
fig_sup_exact_check(struct sup *S, struct sup_ex *X, long t)
{
	struct fig_exact *E;
	size_t c;
	long n = 0;
	int rc;

	for (c = 0; c < S->ncells; c++) {
		X->want[c] = fig_sup_hidden(S, c) && !S->cells[c].known &&
		    !X->exempt[c];
		/* The public numbers alone keep a cell within 0..ub. */
		if (X->need[c] > S->cells[c].ub)
			X->need[c] = S->cells[c].ub > 1 ? S->cells[c].ub : 1;
	}
	fig_work.cells += S->ncells;
	E = sup_exact_system(S, X, 0);
	fig_exact_use_memo(E, X->memo);
	fig_exact_use_pool(E, X->pool);
	rc = fig_exact_solve(E, X->want, X->need, t, X->val, X->lo, X->hi);
	sup_work_exact(E);
	if (rc != 1)
		return rc < 0 ? -1 : -2;
	for (c = 0; c < S->ncells; c++)
		X->want[c] = X->want[c] && X->lo[c] < X->hi[c] &&
		    fig_exact_exposed(X->lo[c], X->hi[c], X->need[c], t);
	if (memchr(X->want, 1, S->ncells) != NULL) {
		long *blo = xcalloc(S->ncells + 1, sizeof(*blo));
		long *bhi = xcalloc(S->ncells + 1, sizeof(*bhi));

		E = sup_exact_system(S, X, 1);
		fig_exact_use_memo(E, X->memo);
		fig_exact_use_pool(E, X->pool);
		if (fig_exact_solve(E, X->want, X->need, t, X->val, blo,
		    bhi) == 1)
			for (c = 0; c < S->ncells; c++) {
				if (!X->want[c])
					continue;
				if (blo[c] >= 1 && bhi[c] <= t)
					X->exempt[c] = 1;
				else if (bhi[c] - blo[c] < X->need[c])
					X->need[c] = bhi[c] > blo[c] ?
					    bhi[c] - blo[c] : 1;
			}
		sup_work_exact(E);
		free(blo);
		free(bhi);
	}
	for (c = 0; c < S->ncells; c++)
		n += fig_sup_exposed(S, X, c, t);
	return n;
}

/* 1 when the frozen cells as printed, their bands left out, pin cell c
 * or put it within 1..t with every other cell hidden: no hiding can
 * take that back, and it is no secret (sup_exact_system(S, 1)). */
static int
sup_frozen_say(const struct sup *S, size_t c, long t)
{
	struct fig_exact *E = sup_exact_system(S, NULL, 1);
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

/* Sets X up for S's exact checks: nothing wanted or exempt yet, every
 * cell asked to keep values need apart, its true value known; a memo of
 * the parts solved and a pool of the solutions found when memo is set
 * (the completion step's rounds, which hide cells and show them again:
 * a solution found before stays one wherever its values fit), S's
 * pool_in to start it, when given (taken: S no longer has it). */
void
fig_sup_ex_init(struct sup *S, struct sup_ex *X, long need, int memo)
{
	size_t c;

	X->want = xcalloc(S->ncells + 1, 1);
	X->exempt = xcalloc(S->ncells + 1, 1);
	X->need = xcalloc(S->ncells + 1, sizeof(*X->need));
	X->lo = xcalloc(S->ncells + 1, sizeof(*X->lo));
	X->hi = xcalloc(S->ncells + 1, sizeof(*X->hi));
	X->val = xcalloc(S->ncells + 1, sizeof(*X->val));
	X->memo = memo ? fig_exact_memo_new() : NULL;
	X->E = NULL;
	X->pool = !memo ? NULL : S->pool_in != NULL ? S->pool_in :
	    fig_exact_pool_new();
	if (memo)
		S->pool_in = NULL;
	/* Every check of S has S's relations as facts and the true values
	 * as witness, whichever cells are hidden (sup_exact_system()). */
	if (X->pool != NULL)
		fig_exact_pool_fixed(X->pool);
	for (c = 0; c < S->ncells; c++) {
		X->need[c] = need;
		X->val[c] = S->cells[c].val;
	}
}

void
fig_sup_ex_free(struct sup_ex *X)
{
	free(X->want);
	free(X->exempt);
	free(X->need);
	free(X->lo);
	free(X->hi);
	free(X->val);
	fig_exact_memo_free(X->memo);
	fig_exact_pool_free(X->pool);
	fig_exact_free(X->E);
}

/* The exact check could not be made (GLPK failed on a system): what the
 * completion step would leave could not be known safe, so nothing is
 * written (exit 3, as when memory runs out). */
static void
sup_exact_failed(void)
{
	fputs("scrpaper: error: the exact disclosure check failed (GLPK could "
	    "not solve a system): no output written\n", stderr);
	exit(EXIT_SYSERR);
}

void
fig_sup_complete(struct sup *S, const struct fig_set *s, long t, size_t *order,
    size_t *norder)
{
	struct sup_ex X;
	char *near;
	size_t c, y, j, k, round, nfix, first = *norder, i;
	long n;

	fig_sup_ex_init(S, &X, t, 1);
	near = xcalloc(S->ncells + 1, 1);
	for (round = 0; round < S->ncells; round++) {
		if ((n = fig_sup_exact_check(S, &X, t)) == -1)
			sup_exact_failed();
		if (n <= 0)
			break;
		memset(near, 0, S->ncells + 1);
		for (c = 0, nfix = 0; c < S->ncells; c++) {
			if (!fig_sup_exposed(S, &X, c, t) || near[c])
				continue;
			if ((y = fig_sup_choose(S, c)) == (size_t)-1 &&
			    (y = fig_sup_row_cheapest(S, c)) == (size_t)-1 &&
			    (y = fig_sup_any_cheapest(S, c)) == (size_t)-1) {
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
					fig_suppress_warned++;
					fprintf(stderr, "scrpaper: warning: "
					    "disclosure control cannot protect "
					    "figure %s of board %d of "
					    "report.yaml%s (a [c] known to be "
					    "%ld..%ld, with nothing left to "
					    "hide); run scrpaper audit, or "
					    "switch bands or pool off\n",
					    s->defs[S->cells[c].fig].name,
					    S->led[S->cells[c].row]->lscb + 1,
					    fig_sup_past ? " in the total an "
					    "earlier year published" : "",
					    X.lo[c], X.hi[c]);
				}
				X.exempt[c] = 1;
				continue;
			}
			fig_sup_set_why(S, y, FIG_WHY_COMPLEMENTARY);
			fig_sup_base_rule(S, s);
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
		fig_sup_set_why(S, y, FIG_SHOWN);
		fig_sup_base_rule(S, s);
		if (fig_sup_pinned(S) != (size_t)-1 ||
		    fig_sup_exact_check(S, &X, t) != 0) {
			fig_sup_set_why(S, y, FIG_WHY_COMPLEMENTARY);
			fig_sup_base_rule(S, s);
		}
	}
	fig_exact_pool_free(S->pool_out);
	S->pool_out = X.pool;
	X.pool = NULL;
	fig_sup_ex_free(&X);
	free(near);
}

/*
 * The solutions of S's pool_out (the completion step's) that differ
 * from the true values only in cells S left hidden (a cell shown stays
 * shown wherever they are carried) and were not found to break a
 * relation, as a new pool of differences from the true values; NULL
 * when S kept no pool (no completion step).  Cell c of block c / blk is
 * named gblk[c / blk] * blk + c % blk (blk: cells of a block).
 */
struct fig_exact_pool *
fig_sup_pool_moves(const struct sup *S, size_t blk, const size_t *gblk)
{
	struct fig_exact_pool *C;
	size_t *gv, k, i, n, c;
	const size_t *var;
	const long *val;
	long *dv;

	if (S->pool_out == NULL)
		return NULL;
	C = fig_exact_pool_new();
	gv = xcalloc(S->ncells + 1, sizeof(*gv));
	dv = xcalloc(S->ncells + 1, sizeof(*dv));
	for (k = 0; k < fig_exact_pool_count(S->pool_out); k++) {
		if (fig_exact_pool_facts(S->pool_out, k) < 0)
			continue;
		n = fig_exact_pool_get(S->pool_out, k, &var, &val);
		for (i = 0; i < n; i++) {
			if (!fig_sup_hidden(S, c = var[i]))
				break;
			gv[i] = gblk[c / blk] * blk + c % blk;
			dv[i] = val[i] - S->cells[c].val;
		}
		if (i == n)
			fig_exact_pool_add(C, gv, dv, n);
	}
	free(gv);
	free(dv);
	return C;
}

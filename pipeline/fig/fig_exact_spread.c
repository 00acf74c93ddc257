/*
 * fig_exact_spread.c: the exact reader's (fig_exact.c, fig_exact_local.c)
 * rows and witnesses: a fact as a problem's row (fig_ex_row()), whole
 * values checked against the rows (fig_ex_rows_hold()), the values of a
 * whole solution folded into the witnessed ranges (fig_ex_witness(),
 * fig_ex_fold()), and the first witnesses, many cells at once
 * (fig_ex_spread()).
 */
#include <glpk.h>
#include <math.h>
#include <stdlib.h>

#include "util.h"
#include "case.h"
#include "fig.h"
#include "fig_impl.h"
#include "fig_exact_int.h"

int
fig_ex_fractional(const struct ex_lp *L)
{
	double x;
	int j;

	for (j = 1; j <= L->ncols; j++) {
		x = glp_get_col_prim(L->P, j);
		if (fabs(x - floor(x + 0.5)) > 1e-6)
			return j;
	}
	return 0;
}

int
fig_ex_row(const struct fig_exact *E, glp_prob *P, const struct ex_con *c,
    const int *col, const long *other, int *ind, double *val)
{
	long rhs = c->rhs;
	size_t j, v;
	int n = 0, row;

	for (j = 0; j < c->n; j++) {
		v = c->var[j];
		if (col[v] == 0)
			rhs -= c->k[j] * (E->lo[v] == E->hi[v] ? E->lo[v] :
			    other[v]);
		else {
			n++;
			ind[n] = col[v];
			val[n] = (double)c->k[j];
		}
	}
	if (n == 0)
		return 0;
	row = glp_add_rows(P, 1);
	glp_set_row_bnds(P, row, c->eq ? GLP_FX : GLP_UP,
	    c->eq ? (double)rhs : 0.0, (double)rhs);
	glp_set_mat_row(P, row, n, ind, val);
	return row;
}

int
fig_ex_rows_hold(glp_prob *P, const long *x)
{
	int i, j, k, nrows = glp_get_num_rows(P), ncols = glp_get_num_cols(P);
	int *ind, ok = 1;
	double *val, s;

	ind = xcalloc((size_t)ncols + 1, sizeof(*ind));
	val = xcalloc((size_t)ncols + 1, sizeof(*val));
	for (i = 1; i <= nrows && ok; i++) {
		k = glp_get_mat_row(P, i, ind, val);
		for (s = 0, j = 1; j <= k; j++)
			s += val[j] * (double)x[ind[j]];
		if (glp_get_row_type(P, i) == GLP_FX)
			ok = s == glp_get_row_lb(P, i);
		else
			ok = s <= glp_get_row_ub(P, i);
	}
	free(ind);
	free(val);
	return ok;
}

/* Folds the values of an integer solution into the witnessed ranges.
 * mip: from glp_intopt(), else from glp_simplex() (used only when every
 * column is whole). */
void
fig_ex_witness(struct fig_exact *E, struct ex_lp *L, int mip)
{
	int j;

	if (!mip && fig_ex_fractional(L) != 0)
		return;
	for (j = 1; j <= L->ncols; j++)
		L->x[j] = (long)floor((mip ? glp_mip_col_val(L->P, j) :
		    glp_get_col_prim(L->P, j)) + 0.5);
	fig_ex_fold(E, L, L->var + 1, L->x + 1, (size_t)L->ncols);
}

void
fig_ex_fold(struct fig_exact *E, struct ex_lp *L, const size_t *var,
    const long *x, size_t nx)
{
	size_t i, v, n = 0;
	int wider = 0;

	for (i = 0; i < nx; i++) {
		v = var[i];
		if (x[i] < L->wlo[v] || x[i] > L->whi[v])
			wider = 1;
		if (x[i] < L->wlo[v])
			L->wlo[v] = x[i];
		if (x[i] > L->whi[v])
			L->whi[v] = x[i];
		if (E->base != NULL && x[i] != E->base[v]) {
			E->pvar[n] = v;
			E->pval[n++] = x[i];
		}
	}
	/* With every other cell at the witness (which meets their facts),
	 * a solution of the whole system: kept for the solves after this
	 * one, where it may settle cells at once. */
	if (E->base != NULL && wider)
		fig_exact_pool_add(E->pool, E->pvar, E->pval, n);
}

/* What a GLPK status says: 1 an optimum, 0 no solution, -1 a failure. */
int
fig_ex_verdict(int st)
{
	return st == GLP_OPT ? 1 : st == GLP_NOFEAS ? 0 : -1;
}

/* The relaxation of L with its objective set: glp_simplex() from the
 * last basis, or from an advanced one when that is stale.  Returns what
 * its status says (fig_ex_verdict()), its solution witnessed when whole
 * and optimal. */
int
fig_ex_relax(struct fig_exact *E, struct ex_lp *L)
{
	glp_smcp sm;
	int rc;

	glp_init_smcp(&sm);
	sm.msg_lev = GLP_MSG_OFF;
	sm.presolve = GLP_OFF;
	E->nlp++;
	if (glp_simplex(L->P, &sm) != 0) {
		/* A stale basis: start again from an advanced one. */
		glp_adv_basis(L->P, 0);
		if (glp_simplex(L->P, &sm) != 0)
			return -1;
	}
	if ((rc = fig_ex_verdict(glp_get_status(L->P))) == 1)
		fig_ex_witness(E, L, 0);
	return rc;
}

/*
 * Witnesses for many cells at once: a whole solution pushed in
 * direction dir of the sum of columns cols[0..n), each with the sign
 * ex_sign() gives it in this round.  Only the solution matters, never
 * its optimum (a cell is decided from its own extremes, ex_extreme()),
 * so branch and bound stops at its first whole solution, or after
 * EX_SPREAD_NODES subproblems without one (a count, not a time: the
 * same witnesses on any machine).  Signs, not all +1: where a sum is
 * published (London over the boards, a total over the periods) the
 * cells in it cannot all rise together, but half of them can rise
 * while the other half falls, and in the other direction the other
 * way, so one pair of rounds moves most cells both ways.  Returns 1, 0
 * when the relaxation has no solution (then no whole one either), -1
 * when GLPK fails.
 */
#define EX_SPREAD_NODES	5

struct ex_spread_stop {
	int	nodes;
};

static void
ex_spread_cb(glp_tree *T, void *info)
{
	struct ex_spread_stop *st = info;

	if (glp_ios_reason(T) == GLP_IBINGO ||
	    (glp_ios_reason(T) == GLP_ISELECT &&
	    ++st->nodes > EX_SPREAD_NODES))
		glp_ios_terminate(T);
}

/* +1 or -1 for unknown v in round r: a fixed mix of the two numbers, so
 * that the same system always gets the same signs. */
static double
ex_sign(size_t v, int r)
{
	unsigned long h = (unsigned long)v * 2654435761UL +
	    (unsigned long)(r + 1) * 40503UL;

	h ^= h >> 13;
	h *= 0x5bd1e995UL;
	h ^= h >> 15;
	return h & 1 ? 1.0 : -1.0;
}

int
fig_ex_spread(struct fig_exact *E, struct ex_lp *L, const int *cols, int n,
    int round, int dir)
{
	struct ex_spread_stop stop = { 0 };
	glp_iocp io;
	int rc = 1, i, st;

	glp_init_iocp(&io);
	io.msg_lev = GLP_MSG_OFF;
	io.presolve = GLP_OFF;
	/* No time limit (GLPK's is wall time, which the machine's load
	 * moves): the count of subproblems bounds the search. */
	io.cb_func = ex_spread_cb;
	io.cb_info = &stop;
	glp_set_obj_dir(L->P, dir);
	for (i = 0; i < n; i++)
		glp_set_obj_coef(L->P, cols[i], ex_sign(L->var[cols[i]],
		    round));
	if ((rc = fig_ex_relax(E, L)) != 1)
		goto out;
	E->nmip++;
	st = glp_intopt(L->P, &io);
	if (st != 0 && st != GLP_ESTOP) {
		rc = -1;
		goto out;
	}
	/* Stopped before a whole solution: nothing witnessed, and nothing
	 * said of the system (the cells' own solves say it). */
	if ((st = glp_mip_status(L->P)) == GLP_OPT || st == GLP_FEAS)
		fig_ex_witness(E, L, 1);
	else if (st != GLP_UNDEF)
		rc = fig_ex_verdict(st);
out:
	for (i = 0; i < n; i++)
		glp_set_obj_coef(L->P, cols[i], 0.0);
	return rc;
}

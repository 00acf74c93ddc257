/*
 * fig_exact.c: the exact reader.  Given a system of integer unknowns
 * with bounds (a shown cell is an unknown whose bounds are its value)
 * and linear facts (sum of k * x = or <= rhs), finds for each unknown
 * asked about its smallest and largest feasible value: the interval a
 * reader who combines everything published can narrow it to.
 *
 * Cheap first: integer bound propagation over every fact gives an outer
 * interval (the true one lies inside it); a cell it pins to one value is
 * done.  Then one mixed-integer problem is built with GLPK over the
 * cells still open (the pinned ones folded into the right-hand sides)
 * and reused: for each cell only the objective changes (maximise it,
 * then minimise it), glp_simplex() warm-starts from the last basis and
 * glp_intopt() searches the integers.  Every integer solution found is
 * a witness: a cell whose witnessed values are already at least as far
 * apart as the caller needs is settled without a solve of its own, so
 * most cells cost nothing.  A bound of the linear relaxation that a
 * witness reaches also settles it without glp_intopt().  With a pool
 * (fig_exact_use_pool()), the solutions earlier solves found that still
 * hold are witnesses from the start, and each component's problem
 * starts from the basis the last solve of its cells and facts left.
 * With groups too (fig_exact_groups()), a large component's cells are
 * first moved within a few groups each (fig_exact_local.c): witnesses,
 * and most extremes, at the cost of a few groups, not of the component.
 *
 * Used by the attacker (fig_audit_exact.c) and the suppressor's completion
 * step (fig_suppress_complete.c); docs/disclosure.md states the rule it
 * checks.
 */
#include <glpk.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "case.h"
#include "fig.h"
#include "fig_impl.h"
#include "fig_exact_int.h"

static long
ex_floordiv(long a, long b)
{
	long q = a / b;

	return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

/* Bound propagation over every fact until nothing moves.  Returns 0 when
 * the facts contradict each other. */
static int
ex_propagate(struct fig_exact *E)
{
	size_t *queue, *adjoff, *adj, head = 0, tail = 0, i, j;
	char *inq;
	int ok = 1;

	fig_ex_adj(E);
	adjoff = E->adjoff;
	adj = E->adj;
	queue = xcalloc(E->ncon + 1, sizeof(*queue));
	inq = xcalloc(E->ncon + 1, 1);
	for (i = 0; i < E->nv; i++)
		if (E->lo[i] > E->hi[i])
			ok = 0;
	for (i = 0; i < E->ncon; i++) {
		queue[tail++] = i;
		inq[i] = 1;
	}
	tail %= E->ncon + 1;
	while (ok && head != tail) {
		const struct ex_con *c = &E->con[queue[head]];
		long smin = 0, smax = 0, a, rmin, rmax, lo, hi;

		inq[queue[head]] = 0;
		head = (head + 1) % (E->ncon + 1);
		for (i = 0; i < c->n; i++) {
			a = c->k[i];
			smin += a > 0 ? a * E->lo[c->var[i]] :
			    a * E->hi[c->var[i]];
			smax += a > 0 ? a * E->hi[c->var[i]] :
			    a * E->lo[c->var[i]];
		}
		if (smin > c->rhs || (c->eq && smax < c->rhs)) {
			ok = 0;
			break;
		}
		for (i = 0; i < c->n && ok; i++) {
			size_t v = c->var[i];

			a = c->k[i];
			rmin = smin - (a > 0 ? a * E->lo[v] : a * E->hi[v]);
			rmax = smax - (a > 0 ? a * E->hi[v] : a * E->lo[v]);
			lo = E->lo[v];
			hi = E->hi[v];
			if (a > 0)
				hi = ex_floordiv(c->rhs - rmin, a);
			else
				lo = -ex_floordiv(c->rhs - rmin, -a);
			if (c->eq) {
				if (a > 0)
					lo = -ex_floordiv(rmax - c->rhs, a);
				else
					hi = ex_floordiv(rmax - c->rhs, -a);
			}
			if (lo <= E->lo[v] && hi >= E->hi[v])
				continue;
			/* The sums above used the old bounds: recompute
			 * them once this fact is looked at again. */
			if (lo > E->lo[v])
				E->lo[v] = lo;
			if (hi < E->hi[v])
				E->hi[v] = hi;
			if (E->lo[v] > E->hi[v]) {
				ok = 0;
				break;
			}
			for (j = adjoff[v]; j < adjoff[v + 1]; j++)
				if (!inq[adj[j]]) {
					inq[adj[j]] = 1;
					queue[tail] = adj[j];
					tail = (tail + 1) % (E->ncon + 1);
				}
		}
	}
	free(queue);
	free(inq);
	return ok;
}

/* Column j of L's problem bounded as its cell is in E (ex_build(); a
 * dive puts them back so). */
static void
ex_col_bounds(const struct fig_exact *E, struct ex_lp *L, int j)
{
	size_t v = L->var[j];

	glp_set_col_bnds(L->P, j, GLP_DB, (double)E->lo[v], (double)E->hi[v]);
}

/* Builds the problem: one integer column per open cell, one row per fact
 * naming one, its pinned cells moved to the right-hand side. */
static void
ex_build(struct fig_exact *E, struct ex_lp *L, const size_t *cvar,
    size_t n, const size_t *facts, size_t nfacts)
{
	size_t i, j, v, nz = 0, f;
	int *ind, row;
	double *val;

	L->P = glp_create_prob();
	L->ncols = 0;
	for (i = 0; i < n; i++) {
		v = cvar[i];
		L->col[v] = ++L->ncols;
		L->var[L->ncols] = v;
	}
	if (L->ncols > 0)
		glp_add_cols(L->P, L->ncols);
	for (j = 1; j <= (size_t)L->ncols; j++) {
		glp_set_col_kind(L->P, (int)j, GLP_IV);
		ex_col_bounds(E, L, (int)j);
	}
	for (f = 0; f < nfacts; f++)
		if (E->con[facts[f]].n > nz)
			nz = E->con[facts[f]].n;
	ind = xcalloc(nz + 1, sizeof(*ind));
	val = xcalloc(nz + 1, sizeof(*val));
	L->fact = xcalloc(nfacts + 1, sizeof(*L->fact));
	for (f = 0; f < nfacts; f++) {
		const struct ex_con *c = &E->con[facts[f]];

		for (j = 0; j < c->n; j++)
			if (E->lo[c->var[j]] < E->hi[c->var[j]])
				break;
		/* A fact of another component, or of pinned cells. */
		if (j == c->n || L->col[c->var[j]] == 0)
			continue;
		/* Its open cells all have columns (they share the fact). */
		if ((row = fig_ex_row(E, L->P, c, L->col, E->lo, ind, val)) > 0)
			L->fact[row] = facts[f];
	}
	free(ind);
	free(val);
}

/* The most relaxations a dive (ex_dive()) solves. */
#define EX_DIVE_STEPS	64

/* 1 when the relaxation's solution, every column within 1e-6 of a whole
 * number (fig_ex_fractional() finds none), meets every row in whole
 * numbers once rounded: a solution of the problem, whatever GLPK's
 * tolerances let through. */
static int
ex_whole(const struct ex_lp *L)
{
	int j;

	for (j = 1; j <= L->ncols; j++)
		L->x[j] = (long)floor(glp_get_col_prim(L->P, j) + 0.5);
	return fig_ex_rows_hold(L->P, L->x);
}

/*
 * A whole solution with column c at b, found by diving: c fixed at b,
 * then, while the relaxation's optimum has a fractional column, the
 * first such fixed at its nearest whole value (at the other one next to
 * it when that leaves no solution) and the relaxation solved again (the
 * dual simplex, from the last basis), at most EX_DIVE_STEPS times (a
 * count, not a time: the same on any machine).  Returns 1 with the
 * solution witnessed (checked against every row in whole numbers,
 * ex_whole()), 0 when a relaxation has no solution or the dive runs
 * long (which says nothing of the system), -1 when GLPK fails.  Every
 * bound it changed is put back.
 */
static int
ex_dive(struct fig_exact *E, struct ex_lp *L, int c, long b)
{
	glp_smcp sm;
	int *fixed, nfixed = 0, j, rc = 0, step, back = 0;
	double x, other = 0;

	glp_init_smcp(&sm);
	sm.msg_lev = GLP_MSG_OFF;
	sm.meth = GLP_DUALP;
	fixed = xcalloc((size_t)L->ncols + 1, sizeof(*fixed));
	fixed[nfixed++] = c;
	glp_set_col_bnds(L->P, c, GLP_FX, (double)b, (double)b);
	for (step = 0; step < EX_DIVE_STEPS; step++) {
		E->nlp++;
		if (glp_simplex(L->P, &sm) != 0) {
			rc = -1;
			break;
		}
		if (glp_get_status(L->P) != GLP_OPT) {
			/* The last column fixed, at its other whole value. */
			if (!back)
				break;
			back = 0;
			j = fixed[nfixed - 1];
			glp_set_col_bnds(L->P, j, GLP_FX, other, other);
			continue;
		}
		if ((j = fig_ex_fractional(L)) == 0) {
			if ((rc = ex_whole(L)) == 1)
				fig_ex_witness(E, L, 0);
			break;
		}
		x = glp_get_col_prim(L->P, j);
		other = floor(x + 0.5) > x ? floor(x) : ceil(x);
		back = 1;
		fixed[nfixed++] = j;
		glp_set_col_bnds(L->P, j, GLP_FX, floor(x + 0.5),
		    floor(x + 0.5));
	}
	for (j = 0; j < nfixed; j++)
		ex_col_bounds(E, L, fixed[j]);
	free(fixed);
	return rc;
}

/*
 * The extreme value of the sum of columns cols[0..n) in direction dir
 * (GLP_MAX, GLP_MIN): *best, and its solution folded into the witnessed
 * ranges.  Returns 1, 0 when the problem has no integer solution, -1
 * when GLPK fails.
 */
static int
ex_optimise(struct fig_exact *E, struct ex_lp *L, const int *cols, int n,
    int dir, long *best)
{
	glp_iocp io;
	size_t v = L->var[cols[0]];
	double z;
	long bound, seen;
	int rc = 1, dived, i;

	glp_init_iocp(&io);
	io.msg_lev = GLP_MSG_OFF;
	io.presolve = GLP_OFF;
	/* No time limit (GLPK's is wall-clock time): a search cut short on a
	 * loaded machine failed the check, so the suppression depended on
	 * the machine's load.  Searches end by the problem alone. */
	glp_set_obj_dir(L->P, dir);
	for (i = 0; i < n; i++)
		glp_set_obj_coef(L->P, cols[i], 1.0);
	if ((rc = fig_ex_relax(E, L)) != 1)
		goto out;
	z = glp_get_obj_val(L->P);
	bound = dir == GLP_MAX ? (long)floor(z + 1e-6) : (long)ceil(z - 1e-6);
	seen = dir == GLP_MAX ? L->whi[v] : L->wlo[v];
	/* A bound of the relaxation that an integer solution reaches. */
	if (n == 1 && bound == seen) {
		*best = seen;
		if (E->base != NULL)
			fig_ex_cert_keep(E, L, v, dir);
		goto out;
	}
	/* One cell's extreme, with a pool (the completion step): a whole
	 * solution at the relaxation's bound is the optimum (no whole one
	 * lies beyond the bound), so a dive that finds one answers without
	 * branch and bound.  In the completion step's checks measured, the
	 * optimum was at the bound every time, and the dive found it for
	 * most cells at a fraction of the search's cost (bench/README.md).
	 * Where it does not, the search below decides, as before. */
	if (n == 1 && E->pool != NULL &&
	    (dived = ex_dive(E, L, cols[0], bound)) != 0) {
		if ((rc = dived) == 1)
			*best = bound;
		goto out;
	}
	E->nmip++;
	/* Else GLPK's MIP presolver first, which solves the relaxation of
	 * a much smaller problem afresh.  From the basis the simplex left
	 * (warm, often degenerate), branch and bound took ten times as long
	 * to find the integer solution at the bound; the optimum is the
	 * same either way, only the solution found (a witness) may differ,
	 * and with it how many cells later ones settle.  The attacker
	 * (fig_audit_exact.c) prints its count of integer programs: it
	 * keeps the search it had. */
	io.presolve = n == 1 && E->pool != NULL ? GLP_ON : GLP_OFF;
	if (glp_intopt(L->P, &io) != 0) {
		rc = -1;
		goto out;
	}
	if ((rc = fig_ex_verdict(glp_mip_status(L->P))) != 1)
		goto out;
	fig_ex_witness(E, L, 1);
	*best = (long)floor(glp_mip_obj_val(L->P) + 0.5);
out:
	for (i = 0; i < n; i++)
		glp_set_obj_coef(L->P, cols[i], 0.0);
	return rc;
}

/* Cell j's extreme in direction dir: from a local problem when one
 * decides it (fig_exact_local.c), else from the component's. */
static int
ex_extreme(struct fig_exact *E, struct ex_lp *L, int j, int dir, long *best)
{
	long bound, seen;

	if (fig_ex_local(E, L, L->var[j], dir, best) == 1)
		return 1;
	/* The multipliers that proved it before, where they still reach
	 * a value witnessed: no relaxation needed. */
	seen = dir == GLP_MAX ? L->whi[L->var[j]] : L->wlo[L->var[j]];
	if (E->base != NULL && L->wlo[L->var[j]] <= L->whi[L->var[j]] &&
	    fig_ex_cert_bound(E, L->var[j], dir, &bound) && bound == seen) {
		E->ncert++;
		*best = seen;
		return 1;
	}
	return ex_optimise(E, L, &j, 1, dir, best);
}

int
fig_exact_outer(struct fig_exact *E, long *lo, long *hi)
{
	if (!ex_propagate(E))
		return 0;
	memcpy(lo, E->lo, E->nv * sizeof(*lo));
	memcpy(hi, E->hi, E->nv * sizeof(*hi));
	return 1;
}

int
fig_exact_exposed(long lo, long hi, long need, long t)
{
	return lo >= hi || (lo <= t && hi >= 1 && hi - lo < need);
}

/* Whether the values witnessed for v settle it: need[v] apart (two
 * values, with small > 0, where propagation already keeps v above small
 * or at most 0: no interval of it meets 1..small; as far apart as
 * propagation's outer interval, which the witnesses then are, where that
 * is narrower), and, with small > 0, not all within 1..small. */
static int
ex_settled(const struct fig_exact *E, const struct ex_lp *L, size_t v,
    const long *need, long small)
{
	long nd = need[v];

	if (small > 0 && nd > 1 && (E->lo[v] > small || E->hi[v] < 1))
		nd = 1;
	if (nd > E->hi[v] - E->lo[v])
		nd = E->hi[v] - E->lo[v];
	return L->whi[v] - L->wlo[v] >= nd &&
	    (small <= 0 || L->wlo[v] < 1 || L->whi[v] > small);
}

/* The root of v's component (union-find, halving). */
static size_t
ex_root(size_t *up, size_t v)
{
	while (up[v] != v) {
		up[v] = up[up[v]];
		v = up[v];
	}
	return v;
}

/*
 * One component of the open cells, cvar[0..n): its problem, two
 * solutions to start from (every cell asked about as large as it can be
 * together, then as small; with a pool, the completion step's, a whole
 * solution each way of a sum with signs, fig_ex_spread()), then each cell
 * asked about that they do not settle, maximised then minimised.
 */
static int
ex_component(struct fig_exact *E, struct ex_lp *L, const size_t *cvar,
    size_t n, const size_t *facts, size_t nfacts, const char *want,
    const long *need, long small, long *lo, long *hi)
{
	size_t i, v;
	long best;
	int rc = 1, j, *cols, ncols = 0, before, round, local, dir;

	ex_build(E, L, cvar, n, facts, nfacts);
	fig_ex_basis_load(E, L);
	cols = xcalloc(n + 1, sizeof(*cols));
	/* With groups, in a large component: each cell still unsettled
	 * moved both ways within a few groups (fig_ex_local()), whose
	 * solutions are its first witnesses, as the rounds' below are
	 * without them; each costs what its groups do, where a round costs
	 * what the whole component does. */
	local = E->loc.on && L->ncols >= EX_LOCAL_MIN;
	for (i = 0; i < n && local; i++)
		for (dir = GLP_MAX; dir >= GLP_MIN; dir--)
			if (want[cvar[i]] &&
			    !ex_settled(E, L, cvar[i], need, small))
				(void)fig_ex_local(E, L, cvar[i], dir, &best);
	/* Else rounds of both directions (fig_ex_spread()), over the cells
	 * still unsettled, while a round settles a quarter of them or more. */
	for (round = 0; round < 6 && rc == 1 && !local; round++) {
		before = ncols;
		ncols = 0;
		for (i = 0; i < n; i++)
			if (want[cvar[i]] && !ex_settled(E, L, cvar[i], need,
			    small))
				cols[ncols++] = L->col[cvar[i]];
		if (ncols < 2 || (round > 0 && 4 * (before - ncols) < before))
			break;
		if (E->pool == NULL) {
			/* The attacker (fig_audit_exact.c) prints its
			 * count of integer programs: its search as it was,
			 * every cell together, solved to the optimum. */
			if ((rc = ex_optimise(E, L, cols, ncols, GLP_MAX,
			    &best)) == 1)
				rc = ex_optimise(E, L, cols, ncols, GLP_MIN,
				    &best);
		} else if ((rc = fig_ex_spread(E, L, cols, ncols, round,
		    GLP_MAX)) == 1)
			rc = fig_ex_spread(E, L, cols, ncols, round, GLP_MIN);
	}
	free(cols);
	for (i = 0; i < n && rc == 1; i++) {
		v = cvar[i];
		if (!want[v])
			continue;
		j = L->col[v];
		/* No witness yet (no solution given): find one. */
		if (L->wlo[v] > L->whi[v]) {
			if ((rc = ex_extreme(E, L, j, GLP_MAX, &best)) != 1)
				break;
			if (L->wlo[v] > L->whi[v])
				L->wlo[v] = L->whi[v] = best;
		}
		/* Every value seen above small: its least first, for when
		 * that is above small too, two values settle it. */
		if (!ex_settled(E, L, v, need, small) && small > 0 &&
		    L->wlo[v] > small) {
			if ((rc = ex_extreme(E, L, j, GLP_MIN, &best)) != 1)
				break;
			L->wlo[v] = best;
			if (best > small && L->whi[v] > best) {
				lo[v] = L->wlo[v];
				hi[v] = L->whi[v];
				continue;
			}
		}
		if (!ex_settled(E, L, v, need, small)) {
			if ((rc = ex_extreme(E, L, j, GLP_MAX, &best)) != 1)
				break;
			L->whi[v] = best;
		}
		if (!ex_settled(E, L, v, need, small)) {
			if ((rc = ex_extreme(E, L, j, GLP_MIN, &best)) != 1)
				break;
			L->wlo[v] = best;
		}
		lo[v] = L->wlo[v];
		hi[v] = L->whi[v];
	}
	fig_ex_basis_keep(E, L);
	E->nit += (size_t)glp_get_it_cnt(L->P);
	glp_delete_prob(L->P);
	L->P = NULL;
	free(L->fact);
	L->fact = NULL;
	for (i = 0; i < n; i++)
		L->col[cvar[i]] = 0;
	return rc;
}

/*
 * Lists each component's facts, in order, into forder[fstart[r] ..
 * fstart[r + 1]) for the component of root r: a fact is its first open
 * cell's (ex_build()).
 */
static void
ex_facts_by_component(const struct fig_exact *E, size_t *up,
    size_t **fstartp, size_t **forderp)
{
	size_t *fstart, *forder, *froot, *fill, i, j, r, v;

	fstart = xcalloc(E->nv + 2, sizeof(*fstart));
	forder = xcalloc(E->ncon + 1, sizeof(*forder));
	froot = xcalloc(E->ncon + 1, sizeof(*froot));
	for (i = 0; i < E->ncon; i++) {
		const struct ex_con *c = &E->con[i];

		froot[i] = (size_t)-1;
		for (j = 0; j < c->n; j++)
			if (E->lo[c->var[j]] < E->hi[c->var[j]]) {
				froot[i] = ex_root(up, c->var[j]);
				fstart[froot[i] + 1]++;
				break;
			}
	}
	for (v = 0; v < E->nv; v++)
		fstart[v + 1] += fstart[v];
	fill = xcalloc(E->nv + 1, sizeof(*fill));
	for (i = 0; i < E->ncon; i++)
		if ((r = froot[i]) != (size_t)-1)
			forder[fstart[r] + fill[r]++] = i;
	free(fill);
	free(froot);
	*fstartp = fstart;
	*forderp = forder;
}

/* ex_component(), or its answer from the memo when E has one and it
 * holds the component's key (K: the key's room); the pool's values of
 * its cells witnessed first (the key is made without them). */
static int
ex_component_memo(struct fig_exact *E, struct ex_lp *L, const size_t *cvar,
    size_t n, const size_t *facts, size_t nfacts, const char *want,
    const long *need, long small, long *lo, long *hi, struct ex_key *K)
{
	const long *out;
	long *ans;
	size_t i, k = 0;
	int rc;

	if (E->memo == NULL) {
		fig_ex_pool_fold(E, L, cvar, n);
		return ex_component(E, L, cvar, n, facts, nfacts, want, need,
		    small, lo, hi);
	}
	fig_ex_key_make(E, L, cvar, n, facts, nfacts, want, need, small, K);
	if ((out = fig_exact_memo_find(E->memo, K->v, K->n)) != NULL) {
		for (i = 0; i < n; i++)
			if (want[cvar[i]]) {
				lo[cvar[i]] = out[k++];
				hi[cvar[i]] = out[k++];
			}
		return 1;
	}
	fig_ex_pool_fold(E, L, cvar, n);
	rc = ex_component(E, L, cvar, n, facts, nfacts, want, need, small,
	    lo, hi);
	if (rc != 1)
		return rc;
	ans = xcalloc(2 * n + 1, sizeof(*ans));
	for (i = 0; i < n; i++)
		if (want[cvar[i]]) {
			ans[k++] = lo[cvar[i]];
			ans[k++] = hi[cvar[i]];
		}
	fig_exact_memo_add(E->memo, K->v, K->n, ans, k);
	free(ans);
	return 1;
}

int fig_exact_fail;

int
fig_exact_solve(struct fig_exact *E, const char *want, const long *need,
    long small, const long *witness, long *lo, long *hi)
{
	struct ex_lp L;
	struct ex_key K = { NULL, 0, 0 };
	size_t v, i, j, r, *up, *order, *start, ncomp;
	size_t *fstart, *forder;
	int rc = 1;

	if (fig_exact_fail)
		return -1;
	glp_term_out(GLP_OFF);
	if (!ex_propagate(E))
		return 0;
	memset(&L, 0, sizeof(L));
	L.col = xcalloc(E->nv + 1, sizeof(*L.col));
	L.var = xcalloc(E->nv + 1, sizeof(*L.var));
	L.wlo = xcalloc(E->nv + 1, sizeof(*L.wlo));
	L.whi = xcalloc(E->nv + 1, sizeof(*L.whi));
	L.x = xcalloc(E->nv + 1, sizeof(*L.x));
	for (v = 0; v < E->nv; v++) {
		L.wlo[v] = E->hi[v];
		L.whi[v] = E->lo[v];
		if (E->lo[v] == E->hi[v] || (witness != NULL &&
		    witness[v] >= E->lo[v] && witness[v] <= E->hi[v]))
			L.wlo[v] = L.whi[v] = E->lo[v] == E->hi[v] ?
			    E->lo[v] : witness[v];
		if (want[v] && E->lo[v] == E->hi[v])
			lo[v] = hi[v] = E->lo[v];
	}
	fig_ex_pool_load(E, witness);
	fig_ex_local_begin(E);
	/* The open cells fall apart into components that share no fact:
	 * each is a problem of its own, far smaller than the whole. */
	up = xcalloc(E->nv + 1, sizeof(*up));
	for (v = 0; v < E->nv; v++)
		up[v] = v;
	for (i = 0; i < E->ncon; i++) {
		const struct ex_con *c = &E->con[i];
		size_t first = (size_t)-1;

		for (j = 0; j < c->n; j++) {
			if (E->lo[c->var[j]] == E->hi[c->var[j]])
				continue;
			if (first == (size_t)-1)
				first = ex_root(up, c->var[j]);
			else if ((r = ex_root(up, c->var[j])) != first)
				up[r] = first;
		}
	}
	/* The open cells of each component together, by counting. */
	start = xcalloc(E->nv + 2, sizeof(*start));
	order = xcalloc(E->nv + 1, sizeof(*order));
	for (v = 0; v < E->nv; v++)
		if (E->lo[v] < E->hi[v])
			start[ex_root(up, v) + 1]++;
	for (v = 0; v < E->nv; v++)
		start[v + 1] += start[v];
	{
		size_t *fill = xcalloc(E->nv + 1, sizeof(*fill));

		for (v = 0; v < E->nv; v++)
			if (E->lo[v] < E->hi[v]) {
				r = ex_root(up, v);
				order[start[r] + fill[r]++] = v;
			}
		free(fill);
	}
	ex_facts_by_component(E, up, &fstart, &forder);
	for (ncomp = 0, r = 0; r < E->nv && rc == 1; r++) {
		size_t n = start[r + 1] - start[r];

		for (i = 0; i < n; i++)
			if (want[order[start[r] + i]])
				break;
		if (n == 0 || i == n)
			continue;
		ncomp++;
		rc = ex_component_memo(E, &L, order + start[r], n,
		    forder + fstart[r], fstart[r + 1] - fstart[r], want, need,
		    small, lo, hi, &K);
	}
	free(K.v);
	free(fstart);
	free(forder);
	free(up);
	free(start);
	free(order);
	free(L.col);
	free(L.var);
	free(L.wlo);
	free(L.whi);
	free(L.x);
	fig_ex_local_end(E);
	return rc;
}

/*
 * fig_exact_local.c: witnesses from small problems, and one cell's
 * extreme decided by one, before the exact reader (fig_exact.c) solves a
 * large component for it.
 *
 * The unknowns fall into groups (fig_exact_groups(): the completion step
 * makes each board one, over every period).  A cell can move only with
 * others: where London's figure is published, a board's cell rises only
 * if another board's falls, and that board's own relations move its
 * other cells.  So for cell v and a direction, a problem over v's group
 * and a few others, its partners: the boards of v's published sums
 * whose cells there have the most room to move the other way (the first
 * alone, then EX_PARTNERS together).  Every cell outside them stays at
 * the witness (fig_exact_solve()'s, the true values, which meets every
 * fact); every fact that names a cell of them is a row.  So each whole
 * solution of it is a whole solution of the system: a witness, kept in
 * the pool like the others.  And where it puts v at the bound
 * propagation gives (no solution lies beyond that), that is v's extreme,
 * exactly.  Else nothing is decided and the component's problem decides,
 * as before.  Each is solved as a relaxation first: where its optimum is
 * in whole numbers, that is the problem's optimum, and GLPK's branch and
 * bound runs only where it is not.  A verdict never changes: a cell is
 * still settled by witnesses or decided from its exact ends; only the
 * solves needed to find them are fewer, and their cost no longer grows
 * with the component (bench/README.md, "7 Dec 2026, second look").
 */
#include <glpk.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "case.h"
#include "fig.h"
#include "fig_impl.h"
#include "fig_exact_int.h"

/* Partner groups tried together. */
#define EX_PARTNERS	6
/* Subproblems a local problem's branch and bound may select before it
 * stops with the best whole solution found (a count, not a time: the
 * same on any machine); stopped, it decides nothing unless that
 * solution reaches the bound. */
#define EX_LOCAL_NODES	64

static void
ex_local_cb(glp_tree *T, void *info)
{
	int *nodes = info;

	if (glp_ios_reason(T) == GLP_ISELECT && ++*nodes > EX_LOCAL_NODES)
		glp_ios_terminate(T);
}

void
fig_exact_groups(struct fig_exact *E, const size_t *grp, size_t ngrp)
{
	free(E->grp);
	E->grp = xcalloc(E->nv + 1, sizeof(*E->grp));
	memcpy(E->grp, grp, E->nv * sizeof(*grp));
	E->ngrp = ngrp;
}

size_t
fig_exact_locals(const struct fig_exact *E)
{
	return E->nlocal;
}

size_t
fig_exact_local_searches(const struct fig_exact *E)
{
	return E->nlsearch;
}

int fig_exact_local_relax = 1;

void
fig_ex_local_begin(struct fig_exact *E)
{
	struct ex_local *X = &E->loc;
	size_t v, g, *fill;

	if (E->grp == NULL || E->base == NULL)
		return;
	fig_ex_adj(E);
	X->adjoff = E->adjoff;
	X->adj = E->adj;
	X->gstart = xcalloc(E->ngrp + 2, sizeof(*X->gstart));
	X->gcell = xcalloc(E->nv + 1, sizeof(*X->gcell));
	for (v = 0; v < E->nv; v++)
		if (E->lo[v] < E->hi[v])
			X->gstart[E->grp[v] + 1]++;
	for (g = 0; g < E->ngrp; g++)
		X->gstart[g + 1] += X->gstart[g];
	fill = xcalloc(E->ngrp + 1, sizeof(*fill));
	for (v = 0; v < E->nv; v++)
		if (E->lo[v] < E->hi[v]) {
			g = E->grp[v];
			X->gcell[X->gstart[g] + fill[g]++] = v;
		}
	free(fill);
	X->near = xcalloc(E->nv + 1, sizeof(*X->near));
	X->ncol = xcalloc(E->nv + 1, sizeof(*X->ncol));
	X->tried = xcalloc(E->nv + 1, 1);
	X->facts = xcalloc(E->ncon + 1, sizeof(*X->facts));
	X->fseen = xcalloc(E->ncon + 1, 1);
	X->on = 1;
}

void
fig_ex_local_end(struct fig_exact *E)
{
	struct ex_local *X = &E->loc;

	free(X->gstart);
	free(X->gcell);
	free(X->near);
	free(X->ncol);
	free(X->tried);
	free(X->facts);
	free(X->fseen);
	memset(X, 0, sizeof(*X));
}

/* Up to EX_PARTNERS groups for v in direction dir into part[], the most
 * room first: groups of cells in v's equalities that can move the other
 * way (room: how far from the witness within their bounds).  Returns
 * how many. */
static size_t
ex_partners(const struct fig_exact *E, size_t v, int dir, size_t *part)
{
	const struct ex_local *X = &E->loc;
	long room[EX_PARTNERS], rm, kv;
	size_t a, q, r, w, g, np = 0, least;
	int down;

	for (a = X->adjoff[v]; a < X->adjoff[v + 1]; a++) {
		const struct ex_con *c = &E->con[X->adj[a]];

		if (!c->eq)
			continue;
		for (kv = 0, q = 0; q < c->n; q++)
			if (c->var[q] == v)
				kv = c->k[q];
		for (q = 0; q < c->n; q++) {
			w = c->var[q];
			g = E->grp[w];
			if (g == E->grp[v] || E->lo[w] >= E->hi[w])
				continue;
			/* To keep the sum, w moves against v when their
			 * coefficients have the same sign. */
			down = ((c->k[q] > 0) == (kv > 0)) == (dir == GLP_MAX);
			rm = down ? E->base[w] - E->lo[w] :
			    E->hi[w] - E->base[w];
			if (rm <= 0)
				continue;
			for (r = 0; r < np && part[r] != g; r++)
				;
			if (r < np) {
				if (rm > room[r])
					room[r] = rm;
				continue;
			}
			if (np < EX_PARTNERS) {
				part[np] = g;
				room[np++] = rm;
				continue;
			}
			for (least = 0, r = 1; r < np; r++)
				if (room[r] < room[least])
					least = r;
			if (room[least] < rm) {
				part[least] = g;
				room[least] = rm;
			}
		}
	}
	/* The most room first; ties by group, so the order is the data's. */
	for (a = 1; a < np; a++)
		for (r = a; r > 0 && (room[r] > room[r - 1] ||
		    (room[r] == room[r - 1] && part[r] < part[r - 1])); r--) {
			rm = room[r];
			room[r] = room[r - 1];
			room[r - 1] = rm;
			g = part[r];
			part[r] = part[r - 1];
			part[r - 1] = g;
		}
	return np;
}

/* The open cells of L's component in v's group and groups part[0..np),
 * v first, into X->near[0..*nn) (their columns in X->ncol), the facts
 * that name one into X->facts[0..*nf). */
static void
ex_near(struct fig_exact *E, const struct ex_lp *L, size_t v,
    const size_t *part, size_t np, size_t *nn, size_t *nf)
{
	struct ex_local *X = &E->loc;
	size_t n = 0, nfc = 0, q, i, h, a, w, g;

	X->near[n++] = v;
	X->ncol[v] = 1;
	for (q = 0; q <= np; q++) {
		g = q == 0 ? E->grp[v] : part[q - 1];
		for (i = X->gstart[g]; i < X->gstart[g + 1]; i++) {
			w = X->gcell[i];
			if (X->ncol[w] == 0 && L->col[w] != 0) {
				X->near[n++] = w;
				X->ncol[w] = (int)n;
			}
		}
	}
	for (h = 0; h < n; h++)
		for (a = X->adjoff[X->near[h]]; a < X->adjoff[X->near[h] + 1];
		    a++)
			if (!X->fseen[X->adj[a]]) {
				X->fseen[X->adj[a]] = 1;
				X->facts[nfc++] = X->adj[a];
			}
	*nn = n;
	*nf = nfc;
}

/* The problem over the near cells: one whole column each within its
 * bounds, one row per fact that names one, every other cell at its
 * pinned value or the witness. */
static glp_prob *
ex_near_prob(const struct fig_exact *E, size_t nn, size_t nf)
{
	const struct ex_local *X = &E->loc;
	glp_prob *P = glp_create_prob();
	size_t a, nz = 0;
	int *ind;
	double *val;

	glp_add_cols(P, (int)nn);
	for (a = 0; a < nn; a++) {
		glp_set_col_kind(P, (int)a + 1, GLP_IV);
		glp_set_col_bnds(P, (int)a + 1, GLP_DB,
		    (double)E->lo[X->near[a]], (double)E->hi[X->near[a]]);
	}
	for (a = 0; a < nf; a++)
		if (E->con[X->facts[a]].n > nz)
			nz = E->con[X->facts[a]].n;
	ind = xcalloc(nz + 1, sizeof(*ind));
	val = xcalloc(nz + 1, sizeof(*val));
	for (a = 0; a < nf; a++)
		(void)fig_ex_row(E, P, &E->con[X->facts[a]], X->ncol, E->base,
		    ind, val);
	free(ind);
	free(val);
	return P;
}

/* P's solution, rounded, into x[1..nn] when it meets every bound and
 * row in whole numbers: 1, else 0.  relaxed: the simplex's, whose every
 * value must already be whole; else branch and bound's (whatever GLPK's
 * tolerances let through). */
static int
ex_near_whole(const struct fig_exact *E, glp_prob *P, size_t nn, long *x,
    int relaxed)
{
	const struct ex_local *X = &E->loc;
	size_t a;
	double d;

	for (a = 1; a <= nn; a++) {
		d = relaxed ? glp_get_col_prim(P, (int)a) :
		    glp_mip_col_val(P, (int)a);
		x[a] = (long)floor(d + 0.5);
		if ((relaxed && fabs(d - (double)x[a]) > 1e-9) ||
		    x[a] < E->lo[X->near[a - 1]] ||
		    x[a] > E->hi[X->near[a - 1]])
			return 0;
	}
	return fig_ex_rows_hold(P, x);
}

/* P's relaxation (the simplex alone) into x[1..nn], when its optimum
 * is in whole numbers and meets every bound and row: then it is P's
 * optimum too, and no branch and bound is needed (1).  Else 0. */
static int
ex_near_relaxed(const struct fig_exact *E, glp_prob *P, size_t nn, long *x)
{
	glp_smcp sm;

	glp_init_smcp(&sm);
	sm.msg_lev = GLP_MSG_OFF;
	sm.presolve = GLP_ON;
	return glp_simplex(P, &sm) == 0 && glp_get_status(P) == GLP_OPT &&
	    ex_near_whole(E, P, nn, x, 1);
}

/* v pushed in direction dir over its group and part[0..np): the value
 * the best whole solution found gives it (*got), that solution
 * witnessed.  Returns 1, or 0 when GLPK finds none that it can vouch for
 * (which decides nothing). */
static int
ex_near_solve(struct fig_exact *E, struct ex_lp *L, size_t v, int dir,
    const size_t *part, size_t np, long *got)
{
	struct ex_local *X = &E->loc;
	size_t nn, nf, a;
	glp_prob *P;
	glp_iocp io;
	long *x;
	int ok = 0, nodes = 0, st;

	ex_near(E, L, v, part, np, &nn, &nf);
	P = ex_near_prob(E, nn, nf);
	glp_set_obj_dir(P, dir);
	glp_set_obj_coef(P, 1, 1.0);
	glp_init_iocp(&io);
	io.msg_lev = GLP_MSG_OFF;
	io.presolve = GLP_ON;
	io.cb_func = ex_local_cb;
	io.cb_info = &nodes;
	E->nlocal++;
	x = xcalloc(nn + 2, sizeof(*x));
	/* The relaxation first: on the regions measured its optimum was
	 * whole for 97 to 100 % of these problems (bench/README.md,
	 * "ninth look"), where branch and bound only solved it again. */
	if (fig_exact_local_relax && ex_near_relaxed(E, P, nn, x))
		ok = 1;
	else {
		E->nlsearch++;
		st = glp_intopt(P, &io);
		ok = (st == 0 || st == GLP_ESTOP) &&
		    (glp_mip_status(P) == GLP_OPT ||
		    glp_mip_status(P) == GLP_FEAS) &&
		    ex_near_whole(E, P, nn, x, 0);
	}
	if (ok) {
		fig_ex_fold(E, L, X->near, x + 1, nn);
		*got = x[1];
	}
	free(x);
	glp_delete_prob(P);
	for (a = 0; a < nn; a++)
		X->ncol[X->near[a]] = 0;
	for (a = 0; a < nf; a++)
		X->fseen[X->facts[a]] = 0;
	return ok;
}

int
fig_ex_local(struct fig_exact *E, struct ex_lp *L, size_t v, int dir,
    long *best)
{
	struct ex_local *X = &E->loc;
	size_t part[EX_PARTNERS], np;
	long target = dir == GLP_MAX ? E->hi[v] : E->lo[v], got, cb;
	unsigned char bit = dir == GLP_MAX ? 1 : 2;

	if (!X->on || L->ncols < EX_LOCAL_MIN)
		return 0;
	/* The multipliers that proved v's extreme in an earlier solve
	 * bound it again (fig_ex_cert_bound()): where that is nearer than
	 * propagation's, no solution lies beyond it either. */
	if (fig_ex_cert_bound(E, v, dir, &cb) &&
	    (dir == GLP_MAX ? cb < target : cb > target))
		target = cb;
	if ((dir == GLP_MAX ? L->whi[v] : L->wlo[v]) == target) {
		*best = target;
		return 1;
	}
	/* Tried before in this solve: the same problems, the same answer
	 * (only the witnesses could have moved, and they are read above). */
	if (X->tried[v] & bit)
		return 0;
	X->tried[v] |= bit;
	np = ex_partners(E, v, dir, part);
	if (ex_near_solve(E, L, v, dir, part, np > 0, &got) && got == target) {
		*best = got;
		return 1;
	}
	if (np > 1 && ex_near_solve(E, L, v, dir, part, np, &got) &&
	    got == target) {
		*best = got;
		return 1;
	}
	return 0;
}

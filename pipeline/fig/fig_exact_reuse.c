/*
 * fig_exact_reuse.c: what the exact reader (fig_exact.c) reuses from
 * earlier solves: the memo of components solved before
 * (fig_exact_use_memo()), and the pool of whole solutions, of the
 * last basis and of the multipliers that proved an extreme
 * (fig_exact_use_pool()); fig_exact_memo.c stores them.
 */
#include <math.h>
#ifdef SUP_VERIFY
#include <stdio.h>
#endif
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "case.h"
#include "fig.h"
#include "fig_impl.h"
#include "fig_exact_int.h"

/*
 * The basis.  The completion step checks nearly the same system again
 * and again (a cell hidden or shown again between two checks), and the
 * first relaxation of a component built afresh, from GLPK's standard
 * basis, cost as much as some thirty warm ones.  With a pool, each
 * unknown's column and each fact's row keep the status the last solve
 * of their component left (fig_exact_pool_basis()), and the next
 * problem over them starts from it: a column never seen at its lower
 * bound, a row never seen basic, a status its bounds do not allow
 * replaced, then as many basic as there are rows (basic columns made
 * nonbasic from the last, or rows made basic from the first).  A basis
 * GLPK finds singular is replaced (fig_ex_relax()).  Only where the
 * simplex starts changes, so only which optimal vertex it ends at, a
 * witness: never an optimum, so never a verdict (the pool's note in
 * fig_impl.h).
 */
void
fig_ex_basis_load(struct fig_exact *E, struct ex_lp *L)
{
	unsigned char *cs, *rs;
	int i, st, nrows, nbasic = 0;

	if (E->pool == NULL || L->ncols == 0)
		return;
	cs = fig_exact_pool_basis(E->pool, E->nv, E->ncon, &rs);
	nrows = glp_get_num_rows(L->P);
	for (i = 1; i <= L->ncols; i++) {
		st = cs[L->var[i]];
		if (st != GLP_BS && st != GLP_NU)
			st = GLP_NL;
		glp_set_col_stat(L->P, i, st);
		nbasic += st == GLP_BS;
	}
	for (i = 1; i <= nrows; i++) {
		st = rs[L->fact[i]];
		if (st == 0)
			st = GLP_BS;
		else if (st != GLP_BS)
			st = E->con[L->fact[i]].eq ? GLP_NS : GLP_NU;
		glp_set_row_stat(L->P, i, st);
		nbasic += st == GLP_BS;
	}
	for (i = L->ncols; i >= 1 && nbasic > nrows; i--)
		if (glp_get_col_stat(L->P, i) == GLP_BS) {
			glp_set_col_stat(L->P, i, GLP_NL);
			nbasic--;
		}
	for (i = 1; i <= nrows && nbasic < nrows; i++)
		if (glp_get_row_stat(L->P, i) != GLP_BS) {
			glp_set_row_stat(L->P, i, GLP_BS);
			nbasic++;
		}
}

void
fig_ex_basis_keep(struct fig_exact *E, const struct ex_lp *L)
{
	unsigned char *cs, *rs;
	int i, nrows;

	if (E->pool == NULL)
		return;
	cs = fig_exact_pool_basis(E->pool, E->nv, E->ncon, &rs);
	nrows = glp_get_num_rows(L->P);
	for (i = 1; i <= L->ncols; i++)
		cs[L->var[i]] = (unsigned char)glp_get_col_stat(L->P, i);
	for (i = 1; i <= nrows; i++)
		rs[L->fact[i]] = (unsigned char)glp_get_row_stat(L->P, i);
}

/*
 * The memo (fig_exact_memo.c).  A component's answer is a function of
 * its problem alone: its cells in order, their bounds after propagation,
 * the witnessed values it starts from, what is asked of each (want,
 * need, small) and its facts in order with the pinned cells folded into
 * the right-hand sides; without a pool GLPK is given nothing else and
 * starts from no earlier basis.  So a component whose key
 * (fig_ex_key_make()) is, word for word, one solved before gets that
 * answer again.  With a pool, its
 * witnesses are added after the key is made: the answer kept is then
 * one the problem allows (the exact ends of every cell its witnesses
 * did not settle), not always the one a solve without the pool gives,
 * and fig_exact_exposed() says the same of both.
 */
void
fig_exact_use_memo(struct fig_exact *E, struct fig_exact_memo *M)
{
	E->memo = M;
}

void
fig_exact_use_pool(struct fig_exact *E, struct fig_exact_pool *P)
{
	E->pool = P;
}

static void
ex_key_put(struct ex_key *K, long x)
{
	if (K->n == K->cap) {
		K->cap = K->cap ? 2 * K->cap : 256;
		K->v = xreallocarray(K->v, K->cap, sizeof(*K->v));
	}
	K->v[K->n++] = x;
}

/* The key of component cvar[0..n) with its facts (see above). */
void
fig_ex_key_make(const struct fig_exact *E, const struct ex_lp *L,
    const size_t *cvar, size_t n, const size_t *facts, size_t nfacts,
    const char *want, const long *need, long small, struct ex_key *K)
{
	size_t i, j, v;

	K->n = 0;
	ex_key_put(K, small);
	ex_key_put(K, (long)n);
	for (i = 0; i < n; i++) {
		v = cvar[i];
		ex_key_put(K, (long)v);
		ex_key_put(K, E->lo[v]);
		ex_key_put(K, E->hi[v]);
		ex_key_put(K, L->wlo[v]);
		ex_key_put(K, L->whi[v]);
		ex_key_put(K, want[v] != 0);
		ex_key_put(K, want[v] ? need[v] : 0);
	}
	ex_key_put(K, (long)nfacts);
	for (i = 0; i < nfacts; i++) {
		const struct ex_con *c = &E->con[facts[i]];
		long rhs = c->rhs;

		ex_key_put(K, c->eq);
		for (j = 0; j < c->n; j++)
			if (E->lo[c->var[j]] == E->hi[c->var[j]])
				rhs -= c->k[j] * E->lo[c->var[j]];
			else {
				ex_key_put(K, (long)c->var[j]);
				ex_key_put(K, c->k[j]);
			}
		ex_key_put(K, rhs);
		ex_key_put(K, -1);
	}
}

/*
 * The pool (fig_exact_memo.c, fig_exact_use_pool()).  The solutions a
 * solve found stay solutions of a later system with the same facts
 * wherever each of their values is within the later bounds: the
 * completion step only hides cells (wider bounds) or shows one again
 * (its value alone).  A solution is kept as the unknowns where it
 * differs from the witness; the witness must then meet every fact and
 * bound itself.  Checked here: the bounds of each solution's unknowns
 * at every solve, the facts that name one once (fig_ex_pool_load());
 * E->plo and E->phi get the values of those that hold.  Witnessed
 * values settle cells (ex_settled()) and never decide one: a cell is
 * reported exposed only from its exact ends, so the verdicts are those
 * without a pool.
 */
/* The pool's values of cells cvar[0..n) witnessed. */
void
fig_ex_pool_fold(const struct fig_exact *E, struct ex_lp *L, const size_t *cvar,
    size_t n)
{
	size_t i, v;

	if (E->base == NULL)
		return;
	for (i = 0; i < n; i++) {
		v = cvar[i];
		if (E->plo[v] < L->wlo[v])
			L->wlo[v] = E->plo[v];
		if (E->phi[v] > L->whi[v])
			L->whi[v] = E->phi[v];
	}
}

/* The system's witness and facts written out (fig_exact_pool_same()). */
static long *
ex_pool_sys(const struct fig_exact *E, const long *witness, size_t *np)
{
	size_t n = E->nv + 2, i, j, k = 0;
	long *sys;

	for (i = 0; i < E->ncon; i++)
		n += 3 + 2 * E->con[i].n;
	sys = xcalloc(n, sizeof(*sys));
	sys[k++] = (long)E->nv;
	for (i = 0; i < E->nv; i++)
		sys[k++] = witness[i];
	sys[k++] = (long)E->ncon;
	for (i = 0; i < E->ncon; i++) {
		const struct ex_con *c = &E->con[i];

		sys[k++] = c->eq;
		sys[k++] = (long)c->n;
		for (j = 0; j < c->n; j++) {
			sys[k++] = (long)c->var[j];
			sys[k++] = c->k[j];
		}
		sys[k++] = c->rhs;
	}
	*np = n;
	return sys;
}

/* Each unknown's facts (CSR): the facts of unknown v are
 * (*adjp)[(*adjoffp)[v] .. (*adjoffp)[v + 1]). */
void
fig_ex_adjacency(const struct fig_exact *E, size_t **adjoffp, size_t **adjp)
{
	size_t *adjoff, *adj, *fill, i, j, v;

	adjoff = xcalloc(E->nv + 1, sizeof(*adjoff));
	for (i = 0; i < E->ncon; i++)
		for (j = 0; j < E->con[i].n; j++)
			adjoff[E->con[i].var[j] + 1]++;
	for (v = 0; v < E->nv; v++)
		adjoff[v + 1] += adjoff[v];
	adj = xcalloc(adjoff[E->nv] + 1, sizeof(*adj));
	fill = xcalloc(E->nv + 1, sizeof(*fill));
	for (i = 0; i < E->ncon; i++)
		for (j = 0; j < E->con[i].n; j++) {
			v = E->con[i].var[j];
			adj[adjoff[v] + fill[v]++] = i;
		}
	free(fill);
	*adjoffp = adjoff;
	*adjp = adj;
}

void
fig_ex_adj(struct fig_exact *E)
{
	size_t *adjoff, *adj;

	if (E->adjoff != NULL)
		return;
	if (E->pool != NULL && fig_exact_pool_adj(E->pool, &adjoff, &adj)) {
#ifdef SUP_VERIFY
		size_t *o, *a;

		fig_ex_adjacency(E, &o, &a);
		if (memcmp(o, adjoff, (E->nv + 1) * sizeof(*o)) != 0 ||
		    memcmp(a, adj, o[E->nv] * sizeof(*a)) != 0) {
			fprintf(stderr, "sup_verify: the pool's facts "
			    "changed\n");
			abort();
		}
		free(o);
		free(a);
#endif
		E->adjoff = adjoff;
		E->adj = adj;
		E->adjborrowed = 1;
		return;
	}
	fig_ex_adjacency(E, &E->adjoff, &E->adj);
	if (E->pool != NULL && fig_exact_pool_keep_adj(E->pool, E->adjoff,
	    E->adj))
		E->adjborrowed = 1;
}

/* Whether fact c holds for the values x of the unknowns. */
static int
ex_fact_holds(const struct ex_con *c, const long *x)
{
	long sum = 0;
	size_t j;

	for (j = 0; j < c->n; j++)
		sum += c->k[j] * x[c->var[j]];
	return sum <= c->rhs && (!c->eq || sum == c->rhs);
}

/* Whether pool solution k (var[0..n) at val[0..n), the witness cur
 * elsewhere) meets every fact that names one of its unknowns; cur is
 * left as it was, stamp marks the facts read for k. */
static int
ex_pool_meets_facts(const struct fig_exact *E, const size_t *adjoff,
    const size_t *adj, long *cur, size_t *stamp, size_t k,
    const size_t *var, const long *val, size_t n)
{
	size_t i, j, f;
	int ok = 1;

	for (i = 0; i < n; i++)
		cur[var[i]] = val[i];
	for (i = 0; i < n && ok; i++)
		for (j = adjoff[var[i]]; j < adjoff[var[i] + 1] && ok; j++) {
			if (stamp[f = adj[j]] == k + 1)
				continue;
			stamp[f] = k + 1;
			ok = ex_fact_holds(&E->con[f], cur);
		}
	for (i = 0; i < n; i++)
		cur[var[i]] = E->base[var[i]];
	return ok;
}

/*
 * Whether the witness meets every fact, the system (witness and facts)
 * then named to the pool (fig_exact_pool_same()) even with no solution
 * kept: the multipliers kept hold for it alone (fig_exact_pool_cert()).
 * Where the caller vouches for one system (fig_exact_pool_fixed()),
 * once; a -DSUP_VERIFY build checks and names it at every solve and
 * aborts when it is another.
 */
static int
ex_pool_system(struct fig_exact *E, const long *witness)
{
	int checked = fig_exact_pool_checked(E->pool);
	size_t i, nsys, gen = fig_exact_pool_gen(E->pool);
	long *sys;

#ifndef SUP_VERIFY
	if (checked)
		return 1;
#endif
	for (i = 0; i < E->ncon; i++)
		if (!ex_fact_holds(&E->con[i], witness))
			break;
	if (i == E->ncon) {
		sys = ex_pool_sys(E, witness, &nsys);
		fig_exact_pool_same(E->pool, sys, nsys);
		free(sys);
	}
#ifdef SUP_VERIFY
	if (checked && (i < E->ncon || fig_exact_pool_gen(E->pool) != gen)) {
		fprintf(stderr, "sup_verify: the pool's system changed\n");
		abort();
	}
#endif
	(void)gen;
	if (i < E->ncon)
		return 0;
	fig_exact_pool_set_checked(E->pool);
	return 1;
}

/*
 * Which solutions hold now.  A solution holds when each of its values is
 * within the bounds and every fact holds with it (the witness elsewhere).
 * The bounds change from solve to solve (cells hidden, shown again); the
 * facts and the witness do not (the completion step's systems differ
 * only in bounds): so whether a solution meets the facts is checked once
 * and kept in the pool (fig_exact_pool_facts()), for as long as the
 * system's facts and witness are, word for word, those it was checked
 * with (fig_exact_pool_same()).  The solutions taken are exactly those
 * the check at every solve took, and E->plo, E->phi the same.
 */
void
fig_ex_pool_load(struct fig_exact *E, const long *witness)
{
	size_t *stamp, i, k, n, v;
	const size_t *var;
	const long *val;
	long *cur;
	int ok, fok;

	E->base = NULL;
	if (E->pool == NULL || witness == NULL)
		return;
	for (v = 0; v < E->nv; v++)
		if (witness[v] < E->lo[v] || witness[v] > E->hi[v])
			return;
	if (!ex_pool_system(E, witness))
		return;
	E->base = witness;
	E->plo = xcalloc(E->nv + 1, sizeof(*E->plo));
	E->phi = xcalloc(E->nv + 1, sizeof(*E->phi));
	E->pvar = xcalloc(E->nv + 1, sizeof(*E->pvar));
	E->pval = xcalloc(E->nv + 1, sizeof(*E->pval));
	memcpy(E->plo, witness, E->nv * sizeof(*E->plo));
	memcpy(E->phi, witness, E->nv * sizeof(*E->phi));
	E->cw = xcalloc(E->nv + 1, sizeof(*E->cw));
	E->cin = xcalloc(E->nv + 1, 1);
	E->cws = xcalloc(E->nv + 1, sizeof(*E->cws));
	if (fig_exact_pool_count(E->pool) == 0)
		return;
	stamp = xcalloc(E->ncon + 1, sizeof(*stamp));
	cur = xcalloc(E->nv + 1, sizeof(*cur));
	memcpy(cur, witness, E->nv * sizeof(*cur));
	for (k = 0; k < fig_exact_pool_count(E->pool); k++) {
		n = fig_exact_pool_get(E->pool, k, &var, &val);
		/* One that would witness no value not yet seen: not
		 * checked. */
		for (i = 0, ok = 0; i < n && !ok; i++)
			ok = val[i] < E->plo[var[i]] || val[i] > E->phi[var[i]];
		for (i = 0; i < n && ok; i++)
			ok = val[i] >= E->lo[var[i]] && val[i] <= E->hi[var[i]];
		if (!ok)
			continue;
		if ((fok = fig_exact_pool_facts(E->pool, k)) == 0) {
			fig_ex_adj(E);
			fok = ex_pool_meets_facts(E, E->adjoff, E->adj, cur,
			    stamp, k, var, val, n);
			fig_exact_pool_set_facts(E->pool, k, fok);
		}
		if (fok <= 0)
			continue;
		for (i = 0; i < n; i++) {
			if (val[i] < E->plo[var[i]])
				E->plo[var[i]] = val[i];
			if (val[i] > E->phi[var[i]])
				E->phi[var[i]] = val[i];
		}
	}
	free(cur);
	free(stamp);
}

/* The duals of L's relaxation, which proved v's extreme in direction
 * dir, kept in the pool (fig_exact_pool_cert_add()). */
void
fig_ex_cert_keep(struct fig_exact *E, const struct ex_lp *L, size_t v, int dir)
{
	int r, nr = glp_get_num_rows(L->P);
	size_t *fact = xcalloc((size_t)nr + 1, sizeof(*fact)), n = 0;
	double *y = xcalloc((size_t)nr + 1, sizeof(*y)), d;

	for (r = 1; r <= nr; r++)
		if ((d = glp_get_row_dual(L->P, r)) != 0.0) {
			fact[n] = L->fact[r];
			y[n++] = d;
		}
	fig_exact_pool_cert_add(E->pool, 2 * v + (dir == GLP_MIN), fact, y,
	    n);
	free(fact);
	free(y);
}

/*
 * v's extreme in direction dir bounded again from the multipliers kept
 * when a relaxation proved it before: for any multipliers y (at least 0
 * on a fact "<=" for the largest value, at most 0 for the smallest),
 * x_v is at most (at least) the sum of y_f rhs_f plus the largest
 * (smallest) value of (e_v - sum of y_f a_f) . x within the bounds
 * solved with: every solution meets each fact, so the terms added are of
 * the right sign.  Returns 1 with the bound in *bound, or 0 (no
 * multipliers kept, or an unbounded cell among those they weigh).
 */
int
fig_ex_cert_bound(struct fig_exact *E, size_t v, int dir, long *bound)
{
	const size_t *fact;
	const double *y;
	size_t n, i, j, w, nw = 0, *ws;
	long double z = 0, d;
	double yi;
	int ok = 1;

	if ((n = fig_exact_pool_cert(E->pool, 2 * v + (dir == GLP_MIN),
	    &fact, &y)) == 0)
		return 0;
	ws = E->cws;
	for (i = 0; i < n; i++) {
		const struct ex_con *c = &E->con[fact[i]];

		yi = y[i];
		if (!c->eq && (dir == GLP_MAX ? yi < 0 : yi > 0))
			yi = 0;
		z += (long double)yi * c->rhs;
		for (j = 0; j < c->n; j++) {
			w = c->var[j];
			if (!E->cin[w]) {
				E->cin[w] = 1;
				ws[nw++] = w;
			}
			E->cw[w] -= (long double)yi * c->k[j];
		}
	}
	if (!E->cin[v]) {
		E->cin[v] = 1;
		ws[nw++] = v;
	}
	E->cw[v] += 1;
	for (i = 0; i < nw; i++) {
		w = ws[i];
		d = E->cw[w];
		E->cw[w] = 0;
		E->cin[w] = 0;
		if (d == 0)
			continue;
		if (E->lo[w] <= -FIG_EXACT_INF || E->hi[w] >= FIG_EXACT_INF) {
			ok = 0;
			continue;
		}
		if ((d > 0) == (dir == GLP_MAX))
			z += d * E->hi[w];
		else
			z += d * E->lo[w];
	}
	if (!ok)
		return 0;
	*bound = dir == GLP_MAX ? (long)floorl(z + 1e-6L) :
	    (long)ceill(z - 1e-6L);
	return 1;
}

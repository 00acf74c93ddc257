/*
 * fig_exact_system.c: the exact reader's system (fig_exact.c): integer
 * unknowns with bounds and linear facts, made once, solved, given new
 * bounds and solved again (the completion step's checks differ only in
 * their bounds), and freed; the counts of a solve's work.
 */
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "case.h"
#include "fig.h"
#include "fig_impl.h"
#include "fig_exact_int.h"

struct fig_exact *
fig_exact_new(size_t nvars)
{
	struct fig_exact *E = xcalloc(1, sizeof(*E));
	size_t i;

	E->nv = nvars;
	E->lo = xcalloc(nvars + 1, sizeof(*E->lo));
	E->hi = xcalloc(nvars + 1, sizeof(*E->hi));
	for (i = 0; i < nvars; i++)
		E->hi[i] = FIG_EXACT_INF;
	return E;
}

void
fig_exact_bounds(struct fig_exact *E, size_t v, long lo, long hi)
{
	E->lo[v] = lo;
	E->hi[v] = hi;
}

/* A fact's terms, those of one unknown added up, in the order the
 * unknowns first come, none of coefficient 0; E->tof[v] - 1 is the fact
 * that last named v, E->tat[v] its place there, so a fact of n terms is
 * read once. */
void
fig_exact_fact(struct fig_exact *E, int eq, size_t n, const size_t *var,
    const long *k, long rhs)
{
	struct ex_con *c;
	size_t i, j, v;

	if (E->tof == NULL) {
		E->tof = xcalloc(E->nv + 1, sizeof(*E->tof));
		E->tat = xcalloc(E->nv + 1, sizeof(*E->tat));
	}
	E->con = xgrowarray(E->con, E->ncon, sizeof(*E->con));
	c = &E->con[E->ncon++];
	memset(c, 0, sizeof(*c));
	c->eq = eq;
	c->rhs = rhs;
	c->var = xcalloc(n + 1, sizeof(*c->var));
	c->k = xcalloc(n + 1, sizeof(*c->k));
	for (i = 0; i < n; i++) {
		if (k[i] == 0)
			continue;
		v = var[i];
		if (E->tof[v] == E->ncon)
			c->k[E->tat[v]] += k[i];
		else {
			E->tof[v] = E->ncon;
			E->tat[v] = c->n;
			c->var[c->n] = v;
			c->k[c->n++] = k[i];
		}
	}
	/* Terms that added up to nothing name no unknown (propagation
	 * divides by each coefficient). */
	for (i = j = 0; i < c->n; i++)
		if (c->k[i] != 0) {
			c->var[j] = c->var[i];
			c->k[j++] = c->k[i];
		}
	c->n = j;
}

void
fig_exact_again(struct fig_exact *E)
{
	free(E->plo);
	free(E->phi);
	free(E->pvar);
	free(E->cw);
	free(E->cin);
	free(E->cws);
	free(E->pval);
	E->plo = E->phi = E->pval = NULL;
	E->pvar = E->cws = NULL;
	E->cw = NULL;
	E->cin = NULL;
	E->base = NULL;
	E->memo = NULL;
	E->pool = NULL;
	E->nmip = E->nlp = E->nit = 0;
	E->nlocal = E->nlsearch = E->ncert = 0;
}

void
fig_exact_free(struct fig_exact *E)
{
	size_t i;

	if (E == NULL)
		return;
	for (i = 0; i < E->ncon; i++) {
		free(E->con[i].var);
		free(E->con[i].k);
	}
	free(E->con);
	free(E->tof);
	free(E->tat);
	free(E->lo);
	free(E->hi);
	fig_exact_again(E);
	free(E->grp);
	if (!E->adjborrowed) {
		free(E->adjoff);
		free(E->adj);
	}
	free(E);
}

size_t
fig_exact_mips(const struct fig_exact *E)
{
	return E->nmip;
}

size_t
fig_exact_lps(const struct fig_exact *E)
{
	return E->nlp;
}

size_t
fig_exact_certs(const struct fig_exact *E)
{
	return E->ncert;
}

size_t
fig_exact_iterations(const struct fig_exact *E)
{
	return E->nit;
}

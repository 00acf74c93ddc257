/*
 * fig_exact_memo.c: the exact reader's memo of components solved
 * (fig_impl.h, fig_exact_use_memo()): a table from a component's key, a
 * row of longs that fig_exact.c writes (ex_key_make()), to its answer,
 * the bounds of the cells asked about.  Keys are compared whole, never
 * by their hash alone, so an answer is only ever given to the problem it
 * was found for.  Then the pool of whole solutions found
 * (fig_exact_use_pool()), which fig_exact.c checks against each later
 * system before it takes their values as witnesses.
 */
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "case.h"
#include "fig.h"
#include "fig_impl.h"

struct ex_memo_ent {
	unsigned long long	 h;
	size_t			 nkey, nout;
	long			*key, *out;
	struct ex_memo_ent	*next;
};

struct fig_exact_memo {
	struct ex_memo_ent	**tab;	/* cap chains, cap a power of 2 */
	size_t			 cap, n;
	size_t			 hits;
};

struct fig_exact_memo *
fig_exact_memo_new(void)
{
	struct fig_exact_memo *M = xcalloc(1, sizeof(*M));

	M->cap = 256;
	M->tab = xcalloc(M->cap, sizeof(*M->tab));
	return M;
}

void
fig_exact_memo_free(struct fig_exact_memo *M)
{
	struct ex_memo_ent *e, *next;
	size_t i;

	if (M == NULL)
		return;
	for (i = 0; i < M->cap; i++)
		for (e = M->tab[i]; e != NULL; e = next) {
			next = e->next;
			free(e->key);
			free(e->out);
			free(e);
		}
	free(M->tab);
	free(M);
}

size_t
fig_exact_memo_hits(const struct fig_exact_memo *M)
{
	return M != NULL ? M->hits : 0;
}

static unsigned long long
memo_hash(const long *key, size_t n)
{
	unsigned long long h = 1469598103934665603ULL;
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= (unsigned long long)key[i];
		h *= 1099511628211ULL;
		h ^= h >> 29;
	}
	return h;
}

const long *
fig_exact_memo_find(struct fig_exact_memo *M, const long *key, size_t nkey)
{
	unsigned long long h = memo_hash(key, nkey);
	struct ex_memo_ent *e;

	for (e = M->tab[h & (M->cap - 1)]; e != NULL; e = e->next)
		if (e->h == h && e->nkey == nkey &&
		    memcmp(e->key, key, nkey * sizeof(*key)) == 0) {
			M->hits++;
			return e->out;
		}
	return NULL;
}

/* Doubles the table. */
static void
memo_grow(struct fig_exact_memo *M)
{
	struct ex_memo_ent **tab, *x, *next;
	size_t i;

	tab = xcalloc(2 * M->cap, sizeof(*tab));
	for (i = 0; i < M->cap; i++)
		for (x = M->tab[i]; x != NULL; x = next) {
			next = x->next;
			x->next = tab[x->h & (2 * M->cap - 1)];
			tab[x->h & (2 * M->cap - 1)] = x;
		}
	free(M->tab);
	M->tab = tab;
	M->cap *= 2;
}

void
fig_exact_memo_add(struct fig_exact_memo *M, const long *key, size_t nkey,
    const long *out, size_t nout)
{
	struct ex_memo_ent *e = xcalloc(1, sizeof(*e));

	e->h = memo_hash(key, nkey);
	e->nkey = nkey;
	e->key = xreallocarray(NULL, nkey ? nkey : 1, sizeof(*e->key));
	memcpy(e->key, key, nkey * sizeof(*e->key));
	e->nout = nout;
	e->out = xreallocarray(NULL, nout ? nout : 1, sizeof(*e->out));
	memcpy(e->out, out, nout * sizeof(*e->out));
	if (M->n + 1 > M->cap)
		memo_grow(M);
	e->next = M->tab[e->h & (M->cap - 1)];
	M->tab[e->h & (M->cap - 1)] = e;
	M->n++;
}

/*
 * The pool of solutions (fig_exact_use_pool()): each the unknowns where
 * it differs from the solves' witness and their values, in the order
 * found.
 */
struct fig_exact_pool {
	size_t	*var;		/* every solution's unknowns, one after */
	long	*val;		/* the other, and their values */
	size_t	 n, cap;
	size_t	*off;		/* solution k: off[k] .. off[k + 1] */
	size_t	 nsol, solcap;
	signed char *facts;	/* solution k: 1 meets every fact of the
				 * system sys, -1 breaks one, 0 not
				 * checked yet */
	long	*sys;		/* that system's witness and facts
				 * (fig_exact_pool_same()) */
	size_t	 nsys;
	unsigned char *cstat;	/* the last basis: each unknown's column */
	size_t	 ncstat;
	unsigned char *rstat;	/* and each fact's row */
	size_t	 nrstat;
	/* Each extreme the relaxation alone proved: its multipliers, the
	 * facts and their duals, from cfact/cy[cbeg[key] .. cend[key]),
	 * key 2v (largest) or 2v + 1 (smallest); while cgen[key] is gen
	 * (the same system). */
	size_t	*cfact;
	double	*cy;
	size_t	 cn, ccap;
	size_t	*cbeg, *cend, *cgen;
	size_t	 nkey, gen;
	int	 fixed;		/* the same system at every solve */
	int	 checked;	/* and checked once */
	size_t	*adjoff, *adj;	/* its unknowns' facts, when fixed */
};

struct fig_exact_pool *
fig_exact_pool_new(void)
{
	struct fig_exact_pool *P = xcalloc(1, sizeof(*P));

	P->solcap = 64;
	P->off = xcalloc(P->solcap + 1, sizeof(*P->off));
	P->facts = xcalloc(P->solcap + 1, sizeof(*P->facts));
	return P;
}

void
fig_exact_pool_free(struct fig_exact_pool *P)
{
	if (P == NULL)
		return;
	free(P->var);
	free(P->val);
	free(P->off);
	free(P->facts);
	free(P->sys);
	free(P->cstat);
	free(P->rstat);
	free(P->cfact);
	free(P->cy);
	free(P->cbeg);
	free(P->cend);
	free(P->cgen);
	free(P->adjoff);
	free(P->adj);
	free(P);
}

/* a[0 .. *n) grown to want + 1 entries, the new ones 0. */
static unsigned char *
pool_stat_grow(unsigned char *a, size_t *n, size_t want)
{
	if (want + 1 > *n) {
		a = xreallocarray(a, want + 1, 1);
		memset(a + *n, 0, want + 1 - *n);
		*n = want + 1;
	}
	return a;
}

unsigned char *
fig_exact_pool_basis(struct fig_exact_pool *P, size_t nv, size_t ncon,
    unsigned char **rstat)
{
	P->cstat = pool_stat_grow(P->cstat, &P->ncstat, nv);
	P->rstat = pool_stat_grow(P->rstat, &P->nrstat, ncon);
	*rstat = P->rstat;
	return P->cstat;
}

size_t
fig_exact_pool_count(const struct fig_exact_pool *P)
{
	return P != NULL ? P->nsol : 0;
}

size_t
fig_exact_pool_get(const struct fig_exact_pool *P, size_t k,
    const size_t **var, const long **val)
{
	*var = P->var + P->off[k];
	*val = P->val + P->off[k];
	return P->off[k + 1] - P->off[k];
}

/* The most values the pool keeps (128 MiB of them): past it a solution
 * found is not kept.  Fewer witnesses only cost solves, never change a
 * verdict. */
#define EX_POOL_MAX	((size_t)1 << 23)

void
fig_exact_pool_add(struct fig_exact_pool *P, const size_t *var,
    const long *val, size_t n)
{
	if (P->n + n > EX_POOL_MAX)
		return;
	if (P->n + n > P->cap) {
		while (P->n + n > P->cap)
			P->cap = P->cap ? 2 * P->cap : 1024;
		P->var = xreallocarray(P->var, P->cap, sizeof(*P->var));
		P->val = xreallocarray(P->val, P->cap, sizeof(*P->val));
	}
	if (P->nsol + 1 > P->solcap) {
		P->solcap *= 2;
		P->off = xreallocarray(P->off, P->solcap + 1, sizeof(*P->off));
		P->facts = xreallocarray(P->facts, P->solcap + 1,
		    sizeof(*P->facts));
	}
	P->facts[P->nsol] = 0;
	memcpy(P->var + P->n, var, n * sizeof(*var));
	memcpy(P->val + P->n, val, n * sizeof(*val));
	P->n += n;
	P->off[++P->nsol] = P->n;
}

/*
 * Whether solution k meets every fact (with the witness elsewhere) does
 * not depend on the bounds, only on the facts and the witness: so it is
 * checked once, not at every solve (fig_ex_pool_load()), as long as the
 * system is the same.  sys[0..n) is the system's witness and facts
 * written out; when it differs from the last one given, word for word,
 * every answer kept is forgotten.
 */
void
fig_exact_pool_same(struct fig_exact_pool *P, const long *sys, size_t n)
{
	if (P->sys != NULL && P->nsys == n &&
	    memcmp(P->sys, sys, n * sizeof(*sys)) == 0)
		return;
	P->sys = xreallocarray(P->sys, n ? n : 1, sizeof(*P->sys));
	memcpy(P->sys, sys, n * sizeof(*sys));
	P->nsys = n;
	memset(P->facts, 0, (P->solcap + 1) * sizeof(*P->facts));
	P->gen++;
	P->cn = 0;
}

void
fig_exact_pool_fixed(struct fig_exact_pool *P)
{
	P->fixed = 1;
}

int
fig_exact_pool_adj(const struct fig_exact_pool *P, size_t **adjoff,
    size_t **adj)
{
	if (!P->fixed || P->adjoff == NULL)
		return 0;
	*adjoff = P->adjoff;
	*adj = P->adj;
	return 1;
}

int
fig_exact_pool_keep_adj(struct fig_exact_pool *P, size_t *adjoff, size_t *adj)
{
	if (!P->fixed || P->adjoff != NULL)
		return 0;
	P->adjoff = adjoff;
	P->adj = adj;
	return 1;
}

size_t
fig_exact_pool_gen(const struct fig_exact_pool *P)
{
	return P->gen;
}

int
fig_exact_pool_checked(const struct fig_exact_pool *P)
{
	return P->fixed && P->checked;
}

void
fig_exact_pool_set_checked(struct fig_exact_pool *P)
{
	P->checked = P->fixed;
}

void
fig_exact_pool_cert_add(struct fig_exact_pool *P, size_t key,
    const size_t *fact, const double *y, size_t n)
{
	size_t k;

	if (n == 0 || P->cn + n > EX_POOL_MAX)
		return;
	if (key >= P->nkey) {
		k = P->nkey;
		P->nkey = 2 * key + 2;
		P->cbeg = xreallocarray(P->cbeg, P->nkey, sizeof(*P->cbeg));
		P->cend = xreallocarray(P->cend, P->nkey, sizeof(*P->cend));
		P->cgen = xreallocarray(P->cgen, P->nkey, sizeof(*P->cgen));
		for (; k < P->nkey; k++)
			P->cbeg[k] = P->cend[k] = P->cgen[k] = 0;
	}
	if (P->cn + n > P->ccap) {
		while (P->cn + n > P->ccap)
			P->ccap = P->ccap ? 2 * P->ccap : 1024;
		P->cfact = xreallocarray(P->cfact, P->ccap,
		    sizeof(*P->cfact));
		P->cy = xreallocarray(P->cy, P->ccap, sizeof(*P->cy));
	}
	memcpy(P->cfact + P->cn, fact, n * sizeof(*fact));
	memcpy(P->cy + P->cn, y, n * sizeof(*y));
	P->cbeg[key] = P->cn;
	P->cend[key] = P->cn += n;
	P->cgen[key] = P->gen + 1;
}

size_t
fig_exact_pool_cert(const struct fig_exact_pool *P, size_t key,
    const size_t **fact, const double **y)
{
	if (P == NULL || key >= P->nkey || P->cgen[key] != P->gen + 1)
		return 0;
	*fact = P->cfact + P->cbeg[key];
	*y = P->cy + P->cbeg[key];
	return P->cend[key] - P->cbeg[key];
}

int
fig_exact_pool_facts(const struct fig_exact_pool *P, size_t k)
{
	return P->facts[k];
}

void
fig_exact_pool_set_facts(struct fig_exact_pool *P, size_t k, int ok)
{
	P->facts[k] = ok ? 1 : -1;
}

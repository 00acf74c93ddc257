/*
 * fig_exact_int.h: the exact reader's inside, shared by fig_exact.c
 * (propagation and the GLPK solve of each component) and the files
 * beside it: fig_exact_system.c (the system made, given new bounds and
 * freed), fig_exact_local.c (small problems over a few groups),
 * fig_exact_spread.c (rows and witnesses) and fig_exact_reuse.c (the
 * memo's keys of components and the pool of whole solutions, which the
 * completion step reuses).  Nothing else includes it: fig_impl.h is the
 * reader's interface.
 */
#ifndef SCR_FIG_EXACT_INT_H
#define SCR_FIG_EXACT_INT_H

#include <stddef.h>
#include <glpk.h>

struct ex_con {
	int	 eq;
	size_t	 n;
	size_t	*var;
	long	*k;
	long	 rhs;
};

/* fig_exact_local.c's room, for one fig_exact_solve(): each unknown's
 * facts (CSR), the open cells of each group (CSR), the cells of a local
 * problem, their columns and facts, the directions tried by unknown. */
struct ex_local {
	int		 on;		/* groups given and a witness kept */
	size_t		*adjoff, *adj;
	size_t		*gstart, *gcell;
	size_t		*near;
	int		*ncol;		/* unknown -> column, 0: not near */
	size_t		*facts;
	char		*fseen;
	unsigned char	*tried;		/* 1: its largest, 2: its smallest */
};

/* The smallest component (columns) for which local problems come
 * first: below it the component's own problem is as cheap.  64, not 256:
 * 80 to 160 boards make dozens of components of 100 to 250 columns,
 * whose own problem was solved once a cell, where a local problem costs
 * what its groups do (bench/README.md, "eleventh look"). */
#define EX_LOCAL_MIN	64

struct fig_exact {
	size_t		 nv;
	long		*lo, *hi;	/* bounds given, then propagated */
	struct ex_con	*con;
	size_t		 ncon;
	size_t		*tof, *tat;	/* fig_exact_fact()'s room */
	size_t		 nmip;		/* glp_intopt() calls */
	size_t		 nlp;		/* glp_simplex() calls */
	size_t		 nit;		/* their simplex iterations */
	struct fig_exact_memo *memo;	/* components solved before, or
					 * NULL (fig_exact_use_memo()) */
	struct fig_exact_pool *pool;	/* solutions found before, or NULL
					 * (fig_exact_use_pool()) */
	const long	*base;		/* fig_exact_solve()'s witness, when
					 * it meets every fact and bound and
					 * a pool is kept: the pool's
					 * solutions differ from it */
	long		*plo, *phi;	/* the values the pool's solutions
					 * that hold now give each unknown */
	size_t		*pvar;		/* room for a solution's changes */
	long		*pval;
	size_t		*grp;		/* each unknown's group, or NULL
					 * (fig_exact_groups()) */
	size_t		 ngrp;
	size_t		 nlocal;	/* local problems solved */
	size_t		 nlsearch;	/* of them, by branch and bound */
	size_t		 ncert;		/* extremes bounded by multipliers
					 * kept (fig_ex_cert_bound()) */
	long double	*cw;		/* room for their weights, */
	char		*cin;		/* whether an unknown has one, */
	size_t		*cws;		/* and the unknowns weighed */
	struct ex_local	 loc;
	/* Each unknown's facts (fig_ex_adj()): E's own, or its pool's
	 * (borrowed) where the pool's caller vouches for one system. */
	size_t		*adjoff, *adj;
	int		 adjborrowed;
};

/* The problem over the open cells: column col[v] (1-based) or 0 for a
 * pinned cell. */
struct ex_lp {
	glp_prob	*P;
	int		*col;		/* var -> column, 0: pinned */
	size_t		*var;		/* column -> var */
	int		 ncols;
	size_t		*fact;		/* row -> fact */
	long		*wlo, *whi;	/* values seen in integer solutions */
	long		*x;		/* room for a solution, by column */
};

/* A growing array of longs: the key being written. */
struct ex_key {
	long	*v;
	size_t	 n, cap;
};

/* E->adjoff, E->adj made (fig_ex_adjacency()), once a solve, or once a
 * pool that is fixed (fig_exact_pool_fixed()). */
void	fig_ex_adj(struct fig_exact *E);

/* The memo's key of component cvar[0..n) with its facts, into K. */
void	fig_ex_key_make(const struct fig_exact *E, const struct ex_lp *L,
	    const size_t *cvar, size_t n, const size_t *facts, size_t nfacts,
	    const char *want, const long *need, long small, struct ex_key *K);
/* The pool's values of cells cvar[0..n) witnessed into L. */
void	fig_ex_pool_fold(const struct fig_exact *E, struct ex_lp *L,
	    const size_t *cvar, size_t n);
/* With a pool: L's problem started from the basis the last solves of
 * its unknowns and facts left; that basis kept for the next. */
void	fig_ex_basis_load(struct fig_exact *E, struct ex_lp *L);
void	fig_ex_basis_keep(struct fig_exact *E, const struct ex_lp *L);
/* The pool's solutions that hold under E, from witness. */
void	fig_ex_pool_load(struct fig_exact *E, const long *witness);
/* Each unknown's facts (CSR): unknown v's are adj[adjoff[v] ..
 * adjoff[v + 1]). */
void	fig_ex_adjacency(const struct fig_exact *E, size_t **adjoffp,
	    size_t **adjp);
/* fig_exact_spread.c: fact c added to P as a row over the cells col[]
 * gives a column (0: none), each other cell at its value if pinned (lo = hi),
 * else at other[v]; ind and val are room for the fact's terms.  Returns
 * the row, or 0 when no cell of c has a column.  Whether the whole values
 * x[1..] of P's columns meet every row of P exactly (whatever GLPK's
 * tolerances let through). */
int	fig_ex_row(const struct fig_exact *E, glp_prob *P,
	    const struct ex_con *c, const int *col, const long *other,
	    int *ind, double *val);
int	fig_ex_rows_hold(glp_prob *P, const long *x);
/* fig_exact_spread.c: the values of L's solution (mip: glp_intopt()'s,
 * else glp_simplex()'s, used only when every column is whole) folded into
 * the witnessed ranges; what a GLPK status says (1 an optimum, 0 no
 * solution, -1 a failure). */
void	fig_ex_witness(struct fig_exact *E, struct ex_lp *L, int mip);
/* The whole values x[0..nx) of unknowns var[0..nx), every other unknown
 * at the witness, folded into L's witnessed ranges and, where they widen
 * one and a witness is kept, into the pool as their differences from
 * it. */
void	fig_ex_fold(struct fig_exact *E, struct ex_lp *L, const size_t *var,
	    const long *x, size_t nx);
/* fig_exact_reuse.c: the duals of L's relaxation, which proved v's
 * extreme in direction dir, kept in the pool; v's extreme bounded again
 * from the multipliers kept (1, the bound in *bound; 0: none). */
void	fig_ex_cert_keep(struct fig_exact *E, const struct ex_lp *L, size_t v,
	    int dir);
int	fig_ex_cert_bound(struct fig_exact *E, size_t v, int dir, long *bound);
/* The first column of L's relaxation solution that is not within 1e-6
 * of a whole number, or 0 when every one is. */
int	fig_ex_fractional(const struct ex_lp *L);
int	fig_ex_verdict(int st);
/* fig_exact_local.c: its room made for a solve (nothing without groups
 * or a witness the pool keeps), and freed; v's extreme in direction dir
 * from a local problem: 1 with *best when one decides it, else 0 (the
 * solutions found are witnessed either way). */
void	fig_ex_local_begin(struct fig_exact *E);
void	fig_ex_local_end(struct fig_exact *E);
int	fig_ex_local(struct fig_exact *E, struct ex_lp *L, size_t v, int dir,
	    long *best);
/* L's relaxation with its objective set: its verdict, the solution
 * witnessed. */
int	fig_ex_relax(struct fig_exact *E, struct ex_lp *L);
/* A whole solution of L pushed in direction dir of
 * the sum of columns cols[0..n) with round's signs, as witnesses. */
int	fig_ex_spread(struct fig_exact *E, struct ex_lp *L, const int *cols,
	    int n, int round, int dir);

#endif

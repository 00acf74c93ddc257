/*
 * fig_impl.h: the inside of struct fig_set, the loaded figure
 * definitions: one predicate tree per figure, already checked against the
 * codebook.
 * For fig_load.c, fig_eval.c and fig_print.c only; everything else goes
 * through fig.h.
 */
#ifndef SCR_FIG_IMPL_H
#define SCR_FIG_IMPL_H

#include <stddef.h>

#include "case.h"

/* What one test in a predicate looks at. */
enum fig_pred_type {
	FP_TRUE,	/* always true (an absent `where:` or `of:`) */
	FP_CODE,	/* code: NAME */
	FP_SEX,		/* sex: male | female */
	FP_OUTCOME,	/* outcome: died | serious_harm */
	FP_DEATH,	/* death_cause: sudi | ... | none */
	FP_AGE,		/* age_years: N | {min, max, ...} */
	FP_AREAS,	/* lscb_areas_known: N | {...} */
	FP_HOUSEHOLD,	/* household_children: N | {...} */
	FP_ALL,		/* all: [P, ...] (also a mapping with several keys) */
	FP_ANY,		/* any: [P, ...] */
	FP_NOT,		/* not: P */
	FP_ANY_CHILD,	/* any_child: P, a case test over its children */
	FP__MAX
};

/* A predicate tree; evaluated against a case, or a child of a case. */
struct fig_pred {
	enum fig_pred_type  type;
	int		    line;	/* 1-based position in figures.yaml */
	int		    col;
	int		    value;	/* FP_CODE: code index; FP_SEX, FP_OUTCOME,
					 * FP_DEATH: the enum value */
	long		    lo;		/* numeric tests: inclusive bounds */
	long		    hi;
	struct fig_pred	  **kids;	/* FP_ALL, FP_ANY: operands; FP_NOT,
					 * FP_ANY_CHILD: one operand */
	size_t		    nkids;
};

/* What a figure counts: its population. */
enum fig_pop {
	FIG_POP_CASES,		/* the selected cases */
	FIG_POP_CHILDREN,	/* their children */
	FIG_POP_DEATHS,		/* their children who died */
	FIG_POP__MAX
};

/* A numeric case field a count figure may sum instead of counting. */
enum fig_sum {
	FIG_SUM_NONE,		/* count the units */
	FIG_SUM_HOUSEHOLD,	/* sum household_children */
	FIG_SUM_AREAS,		/* sum lscb_areas_known */
	FIG_SUM__MAX
};

struct fig_def {
	char		*name;		/* stable name, [a-z0-9_]+ */
	enum fig_unit	 unit;
	enum fig_style	 style;		/* default style */
	enum fig_pop	 pop;		/* what one unit is */
	enum fig_sum	 sum;		/* FIG_COUNT only */
	struct fig_pred	*where;		/* numerator test; never NULL */
	struct fig_pred	*of;		/* base test; never NULL (FP_TRUE) */
	codeword	*codes;		/* codes `where` reads (not_recorded) */
	int		 group;		/* index into fig_set groups, or -1 */
	int		 public;	/* 1: never suppressed (already public) */
	int		 nrclass;	/* index of the first figure whose
					 * not_recorded counts the same units
					 * (same base, same codes): equal by
					 * construction */
	char		*label;		/* human label (label:), or NULL */
	int		 line;		/* position of the figure's entry */
	int		 col;
};

/* How a relation compares its terms with 0. */
enum fig_rel_op {
	FIG_REL_EQ,	/* sum of coef * figure == 0 */
	FIG_REL_LE,	/* sum of coef * figure <= 0 */
	FIG_REL__MAX
};

/*
 * A relation a reader knows between the numerators of figures in one
 * selection (a board, or London), declared under `relations:` in
 * figures.yaml, e.g. "boys + girls = children" is stored as
 * boys + girls - children == 0.  London = sum of the boards, for every
 * figure, is not declared: it always holds.
 */
struct fig_rel {
	enum fig_rel_op	 op;
	size_t		 nterms;
	int		*fig;		/* figure index of each term */
	long		*coef;		/* its coefficient (+1, -1, ...) */
	char		*text;		/* the relation as written */
	int		 line;		/* position in figures.yaml */
	int		 col;
};

struct fig_set {
	struct fig_def	*defs;		/* in file order */
	size_t		 ndefs;
	char		**groups;	/* group names, in order first used */
	size_t		 ngroups;
	size_t		 nwords;	/* codewords in each codes set */
	struct fig_rel	*rels;		/* declared relations, in file order */
	size_t		 nrels;
	int		 deaths_fig;	/* the figure counting the children who
					 * died (the base of a `deaths` share),
					 * or -1 when there is none */
	char		*file;		/* the file's name, for diagnostics */
};

/*
 * A unit that has a code cannot also have it marked not recorded (the
 * case loader refuses both), so for a figure whose `where` tests one code
 * its numerator and its not_recorded count no unit twice: num +
 * not_recorded <= its base.  Returns 1 if d is such a figure (a count of
 * units, not a sum).
 */
int	fig_single_code(const struct fig_def *d);
/* Returns the public figure counting every unit of population pop (the
 * reviews, the children), or -1 when s has none. */
int	fig_total(const struct fig_set *s, enum fig_pop pop);
/* The base of "num + not_recorded <= base" for figure i, when i tests
 * one code and its base is a number a reader has: returns the figure
 * whose cell it is, with *den set to 1 for that figure's denominator
 * (i's own share's base) or 0 for its numerator (the deaths, or the
 * public number of reviews or children); -1 when i has no such bound.
 * The suppressor and the attacker both read it. */
int	fig_nr_base(const struct fig_set *s, int i, int *den);

struct fig_ledger;

struct fig_exact_pool;

/*
 * Disclosure control (fig_suppress.c) over the boards' ledgers ls[0..nb)
 * and London's, region (also suppressed when region_hidable), threshold
 * t: sets suppressed, why, lo, hi, den_hidden and nr_hidden of every
 * value.  Texts are left to the caller.  When keep is not NULL, *keep:
 * the solutions its exact checks found, in the cells it left hidden, for
 * fig_suppress_pooled() (free with fig_exact_pool_free(); NULL when it
 * found none).
 */
void	fig_suppress(const struct fig_set *s, struct fig_ledger **ls,
	    size_t nb, struct fig_ledger *region, int region_hidable, long t,
	    struct fig_exact_pool **keep);

/*
 * What a reader can tell from ledgers already suppressed
 * (fig_suppress_reader.c: the suppressor's cells, relations and
 * reasoning), for the bands of fig_band.c.
 * Rows are boards 0..nb-1 and London (nb).  fig_reader_band() tells the
 * reader that the numerator of (row, fig) lies in [lo, hi] (on = 1), or
 * no longer (on = 0).  fig_reader_safe() returns 1 when no hidden cell
 * that London's figures alone do not give away can be pinned to one
 * value (probe: also by trying every value of each small range), and
 * leaves every cell's range for fig_reader_bounds().
 */
struct fig_reader;

struct fig_reader *fig_reader_new(const struct fig_set *s,
	    struct fig_ledger **ls, size_t nb, struct fig_ledger *region,
	    int region_hidable);
/*
 * The same over periods and their totals, for fig_band_pooled(): led
 * holds np blocks of nb + 1 ledgers (the periods as published, bands
 * read); the reader adds the totals of the first 2 .. np periods (rows
 * from np * (nb + 1) on) with every cell that may be hidden hidden.
 * What London, the public numbers and the periods' printed numbers
 * (without their bands) say alone is no secret.  fig_reader_bad() is 1
 * for a row with a cell the last fig_reader_safe() found given away.
 */
struct fig_reader *fig_reader_new_pooled(const struct fig_set *s,
	    struct fig_ledger **led, size_t np, size_t nb, int region_hidable);
int	fig_reader_bad(const struct fig_reader *R, size_t row);
void	fig_reader_band(struct fig_reader *R, size_t row, int fig, int on,
	    long lo, long hi);
int	fig_reader_safe(struct fig_reader *R, int probe);
void	fig_reader_bounds(struct fig_reader *R, size_t row, int fig,
	    long *lo, long *hi);
void	fig_reader_free(struct fig_reader *R);
/* From now on fig_reader_safe(R, 1) also runs the exact check of the
 * suppressor's completion step (fig_exact.c): no hidden cell pinned or
 * known to lie within 1..t, bands read as their intervals. */
void	fig_reader_exact(struct fig_reader *R, long t);

/*
 * Banded shares (fig_band.c), after fig_suppress(): with edges[0..n) the
 * band limits in per cent from report.yaml, gives a hidden share a band
 * (sets banded, band_lo, band_hi) where the reader, told every band
 * shown so far, still cannot pin any hidden cell; then sets lo and hi of
 * every value to what a reader can tell with the bands.
 */
void	fig_band(const struct fig_set *s, struct fig_ledger **ls, size_t nb,
	    struct fig_ledger *region, int region_hidable, long t,
	    const int *edges, size_t nedges);

/*
 * The periods' bands against the totals they join (fig_band.c), when
 * report.yaml pools periods: led holds np >= 2 blocks of nb + 1 ledgers,
 * each period already suppressed and banded by itself.  While the bands,
 * all of them together, let a reader pin a cell of a total over periods
 * (every cell of the totals hidden) or know it to lie within 1..t, the
 * bands of the boards that give it away are withdrawn (printed [c]
 * instead), then given back one by one, the oldest period first, where
 * that keeps every total safe.  Texts are left to the caller.
 */
void	fig_band_pooled(const struct fig_set *s, struct fig_ledger **led,
	    size_t np, size_t nb, int region_hidable, long t);

/* fig_suppress_pool.c: the numerators over den whose whole percent lies in
 * [plo, phi] (a band): [*lo, *hi], empty (lo > hi) when none
 * (fig_percent() rises with the numerator). */
void	fig_band_nums(long den, int plo, int phi, long *lo, long *hi);

/*
 * Disclosure control of a total over periods (the pooled column), solved
 * jointly with the periods it sums (fig_suppress_pool.c).  led holds np + 1
 * blocks of nb + 1 ledgers, each block nb boards then London: block p <
 * np is period p, already suppressed by fig_suppress() as if it stood
 * alone (so exactly as that year's own papers published it); block np
 * is their total, cell by cell (numerators, not_recorded counts, narrowed
 * bases).  Sets the suppression of block np only, as fig_suppress()
 * does, over one system holding every block with its relations, London
 * = the sum of the boards in each, and total = the sum of the periods
 * for every cell of every board and of London.  The periods' cells are
 * frozen: one hidden alone stays hidden (a reader knows the interval of
 * its band, when one is printed), one shown alone is known to the
 * reader (last year's paper printed it), so only the total's cells are
 * hidden to protect others, until no hidden cell of any block can be
 * pinned.  A cell of the total that the periods as published already
 * pin is no secret (as a London 0 is for a board).  With three periods
 * or more, the totals of the first 2, 3, ... np - 1 periods (what the
 * years before published with pool on) are made again first, each
 * suppressed in the same way, and held fixed beside this year's: this
 * year's total less last year's is the current period.  periods: NULL,
 * or np solution sets, period p's as fig_suppress() kept them (NULL
 * where none; the caller's still): each step's exact checks start from
 * those of the periods it adds, as from the step before's.
 */
void	fig_suppress_pooled(const struct fig_set *s, struct fig_ledger **led,
	    size_t np, size_t nb, int region_hidable, long t,
	    struct fig_exact_pool *const *periods);

/*
 * 1 (the default): fig_suppress_pooled() solves jointly, as above.  0:
 * the total is suppressed as a period of its own, blind to the periods
 * beside it -- the per-period control that leaks through the total
 * (pooled - the other periods = the hidden period).  For the tests that
 * show that leak; nothing else may set it.
 */
extern int fig_suppress_joint;

/*
 * 1 (the default): every solve ends with the completion step, checked
 * by the exact reader.  0: the choice of propagation alone, which the
 * exact attack can undo; for the test that plants that leak only.
 */
extern int fig_suppress_complete;

/*
 * 1 (the default): a complementary candidate outside the cone of the
 * cell it should unpin is not reasoned over (it cannot unpin it).  0:
 * every candidate is; the same choices, more work.  For the test that
 * compares the two only.
 */
extern int fig_suppress_cone;

/*
 * 1 (the default): once the first candidates of a ring have failed to
 * unpin a cell (SUP_BATCH_AFTER), the rest are hidden together once, and
 * where the cell stays pinned none of them is tried alone
 * (fig_suppress_choose.c).  0: each is tried alone; the same choices,
 * more work.  For the test that compares the two only.
 */
extern int fig_suppress_batch;

/*
 * 1 (the default): after a change, propagation alone (view 0) retracts
 * only the bounds the change makes false, found through the relations
 * that narrowed each cell, instead of starting again every open cell
 * the relations join to the change.  0: the whole part starts again;
 * the same bounds, more work.  For the test that compares the two only.
 */
extern int fig_suppress_retract;

/*
 * 1 (the default): probing (view 1) goes on from its last fixpoint where
 * a change only narrows the starting ranges, goes back to the fixpoint
 * before when the next change undoes that, and starts a value tried
 * again from where its last propagation ended.  0: from scratch; the
 * same bounds, more work.  For the test that compares the two only.
 */
extern int fig_suppress_memo;

/*
 * 1 (the default): after a change, the reasoning compares only the cells
 * changed since it last ran (those every change names through
 * fig_sup_set_why() and fig_sup_touch()).  0: every cell, as it is
 * now, against a copy of every cell; the same ranges, more cells read.
 * For the test that compares the two only.
 */
extern int fig_suppress_dirty;

/*
 * 1 (the default): each relation's least and greatest sum over the
 * bounds is kept as the bounds change (struct sup_act), so propagation
 * reads a relation whole only when a term may narrow.  0: every relation
 * read whole at every visit; the same bounds, more terms read.  For the
 * test that compares the two only.
 */
extern int fig_suppress_sums;

/*
 * 1 (the default): the cells a reader pins are kept, one bit a cell, as
 * bounds and cells change (struct sup_view, pin), and the first is found
 * from those bits.  0: every cell read after every reasoning; the same
 * cell found, more cells read.  For the test that compares the two only.
 */
extern int fig_suppress_pins;

/*
 * 1 (the default): each pooled step's exact checks start from the
 * solutions the step before found (fig_suppress_pool.c, struct
 * sup_carry), which settle cells sooner.  0: each step starts with none;
 * the same verdicts, more problems solved.  For the test that compares
 * the two only.
 */
extern int fig_suppress_carry;

/*
 * 1 (the default): with fig_suppress_carry, each pooled step's exact
 * checks start from the solutions of the new period's own solve too
 * (fig_suppress()'s keep), moved into the totals that hold it.  0: from
 * the step before's alone.  For the test that compares the two only.
 */
extern int fig_suppress_carry_periods;

/*
 * 0 (the default).  Nonzero: every exact solve fails as GLPK can
 * (fig_exact_solve() returns -1); for the test that the completion step
 * then writes nothing (fig_suppress_complete.c) only.
 */
extern int fig_exact_fail;

/*
 * The warnings the solves have printed since the process began ("cannot
 * protect figure ..."): the solve cache (fig_cache.c) keeps no solve
 * that printed one, so that every run that makes it says it again.
 */
extern unsigned long fig_suppress_warned;

/*
 * The work of every solve since the process began, counted in steps
 * that each cost a bounded time (the growth tests of issues 31.10 and
 * 32.3 compare them, not seconds): fig_sup_reason() calls; cells visited by
 * a pass over cells (the scans for a change or a pinned cell, the
 * regions reasoned again, the candidates' rings); terms of relations
 * read by bound propagation; values tried one by one (probing); exact
 * solves, the simplex and branch-and-bound calls within them and the
 * simplex iterations GLPK counted.  With SCRPAPER_WORK set, a solve
 * prints them on standard error at exit.
 */
struct fig_work {
	unsigned long long	reasons, cells, terms, probes;
	unsigned long long	exact, lps, mips, iters, locals;
	unsigned long long	carried;	/* solutions a pooled step
						 * started with */
};
extern struct fig_work fig_work;

/*
 * The exact reader (fig_exact.c, GLPK): unknowns 0..nvars-1, each whole
 * and within its bounds (FIG_EXACT_INF: none given; a shown cell has
 * lo = hi = its value), and facts sum of k[i] * x[var[i]] (= when eq,
 * else <=) rhs.  fig_exact_solve() finds, for every unknown v with
 * want[v], the smallest and largest value any whole solution gives it:
 * exactly, unless whole solutions already give it values need[v] apart
 * (2 values are enough, small > 0, where propagation puts v outside
 * 1..small) and (small > 0) one outside 1..small, in which case [lo, hi]
 * is the range of those (enough to say the cell keeps that much; for
 * fig_exact_exposed() too).  witness,
 * when not NULL, is one solution (the true values).  Returns 1, 0 when
 * the facts have no whole solution, -1 when GLPK fails.
 */
#define FIG_EXACT_INF	((long)1 << 40)

struct fig_exact;

struct fig_exact *fig_exact_new(size_t nvars);
void	fig_exact_bounds(struct fig_exact *E, size_t v, long lo, long hi);
void	fig_exact_fact(struct fig_exact *E, int eq, size_t n,
	    const size_t *var, const long *k, long rhs);
int	fig_exact_solve(struct fig_exact *E, const char *want,
	    const long *need, long small, const long *witness, long *lo,
	    long *hi);
/* The protection rule (docs/disclosure.md, "The protection rule"): 1
 * when a [c] whose feasible interval is lo..hi gives too much away:
 * pinned to one value, or, when the interval meets 1..t (it may be a
 * small number), its ends less than need apart.  need is t, or less
 * where what the reader knows without the board's cells (London's
 * figures, the public numbers) already keeps the cell narrower: then
 * that whole interval. */
int	fig_exact_exposed(long lo, long hi, long need, long t);
/* Bound propagation alone: the outer interval of every unknown, which
 * holds every whole solution, into lo[] and hi[].  Returns 0 when the
 * facts contradict each other. */
int	fig_exact_outer(struct fig_exact *E, long *lo, long *hi);
/* glp_intopt() calls fig_exact_solve() made (the rest were settled by
 * propagation, witnesses or the relaxation). */
size_t	fig_exact_mips(const struct fig_exact *E);
/* glp_simplex() calls it made. */
size_t	fig_exact_lps(const struct fig_exact *E);
/* Extremes bounded again by multipliers a pool kept, with no relaxation
 * solved (fig_exact_pool_cert()). */
size_t	fig_exact_certs(const struct fig_exact *E);
/* The simplex iterations GLPK counted on its problems (glp_get_it_cnt()). */
size_t	fig_exact_iterations(const struct fig_exact *E);
/*
 * Groups of unknowns (fig_exact_local.c): grp[v] < ngrp for each of the
 * nvars unknowns, copied.  With groups, and a witness kept in a pool,
 * a large component's cells are first moved within problems over a few
 * groups, their solutions witnesses, and where one reaches the bound
 * propagation gives, it decides that extreme without the component's
 * problem.  The intervals and verdicts are those without groups; only
 * the work differs.  fig_exact_locals(): the local problems solved;
 * fig_exact_local_searches(): those of them whose relaxation's optimum
 * was not in whole numbers, solved by branch and bound.
 */
void	fig_exact_groups(struct fig_exact *E, const size_t *grp, size_t ngrp);
size_t	fig_exact_locals(const struct fig_exact *E);
size_t	fig_exact_local_searches(const struct fig_exact *E);
/*
 * 1 (the default): a local problem is solved as a relaxation first, and
 * by branch and bound only where that optimum is not in whole numbers.
 * 0: by branch and bound always.  The same witnesses decide the same
 * extremes either way (a whole optimum of the relaxation is one of the
 * problem).  For the test that compares the two only.
 */
extern int fig_exact_local_relax;
void	fig_exact_free(struct fig_exact *E);
/* E ready to be solved again, its facts and groups kept: what the last
 * solve left freed, its counts 0, no memo or pool; every unknown's
 * bounds must be given again (fig_exact_bounds()). */
void	fig_exact_again(struct fig_exact *E);
/*
 * A memo of components solved, for a caller that solves systems that
 * differ in a few cells again and again (the completion step): a
 * component of the open cells whose problem is word for word one solved
 * before (its cells, bounds, witnessed values, what is asked, facts)
 * gets that answer again without GLPK.  The answers are the same as
 * without it; only fig_exact_lps() and fig_exact_mips() count less.
 * Use one memo while the unknowns keep their meaning.
 */
struct fig_exact_memo;

struct fig_exact_memo *fig_exact_memo_new(void);
void	fig_exact_memo_free(struct fig_exact_memo *M);
void	fig_exact_use_memo(struct fig_exact *E, struct fig_exact_memo *M);
/* Components answered from the memo so far. */
size_t	fig_exact_memo_hits(const struct fig_exact_memo *M);
/* For fig_exact.c: the answer remembered for key[0..nkey), or NULL;
 * remember out[0..nout) as key's answer. */
const long *fig_exact_memo_find(struct fig_exact_memo *M, const long *key,
	    size_t nkey);
void	fig_exact_memo_add(struct fig_exact_memo *M, const long *key,
	    size_t nkey, const long *out, size_t nout);
/*
 * A pool of the whole solutions solves found, for the same caller: kept
 * and given to each later solve with the same facts and witness (the
 * true values), where those that still meet its bounds and facts are
 * witnesses from the start, so that most cells are settled without a
 * solve of their own.  The verdicts of fig_exact_exposed() are the same
 * as without it: a cell whose witnessed values do not settle it is
 * still solved to its ends; only the ranges of cells settled (those
 * witnesses) may be wider.  It keeps the last basis too, from which the
 * next solve's problems start (fig_exact_reuse.c): the same verdicts,
 * fewer simplex iterations.
 */
struct fig_exact_pool;

struct fig_exact_pool *fig_exact_pool_new(void);
void	fig_exact_pool_free(struct fig_exact_pool *P);
void	fig_exact_use_pool(struct fig_exact *E, struct fig_exact_pool *P);
/* For fig_exact.c: the solutions kept; solution k's unknowns and values
 * (returns how many); keep one more (none past a bound on all their
 * values together). */
size_t	fig_exact_pool_count(const struct fig_exact_pool *P);
size_t	fig_exact_pool_get(const struct fig_exact_pool *P, size_t k,
	    const size_t **var, const long **val);
void	fig_exact_pool_add(struct fig_exact_pool *P, const size_t *var,
	    const long *val, size_t n);
/*
 * The multipliers (facts fact[0..n), duals y) with which the relaxation
 * alone proved an extreme, key 2v for v's largest value, 2v + 1 for its
 * smallest, kept while the system (fig_exact_pool_same()) is the same:
 * any multipliers of the right signs bound the extreme again from the
 * facts and the bounds of that solve (fig_exact.c).  fig_exact_pool_cert()
 * returns their number (0: none).
 */
void	fig_exact_pool_cert_add(struct fig_exact_pool *P, size_t key,
	    const size_t *fact, const double *y, size_t n);
size_t	fig_exact_pool_cert(const struct fig_exact_pool *P, size_t key,
	    const size_t **fact, const double **y);
/* For fig_exact.c: the system sys[0..n) (witness and facts written out)
 * the answers below are for, forgetting them when it is another; solution
 * k meets every fact (1), breaks one (-1), not checked yet (0). */
void	fig_exact_pool_same(struct fig_exact_pool *P, const long *sys,
	    size_t n);
/* The caller vouches that every solve given P has the same facts and
 * witness (the completion step: one model, its true values): they are
 * then checked at the first solve whose witness meets them, not written
 * out and compared at every solve.  fig_exact_pool_checked() is 1 once
 * so checked (fig_exact_pool_set_checked()). */
void	fig_exact_pool_fixed(struct fig_exact_pool *P);
/* Each unknown's facts (CSR), kept by a fixed pool: returns 1 with them,
 * or 0 (none kept, or the pool not fixed); fig_exact_pool_keep_adj()
 * hands them to a fixed pool (returns 1; the pool frees them), else
 * returns 0. */
int	fig_exact_pool_adj(const struct fig_exact_pool *P, size_t **adjoff,
	    size_t **adj);
int	fig_exact_pool_keep_adj(struct fig_exact_pool *P, size_t *adjoff,
	    size_t *adj);
/* The system's generation: one more each time it is another. */
size_t	fig_exact_pool_gen(const struct fig_exact_pool *P);
int	fig_exact_pool_checked(const struct fig_exact_pool *P);
void	fig_exact_pool_set_checked(struct fig_exact_pool *P);
int	fig_exact_pool_facts(const struct fig_exact_pool *P, size_t k);
void	fig_exact_pool_set_facts(struct fig_exact_pool *P, size_t k, int ok);
/* For fig_exact.c: the basis the last solves left, by unknown (0 ..
 * nv) and by fact (0 .. ncon): GLPK's status of the unknown's column
 * and of the fact's row (GLP_BS ...), 0 where none was kept; the arrays
 * grow to nv and ncon (the facts' through *rstat). */
unsigned char *fig_exact_pool_basis(struct fig_exact_pool *P, size_t nv,
	    size_t ncon, unsigned char **rstat);

#endif

/*
 * fig_suppress_int.h: what the files of the suppressor share: its
 * limits, the cells and relations of the model (struct sup_cell, struct
 * sup_con), a reader's view of them (struct sup_view), the solve's state
 * (struct sup), and the functions and variables one file of it uses in
 * another.  The files, bottom up:
 *   fig_suppress_model.c     the model: cells and relations built from
 *                            the ledgers and figures.yaml
 *   fig_suppress_propagate.c propagation: bound propagation, one probe,
 *                            the probes' records
 *   fig_suppress_reason.c    reasoning: probing, incremental reasoning,
 *                            the cells pinned
 *   fig_suppress_choose.c    choice: the cells that may be hidden, the
 *                            cheapest one, the primary and base rules
 *   fig_suppress_complete.c  completion: the choice checked with the
 *                            exact reader (fig_exact.c)
 *   fig_suppress.c           the progress word, the solve (the rules in
 *                            order), the ledgers written, fig_suppress()
 *   fig_suppress_pool.c      the pooled step: the periods and their
 *                            total solved together, the bands read
 *   fig_suppress_reader.c    the reader of fig_band.c
 * For those files only: the rest of the program sees fig.h and
 * fig_impl.h.  Never for fig_audit.c, written apart on purpose.
 */
#ifndef SCR_FIG_SUPPRESS_INT_H
#define SCR_FIG_SUPPRESS_INT_H

#include <stddef.h>
#include <stdint.h>

#include "fig.h"
#include "fig_impl.h"

#define SUP_INF		1000000000000L	/* no upper bound known */
#define SUP_PROBE	64		/* widest range tried value by value */
#define SUP_TRIALS	64		/* candidates tried for one cell */
#define SUP_BATCH_AFTER	1		/* tried alone before the rest of the
					 * ring is reasoned over at once */
#define SUP_BROKEN	((size_t)-2)	/* the relations do not hold */
#define SUP_BLOCK	32		/* cells compared at once */
#define SUP_REC_MAX	4096		/* cells a probe's record holds */
#define SUP_SAY_AFTER	5		/* CPU seconds before a word on
					 * standard error */

enum sup_kind { SUP_NUM, SUP_NR, SUP_DEN };

struct sup_cell {
	size_t		 row;	/* board index, or nb for London */
	int		 fig;	/* figure (NR: the first of its class) */
	enum sup_kind	 kind;
	long		 val;	/* the true value */
	long		 ub;	/* upper bound a reader knows from the
				 * public numbers of reviews and children */
	int		 hidable; /* 0: always shown (public, or London's
				 * published figure) */
	int		 why;	/* FIG_WHY_*: FIG_SHOWN if shown */
	int		 known;	/* pinned by what London and the public
				 * numbers say alone: no secret */
	int		 frozen; /* an earlier solve fixed it (a period's
				 * cell beside a pooled total): never
				 * hidden or shown here */
	size_t		 order;	/* complementary: when it was chosen */
	int		 banded; /* hidden, but printed as a band: a reader
				 * knows blo <= val <= bhi (fig_band.c) */
	long		 blo, bhi;
};

/* sum of coef[i] * cell[i] (= or <=) rhs */
struct sup_con {
	enum fig_rel_op	 op;
	size_t		 n;
	size_t		*cell;
	long		*coef;
	long		 rhs;
	size_t		*at;	/* term i's place in its cell's list of
				 * constraints (adj, used) */
};

struct sup_trail {
	size_t	cell;
	long	lo, hi;
};

/* A probe that survived (struct sup): the value tried, when, and the
 * cells its propagation narrowed with their bounds then. */
struct sup_recn {
	uint32_t	 cell;
	int32_t		 lo, hi;
};
struct sup_rec {
	long		 v;
	size_t		 at;
	struct sup_recn	*n;		/* half a trail's size: a probe that
					 * narrows a cell beyond 32 bits
					 * keeps no record */
	size_t		 nn, cap;
};

/*
 * Each relation's sum over the bounds of one view as they stand: its
 * least and greatest value (min, max), and a bound on the widest term
 * (w: at least any term's coefficient times its width; narrowing leaves
 * it as it was).  Kept as the bounds change (fig_sup_set_bounds(), the
 * narrowings and their undoing), so that propagation reads a relation
 * whole only when the sums say a term may narrow.  Relation k's are
 * current while s[k].stamp == epoch; a new epoch forgets them all.  One
 * relation's together: a change reads and writes one place a relation.
 */
struct sup_sum {
	long		 min, max, w;
	size_t		 stamp;
};

struct sup_act {
	struct sup_sum	*s;		/* relation k's: s[k] */
	size_t		 epoch;
};

/*
 * What a reader can tell with or without probing, as the last
 * fig_sup_reason() of that kind left it, and the range each cell started
 * from then (its value if shown or known, else [0, ub] or its band).
 * Bound propagation and probing only narrow, so what they reach is the
 * greatest fixpoint below the starting ranges, whatever the order; and
 * a part of the hidden cells that no relation joins to a change keeps
 * its fixpoint.  So a new fig_sup_reason() starts again only the cells
 * whose start changed and those the relations join them to; view 0
 * (propagation alone) fewer still: only the cells whose start widened
 * and those reasoned from them (sup_retract(), through S->used).
 */
struct sup_view {
	long		*lo, *hi;
	struct sup_act	 act;		/* the relations' sums over lo, hi */
	/* The cells a reader pins to one value that are not known
	 * already (hidden, not known, lo == hi): one bit a cell, kept as
	 * bounds and cells change, npin of them set; when pinstale, to be
	 * read again from every cell (after changes made in bulk). */
	uint64_t	*pin;
	size_t		 npin;
	int		 pinstale;
	long		*ilo, *ihi;	/* the starting ranges */
	struct sup_cell	*was;		/* the cells as they were then: a
					 * block of them compared whole
					 * (memcmp), then cell by cell where
					 * it differs */
	int		 valid;		/* lo, hi are the fixpoint from ilo,
					 * ihi */
	/* The cells changed since the view last compared them
	 * (fig_sup_set_why(), fig_sup_touch()): only these are compared
	 * again, unless alldirty says any may have. */
	size_t		*dirty;
	size_t		 ndirty;
	char		*isdirty;
	int		 alldirty;
	/* View 1: the last change when it only narrowed starts, kept so
	 * that the change back (a cell shown again, then hidden again)
	 * restores the fixpoint from before instead of reasoning again:
	 * the cells whose start it narrowed with their starts before
	 * (ustart, inu), and every bound it narrowed as it was (undo). */
	struct sup_trail *ustart;
	size_t		 nustart;
	char		*inu;
	struct sup_trail *undo;
	size_t		 nundo, undocap;
};

struct sup {
	struct fig_ledger **led;	/* the ledger of each row */
	size_t		 nrows;		/* blocks * (nb + 1) */
	size_t		 nb;		/* boards in a block */
	int		 region_hidable;
	struct sup_cell	*cells;
	size_t		 ncells;
	struct sup_con	*cons;
	size_t		 ncons;
	size_t		*adjoff;	/* cell -> its constraints (CSR) */
	size_t		*adj;
	long		*adjcoef;	/* the cell's coefficient in adj[j] */
	long		*lo, *hi;	/* what a reader can tell: the
					 * view of the last fig_sup_reason() */
	struct sup_view	 view[2];	/* without, with probing */
	/* The cells whose why changed since fig_sup_base_rule() last ran
	 * (bdirty[0..nbdirty), each once), unless ball says any may
	 * have. */
	size_t		*bdirty;
	size_t		 nbdirty;
	char		*isbdirty;
	int		 ball;
	int		 truth;		/* the true values meet every
					 * relation (incremental reasoning) */
	size_t		*rgn;		/* cells to reason again */
	char		*inrgn;
	size_t		*rcon;		/* their constraints */
	char		*inrcon;
	size_t		*comp;		/* cell -> its part (probing) */
	size_t		*cstack;
	size_t		*stamp;		/* part -> changes so far */
	size_t		*tried;		/* cell -> its part's stamp + 1 when
					 * probing it last changed nothing */
	struct sup_trail *trail;
	size_t		 ntrail, trailcap;
	size_t		*queue;		/* constraints to revisit */
	size_t		 qhead, qtail;	/* ring of ncons + 1 */
	char		*inq;
	/* Why view 0 (propagation alone) holds each bound: used[j] is set
	 * when relation adj[j] narrowed cell c (adjoff[c] <= j <
	 * adjoff[c + 1]) since c last started again.  A bound is implied
	 * by the starting ranges of the cells these relations reach from
	 * it (sup_cone()). */
	char		*used;
	size_t		 curcon;	/* the relation propagating now */
	size_t		*rst;		/* view 0: the cells whose bounds
					 * a change retracts */
	char		*inrst;
	char		*incone;	/* fig_sup_choose(): x's cone */
	size_t		*seen;		/* fig_sup_choose(): cell -> the call
					 * that reached it */
	size_t		*kseen;		/* and relation -> the call that
					 * read it */
	size_t		 nchoose;	/* fig_sup_choose() calls */
	/*
	 * View 1: each probe that survived, with where its propagation
	 * left the cells it narrowed (struct sup_rec), so that probing
	 * again starts from there (fig_sup_try_rec()), or needs no
	 * propagation while none of it can have changed: a probe's
	 * propagation reads only the bounds of the cells of the relations
	 * it visits, those of the cells it narrows; where those are as
	 * they were, it runs as it ran.  kst[k]: the tick of the last
	 * change to a bound of a cell of relation k (view 1, outside a
	 * probe).  A record of tick at holds while the relations of its
	 * cells have kst < at, and at > floor (the last time every bound
	 * started again).
	 */
	struct sup_rec	*rec;		/* cell c: 2c its lowest value,
					 * 2c + 1 its highest */
	size_t		*kst;
	size_t		 tick, floor;
	size_t		*cseen;		/* cell -> the record that holds it */
	struct sup_trail *save;		/* bounds before starting again */
	int		 trial;		/* in a probe: bounds change for it
					 * alone */
	int		 nobump;	/* changes not ticked (yet) */
	/* The pooled steps (fig_suppress_pool.c): solutions of the step
	 * before and of the new period's own solve, as cells of this one,
	 * that the completion step's pool starts with (fig_sup_ex_init()
	 * takes them), and that pool as the completion step leaves it
	 * (pool_out, freed with S). */
	struct fig_exact_pool *pool_in, *pool_out;
};

/* What the exact check of fig_sup_complete() works with. */
struct sup_ex {
	char	*want, *exempt;
	long	*need, *lo, *hi, *val;
	struct fig_exact_memo *memo;	/* components solved, or NULL */
	struct fig_exact_pool *pool;	/* solutions found, or NULL */
	struct fig_exact *E;		/* the system, its facts S's
					 * relations, made once
					 * (sup_exact_system()) */
};

/* The progress word (fig_suppress.c): what is being solved, and whether
 * the word is out; the pooled step says each step's. */
extern char	 fig_sup_what[160];
extern int	 fig_sup_said;
/* 1 while the pooled solve makes again a total an earlier year published
 * (fig_suppress_complete.c; set by fig_suppress_pool.c). */
extern int	 fig_sup_past;

/* fig_suppress_model.c */
size_t	fig_sup_at(size_t nfig, size_t row, int fig, enum sup_kind kind);
long	fig_sup_base(const struct fig_def *d, const struct fig_ledger *l);
void	fig_sup_build(struct sup *S, const struct fig_set *s,
    struct fig_ledger **led, size_t nblk, size_t nb, int region_hidable,
    int pooled);
void	fig_sup_free(struct sup *S);
/* fig_suppress_propagate.c */
void	fig_sup_enqueue(struct sup *S, size_t k);
void	fig_sup_bump(struct sup *S, size_t c);
int	fig_sup_narrow(struct sup *S, size_t c, long lo, long hi);
/* Cell c's bounds set to [lo, hi] outside propagation (a start, a bound
 * put back), the sums of its relations kept (struct sup_act). */
void	fig_sup_set_bounds(struct sup *S, size_t c, long lo, long hi);
/* Every bound of the current view set anew: its sums and pinned cells
 * forgotten. */
void	fig_sup_view_forget(struct sup *S);
/* The first cell view probe (0 or 1) pins that is not known already
 * (hidden, not known, lo == hi), or (size_t)-1. */
size_t	fig_sup_pin_first(struct sup *S, int probe);
int	fig_sup_propagate(struct sup *S);
int	fig_sup_hidden(const struct sup *S, size_t c);
/* 1 if bounds lo, hi pin hidden cell c that is not known already (what
 * fig_sup_pinned() looks for). */
int	fig_sup_pins(const struct sup *S, const long *lo, const long *hi,
    size_t c);
/* Every change to a cell goes through these, so that the reasoning
 * compares only the cells changed (fig_sup_reason()): cell c's why
 * set; cell c changed otherwise; any cell changed. */
void	fig_sup_set_why(struct sup *S, size_t c, int why);
void	fig_sup_touch(struct sup *S, size_t c);
void	fig_sup_touch_all(struct sup *S);
int	fig_sup_try(struct sup *S, size_t c, long v);
int	fig_sup_try_rec(struct sup *S, size_t c, int side, long v);
/* fig_suppress_reason.c */
void	fig_sup_verify(struct sup *S, int probe);
int	fig_sup_reason(struct sup *S, int probe);
size_t	fig_sup_pinned(struct sup *S);
/* fig_suppress_choose.c */
size_t	fig_sup_choose(struct sup *S, size_t x);
void	fig_sup_primary(struct sup *S, const struct fig_set *s, long t);
size_t	fig_sup_base_cell(const struct fig_set *s, size_t r, size_t i);
void	fig_sup_base_rule(struct sup *S, const struct fig_set *s);
void	fig_sup_known(struct sup *S, const char *hide);
size_t	fig_sup_row_cheapest(struct sup *S, size_t c);
size_t	fig_sup_any_cheapest(struct sup *S, size_t c);
/* fig_suppress_complete.c */
int	fig_sup_exposed(const struct sup *S, const struct sup_ex *X, size_t c,
    long t);
long	fig_sup_exact_check(struct sup *S, struct sup_ex *X, long t);
void	fig_sup_ex_init(struct sup *S, struct sup_ex *X, long need,
    int memo);
void	fig_sup_ex_free(struct sup_ex *X);
void	fig_sup_complete(struct sup *S, const struct fig_set *s, long t,
    size_t *order, size_t *norder);
struct fig_exact_pool *fig_sup_pool_moves(const struct sup *S, size_t blk,
    const size_t *gblk);
/* fig_suppress_pool.c */
void	fig_sup_read_hidden(struct sup *S, const struct fig_set *s, size_t r);
struct fig_ledger *fig_sup_ledger_sum(const struct fig_set *s,
    struct fig_ledger **led, size_t n, size_t nb, size_t row);
void	fig_sup_ledger_free(struct fig_ledger *l);
/* fig_suppress.c */
void	fig_sup_begin(const char *what);
void	fig_sup_tick(const struct sup *S);
void	fig_sup_solve(struct sup *S, const struct fig_set *s, long t);
void	fig_sup_write(struct sup *S, const struct fig_set *s, size_t first);

#endif

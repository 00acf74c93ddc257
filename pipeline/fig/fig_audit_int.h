/*
 * fig_audit_int.h: what the files of the attacker share: its limits, the
 * unknowns and facts of a publication (struct aud_var, struct aud_fact),
 * the attack's state (struct aud), the cursor of the ledger reader
 * (struct aud_csv), and the functions one file of it calls in another.
 * The files, bottom up:
 *   fig_audit_model.c   the unknowns, their rows and blocks and names,
 *                       the facts over them, the state freed
 *   fig_audit_read.c    the ledger reader: the published CSV, strictly;
 *                       last year's release too (audit --previous)
 *   fig_audit_reason.c  the facts of a publication, bound propagation,
 *                       probing, and the reasoning printed
 *   fig_audit_exact.c   the exact attack (GLPK, fig_exact.c)
 *   fig_audit.c         the entry points, fig_audit(),
 *                       fig_audit_published() and fig_audit_years()
 * For those files only: the rest of the program sees fig.h.  Never for
 * fig_suppress.c, which the attacker is written apart from.
 */
#ifndef SCR_FIG_AUDIT_INT_H
#define SCR_FIG_AUDIT_INT_H

#include <stddef.h>
#include <stdio.h>

#include "diag.h"
#include "case.h"
#include "fig.h"

#define AUD_INF		((long)1 << 40)	/* no bound known */
#define AUD_PROBE	200		/* widest range tried value by value */
#define AUD_MAX_ROWS	1000
#define AUD_ROWS	(AUD_MAX_ROWS + 1)	/* rows of a block, London's
						 * last */
#define AUD_MAX_BLOCKS	(2 * (CASE_MAX_EARLIER + 2))	/* periods and a
						 * total, of two years */
#define AUD_PREV_POOLED	"pooled, last year's release"	/* its block */

/* What one published number is. */
enum aud_what { AUD_NUM, AUD_NR, AUD_DEN, AUD__MAX };

/* Their names in the reasoning printed (fig_audit_model.c). */
extern const char *const fig_aud_what_names[AUD__MAX];

/* An unknown (or known) number of the publication. */
struct aud_var {
	int	 row;		/* board in order of the CSV; nrows: London */
	int	 fig;
	int	 what;		/* enum aud_what */
	int	 shown;		/* printed in a ledger */
	long	 val;		/* its value when shown */
	long	 max;		/* largest value the public numbers allow */
	int	 baseline;	/* known from London and the public numbers */
	int	 banded;	/* [c], but printed as a band of per
				 * cents: blo <= value <= bhi */
	long	 blo, bhi;
	long	 lo, hi;	/* what the reader has worked out */
	int	 why_lo, why_hi; /* the fact that gave lo / hi, or -1 */
	int	 years;		/* bit y: printed by release y (0 this
				 * year's, 1 last year's) */
};

/* A fact: sum of k[i] * var[i] (== or <=) 0. */
struct aud_fact {
	int	 eq;
	int	 n;
	int	*var;
	long	*k;
	char	*text;		/* how a reader would say it */
};

/*
 * Ledgers of several periods (`figures --all-periods`) are read as
 * blocks of rows, one block a period, in the order first printed; a
 * block labelled CASE_POOLED_LABEL is the total of the others.  A row
 * number is block * AUD_ROWS + board (AUD_MAX_ROWS for London); with one
 * period, block 0 only.
 */
struct aud {
	const struct fig_set *s;
	char		**rows;		/* board names in CSV order */
	int		 nrows;
	char		*blocks[AUD_MAX_BLOCKS]; /* period labels, or NULL
					 * for a ledger of one period */
	int		 nblocks;
	int		 pool;		/* the total's block, or -1 */
	int		*id;		/* (row, fig, what) -> var, or -1 */
	struct aud_var	*v;
	int		 nv;
	struct aud_fact	*f;
	int		 nf;
	int		**uses;		/* var -> facts naming it */
	int		*nuses;
	int		*todo;		/* facts to look at again */
	int		 ntodo;
	char		*pending;
	struct { int var; long lo, hi; int wl, wh; } *undo;
	size_t		 nundo, capundo;
	const struct cohort *c;		/* the cohort, or NULL: then the
					 * ledgers need not be whole */
	int		*seen;		/* (row, fig) -> line of its row, or 0 */
	size_t		 cells;		/* board figures read */
	size_t		 hidden;	/* of them [c] */
	int		 year;		/* release being read: 0 this year's,
					 * 1 last year's (fig_aud_read_previous()) */
	int		 years[AUD_MAX_BLOCKS]; /* bit y: release y has it */
	int		 prevpool;	/* last year's total's block, or -1 */
	int		 prevread;	/* 1: last year's release read too */
};

#define AUD_MAX_FIELDS	9	/* fields of a ledger row: period, lscb, 7 */

/* A cursor over one ledger's text, so that every problem is reported at
 * its FILE:LINE:COL. */
struct aud_csv {
	const char	*file;		/* the ledger's name in messages */
	const char	*text;
	size_t		 len;
	size_t		 off;		/* where the next record starts */
	int		 line;		/* 1-based line of the record read */
	int		 next_line;	/* line of the next record */
	char		*buf;		/* the fields of the record read */
	char		*field[AUD_MAX_FIELDS + 1];
	size_t		 at[AUD_MAX_FIELDS + 1]; /* offset of each field */
	int		 n;		/* fields of the record read */
	int		 nerrors;
	int		 empty_ok;	/* a header alone is a whole ledger */
	struct diag	*d;
};

/* fig_audit_model.c */
int	fig_aud_var(struct aud *A, int row, int fig, int what);
int	fig_aud_london(int row);
int	fig_aud_total(const struct aud *A, int blk);
const char *fig_aud_row_name(const struct aud *A, int row, char *buf,
    size_t size);
void	fig_aud_name(FILE *out, const struct aud *A, int var);
void	fig_aud_published(FILE *out, const struct aud *A,
    const struct aud_var *y);
void	fig_aud_fact(struct aud *A, int eq, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void	fig_aud_term(struct aud *A, int var, long k);
void	fig_aud_free(struct aud *A);
/* fig_audit_read.c */
void	fig_aud_csv_init(struct aud_csv *C, const char *file, const char *text,
    size_t len, struct diag *d);
int	fig_aud_read(struct aud *A, struct aud_csv *B, struct aud_csv *R,
    long *cases, long *children);
int	fig_aud_read_previous(struct aud *A, struct aud_csv *P,
    const struct fig_ledger_text *pboards,
    const struct fig_ledger_text *pregion, struct diag *d,
    struct fig_audit_read *rd, struct fig_audit_read *prd, long *cases,
    long *children);
/* fig_audit_reason.c */
void	fig_aud_facts(struct aud *A, const long *cases, const long *children);
int	fig_aud_reason(struct aud *A, int baseline);
void	fig_aud_explain(FILE *out, const struct aud *A, int var, int depth,
    char *said);
/* fig_audit_exact.c */
long	fig_aud_exact(struct aud *A, const char *label, long before, FILE *out);

#endif

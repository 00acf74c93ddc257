/*
 * fill_int.h: what the files of the fill stage share (doc_fill.c and its
 * passes fill_*.c): the fill context and the functions one pass calls in
 * another.  Private to the fill stage: nothing outside it includes this.
 */
#ifndef SCR_FILL_INT_H
#define SCR_FILL_INT_H

#include <stddef.h>

#include "doc.h"
#include "fill.h"
#include "doc_msg.h"

struct cohort;
struct diag;
struct fig_ledger;
struct fig_value;
struct grid;

/* The fields {report:NAME} can print. */
enum fill_field {
	FIELD_TITLE,
	FIELD_REGION,
	FIELD_ORGANISATION,
	FIELD_LSCB,		/* the board, or the region in the regional paper */
	FIELD_PERIOD,		/* "April 2006 – September 2009" */
	FIELD_PERIOD_FROM,	/* "April 2006" */
	FIELD_PERIOD_TO,	/* "September 2009" */
	FIELD_CREATED,		/* "30 November 2009" */
	FIELD_AUTHORS,		/* "A, B and C" */
	FIELD_THRESHOLD,	/* the disclosure threshold in words: "five" */
	FIELD_MIN_BASE,		/* comparison: min_base, in digits */
	FIELD__MAX
};

/* What @chart draws: series (colours: two, then hatched) and categories
 * (bars that fit on one page). */
#define FILL_CHART_SERIES	3

struct fill {
	struct doc		*doc;
	const struct doc_env	*env;
	struct diag		*d;
	int			 errors;
	/* A board's public paper (fill_collapse()): */
	int			 board_figures;	/* tables keeping a board
						   column */
	int			 c_shown;	/* a board [c] still printed */
	int			 banded;	/* a board band printed */
	/* disclosure: pool (fill_pool()): */
	const struct fig_ledger *const *override; /* while set, a reference
						   of the current period
						   reads these ledgers */
	struct doc_node		**pooled;	/* tables showing the totals
						   over every period */
	size_t			 npooled;
	struct doc_node		**collapsed;	/* board tables (not by
						   period) fill_collapse()
						   left with the region's
						   figures alone */
	size_t			 ncollapsed;
};

/* fill_ref.c */
void	fill_err(struct fill *f, const struct doc_node *n, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
char *fill_month(int date);
void	fill_unknown(struct fill *f, const struct doc_node *n, const char *what,
    const char *name, const char *const *names, size_t nnames,
    const char *where);
int	fill_style(struct fill *f, const struct doc_node *n, const char *word,
    int col);
void	fill_num_set(struct doc_num *num, enum doc_num_kind kind, double value);
void	fill_figref(struct fill *f, struct doc_node *n);
void	fill_natref(struct fill *f, struct doc_node *n);
void	fill_field(struct fill *f, struct doc_node *n);
int	fill_test_min_base(const struct fill *f, const struct doc_test *t);
void	fill_test_names(struct fill *f, struct doc_node *n);
void	fill_bounds(const struct fig_value *v, long *lo, long *hi);
int	fill_compare(enum doc_test_op op, long a0, long a1, long c0, long c1);
int	fill_cond_holds(const struct fill *, const struct doc_node *);
/* fill_period.c */
size_t	fill_nperiods(const struct fill *);
char *fill_period_label(const struct fill *f, size_t i);
const struct fig_ledger *fill_period_ledger(const struct fill *f,
		    enum doc_ledger ledger, size_t i);
long	fill_period_cases(const struct fill *);
int	fill_period_find(const struct fill *f, struct doc_period *p);
long	fill_period_months(const struct fill *f, size_t i);
long	fill_rate(long x, long months);
const struct fig_ledger *fill_figref_ledger(struct fill *,
		    struct doc_node *);
void	fill_change(struct fill *, struct doc_node *);
int	fill_period_field(struct fill *, struct doc_node *);
void	fill_period_test_names(struct fill *, struct doc_node *);
int	fill_test_periods(const struct doc_test *);
int	fill_period_test_holds(const struct fill *,
		    const struct doc_test *);
int	fill_period_cond(const struct fill *,
		    const struct doc_node *);
struct doc_node *fill_text_cell(const struct doc_node *at, int header,
		    const char *text);
void	fill_period_tables(struct fill *f);
/* fill_trend.c */
void	fill_trend_names(struct fill *f, struct doc_node *n);
void	fill_trend(struct fill *f, struct doc_node *n);
/* fill_number.c */
void	fill_prune(struct fill *f, struct doc_node *parent);
void	fill_number(struct fill *f);
void	fill_check_xrefs(struct fill *f, struct doc_node *root);
void	fill_captions(struct fill *f, struct doc_node *root);
void	fill_capitalise(struct doc_node *b);
void	fill_meta(struct fill *f);
/* fill_chart.c */
void	fill_chart_check(struct fill *f, const struct doc_node *n);
struct doc_node *fill_cell_only(const struct doc_node *cell);
void	fill_align(struct doc_node *table);
void	fill_chart(struct doc_node *n, const long *months);
long *fill_chart_months(struct fill *f, struct doc_node *n);
void	fill_not_recorded(struct fill *f);
/* fill_boards.c */
int	fill_boards(struct fill *f, struct doc_node *n);
/* fill_collapse.c */
int	fill_collapses(const struct report *r, long hidden, long ncells);
void	fill_marking(struct doc *doc);
int	fill_pool(struct fill *f, struct doc_node *table, const char *cols,
    int ncells, int hidden);
void	fill_collapse(struct fill *f);

#endif

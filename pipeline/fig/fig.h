/*
 * fig.h: figure definitions and the figure ledger, the second stage.
 * Definitions (templates/figures.yaml) say, as data, what each named
 * figure counts; fig_aggregate() runs them over a cohort selection and
 * returns the ledger: every figure with numerator, denominator, percent,
 * printed text and whether disclosure control suppressed it.
 * For the figure loader, the aggregator, the template filler and the
 * commands (cli_*.c).
 */
#ifndef SCR_FIG_H
#define SCR_FIG_H

#include <stddef.h>
#include <stdio.h>

struct cohort;
struct report;
struct scr_case;
struct diag;

enum fig_unit {
	FIG_COUNT,	/* a plain count of cases (or children); no base */
	FIG_CASES,	/* per cent of the cases selected */
	FIG_CHILDREN,	/* per cent of the children selected */
	FIG_DEATHS,	/* per cent of the children who died */
	FIG_UNIT__MAX
};

/* How a figure's value is written in text. */
enum fig_style {
	FIG_STYLE_PERCENT,	/* "62%" */
	FIG_STYLE_DIGITS,	/* "4" */
	FIG_STYLE_WORDS,	/* "four" */
	FIG_STYLE_APPROX,	/* "about half", "almost a quarter", "a small number" */
	FIG_STYLE__MAX
};

extern const char *const fig_unit_names[FIG_UNIT__MAX];	/* "count", ... */
extern const char *const fig_style_names[FIG_STYLE__MAX];	/* "percent", ... */

/* Why a value is shown as [c] (docs/disclosure.md). */
enum fig_why {
	FIG_SHOWN,		/* not suppressed */
	FIG_WHY_PRIMARY,	/* its own number is 1..threshold */
	FIG_WHY_SMALL_BASE,	/* it counts among threshold or fewer */
	FIG_WHY_COMPLEMENTARY,	/* hidden to protect another cell */
	FIG_WHY_BASE_HIDDEN,	/* a share whose base is hidden */
	FIG_WHY__MAX
};

/* Opaque: the loaded figure definitions. */
struct fig_set;

/* What to aggregate over. */
struct fig_selection {
	int	lscb;		/* board index into report.lscbs, or -1 for the region */
	int	suppress;	/* 1 to apply disclosure control */
	int	period_back;	/* which period (report.periods): 0 the
				 * current one, so that a zeroed selection
				 * counts as before; k the k-th before it
				 * (index nperiods - 1 - k); out of range:
				 * the current one */
};

struct fig_value {
	const char	*name;		/* stable figure name, e.g. "boys" */
	enum fig_unit	 unit;
	enum fig_style	 style;		/* default style from the definition */
	long		 num;		/* numerator */
	long		 den;		/* denominator; 0 for FIG_COUNT */
	int		 percent;	/* rounded half up; -1 for FIG_COUNT or den 0 */
	long		 not_recorded;	/* units in the base with a code marked not recorded */
	int		 suppressed;	/* 1 if disclosure control hides it */
	int		 why;		/* enum fig_why */
	char		*text;		/* as the paper prints it: "62%", "[c]" */
	/* Added by the figures stage: */
	const char	*group;		/* table the figure belongs to ("ages"),
					 * or NULL; "[c]" is explained per group */
	int		 den_hidden;	/* 1 if den must not be printed either
					 * (suppressed with a base that is not
					 * already public, e.g. deaths) */
	int		 nr_hidden;	/* 1 if not_recorded must not be printed
					 * (suppressed, or itself 1..threshold) */
	long		 lo;		/* suppressed: what a reader can tell of
					 * num from everything published,
					 * lo <= num <= hi */
	long		 hi;
	/* Added by fig_band.c (report.yaml disclosure: bands): */
	int		 banded;	/* suppressed, but printed as a band:
					 * band_lo <= percent <= band_hi */
	int		 band_lo;
	int		 band_hi;
};

/*
 * A suppressed value keeps num, den and percent in memory (tests read
 * them), but nothing may print them: print through fig_format() or
 * v->text, which give "[c]", and leave den out when den_hidden is set.
 */

struct fig_ledger {
	struct fig_value *values;	/* in definition order */
	size_t		 nvalues;
	int		 lscb;		/* as selected; -1 for the region */
	int		 suppressed_any; /* 1 if any value shows [c] */
	long		 cases;		/* cases in the period and selection */
	long		 children;	/* their children */
	long		 deaths;	/* their children who died */
	long		 out_of_period;	/* selected cases in no period of the
					 * report (left out of every figure) */
};

/* Loads and validates figure definitions from path against the cohort's
 * codebook; every problem is reported to d.  Returns a new set (free with
 * fig_set_free()) or NULL if the file is invalid. */
struct fig_set	*fig_load(const char *path, const struct cohort *c,
		    struct diag *d);
/* Checks that every relation of s holds for every board and the region
 * of c; a relation that does not would mislead readers and disclosure
 * control alike.  Reports each one that fails to d at its line in the
 * figures file.  Returns 1 if all hold, 0 otherwise. */
int		 fig_check_data(const struct fig_set *s, const struct cohort *c,
		    struct diag *d);
/* The same from a buffer (tests, fuzzing); file names it in messages. */
struct fig_set	*fig_load_buf(const char *file, const char *data, size_t len,
		    const struct cohort *c, struct diag *d);
void		 fig_set_free(struct fig_set *s);

/* Computes every figure of s over the selection in one pass.  Pure: no
 * I/O.  Returns a new ledger; free with fig_ledger_free(). */
struct fig_ledger *fig_aggregate(const struct fig_set *s,
		    const struct cohort *c, const struct fig_selection *sel);
void		 fig_ledger_free(struct fig_ledger *l);

/*
 * Every board's ledger (index = board in report.lscbs), with disclosure
 * control within each board and across the boards: a board's hidden cell
 * may not be worked back from the region's figure (printed beside it, and
 * published) less the other boards' shown figures, so further cells are
 * suppressed until none can.  Returns a new array of c->report.nlscbs
 * ledgers; free with fig_boards_free().
 */
struct fig_ledger **fig_aggregate_boards(const struct fig_set *s,
		    const struct cohort *c);
void		 fig_boards_free(struct fig_ledger **ls, size_t n);

/* The ledger a paper for board lscb (or -1, the region) prints: for a
 * board, one of fig_aggregate_boards(); for the region, suppressed only
 * when report.yaml asks.  Free with fig_ledger_free(). */
struct fig_ledger *fig_aggregate_paper(const struct fig_set *s,
		    const struct cohort *c, int lscb);

/*
 * Periods (report.yaml `earlier:`).  A case counts in the period its
 * `completed` date falls in (report_period_of()).  Each period's ledgers
 * are computed, and suppressed, exactly as if it were the report's only
 * (current) period: the same case files give the same cells whatever
 * periods are declared beside it, so a board paper showing earlier
 * periods shows, for each, what that year's own paper showed
 * (docs/disclosure.md).  A change between two periods ("up 2 points")
 * may be printed only when both values are shown (neither suppressed):
 * it then says nothing that the two shown cells do not.
 *
 * fig_aggregate_boards_period() and fig_aggregate_paper_period() are
 * fig_aggregate_boards() and fig_aggregate_paper() for period (index
 * into report.periods; the current one is report_nperiods() - 1, and an
 * index out of range means it).  Free as those.
 */
struct fig_ledger **fig_aggregate_boards_period(const struct fig_set *s,
		    const struct cohort *c, size_t period);
struct fig_ledger *fig_aggregate_paper_period(const struct fig_set *s,
		    const struct cohort *c, int lscb, size_t period);

/*
 * Every period's ledgers at once and, when pooled is 1, their total (the
 * pooled column: every cell summed over the periods, per board and for
 * London), which is suppressed jointly with the periods beside it
 * (fig_suppress_pooled() in fig_impl.h; docs/disclosure.md): no hidden
 * cell of a period or of the total follows from the relation total = the
 * sum of the periods, cell by cell, a period's band read as the
 * interval it gives.  The periods' own ledgers are the same whether
 * pooled or not.  `figures --pooled` and `audit --pooled` print and
 * attack the total; report.yaml's disclosure: pool shows it in the
 * board papers' tables that would collapse.
 * Returns a new set; free with fig_periods_free().
 */
struct fig_periods {
	size_t		    nperiods;	/* report_nperiods() */
	size_t		    nlscbs;
	struct fig_ledger ***boards;	/* [period][board], as
					 * fig_aggregate_boards_period() */
	struct fig_ledger **region;	/* [period]: London's, as its paper
					 * prints it */
	struct fig_ledger **pooled;	/* [board]: the total over the
					 * periods, or NULL (not asked) */
	struct fig_ledger  *pooled_region; /* London's total, or NULL */
};

struct fig_periods *fig_aggregate_periods(const struct fig_set *s,
		    const struct cohort *c, int pooled);
/* The region's total over every period when regional suppression is off
 * (report.suppress_regional 0): what fig_aggregate_periods() gives as
 * pooled_region then, counted without the boards' joint solve, which
 * does not touch it.  Free with fig_ledger_free(). */
struct fig_ledger *fig_aggregate_pooled_region(const struct fig_set *s,
		    const struct cohort *c);
void		 fig_periods_free(struct fig_periods *ps);

/* Returns 1 if case k was completed inside r's current period (a bound
 * of 0 is open): the one rule for what counts in a figure of the current
 * period; report_period_of() says which period a case counts in. */
int		 fig_in_period(const struct report *r, const struct scr_case *k);

/* Returns the value named name, or NULL. */
const struct fig_value *fig_ledger_find(const struct fig_ledger *l,
		    const char *name);

/*
 * fig_format.c, a leaf: how one figure is written.  fig_suppressed_mark
 * is what every style prints for a suppressed value ("[c]"), and
 * fig_suppressed_note the sentence that explains it.
 */
extern const char fig_suppressed_mark[];
extern const char fig_suppressed_note[];

/* What fig_format() writes for a value in a style. */
enum fig_form {
	FIG_FORM_SUPPRESSED,	/* "[c]" */
	FIG_FORM_NO_BASE,	/* "n/a": a share of an empty base */
	FIG_FORM_PERCENT,	/* "62%": the value's percent */
	FIG_FORM_NUMBER,	/* "4": the value's numerator in digits */
	FIG_FORM_WORDS,		/* "four", "about half": words */
	FIG_FORM__MAX
};

/* Returns 1 if v is a share of an empty base that is public (den 0, not
 * den_hidden): written "n/a" in every paper, suppressed or not. */
int		 fig_no_base(const struct fig_value *v);
/* As fig_form() and fig_format(), as a paper prints v: "n/a" for a share
 * of a public empty base (fig_no_base()), suppressed or not.
 * fig_paper_format() returns a new string; free with free(). */
enum fig_form	 fig_paper_form(const struct fig_value *v,
		    enum fig_style style);
char		*fig_paper_format(const struct fig_value *v,
		    enum fig_style style);
/* Returns what fig_format(v, style) writes. */
enum fig_form	 fig_form(const struct fig_value *v, enum fig_style style);

/* Writes v in style; "[c]" when suppressed, in every style.  A count in
 * percent style writes its digits; a share of an empty base writes "n/a".
 * The wording tables are in docs/figures.md.  Returns a new string; free
 * with free(). */
char		*fig_format(const struct fig_value *v, enum fig_style style);

/* A band of whole per cents lo..hi as every release prints it (a banded
 * share, docs/disclosure.md): "25–49%", "0–24%".  Returns a new string;
 * free with free(). */
char		*fig_band_text(int lo, int hi);

/* Returns the style named s ("percent", "digits", "words", "approx"), or -1. */
int		 fig_style_find(const char *s);

/* Number of figures in s, and the name of figure i (in file order), so
 * that the template can check its references and suggest spellings. */
size_t		 fig_set_size(const struct fig_set *s);
const char	*fig_set_name(const struct fig_set *s, size_t i);

/* The human label of figure i (`label:` in the figures file, used by the
 * open data set), or NULL when the file gives none; and the line of its
 * entry in the file (0 when i is out of range), its column in *col. */
const char	*fig_set_label(const struct fig_set *s, size_t i);
int		 fig_set_pos(const struct fig_set *s, size_t i, int *col);

/* Returns the unit named s ("count", "cases", ...), or -1. */
int		 fig_unit_find(const char *s);

/* Returns num/den as a whole percent rounded half up (27.5 -> 28), in
 * integer arithmetic; -1 when den <= 0. */
int		 fig_percent(long num, long den);

/* The APPROX wording (docs/figures.md has the table): for a share num of
 * den, e.g. "about half", "almost a quarter"; for a count n, e.g. "a
 * small number".  Returns a static string. */
const char	*fig_approx_share(long num, long den);
const char	*fig_approx_count(long n);

/* The word for n ("none", "one", ... "twenty"), the one list of number
 * words: a static string, or NULL when n is not 0 to 20. */
const char	*fig_number_word(long n);

/*
 * Returns 1 when a spreadsheet would evaluate the CSV cell s as a
 * formula (OWASP, "CSV Injection"): it starts with =, +, -, @, a tab or
 * a carriage return -- after any single quotes, so that the quote a
 * writer adds reads back unambiguously -- and is not a plain number
 * ("-3", "+2.5", "-4%", which stay numbers).  Every CSV writer prefixes
 * such a cell with ' and quotes it; the attacker's ledger reader
 * (fig_audit_read.c) takes the one quote off again.
 */
int		 fig_csv_formula(const char *s);

/*
 * fig_print.c: prints the ledger, with the national comparators, as CSV
 * or JSON; the format is in docs/figures.md.  Never prints a case id or
 * notes; a suppressed figure prints "[c]" and no numerator or percent.
 */
void		 fig_print_csv(FILE *f, const struct fig_ledger *l,
		    const struct cohort *c);
/* Prints several board ledgers as one CSV whose first column, lscb,
 * names the board (no national block): output/lscb/figures.csv. */
void		 fig_print_csv_boards(FILE *f, struct fig_ledger *const *ls,
		    size_t n, const struct cohort *c);
void		 fig_print_json(FILE *f, const struct fig_ledger *l,
		    const struct cohort *c);
/* Prints ledgers ls[0..n) as one CSV led by a period column, periods[i]
 * labelling ls[i], then (when boards is 1) an lscb column naming its
 * board; no national block: `figures --all-periods`. */
void		 fig_print_csv_periods(FILE *f,
		    const struct fig_ledger *const *ls,
		    const char *const *periods, size_t n, int boards,
		    const struct cohort *c);
/* fig_print_json() with a first key "period" (period NULL: none). */
void		 fig_print_json_period(FILE *f, const struct fig_ledger *l,
		    const struct cohort *c, const char *period);

/*
 * The attacker (fig_audit.c): given exactly what is published -- the
 * boards' ledgers as `figures --all-lscbs` prints them (boards_csv) and
 * London's as `figures` does (region_csv) -- and the relations of s,
 * works back every [c] it can.  Prints each recovered cell, led by
 * label, with its chain of reasoning to out.  Returns the number of
 * cells recovered, or -1 when the ledgers cannot be read or contradict
 * the relations (a message says which).
 */
long		 fig_audit(const struct fig_set *s, const char *boards_csv,
		    const char *region_csv, const char *label, FILE *out);
/* The threshold t of the exact attack's protection rule (report.yaml's
 * disclosure threshold; 5 unless set): a [c] whose interval meets 1..t
 * must keep values t apart (docs/disclosure.md). */
extern long	 fig_audit_threshold;
/* The region's name in what the attacker prints (report.yaml's region:,
 * set by the command line; "the region" until set): its rows, its
 * ledger, "by London's figures alone". */
extern const char *fig_audit_region;

/* A ledger's text, as read from a file. */
struct fig_ledger_text {
	const char	*file;		/* its name in messages */
	const char	*text;
	size_t		 len;		/* bytes of text (it may hold NULs) */
};

/* What fig_audit_published() read. */
struct fig_audit_read {
	size_t		 boards;	/* boards of the boards' ledger */
	size_t		 periods;	/* periods (the total not counted) */
	int		 pooled;	/* 1: and a total over the periods */
	size_t		 cells;		/* board figures, every period's */
	size_t		 hidden;	/* of them [c] */
};

/*
 * fig_audit() on ledgers read from files, strictly: an empty ledger,
 * a byte that is not UTF-8 text, a wrong header, a short or long row, a
 * field that is not what its column holds, an unknown figure, a row
 * given twice, or (c not NULL) a board not in c's report.yaml or a row
 * of a board or of London missing is an error at FILE:LINE:COL in d.
 * What was read goes to *rd (rd may be NULL).  Returns the number of
 * cells recovered, or -1 after messages in d.
 */
long		 fig_audit_published(const struct fig_set *s,
		    const struct cohort *c,
		    const struct fig_ledger_text *boards,
		    const struct fig_ledger_text *region, struct diag *d,
		    struct fig_audit_read *rd, const char *label, FILE *out);
/*
 * fig_audit_published() over this year's release (boards, region) and
 * last year's (pboards, pregion: --all-periods ledgers, made from last
 * year's input folder; not checked to be whole): a period of the same
 * label is the same cells in both, each year's total (CASE_POOLED_LABEL)
 * the sum of its own year's periods (docs/disclosure.md, "Last year's
 * release").  What last year's release holds goes to *prd (may be NULL).
 */
long		 fig_audit_years(const struct fig_set *s,
		    const struct cohort *c,
		    const struct fig_ledger_text *boards,
		    const struct fig_ledger_text *region,
		    const struct fig_ledger_text *pboards,
		    const struct fig_ledger_text *pregion, struct diag *d,
		    struct fig_audit_read *rd, struct fig_audit_read *prd,
		    const char *label, FILE *out);

#endif

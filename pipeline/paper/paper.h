/*
 * paper.h: the orchestrator (paper.c), like lowdown's library.c.  It
 * parses the template once, owns every figure ledger a paper reads (the
 * region's and every board's, each made once, on first use) and builds
 * one filled document per paper; the only module that knows which ledgers
 * exist.  `scrpaper check` goes through it too, never through a back end.
 * For the commands (cli_*.c) and the tests; the back ends (render.h)
 * take the documents it builds.
 */
#ifndef SCR_PAPER_H
#define SCR_PAPER_H

struct cohort;
struct diag;
struct doc;
struct fig_ledger;
struct fig_set;
struct grid;

/* Opaque: the template and the ledgers of one run. */
struct paper;

/* Returns a new orchestrator over a loaded cohort and figure set, which
 * must outlive it; free with paper_free(). */
struct paper	*paper_new(const struct cohort *c, const struct fig_set *s);
/* Frees p, its template and its ledgers; accepts NULL. */
void		 paper_free(struct paper *p);

/* Parses the template at path, once for every paper to come.  Returns 0,
 * 1 when the template is invalid, 3 when it cannot be read (diagnostics
 * reported to d). */
int		 paper_template(struct paper *p, const char *path,
		    struct diag *d);

/* The ledger the paper of board lscb prints (-1: the regional paper's,
 * suppressed only when report.yaml asks), made on first use; owned by
 * p. */
const struct fig_ledger *paper_ledger(struct paper *p, int lscb);
/* Every board's ledger, indexed as report.lscbs, suppressed within each
 * board and across the boards; owned by p. */
struct fig_ledger *const *paper_boards(struct paper *p);

/* Every board's public cells, indexed as report.lscbs: ledgers of no
 * figure (nvalues 0) but their lscb, cases and children, equal to
 * paper_boards()'s, made without solving the boards' suppression; what
 * the regional paper's "@boards" reads.  Owned by p. */
struct fig_ledger *const *paper_public_boards(struct paper *p);

/*
 * The same for one period: period is an index into report.periods, in
 * chronological order, the current one last (report_nperiods() - 1, whose
 * ledgers are paper_ledger()'s and paper_boards()'s); an index out of
 * range means the current one.  Each period is suppressed as its own
 * paper would be if it were the current period (fig.h), so a change
 * between periods may be printed only when both values are shown.  Made
 * on first use; owned by p.
 */
const struct fig_ledger *paper_ledger_period(struct paper *p, int lscb,
		    size_t period);
struct fig_ledger *const *paper_boards_period(struct paper *p,
		    size_t period);

/* The total over every period (the pooled column) of board lscb (-1:
 * London's), suppressed jointly with the periods it sums, their bands
 * included (fig_aggregate_periods()); made on first use, owned by p.
 * `figures --pooled` prints it, and with report.yaml's disclosure: pool
 * a board's public paper shows it in the tables that would collapse
 * (fill.h, doc_env.pooled). */
const struct fig_ledger *paper_ledger_pooled(struct paper *p, int lscb);

/* Chooses the edition the boards' papers built from now on are: 0 the
 * public one (the default), 1 the restricted one, for the board's own
 * use: its own figures unsuppressed (London's and the national study's
 * as in the public edition), the paper marked OFFICIAL-SENSITIVE
 * (doc_meta.restricted).  The regional paper has no restricted edition:
 * paper_build() of lscb -1 is public either way. */
void		 paper_set_restricted(struct paper *p, int restricted);

/* Gives the papers the region's tile-map grid (grid.h; NULL: none, the
 * "@boards" table stands alone), which must outlive p. */
void		 paper_set_grid(struct paper *p, const struct grid *g);

/* Fills a copy of the template for board lscb (-1: the regional paper)
 * into *docp (free with doc_free()).  Returns 0, or 1 when the template
 * does not fill (diagnostics reported to d, *docp NULL).  Needs
 * paper_template() first. */
int		 paper_build(struct paper *p, int lscb, struct doc **docp,
		    struct diag *d);

/* Fills the paper of board lscb, and when lscb is -1 the regional paper
 * and every board's (a template error may sit in a block only one kind
 * of paper shows), all of them whatever fails; writes nothing.  A
 * message several papers give is reported once; one the regional paper
 * does not give ends "(in the paper of BOARD)", or "(in the paper of
 * BOARD and of N other boards)".  Returns 0 or 1 (diagnostics reported
 * to d). */
int		 paper_check(struct paper *p, int lscb, struct diag *d);

/* The prose lint of the template at path (tmpl_lint_file(): numerals and
 * quantity words typed as text, as warnings, errors when strict).
 * Returns the number of findings, or -1 (diagnostics reported to d). */
int		 paper_lint(const char *path, struct diag *d, int strict);

#endif

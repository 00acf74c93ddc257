/*
 * fill.h: the fill stage (doc_fill.c and its passes fill_*.c), the only
 * module that sees both the data (the cohort and the figure ledgers) and
 * the document.  It resolves
 * every reference of a parsed template, keeps or drops the conditional
 * blocks, numbers items and footnotes, and sets the typed payloads the
 * back ends read: numbers in table cells, chart series.
 * For paper.c and the tests; not for the back ends.
 */
#ifndef SCR_FILL_H
#define SCR_FILL_H

#include "doc.h"

struct cohort;
struct diag;
struct fig_ledger;
struct grid;

/* What a paper is filled from.  The ledgers are indexed by enum
 * doc_ledger, the ledger a DOC_FIGREF reads; every one must be set. */
struct doc_env {
	const struct cohort	*cohort;
	const struct fig_ledger	*ledgers[DOC_LEDGER__MAX];
	int			 lscb;	 /* board index, -1 for the region */
	int			 restricted; /* 1: the board's restricted
					      edition (doc_meta) */
	struct fig_ledger *const *boards; /* every board's (public), as
					      report.lscbs: "@boards"; NULL
					      leaves "@boards" out */
	const struct grid	*grid;	 /* the tile map's, or NULL */
	/* The periods (report.yaml's period and its "earlier:" ones),
	 * oldest first, the current one last: their labels and every
	 * period's ledger of each kind, periods[ledger][i], the last the
	 * same as ledgers[ledger].  nperiods 0: the current period only,
	 * read from ledgers[], labelled by its years ("2006-09"). */
	size_t			 nperiods;
	const char *const	*period_labels;
	const struct fig_ledger *const *periods[DOC_LEDGER__MAX];
	const struct fig_set	*figs;	 /* the figures' labels ("@trend"
					    table's header), or NULL */
	/* A board's public paper with report.yaml's disclosure: pool:
	 * the total over every period of each kind (the board's and the
	 * region's), suppressed jointly with every period
	 * (paper_ledger_pooled()), which a board table whose current
	 * figures collapse shows instead when it shows more
	 * (docs/disclosure.md, "Pooled periods"); NULL: no pooling. */
	const struct fig_ledger	*pooled[DOC_LEDGER__MAX];
};

/*
 * Resolves every reference in doc against env (figures, report fields,
 * national comparators), reporting unknown names with a suggestion; then
 * drops the conditional blocks that do not apply, numbers the numbered
 * items and the footnotes, types and aligns the numeric table cells,
 * reads each chart's series from its table and fills doc->meta.  Returns
 * 1 on success, 0 on error (diagnostics reported to d); the tree is not
 * fit to render after 0.
 */
int		 doc_fill(struct doc *doc, const struct doc_env *env,
		    struct diag *d);

#endif

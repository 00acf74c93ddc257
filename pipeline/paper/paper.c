/*
 * paper.c: the orchestrator of scrpaper.  Between the loaded data and the
 * back ends: parses the template once, makes every figure ledger a paper
 * reads once (the regional paper's, which is also the region column of
 * every board's, and all the boards', which depend on each other through
 * suppression across boards; the regional paper reads only their public
 * cells, which need no solve), and fills a copy of the template per paper.
 * A new kind of ledger (another period, say) is added here and in
 * enum doc_ledger, nowhere else.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "diag.h"
#include "case.h"
#include "fig.h"
#include "doc.h"
#include "tmpl.h"
#include "fill.h"
#include "paper.h"

struct paper {
	const struct cohort	*cohort;
	const struct fig_set	*figs;
	struct doc		*tmpl;	 /* the parsed, unfilled template */
	struct fig_ledger	*region; /* the regional paper's ledger */
	struct fig_ledger	**boards; /* every board's, or NULL until
					     first used */
	struct fig_ledger	**own;	 /* every board's unsuppressed, for
					    the restricted edition, made
					    one by one on first use */
	struct fig_ledger	**pub;	 /* every board's public cells only,
					    for the regional paper's
					    "@boards", or NULL until first
					    used */
	struct fig_ledger	**pregion; /* earlier periods' regional
					      ledgers, by period index, each
					      made on first use */
	struct fig_ledger	***pboards; /* earlier periods' boards */
	struct fig_periods	*pooled; /* every period with their total,
					    made on first use */
	struct fig_ledger	*pooled_region; /* the region's total alone,
					    when it is not suppressed and
					    no board's was asked first */
	int			 restricted; /* paper_set_restricted() */
	const struct grid	*grid;	 /* paper_set_grid() */
};

struct paper *
paper_new(const struct cohort *c, const struct fig_set *s)
{
	struct paper	*p;

	p = xcalloc(1, sizeof(*p));
	p->cohort = c;
	p->figs = s;
	return p;
}

/* Frees the earlier periods' ledgers. */
static void
paper_free_periods(struct paper *p)
{
	size_t i, n = report_nperiods(&p->cohort->report);

	for (i = 0; i + 1 < n; i++) {
		if (p->pregion != NULL)
			fig_ledger_free(p->pregion[i]);
		if (p->pboards != NULL)
			fig_boards_free(p->pboards[i],
			    p->cohort->report.nlscbs);
	}
	free(p->pregion);
	free(p->pboards);
}

void
paper_free(struct paper *p)
{
	if (p == NULL)
		return;
	doc_free(p->tmpl);
	fig_ledger_free(p->region);
	fig_boards_free(p->boards, p->cohort->report.nlscbs);
	fig_boards_free(p->own, p->cohort->report.nlscbs);
	fig_boards_free(p->pub, p->cohort->report.nlscbs);
	paper_free_periods(p);
	fig_periods_free(p->pooled);
	fig_ledger_free(p->pooled_region);
	free(p);
}

int
paper_template(struct paper *p, const char *path, struct diag *d)
{
	int	 syserr;

	doc_free(p->tmpl);
	if ((p->tmpl = tmpl_parse_file(path, d, &syserr)) == NULL)
		return syserr ? EXIT_SYSERR : 1;
	return 0;
}

struct fig_ledger *const *
paper_boards(struct paper *p)
{
	if (p->boards == NULL)
		p->boards = fig_aggregate_boards(p->figs, p->cohort);
	return p->boards;
}

const struct fig_ledger *
paper_ledger(struct paper *p, int lscb)
{
	if (lscb >= 0 && (size_t)lscb < p->cohort->report.nlscbs)
		return paper_boards(p)[lscb];
	if (p->region == NULL)
		p->region = fig_aggregate_paper(p->figs, p->cohort, -1);
	return p->region;
}

struct fig_ledger *const *
paper_boards_period(struct paper *p, size_t period)
{
	size_t n = report_nperiods(&p->cohort->report);

	if (period + 1 >= n)
		return paper_boards(p);
	if (p->pboards == NULL)
		p->pboards = xcalloc(n, sizeof(*p->pboards));
	if (p->pboards[period] == NULL)
		p->pboards[period] = fig_aggregate_boards_period(p->figs,
		    p->cohort, period);
	return p->pboards[period];
}

const struct fig_ledger *
paper_ledger_period(struct paper *p, int lscb, size_t period)
{
	size_t n = report_nperiods(&p->cohort->report);

	if (period + 1 >= n)
		return paper_ledger(p, lscb);
	if (lscb >= 0 && (size_t)lscb < p->cohort->report.nlscbs)
		return paper_boards_period(p, period)[lscb];
	if (p->pregion == NULL)
		p->pregion = xcalloc(n, sizeof(*p->pregion));
	if (p->pregion[period] == NULL)
		p->pregion[period] = fig_aggregate_paper_period(p->figs,
		    p->cohort, -1, period);
	return p->pregion[period];
}

const struct fig_ledger *
paper_ledger_pooled(struct paper *p, int lscb)
{
	/* The region's total, public: no joint solve of the boards'
	 * (issue 29: `figures --all-periods --pooled` solved them all). */
	if (p->pooled == NULL && (lscb < 0 || (size_t)lscb >=
	    p->cohort->report.nlscbs) && !p->cohort->report.suppress_regional) {
		if (p->pooled_region == NULL)
			p->pooled_region = fig_aggregate_pooled_region(p->figs,
			    p->cohort);
		return p->pooled_region;
	}
	if (p->pooled == NULL)
		p->pooled = fig_aggregate_periods(p->figs, p->cohort, 1);
	if (lscb >= 0 && (size_t)lscb < p->cohort->report.nlscbs)
		return p->pooled->pooled[lscb];
	return p->pooled->pooled_region;
}

void
paper_set_restricted(struct paper *p, int restricted)
{
	p->restricted = restricted != 0;
}

/* Board lscb's own figures, unsuppressed: what its restricted edition
 * prints.  Owned by p. */
static const struct fig_ledger *
paper_own_ledger(struct paper *p, int lscb)
{
	struct fig_selection	 sel;

	if (p->own == NULL)
		p->own = xcalloc(p->cohort->report.nlscbs, sizeof(*p->own));
	if (p->own[lscb] == NULL) {
		memset(&sel, 0, sizeof(sel));
		sel.lscb = lscb;
		sel.suppress = 0;
		p->own[lscb] = fig_aggregate(p->figs, p->cohort, &sel);
	}
	return p->own[lscb];
}

struct fig_ledger *const *
paper_public_boards(struct paper *p)
{
	struct fig_selection	 sel;
	struct fig_ledger	*all;
	size_t			 i, n = p->cohort->report.nlscbs;

	if (p->pub != NULL)
		return p->pub;
	/* Not NULL without boards either: "@boards" still prints the
	 * region's row, as with paper_boards(). */
	p->pub = xcalloc(n ? n : 1, sizeof(*p->pub));
	for (i = 0; i < n; i++) {
		memset(&sel, 0, sizeof(sel));
		sel.lscb = (int)i;
		sel.suppress = 0;
		all = fig_aggregate(p->figs, p->cohort, &sel);
		/* The public cells only: no figure, so no small number
		 * the suppression would hide is in the regional paper's
		 * reach. */
		p->pub[i] = xcalloc(1, sizeof(*p->pub[i]));
		p->pub[i]->lscb = all->lscb;
		p->pub[i]->cases = all->cases;
		p->pub[i]->children = all->children;
		fig_ledger_free(all);
	}
	return p->pub;
}

void
paper_set_grid(struct paper *p, const struct grid *g)
{
	p->grid = g;
}

/* What a paper's fill reads of the periods (issue 15), for the time of
 * one paper_build(). */
struct paper_periods {
	const char		**labels;
	const struct fig_ledger	**sel;	/* the paper's own, by period */
	const struct fig_ledger	**reg;	/* the region's */
	struct fig_ledger	**own;	/* a restricted edition's earlier
					   periods, unsuppressed, made for
					   this paper */
	size_t			 n;
};

/*
 * Gives env every period's label and ledgers, oldest first, the current
 * one last (env's own ledgers): the paper's (the board's, suppressed
 * over the periods as paper_ledger_period() says, or unsuppressed in a
 * restricted edition) and the region's.  No earlier period: env is left
 * with the current one only.
 */
static void
paper_env_periods(struct paper *p, struct doc_env *env,
    struct paper_periods *per)
{
	const struct report	*r = &p->cohort->report;
	struct fig_selection	 sel;
	size_t			 i, n = report_nperiods(r);
	int			 from, to;

	memset(per, 0, sizeof(*per));
	if (n < 2)
		return;
	per->n = n;
	per->labels = xcalloc(n, sizeof(*per->labels));
	per->sel = xcalloc(n, sizeof(*per->sel));
	per->reg = xcalloc(n, sizeof(*per->reg));
	per->own = xcalloc(n, sizeof(*per->own));
	for (i = 0; i < n; i++) {
		per->labels[i] = report_period(r, i, &from, &to);
		per->reg[i] = i + 1 == n ? env->ledgers[DOC_LEDGER_REGION] :
		    paper_ledger_period(p, -1, i);
		if (i + 1 == n)
			per->sel[i] = env->ledgers[DOC_LEDGER_SELECTION];
		else if (env->restricted) {
			memset(&sel, 0, sizeof(sel));
			sel.lscb = env->lscb;
			sel.period_back = (int)(n - 1 - i);
			per->own[i] = fig_aggregate(p->figs, p->cohort, &sel);
			per->sel[i] = per->own[i];
		} else
			per->sel[i] = paper_ledger_period(p, env->lscb, i);
	}
	env->nperiods = n;
	env->period_labels = per->labels;
	env->periods[DOC_LEDGER_SELECTION] = per->sel;
	env->periods[DOC_LEDGER_REGION] = per->reg;
}

/* Frees what paper_env_periods() made. */
static void
paper_periods_free(struct paper_periods *per, struct doc_env *env)
{
	size_t	 i;

	for (i = 0; i < per->n; i++)
		fig_ledger_free(per->own[i]);
	free(per->own);
	free(per->labels);
	free(per->sel);
	free(per->reg);
	env->nperiods = 0;
}

/* Gives a board's public paper the totals over every period when
 * report.yaml asks (disclosure: pool) and declares earlier periods. */
static void
paper_env_pooled(struct paper *p, struct doc_env *env)
{
	const struct report	*r = &p->cohort->report;

	if (!r->pool || report_nperiods(r) < 2 || env->restricted ||
	    env->lscb < 0 || (size_t)env->lscb >= r->nlscbs)
		return;
	env->pooled[DOC_LEDGER_SELECTION] = paper_ledger_pooled(p, env->lscb);
	env->pooled[DOC_LEDGER_REGION] = paper_ledger_pooled(p, -1);
}

int
paper_build(struct paper *p, int lscb, struct doc **docp, struct diag *d)
{
	struct doc_env	 env;
	struct doc	*doc;
	struct paper_periods per;
	int		 rc;

	*docp = NULL;
	memset(&env, 0, sizeof(env));
	env.cohort = p->cohort;
	env.lscb = lscb;
	env.restricted = p->restricted && lscb >= 0 &&
	    (size_t)lscb < p->cohort->report.nlscbs;
	env.ledgers[DOC_LEDGER_SELECTION] = env.restricted ?
	    paper_own_ledger(p, lscb) : paper_ledger(p, lscb);
	env.ledgers[DOC_LEDGER_REGION] = paper_ledger(p, -1);
	/* The regional paper's "@boards" prints every board's numbers of
	 * reviews and of children, public cells the suppression never
	 * changes (docs/disclosure.md): read from the unsuppressed
	 * ledgers, the regional paper does not solve the boards' joint
	 * suppression it does not print (issue 29).  A board's paper
	 * solves them for its own figures anyway. */
	env.boards = lscb < 0 || (size_t)lscb >= p->cohort->report.nlscbs ?
	    paper_public_boards(p) : paper_boards(p);
	env.grid = p->grid;
	env.figs = p->figs;
	paper_env_periods(p, &env, &per);
	paper_env_pooled(p, &env);
	doc = doc_clone(p->tmpl);
	rc = doc_fill(doc, &env, d);
	paper_periods_free(&per, &env);
	if (!rc) {
		doc_free(doc);
		return 1;
	}
	*docp = doc;
	return 0;
}

/* A message of paper_check(): the paper that first gave it (-1 the
 * regional paper) and how many papers gave it. */
struct paper_seen {
	const struct diag_item	*it;
	int			 first;
	int			 n;
};

/* Whether items a and b say the same thing at the same place. */
static int
paper_same_item(const struct diag_item *a, const struct diag_item *b)
{
	return a->line == b->line && a->col == b->col &&
	    a->level == b->level && strcmp(a->msg, b->msg) == 0 &&
	    strcmp(a->file, b->file) == 0;
}

/* Reports to d a message at the level and place of it, worded by fmt. */
static void
paper_msg(struct diag *d, const struct diag_item *it, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	diag_vmsg(d, it->level, it->file, it->line, it->col, fmt, ap);
	va_end(ap);
}

int
paper_check(struct paper *p, int lscb, struct diag *d)
{
	const struct report	*r = &p->cohort->report;
	struct diag		*local;
	struct paper_seen	*seen = NULL;
	struct doc		*doc;
	size_t			 i, k, npapers, nseen = 0;
	int			 rc = 0, who;

	/* Every paper is filled, errors or not (issue 31.14); a message
	 * several papers give is reported once, and one the regional
	 * paper does not give names the board whose paper gives it. */
	npapers = lscb < 0 ? 1 + r->nlscbs : 1;
	local = xcalloc(npapers, sizeof(*local));
	for (i = 0; i < npapers; i++) {
		who = i == 0 ? lscb : (int)i - 1;
		diag_init(&local[i], NULL);
		if (paper_build(p, who, &doc, &local[i]) != 0)
			rc = 1;
		doc_free(doc);
		for (k = 0; k < local[i].nitems; k++) {
			size_t	 j;

			for (j = 0; j < nseen && !paper_same_item(seen[j].it,
			    &local[i].items[k]); j++)
				continue;
			if (j < nseen) {
				seen[j].n++;
				continue;
			}
			seen = xreallocarray(seen, nseen + 1, sizeof(*seen));
			seen[nseen].it = &local[i].items[k];
			seen[nseen].first = who;
			seen[nseen].n = 1;
			nseen++;
		}
	}
	for (k = 0; k < nseen; k++) {
		const struct diag_item	*it = seen[k].it;

		if (seen[k].first < 0 || lscb >= 0)
			paper_msg(d, it, "%s", it->msg);
		else if (seen[k].n > 1)
			paper_msg(d, it, "%s (in the paper of %s and of %d "
			    "other board%s)", it->msg, r->lscbs[seen[k].first],
			    seen[k].n - 1, seen[k].n == 2 ? "" : "s");
		else
			paper_msg(d, it, "%s (in the paper of %s)", it->msg,
			    r->lscbs[seen[k].first]);
	}
	for (i = 0; i < npapers; i++)
		diag_clear(&local[i]);
	free(local);
	free(seen);
	return rc;
}

int
paper_lint(const char *path, struct diag *d, int strict)
{
	return tmpl_lint_file(path, d, strict);
}

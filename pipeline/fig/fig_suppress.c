/*
 * fig_suppress.c: disclosure control over the boards' ledgers and
 * London's, all at once.  Every number a ledger prints is a cell: a
 * figure's numerator, the not_recorded count of its base, the base of a
 * share narrowed by `of`.  A cell is hidden when it is small (primary),
 * when its base is (small base), or when a share's base is hidden; then,
 * while any hidden cell can be pinned to one value from what is shown,
 * through the relations of figures.yaml within a board and within
 * London, London = the sum of the boards for every cell, and the bounds
 * of every share, one more shown cell is hidden, the cheapest (smallest)
 * that takes part in the relation that gave the cell away.  A last pass
 * shows again every complementary cell the others make unnecessary.
 * "Pinned" is decided by integer bound propagation, then by trying every
 * value of each small remaining range.  What London's published figures
 * say by themselves (a board with no review is 0; a London 0 is 0 for
 * every board) is no secret of a board and is not counted as pinned.
 * For fig_eval.c only; docs/disclosure.md says what it guarantees.
 *
 * This file holds the progress word, the solve (the rules in order), the
 * ledgers written and fig_suppress(); the model, propagation, the
 * choice, the completion step, the pooled step and the reader of
 * fig_band.c are each in a file of their own (fig_suppress_int.h lists
 * them).
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util.h"
#include "case.h"
#include "fig.h"
#include "fig_impl.h"
#include "fig_suppress_int.h"

/*
 * A word on standard error when a solve runs long, so that a long make
 * does not look hung: after SUP_SAY_AFTER seconds of CPU time (not wall
 * time: a loaded machine changes nothing), or SCRPAPER_SAY_AFTER's, once
 * a solve, then once a pooled step.  A solve that is quick says nothing.
 */
static double	 sup_t0;	/* CPU time when the solve began */
int		 fig_sup_said;	/* the first word is out */
char		 fig_sup_what[160]; /* what is being solved */

static double
sup_cpu(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts) != 0)
		return 0;
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* SCRPAPER_WORK: the work counted, on standard error at exit. */
static void
sup_work_say(void)
{
	fprintf(stderr, "scrpaper: work: %llu reasonings, %llu cells, "
	    "%llu terms, %llu probes, %llu exact solves (%llu simplex, %llu "
	    "branch-and-bound, %llu simplex iterations, %llu local, %llu "
	    "carried)\n", fig_work.reasons, fig_work.cells, fig_work.terms,
	    fig_work.probes, fig_work.exact, fig_work.lps, fig_work.mips,
	    fig_work.iters, fig_work.locals, fig_work.carried);
}

void
fig_sup_begin(const char *what)
{
	static int registered;
	const char *e = getenv("SCRPAPER_WORK");

	if (!registered && e != NULL && *e != '\0') {
		registered = 1;
		atexit(sup_work_say);
	}
	snprintf(fig_sup_what, sizeof(fig_sup_what), "%s", what);
	sup_t0 = sup_cpu();
	fig_sup_said = 0;
}

/* Says what is being solved once the solve has run long. */
void
fig_sup_tick(const struct sup *S)
{
	const char *e = getenv("SCRPAPER_SAY_AFTER");
	double after = SUP_SAY_AFTER, t;

	if (fig_sup_said || fig_sup_what[0] == '\0')
		return;
	if (e != NULL && *e != '\0')
		after = strtod(e, NULL);
	if ((t = sup_cpu() - sup_t0) < after)
		return;
	fig_sup_said = 1;
	fprintf(stderr, "scrpaper: suppressing small numbers, %s: %zu cells, "
	    "%zu relations; %.0f s so far, still working\n", fig_sup_what,
	    S->ncells, S->ncons, t);
}

/*
 * The rules over the cells that are not frozen: the primary ones, then
 * complementary cells, cheapest first, while any hidden cell can be
 * pinned; then every complementary cell the later ones made unnecessary
 * is shown again.  Leaves lo and hi at what a reader can tell.
 */
void
fig_sup_solve(struct sup *S, const struct fig_set *s, long t)
{
	size_t c, x, y, norder = 0, i;
	size_t *order;

	fig_sup_primary(S, s, t);
	fig_sup_base_rule(S, s);
	order = xcalloc(2 * S->ncells + 1, sizeof(*order));
	/* Relations the data break (fig_check_data() refuses them before
	 * any output): nothing can be reasoned, so hide everything. */
	if (!fig_sup_reason(S, 0))
		for (c = 0; c < S->ncells; c++)
			if (S->cells[c].hidable && !fig_sup_hidden(S, c) &&
			    !S->cells[c].frozen)
				fig_sup_set_why(S, c, FIG_WHY_COMPLEMENTARY);
	while ((x = fig_sup_pinned(S)) < S->ncells) {
		fig_sup_tick(S);
		if ((y = fig_sup_choose(S, x)) == (size_t)-1)
			break;
		fig_sup_set_why(S, y, FIG_WHY_COMPLEMENTARY);
		order[norder++] = y;
		fig_sup_base_rule(S, s);
	}
	/* Show again what the later choices made unnecessary. */
	for (i = norder; i-- > 0;) {
		fig_sup_tick(S);
		y = order[i];
		fig_sup_set_why(S, y, FIG_SHOWN);
		fig_sup_base_rule(S, s);
		if (fig_sup_pinned(S) != (size_t)-1) {
			fig_sup_set_why(S, y, FIG_WHY_COMPLEMENTARY);
			fig_sup_base_rule(S, s);
		}
	}
	if (fig_suppress_complete)
		fig_sup_complete(S, s, t, order, &norder);
	fig_sup_reason(S, 1);
	free(order);
}

/* Writes the cells of rows first..nrows back into their ledgers. */
void
fig_sup_write(struct sup *S, const struct fig_set *s, size_t first)
{
	size_t nf = s->ndefs, r, i, n, b;

	for (r = first; r < S->nrows; r++) {
		struct fig_ledger *l = S->led[r];

		for (i = 0; i < nf; i++) {
			struct fig_value *v = &l->values[i];
			const struct fig_def *d = &s->defs[i];

			n = fig_sup_at(nf, r, (int)i, SUP_NUM);
			v->suppressed = fig_sup_hidden(S, n);
			v->why = S->cells[n].why;
			v->lo = S->lo[n];
			v->hi = S->hi[n];
			v->nr_hidden = fig_sup_hidden(S, fig_sup_at(nf, r,
			    d->nrclass, SUP_NR));
			if ((b = fig_sup_base_cell(s, r, i)) != (size_t)-1)
				v->den_hidden = fig_sup_hidden(S, b);
		}
	}
}

void
fig_suppress(const struct fig_set *s, struct fig_ledger **ls, size_t nb,
    struct fig_ledger *region, int region_hidable, long t,
    struct fig_exact_pool **keep)
{
	struct fig_ledger **led;
	struct sup S;
	char *hide, what[80];
	size_t c;

	memset(&S, 0, sizeof(S));
	snprintf(what, sizeof(what), "%zu boards and the region", nb);
	fig_sup_begin(what);
	led = xcalloc(nb + 1, sizeof(*led));
	memcpy(led, ls, nb * sizeof(*led));
	led[nb] = region;
	fig_sup_build(&S, s, led, 1, nb, region_hidable, 0);

	/* What a reader knows with no board figure shown at all. */
	hide = xcalloc(S.ncells ? S.ncells : 1, 1);
	for (c = 0; c < S.ncells; c++)
		hide[c] = S.cells[c].hidable;
	fig_sup_known(&S, hide);
	fig_sup_solve(&S, s, t);
	if (keep != NULL)
		*keep = fig_sup_pool_moves(&S, S.ncells, &(size_t){ 0 });
	fig_sup_write(&S, s, 0);
	free(hide);
	free(led);
	fig_sup_free(&S);
}

int fig_suppress_complete = 1;

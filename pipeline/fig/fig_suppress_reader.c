/*
 * fig_suppress_reader.c: the reader of fig_band.c (fig_suppress_int.h,
 * fig_impl.h): the suppressor's cells, relations and reasoning over
 * ledgers already suppressed, so that a band can be tried against what
 * chose the [c]s, with the exact check when asked.
 */
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "case.h"
#include "fig.h"
#include "fig_impl.h"
#include "fig_suppress_int.h"

/*
 * The reader of fig_band.c: the cells and relations above over ledgers
 * already suppressed, so that a band can be tried against the same
 * reasoning that chose the [c]s.
 */
struct fig_reader {
	struct sup	  S;
	struct fig_ledger **led;	/* the boards' ledgers, then London's */
	size_t		  nf;
	long		  exact;	/* > 0: fig_reader_safe(R, 1) also
					 * runs the exact check, t = exact */
	struct fig_ledger **sums;	/* fig_reader_new_pooled(): the
					 * totals it made, nsums of them */
	size_t		  nsums;
	char		 *bad;		/* row -> a cell of it given away
					 * by the last fig_reader_safe() */
};

struct fig_reader *
fig_reader_new(const struct fig_set *s, struct fig_ledger **ls, size_t nb,
    struct fig_ledger *region, int region_hidable)
{
	struct fig_reader *R = xcalloc(1, sizeof(*R));
	char *hide;
	size_t r, c;

	R->nf = s->ndefs;
	R->led = xcalloc(nb + 1, sizeof(*R->led));
	memcpy(R->led, ls, nb * sizeof(*R->led));
	R->led[nb] = region;
	fig_sup_build(&R->S, s, R->led, 1, nb, region_hidable, 0);
	for (r = 0; r <= nb; r++)
		fig_sup_read_hidden(&R->S, s, r);
	/* What a reader knows with no board figure shown at all. */
	hide = xcalloc(R->S.ncells ? R->S.ncells : 1, 1);
	for (c = 0; c < R->S.ncells; c++)
		hide[c] = R->S.cells[c].hidable;
	fig_sup_known(&R->S, hide);
	free(hide);
	return R;
}

struct fig_reader *
fig_reader_new_pooled(const struct fig_set *s, struct fig_ledger **led,
    size_t np, size_t nb, int region_hidable)
{
	struct fig_reader *R = xcalloc(1, sizeof(*R));
	size_t pool = np * (nb + 1), nblk = 2 * np - 1, q, r, c;
	char *hide, *band;

	R->nf = s->ndefs;
	R->nsums = (np - 1) * (nb + 1);
	R->led = xcalloc(nblk * (nb + 1), sizeof(*R->led));
	memcpy(R->led, led, pool * sizeof(*R->led));
	for (q = 0; q + 1 < np; q++)
		for (r = 0; r <= nb; r++)
			R->led[pool + q * (nb + 1) + r] = fig_sup_ledger_sum(s,
			    led, q + 2, nb, r);
	R->sums = R->led + pool;
	fig_sup_build(&R->S, s, R->led, nblk, nb, region_hidable, (int)np);
	for (r = 0; r < pool; r++)
		fig_sup_read_hidden(&R->S, s, r);
	/* No secret: what London, the public numbers and the periods'
	 * printed numbers (not their bands) say alone. */
	hide = xcalloc(R->S.ncells + 1, 1);
	band = xcalloc(R->S.ncells + 1, 1);
	fig_sup_touch_all(&R->S);
	for (c = 0; c < R->S.ncells; c++) {
		R->S.cells[c].frozen = R->S.cells[c].row < pool;
		band[c] = (char)R->S.cells[c].banded;
		R->S.cells[c].banded = 0;
		hide[c] = (char)R->S.cells[c].hidable;
	}
	fig_sup_known(&R->S, hide);
	for (c = 0; c < R->S.ncells; c++)
		hide[c] = !R->S.cells[c].frozen && R->S.cells[c].hidable;
	fig_sup_known(&R->S, hide);
	fig_sup_touch_all(&R->S);
	for (c = 0; c < R->S.ncells; c++) {
		R->S.cells[c].banded = band[c];
		if (hide[c])	/* every cell of the totals hidden */
			R->S.cells[c].why = FIG_WHY_COMPLEMENTARY;
	}
	free(hide);
	free(band);
	return R;
}

int
fig_reader_bad(const struct fig_reader *R, size_t row)
{
	return R->bad != NULL && R->bad[row];
}

void
fig_reader_band(struct fig_reader *R, size_t row, int fig, int on,
    long lo, long hi)
{
	struct sup_cell *c = &R->S.cells[fig_sup_at(R->nf, row, fig, SUP_NUM)];

	c->banded = on;
	c->blo = lo;
	c->bhi = hi;
	fig_sup_touch(&R->S, fig_sup_at(R->nf, row, fig, SUP_NUM));
}

void
fig_reader_exact(struct fig_reader *R, long t)
{
	R->exact = t;
}

/* The exact check of fig_sup_complete() over the reader's cells and bands:
 * 1 when no hidden cell is pinned or narrowed below the protection rule
 * (fig_exact_exposed()). */
static int
sup_reader_exact(struct fig_reader *R)
{
	struct sup *S = &R->S;
	struct sup_ex X;
	size_t c;
	long n;

	fig_sup_ex_init(S, &X, R->exact, 0);
	n = fig_sup_exact_check(S, &X, R->exact);
	for (c = 0; n > 0 && c < S->ncells; c++)
		if (fig_sup_exposed(S, &X, c, R->exact))
			R->bad[S->cells[c].row] = 1;
	fig_sup_ex_free(&X);
	return n == 0;
}

int
fig_reader_safe(struct fig_reader *R, int probe)
{
	size_t c;
	int ok = 1;

	if (R->bad == NULL)
		R->bad = xcalloc(R->S.nrows + 1, 1);
	memset(R->bad, 0, R->S.nrows + 1);
	if (!fig_sup_reason(&R->S, probe))
		return 0;
	for (c = 0; c < R->S.ncells; c++)
		if (fig_sup_hidden(&R->S, c) && !R->S.cells[c].known &&
		    R->S.lo[c] == R->S.hi[c]) {
			R->bad[R->S.cells[c].row] = 1;
			ok = 0;
		}
	if (ok && probe && R->exact > 0 && !sup_reader_exact(R))
		return 0;
	return ok;
}

void
fig_reader_bounds(struct fig_reader *R, size_t row, int fig, long *lo,
    long *hi)
{
	size_t c = fig_sup_at(R->nf, row, fig, SUP_NUM);

	*lo = R->S.lo[c];
	*hi = R->S.hi[c];
}

void
fig_reader_free(struct fig_reader *R)
{
	size_t c;

	if (R == NULL)
		return;
	fig_sup_free(&R->S);
	for (c = 0; c < R->nsums; c++)
		fig_sup_ledger_free(R->sums[c]);
	free(R->led);
	free(R->bad);
	free(R);
}

/*
 * fig_band.c: banded shares (report.yaml disclosure: bands), after
 * disclosure control.  A share hidden as [c] may be printed as a band of
 * whole per cents instead ("25–49%", "under 25%", "75% or more"), which
 * tells a reader that its numerator lies in an interval.  Bands are given
 * greedily, board by board and figure by figure: a band is shown only
 * when the suppressor's reader (fig_suppress_reader.c), told every band
 * shown so far and this one, still cannot pin any hidden cell of any
 * board to one value.
 * Only a share over a base that is printed and larger than the threshold
 * gets a band: a share of a small base stays [c] (rule 2 of
 * docs/disclosure.md protects it whatever its value); and no band keeps
 * a numerator that may be a small number (1 to the threshold, rule 1)
 * less than the threshold apart (the protection rule).
 * For fig_eval.c only; docs/disclosure.md, "Banded shares", says why.
 */
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "case.h"
#include "fig.h"
#include "fig_impl.h"

/* The band of edges[0..n) that holds percent p: [*lo, *hi]. */
static void
band_of(const int *edges, size_t n, int p, int *lo, int *hi)
{
	size_t i;

	*lo = 0;
	*hi = 100;
	for (i = 0; i < n; i++) {
		if (p < edges[i]) {
			*hi = edges[i] - 1;
			return;
		}
		*lo = edges[i];
	}
}

void
fig_band(const struct fig_set *s, struct fig_ledger **ls, size_t nb,
    struct fig_ledger *region, int region_hidable, long t,
    const int *edges, size_t nedges)
{
	struct fig_reader *R;
	size_t r, i, *order, norder = 0;
	long lo, hi, rlo, rhi;
	int plo, phi, stale = 0;

	if (nedges == 0 || nb == 0)
		return;
	R = fig_reader_new(s, ls, nb, region, region_hidable);
	fig_reader_exact(R, t);
	/* Relations the ledgers break: nothing can be reasoned, no band. */
	if (!fig_reader_safe(R, 1)) {
		fig_reader_free(R);
		return;
	}
	order = xcalloc(nb * s->ndefs + 1, sizeof(*order));
	for (r = 0; r < nb; r++)
		for (i = 0; i < s->ndefs; i++) {
			struct fig_value *v = &ls[r]->values[i];

			if (!v->suppressed || v->unit == FIG_COUNT ||
			    v->den_hidden || v->den <= t || v->percent < 0)
				continue;
			band_of(edges, nedges, v->percent, &plo, &phi);
			fig_band_nums(v->den, plo, phi, &lo, &hi);
			/* The band would say the figure, or keep a figure
			 * that may be a small number (rule 1 hides those)
			 * less than t values apart: the protection rule. */
			if (fig_exact_exposed(lo, hi, t, t))
				continue;
			if (stale)
				fig_reader_safe(R, 0);
			stale = 0;
			fig_reader_bounds(R, r, (int)i, &rlo, &rhi);
			fig_reader_band(R, r, (int)i, 1, lo, hi);
			/* A band no narrower than what a reader already
			 * knows tells nothing new; any other is tried by
			 * bound propagation. */
			if ((lo > rlo || hi < rhi) && !fig_reader_safe(R, 0)) {
				fig_reader_band(R, r, (int)i, 0, 0, 0);
				stale = 1;
				continue;
			}
			v->banded = 1;
			v->band_lo = plo;
			v->band_hi = phi;
			order[norder++] = r * s->ndefs + i;
		}
	/* Then by trying every value of each small range too, as the
	 * attacker does: while that pins a cell, the last band goes. */
	while (norder > 0 && !fig_reader_safe(R, 1)) {
		r = order[--norder] / s->ndefs;
		i = order[norder] % s->ndefs;
		ls[r]->values[i].banded = 0;
		fig_reader_band(R, r, (int)i, 0, 0, 0);
	}
	free(order);
	/* What a reader can tell of every hidden value, bands and all. */
	fig_reader_safe(R, 1);
	for (r = 0; r <= nb; r++) {
		struct fig_ledger *l = r < nb ? ls[r] : region;

		for (i = 0; i < s->ndefs; i++)
			if (l->values[i].suppressed)
				fig_reader_bounds(R, r, (int)i,
				    &l->values[i].lo, &l->values[i].hi);
	}
	fig_reader_free(R);
}

/* Band of the share at (row, fig) of led on (as its ledger prints it) or
 * off, in the ledger and in the reader. */
static void
band_set(struct fig_reader *R, struct fig_ledger **led, size_t row,
    size_t fig, int on)
{
	struct fig_value *v = &led[row]->values[fig];
	long lo = 0, hi = 0;

	v->banded = on;
	if (on)
		fig_band_nums(v->den, v->band_lo, v->band_hi, &lo, &hi);
	fig_reader_band(R, row, (int)fig, on, lo, hi);
}

void
fig_band_pooled(const struct fig_set *s, struct fig_ledger **led,
    size_t np, size_t nb, int region_hidable, long t)
{
	struct fig_reader *R;
	size_t r, i, b, p, pool = np * (nb + 1);
	char *bad, *off;
	int any;

	if (np < 2 || nb == 0)
		return;
	for (r = 0, any = 0; r < pool; r++)
		for (i = 0; i < s->ndefs; i++)
			any |= led[r]->values[i].banded;
	if (!any)
		return;
	R = fig_reader_new_pooled(s, led, np, nb, region_hidable);
	fig_reader_exact(R, t);
	off = xcalloc(pool * s->ndefs + 1, 1);
	bad = xcalloc(nb + 1, 1);
	/* While a cell is given away, every band of each board with such
	 * a cell (in any period or total) is withdrawn, in every period;
	 * London's: every board's. */
	while (!fig_reader_safe(R, 1)) {
		memset(bad, 0, nb + 1);
		for (r = 0; r < (2 * np - 1) * (nb + 1); r++)
			if (fig_reader_bad(R, r))
				bad[r % (nb + 1)] = 1;
		if (bad[nb])
			memset(bad, 1, nb);
		for (r = 0, any = 0; r < pool; r++) {
			b = r % (nb + 1);
			if (b == nb || !bad[b])
				continue;
			for (i = 0; i < s->ndefs; i++)
				if (led[r]->values[i].banded) {
					band_set(R, led, r, i, 0);
					off[r * s->ndefs + i] = 1;
					any = 1;
				}
		}
		if (!any)
			break;	/* no band of it left: the pooled solve's
				 * completion step decides (it never lets a
				 * cell go silently) */
	}
	/* Then the bands of each period back, the oldest first, where
	 * every total stays safe with them. */
	for (p = 0; p < np; p++) {
		for (r = p * (nb + 1), any = 0; r < (p + 1) * (nb + 1); r++)
			for (i = 0; i < s->ndefs; i++)
				if (off[r * s->ndefs + i]) {
					band_set(R, led, r, i, 1);
					any = 1;
				}
		if (!any || fig_reader_safe(R, 1))
			continue;
		for (r = p * (nb + 1); r < (p + 1) * (nb + 1); r++)
			for (i = 0; i < s->ndefs; i++)
				if (off[r * s->ndefs + i])
					band_set(R, led, r, i, 0);
	}
	free(bad);
	free(off);
	fig_reader_free(R);
}

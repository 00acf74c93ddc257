/*
 * fig_audit_reason.c: the attacker's reasoning (fig_audit_int.h): the
 * facts a reader knows of a publication (the relations within each board
 * and the region, the region as the sum of the boards, the bounds of
 * shares, each year's total as the sum of its periods), integer bound
 * propagation over them, probing the narrow ranges value by value, and
 * the chain of reasoning printed for each recovery.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "diag.h"
#include "case.h"
#include "fig.h"
#include "fig_impl.h"
#include "fig_audit_int.h"

/* Declares "num + not_recorded <= base" of figure i in row rr when i
 * tests one code: a review that has a code does not also mark it not
 * recorded, so no unit is counted in both. */
static void
aud_nr_bound(struct aud *A, int rr, int i, const char *who)
{
	const struct fig_set *s = A->s;
	const struct fig_def *d = &s->defs[i];
	int b, den, base;

	if ((b = fig_nr_base(s, i, &den)) < 0)
		return;
	base = fig_aud_var(A, rr, b, den ? AUD_DEN : AUD_NUM);
	fig_aud_fact(A, 0, "%s: %s and its not_recorded count no unit twice, "
	    "so together lie within their base", who, d->name);
	fig_aud_term(A, fig_aud_var(A, rr, i, AUD_NUM), 1);
	fig_aud_term(A, fig_aud_var(A, rr, i, AUD_NR), 1);
	fig_aud_term(A, base, -1);
}

/* Declares every fact of one block of rows (a period, or the total). */
static void
aud_facts_block(struct aud *A, int blk, const long *cases,
    const long *children)
{
	const struct fig_set *s = A->s;
	int r, rr, i, j, w, var, base;
	size_t k;
	char who[400];

	for (r = 0; r <= A->nrows; r++) {
		rr = blk * AUD_ROWS + (r < A->nrows ? r : AUD_MAX_ROWS);
		fig_aud_row_name(A, rr, who, sizeof(who));
		for (i = 0; i < (int)s->ndefs; i++) {
			const struct fig_def *d = &s->defs[i];
			long units = d->pop == FIG_POP_CASES ? cases[rr] :
			    children[rr];

			var = fig_aud_var(A, rr, i, AUD_NUM);
			if (d->sum == FIG_SUM_NONE && units >= 0 &&
			    units < A->v[var].max)
				A->v[var].max = units;
			/* A sum over a board's reviews (household_children)
			 * is not bounded by them, but a board with no review
			 * adds up nothing: 0, public (rule 5). */
			if (d->sum != FIG_SUM_NONE && units == 0)
				A->v[var].max = 0;
			var = fig_aud_var(A, rr, i, AUD_NR);
			if (units >= 0 && units < A->v[var].max)
				A->v[var].max = units;
			if (d->nrclass == i) {
				int none = 1;

				for (k = 0; k < s->nwords; k++)
					if (d->codes[k] != 0)
						none = 0;
				if (none)
					A->v[var].max = 0;
			}
			/* A share lies within its base. */
			base = -1;
			if (d->of->type != FP_TRUE && d->unit != FIG_COUNT) {
				base = fig_aud_var(A, rr, i, AUD_DEN);
				if (units < A->v[base].max)
					A->v[base].max = units;
			} else if (d->pop == FIG_POP_DEATHS &&
			    s->deaths_fig >= 0)
				base = fig_aud_var(A, rr, s->deaths_fig, AUD_NUM);
			if (base >= 0) {
				fig_aud_fact(A, 0, "%s: %s lies within its base",
				    who, d->name);
				fig_aud_term(A, fig_aud_var(A, rr, i, AUD_NUM), 1);
				fig_aud_term(A, base, -1);
				fig_aud_fact(A, 0, "%s: %s's not_recorded lies "
				    "within its base", who, d->name);
				fig_aud_term(A, fig_aud_var(A, rr, i, AUD_NR), 1);
				fig_aud_term(A, base, -1);
			}
		}
		for (i = 0; i < (int)s->ndefs; i++)
			aud_nr_bound(A, rr, i, who);
		for (k = 0; k < s->nrels; k++) {
			fig_aud_fact(A, s->rels[k].op == FIG_REL_EQ, "%s: %s",
			    who, s->rels[k].text);
			for (j = 0; j < (int)s->rels[k].nterms; j++)
				fig_aud_term(A, fig_aud_var(A, rr, s->rels[k].fig[j],
				    AUD_NUM), s->rels[k].coef[j]);
		}
	}
	/* London is the sum of the boards. */
	fig_aud_row_name(A, blk * AUD_ROWS + AUD_MAX_ROWS, who, sizeof(who));
	for (i = 0; i < (int)s->ndefs && A->nrows > 0; i++)
		for (w = 0; w < AUD__MAX; w++) {
			if (w == AUD_NR && s->defs[i].nrclass != i)
				continue;
			if (w == AUD_DEN && (s->defs[i].of->type == FP_TRUE ||
			    s->defs[i].unit == FIG_COUNT))
				continue;
			fig_aud_fact(A, 1, "%s's %s%s%s is the sum of the "
			    "boards'", who, s->defs[i].name, w == AUD_NUM ?
			    "" : " ", w == AUD_NUM ? "" : fig_aud_what_names[w]);
			for (r = 0; r < A->nrows; r++)
				fig_aud_term(A, fig_aud_var(A, blk * AUD_ROWS + r, i,
				    w), 1);
			fig_aud_term(A, fig_aud_var(A, blk * AUD_ROWS + AUD_MAX_ROWS,
			    i, w), -1);
		}
}

/* Declares the total of block pool = the sum of the periods of release
 * year, cell by cell. */
static void
aud_facts_total(struct aud *A, int pool, int year)
{
	const struct fig_set *s = A->s;
	int blk, r, rr, i, w;
	char who[400];

	for (r = 0; r <= A->nrows; r++) {
		rr = r < A->nrows ? r : AUD_MAX_ROWS;
		fig_aud_row_name(A, pool * AUD_ROWS + rr, who, sizeof(who));
		for (i = 0; i < (int)s->ndefs; i++)
			for (w = 0; w < AUD__MAX; w++) {
				if (w == AUD_NR && s->defs[i].nrclass != i)
					continue;
				if (w == AUD_DEN && (s->defs[i].of->type ==
				    FP_TRUE || s->defs[i].unit == FIG_COUNT))
					continue;
				fig_aud_fact(A, 1, "%s: %s%s%s is the sum of the "
				    "periods'", who, s->defs[i].name,
				    w == AUD_NUM ? "" : " ", w == AUD_NUM ? "" :
				    fig_aud_what_names[w]);
				for (blk = 0; blk < A->nblocks; blk++)
					if (!fig_aud_total(A, blk) &&
					    (A->years[blk] >> year & 1))
						fig_aud_term(A, fig_aud_var(A, blk *
						    AUD_ROWS + rr, i, w), 1);
				fig_aud_term(A, fig_aud_var(A, pool * AUD_ROWS + rr,
				    i, w), -1);
			}
	}
}

/* Declares every fact of the publication (docs/disclosure.md): each
 * block's, and each total = the sum of its year's periods, cell by
 * cell. */
void
fig_aud_facts(struct aud *A, const long *cases, const long *children)
{
	int blk;

	for (blk = 0; blk < A->nblocks; blk++)
		aud_facts_block(A, blk, cases, children);
	if (A->pool >= 0)
		aud_facts_total(A, A->pool, 0);
	if (A->prevpool >= 0)
		aud_facts_total(A, A->prevpool, 1);
}

static void
aud_push(struct aud *A, int fact)
{
	if (!A->pending[fact]) {
		A->pending[fact] = 1;
		A->todo[A->ntodo++] = fact;
	}
}

/* Tightens var to [lo, hi] because of fact.  Returns 0 if empty. */
static int
aud_tighten(struct aud *A, int var, long lo, long hi, int fact)
{
	struct aud_var *x = &A->v[var];
	int i;

	if (lo <= x->lo && hi >= x->hi)
		return 1;
	if (A->nundo == A->capundo) {
		A->capundo = A->capundo ? 2 * A->capundo : 4096;
		A->undo = xreallocarray(A->undo, A->capundo,
		    sizeof(*A->undo));
	}
	A->undo[A->nundo].var = var;
	A->undo[A->nundo].lo = x->lo;
	A->undo[A->nundo].hi = x->hi;
	A->undo[A->nundo].wl = x->why_lo;
	A->undo[A->nundo++].wh = x->why_hi;
	if (lo > x->lo) {
		x->lo = lo;
		x->why_lo = fact;
	}
	if (hi < x->hi) {
		x->hi = hi;
		x->why_hi = fact;
	}
	if (x->lo > x->hi)
		return 0;
	for (i = 0; i < A->nuses[var]; i++)
		aud_push(A, A->uses[var][i]);
	return 1;
}

static void
aud_rewind(struct aud *A, size_t mark)
{
	while (A->nundo > mark) {
		struct aud_var *x;

		A->nundo--;
		x = &A->v[A->undo[A->nundo].var];
		x->lo = A->undo[A->nundo].lo;
		x->hi = A->undo[A->nundo].hi;
		x->why_lo = A->undo[A->nundo].wl;
		x->why_hi = A->undo[A->nundo].wh;
	}
}

/* floor(a / b) for b != 0. */
static long
aud_floor(long a, long b)
{
	long q = a / b;

	return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

/* Works every pending fact until nothing moves.  Returns 0 on a
 * contradiction. */
static int
aud_run(struct aud *A)
{
	while (A->ntodo > 0) {
		int fi = A->todo[--A->ntodo], i;
		const struct aud_fact *f = &A->f[fi];
		long least = 0, most = 0, k, other_least, other_most;

		A->pending[fi] = 0;
		for (i = 0; i < f->n; i++) {
			const struct aud_var *x = &A->v[f->var[i]];

			k = f->k[i];
			least += k > 0 ? k * x->lo : k * x->hi;
			most += k > 0 ? k * x->hi : k * x->lo;
		}
		if (least > 0 || (f->eq && most < 0))
			goto fail;
		for (i = 0; i < f->n; i++) {
			const struct aud_var *x = &A->v[f->var[i]];
			long lo = x->lo, hi = x->hi;

			k = f->k[i];
			if (k == 0)
				continue;
			other_least = least - (k > 0 ? k * x->lo : k * x->hi);
			other_most = most - (k > 0 ? k * x->hi : k * x->lo);
			/* k x <= -other_least; and k x >= -other_most if = */
			if (k > 0)
				hi = aud_floor(-other_least, k);
			else
				lo = -aud_floor(-other_least, -k);
			if (f->eq) {
				if (k > 0)
					lo = -aud_floor(other_most, k);
				else
					hi = aud_floor(other_most, -k);
			}
			if (!aud_tighten(A, f->var[i], lo, hi, fi))
				goto fail;
		}
	}
	return 1;
fail:
	while (A->ntodo > 0)
		A->pending[A->todo[--A->ntodo]] = 0;
	return 0;
}

/* Starts from what is published (or, baseline 1, only London and the
 * public numbers; baseline 2, everything but the total's board cells)
 * and reasons to the end.  Returns 0 if what is published contradicts
 * the relations. */
int
fig_aud_reason(struct aud *A, int baseline)
{
	int i, changed;
	long v, first, last;
	size_t mark;

	A->nundo = 0;
	for (i = 0; i < A->nv; i++) {
		struct aud_var *x = &A->v[i];
		int use = x->shown && (!baseline || fig_aud_london(x->row) ||
		    (x->what == AUD_NUM && A->s->defs[x->fig].public) ||
		    (baseline == 2 && !fig_aud_total(A, x->row / AUD_ROWS)));

		x->lo = use ? x->val : 0;
		x->hi = use ? x->val : x->max;
		if (!use && !baseline && x->banded) {
			x->lo = x->blo;
			x->hi = x->bhi < x->max ? x->bhi : x->max;
		}
		x->why_lo = x->why_hi = -1;
	}
	for (i = 0; i < A->nf; i++)
		aud_push(A, i);
	if (!aud_run(A))
		return 0;
	do {
		changed = 0;
		for (i = 0; i < A->nv; i++) {
			struct aud_var *x = &A->v[i];

			if (x->lo == x->hi || x->hi - x->lo > AUD_PROBE)
				continue;
			first = last = -1;
			for (v = x->lo; v <= x->hi; v++) {
				mark = A->nundo;
				if (aud_tighten(A, i, v, v, -1) && aud_run(A)) {
					if (first < 0)
						first = v;
					last = v;
				}
				aud_rewind(A, mark);
			}
			if (first < 0)
				return 0;
			if (first > x->lo || last < x->hi) {
				changed = 1;
				/* -2: by trying every value. */
				if (!aud_tighten(A, i, first, last, -2) ||
				    !aud_run(A))
					return 0;
			}
		}
	} while (changed);
	return 1;
}

/* Prints why var is what it is, down to depth levels. */
void
fig_aud_explain(FILE *out, const struct aud *A, int var, int depth, char *said)
{
	const struct aud_var *x = &A->v[var];
	int why[2], j, i, zero;

	why[0] = x->why_lo;
	why[1] = x->why_hi == x->why_lo ? -1 : x->why_hi;
	for (j = 0; j < 2; j++) {
		if (why[j] == -2) {
			fprintf(out, "%*s- ", 2 * (4 - depth), "");
			fig_aud_name(out, A, var);
			fprintf(out, ": every other value in its range "
			    "contradicts what is published\n");
			continue;
		}
		if (why[j] < 0 || said[why[j]])
			continue;
		said[why[j]] = 1;
		fprintf(out, "%*s- %s:", 2 * (4 - depth), "",
		    A->f[why[j]].text);
		zero = 0;
		for (i = 0; i < A->f[why[j]].n; i++) {
			const struct aud_var *y = &A->v[A->f[why[j]].var[i]];

			/* Boards London's figures alone put at 0. */
			if (y->baseline && !y->shown && y->lo == 0 &&
			    y->hi == 0 && A->f[why[j]].var[i] != var) {
				zero++;
				continue;
			}
			fputs(i - zero ? ", " : " ", out);
			fig_aud_name(out, A, A->f[why[j]].var[i]);
			if (y->shown)
				fig_aud_published(out, A, y);
			else if (y->lo == y->hi)
				fprintf(out, " = %ld", y->lo);
			else
				fprintf(out, " in [%ld, %ld]", y->lo, y->hi);
		}
		if (zero > 0)
			fprintf(out, "; %d more at 0 by %s's figures "
			    "alone", zero, fig_audit_region);
		putc('\n', out);
		if (depth <= 0)
			continue;
		for (i = 0; i < A->f[why[j]].n; i++) {
			int y = A->f[why[j]].var[i];

			if (y != var && !A->v[y].shown)
				fig_aud_explain(out, A, y, depth - 1, said);
		}
	}
}

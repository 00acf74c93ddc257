/*
 * fig_audit_exact.c: the attacker's exact attack (fig_audit_int.h): what
 * a reader knows, as a system for the solver of fig_exact.c, every [c]
 * left open minimised and maximised over it, and the recoveries and
 * narrowings it finds explained (with last year's release, both years'
 * totals of the cell too).
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

/*
 * The exact attack (fig_exact.c): after the reasoning of
 * fig_audit_reason.c, every [c] it left open is minimised and maximised
 * over everything published together with GLPK.  A [c] the solver pins
 * is recovered; one that may be a small number (its interval meets
 * 1..t) and is kept narrower than t apart is narrowed
 * (fig_exact_exposed()), unless what London's figures and the public
 * numbers say alone (or, for a total, the periods as published) put it
 * within 1..t or keep it as narrow: docs/disclosure.md, "The protection
 * rule".
 */
long fig_audit_threshold = 5;

/* What a reader knows with the cells of baseline (as fig_aud_reason())
 * shown, everything else [c]: the facts, over A's unknowns. */
static struct fig_exact *
aud_exact_system(const struct aud *A, int baseline)
{
	struct fig_exact *E = fig_exact_new((size_t)A->nv);
	size_t *var;
	int i, j;

	for (i = 0; i < A->nv; i++) {
		const struct aud_var *x = &A->v[i];
		int use = x->shown && (!baseline || fig_aud_london(x->row) ||
		    (x->what == AUD_NUM && A->s->defs[x->fig].public) ||
		    (baseline == 2 && !fig_aud_total(A, x->row / AUD_ROWS)));

		if (!baseline)
			fig_exact_bounds(E, (size_t)i, x->lo, x->hi);
		else if (use)
			fig_exact_bounds(E, (size_t)i, x->val, x->val);
		else
			fig_exact_bounds(E, (size_t)i, 0, x->max);
	}
	for (i = 0; i < A->nf; i++) {
		var = xcalloc((size_t)A->f[i].n + 1, sizeof(*var));
		for (j = 0; j < A->f[i].n; j++)
			var[j] = (size_t)A->f[i].var[j];
		fig_exact_fact(E, A->f[i].eq, (size_t)A->f[i].n, var,
		    A->f[i].k, 0);
		free(var);
	}
	return E;
}

/* Returns 1 if, with last year's release read, f is either year's total
 * = the sum of its periods of var's board and figure (the two totals
 * that pin a cell across the years). */
static int
aud_year_total(const struct aud *A, const struct aud_fact *f, int var)
{
	const struct aud_var *x = &A->v[var], *y;

	if (!A->prevread || f->n == 0)
		return 0;
	y = &A->v[f->var[f->n - 1]];
	return fig_aud_total(A, y->row / AUD_ROWS) && f->k[f->n - 1] == -1 &&
	    y->row % AUD_ROWS == x->row % AUD_ROWS && y->fig == x->fig &&
	    y->what == x->what && f->eq && strstr(f->text, "is the sum of "
	    "the periods'") != NULL;
}

/* Prints the published facts that name var, with their numbers (with
 * last year's release, both years' totals of its cell too). */
static void
aud_exact_explain(FILE *out, const struct aud *A, int var, const long *lo,
    const long *hi)
{
	int i, j, n = 0;

	for (i = 0; i < A->nf && n < 8 + 2 * A->prevread; i++) {
		const struct aud_fact *f = &A->f[i];

		for (j = 0; j < f->n && f->var[j] != var; j++)
			;
		if (j == f->n && !aud_year_total(A, f, var))
			continue;
		n++;
		fprintf(out, "  - %s:", f->text);
		for (j = 0; j < f->n; j++) {
			const struct aud_var *y = &A->v[f->var[j]];

			fputs(j ? ", " : " ", out);
			fig_aud_name(out, A, f->var[j]);
			if (y->shown)
				fig_aud_published(out, A, y);
			else if (y->banded)
				fprintf(out, " in [%ld, %ld] (band)", y->blo,
				    y->bhi);
			else if (lo[f->var[j]] <= hi[f->var[j]])
				fprintf(out, " in [%ld, %ld]", lo[f->var[j]],
				    hi[f->var[j]]);
			else
				fputs(" [c]", out);
		}
		putc('\n', out);
	}
}

/* Prints to out, after label, each [c] wanted (want[i] 1) whose
 * interval lo[i]..hi[i] breaks the protection rule (need[i] apart) with
 * the published numbers that pin it; *nhid gets the number of [c]
 * wanted.  Returns the number printed. */
static long
aud_exact_report(FILE *out, const struct aud *A, const char *label,
    const char *want, const long *need, const long *lo, const long *hi,
    long *nhid)
{
	long t = fig_audit_threshold, found = 0;
	int i;

	*nhid = 0;
	for (i = 0; i < A->nv; i++) {
		if (want[i] != 1)
			continue;
		(*nhid)++;
		if (!fig_exact_exposed(lo[i], hi[i], need[i], t))
			continue;
		found++;
		fprintf(out, "%s: %s ", label, lo[i] == hi[i] ? "recovered" :
		    "narrowed");
		fig_aud_name(out, A, i);
		if (lo[i] == hi[i])
			fprintf(out, " = %ld, printed [c] (exact solver)\n",
			    lo[i]);
		else if (lo[i] >= 1 && hi[i] <= t)
			fprintf(out, " to %ld..%ld, printed [c]: a small "
			    "number (1 to %ld)\n", lo[i], hi[i], t);
		else
			fprintf(out, " to %ld..%ld, printed [c]: it may be a "
			    "small number (1 to %ld), and its possible values "
			    "are less than %ld apart\n", lo[i], hi[i], t,
			    need[i]);
		aud_exact_explain(out, A, i, lo, hi);
	}
	return found;
}

long
fig_aud_exact(struct aud *A, const char *label, long before, FILE *out)
{
	struct fig_exact *E, *B;
	long t = fig_audit_threshold, found = 0, nhid = 0;
	long *need, *lo, *hi, *xlo, *xhi;
	char *want, *bwant;
	size_t mips;
	int i, rc = 1, k;

	want = xcalloc((size_t)A->nv + 1, 1);
	bwant = xcalloc((size_t)A->nv + 1, 1);
	need = xcalloc((size_t)A->nv + 1, sizeof(*need));
	lo = xcalloc((size_t)A->nv + 1, sizeof(*lo));
	hi = xcalloc((size_t)A->nv + 1, sizeof(*hi));
	xlo = xcalloc((size_t)A->nv + 1, sizeof(*xlo));
	xhi = xcalloc((size_t)A->nv + 1, sizeof(*xhi));
	for (i = 0; i < A->nv; i++) {
		const struct aud_var *x = &A->v[i];

		lo[i] = 1;
		hi[i] = 0;
		/* t, or all of 0..max where the public numbers allow less. */
		need[i] = x->max < t ? (x->max > 1 ? x->max : 1) : t;
		/* Pinned ones were named above. */
		if (!x->shown && !x->baseline && x->lo < x->hi)
			want[i] = 1;
	}
	/* Two values at least; t apart where 1..t is possible. */
	E = aud_exact_system(A, 0);
	rc = fig_exact_solve(E, want, need, t, NULL, lo, hi);
	mips = fig_exact_mips(E);
	fig_exact_free(E);
	if (rc != 1)
		goto fail;
	/* Narrowed: do London's figures and the public numbers (or, for a
	 * total, the periods as published) say it is 1..t, or keep it as
	 * narrow, alone? */
	for (k = 1; k <= (A->pool >= 0 || A->prevpool >= 0 ? 2 : 1); k++) {
		memset(bwant, 0, (size_t)A->nv + 1);
		for (i = 0; i < A->nv; i++)
			bwant[i] = want[i] && lo[i] < hi[i] &&
			    fig_exact_exposed(lo[i], hi[i], need[i], t) &&
			    (k == 2) == fig_aud_total(A,
			    A->v[i].row / AUD_ROWS);
		if (memchr(bwant, 1, (size_t)A->nv) == NULL)
			continue;
		B = aud_exact_system(A, k);
		rc = fig_exact_solve(B, bwant, need, t, NULL, xlo, xhi);
		mips += fig_exact_mips(B);
		fig_exact_free(B);
		if (rc != 1)
			goto fail;
		for (i = 0; i < A->nv; i++) {
			if (!bwant[i])
				continue;
			if (xlo[i] >= 1 && xhi[i] <= t)
				want[i] = 2;	/* no secret */
			else if (xhi[i] - xlo[i] < need[i])
				need[i] = xhi[i] > xlo[i] ? xhi[i] - xlo[i] :
				    1;
		}
	}
	found = aud_exact_report(out, A, label, want, need, lo, hi, &nhid);
	if (found == 0 && before == 0)
		fprintf(out, "%s: exact solver (GLPK): %ld [c] open after "
		    "propagation, none recovered or narrowed (a [c] that may "
		    "be 1..%ld keeps values %ld apart); %zu integer "
		    "programs\n", label, nhid, t, t, mips);
	goto out;
fail:
	fprintf(out, "%s: the exact solver %s\n", label, rc == 0 ?
	    "finds no whole numbers that fit what is published" : "failed");
	found = 1;
out:
	free(want);
	free(bwant);
	free(need);
	free(lo);
	free(hi);
	free(xlo);
	free(xhi);
	return found;
}

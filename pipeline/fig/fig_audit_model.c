/*
 * fig_audit_model.c: the attacker's model of a publication
 * (fig_audit_int.h): its unknowns (every number a ledger prints, each
 * (row, figure, what) one variable), the rows and blocks they sit in,
 * their names in the reasoning printed, the facts over them as they are
 * declared, and the state freed.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "diag.h"
#include "case.h"
#include "fig.h"
#include "fig_impl.h"
#include "fig_audit_int.h"

const char *const fig_aud_what_names[AUD__MAX] = {
	"numerator", "not_recorded", "denominator"
};

static int
aud_slot(const struct aud *A, int row, int fig, int what)
{
	return (row * (int)A->s->ndefs + fig) * AUD__MAX + what;
}

/* The variable of (row, fig, what), made on first use. */
int
fig_aud_var(struct aud *A, int row, int fig, int what)
{
	int slot = aud_slot(A, row, fig, what);
	struct aud_var *x;

	if (what == AUD_NR)
		slot = aud_slot(A, row, A->s->defs[fig].nrclass, what);
	if (A->id[slot] >= 0)
		return A->id[slot];
	A->v = xgrowarray(A->v, (size_t)A->nv, sizeof(*A->v));
	x = &A->v[A->nv];
	memset(x, 0, sizeof(*x));
	x->row = row;
	x->fig = what == AUD_NR ? A->s->defs[fig].nrclass : fig;
	x->what = what;
	x->max = AUD_INF;
	x->why_lo = x->why_hi = -1;
	A->id[slot] = A->nv;
	return A->nv++;
}

/* Returns 1 if row is a London row. */
int
fig_aud_london(int row)
{
	return row % AUD_ROWS == AUD_MAX_ROWS;
}

/* Returns 1 if block blk is a total over periods (either year's). */
int
fig_aud_total(const struct aud *A, int blk)
{
	return blk == A->pool || blk == A->prevpool;
}

const char *fig_audit_region = "the region";

/* Writes row's name, "Newham" or the region's (fig_audit_region), with
 * its period when there are several, "Newham [2006-07]", into buf. */
const char *
fig_aud_row_name(const struct aud *A, int row, char *buf, size_t size)
{
	int r = row % AUD_ROWS, blk = row / AUD_ROWS;

	snprintf(buf, size, "%s%s%s%s", r < A->nrows ? A->rows[r] :
	    fig_audit_region,
	    A->blocks[blk] ? " [" : "", A->blocks[blk] ? A->blocks[blk] : "",
	    A->blocks[blk] ? "]" : "");
	return buf;
}

/* Writes "Board: figure" (with what, when not the numerator). */
void
fig_aud_name(FILE *out, const struct aud *A, int var)
{
	const struct aud_var *x = &A->v[var];
	char who[400];

	fprintf(out, "%s: %s", fig_aud_row_name(A, x->row, who, sizeof(who)),
	    A->s->defs[x->fig].name);
	if (x->what != AUD_NUM)
		fprintf(out, " (%s)", fig_aud_what_names[x->what]);
}

/* Writes " = VAL (published)" of a shown y; with last year's release
 * read too, which release printed it. */
void
fig_aud_published(FILE *out, const struct aud *A, const struct aud_var *y)
{
	static const char *const by[4] = { "", " this year", " last year",
	    " both years" };

	fprintf(out, " = %ld (published%s)", y->val, A->prevread ?
	    by[y->years & 3] : "");
}

/* Starts a new fact; terms follow with fig_aud_term(). */
void
fig_aud_fact(struct aud *A, int eq, const char *fmt, ...)
{
	va_list ap;
	struct aud_fact *f;
	char buf[512];

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	A->f = xgrowarray(A->f, (size_t)A->nf, sizeof(*A->f));
	f = &A->f[A->nf++];
	memset(f, 0, sizeof(*f));
	f->eq = eq;
	f->text = xstrdup(buf);
}

void
fig_aud_term(struct aud *A, int var, long k)
{
	struct aud_fact *f = &A->f[A->nf - 1];
	int i;

	for (i = 0; i < f->n; i++)
		if (f->var[i] == var) {
			f->k[i] += k;
			return;
		}
	f->var = xgrowarray(f->var, (size_t)f->n, sizeof(*f->var));
	f->k = xgrowarray(f->k, (size_t)f->n, sizeof(*f->k));
	f->var[f->n] = var;
	f->k[f->n++] = k;
}

void
fig_aud_free(struct aud *A)
{
	int i;

	for (i = 0; i < A->nrows; i++)
		free(A->rows[i]);
	free(A->rows);
	for (i = 0; i < A->nblocks; i++)
		free(A->blocks[i]);
	for (i = 0; i < A->nf; i++) {
		free(A->f[i].var);
		free(A->f[i].k);
		free(A->f[i].text);
	}
	free(A->f);
	for (i = 0; A->uses != NULL && i < A->nv; i++)
		free(A->uses[i]);
	free(A->uses);
	free(A->seen);
	free(A->nuses);
	free(A->v);
	free(A->id);
	free(A->todo);
	free(A->pending);
	free(A->undo);
}

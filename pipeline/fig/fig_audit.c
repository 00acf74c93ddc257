/*
 * fig_audit.c: the attacker of `scrpaper audit` and of the disclosure
 * tests.  It reads exactly what is published -- every board's ledger and
 * London's, as the CSV `scrpaper figures` prints them -- and the
 * relations of figures.yaml, and tries to work back every [c]: integer
 * bound propagation over the relations within each board and London,
 * London = the sum of the boards (numerators and not_recorded counts),
 * the bounds of every share; then every value of each remaining range
 * of at most AUD_PROBE is tried in turn, and a value that contradicts
 * what is published is struck out.  A [c] left with one possible value
 * is recovered, unless London's figures and the public numbers of
 * reviews and children alone already say it (a board with no review, a
 * London 0).  Each recovery is printed with the chain of reasoning.
 * Written apart from fig_suppress.c on purpose: it shares nothing with
 * it but the definitions and the ledger's printed form.
 *
 * This file holds the entry points, fig_audit(), fig_audit_published()
 * and fig_audit_years(); the model, the ledger reader, the reasoning and
 * the exact attack are each in a file of their own (fig_audit_int.h
 * lists them).
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

long
fig_audit_published(const struct fig_set *s, const struct cohort *c,
    const struct fig_ledger_text *boards, const struct fig_ledger_text *region,
    struct diag *d, struct fig_audit_read *rd, const char *label, FILE *out)
{
	return fig_audit_years(s, c, boards, region, NULL, NULL, d, rd, NULL,
	    label, out);
}

long
fig_audit_years(const struct fig_set *s, const struct cohort *c,
    const struct fig_ledger_text *boards, const struct fig_ledger_text *region,
    const struct fig_ledger_text *pboards,
    const struct fig_ledger_text *pregion, struct diag *d,
    struct fig_audit_read *rd, struct fig_audit_read *prd, const char *label,
    FILE *out)
{
	struct aud A;
	struct aud_csv B, R, P[2];
	char *said;
	long *cases, *children, found = 0;
	int i, j;

	memset(&A, 0, sizeof(A));
	memset(P, 0, sizeof(P));
	A.s = s;
	A.c = c;
	A.pool = -1;
	A.prevpool = -1;
	A.rows = xcalloc(AUD_MAX_ROWS, sizeof(*A.rows));
	A.id = xcalloc((size_t)AUD_MAX_BLOCKS * AUD_ROWS * (s->ndefs + 1) *
	    AUD__MAX, sizeof(*A.id));
	for (i = 0; i < AUD_MAX_BLOCKS * AUD_ROWS * ((int)s->ndefs + 1) *
	    AUD__MAX; i++)
		A.id[i] = -1;
	A.seen = xcalloc((size_t)AUD_MAX_BLOCKS * AUD_ROWS * (s->ndefs + 1),
	    sizeof(*A.seen));
	cases = xcalloc(AUD_MAX_BLOCKS * AUD_ROWS, sizeof(*cases));
	children = xcalloc(AUD_MAX_BLOCKS * AUD_ROWS, sizeof(*children));
	for (i = 0; i < AUD_MAX_BLOCKS * AUD_ROWS; i++)
		cases[i] = children[i] = AUD_INF;
	fig_aud_csv_init(&B, boards->file, boards->text, boards->len, d);
	fig_aud_csv_init(&R, region->file, region->text, region->len, d);
	B.empty_ok = c != NULL && c->report.nlscbs == 0;
	if (!fig_aud_read(&A, &B, &R, cases, children) || !fig_aud_read_previous(&A,
	    P, pboards, pregion, d, rd, prd, cases, children)) {
		found = -1;
		goto out;
	}
	fig_aud_facts(&A, cases, children);
	A.uses = xcalloc((size_t)A.nv + 1, sizeof(*A.uses));
	A.nuses = xcalloc((size_t)A.nv + 1, sizeof(*A.nuses));
	for (i = 0; i < A.nf; i++)
		for (j = 0; j < A.f[i].n; j++) {
			int x = A.f[i].var[j];

			A.uses[x] = xgrowarray(A.uses[x],
			    (size_t)A.nuses[x], sizeof(**A.uses));
			A.uses[x][A.nuses[x]++] = i;
		}
	A.todo = xcalloc((size_t)A.nf + 1, sizeof(*A.todo));
	A.pending = xcalloc((size_t)A.nf + 1, 1);

	if (fig_aud_reason(&A, 1))
		for (i = 0; i < A.nv; i++)
			A.v[i].baseline = A.v[i].lo == A.v[i].hi;
	/* A cell of the total that the periods as published pin is no
	 * secret of the total's. */
	if ((A.pool >= 0 || A.prevpool >= 0) && fig_aud_reason(&A, 2))
		for (i = 0; i < A.nv; i++)
			if (fig_aud_total(&A, A.v[i].row / AUD_ROWS) &&
			    A.v[i].lo == A.v[i].hi)
				A.v[i].baseline = 1;
	if (!fig_aud_reason(&A, 0)) {
		diag_error(d, boards->file, 0, 0, "what it and %s publish "
		    "contradicts the relations of the figure definitions",
		    region->file);
		found = -1;
		goto out;
	}
	said = xcalloc((size_t)A.nf + 1, 1);
	for (i = 0; i < A.nv; i++) {
		const struct aud_var *x = &A.v[i];

		if (x->shown || x->baseline || x->lo != x->hi)
			continue;
		found++;
		fprintf(out, "%s: recovered ", label);
		fig_aud_name(out, &A, i);
		fprintf(out, " = %ld, printed [c]\n", x->lo);
		memset(said, 0, (size_t)A.nf + 1);
		fig_aud_explain(out, &A, i, 3, said);
	}
	free(said);
	found += fig_aud_exact(&A, label, found, out);
out:
	free(B.buf);
	free(R.buf);
	free(P[0].buf);
	free(P[1].buf);
	free(cases);
	free(children);
	fig_aud_free(&A);
	return found;
}

long
fig_audit(const struct fig_set *s, const char *boards_csv,
    const char *region_csv, const char *label, FILE *out)
{
	struct fig_ledger_text b = { "the boards' ledger", boards_csv,
	    strlen(boards_csv) }, r = { NULL, region_csv,
	    strlen(region_csv) };
	struct diag d;
	long found;
	char *name = xasprintf("%s's ledger", fig_audit_region);

	r.file = name;
	diag_init(&d, out);
	found = fig_audit_published(s, NULL, &b, &r, &d, NULL, label, out);
	diag_clear(&d);
	free(name);
	return found;
}

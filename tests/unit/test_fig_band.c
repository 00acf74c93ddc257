/*
 * test_fig_band.c: tests of banded shares (pipeline/fig/fig_band.c) and of
 * the attacker reading bands (pipeline/fig/fig_audit_read.c).  Two
 * boards, A and B, each with one hidden share of ten children, and
 * London's published figure, the sum: a band alone leaves each cell two
 * values, both bands together pin both cells through London's sum.
 * fig_band() must show the first and refuse the second; the attacker
 * must find nothing in what fig_band() lets out, and must work both
 * cells back when both bands are printed.  Band texts and limits are
 * checked against fig_percent().
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "util.h"
#include "diag.h"
#include "case.h"
#include "fig.h"
#include "fig_impl.h"
#include "testaudit.h"

static const char figs_yaml[] =
    "figures:\n"
    "  - {name: cases, unit: count, public: true}\n"
    "  - {name: children, unit: count, count_of: children, public: true}\n"
    "  - {name: harm, unit: count, count_of: children,"
    " where: {outcome: serious_harm}}\n"
    "  - {name: old, unit: children, where: {age_years: {ge: 16}}}\n"
    "relations:\n"
    "  - harm <= children\n";

static const char codebook_yaml[] =
    "codes:\n"
    "  drug_misuse: {level: case, label: drugs, description: d}\n";

/* A ledger of n children in n reviews, all seriously harmed, old of
 * them aged 16 or over; hidden: old is [c]. */
static struct fig_ledger *
ledger(const struct fig_set *s, int lscb, long n, long old, int hidden)
{
	struct fig_ledger *l = xcalloc(1, sizeof(*l));
	size_t i;

	l->lscb = lscb;
	l->cases = l->children = n;
	l->nvalues = fig_set_size(s);
	l->values = xcalloc(l->nvalues, sizeof(*l->values));
	for (i = 0; i < l->nvalues; i++) {
		struct fig_value *v = &l->values[i];

		v->name = xstrdup(fig_set_name(s, i));
		v->unit = s->defs[i].unit;
		v->style = FIG_STYLE_PERCENT;
		v->num = n;
		v->percent = -1;
		if (strcmp(v->name, "old") == 0) {
			v->num = old;
			v->den = n;
			v->percent = fig_percent(old, n);
			v->suppressed = hidden;
			v->why = hidden ? FIG_WHY_PRIMARY : FIG_SHOWN;
		}
	}
	return l;
}

static void
texts(struct fig_ledger *l)
{
	size_t i;

	for (i = 0; i < l->nvalues; i++) {
		free(l->values[i].text);
		l->values[i].text = fig_format(&l->values[i], FIG_STYLE_PERCENT);
	}
}

static void
test_band_text_and_limits(void **state)
{
	char *t;

	(void)state;
	t = fig_band_text(10, 24);
	assert_string_equal(t, "10\u201324%");
	free(t);
	t = fig_band_text(0, 9);
	assert_string_equal(t, "0\u20139%");
	free(t);
}

static void
test_unsafe_band_is_refused(void **state)
{
	static const int edges[] = { 10, 25 };
	struct cohort *c = cohort_new();
	struct diag d;
	struct fig_set *s;
	struct fig_ledger *ls[2], *region;
	const struct fig_value *a, *b;
	FILE *devnull;
	size_t i;

	(void)state;
	diag_init(&d, stderr);
	assert_int_equal(case_load_codebook_buf(c, "codebook.yaml",
	    codebook_yaml, sizeof(codebook_yaml) - 1, &d), 1);
	s = fig_load_buf("figs.yaml", figs_yaml, strlen(figs_yaml), c, &d);
	assert_non_null(s);
	c->report.nlscbs = 2;
	c->report.lscbs = xcalloc(2, sizeof(*c->report.lscbs));
	c->report.lscbs[0] = xstrdup("A");
	c->report.lscbs[1] = xstrdup("B");
	/* A and B: 1 of 10 (10%, the band 10-24%: 1 or 2 of 10); London:
	 * 2 of 20, shown. */
	ls[0] = ledger(s, 0, 10, 1, 1);
	ls[1] = ledger(s, 1, 10, 1, 1);
	region = ledger(s, -1, 20, 2, 0);
	/* Threshold 5: the band 10-24% of ten says 1 or 2, a small number
	 * (rule 1): no band at all. */
	fig_band(s, ls, 2, region, 0, 5, edges, 2);
	assert_int_equal(fig_ledger_find(ls[0], "old")->banded, 0);
	assert_int_equal(fig_ledger_find(ls[1], "old")->banded, 0);
	/* Threshold 1: the bands may show, but not both. */
	fig_band(s, ls, 2, region, 0, 1, edges, 2);
	a = fig_ledger_find(ls[0], "old");
	b = fig_ledger_find(ls[1], "old");
	assert_int_equal(a->banded, 1);
	assert_int_equal(a->band_lo, 10);
	assert_int_equal(a->band_hi, 24);
	/* B's band would pin both: A + B = 2 with both in 1..2. */
	assert_int_equal(b->banded, 0);
	/* What a reader can tell, bands and all: A in 1..2, B in 0..1. */
	assert_int_equal(a->lo, 1);
	assert_int_equal(a->hi, 2);
	assert_int_equal(b->lo, 0);
	assert_int_equal(b->hi, 1);
	for (i = 0; i < 2; i++)
		texts(ls[i]);
	texts(region);
	assert_string_equal(a->text, "10\u201324%");
	assert_string_equal(b->text, "[c]");
	devnull = fopen("/dev/null", "w");
	assert_non_null(devnull);
	/* The attack's rule at the threshold these ledgers were made with
	 * (A in 1..2 is no small number at threshold 1). */
	fig_audit_threshold = 1;
	assert_int_equal(test_audit_ledgers(s, c, ls, region, stderr), 0);
	/* Both bands printed: the attacker works both cells back. */
	((struct fig_value *)b)->banded = 1;
	((struct fig_value *)b)->band_lo = 10;
	((struct fig_value *)b)->band_hi = 24;
	texts(ls[1]);
	assert_int_equal(test_audit_ledgers(s, c, ls, region, devnull), 2);
	/* With no band at all there is nothing to find either. */
	((struct fig_value *)a)->banded = 0;
	((struct fig_value *)b)->banded = 0;
	texts(ls[0]);
	texts(ls[1]);
	assert_int_equal(test_audit_ledgers(s, c, ls, region, devnull), 0);
	fig_audit_threshold = 5;
	fclose(devnull);
	fig_ledger_free(ls[0]);
	fig_ledger_free(ls[1]);
	fig_ledger_free(region);
	fig_set_free(s);
	cohort_free(c);
	diag_clear(&d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_band_text_and_limits),
		cmocka_unit_test(test_unsafe_band_is_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * test_sup_work.c: the suppression's work (issues 29, 31.10, 32.3),
 * counted in steps (fig_work), not seconds.  Choosing a complementary
 * cell tries candidates one by one; a candidate outside the cone of the
 * pinned cell (the cells its bounds were derived from) cannot unpin it
 * and is no longer reasoned over.  The choices must not change: the
 * shipped cohort dealt over 4, 8, 16 and 33 boards is suppressed with and
 * without the cone (fig_suppress_cone), every board's ledger compared
 * value by value, and the reasonings counted.  Run from the project root
 * (it reads input/ and templates/figures.yaml).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
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

/* Deals c's cases over its first nb boards, skewed as real boards are
 * (the first boards get more, the last few). */
static void
deal(struct cohort *c, size_t nb, unsigned seed)
{
	size_t i, k;
	unsigned r = seed;

	for (i = 0; i < c->ncases; i++) {
		k = (size_t)rand_r(&r) % nb;
		if (rand_r(&r) % 2)
			k = (size_t)rand_r(&r) % (k + 1);
		c->cases[i].lscb = (int)k;
	}
}

/* Fails unless the ledgers of nb boards, solved with and without a
 * shortcut (boards dealt over n, seed), print and hide every value
 * alike; returns the number of values hidden. */
static size_t
same_ledgers(struct fig_ledger **with, struct fig_ledger **without,
    size_t nb, size_t n, unsigned seed)
{
	size_t b, i, hidden = 0;

	for (b = 0; b < nb; b++) {
		assert_int_equal(with[b]->nvalues, without[b]->nvalues);
		for (i = 0; i < with[b]->nvalues; i++) {
			const struct fig_value *x, *y;

			x = &with[b]->values[i];
			y = &without[b]->values[i];
			if (x->suppressed != y->suppressed ||
			    x->why != y->why ||
			    x->lo != y->lo || x->hi != y->hi ||
			    x->band_lo != y->band_lo ||
			    x->band_hi != y->band_hi ||
			    x->nr_hidden != y->nr_hidden ||
			    x->den_hidden != y->den_hidden)
				fail_msg("%zu boards, seed %u: board %zu %s "
				    "differs", n, seed, b, x->name);
			hidden += x->suppressed;
		}
	}
	return hidden;
}

/* The boards' ledgers of c, suppressed; *reasons: the reasonings they
 * took. */
static struct fig_ledger **
solve(const struct fig_set *s, const struct cohort *c, int cone,
    unsigned long long *reasons)
{
	struct fig_ledger **ls;
	unsigned long long r0 = fig_work.reasons;

	fig_suppress_cone = cone;
	ls = fig_aggregate_boards(s, c);
	fig_suppress_cone = 1;
	*reasons = fig_work.reasons - r0;
	return ls;
}

static void
cone_leaves_every_choice_as_it_was(void **state)
{
	static const size_t nbs[] = { 4, 8, 16, 33 };
	struct diag d;
	struct cohort *c;
	struct fig_set *s;
	struct fig_ledger **with, **without;
	unsigned long long rw, ro, tw = 0, to = 0;
	size_t n, hidden = 0;
	unsigned seed;

	(void)state;
	diag_init(&d, stderr);
	c = case_load_dir("input", NULL, &d);
	assert_non_null(c);
	s = fig_load("templates/figures.yaml", c, &d);
	assert_non_null(s);
	assert_int_equal(d.nerrors, 0);
	for (n = 0; n < sizeof(nbs) / sizeof(nbs[0]); n++)
		for (seed = 1; seed <= 2; seed++) {
			assert_true(nbs[n] <= c->report.nlscbs);
			deal(c, nbs[n], seed);
			without = solve(s, c, 0, &ro);
			with = solve(s, c, 1, &rw);
			hidden += same_ledgers(with, without,
			    c->report.nlscbs, nbs[n], seed);
			/* Never more work; the counts go to the log. */
			assert_true(rw <= ro);
			tw += rw;
			to += ro;
			printf("%zu boards, seed %u: %llu reasonings with the "
			    "cone, %llu without\n", nbs[n], seed, rw, ro);
			fig_boards_free(with, c->report.nlscbs);
			fig_boards_free(without, c->report.nlscbs);
		}
	/* Something was hidden, and the cone saved reasonings overall. */
	assert_true(hidden > 0);
	assert_true(tw < to);
	fig_set_free(s);
	cohort_free(c);
	diag_clear(&d);
}

/* The boards' ledgers of c, suppressed with or without retraction
 * (fig_suppress_retract); *terms, *lps: the terms of relations read and
 * the simplex calls they took. */
static struct fig_ledger **
solve_retract(const struct fig_set *s, const struct cohort *c, int retract,
    unsigned long long *terms)
{
	struct fig_ledger **ls;
	unsigned long long t0 = fig_work.terms;

	fig_suppress_retract = retract;
	ls = fig_aggregate_boards(s, c);
	fig_suppress_retract = 1;
	*terms = fig_work.terms - t0;
	return ls;
}

/*
 * Propagation alone, after a change, retracts only the bounds reasoned
 * from what changed (the relations that narrowed each cell), where it
 * started again the whole part the relations join to it: the same
 * bounds (the greatest fixpoint below the same starting ranges), so
 * every value of every ledger is as it was, for fewer terms read.
 */
static void
retract_leaves_every_value_as_it_was(void **state)
{
	static const size_t nbs[] = { 4, 8, 16, 33 };
	struct diag d;
	struct cohort *c;
	struct fig_set *s;
	struct fig_ledger **with, **without;
	unsigned long long tw, to, sw = 0, so = 0;
	size_t n, hidden = 0;
	unsigned seed;

	(void)state;
	diag_init(&d, stderr);
	c = case_load_dir("input", NULL, &d);
	assert_non_null(c);
	s = fig_load("templates/figures.yaml", c, &d);
	assert_non_null(s);
	assert_int_equal(d.nerrors, 0);
	for (n = 0; n < sizeof(nbs) / sizeof(nbs[0]); n++)
		for (seed = 1; seed <= 2; seed++) {
			deal(c, nbs[n], seed);
			without = solve_retract(s, c, 0, &to);
			with = solve_retract(s, c, 1, &tw);
			hidden += same_ledgers(with, without,
			    c->report.nlscbs, nbs[n], seed);
			sw += tw;
			so += to;
			printf("%zu boards, seed %u: %llu terms retracting, "
			    "%llu starting parts again\n", nbs[n], seed, tw,
			    to);
			fig_boards_free(with, c->report.nlscbs);
			fig_boards_free(without, c->report.nlscbs);
		}
	assert_true(hidden > 0);
	assert_true(sw < so);
	fig_set_free(s);
	cohort_free(c);
	diag_clear(&d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(cone_leaves_every_choice_as_it_was),
		cmocka_unit_test(retract_leaves_every_value_as_it_was),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

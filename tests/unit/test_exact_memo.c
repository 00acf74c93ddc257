/*
 * test_exact_memo.c: the exact reader's memo of components solved
 * (fig_exact_use_memo(), pipeline/fig/fig_exact.c), which the completion
 * step uses to solve again only the components a change touched.  On a
 * system of three independent 2 x 2 tables with their margins published,
 * the answers with the memo are those without it; a system solved again
 * word for word is answered from the memo (no simplex call); a cell
 * shown in one table leaves the other two to the memo; asking for values
 * further apart (need) is a new question, solved, with the answer a
 * solve without the memo gives.
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
#include "case.h"
#include "fig.h"
#include "fig_impl.h"

#define NT	3		/* tables */
#define NV	(4 * NT)	/* cells */

/* The true values: table t is a b / c d. */
static const long truth[NV] = { 2, 3, 4, 1,  1, 1, 1, 1,  5, 0, 2, 6 };

/*
 * Three 2 x 2 tables, every cell hidden (0..10) but the cells shown[],
 * and each table's row and column sums published: a + b, c + d, a + c,
 * b + d.
 */
static struct fig_exact *
tables(const char *shown)
{
	struct fig_exact *E = fig_exact_new(NV);
	static const long k2[] = { 1, 1 };
	size_t t, v, o, pair[2];

	for (v = 0; v < NV; v++)
		if (shown[v])
			fig_exact_bounds(E, v, truth[v], truth[v]);
		else
			fig_exact_bounds(E, v, 0, 10);
	for (t = 0; t < NT; t++) {
		o = 4 * t;
		pair[0] = o; pair[1] = o + 1;
		fig_exact_fact(E, 1, 2, pair, k2, truth[o] + truth[o + 1]);
		pair[0] = o + 2; pair[1] = o + 3;
		fig_exact_fact(E, 1, 2, pair, k2, truth[o + 2] + truth[o + 3]);
		pair[0] = o; pair[1] = o + 2;
		fig_exact_fact(E, 1, 2, pair, k2, truth[o] + truth[o + 2]);
		pair[0] = o + 1; pair[1] = o + 3;
		fig_exact_fact(E, 1, 2, pair, k2, truth[o + 1] + truth[o + 3]);
	}
	return E;
}

/* Solves tables(shown) with memo M (or none): lo, hi of every hidden
 * cell; returns the simplex calls it made. */
static size_t
solve(const char *shown, long need1, struct fig_exact_memo *M, long *lo,
    long *hi)
{
	struct fig_exact *E = tables(shown);
	char want[NV];
	long need[NV];
	size_t v, lps;

	for (v = 0; v < NV; v++) {
		want[v] = !shown[v];
		need[v] = need1;
		lo[v] = hi[v] = -1;
	}
	fig_exact_use_memo(E, M);
	assert_int_equal(fig_exact_solve(E, want, need, 0, truth, lo, hi), 1);
	lps = fig_exact_lps(E);
	fig_exact_free(E);
	return lps;
}

static void
assert_same(const long *alo, const long *ahi, const long *blo,
    const long *bhi)
{
	size_t v;

	for (v = 0; v < NV; v++) {
		assert_int_equal(alo[v], blo[v]);
		assert_int_equal(ahi[v], bhi[v]);
	}
}

static void
memo_answers_as_a_solve_does(void **state)
{
	struct fig_exact_memo *M = fig_exact_memo_new();
	char shown[NV] = { 0 };
	long lo[NV], hi[NV], rlo[NV], rhi[NV];
	size_t v;

	(void)state;
	/* Without the memo: every cell of a table keeps two values or
	 * more (the tables have more than one whole solution). */
	assert_true(solve(shown, 1, NULL, rlo, rhi) > 0);
	for (v = 0; v < NV; v++)
		assert_true(rlo[v] < rhi[v]);
	/* With it, the first time: solved, the same answer. */
	assert_true(solve(shown, 1, M, lo, hi) > 0);
	assert_same(lo, hi, rlo, rhi);
	assert_int_equal(fig_exact_memo_hits(M), 0);
	/* The same system again: every table from the memo. */
	assert_int_equal(solve(shown, 1, M, lo, hi), 0);
	assert_same(lo, hi, rlo, rhi);
	assert_int_equal(fig_exact_memo_hits(M), NT);
	/* A cell of the second table shown: that table is pinned
	 * (its margins give the rest: no problem left), the other two
	 * come from the memo. */
	shown[5] = 1;
	solve(shown, 1, NULL, rlo, rhi);
	assert_int_equal(rlo[4], truth[4]);
	assert_int_equal(rhi[4], truth[4]);
	assert_int_equal(solve(shown, 1, M, lo, hi), 0);
	assert_same(lo, hi, rlo, rhi);
	assert_int_equal(fig_exact_memo_hits(M), NT + NT - 1);
	/* Asking for values further apart is another question: every
	 * table solved again, the answer a solve without the memo's. */
	shown[5] = 0;
	solve(shown, 3, NULL, rlo, rhi);
	assert_true(solve(shown, 3, M, lo, hi) > 0);
	assert_same(lo, hi, rlo, rhi);
	assert_int_equal(fig_exact_memo_hits(M), NT + NT - 1);
	/* And that one again: from the memo. */
	assert_int_equal(solve(shown, 3, M, lo, hi), 0);
	assert_same(lo, hi, rlo, rhi);
	assert_int_equal(fig_exact_memo_hits(M), 3 * NT - 1);
	fig_exact_memo_free(M);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(memo_answers_as_a_solve_does),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

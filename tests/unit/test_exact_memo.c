/*
 * test_exact_memo.c: the exact reader's memo of components solved
 * (fig_exact_use_memo(), pipeline/fig/fig_exact.c), which the completion
 * step uses to solve again only the components a change touched.  On a
 * system of three independent 2 x 2 tables with their margins published,
 * the answers with the memo are those without it; a system solved again
 * word for word is answered from the memo (no simplex call); a cell
 * shown in one table leaves the other two to the memo; asking for values
 * further apart (need) is a new question, solved, with the answer a
 * solve without the memo gives.  The pool of solutions found
 * (fig_exact_use_pool(), issue 32.3): over systems that hide and show
 * cells in turn, every verdict of fig_exact_exposed() is the one a solve
 * without it gives, and the ends of every exposed cell too; a system
 * solved again needs no simplex call.  Whether a pooled solution meets
 * the facts is checked once and kept while the facts and the witness
 * stay the same; a system with another fact checks them again (a
 * solution it breaks witnesses nothing).
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

/* Solves tables(shown), asking values need1 apart with small, with memo
 * M and pool P (either or both NULL): lo, hi of every hidden cell;
 * returns the simplex calls it made. */
static size_t
solve_with(const char *shown, long need1, long small,
    struct fig_exact_memo *M, struct fig_exact_pool *P, long *lo, long *hi)
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
	fig_exact_use_pool(E, P);
	assert_int_equal(fig_exact_solve(E, want, need, small, truth, lo, hi),
	    1);
	lps = fig_exact_lps(E);
	fig_exact_free(E);
	return lps;
}

/* With memo M (or none), small 0. */
static size_t
solve(const char *shown, long need1, struct fig_exact_memo *M, long *lo,
    long *hi)
{
	return solve_with(shown, need1, 0, M, NULL, lo, hi);
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

/* With pool P (or none), small 5. */
static size_t
solve_pool(const char *shown, long need1, struct fig_exact_pool *P,
    long *lo, long *hi)
{
	return solve_with(shown, need1, 5, NULL, P, lo, hi);
}

static void
pool_leaves_every_verdict_as_it_was(void **state)
{
	/* Cells shown in turn, as the completion step hides a cell and
	 * shows one again: none, then some, then none again. */
	static const int steps[][3] = {
		{ -1, -1, -1 }, { 5, -1, -1 }, { -1, -1, -1 }, { 0, 9, -1 },
		{ 0, -1, -1 }, { 2, 7, 11 }, { -1, -1, -1 },
	};
	struct fig_exact_pool *P = fig_exact_pool_new();
	char shown[NV];
	long lo[NV], hi[NV], rlo[NV], rhi[NV], need1;
	size_t i, j, v, exposed = 0, kept;

	(void)state;
	for (need1 = 1; need1 <= 6; need1 += 5)
		for (i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
			memset(shown, 0, sizeof(shown));
			for (j = 0; j < 3; j++)
				if (steps[i][j] >= 0)
					shown[steps[i][j]] = 1;
			solve_pool(shown, need1, NULL, rlo, rhi);
			solve_pool(shown, need1, P, lo, hi);
			for (v = 0; v < NV; v++) {
				int e;

				if (shown[v])
					continue;
				e = fig_exact_exposed(rlo[v], rhi[v], need1, 5);
				assert_int_equal(fig_exact_exposed(lo[v], hi[v],
				    need1, 5), e);
				if (e) {
					assert_int_equal(lo[v], rlo[v]);
					assert_int_equal(hi[v], rhi[v]);
					exposed++;
				}
				assert_true(lo[v] <= truth[v] &&
				    truth[v] <= hi[v]);
			}
		}
	/* Both verdicts were met (need 6 exposes cells, 1 does not). */
	assert_true(exposed > 0);
	/* The system of every cell hidden, once more: the pool's
	 * solutions settle every cell they can (not those of the first
	 * table, 1..5 whatever the solution: only their exact ends say
	 * whether they are exposed), with fewer simplex calls than a
	 * solve without it. */
	memset(shown, 0, sizeof(shown));
	kept = fig_exact_pool_count(P);
	assert_true(kept > 0);
	{
		size_t with, without;

		without = solve_pool(shown, 1, NULL, rlo, rhi);
		with = solve_pool(shown, 1, P, lo, hi);
		assert_true(with < without);
	}
	fig_exact_pool_free(P);
}

static void
pool_checks_facts_once_per_system(void **state)
{
	static const long k2[] = { 1, 1 };
	struct fig_exact_pool *P = fig_exact_pool_new();
	struct fig_exact *E;
	char shown[NV], want[NV];
	long lo[NV], hi[NV], need[NV];
	size_t v, k, n, kept, checked = 0, broken = 0, pair[2] = { 0, 3 };
	const size_t *var;
	const long *val;
	int moves0;

	(void)state;
	memset(shown, 0, sizeof(shown));
	solve_pool(shown, 1, P, lo, hi);
	shown[5] = 1;
	solve_pool(shown, 1, P, lo, hi);
	kept = fig_exact_pool_count(P);
	assert_true(kept > 0);
	/* The second solve (other bounds, the same facts) checked the
	 * solutions of the first: their answers are kept. */
	for (k = 0; k < kept; k++)
		checked += fig_exact_pool_facts(P, k) != 0;
	assert_true(checked > 0);
	/* One fact more: table 0's a + d published too, which pins its
	 * cells (a + b, a + c and a + d with b + d: 2a = const).  A
	 * pooled solution that moves table 0 breaks it, so no cell of
	 * table 0 may be settled by one: each keeps its true value. */
	memset(shown, 0, sizeof(shown));
	E = tables(shown);
	fig_exact_fact(E, 1, 2, pair, k2, truth[0] + truth[3]);
	for (v = 0; v < NV; v++) {
		want[v] = 1;
		need[v] = 1;
	}
	fig_exact_use_pool(E, P);
	assert_int_equal(fig_exact_solve(E, want, need, 5, truth, lo, hi), 1);
	fig_exact_free(E);
	for (v = 0; v < 4; v++) {
		assert_int_equal(lo[v], truth[v]);
		assert_int_equal(hi[v], truth[v]);
	}
	for (k = 0; k < kept; k++) {
		n = fig_exact_pool_get(P, k, &var, &val);
		for (v = 0, moves0 = 0; v < n; v++)
			moves0 |= var[v] < 4;
		if (moves0 && fig_exact_pool_facts(P, k) != 0) {
			assert_int_equal(fig_exact_pool_facts(P, k), -1);
			broken++;
		}
	}
	assert_true(broken > 0);
	fig_exact_pool_free(P);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(memo_answers_as_a_solve_does),
		cmocka_unit_test(pool_leaves_every_verdict_as_it_was),
		cmocka_unit_test(pool_checks_facts_once_per_system),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * test_sup_work.c: the suppression's work (issues 29, 31.10, 32.3),
 * counted in steps (fig_work), not seconds.  Choosing a complementary
 * cell tries candidates one by one; a candidate outside the cone of the
 * pinned cell (the cells its bounds were derived from) cannot unpin it
 * and is no longer reasoned over, nor is the rest of a ring that leaves
 * it pinned all hidden at once; propagation retracts only what a
 * change makes false; probing remembers.  None may change a choice: the
 * shipped cohort dealt over 4, 8, 16 and 33 boards (and over three
 * pooled periods) is suppressed with each shortcut on and off
 * (fig_suppress_cone, fig_suppress_batch, fig_suppress_retract,
 * fig_suppress_memo, fig_suppress_dirty, fig_suppress_sums,
 * fig_suppress_pins), every ledger compared value by value, and the
 * work counted.  Run from the project root (it reads input/ and
 * templates/figures.yaml).
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

/* What a solve took, in fig_work's steps. */
struct took {
	unsigned long long reasons, terms, probes, cells;
	unsigned long long carried, lps;
};

static void
took_since(struct took *t, const struct took *from)
{
	t->reasons = fig_work.reasons - from->reasons;
	t->terms = fig_work.terms - from->terms;
	t->probes = fig_work.probes - from->probes;
	t->cells = fig_work.cells - from->cells;
	t->carried = fig_work.carried - from->carried;
	t->lps = fig_work.lps - from->lps;
}

static void
took_now(struct took *t)
{
	static const struct took none;

	took_since(t, &none);
}

/* Adds t to *sum. */
static void
took_add(struct took *sum, const struct took *t)
{
	sum->reasons += t->reasons;
	sum->terms += t->terms;
	sum->probes += t->probes;
	sum->cells += t->cells;
	sum->carried += t->carried;
	sum->lps += t->lps;
}

/* c's report made three periods, April to March from 2006 (the last to
 * September 2009, input/'s end), the last current. */
static void
three_periods(struct cohort *c)
{
	static const int span[3][2] = { { 20060401, 20070331 },
	    { 20070401, 20080331 }, { 20080401, 20090930 } };
	static const char *label[3] = { "2006-07", "2007-08", "2008-09" };
	struct report *r = &c->report;
	size_t i;

	for (i = 0; i < r->nperiods; i++)
		free(r->periods[i].label);
	free(r->periods);
	r->periods = xcalloc(3, sizeof(*r->periods));
	for (i = 0; i < 3; i++) {
		r->periods[i].label = xstrdup(label[i]);
		r->periods[i].from = span[i][0];
		r->periods[i].to = span[i][1];
	}
	r->nperiods = 3;
	r->period_from = span[2][0];
	r->period_to = span[2][1];
}

/* input/'s cohort (made three periods when periods is set) and the
 * shipped figures, into *c and *s, read without an error. */
static void
load_input(struct diag *d, struct cohort **c, struct fig_set **s,
    int periods)
{
	diag_init(d, stderr);
	*c = case_load_dir("input", NULL, d);
	assert_non_null(*c);
	if (periods)
		three_periods(*c);
	*s = fig_load("templates/figures.yaml", *c, d);
	assert_non_null(*s);
	assert_int_equal(d->nerrors, 0);
}

/* The boards' ledgers of c, suppressed with *flag set to on (1 after);
 * *t: what they took. */
static struct fig_ledger **
solve(const struct fig_set *s, const struct cohort *c, int *flag, int on,
    struct took *t)
{
	struct fig_ledger **ls;
	struct took t0;

	took_now(&t0);
	*flag = on;
	ls = fig_aggregate_boards(s, c);
	*flag = 1;
	took_since(t, &t0);
	return ls;
}

/*
 * input/'s cases dealt over 4, 8, 16 and 33 boards (two seeds each),
 * suppressed with the shortcut *flag on and off: fails unless every
 * ledger prints and hides every value alike and something was hidden.
 * *with and *without: what the solves took in all.
 */
static void
same_with_and_without(int *flag, const char *what, struct took *with,
    struct took *without)
{
	static const size_t nbs[] = { 4, 8, 16, 33 };
	struct diag d;
	struct cohort *c;
	struct fig_set *s;
	struct fig_ledger **lw, **lo;
	struct took tw, to;
	size_t n, hidden = 0;
	unsigned seed;

	memset(with, 0, sizeof(*with));
	memset(without, 0, sizeof(*without));
	load_input(&d, &c, &s, 0);
	for (n = 0; n < sizeof(nbs) / sizeof(nbs[0]); n++)
		for (seed = 1; seed <= 2; seed++) {
			assert_true(nbs[n] <= c->report.nlscbs);
			deal(c, nbs[n], seed);
			lo = solve(s, c, flag, 0, &to);
			lw = solve(s, c, flag, 1, &tw);
			hidden += same_ledgers(lw, lo, c->report.nlscbs,
			    nbs[n], seed);
			printf("%zu boards, seed %u, %s: %llu reasonings, %llu "
			    "terms, %llu probes; without: %llu, %llu, %llu\n",
			    nbs[n], seed, what, tw.reasons, tw.terms,
			    tw.probes, to.reasons, to.terms, to.probes);
			/* The cone never costs a reasoning more. */
			if (flag == &fig_suppress_cone)
				assert_true(tw.reasons <= to.reasons);
			took_add(with, &tw);
			took_add(without, &to);
			fig_boards_free(lw, c->report.nlscbs);
			fig_boards_free(lo, c->report.nlscbs);
		}
	assert_true(hidden > 0);
	fig_set_free(s);
	cohort_free(c);
	diag_clear(&d);
}

/* The cone saves reasonings overall. */
static void
cone_leaves_every_choice_as_it_was(void **state)
{
	struct took with, without;

	(void)state;
	same_with_and_without(&fig_suppress_cone, "cone", &with, &without);
	assert_true(with.reasons < without.reasons);
}

/*
 * Once a candidate has failed to unpin a cell, the rest of its ring are
 * hidden together once; where the cell stays pinned even so, no one of
 * them alone can unpin it (hiding fewer cells never widens a bound), and
 * none is tried: the same choices, for fewer reasonings
 * (bench/same_outputs.sh compares the pooled regions' ledgers).
 */
static void
batch_leaves_every_choice_as_it_was(void **state)
{
	struct took with, without;

	(void)state;
	same_with_and_without(&fig_suppress_batch, "rings at once", &with,
	    &without);
	assert_true(with.reasons < without.reasons);
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
	struct took with, without;

	(void)state;
	same_with_and_without(&fig_suppress_retract, "retracting", &with,
	    &without);
	assert_true(with.terms < without.terms);
}

/*
 * Probing (view 1) goes on from its last fixpoint where a change only
 * narrows, goes back to the one before when a change undoes that, and
 * tries a value again from where its last propagation ended: the same
 * bounds (the greatest fixpoint below the same starting ranges), so
 * every value of every ledger is as it was, for fewer probes and terms.
 */
static void
memo_leaves_every_value_as_it_was(void **state)
{
	struct took with, without;

	(void)state;
	same_with_and_without(&fig_suppress_memo, "memory", &with, &without);
	assert_true(with.terms < without.terms);
	assert_true(with.probes < without.probes);
}

/* Fails unless every ledger of a and b (periods, boards, the pooled
 * total and London's) prints and hides every value alike. */
static void
same_periods(const struct fig_periods *a, const struct fig_periods *b,
    size_t nb, unsigned seed)
{
	size_t p;

	for (p = 0; p < 3; p++) {
		(void)same_ledgers(a->boards[p], b->boards[p], nb, nb, seed);
		(void)same_ledgers(&a->region[p], &b->region[p], 1, nb, seed);
	}
	(void)same_ledgers(a->pooled, b->pooled, nb, nb, seed);
	(void)same_ledgers((struct fig_ledger **)&a->pooled_region,
	    (struct fig_ledger **)&b->pooled_region, 1, nb, seed);
}

/* The same over three periods and their pooled total, solved jointly
 * (the step whose component spans every board and period), with *flag
 * on and off: every ledger alike; the work of each into with and
 * without. */
static void
same_pooled(int *flag, const char *what, struct took *with,
    struct took *without)
{
	struct diag d;
	struct cohort *c;
	struct fig_set *s;
	struct fig_periods *pw, *po;
	struct took t0, tw, to;
	unsigned seed;

	memset(with, 0, sizeof(*with));
	memset(without, 0, sizeof(*without));
	load_input(&d, &c, &s, 1);
	for (seed = 1; seed <= 2; seed++) {
		deal(c, 8, seed);
		took_now(&t0);
		*flag = 0;
		po = fig_aggregate_periods(s, c, 1);
		*flag = 1;
		took_since(&to, &t0);
		took_now(&t0);
		pw = fig_aggregate_periods(s, c, 1);
		took_since(&tw, &t0);
		assert_non_null(pw->pooled);
		same_periods(pw, po, c->report.nlscbs, seed);
		printf("3 periods pooled, seed %u, %s: %llu terms, %llu "
		    "probes, %llu cells, %llu simplex, %llu carried; without: "
		    "%llu, %llu, %llu, %llu, %llu\n", seed, what, tw.terms,
		    tw.probes, tw.cells, tw.lps, tw.carried, to.terms,
		    to.probes, to.cells, to.lps, to.carried);
		took_add(with, &tw);
		took_add(without, &to);
		fig_periods_free(pw);
		fig_periods_free(po);
	}
	fig_set_free(s);
	cohort_free(c);
	diag_clear(&d);
}

static void
memo_leaves_every_pooled_value_as_it_was(void **state)
{
	struct took with, without;

	(void)state;
	same_pooled(&fig_suppress_memo, "memory", &with, &without);
	assert_true(with.terms < without.terms);
	assert_true(with.probes < without.probes);
}

/*
 * After a change, the reasoning compares only the cells changed since
 * it last ran, named as they change, where it compared every cell with
 * a copy: the same starting ranges, so every value of every ledger is as
 * it was, for fewer cells read.  A change not named would leave a range
 * stale: the ledgers would differ here.
 */
static void
dirty_leaves_every_value_as_it_was(void **state)
{
	struct took with, without;

	(void)state;
	same_with_and_without(&fig_suppress_dirty, "changes named", &with,
	    &without);
	assert_true(with.cells < without.cells);
	same_pooled(&fig_suppress_dirty, "changes named", &with, &without);
	assert_true(with.cells < without.cells);
}

/*
 * Propagation keeps each relation's least and greatest sum as the bounds
 * change, and reads a relation whole only when those say a term may
 * narrow, where it read every relation whole at every visit: the same
 * bounds, so every value of every ledger is as it was, for fewer terms
 * read.  A bound changed without its sums following would leave a sum
 * stale, and a relation passed over that would have narrowed a cell:
 * the ledgers would differ here.
 */
static void
sums_leave_every_value_as_it_was(void **state)
{
	struct took with, without;

	(void)state;
	same_with_and_without(&fig_suppress_sums, "sums kept", &with,
	    &without);
	assert_true(with.terms < without.terms);
	same_pooled(&fig_suppress_sums, "sums kept", &with, &without);
	assert_true(with.terms < without.terms);
}

/*
 * After a reasoning, the first cell a reader pins is found from the bits
 * kept as bounds and cells change, where every cell was read: the same
 * cell each time, so every value of every ledger is as it was, for fewer
 * cells read.  A bit not kept as a bound or a cell changed would name
 * another cell, or none: the ledgers would differ here.
 */
static void
pins_leave_every_value_as_it_was(void **state)
{
	struct took with, without;

	(void)state;
	same_with_and_without(&fig_suppress_pins, "pins kept", &with,
	    &without);
	assert_true(with.cells < without.cells);
	same_pooled(&fig_suppress_pins, "pins kept", &with, &without);
	assert_true(with.cells < without.cells);
}

/*
 * Each pooled step's exact checks start from the solutions the step
 * before found, where they started with none: those that fit its bounds
 * and relations settle cells sooner, and never decide one, so every
 * value of every ledger is as it was.  One taken that breaks a relation
 * or a bound would settle a cell the protection rule exposes: the
 * ledgers would differ here.
 */
static void
carry_leaves_every_pooled_value_as_it_was(void **state)
{
	struct took with, without;

	(void)state;
	same_pooled(&fig_suppress_carry, "solutions carried", &with,
	    &without);
	assert_true(with.carried > 0);
	assert_int_equal(without.carried, 0);
	assert_true(with.lps < without.lps);
}

/*
 * Each pooled step's exact checks start from the solutions of the
 * periods it adds too, as their own solves found them, each moved into
 * the totals that hold its period: those that fit settle cells sooner
 * and never decide one, so every value of every ledger is as it was.
 * One moved into the wrong cells would not fit and settle nothing (no
 * fewer problems solved); one taken that breaks a relation would settle
 * a cell the rule exposes (the ledgers would differ).
 */
static void
period_carry_leaves_every_pooled_value_as_it_was(void **state)
{
	struct took with, without;

	(void)state;
	same_pooled(&fig_suppress_carry_periods, "periods' solutions carried",
	    &with, &without);
	assert_true(with.carried > without.carried);
	assert_true(with.lps < without.lps);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(cone_leaves_every_choice_as_it_was),
		cmocka_unit_test(batch_leaves_every_choice_as_it_was),
		cmocka_unit_test(retract_leaves_every_value_as_it_was),
		cmocka_unit_test(memo_leaves_every_value_as_it_was),
		cmocka_unit_test(memo_leaves_every_pooled_value_as_it_was),
		cmocka_unit_test(dirty_leaves_every_value_as_it_was),
		cmocka_unit_test(sums_leave_every_value_as_it_was),
		cmocka_unit_test(pins_leave_every_value_as_it_was),
		cmocka_unit_test(carry_leaves_every_pooled_value_as_it_was),
		cmocka_unit_test(
		    period_carry_leaves_every_pooled_value_as_it_was),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

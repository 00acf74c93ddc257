/*
 * test_fig_audit.c: tests of the attacker, fig_audit()
 * (pipeline/fig_audit.c), and of what it proves about the suppressor
 * (pipeline/fig_suppress.c): it works back each kind of leak of issue 11
 * from ledgers written here by hand; it does not count what London's
 * figures alone say; it finds nothing in the ledgers scrpaper publishes
 * for the shipped cohort reshuffled over a few boards; and every
 * complementary suppression there is needed: showing any one of them
 * lets it work a [c] back.  Runs from the project root.
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
#include "testaudit.h"

/* Figures and relations of the hand-written ledgers below. */
static const char small_yaml[] =
    "figures:\n"
    "  - {name: cases, unit: count, public: true}\n"
    "  - {name: children, unit: count, count_of: children, public: true}\n"
    "  - {name: cases_with_death, unit: cases,"
    " where: {any_child: {outcome: died}}}\n"
    "  - {name: deaths, unit: count, count_of: children,"
    " where: {outcome: died}}\n"
    "  - {name: harm, unit: count, count_of: children,"
    " where: {outcome: serious_harm}}\n"
    "  - {name: harmed, unit: children, where: {outcome: serious_harm}}\n"
    "  - {name: old, unit: children, where: {age_years: {ge: 16}}}\n"
    "  - {name: drugs, unit: cases, where: drug_misuse}\n"
    "relations:\n"
    "  - deaths + harm = children\n"
    "  - harmed = harm\n"
    "  - cases_with_death <= deaths\n"
    "  - deaths <= cases_with_death + children - cases\n";

static const char codebook_yaml[] =
    "codes:\n"
    "  drug_misuse: {level: case, label: drugs, description: d}\n";

static struct fig_set *
load_small(struct cohort **cp)
{
	struct cohort *c = cohort_new();
	struct diag d;
	struct fig_set *s;

	diag_init(&d, stderr);
	assert_int_equal(case_load_codebook_buf(c, "codebook.yaml",
	    codebook_yaml, sizeof(codebook_yaml) - 1, &d), 1);
	s = fig_load_buf("figs.yaml", small_yaml, strlen(small_yaml), c, &d);
	assert_non_null(s);
	diag_clear(&d);
	*cp = c;
	return s;
}

/* Board A's ledger, B's, C's and London's, written as scrpaper prints
 * them; each case names the cell the attacker must work back. */
static const struct leak {
	const char	*title;
	const char	*boards;
	const char	*region;
	const char	*want;		/* a line of the attacker's output */
} leaks[] = {
	{ "the same number under two names",
	    "lscb,name,unit,numerator,denominator,percent,text,not_recorded\n"
	    "A,cases,count,10,,,10,\n"
	    "A,children,count,10,,,10,\n"
	    "A,harm,count,6,,,6,\n"
	    "A,harmed,children,,10,,[c],\n",
	    "name,unit,numerator,denominator,percent,text,not_recorded\n"
	    "cases,count,10,,,10,\n"
	    "children,count,10,,,10,\n",
	    "t: recovered A: harmed = 6, printed [c]" },
	{ "London less the other boards, London's figure 1",
	    "lscb,name,unit,numerator,denominator,percent,text,not_recorded\n"
	    "A,cases,count,8,,,8,\n"
	    "A,children,count,8,,,8,\n"
	    "A,old,children,,8,,[c],\n"
	    "B,cases,count,9,,,9,\n"
	    "B,children,count,9,,,9,\n"
	    "B,old,children,0,9,0,0%,\n",
	    "name,unit,numerator,denominator,percent,text,not_recorded\n"
	    "cases,count,17,,,17,\n"
	    "children,count,17,,,17,\n"
	    "old,children,1,17,6,6%,\n",
	    "t: recovered A: old = 1, printed [c]" },
	{ "not_recorded across boards",
	    "lscb,name,unit,numerator,denominator,percent,text,not_recorded\n"
	    "A,cases,count,9,,,9,\n"
	    "A,children,count,9,,,9,\n"
	    "A,drugs,cases,0,9,0,0%,\n"
	    "B,cases,count,12,,,12,\n"
	    "B,children,count,12,,,12,\n"
	    "B,drugs,cases,0,12,0,0%,7\n",
	    "name,unit,numerator,denominator,percent,text,not_recorded\n"
	    "cases,count,21,,,21,\n"
	    "children,count,21,,,21,\n"
	    "drugs,cases,0,21,0,0%,10\n",
	    "t: recovered A: drugs (not_recorded) = 3, printed [c]" },
	{ "cases_with_death with one child a review",
	    "lscb,name,unit,numerator,denominator,percent,text,not_recorded\n"
	    "A,cases,count,10,,,10,\n"
	    "A,children,count,10,,,10,\n"
	    "A,cases_with_death,cases,9,10,90,90%,\n"
	    "A,deaths,count,,,,[c],\n"
	    "A,harm,count,,,,[c],\n"
	    "B,cases,count,10,,,10,\n"
	    "B,children,count,12,,,12,\n"
	    "B,cases_with_death,cases,,10,,[c],\n"
	    "B,deaths,count,,,,[c],\n"
	    "B,harm,count,,,,[c],\n",
	    "name,unit,numerator,denominator,percent,text,not_recorded\n"
	    "cases,count,20,,,20,\n"
	    "children,count,22,,,22,\n",
	    "t: recovered A: harm = 1, printed [c]" },
};

static void
test_attacker_finds_each_leak(void **state)
{
	struct cohort *c;
	struct fig_set *s = load_small(&c);
	char *out;
	size_t len, i;
	FILE *f;
	long found;

	(void)state;
	for (i = 0; i < sizeof(leaks) / sizeof(leaks[0]); i++) {
		out = NULL;
		f = open_memstream(&out, &len);
		found = fig_audit(s, leaks[i].boards, leaks[i].region, "t", f);
		fclose(f);
		if (found < 1 || strstr(out, leaks[i].want) == NULL)
			fail_msg("%s: found %ld:\n%s", leaks[i].title, found,
			    out);
		free(out);
	}
	fig_set_free(s);
	cohort_free(c);
}

static void
test_attacker_leaves_what_london_says(void **state)
{
	/* London's 0 says every board's 0, and a board with no review is
	 * 0: no secret of a board, so not a recovery. */
	struct cohort *c;
	struct fig_set *s = load_small(&c);
	long found;

	(void)state;
	found = fig_audit(s,
	    "lscb,name,unit,numerator,denominator,percent,text,not_recorded\n"
	    "A,cases,count,8,,,8,\n"
	    "A,children,count,8,,,8,\n"
	    "A,old,children,,8,,[c],\n"
	    "B,cases,count,0,,,0,\n"
	    "B,children,count,0,,,0,\n"
	    "B,old,children,,0,,[c],\n",
	    "name,unit,numerator,denominator,percent,text,not_recorded\n"
	    "cases,count,8,,,8,\n"
	    "children,count,8,,,8,\n"
	    "old,children,0,8,0,0%,\n", "t", stderr);
	assert_int_equal(found, 0);
	/* Ledgers that contradict the relations are refused. */
	found = fig_audit(s,
	    "lscb,name,unit,numerator,denominator,percent,text,not_recorded\n"
	    "A,cases,count,8,,,8,\n"
	    "A,children,count,8,,,8,\n"
	    "A,deaths,count,7,,,7,\n"
	    "A,harm,count,7,,,7,\n",
	    "name,unit,numerator,denominator,percent,text,not_recorded\n"
	    "cases,count,8,,,8,\n", "t", stderr);
	assert_int_equal(found, -1);
	assert_int_equal(fig_audit(s, "junk\n", "junk\n", "t", stderr), -1);
	fig_set_free(s);
	cohort_free(c);
}

/*
 * The shipped cohort, its reviews dealt over four boards (skewed, so
 * that boards show figures and need complementary suppression), for a
 * few seeds: nothing can be worked back, and showing any one
 * complementary [c] lets the attacker work a [c] back.
 */
static void
test_complementary_suppression_is_minimal(void **state)
{
	struct diag d;
	struct cohort *c;
	struct fig_set *s;
	struct fig_ledger **ls, *region;
	unsigned seed;
	size_t i, j, b, ncomp = 0, tried;
	long found;
	FILE *devnull;

	(void)state;
	diag_init(&d, stderr);
	c = case_load_dir("input", NULL, &d);
	s = fig_load("templates/figures.yaml", c, &d);
	assert_non_null(s);
	assert_int_equal(d.nerrors, 0);
	devnull = fopen("/dev/null", "w");
	assert_non_null(devnull);
	for (seed = 1; seed <= 4; seed++) {
		unsigned r = seed;

		for (i = 0; i < c->ncases; i++) {
			int x = rand_r(&r) % 10;

			/* 50%, 30%, 10%, 10% to boards 2, 5, 11, 24. */
			c->cases[i].lscb = x < 5 ? 2 : x < 8 ? 5 : x < 9 ? 11 :
			    24;
		}
		ls = fig_aggregate_boards(s, c);
		region = fig_aggregate_paper(s, c, -1);
		assert_int_equal(test_audit_ledgers(s, c, ls, region, stderr), 0);
		tried = 0;
		for (b = 0; b < c->report.nlscbs; b++)
			for (j = 0; j < ls[b]->nvalues; j++) {
				struct fig_value *v = &ls[b]->values[j];

				if (v->why != FIG_WHY_COMPLEMENTARY ||
				    tried >= 12)
					continue;
				tried++;
				ncomp++;
				v->suppressed = 0;
				found = test_audit_ledgers(s, c, ls, region,
				    devnull);
				v->suppressed = 1;
				if (found < 1)
					fail_msg("seed %u: %s of %s is hidden "
					    "to protect nothing", seed,
					    v->name, c->report.lscbs[b]);
			}
		fig_boards_free(ls, c->report.nlscbs);
		fig_ledger_free(region);
	}
	/* The test proved something. */
	assert_true(ncomp >= 8);
	fclose(devnull);
	fig_set_free(s);
	cohort_free(c);
	diag_clear(&d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_attacker_finds_each_leak),
		cmocka_unit_test(test_attacker_leaves_what_london_says),
		cmocka_unit_test(test_complementary_suppression_is_minimal),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

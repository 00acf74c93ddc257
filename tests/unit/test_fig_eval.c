/*
 * test_fig_eval.c: tests of fig_aggregate() (pipeline/fig/fig_eval.c): every
 * predicate kind, rounding, the period and board selection, not-recorded
 * counts, disclosure control (primary and secondary), a property test
 * against a naive counter, and the real input/ cohort against SPEC.md.
 * Runs from the project root.
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

/* Codes of the test codebook, in index order. */
enum { C_CSC, C_MOVED, C_DRUGS, C_NEGLECT, C__MAX };
static const char *const codes[C__MAX] = {
	"known_to_csc", "moved_continually", "drug_misuse", "neglect"
};

static struct cohort *
mk_cohort(void)
{
	struct cohort *c = cohort_new();
	size_t i;

	c->codebook.codes = xcalloc(C__MAX, sizeof(*c->codebook.codes));
	for (i = 0; i < C__MAX; i++) {
		c->codebook.codes[i].name = xstrdup(codes[i]);
		c->codebook.codes[i].label = xstrdup(codes[i]);
		c->codebook.codes[i].description = xstrdup("");
		c->codebook.codes[i].level = i == C_NEGLECT ? LEVEL_CHILD :
		    LEVEL_CASE;
	}
	c->codebook.ncodes = C__MAX;
	c->nwords = 1;
	c->report.period_from = 20060401;
	c->report.period_to = 20090930;
	c->report.threshold = 5;
	c->report.lscbs = xcalloc(3, sizeof(char *));
	c->report.lscbs[0] = xstrdup("Alpha");
	c->report.lscbs[1] = xstrdup("Beta");
	c->report.lscbs[2] = xstrdup("Gamma");
	c->report.nlscbs = 3;
	return c;
}

/* Appends a case; the pointer is good until the next add_case(). */
static struct scr_case *
add_case(struct cohort *c, size_t lscb, int completed)
{
	struct scr_case *k;

	c->cases = xreallocarray(c->cases, c->ncases + 1, sizeof(*c->cases));
	k = &c->cases[c->ncases];
	memset(k, 0, sizeof(*k));
	k->id = xasprintf("T-%zu", c->ncases);
	c->ncases++;
	k->lscb = lscb;
	k->completed = completed;
	k->lscb_areas_known = 1;
	/* One block for both sets, as the loader makes it (case.h). */
	k->factors = xcalloc(2, sizeof(codeword));
	k->not_recorded = k->factors + 1;
	return k;
}

static struct child *
add_child(struct scr_case *k, enum case_sex sex, int age, enum case_death death)
{
	struct child *ch;

	k->children = xreallocarray(k->children, k->nchildren + 1,
	    sizeof(*k->children));
	ch = &k->children[k->nchildren++];
	memset(ch, 0, sizeof(*ch));
	ch->sex = sex;
	ch->age_years = age;
	ch->death = death;
	ch->outcome = death == DEATH_NONE ? OUTCOME_SERIOUS_HARM : OUTCOME_DIED;
	ch->factors = xcalloc(1, sizeof(codeword));
	return ch;
}

/* Loads yaml (which must be valid) and aggregates c over a selection. */
static struct fig_ledger *
run(const struct cohort *c, const char *yaml, int lscb, int suppress)
{
	struct diag d;
	struct fig_set *s;
	struct fig_ledger *l;
	struct fig_selection sel = { -1, 0, 0 };

	diag_init(&d, stderr);
	s = fig_load_buf("figs.yaml", yaml, strlen(yaml), c, &d);
	assert_non_null(s);
	assert_int_equal(d.nerrors, 0);
	sel.lscb = lscb;
	sel.suppress = suppress;
	l = fig_aggregate(s, c, &sel);
	fig_set_free(s);
	diag_clear(&d);
	return l;
}

static const struct fig_value *
get(const struct fig_ledger *l, const char *name)
{
	const struct fig_value *v = fig_ledger_find(l, name);

	if (v == NULL)
		fail_msg("no figure '%s' in the ledger", name);
	return v;
}

/* A small cohort exercising every field:
 *  case 0 (Alpha, 2007): csc; areas 2; household 1; boy 0 died sudi;
 *                        girl 4 serious harm, neglect
 *  case 1 (Alpha, 2008): csc, moved; areas 4; household 3;
 *                        boy 12 died physical assault, neglect
 *  case 2 (Beta, 2009):  drugs not recorded; areas 1; girl 16 serious harm
 *  case 3 (Beta, 2005):  out of period; csc; boy 3 died neglect
 */
static struct cohort *
mk_small(void)
{
	struct cohort *c = mk_cohort();
	struct scr_case *k;
	struct child *ch;

	k = add_case(c, 0, 20070101);
	codeset_add(k->factors, C_CSC);
	k->lscb_areas_known = 2;
	k->household_children = 1;
	add_child(k, SEX_MALE, 0, DEATH_SUDI);
	ch = add_child(k, SEX_FEMALE, 4, DEATH_NONE);
	codeset_add(ch->factors, C_NEGLECT);

	k = add_case(c, 0, 20080615);
	codeset_add(k->factors, C_CSC);
	codeset_add(k->factors, C_MOVED);
	k->lscb_areas_known = 4;
	k->household_children = 3;
	ch = add_child(k, SEX_MALE, 12, DEATH_PHYSICAL_ASSAULT);
	codeset_add(ch->factors, C_NEGLECT);

	k = add_case(c, 1, 20090930);
	codeset_add(k->not_recorded, C_DRUGS);
	add_child(k, SEX_FEMALE, 16, DEATH_NONE);

	k = add_case(c, 1, 20050101);
	codeset_add(k->factors, C_CSC);
	add_child(k, SEX_MALE, 3, DEATH_NEGLECT);
	return c;
}

/* Table of predicate kinds over mk_small(), region, no suppression. */
static const struct pred_case {
	const char	*title;
	const char	*yaml;		/* one figure named f */
	long		 num;
	long		 den;		/* 0 for a count */
} pred_cases[] = {
	{ "code shorthand", "unit: cases\n    where: known_to_csc", 2, 3 },
	{ "code mapping", "unit: cases\n    where: {code: moved_continually}",
	    1, 3 },
	{ "child-level code", "unit: children\n    where: neglect", 2, 4 },
	{ "case code read by a child", "unit: children\n"
	    "    where: known_to_csc", 3, 4 },
	{ "sex", "unit: children\n    where: {sex: female}", 2, 4 },
	{ "outcome", "unit: children\n    where: {outcome: died}", 2, 4 },
	{ "death_cause", "unit: deaths\n    where: {death_cause: sudi}", 1, 2 },
	{ "death_cause none", "unit: children\n"
	    "    where: {death_cause: none}", 2, 4 },
	{ "age number", "unit: children\n    where: {age_years: 0}", 1, 4 },
	{ "age min max", "unit: children\n"
	    "    where: {age_years: {min: 1, max: 12}}", 2, 4 },
	{ "age ge", "unit: children\n    where: {age_years: {ge: 12}}", 2, 4 },
	{ "age gt", "unit: children\n    where: {age_years: {gt: 12}}", 1, 4 },
	{ "age lt", "unit: children\n    where: {age_years: {lt: 4}}", 1, 4 },
	{ "age le", "unit: children\n    where: {age_years: {le: 4}}", 2, 4 },
	{ "age eq", "unit: children\n    where: {age_years: {eq: 16}}", 1, 4 },
	{ "lscb_areas_known", "unit: cases\n"
	    "    where: {lscb_areas_known: 2}", 1, 3 },
	{ "lscb_areas_known range", "unit: cases\n"
	    "    where: {lscb_areas_known: {ge: 2}}", 2, 3 },
	{ "household_children", "unit: cases\n"
	    "    where: {household_children: {min: 1, max: 2}}", 1, 3 },
	{ "all", "unit: cases\n    where: {all: [known_to_csc, "
	    "{lscb_areas_known: 4}]}", 1, 3 },
	{ "several keys are all", "unit: children\n"
	    "    where: {sex: male, age_years: {ge: 1}}", 1, 4 },
	{ "any", "unit: cases\n    where: {any: [moved_continually, "
	    "{lscb_areas_known: 1}]}", 2, 3 },
	{ "not", "unit: cases\n    where: {not: known_to_csc}", 1, 3 },
	{ "not recorded counts as absent", "unit: cases\n"
	    "    where: {not: drug_misuse}", 3, 3 },
	{ "any_child", "unit: cases\n"
	    "    where: {any_child: {outcome: died}}", 2, 3 },
	{ "any_child with child code", "unit: cases\n"
	    "    where: {any_child: {sex: female, code: neglect}}", 1, 3 },
	{ "of narrows the base", "unit: cases\n"
	    "    of: {any_child: {outcome: died}}\n"
	    "    where: moved_continually", 1, 2 },
	{ "no where counts the base", "unit: children", 4, 4 },
	{ "count of cases", "unit: count\n    where: known_to_csc", 2, 0 },
	{ "count of children", "unit: count\n    count_of: children\n"
	    "    where: {sex: male}", 2, 0 },
	{ "count of deaths", "unit: count\n    count_of: deaths\n"
	    "    where: {age_years: {ge: 1}}", 1, 0 },
	{ "sum household_children", "unit: count\n"
	    "    sum: household_children", 4, 0 },
	{ "sum with where", "unit: count\n    sum: lscb_areas_known\n"
	    "    where: moved_continually", 4, 0 },
};

static void
test_predicate_kinds(void **state)
{
	struct cohort *c = mk_small();
	size_t i;
	char *yaml;
	struct fig_ledger *l;
	const struct fig_value *v;

	for (i = 0; i < sizeof(pred_cases) / sizeof(pred_cases[0]); i++) {
		/* A share of deaths needs the count of deaths beside it. */
		yaml = xasprintf("figures:\n  - name: f\n    %s\n%s",
		    pred_cases[i].yaml, strstr(pred_cases[i].yaml,
		    "deaths") == NULL ? "" : "  - {name: dd, unit: count, "
		    "count_of: children, where: {outcome: died}}\n");
		l = run(c, yaml, -1, 0);
		v = get(l, "f");
		if (v->num != pred_cases[i].num || v->den != pred_cases[i].den)
			fail_msg("%s: got %ld/%ld, want %ld/%ld",
			    pred_cases[i].title, v->num, v->den,
			    pred_cases[i].num, pred_cases[i].den);
		fig_ledger_free(l);
		free(yaml);
	}
	cohort_free(c);
}

static void
test_percent_rounds_half_up(void **state)
{
	assert_int_equal(fig_percent(11, 40), 28);	/* 27.5 */
	assert_int_equal(fig_percent(6, 47), 13);	/* 12.77 */
	assert_int_equal(fig_percent(1, 8), 13);	/* 12.5 */
	assert_int_equal(fig_percent(3, 8), 38);	/* 37.5 */
	assert_int_equal(fig_percent(1, 200), 1);	/* 0.5 */
	assert_int_equal(fig_percent(1, 201), 0);	/* 0.497 */
	assert_int_equal(fig_percent(1, 3), 33);
	assert_int_equal(fig_percent(2, 3), 67);
	assert_int_equal(fig_percent(29, 47), 62);	/* 61.7 */
	assert_int_equal(fig_percent(0, 5), 0);
	assert_int_equal(fig_percent(5, 5), 100);
	assert_int_equal(fig_percent(1, 0), -1);
}

static void
test_percent_in_ledger(void **state)
{
	struct cohort *c = mk_small();
	struct fig_ledger *l;
	const struct fig_value *v;

	l = run(c, "figures:\n  - name: f\n    unit: cases\n"
	    "    where: known_to_csc\n  - name: n\n    unit: count\n", -1, 0);
	v = get(l, "f");
	assert_int_equal(v->percent, 67);		/* 2 of 3 */
	assert_string_equal(v->text, "67%");
	v = get(l, "n");
	assert_int_equal(v->percent, -1);
	assert_int_equal(v->den, 0);
	assert_string_equal(v->text, "3");
	fig_ledger_free(l);
	cohort_free(c);
}

static void
test_period_filter(void **state)
{
	struct cohort *c = mk_small();
	struct fig_ledger *l;

	l = run(c, "figures:\n  - name: n\n    unit: count\n", -1, 0);
	assert_int_equal(l->cases, 3);
	assert_int_equal(l->children, 4);
	assert_int_equal(l->deaths, 2);
	assert_int_equal(l->out_of_period, 1);
	assert_int_equal(get(l, "n")->num, 3);
	fig_ledger_free(l);

	/* Both ends are inclusive: move them onto cases 0 and 2. */
	c->report.period_from = 20070101;
	c->report.period_to = 20080615;
	l = run(c, "figures:\n  - name: n\n    unit: count\n", -1, 0);
	assert_int_equal(l->cases, 2);
	assert_int_equal(l->out_of_period, 2);
	fig_ledger_free(l);
	cohort_free(c);
}

static void
test_lscb_selection(void **state)
{
	struct cohort *c = mk_small();
	struct fig_ledger *l;
	const char *yaml = "figures:\n  - name: f\n    unit: cases\n"
	    "    where: known_to_csc\n";

	l = run(c, yaml, 0, 0);
	assert_int_equal(l->lscb, 0);
	assert_int_equal(l->cases, 2);
	assert_int_equal(l->out_of_period, 0);
	assert_int_equal(get(l, "f")->num, 2);
	assert_int_equal(get(l, "f")->den, 2);
	fig_ledger_free(l);

	l = run(c, yaml, 1, 0);
	assert_int_equal(l->cases, 1);
	assert_int_equal(l->out_of_period, 1);	/* case 3 is Beta's */
	assert_int_equal(get(l, "f")->num, 0);
	fig_ledger_free(l);

	l = run(c, yaml, 2, 0);			/* a board with no case */
	assert_int_equal(l->cases, 0);
	assert_int_equal(get(l, "f")->den, 0);
	assert_int_equal(get(l, "f")->percent, -1);
	assert_string_equal(get(l, "f")->text, "n/a");
	fig_ledger_free(l);
	cohort_free(c);
}

static void
test_not_recorded_counts(void **state)
{
	struct cohort *c = mk_small();
	struct fig_ledger *l;

	codeset_add(c->cases[0].not_recorded, C_MOVED);
	l = run(c, "figures:\n"
	    "  - name: drugs\n    unit: cases\n    where: drug_misuse\n"
	    "  - name: kids\n    unit: children\n    where: drug_misuse\n"
	    "  - name: either\n    unit: cases\n"
	    "    where: {any: [drug_misuse, moved_continually]}\n"
	    "  - name: other\n    unit: cases\n    where: known_to_csc\n"
	    "  - name: based\n    unit: cases\n"
	    "    of: {any_child: {outcome: died}}\n"
	    "    where: drug_misuse\n", -1, 0);
	assert_int_equal(get(l, "drugs")->not_recorded, 1);
	assert_int_equal(get(l, "drugs")->num, 0);
	assert_int_equal(get(l, "drugs")->den, 3);
	/* child-level unit, case-level code: the case's flag, per child */
	assert_int_equal(get(l, "kids")->not_recorded, 1);
	assert_int_equal(get(l, "either")->not_recorded, 2);
	assert_int_equal(get(l, "other")->not_recorded, 0);
	/* only units in the base: case 2 has no death */
	assert_int_equal(get(l, "based")->not_recorded, 0);
	fig_ledger_free(l);
	cohort_free(c);
}

/* A cohort of n cases in board 0 with one child each; the first num
 * have known_to_csc. */
static struct cohort *
mk_flat(int n, int num)
{
	struct cohort *c = mk_cohort();
	struct scr_case *k;
	int i;

	for (i = 0; i < n; i++) {
		k = add_case(c, 0, 20080101);
		if (i < num)
			codeset_add(k->factors, C_CSC);
		add_child(k, i % 2 ? SEX_FEMALE : SEX_MALE, i % 18,
		    DEATH_NONE);
	}
	return c;
}

static const struct supp_case {
	const char	*title;
	int		 den;
	int		 num;
	int		 suppressed;
} supp_cases[] = {
	{ "numerator 0 shown", 20, 0, 0 },
	{ "numerator 1 suppressed", 20, 1, 1 },
	{ "numerator 5 suppressed", 20, 5, 1 },
	{ "numerator 6 shown", 20, 6, 0 },
	{ "denominator 5 suppressed", 5, 0, 1 },
	{ "denominator 6 shown", 6, 0, 0 },
	{ "denominator 6 numerator 6 shown", 6, 6, 0 },
	{ "denominator 0 suppressed", 0, 0, 1 },
};

static void
test_suppression_boundaries(void **state)
{
	size_t i;
	struct cohort *c;
	struct fig_ledger *l;
	const struct fig_value *v;

	for (i = 0; i < sizeof(supp_cases) / sizeof(supp_cases[0]); i++) {
		c = mk_flat(supp_cases[i].den, supp_cases[i].num);
		l = run(c, "figures:\n  - name: f\n    unit: cases\n"
		    "    where: known_to_csc\n", 0, 1);
		v = get(l, "f");
		if (v->suppressed != supp_cases[i].suppressed)
			fail_msg("%s: suppressed %d", supp_cases[i].title,
			    v->suppressed);
		if (v->suppressed)
			assert_string_equal(v->text, "[c]");
		else {
			char *want = xasprintf("%d%%", fig_percent(
			    supp_cases[i].num, supp_cases[i].den));

			assert_string_equal(v->text, want);
			free(want);
		}
		assert_int_equal(l->suppressed_any, v->suppressed);
		fig_ledger_free(l);
		cohort_free(c);
	}
}

static void
test_suppression_of_counts(void **state)
{
	static const int nums[] = { 0, 1, 5, 6 };
	static const int want[] = { 0, 1, 1, 0 };
	struct cohort *c;
	struct fig_ledger *l;
	size_t i;

	for (i = 0; i < 4; i++) {
		c = mk_flat(10, nums[i]);
		l = run(c, "figures:\n  - name: f\n    unit: count\n"
		    "    where: known_to_csc\n    style: words\n", 0, 1);
		assert_int_equal(get(l, "f")->suppressed, want[i]);
		assert_string_equal(get(l, "f")->text, want[i] ? "[c]" :
		    nums[i] == 0 ? "none" : "six");
		fig_ledger_free(l);
		cohort_free(c);
	}
}

static void
test_suppression_threshold_from_report(void **state)
{
	struct cohort *c = mk_flat(20, 6);
	struct fig_ledger *l;

	c->report.threshold = 6;
	l = run(c, "figures:\n  - name: f\n    unit: cases\n"
	    "    where: known_to_csc\n", 0, 1);
	assert_true(get(l, "f")->suppressed);
	fig_ledger_free(l);
	cohort_free(c);
}

static void
test_suppression_off_without_flag(void **state)
{
	struct cohort *c = mk_flat(4, 2);
	struct fig_ledger *l;

	l = run(c, "figures:\n  - name: f\n    unit: cases\n"
	    "    where: known_to_csc\n", 0, 0);
	assert_false(get(l, "f")->suppressed);
	assert_string_equal(get(l, "f")->text, "50%");
	assert_int_equal(l->suppressed_any, 0);
	fig_ledger_free(l);
	cohort_free(c);
}

static void
test_public_never_suppressed(void **state)
{
	struct cohort *c = mk_flat(3, 3);
	struct fig_ledger *l;

	l = run(c, "figures:\n  - name: cases\n    unit: count\n"
	    "    public: true\n  - name: n\n    unit: count\n"
	    "    where: known_to_csc\n", 0, 1);
	assert_false(get(l, "cases")->suppressed);
	assert_string_equal(get(l, "cases")->text, "3");
	assert_true(get(l, "n")->suppressed);
	fig_ledger_free(l);
	cohort_free(c);
}

static void
test_suppressed_deaths_hide_denominator(void **state)
{
	struct cohort *c = mk_small();
	struct fig_ledger *l;

	l = run(c, "figures:\n  - name: d\n    unit: deaths\n"
	    "    where: {death_cause: sudi}\n  - name: k\n    unit: cases\n"
	    "  - {name: dd, unit: count, count_of: children,"
	    " where: {outcome: died}}\n", 0, 1);
	assert_true(get(l, "d")->suppressed);
	assert_true(get(l, "d")->den_hidden);
	assert_true(get(l, "k")->suppressed);
	assert_false(get(l, "k")->den_hidden);	/* cases are public */
	fig_ledger_free(l);
	cohort_free(c);
}

static const char ages_yaml[] =
    "figures:\n"
    "  - {name: a0, unit: children, where: {age_years: 0}, group: ages}\n"
    "  - {name: a1, unit: children, where: {age_years: {min: 1, max: 5}},"
    " group: ages}\n"
    "  - {name: a6, unit: children, where: {age_years: {min: 6, max: 10}},"
    " group: ages}\n"
    "  - {name: a11, unit: children, where: {age_years: {ge: 11}},"
    " group: ages}\n"
    "  - {name: other, unit: children, where: {sex: male}}\n"
    "  - {name: kids, unit: count, count_of: children, public: true}\n"
    "relations:\n"
    "  - a0 + a1 + a6 + a11 = kids\n";

/* A board whose children have the given ages counts (0, 1-5, 6-10, 11+). */
static struct cohort *
mk_ages(int n0, int n1, int n6, int n11)
{
	struct cohort *c = mk_cohort();
	struct scr_case *k;
	int i;

	/* London is suppressed too, or its figures (the board's own) would
	 * say everything. */
	c->report.suppress_regional = 1;
	k = add_case(c, 0, 20080101);
	for (i = 0; i < n0; i++)
		add_child(k, SEX_MALE, 0, DEATH_NONE);
	for (i = 0; i < n1; i++)
		add_child(k, SEX_MALE, 3, DEATH_NONE);
	for (i = 0; i < n6; i++)
		add_child(k, SEX_MALE, 8, DEATH_NONE);
	for (i = 0; i < n11; i++)
		add_child(k, SEX_MALE, 14, DEATH_NONE);
	return c;
}

static void
test_secondary_suppression_one_cell(void **state)
{
	/* 3 under 1 would be total - 10 - 8 - 7: suppress the smallest
	 * other cell (a11, 7) too. */
	struct cohort *c = mk_ages(3, 10, 8, 7);
	struct fig_ledger *l = run(c, ages_yaml, 0, 1);

	assert_true(get(l, "a0")->suppressed);
	assert_false(get(l, "a1")->suppressed);
	assert_false(get(l, "a6")->suppressed);
	assert_true(get(l, "a11")->suppressed);
	assert_string_equal(get(l, "a11")->text, "[c]");
	assert_string_equal(get(l, "a11")->group, "ages");
	assert_false(get(l, "other")->suppressed);	/* not in the group */
	assert_null(get(l, "other")->group);
	fig_ledger_free(l);
	cohort_free(c);
}

static void
test_secondary_suppression_prefers_zero_cells(void **state)
{
	/* A [c] may be 0 (docs/disclosure.md), so hiding the 0 cell
	 * protects the 2 from being pinned and costs least; but a0 + a1 =
	 * 2 keeps the 2 within 0..2, less than t = 5 apart (the
	 * protection rule), so the next cheapest, a6 (9), goes too. */
	struct cohort *c = mk_ages(2, 0, 9, 12);
	struct fig_ledger *l = run(c, ages_yaml, 0, 1);

	assert_true(get(l, "a0")->suppressed);
	assert_int_equal(get(l, "a0")->why, FIG_WHY_PRIMARY);
	assert_true(get(l, "a1")->suppressed);
	assert_int_equal(get(l, "a1")->why, FIG_WHY_COMPLEMENTARY);
	assert_true(get(l, "a6")->suppressed);
	assert_int_equal(get(l, "a6")->why, FIG_WHY_COMPLEMENTARY);
	assert_false(get(l, "a11")->suppressed);
	/* What a reader can tell: a0 + a1 + a6 = 11. */
	assert_int_equal(get(l, "a0")->lo, 0);
	assert_int_equal(get(l, "a0")->hi, 11);
	fig_ledger_free(l);
	cohort_free(c);
}

static void
test_secondary_suppression_pair_needs_width(void **state)
{
	/* Two hidden cells that sum to 2 could be 0 + 2, 1 + 1 or 2 + 0:
	 * neither is pinned, which was once enough; but each is then
	 * 0..2, less than t = 5 apart (the protection rule), so the
	 * cheapest other cell, a6 (8), is hidden too: 0..10. */
	struct cohort *c = mk_ages(1, 1, 8, 9);
	struct fig_ledger *l = run(c, ages_yaml, 0, 1);

	assert_true(get(l, "a0")->suppressed);
	assert_true(get(l, "a1")->suppressed);
	assert_true(get(l, "a6")->suppressed);
	assert_false(get(l, "a11")->suppressed);
	assert_int_equal(get(l, "a0")->lo, 0);
	assert_int_equal(get(l, "a0")->hi, 10);
	fig_ledger_free(l);
	cohort_free(c);
}

static void
test_secondary_suppression_not_needed(void **state)
{
	/* Two suppressed cells summing to 7 (2 + 5) cannot be pinned. */
	struct cohort *c = mk_ages(2, 5, 8, 9);
	struct fig_ledger *l = run(c, ages_yaml, 0, 1);

	assert_true(get(l, "a0")->suppressed);
	assert_true(get(l, "a1")->suppressed);
	assert_false(get(l, "a6")->suppressed);
	assert_false(get(l, "a11")->suppressed);
	fig_ledger_free(l);
	cohort_free(c);
}

static void
test_secondary_suppression_none_needed(void **state)
{
	struct cohort *c = mk_ages(0, 10, 8, 7);
	struct fig_ledger *l = run(c, ages_yaml, 0, 1);

	assert_false(get(l, "a0")->suppressed);	/* zero is shown */
	assert_false(get(l, "a1")->suppressed);
	assert_false(get(l, "a6")->suppressed);
	assert_false(get(l, "a11")->suppressed);
	assert_int_equal(l->suppressed_any, 0);
	fig_ledger_free(l);
	cohort_free(c);
}

static void
test_group_with_small_total_suppressed_whole(void **state)
{
	/* Counts in a group share no denominator, but a total of 5 or
	 * fewer hides every cell, zeros included. */
	struct cohort *c = mk_ages(0, 0, 0, 4);
	struct fig_ledger *l = run(c, "figures:\n"
	    "  - {name: young, unit: count, count_of: children,"
	    " where: {age_years: {lt: 11}}, group: g}\n"
	    "  - {name: old, unit: count, count_of: children,"
	    " where: {age_years: {ge: 11}}, group: g}\n"
	    "  - {name: kids, unit: count, count_of: children, public: true}\n"
	    "relations:\n  - young + old = kids\n", 0, 1);

	assert_true(get(l, "young")->suppressed);
	assert_true(get(l, "old")->suppressed);
	fig_ledger_free(l);
	cohort_free(c);
}

static void
test_secondary_suppression_mixed_units(void **state)
{
	/* The causes of death: deaths percentages and a count of deaths
	 * in one table.  7 assault, 1 sudi, 8 neglect: sudi is primary,
	 * then the smallest shown cell of the table (assault, 7).  The
	 * number of deaths stays shown, and so the shares' base. */
	struct cohort *c = mk_cohort();
	struct scr_case *k = add_case(c, 0, 20080101);
	struct fig_ledger *l;
	int i;

	c->report.suppress_regional = 1;
	for (i = 0; i < 7; i++)
		add_child(k, SEX_MALE, 5, DEATH_PHYSICAL_ASSAULT);
	add_child(k, SEX_MALE, 0, DEATH_SUDI);
	for (i = 0; i < 8; i++)
		add_child(k, SEX_MALE, 5, DEATH_NEGLECT);
	add_child(k, SEX_MALE, 5, DEATH_NONE);
	l = run(c, "figures:\n"
	    "  - {name: sudi, unit: deaths, where: {death_cause: sudi},"
	    " group: causes}\n"
	    "  - {name: assault, unit: deaths,"
	    " where: {death_cause: physical_assault}, group: causes}\n"
	    "  - {name: neg, unit: count, count_of: deaths,"
	    " where: {death_cause: neglect}, group: causes}\n"
	    "  - {name: deaths, unit: count, count_of: children,"
	    " where: {outcome: died}}\n"
	    "relations:\n  - sudi + assault + neg = deaths\n", 0, 1);
	assert_int_equal(get(l, "sudi")->den, 16);
	assert_true(get(l, "sudi")->suppressed);
	assert_true(get(l, "assault")->suppressed);
	assert_int_equal(get(l, "assault")->why, FIG_WHY_COMPLEMENTARY);
	assert_false(get(l, "sudi")->den_hidden);
	assert_false(get(l, "neg")->suppressed);
	assert_false(get(l, "deaths")->suppressed);
	assert_string_equal(get(l, "sudi")->text, "[c]");
	fig_ledger_free(l);
	cohort_free(c);
}

/* Loads yaml as figure definitions for c (free with fig_set_free()). */
static struct fig_set *
load_set(const struct cohort *c, const char *yaml)
{
	struct diag d;
	struct fig_set *s;

	diag_init(&d, stderr);
	s = fig_load_buf("figs.yaml", yaml, strlen(yaml), c, &d);
	assert_non_null(s);
	diag_clear(&d);
	return s;
}

/*
 * Across boards: Alpha has 10 cases (7 known to CSC), Beta 6 (2 known,
 * so [c]), Gamma none.  The region shows 9: Beta's [c] would be 9 - 7,
 * so Alpha's 7 is hidden too; Gamma (no case) stays known as 0.
 */
static void
test_cross_board_suppression(void **state)
{
	struct cohort *c = mk_cohort();
	struct fig_set *s;
	struct fig_ledger **ls;
	int i;

	(void)state;
	for (i = 0; i < 10; i++) {
		struct scr_case *k = add_case(c, 0, 20080101);

		add_child(k, SEX_MALE, 5, DEATH_NONE);
		if (i < 7)
			codeset_add(k->factors, C_CSC);
	}
	for (i = 0; i < 6; i++) {
		struct scr_case *k = add_case(c, 1, 20080101);

		add_child(k, SEX_MALE, 5, DEATH_NONE);
		if (i < 2)
			codeset_add(k->factors, C_CSC);
	}
	s = load_set(c, "figures:\n"
	    "  - {name: csc, unit: cases, where: known_to_csc}\n");
	ls = fig_aggregate_boards(s, c);
	assert_true(ls[1]->values[0].suppressed);	/* primary: 2 */
	assert_true(ls[0]->values[0].suppressed);	/* across boards */
	/* What a reader can tell: 9 less Beta's 0..6, at most 9. */
	assert_int_equal(ls[0]->values[0].lo, 3);
	assert_int_equal(ls[0]->values[0].hi, 9);
	assert_string_equal(ls[0]->values[0].text, "[c]");
	assert_true(ls[2]->values[0].suppressed);	/* no case: no base */
	fig_boards_free(ls, c->report.nlscbs);
	fig_set_free(s);
	cohort_free(c);
}

/* Board ledgers hide a count over a base of t or fewer (a household
 * sum over two reviews), and a not_recorded of 1..t. */
static void
test_small_base_counts_and_not_recorded(void **state)
{
	struct cohort *c = mk_cohort();
	struct fig_ledger *l;
	int i;

	(void)state;
	for (i = 0; i < 2; i++) {
		struct scr_case *k = add_case(c, 0, 20080101);

		add_child(k, SEX_MALE, 5, DEATH_NONE);
		k->household_children = 4;
	}
	for (i = 0; i < 8; i++) {
		struct scr_case *k = add_case(c, 1, 20080101);

		add_child(k, SEX_MALE, 5, DEATH_NONE);
		if (i < 6)
			codeset_add(k->factors, C_CSC);
		else
			codeset_add(k->not_recorded, C_DRUGS);
	}
	l = run(c, "figures:\n"
	    "  - {name: hh, unit: count, sum: household_children}\n", 0, 1);
	assert_true(get(l, "hh")->suppressed);	/* 8 over two reviews */
	fig_ledger_free(l);
	l = run(c, "figures:\n"
	    "  - {name: drugs, unit: cases, where: drug_misuse}\n", 1, 1);
	assert_false(get(l, "drugs")->suppressed);	/* 0 of 8 */
	assert_int_equal(get(l, "drugs")->not_recorded, 2);
	assert_true(get(l, "drugs")->nr_hidden);	/* 2 is 1..t */
	fig_ledger_free(l);
	cohort_free(c);
}

/*
 * Property test: fig_aggregate() against a naive counter written
 * separately, on 200 random cohorts (fixed seed), over random selections.
 */
static const char prop_yaml[] =
    "figures:\n"
    "  - {name: p_code, unit: cases, where: known_to_csc}\n"
    "  - {name: p_not, unit: cases, where: {not: drug_misuse}}\n"
    "  - {name: p_any, unit: cases, where: {any: [known_to_csc,"
    " {lscb_areas_known: {ge: 3}}]}}\n"
    "  - {name: p_all, unit: cases, where: {all: [moved_continually,"
    " {household_children: {min: 1, max: 2}}]}}\n"
    "  - {name: p_died, unit: cases, where: {any_child: {outcome: died}}}\n"
    "  - {name: p_girl_neglect, unit: cases,"
    " where: {any_child: {sex: female, code: neglect}}}\n"
    "  - {name: p_boys, unit: children, where: {sex: male}}\n"
    "  - {name: p_age, unit: children, where: {age_years: {gt: 2, lt: 11}}}\n"
    "  - {name: p_neg_csc, unit: children,"
    " where: {all: [neglect, known_to_csc]}}\n"
    "  - {name: p_sudi, unit: deaths, where: {death_cause: sudi}}\n"
    "  - {name: p_of, unit: cases, of: {any_child: {outcome: died}},"
    " where: drug_misuse}\n"
    "  - {name: p_child_of, unit: children, of: {age_years: {le: 4}},"
    " where: neglect}\n"
    "  - {name: p_cnt_harm, unit: count, count_of: children,"
    " where: {outcome: serious_harm}}\n"
    "  - {name: p_cnt_deaths, unit: count, count_of: deaths,"
    " where: {age_years: {ge: 10}}}\n"
    "  - {name: p_sum, unit: count, sum: household_children,"
    " where: known_to_csc}\n"
    "  - {name: p_sum_areas, unit: count, sum: lscb_areas_known}\n"
    "  - {name: g0, unit: children, where: {age_years: {lt: 5}}, group: g}\n"
    "  - {name: g1, unit: children, where: {age_years: {min: 5, max: 11}},"
    " group: g}\n"
    "  - {name: g2, unit: children, where: {age_years: {ge: 12}}, group: g}\n"
    "  - {name: p_deaths, unit: count, count_of: children,"
    " where: {outcome: died}}\n"
    "  - {name: p_kids, unit: count, count_of: children, public: true}\n"
    "  - {name: p_cases, unit: count, public: true}\n"
    "relations:\n"
    "  - g0 + g1 + g2 = p_kids\n";

enum { P_CODE, P_NOT, P_ANY, P_ALL, P_DIED, P_GIRL_NEGLECT, P_BOYS, P_AGE,
    P_NEG_CSC, P_SUDI, P_OF, P_CHILD_OF, P_CNT_HARM, P_CNT_DEATHS, P_SUM,
    P_SUM_AREAS, P_G0, P_G1, P_G2, P_DEATHS, P_KIDS, P_CASES,
    P__MAX };

struct naive {
	long	num[P__MAX];
	long	den[P__MAX];
	long	nr[P__MAX];
	long	cases, children, out;
};

static int
has(const codeword *set, int code)
{
	return (int)((set[0] >> code) & 1);
}

static void
naive_count(const struct cohort *c, int lscb, struct naive *n)
{
	size_t i, j;
	const struct scr_case *k;
	const struct child *ch;
	int died, girl_neglect;

	memset(n, 0, sizeof(*n));
	for (i = 0; i < c->ncases; i++) {
		k = &c->cases[i];
		if (lscb >= 0 && (int)k->lscb != lscb)
			continue;
		if (k->completed < c->report.period_from ||
		    k->completed > c->report.period_to) {
			n->out++;
			continue;
		}
		n->cases++;
		n->num[P_CASES]++;
		n->children += (long)k->nchildren;
		died = girl_neglect = 0;
		for (j = 0; j < k->nchildren; j++) {
			ch = &k->children[j];
			if (ch->outcome == OUTCOME_DIED)
				died = 1;
			if (ch->sex == SEX_FEMALE && has(ch->factors, C_NEGLECT))
				girl_neglect = 1;
		}
		for (j = P_CODE; j <= P_GIRL_NEGLECT; j++)
			n->den[j]++;
		n->num[P_CODE] += has(k->factors, C_CSC);
		n->nr[P_CODE] += has(k->not_recorded, C_CSC);
		n->num[P_NOT] += !has(k->factors, C_DRUGS);
		n->nr[P_NOT] += has(k->not_recorded, C_DRUGS);
		n->num[P_ANY] += has(k->factors, C_CSC) ||
		    k->lscb_areas_known >= 3;
		n->nr[P_ANY] += has(k->not_recorded, C_CSC);
		n->num[P_ALL] += has(k->factors, C_MOVED) &&
		    k->household_children >= 1 && k->household_children <= 2;
		n->nr[P_ALL] += has(k->not_recorded, C_MOVED);
		n->num[P_DIED] += died;
		n->num[P_GIRL_NEGLECT] += girl_neglect;
		n->nr[P_GIRL_NEGLECT] += has(k->not_recorded, C_NEGLECT);
		if (died) {
			n->den[P_OF]++;
			n->num[P_OF] += has(k->factors, C_DRUGS);
			n->nr[P_OF] += has(k->not_recorded, C_DRUGS);
		}
		n->num[P_SUM] += has(k->factors, C_CSC) ?
		    k->household_children : 0;
		n->nr[P_SUM] += has(k->not_recorded, C_CSC);
		n->num[P_SUM_AREAS] += k->lscb_areas_known;
		for (j = 0; j < k->nchildren; j++) {
			ch = &k->children[j];
			n->den[P_BOYS]++;
			n->num[P_BOYS] += ch->sex == SEX_MALE;
			n->den[P_AGE]++;
			n->num[P_AGE] += ch->age_years > 2 &&
			    ch->age_years < 11;
			n->den[P_NEG_CSC]++;
			n->num[P_NEG_CSC] += has(ch->factors, C_NEGLECT) &&
			    has(k->factors, C_CSC);
			n->nr[P_NEG_CSC] += has(k->not_recorded, C_NEGLECT) ||
			    has(k->not_recorded, C_CSC);
			n->num[P_KIDS]++;
			if (ch->outcome == OUTCOME_DIED) {
				n->num[P_DEATHS]++;
				n->den[P_SUDI]++;
				n->num[P_SUDI] += ch->death == DEATH_SUDI;
				n->num[P_CNT_DEATHS] += ch->age_years >= 10;
			}
			if (ch->age_years <= 4) {
				n->den[P_CHILD_OF]++;
				n->num[P_CHILD_OF] += has(ch->factors,
				    C_NEGLECT);
				n->nr[P_CHILD_OF] += has(k->not_recorded,
				    C_NEGLECT);
			}
			n->num[P_CNT_HARM] += ch->outcome ==
			    OUTCOME_SERIOUS_HARM;
			n->num[P_G0] += ch->age_years < 5;
			n->num[P_G1] += ch->age_years >= 5 &&
			    ch->age_years <= 11;
			n->num[P_G2] += ch->age_years >= 12;
			n->den[P_G0]++;
			n->den[P_G1]++;
			n->den[P_G2]++;
		}
	}
	/* Counts have no denominator. */
	n->den[P_CNT_HARM] = n->den[P_CNT_DEATHS] = n->den[P_SUM] =
	    n->den[P_SUM_AREAS] = n->den[P_DEATHS] = n->den[P_KIDS] =
	    n->den[P_CASES] = 0;
}

static struct cohort *
mk_random(unsigned *seed)
{
	struct cohort *c = mk_cohort();
	struct scr_case *k;
	struct child *ch;
	int ncases = rand_r(seed) % 40, i, j, nch, code;

	for (i = 0; i < ncases; i++) {
		k = add_case(c, (size_t)(rand_r(seed) % 3),
		    20050101 + (rand_r(seed) % 6) * 10000 +
		    (rand_r(seed) % 12) * 100 + 1 + rand_r(seed) % 28);
		k->lscb_areas_known = 1 + rand_r(seed) % 5;
		k->household_children = rand_r(seed) % 5;
		for (code = 0; code < C__MAX; code++) {
			switch (rand_r(seed) % 4) {
			case 0:
			case 1:
				if (code != C_NEGLECT)
					codeset_add(k->factors, (size_t)code);
				break;
			case 2:
				codeset_add(k->not_recorded, (size_t)code);
				break;
			default:
				break;
			}
		}
		nch = 1 + rand_r(seed) % 4;
		for (j = 0; j < nch; j++) {
			ch = add_child(k, rand_r(seed) % 2 ? SEX_MALE :
			    SEX_FEMALE, rand_r(seed) % 18, rand_r(seed) % 5 < 2 ?
			    (enum case_death)(1 + rand_r(seed) % 5) :
			    DEATH_NONE);
			if (rand_r(seed) % 3 == 0 &&
			    !codeset_has(k->not_recorded, C_NEGLECT))
				codeset_add(ch->factors, C_NEGLECT);
		}
	}
	return c;
}

/* A relation the cases break is refused at its line, once, naming the
 * first selection it fails for; true ones pass.  Ledgers computed under
 * it anyway hide every cell rather than trust it. */
static void
test_relations_checked_against_the_data(void **state)
{
	struct cohort *c = mk_small();
	struct fig_set *s;
	struct fig_ledger **ls;
	struct diag d;
	char *msg;

	(void)state;
	s = load_set(c, "figures:\n"
	    "  - {name: kids, unit: count, count_of: children}\n"
	    "  - {name: boys, unit: children, where: {sex: male}}\n"
	    "  - {name: girls, unit: children, where: {sex: female}}\n"
	    "  - {name: reviews, unit: count}\n"
	    "relations:\n"
	    "  - boys + girls = kids\n"
	    "  - boys + girls = reviews\n"
	    "  - reviews <= kids\n");
	diag_init(&d, NULL);
	assert_int_equal(fig_check_data(s, c, &d), 0);
	assert_int_equal(d.nerrors, 1);
	msg = diag_format(&d, 0);
	assert_string_equal(msg, "figs.yaml:8:5: error: relation 'boys + "
	    "girls = reviews' does not hold for Alpha; a wrong relation "
	    "misleads readers and disclosure control alike");
	free(msg);
	diag_clear(&d);
	ls = fig_aggregate_boards(s, c);
	assert_true(ls[0]->values[1].suppressed);
	assert_true(ls[0]->values[2].suppressed);
	fig_boards_free(ls, c->report.nlscbs);
	fig_set_free(s);
	s = load_set(c, "figures:\n"
	    "  - {name: kids, unit: count, count_of: children}\n"
	    "  - {name: boys, unit: children, where: {sex: male}}\n"
	    "  - {name: girls, unit: children, where: {sex: female}}\n"
	    "relations:\n"
	    "  - boys + girls = kids\n");
	diag_init(&d, NULL);
	assert_int_equal(fig_check_data(s, c, &d), 1);
	assert_int_equal(d.nitems, 0);
	diag_clear(&d);
	fig_set_free(s);
	cohort_free(c);
}

/* Runs the attacker on every board's ledger and London's as published
 * for c under the definitions yaml.  Returns what fig_audit() does. */
static long
audit_published(const struct cohort *c, const char *yaml)
{
	struct fig_set *s = load_set(c, yaml);
	struct fig_ledger **ls, *region;
	long found;

	ls = fig_aggregate_boards(s, c);
	region = fig_aggregate_paper(s, c, -1);
	found = test_audit_ledgers(s, c, ls, region, stderr);
	fig_boards_free(ls, c->report.nlscbs);
	fig_ledger_free(region);
	fig_set_free(s);
	return found;
}

static void
test_property_against_naive_counter(void **state)
{
	unsigned seed = 20091130;
	struct cohort *c;
	struct fig_ledger *l;
	struct naive n;
	const struct fig_value *v;
	int iter, lscb, j, t;
	size_t g;

	for (iter = 0; iter < 200; iter++) {
		c = mk_random(&seed);
		lscb = (int)(rand_r(&seed) % 4) - 1;
		naive_count(c, lscb, &n);
		l = run(c, prop_yaml, lscb, iter % 2);
		assert_int_equal(l->nvalues, P__MAX);
		assert_int_equal(l->cases, n.cases);
		assert_int_equal(l->children, n.children);
		assert_int_equal(l->out_of_period, n.out);
		t = c->report.threshold;
		for (j = 0; j < P__MAX; j++) {
			v = &l->values[j];
			if (v->num != n.num[j] || v->den != n.den[j] ||
			    v->not_recorded != n.nr[j])
				fail_msg("cohort %d, %s: got %ld/%ld nr %ld, "
				    "want %ld/%ld nr %ld", iter, v->name,
				    v->num, v->den, v->not_recorded, n.num[j],
				    n.den[j], n.nr[j]);
			if (v->unit != FIG_COUNT)
				assert_int_equal(v->percent, n.den[j] ?
				    (int)((200 * n.num[j] + n.den[j]) /
				    (2 * n.den[j])) : -1);
			if (iter % 2 == 0) {
				assert_false(v->suppressed);
				continue;
			}
			/* Primary suppression always applies. */
			if (((v->num >= 1 && v->num <= t) ||
			    (v->unit != FIG_COUNT && v->den <= t)) &&
			    j != P_KIDS && j != P_CASES)
				assert_true(v->suppressed);
			if (v->suppressed)
				assert_string_equal(v->text, "[c]");
		}
		/* The attacker recovers nothing from what is published. */
		if (iter % 2 == 1)
			assert_int_equal(audit_published(c, prop_yaml), 0);
		(void)g;
		fig_ledger_free(l);
		cohort_free(c);
	}
}

/* Every figure of SPEC.md's table over the real input/ cohort. */
static const struct spec_row {
	const char	*name;
	long		 num;
	long		 den;		/* 0: a count */
	const char	*text;		/* as the paper prints it */
} spec_rows[] = {
	{ "cases", 47, 0, "47" },
	{ "children", 60, 0, "60" },
	{ "household_children", 30, 0, "30" },
	{ "cases_with_death", 29, 47, "62%" },
	{ "boys", 37, 60, "62%" },
	{ "age_under_1", 21, 60, "35%" },
	{ "age_1_5", 14, 60, "23%" },
	{ "age_6_10", 8, 60, "13%" },
	{ "age_11_15", 10, 60, "17%" },
	{ "age_16_plus", 7, 60, "12%" },
	{ "new_immigrants", 7, 47, "15%" },
	{ "cp_plan", 9, 47, "19%" },
	{ "child_in_need", 6, 47, "13%" },
	{ "looked_after", 8, 47, "17%" },
	{ "multiple_referrals", 10, 47, "21%" },
	{ "known_to_csc", 33, 47, "70%" },
	{ "neglect", 16, 60, "27%" },
	{ "neglect_masked_abuse", 2, 0, "2" },
	{ "abuse_network", 6, 47, "13%" },
	{ "death_sudi", 4, 34, "12%" },
	{ "death_assault", 21, 34, "62%" },
	{ "death_neglect", 4, 34, "12%" },
	{ "death_related", 3, 34, "9%" },
	{ "mother_abused_as_child", 8, 47, "17%" },
	{ "parent_known_as_child", 4, 0, "4" },
	{ "male_known_as_child", 4, 0, "four" },
	{ "parent_mental_health", 28, 47, "60%" },
	{ "major_mental_illness", 22, 47, "about half" },
	{ "domestic_violence", 22, 47, "47%" },
	{ "fatal_domestic_violence", 2, 0, "a small number" },
	{ "violent_history", 12, 47, "26%" },
	{ "known_to_two_lscbs", 10, 47, "21%" },
	{ "known_to_four_plus_lscbs", 6, 47, "13%" },
	{ "travel_abroad", 3, 47, "6%" },
	{ "highly_mobile", 19, 47, "40%" },
	{ "language_difficulties", 3, 47, "6%" },
	{ "rent_arrears", 22, 47, "47%" },
	{ "moved_due_to_dv", 4, 47, "9%" },
	{ "neighbour_dispute", 6, 47, "13%" },
	{ "alcohol_misuse", 11, 47, "23%" },
	{ "drug_misuse", 13, 47, "28%" },
	{ "antenatal_problems", 10, 47, "21%" },
	{ "perinatal_problems", 15, 47, "32%" },
	{ "recording_communication", 24, 47, "half" },
	{ "flawed_planning", 11, 47, "almost a quarter" },
	{ "death_suicide", 2, 0, "a small number" },
	/* Beyond the table: the counts the paper words. */
	{ "deaths", 34, 0, "34" },
	{ "misleading_parents", 7, 0, "several" },
	{ "unrecognised_pressures", 3, 0, "a small number" },
	{ "drug_dealer", 3, 0, "a small number" },
	{ "baby_withdrawal", 2, 0, "a small number" },
};

static void
test_real_input_matches_paper(void **state)
{
	struct diag d;
	struct cohort *c;
	struct fig_set *s;
	struct fig_ledger *l;
	struct fig_selection sel = { -1, 0, 0 };
	const struct fig_value *v;
	size_t i;

	diag_init(&d, stderr);
	c = case_load_dir("input", NULL, &d);
	assert_non_null(c);
	s = fig_load("templates/figures.yaml", c, &d);
	assert_non_null(s);
	assert_int_equal(d.nerrors, 0);
	l = fig_aggregate(s, c, &sel);
	assert_int_equal(l->cases, 47);
	assert_int_equal(l->children, 60);
	assert_int_equal(l->deaths, 34);
	assert_int_equal(l->out_of_period, 0);
	assert_int_equal(l->suppressed_any, 0);
	for (i = 0; i < sizeof(spec_rows) / sizeof(spec_rows[0]); i++) {
		v = get(l, spec_rows[i].name);
		if (v->num != spec_rows[i].num || v->den != spec_rows[i].den ||
		    strcmp(v->text, spec_rows[i].text) != 0)
			fail_msg("%s: got %ld/%ld \"%s\", want %ld/%ld \"%s\"",
			    v->name, v->num, v->den, v->text,
			    spec_rows[i].num, spec_rows[i].den,
			    spec_rows[i].text);
		assert_int_equal(v->unit, spec_rows[i].den ? v->unit :
		    FIG_COUNT);
	}
	/* The paper's prose for the new immigrants: "Approximately 15%". */
	assert_int_equal(get(l, "new_immigrants")->percent, 15);
	fig_ledger_free(l);
	fig_set_free(s);
	cohort_free(c);
	diag_clear(&d);
}

static void
test_real_input_board_is_suppressed(void **state)
{
	struct diag d;
	struct cohort *c;
	struct fig_set *s;
	struct fig_ledger *l;
	struct fig_selection sel = { -1, 0, 0 };
	const struct fig_value *v;
	size_t i, b;

	diag_init(&d, stderr);
	c = case_load_dir("input", NULL, &d);
	assert_non_null(c);
	s = fig_load("templates/figures.yaml", c, &d);
	assert_non_null(s);
	for (b = 0; b < c->report.nlscbs; b++) {
		sel.lscb = (int)b;
		sel.suppress = 1;
		l = fig_aggregate(s, c, &sel);
		/* No board has more than 5 cases: every percentage hides,
		 * the public counts stay. */
		assert_true(l->cases <= 5);
		for (i = 0; i < l->nvalues; i++) {
			v = &l->values[i];
			if (v->unit != FIG_COUNT && v->den <= 5)
				assert_true(v->suppressed);
			if (v->num >= 1 && v->num <= 5 &&
			    strcmp(v->name, "cases") != 0 &&
			    strcmp(v->name, "children") != 0)
				assert_true(v->suppressed);
		}
		assert_false(get(l, "cases")->suppressed);
		assert_int_equal(get(l, "cases")->num, l->cases);
		fig_ledger_free(l);
	}
	fig_set_free(s);
	cohort_free(c);
	diag_clear(&d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_predicate_kinds),
		cmocka_unit_test(test_percent_rounds_half_up),
		cmocka_unit_test(test_percent_in_ledger),
		cmocka_unit_test(test_period_filter),
		cmocka_unit_test(test_lscb_selection),
		cmocka_unit_test(test_not_recorded_counts),
		cmocka_unit_test(test_suppression_boundaries),
		cmocka_unit_test(test_suppression_of_counts),
		cmocka_unit_test(test_suppression_threshold_from_report),
		cmocka_unit_test(test_suppression_off_without_flag),
		cmocka_unit_test(test_public_never_suppressed),
		cmocka_unit_test(test_suppressed_deaths_hide_denominator),
		cmocka_unit_test(test_secondary_suppression_one_cell),
		cmocka_unit_test(test_secondary_suppression_prefers_zero_cells),
		cmocka_unit_test(test_secondary_suppression_pair_needs_width),
		cmocka_unit_test(test_secondary_suppression_not_needed),
		cmocka_unit_test(test_secondary_suppression_none_needed),
		cmocka_unit_test(test_group_with_small_total_suppressed_whole),
		cmocka_unit_test(test_secondary_suppression_mixed_units),
		cmocka_unit_test(test_cross_board_suppression),
		cmocka_unit_test(test_small_base_counts_and_not_recorded),
		cmocka_unit_test(test_relations_checked_against_the_data),
		cmocka_unit_test(test_property_against_naive_counter),
		cmocka_unit_test(test_real_input_matches_paper),
		cmocka_unit_test(test_real_input_board_is_suppressed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

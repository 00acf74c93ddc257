/*
 * test_fig_load.c: tests of fig_load_buf() and fig_load()
 * (pipeline/fig/fig_load.c): what a valid figures file gives, and one
 * FILE:LINE:COL diagnostic for each kind of mistake.
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

static const char codebook_yaml[] =
    "codes:\n"
    "  known_to_csc: {level: case, label: known, description: d}\n"
    "  moved_continually: {level: case, label: moved, description: d}\n"
    "  drug_misuse: {level: case, label: drugs, description: d}\n"
    "  neglect: {level: child, label: neglect, description: d}\n";

static struct cohort *
mk_cohort(void)
{
	struct cohort *c = cohort_new();
	struct diag d;

	diag_init(&d, stderr);
	assert_int_equal(case_load_codebook_buf(c, "codebook.yaml",
	    codebook_yaml, sizeof(codebook_yaml) - 1, &d), 1);
	diag_clear(&d);
	return c;
}

static int
setup(void **state)
{
	*state = mk_cohort();
	return 0;
}

static int
teardown(void **state)
{
	cohort_free(*state);
	return 0;
}

/* Loads yaml; returns the set (NULL if invalid) and fills d. */
static struct fig_set *
load(const struct cohort *c, const char *yaml, struct diag *d)
{
	diag_init(d, NULL);
	return fig_load_buf("figs.yaml", yaml, strlen(yaml), c, d);
}

static void
test_valid_file_loads_in_order(void **state)
{
	struct diag d;
	struct fig_set *s = load(*state,
	    "# a comment\n"
	    "figures:\n"
	    "  - name: cases\n"
	    "    unit: count\n"
	    "    public: true\n"
	    "    description: reviews\n"
	    "  - name: boys\n"
	    "    unit: children\n"
	    "    where: {sex: male}\n"
	    "    style: approx\n"
	    "  - name: areas\n"
	    "    unit: count\n"
	    "    sum: lscb_areas_known\n"
	    "    public: false\n", &d);

	assert_non_null(s);
	assert_int_equal(d.nitems, 0);
	assert_int_equal(fig_set_size(s), 3);
	assert_string_equal(fig_set_name(s, 0), "cases");
	assert_string_equal(fig_set_name(s, 1), "boys");
	assert_string_equal(fig_set_name(s, 2), "areas");
	assert_null(fig_set_name(s, 3));
	fig_set_free(s);
	diag_clear(&d);
}

static void
test_real_figures_file_loads(void **state)
{
	struct diag d;
	struct cohort *c;
	struct fig_set *s;

	diag_init(&d, stderr);
	c = case_load_dir("input", NULL, &d);
	assert_non_null(c);
	s = fig_load("templates/figures.yaml", c, &d);
	assert_non_null(s);
	assert_int_equal(d.nerrors, 0);
	assert_true(fig_set_size(s) >= 46);
	fig_set_free(s);
	cohort_free(c);
	diag_clear(&d);
}

static void
test_missing_file_is_reported(void **state)
{
	struct diag d;

	diag_init(&d, NULL);
	assert_null(fig_load("no/such/figures.yaml", *state, &d));
	assert_int_equal(d.nerrors, 1);
	assert_int_equal(strncmp(d.items[0].msg, "cannot read", 11), 0);
	assert_int_equal(d.items[0].line, 0);
	diag_clear(&d);
}

static void
test_free_accepts_null(void **state)
{
	fig_set_free(NULL);
	fig_ledger_free(NULL);
	assert_int_equal(fig_set_size(NULL), 0);
}

static void
test_name_tables(void **state)
{
	assert_int_equal(fig_style_find("percent"), FIG_STYLE_PERCENT);
	assert_int_equal(fig_style_find("digits"), FIG_STYLE_DIGITS);
	assert_int_equal(fig_style_find("words"), FIG_STYLE_WORDS);
	assert_int_equal(fig_style_find("approx"), FIG_STYLE_APPROX);
	assert_int_equal(fig_style_find("Approx"), -1);
	assert_int_equal(fig_unit_find("count"), FIG_COUNT);
	assert_int_equal(fig_unit_find("cases"), FIG_CASES);
	assert_int_equal(fig_unit_find("children"), FIG_CHILDREN);
	assert_int_equal(fig_unit_find("deaths"), FIG_DEATHS);
	assert_int_equal(fig_unit_find("case"), -1);
	assert_string_equal(fig_unit_names[FIG_DEATHS], "deaths");
	assert_string_equal(fig_style_names[FIG_STYLE_APPROX], "approx");
}

/*
 * Each bad file gives exactly the first diagnostic shown.  "F" stands for
 * the head "figures:\n  - name: f\n" (so the figure's own keys start on
 * line 3, column 5).
 */
#define F "figures:\n  - name: f\n"

static const struct bad_case {
	const char	*title;
	const char	*yaml;
	const char	*diag;		/* the first message, formatted */
	size_t		 nerrors;
} bad_cases[] = {
	{ "unknown key",
	  F "    unit: cases\n    wher: known_to_csc\n",
	  "figs.yaml:4:5: error: unknown key 'wher'; did you mean 'where'?",
	  1 },
	{ "unknown top-level key",
	  "figure:\n  - {name: f, unit: count}\n",
	  "figs.yaml:1:1: error: unknown key 'figure'; did you mean "
	  "'figures'?", 2 },
	{ "unknown code with suggestion",
	  F "    unit: cases\n    where: knwon_to_csc\n",
	  "figs.yaml:4:12: error: unknown code 'knwon_to_csc'; did you mean "
	  "'known_to_csc'?", 1 },
	{ "unknown code without suggestion",
	  F "    unit: cases\n    where: {code: zzzzzz}\n",
	  "figs.yaml:4:19: error: unknown code 'zzzzzz'", 1 },
	{ "child-level code in a cases figure",
	  F "    unit: cases\n    where: neglect\n",
	  "figs.yaml:4:12: error: 'neglect' is a child-level code, but this "
	  "test is of a case; write any_child: {code: neglect}, or count "
	  "children", 1 },
	{ "child field in a cases figure",
	  F "    unit: cases\n    where: {sex: male}\n",
	  "figs.yaml:4:13: error: sex is a field of a child, but this test "
	  "is of a case; write any_child: {sex: male}, or count children", 1 },
	{ "age in a count of cases",
	  F "    unit: count\n    where: {age_years: 3}\n",
	  "figs.yaml:4:13: error: age_years is a field of a child, but this "
	  "test is of a case; write any_child: {age_years: ...}, or count "
	  "children", 1 },
	{ "any_child inside a child test",
	  F "    unit: children\n    where: {any_child: {sex: male}}\n",
	  "figs.yaml:4:13: error: any_child: only a test of a case can look "
	  "at its children; this test is already of a child", 1 },
	{ "unknown field",
	  F "    unit: children\n    where: {gender: male}\n",
	  "figs.yaml:4:13: error: unknown test 'gender'", 1 },
	{ "misspelt field",
	  F "    unit: children\n    where: {age_year: 3}\n",
	  "figs.yaml:4:13: error: unknown test 'age_year'; did you mean "
	  "'age_years'?", 1 },
	{ "code used as a test key",
	  F "    unit: cases\n    where: {known_to_csc: true}\n",
	  "figs.yaml:4:13: error: unknown test 'known_to_csc'; to test the "
	  "code, write code: known_to_csc", 1 },
	{ "string field compared with a number",
	  F "    unit: children\n    where: {sex: 1}\n",
	  "figs.yaml:4:18: error: sex: compares a name with the number 1; "
	  "expected male or female", 1 },
	{ "code compared with a number",
	  F "    unit: cases\n    where: {code: 12}\n",
	  "figs.yaml:4:19: error: code: compares a name with the number 12; "
	  "expected a code name", 1 },
	{ "bare number as a test",
	  F "    unit: cases\n    where: 3\n",
	  "figs.yaml:4:12: error: a test is a code name or a mapping such as "
	  "{code: NAME}, not the number 3", 1 },
	{ "number field compared with a name",
	  F "    unit: children\n    where: {age_years: baby}\n",
	  "figs.yaml:4:24: error: age_years: compares a number with 'baby'; "
	  "expected a whole number or a range such as {min: 1, max: 5}", 1 },
	{ "bad range bound",
	  F "    unit: cases\n    where: {lscb_areas_known: {from: 2}}\n",
	  "figs.yaml:4:32: error: unknown range bound 'from'", 1 },
	{ "range bound not a number",
	  F "    unit: cases\n    where: {household_children: {ge: two}}\n",
	  "figs.yaml:4:38: error: household_children: ge: expected a whole "
	  "number, not two", 1 },
	{ "empty range",
	  F "    unit: children\n    where: {age_years: {min: 5, max: 1}}\n",
	  "figs.yaml:4:24: error: age_years: the range holds no value", 1 },
	{ "bad enum value",
	  F "    unit: deaths\n    where: {death_cause: sids}\n",
	  "figs.yaml:4:26: error: unknown death_cause 'sids'; did you mean "
	  "'sudi'?", 1 },
	{ "empty any",
	  F "    unit: cases\n    where: {any: []}\n",
	  "figs.yaml:4:18: error: any: expected a non-empty list of tests, "
	  "not an empty list", 1 },
	{ "list where a test is due",
	  F "    unit: cases\n    where: [known_to_csc]\n",
	  "figs.yaml:4:12: error: a test is a code name or a mapping such as "
	  "{code: NAME}, not a sequence; use all: [...] or any: [...] for a "
	  "list", 1 },
	{ "every error in a list",
	  F "    unit: cases\n    where: {all: [knwon_to_csc, {sex: male}]}\n",
	  "figs.yaml:4:19: error: unknown code 'knwon_to_csc'; did you mean "
	  "'known_to_csc'?", 2 },
	{ "bad unit",
	  F "    unit: case\n",
	  "figs.yaml:3:11: error: unknown unit 'case'; did you mean "
	  "'cases'?", 1 },
	{ "missing unit",
	  F "    where: known_to_csc\n",
	  "figs.yaml:2:5: error: figure 'f' has no unit (count, cases, "
	  "children or deaths)", 1 },
	{ "missing name",
	  "figures:\n  - unit: count\n",
	  "figs.yaml:2:5: error: figure without a name", 1 },
	{ "bad name",
	  "figures:\n  - name: Boys\n    unit: count\n",
	  "figs.yaml:2:11: error: figure name 'Boys': use lower-case letters, "
	  "digits and '_', starting with a letter", 1 },
	{ "reserved name",
	  "figures:\n  - name: out_of_period\n    unit: count\n",
	  "figs.yaml:2:11: error: figure name 'out_of_period' is reserved: "
	  "the ledger prints the cases left out by the period under it", 1 },
	{ "bad style",
	  F "    unit: cases\n    style: aprox\n",
	  "figs.yaml:4:12: error: unknown style 'aprox'; did you mean "
	  "'approx'?", 1 },
	{ "percent style on a count",
	  F "    unit: count\n    style: percent\n",
	  "figs.yaml:4:12: error: style: a count has no percentage; use "
	  "digits, words or approx, or a unit with a base (cases, children, "
	  "deaths)", 1 },
	{ "duplicate figure",
	  F "    unit: count\n  - name: f\n    unit: cases\n",
	  "figs.yaml:4:5: error: duplicate figure 'f' (first defined at line "
	  "2)", 1 },
	{ "count_of on a percentage",
	  F "    unit: cases\n    count_of: children\n",
	  "figs.yaml:4:15: error: count_of: only a count figure chooses what "
	  "it counts; a cases figure counts cases", 1 },
	{ "bad count_of",
	  F "    unit: count\n    count_of: chidren\n",
	  "figs.yaml:4:15: error: unknown count_of 'chidren'; did you mean "
	  "'children'?", 1 },
	{ "sum on a percentage",
	  F "    unit: cases\n    sum: household_children\n",
	  "figs.yaml:4:10: error: sum: only a count figure can sum a field",
	  1 },
	{ "sum of children",
	  F "    unit: count\n    count_of: children\n"
	  "    sum: household_children\n",
	  "figs.yaml:5:10: error: sum: household_children is a field of a "
	  "case, so the figure must count cases, not children", 1 },
	{ "bad sum field",
	  F "    unit: count\n    sum: age_years\n",
	  "figs.yaml:4:10: error: unknown field to sum 'age_years'", 1 },
	{ "of on a count",
	  F "    unit: count\n    of: known_to_csc\n",
	  "figs.yaml:4:9: error: of: a count figure has no base; use where: "
	  "to say what it counts", 1 },
	{ "numerator contradicts the base",
	  F "    unit: children\n    of: {sex: male}\n"
	  "    where: {sex: female}\n",
	  "figs.yaml:5:12: error: figure 'f': the numerator contradicts the "
	  "test at line 4, so it can never count anything; a figure counts "
	  "only units in its base", 1 },
	{ "numerator contradicts the deaths unit",
	  F "    unit: deaths\n    where: {outcome: serious_harm}\n",
	  "figs.yaml:4:12: error: figure 'f': the numerator contradicts the "
	  "deaths unit (children who died) at line 2, so it can never count "
	  "anything; a figure counts only units in its base", 1 },
	{ "numerator range outside the base range",
	  F "    unit: children\n    of: {age_years: {lt: 5}}\n"
	  "    where: {age_years: {ge: 11}}\n",
	  "figs.yaml:5:12: error: figure 'f': the numerator contradicts the "
	  "test at line 4, so it can never count anything; a figure counts "
	  "only units in its base", 1 },
	{ "numerator negates the base",
	  F "    unit: cases\n    of: known_to_csc\n"
	  "    where: {not: known_to_csc}\n",
	  "figs.yaml:5:12: error: figure 'f': the numerator contradicts the "
	  "test at line 4, so it can never count anything; a figure counts "
	  "only units in its base", 1 },
	{ "group over different bases",
	  "figures:\n"
	  "  - {name: a, unit: children, where: {sex: male}, group: g}\n"
	  "  - {name: b, unit: cases, where: known_to_csc, group: g}\n",
	  "figs.yaml:3:5: error: figure 'b' is in group 'g' with 'a' but "
	  "counts cases over a different base; a group is one table with one "
	  "total", 1 },
	{ "bad public",
	  F "    unit: count\n    public: yes\n",
	  "figs.yaml:4:13: error: public: expected true or false", 1 },
	{ "figures not a list",
	  "figures: {name: f}\n",
	  "figs.yaml:1:10: error: figures: expected a list, not a mapping",
	  1 },
	{ "figure not a mapping",
	  "figures:\n  - boys\n",
	  "figs.yaml:2:5: error: a figure is a mapping with name, unit and "
	  "where, not a scalar", 1 },
	{ "empty file",
	  "",
	  "figs.yaml: error: expected a mapping with a 'figures' list", 1 },
	{ "YAML syntax error",
	  "figures: [\n",
	  NULL, 1 },
};

static void
test_bad_files(void **state)
{
	const struct bad_case *b;
	struct fig_set *s;
	struct diag d;
	char *msg;
	size_t i;

	for (i = 0; i < sizeof(bad_cases) / sizeof(bad_cases[0]); i++) {
		b = &bad_cases[i];
		s = load(*state, b->yaml, &d);
		if (s != NULL)
			fail_msg("%s: loaded", b->title);
		if (d.nerrors != b->nerrors)
			fail_msg("%s: %zu errors, want %zu", b->title,
			    d.nerrors, b->nerrors);
		msg = diag_format(&d, 0);
		if (b->diag != NULL && strcmp(msg, b->diag) != 0)
			fail_msg("%s:\n got  %s\n want %s", b->title, msg,
			    b->diag);
		if (b->diag == NULL)
			assert_non_null(strstr(msg, "YAML syntax"));
		free(msg);
		diag_clear(&d);
	}
}

static void
test_every_bad_figure_reported(void **state)
{
	struct diag d;
	struct fig_set *s = load(*state,
	    "figures:\n"
	    "  - {name: a, unit: cases, where: knwon_to_csc}\n"
	    "  - {name: b, unit: bogus}\n"
	    "  - {name: c, unit: count}\n"
	    "  - {name: d, unit: children, where: {sex: mail}}\n", &d);

	assert_null(s);
	assert_int_equal(d.nerrors, 3);
	assert_int_equal(d.items[0].line, 2);
	assert_int_equal(d.items[1].line, 3);
	assert_int_equal(d.items[2].line, 5);
	assert_string_equal(d.items[2].msg, "unknown sex 'mail'; did you mean "
	    "'male'?");
	diag_clear(&d);
}

static void
test_groups_of_one_base_load(void **state)
{
	struct diag d;
	struct fig_set *s = load(*state,
	    "figures:\n"
	    "  - {name: sudi, unit: deaths, where: {death_cause: sudi},"
	    " group: causes}\n"
	    "  - {name: suicide, unit: count, count_of: deaths,"
	    " where: {death_cause: suicide}, group: causes}\n"
	    "  - {name: young, unit: children, of: {sex: male},"
	    " where: {age_years: {lt: 5}}, group: boys}\n"
	    "  - {name: old, unit: children, of: {sex: male},"
	    " where: {age_years: {ge: 5}}, group: boys}\n"
	    "  - {name: deaths, unit: count, count_of: children,"
	    " where: {outcome: died}}\n"
	    "  - {name: boys, unit: count, count_of: children,"
	    " where: {sex: male}}\n"
	    "relations:\n"
	    "  - sudi + suicide <= deaths\n"
	    "  - young + old = boys\n", &d);

	assert_non_null(s);
	assert_int_equal(d.nitems, 0);
	fig_set_free(s);
	diag_clear(&d);
}

static void
test_compatible_tests_load(void **state)
{
	struct diag d;
	/* Ranges that meet, a different code under not, deaths by cause. */
	struct fig_set *s = load(*state,
	    "figures:\n"
	    "  - {name: a, unit: children, of: {age_years: {lt: 5}},"
	    " where: {age_years: {ge: 4}}}\n"
	    "  - {name: b, unit: cases, of: known_to_csc,"
	    " where: {not: drug_misuse}}\n"
	    "  - {name: c, unit: deaths, where: {death_cause: suicide,"
	    " outcome: died}}\n"
	    "  - {name: d, unit: cases, where: {any_child: {all: [neglect,"
	    " {outcome: serious_harm}]}}}\n"
	    "  - {name: deaths, unit: count, count_of: children,"
	    " where: {outcome: died}}\n", &d);

	assert_non_null(s);
	assert_int_equal(d.nitems, 0);
	fig_set_free(s);
	diag_clear(&d);
}

/* Relations: what a reader can combine must be declared. */
static const struct rel_case {
	const char	*title;
	const char	*yaml;
	int		 line;		/* of the one error */
	const char	*msg;
} rel_cases[] = {
	{ "second name for a counted set",
	    "figures:\n"
	    "  - {name: harmed, unit: count, count_of: children,"
	    " where: {outcome: serious_harm}}\n"
	    "  - {name: harmed_share, unit: children,"
	    " where: {outcome: serious_harm}}\n", 3,
	    "figure 'harmed_share' counts the same set as 'harmed' (line 2), "
	    "so a reader can read one from the other; declare "
	    "'harmed_share = harmed' under relations" },
	{ "a cause of death says the child died",
	    "figures:\n"
	    "  - {name: deaths, unit: count, count_of: children,"
	    " where: {outcome: died}}\n"
	    "  - {name: sudi, unit: deaths, where: {death_cause: sudi}}\n"
	    "  - {name: died_sudi, unit: children,"
	    " where: {outcome: died, death_cause: sudi}}\n", 4,
	    "figure 'died_sudi' counts the same set as 'sudi' (line 3), so a "
	    "reader can read one from the other; declare 'died_sudi = sudi' "
	    "under relations" },
	{ "a group without its relation",
	    "figures:\n"
	    "  - {name: boys, unit: children, where: {sex: male}, group: sex}\n"
	    "  - {name: girls, unit: children, where: {sex: female},"
	    " group: sex}\n", 2,
	    "group 'sex' has no relation naming all its cells; declare what "
	    "they add up to under relations, e.g. 'a + b = total'" },
	{ "an unknown figure in a relation",
	    "figures:\n"
	    "  - {name: boys, unit: children, where: {sex: male}}\n"
	    "  - {name: girls, unit: children, where: {sex: female}}\n"
	    "relations:\n"
	    "  - boys + gorls <= girls\n", 5,
	    "unknown figure in a relation 'gorls'; did you mean 'girls'?" },
	{ "a relation with no comparison",
	    "figures:\n"
	    "  - {name: boys, unit: children, where: {sex: male}}\n"
	    "  - {name: girls, unit: children, where: {sex: female}}\n"
	    "relations:\n"
	    "  - boys + girls\n", 5,
	    "relation 'boys + girls': expected two sides joined by =, <= or "
	    ">=, e.g. 'boys + girls = children'" },
	{ "a stray character",
	    "figures:\n"
	    "  - {name: boys, unit: children, where: {sex: male}}\n"
	    "  - {name: girls, unit: children, where: {sex: female}}\n"
	    "relations:\n"
	    "  - boys * 2 = girls\n", 5,
	    "relation 'boys * 2 = girls': unexpected '*'; write figure names "
	    "joined by + and -, with one =, <= or >=" },
	{ "a share of deaths without the deaths",
	    "figures:\n"
	    "  - {name: sudi, unit: deaths, where: {death_cause: sudi}}\n", 0,
	    "a figure of unit deaths needs a count of the children who died "
	    "(count_of: children, where: {outcome: died}), the base it "
	    "shares" },
};

static void
test_relations_checked(void **state)
{
	struct diag d;
	struct fig_set *s;
	size_t i;

	for (i = 0; i < sizeof(rel_cases) / sizeof(rel_cases[0]); i++) {
		s = load(*state, rel_cases[i].yaml, &d);
		if (s != NULL || d.nerrors != 1 ||
		    d.items[0].line != rel_cases[i].line ||
		    strcmp(d.items[0].msg, rel_cases[i].msg) != 0)
			fail_msg("%s: got %zu errors, first at line %d: %s",
			    rel_cases[i].title, d.nerrors, d.nitems ?
			    d.items[0].line : -1, d.nitems ?
			    d.items[0].msg : "(none)");
		fig_set_free(s);
		diag_clear(&d);
	}
}

static void
test_relations_declared_load(void **state)
{
	struct diag d;
	struct fig_set *s = load(*state,
	    "figures:\n"
	    "  - {name: harmed, unit: count, count_of: children,"
	    " where: {outcome: serious_harm}}\n"
	    "  - {name: harmed_share, unit: children,"
	    " where: {outcome: serious_harm}}\n"
	    "  - {name: kids, unit: count, count_of: children}\n"
	    "relations:\n"
	    "  - harmed_share = harmed\n"
	    "  - kids >= harmed\n"
	    "  - harmed - kids + harmed_share <= harmed\n", &d);

	assert_non_null(s);
	assert_int_equal(d.nitems, 0);
	fig_set_free(s);
	diag_clear(&d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_valid_file_loads_in_order,
		    setup, teardown),
		cmocka_unit_test(test_real_figures_file_loads),
		cmocka_unit_test_setup_teardown(test_missing_file_is_reported,
		    setup, teardown),
		cmocka_unit_test(test_free_accepts_null),
		cmocka_unit_test(test_name_tables),
		cmocka_unit_test_setup_teardown(test_bad_files, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_every_bad_figure_reported,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_groups_of_one_base_load,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_relations_checked,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_relations_declared_load,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_compatible_tests_load,
		    setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * test_fig_print.c: tests of pipeline/fig/fig_print.c: the text styles, the
 * words and approx wording tables at their boundaries, "[c]", and the
 * ledger as CSV and JSON.
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

static struct fig_value
mkval(enum fig_unit unit, long num, long den)
{
	struct fig_value v;

	memset(&v, 0, sizeof(v));
	v.name = "f";
	v.unit = unit;
	v.num = num;
	v.den = den;
	v.percent = unit == FIG_COUNT ? -1 : fig_percent(num, den);
	return v;
}

/* fig_format(v, style) must give want; frees the result. */
static void
check_format(const struct fig_value *v, enum fig_style style,
    const char *want)
{
	char *got = fig_format(v, style);

	if (strcmp(got, want) != 0)
		fail_msg("%ld/%ld as %s: got \"%s\", want \"%s\"", v->num,
		    v->den, fig_style_names[style], got, want);
	free(got);
}

static void
test_format_percent(void **state)
{
	struct fig_value v = mkval(FIG_CASES, 29, 47);

	check_format(&v, FIG_STYLE_PERCENT, "62%");
	v = mkval(FIG_CHILDREN, 11, 40);
	check_format(&v, FIG_STYLE_PERCENT, "28%");
	v = mkval(FIG_DEATHS, 0, 34);
	check_format(&v, FIG_STYLE_PERCENT, "0%");
	v = mkval(FIG_CASES, 0, 0);
	check_format(&v, FIG_STYLE_PERCENT, "n/a");
	v = mkval(FIG_COUNT, 4, 0);		/* a count has no percent */
	check_format(&v, FIG_STYLE_PERCENT, "4");
}

static void
test_format_digits(void **state)
{
	struct fig_value v = mkval(FIG_COUNT, 4, 0);

	check_format(&v, FIG_STYLE_DIGITS, "4");
	v = mkval(FIG_CASES, 33, 47);		/* the numerator */
	check_format(&v, FIG_STYLE_DIGITS, "33");
	v = mkval(FIG_COUNT, 0, 0);
	check_format(&v, FIG_STYLE_DIGITS, "0");
}

static const struct word_case {
	long		 n;
	const char	*want;
} word_cases[] = {
	{ 0, "none" }, { 1, "one" }, { 2, "two" }, { 4, "four" },
	{ 11, "eleven" }, { 19, "nineteen" }, { 20, "twenty" }, { 21, "21" },
	{ 47, "47" },
};

static void
test_format_words(void **state)
{
	struct fig_value v;
	size_t i;

	for (i = 0; i < sizeof(word_cases) / sizeof(word_cases[0]); i++) {
		v = mkval(FIG_COUNT, word_cases[i].n, 0);
		check_format(&v, FIG_STYLE_WORDS, word_cases[i].want);
	}
}

/* The approx table for shares, at every boundary (docs/figures.md). */
static const struct share_case {
	long		 num;
	long		 den;
	const char	*want;
} share_cases[] = {
	{ 0, 100, "none" },
	{ 1, 1000, "very few" },		/* rounds to 0% */
	{ 1, 100, "very few" },
	{ 4, 100, "very few" },
	{ 5, 100, "fewer than one in ten" },
	{ 9, 100, "fewer than one in ten" },
	{ 10, 100, "one in ten" },
	{ 11, 100, "more than one in ten" },
	{ 19, 100, "more than one in ten" },
	{ 20, 100, "almost a quarter" },
	{ 24, 100, "almost a quarter" },
	{ 11, 47, "almost a quarter" },		/* 23.4%: flawed_planning */
	{ 25, 100, "a quarter" },
	{ 12, 47, "more than a quarter" },	/* 25.5% rounds to 26 */
	{ 26, 100, "more than a quarter" },
	{ 29, 100, "more than a quarter" },
	{ 30, 100, "almost a third" },
	{ 32, 100, "almost a third" },
	{ 33, 100, "a third" },
	{ 1, 3, "a third" },
	{ 34, 100, "more than a third" },
	{ 44, 100, "more than a third" },
	{ 45, 100, "about half" },
	{ 22, 47, "about half" },		/* 46.8%: major_mental_illness */
	{ 49, 100, "about half" },
	{ 50, 100, "half" },
	{ 23, 47, "half" },			/* floor(47 / 2) */
	{ 24, 47, "half" },			/* ceil(47 / 2): recording */
	{ 5, 11, "half" },
	{ 51, 100, "about half" },
	{ 55, 100, "about half" },
	{ 56, 100, "more than half" },
	{ 62, 100, "more than half" },
	{ 63, 100, "almost two thirds" },
	{ 66, 100, "almost two thirds" },
	{ 67, 100, "two thirds" },
	{ 2, 3, "two thirds" },
	{ 68, 100, "more than two thirds" },
	{ 70, 100, "more than two thirds" },
	{ 71, 100, "almost three quarters" },
	{ 74, 100, "almost three quarters" },
	{ 75, 100, "three quarters" },
	{ 76, 100, "more than three quarters" },
	{ 89, 100, "more than three quarters" },
	{ 90, 100, "almost all" },
	{ 99, 100, "almost all" },
	{ 199, 200, "almost all" },		/* rounds to 100% */
	{ 100, 100, "all" },
	{ 0, 0, "n/a" },
};

static void
test_approx_share_table(void **state)
{
	struct fig_value v;
	size_t i;

	for (i = 0; i < sizeof(share_cases) / sizeof(share_cases[0]); i++) {
		const struct share_case *s = &share_cases[i];

		assert_string_equal(fig_approx_share(s->num, s->den), s->want);
		v = mkval(FIG_CASES, s->num, s->den);
		check_format(&v, FIG_STYLE_APPROX, s->want);
	}
}

static void
test_approx_share_monotone(void **state)
{
	/* Walking up the shares of 1000, a phrase never comes back once
	 * left, except "about half" around "half". */
	const char *prev = "", *seen[64];
	size_t nseen = 0, j;
	long n;

	for (n = 0; n <= 1000; n++) {
		const char *w = fig_approx_share(n, 1000);

		if (strcmp(w, prev) == 0)
			continue;
		for (j = 0; j < nseen; j++)
			if (strcmp(seen[j], w) == 0 &&
			    strcmp(w, "about half") != 0)
				fail_msg("'%s' again at %ld/1000", w, n);
		assert_true(nseen < 64);
		seen[nseen++] = w;
		prev = w;
	}
	assert_int_equal(nseen, 23);	/* 22 phrases, "about half" twice */
}

static const struct count_case {
	long		 n;
	const char	*want;
} count_cases[] = {
	{ 0, "no" }, { 1, "one" }, { 2, "a small number" },
	{ 5, "a small number" }, { 6, "several" }, { 9, "several" },
	{ 10, "ten or more" }, { 19, "ten or more" }, { 20, "twenty or more" },
	{ 49, "twenty or more" }, { 50, "fifty or more" },
	{ 99, "fifty or more" }, { 100, "a hundred or more" },
	{ 5000, "a hundred or more" },
};

static void
test_approx_count_table(void **state)
{
	struct fig_value v;
	size_t i;

	for (i = 0; i < sizeof(count_cases) / sizeof(count_cases[0]); i++) {
		assert_string_equal(fig_approx_count(count_cases[i].n),
		    count_cases[i].want);
		v = mkval(FIG_COUNT, count_cases[i].n, 0);
		check_format(&v, FIG_STYLE_APPROX, count_cases[i].want);
	}
}

static void
test_suppressed_is_c_in_every_style(void **state)
{
	struct fig_value v = mkval(FIG_CASES, 3, 47);
	int st;

	v.suppressed = 1;
	for (st = 0; st < FIG_STYLE__MAX; st++)
		check_format(&v, (enum fig_style)st, "[c]");
	v = mkval(FIG_COUNT, 3, 0);
	v.suppressed = 1;
	for (st = 0; st < FIG_STYLE__MAX; st++)
		check_format(&v, (enum fig_style)st, "[c]");
}

/* A cohort with two boards, a case whose id must never be printed, and
 * one national study. */
static struct cohort *
mk_cohort(void)
{
	struct cohort *c = cohort_new();
	struct nat_study *st;

	c->report.lscbs = xcalloc(2, sizeof(char *));
	c->report.lscbs[0] = xstrdup("Alpha");
	c->report.lscbs[1] = xstrdup("Beta \"B\"");
	c->report.nlscbs = 2;
	c->cases = xcalloc(1, sizeof(*c->cases));
	c->cases[0].id = xstrdup("SECRET-ID-1");
	c->ncases = 1;
	c->national.studies = st = xcalloc(1, sizeof(*st));
	c->national.nstudies = 1;
	st->id = xstrdup("2008-09");
	st->title = xstrdup("Ofsted");
	st->citation = xstrdup("Learning lessons");
	st->period = xstrdup("2008 - 2009");
	st->children = -1;
	st->figures = xcalloc(2, sizeof(*st->figures));
	st->nfigures = 2;
	st->figures[0].name = xstrdup("boys");
	st->figures[0].percent = 53;
	st->figures[1].name = xstrdup("known_to_csc");
	st->figures[1].percent = 50;
	st->figures[1].text = xstrdup("just over 50%, \"about\"");
	return c;
}

/* A ledger of five values covering each way a row prints. */
static void
mk_ledger(struct fig_ledger *l, struct fig_value *v, int lscb)
{
	memset(l, 0, sizeof(*l));
	v[0] = mkval(FIG_COUNT, 47, 0);
	v[0].name = "cases";
	v[0].text = (char *)"47";
	v[1] = mkval(FIG_CASES, 29, 47);
	v[1].name = "cases_with_death";
	v[1].text = (char *)"62%";
	v[1].not_recorded = 2;
	v[2] = mkval(FIG_CHILDREN, 3, 12);
	v[2].name = "boys";
	v[2].text = (char *)"[c]";
	v[2].suppressed = 1;
	v[2].group = "sex";
	v[3] = mkval(FIG_DEATHS, 1, 4);
	v[3].name = "death_sudi";
	v[3].text = (char *)"[c]";
	v[3].suppressed = 1;
	v[3].den_hidden = 1;
	v[4] = mkval(FIG_COUNT, 2, 0);
	v[4].name = "odd";
	v[4].text = (char *)"a, \"quoted\"\ttext\\";
	l->values = v;
	l->nvalues = 5;
	l->lscb = lscb;
	l->cases = 47;
	l->children = 60;
	l->deaths = 34;
	l->out_of_period = 3;
	l->suppressed_any = 1;
}

/* Runs a printer into a new string; free with free(). */
static char *
print_to_string(void (*fn)(FILE *, const struct fig_ledger *,
    const struct cohort *), const struct fig_ledger *l,
    const struct cohort *c)
{
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);

	assert_non_null(f);
	fn(f, l, c);
	fclose(f);
	return out;
}

static void
test_csv(void **state)
{
	struct cohort *c = mk_cohort();
	struct fig_ledger l;
	struct fig_value v[5];
	char *out;

	mk_ledger(&l, v, 0);
	out = print_to_string(fig_print_csv, &l, c);
	assert_string_equal(out,
	    "name,unit,numerator,denominator,percent,text,not_recorded\n"
	    "cases,count,47,,,47,0\n"
	    "cases_with_death,cases,29,47,62,62%,2\n"
	    "boys,children,,12,,[c],0\n"
	    "death_sudi,deaths,,,,[c],0\n"
	    "odd,count,2,,,\"a, \"\"quoted\"\"\ttext\\\",0\n"
	    "out_of_period,count,3,,,3,\n"
	    "\n"
	    "study,name,percent,text\n"
	    "2008-09,boys,53,53%\n"
	    "2008-09,known_to_csc,50,\"just over 50%, \"\"about\"\"\"\n");
	assert_null(strstr(out, "SECRET"));
	free(out);
	cohort_free(c);
}

static void
test_json(void **state)
{
	struct cohort *c = mk_cohort();
	struct fig_ledger l;
	struct fig_value v[5];
	char *out;

	mk_ledger(&l, v, 1);
	out = print_to_string(fig_print_json, &l, c);
	assert_string_equal(out,
	    "{\n"
	    "  \"lscb\": \"Beta \\\"B\\\"\",\n"
	    "  \"cases\": 47,\n"
	    "  \"children\": 60,\n"
	    "  \"out_of_period\": 3,\n"
	    "  \"suppressed_any\": true,\n"
	    "  \"figures\": [\n"
	    "    {\"name\": \"cases\", \"unit\": \"count\", \"numerator\": 47,"
	    " \"denominator\": null, \"percent\": null, \"text\": \"47\","
	    " \"not_recorded\": 0, \"suppressed\": false, \"group\": null},\n"
	    "    {\"name\": \"cases_with_death\", \"unit\": \"cases\","
	    " \"numerator\": 29, \"denominator\": 47, \"percent\": 62,"
	    " \"text\": \"62%\", \"not_recorded\": 2, \"suppressed\": false,"
	    " \"group\": null},\n"
	    "    {\"name\": \"boys\", \"unit\": \"children\","
	    " \"numerator\": null, \"denominator\": 12, \"percent\": null,"
	    " \"text\": \"[c]\", \"not_recorded\": 0, \"suppressed\": true,"
	    " \"group\": \"sex\"},\n"
	    "    {\"name\": \"death_sudi\", \"unit\": \"deaths\","
	    " \"numerator\": null, \"denominator\": null, \"percent\": null,"
	    " \"text\": \"[c]\", \"not_recorded\": 0, \"suppressed\": true,"
	    " \"group\": null},\n"
	    "    {\"name\": \"odd\", \"unit\": \"count\", \"numerator\": 2,"
	    " \"denominator\": null, \"percent\": null,"
	    " \"text\": \"a, \\\"quoted\\\"\\ttext\\\\\", \"not_recorded\": 0,"
	    " \"suppressed\": false, \"group\": null}\n"
	    "  ],\n"
	    "  \"national\": [\n"
	    "    {\"study\": \"2008-09\", \"figures\": [{\"name\": \"boys\","
	    " \"percent\": 53, \"text\": \"53%\"}, {\"name\": \"known_to_csc\","
	    " \"percent\": 50, \"text\": \"just over 50%, \\\"about\\\"\"}]}\n"
	    "  ]\n"
	    "}\n");
	assert_null(strstr(out, "SECRET"));
	free(out);
	cohort_free(c);
}

static void
test_json_region_and_control_characters(void **state)
{
	struct cohort *c = cohort_new();
	struct fig_ledger l;
	struct fig_value v;
	char *out;

	memset(&l, 0, sizeof(l));
	v = mkval(FIG_COUNT, 1, 0);
	v.name = "x";
	v.text = (char *)"a\001b\nc";
	l.values = &v;
	l.nvalues = 1;
	l.lscb = -1;
	out = print_to_string(fig_print_json, &l, c);
	assert_non_null(strstr(out, "\"lscb\": null,"));
	assert_non_null(strstr(out, "\"text\": \"a\\u0001b\\nc\""));
	assert_non_null(strstr(out, "\"national\": []\n}\n"));
	free(out);
	cohort_free(c);
}


/*
 * Issue 32.6: a cell a spreadsheet would evaluate (=, +, -, @, tab, CR
 * first) is written with a leading ' and quoted (OWASP, CSV injection);
 * a plain number, negative too, stays a number; the numbers of the
 * ledger are never touched.
 */
static void
test_issue32_6_formula_cells_neutralised(void **state)
{
	static const struct {
		const char *cell;
		int formula;
	} t[] = {
		{ "=HYPERLINK(\"http://x\",\"y\")", 1 }, { "+1+1", 1 },
		{ "-2+3", 1 }, { "@SUM(A1)", 1 }, { "\tx", 1 }, { "\rx", 1 },
		{ "-", 1 }, { "'=x", 1 }, { "''@x", 1 },
		{ "-3", 0 }, { "+2.5", 0 }, { "-4%", 0 }, { "0", 0 },
		{ "'x", 0 }, { "'-3", 0 }, { "Barnet", 0 }, { "", 0 },
		{ "[c]", 0 }, { "25\u201349%", 0 }, { "a=b", 0 },
	};
	struct cohort *c = mk_cohort();
	struct fig_ledger l, *ls[1];
	struct fig_value v[5];
	char *out = NULL;
	size_t i, len;
	FILE *f;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		if (fig_csv_formula(t[i].cell) != t[i].formula)
			fail_msg("fig_csv_formula(\"%s\") is not %d", t[i].cell,
			    t[i].formula);
	free(c->report.lscbs[0]);
	c->report.lscbs[0] = xstrdup("=HYPERLINK(\"http://x\",\"y\")");
	free(c->national.studies[0].figures[0].text);
	c->national.studies[0].figures[0].text = xstrdup("-5%");
	free(c->national.studies[0].figures[1].text);
	c->national.studies[0].figures[1].text = xstrdup("@x");
	mk_ledger(&l, v, 0);
	v[4].text = (char *)"+cmd|' /C calc'!A0";
	ls[0] = &l;
	f = open_memstream(&out, &len);
	fig_print_csv_boards(f, ls, 1, c);
	fclose(f);
	if (strstr(out, "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",cases,"
	    "count,47,,,47,0\n") == NULL ||
	    strstr(out, ",odd,count,2,,,\"'+cmd|' /C calc'!A0\",0\n") == NULL)
		fail_msg("a formula cell is not neutralised:\n%s", out);
	free(out);
	out = print_to_string(fig_print_csv, &l, c);
	if (strstr(out, "2008-09,boys,53,-5%\n") == NULL ||
	    strstr(out, "2008-09,known_to_csc,50,\"'@x\"\n") == NULL)
		fail_msg("national texts:\n%s", out);
	free(out);
	cohort_free(c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_format_percent),
		cmocka_unit_test(test_format_digits),
		cmocka_unit_test(test_format_words),
		cmocka_unit_test(test_approx_share_table),
		cmocka_unit_test(test_approx_share_monotone),
		cmocka_unit_test(test_approx_count_table),
		cmocka_unit_test(test_suppressed_is_c_in_every_style),
		cmocka_unit_test(test_csv),
		cmocka_unit_test(test_json),
		cmocka_unit_test(test_json_region_and_control_characters),
		cmocka_unit_test(test_issue32_6_formula_cells_neutralised),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

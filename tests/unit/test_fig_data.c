/*
 * test_fig_data.c: tests of pipeline/fig/fig_data.c, the open data set, and
 * of the report.yaml codes it reads (pipeline/input/case_load.c): the ONS code
 * forms, what the data set refuses to do without, every cell of a small
 * cohort's rows (numbers, c, z, x, quoting), the metadata and the README.
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
#include "fig_data.h"
#include "testutil.h"

static const char report_yaml[] =
    "title: A test paper\n"
    "region: Testshire\n"
    "region_code: E12000009\n"
    "period: {from: 2006-04-01, to: 2009-09-30}\n"
    "organisation: The test team\n"
    "contact: data@example.org\n"
    "authors: [A. Author]\n"
    "national_study: s1\n"
    "lscbs: [Alpha, Beta]\n"
    "lscb_codes:\n"
    "  Beta: E06000002\n"
    "  Alpha: E09000001\n";

static const char codebook_yaml[] =
    "codes:\n"
    "  known_to_csc: {level: case, label: known, description: d}\n";

static const char national_yaml[] =
    "studies:\n"
    "  - id: s0\n"
    "    title: \"Study zero, the first\"\n"
    "    citation: c0\n"
    "    period: \"2005 – 2007\"\n"
    "    figures: {boys: 56, died: 66}\n"
    "  - id: s1\n"
    "    title: Study one\n"
    "    citation: c1\n"
    "    period: \"2008 – 2009\"\n"
    "    figures: {boys: 53, known_to_csc: {percent: 50, text: \"just over 50%\"}}\n";

static const char figures_yaml[] =
    "figures:\n"
    "  - name: cases\n"
    "    label: Reviews\n"
    "    unit: count\n"
    "    public: true\n"
    "  - name: boys\n"
    "    label: Boys\n"
    "    unit: children\n"
    "    where: {sex: male}\n"
    "  - name: known_to_csc\n"
    "    label: \"Known, \\\"as such\\\", to care\"\n"
    "    unit: cases\n"
    "    where: known_to_csc\n";

/* A cohort from the YAML above plus cases: Alpha gets nalpha cases with
 * one boy each (every other one known_to_csc), Beta one case with a
 * girl. */
static struct cohort *
mk_cohort(const char *report, size_t nalpha)
{
	struct cohort *c = cohort_new();
	struct diag d;
	struct scr_case *k;
	size_t i;

	diag_init(&d, stderr);
	assert_true(case_load_report_buf(c, "report.yaml", report,
	    strlen(report), &d));
	assert_true(case_load_codebook_buf(c, "codebook.yaml", codebook_yaml,
	    strlen(codebook_yaml), &d));
	assert_true(case_load_national_buf(c, "national.yaml", national_yaml,
	    strlen(national_yaml), &d));
	c->nwords = 1;
	for (i = 0; i < nalpha + 1; i++) {
		c->cases = xreallocarray(c->cases, c->ncases + 1,
		    sizeof(*c->cases));
		k = &c->cases[c->ncases];
		memset(k, 0, sizeof(*k));
		k->id = xasprintf("T-%zu", c->ncases++);
		k->lscb = i < nalpha ? 0 : 1;
		k->completed = 20070101;
		k->lscb_areas_known = 1;
		k->factors = xcalloc(2, sizeof(codeword));
		k->not_recorded = k->factors + 1;
		if (i % 2 == 0)
			codeset_add(k->factors, 0);
		k->children = xcalloc(1, sizeof(*k->children));
		k->nchildren = 1;
		k->children[0].sex = i < nalpha ? SEX_MALE : SEX_FEMALE;
		k->children[0].outcome = OUTCOME_SERIOUS_HARM;
		k->children[0].factors = xcalloc(1, sizeof(codeword));
	}
	assert_int_equal(d.nerrors, 0);
	diag_clear(&d);
	return c;
}

static struct fig_set *
mk_figs(const struct cohort *c, const char *yaml)
{
	struct diag d;
	struct fig_set *s;

	diag_init(&d, stderr);
	s = fig_load_buf("figures.yaml", yaml, strlen(yaml), c, &d);
	assert_non_null(s);
	diag_clear(&d);
	return s;
}

/* Returns 1 if text holds line as a whole line. */
static int
has_line(const char *text, const char *line)
{
	const char *p = text;
	size_t n = strlen(line);

	while ((p = strstr(p, line)) != NULL) {
		if ((p == text || p[-1] == '\n') && p[n] == '\n')
			return 1;
		p += n;
	}
	return 0;
}

static void
ons_code_forms(void **state)
{
	static const struct {
		const char	*code;
		int		 region;
		int		 ok;
	} t[] = {
		{ "E09000001", 0, 1 },	/* City of London */
		{ "E09000033", 0, 1 },	/* Westminster */
		{ "E06000047", 0, 1 },	/* a unitary authority */
		{ "E08000019", 0, 1 },	/* a metropolitan borough */
		{ "E10000016", 0, 1 },	/* a county */
		{ "E07000001", 0, 0 },	/* a district: no children's services */
		{ "E12000007", 0, 0 },	/* a region is not an authority */
		{ "E12000007", 1, 1 },
		{ "E09000001", 1, 0 },
		{ "E0900001", 0, 0 },
		{ "E090000011", 0, 0 },
		{ "e09000001", 0, 0 },
		{ "E09O00001", 0, 0 },
		{ "", 0, 0 },
	};
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		if (report_ons_code_ok(t[i].code, t[i].region) != t[i].ok)
			fail_msg("'%s' (region %d): want %d", t[i].code,
			    t[i].region, t[i].ok);
	assert_int_equal(report_ons_code_ok(NULL, 0), 0);
}

static void
codes_follow_the_boards_order(void **state)
{
	struct cohort *c = mk_cohort(report_yaml, 1);

	assert_string_equal(c->report.region_code, "E12000009");
	assert_string_equal(c->report.lscb_codes[0], "E09000001");
	assert_string_equal(c->report.lscb_codes[1], "E06000002");
	assert_string_equal(c->report.contact, "data@example.org");
	cohort_free(c);
}

static void
data_refuses_missing_codes_and_labels(void **state)
{
	static const char noreport[] =
	    "title: t\nregion: r\nperiod: {from: 2006-04-01, to: 2009-09-30}\n"
	    "organisation: o\nauthors: [a]\nnational_study: s1\n"
	    "lscbs: [Alpha, Beta]\n";
	static const char nolabel[] =
	    "figures:\n"
	    "  - name: boys\n"
	    "    unit: children\n"
	    "    where: {sex: male}\n"
	    "  - name: girls\n"
	    "    label: Boys\n"
	    "    unit: children\n"
	    "    where: {sex: female}\n";
	static const char *const want[] = {
	    "report.yaml: error: no 'region_code': the open data set needs "
	    "the region's ONS code (E12000007 is London)",
	    "report.yaml: error: no 'lscb_codes': the open data set needs "
	    "every board's ONS local-authority code",
	    "figures.yaml:2:5: error: figure 'boys' has no label: the open "
	    "data set prints one for every figure",
	};
	struct cohort *c = mk_cohort(noreport, 2);
	struct fig_set *s = mk_figs(c, nolabel);
	struct diag d;
	size_t i;
	char *got;

	diag_init(&d, NULL);
	assert_int_equal(fig_data_check(s, c, "report.yaml", "figures.yaml",
	    &d), 0);
	if (d.nitems != 3)
		dump_diags(&d, "want 3");
	assert_int_equal(d.nitems, 3);
	for (i = 0; i < 3; i++) {
		got = diag_format(&d, i);
		assert_string_equal(got, want[i]);
		free(got);
	}
	diag_clear(&d);
	/* A caller that skips the check still gets whole rows: x for the
	 * codes, the name for the label. */
	got = fig_data_csv(s, c);
	assert_non_null(strstr(got, "\n2009,Reporting year,Regional,E92000001,"
	    "England,x,r,z,z,z,2006-09,2006-04-01,2009-09-30,z,z,z,z,boys,"
	    "boys,"
	    "Children,"));
	assert_non_null(strstr(got, ",Local authority,E92000001,England,x,r,"
	    "x,x,Alpha,"));
	free(got);
	fig_set_free(s);

	/* The same label twice. */
	s = mk_figs(c, "figures:\n"
	    "  - {name: boys, label: Boys, unit: children, where: {sex: male}}\n"
	    "  - {name: girls, label: Boys, unit: children, "
	    "where: {sex: female}}\n");
	free(c->report.region_code);
	c->report.region_code = xstrdup("E12000007");
	c->report.lscb_codes = xcalloc(2, sizeof(char *));
	c->report.lscb_codes[0] = xstrdup("E09000001");
	c->report.lscb_codes[1] = xstrdup("E09000002");
	diag_init(&d, NULL);
	assert_int_equal(fig_data_check(s, c, "report.yaml", "figures.yaml",
	    &d), 0);
	assert_int_equal(d.nitems, 1);
	got = diag_format(&d, 0);
	assert_string_equal(got, "figures.yaml:3:5: error: figure 'girls' has "
	    "the label of figure 'boys' (line 2): the open data set tells "
	    "figures apart by label");
	free(got);
	diag_clear(&d);
	fig_set_free(s);
	cohort_free(c);
}

static void
data_rows_hold_every_cell(void **state)
{
	/* Alpha: 7 boys in 7 reviews, 4 known; Beta: 1 girl in 1 review,
	 * not known. */
	struct cohort *c = mk_cohort(report_yaml, 7);
	struct fig_set *s = mk_figs(c, figures_yaml);
	struct diag d;
	char *csv, *p;
	size_t lines = 0;
	const char *geo_r = "2009,Reporting year,Regional,E92000001,England,"
	    "E12000009,Testshire,z,z,z,2006-09,2006-04-01,2009-09-30,z,z,z,z,";
	const char *geo_a = "2009,Reporting year,Local authority,E92000001,"
	    "England,E12000009,Testshire,E09000001,x,Alpha,2006-09,2006-04-01,"
	    "2009-09-30,z,z,z,z,";
	const char *geo_b = "2009,Reporting year,Local authority,E92000001,"
	    "England,E12000009,Testshire,E06000002,x,Beta,2006-09,2006-04-01,"
	    "2009-09-30,z,z,z,z,";
	const char *nat = "2009,Reporting year,National,E92000001,England,"
	    "z,z,z,z,z,x,x,x,";
	char *want;

	diag_init(&d, stderr);
	assert_true(fig_data_check(s, c, "report.yaml", "figures.yaml", &d));
	diag_clear(&d);
	csv = fig_data_csv(s, c);
	for (p = csv; *p != '\0'; p++)
		lines += *p == '\n';
	/* A header, 3 national rows (died has no London figure), and 3
	 * figures for the region and each of 2 boards. */
	assert_int_equal(lines, 1 + 3 + 9);
	assert_true(strncmp(csv, "time_period,time_identifier,"
	    "geographic_level,country_code,country_name,region_code,"
	    "region_name,new_la_code,old_la_code,la_name,", 120) == 0);
	assert_null(strstr(csv, ",,"));
	assert_null(strstr(csv, ",\n"));

#define WANT(geo, rest) do {						\
	want = xasprintf("%s%s", geo, rest);				\
	if (!has_line(csv, want))					\
		fail_msg("no line\n%s\nin\n%s", want, csv);		\
	free(want);							\
} while (0)
	/* The region, unsuppressed; a count has no base. */
	WANT(geo_r, "cases,Reviews,z,8,z,z,0");
	WANT(geo_r, "boys,Boys,Children,7,8,88,0");
	WANT(geo_r, "known_to_csc,\"Known, \"\"as such\"\", to care\","
	    "Reviews,4,8,50,0");
	/* Alpha: 7 reviews, 4 known: a numerator of 1..5 is c, its base
	 * is public.  Its 7 boys are c too: London's 7 less them would
	 * give Beta's c away (0), as in the board papers.  not_recorded is
	 * a cell of its own (docs/disclosure.md): 0, and no code is
	 * marked not recorded. */
	WANT(geo_a, "cases,Reviews,z,7,z,z,0");
	WANT(geo_a, "boys,Boys,Children,c,7,c,0");
	WANT(geo_a, "known_to_csc,\"Known, \"\"as such\"\", to care\","
	    "Reviews,c,7,c,0");
	/* Beta: one review: every share is c, the count of reviews is
	 * public. */
	WANT(geo_b, "cases,Reviews,z,1,z,z,0");
	WANT(geo_b, "boys,Boys,Children,c,1,c,0");
	/* The national studies: shares only; s1 is the comparison.  A
	 * study's period is spelled as the report's periods are. */
	WANT(nat, "s0,\"Study zero, the first\",2005-07,No,boys,Boys,"
	    "x,x,x,56,x");
	WANT(nat, "s1,Study one,2008-09,Yes,boys,Boys,x,x,x,53,x");
	WANT(nat, "s1,Study one,2008-09,Yes,known_to_csc,\"Known, "
	    "\"\"as such\"\", to care\",x,x,x,50,x");
#undef WANT
	assert_null(strstr(csv, "died"));
	free(csv);
	fig_set_free(s);
	cohort_free(c);
}

static void
meta_describes_every_column(void **state)
{
	struct cohort *c = mk_cohort(report_yaml, 1);
	struct fig_set *s = mk_figs(c, figures_yaml);
	char *csv = fig_data_csv(s, c), *meta = fig_data_meta(c);
	char *head, *tok, *save = NULL, *line;

	assert_true(strncmp(meta, "col_name,col_type,label,"
	    "indicator_grouping,indicator_unit,indicator_dp,filter_hint,"
	    "filter_grouping_column,licence\n", 114) == 0);
	/* Every row states the licence: the default, as report.yaml gives
	 * none. */
	assert_non_null(strstr(meta, "\ntime_period,Time,"));
	for (line = strchr(meta, '\n'); line != NULL && line[1] != '\0';
	    line = strchr(line + 1, '\n'))
		assert_true(strncmp(line + 1 + strcspn(line + 1, "\n") -
		    strlen(",Open Government Licence v3.0"),
		    ",Open Government Licence v3.0", 29) == 0);
	head = xstrndup(csv, strcspn(csv, "\n"));
	for (tok = strtok_r(head, ",", &save); tok != NULL;
	    tok = strtok_r(NULL, ",", &save)) {
		line = xasprintf("\n%s,", tok);
		if (strstr(meta, line) == NULL)
			fail_msg("column %s is not in the metadata", tok);
		free(line);
	}
	assert_non_null(strstr(meta, "\npercentage,Indicator,"));
	assert_non_null(strstr(meta, ",%,0,"));
	assert_non_null(strstr(meta, "\nfigure,Filter,Figure,"));
	free(head);
	free(csv);
	free(meta);
	fig_set_free(s);
	cohort_free(c);
}

static void
readme_says_period_rule_and_contact(void **state)
{
	struct cohort *c = mk_cohort(report_yaml, 1);
	char *r = fig_data_readme(c);
	const char *want[] = { "2006-04-01 to 2009-09-30", "Testshire "
	    "(E12000009)", "data@example.org", "counts 1 to 5", "Study one",
	    FIG_DATA_CSV, FIG_DATA_META, "(period 2006-09)",
	    "published under the Open Government Licence v3.0." };
	char *flat, *p;
	size_t i;

	flat = xstrdup(r);
	for (p = flat; *p != '\0'; p++)
		if (*p == '\n')
			*p = ' ';
	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++)
		if (strstr(flat, want[i]) == NULL)
			fail_msg("the README does not say '%s':\n%s", want[i], r);
	for (p = r; *p != '\0'; p += strcspn(p, "\n") + (p[strcspn(p, "\n")]
	    != '\0'))
		if (strcspn(p, "\n") > 72 && strncmp(p, "  ", 2) != 0)
			fail_msg("a README line over 72 columns: %.80s", p);
	free(flat);
	free(r);
	cohort_free(c);
}

/* report.yaml's licence, when given, replaces the default in the
 * README and on every row of the metadata file. */
static void
licence_follows_report(void **state)
{
	char *yaml = xasprintf("%slicence: Creative Commons Attribution "
	    "4.0\n", report_yaml);
	struct cohort *c = mk_cohort(yaml, 1);
	char *readme = fig_data_readme(c), *meta = fig_data_meta(c), *p;
	size_t rows = 0, with = 0;

	assert_string_equal(c->report.licence,
	    "Creative Commons Attribution 4.0");
	assert_non_null(strstr(readme, "LICENCE\n\nThese files are published "
	    "under the Creative Commons Attribution 4.0."));
	assert_null(strstr(readme, "Open Government"));
	assert_null(strstr(meta, "Open Government"));
	for (p = strchr(meta, '\n'); p != NULL && p[1] != '\0';
	    p = strchr(p + 1, '\n')) {
		rows++;
		with += strncmp(p + strcspn(p + 1, "\n") + 1 -
		    strlen(",Creative Commons Attribution 4.0"),
		    ",Creative Commons Attribution 4.0", 33) == 0;
	}
	assert_int_equal(rows, 24);	/* one a column */
	assert_int_equal(with, rows);
	free(readme);
	free(meta);
	cohort_free(c);
	free(yaml);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(ons_code_forms),
		cmocka_unit_test(codes_follow_the_boards_order),
		cmocka_unit_test(data_refuses_missing_codes_and_labels),
		cmocka_unit_test(data_rows_hold_every_cell),
		cmocka_unit_test(meta_describes_every_column),
		cmocka_unit_test(readme_says_period_rule_and_contact),
		cmocka_unit_test(licence_follows_report),
	};

	return cmocka_run_group_tests_name("fig_data", tests, NULL, NULL);
}

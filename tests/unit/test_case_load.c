/*
 * test_case_load.c: tests for the loaders, pipeline/input/case_*.c (and the
 * YAML refusals of pipeline/base/yml.c that they rely on).
 *
 * Cohorts are built in memory: a small report, codebook and national
 * file below, then one case at a time through case_load_case_buf().  Every
 * error kind of SPEC.md's case schema has a row in a table
 * { title, yaml, message, line, col }; each row runs as its own cmocka
 * test named by its title.  The last group loads the real input/ folder
 * and checks the raw tallies against SPEC.md.  Run from the project root.
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
#include "yml.h"
#include "case.h"
#include "testutil.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* --- the in-memory cohort ---------------------------------------------- */

static const char report_yaml[] =
	"title: Test paper\n"
	"region: London\n"
	"period:\n"
	"  from: 2006-04-01\n"
	"  to: 2009-09-30\n"
	"organisation: Test team\n"
	"authors: [A. Author, B. Author]\n"
	"national_study: 2008-09\n"
	"created: 2009-11-30\n"
	"disclosure:\n"
	"  threshold: 5\n"
	"  regional: false\n"
	"lscbs:\n"
	"  - Camden\n"
	"  - Hackney\n"
	"  - Haringey\n"
	"  - Southwark\n";

static const char codebook_yaml[] =
	"codes:\n"
	"  known_to_csc:\n"
	"    level: case\n"
	"    label: known to children's social care\n"
	"    description: Known at the time of the incident.\n"
	"  domestic_violence:\n"
	"    level: case\n"
	"    label: domestic violence\n"
	"    description: Domestic violence in the household.\n"
	"  alcohol_misuse:\n"
	"    level: case\n"
	"    label: alcohol misuse\n"
	"    description: A carer misused alcohol.\n"
	"  drug_misuse:\n"
	"    level: case\n"
	"    label: drug misuse\n"
	"    description: A carer misused drugs.\n"
	"  neglect:\n"
	"    level: child\n"
	"    label: neglect\n"
	"    description: The child was neglected.\n";

static const char national_yaml[] =
	"studies:\n"
	"  - id: 2008-09\n"
	"    title: Biennial analysis 2007-09\n"
	"    citation: Brandon et al.\n"
	"    period: 2007 – 2009\n"
	"    children: 189\n"
	"    figures:\n"
	"      boys: 56\n"
	"      known_to_csc: {percent: 50, text: just over 50%}\n";

/* Asserts that d holds exactly the lines want[0..n), in order. */
static void
assert_diags(const struct diag *d, const char *const *want, size_t n)
{
	size_t i;
	int ok = d->nitems == n;

	for (i = 0; ok && i < n; i++) {
		char *s = diag_format(d, i);

		ok = strcmp(s, want[i]) == 0;
		free(s);
	}
	if (!ok) {
		fprintf(stderr, "-- expected %zu diagnostic(s):\n", n);
		for (i = 0; i < n; i++)
			fprintf(stderr, "   %s\n", want[i]);
		dump_diags(d, "got");
	}
	assert_true(ok);
}

/* A cohort with the report, codebook and national files above. */
static struct cohort *
test_cohort(void)
{
	struct cohort *c = cohort_new();
	struct diag d;

	diag_init(&d, NULL);
	assert_true(case_load_report_buf(c, "report.yaml", report_yaml,
	    strlen(report_yaml), &d));
	assert_true(case_load_codebook_buf(c, "codebook.yaml", codebook_yaml,
	    strlen(codebook_yaml), &d));
	assert_true(case_load_national_buf(c, "national.yaml", national_yaml,
	    strlen(national_yaml), &d));
	if (d.nitems != 0)
		dump_diags(&d, "test cohort");
	assert_int_equal(d.nitems, 0);
	diag_clear(&d);
	return c;
}

static int
load_case(struct cohort *c, const char *file, const char *yaml,
    struct diag *d)
{
	return case_load_case_buf(c, file, yaml, strlen(yaml), d);
}

static int
code(const struct cohort *c, const char *name)
{
	int k = codebook_find(&c->codebook, name);

	assert_true(k >= 0);
	return k;
}

/* --- valid cases ------------------------------------------------------- */

static const char valid_case[] =
	"# a comment\n"
	"id: LON-2008-017\n"
	"lscb: Haringey\n"
	"completed: 2008-11-12\n"
	"children:\n"
	"  - sex: male\n"
	"    age_years: 0\n"
	"    outcome: died\n"
	"    death_cause: physical_assault\n"
	"    factors: [neglect]\n"
	"  - sex: female\n"
	"    age_years: 17\n"
	"    outcome: serious_harm\n"
	"household_children: 2\n"
	"lscb_areas_known: 3\n"
	"factors:\n"
	"  - known_to_csc\n"
	"  - domestic_violence\n"
	"not_recorded: [alcohol_misuse]\n"
	"notes: free text, never printed\n";

static void
valid_case_loads_every_value(void **state)
{
	struct cohort *c = test_cohort();
	struct diag d;
	const struct scr_case *k;

	(void)state;
	diag_init(&d, NULL);
	assert_int_equal(load_case(c, "cases/a.yaml", valid_case, &d), 1);
	assert_int_equal(d.nitems, 0);
	assert_int_equal(c->ncases, 1);
	k = &c->cases[0];
	assert_string_equal(k->id, "LON-2008-017");
	assert_string_equal(c->report.lscbs[k->lscb], "Haringey");
	assert_int_equal(k->completed, 20081112);
	assert_int_equal(k->household_children, 2);
	assert_int_equal(k->lscb_areas_known, 3);
	assert_string_equal(k->pos.file, "cases/a.yaml");
	assert_int_equal(k->pos.line, 2);
	assert_int_equal(k->pos.col, 1);

	assert_int_equal(k->nchildren, 2);
	assert_int_equal(k->children[0].sex, SEX_MALE);
	assert_int_equal(k->children[0].age_years, 0);
	assert_int_equal(k->children[0].outcome, OUTCOME_DIED);
	assert_int_equal(k->children[0].death, DEATH_PHYSICAL_ASSAULT);
	assert_true(codeset_has(k->children[0].factors, code(c, "neglect")));
	assert_int_equal(k->children[0].pos.line, 6);
	assert_int_equal(k->children[0].pos.col, 5);
	assert_int_equal(k->children[1].sex, SEX_FEMALE);
	assert_int_equal(k->children[1].age_years, 17);
	assert_int_equal(k->children[1].outcome, OUTCOME_SERIOUS_HARM);
	assert_int_equal(k->children[1].death, DEATH_NONE);
	assert_false(codeset_has(k->children[1].factors, code(c, "neglect")));

	assert_true(codeset_has(k->factors, code(c, "known_to_csc")));
	assert_true(codeset_has(k->factors, code(c, "domestic_violence")));
	assert_false(codeset_has(k->factors, code(c, "alcohol_misuse")));
	assert_false(codeset_has(k->factors, code(c, "drug_misuse")));
	assert_false(codeset_has(k->factors, code(c, "neglect")));
	assert_true(codeset_has(k->not_recorded, code(c, "alcohol_misuse")));
	assert_false(codeset_has(k->not_recorded, code(c, "known_to_csc")));

	diag_clear(&d);
	cohort_free(c);
}

static void
optional_keys_take_their_defaults(void **state)
{
	static const char yaml[] =
	    "id: LON-2007-001\n"
	    "lscb: Camden\n"
	    "completed: 2007-01-04\n"
	    "children:\n"
	    "  - sex: female\n"
	    "    age_years: 5\n"
	    "    outcome: serious_harm\n";
	struct cohort *c = test_cohort();
	struct diag d;
	const struct scr_case *k;
	size_t w;

	(void)state;
	diag_init(&d, NULL);
	assert_int_equal(load_case(c, "a.yaml", yaml, &d), 1);
	assert_int_equal(d.nitems, 0);
	k = &c->cases[0];
	assert_int_equal(k->household_children, 0);
	assert_int_equal(k->lscb_areas_known, 1);
	for (w = 0; w < c->nwords; w++) {
		assert_int_equal(k->factors[w], 0);
		assert_int_equal(k->not_recorded[w], 0);
		assert_int_equal(k->children[0].factors[w], 0);
	}
	assert_int_equal(k->children[0].death, DEATH_NONE);
	diag_clear(&d);
	cohort_free(c);
}

static void
null_optional_values_take_their_defaults(void **state)
{
	static const char yaml[] =
	    "id: LON-2007-002\n"
	    "lscb: Camden\n"
	    "completed: 2007-01-04\n"
	    "children:\n"
	    "  - sex: female\n"
	    "    age_years: 5\n"
	    "    outcome: serious_harm\n"
	    "    factors:\n"
	    "household_children:\n"
	    "lscb_areas_known: ~\n"
	    "factors: null\n"
	    "not_recorded:\n"
	    "notes:\n";
	struct cohort *c = test_cohort();
	struct diag d;

	(void)state;
	diag_init(&d, NULL);
	assert_int_equal(load_case(c, "a.yaml", yaml, &d), 1);
	if (d.nitems)
		dump_diags(&d, "null optional values");
	assert_int_equal(d.nitems, 0);
	assert_int_equal(c->cases[0].household_children, 0);
	assert_int_equal(c->cases[0].lscb_areas_known, 1);
	diag_clear(&d);
	cohort_free(c);
}

static void
every_death_cause_loads(void **state)
{
	static const struct { const char *name; enum case_death death; }
	    causes[] = {
		{ "sudi", DEATH_SUDI },
		{ "physical_assault", DEATH_PHYSICAL_ASSAULT },
		{ "neglect", DEATH_NEGLECT },
		{ "related", DEATH_RELATED },
		{ "suicide", DEATH_SUICIDE },
	};
	struct cohort *c = test_cohort();
	struct diag d;
	size_t i;

	(void)state;
	diag_init(&d, NULL);
	for (i = 0; i < NELEM(causes); i++) {
		char *yaml = xasprintf("id: LON-C-%zu\nlscb: Camden\n"
		    "completed: 2008-02-29\nchildren:\n  - sex: male\n"
		    "    age_years: 4\n    outcome: died\n"
		    "    death_cause: %s\n", i, causes[i].name);

		assert_int_equal(load_case(c, "a.yaml", yaml, &d), 1);
		assert_int_equal(c->cases[i].children[0].death,
		    causes[i].death);
		free(yaml);
	}
	assert_int_equal(d.nitems, 0);
	assert_int_equal(c->cases[0].completed, 20080229);
	diag_clear(&d);
	cohort_free(c);
}

/* Quoted, tagged and flow-style spellings of the same values load. */
static void
quoted_and_flow_styles_load(void **state)
{
	static const char yaml[] =
	    "{id: \"LON-2009-001\", lscb: 'Southwark', completed: 2009-09-30,\n"
	    " children: [{sex: \"female\", age_years: !!int 11,\n"
	    "   outcome: serious_harm}],\n"
	    " notes: !!str tagged text}\n";
	struct cohort *c = test_cohort();
	struct diag d;

	(void)state;
	diag_init(&d, NULL);
	assert_int_equal(load_case(c, "a.yaml", yaml, &d), 1);
	if (d.nitems)
		dump_diags(&d, "flow style");
	assert_int_equal(d.nitems, 0);
	assert_string_equal(c->cases[0].id, "LON-2009-001");
	assert_int_equal(c->cases[0].children[0].age_years, 11);
	assert_int_equal(c->cases[0].children[0].sex, SEX_FEMALE);
	diag_clear(&d);
	cohort_free(c);
}

/* Code sets span several 64-bit words once the codebook has > 64 codes. */
static void
codes_beyond_the_first_word_load(void **state)
{
	struct cohort *c = cohort_new();
	struct diag d;
	struct buf cb;
	int i;
	static const char yaml[] =
	    "id: LON-W-1\nlscb: Camden\ncompleted: 2008-01-01\n"
	    "children:\n  - {sex: male, age_years: 1, outcome: serious_harm,"
	    " factors: [k129]}\n"
	    "factors: [c000, c063, c064, c127]\nnot_recorded: [c128]\n";

	(void)state;
	diag_init(&d, NULL);
	assert_true(case_load_report_buf(c, "report.yaml", report_yaml,
	    strlen(report_yaml), &d));
	buf_init(&cb);
	buf_puts(&cb, "codes:\n");
	for (i = 0; i < 129; i++)
		buf_printf(&cb, "  c%03d: {level: case, label: l, "
		    "description: d}\n", i);
	buf_puts(&cb, "  k129: {level: child, label: l, description: d}\n");
	assert_true(case_load_codebook_buf(c, "codebook.yaml", cb.data,
	    cb.len, &d));
	assert_int_equal(c->codebook.ncodes, 130);
	assert_int_equal(c->nwords, 3);
	assert_int_equal(load_case(c, "a.yaml", yaml, &d), 1);
	assert_int_equal(d.nitems, 0);
	assert_true(codeset_has(c->cases[0].factors, 0));
	assert_true(codeset_has(c->cases[0].factors, 63));
	assert_true(codeset_has(c->cases[0].factors, 64));
	assert_true(codeset_has(c->cases[0].factors, 127));
	assert_false(codeset_has(c->cases[0].factors, 128));
	assert_false(codeset_has(c->cases[0].factors, 1));
	assert_true(codeset_has(c->cases[0].not_recorded, 128));
	assert_true(codeset_has(c->cases[0].children[0].factors, 129));
	buf_clear(&cb);
	diag_clear(&d);
	cohort_free(c);
}

/* --- one error per row ------------------------------------------------- */

/* A row: the yaml (named "case.yaml") must fail with exactly one error,
 * msg at line:col (line 0: a whole-file error). */
struct err_row {
	const char	*title;
	const char	*yaml;
	const char	*msg;
	int		 line;
	int		 col;
};

/* Lines 1-3 and 4-7 of most rows. */
#define HEAD	"id: LON-2008-017\nlscb: Haringey\ncompleted: 2008-11-12\n"
#define KIDS	"children:\n"
#define KID	"  - sex: male\n    age_years: 3\n    outcome: serious_harm\n"
#define KID_F(f) "  - sex: male\n    age_years: 3\n    outcome: serious_harm\n" \
		"    factors: " f "\n"
#define KID_AGE(a) "  - sex: male\n    age_years: " a "\n    outcome: serious_harm\n"
#define WITH(k)	HEAD KIDS KID k

static const struct err_row case_rows[] = {
	/* unknown keys, with and without a suggestion */
	{ "unknown case key suggests the nearest key",
	  WITH("lscb_area_known: 2\n"), "unknown key 'lscb_area_known' in a "
	  "case descriptor; did you mean 'lscb_areas_known'?", 8, 1 },
	{ "unknown case key suggests despite letter case",
	  WITH("Notes: x\n"), "unknown key 'Notes' in a case descriptor; "
	  "did you mean 'notes'?", 8, 1 },
	{ "unknown case key far from every key",
	  WITH("favourite_colour: blue\n"), "unknown key 'favourite_colour' "
	  "in a case descriptor", 8, 1 },
	{ "unknown child key suggests the nearest key",
	  HEAD KIDS KID "    deathcause: sudi\n", "unknown key 'deathcause' "
	  "in a child; did you mean 'death_cause'?", 8, 5 },
	{ "unknown child key far from every key",
	  HEAD KIDS KID "    shoe_size: 3\n", "unknown key 'shoe_size' in a "
	  "child", 8, 5 },
	/* codes */
	{ "unknown case code suggests the nearest code",
	  WITH("factors: [known_to_cs]\n"), "unknown code 'known_to_cs' in "
	  "'factors'; did you mean 'known_to_csc'?", 8, 11 },
	{ "unknown case code far from every code",
	  WITH("factors: [teleportation]\n"), "unknown code 'teleportation' "
	  "in 'factors' (not in the codebook)", 8, 11 },
	{ "unknown code in not_recorded suggests the nearest code",
	  WITH("not_recorded: [alcohol_misus]\n"), "unknown code "
	  "'alcohol_misus' in 'not_recorded'; did you mean 'alcohol_misuse'?",
	  8, 16 },
	{ "unknown child code suggests the nearest code",
	  HEAD KIDS KID_F("[neglekt]"), "unknown code 'neglekt' in 'factors'; "
	  "did you mean 'neglect'?", 8, 15 },
	{ "child-level code in the case's factors",
	  WITH("factors: [known_to_csc, neglect]\n"), "'neglect' is a "
	  "child-level code and cannot be used in the case's 'factors'",
	  8, 25 },
	{ "case-level code in a child's factors",
	  HEAD KIDS KID_F("[known_to_csc]"), "'known_to_csc' is a case-level "
	  "code and cannot be used in the child's 'factors'", 8, 15 },
	{ "code listed twice in factors",
	  WITH("factors:\n  - known_to_csc\n  - known_to_csc\n"), "code "
	  "'known_to_csc' is listed twice in 'factors'", 10, 5 },
	{ "code both in factors and in not_recorded",
	  WITH("factors: [known_to_csc, drug_misuse]\n"
	  "not_recorded: [alcohol_misuse, drug_misuse]\n"), "code "
	  "'drug_misuse' is both in 'factors' and in 'not_recorded'", 9, 32 },
	{ "child code both in a child's factors and in not_recorded",
	  HEAD KIDS KID_F("[neglect]") "not_recorded: [neglect]\n", "code "
	  "'neglect' is both in this child's 'factors' and in the case's "
	  "'not_recorded'", 8, 15 },
	/* boards */
	{ "unknown LSCB suggests the nearest board",
	  "id: X\nlscb: Haringay\ncompleted: 2008-11-12\n" KIDS KID,
	  "unknown LSCB 'Haringay'; did you mean 'Haringey'?", 2, 7 },
	{ "unknown LSCB in the wrong letter case suggests the board",
	  "id: X\nlscb: southwark\ncompleted: 2008-11-12\n" KIDS KID,
	  "unknown LSCB 'southwark'; did you mean 'Southwark'?", 2, 7 },
	{ "unknown LSCB far from every board",
	  "id: X\nlscb: Atlantis\ncompleted: 2008-11-12\n" KIDS KID,
	  "unknown LSCB 'Atlantis' (not in report.yaml 'lscbs')", 2, 7 },
	/* dates */
	{ "date 2009-02-29 (not a leap year)",
	  "id: X\nlscb: Camden\ncompleted: 2009-02-29\n" KIDS KID,
	  "'completed' is not a real date: '2009-02-29'", 3, 12 },
	{ "date 1900-02-29 (century, not a leap year)",
	  "id: X\nlscb: Camden\ncompleted: 1900-02-29\n" KIDS KID,
	  "'completed' is not a real date: '1900-02-29'", 3, 12 },
	{ "date 2008-04-31",
	  "id: X\nlscb: Camden\ncompleted: 2008-04-31\n" KIDS KID,
	  "'completed' is not a real date: '2008-04-31'", 3, 12 },
	{ "date with month 13",
	  "id: X\nlscb: Camden\ncompleted: 2008-13-01\n" KIDS KID,
	  "'completed' is not a real date: '2008-13-01'", 3, 12 },
	{ "date with month 00",
	  "id: X\nlscb: Camden\ncompleted: 2008-00-10\n" KIDS KID,
	  "'completed' is not a real date: '2008-00-10'", 3, 12 },
	{ "date with day 00",
	  "id: X\nlscb: Camden\ncompleted: 2008-10-00\n" KIDS KID,
	  "'completed' is not a real date: '2008-10-00'", 3, 12 },
	{ "date without leading zeros",
	  "id: X\nlscb: Camden\ncompleted: 2008-1-5\n" KIDS KID,
	  "'completed' is not a date: '2008-1-5' (expected "
	  "YYYY-MM-DD)", 3, 12 },
	{ "date written day first",
	  "id: X\nlscb: Camden\ncompleted: 12/11/2008\n" KIDS KID,
	  "'completed' is not a date: '12/11/2008' (expected "
	  "YYYY-MM-DD)", 3, 12 },
	{ "date with a time",
	  "id: X\nlscb: Camden\ncompleted: 2008-11-12T10:00:00\n" KIDS KID,
	  "'completed' is not a date: '2008-11-12T10:00:00' (expected "
	  "YYYY-MM-DD)", 3, 12 },
	{ "date as a number",
	  "id: X\nlscb: Camden\ncompleted: 20081112\n" KIDS KID,
	  "'completed' is not a date: '20081112' (expected "
	  "YYYY-MM-DD)", 3, 12 },
	{ "date as empty quoted text",
	  "id: X\nlscb: Camden\ncompleted: ''\n" KIDS KID,
	  "'completed' is not a date: '' (expected YYYY-MM-DD)", 3, 12 },
	{ "date before 1900",
	  "id: X\nlscb: Camden\ncompleted: 1899-12-31\n" KIDS KID,
	  "'completed' is out of range: '1899-12-31' (expected 1900-01-01 to 2199-12-31)", 3, 12 },
	{ "date without a value",
	  "id: X\nlscb: Camden\ncompleted:\n" KIDS KID,
	  "'completed' has no value: expected a date (YYYY-MM-DD)", 3, 11 },
	/* numbers */
	{ "age 18 is out of range",
	  HEAD KIDS KID_AGE("18"), "'age_years' is out of range: 18 "
	  "(expected 0 to 17)", 6, 16 },
	{ "age -1 is out of range",
	  HEAD KIDS KID_AGE("-1"), "'age_years' is out of range: -1 "
	  "(expected 0 to 17)", 6, 16 },
	{ "age of 20 digits is out of range",
	  HEAD KIDS KID_AGE("12345678901234567890"), "'age_years' is out of "
	  "range: 12345678901234567890 (expected 0 to 17)", 6, 16 },
	{ "age of 11 digits is out of range",
	  HEAD KIDS KID_AGE("99999999999"), "'age_years' is out of range: "
	  "99999999999 (expected 0 to 17)", 6, 16 },
	{ "age of 20 digits, negative, is out of range",
	  HEAD KIDS KID_AGE("-99999999999999999999"), "'age_years' is out of "
	  "range: -99999999999999999999 (expected 0 to 17)", 6, 16 },
	{ "age as a decimal",
	  HEAD KIDS KID_AGE("3.5"), "'age_years' must be a whole number, not "
	  "'3.5'", 6, 16 },
	{ "age in words",
	  HEAD KIDS KID_AGE("three"), "'age_years' must be a whole number, "
	  "not 'three'", 6, 16 },
	{ "age in hexadecimal",
	  HEAD KIDS KID_AGE("0x3"), "'age_years' must be a whole number, "
	  "not '0x3'", 6, 16 },
	{ "age with a plus sign",
	  HEAD KIDS KID_AGE("+3"), "'age_years' must be a whole number, "
	  "not '+3'", 6, 16 },
	{ "age as quoted text",
	  HEAD KIDS KID_AGE("\"3\""), "'age_years' must be a whole number, "
	  "not the text \"3\" (remove the quotes)", 6, 16 },
	{ "age as a lone minus sign",
	  HEAD KIDS KID_AGE("'-'"), "'age_years' must be a whole number, "
	  "not '-'", 6, 16 },
	{ "age without a value",
	  HEAD KIDS KID_AGE(""), "'age_years' has no value: expected a whole "
	  "number", 6, 15 },
	{ "household_children 101 is out of range",
	  WITH("household_children: 101\n"), "'household_children' is out of "
	  "range: 101 (expected 0 to 100)", 8, 21 },
	{ "household_children -1 is out of range",
	  WITH("household_children: -1\n"), "'household_children' is out of "
	  "range: -1 (expected 0 to 100)", 8, 21 },
	{ "lscb_areas_known 0 is out of range",
	  WITH("lscb_areas_known: 0\n"), "'lscb_areas_known' is out of range: "
	  "0 (expected 1 to 100)", 8, 19 },
	{ "lscb_areas_known of 20 digits is out of range",
	  WITH("lscb_areas_known: 18446744073709551617\n"), "'lscb_areas_known'"
	  " is out of range: 18446744073709551617 (expected 1 to 100)", 8, 19 },
	/* outcome and death cause */
	{ "death_cause without died",
	  HEAD KIDS KID "    death_cause: sudi\n", "'death_cause' is given but "
	  "the outcome is 'serious_harm', not 'died'", 8, 18 },
	{ "died without death_cause",
	  HEAD KIDS "  - sex: male\n    age_years: 3\n    outcome: died\n",
	  "a child who died needs a 'death_cause'", 5, 5 },
	{ "unknown death_cause suggests the nearest",
	  HEAD KIDS "  - sex: male\n    age_years: 3\n    outcome: died\n"
	  "    death_cause: phsyical_assault\n", "'death_cause' has an unknown "
	  "value 'phsyical_assault'; did you mean 'physical_assault'?", 8, 18 },
	{ "death_cause 'none' is not a cause",
	  HEAD KIDS "  - sex: male\n    age_years: 3\n    outcome: died\n"
	  "    death_cause: none\n", "'death_cause' has an unknown value "
	  "'none' (expected one of: sudi, physical_assault, neglect, related, "
	  "suicide)", 8, 18 },
	{ "unknown sex suggests the nearest",
	  HEAD KIDS "  - sex: mail\n    age_years: 3\n    outcome: serious_harm\n",
	  "'sex' has an unknown value 'mail'; did you mean 'male'?", 5, 10 },
	{ "unknown sex far from any",
	  HEAD KIDS "  - sex: unknown\n    age_years: 3\n"
	  "    outcome: serious_harm\n", "'sex' has an unknown value 'unknown' "
	  "(expected one of: male, female)", 5, 10 },
	{ "unknown outcome far from any",
	  HEAD KIDS "  - sex: male\n    age_years: 3\n    outcome: survived\n",
	  "'outcome' has an unknown value 'survived' (expected one of: died, "
	  "serious_harm)", 7, 14 },
	/* required keys */
	{ "missing id",
	  "lscb: Camden\ncompleted: 2008-11-12\n" KIDS KID,
	  "a case descriptor is missing the required key 'id'", 1, 1 },
	{ "missing lscb",
	  "id: X\ncompleted: 2008-11-12\n" KIDS KID,
	  "a case descriptor is missing the required key 'lscb'", 1, 1 },
	{ "missing completed",
	  "id: X\nlscb: Camden\n" KIDS KID,
	  "a case descriptor is missing the required key 'completed'", 1, 1 },
	{ "missing children",
	  HEAD, "a case descriptor is missing the required key 'children'",
	  1, 1 },
	{ "child missing sex",
	  HEAD KIDS "  - age_years: 3\n    outcome: serious_harm\n",
	  "a child is missing the required key 'sex'", 5, 5 },
	{ "child missing age_years",
	  HEAD KIDS "  - sex: male\n    outcome: serious_harm\n",
	  "a child is missing the required key 'age_years'", 5, 5 },
	{ "child missing outcome",
	  HEAD KIDS "  - sex: male\n    age_years: 3\n",
	  "a child is missing the required key 'outcome'", 5, 5 },
	/* wrong types */
	{ "id as a list",
	  "id: [LON, 1]\nlscb: Camden\ncompleted: 2008-11-12\n" KIDS KID,
	  "'id' must be an id, not a sequence", 1, 5 },
	{ "id with spaces and punctuation",
	  "id: LON 2008/017\nlscb: Camden\ncompleted: 2008-11-12\n" KIDS KID,
	  "id 'LON 2008/017' may hold only letters, digits and '-' (at most "
	  "64)", 1, 5 },
	{ "id of 65 characters",
	  "id: A2345678901234567890123456789012345678901234567890123456789012345\n"
	  "lscb: Camden\ncompleted: 2008-11-12\n" KIDS KID,
	  "id 'A2345678901234567890123456789012345678901234567890123456789012345'"
	  " may hold only letters, digits and '-' (at most 64)", 1, 5 },
	{ "lscb as a mapping",
	  "id: X\nlscb: {name: Camden}\ncompleted: 2008-11-12\n" KIDS KID,
	  "'lscb' must be a board name, not a mapping", 2, 7 },
	{ "children as a mapping",
	  HEAD "children:\n  sex: male\n", "'children' must be a list of "
	  "children, not a mapping", 5, 3 },
	{ "children as text",
	  HEAD "children: two\n", "'children' must be a list of children, "
	  "not a scalar", 4, 11 },
	{ "empty children list",
	  HEAD "children: []\n", "'children' lists no child: a review "
	  "involves at least one", 4, 11 },
	{ "child as text",
	  HEAD KIDS "  - a boy of three\n", "a child must be a mapping of "
	  "keys to values, not a scalar", 5, 5 },
	{ "sex as a list",
	  HEAD KIDS "  - sex: [male]\n    age_years: 3\n"
	  "    outcome: serious_harm\n", "'sex' must be a value, not a "
	  "sequence", 5, 10 },
	{ "case factors as text",
	  WITH("factors: known_to_csc\n"), "'factors' must be a list of codes, "
	  "not a scalar", 8, 10 },
	{ "child factors as text",
	  HEAD KIDS KID_F("neglect"), "'factors' must be a list of codes, not "
	  "a scalar", 8, 14 },
	{ "not_recorded as a mapping",
	  WITH("not_recorded: {alcohol_misuse: true}\n"), "'not_recorded' must "
	  "be a list of codes, not a mapping", 8, 15 },
	{ "code as a mapping",
	  WITH("factors: [{known_to_csc: yes}]\n"), "'factors' must be a code, "
	  "not a mapping", 8, 11 },
	{ "household_children as a decimal",
	  WITH("household_children: 1.5\n"), "'household_children' must be a "
	  "whole number, not '1.5'", 8, 21 },
	{ "lscb_areas_known as a boolean",
	  WITH("lscb_areas_known: true\n"), "'lscb_areas_known' must be a whole "
	  "number, not 'true'", 8, 19 },
	{ "notes as a list",
	  WITH("notes: [a, b]\n"), "'notes' must be text, not a sequence",
	  8, 8 },
	/* the file as a whole */
	{ "a list instead of a mapping",
	  "- id: X\n", "a case descriptor must be a mapping of keys to values, "
	  "not a sequence", 1, 1 },
	{ "text instead of a mapping",
	  "just some text\n", "a case descriptor must be a mapping of keys to "
	  "values, not a scalar", 1, 1 },
	{ "empty file",
	  "", "the file is empty: expected a case descriptor", 0, 0 },
	{ "file of comments only",
	  "# nothing\n\n# here\n", "the file is empty: expected a case "
	  "descriptor", 0, 0 },
	{ "invalid UTF-8 (Latin-1 e-acute)",
	  WITH("notes: caf\xe9\n"), "not valid UTF-8 text (byte 0xe9); save the "
	  "file as UTF-8", 8, 11 },
	{ "invalid UTF-8 (truncated sequence at the end)",
	  WITH("notes: caf\xc3"), "not valid UTF-8 text (byte 0xc3); save the "
	  "file as UTF-8", 8, 11 },
	{ "invalid UTF-8 (overlong slash)",
	  WITH("notes: \xc0\xaf\n"), "not valid UTF-8 text (byte 0xc0); save "
	  "the file as UTF-8", 8, 8 },
	{ "invalid UTF-8 (encoded surrogate)",
	  WITH("notes: \xed\xa0\x80\n"), "not valid UTF-8 text (byte 0xed); "
	  "save the file as UTF-8", 8, 8 },
	{ "invalid UTF-8 (beyond U+10FFFF)",
	  WITH("notes: \xf4\x90\x80\x80\n"), "not valid UTF-8 text (byte "
	  "0xf4); save the file as UTF-8", 8, 8 },
	{ "invalid UTF-8 after multi-byte characters counts columns in "
	  "characters",
	  WITH("notes: \xc3\xa9t\xc3\xa9 \xff\n"), "not valid UTF-8 text (byte "
	  "0xff); save the file as UTF-8", 8, 12 },
	{ "control character reported where it is",
	  WITH("notes: bell \x07 here\n"), "YAML syntax error: control "
	  "characters are not allowed", 8, 13 },
	{ "tab indentation says so",
	  HEAD KIDS "\t- sex: male\n", "YAML syntax error: found character "
	  "that cannot start any token, while scanning for the next token "
	  "(a tab: indent YAML with spaces)", 5, 1 },
	{ "unclosed flow sequence",
	  HEAD "factors: [known_to_csc\n" KIDS KID, "YAML syntax error: did "
	  "not find expected ',' or ']', while parsing a flow sequence", 5, 9 },
	{ "unclosed quoted text",
	  HEAD "notes: \"never closed\n" KIDS KID, "YAML syntax error: found "
	  "unexpected end of stream, while scanning a quoted scalar", 9, 1 },
};

/* --- YAML features the reader refuses ---------------------------------- */

static const struct err_row yaml_rows[] = {
	{ "alias", HEAD KIDS "  - *kid\n", "YAML aliases ('*kid') are not "
	  "allowed", 5, 5 },
	{ "anchor", "id: &i LON-1\nlscb: Camden\ncompleted: 2008-11-12\n"
	  KIDS KID, "YAML anchors ('&i') are not allowed here", 1, 5 },
	{ "anchor on a collection", HEAD KIDS "  - &kid\n    sex: male\n"
	  "    age_years: 3\n    outcome: serious_harm\n", "YAML anchors "
	  "('&kid') are not allowed here", 5, 5 },
	{ "local tag", "id: !foo LON-1\nlscb: Camden\ncompleted: 2008-11-12\n"
	  KIDS KID, "YAML tag '!foo' is not allowed here", 1, 5 },
	{ "verbatim foreign tag", "id: !<tag:example.com,2000:id> LON-1\n"
	  "lscb: Camden\ncompleted: 2008-11-12\n" KIDS KID, "YAML tag "
	  "'tag:example.com,2000:id' is not allowed here", 1, 5 },
	{ "tag through a %TAG directive", "%TAG !e! tag:example.com,2000:\n"
	  "---\nid: !e!x LON-1\nlscb: Camden\ncompleted: 2008-11-12\n" KIDS KID,
	  "YAML tag 'tag:example.com,2000:x' is not allowed here", 3, 5 },
	/* Bug: any tag under tag:yaml.org,2002: passes, python ones too. */
	{ "python object tag",
	  WITH("notes: !!python/object/apply:os.system [echo]\n"),
	  "YAML tag '!!python/object/apply:os.system' is not allowed here",
	  8, 8 },
	{ "binary tag", WITH("notes: !!binary aGVsbG8=\n"),
	  "YAML tag '!!binary' is not allowed here", 8, 8 },
	{ "second document", WITH("---\nid: LON-2\n"), "a second YAML "
	  "document: a file holds one only", 8, 1 },
	{ "second, empty document", WITH("...\n---\n"), "a second YAML "
	  "document: a file holds one only", 9, 1 },
	{ "duplicate key", WITH("id: LON-3\n"), "duplicate key 'id' (first "
	  "at line 1)", 8, 1 },
	{ "duplicate key in a child", HEAD KIDS KID "    age_years: 4\n",
	  "duplicate key 'age_years' (first at line 6)", 8, 5 },
	{ "complex key", WITH("? [a, b]\n: c\n"), "a mapping key must be a "
	  "plain value", 8, 3 },
	{ "mapping as a key", WITH("{a: 1}: c\n"), "a mapping key must be a "
	  "plain value", 8, 1 },
};

static void
run_err_row(void **state)
{
	const struct err_row *r = *state;
	struct cohort *c = test_cohort();
	struct diag d;
	char *want, *got;

	diag_init(&d, NULL);
	assert_int_equal(case_load_case_buf(c, "case.yaml", r->yaml,
	    strlen(r->yaml), &d), 0);
	if (d.nitems != 1)
		dump_diags(&d, r->title);
	assert_int_equal(d.nitems, 1);
	assert_int_equal(d.nerrors, 1);
	want = r->line > 0 ? xasprintf("case.yaml:%d:%d: error: %s", r->line,
	    r->col, r->msg) : xasprintf("case.yaml: error: %s", r->msg);
	got = diag_format(&d, 0);
	assert_string_equal(got, want);
	assert_int_equal(d.items[0].line, r->line);
	assert_int_equal(d.items[0].col, r->col);
	free(want);
	free(got);
	diag_clear(&d);
	cohort_free(c);
}

/* Issue 31.12: a whole number with a leading zero, which YAML 1.1 (and
 * the JSON-Schema check through PyYAML) reads as octal, is refused at
 * its place rather than read as ten; 0 itself and -0 stay numbers. */
static void
issue31_12_leading_zero_is_refused(void **state)
{
	static const char *const want[] = {
		"case.yaml:6:16: error: 'age_years' has a leading zero: 010 "
		    "(YAML 1.1 reads it as octal; write it without the zero)",
		"case.yaml:8:21: error: 'household_children' has a leading "
		    "zero: -00 (YAML 1.1 reads it as octal; write it without "
		    "the zero)",
	};
	struct cohort *c = test_cohort();
	struct diag d;

	(void)state;
	diag_init(&d, NULL);
	assert_int_equal(load_case(c, "case.yaml", HEAD KIDS
	    KID_AGE("010") "household_children: -00\n", &d), 0);
	assert_diags(&d, want, NELEM(want));
	diag_clear(&d);
	cohort_free(c);
	c = test_cohort();
	diag_init(&d, NULL);
	assert_int_equal(load_case(c, "case.yaml", HEAD KIDS KID_AGE("0")
	    "household_children: 0\n", &d), 1);
	assert_int_equal(d.nitems, 0);
	assert_int_equal(c->cases[0].children[0].age_years, 0);
	diag_clear(&d);
	cohort_free(c);
}

/* Issue 31.9: a bidirectional control in a board name (here U+202E,
 * RIGHT-TO-LEFT OVERRIDE, which reversed "12" and the rest of the
 * paragraph) is refused at the line and column that hold it, and so is
 * a combining mark no precomposed letter carries (q + U+0302, which no
 * font of fonts/ can draw); o + U+0302 (NFC: o-circumflex) and a
 * Bengali vowel sign (drawn by its face) load. */
static void
issue31_9_bidi_and_lone_marks_are_refused(void **state)
{
	static const char bad[] =
	    "title: Test paper\n"
	    "region: Lo\xcc\x82ndon and Q\xcc\x82\n"
	    "period:\n  from: 2006-04-01\n  to: 2009-09-30\n"
	    "organisation: Test team\n"
	    "authors: [\"A. \xe2\x81\xa6" "Author\"]\n"
	    "national_study: 2008-09\n"
	    "created: 2009-11-30\n"
	    "disclosure:\n  threshold: 5\n  regional: false\n"
	    "lscbs:\n"
	    "  - Camden\n"
	    "  - Hack\xe2\x80\xae" "ney 12\n"
	    "  - Haringey\xe2\x80\x8f\n"
	    "  - \xe0\xa6\x95\xe0\xa6\xbe\n";
	static const char *const want[] = {
		"report.yaml:2:22: error: 'region' holds the combining mark "
		    "U+0302 on \"Q\", which no single letter carries: the "
		    "paper's fonts cannot draw it; write the letter without it",
		"report.yaml:7:15: error: 'authors' holds the bidirectional "
		    "control U+2066, which would reorder the text around it "
		    "(numbers included); remove it",
		"report.yaml:15:9: error: 'lscbs' holds the bidirectional "
		    "control U+202E, which would reorder the text around it "
		    "(numbers included); remove it",
		"report.yaml:16:13: error: 'lscbs' holds the bidirectional "
		    "control U+200F, which would reorder the text around it "
		    "(numbers included); remove it",
	};
	struct cohort *c = cohort_new();
	struct diag d;

	(void)state;
	diag_init(&d, NULL);
	assert_int_equal(case_load_report_buf(c, "report.yaml", bad,
	    strlen(bad), &d), 0);
	assert_diags(&d, want, NELEM(want));
	diag_clear(&d);
	cohort_free(c);
}

/* Issue 31.14: report.yaml's disclosure keys as docs/cases.md gives them:
 * regional absent is false, threshold absent is 5, the whole block may
 * be left out; bands take at most 9 limits. */
static void
issue31_14_disclosure_defaults_as_documented(void **state)
{
	static const char head[] =
	    "title: T\nregion: R\nperiod: {from: 2006-04-01, to: "
	    "2009-09-30}\norganisation: O\nauthors: [A]\n"
	    "national_study: 2008-09\nlscbs: [Camden]\n";
	static const char *const want[] = {
		"report.yaml:9:10: error: 'bands' must list 1 to 9 band "
		    "limits in per cent, rising, e.g. [25, 50, 75]",
	};
	struct cohort *c;
	struct diag d;
	char *y;

	(void)state;
	diag_init(&d, NULL);
	y = xasprintf("%sdisclosure: {threshold: 3}\n", head);
	c = cohort_new();
	assert_true(case_load_report_buf(c, "report.yaml", y, strlen(y), &d));
	assert_int_equal(d.nitems, 0);
	assert_int_equal(c->report.suppress_regional, 0);
	assert_int_equal(c->report.threshold, 3);
	cohort_free(c);
	free(y);
	c = cohort_new();
	assert_true(case_load_report_buf(c, "report.yaml", head,
	    strlen(head), &d));
	assert_int_equal(d.nitems, 0);
	assert_int_equal(c->report.suppress_regional, 0);
	assert_int_equal(c->report.threshold, 5);
	cohort_free(c);
	y = xasprintf("%sdisclosure:\n  bands: [1, 2, 3, 4, 5, 6, 7, 8, 9, "
	    "10]\n", head);
	c = cohort_new();
	assert_false(case_load_report_buf(c, "report.yaml", y, strlen(y),
	    &d));
	assert_diags(&d, want, NELEM(want));
	cohort_free(c);
	free(y);
	diag_clear(&d);
}

/* --- many errors in one file ------------------------------------------- */

static void
every_error_in_a_file_is_reported_in_one_call(void **state)
{
	static const char yaml[] =
	    "id: LON 2008 017\n"			/* 1 */
	    "lscb: Haringay\n"				/* 2 */
	    "completed: 2009-02-29\n"			/* 3 */
	    "children:\n"				/* 4 */
	    "  - sex: boy\n"				/* 5 */
	    "    age_years: 18\n"			/* 6 */
	    "    outcome: died\n"			/* 7 */
	    "    factors: [neglekt, known_to_csc]\n"	/* 8 */
	    "  - sex: female\n"				/* 9 */
	    "    age_years: 12345678901234567890\n"	/* 10 */
	    "    outcome: serious_harm\n"		/* 11 */
	    "    death_cause: sudi\n"			/* 12 */
	    "household_children: many\n"		/* 13 */
	    "lscb_areas_known: 0\n"			/* 14 */
	    "factors: [known_to_cs, neglect, domestic_violence]\n" /* 15 */
	    "not_recorded: [domestic_violence, teleportation]\n"  /* 16 */
	    "notse: typo\n";				/* 17 */
	/* In file order, whatever order the checks run in. */
	static const char *const want[] = {
	    "many.yaml:1:5: error: id 'LON 2008 017' may hold only letters, "
	    "digits and '-' (at most 64)",
	    "many.yaml:2:7: error: unknown LSCB 'Haringay'; did you mean "
	    "'Haringey'?",
	    "many.yaml:3:12: error: 'completed' is not a real date: "
	    "'2009-02-29'",
	    "many.yaml:5:5: error: a child who died needs a 'death_cause'",
	    "many.yaml:5:10: error: 'sex' has an unknown value 'boy' "
	    "(expected one of: male, female)",
	    "many.yaml:6:16: error: 'age_years' is out of range: 18 "
	    "(expected 0 to 17)",
	    "many.yaml:8:15: error: unknown code 'neglekt' in 'factors'; did "
	    "you mean 'neglect'?",
	    "many.yaml:8:24: error: 'known_to_csc' is a case-level code and "
	    "cannot be used in the child's 'factors'",
	    "many.yaml:10:16: error: 'age_years' is out of range: "
	    "12345678901234567890 (expected 0 to 17)",
	    "many.yaml:12:18: error: 'death_cause' is given but the outcome "
	    "is 'serious_harm', not 'died'",
	    "many.yaml:13:21: error: 'household_children' must be a whole "
	    "number, not 'many'",
	    "many.yaml:14:19: error: 'lscb_areas_known' is out of range: 0 "
	    "(expected 1 to 100)",
	    "many.yaml:15:11: error: unknown code 'known_to_cs' in 'factors'; "
	    "did you mean 'known_to_csc'?",
	    "many.yaml:15:24: error: 'neglect' is a child-level code and "
	    "cannot be used in the case's 'factors'",
	    "many.yaml:16:16: error: code 'domestic_violence' is both in "
	    "'factors' and in 'not_recorded'",
	    "many.yaml:16:35: error: unknown code 'teleportation' in "
	    "'not_recorded' (not in the codebook)",
	    "many.yaml:17:1: error: unknown key 'notse' in a case descriptor; "
	    "did you mean 'notes'?",
	};
	struct cohort *c = test_cohort();
	struct diag d;

	(void)state;
	diag_init(&d, NULL);
	assert_int_equal(load_case(c, "many.yaml", yaml, &d), 0);
	assert_diags(&d, want, NELEM(want));
	assert_int_equal(d.nerrors, NELEM(want));
	diag_clear(&d);
	cohort_free(c);
}

/* Errors in several files are all kept, each under its own file name,
 * and a bad file does not stop a good one from loading. */
static void
errors_in_several_files_are_all_reported(void **state)
{
	static const char *const want[] = {
	    "a.yaml:6:16: error: 'age_years' is out of range: 18 (expected 0 "
	    "to 17)",
	    "c.yaml:2:7: error: unknown LSCB 'Camdem'; did you mean 'Camden'?",
	};
	struct cohort *c = test_cohort();
	struct diag d;

	(void)state;
	diag_init(&d, NULL);
	assert_int_equal(load_case(c, "a.yaml", HEAD KIDS KID_AGE("18"), &d),
	    0);
	assert_int_equal(load_case(c, "b.yaml", "id: LON-B\nlscb: Camden\n"
	    "completed: 2008-11-12\n" KIDS KID, &d), 1);
	assert_int_equal(load_case(c, "c.yaml", "id: LON-C\nlscb: Camdem\n"
	    "completed: 2008-11-12\n" KIDS KID, &d), 0);
	assert_diags(&d, want, NELEM(want));
	assert_int_equal(c->ncases, 3);
	diag_clear(&d);
	cohort_free(c);
}

/* A runaway file stops after 50 errors with one closing message. */
static void
runaway_file_is_capped_at_fifty_errors(void **state)
{
	struct cohort *c = test_cohort();
	struct diag d;
	struct buf b;
	char *last;
	int i;

	(void)state;
	diag_init(&d, NULL);
	buf_init(&b);
	buf_puts(&b, HEAD KIDS KID);
	for (i = 0; i < 80; i++)
		buf_printf(&b, "bogus_%02d: x\n", i);
	assert_int_equal(case_load_case_buf(c, "run.yaml", b.data, b.len, &d),
	    0);
	assert_int_equal(d.nitems, 51);
	last = diag_format(&d, 50);
	assert_string_equal(last, "run.yaml:58:1: error: too many errors; the "
	    "rest of this file is not checked");
	free(last);
	buf_clear(&b);
	diag_clear(&d);
	cohort_free(c);
}

/* A scalar of exactly 64 KiB loads; one byte more is refused. */
static void
value_of_64_kib_loads_and_one_byte_more_is_refused(void **state)
{
	struct cohort *c = test_cohort();
	struct diag d;
	struct buf b;
	size_t i;
	char *got;

	(void)state;
	diag_init(&d, NULL);
	buf_init(&b);
	buf_puts(&b, WITH("notes: "));
	for (i = 0; i < YML_MAX_SCALAR; i++)
		buf_putc(&b, 'x');
	buf_putc(&b, '\n');
	assert_int_equal(case_load_case_buf(c, "a.yaml", b.data, b.len, &d), 1);
	assert_int_equal(d.nitems, 0);
	buf_reset(&b);
	buf_puts(&b, WITH("notes: "));
	for (i = 0; i < YML_MAX_SCALAR + 1; i++)
		buf_putc(&b, 'x');
	buf_putc(&b, '\n');
	assert_int_equal(case_load_case_buf(c, "b.yaml", b.data, b.len, &d), 0);
	assert_int_equal(d.nitems, 1);
	got = diag_format(&d, 0);
	assert_string_equal(got, "b.yaml:8:8: error: value longer than 65536 "
	    "bytes");
	free(got);
	buf_clear(&b);
	diag_clear(&d);
	cohort_free(c);
}

/* A NUL byte is reported at its own line and column. */
static void
nul_byte_is_reported_where_it_is(void **state)
{
	static const char yaml[] = WITH("notes: before\0after\n");
	struct cohort *c = test_cohort();
	struct diag d;
	char *got;

	(void)state;
	diag_init(&d, NULL);
	assert_int_equal(case_load_case_buf(c, "nul.yaml", yaml,
	    sizeof(yaml) - 1, &d), 0);
	if (d.nitems != 1)
		dump_diags(&d, "NUL");
	assert_int_equal(d.nitems, 1);
	got = diag_format(&d, 0);
	assert_string_equal(got, "nul.yaml:8:14: error: YAML syntax error: a NUL "
	    "character");
	free(got);
	diag_clear(&d);
	cohort_free(c);
}

/* --- what spans files -------------------------------------------------- */

static void
duplicate_id_across_files_is_reported(void **state)
{
	static const char *const want[] = {
	    "cases/b.yaml:1:1: error: duplicate case id 'LON-2008-017' (also "
	    "in cases/a.yaml)",
	};
	struct cohort *c = test_cohort();
	struct diag d;

	(void)state;
	diag_init(&d, NULL);
	assert_int_equal(load_case(c, "cases/a.yaml", HEAD KIDS KID, &d), 1);
	assert_int_equal(load_case(c, "cases/z.yaml", "id: LON-2000-001\n"
	    "lscb: Camden\ncompleted: 2008-11-12\n" KIDS KID, &d), 1);
	assert_int_equal(load_case(c, "cases/b.yaml", HEAD KIDS KID, &d), 1);
	assert_int_equal(d.nitems, 0);
	assert_int_equal(case_validate_cohort(c, &d), 0);
	assert_diags(&d, want, NELEM(want));
	diag_clear(&d);
	cohort_free(c);
}

static void
validate_sorts_cases_by_id(void **state)
{
	static const char *const ids[] = { "LON-2009-002", "LON-2006-001",
	    "LON-2008-005", "LON-2006-010" };
	static const char *const sorted[] = { "LON-2006-001", "LON-2006-010",
	    "LON-2008-005", "LON-2009-002" };
	struct cohort *c = test_cohort();
	struct diag d;
	size_t i;

	(void)state;
	diag_init(&d, NULL);
	for (i = 0; i < NELEM(ids); i++) {
		char *y = xasprintf("id: %s\nlscb: Camden\ncompleted: "
		    "2008-11-12\n" KIDS KID, ids[i]);

		assert_int_equal(load_case(c, "a.yaml", y, &d), 1);
		free(y);
	}
	assert_int_equal(case_validate_cohort(c, &d), 1);
	assert_int_equal(d.nitems, 0);
	for (i = 0; i < NELEM(sorted); i++)
		assert_string_equal(c->cases[i].id, sorted[i]);
	diag_clear(&d);
	cohort_free(c);
}

static void
national_study_missing_from_national_yaml_is_reported(void **state)
{
	static const char *const want[] = {
	    "report.yaml:8:17: error: national_study '2008-09' is not a study in "
	    "national.yaml",
	};
	static const char nat[] =
	    "studies:\n  - {id: 2005-07, title: t, citation: c, period: p,"
	    " figures: {boys: 56}}\n";
	struct cohort *c = cohort_new();
	struct diag d;

	(void)state;
	diag_init(&d, NULL);
	assert_true(case_load_report_buf(c, "report.yaml", report_yaml,
	    strlen(report_yaml), &d));
	assert_true(case_load_codebook_buf(c, "codebook.yaml", codebook_yaml,
	    strlen(codebook_yaml), &d));
	assert_true(case_load_national_buf(c, "national.yaml", nat,
	    strlen(nat), &d));
	assert_int_equal(case_validate_cohort(c, &d), 0);
	assert_diags(&d, want, NELEM(want));
	diag_clear(&d);
	cohort_free(c);
}

/* --- report.yaml, codebook.yaml, national.yaml ------------------------- */

/* A row for the other files: kind 'r', 'c' or 'n'; the yaml is loaded into
 * a fresh cohort under the name "f.yaml". */
struct file_row {
	const char	*title;
	char		 kind;
	const char	*yaml;
	const char	*msg;
	int		 line;
	int		 col;
};

#define REP_REST "organisation: O\nauthors: [A]\nnational_study: 2008-09\n" \
		"lscbs: [Camden, Hackney]\n"
#define REP_HEAD "title: T\nregion: London\nperiod: {from: 2006-04-01, " \
		"to: 2009-09-30}\n"
#define CODE(n)	"  " n ": {level: case, label: l, description: d}\n"
#define STUDY	"studies:\n  - id: 2008-09\n    title: T\n    citation: C\n" \
		"    period: P\n"

static const struct file_row file_rows[] = {
	{ "report: unknown key", 'r', REP_HEAD REP_REST
	  "treshold: 5\n", "unknown key 'treshold' in the report",
	  8, 1 },
	{ "report: misspelt key suggests", 'r', REP_HEAD REP_REST
	  "creatd: 2009-11-30\n", "unknown key 'creatd' in the report; "
	  "did you mean 'created'?", 8, 1 },
	{ "report: missing title", 'r', "region: London\nperiod: {from: "
	  "2006-04-01, to: 2009-09-30}\n" REP_REST, "the report is "
	  "missing the required key 'title'", 1, 1 },
	{ "report: period ends before it starts", 'r', "title: T\nregion: L\n"
	  "period: {from: 2009-09-30, to: 2006-04-01}\n" REP_REST,
	  "the period ends before it starts", 3, 9 },
	{ "report: period missing 'to'", 'r', "title: T\nregion: L\n"
	  "period: {from: 2009-09-30}\n" REP_REST, "'period' is missing the "
	  "required key 'to'", 3, 9 },
	{ "report: bad period date", 'r', "title: T\nregion: L\n"
	  "period: {from: 2006-02-30, to: 2009-09-30}\n" REP_REST,
	  "'from' is not a real date: '2006-02-30'",
	  3, 16 },
	{ "report: threshold of 20 digits", 'r', REP_HEAD REP_REST
	  "disclosure: {threshold: 12345678901234567890}\n", "'threshold' is "
	  "out of range: 12345678901234567890 (expected 1 to 1000)", 8, 25 },
	{ "report: regional not a boolean", 'r', REP_HEAD REP_REST
	  "disclosure: {regional: yes}\n", "'regional' must be true or false, "
	  "not 'yes'", 8, 24 },
	{ "report: no authors", 'r', REP_HEAD "organisation: O\nauthors: []\n"
	  "national_study: 2008-09\nlscbs: [Camden]\n", "'authors' lists "
	  "nobody", 5, 10 },
	{ "report: no boards", 'r', REP_HEAD "organisation: O\nauthors: [A]\n"
	  "national_study: 2008-09\nlscbs: []\n", "'lscbs' lists no board",
	  7, 8 },
	{ "report: board listed twice", 'r', REP_HEAD "organisation: O\n"
	  "authors: [A]\nnational_study: 2008-09\nlscbs: [Camden, Brent, "
	  "Camden]\n", "board 'Camden' is listed twice", 7, 24 },
	{ "report: lscbs as text", 'r', REP_HEAD "organisation: O\n"
	  "authors: [A]\nnational_study: 2008-09\nlscbs: Camden\n", "'lscbs' "
	  "must be a list, not a scalar", 7, 8 },
	{ "report: empty file", 'r', "", "the file is empty: expected the "
	  "report", 0, 0 },
	{ "codebook: bad code name", 'c', "codes:\n" CODE("Neglect"),
	  "code name 'Neglect' must be lower-case letters, digits and '_'",
	  2, 3 },
	{ "codebook: unknown level", 'c', "codes:\n  neglect: {level: family, "
	  "label: l, description: d}\n", "'level' has an unknown value "
	  "'family' (expected one of: case, child)", 2, 20 },
	{ "codebook: misspelt extra key suggests", 'c', "codes:\n  neglect: "
	  "{level: child, label: l, description: d, descriptions: d}\n",
	  "unknown key 'descriptions' in a code; did you mean 'description'?",
	  2, 53 },
	{ "codebook: code as text", 'c', "codes:\n" CODE("a") "  b: text\n",
	  "a code must be a mapping of keys to values, not a scalar", 3, 6 },
	{ "codebook: codes as a list", 'c', "codes: [a, b]\n", "'codes' must "
	  "be a mapping of code names, not a sequence", 1, 8 },
	{ "codebook: duplicate code", 'c', "codes:\n" CODE("a") CODE("a"),
	  "duplicate key 'a' (first at line 2)", 3, 3 },
	/* Bug: an empty codebook passes, and then every case's codes are
	 * silently skipped ("the codebook failed; already reported"). */
	{ "codebook: no code at all", 'c', "codes: {}\n", "'codes' lists no "
	  "code", 1, 8 },
	{ "national: percent over 100", 'n', STUDY "    figures: {boys: 101}\n",
	  "'boys' is out of range: 101 (expected 0 to 100)", 6, 21 },
	{ "national: percent in words", 'n', STUDY
	  "    figures: {boys: {percent: fifty}}\n", "'percent' must be a "
	  "whole number, not 'fifty'", 6, 31 },
	{ "national: misspelt figure key", 'n', STUDY
	  "    figures: {boys: {percent: 5, txt: t}}\n", "unknown key 'txt' "
	  "in a national figure; did you mean 'text'?", 6, 34 },
	{ "national: study listed twice", 'n', STUDY "    figures: {}\n"
	  "  - {id: 2008-09, title: T, citation: C, period: P, figures: {}}\n",
	  "study '2008-09' is listed twice", 7, 10 },
	{ "national: study missing citation", 'n', "studies:\n  - {id: x, "
	  "title: T, period: P, figures: {}}\n", "a study is missing the "
	  "required key 'citation'", 2, 5 },
	{ "national: studies as a mapping", 'n', "studies: {a: 1}\n",
	  "'studies' must be a list, not a mapping", 1, 10 },
	{ "national: negative children", 'n', STUDY "    children: -5\n"
	  "    figures: {}\n", "'children' is out of range: -5 (expected 0 to "
	  "2147483647)", 6, 15 },
};

static void
run_file_row(void **state)
{
	const struct file_row *r = *state;
	struct cohort *c = cohort_new();
	struct diag d;
	char *want, *got;
	int rc;

	diag_init(&d, NULL);
	if (r->kind == 'r')
		rc = case_load_report_buf(c, "f.yaml", r->yaml,
		    strlen(r->yaml), &d);
	else if (r->kind == 'c')
		rc = case_load_codebook_buf(c, "f.yaml", r->yaml,
		    strlen(r->yaml), &d);
	else
		rc = case_load_national_buf(c, "f.yaml", r->yaml,
		    strlen(r->yaml), &d);
	assert_int_equal(rc, 0);
	if (d.nitems != 1)
		dump_diags(&d, r->title);
	assert_int_equal(d.nitems, 1);
	want = r->line > 0 ? xasprintf("f.yaml:%d:%d: error: %s", r->line,
	    r->col, r->msg) : xasprintf("f.yaml: error: %s", r->msg);
	got = diag_format(&d, 0);
	assert_string_equal(got, want);
	free(want);
	free(got);
	diag_clear(&d);
	cohort_free(c);
}

static void
valid_settings_load_their_values(void **state)
{
	struct cohort *c = test_cohort();
	const struct nat_study *s;
	const struct nat_figure *f;

	(void)state;
	assert_string_equal(c->report.title, "Test paper");
	assert_int_equal(c->report.period_from, 20060401);
	assert_int_equal(c->report.period_to, 20090930);
	assert_int_equal(c->report.created, 20091130);
	assert_int_equal(c->report.threshold, 5);
	assert_int_equal(c->report.suppress_regional, 0);
	assert_int_equal(c->report.nauthors, 2);
	assert_int_equal(c->report.nlscbs, 4);
	assert_int_equal(report_find_lscb(&c->report, "Haringey"), 2);
	assert_int_equal(report_find_lscb(&c->report, "haringey"), -1);
	assert_int_equal(c->codebook.ncodes, 5);
	assert_int_equal(c->codebook.codes[code(c, "neglect")].level,
	    LEVEL_CHILD);
	assert_int_equal(c->codebook.codes[code(c, "known_to_csc")].level,
	    LEVEL_CASE);
	assert_string_equal(c->codebook.codes[code(c, "known_to_csc")].label,
	    "known to children's social care");
	assert_non_null(s = national_find(&c->national, "2008-09"));
	assert_int_equal(s->children, 189);
	assert_non_null(f = nat_study_figure(s, "known_to_csc"));
	assert_int_equal(f->percent, 50);
	assert_string_equal(f->text, "just over 50%");
	assert_non_null(f = nat_study_figure(s, "boys"));
	assert_int_equal(f->percent, 56);
	assert_null(f->text);
	cohort_free(c);
}

/* --- nesting depth, straight through yml_parse() ----------------------- */

static char *
nested(size_t depth, char open, char close)
{
	char *s = xmalloc(2 * depth + 2);

	memset(s, open, depth);
	memset(s + depth, close, depth);
	s[2 * depth] = '\n';
	s[2 * depth + 1] = '\0';
	return s;
}

static void
nesting_of_64_levels_is_accepted(void **state)
{
	char *s = nested(YML_MAX_DEPTH, '[', ']');
	struct ynode *root = NULL;
	struct diag d;

	(void)state;
	diag_init(&d, NULL);
	assert_int_equal(yml_parse("deep.yaml", s, strlen(s), &d, &root), 1);
	assert_int_equal(d.nitems, 0);
	assert_non_null(root);
	ynode_free(root);
	free(s);
	diag_clear(&d);
}

static void
nesting_of_65_levels_is_refused(void **state)
{
	static const char *const want[] = {
	    "deep.yaml:1:65: error: nesting deeper than 64 levels",
	};
	char *s = nested(YML_MAX_DEPTH + 1, '[', ']');
	struct ynode *root = NULL;
	struct diag d;

	(void)state;
	diag_init(&d, NULL);
	assert_int_equal(yml_parse("deep.yaml", s, strlen(s), &d, &root), 0);
	assert_null(root);
	assert_diags(&d, want, NELEM(want));
	free(s);
	diag_clear(&d);
}

static void
deep_block_nesting_is_refused(void **state)
{
	static const char *const want[] = {
	    "deep.yaml:1:129: error: nesting deeper than 64 levels",
	};
	struct buf b;
	struct ynode *root = NULL;
	struct diag d;
	int i;

	(void)state;
	diag_init(&d, NULL);
	buf_init(&b);
	for (i = 0; i < 1000; i++)
		buf_puts(&b, "- ");
	buf_puts(&b, "x\n");
	assert_int_equal(yml_parse("deep.yaml", b.data, b.len, &d, &root), 0);
	assert_diags(&d, want, NELEM(want));
	buf_clear(&b);
	diag_clear(&d);
}

/* --- the real input ---------------------------------------------------- */

static void
real_input_loads_and_matches_the_published_tallies(void **state)
{
	static const struct { const char *code; int cases; } tallies[] = {
		{ "known_to_csc", 33 },
		{ "child_protection_plan", 9 },
		{ "child_in_need", 6 },
		{ "looked_after", 8 },
		{ "multiple_referrals", 10 },
		{ "new_immigrant", 7 },
		{ "abuse_network", 6 },
		{ "neglect_masked_abuse", 2 },
		{ "mother_abused_as_child", 8 },
		{ "parent_known_to_csc_as_child", 4 },
		{ "male_known_to_csc_as_child", 4 },
		{ "parent_mental_health", 28 },
		{ "major_mental_illness", 22 },
		{ "domestic_violence", 22 },
		{ "violent_history", 12 },
		{ "travel_abroad", 3 },
		{ "highly_mobile", 19 },
		{ "language_difficulties", 3 },
		{ "rent_arrears_or_eviction", 22 },
		{ "moved_due_to_dv", 4 },
		{ "neighbour_dispute", 6 },
		{ "alcohol_misuse", 11 },
		{ "drug_misuse", 13 },
		{ "antenatal_problems", 10 },
		{ "perinatal_problems", 15 },
		{ "recording_communication", 24 },
		{ "flawed_planning", 11 },
	};
	static const int want_bands[5] = { 21, 14, 8, 10, 7 };
	static const int want_deaths[DEATH__MAX] = { 0, 4, 21, 4, 3, 2 };
	struct diag d;
	struct cohort *c;
	int children = 0, boys = 0, household = 0, with_death = 0;
	int neglect = 0, two = 0, four_plus = 0;
	int bands[5] = { 0 }, deaths[DEATH__MAX] = { 0 };
	int kneglect, kmoved;
	size_t i, j, t;

	(void)state;
	diag_init(&d, NULL);
	c = case_load_dir("input", NULL, &d);
	if (d.nitems)
		dump_diags(&d, "input/");
	assert_int_equal(d.nerrors, 0);
	assert_int_equal(d.nitems, 0);
	assert_int_equal(c->ncases, 47);
	assert_int_equal(c->report.nlscbs, 33);
	kneglect = code(c, "neglect");
	kmoved = code(c, "moved_continually");
	assert_int_equal(c->codebook.codes[kneglect].level, LEVEL_CHILD);

	for (i = 0; i < c->ncases; i++) {
		const struct scr_case *k = &c->cases[i];
		int died = 0;

		household += k->household_children;
		if (k->lscb_areas_known == 2)
			two++;
		if (k->lscb_areas_known >= 4 ||
		    codeset_has(k->factors, (size_t)kmoved))
			four_plus++;
		for (j = 0; j < k->nchildren; j++) {
			const struct child *ch = &k->children[j];

			children++;
			if (ch->sex == SEX_MALE)
				boys++;
			if (ch->age_years == 0)
				bands[0]++;
			else if (ch->age_years <= 5)
				bands[1]++;
			else if (ch->age_years <= 10)
				bands[2]++;
			else if (ch->age_years <= 15)
				bands[3]++;
			else
				bands[4]++;
			if (ch->outcome == OUTCOME_DIED) {
				died = 1;
				deaths[ch->death]++;
				assert_int_not_equal(ch->death, DEATH_NONE);
			} else
				assert_int_equal(ch->death, DEATH_NONE);
			if (codeset_has(ch->factors, (size_t)kneglect))
				neglect++;
		}
		with_death += died;
	}
	assert_int_equal(children, 60);
	assert_int_equal(boys, 37);
	for (i = 0; i < 5; i++)
		assert_int_equal(bands[i], want_bands[i]);
	assert_int_equal(household, 30);
	assert_int_equal(with_death, 29);
	for (i = 0; i < DEATH__MAX; i++)
		assert_int_equal(deaths[i], want_deaths[i]);
	assert_int_equal(neglect, 16);
	assert_int_equal(two, 10);
	assert_int_equal(four_plus, 6);

	for (t = 0; t < NELEM(tallies); t++) {
		int k = code(c, tallies[t].code), n = 0;

		assert_int_equal(c->codebook.codes[k].level, LEVEL_CASE);
		for (i = 0; i < c->ncases; i++)
			n += codeset_has(c->cases[i].factors, (size_t)k);
		if (n != tallies[t].cases)
			fprintf(stderr, "-- %s: %d cases, expected %d\n",
			    tallies[t].code, n, tallies[t].cases);
		assert_int_equal(n, tallies[t].cases);
	}
	cohort_free(c);
	diag_clear(&d);
}

static void
missing_input_folder_is_reported(void **state)
{
	static const char *const want[] = {
	    "tests/no-such-input/report.yaml: error: cannot read: No such "
	    "file or directory",
	    "tests/no-such-input/codebook.yaml: error: cannot read: No such "
	    "file or directory",
	    "tests/no-such-input/national.yaml: error: cannot read: No such "
	    "file or directory",
	    "tests/no-such-input/cases: error: cannot open the cases folder: "
	    "No such file or directory",
	};
	struct diag d;
	struct cohort *c;

	(void)state;
	diag_init(&d, NULL);
	c = case_load_dir("tests/no-such-input", NULL, &d);
	assert_non_null(c);
	assert_diags(&d, want, NELEM(want));
	cohort_free(c);
	diag_clear(&d);
}

/* --- running ----------------------------------------------------------- */

/* Runs one cmocka group with a test per row, named by the row's title. */
static int
run_rows(const char *group, const void *rows, size_t nrows, size_t size,
    const char *(*title)(const void *), CMUnitTestFunction fn)
{
	struct CMUnitTest *tests = xcalloc(nrows, sizeof(*tests));
	size_t i;
	int rc;

	for (i = 0; i < nrows; i++) {
		const void *row = (const char *)rows + i * size;

		tests[i].name = title(row);
		tests[i].test_func = fn;
		tests[i].initial_state = (void *)(uintptr_t)row;
	}
	rc = _cmocka_run_group_tests(group, tests, nrows, NULL, NULL);
	free(tests);
	return rc;
}

static const char *
err_title(const void *r)
{
	return ((const struct err_row *)r)->title;
}

static const char *
file_title(const void *r)
{
	return ((const struct file_row *)r)->title;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(valid_case_loads_every_value),
		cmocka_unit_test(optional_keys_take_their_defaults),
		cmocka_unit_test(null_optional_values_take_their_defaults),
		cmocka_unit_test(every_death_cause_loads),
		cmocka_unit_test(quoted_and_flow_styles_load),
		cmocka_unit_test(codes_beyond_the_first_word_load),
		cmocka_unit_test(every_error_in_a_file_is_reported_in_one_call),
		cmocka_unit_test(errors_in_several_files_are_all_reported),
		cmocka_unit_test(runaway_file_is_capped_at_fifty_errors),
		cmocka_unit_test(
		    value_of_64_kib_loads_and_one_byte_more_is_refused),
		cmocka_unit_test(nul_byte_is_reported_where_it_is),
		cmocka_unit_test(duplicate_id_across_files_is_reported),
		cmocka_unit_test(validate_sorts_cases_by_id),
		cmocka_unit_test(
		    national_study_missing_from_national_yaml_is_reported),
		cmocka_unit_test(valid_settings_load_their_values),
		cmocka_unit_test(nesting_of_64_levels_is_accepted),
		cmocka_unit_test(nesting_of_65_levels_is_refused),
		cmocka_unit_test(deep_block_nesting_is_refused),
		cmocka_unit_test(
		    real_input_loads_and_matches_the_published_tallies),
		cmocka_unit_test(missing_input_folder_is_reported),
		cmocka_unit_test(issue31_12_leading_zero_is_refused),
		cmocka_unit_test(issue31_9_bidi_and_lone_marks_are_refused),
		cmocka_unit_test(issue31_14_disclosure_defaults_as_documented),
	};
	int rc = 0;

	rc += cmocka_run_group_tests_name("case_load", tests, NULL, NULL);
	rc += run_rows("case_load: one error per case file", case_rows,
	    NELEM(case_rows), sizeof(case_rows[0]), err_title, run_err_row);
	rc += run_rows("case_load: refused YAML", yaml_rows, NELEM(yaml_rows),
	    sizeof(yaml_rows[0]), err_title, run_err_row);
	rc += run_rows("case_load: report, codebook, national", file_rows,
	    NELEM(file_rows), sizeof(file_rows[0]), file_title, run_file_row);
	return rc != 0;
}

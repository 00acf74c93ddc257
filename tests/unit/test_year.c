/*
 * test_year.c: the warnings of a year's move (pipeline/year/cmd_year.c,
 * year_warn()): at report.yaml's line, an earlier period with no case, a
 * case completed in a gap between two periods, a created date not after
 * the period's end; at the template's @boards line, a tile map left out
 * for want of grid.yaml; and none of them when nothing is lost.  The
 * report and the template are written to a temporary folder (year_warn()
 * reads the created line from the file).
 */
#define _DEFAULT_SOURCE		/* mkdtemp */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "util.h"
#include "diag.h"
#include "case.h"
#include "year.h"
#include "testutil.h"

/* Line 8 starts the period's map, 11 is earlier:'s entry, 12 created:. */
#define REPORT(PFROM, CREATED) \
	"title: Test paper\n" \
	"region: London\n" \
	"organisation: Test team\n" \
	"authors: [A. Author]\n" \
	"national_study: 2008-09\n" \
	"lscbs: [Camden, Hackney]\n" \
	"period:\n" \
	"  from: " PFROM "\n" \
	"  to: 2010-09-30\n" \
	"earlier:\n  - {label: 2006-09, from: 2006-04-01, to: 2009-09-30}\n" \
	"created: " CREATED "\n"

struct fixture {
	char	 dir[64];
	char	*report;	/* dir/report.yaml */
	char	*tmpl;		/* dir/t.tmpl */
};

static void
write_file(const char *path, const char *text)
{
	assert_int_equal(file_write_atomic(path, text, strlen(text)), 0);
}

/* A cohort of report text, written to f's folder too, with one case
 * completed on each date of dates (0 ends the list). */
static struct cohort *
cohort_of(struct fixture *f, const char *report, const int *dates)
{
	static const char codebook[] = "codes:\n  known_to_csc:\n"
	    "    level: case\n    label: known\n    description: known\n";
	struct cohort *c = cohort_new();
	struct diag d;
	char *text;
	int i;

	snprintf(f->dir, sizeof(f->dir), "/tmp/scr-test-year.XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	f->report = xasprintf("%s/report.yaml", f->dir);
	f->tmpl = xasprintf("%s/t.tmpl", f->dir);
	write_file(f->report, report);
	write_file(f->tmpl, "# Title\n\nText.\n\n@boards #map The boards\n");
	diag_init(&d, NULL);
	assert_true(case_load_report_buf(c, f->report, report,
	    strlen(report), &d));
	assert_true(case_load_codebook_buf(c, "codebook.yaml", codebook,
	    strlen(codebook), &d));
	for (i = 0; dates[i] != 0; i++) {
		text = xasprintf("id: T-%d\nlscb: Camden\ncompleted: "
		    "%d-%02d-%02d\nchildren:\n  - {sex: male, age_years: 3, "
		    "outcome: serious_harm}\nhousehold_children: 0\n"
		    "lscb_areas_known: 1\n", i, dates[i] / 10000,
		    dates[i] / 100 % 100, dates[i] % 100);
		assert_true(case_load_case_buf(c, "case.yaml", text,
		    strlen(text), &d));
		free(text);
	}
	assert_true(case_validate_cohort(c, &d));
	if (d.nerrors)
		dump_diags(&d, "cohort_of");
	assert_int_equal(d.nerrors, 0);
	diag_clear(&d);
	return c;
}

static void
fixture_clear(struct fixture *f)
{
	unlink(f->report);
	unlink(f->tmpl);
	rmdir(f->dir);
	free(f->report);
	free(f->tmpl);
}

/* The number of warnings in d at file:line whose message holds text. */
static size_t
count_at(const struct diag *d, const char *file, int line, const char *text)
{
	size_t i, n = 0;

	for (i = 0; i < d->nitems; i++)
		if (d->items[i].level == DIAG_WARNING &&
		    strcmp(d->items[i].file, file) == 0 &&
		    d->items[i].line == line &&
		    strstr(d->items[i].msg, text) != NULL)
			n++;
	return n;
}

static void
nothing_lost_no_warning(void **state)
{
	static const int dates[] = { 20070101, 20100101, 0 };
	struct fixture f;
	struct cohort *c;
	struct diag d;

	(void)state;
	c = cohort_of(&f, REPORT("2009-10-01", "2010-11-30"), dates);
	diag_init(&d, NULL);
	year_warn(c, f.dir, f.tmpl, 0, &d);
	if (d.nitems)
		dump_diags(&d, "nothing lost");
	assert_int_equal(d.nitems, 0);
	diag_clear(&d);
	cohort_free(c);
	fixture_clear(&f);
}

static void
each_loss_warned_at_its_line(void **state)
{
	/* The period starts 2009-11-01: a gap in October 2009, with a
	 * case in it; no case in 2006-09; created on the period's end. */
	static const int dates[] = { 20091015, 20100101, 0 };
	struct fixture f;
	struct cohort *c;
	struct diag d;

	(void)state;
	c = cohort_of(&f, REPORT("2009-11-01", "2010-09-30"), dates);
	diag_init(&d, NULL);
	year_warn(c, f.dir, f.tmpl, 1, &d);
	if (d.nitems != 4)
		dump_diags(&d, "each loss");
	assert_int_equal(d.nitems, 4);
	assert_int_equal(count_at(&d, f.report, 11, "the earlier period "
	    "'2006-09' (2006-04-01 to 2009-09-30) has no case"), 1);
	assert_int_equal(count_at(&d, f.report, 8, "completed 2009-10-15, "
	    "falls in the gap between the periods '2006-09' (ending "
	    "2009-09-30) and '2009-10' (starting 2009-11-01)"), 1);
	assert_int_equal(count_at(&d, f.report, 12, "created 2010-09-30 is "
	    "not after the end of the period (2010-09-30)"), 1);
	assert_int_equal(count_at(&d, f.tmpl, 5, "grid.yaml is missing: "
	    "the tile map is left out"), 1);
	diag_clear(&d);
	cohort_free(c);
	fixture_clear(&f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(nothing_lost_no_warning),
		cmocka_unit_test(each_loss_warned_at_its_line),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

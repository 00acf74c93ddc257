/*
 * test_fill_period.c: the periods of issue 15 in the template language
 * (tmpl_parse.c) and in fill (fill_period.c): {previous:NAME},
 * {earlier:LABEL:NAME}, {change:NAME} and its wording, "::: if NAME
 * rose" and tests across periods, "::: earlier [LABEL]" blocks, the
 * "@periods" table and its chart, the "@trend" table of the national
 * series.  Three periods' ledgers are built by hand, so that every
 * expected value is known here.
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
#include "doc.h"
#include "tmpl.h"
#include "fill.h"
#include "testutil.h"

static const char report_yaml[] =
	"title: A paper\n"
	"region: Shire\n"
	"period:\n  from: 2008-04-01\n  to: 2010-03-31\n"
	"organisation: Shire Council\n"
	"authors: [Ann Able]\n"
	"national_study: s2\n"
	"created: 2011-02-03\n"
	"disclosure:\n  threshold: 5\n  regional: false\n"
	"comparison:\n  min_base: 2\n"
	"lscbs: [Upton, Downton]\n";

/* s1b shares s1's period: a sample of it, not a point of the series. */
static const char national_yaml[] =
	"studies:\n"
	"  - id: s1\n"
	"    title: Study one\n"
	"    citation: \"Study one.\"\n"
	"    period: \"2005 \xe2\x80\x93 2007\"\n"
	"    figures:\n"
	"      girls: 44\n"
	"      known: {percent: 50, text: \"about half\"}\n"
	"  - id: s1b\n"
	"    title: Study one, a sample\n"
	"    citation: \"Study one.\"\n"
	"    period: \"2005 \xe2\x80\x93 2007\"\n"
	"    figures:\n"
	"      girls: 10\n"
	"  - id: s2\n"
	"    title: Study two\n"
	"    citation: \"Study two.\"\n"
	"    period: \"2008 \xe2\x80\x93 2009\"\n"
	"    figures:\n"
	"      known: 68\n";

enum { NPERIODS = 3, NVALUES = 5 };

static const char *const labels[NPERIODS] = { "2004-06", "2006-08",
    "2008-10" };

struct fixture {
	struct cohort		*cohort;
	struct fig_value	 values[NPERIODS][NVALUES];
	struct fig_ledger	 ledgers[NPERIODS];
	const struct fig_ledger	*list[NPERIODS];
};

/* One period's figures: girls num/den, reviews, hidden (suppressed when
 * hide), known num/12, deaths share of dead over died. */
static void
set_period(struct fixture *fx, int i, long girls, long den, long reviews,
    int hide, long known, long died)
{
	struct fig_value *v = fx->values[i];

	v[0] = (struct fig_value){ .name = "girls", .unit = FIG_CHILDREN,
	    .style = FIG_STYLE_PERCENT, .num = girls, .den = den,
	    .percent = fig_percent(girls, den) };
	v[1] = (struct fig_value){ .name = "reviews", .unit = FIG_COUNT,
	    .style = FIG_STYLE_DIGITS, .num = reviews, .percent = -1 };
	v[2] = (struct fig_value){ .name = "hidden", .unit = FIG_CASES,
	    .style = FIG_STYLE_PERCENT, .num = 2, .den = 12,
	    .percent = 17, .suppressed = hide, .lo = 0, .hi = 5 };
	v[3] = (struct fig_value){ .name = "known", .unit = FIG_CASES,
	    .style = FIG_STYLE_PERCENT, .num = known, .den = 12,
	    .percent = fig_percent(known, 12) };
	v[4] = (struct fig_value){ .name = "dead", .unit = FIG_DEATHS,
	    .style = FIG_STYLE_PERCENT, .num = 0, .den = died,
	    .percent = died > 0 ? 0 : -1 };
	fx->ledgers[i].values = v;
	fx->ledgers[i].nvalues = NVALUES;
	fx->ledgers[i].lscb = -1;
	fx->ledgers[i].cases = reviews;
	fx->ledgers[i].children = den;
	fx->ledgers[i].suppressed_any = hide;
	fx->list[i] = &fx->ledgers[i];
}

static int
setup(void **state)
{
	struct fixture	*fx;

	fx = xcalloc(1, sizeof(*fx));
	if ((fx->cohort = cohort_from_yaml(report_yaml, national_yaml)) ==
	    NULL)
		fail_msg("fixture YAML does not load");
	/* girls: 40% -> 45% -> 45%; reviews 12 -> 9 -> 10; hidden shown,
	 * then [c]; known 6/12 50% -> 7/12 58% -> 6/12 50%; dead has no
	 * base in the first period. */
	set_period(fx, 0, 8, 20, 12, 0, 6, 0);
	set_period(fx, 1, 9, 20, 9, 1, 7, 3);
	set_period(fx, 2, 18, 40, 10, 0, 6, 2);
	*state = fx;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture	*fx = *state;

	cohort_free(fx->cohort);
	free(fx);
	return 0;
}

/* The environment of the regional paper with the first np periods (the
 * last of them current); np 1 declares none earlier. */
static void
make_env(struct fixture *fx, struct doc_env *env, size_t np)
{
	memset(env, 0, sizeof(*env));
	env->cohort = fx->cohort;
	env->ledgers[DOC_LEDGER_SELECTION] = fx->list[np - 1];
	env->ledgers[DOC_LEDGER_REGION] = fx->list[np - 1];
	env->lscb = -1;
	if (np > 1) {
		env->nperiods = np;
		env->period_labels = labels;
		env->periods[DOC_LEDGER_SELECTION] = fx->list;
		env->periods[DOC_LEDGER_REGION] = fx->list;
	}
}

/* Parses and fills src with np periods; returns the document, or NULL
 * with the first error in *err (free it) when it does not fill. */
static struct doc *
fill_np(struct fixture *fx, const char *src, size_t np, char **err)
{
	struct diag	 d;
	struct doc_env	 env;
	struct doc	*doc;

	*err = NULL;
	diag_init(&d, NULL);
	doc = tmpl_parse_buf("t.tmpl", src, strlen(src), &d);
	if (doc == NULL) {
		*err = diag_format(&d, 0);
		diag_clear(&d);
		return NULL;
	}
	make_env(fx, &env, np);
	if (!doc_fill(doc, &env, &d)) {
		*err = d.nitems > 0 ? diag_format(&d, 0) : xstrdup("?");
		doc_free(doc);
		doc = NULL;
	}
	diag_clear(&d);
	return doc;
}

/* Returns the plain text of every paragraph of doc, joined by "\n". */
static char *
doc_text(const struct doc *doc)
{
	struct buf	 b;
	struct doc_node	*n;
	char		*t;

	buf_init(&b);
	for (n = doc->root->first_child; n != NULL; n = n->next) {
		if (n->type != DOC_PARA)
			continue;
		t = doc_node_plain(n);
		buf_printf(&b, "%s%s", b.len > 0 ? "\n" : "", t);
		free(t);
	}
	return b.data != NULL ? buf_take(&b) : xstrdup("");
}

/* src filled with np periods reads want. */
static void
check_text(struct fixture *fx, const char *src, size_t np,
    const char *want)
{
	struct doc	*doc;
	char		*err, *got;

	if ((doc = fill_np(fx, src, np, &err)) == NULL)
		fail_msg("\"%s\" does not fill: %s", src, err);
	got = doc_text(doc);
	if (strcmp(got, want) != 0)
		fail_msg("\"%s\" with %zu periods:\n got: %s\nwant: %s", src,
		    np, got, want);
	free(got);
	doc_free(doc);
}

/* src with np periods fails, its first error want. */
static void
check_fails(struct fixture *fx, const char *src, size_t np,
    const char *want)
{
	struct doc	*doc;
	char		*err;

	doc = fill_np(fx, src, np, &err);
	if (doc != NULL)
		fail_msg("\"%s\" fills; want: %s", src, want);
	if (strcmp(err, want) != 0)
		fail_msg("\"%s\":\n got: %s\nwant: %s", src, err, want);
	free(err);
}

/* References to the other periods print their figures. */
static void
test_period_refs(void **state)
{
	struct fixture	*fx = *state;

	check_text(fx, "{girls}, {previous:girls}, "
	    "{earlier:2004-06:girls}, {region:previous:reviews:words}, "
	    "{earlier:2006-08:hidden}.\n", 3, "45%, 45%, 40%, nine, [c].");
	check_text(fx, "{previous:girls|# girl|# girls} of "
	    "{region:earlier:2004-06:girls:digits|# girl|# girls}.\n", 3,
	    "45% of girls of 8 girls.");
	/* With two periods, "previous" is the first. */
	check_text(fx, "{previous:girls}\n", 2, "40%");
	check_text(fx, "{report:periods}; {report:previous}.\n", 3,
	    "2004-06, 2006-08 and 2008-10; 2006-08.");
	check_text(fx, "{report:periods}.\n", 2, "2004-06 and 2006-08.");
	check_text(fx, "{report:periods}.\n", 1, "2008-10.");
	check_fails(fx, "{report:previous}\n", 1, "t.tmpl:1:1: error: no "
	    "period before the current one: report.yaml declares no earlier "
	    "period (put what compares periods in a \"::: earlier\" block)");
}

/* The change wording, chosen by the data. */
static void
test_change_words(void **state)
{
	struct fixture	*fx = *state;

	/* periods 1 -> 2 */
	check_text(fx, "{change:girls}; {change:reviews}; "
	    "{change:reviews:words}; {region:change:known}.\n", 2,
	    "Rose from 40% to 45%, up 5 points; fell from 12 to 9, down 3; "
	    "fell from "
	    "twelve to nine, down three; rose from 50% to 58%, up 8 "
	    "points.");
	/* periods 2 -> 3: [c] on either side prints [c]; n/a never
	 * arises here, 1 point agrees */
	check_text(fx, "Girls {change:girls}; reviews {change:reviews}; "
	    "hidden {change:hidden}; known {change:known}.\n", 3,
	    "Girls was unchanged at 45%; reviews rose from 9 to 10, up 1; "
	    "hidden [c]; known fell from 58% to 50%, down 8 points.");
	/* a share of no base before */
	check_text(fx, "Dead {change:dead}.\n", 2, "Dead n/a.");
	check_fails(fx, "{change:girls:digits}\n", 3, "t.tmpl:1:1: error: "
	    "a change of share \"girls\" is printed in percentage points "
	    "(percent), not in style \"digits\"");
	check_fails(fx, "{change:reviews:approx}\n", 3, "t.tmpl:1:1: "
	    "error: a change of count \"reviews\" is printed in digits or "
	    "words, not in style \"approx\"");
}

/* One point of change is "1 point". */
static void
test_change_one_point(void **state)
{
	struct fixture	*fx = *state;

	set_period(fx, 1, 9, 20, 9, 0, 7, 3);	/* 45% */
	set_period(fx, 2, 23, 50, 10, 0, 6, 2);	/* 46% */
	check_text(fx, "{change:girls}\n", 3,
	    "Rose from 45% to 46%, up 1 point");
}

/*
 * Issue 32.9: a count over periods of different lengths is compared as
 * a rate a year; a rate of 0 is "0 a year" (not the words' "none a
 * year") and a period of one month is "1 month", in the sentence and in
 * the @periods table's header.
 */
static void
test_issue32_9_rate_wording(void **state)
{
	static const char report[] =
		"title: A paper\n"
		"region: Shire\n"
		"period:\n  from: 2008-02-01\n  to: 2010-01-31\n"
		"earlier:\n  - {label: 2008-01, from: 2008-01-01, "
		"to: 2008-01-31}\n"
		"organisation: Shire Council\n"
		"authors: [Ann Able]\n"
		"national_study: s2\n"
		"created: 2011-02-03\n"
		"disclosure:\n  threshold: 5\n  regional: false\n"
		"lscbs: [Upton, Downton]\n";
	struct fixture	*fx = *state;
	struct cohort	*keep = fx->cohort;
	struct doc	*doc;
	char		*err, *dump = NULL;
	size_t		 len;
	FILE		*f;

	if ((fx->cohort = cohort_from_yaml(report, national_yaml)) == NULL)
		fail_msg("the report with a one-month period does not load");
	set_period(fx, 0, 8, 20, 0, 0, 6, 0);	/* no review in 1 month */
	set_period(fx, 1, 9, 20, 34, 0, 7, 3);	/* 34 in 24 months: 17 */
	/* A period without a review is below any comparison: min_base. */
	check_text(fx, "{change:reviews}.\n", 2,
	    "Could not be compared: too few reviews.");
	/* The wording of a zero rate, on bases large enough to compare
	 * (the ledgers' counts of reviews, which min_base reads, set apart
	 * from the figure compared). */
	fx->ledgers[0].cases = fx->ledgers[1].cases = 40;
	check_text(fx, "{change:reviews:words}; {change:reviews}.\n", 2,
	    "Rose from 0 a year to seventeen a year, up seventeen a year "
	    "(none in 1 month, then 34 in 24 months); rose from 0 a year "
	    "to 17 a year, up 17 a year (0 in 1 month, then 34 in 24 "
	    "months).");
	set_period(fx, 1, 9, 20, 0, 0, 7, 3);
	fx->ledgers[0].cases = fx->ledgers[1].cases = 40;
	check_text(fx, "{change:reviews:words}.\n", 2,
	    "Was unchanged at 0 a year (none in 1 month, then none in 24 "
	    "months).");
	set_period(fx, 1, 9, 20, 34, 0, 7, 3);
	doc = fill_np(fx, "| Reviews | |\n| --- | --- |\n"
	    "| Reviews | {reviews} |\n@periods\n", 2, &err);
	if (doc == NULL)
		fail_msg("@periods does not fill: %s", err);
	f = open_memstream(&dump, &len);
	doc_dump(f, doc);
	fclose(f);
	if (strstr(dump, "2004-06 (1\u00a0month)") == NULL ||
	    strstr(dump, "2006-08 (24\u00a0months)") == NULL)
		fail_msg("the @periods header does not say 1 month:\n%s",
		    dump);
	free(dump);
	doc_free(doc);
	/* Issue 25: its chart draws rates a year (34 in 24 months: 17),
	 * and its caption, values, gridline and alternative say so. */
	doc = fill_np(fx, "| Reviews | |\n| --- | --- |\n"
	    "| Reviews | {reviews} |\n@periods\n\n@chart Reviews\n", 2, &err);
	if (doc == NULL)
		fail_msg("@periods @chart does not fill: %s", err);
	{
		const struct doc_chart *ch =
		    doc->root->first_child->next->as.chart.data;

		assert_non_null(ch);
		assert_non_null(ch->per);
		assert_string_equal(ch->per, " a year");
		assert_string_equal(ch->cells[0].text, "0 a year");
		assert_string_equal(ch->cells[1].text, "17 a year");
		assert_true(ch->cells[1].num.value == 17);
		assert_true(ch->max == 17);
		assert_string_equal(ch->alt, "Bar chart: Reviews, as rates a "
		    "year. Reviews: 2004-06 (1\u00a0month) 0 a year, 2006-08 "
		    "(24\u00a0months) 17 a year.");
	}
	doc_free(doc);
	cohort_free(fx->cohort);
	fx->cohort = keep;
}

/* A period the report does not declare is an error naming those it
 * does, unless the reference sits in a block shown only when it
 * exists. */
static void
test_unknown_period(void **state)
{
	struct fixture	*fx = *state;

	check_fails(fx, "A {earlier:2001-02:girls}.\n", 3,
	    "t.tmpl:1:3: error: unknown earlier period \"2001-02\" "
	    "(report.yaml declares 2004-06 and 2006-08; a block \"::: "
	    "earlier 2001-02\" shows only when it does)");
	check_fails(fx, "A {earlier:2008-10:girls}.\n", 3,
	    "t.tmpl:1:3: error: unknown earlier period \"2008-10\" "
	    "(report.yaml declares 2004-06 and 2006-08; a block \"::: "
	    "earlier 2008-10\" shows only when it does)");
	check_fails(fx, "A {previous:girls}.\n", 1,
	    "t.tmpl:1:3: error: no period before the current one: "
	    "report.yaml declares no earlier period (put what compares "
	    "periods in a \"::: earlier\" block)");
	check_fails(fx, "::: if girls rose\nA.\n:::\n", 1,
	    "t.tmpl:1:1: error: no period before the current one: "
	    "report.yaml declares no earlier period (put what compares "
	    "periods in a \"::: earlier\" block)");
	check_fails(fx, "A {previous:nosuch}.\n", 3,
	    "t.tmpl:1:3: error: unknown figure \"nosuch\"");
	/* A block that drops out still has its names checked. */
	check_fails(fx, "::: earlier\nB {previous:girlz}.\n:::\n", 1,
	    "t.tmpl:2:3: error: unknown figure \"girlz\"; did you mean "
	    "\"girls\"?");
	check_fails(fx, "::: earlier\nB {change:girlz}.\n:::\n", 1,
	    "t.tmpl:2:3: error: unknown figure \"girlz\"; did you mean "
	    "\"girls\"?");
	check_fails(fx, "::: earlier 2001-02\nB {earlier:2001-02:girls:"
	    "wordz}.\n:::\n", 3, "t.tmpl:2:26: error: unknown style "
	    "\"wordz\"; did you mean \"words\"?");
	/* Guarded: the blocks drop out. */
	check_text(fx, "A.\n\n::: earlier\nB {previous:girls} "
	    "{change:girls}.\n::: if girls rose\nC.\n:::\n:::\n\n"
	    "::: no-earlier\nD.\n:::\n", 1, "A.\nD.");
	check_text(fx, "A.\n\n::: earlier\nB {previous:girls}.\n:::\n\n"
	    "::: earlier 2004-06\nC {earlier:2004-06:girls}.\n:::\n\n"
	    "::: earlier 2001-02\nE {earlier:2001-02:girls}.\n:::\n\n"
	    "::: no-earlier\nD.\n:::\n", 3, "A.\nB 45%.\nC 40%.");
}

/* "::: if NAME rose|fell|unchanged" and comparisons across periods. */
/* report.yaml comparison: min_base: below it in either period, no
 * change is stated and no rose/fell test holds (reviews 12 -> 9; girls
 * over 20 children, known over 12 reviews). */
static void
test_change_min_base(void **state)
{
	struct fixture	*fx = *state;

	fx->cohort->report.min_base = 10;
	check_text(fx, "{change:reviews}; {change:girls}; {change:known}.\n",
	    2, "Could not be compared: too few reviews; rose from 40% to 45%, "
	    "up 5 points; rose from 50% to 58%, up 8 points.");
	check_text(fx, "::: if reviews fell\nRF.\n:::\n"
	    "::: unless reviews comparable\nRN.\n:::\n"
	    "::: if known rose\nKR.\n:::\n", 2, "RN.\nKR.");
	fx->cohort->report.min_base = 13;
	check_text(fx, "{change:known}; {change:girls}.\n", 2,
	    "Could not be compared: too few reviews; rose from 40% to 45%, "
	    "up 5 points.");
	check_text(fx, "::: if known rose\nKR.\n:::\n"
	    "::: if girls rose\nGR.\n:::\n", 2, "GR.");
	fx->cohort->report.min_base = 5;
	check_text(fx, "::: if reviews fell\nRF.\n:::\n", 2, "RF.");
}

static void
test_period_tests(void **state)
{
	struct fixture	*fx = *state;
	const char	*src =
	    "::: if girls rose\nGR.\n:::\n"
	    "::: if girls fell\nGF.\n:::\n"
	    "::: if girls unchanged\nGU.\n:::\n"
	    "::: if region:reviews fell\nRF.\n:::\n"
	    "::: if reviews rose\nRR.\n:::\n"
	    "::: if known > previous:known\nK.\n:::\n"
	    "::: unless known >= earlier:2004-06:known\nKE.\n:::\n"
	    "::: if hidden rose\nHR.\n:::\n"
	    "::: if hidden unchanged\nHU.\n:::\n"
	    "::: unless hidden unchanged\nNHU.\n:::\n"
	    "::: if dead rose\nDR.\n:::\n"
	    "::: unless dead rose\nNDR.\n:::\n"
	    "::: if girls comparable\nGC.\n:::\n"
	    "::: if hidden comparable\nHC.\n:::\n"
	    "::: if dead comparable\nDC.\n:::\n";

	/* 1 -> 2: girls 40 -> 45 rose; reviews 12 -> 9 fell; known 50 ->
	 * 58 rose; hidden 17 -> [c] 0..42: neither; dead n/a -> 0 */
	check_text(fx, src, 2, "GR.\nRF.\nK.\nNHU.\nNDR.\nGC.");
	/* 2 -> 3: girls 45 -> 45; reviews 9 -> 10 rose; known 58 -> 50
	 * fell, and not below the first period's 50% */
	check_text(fx, src, 3, "GU.\nRR.\nNHU.\nNDR.\nGC.\nDC.");
}

/* "@periods": the second column set across the periods, labelled, and
 * its chart's series the periods with an alternative from its cells. */
static void
test_periods_table(void **state)
{
	struct fixture		*fx = *state;
	const struct doc_node	*t, *row, *c;
	const struct doc_chart	*ch;
	struct doc		*doc;
	char			*err, *s;
	const char		*want[3][4] = {
		{ "", "2004-06", "2006-08", "2008-10" },
		{ "Girls", "40%", "45%", "45%" },
		{ "Hidden", "17%", "[c]", "17%" },
	};
	int			 r, k;

	doc = fill_np(fx, "| Per cent | |\n| --- | --- |\n"
	    "| Girls | {girls} |\n| Hidden | {region:hidden} |\n@periods\n"
	    "\n@chart Shares by period\n", 3, &err);
	if (doc == NULL)
		fail_msg("%s", err);
	for (t = doc->root->first_child; t->type != DOC_TABLE; t = t->next)
		continue;
	assert_int_equal(t->as.table.ncols, 4);
	for (r = 0, row = t->first_child; row != NULL; row = row->next, r++)
		for (k = 0, c = row->first_child; c != NULL; c = c->next,
		    k++) {
			s = doc_node_plain(c);
			if (r > 0 || k > 0)
				assert_string_equal(s, want[r][k]);
			free(s);
			if (r > 0 && k > 0)
				assert_int_equal(c->as.cell.align,
				    DOC_ALIGN_RIGHT);
		}
	assert_int_equal(t->first_child->next->next->first_child->next->
	    next->as.cell.num.kind, DOC_NUM_SUPPRESSED);
	ch = t->next->as.chart.data;
	assert_non_null(ch);
	assert_int_equal(ch->nseries, 3);
	assert_int_equal(ch->ncats, 2);
	assert_string_equal(ch->series[0], "2004-06");
	s = xasprintf("Bar chart: Shares by period. Girls: 2004-06 40%%, "
	    "2006-08 45%%, 2008-10 45%%. Hidden: 2004-06 17%%, 2006-08 [c], "
	    "2008-10 17%%. %s", fig_suppressed_note);
	assert_string_equal(ch->alt, s);
	free(s);
	doc_free(doc);

	/* Periods of equal lengths: a count chart keeps its counts. */
	doc = fill_np(fx, "| Number | |\n| --- | --- |\n"
	    "| Reviews | {reviews} |\n@periods\n\n@chart Reviews\n", 3, &err);
	if (doc == NULL)
		fail_msg("%s", err);
	ch = doc->root->first_child->next->as.chart.data;
	assert_non_null(ch);
	assert_null(ch->per);
	assert_string_equal(ch->cells[0].text, "12");
	assert_string_equal(ch->alt, "Bar chart: Reviews. Reviews: 2004-06 "
	    "12, 2006-08 9, 2008-10 10.");
	doc_free(doc);

	/* No earlier period: the current column alone, by its years. */
	doc = fill_np(fx, "| Per cent | |\n| --- | --- |\n"
	    "| Girls | {girls} |\n@periods\n", 1, &err);
	if (doc == NULL)
		fail_msg("%s", err);
	t = doc->root->first_child;
	assert_int_equal(t->as.table.ncols, 2);
	s = doc_node_plain(t->first_child->first_child->next);
	assert_string_equal(s, "2008-10");
	free(s);
	doc_free(doc);

	/* A period with no base: "n/a", not capitalised, no bar; the
	 * column is still right-aligned. */
	doc = fill_np(fx, "| Per cent | |\n| --- | --- |\n"
	    "| Dead | {dead} |\n@periods\n\n@chart Dead\n", 3, &err);
	if (doc == NULL)
		fail_msg("%s", err);
	c = doc->root->first_child->first_child->next->first_child->next;
	s = doc_node_plain(c);
	assert_string_equal(s, "n/a");
	free(s);
	assert_int_equal(c->as.cell.align, DOC_ALIGN_RIGHT);
	assert_false(doc->root->first_child->next->as.chart.data->
	    cells[0].bar);
	doc_free(doc);

	check_fails(fx, "| Per cent | x |\n| --- | --- |\n| G | {girls} |\n"
	    "@periods\n", 3, "t.tmpl:1:14: error: a @periods table leaves "
	    "its header's second cell empty: the periods' labels go there");
	check_fails(fx, "| P | |\n| --- | --- |\n| G | {girls} % |\n"
	    "@periods\n", 3, "t.tmpl:3:7: error: a @periods table's second "
	    "column holds one figure {NAME} or {region:NAME} a row, which it "
	    "sets across the periods");
	check_fails(fx, "| P | |\n| --- | --- |\n| G | {previous:girls} |\n"
	    "@periods\n", 3, "t.tmpl:3:7: error: a @periods table's second "
	    "column holds one figure {NAME} or {region:NAME} a row, which it "
	    "sets across the periods");
	check_fails(fx, "| G | {girls} |\n@periods\n", 3, "t.tmpl:1:1: "
	    "error: a @periods table needs a header row (its second cell "
	    "empty) for the periods' labels");
}

/* "@trend": a row a point of the national series (gaps as "–"), then a
 * row a period of the region, a column a figure. */
static void
test_trend(void **state)
{
	struct fixture		*fx = *state;
	const struct doc_node	*t, *row, *c;
	struct doc		*doc;
	char			*err, *s;
	const char		*want[6][3] = {
		{ "Per cent", "girls", "known" },
		/* Labels unbroken: no-break spaces (C2 A0), and a word
		 * joiner (E2 81 A0) after the dash. */
		{ "National,\xc2\xa0" "2005\xc2\xa0\xe2\x80\x93\xe2\x81\xa0"
		    "\xc2\xa0" "2007", "44%", "50%" },
		{ "National,\xc2\xa0" "2008\xc2\xa0\xe2\x80\x93\xe2\x81\xa0"
		    "\xc2\xa0" "2009", "\xe2\x80\x93", "68%" },
		{ "Shire,\xc2\xa0" "2004-06", "40%", "50%" },
		{ "Shire,\xc2\xa0" "2006-08", "45%", "58%" },
		{ "Shire,\xc2\xa0" "2008-10", "45%", "50%" },
	};
	int			 r, k;

	doc = fill_np(fx, "@trend girls,known Girls and known\n", 3, &err);
	if (doc == NULL)
		fail_msg("%s", err);
	t = doc->root->first_child;
	assert_int_equal(t->type, DOC_TABLE);
	for (r = 0, row = t->first_child; row != NULL; row = row->next, r++)
		for (k = 0, c = row->first_child; c != NULL; c = c->next,
		    k++) {
			assert_true(r < 6);
			s = doc_node_plain(c);
			assert_string_equal(s, want[r][k]);
			free(s);
		}
	assert_int_equal(r, 6);
	assert_non_null(t->next->as.chart.data);
	assert_int_equal(t->next->as.chart.data->ncats, 5);
	/* the gap is no bar and no zero */
	assert_false(t->next->as.chart.data->cells[2].bar);
	assert_int_equal(t->next->as.chart.data->cells[2].num.kind,
	    DOC_NUM_BLANK);
	doc_free(doc);
	check_fails(fx, "@trend girlz\n", 3, "t.tmpl:1:1: error: unknown "
	    "national figure \"girlz\" in @trend (a figure of the studies' "
	    "series); did you mean \"girls\"?");
}

/* Issue 31.8: the trend table's row label keeps the region name's own
 * spaces, so that a long name breaks between its words ("Warrington
 * and ..."), never inside one; only the period is held together, and to
 * the name's last word. */
static void
issue31_8_trend_region_name_breaks(void **state)
{
	struct fixture		*fx = *state;
	const struct doc_node	*row;
	struct doc		*doc;
	char			*err, *s;

	free(fx->cohort->report.region);
	fx->cohort->report.region = xstrdup("Warrington and the Long "
	    "Valley of the Mersey");
	doc = fill_np(fx, "@trend girls Girls\n", 3, &err);
	if (doc == NULL)
		fail_msg("%s", err);
	/* header, two national points, then the region's periods */
	row = doc->root->first_child->first_child->next->next->next;
	s = doc_node_plain(row->first_child);
	assert_string_equal(s, "Warrington and the Long Valley of the "
	    "Mersey,\xc2\xa0" "2004-06");
	free(s);
	doc_free(doc);
}

/* Parse errors at their place. */
static void
test_parse_errors(void **state)
{
	static const struct {
		const char	*src;
		const char	*want;
	} bad[] = {
		{ "{earlier:girls}\n", "t.tmpl:1:1: error: a reference to an "
		    "earlier period needs {earlier:LABEL:NAME[:STYLE]}" },
		{ "{earlier:a_b:girls}\n", "t.tmpl:1:1: error: bad period "
		    "label \"a_b\" (letters, digits and -)" },
		{ "{change:girls|a|b}\n", "t.tmpl:1:1: error: forms (|...) do "
		    "not follow a change: guard its sentence with \"::: if "
		    "NAME rose\", \"fell\" or \"unchanged\"" },
		{ "::: if girls grew\nA.\n:::\n", "t.tmpl:1:14: error: bad test "
		    "\"girls grew\": write \"::: if [region:]NAME rose\", "
		    "\"fell\", \"unchanged\" or \"comparable\", or \"NAME OP "
		    "RIGHT\"" },
		{ "::: if previous:girls rose\nA.\n:::\n", "t.tmpl:1:8: "
		    "error: bad figure \"previous:girls\" in test: \"rose\" "
		    "compares the current period with the one before" },
		{ "::: if girls > 3 rose\nA.\n:::\n", "t.tmpl:1:8: error: bad "
		    "test \"girls > 3 rose\": write \"::: if [region:]NAME OP "
		    "N\", \"N%\", \"[half] [region:]OTHER\" with OP one of = "
		    "!= < <= > >=" },
		{ "::: earlier a_b\nA.\n:::\n", "t.tmpl:1:13: error: bad "
		    "period label \"a_b\" in \"::: earlier LABEL\" (letters, "
		    "digits and -)" },
		{ "A.\n@periods\n", "t.tmpl:2:1: error: @periods must follow "
		    "the table it sets across the periods" },
		{ "| a | b | c |\n@periods\n", "t.tmpl:2:1: error: @periods "
		    "sets a table of two columns (a label, then a figure) "
		    "across the periods; the table above has 3" },
		{ "| a | b |\n@periods\n@periods\n", "t.tmpl:3:1: error: "
		    "@periods twice for one table" },
		{ "| a | b |\n@periods x\n", "t.tmpl:2:1: error: @periods "
		    "takes nothing after it (a @chart of the table may "
		    "follow)" },
		{ "@trend\n", "t.tmpl:1:1: error: @trend needs the national "
		    "figures it draws: @trend NAME[,NAME...] [CAPTION]" },
		{ "@trend a,,b\n", "t.tmpl:1:10: error: bad figure name \"\" in "
		    "@trend" },
	};
	struct diag	 d;
	struct doc	*doc;
	char		*got;
	size_t		 i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		diag_init(&d, NULL);
		doc = tmpl_parse_buf("t.tmpl", bad[i].src, strlen(bad[i].src),
		    &d);
		if (doc != NULL)
			fail_msg("\"%s\" parses", bad[i].src);
		got = diag_format(&d, 0);
		if (strcmp(got, bad[i].want) != 0)
			fail_msg("\"%s\":\n got: %s\nwant: %s", bad[i].src, got,
			    bad[i].want);
		free(got);
		diag_clear(&d);
	}
}

/* The dump spells the new references as the template does, and a clone
 * keeps them. */
static void
test_dump_clone(void **state)
{
	struct diag	 d;
	struct doc	*doc, *c;
	char		*a = NULL, *b = NULL;
	size_t		 la, lb;
	FILE		*f;
	const char	*src = "{region:earlier:2004-06:girls:digits} "
	    "{previous:girls} {change:known}\n\n::: earlier 2004-06\n"
	    "::: if region:girls > earlier:2004-06:girls\nA.\n:::\n:::\n"
	    "::: if known rose\nB.\n:::\n| a | |\n| - | - |\n| b | {girls} |\n"
	    "@periods\n@trend girls,known Cap\n";

	(void)state;
	diag_init(&d, stderr);
	doc = tmpl_parse_buf("t.tmpl", src, strlen(src), &d);
	assert_non_null(doc);
	c = doc_clone(doc);
	f = open_memstream(&a, &la);
	doc_dump(f, doc);
	fclose(f);
	f = open_memstream(&b, &lb);
	doc_dump(f, c);
	fclose(f);
	assert_string_equal(a, b);
	assert_non_null(strstr(a, "figref region:earlier:2004-06:girls "
	    "style=digits"));
	assert_non_null(strstr(a, "figref previous:girls"));
	assert_non_null(strstr(a, "figref change:known"));
	assert_non_null(strstr(a, "cond earlier 2004-06"));
	assert_non_null(strstr(a, "cond if region:girls > "
	    "earlier:2004-06:girls"));
	assert_non_null(strstr(a, "cond if known rose @"));
	assert_non_null(strstr(a, "table cols=2 periods"));
	assert_non_null(strstr(a, "chart trend=girls,known"));
	free(a);
	free(b);
	doc_free(c);
	doc_free(doc);
	diag_clear(&d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_period_refs, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_change_words, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_change_one_point, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_issue32_9_rate_wording,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_unknown_period, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_change_min_base, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_period_tests, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_periods_table, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_trend, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    issue31_8_trend_region_name_breaks, setup, teardown),
		cmocka_unit_test(test_parse_errors),
		cmocka_unit_test(test_dump_clone),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

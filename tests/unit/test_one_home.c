/*
 * test_one_home.c: each presentation decision has one home, which every
 * back end reads (issue 27, "One home per decision"): a chart's colours
 * and hatching (doc_theme.c, beside the tile shades), its axis (fill,
 * into the tree's doc_chart); and each rule the program states once: the
 * collapse rule (fill_collapses()), the number words (fig_number_word())
 * and the label of a period report.yaml does not name
 * (report_period_label()); the sign-off's lines and the paper's date
 * (doc_meta_signoff(), doc_meta_date()), which every edition prints.  The tests that need the project's files (fonts/,
 * input/, templates/) skip when not run from the project root.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "util.h"
#include "diag.h"
#include "case.h"
#include "fig.h"
#include "doc.h"
#include "tmpl.h"
#include "fill.h"
#include "paper.h"
#include "render.h"
#include "fill_int.h"
#include "testutil.h"
#include "testworld.h"

/* Returns doc's first chart's data. */
static struct doc_chart *
first_chart(struct doc *doc)
{
	struct doc_node	*n;

	for (n = doc->root->first_child; n != NULL; n = n->next)
		if (n->type == DOC_CHART)
			break;
	assert_non_null(n);
	assert_non_null(n->as.chart.data);
	return n->as.chart.data;
}

/* A table of three series (a template's chart has up to three). */
#define THREE_SERIES \
	"# Title\n\n" \
	"| Age | A | B | C |\n" \
	"| --- | --- | --- | --- |\n" \
	"| Under 1 | 40% | 32% | 20% |\n" \
	"| 1 - 5 | 23% | 29% | 30% |\n\n" \
	"@chart Ages\n"

/*
 * The chart's palette is doc.h's: two colours of the Government Analysis
 * Function's palette, the first two series solid, the third hatched in
 * dark blue, the fourth in turquoise the other way, the fifth
 * cross-hatched in dark blue (a "@periods" table's chart has up to
 * five); the HTML (and so the ODT's image) draws each series in its
 * colour.
 */
static void
test_chart_palette(void **state)
{
	static const int		 colour[] = { 0, 1, 0, 1, 0 };
	static const enum doc_hatch	 hatch[] = { DOC_HATCH_NONE,
	    DOC_HATCH_NONE, DOC_HATCH_RISING, DOC_HATCH_FALLING,
	    DOC_HATCH_CROSS };
	struct world	*w = *state;
	struct doc	*doc;
	char		*html, want[128];
	size_t		 s;

	assert_int_equal(doc_chart_colours[0], 0x12436d);
	assert_int_equal(doc_chart_colours[1], 0x28a197);
	for (s = 0; s < 5; s++) {
		assert_int_equal(doc_chart_colour(s), colour[s]);
		assert_int_equal(doc_chart_hatch(s), hatch[s]);
	}
	if (w->figs == NULL)
		skip();
	doc = world_doc(w, THREE_SERIES, -1);
	html = html_of(doc);
	/* The legend's swatches, a series each. */
	snprintf(want, sizeof(want), "fill=\"#%06x\"/>", doc_chart_colours[0]);
	assert_non_null(strstr(html, want));
	snprintf(want, sizeof(want), "fill=\"#%06x\"/>", doc_chart_colours[1]);
	assert_non_null(strstr(html, want));
	snprintf(want, sizeof(want), "url(#chart1-hatch)\" stroke=\"#%06x\"",
	    doc_chart_colours[0]);
	assert_non_null(strstr(html, want));
	snprintf(want, sizeof(want), "height=\"6\" fill=\"#%06x\"/></pattern>",
	    doc_chart_colours[0]);
	assert_non_null(strstr(html, want));
	free(html);
	doc_free(doc);
}

/* Returns the size of file path, or -1. */
static long
file_size(const char *path)
{
	FILE	*f = fopen(path, "rb");
	long	 n;

	if (f == NULL)
		return -1;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fclose(f);
	return n;
}

/* Returns 1 if files a and b hold the same bytes. */
static int
same_file(const char *a, const char *b)
{
	FILE	*fa = fopen(a, "rb"), *fb = fopen(b, "rb");
	int	 ca, cb, same = fa != NULL && fb != NULL;

	while (same) {
		ca = getc(fa);
		cb = getc(fb);
		if (ca != cb)
			same = 0;
		if (ca == EOF)
			break;
	}
	if (fa != NULL)
		fclose(fa);
	if (fb != NULL)
		fclose(fb);
	return same;
}

/*
 * The chart's axis is fill's, in the tree (doc_chart.axis_step and
 * axis_max: 1, 2 or 5 times a power of ten, at most five steps to the
 * largest bar), and both back ends draw the axis the tree says: the HTML
 * prints a gridline value at every step to axis_max, and the PDF of a
 * tree whose axis is changed is not the same drawing.
 */
static void
test_chart_axis_in_tree(void **state)
{
	struct world		*w = *state;
	struct doc		*doc;
	struct doc_chart	*ch;
	struct diag		 d;
	char			*html, a[] = "/tmp/scr-onehome-XXXXXX", pa[64],
				 pb[64];

	if (w->figs == NULL)
		skip();
	doc = world_doc(w, THREE_SERIES, -1);
	ch = first_chart(doc);
	assert_true(ch->max == 40);
	assert_true(ch->axis_step == 10);
	assert_true(ch->axis_max == 40);
	html = html_of(doc);
	assert_non_null(strstr(html, ">30%</text>"));
	assert_non_null(strstr(html, ">40%</text>"));
	assert_null(strstr(html, ">50%</text>"));
	assert_null(strstr(html, ">35%</text>"));
	free(html);

	/* Another axis in the tree: every back end follows it. */
	ch->axis_step = 7;
	ch->axis_max = 42;
	html = html_of(doc);
	assert_non_null(strstr(html, ">7%</text>"));
	assert_non_null(strstr(html, ">35%</text>"));
	assert_non_null(strstr(html, ">42%</text>"));
	assert_null(strstr(html, ">10%</text>"));
	free(html);
	if (access("fonts/OpenSans-Regular.ttf", R_OK) != 0) {
		doc_free(doc);
		return;
	}
	assert_non_null(mkdtemp(a));
	snprintf(pa, sizeof(pa), "%s/a.pdf", a);
	snprintf(pb, sizeof(pb), "%s/b.pdf", a);
	diag_init(&d, stderr);
	assert_int_equal(render_pdf(doc, "fonts", pa, &d), 0);
	ch->axis_step = 10;
	ch->axis_max = 40;
	assert_int_equal(render_pdf(doc, "fonts", pb, &d), 0);
	assert_true(file_size(pa) > 0 && file_size(pb) > 0);
	assert_false(same_file(pa, pb));
	/* The same tree, the same drawing. */
	assert_int_equal(render_pdf(doc, "fonts", pa, &d), 0);
	assert_true(same_file(pa, pb));
	diag_clear(&d);
	unlink(pa);
	unlink(pb);
	rmdir(a);
	doc_free(doc);
}

/* The collapse rule: at least collapse per cent of a board column's
 * figures hidden; never with collapse 0 (collapse: false). */
static void
test_collapse_rule(void **state)
{
	struct report	 r;

	(void)state;
	memset(&r, 0, sizeof(r));
	r.collapse = 80;
	assert_true(fill_collapses(&r, 4, 5));		/* 80 % */
	assert_false(fill_collapses(&r, 3, 5));		/* 60 % */
	assert_true(fill_collapses(&r, 5, 5));
	r.collapse = 100;
	assert_false(fill_collapses(&r, 9, 10));
	assert_true(fill_collapses(&r, 10, 10));
	r.collapse = 0;
	assert_false(fill_collapses(&r, 10, 10));
	assert_false(fill_collapses(&r, 0, 10));
}

/* The number words: one list, "none" to "twenty". */
static void
test_number_words(void **state)
{
	(void)state;
	assert_string_equal(fig_number_word(0), "none");
	assert_string_equal(fig_number_word(3), "three");
	assert_string_equal(fig_number_word(6), "six");
	assert_string_equal(fig_number_word(20), "twenty");
	assert_null(fig_number_word(21));
	assert_null(fig_number_word(-1));
}

/* The label of a period report.yaml does not name: first year and the
 * last two digits of the last, or the one year. */
static void
test_period_label(void **state)
{
	char	*l;

	(void)state;
	l = report_period_label(20060401, 20090930);
	assert_string_equal(l, "2006-09");
	free(l);
	l = report_period_label(20090101, 20091231);
	assert_string_equal(l, "2009");
	free(l);
	l = report_period_label(19990401, 20000331);
	assert_string_equal(l, "1999-00");
	free(l);
}

/*
 * The sign-off's lines (each author, then the organisation) and the
 * paper's date are the model's, and the HTML prints exactly those lines,
 * a paragraph each, and that date.
 */
static void
test_signoff_and_date(void **state)
{
	struct world	*w = *state;
	struct doc	*doc;
	struct doc_meta	 m;
	const char	**lines;
	char		*html, *div, *end, want[256], date[DOC_DATE_LEN];
	char		 a1[] = "A. One", a2[] = "B. Two", org[] = "The Board";
	char		*authors[] = { a1, a2 };
	size_t		 n, i;

	memset(&m, 0, sizeof(m));
	m.authors = authors;
	m.nauthors = 2;
	m.organisation = org;
	m.created = 20091130;
	lines = doc_meta_signoff(&m, &n);
	assert_int_equal(n, 3);
	assert_string_equal(lines[0], "A. One");
	assert_string_equal(lines[1], "B. Two");
	assert_string_equal(lines[2], "The Board");
	free(lines);
	m.organisation = NULL;
	lines = doc_meta_signoff(&m, &n);
	assert_int_equal(n, 2);
	free(lines);
	assert_int_equal(doc_meta_date(&m, date, sizeof(date)), 0);
	assert_string_equal(date, "2009-11-30");
	m.created = 0;
	assert_int_equal(doc_meta_date(&m, date, sizeof(date)), -1);

	if (w->figs == NULL)
		skip();
	doc = world_doc(w, "# Title\n\nText.\n\n@signoff\n", -1);
	html = html_of(doc);
	div = strstr(html, "<div class=\"signoff\">");
	assert_non_null(div);
	end = strstr(div, "</div>");
	assert_non_null(end);
	*end = '\0';
	lines = doc_meta_signoff(&doc->meta, &n);
	assert_true(n >= 2);
	for (i = 0; i < n; i++) {
		snprintf(want, sizeof(want), "<p>%s</p>", lines[i]);
		assert_non_null(strstr(div, want));
	}
	for (i = 0; (div = strstr(div, "<p>")) != NULL; i++)
		div += 3;
	assert_int_equal(i, n);
	free(lines);
	*end = '<';
	assert_int_equal(doc_meta_date(&doc->meta, date, sizeof(date)), 0);
	snprintf(want, sizeof(want), "dcterms.created\" content=\"%s\"", date);
	assert_non_null(strstr(html, want));
	free(html);
	doc_free(doc);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_chart_palette,
		    world_setup, world_teardown),
		cmocka_unit_test_setup_teardown(test_chart_axis_in_tree,
		    world_setup, world_teardown),
		cmocka_unit_test(test_collapse_rule),
		cmocka_unit_test(test_number_words),
		cmocka_unit_test(test_period_label),
		cmocka_unit_test_setup_teardown(test_signoff_and_date,
		    world_setup, world_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * test_doc_check.c: doc_check() (doc.c), the invariants of a filled tree.
 * Every paper the shipped template fills -- the regional paper and every
 * board's, public and restricted, on input/ and on the synthetic cohorts
 * of tests/data -- passes it; and each kind of broken tree it exists to
 * catch, built by hand, is named.  The cohort tests skip when not run
 * from the project root.
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
#include "paper.h"

/* Fills every paper of the cohort in dir, both editions, and returns
 * how many papers it checked; every one must be sound. */
static size_t
check_cohort(const char *dir)
{
	struct cohort	*c;
	struct fig_set	*s;
	struct paper	*p;
	struct diag	 d;
	struct doc	*doc;
	size_t		 n = 0, bad;
	int		 lscb, restricted;
	char		*path;

	path = xasprintf("%s/report.yaml", dir);
	if (access(path, R_OK) != 0) {
		free(path);
		return 0;
	}
	free(path);
	diag_init(&d, stderr);
	c = case_load_dir(dir, NULL, &d);
	assert_non_null(c);
	assert_int_equal(d.nerrors, 0);
	s = fig_load("templates/figures.yaml", c, &d);
	assert_non_null(s);
	p = paper_new(c, s);
	assert_int_equal(paper_template(p, "templates/background-paper.tmpl",
	    &d), 0);
	for (restricted = 0; restricted <= 1; restricted++) {
		paper_set_restricted(p, restricted);
		for (lscb = -1; lscb < (int)c->report.nlscbs; lscb++) {
			if (restricted && lscb < 0)
				continue;
			assert_int_equal(paper_build(p, lscb, &doc, &d), 0);
			bad = doc_check(doc, stderr);
			if (bad != 0)
				fail_msg("%s, paper %d (restricted %d): %zu "
				    "broken invariants", dir, lscb,
				    restricted, bad);
			doc_free(doc);
			n++;
		}
	}
	paper_free(p);
	fig_set_free(s);
	cohort_free(c);
	diag_clear(&d);
	return n;
}

static void
test_doc_check_every_shipped_paper(void **state)
{
	static const char *const dirs[] = {
		"input", "tests/data/variants", "tests/data/variants-holdout",
		"tests/data/annual-2009-10",
	};
	size_t	 i, n = 0;

	(void)state;
	if (access("templates/background-paper.tmpl", R_OK) != 0)
		skip();
	for (i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++)
		n += check_cohort(dirs[i]);
	print_message("%zu papers checked\n", n);
	/* input/ alone is 1 + 2 x 33 papers. */
	assert_true(n >= 67);
}

static struct doc_node *
add(struct doc_node *parent, enum doc_type t, const char *text)
{
	struct doc_node	*n = doc_node_new(t, 1, 1);

	if (text != NULL)
		n->text = xstrdup(text);
	doc_node_append(parent, n);
	return n;
}

/* A sound hand-built tree passes; each planted fault is counted once. */
static void
test_doc_check_names_each_fault(void **state)
{
	struct doc	*doc = doc_new("t.tmpl");
	struct doc_node	*para, *list, *item, *table, *row, *cap, *x, *chart;
	char		 buf[4096];
	FILE		*f;

	(void)state;
	para = add(doc->root, DOC_PARA, NULL);
	add(para, DOC_TEXT, "Some text.");
	list = add(doc->root, DOC_LIST, NULL);
	list->as.list.kind = DOC_LIST_NUMBERED;
	item = add(list, DOC_ITEM, NULL);
	item->as.item.number = 1;
	add(item, DOC_TEXT, "one");
	cap = add(doc->root, DOC_CAPTION, NULL);
	cap->as.caption.number = 1;
	add(cap, DOC_TEXT, "Table 1: a table");
	table = add(doc->root, DOC_TABLE, NULL);
	table->as.table.ncols = 2;
	row = add(table, DOC_ROW, NULL);
	add(add(row, DOC_CELL, NULL), DOC_TEXT, "a");
	add(add(row, DOC_CELL, NULL), DOC_TEXT, "1");
	assert_int_equal(doc_check(doc, NULL), 0);

	/* A second item numbered 3; a row one cell short; a table
	 * numbered 3 after table 1; a row in a paragraph; an unresolved
	 * cross-reference; a figure reference with no text; a
	 * conditional left behind. */
	item = add(list, DOC_ITEM, NULL);
	item->as.item.number = 3;
	add(add(table, DOC_ROW, NULL), DOC_CELL, NULL);
	cap = add(doc->root, DOC_CAPTION, NULL);
	cap->as.caption.number = 3;
	add(para, DOC_ROW, NULL);
	x = add(para, DOC_XREF, NULL);
	x->as.xref.label = xstrdup("deaths");
	add(para, DOC_FIGREF, NULL);
	add(doc->root, DOC_COND, NULL);
	f = fmemopen(buf, sizeof(buf), "w");
	assert_non_null(f);
	assert_int_equal(doc_check(doc, f), 7);
	fclose(f);
	assert_non_null(strstr(buf, "t.tmpl:1:1: doc_check: item: item "
	    "numbered 3, not 2"));
	assert_non_null(strstr(buf, "1 cells in a table of 2 columns"));
	assert_non_null(strstr(buf, "caption: numbered 3, not 2"));
	assert_non_null(strstr(buf, "row: may not sit in a para"));
	assert_non_null(strstr(buf, "{ref:deaths} not resolved"));
	assert_non_null(strstr(buf, "figref: no text after fill"));
	assert_non_null(strstr(buf, "a conditional left after fill"));

	/* A broken link is named too. */
	para->last_child = para->first_child;
	assert_int_equal(doc_check(doc, NULL), 8);
	para->last_child = x->next;

	/* A chart whose every value is [c]: an axis with no bar. */
	chart = add(doc->root, DOC_CHART, "Figure 1: a chart");
	chart->as.chart.number = 1;
	chart->as.chart.data = xcalloc(1, sizeof(*chart->as.chart.data));
	chart->as.chart.data->ncats = chart->as.chart.data->nseries = 1;
	chart->as.chart.data->cells = xcalloc(1,
	    sizeof(*chart->as.chart.data->cells));
	chart->as.chart.data->series = xcalloc(1, sizeof(char *));
	chart->as.chart.data->cats = xcalloc(1, sizeof(char *));
	chart->as.chart.data->suppressed = 1;
	chart->as.chart.data->cells[0].num.kind = DOC_NUM_SUPPRESSED;
	f = fmemopen(buf, sizeof(buf), "w");
	assert_non_null(f);
	assert_int_equal(doc_check(doc, f), 8);
	fclose(f);
	assert_non_null(strstr(buf, "chart: no bar: every value is [c]"));
	chart->as.chart.data->cells[0].bar = 1;
	assert_int_equal(doc_check(doc, NULL), 7);
	doc_free(doc);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_doc_check_every_shipped_paper),
		cmocka_unit_test(test_doc_check_names_each_fault),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * test_paper.c: tests of pipeline/paper.c, the orchestrator: the template
 * is parsed once for every paper, each ledger is made once and is the
 * one a paper prints, a board's paper is filled from its board's ledger
 * with the region's beside it, and check fills every kind of paper.
 * Runs on the synthetic cohort tests/data/variants (Northbury 8 reviews,
 * Eastwick 2, Southmoor none in the period); skips when not run from the
 * project root.
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

struct world {
	struct cohort	*cohort;
	struct fig_set	*figs;
	char		*dir;	/* a scratch folder */
};

static int
setup(void **state)
{
	struct world	*w;
	struct diag	 d;
	const char	*tmpdir = getenv("TMPDIR");

	w = xcalloc(1, sizeof(*w));
	*state = w;
	if (access("tests/data/variants/report.yaml", R_OK) != 0)
		return 0;	/* not in the project root: tests skip */
	diag_init(&d, stderr);
	w->cohort = case_load_dir("tests/data/variants", NULL, &d);
	if (w->cohort != NULL && d.nerrors == 0)
		w->figs = fig_load("templates/figures.yaml", w->cohort, &d);
	diag_clear(&d);
	w->dir = xasprintf("%s/scrpaper-paper-XXXXXX", tmpdir != NULL &&
	    *tmpdir != '\0' ? tmpdir : "/tmp");
	if (mkdtemp(w->dir) == NULL)
		return -1;
	return 0;
}

static int
teardown(void **state)
{
	struct world	*w = *state;

	if (w->dir != NULL)
		rmdir(w->dir);
	free(w->dir);
	fig_set_free(w->figs);
	cohort_free(w->cohort);
	free(w);
	return 0;
}

/* Writes text to a new file named name in w's scratch folder; returns
 * its path (free with free()). */
static char *
scratch(struct world *w, const char *name, const char *text)
{
	char	*path;
	FILE	*f;

	path = xasprintf("%s/%s", w->dir, name);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
	return path;
}

/* Returns the text of the first paragraph of doc (free with free()). */
static char *
first_para(const struct doc *doc)
{
	const struct doc_node	*n;

	for (n = doc->root->first_child; n != NULL; n = n->next)
		if (n->type == DOC_PARA)
			return doc_node_plain(n);
	fail_msg("no paragraph");
	return NULL;
}

/* Ledgers are made once, on first use, and a board's is the one of all
 * the boards' (suppressed across the boards). */
static void
test_paper_ledgers_made_once(void **state)
{
	struct world		*w = *state;
	struct paper		*p;
	struct fig_ledger	*const *boards;
	const struct fig_ledger	*region;

	if (w->figs == NULL)
		skip();
	p = paper_new(w->cohort, w->figs);
	region = paper_ledger(p, -1);
	assert_ptr_equal(paper_ledger(p, -1), region);
	assert_int_equal(region->lscb, -1);
	assert_int_equal(region->cases, 10);
	boards = paper_boards(p);
	assert_ptr_equal(paper_boards(p), boards);
	assert_ptr_equal(paper_ledger(p, 0), boards[0]);
	assert_ptr_equal(paper_ledger(p, 2), boards[2]);
	assert_int_equal(boards[0]->cases, 8);
	assert_int_equal(boards[1]->cases, 2);
	assert_int_equal(boards[2]->cases, 0);
	/* An index past the boards is the region. */
	assert_ptr_equal(paper_ledger(p, 3), region);
	paper_free(p);
}

/* Each paper reads its own selection, and the region beside it; the
 * template is read from disk once, whatever happens to the file after. */
static void
test_paper_fills_each_paper_from_one_parse(void **state)
{
	struct world	*w = *state;
	struct diag	 d;
	struct paper	*p;
	struct doc	*doc;
	char		*path, *s;

	if (w->figs == NULL)
		skip();
	path = scratch(w, "t.tmpl", "{report:lscb}: {cases} of "
	    "{region:cases} reviews.\n\n::: lscb\nA board.\n:::\n");
	diag_init(&d, stderr);
	p = paper_new(w->cohort, w->figs);
	assert_int_equal(paper_template(p, path, &d), 0);
	/* Gone from disk: every paper below comes from the one parse. */
	assert_int_equal(unlink(path), 0);

	assert_int_equal(paper_build(p, -1, &doc, &d), 0);
	s = first_para(doc);
	assert_string_equal(s, "London: 10 of 10 reviews.");
	assert_null(doc->meta.lscb);
	assert_null(doc->root->first_child->next);	/* no board block */
	free(s);
	doc_free(doc);

	assert_int_equal(paper_build(p, 0, &doc, &d), 0);
	s = first_para(doc);
	assert_string_equal(s, "Northbury: 8 of 10 reviews.");
	assert_string_equal(doc->meta.lscb, "Northbury");
	free(s);
	doc_free(doc);

	assert_int_equal(paper_build(p, 2, &doc, &d), 0);
	s = first_para(doc);
	assert_string_equal(s, "Southmoor: 0 of 10 reviews.");
	free(s);
	doc_free(doc);
	assert_int_equal(d.nerrors, 0);
	paper_free(p);
	diag_clear(&d);
	free(path);
}

/* check fills the regional paper and every board's: an error in a block
 * only a board's paper shows is found, and reported once. */
static void
test_paper_check_every_paper(void **state)
{
	struct world	*w = *state;
	struct diag	 d;
	struct paper	*p;
	char		*ok, *bad, *unreadable;

	if (w->figs == NULL)
		skip();
	ok = scratch(w, "ok.tmpl", "{cases} reviews.\n");
	bad = scratch(w, "bad.tmpl", "Text.\n\n::: lscb\n{boyz}\n:::\n");
	unreadable = xasprintf("%s/none.tmpl", w->dir);
	diag_init(&d, NULL);
	p = paper_new(w->cohort, w->figs);
	assert_int_equal(paper_template(p, ok, &d), 0);
	assert_int_equal(paper_check(p, -1, &d), 0);
	assert_int_equal(paper_template(p, bad, &d), 0);
	assert_int_equal(paper_check(p, -1, &d), 1);
	assert_int_equal(d.nerrors, 1);
	assert_non_null(strstr(d.items[0].msg, "did you mean \"boys\""));
	assert_int_equal(d.items[0].line, 4);
	assert_int_equal(paper_template(p, unreadable, &d), 1);
	paper_free(p);
	diag_clear(&d);
	unlink(ok);
	unlink(bad);
	free(ok);
	free(bad);
	free(unreadable);
}

/* Issue 31.14: check goes on past the first paper with errors (here the
 * regional paper, empty), and an error only the boards' papers give
 * names the first board that gives it and how many more do. */
static void
issue31_14_check_goes_on_and_names_the_board(void **state)
{
	struct world	*w = *state;
	struct diag	 d;
	struct paper	*p;
	char		*path, *s;

	if (w->figs == NULL)
		skip();
	path = scratch(w, "empty.tmpl", "::: lscb\n:::\n");
	diag_init(&d, NULL);
	p = paper_new(w->cohort, w->figs);
	assert_int_equal(paper_template(p, path, &d), 0);
	assert_int_equal(paper_check(p, -1, &d), 1);
	assert_int_equal(d.nerrors, 2);
	assert_string_equal(d.items[0].msg, "the paper would be empty: the "
	    "template has no text");
	s = xasprintf("the paper would be empty: the template has no text "
	    "for this board (in the paper of %s and of %zu other boards)",
	    w->cohort->report.lscbs[0], w->cohort->report.nlscbs - 1);
	assert_string_equal(d.items[1].msg, s);
	free(s);
	diag_clear(&d);
	/* One board's check: its own errors, as they are. */
	diag_init(&d, NULL);
	assert_int_equal(paper_check(p, 1, &d), 1);
	assert_int_equal(d.nerrors, 1);
	assert_string_equal(d.items[0].msg, "the paper would be empty: the "
	    "template has no text for this board");
	paper_free(p);
	diag_clear(&d);
	unlink(path);
	free(path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_paper_ledgers_made_once,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_paper_fills_each_paper_from_one_parse, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    issue31_14_check_goes_on_and_names_the_board, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_paper_check_every_paper,
		    setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

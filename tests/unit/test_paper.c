/*
 * test_paper.c: tests of pipeline/paper/paper.c, the orchestrator: the template
 * is parsed once for every paper, each ledger is made once and is the
 * one a paper prints, a board's paper is filled from its board's ledger
 * with the region's beside it, and check fills every kind of paper; the
 * regional paper's "@boards" prints the suppressed ledgers' public cells
 * without solving the boards' suppression (issue 29).  Runs on the
 * synthetic cohort tests/data/variants (Northbury 8 reviews, Eastwick 2,
 * Southmoor none in the period), the issue 29 tests on input/ and the
 * period fixtures of tests/data too; skips when not run from the project
 * root.
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
#include "fig_impl.h"
#include "doc.h"
#include "grid.h"
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

/* Issue 29: a cohort loaded from dir with templates/figures.yaml and its
 * grid, if any; the regional paper suppressed when regional says. */
struct cohort29 {
	struct cohort	*cohort;
	struct fig_set	*figs;
	struct grid	*grid;
};

static void
load29(struct cohort29 *w, const char *dir, int regional)
{
	struct diag	 d;
	char		*path;
	int		 missing = 0;

	memset(w, 0, sizeof(*w));
	diag_init(&d, stderr);
	w->cohort = case_load_dir(dir, NULL, &d);
	assert_non_null(w->cohort);
	w->cohort->report.suppress_regional = regional;
	w->figs = fig_load("templates/figures.yaml", w->cohort, &d);
	assert_non_null(w->figs);
	path = xasprintf("%s/grid.yaml", dir);
	w->grid = grid_load(path, &w->cohort->report, &d, &missing);
	free(path);
	assert_int_equal(d.nerrors, 0);
	diag_clear(&d);
}

static void
free29(struct cohort29 *w)
{
	grid_free(w->grid);
	fig_set_free(w->figs);
	cohort_free(w->cohort);
}

/* The folders the issue 29 tests run on: the real region, the synthetic
 * boards, two periods, an annual paper. */
static const char *const dirs29[] = {
	"input", "tests/data/variants", "tests/data/spec-periods",
	"tests/data/annual-2009-10",
};

/* The text of cell col of row row (0: the header) of table t. */
static char *
cell29(const struct doc_node *t, int row, int col)
{
	const struct doc_node	*r, *c;

	for (r = t->first_child; r != NULL && row > 0; r = r->next)
		row--;
	assert_non_null(r);
	for (c = r->first_child; c != NULL && col > 0; c = c->next)
		col--;
	assert_non_null(c);
	return doc_node_plain(c);
}

/*
 * Issue 29: the regional paper's "@boards" (the table and the tile map)
 * reads the boards' public cells only (paper_public_boards()), not their
 * suppressed ledgers, so as not to solve their suppression; the numbers
 * it reads and prints (each board's reviews and children) are the
 * suppressed ledgers', on every cohort, the regional paper suppressed or
 * not.
 */
static void
issue29_regional_boards_print_the_suppressed_ledgers_cells(void **state)
{
	struct world		*w = *state;
	struct cohort29		 c;
	struct diag		 d;
	struct paper		*p;
	struct doc		*doc;
	struct fig_ledger	*const *pub, *const *sup;
	const struct doc_node	*n, *table, *map;
	char			*path, *s, want[32];
	size_t			 k, i, nb;
	int			 regional, hidden;

	if (w->figs == NULL)
		skip();
	path = scratch(w, "boards.tmpl", "Boards.\n\n@boards\n");
	for (k = 0; k < sizeof(dirs29) / sizeof(dirs29[0]); k++) {
		for (regional = 0; regional <= 1; regional++) {
			load29(&c, dirs29[k], regional);
			nb = c.cohort->report.nlscbs;
			assert_true(nb > 0);
			diag_init(&d, stderr);
			p = paper_new(c.cohort, c.figs);
			paper_set_grid(p, c.grid);
			assert_int_equal(paper_template(p, path, &d), 0);
			assert_int_equal(paper_build(p, -1, &doc, &d), 0);
			pub = paper_public_boards(p);
			sup = paper_boards(p);
			table = map = NULL;
			for (n = doc->root->first_child; n != NULL;
			    n = n->next) {
				if (n->type == DOC_TABLE && table == NULL)
					table = n;
				if (n->type == DOC_TILEMAP)
					map = n;
			}
			assert_non_null(table);
			hidden = 0;
			for (i = 0; i < nb; i++) {
				/* Public cells only: no figure. */
				assert_ptr_not_equal(pub[i], sup[i]);
				assert_int_equal(pub[i]->nvalues, 0);
				assert_null(pub[i]->values);
				assert_int_equal(pub[i]->lscb, sup[i]->lscb);
				hidden += sup[i]->suppressed_any;
				assert_int_equal(pub[i]->cases,
				    sup[i]->cases);
				assert_int_equal(pub[i]->children,
				    sup[i]->children);
				s = cell29(table, (int)i + 1, 0);
				assert_string_equal(s,
				    c.cohort->report.lscbs[i]);
				free(s);
				snprintf(want, sizeof(want), "%ld",
				    sup[i]->cases);
				s = cell29(table, (int)i + 1, 1);
				assert_string_equal(s, want);
				free(s);
				snprintf(want, sizeof(want), "%ld",
				    sup[i]->children);
				s = cell29(table, (int)i + 1, 2);
				assert_string_equal(s, want);
				free(s);
				if (map != NULL)
					assert_int_equal(map->as.tilemap.data->
					    tiles[i].value, sup[i]->cases);
			}
			/* The real region has a grid, and suppressed cells:
			 * the two kinds of ledger differ, but not here. */
			if (k == 0) {
				assert_non_null(map);
				assert_true(hidden > 0);
			}
			assert_int_equal(d.nerrors, 0);
			doc_free(doc);
			paper_free(p);
			diag_clear(&d);
			free29(&c);
		}
	}
	unlink(path);
	free(path);
}

/*
 * Issue 29: building the regional paper (the real template, with its
 * tile map and periods) runs no suppression when report.yaml leaves it
 * unsuppressed: the solve's work counters (fig_work) do not move.  They
 * do for a board's paper, and for a regional paper suppressed
 * (regional: true), so they would catch a solve.
 */
static void
issue29_regional_paper_solves_no_suppression(void **state)
{
	struct world		*w = *state;
	struct cohort29		 c;
	struct diag		 d;
	struct paper		*p;
	struct doc		*doc;
	struct fig_work		 before;
	size_t			 k;
	int			 regional;

	if (w->figs == NULL)
		skip();
	for (k = 0; k < sizeof(dirs29) / sizeof(dirs29[0]); k++) {
		for (regional = 0; regional <= 1; regional++) {
			load29(&c, dirs29[k], regional);
			diag_init(&d, NULL);
			p = paper_new(c.cohort, c.figs);
			paper_set_grid(p, c.grid);
			assert_int_equal(paper_template(p,
			    "templates/background-paper.tmpl", &d), 0);
			before = fig_work;
			assert_int_equal(paper_build(p, -1, &doc, &d), 0);
			doc_free(doc);
			if (regional)
				assert_true(fig_work.cells > before.cells);
			else
				assert_memory_equal(&fig_work, &before,
				    sizeof(before));
			before = fig_work;
			assert_int_equal(paper_build(p, 0, &doc, &d), 0);
			doc_free(doc);
			if (!regional)
				assert_true(fig_work.cells > before.cells);
			paper_free(p);
			diag_clear(&d);
			free29(&c);
		}
	}
}

/*
 * Issue 29: with regional suppression off, the region's total over every
 * period is counted without the boards' joint solve (`figures
 * --all-periods --pooled` paid it all), and it is the very ledger the
 * joint solve gives it; with regional suppression on, the solve runs.
 */
static void
issue29_region_total_needs_no_board_solve(void **state)
{
	struct world		*w = *state;
	struct cohort29		 c;
	struct paper		*p, *q;
	const struct fig_ledger	*a, *b;
	struct fig_work		 before;
	size_t			 k, j, n = 0;
	int			 regional;

	if (w->figs == NULL)
		skip();
	for (k = 0; k < sizeof(dirs29) / sizeof(dirs29[0]); k++) {
		for (regional = 0; regional <= 1; regional++) {
			load29(&c, dirs29[k], regional);
			if (report_nperiods(&c.cohort->report) < 2) {
				free29(&c);
				continue;
			}
			p = paper_new(c.cohort, c.figs);
			before = fig_work;
			a = paper_ledger_pooled(p, -1);
			if (regional)
				assert_true(fig_work.cells > before.cells);
			else
				assert_memory_equal(&fig_work, &before,
				    sizeof(before));
			/* The same ledger as the joint solve's. */
			q = paper_new(c.cohort, c.figs);
			(void)paper_ledger_pooled(q, 0);
			b = paper_ledger_pooled(q, -1);
			assert_int_equal(a->nvalues, b->nvalues);
			for (j = 0; j < a->nvalues; j++) {
				assert_int_equal(a->values[j].num,
				    b->values[j].num);
				assert_int_equal(a->values[j].den,
				    b->values[j].den);
				assert_int_equal(a->values[j].suppressed,
				    b->values[j].suppressed);
				assert_string_equal(a->values[j].text,
				    b->values[j].text);
			}
			paper_free(q);
			paper_free(p);
			free29(&c);
			n++;
		}
	}
	assert_true(n >= 2);
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
		cmocka_unit_test_setup_teardown(
		    issue29_regional_boards_print_the_suppressed_ledgers_cells,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    issue29_regional_paper_solves_no_suppression, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    issue29_region_total_needs_no_board_solve, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

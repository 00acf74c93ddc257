/*
 * test_grid.c: the tile-map grid (pipeline/input/grid.c) and what fill makes
 * of "@boards" (pipeline/fill/fill_boards.c): the board table, the tiles at the
 * grid's places with their numbers, the shade classes and legend, the
 * text alternative; without a grid the table alone; bad grids reported
 * at FILE:LINE:COL.  Ledgers are built by hand, so every value is known.
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
#include "grid.h"

static const char report_yaml[] =
	"title: A paper\n"
	"region: Shire\n"
	"period:\n  from: 2010-01-01\n  to: 2010-12-31\n"
	"organisation: Shire Council\n"
	"authors: [Ann Able]\n"
	"national_study: s1\n"
	"created: 2011-02-03\n"
	"disclosure:\n  threshold: 5\n  regional: false\n"
	"lscbs: [Upton, Downton, Midton]\n";

static const char national_yaml[] =
	"studies:\n"
	"  - id: s1\n"
	"    title: Study one\n"
	"    citation: \"Study one, 2010.\"\n"
	"    period: \"2009\"\n"
	"    figures:\n"
	"      girls: 44\n";

static const char grid_yaml[] =
	"layout: Shire squares\n"
	"tiles:\n"
	"  Midton: {col: 2, row: 2, label: MID}\n"
	"  Upton: {col: 2, row: 1, label: UP}\n"
	"  Downton: {col: 3, row: 3, label: DN}\n";

struct fixture {
	struct cohort		*cohort;
	struct fig_ledger	 region;
	struct fig_ledger	 board[3];
	struct fig_ledger	*boards[3];
};

static int
setup(void **state)
{
	struct fixture	*fx;
	struct diag	 d;
	static const long cases[3] = { 0, 3, 7 }, children[3] = { 0, 4, 9 };
	int		 i;

	fx = xcalloc(1, sizeof(*fx));
	diag_init(&d, stderr);
	fx->cohort = cohort_new();
	if (!case_load_report_buf(fx->cohort, "report.yaml", report_yaml,
	    sizeof(report_yaml) - 1, &d) ||
	    !case_load_national_buf(fx->cohort, "national.yaml",
	    national_yaml, sizeof(national_yaml) - 1, &d))
		fail_msg("fixture YAML does not load");
	diag_clear(&d);
	for (i = 0; i < 3; i++) {
		fx->board[i].lscb = i;
		fx->board[i].cases = cases[i];
		fx->board[i].children = children[i];
		fx->boards[i] = &fx->board[i];
	}
	fx->region.lscb = -1;
	fx->region.cases = 10;
	fx->region.children = 13;
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

/* Parses and fills "@boards" with grid g (or none); fails on error. */
static struct doc *
fill_boards(struct fixture *fx, const struct grid *g)
{
	static const char t[] = "# T\n\n@boards Reviews by board\n";
	struct diag	 d;
	struct doc_env	 env;
	struct doc	*doc;

	diag_init(&d, stderr);
	doc = tmpl_parse_buf("t.tmpl", t, sizeof(t) - 1, &d);
	assert_non_null(doc);
	memset(&env, 0, sizeof(env));
	env.cohort = fx->cohort;
	env.ledgers[DOC_LEDGER_SELECTION] = &fx->region;
	env.ledgers[DOC_LEDGER_REGION] = &fx->region;
	env.lscb = -1;
	env.boards = fx->boards;
	env.grid = g;
	assert_true(doc_fill(doc, &env, &d));
	diag_clear(&d);
	return doc;
}

static struct grid *
load(struct fixture *fx, const char *yaml, struct diag *d)
{
	return grid_load_buf("grid.yaml", yaml, strlen(yaml),
	    &fx->cohort->report, d);
}

static void
test_grid_load(void **state)
{
	struct fixture	*fx = *state;
	struct diag	 d;
	struct grid	*g;

	diag_init(&d, stderr);
	g = load(fx, grid_yaml, &d);
	assert_non_null(g);
	assert_int_equal(d.nitems, 0);
	assert_int_equal(g->ntiles, 3);
	/* Indexed as report.lscbs, whatever the file's order. */
	assert_int_equal(g->tiles[0].col, 2);
	assert_int_equal(g->tiles[0].row, 1);
	assert_string_equal(g->tiles[0].label, "UP");
	assert_int_equal(g->tiles[1].col, 3);
	assert_int_equal(g->tiles[1].row, 3);
	assert_int_equal(g->tiles[2].col, 2);
	assert_int_equal(g->tiles[2].row, 2);
	assert_int_equal(g->ncols, 3);
	assert_int_equal(g->nrows, 3);
	assert_string_equal(g->layout, "Shire squares");
	grid_free(g);
	diag_clear(&d);
}

static void
test_grid_errors(void **state)
{
	struct fixture	*fx = *state;
	struct diag	 d;
	char		*s[8];
	size_t		 i;

	diag_init(&d, NULL);
	assert_null(load(fx,
	    "tiles:\n"
	    "  Upton: {col: 2, row: 1, label: UP}\n"
	    "  Midton: {col: 2, row: 1, label: MID}\n"
	    "  Dowton: {col: 21, row: x, label: DOWNTOWN}\n", &d));
	assert_int_equal(d.nerrors, 3);
	for (i = 0; i < d.nitems && i < 8; i++)
		s[i] = diag_format(&d, i);
	assert_string_equal(s[0], "grid.yaml:3:3: error: Midton is on the "
	    "square of Upton (col 2, row 1)");
	assert_string_equal(s[1], "grid.yaml:4:3: error: \"Dowton\" is not "
	    "a board of report.yaml; did you mean \"Downton\"?");
	assert_string_equal(s[2], "grid.yaml:2:3: error: board \"Downton\" "
	    "has no tile");
	for (i = 0; i < d.nitems && i < 8; i++)
		free(s[i]);
	diag_clear(&d);

	diag_init(&d, NULL);
	assert_null(load(fx, "- a\n", &d));
	assert_int_equal(d.nerrors, 1);
	diag_clear(&d);
}

/* Returns the text of row r, cell c of table t. */
static char *
cell_text(const struct doc_node *t, int r, int c)
{
	const struct doc_node	*row = t->first_child, *cell;

	while (r-- > 0)
		row = row->next;
	cell = row->first_child;
	while (c-- > 0)
		cell = cell->next;
	return doc_node_plain(cell);
}

static void
assert_cell(const struct doc_node *t, int r, int c, const char *want)
{
	char	*s = cell_text(t, r, c);

	assert_string_equal(s, want);
	free(s);
}

static void
test_boards_tilemap(void **state)
{
	struct fixture		*fx = *state;
	struct diag		 d;
	struct grid		*g;
	struct doc		*doc;
	const struct doc_node	*table, *map;
	const struct doc_tilemap *t;

	diag_init(&d, stderr);
	g = load(fx, grid_yaml, &d);
	assert_non_null(g);
	doc = fill_boards(fx, g);
	table = doc->root->first_child->next;
	assert_int_equal(table->type, DOC_TABLE);
	assert_cell(table, 0, 0, "Board");
	assert_cell(table, 1, 0, "Upton");
	assert_cell(table, 1, 1, "0");
	assert_cell(table, 2, 1, "3");
	assert_cell(table, 2, 2, "4");
	assert_cell(table, 3, 1, "7");
	assert_cell(table, 4, 0, "Shire, all boards");
	assert_cell(table, 4, 1, "10");
	assert_cell(table, 4, 2, "13");
	assert_int_equal(table->first_child->next->first_child->next->
	    as.cell.align, DOC_ALIGN_RIGHT);

	map = table->next;
	assert_non_null(map);
	assert_int_equal(map->type, DOC_TILEMAP);
	assert_int_equal(doc_node_role(map), DOC_ROLE_FIGURE);
	t = map->as.tilemap.data;
	assert_non_null(t);
	assert_int_equal(t->ntiles, 3);
	assert_int_equal(t->ncols, 3);
	assert_int_equal(t->nrows, 3);
	assert_string_equal(t->tiles[1].name, "Downton");
	assert_int_equal(t->tiles[1].col, 3);
	assert_int_equal(t->tiles[1].row, 3);
	assert_int_equal(t->tiles[1].value, 3);
	/* Largest 7: none, then four ranges of two: 1-2, 3-4, 5-6, 7. */
	assert_int_equal(t->nshades, 5);
	assert_int_equal(t->lo[2], 3);
	assert_int_equal(t->hi[2], 4);
	assert_string_equal(t->legend[1], "1\xe2\x80\x93" "2");
	assert_string_equal(t->legend[4], "7");
	assert_int_equal(t->tiles[0].shade, 0);
	assert_int_equal(t->tiles[1].shade, 2);
	assert_int_equal(t->tiles[2].shade, 4);
	assert_int_equal(t->pal[4], DOC_TILE_SHADES - 1);
	assert_string_equal(t->alt, "Reviews by board. A tile map of the 3 "
	    "boards of Shire in the Shire squares layout, each a square at "
	    "its place, shaded by its number of reviews (darker: more). "
	    "7 reviews: Midton. 3 reviews: Downton. No review: Upton.");
	doc_free(doc);

	/* Few reviews: one class a value, spread over the shades. */
	fx->board[2].cases = 1;
	doc = fill_boards(fx, g);
	t = doc->root->first_child->next->next->as.tilemap.data;
	assert_int_equal(t->nshades, 4);
	assert_int_equal(t->tiles[2].shade, 1);
	assert_int_equal(t->pal[3], DOC_TILE_SHADES - 1);
	assert_string_equal(t->legend[3], "3");
	doc_free(doc);
	grid_free(g);
	diag_clear(&d);
}

static void
test_boards_no_grid(void **state)
{
	struct fixture		*fx = *state;
	struct doc		*doc;
	const struct doc_node	*n;

	doc = fill_boards(fx, NULL);
	n = doc->root->first_child->next;
	assert_int_equal(n->type, DOC_TABLE);
	assert_null(n->next);
	doc_free(doc);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_grid_load, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_grid_errors, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_boards_tilemap, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_boards_no_grid, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

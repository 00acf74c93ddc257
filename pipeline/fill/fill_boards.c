/*
 * fill_boards.c: the fill stage (fill.h): @boards: the boards' table and
 * the tile map.
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "diag.h"
#include "case.h"
#include "fig.h"
#include "doc.h"
#include "fill.h"
#include "grid.h"
#include "fill_int.h"

/* Appends a row of three cells to table, a header row if header. */
static void
fill_boards_row(struct doc_node *table, int header, const char *a,
    const char *b, const char *c)
{
	const char	*v[3] = { a, b, c };
	struct doc_node	*row, *cell, *text;
	int		 i;

	row = doc_node_new(DOC_ROW, table->line, table->col);
	row->as.row.header = header;
	doc_node_append(table, row);
	for (i = 0; i < 3; i++) {
		cell = doc_node_new(DOC_CELL, table->line, table->col);
		cell->as.cell.header = header;
		text = doc_node_new(DOC_TEXT, table->line, table->col);
		text->text = xstrdup(v[i]);
		doc_node_append(cell, text);
		doc_node_append(row, cell);
	}
}

/* Sorts tile indices by value, most reviews first, then by board order. */
static const struct doc_tile *fill_sort_tiles;

static int
fill_tile_cmp(const void *a, const void *b)
{
	const struct doc_tile	*x = &fill_sort_tiles[*(const size_t *)a];
	const struct doc_tile	*y = &fill_sort_tiles[*(const size_t *)b];

	if (x->value != y->value)
		return x->value < y->value ? 1 : -1;
	return *(const size_t *)a < *(const size_t *)b ? -1 : 1;
}

/*
 * Makes the tile map of the region's grid: every board's tile, shaded by
 * its number of reviews in classes (one a value when the largest is
 * under DOC_TILE_SHADES, else none, then four equal ranges), and the
 * text alternative: the caption, what the map is, then the boards by
 * number of reviews, most first.
 */
static struct doc_tilemap *
fill_tilemap(const struct doc_env *env, const char *caption)
{
	const struct report	*r = &env->cohort->report;
	const struct grid	*g = env->grid;
	struct doc_tilemap	*t;
	struct doc_tile		*tile;
	struct buf		 alt;
	size_t			*order, i, j;
	long			 max = 0, w;
	int			 k;

	t = xcalloc(1, sizeof(*t));
	t->ntiles = r->nlscbs;
	t->tiles = xcalloc(r->nlscbs + 1, sizeof(*t->tiles));
	t->ncols = g->ncols;
	t->nrows = g->nrows;
	for (i = 0; i < r->nlscbs; i++) {
		tile = &t->tiles[i];
		tile->name = xstrdup(r->lscbs[i]);
		tile->label = xstrdup(g->tiles[i].label);
		tile->col = g->tiles[i].col;
		tile->row = g->tiles[i].row;
		tile->value = env->boards[i]->cases;
		if (tile->value > max)
			max = tile->value;
	}
	if (max < DOC_TILE_SHADES) {
		t->nshades = (int)max + 1;
		for (k = 0; k < t->nshades; k++)
			t->lo[k] = t->hi[k] = k;
	} else {
		w = (max + DOC_TILE_SHADES - 2) / (DOC_TILE_SHADES - 1);
		t->nshades = 1;
		for (k = 1; k < DOC_TILE_SHADES && 1 + (k - 1) * w <= max;
		    k++) {
			t->lo[k] = 1 + (k - 1) * w;
			t->hi[k] = k * w < max ? k * w : max;
			t->nshades++;
		}
	}
	for (k = 0; k < t->nshades; k++) {
		t->pal[k] = t->nshades == 1 ? 0 :
		    k * (DOC_TILE_SHADES - 1) / (t->nshades - 1);
		t->legend[k] = t->lo[k] == t->hi[k] ?
		    xasprintf("%ld", t->lo[k]) :
		    xasprintf("%ld\xe2\x80\x93%ld", t->lo[k], t->hi[k]);
	}
	for (i = 0; i < t->ntiles; i++)
		for (k = 0; k < t->nshades; k++)
			if (t->tiles[i].value >= t->lo[k] &&
			    t->tiles[i].value <= t->hi[k])
				t->tiles[i].shade = k;

	buf_init(&alt);
	if (caption != NULL && *caption != '\0')
		buf_printf(&alt, "%s. ", caption);
	buf_printf(&alt, "A tile map of the %zu boards of %s%s%s%s, each a "
	    "square at its place, shaded by its number of reviews (darker: "
	    "more).", t->ntiles, r->region ? r->region : "the region",
	    g->layout ? " in the " : "", g->layout ? g->layout : "",
	    g->layout ? " layout" : "");
	order = xcalloc(t->ntiles + 1, sizeof(*order));
	for (i = 0; i < t->ntiles; i++)
		order[i] = i;
	fill_sort_tiles = t->tiles;
	qsort(order, t->ntiles, sizeof(*order), fill_tile_cmp);
	for (i = 0; i < t->ntiles; i = j) {
		long v = t->tiles[order[i]].value;

		if (v == 0)
			buf_puts(&alt, " No review: ");
		else
			buf_printf(&alt, " %ld review%s: ", v, v == 1 ? "" :
			    "s");
		for (j = i; j < t->ntiles && t->tiles[order[j]].value == v;
		    j++)
			buf_printf(&alt, "%s%s", j > i ? ", " : "",
			    t->tiles[order[j]].name);
		buf_putc(&alt, '.');
	}
	free(order);
	t->alt = xstrdup(alt.data ? alt.data : "");
	buf_clear(&alt);
	return t;
}

/*
 * Expands "@boards" node n: puts before it a table of every board's
 * number of reviews and of children (both public), with the region's
 * total last, and gives n the tile map when the region has a grid;
 * without one, n is removed and the table stands alone.  Returns 0 when
 * n was removed.
 */
int
fill_boards(struct fill *f, struct doc_node *n)
{
	const struct doc_env	*env = f->env;
	const struct report	*r = &env->cohort->report;
	const struct fig_ledger	*reg = env->ledgers[DOC_LEDGER_REGION];
	struct doc_node		*table;
	char			 a[32], b[32], *cap;
	size_t			 i;

	if (env->boards == NULL) {
		/* Its numbered caption goes with the table. */
		if (n->prev != NULL && n->prev->type == DOC_CAPTION)
			doc_node_free(n->prev);
		doc_node_free(n);
		return 0;
	}
	table = doc_node_new(DOC_TABLE, n->line, n->col);
	table->as.table.ncols = 3;
	fill_boards_row(table, 1, "Board", "Reviews", "Children");
	for (i = 0; i < r->nlscbs; i++) {
		snprintf(a, sizeof(a), "%ld", env->boards[i]->cases);
		snprintf(b, sizeof(b), "%ld", env->boards[i]->children);
		fill_boards_row(table, 0, r->lscbs[i], a, b);
	}
	snprintf(a, sizeof(a), "%ld", reg->cases);
	snprintf(b, sizeof(b), "%ld", reg->children);
	cap = xasprintf("%s, all boards", r->region ? r->region : "Region");
	fill_boards_row(table, 0, cap, a, b);
	free(cap);
	doc_node_insert_before(n, table);
	if (env->grid == NULL || r->nlscbs == 0) {
		doc_node_free(n);
		return 0;
	}
	cap = doc_node_plain(n);
	n->as.tilemap.data = fill_tilemap(env, cap);
	free(cap);
	return 1;
}

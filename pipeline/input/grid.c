/*
 * grid.c: loads and checks the region's tile-map grid (grid.h), a YAML
 * file of the form
 *
 *   layout: London squared
 *   tiles:
 *     Enfield: {col: 5, row: 1, label: ENF}
 *     ...
 *
 * one tile for every board of report.yaml, no two on one square.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util.h"
#include "diag.h"
#include "case.h"
#include "yml.h"
#include "grid.h"

void
grid_free(struct grid *g)
{
	size_t	 i;

	if (g == NULL)
		return;
	for (i = 0; i < g->ntiles; i++)
		free(g->tiles[i].label);
	free(g->tiles);
	free(g->layout);
	free(g);
}

/* Reads a whole number from 1 to GRID_MAX from scalar v into *out.
 * Returns 1, or 0 after reporting key's problem to d. */
static int
grid_int(const char *file, const struct ynode *v, const char *key,
    int *out, struct diag *d)
{
	char	*end;
	long	 x;

	if (v == NULL || v->type != YNODE_SCALAR) {
		diag_error(d, file, v ? v->line : 0, v ? v->col : 0,
		    "%s must be a whole number from 1 to %d", key, GRID_MAX);
		return 0;
	}
	if (v->str[0] == '0' && v->str[1] != '\0') {
		diag_error(d, file, v->line, v->col, "%s has a leading zero: "
		    "%s (YAML 1.1 reads it as octal; write it without the "
		    "zero)", key, v->str);
		return 0;
	}
	errno = 0;
	x = strtol(v->str, &end, 10);
	if (errno != 0 || end == v->str || *end != '\0' || x < 1 ||
	    x > GRID_MAX) {
		diag_error(d, file, v->line, v->col, "%s must be a whole "
		    "number from 1 to %d, not \"%s\"", key, GRID_MAX, v->str);
		return 0;
	}
	*out = (int)x;
	return 1;
}

/* Reads one tile, board index b, from mapping v into t.  Returns 1 or 0
 * after reporting to d. */
static int
grid_tile(const char *file, const struct ynode *v, struct grid_tile *t,
    struct diag *d)
{
	const struct ynode	*label;
	size_t			 i;
	int			 ok = 1;

	if (v->type != YNODE_MAP) {
		diag_error(d, file, v->line, v->col, "a tile must be a "
		    "mapping {col: N, row: N, label: TEXT}, not %s",
		    ynode_type_name(v->type));
		return 0;
	}
	for (i = 0; i < v->nkids; i += 2) {
		const struct ynode *k = v->kids[i];

		if (k->type != YNODE_SCALAR || (strcmp(k->str, "col") != 0 &&
		    strcmp(k->str, "row") != 0 &&
		    strcmp(k->str, "label") != 0)) {
			diag_error(d, file, k->line, k->col, "unknown tile "
			    "key \"%s\" (col, row, label)",
			    k->type == YNODE_SCALAR ? k->str : "?");
			ok = 0;
		}
	}
	if (!grid_int(file, ynode_get(v, "col") ? ynode_get(v, "col") : v,
	    "col", &t->col, d))
		ok = 0;
	if (!grid_int(file, ynode_get(v, "row") ? ynode_get(v, "row") : v,
	    "row", &t->row, d))
		ok = 0;
	label = ynode_get(v, "label");
	if (label == NULL || label->type != YNODE_SCALAR ||
	    label->len == 0 || label->len > GRID_LABEL_MAX) {
		diag_error(d, file, label ? label->line : v->line,
		    label ? label->col : v->col, "a tile needs a label of 1 "
		    "to %d characters", GRID_LABEL_MAX);
		ok = 0;
	} else
		t->label = xstrdup(label->str);
	return ok;
}

struct grid *
grid_load_buf(const char *file, const char *data, size_t len,
    const struct report *r, struct diag *d)
{
	struct ynode		*root = NULL;
	const struct ynode	*tiles, *layout;
	struct grid		*g;
	struct srcpos		*at;
	size_t			 before = d->nerrors, i, k;
	int			 b;

	if (!yml_parse(file, data, len, d, &root))
		return NULL;
	g = xcalloc(1, sizeof(*g));
	g->ntiles = r->nlscbs;
	g->tiles = xcalloc(r->nlscbs + 1, sizeof(*g->tiles));
	at = xcalloc(r->nlscbs + 1, sizeof(*at));
	if (root == NULL || root->type != YNODE_MAP) {
		diag_error(d, file, root ? root->line : 1, root ? root->col :
		    1, "the grid must be a mapping with layout and tiles");
		goto out;
	}
	for (i = 0; i < root->nkids; i += 2) {
		const struct ynode *key = root->kids[i];

		if (key->type != YNODE_SCALAR ||
		    (strcmp(key->str, "layout") != 0 &&
		    strcmp(key->str, "tiles") != 0))
			diag_error(d, file, key->line, key->col, "unknown key "
			    "\"%s\" (layout, tiles)", key->type ==
			    YNODE_SCALAR ? key->str : "?");
	}
	layout = ynode_get(root, "layout");
	if (layout != NULL && layout->type == YNODE_SCALAR)
		g->layout = xstrdup(layout->str);
	else if (layout != NULL)
		diag_error(d, file, layout->line, layout->col, "layout must "
		    "be a name");
	tiles = ynode_get(root, "tiles");
	if (tiles == NULL || tiles->type != YNODE_MAP) {
		diag_error(d, file, tiles ? tiles->line : root->line,
		    tiles ? tiles->col : root->col, "tiles must be a mapping "
		    "of board names to {col, row, label}");
		goto out;
	}
	for (i = 0; i < tiles->nkids; i += 2) {
		const struct ynode *key = tiles->kids[i], *v = tiles->kids[i + 1];
		const char *near;

		if (key->type != YNODE_SCALAR ||
		    (b = report_find_lscb(r, key->str)) < 0) {
			near = key->type == YNODE_SCALAR ? str_suggest(key->str,
			    (const char *const *)r->lscbs, r->nlscbs) : NULL;
			diag_error(d, file, key->line, key->col, "\"%s\" is "
			    "not a board of report.yaml%s%s%s",
			    key->type == YNODE_SCALAR ? key->str : "?",
			    near ? "; did you mean \"" : "", near ? near : "",
			    near ? "\"?" : "");
			continue;
		}
		if (g->tiles[b].label != NULL || at[b].line != 0) {
			diag_error(d, file, key->line, key->col, "%s has a "
			    "tile already, at line %d", r->lscbs[b],
			    at[b].line);
			continue;
		}
		at[b].line = key->line;
		at[b].col = key->col;
		if (!grid_tile(file, v, &g->tiles[b], d))
			continue;
		g->tiles[b].lscb = b;
		for (k = 0; k < r->nlscbs; k++)
			if (k != (size_t)b && g->tiles[k].label != NULL &&
			    g->tiles[k].col == g->tiles[b].col &&
			    g->tiles[k].row == g->tiles[b].row)
				diag_error(d, file, key->line, key->col,
				    "%s is on the square of %s (col %d, row "
				    "%d)", r->lscbs[b], r->lscbs[k],
				    g->tiles[b].col, g->tiles[b].row);
		if (g->tiles[b].col > g->ncols)
			g->ncols = g->tiles[b].col;
		if (g->tiles[b].row > g->nrows)
			g->nrows = g->tiles[b].row;
	}
	for (k = 0; k < r->nlscbs; k++)
		if (at[k].line == 0)
			diag_error(d, file, tiles->line, tiles->col, "board "
			    "\"%s\" has no tile", r->lscbs[k]);
out:
	free(at);
	ynode_free(root);
	if (d->nerrors > before) {
		grid_free(g);
		return NULL;
	}
	return g;
}

struct grid *
grid_load(const char *path, const struct report *r, struct diag *d,
    int *missing)
{
	struct grid	*g;
	char		*data;
	size_t		 len;

	*missing = 0;
	if (access(path, F_OK) != 0 && errno == ENOENT) {
		*missing = 1;
		return NULL;
	}
	if (!yml_read_file(path, d, &data, &len))
		return NULL;
	g = grid_load_buf(path, data, len, r, d);
	free(data);
	return g;
}

/*
 * render_table.c: the PDF back end's tables, measured.  A table's cells
 * are laid out unwrapped for their natural and narrowest widths, the
 * columns chosen (lay_columns(), render_layout.c), the cells laid out
 * again at their columns' widths, and the rows cut into the page
 * breaker's lines: one a row, or slices of a row taller than a page.
 */
#include <stdlib.h>

#include <pango/pangocairo.h>

#include "util.h"
#include "doc.h"
#include "render_int.h"

/*
 * Cuts table t's rows into the page breaker's lines: one a row, or, for a
 * row taller than limit points (a page's body under the repeated header
 * rows), slices no taller than limit, each cell's lines shared out in
 * order so that every line is in exactly one slice (issue 13.8: nothing
 * is cut or lost).  Sets t->nslices, srow, sfirst, scount and *heights
 * (the slices' heights; free with free()).
 */
static void
rndr_slice_rows(struct rndr_table *t, double limit, double **heights)
{
	const struct rndr_text	*ct;
	double			*h = NULL, used, most, room;
	int			*pos, r, c, cap = 0, more, k;

	pos = xcalloc((size_t)t->ncols + 1, sizeof(*pos));
	room = limit - 2 * PDF_CELL_PADY;
	t->nslices = 0;
	for (r = 0; r < t->nrows; r++) {
		for (c = 0; c < t->ncols; c++)
			pos[c] = 0;
		do {
			if (t->nslices == cap) {
				cap = cap ? cap * 2 : t->nrows + 1;
				h = xreallocarray(h, cap, sizeof(*h));
				t->srow = xreallocarray(t->srow, cap,
				    sizeof(*t->srow));
				t->sfirst = xreallocarray(t->sfirst, cap,
				    (t->ncols + 1) * sizeof(*t->sfirst));
				t->scount = xreallocarray(t->scount, cap,
				    (t->ncols + 1) * sizeof(*t->scount));
			}
			k = t->nslices++;
			t->srow[k] = r;
			most = 0;
			more = 0;
			for (c = 0; c < t->ncols; c++) {
				ct = &t->cells[r * t->ncols + c];
				t->sfirst[k * t->ncols + c] = pos[c];
				used = 0;
				if (t->rowh[r] <= limit) {
					pos[c] = ct->nlines;
					used = ct->height;
				} else
					/* At least one line a slice. */
					while (pos[c] < ct->nlines &&
					    (used == 0 || used +
					    ct->lines[pos[c]].height <=
					    room)) {
						used += ct->lines[pos[c]].height;
						pos[c]++;
					}
				t->scount[k * t->ncols + c] = pos[c] -
				    t->sfirst[k * t->ncols + c];
				if (used > most)
					most = used;
				if (pos[c] < ct->nlines)
					more = 1;
			}
			h[k] = t->rowh[r] <= limit ? t->rowh[r] :
			    most + 2 * PDF_CELL_PADY;
		} while (more);
	}
	free(pos);
	*heights = h;
}

/* Returns a new table of table node n's rows and columns, its cells
 * not yet made (freed with its block, rndr_clear()). */
static struct rndr_table *
rndr_table_new(const struct doc_node *n)
{
	const struct doc_node	*row;
	struct rndr_table	*t;
	int			 c;

	t = xcalloc(1, sizeof(*t));
	t->ncols = n->as.table.ncols;
	for (row = n->first_child; row != NULL; row = row->next)
		t->nrows++;
	t->colw = xcalloc(t->ncols, sizeof(double));
	t->rowh = xcalloc(t->nrows, sizeof(double));
	t->cells = xcalloc((size_t)t->nrows * t->ncols, sizeof(*t->cells));
	t->header = xcalloc(t->nrows, sizeof(int));
	t->role = xcalloc((size_t)t->nrows * t->ncols, sizeof(*t->role));
	for (c = 0; c < t->nrows * t->ncols; c++)
		t->role[c] = DOC_ROLE_TD;
	t->align = xcalloc(t->ncols, sizeof(int));
	return t;
}

/* Returns the width in points of the widest word of unwrapped cell text
 * ct, padding included, laying ct out at a tiny width to find it. */
static double
rndr_cell_min_width(struct rndr_text *ct)
{
	PangoLayoutIter		*it;
	PangoRectangle		 ink, logical;
	double			 w, min = 0;

	pango_layout_set_width(ct->layout, 1);
	pango_layout_set_wrap(ct->layout, PANGO_WRAP_WORD);
	it = pango_layout_get_iter(ct->layout);
	do {
		pango_layout_iter_get_line_extents(it, &ink, &logical);
		w = (double)logical.width / PANGO_SCALE + 2 * PDF_CELL_PADX;
		if (w > min)
			min = w;
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
	return min;
}

/*
 * Makes the cells of table t from the rows of table node n, with their
 * roles, header rows and right-aligned columns, and raises nat[c] and
 * min[c] to each column's natural and narrowest width in points.
 */
static void
rndr_table_cells(struct rndr *p, const struct doc_node *n,
    struct rndr_table *t, double *nat, double *min)
{
	const struct doc_node	*row, *cell;
	struct rndr_text	*ct;
	double			 w;
	int			 r, c;

	for (r = 0, row = n->first_child; row != NULL; row = row->next, r++) {
		t->header[r] = row->as.row.header;
		for (c = 0, cell = row->first_child; cell != NULL &&
		    c < t->ncols; cell = cell->next, c++) {
			ct = &t->cells[r * t->ncols + c];
			t->role[r * t->ncols + c] = doc_node_role(cell);
			rndr_text_make(p, ct, cell, NULL, 0, PDF_BODY_PT,
			    cell->as.cell.header, PANGO_ALIGN_LEFT);
			w = rndr_text_width(ct) + 2 * PDF_CELL_PADX;
			if (w > nat[c])
				nat[c] = w;
			w = rndr_cell_min_width(ct);
			if (w > min[c])
				min[c] = w;
			if (cell->as.cell.align == DOC_ALIGN_RIGHT)
				t->align[c] = DOC_ALIGN_RIGHT;
		}
	}
}

/*
 * Lays out each cell of table t at its column's width and sets the rows'
 * heights; returns the footnote heights by each cell's lines, for the
 * slices of a row taller than a page (nrows * ncols arrays; free with
 * rndr_table_notes()).
 */
static double **
rndr_table_lay_cells(struct rndr *p, struct rndr_table *t)
{
	struct rndr_text	*ct;
	double			**cn;
	int			 r, c;

	cn = xcalloc((size_t)t->nrows * t->ncols + 1, sizeof(*cn));
	for (r = 0; r < t->nrows; r++) {
		for (c = 0; c < t->ncols; c++) {
			ct = &t->cells[r * t->ncols + c];
			pango_layout_set_width(ct->layout, (int)((t->colw[c] -
			    2 * PDF_CELL_PADX) * PANGO_SCALE) + 1);
			pango_layout_set_wrap(ct->layout,
			    PANGO_WRAP_WORD_CHAR);
			pango_layout_set_alignment(ct->layout,
			    t->align[c] == DOC_ALIGN_RIGHT ?
			    PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
			free(ct->lines);
			ct->lines = NULL;
			rndr_text_lines(ct);
			if (ct->height + 2 * PDF_CELL_PADY > t->rowh[r])
				t->rowh[r] = ct->height + 2 * PDF_CELL_PADY;
			cn[r * t->ncols + c] = xcalloc((size_t)ct->nlines + 1,
			    sizeof(double));
			rndr_note_lines(p, ct, cn[r * t->ncols + c], 0, 0);
		}
	}
	return cn;
}

/* Sets the header rows of table block b to repeat on every page a long
 * table runs on: not when they would take most of a page. */
static void
rndr_table_head(struct rndr_block *b)
{
	const struct rndr_table	*t = b->table;
	double			 w;
	int			 r, c;

	for (r = 0; r < t->nrows && t->header[r]; r++)
		continue;
	if (r < t->nrows) {
		for (c = 0, w = 0; c < r; c++)
			w += t->rowh[c];
		if (w < PDF_BODY_H / 3)
			b->lay.head = r;
	}
}

/* Gives each slice of table block b the footnote heights of its cells'
 * lines, from cn (rndr_table_lay_cells()), and frees cn. */
static void
rndr_table_notes(struct rndr_block *b, double **cn)
{
	const struct rndr_table	*t = b->table;
	int			 r, c, k, i;

	b->notes = xcalloc((size_t)t->nslices + 1, sizeof(double));
	for (k = 0; k < t->nslices; k++)
		for (c = 0; c < t->ncols; c++) {
			r = t->srow[k];
			for (i = t->sfirst[k * t->ncols + c];
			    i < t->sfirst[k * t->ncols + c] +
			    t->scount[k * t->ncols + c]; i++)
				b->notes[k] += cn[r * t->ncols + c][i];
		}
	for (c = 0; c < t->nrows * t->ncols; c++)
		free(cn[c]);
	free(cn);
}

/*
 * Measures table block b: chooses column widths from the cells' natural
 * and narrowest widths, lays each cell out at its column's width (numeric
 * columns right-aligned) and gives the page breaker one line per row.
 */
void
rndr_measure_table(struct rndr *p, struct rndr_block *b)
{
	struct rndr_table	*t;
	double			*nat, *min, w, **cn;
	int			 r, c;

	t = b->table = rndr_table_new(b->node);
	nat = xcalloc(t->ncols, sizeof(double));
	min = xcalloc(t->ncols, sizeof(double));
	/* Natural and minimum widths, from unwrapped layouts. */
	rndr_table_cells(p, b->node, t, nat, min);
	lay_columns(nat, min, t->ncols, PDF_BODY_W, t->colw);
	cn = rndr_table_lay_cells(p, t);
	for (c = 0, w = 0; c < t->ncols; c++)
		w += t->colw[c];
	b->width = w;
	rndr_table_head(b);
	for (r = 0, w = 0; r < b->lay.head; r++)
		w += t->rowh[r];
	rndr_slice_rows(t, PDF_BODY_H - w, &b->lines);
	rndr_table_notes(b, cn);
	b->lay.lines = b->lines;
	b->lay.notes = b->notes;
	b->lay.nlines = t->nslices;
	b->lay.rows = 1;
	/* A table breaks only between rows (or the slices of a row taller
	 * than a page), its header rows repeated on the next page and at
	 * least two body rows each side. */
	b->lay.split = 1;
	free(nat);
	free(min);
}

/*
 * tmpl_block.c: the blocks being built.  The container new blocks go
 * into (the innermost open ":::" block, else the document), the open
 * leaf block whose lines join into one text, and table rows.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "diag.h"
#include "doc.h"
#include "tmpl.h"
#include "tmpl_int.h"

/* The block that new blocks are appended to. */
struct doc_node *
tmpl_container(struct tmpl_parser *p)
{
	return p->ndepth > 0 ? p->conds[p->ndepth - 1] : p->doc->root;
}

/* Parses the open leaf block's text into inline nodes and closes it. */
void
tmpl_close_leaf(struct tmpl_parser *p)
{
	if (p->leaf == NULL)
		return;
	tmpl_inline(p, p->leaf, p->text.data, p->text.len, p->segs,
	    p->nsegs);
	p->leaf = NULL;
	buf_reset(&p->text);
	p->nsegs = 0;
}

/* Closes the open leaf, list and table. */
void
tmpl_close_all(struct tmpl_parser *p)
{
	tmpl_close_leaf(p);
	p->list = NULL;
	p->table = NULL;
}

/* Adds one line's text (s, n bytes, starting at line:col) to the leaf. */
void
tmpl_leaf_add(struct tmpl_parser *p, const char *s, size_t n, int line,
    int col)
{
	while (n > 0 && s[n - 1] == ' ')
		n--;
	if (p->text.len > 0)
		buf_putc(&p->text, ' ');
	if (p->nsegs == p->segcap) {
		p->segcap = p->segcap ? p->segcap * 2 : 8;
		p->segs = xreallocarray(p->segs, p->segcap,
		    sizeof(*p->segs));
	}
	p->segs[p->nsegs].off = p->text.len;
	p->segs[p->nsegs].line = line;
	p->segs[p->nsegs].col = col;
	p->nsegs++;
	buf_putn(&p->text, s, n);
}

/* Opens a new leaf block of type under parent with its first line. */
struct doc_node *
tmpl_open_leaf(struct tmpl_parser *p, struct doc_node *parent,
    enum doc_type type, int line, int col, const char *s, size_t n,
    int tcol)
{
	struct doc_node	*leaf;

	tmpl_close_leaf(p);
	leaf = doc_node_new(type, line, col);
	doc_node_append(parent, leaf);
	p->leaf = leaf;
	tmpl_leaf_add(p, s, n, line, tcol);
	return leaf;
}

/* Returns 1 if the cell text s[0..n) is a header rule such as ---. */
static int
tmpl_is_rule_cell(const char *s, size_t n)
{
	size_t	 i;
	int	 dashes = 0;

	while (n > 0 && s[0] == ' ') {
		s++;
		n--;
	}
	while (n > 0 && s[n - 1] == ' ')
		n--;
	if (n > 0 && s[0] == ':') {
		s++;
		n--;
	}
	if (n > 0 && s[n - 1] == ':')
		n--;
	for (i = 0; i < n; i++) {
		if (s[i] != '-')
			return 0;
		dashes++;
	}
	return dashes > 0;
}

/* Parses a table row s[0..n) (s[0] is '|') at line, whose first
 * character is at column col. */
void
tmpl_table_row(struct tmpl_parser *p, const char *s, size_t n, int line,
    int col)
{
	const char	*cell[TMPL_MAX_COLS];
	size_t		 clen[TMPL_MAX_COLS];
	int		 ccol[TMPL_MAX_COLS];
	size_t		 i, start, ncells = 0;
	int		 rule = 1;
	struct doc_node	*row, *c, *r;
	struct tmpl_seg	 seg;

	while (n > 0 && s[n - 1] == ' ')
		n--;
	if (n < 2 || s[n - 1] != '|' || (n >= 2 && s[n - 2] == '\\')) {
		tmpl_err(p, line, col + tmpl_chars(s, n), TM_ROW_NO_BAR);
		return;
	}
	start = 1;
	for (i = 1; i < n; i++) {
		if (s[i] == '\\' && i + 1 < n) {
			i++;
			continue;
		}
		if (s[i] != '|')
			continue;
		if (ncells == TMPL_MAX_COLS) {
			tmpl_err(p, line, col, TM_ROW_MAX_CELLS, TMPL_MAX_COLS);
			return;
		}
		cell[ncells] = s + start;
		clen[ncells] = i - start;
		ccol[ncells] = col + tmpl_chars(s, start);
		if (!tmpl_is_rule_cell(cell[ncells], clen[ncells]))
			rule = 0;
		ncells++;
		start = i + 1;
	}

	if (p->table == NULL) {
		p->table = doc_node_new(DOC_TABLE, line, col);
		p->table->as.table.ncols = (int)ncells;
		p->table_rule = 0;
		doc_node_append(tmpl_container(p), p->table);
	} else if ((int)ncells != p->table->as.table.ncols) {
		tmpl_err(p, line, col, TM_ROW_NCELLS, ncells,
		    p->table->as.table.ncols);
		return;
	}

	if (rule) {
		if (p->table_rule || p->table->first_child == NULL) {
			tmpl_err(p, line, col, TM_ROW_RULE);
			return;
		}
		p->table_rule = 1;
		for (r = p->table->first_child; r != NULL; r = r->next) {
			r->as.row.header = 1;
			for (c = r->first_child; c != NULL; c = c->next)
				c->as.cell.header = 1;
		}
		return;
	}

	if (!tmpl_within(p, &p->ncells, ncells, TMPL_MAX_CELLS, "table cells",
	    line, col))
		return;
	row = doc_node_new(DOC_ROW, line, col);
	doc_node_append(p->table, row);
	for (i = 0; i < ncells; i++) {
		/* Trim the cell, keeping its column right. */
		while (clen[i] > 0 && cell[i][0] == ' ') {
			cell[i]++;
			clen[i]--;
			ccol[i]++;
		}
		while (clen[i] > 0 && cell[i][clen[i] - 1] == ' ')
			clen[i]--;
		c = doc_node_new(DOC_CELL, line, ccol[i]);
		doc_node_append(row, c);
		seg.off = 0;
		seg.line = line;
		seg.col = ccol[i];
		tmpl_inline(p, c, cell[i], clen[i], &seg, 1);
	}
}


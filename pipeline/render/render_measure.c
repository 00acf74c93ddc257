/*
 * render_measure.c: the PDF back end's measuring.  Turns the filled
 * document into a flow of measured blocks (text, tables, charts), each
 * with the line heights and footnote heights the page breaker
 * (render_layout.c) needs, and the space between them; then paginates.
 * The footnotes are measured in render_note.c, tables in
 * render_table.c.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <pango/pangocairo.h>

#include "util.h"
#include "diag.h"
#include "doc.h"
#include "render_int.h"

/* Drops the layouts' lines of block b once measured or painted, in a
 * long paper (see rndr_text_shed()); rows [first, first + count) of a
 * table, with its header rows. */
void
rndr_block_shed(const struct rndr *p, struct rndr_block *b, int first,
    int count)
{
	struct rndr_table	*t = b->table;
	int			 r, c, head;

	rndr_text_shed(p, &b->text);
	rndr_text_shed(p, &b->label);
	if (t == NULL)
		return;
	for (head = 0; head < t->nrows && t->header[head]; head++)
		for (c = 0; c < t->ncols; c++)
			rndr_text_shed(p, &t->cells[head * t->ncols + c]);
	for (r = first > head ? first : head; r < t->nrows &&
	    r - first < count; r++)
		for (c = 0; c < t->ncols; c++)
			rndr_text_shed(p, &t->cells[r * t->ncols + c]);
}

/* Returns a new block appended to p's flow. */
static struct rndr_block *
rndr_block_new(struct rndr *p, enum rndr_kind kind, const struct doc_node *n)
{
	struct rndr_block	*b;

	if (p->nblocks > 0)
		rndr_block_shed(p, &p->blocks[p->nblocks - 1], 0, INT_MAX);
	p->blocks = xreallocarray(p->blocks, p->nblocks + 1,
	    sizeof(*p->blocks));
	b = &p->blocks[p->nblocks++];
	memset(b, 0, sizeof(*b));
	b->kind = kind;
	b->node = n;
	b->width = PDF_BODY_W;
	p->at = n;
	return b;
}

/* Fills the page breaker's view of a text block. */
static void
rndr_block_lay_text(struct rndr *p, struct rndr_block *b, int split)
{
	int	 i, n = b->text.nlines;

	b->lines = xcalloc(n > 0 ? n : 1, sizeof(double));
	b->notes = xcalloc(n > 0 ? n : 1, sizeof(double));
	for (i = 0; i < n; i++)
		b->lines[i] = b->text.lines[i].height;
	if (n > 0) {
		b->lines[0] += b->pad;
		b->lines[n - 1] += b->pad;
	}
	rndr_note_lines(p, &b->text, b->notes, 0, 0);
	b->lay.lines = b->lines;
	b->lay.notes = b->notes;
	b->lay.nlines = n;
	b->lay.split = split;
}

/* Heading sizes by level, in points. */
static double
rndr_heading_size(int level)
{
	switch (level) {
	case 1:
		return 22.0;
	case 2:
		return 16.0;
	case 3:
		return 13.5;
	default:
		return 12.0;
	}
}

/* Returns 1 if paragraph n ends with a colon (it leads into a list). */
static int
rndr_leads_in(const struct doc_node *n)
{
	char	*t;
	size_t	 len;
	int	 r;

	t = doc_node_plain(n);
	len = strlen(t);
	while (len > 0 && t[len - 1] == ' ')
		len--;
	r = len > 0 && t[len - 1] == ':';
	free(t);
	return r;
}

/* Space between blocks, in points. */
#define PDF_SP_PARA	10.0
#define PDF_SP_ITEM	6.0
#define PDF_SP_TABLE	14.0

/* Returns the space in points above the block of node n after the
 * block prev (NULL at the start of the paper). */
static double
rndr_space(const struct rndr_block *prev, const struct doc_node *n)
{
	const struct doc_node	*pn;
	double			 after = PDF_SP_PARA, before = PDF_SP_PARA;

	if (prev == NULL)
		return 0;
	pn = prev->node;
	switch (pn->type) {
	case DOC_HEADING:
		after = pn->as.heading.level == 1 ? 8.0 : 6.0;
		return n->type == DOC_HEADING ? 10.0 : after;
	case DOC_SUBTITLE:
		return 28.0;
	case DOC_ITEM:
		after = PDF_SP_ITEM;
		if (pn->next == NULL)
			after = PDF_SP_PARA;
		break;
	case DOC_PARA:
		after = rndr_leads_in(pn) ? PDF_SP_ITEM : PDF_SP_PARA;
		break;
	case DOC_TABLE:
	case DOC_ASIDE:
	case DOC_CHART:
	case DOC_TILEMAP:
		after = PDF_SP_TABLE;
		break;
	case DOC_ROOT:
	case DOC_LIST:
	case DOC_ROW:
	case DOC_CELL:
	case DOC_FOOTNOTE:
	case DOC_COND:
	case DOC_SIGNOFF:
	case DOC_PAGEBREAK:
	case DOC_TEXT:
	case DOC_STRONG:
	case DOC_FNREF:
	case DOC_FIGREF:
	case DOC_NATREF:
	case DOC_FIELD:
	case DOC_CAPTION:
	case DOC_XREF:
		after = PDF_SP_PARA;
		break;
	}
	switch (n->type) {
	case DOC_HEADING:
		before = n->as.heading.level <= 2 ? 24.0 : 18.0;
		break;
	case DOC_ITEM:
		/* A list's first item follows its lead-in closely; numbered
		 * items, a paragraph or more each, stand further apart. */
		if (n->prev == NULL)
			return after;
		return n->parent->as.list.kind == DOC_LIST_NUMBERED ?
		    PDF_SP_PARA : PDF_SP_ITEM;
	case DOC_TABLE:
		/* Its caption is just above it. */
		if (pn->type == DOC_CAPTION)
			return 8;
		before = PDF_SP_TABLE;
		break;
	case DOC_CAPTION:
	case DOC_ASIDE:
		before = PDF_SP_TABLE;
		break;
	case DOC_CHART:
	case DOC_TILEMAP:
		/* Its caption (or the chart) follows the table closely. */
		return PDF_SP_TABLE + 6;
	case DOC_SIGNOFF:
		before = 30.0;
		break;
	case DOC_ROOT:
	case DOC_SUBTITLE:
	case DOC_PARA:
	case DOC_LIST:
	case DOC_ROW:
	case DOC_CELL:
	case DOC_FOOTNOTE:
	case DOC_COND:
	case DOC_PAGEBREAK:
	case DOC_TEXT:
	case DOC_STRONG:
	case DOC_FNREF:
	case DOC_FIGREF:
	case DOC_NATREF:
	case DOC_FIELD:
	case DOC_XREF:
		before = PDF_SP_PARA;
		break;
	}
	return after > before ? after : before;
}

/*
 * Gives block b, just made for node n, its place in the flow: a new page
 * before it if a page break came since the last block (*newpage, then
 * cleared), and the space above it.
 */
static void
rndr_block_place(struct rndr *p, struct rndr_block *b,
    const struct doc_node *n, int *newpage)
{
	b->lay.newpage = *newpage;
	*newpage = 0;
	b->lay.before = rndr_space(p->nblocks > 1 ?
	    &p->blocks[p->nblocks - 2] : NULL, n);
}

/*
 * Returns a new text block of node n across the body, its text set at
 * size points (bold if bold) and measured; split: its lines may be
 * parted by a page break.
 */
static struct rndr_block *
rndr_measure_text(struct rndr *p, const struct doc_node *n, double size,
    int bold, int split)
{
	struct rndr_block	*b;

	b = rndr_block_new(p, PDF_TEXT, n);
	b->tag = RNDR_ROLE(doc_node_role(n));
	rndr_text_make(p, &b->text, n, NULL, PDF_BODY_W, size, bold,
	    PANGO_ALIGN_LEFT);
	rndr_block_lay_text(p, b, split);
	return b;
}

/* Returns the block of heading n, kept with what follows. */
static struct rndr_block *
rndr_measure_heading(struct rndr *p, const struct doc_node *n)
{
	struct rndr_block	*b;

	b = rndr_block_new(p, PDF_TEXT, n);
	b->tag = RNDR_ROLE(doc_node_role(n));
	rndr_text_make(p, &b->text, n, NULL, PDF_BODY_W,
	    rndr_heading_size(n->as.heading.level), 1, PANGO_ALIGN_LEFT);
	rndr_text_respace(&b->text, PDF_HEAD_SPACING);
	rndr_block_lay_text(p, b, 0);
	b->lay.keep = 1;
	b->lay.section = 1;
	b->lay.subsection = n->as.heading.level > 2;
	return b;
}

/* Returns the block of paragraph n. */
static struct rndr_block *
rndr_measure_para(struct rndr *p, const struct doc_node *n)
{
	struct rndr_block	*b;

	b = rndr_measure_text(p, n, PDF_BODY_PT, 0, 1);
	/* A paragraph that introduces a list or table (ending in a colon,
	 * or just before a table's caption) stays with its first lines or
	 * rows. */
	b->lay.keep = rndr_leads_in(n) || (n->next != NULL &&
	    n->next->type == DOC_CAPTION);
	return b;
}

/* Returns the block of aside n, boxed and indented. */
static struct rndr_block *
rndr_measure_aside(struct rndr *p, const struct doc_node *n)
{
	struct rndr_block	*b;

	b = rndr_block_new(p, PDF_TEXT, n);
	b->tag = RNDR_ROLE(doc_node_role(n));
	b->boxed = 1;
	b->pad = PDF_ASIDE_PAD;
	b->x = PDF_ASIDE_PAD + 4;
	b->width = PDF_BODY_W - 2 * PDF_ASIDE_PAD - 4;
	rndr_text_make(p, &b->text, n, NULL, b->width, PDF_BODY_PT, 0,
	    PANGO_ALIGN_LEFT);
	rndr_block_lay_text(p, b, 0);
	return b;
}

/* Makes and places a block for each item of list n, with its number or
 * bullet as label. */
static void
rndr_measure_list(struct rndr *p, const struct doc_node *n, int *newpage)
{
	struct rndr_block	*b;
	struct doc_node		*item;
	char			 num[32];
	int			 numbered;

	numbered = n->as.list.kind == DOC_LIST_NUMBERED;
	for (item = n->first_child; item != NULL; item = item->next) {
		b = rndr_block_new(p, PDF_TEXT, item);
		b->tag = RNDR_ROLE(doc_node_role(item));
		b->x = numbered ? PDF_NUM_INDENT : PDF_INDENT;
		b->width = PDF_BODY_W - b->x;
		if (numbered)
			snprintf(num, sizeof(num), "%d.",
			    item->as.item.number);
		else
			snprintf(num, sizeof(num), "\u2022");
		rndr_text_make(p, &b->label, NULL, num, 0, PDF_BODY_PT,
		    numbered, PANGO_ALIGN_LEFT);
		rndr_text_make(p, &b->text, item, NULL, b->width,
		    PDF_BODY_PT, 0, PANGO_ALIGN_LEFT);
		rndr_block_lay_text(p, b, 1);
		/* The last item never stands alone at the top of a
		 * page. */
		b->lay.keep = item->next != NULL && item->next->next == NULL;
		rndr_block_place(p, b, item, newpage);
	}
}

/*
 * Makes the blocks of chart or tile map n: its caption, if it has one,
 * placed here and kept with it, then the picture, one line high.
 * Returns the picture's block when it still needs its place (it has no
 * caption: a float of its own), NULL when there is nothing to draw or
 * it is placed.
 */
static struct rndr_block *
rndr_measure_figure(struct rndr *p, const struct doc_node *n, int *newpage)
{
	struct rndr_block	*b = NULL;
	struct rndr_chart	*chart = NULL;
	double			 h;

	if (n->type == DOC_TILEMAP) {
		if (n->as.tilemap.data == NULL)
			return NULL;
		h = rndr_tilemap_height(n->as.tilemap.data);
	} else if ((chart = rndr_measure_chart(p, n)) == NULL)
		return NULL;
	else
		h = chart->height;
	if (n->first_child != NULL) {
		/* The caption, kept with the chart. */
		b = rndr_block_new(p, PDF_TEXT, n);
		/* A Caption: the post-pass puts it in the Figure that
		 * follows. */
		b->tag = RNDR_ROLE(DOC_ROLE_CAPTION);
		rndr_text_make(p, &b->text, n, NULL, PDF_BODY_W, PDF_BODY_PT,
		    1, PANGO_ALIGN_LEFT);
		rndr_block_lay_text(p, b, 0);
		b->lay.keep = 1;
		/* With the chart, a float: it may move to the top of the
		 * next page while the text after it fills this one. */
		b->lay.flt = 2;
		rndr_block_place(p, b, n, newpage);
	}
	/* Chart and caption on one page (issue 31.6). */
	if (chart != NULL) {
		rndr_chart_fit(p, chart, PDF_BODY_H - 12 -
		    (n->first_child != NULL ? b->text.height + 8 : 0));
		h = chart->height;
	}
	b = rndr_block_new(p, chart != NULL ? PDF_CHART : PDF_TILEMAP, n);
	b->tag = RNDR_ROLE(doc_node_role(n));
	b->chart = chart;
	b->lines = xcalloc(1, sizeof(double));
	b->notes = xcalloc(1, sizeof(double));
	b->lines[0] = h;
	b->lay.lines = b->lines;
	b->lay.notes = b->notes;
	b->lay.nlines = 1;
	if (n->first_child != NULL) {
		b->lay.before = 8;
		return NULL;
	}
	b->lay.flt = 1;
	return b;
}

/* Returns the block of sign-off n: one P a line (see
 * rndr_paint_frag()). */
static struct rndr_block *
rndr_measure_signoff(struct rndr *p, const struct doc_node *n)
{
	struct rndr_block	*b;
	struct buf		 sb;
	const char		**lines;
	size_t			 i, nlines;

	b = rndr_block_new(p, PDF_TEXT, n);
	b->tag = RNDR_ROLE(doc_node_role(n));
	buf_init(&sb);
	lines = doc_meta_signoff(&p->doc->meta, &nlines);
	for (i = 0; i < nlines; i++)
		buf_printf(&sb, "%s%s", i > 0 ? "\n" : "", lines[i]);
	free(lines);
	rndr_text_make(p, &b->text, NULL, sb.data, PDF_BODY_W, PDF_BODY_PT,
	    0, PANGO_ALIGN_LEFT);
	buf_clear(&sb);
	rndr_block_lay_text(p, b, 0);
	return b;
}

/* Builds and measures the blocks of the flow: one or more a node of the
 * root, by the node's type. */
void
rndr_measure(struct rndr *p)
{
	struct doc_node		*n;
	struct rndr_block	*b;
	int			 newpage = 0;

	rndr_measure_notes(p);
	for (n = p->doc->root->first_child; n != NULL; n = n->next) {
		b = NULL;
		switch (n->type) {
		case DOC_HEADING:
			b = rndr_measure_heading(p, n);
			break;
		case DOC_SUBTITLE:
			b = rndr_measure_text(p, n, 15.0, 0, 0);
			b->lay.keep = 1;
			break;
		case DOC_PARA:
			b = rndr_measure_para(p, n);
			break;
		case DOC_ASIDE:
			b = rndr_measure_aside(p, n);
			break;
		case DOC_LIST:
			rndr_measure_list(p, n, &newpage);
			break;
		case DOC_CAPTION:
			/* A table's numbered caption, kept with it. */
			b = rndr_measure_text(p, n, PDF_BODY_PT, 1, 0);
			b->lay.keep = 1;
			break;
		case DOC_TABLE:
			b = rndr_block_new(p, PDF_TABLE, n);
			b->tag = RNDR_ROLE(doc_node_role(n));
			rndr_measure_table(p, b);
			break;
		case DOC_CHART:
		case DOC_TILEMAP:
			b = rndr_measure_figure(p, n, &newpage);
			break;
		case DOC_SIGNOFF:
			b = rndr_measure_signoff(p, n);
			break;
		case DOC_PAGEBREAK:
			newpage = 1;
			break;
		case DOC_ROOT:
		case DOC_ITEM:
		case DOC_ROW:
		case DOC_CELL:
		case DOC_FOOTNOTE:
		case DOC_COND:
		case DOC_TEXT:
		case DOC_STRONG:
		case DOC_FNREF:
		case DOC_FIGREF:
		case DOC_NATREF:
		case DOC_FIELD:
		case DOC_XREF:
			break;
		}
		if (b != NULL)
			rndr_block_place(p, b, n, &newpage);
	}
	if (p->nblocks > 0)
		rndr_block_shed(p, &p->blocks[p->nblocks - 1], 0, INT_MAX);
}

/* Paginates the measured blocks into p->lay. */
void
rndr_paginate(struct rndr *p)
{
	struct lay_block	*lb;
	struct lay_params	 lp;
	size_t			 i;
	int			 k;

	lb = xcalloc(p->nblocks + 1, sizeof(*lb));
	for (i = 0; i < p->nblocks; i++)
		lb[i] = p->blocks[i].lay;
	lp.height = PDF_BODY_H;
	lp.note_sep = PDF_NOTE_SEP;
	lp.orphans = 2;
	lp.widows = 2;
	lp.note_line = 0;
	lp.stretch = PDF_STRETCH;
	lp.stretch_pt = PDF_STRETCH_PT;
	lp.fill = PDF_FILL;
	for (i = 0; i < p->nnotes; i++)
		for (k = 0; k < p->notes[i].text.nlines; k++)
			if (p->notes[i].text.lines[k].height > lp.note_line)
				lp.note_line = p->notes[i].text.lines[k].height;
	lay_paginate(lb, p->nblocks, &lp, &p->lay);
	free(lb);
}

/* Releases everything p measured and laid out (not its fonts). */
void
rndr_clear(struct rndr *p)
{
	size_t	 i;
	int	 c;

	for (i = 0; i < p->nblocks; i++) {
		rndr_text_clear(&p->blocks[i].text);
		rndr_text_clear(&p->blocks[i].label);
		if (p->blocks[i].table != NULL) {
			struct rndr_table *t = p->blocks[i].table;

			for (c = 0; c < t->nrows * t->ncols; c++)
				rndr_text_clear(&t->cells[c]);
			free(t->cells);
			free(t->colw);
			free(t->rowh);
			free(t->srow);
			free(t->sfirst);
			free(t->scount);
			free(t->header);
			free(t->role);
			free(t->align);
			free(t);
		}
		rndr_chart_free(p->blocks[i].chart);
		free(p->blocks[i].lines);
		free(p->blocks[i].notes);
	}
	free(p->blocks);
	for (i = 0; i < p->nnotes; i++) {
		rndr_text_clear(&p->notes[i].text);
		rndr_text_clear(&p->notes[i].label);
	}
	free(p->notes);
	free(p->pending);
	for (i = 0; i < p->nalts; i++)
		free(p->alts[i]);
	free(p->alts);
	for (i = 0; i < p->nlinks; i++)
		free(p->links[i]);
	free(p->links);
	free(p->order);
	free(p->note_keys);
	free(p->lift_index);
	free(p->lift_key);
	lay_result_clear(&p->lay);
}

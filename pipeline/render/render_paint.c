/*
 * render_paint.c: the PDF back end's painting.  Paints the paginated
 * fragments with cairo: text run by run, tables with their rules,
 * footnotes at the foot of the page that refers to them, the running
 * footer, outline entries, and the structure tags around them all.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include "util.h"
#include "diag.h"
#include "doc.h"
#include "render_int.h"
#include "pdf_post.h"

/* ------------------------------------------------------------------ */
/* Painting */

/*
 * Structure.  cairo 1.16 gives marked content only to the elements that
 * have no child elements: text painted straight into an element that
 * also holds a child element (a Link, a Note, page furniture) is left
 * out of the tree.  So a block is painted either as one leaf element
 * (its text its content) or, in "spans" mode, with every run of its text
 * in a Span, each footnote marker in Reference > Link and any footnote
 * or furniture that falls inside it as children beside them.  Page
 * furniture (running footer, rules, box shading) goes in elements named
 * PDF_ART_TAG, which the post-pass (pdf_post.c) takes out of the tree
 * and marks as artifacts in the page content.  Footnotes (painted at a
 * page's foot, inside a block that runs on at times), captions (painted
 * before their tables and charts) and a chart floated into a list that
 * runs on are moved by the post-pass where they are read: the painter
 * tells it the ranks (rndr.note_keys, rndr.lift_*).  (Not "Artifact": cairo
 * 1.16 crashes in cairo_surface_finish() on a structure type outside the
 * standard set once the document has an outline.)
 */
#define PDF_ART_TAG	PDF_POST_ART

/* Opens and closes an element of page furniture.  Furniture painted
 * inside furniture (the rules of a table header repeated on a new page)
 * stays in the outer element: the post-pass knows no nested ones. */
static void
rndr_art_begin(struct rndr *p)
{
	if (p->art_depth++ == 0)
		cairo_tag_begin(p->cr, PDF_ART_TAG, NULL);
}

static void
rndr_art_end(struct rndr *p)
{
	if (--p->art_depth == 0)
		cairo_tag_end(p->cr, PDF_ART_TAG);
}

/* Closes the Span being painted into, if any. */
static void
rndr_span_close(struct rndr *p)
{
	if (p->span_open) {
		cairo_tag_end(p->cr, "Span");
		p->span_open = 0;
	}
}

/* Returns the footnote marker of t that run starts, or NULL. */
static const struct rndr_ref *
rndr_run_ref(const struct rndr_text *t, const PangoGlyphItem *run)
{
	size_t	 r;

	for (r = 0; r < t->nrefs; r++)
		if (t->refs[r].index == run->item->offset &&
		    t->refs[r].def != NULL)
			return &t->refs[r];
	return NULL;
}

/* Queues the footnote of marker ref for the foot of the current page. */
static void
rndr_note_queue(struct rndr *p, const struct rndr_ref *ref)
{
	struct rndr_note	*note;

	if (!ref->first || (note = rndr_note_find(p, ref->def)) == NULL)
		return;
	/* Its Note element follows the element that cites it. */
	note->key = p->cur_key;
	p->pending = xreallocarray(p->pending, p->npending + 1,
	    sizeof(*p->pending));
	p->pending[p->npending++] = note;
}

/*
 * Paints one run of glyphs with its baseline origin at x, y.  Pango
 * blanks the glyph of a space at the end of a line; it is put back
 * (zero width, as pango placed it) so that cairo need not mark the
 * blank with an ActualText sequence and text extraction keeps the space
 * between the words either side of the break.
 */
static void
rndr_show_run(struct rndr *p, const char *text, PangoGlyphItem *run,
    double x, double y)
{
	PangoGlyphItem	*gi;
	hb_font_t	*hb;
	hb_codepoint_t	 space;
	int		 i;
	const char	*c;

	gi = pango_glyph_item_copy(run);
	hb = pango_font_get_hb_font(gi->item->analysis.font);
	for (i = 0; i < gi->glyphs->num_glyphs; i++) {
		if (gi->glyphs->glyphs[i].glyph != PANGO_GLYPH_EMPTY)
			continue;
		c = text + gi->item->offset + gi->glyphs->log_clusters[i];
		if ((*c == ' ' || *c == '\t') && hb != NULL &&
		    hb_font_get_nominal_glyph(hb, ' ', &space))
			gi->glyphs->glyphs[i].glyph = space;
	}
	cairo_move_to(p->cr, x, y);
	pango_cairo_show_glyph_item(p->cr, text, gi);
	pango_glyph_item_free(gi);
}

/*
 * Paints lines [first, first + count) of t with its top-left at x, y,
 * run by run.  With spans, text runs go in Span elements and footnote
 * markers in Reference > Link elements that point at their footnotes;
 * the footnotes of first mentions are queued for the page foot.
 */
static void
rndr_paint_lines(struct rndr *p, const struct rndr_text *t, int first,
    int count, double x, double y, int spans)
{
	PangoLayoutLine		*line;
	GSList			*l;
	PangoGlyphItem		*run;
	const struct rndr_ref	*ref;
	const char		*text;
	PangoRectangle		 logical;
	double			 oy, rx, ry, w;
	int			 i, xoff;
	char			*attr, dest[32];

	if (count <= 0 || first >= t->nlines)
		return;
	text = pango_layout_get_text(t->layout);
	oy = y - t->lines[first].top;
	for (i = first; i < first + count && i < t->nlines; i++) {
		line = pango_layout_get_line_readonly(t->layout, i);
		xoff = 0;
		for (l = line->runs; l != NULL; l = l->next) {
			run = l->data;
			xoff += run->start_x_offset;
			rx = x + t->lines[i].x + (double)xoff / PANGO_SCALE;
			ry = oy + t->lines[i].top + t->lines[i].baseline -
			    (double)run->y_offset / PANGO_SCALE;
			w = (double)pango_glyph_string_get_width(run->glyphs) /
			    PANGO_SCALE;
			ref = rndr_run_ref(t, run);
			if (ref != NULL) {
				rndr_span_close(p);
				pango_glyph_string_extents(run->glyphs,
				    run->item->analysis.font, NULL, &logical);
				if (ref->xref)
					doc_anchor(ref->def, dest,
					    sizeof(dest));
				else
					snprintf(dest, sizeof(dest), "fn%d",
					    ref->def->as.footnote.number);
				attr = xasprintf("rect=[%.2f %.2f %.2f %.2f] "
				    "dest='%s'", rx - 2, ry + (double)
				    logical.y / PANGO_SCALE - 1, w + 4,
				    (double)logical.height / PANGO_SCALE + 2,
				    dest);
				if (spans)
					cairo_tag_begin(p->cr, "Reference",
					    NULL);
				cairo_tag_begin(p->cr, CAIRO_TAG_LINK, attr);
				rndr_show_run(p, text, run, rx, ry);
				cairo_tag_end(p->cr, CAIRO_TAG_LINK);
				if (spans)
					cairo_tag_end(p->cr, "Reference");
				free(attr);
				p->links = xreallocarray(p->links,
				    p->nlinks + 1, sizeof(*p->links));
				if (ref->xref)
					p->links[p->nlinks++] = xasprintf(
					    "Go to %s %d", ref->def->type ==
					    DOC_CAPTION ? "Table" : "Figure",
					    doc_number(ref->def));
				else {
					p->links[p->nlinks++] = xasprintf(
					    "Go to footnote %d",
					    ref->def->as.footnote.number);
					rndr_note_queue(p, ref);
				}
			} else {
				if (spans && !p->span_open) {
					cairo_tag_begin(p->cr, "Span", NULL);
					p->span_open = 1;
				}
				rndr_show_run(p, text, run, rx, ry);
			}
			xoff += pango_glyph_string_get_width(run->glyphs) +
			    run->end_x_offset;
		}
	}
	if (spans)
		rndr_span_close(p);
}

/* Records that an element of logical rank key opens now: at the
 * Document level (no block element open), the post-pass orders it by
 * key (pdf_post.h doc_order). */
static void
rndr_order(struct rndr *p, long key)
{
	if (p->open > 0)
		return;
	p->order = xreallocarray(p->order, p->norder + 1,
	    sizeof(*p->order));
	p->order[p->norder++] = key;
	p->cur_key = key;
}

/*
 * Paints the footnotes queued for the current page at its foot, below a
 * short rule, each line above the footer: what does not fit (a footnote
 * taller than the room the page breaker gave it, issue 13.9) stays
 * queued and continues at the foot of the next page, from its first
 * line not painted (p->note_line0), in a Note element of its own.
 */
static void
rndr_paint_notes(struct rndr *p)
{
	struct rndr_note	*note;
	const struct rndr_line	*ln;
	char		*attr;
	size_t		 i;
	double		 top, bottom = PDF_TOP + PDF_BODY_H;
	int		 first, n;
	const char		*inner = RNDR_ROLE(doc_type_roles[DOC_FOOTNOTE].inner);

	if (p->npending == 0 || p->page >= p->lay.npages)
		return;
	p->note_y = bottom - p->lay.notes[p->page] + PDF_NOTE_SEP;
	rndr_art_begin(p);
	cairo_save(p->cr);
	cairo_set_line_width(p->cr, 0.6);
	cairo_move_to(p->cr, PDF_LEFT, p->note_y - PDF_NOTE_SEP / 2);
	cairo_line_to(p->cr, PDF_LEFT + 120, p->note_y - PDF_NOTE_SEP / 2);
	cairo_stroke(p->cr);
	cairo_restore(p->cr);
	rndr_art_end(p);
	for (i = 0; i < p->npending; i++) {
		note = p->pending[i];
		first = i == 0 ? p->note_line0 : 0;
		ln = note->text.lines;
		for (n = 0; first + n < note->text.nlines; n++)
			if (p->note_y + ln[first + n].top - ln[first].top +
			    ln[first + n].height > bottom + 0.5)
				break;
		if (n == 0)
			break;
		top = p->note_y;
		/* Painted where the page's foot falls (inside a block
		 * that runs on, at times); the post-pass moves the Note
		 * after the element that cites it. */
		p->note_keys = xreallocarray(p->note_keys, p->nnote_keys + 1,
		    sizeof(*p->note_keys));
		p->note_keys[p->nnote_keys++] = note->key;
		cairo_tag_begin(p->cr, RNDR_ROLE(doc_node_role(note->def)),
		    NULL);
		if (first == 0) {
			attr = xasprintf("name='fn%d' x=%.2f y=%.2f",
			    note->def->as.footnote.number, PDF_LEFT, top);
			cairo_tag_begin(p->cr, CAIRO_TAG_DEST, attr);
			free(attr);
			cairo_tag_begin(p->cr, "Lbl", NULL);
			rndr_paint_lines(p, &note->label, 0,
			    note->label.nlines, PDF_LEFT, top +
			    ln[0].baseline - note->label.lines[0].baseline,
			    0);
			cairo_tag_end(p->cr, "Lbl");
		}
		cairo_tag_begin(p->cr, inner, NULL);
		rndr_paint_lines(p, &note->text, first, n,
		    PDF_LEFT + PDF_NOTE_INDENT, top, 0);
		cairo_tag_end(p->cr, inner);
		if (first == 0)
			cairo_tag_end(p->cr, CAIRO_TAG_DEST);
		cairo_tag_end(p->cr, RNDR_ROLE(doc_node_role(note->def)));
		p->note_y += ln[first + n - 1].top + ln[first + n - 1].height -
		    ln[first].top + PDF_NOTE_GAP;
		if (first + n < note->text.nlines) {
			/* The rest on the next page. */
			p->note_line0 = first + n;
			break;
		}
		p->note_line0 = 0;
		rndr_text_shed(p, &note->label);
		rndr_text_shed(p, &note->text);
	}
	memmove(p->pending, p->pending + i, (p->npending - i) *
	    sizeof(*p->pending));
	p->npending -= i;
}

/* Writes the protective marking of a restricted paper at the head of
 * the current page, centred in the top margin, as furniture. */
static void
rndr_paint_marking(struct rndr *p)
{
	struct rndr_text	 t;

	rndr_text_make(p, &t, NULL, DOC_MARKING, 0, PDF_FOOT_PT, 1,
	    PANGO_ALIGN_LEFT);
	rndr_art_begin(p);
	rndr_paint_lines(p, &t, 0, t.nlines, (PDF_PAGE_W -
	    rndr_text_width(&t)) / 2, PDF_FOOTER - t.lines[0].baseline, 0);
	rndr_art_end(p);
	rndr_text_clear(&t);
}

/* Writes the running footer of the current page, as furniture. */
static void
rndr_paint_footer(struct rndr *p)
{
	struct rndr_text	 t;
	char		*s;

	s = xasprintf("Page %d of %d", p->page + 1, p->lay.npages);
	rndr_text_make(p, &t, NULL, s, 0, PDF_FOOT_PT, 0, PANGO_ALIGN_LEFT);
	free(s);
	rndr_art_begin(p);
	cairo_save(p->cr);
	cairo_set_source_rgb(p->cr, PDF_GREY_R, PDF_GREY_G, PDF_GREY_B);
	rndr_paint_lines(p, &t, 0, t.nlines, (PDF_PAGE_W -
	    rndr_text_width(&t)) / 2, PDF_PAGE_H - PDF_FOOTER -
	    t.lines[0].baseline, 0);
	cairo_restore(p->cr);
	rndr_art_end(p);
	rndr_text_clear(&t);
	if (p->doc->meta.restricted)
		rndr_paint_marking(p);
}

/* Adds an outline entry for heading block b painted at y on the current
 * page. */
static void
rndr_outline(struct rndr *p, const struct rndr_block *b, double y)
{
	char	*name, *attr;
	int	 level = b->node->as.heading.level, parent, id;

	name = doc_node_plain(b->node);
	attr = xasprintf("page=%d pos=[%.2f %.2f]", p->page + 1, PDF_LEFT,
	    y);
	parent = CAIRO_PDF_OUTLINE_ROOT;
	if (level >= 3 && p->outline_h2 > 0)
		parent = p->outline_h2;
	id = cairo_pdf_surface_add_outline(p->surface, parent, name, attr,
	    level <= 2 ? CAIRO_PDF_OUTLINE_FLAG_OPEN : 0);
	if (level == 2)
		p->outline_h2 = id;
	if (level == 1)
		p->outline_h1 = id;
	free(attr);
	free(name);
}

/* Strokes a horizontal rule of width w points from x to x + len at y,
 * as furniture. */
static void
rndr_rule(struct rndr *p, double x, double y, double len, double w)
{
	rndr_art_begin(p);
	cairo_set_line_width(p->cr, w);
	cairo_move_to(p->cr, x, y);
	cairo_line_to(p->cr, x + len, y);
	cairo_stroke(p->cr);
	rndr_art_end(p);
}

/*
 * Paints a table's slices [first, first + count) (rows, or the slices of
 * a row taller than a page: rndr_slice_rows()) with top at y: heavy
 * rules above the header and below it and at the foot of the table,
 * light ones between body rows and where the table breaks across pages.
 * Cells of header rows are TH (the post-pass gives them column scope),
 * and so is the first cell of each body row of a table with a header
 * (row scope).  A slice is a row of the structure; a row's slices are
 * rows in turn, its cells' lines continuing in order.
 */
static void
rndr_paint_table(struct rndr *p, const struct rndr_block *b, int first,
    int count, double y, double lead, int art)
{
	const struct rndr_table	*t = b->table;
	double			 x, cx, ry = y, w = b->width, below, e;
	int			 k, r, c, cf, cc;

	x = PDF_LEFT + b->x;
	cairo_save(p->cr);
	rndr_rule(p, x, ry, w, first == 0 || t->header[t->srow[first]] ?
	    1.2 : 0.5);
	for (k = first; k < first + count; k++) {
		r = t->srow[k];
		/* A justified page's rows stand further apart (lead
		 * between the rows of the run, shared out over them, the
		 * text in the middle); the same row's slices do not. */
		e = k + 1 == first + count || t->srow[k + 1] != r ?
		    lead * (count - 1) / count : 0;
		if (!art)
			cairo_tag_begin(p->cr, RNDR_ROLE(DOC_ROLE_TR), NULL);
		cx = x;
		for (c = 0; c < t->ncols; c++) {
			const struct rndr_text *ct = &t->cells[r * t->ncols + c];
			const char *tag = RNDR_ROLE(t->role[r * t->ncols +
			    c]);

			cf = t->sfirst[k * t->ncols + c];
			cc = t->scount[k * t->ncols + c];
			if (!art)
				cairo_tag_begin(p->cr, tag, NULL);
			rndr_paint_lines(p, ct, cf, cc, cx + PDF_CELL_PADX,
			    ry + PDF_CELL_PADY + e / 2, !art && ct->nrefs > 0);
			if (!art)
				cairo_tag_end(p->cr, tag);
			cx += t->colw[c];
		}
		if (!art)
			cairo_tag_end(p->cr, RNDR_ROLE(DOC_ROLE_TR));
		ry += b->lines[k] + e;
		if (k + 1 == t->nslices)
			below = 1.2;
		else if (t->srow[k + 1] == r && k + 1 < first + count)
			continue;	/* the same row goes on */
		else if (t->header[r] && !t->header[t->srow[k + 1]])
			below = 1.2;
		else
			below = k + 1 == first + count ? 0.5 : 0.4;
		rndr_rule(p, x, ry, w, below);
	}
	cairo_restore(p->cr);
}

/* Paints the box of aside b behind fragment f's lines, from y down, as
 * furniture. */
static void
rndr_paint_box(struct rndr *p, const struct rndr_block *b,
    const struct lay_frag *f, double y)
{
	double	 h = 0;
	int	 i;

	for (i = f->first; i < f->first + f->count; i++)
		h += b->lines[i];
	rndr_art_begin(p);
	cairo_save(p->cr);
	cairo_set_source_rgb(p->cr, 0.93, 0.93, 0.93);
	cairo_rectangle(p->cr, PDF_LEFT, y, PDF_BODY_W, h);
	cairo_fill(p->cr);
	cairo_set_source_rgb(p->cr, 0.35, 0.35, 0.35);
	cairo_rectangle(p->cr, PDF_LEFT, y, 4, h);
	cairo_fill(p->cr);
	cairo_restore(p->cr);
	rndr_art_end(p);
}

/* Marks a link destination named name at y on the page. */
static void
rndr_dest(struct rndr *p, const char *name, double y)
{
	char	*attr;

	attr = xasprintf("name='%s' x=%.2f y=%.2f", name, PDF_LEFT, y);
	cairo_tag_begin(p->cr, CAIRO_TAG_DEST, attr);
	cairo_tag_end(p->cr, CAIRO_TAG_DEST);
	free(attr);
}

/*
 * Marks the link destinations at the top y of block b: a chart's or tile
 * map's "figN", its alt text queued for the post-pass, and the target of
 * {ref:label} (a caption, or a chart's caption, or the chart when it has
 * none).
 */
static void
rndr_frag_dests(struct rndr *p, const struct rndr_block *b, double y)
{
	const struct doc_node	*n = b->node;
	char			 dest[32];

	if (b->kind == PDF_CHART || b->kind == PDF_TILEMAP) {
		p->alts = xreallocarray(p->alts, p->nalts + 1,
		    sizeof(*p->alts));
		p->alts[p->nalts++] = xstrdup(b->kind == PDF_CHART ?
		    b->chart->data->alt : n->as.tilemap.data->alt);
		snprintf(dest, sizeof(dest), "fig%zu", p->nalts);
		rndr_dest(p, dest, y);
	}
	if ((n->type == DOC_CAPTION || ((n->type == DOC_CHART ||
	    n->type == DOC_TILEMAP) && (b->kind == PDF_TEXT ||
	    n->first_child == NULL))) && doc_number(n) > 0) {
		doc_anchor(n, dest, sizeof(dest));
		rndr_dest(p, dest, y);
	}
}

/*
 * Opens the element of block b (index k) as its first fragment is painted
 * at y: its destinations, its rank among the Caption and Figure elements
 * (a float to be lifted noted), its tag, and a heading's outline entry.
 */
static void
rndr_frag_open(struct rndr *p, const struct rndr_block *b, size_t k,
    double y)
{
	const struct doc_node	*n = b->node;

	rndr_frag_dests(p, b, y);
	if (strcmp(b->tag, "Caption") == 0 || strcmp(b->tag, "Figure") == 0) {
		/* A chart (or its caption) floated to the top of a page
		 * inside a list or paragraph that runs on: the post-pass
		 * takes it out to the Document level, at its rank. */
		if (p->open > 0 && (n->type == DOC_CHART ||
		    n->type == DOC_TILEMAP)) {
			p->lift_index = xreallocarray(p->lift_index,
			    p->nlifts + 1, sizeof(*p->lift_index));
			p->lift_key = xreallocarray(p->lift_key,
			    p->nlifts + 1, sizeof(*p->lift_key));
			p->lift_index[p->nlifts] = (long)p->ncapfig;
			p->lift_key[p->nlifts++] = (long)k;
		}
		p->ncapfig++;
	}
	rndr_order(p, (long)k);
	p->open++;
	cairo_tag_begin(p->cr, b->tag, NULL);
	if (n->type == DOC_HEADING)
		rndr_outline(p, b, y);
}

/*
 * Paints fragment f of text block b at y: a list item's label and body
 * element, a sign-off's lines each a paragraph, else the lines; notes
 * says to paint the page's queued footnotes after them.
 */
static void
rndr_paint_text_frag(struct rndr *p, const struct rndr_block *b,
    const struct lay_frag *f, double y, int notes)
{
	const struct doc_node	*n = b->node;
	int			 first = f->first == 0;
	int			 last = f->first + f->count == b->lay.nlines;
	const char		*inner = RNDR_ROLE(doc_type_roles[n->type].inner);
	double			 x = PDF_LEFT + b->x;
	int			 i;

	if (b->boxed && first)
		y += b->pad;
	if (first && b->label.layout != NULL) {
		cairo_tag_begin(p->cr, "Lbl", NULL);
		rndr_paint_lines(p, &b->label, 0, 1, PDF_LEFT, y +
		    b->text.lines[0].baseline - b->label.lines[0].baseline, 0);
		cairo_tag_end(p->cr, "Lbl");
	}
	if (first && n->type == DOC_ITEM)
		cairo_tag_begin(p->cr, RNDR_ROLE(doc_type_roles[
		    DOC_ITEM].inner), NULL);
	if (n->type == DOC_SIGNOFF) {
		/* Names on lines of their own are paragraphs of their own,
		 * so that they do not run together. */
		for (i = f->first; i < f->first + f->count; i++) {
			cairo_tag_begin(p->cr, inner, NULL);
			rndr_paint_lines(p, &b->text, i, 1, x, y +
			    b->text.lines[i].top -
			    b->text.lines[f->first].top, 0);
			cairo_tag_end(p->cr, inner);
		}
	} else
		rndr_paint_lines(p, &b->text, f->first, f->count, x, y,
		    b->spans);
	if (notes)
		rndr_paint_notes(p);
	if (last && n->type == DOC_ITEM)
		cairo_tag_end(p->cr, RNDR_ROLE(doc_type_roles[
		    DOC_ITEM].inner));
}

/* Paints fragment f (a run of block f->block's lines); notes says to
 * paint the page's queued footnotes inside the block, before its
 * element closes. */
static void
rndr_paint_frag(struct rndr *p, const struct lay_frag *f, int notes)
{
	const struct rndr_block	*b = &p->blocks[f->block];
	const struct doc_node	*n = b->node;
	int			 first = f->first == 0;
	int			 last = f->first + f->count == b->lay.nlines;
	double			 y = PDF_TOP + f->y;
	int			 i;

	/* The box of an aside, furniture behind its text. */
	if (b->boxed)
		rndr_paint_box(p, b, f, y);
	/* A list opens before its first item and closes after its last. */
	if (first && n->type == DOC_ITEM && n->prev == NULL) {
		rndr_order(p, (long)f->block);
		p->open++;
		cairo_tag_begin(p->cr, RNDR_ROLE(doc_node_role(n->parent)),
		    NULL);
	}
	if (first)
		rndr_frag_open(p, b, f->block, y);
	if (b->kind == PDF_TABLE) {
		if (f->head > 0) {
			/* The header rows again, as page furniture: the
			 * structure has them once (issue 13.10). */
			rndr_art_begin(p);
			rndr_paint_table(p, b, 0, f->head, y, 0, 1);
			rndr_art_end(p);
			for (i = 0; i < f->head; i++)
				y += b->lines[i];
		}
		rndr_paint_table(p, b, f->first, f->count, y, f->lead, 0);
	} else if (b->kind == PDF_CHART)
		rndr_paint_chart(p, b, y);
	else if (b->kind == PDF_TILEMAP)
		rndr_paint_tilemap(p, b, y);
	else
		rndr_paint_text_frag(p, b, f, y, notes);
	if (last) {
		cairo_tag_end(p->cr, b->tag);
		p->open--;
	}
	if (last && n->type == DOC_ITEM && n->next == NULL) {
		cairo_tag_end(p->cr, RNDR_ROLE(doc_node_role(n->parent)));
		p->open--;
	}
}

/*
 * Decides how each block is tagged and where each page's footnotes go.
 * A page's footnotes are painted after its last fragment: at the
 * Document level when that fragment ends its block and nothing stays
 * open, else inside the open element (a paragraph or list item that
 * runs on, or the last item of a list that runs on), whose text then
 * goes in spans.  Sets b->spans for every block, and notes_in[i] to 1
 * for the fragments the notes go inside.
 */
static void
rndr_plan_tags(struct rndr *p, int *notes_in)
{
	const struct lay_frag	*f;
	struct rndr_block	*b;
	size_t			 i, k;
	int			 nfrags;

	/* Fragments come in flow order: a block's are consecutive (issue
	 * 13.14: no scan of them all a block). */
	for (k = 0, i = 0; k < p->nblocks; k++) {
		b = &p->blocks[k];
		while (i < p->lay.nfrags && p->lay.frags[i].block < k)
			i++;
		for (nfrags = 0; i + nfrags < p->lay.nfrags &&
		    p->lay.frags[i + nfrags].block == k; nfrags++)
			continue;
		/* Furniture falls inside a block that crosses a page. */
		b->spans = b->text.nrefs > 0 || nfrags > 1;
	}
	for (i = 0; i < p->lay.nfrags; i++) {
		f = &p->lay.frags[i];
		notes_in[i] = 0;
		if (i + 1 < p->lay.nfrags && p->lay.frags[i + 1].page ==
		    f->page)
			continue;
		if (p->lay.notes[f->page] <= 0)
			continue;
		b = &p->blocks[f->block];
		if (b->kind == PDF_TEXT && b->node->type == DOC_ITEM &&
		    b->node->next != NULL) {
			b->spans = 1;
			notes_in[i] = 1;
		}
	}
}

/* Ends the current page: its footnotes (unless painted), its footer. */
static cairo_status_t
rndr_end_page(struct rndr *p)
{
	rndr_paint_notes(p);
	rndr_paint_footer(p);
	cairo_show_page(p->cr);
	return cairo_status(p->cr);
}

/* Paints every page.  Returns the cairo status. */
cairo_status_t
rndr_paint(struct rndr *p)
{
	size_t		 i;
	int		*notes_in;
	cairo_status_t	 st = CAIRO_STATUS_SUCCESS;

	notes_in = xcalloc(p->lay.nfrags + 1, sizeof(*notes_in));
	rndr_plan_tags(p, notes_in);
	p->page = 0;
	cairo_set_source_rgb(p->cr, PDF_INK, PDF_INK, PDF_INK);
	cairo_tag_begin(p->cr, RNDR_ROLE(doc_node_role(p->doc->root)), NULL);
	for (i = 0; i < p->lay.nfrags; i++) {
		while (p->lay.frags[i].page > p->page) {
			if ((st = rndr_end_page(p)) != CAIRO_STATUS_SUCCESS)
				goto out;
			p->page++;
		}
		rndr_paint_frag(p, &p->lay.frags[i], notes_in[i]);
		rndr_block_shed(p, &p->blocks[p->lay.frags[i].block],
		    p->lay.frags[i].first, p->lay.frags[i].count);
	}
	/* Pages of footnotes continued after the last text. */
	while (p->page + 1 < p->lay.npages) {
		if ((st = rndr_end_page(p)) != CAIRO_STATUS_SUCCESS)
			goto out;
		p->page++;
	}
	rndr_paint_notes(p);
	cairo_tag_end(p->cr, RNDR_ROLE(doc_node_role(p->doc->root)));
	rndr_paint_footer(p);
	cairo_show_page(p->cr);
	st = cairo_status(p->cr);
	/* Never silently lost: the page breaker leaves room for every
	 * footnote line (render_layout.c). */
	if (p->npending > 0 && p->d != NULL) {
		diag_error(p->d, p->doc->file, p->pending[0]->def->line,
		    p->pending[0]->def->col, "footnote %d does not fit on "
		    "the pages", p->pending[0]->def->as.footnote.number);
		p->nrefused++;
	}
out:
	free(notes_in);
	return st;
}

/*
 * render_pdf.c: the typesetter of scrpaper.  Parses and fills the
 * template, measures every block with pango (fonts from the project's
 * fonts folder only, through a private fontconfig configuration), breaks
 * the pages with render_layout.c and paints them with cairo onto A4 PDF
 * pages: title block, headings with outline entries, paragraphs, lists
 * with hanging indents, ruled tables, footnotes at the foot of the page
 * that refers to them, a running footer, structure tags and metadata.
 * The PDF is written to a temporary file beside the target and renamed
 * into place only when complete.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>
#include <dirent.h>
#include <strings.h>

#include <cairo.h>
#include <cairo-pdf.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>

#include "util.h"
#include "diag.h"
#include "case.h"
#include "fig.h"
#include "doc.h"
#include "render.h"
#include "render_layout.h"

/* Page geometry, in points (1/72 inch): A4 with 2.5 cm side margins. */
#define PDF_PAGE_W	595.276
#define PDF_PAGE_H	841.890
#define PDF_LEFT	70.866	/* 2.5 cm */
#define PDF_RIGHT	70.866
#define PDF_TOP		70.866
#define PDF_BOTTOM	85.0	/* body bottom above the footer */
#define PDF_FOOTER	42.0	/* footer baseline above the page foot */
#define PDF_BODY_W	(PDF_PAGE_W - PDF_LEFT - PDF_RIGHT)
#define PDF_BODY_H	(PDF_PAGE_H - PDF_TOP - PDF_BOTTOM)

#define PDF_FAMILY	"Open Sans"
#define PDF_BODY_PT	12.0	/* body text; GOV.UK asks for 12 pt or more */
#define PDF_NOTE_PT	10.0	/* footnotes */
#define PDF_FOOT_PT	10.0	/* running footer */
#define PDF_SPACING	1.12	/* line height as a multiple of the font's */
#define PDF_HEAD_SPACING 1.0	/* the same for headings */
#define PDF_INDENT	20.0	/* hanging indent of bullets */
#define PDF_NUM_INDENT	26.0	/* hanging indent of numbered items */
#define PDF_NOTE_INDENT	14.0	/* hanging indent of footnotes */
#define PDF_CELL_PADX	8.0	/* table cell padding, left and right */
#define PDF_CELL_PADY	5.0	/* table cell padding, top and bottom */
#define PDF_ASIDE_PAD	10.0	/* padding inside an aside box */
#define PDF_NOTE_SEP	16.0	/* room for the rule above footnotes */
#define PDF_NOTE_GAP	3.0	/* space between footnotes */

/* What a block is. */
enum pdf_kind {
	PDF_TEXT,	/* a laid out run of text (paragraph, heading, item) */
	PDF_TABLE,
	PDF_KIND__MAX
};

/* One line of a layout, in points from the layout's top. */
struct pdf_line {
	double	 top;		/* top of the line */
	double	 height;	/* to the next line's top */
	double	 baseline;	/* from the line's top to its baseline */
	double	 x;		/* left of the line's ink box */
};

/* A footnote marker in a layout. */
struct pdf_ref {
	int			 index;	/* byte index of the marker */
	int			 len;	/* bytes of the marker */
	int			 line;	/* layout line it falls on */
	const struct doc_node	*def;	/* its footnote */
	int			 first;	/* 1 if the footnote's first mention */
};

/* A laid out piece of inline content. */
struct pdf_text {
	PangoLayout	*layout;
	struct pdf_line	*lines;
	int		 nlines;
	double		 height;	/* whole layout */
	struct pdf_ref	*refs;
	size_t		 nrefs;
};

struct pdf_table {
	int		 ncols;
	int		 nrows;
	double		*colw;		/* column widths, padding included */
	double		*rowh;		/* row heights, padding included */
	struct pdf_text	*cells;		/* nrows * ncols */
	int		*header;	/* 1 for header rows */
	int		*align;		/* enum doc_align per column */
};

/* One block of the flow, measured. */
struct pdf_block {
	enum pdf_kind		 kind;
	const struct doc_node	*node;
	double			 x;	/* text left, from the body's left */
	double			 width;	/* text width */
	struct pdf_text		 text;	/* PDF_TEXT */
	struct pdf_text		 label;	/* bullet or number, or no layout */
	struct pdf_table	*table;	/* PDF_TABLE */
	const char		*tag;	/* structure tag */
	int			 boxed;	/* draw as an aside box */
	double			 pad;	/* space above and below the text
					   inside the block (asides) */
	struct lay_block	 lay;	/* what the page breaker sees */
	double			*lines;	/* lay.lines */
	double			*notes;	/* lay.notes */
};

/* A measured footnote. */
struct pdf_note {
	const struct doc_node	*def;
	struct pdf_text		 text;
	struct pdf_text		 label;
	double			 height;	/* with the gap after it */
};

/* The fonts and the pango context they are measured with. */
struct pdf_fonts {
	FcConfig	*config;
	PangoFontMap	*map;
	PangoContext	*ctx;
};

/* Everything the typesetter holds for one document. */
struct pdf {
	const struct doc	*doc;
	struct pdf_fonts	*fonts;
	struct pdf_block	*blocks;
	size_t			 nblocks;
	struct pdf_note		*notes;
	size_t			 nnotes;
	struct lay_result	 lay;
	cairo_surface_t		*surface;
	cairo_t			*cr;
	int			 outline_h2;	/* last level-2 outline id */
	int			 outline_h1;	/* title outline id */
	int			 notes_painted;	/* on the current page */
	double			 note_y;	/* next footnote's top */
	int			 page;		/* 0-based page being painted */
};

/* A writer for the PDF stream that remembers the first error. */
struct pdf_writer {
	FILE	*f;
	int	 err;		/* errno of the first failure, 0 if none */
};

/* ------------------------------------------------------------------ */
/* Fonts */

static int
pdf_font_file_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * Adds every TrueType or OpenType file in dir to config, in name order.
 * Files are added one by one (not the folder) so that fontconfig writes
 * no cache.  Returns 1 on success, 0 if dir cannot be read (reported).
 */
static int
pdf_fonts_add(FcConfig *config, const char *dir, struct diag *d)
{
	DIR		*dp;
	struct dirent	*de;
	char		**names = NULL, *path;
	size_t		 n = 0, i, len;
	int		 ok = 1;

	if ((dp = opendir(dir)) == NULL) {
		diag_error(d, dir, 0, 0, "cannot read the fonts folder: %s",
		    strerror(errno));
		return 0;
	}
	while ((de = readdir(dp)) != NULL) {
		len = strlen(de->d_name);
		if (len < 5 || (strcasecmp(de->d_name + len - 4, ".ttf") != 0 &&
		    strcasecmp(de->d_name + len - 4, ".otf") != 0))
			continue;
		names = xreallocarray(names, n + 1, sizeof(*names));
		names[n++] = xstrdup(de->d_name);
	}
	closedir(dp);
	if (n > 0)
		qsort(names, n, sizeof(*names), pdf_font_file_cmp);
	for (i = 0; i < n; i++) {
		path = xasprintf("%s/%s", dir, names[i]);
		if (!FcConfigAppFontAddFile(config, (const FcChar8 *)path)) {
			diag_error(d, path, 0, 0, "cannot load font");
			ok = 0;
		}
		free(path);
		free(names[i]);
	}
	free(names);
	return ok;
}

/*
 * Loads the typefaces in dir, and only those, into a private fontconfig
 * configuration and a pango font map using it.  Returns the fonts (free
 * with pdf_fonts_free()) or NULL when a face is missing (reported to d).
 */
static struct pdf_fonts *
pdf_fonts_new(const char *dir, struct diag *d)
{
	struct pdf_fonts	*f;
	FcPattern		*pat;
	FcObjectSet		*os;
	FcFontSet		*fs;
	cairo_font_options_t	*fo;
	int			 i, weight, regular = 0, bold = 0;

	f = xcalloc(1, sizeof(*f));
	if ((f->config = FcConfigCreate()) == NULL) {
		diag_error(d, dir, 0, 0, "cannot set up fontconfig");
		free(f);
		return NULL;
	}
	if (!pdf_fonts_add(f->config, dir, d)) {
		FcConfigDestroy(f->config);
		free(f);
		return NULL;
	}
	pat = FcPatternBuild(NULL, FC_FAMILY, FcTypeString, PDF_FAMILY,
	    (char *)NULL);
	os = FcObjectSetBuild(FC_WEIGHT, FC_SLANT, (char *)NULL);
	fs = FcFontList(f->config, pat, os);
	for (i = 0; fs != NULL && i < fs->nfont; i++) {
		if (FcPatternGetInteger(fs->fonts[i], FC_WEIGHT, 0,
		    &weight) != FcResultMatch)
			continue;
		if (weight == FC_WEIGHT_REGULAR)
			regular = 1;
		else if (weight == FC_WEIGHT_BOLD)
			bold = 1;
	}
	if (fs != NULL)
		FcFontSetDestroy(fs);
	FcObjectSetDestroy(os);
	FcPatternDestroy(pat);
	if (!regular || !bold) {
		diag_error(d, dir, 0, 0, "font %s %s is missing (the paper "
		    "needs OpenSans-Regular.ttf and OpenSans-Bold.ttf in "
		    "this folder)", PDF_FAMILY, regular ? "Bold" :
		    "Regular");
		FcConfigDestroy(f->config);
		free(f);
		return NULL;
	}

	f->map = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT);
	if (f->map == NULL) {
		diag_error(d, dir, 0, 0, "cairo has no FreeType font support");
		FcConfigDestroy(f->config);
		free(f);
		return NULL;
	}
	pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(f->map), f->config);
	pango_cairo_font_map_set_resolution(PANGO_CAIRO_FONT_MAP(f->map),
	    72.0);
	f->ctx = pango_font_map_create_context(f->map);
	/* Outlines unhinted and metrics unrounded: a PDF is scaled. */
	fo = cairo_font_options_create();
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_antialias(fo, CAIRO_ANTIALIAS_GRAY);
	pango_cairo_context_set_font_options(f->ctx, fo);
	cairo_font_options_destroy(fo);
	pango_context_set_round_glyph_positions(f->ctx, FALSE);
	pango_context_set_base_dir(f->ctx, PANGO_DIRECTION_LTR);
	pango_context_set_language(f->ctx,
	    pango_language_from_string("en-gb"));
	return f;
}

/* Frees f; accepts NULL. */
static void
pdf_fonts_free(struct pdf_fonts *f)
{
	if (f == NULL)
		return;
	if (f->ctx != NULL)
		g_object_unref(f->ctx);
	if (f->map != NULL) {
		/* Drops the fonts the map caches, which refer back to it. */
		pango_fc_font_map_shutdown(PANGO_FC_FONT_MAP(f->map));
		g_object_unref(f->map);
	}
	if (f->config != NULL)
		FcConfigDestroy(f->config);
	free(f);
}

/*
 * The fonts last loaded, kept for the life of the process: a run that
 * typesets several papers loads them once, and pango's font threads may
 * still hold the configuration after the last paper.
 */
static struct pdf_fonts	*pdf_fonts_cache;
static char		*pdf_fonts_cache_dir;

/* Returns the fonts of dir, loading them on first use (owned by the
 * cache: do not free), or NULL when they cannot be loaded (reported). */
static struct pdf_fonts *
pdf_fonts_get(const char *dir, struct diag *d)
{
	struct pdf_fonts	*f;

	if (pdf_fonts_cache != NULL && strcmp(pdf_fonts_cache_dir, dir) == 0)
		return pdf_fonts_cache;
	if ((f = pdf_fonts_new(dir, d)) == NULL)
		return NULL;
	pdf_fonts_free(pdf_fonts_cache);
	free(pdf_fonts_cache_dir);
	pdf_fonts_cache = f;
	pdf_fonts_cache_dir = xstrdup(dir);
	return f;
}

/* Returns a new font description; free with
 * pango_font_description_free(). */
static PangoFontDescription *
pdf_font(double size, int bold)
{
	PangoFontDescription	*fd;

	fd = pango_font_description_new();
	pango_font_description_set_family(fd, PDF_FAMILY);
	pango_font_description_set_weight(fd, bold ? PANGO_WEIGHT_BOLD :
	    PANGO_WEIGHT_NORMAL);
	pango_font_description_set_style(fd, PANGO_STYLE_NORMAL);
	pango_font_description_set_size(fd, (int)(size * PANGO_SCALE));
	return fd;
}

/* ------------------------------------------------------------------ */
/* Measuring */

/* Appends the inline content under n to b, with attributes for strong
 * emphasis and footnote markers in al; records markers in t. */
static void
pdf_inline(const struct doc_node *n, struct buf *b, PangoAttrList *al,
    struct pdf_text *t, double size)
{
	const struct doc_node	*c;
	PangoAttribute		*a;
	size_t			 start;

	for (c = n->first_child; c != NULL; c = c->next) {
		start = b->len;
		switch (c->type) {
		case DOC_STRONG:
			pdf_inline(c, b, al, t, size);
			a = pango_attr_weight_new(PANGO_WEIGHT_BOLD);
			a->start_index = start;
			a->end_index = b->len;
			pango_attr_list_insert(al, a);
			break;
		case DOC_FNREF:
			if (c->text == NULL)
				break;
			buf_puts(b, c->text);
			a = pango_attr_size_new((int)(size * 0.62 *
			    PANGO_SCALE));
			a->start_index = start;
			a->end_index = b->len;
			pango_attr_list_insert(al, a);
			a = pango_attr_rise_new((int)(size * 0.38 *
			    PANGO_SCALE));
			a->start_index = start;
			a->end_index = b->len;
			pango_attr_list_insert(al, a);
			t->refs = xreallocarray(t->refs, t->nrefs + 1,
			    sizeof(*t->refs));
			t->refs[t->nrefs].index = (int)start;
			t->refs[t->nrefs].len = (int)(b->len - start);
			t->refs[t->nrefs].line = 0;
			t->refs[t->nrefs].def = c->as.fnref.def;
			t->refs[t->nrefs].first = 0;
			t->nrefs++;
			break;
		default:
			if (c->text != NULL)
				buf_puts(b, c->text);
			break;
		}
	}
}

/* Records the line metrics of t's layout. */
static void
pdf_text_lines(struct pdf_text *t)
{
	PangoLayoutIter	*it;
	PangoRectangle	 logical;
	int		 y0, y1, i, w, h;
	size_t		 r;

	t->nlines = pango_layout_get_line_count(t->layout);
	t->lines = xcalloc(t->nlines > 0 ? t->nlines : 1, sizeof(*t->lines));
	it = pango_layout_get_iter(t->layout);
	i = 0;
	do {
		pango_layout_iter_get_line_yrange(it, &y0, &y1);
		pango_layout_iter_get_line_extents(it, NULL, &logical);
		t->lines[i].top = (double)y0 / PANGO_SCALE;
		t->lines[i].height = (double)(y1 - y0) / PANGO_SCALE;
		t->lines[i].baseline = (double)(pango_layout_iter_get_baseline(
		    it) - y0) / PANGO_SCALE;
		t->lines[i].x = (double)logical.x / PANGO_SCALE;
		i++;
	} while (i < t->nlines && pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
	pango_layout_get_size(t->layout, &w, &h);
	t->height = (double)h / PANGO_SCALE;
	/* A line's height runs to the next line's top. */
	for (i = 0; i + 1 < t->nlines; i++)
		t->lines[i].height = t->lines[i + 1].top - t->lines[i].top;
	if (t->nlines > 0)
		t->lines[t->nlines - 1].height = t->height -
		    t->lines[t->nlines - 1].top;
	for (r = 0; r < t->nrefs; r++) {
		pango_layout_index_to_line_x(t->layout, t->refs[r].index, 0,
		    &i, &w);
		t->refs[r].line = i;
	}
}

/*
 * Lays out the inline content of n (or the plain string s when n is
 * NULL) at width (points; <= 0 for no wrapping) in a font of size,
 * bold or not.  Fills t; release with pdf_text_clear().
 */
static void
pdf_text_make(struct pdf *p, struct pdf_text *t, const struct doc_node *n,
    const char *s, double width, double size, int bold,
    PangoAlignment align)
{
	PangoFontDescription	*fd;
	PangoAttrList		*al;
	struct buf		 b;

	memset(t, 0, sizeof(*t));
	buf_init(&b);
	al = pango_attr_list_new();
	if (n != NULL)
		pdf_inline(n, &b, al, t, size);
	else
		buf_puts(&b, s);
	pango_attr_list_insert(al, pango_attr_insert_hyphens_new(FALSE));
	t->layout = pango_layout_new(p->fonts->ctx);
	fd = pdf_font(size, bold);
	pango_layout_set_font_description(t->layout, fd);
	pango_font_description_free(fd);
	pango_layout_set_line_spacing(t->layout, PDF_SPACING);
	if (width > 0) {
		pango_layout_set_width(t->layout,
		    (int)(width * PANGO_SCALE));
		pango_layout_set_wrap(t->layout, PANGO_WRAP_WORD_CHAR);
	}
	pango_layout_set_alignment(t->layout, align);
	pango_layout_set_text(t->layout, b.data, (int)b.len);
	pango_layout_set_attributes(t->layout, al);
	pango_attr_list_unref(al);
	buf_clear(&b);
	pdf_text_lines(t);
}

/* Sets t's line spacing (a multiple of the font's line height) and
 * measures its lines again. */
static void
pdf_text_respace(struct pdf_text *t, double spacing)
{
	pango_layout_set_line_spacing(t->layout, spacing);
	free(t->lines);
	t->lines = NULL;
	pdf_text_lines(t);
}

/* Releases t's layout and measurements; t may be all zero. */
static void
pdf_text_clear(struct pdf_text *t)
{
	if (t->layout != NULL)
		g_object_unref(t->layout);
	free(t->lines);
	free(t->refs);
	memset(t, 0, sizeof(*t));
}

/* Returns the natural width of t's layout, unwrapped, in points. */
static double
pdf_text_width(const struct pdf_text *t)
{
	PangoRectangle	 logical;

	pango_layout_get_extents(t->layout, NULL, &logical);
	return (double)logical.width / PANGO_SCALE;
}

/* Returns the measured footnote for def, or NULL. */
static struct pdf_note *
pdf_note_find(struct pdf *p, const struct doc_node *def)
{
	size_t	 i;

	for (i = 0; i < p->nnotes; i++)
		if (p->notes[i].def == def)
			return &p->notes[i];
	return NULL;
}

/* Measures every footnote of the document, in number order. */
static void
pdf_measure_notes(struct pdf *p)
{
	struct doc_node	*n;
	struct pdf_note	*note;
	char		 num[16];

	for (n = p->doc->root->first_child; n != NULL; n = n->next) {
		if (n->type != DOC_FOOTNOTE || n->as.footnote.number == 0)
			continue;
		p->notes = xreallocarray(p->notes, p->nnotes + 1,
		    sizeof(*p->notes));
		note = &p->notes[p->nnotes++];
		memset(note, 0, sizeof(*note));
		note->def = n;
		snprintf(num, sizeof(num), "%d", n->as.footnote.number);
		pdf_text_make(p, &note->label, NULL, num, 0, PDF_NOTE_PT, 0,
		    PANGO_ALIGN_LEFT);
		pdf_text_make(p, &note->text, n, NULL,
		    PDF_BODY_W - PDF_NOTE_INDENT, PDF_NOTE_PT, 0,
		    PANGO_ALIGN_LEFT);
		note->height = note->text.height + PDF_NOTE_GAP;
	}
}

/* Marks which markers are their footnote's first mention and adds the
 * footnote heights to notes[] by line. */
static void
pdf_note_lines(struct pdf *p, struct pdf_text *t, double *notes, int line0,
    int per_row)
{
	struct pdf_note	*note;
	size_t		 r, k;
	int		 seen;

	for (r = 0; r < t->nrefs; r++) {
		if (t->refs[r].def == NULL ||
		    (note = pdf_note_find(p, t->refs[r].def)) == NULL)
			continue;
		seen = 0;
		/* Earlier blocks, and earlier markers of this text. */
		for (k = 0; k < p->nblocks && !seen; k++) {
			const struct pdf_block *b = &p->blocks[k];
			size_t m;

			if (b->kind == PDF_TEXT)
				for (m = 0; m < b->text.nrefs; m++)
					if (b->text.refs[m].def ==
					    t->refs[r].def &&
					    b->text.refs[m].first)
						seen = 1;
			if (b->kind == PDF_TABLE) {
				int c;

				for (c = 0; c < b->table->nrows *
				    b->table->ncols; c++)
					for (m = 0; m < b->table->cells[c].
					    nrefs; m++)
						if (b->table->cells[c].
						    refs[m].def ==
						    t->refs[r].def &&
						    b->table->cells[c].
						    refs[m].first)
							seen = 1;
			}
		}
		for (k = 0; k < r && !seen; k++)
			if (t->refs[k].def == t->refs[r].def)
				seen = 1;
		if (seen)
			continue;
		t->refs[r].first = 1;
		notes[per_row ? line0 : line0 + t->refs[r].line] +=
		    note->height;
	}
}

/* Returns a new block appended to p's flow. */
static struct pdf_block *
pdf_block_new(struct pdf *p, enum pdf_kind kind, const struct doc_node *n)
{
	struct pdf_block	*b;

	p->blocks = xreallocarray(p->blocks, p->nblocks + 1,
	    sizeof(*p->blocks));
	b = &p->blocks[p->nblocks++];
	memset(b, 0, sizeof(*b));
	b->kind = kind;
	b->node = n;
	b->width = PDF_BODY_W;
	return b;
}

/* Fills the page breaker's view of a text block. */
static void
pdf_block_lay_text(struct pdf *p, struct pdf_block *b, int split)
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
	pdf_note_lines(p, &b->text, b->notes, 0, 0);
	b->lay.lines = b->lines;
	b->lay.notes = b->notes;
	b->lay.nlines = n;
	b->lay.split = split;
}

/* Heading sizes by level, in points. */
static double
pdf_heading_size(int level)
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

static const char *const pdf_heading_tags[] = { "H1", "H2", "H3", "H4" };

/* Returns 1 if paragraph n ends with a colon (it leads into a list). */
static int
pdf_leads_in(const struct doc_node *n)
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

/*
 * Measures table block b: chooses column widths from the cells' natural
 * and narrowest widths, lays each cell out at its column's width (numeric
 * columns right-aligned) and gives the page breaker one line per row.
 */
static void
pdf_measure_table(struct pdf *p, struct pdf_block *b)
{
	const struct doc_node	*row, *cell;
	struct pdf_table	*t;
	double			*nat, *min, w, tw;
	int			 r, c;
	PangoLayoutIter		*it;
	PangoRectangle		 ink, logical;

	t = b->table = xcalloc(1, sizeof(*t));
	t->ncols = b->node->as.table.ncols;
	for (row = b->node->first_child; row != NULL; row = row->next)
		t->nrows++;
	t->colw = xcalloc(t->ncols, sizeof(double));
	t->rowh = xcalloc(t->nrows, sizeof(double));
	t->cells = xcalloc((size_t)t->nrows * t->ncols, sizeof(*t->cells));
	t->header = xcalloc(t->nrows, sizeof(int));
	t->align = xcalloc(t->ncols, sizeof(int));
	nat = xcalloc(t->ncols, sizeof(double));
	min = xcalloc(t->ncols, sizeof(double));

	/* Natural and minimum widths, from unwrapped layouts. */
	for (r = 0, row = b->node->first_child; row != NULL;
	    row = row->next, r++) {
		t->header[r] = row->as.row.header;
		for (c = 0, cell = row->first_child; cell != NULL &&
		    c < t->ncols; cell = cell->next, c++) {
			struct pdf_text *ct = &t->cells[r * t->ncols + c];

			pdf_text_make(p, ct, cell, NULL, 0, PDF_BODY_PT,
			    cell->as.cell.header, PANGO_ALIGN_LEFT);
			w = pdf_text_width(ct) + 2 * PDF_CELL_PADX;
			if (w > nat[c])
				nat[c] = w;
			/* The widest word: lay out at a tiny width. */
			pango_layout_set_width(ct->layout, 1);
			pango_layout_set_wrap(ct->layout, PANGO_WRAP_WORD);
			it = pango_layout_get_iter(ct->layout);
			do {
				pango_layout_iter_get_line_extents(it, &ink,
				    &logical);
				w = (double)logical.width / PANGO_SCALE +
				    2 * PDF_CELL_PADX;
				if (w > min[c])
					min[c] = w;
			} while (pango_layout_iter_next_line(it));
			pango_layout_iter_free(it);
			if (cell->as.cell.align == DOC_ALIGN_RIGHT)
				t->align[c] = DOC_ALIGN_RIGHT;
		}
	}
	lay_columns(nat, min, t->ncols, PDF_BODY_W, t->colw);

	/* Lay out each cell at its column's width. */
	b->lines = xcalloc(t->nrows, sizeof(double));
	b->notes = xcalloc(t->nrows, sizeof(double));
	tw = 0;
	for (c = 0; c < t->ncols; c++)
		tw += t->colw[c];
	for (r = 0; r < t->nrows; r++) {
		for (c = 0; c < t->ncols; c++) {
			struct pdf_text *ct = &t->cells[r * t->ncols + c];

			pango_layout_set_width(ct->layout, (int)((t->colw[c] -
			    2 * PDF_CELL_PADX) * PANGO_SCALE) + 1);
			pango_layout_set_wrap(ct->layout,
			    PANGO_WRAP_WORD_CHAR);
			pango_layout_set_alignment(ct->layout,
			    t->align[c] == DOC_ALIGN_RIGHT ?
			    PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
			free(ct->lines);
			ct->lines = NULL;
			pdf_text_lines(ct);
			if (ct->height + 2 * PDF_CELL_PADY > t->rowh[r])
				t->rowh[r] = ct->height + 2 * PDF_CELL_PADY;
			pdf_note_lines(p, ct, b->notes, r, 1);
		}
		b->lines[r] = t->rowh[r];
	}
	b->width = tw;
	b->lay.lines = b->lines;
	b->lay.notes = b->notes;
	b->lay.nlines = t->nrows;
	b->lay.split = 0;
	free(nat);
	free(min);
}

/* Space between blocks, in points. */
#define PDF_SP_PARA	10.0
#define PDF_SP_ITEM	6.0
#define PDF_SP_TABLE	14.0

/* Returns the space in points above the block of node n after the
 * block prev (NULL at the start of the paper). */
static double
pdf_space(const struct pdf_block *prev, const struct doc_node *n)
{
	const struct doc_node	*pn;
	double			 after, before;

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
		after = pdf_leads_in(pn) ? PDF_SP_ITEM : PDF_SP_PARA;
		break;
	case DOC_TABLE:
	case DOC_ASIDE:
		after = PDF_SP_TABLE;
		break;
	default:
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
	case DOC_ASIDE:
		before = PDF_SP_TABLE;
		break;
	case DOC_SIGNOFF:
		before = 30.0;
		break;
	default:
		before = PDF_SP_PARA;
		break;
	}
	return after > before ? after : before;
}

/* Builds and measures the blocks of the flow. */
static void
pdf_measure(struct pdf *p)
{
	struct doc_node		*n, *item;
	struct pdf_block	*b;
	struct buf		 sb;
	size_t			 i;
	int			 newpage = 0;
	char			 num[32];

	pdf_measure_notes(p);
	for (n = p->doc->root->first_child; n != NULL; n = n->next) {
		b = NULL;
		switch (n->type) {
		case DOC_HEADING:
			b = pdf_block_new(p, PDF_TEXT, n);
			b->tag = pdf_heading_tags[n->as.heading.level - 1];
			pdf_text_make(p, &b->text, n, NULL, PDF_BODY_W,
			    pdf_heading_size(n->as.heading.level), 1,
			    PANGO_ALIGN_LEFT);
			pdf_text_respace(&b->text, PDF_HEAD_SPACING);
			pdf_block_lay_text(p, b, 0);
			b->lay.keep = 1;
			break;
		case DOC_SUBTITLE:
			b = pdf_block_new(p, PDF_TEXT, n);
			b->tag = "P";
			pdf_text_make(p, &b->text, n, NULL, PDF_BODY_W, 15.0,
			    0, PANGO_ALIGN_LEFT);
			pdf_block_lay_text(p, b, 0);
			b->lay.keep = 1;
			break;
		case DOC_PARA:
			b = pdf_block_new(p, PDF_TEXT, n);
			b->tag = "P";
			pdf_text_make(p, &b->text, n, NULL, PDF_BODY_W,
			    PDF_BODY_PT, 0, PANGO_ALIGN_LEFT);
			pdf_block_lay_text(p, b, 1);
			b->lay.keep = pdf_leads_in(n);
			break;
		case DOC_ASIDE:
			b = pdf_block_new(p, PDF_TEXT, n);
			b->tag = "BlockQuote";
			b->boxed = 1;
			b->pad = PDF_ASIDE_PAD;
			b->x = PDF_ASIDE_PAD + 4;
			b->width = PDF_BODY_W - 2 * PDF_ASIDE_PAD - 4;
			pdf_text_make(p, &b->text, n, NULL, b->width,
			    PDF_BODY_PT, 0, PANGO_ALIGN_LEFT);
			pdf_block_lay_text(p, b, 0);
			break;
		case DOC_LIST:
			for (item = n->first_child; item != NULL;
			    item = item->next) {
				b = pdf_block_new(p, PDF_TEXT, item);
				b->tag = "LI";
				b->x = n->as.list.kind == DOC_LIST_NUMBERED ?
				    PDF_NUM_INDENT : PDF_INDENT;
				b->width = PDF_BODY_W - b->x;
				if (n->as.list.kind == DOC_LIST_NUMBERED)
					snprintf(num, sizeof(num), "%d.",
					    item->as.item.number);
				else
					snprintf(num, sizeof(num),
					    "\u2022");
				pdf_text_make(p, &b->label, NULL, num, 0,
				    PDF_BODY_PT, n->as.list.kind ==
				    DOC_LIST_NUMBERED, PANGO_ALIGN_LEFT);
				pdf_text_make(p, &b->text, item, NULL,
				    b->width, PDF_BODY_PT, 0,
				    PANGO_ALIGN_LEFT);
				pdf_block_lay_text(p, b, 1);
				b->lay.newpage = newpage;
				newpage = 0;
				b->lay.before = pdf_space(p->nblocks > 1 ?
				    &p->blocks[p->nblocks - 2] : NULL, item);
			}
			continue;
		case DOC_TABLE:
			b = pdf_block_new(p, PDF_TABLE, n);
			b->tag = "Table";
			pdf_measure_table(p, b);
			break;
		case DOC_SIGNOFF:
			b = pdf_block_new(p, PDF_TEXT, n);
			b->tag = "P";
			buf_init(&sb);
			for (i = 0; i < p->doc->meta.nauthors; i++) {
				buf_puts(&sb, p->doc->meta.authors[i]);
				buf_putc(&sb, '\n');
			}
			if (p->doc->meta.organisation != NULL)
				buf_puts(&sb, p->doc->meta.organisation);
			pdf_text_make(p, &b->text, NULL, sb.data, PDF_BODY_W,
			    PDF_BODY_PT, 0, PANGO_ALIGN_LEFT);
			buf_clear(&sb);
			pdf_block_lay_text(p, b, 0);
			break;
		case DOC_PAGEBREAK:
			newpage = 1;
			continue;
		default:
			continue;
		}
		b->lay.newpage = newpage;
		newpage = 0;
		b->lay.before = pdf_space(p->nblocks > 1 ?
		    &p->blocks[p->nblocks - 2] : NULL, n);
	}
}

/* Paginates the measured blocks into p->lay. */
static void
pdf_paginate(struct pdf *p)
{
	struct lay_block	*lb;
	struct lay_params	 lp;
	size_t			 i;

	lb = xcalloc(p->nblocks + 1, sizeof(*lb));
	for (i = 0; i < p->nblocks; i++)
		lb[i] = p->blocks[i].lay;
	lp.height = PDF_BODY_H;
	lp.note_sep = PDF_NOTE_SEP;
	lp.orphans = 2;
	lp.widows = 2;
	lay_paginate(lb, p->nblocks, &lp, &p->lay);
	free(lb);
}

/* ------------------------------------------------------------------ */
/* Painting */

/* Paints lines [first, first + count) of t with its top-left at x, y. */
static void
pdf_paint_lines(struct pdf *p, const struct pdf_text *t, int first,
    int count, double x, double y)
{
	PangoLayoutLine	*line;
	int		 i;
	double		 top;

	for (i = first; i < first + count && i < t->nlines; i++) {
		top = y + t->lines[i].top - t->lines[first].top;
		line = pango_layout_get_line_readonly(t->layout, i);
		cairo_move_to(p->cr, x + t->lines[i].x,
		    top + t->lines[i].baseline);
		pango_cairo_show_layout_line(p->cr, line);
	}
}

/* Paints the footnote of marker ref at the foot of the current page. */
static void
pdf_paint_note(struct pdf *p, const struct pdf_ref *ref)
{
	struct pdf_note	*note;
	char		*attr;
	double		 top;

	if ((note = pdf_note_find(p, ref->def)) == NULL)
		return;
	if (p->notes_painted == 0) {
		p->note_y = PDF_TOP + PDF_BODY_H - p->lay.notes[p->page] +
		    PDF_NOTE_SEP;
		cairo_save(p->cr);
		cairo_set_line_width(p->cr, 0.6);
		cairo_move_to(p->cr, PDF_LEFT, p->note_y - PDF_NOTE_SEP / 2);
		cairo_line_to(p->cr, PDF_LEFT + 120, p->note_y -
		    PDF_NOTE_SEP / 2);
		cairo_stroke(p->cr);
		cairo_restore(p->cr);
	}
	p->notes_painted++;
	top = p->note_y;
	cairo_tag_begin(p->cr, "Note", NULL);
	attr = xasprintf("name='fn%d' x=%.2f y=%.2f",
	    note->def->as.footnote.number, PDF_LEFT, top);
	cairo_tag_begin(p->cr, CAIRO_TAG_DEST, attr);
	free(attr);
	cairo_tag_begin(p->cr, "Lbl", NULL);
	pdf_paint_lines(p, &note->label, 0, note->label.nlines, PDF_LEFT,
	    top);
	cairo_tag_end(p->cr, "Lbl");
	pdf_paint_lines(p, &note->text, 0, note->text.nlines,
	    PDF_LEFT + PDF_NOTE_INDENT, top);
	cairo_tag_end(p->cr, CAIRO_TAG_DEST);
	cairo_tag_end(p->cr, "Note");
	p->note_y += note->height;
}

/* Links the markers on lines [first, first + count) of t, drawn with
 * its top-left at x, y, to their footnotes, and paints the footnotes of
 * first mentions. */
static void
pdf_paint_refs(struct pdf *p, const struct pdf_text *t, int first,
    int count, double x, double y)
{
	PangoRectangle	 a, z;
	size_t		 r;
	char		*attr;
	double		 oy;

	oy = y - (first < t->nlines ? t->lines[first].top : 0);
	for (r = 0; r < t->nrefs; r++) {
		if (t->refs[r].line < first ||
		    t->refs[r].line >= first + count ||
		    t->refs[r].def == NULL)
			continue;
		pango_layout_index_to_pos(t->layout, t->refs[r].index, &a);
		pango_layout_index_to_pos(t->layout, t->refs[r].index +
		    t->refs[r].len - 1, &z);
		attr = xasprintf("rect=[%.2f %.2f %.2f %.2f] dest='fn%d'",
		    x + (double)a.x / PANGO_SCALE - 1,
		    oy + (double)a.y / PANGO_SCALE,
		    (double)(z.x + z.width - a.x) / PANGO_SCALE + 2,
		    (double)a.height / PANGO_SCALE,
		    t->refs[r].def->as.footnote.number);
		cairo_tag_begin(p->cr, CAIRO_TAG_LINK, attr);
		cairo_tag_end(p->cr, CAIRO_TAG_LINK);
		free(attr);
		if (t->refs[r].first)
			pdf_paint_note(p, &t->refs[r]);
	}
}

/* Writes the running footer of the current page. */
static void
pdf_paint_footer(struct pdf *p)
{
	struct pdf_text	 t;
	char		*s;

	s = xasprintf("Page %d of %d", p->page + 1, p->lay.npages);
	pdf_text_make(p, &t, NULL, s, 0, PDF_FOOT_PT, 0, PANGO_ALIGN_LEFT);
	free(s);
	pdf_paint_lines(p, &t, 0, t.nlines, (PDF_PAGE_W -
	    pdf_text_width(&t)) / 2, PDF_PAGE_H - PDF_FOOTER -
	    t.lines[0].baseline);
	pdf_text_clear(&t);
}

/* Adds an outline entry for heading block b painted at y on the current
 * page. */
static void
pdf_outline(struct pdf *p, const struct pdf_block *b, double y)
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

/* Strokes a horizontal rule of width w points from x to x + len at y. */
static void
pdf_rule(struct pdf *p, double x, double y, double len, double w)
{
	cairo_set_line_width(p->cr, w);
	cairo_move_to(p->cr, x, y);
	cairo_line_to(p->cr, x + len, y);
	cairo_stroke(p->cr);
}

/*
 * Paints a table's rows [first, first + count) with top at y: heavy rules
 * above the header and below it and at the foot of the table, light ones
 * between body rows and where the table breaks across pages.
 */
static void
pdf_paint_table(struct pdf *p, const struct pdf_block *b, int first,
    int count, double y)
{
	const struct pdf_table	*t = b->table;
	double			 x, cx, ry = y, w = b->width, below;
	int			 r, c;

	x = PDF_LEFT + b->x;
	cairo_save(p->cr);
	pdf_rule(p, x, ry, w, first == 0 || t->header[first] ? 1.2 : 0.5);
	for (r = first; r < first + count; r++) {
		cairo_tag_begin(p->cr, "TR", NULL);
		cx = x;
		for (c = 0; c < t->ncols; c++) {
			const struct pdf_text *ct = &t->cells[r * t->ncols + c];
			const char *tag = t->header[r] ? "TH" : "TD";

			cairo_tag_begin(p->cr, tag, NULL);
			pdf_paint_lines(p, ct, 0, ct->nlines,
			    cx + PDF_CELL_PADX, ry + PDF_CELL_PADY);
			pdf_paint_refs(p, ct, 0, ct->nlines,
			    cx + PDF_CELL_PADX, ry + PDF_CELL_PADY);
			cairo_tag_end(p->cr, tag);
			cx += t->colw[c];
		}
		cairo_tag_end(p->cr, "TR");
		ry += t->rowh[r];
		if (r + 1 == t->nrows)
			below = 1.2;
		else if (t->header[r] && !t->header[r + 1])
			below = 1.2;
		else
			below = r + 1 == first + count ? 0.5 : 0.4;
		pdf_rule(p, x, ry, w, below);
	}
	cairo_restore(p->cr);
}

/* Paints fragment f (a run of block f->block's lines). */
static void
pdf_paint_frag(struct pdf *p, const struct lay_frag *f)
{
	const struct pdf_block	*b = &p->blocks[f->block];
	const struct doc_node	*n = b->node;
	int			 first = f->first == 0;
	int			 last = f->first + f->count == b->lay.nlines;
	double			 y = PDF_TOP + f->y, h, x;
	int			 i;

	/* A list opens before its first item and closes after its last. */
	if (first && n->type == DOC_ITEM && n->prev == NULL)
		cairo_tag_begin(p->cr, "L", NULL);
	if (first) {
		cairo_tag_begin(p->cr, b->tag, NULL);
		if (n->type == DOC_HEADING)
			pdf_outline(p, b, y);
	}

	if (b->kind == PDF_TABLE) {
		pdf_paint_table(p, b, f->first, f->count, y);
	} else {
		x = PDF_LEFT + b->x;
		if (b->boxed) {
			h = 0;
			for (i = f->first; i < f->first + f->count; i++)
				h += b->lines[i];
			cairo_save(p->cr);
			cairo_set_source_rgb(p->cr, 0.93, 0.93, 0.93);
			cairo_rectangle(p->cr, PDF_LEFT, y, PDF_BODY_W, h);
			cairo_fill(p->cr);
			cairo_set_source_rgb(p->cr, 0.35, 0.35, 0.35);
			cairo_rectangle(p->cr, PDF_LEFT, y, 4, h);
			cairo_fill(p->cr);
			cairo_restore(p->cr);
			if (first)
				y += b->pad;
		}
		if (first && b->label.layout != NULL) {
			cairo_tag_begin(p->cr, "Lbl", NULL);
			pdf_paint_lines(p, &b->label, 0, 1, PDF_LEFT, y +
			    b->text.lines[0].baseline -
			    b->label.lines[0].baseline);
			cairo_tag_end(p->cr, "Lbl");
		}
		if (first && n->type == DOC_ITEM)
			cairo_tag_begin(p->cr, "LBody", NULL);
		pdf_paint_lines(p, &b->text, f->first, f->count, x, y);
		pdf_paint_refs(p, &b->text, f->first, f->count, x, y);
		if (last && n->type == DOC_ITEM)
			cairo_tag_end(p->cr, "LBody");
	}

	if (last)
		cairo_tag_end(p->cr, b->tag);
	if (last && n->type == DOC_ITEM && n->next == NULL)
		cairo_tag_end(p->cr, "L");
}

/* Paints every page.  Returns the cairo status. */
static cairo_status_t
pdf_paint(struct pdf *p)
{
	size_t		 i;
	cairo_status_t	 st;

	p->page = 0;
	cairo_set_source_rgb(p->cr, 0, 0, 0);
	cairo_tag_begin(p->cr, "Document", NULL);
	for (i = 0; i < p->lay.nfrags; i++) {
		while (p->lay.frags[i].page > p->page) {
			pdf_paint_footer(p);
			cairo_show_page(p->cr);
			p->page++;
			p->notes_painted = 0;
			if ((st = cairo_status(p->cr)) !=
			    CAIRO_STATUS_SUCCESS)
				return st;
		}
		pdf_paint_frag(p, &p->lay.frags[i]);
	}
	cairo_tag_end(p->cr, "Document");
	pdf_paint_footer(p);
	cairo_show_page(p->cr);
	return cairo_status(p->cr);
}

/* Releases everything p measured and laid out (not its fonts). */
static void
pdf_clear(struct pdf *p)
{
	size_t	 i;
	int	 c;

	for (i = 0; i < p->nblocks; i++) {
		pdf_text_clear(&p->blocks[i].text);
		pdf_text_clear(&p->blocks[i].label);
		if (p->blocks[i].table != NULL) {
			struct pdf_table *t = p->blocks[i].table;

			for (c = 0; c < t->nrows * t->ncols; c++)
				pdf_text_clear(&t->cells[c]);
			free(t->cells);
			free(t->colw);
			free(t->rowh);
			free(t->header);
			free(t->align);
			free(t);
		}
		free(p->blocks[i].lines);
		free(p->blocks[i].notes);
	}
	free(p->blocks);
	for (i = 0; i < p->nnotes; i++) {
		pdf_text_clear(&p->notes[i].text);
		pdf_text_clear(&p->notes[i].label);
	}
	free(p->notes);
	lay_result_clear(&p->lay);
}

/* ------------------------------------------------------------------ */
/* The PDF file */

/* cairo's write callback: appends data to the temporary file. */
static cairo_status_t
pdf_write(void *closure, const unsigned char *data, unsigned int len)
{
	struct pdf_writer	*w = closure;

	if (w->err != 0)
		return CAIRO_STATUS_WRITE_ERROR;
	if (fwrite(data, 1, len, w->f) != len) {
		w->err = errno ? errno : EIO;
		return CAIRO_STATUS_WRITE_ERROR;
	}
	return CAIRO_STATUS_SUCCESS;
}

/* Writes the PDF creation date, as cairo wants it ("YYYY-MM-DDThh:mm:ss"),
 * from SOURCE_DATE_EPOCH if set, else from the report's date, into s. */
static void
pdf_date(char *s, size_t sz, int created)
{
	const char	*e;
	char		*end;
	long long	 v;
	time_t		 t;
	struct tm	 tm;

	e = getenv("SOURCE_DATE_EPOCH");
	if (e != NULL && *e != '\0') {
		errno = 0;
		v = strtoll(e, &end, 10);
		if (errno == 0 && *end == '\0' && v >= 0) {
			t = (time_t)v;
			if (gmtime_r(&t, &tm) != NULL) {
				strftime(s, sz, "%Y-%m-%dT%H:%M:%S", &tm);
				return;
			}
		}
	}
	snprintf(s, sz, "%04d-%02d-%02dT00:00:00", created / 10000,
	    created / 100 % 100, created % 100);
}

/* Sets the document information: title (with the board in a variant),
 * authors and organisation, subject, keywords, creator and dates. */
static void
pdf_metadata(struct pdf *p)
{
	const struct doc_meta	*m = &p->doc->meta;
	struct buf		 authors;
	char			 date[32];
	char			*title;
	size_t			 i;

	if (m->lscb != NULL)
		title = xasprintf("%s: %s", m->title, m->lscb);
	else
		title = xstrdup(m->title);
	buf_init(&authors);
	for (i = 0; i < m->nauthors; i++) {
		if (i > 0)
			buf_puts(&authors, ", ");
		buf_puts(&authors, m->authors[i]);
	}
	if (m->organisation != NULL && *m->organisation != '\0') {
		if (authors.len > 0)
			buf_puts(&authors, ", ");
		buf_puts(&authors, m->organisation);
	}
	pdf_date(date, sizeof(date), m->created);
	cairo_pdf_surface_set_metadata(p->surface, CAIRO_PDF_METADATA_TITLE,
	    title);
	cairo_pdf_surface_set_metadata(p->surface,
	    CAIRO_PDF_METADATA_AUTHOR, authors.data);
	cairo_pdf_surface_set_metadata(p->surface,
	    CAIRO_PDF_METADATA_SUBJECT, m->subject ? m->subject : "");
	cairo_pdf_surface_set_metadata(p->surface,
	    CAIRO_PDF_METADATA_KEYWORDS, "Serious Case Reviews, "
	    "safeguarding children, Local Safeguarding Children Boards");
	cairo_pdf_surface_set_metadata(p->surface,
	    CAIRO_PDF_METADATA_CREATOR, "scrpaper");
	cairo_pdf_surface_set_metadata(p->surface,
	    CAIRO_PDF_METADATA_CREATE_DATE, date);
	cairo_pdf_surface_set_metadata(p->surface,
	    CAIRO_PDF_METADATA_MOD_DATE, date);
	free(title);
	buf_clear(&authors);
}

/*
 * Typesets doc to a new temporary file beside out_path and renames it
 * into place.  Returns 0 on success or 3 on a system error (reported to
 * d); leaves no file behind on failure.
 */
static int
pdf_write_file(const struct doc *doc, struct pdf_fonts *fonts,
    const char *out_path, struct diag *d)
{
	struct pdf		 p;
	struct pdf_writer	 w;
	char			*tmp;
	int			 fd, rc = 3;
	mode_t			 mask;
	cairo_status_t		 st;

	memset(&p, 0, sizeof(p));
	memset(&w, 0, sizeof(w));
	p.doc = doc;
	p.fonts = fonts;

	tmp = xasprintf("%s.tmpXXXXXX", out_path);
	if ((fd = mkstemp(tmp)) == -1) {
		diag_error(d, out_path, 0, 0, "cannot write: %s",
		    strerror(errno));
		free(tmp);
		return 3;
	}
	tmp_guard_set(tmp);
	mask = umask(0);
	umask(mask);
	(void)fchmod(fd, 0666 & ~mask);
	if ((w.f = fdopen(fd, "wb")) == NULL) {
		diag_error(d, out_path, 0, 0, "cannot write: %s",
		    strerror(errno));
		close(fd);
		goto out;
	}

	pdf_measure(&p);
	pdf_paginate(&p);
	p.surface = cairo_pdf_surface_create_for_stream(pdf_write, &w,
	    PDF_PAGE_W, PDF_PAGE_H);
	cairo_pdf_surface_restrict_to_version(p.surface,
	    CAIRO_PDF_VERSION_1_5);
	pdf_metadata(&p);
	p.cr = cairo_create(p.surface);
	pango_cairo_update_context(p.cr, fonts->ctx);
	st = pdf_paint(&p);
	cairo_destroy(p.cr);
	cairo_surface_finish(p.surface);
	if (st == CAIRO_STATUS_SUCCESS)
		st = cairo_surface_status(p.surface);
	cairo_surface_destroy(p.surface);
	if (w.err != 0) {
		diag_error(d, out_path, 0, 0, "cannot write: %s",
		    strerror(w.err));
		goto out;
	}
	if (st != CAIRO_STATUS_SUCCESS) {
		diag_error(d, out_path, 0, 0, "cannot typeset: %s",
		    cairo_status_to_string(st));
		goto out;
	}
	if (fflush(w.f) != 0 || fsync(fileno(w.f)) != 0) {
		diag_error(d, out_path, 0, 0, "cannot write: %s",
		    strerror(errno));
		goto out;
	}
	if (fclose(w.f) != 0) {
		w.f = NULL;
		diag_error(d, out_path, 0, 0, "cannot write: %s",
		    strerror(errno));
		goto out;
	}
	w.f = NULL;
	if (rename(tmp, out_path) != 0) {
		diag_error(d, out_path, 0, 0, "cannot write: %s",
		    strerror(errno));
		goto out;
	}
	rc = 0;
out:
	if (w.f != NULL)
		fclose(w.f);
	if (rc != 0)
		(void)unlink(tmp);
	tmp_guard_set(NULL);
	free(tmp);
	pdf_clear(&p);
	return rc;
}

/* ------------------------------------------------------------------ */
/* The stage's entry points */

/*
 * Parses and fills job's template into *docp.  Returns 0 on success, 1
 * when the template is invalid, 3 when it cannot be read.
 */
static int
render_prepare(const struct render_job *job, struct diag *d,
    struct doc **docp)
{
	struct fig_selection	 sel;
	struct fig_ledger	*figs, *region = NULL;
	struct doc_env		 env;
	struct doc		*doc;
	int			 syserr, rc = 0;

	*docp = NULL;
	if ((doc = tmpl_parse_file(job->template_path, d, &syserr)) == NULL)
		return syserr ? 3 : 1;
	sel.lscb = job->lscb;
	sel.suppress = job->lscb >= 0 ||
	    job->cohort->report.suppress_regional;
	figs = fig_aggregate(job->figs, job->cohort, &sel);
	if (job->lscb >= 0) {
		sel.lscb = -1;
		sel.suppress = job->cohort->report.suppress_regional;
		region = fig_aggregate(job->figs, job->cohort, &sel);
	}
	memset(&env, 0, sizeof(env));
	env.cohort = job->cohort;
	env.figs = figs;
	env.region = region;
	env.lscb = job->lscb;
	if (!doc_fill(doc, &env, d)) {
		doc_free(doc);
		rc = 1;
	} else
		*docp = doc;
	fig_ledger_free(figs);
	fig_ledger_free(region);
	return rc;
}

int
render_check(const struct render_job *job, struct diag *d)
{
	struct doc	*doc;
	int		 rc;

	rc = render_prepare(job, d, &doc);
	doc_free(doc);
	return rc == 0 ? 0 : 1;
}

int
render_paper(const struct render_job *job, struct diag *d)
{
	struct doc		*doc = NULL;
	struct pdf_fonts	*fonts = NULL;
	int			 rc;

	if ((rc = render_prepare(job, d, &doc)) != 0)
		return rc;
	if ((fonts = pdf_fonts_get(job->fonts_dir, d)) == NULL)
		rc = 3;
	else
		rc = pdf_write_file(doc, fonts, job->out_path, d);
	doc_free(doc);
	return rc;
}

int
render_layout_dump(const struct doc *doc, const char *fonts_dir, FILE *out,
    struct diag *d)
{
	struct pdf		 p;
	struct pdf_fonts	*fonts;
	const struct lay_frag	*f;
	const struct pdf_block	*b;
	size_t			 i;
	char			*text;

	if ((fonts = pdf_fonts_get(fonts_dir, d)) == NULL)
		return 3;
	memset(&p, 0, sizeof(p));
	p.doc = doc;
	p.fonts = fonts;
	pdf_measure(&p);
	pdf_paginate(&p);
	fprintf(out, "pages %d\n", p.lay.npages);
	for (i = 0; i < p.lay.nfrags; i++) {
		f = &p.lay.frags[i];
		b = &p.blocks[f->block];
		text = doc_node_plain(b->node);
		if (strlen(text) > 40)
			strcpy(text + 37, "...");
		fprintf(out, "page %d y %.1f %s lines %d-%d of %d \"%s\"\n",
		    f->page + 1, f->y, doc_type_names[b->node->type],
		    f->first + 1, f->first + f->count, b->lay.nlines, text);
		free(text);
	}
	pdf_clear(&p);
	return 0;
}

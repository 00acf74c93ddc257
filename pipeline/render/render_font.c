/*
 * render_font.c: the PDF back end's fonts and text.  Loads the typefaces
 * of the project's fonts folder, and only those, through a private
 * fontconfig configuration into one pango context, kept for the life of
 * the process; lays out inline content (strong emphasis, footnote
 * markers) into measured pango layouts.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <strings.h>

#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>

#include "util.h"
#include "diag.h"
#include "doc.h"
#include "render_int.h"

/* ------------------------------------------------------------------ */
/* Fonts */

static int
rndr_font_file_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * Adds every TrueType or OpenType file in dir to config, in name order.
 * Files are added one by one (not the folder) so that fontconfig writes
 * no cache.  Returns 1 on success, 0 if dir cannot be read (reported).
 */
static int
rndr_fonts_add(FcConfig *config, const char *dir, struct diag *d)
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
		qsort(names, n, sizeof(*names), rndr_font_file_cmp);
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
 * with rndr_fonts_free()) or NULL when a face is missing (reported to d).
 */
static struct rndr_fonts *
rndr_fonts_new(const char *dir, struct diag *d)
{
	struct rndr_fonts	*f;
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
	if (!rndr_fonts_add(f->config, dir, d)) {
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

	/* Ours becomes fontconfig's current configuration before pango's
	 * font map starts: otherwise pango's start-up thread loads the
	 * system's configuration and fonts (FcInit), which the paper never
	 * uses, and cairo would consult it too. */
	FcConfigSetCurrent(f->config);
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
rndr_fonts_free(struct rndr_fonts *f)
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
static struct rndr_fonts	*rndr_fonts_cache;
static char		*rndr_fonts_cache_dir;

/*
 * Laid-out texts shared by the papers one process typesets with the
 * same fonts (the board papers of `render --all-lscbs` share most of
 * their text): filled text, attributes, width, size, weight and
 * alignment -> a PangoLayout, whose lines pango keeps, so a hit is not
 * shaped again.  Used from the second paper on (one paper has little to
 * share); table cells, which the measure re-widths, are never shared,
 * and rndr_text_respace() copies a layout before changing it.  Emptied
 * when the fonts change.
 */
static GHashTable	*rndr_layouts;
static int		 rndr_papers;	/* rndr_fonts_get() calls */
/*
 * Memory stays bounded in a long paper (issue 13.14): the cache takes
 * no more than RNDR_CACHE_BYTES of text, and once a paper has laid out
 * RNDR_KEEP_BYTES (its text, and RNDR_LAYOUT_BYTES a layout for what
 * pango keeps beside it), each layout's lines (some 35 bytes a
 * character) are dropped as soon as its block is measured and again once
 * painted (rndr_text_shed()); pango lays it out again, identically, to
 * paint it.  A paper of ordinary length (the regional paper lays out
 * some 20 KB of text in some 700 layouts) never sheds, so it is laid out
 * once.
 */
#define RNDR_CACHE_BYTES	(1024 * 1024)
#define RNDR_KEEP_BYTES		(1024 * 1024)
#define RNDR_LAYOUT_BYTES	256
static size_t		 rndr_layouts_bytes;	/* text in rndr_layouts */

/* Returns the fonts of dir, loading them on first use (owned by the
 * cache: do not free), or NULL when they cannot be loaded (reported). */
struct rndr_fonts *
rndr_fonts_get(const char *dir, struct diag *d)
{
	struct rndr_fonts	*f;

	if (rndr_fonts_cache != NULL && strcmp(rndr_fonts_cache_dir, dir) == 0) {
		if (++rndr_papers == 2 && rndr_layouts == NULL)
			rndr_layouts = g_hash_table_new_full(g_str_hash,
			    g_str_equal, g_free, g_object_unref);
		return rndr_fonts_cache;
	}
	if ((f = rndr_fonts_new(dir, d)) == NULL)
		return NULL;
	if (rndr_layouts != NULL)
		g_hash_table_destroy(rndr_layouts);
	rndr_layouts = NULL;
	rndr_layouts_bytes = 0;
	rndr_papers = 1;
	rndr_fonts_free(rndr_fonts_cache);
	free(rndr_fonts_cache_dir);
	rndr_fonts_cache = f;
	rndr_fonts_cache_dir = xstrdup(dir);
	return f;
}

/* Returns a new font description; free with
 * pango_font_description_free(). */
static PangoFontDescription *
rndr_font(double size, int bold)
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

/* Records in t a marker (a footnote's, or a {ref:label}'s when xref) of
 * bytes [start, end) pointing at def. */
static void
rndr_ref_add(struct rndr_text *t, size_t start, size_t end,
    const struct doc_node *def, int xref)
{
	t->refs = xreallocarray(t->refs, t->nrefs + 1, sizeof(*t->refs));
	t->refs[t->nrefs].index = (int)start;
	t->refs[t->nrefs].len = (int)(end - start);
	t->refs[t->nrefs].line = 0;
	t->refs[t->nrefs].def = def;
	t->refs[t->nrefs].first = 0;
	t->refs[t->nrefs].xref = xref;
	t->nrefs++;
}

/* Appends the inline content under n to b, with attributes for strong
 * emphasis and footnote markers in al; records markers in t. */
static void
rndr_inline(const struct doc_node *n, struct buf *b, PangoAttrList *al,
    struct rndr_text *t, double size)
{
	const struct doc_node	*c;
	PangoAttribute		*a;
	size_t			 start;

	for (c = n->first_child; c != NULL; c = c->next) {
		start = b->len;
		switch (c->type) {
		case DOC_STRONG:
			rndr_inline(c, b, al, t, size);
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
			rndr_ref_add(t, start, b->len, c->as.fnref.def, 0);
			break;
		case DOC_XREF:
			/* A link to a table or chart: a run of its own (the
			 * colour), which the painter finds by its start. */
			if (c->text == NULL)
				break;
			buf_puts(b, c->text);
			a = pango_attr_foreground_new(0x1d1d, 0x4d4d, 0x8f8f);
			a->start_index = start;
			a->end_index = b->len;
			pango_attr_list_insert(al, a);
			rndr_ref_add(t, start, b->len, c->as.xref.target, 1);
			break;
		case DOC_ROOT:
		case DOC_HEADING:
		case DOC_SUBTITLE:
		case DOC_PARA:
		case DOC_ASIDE:
		case DOC_LIST:
		case DOC_ITEM:
		case DOC_TABLE:
		case DOC_ROW:
		case DOC_CELL:
		case DOC_FOOTNOTE:
		case DOC_COND:
		case DOC_SIGNOFF:
		case DOC_PAGEBREAK:
		case DOC_CHART:
		case DOC_TILEMAP:
		case DOC_TEXT:
		case DOC_FIGREF:
		case DOC_NATREF:
		case DOC_FIELD:
		case DOC_CAPTION:
			if (c->text != NULL)
				buf_puts(b, c->text);
			break;
		}
	}
}

/* Records the line metrics of t's layout. */
void
rndr_text_lines(struct rndr_text *t)
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
 * Reports (to p->d, at most RNDR_MAX_MISSING of them) each character of
 * t's layout that no font of the fonts folder has a glyph for: pango
 * would draw a box of hex digits, and the text layer would read them
 * (issue 13.11).  The place is the block's (n, else the block being
 * measured), with the text around the character.
 */
#define RNDR_MAX_MISSING	50
static void
rndr_text_check_glyphs(struct rndr *p, const struct rndr_text *t,
    const struct doc_node *n)
{
	PangoLayoutIter		*it;
	PangoLayoutRun		*run;
	const char		*text, *c, *from, *to;
	int			 i, k, line = 0, col = 0;
	size_t			 len;

	if (p->d == NULL)
		return;
	if (n == NULL)
		n = p->at;
	if (n != NULL) {
		line = n->line;
		col = n->col;
	}
	text = pango_layout_get_text(t->layout);
	len = strlen(text);
	it = pango_layout_get_iter(t->layout);
	do {
		if ((run = pango_layout_iter_get_run_readonly(it)) == NULL)
			continue;
		for (i = 0; i < run->glyphs->num_glyphs; i++) {
			if (!(run->glyphs->glyphs[i].glyph &
			    PANGO_GLYPH_UNKNOWN_FLAG))
				continue;
			p->nrefused++;
			if (++p->nmissing > RNDR_MAX_MISSING)
				continue;
			c = text + run->item->offset +
			    run->glyphs->log_clusters[i];
			/* Up to 20 characters either side, for context. */
			for (from = c, k = 0; from > text && k < 20; k++)
				do
					from--;
				while (from > text &&
				    ((unsigned char)*from & 0xc0) == 0x80);
			for (to = c + 1, k = 0; to < text + len && k < 21;
			    k++) {
				while (to < text + len &&
				    ((unsigned char)*to & 0xc0) == 0x80)
					to++;
				if (to < text + len && k < 20)
					to++;
			}
			for (k = 1; c + k < text + len &&
			    ((unsigned char)c[k] & 0xc0) == 0x80; k++)
				continue;
			diag_error(p->d, p->doc->file, line, col, "no font in "
			    "the fonts folder has a glyph for U+%04X \"%.*s\" "
			    "(in \"%.*s\")", (unsigned)(run->glyphs->glyphs[i].glyph &
			    ~PANGO_GLYPH_UNKNOWN_FLAG), k, c,
			    (int)(to - from), from);
		}
	} while (pango_layout_iter_next_run(it));
	pango_layout_iter_free(it);
}

/*
 * Lays out the inline content of n (or the plain string s when n is
 * NULL) at width (points; <= 0 for no wrapping) in a font of size,
 * bold or not.  Fills t; release with rndr_text_clear().
 */
void
rndr_text_make(struct rndr *p, struct rndr_text *t, const struct doc_node *n,
    const char *s, double width, double size, int bold,
    PangoAlignment align)
{
	PangoFontDescription	*fd;
	PangoAttrList		*al;
	struct buf		 b;
	char			*key = NULL;

	memset(t, 0, sizeof(*t));
	buf_init(&b);
	al = pango_attr_list_new();
	if (n != NULL)
		rndr_inline(n, &b, al, t, size);
	else
		buf_puts(&b, s);
	pango_attr_list_insert(al, pango_attr_insert_hyphens_new(FALSE));
	/* No ligatures: every glyph stands for one character, so text
	 * extraction and the structure's text need no ActualText. */
	pango_attr_list_insert(al, pango_attr_font_features_new(
	    "liga=0, clig=0"));
	p->laid += b.len + RNDR_LAYOUT_BYTES;
	if (rndr_layouts != NULL && (n == NULL || n->type != DOC_CELL)) {
		char	*attrs = pango_attr_list_to_string(al);

		key = g_strdup_printf("%d %d %a %a %s\x1f%s", bold,
		    (int)align, width, size, attrs, b.data);
		g_free(attrs);
		if ((t->layout = g_hash_table_lookup(rndr_layouts,
		    key)) != NULL) {
			g_object_ref(t->layout);
			t->shared = 1;
			g_free(key);
			pango_attr_list_unref(al);
			buf_clear(&b);
			rndr_text_lines(t);
			return;
		}
		if (rndr_layouts_bytes + b.len > RNDR_CACHE_BYTES) {
			g_free(key);
			key = NULL;
		}
	}
	t->layout = pango_layout_new(p->fonts->ctx);
	fd = rndr_font(size, bold);
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
	if (key != NULL)
		rndr_layouts_bytes += b.len;
	buf_clear(&b);
	rndr_text_lines(t);
	rndr_text_check_glyphs(p, t, n);
	if (key != NULL) {
		g_hash_table_insert(rndr_layouts, key,
		    g_object_ref(t->layout));
		t->shared = 1;
	}
}

/* In a long paper, drops the lines of t's layout (pango lays it out
 * again when it is painted), so that memory stays bounded. */
void
rndr_text_shed(const struct rndr *p, struct rndr_text *t)
{
	if (p->laid > RNDR_KEEP_BYTES && t->layout != NULL && !t->shared)
		pango_layout_context_changed(t->layout);
}

/* Sets t's line spacing (a multiple of the font's line height) and
 * measures its lines again. */
void
rndr_text_respace(struct rndr_text *t, double spacing)
{
	PangoLayout	*own;

	/* The layout may be shared (rndr_layouts). */
	own = pango_layout_copy(t->layout);
	g_object_unref(t->layout);
	t->layout = own;
	t->shared = 0;
	pango_layout_set_line_spacing(t->layout, spacing);
	free(t->lines);
	t->lines = NULL;
	rndr_text_lines(t);
}

/* Releases t's layout and measurements; t may be all zero. */
void
rndr_text_clear(struct rndr_text *t)
{
	if (t->layout != NULL)
		g_object_unref(t->layout);
	free(t->lines);
	free(t->refs);
	memset(t, 0, sizeof(*t));
}

/* Returns the natural width of t's layout, unwrapped, in points. */
double
rndr_text_width(const struct rndr_text *t)
{
	PangoRectangle	 logical;

	pango_layout_get_extents(t->layout, NULL, &logical);
	return (double)logical.width / PANGO_SCALE;
}

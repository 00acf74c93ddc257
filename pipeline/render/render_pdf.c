/*
 * render_pdf.c: the PDF back end.  Takes a filled document and makes the
 * paper: a cairo PDF surface in memory, then measure (render_measure.c),
 * paginate (render_layout.c), paint (render_paint.c), the post-pass that
 * adds what cairo cannot write (pdf_post.c), and one atomic write of the
 * file (file.c).  Also the page layout dump of --dump layout.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cairo.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include "util.h"
#include "diag.h"
#include "doc.h"
#include "render.h"
#include "render_int.h"
#include "pdf_post.h"

/* What cairo writes, kept in memory for the post-pass. */
struct rndr_writer {
	struct buf	 b;
};


/* cairo's write callback: appends data to the buffer. */
static cairo_status_t
rndr_write(void *closure, const unsigned char *data, unsigned int len)
{
	struct rndr_writer	*w = closure;

	buf_putn(&w->b, (const char *)data, len);
	return CAIRO_STATUS_SUCCESS;
}

/* Writes the PDF creation date, as cairo wants it ("YYYY-MM-DDThh:mm:ss"),
 * from SOURCE_DATE_EPOCH if set, else from the report's date, into s. */
static void
rndr_date(char *s, size_t sz, const struct doc_meta *m)
{
	char		 day[DOC_DATE_LEN];
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
	doc_meta_date(m, day, sizeof(day));
	snprintf(s, sz, "%sT00:00:00", day);
}

/* Sets the document information: title (with the board in a variant),
 * authors and organisation, subject, keywords, creator and dates. */
static void
rndr_metadata(struct rndr *p)
{
	const struct doc_meta	*m = &p->doc->meta;
	char			 date[32];
	char			*title, *subject, *authors;

	title = doc_meta_title(m);
	authors = doc_meta_authors(m);
	rndr_date(date, sizeof(date), m);
	cairo_pdf_surface_set_metadata(p->surface, CAIRO_PDF_METADATA_TITLE,
	    title);
	cairo_pdf_surface_set_metadata(p->surface,
	    CAIRO_PDF_METADATA_AUTHOR, *authors != '\0' ? authors : NULL);
	/* A restricted paper says so in every field a viewer or a search
	 * shows (the post-pass copies them into the XMP). */
	subject = m->restricted ? xasprintf("%s (%s): %s", DOC_MARKING,
	    DOC_HANDLING, m->subject ? m->subject : "") :
	    xstrdup(m->subject ? m->subject : "");
	cairo_pdf_surface_set_metadata(p->surface,
	    CAIRO_PDF_METADATA_SUBJECT, subject);
	cairo_pdf_surface_set_metadata(p->surface,
	    CAIRO_PDF_METADATA_KEYWORDS, m->restricted ? DOC_MARKING ", "
	    "Serious Case Reviews, safeguarding children, Local "
	    "Safeguarding Children Boards" : "Serious Case Reviews, "
	    "safeguarding children, Local Safeguarding Children Boards");
	free(subject);
	cairo_pdf_surface_set_metadata(p->surface,
	    CAIRO_PDF_METADATA_CREATOR, "scrpaper");
	cairo_pdf_surface_set_metadata(p->surface,
	    CAIRO_PDF_METADATA_CREATE_DATE, date);
	cairo_pdf_surface_set_metadata(p->surface,
	    CAIRO_PDF_METADATA_MOD_DATE, date);
	free(title);
	free(authors);
}

/*
 * Measures, breaks and paints the paper of p (its doc, fonts and d set)
 * on a new PDF surface writing into w; the surface and its context are
 * gone on return.  Returns cairo's status.
 */
static cairo_status_t
rndr_typeset(struct rndr *p, struct rndr_writer *w)
{
	cairo_status_t	 st;

	/* The context gets the PDF surface's font options before anything
	 * is measured: updating it later would make every layout stale and
	 * pango would lay the whole paper out again while painting. */
	p->surface = cairo_pdf_surface_create_for_stream(rndr_write, w,
	    PDF_PAGE_W, PDF_PAGE_H);
	cairo_pdf_surface_restrict_to_version(p->surface,
	    CAIRO_PDF_VERSION_1_5);
	p->cr = cairo_create(p->surface);
	/* Once for the fonts: every paper's surface has the same options,
	 * and another update would make the layouts shared between papers
	 * (render_font.c) stale. */
	if (!p->fonts->updated) {
		pango_cairo_update_context(p->cr, p->fonts->ctx);
		p->fonts->updated = 1;
	}
	rndr_measure(p);
	rndr_paginate(p);
	rndr_metadata(p);
	st = rndr_paint(p);
	cairo_destroy(p->cr);
	cairo_surface_finish(p->surface);
	if (st == CAIRO_STATUS_SUCCESS)
		st = cairo_surface_status(p->surface);
	cairo_surface_destroy(p->surface);
	return st;
}

/*
 * Sets pp, for the post-pass, to what cairo cannot write of the paper p
 * painted: the language, the date (written into date, of size datesz),
 * the charts' alt texts, the links' descriptions, the structure's order
 * where painting moved it, and the creators.  Returns the creators
 * (free with free()).
 */
static const char **
rndr_post_params(const struct rndr *p, struct pdf_post *pp, char *date,
    size_t datesz)
{
	const char	**creators;
	size_t		  i;

	memset(pp, 0, sizeof(*pp));
	rndr_date(date, datesz, &p->doc->meta);
	pp->lang = PDF_LANG;
	pp->date = date;
	pp->figure_alt = (const char *const *)p->alts;
	pp->nfigures = p->nalts;
	pp->link_text = (const char *const *)p->links;
	pp->nlinks = p->nlinks;
	/* A float moved after the text that filled its page: the
	 * structure reads it where the text calls it. */
	for (i = 1; i < p->norder; i++)
		if (p->order[i] < p->order[i - 1])
			break;
	if (i < p->norder || p->nnote_keys > 0 || p->nlifts > 0) {
		pp->doc_order = p->order;
		pp->ndoc_order = p->norder;
	}
	/* Each Note after the element that cites it. */
	pp->note_order = p->note_keys;
	pp->nnotes = p->nnote_keys;
	/* A float painted inside a list or paragraph that runs on: at the
	 * Document level, where the text calls it. */
	pp->lift = p->lift_index;
	pp->lift_order = p->lift_key;
	pp->nlifts = p->nlifts;
	/* The authors, then the organisation, as the Info /Author lists
	 * them, but one a name even where a name holds a comma: the
	 * sign-off's lines. */
	creators = doc_meta_signoff(&p->doc->meta, &pp->ncreators);
	pp->creators = creators;
	return creators;
}

/*
 * Typesets doc into memory, completes the PDF with the post-pass
 * (pdf_post.c), and writes it in one piece to out_path with
 * file_write_atomic().  Returns 0 on success or 3 on a system error
 * (reported to d); leaves no file behind on failure.
 */
static int
rndr_write_file(const struct doc *doc, struct rndr_fonts *fonts,
    const char *out_path, struct diag *d)
{
	struct rndr		 p;
	struct rndr_writer	 w;
	struct pdf_post		 pp;
	char			*err = NULL, date[32];
	const char		**creators = NULL;
	unsigned char		*out = NULL;
	size_t			 outlen = 0;
	int			 rc = 3;
	cairo_status_t		 st;

	memset(&p, 0, sizeof(p));
	memset(&w, 0, sizeof(w));
	buf_init(&w.b);
	p.doc = doc;
	p.fonts = fonts;
	p.d = d;
	st = rndr_typeset(&p, &w);
	if (p.nrefused > 0) {
		rc = 1;		/* reported: what cannot be typeset */
		goto out;
	}
	if (st != CAIRO_STATUS_SUCCESS) {
		diag_error(d, out_path, 0, 0, "cannot typeset: %s",
		    cairo_status_to_string(st));
		goto out;
	}

	/* What cairo cannot write. */
	creators = rndr_post_params(&p, &pp, date, sizeof(date));
	if (!pdf_post_buffer((const unsigned char *)w.b.data, w.b.len, &pp,
	    &out, &outlen, &err)) {
		diag_error(d, out_path, 0, 0, "cannot typeset: %s", err);
		free(err);
		goto out;
	}
	if (file_write_atomic_mode(out_path, out, outlen,
	    doc->meta.restricted ? 0600 : 0666) != 0) {
		diag_error(d, out_path, 0, 0, "cannot write: %s",
		    strerror(errno));
		goto out;
	}
	rc = 0;
out:
	free(out);
	free(creators);
	buf_clear(&w.b);
	rndr_clear(&p);
	return rc;
}

int
render_pdf(const struct doc *doc, const char *fonts_dir,
    const char *out_path, struct diag *d)
{
	struct rndr_fonts	*fonts;

	if ((fonts = rndr_fonts_get(fonts_dir, d)) == NULL)
		return 3;
	return rndr_write_file(doc, fonts, out_path, d);
}

/* cairo's write callback for a surface only measured against. */
static cairo_status_t
rndr_discard(void *closure, const unsigned char *data, unsigned int len)
{
	return CAIRO_STATUS_SUCCESS;
}

int
render_layout_dump(const struct doc *doc, const char *fonts_dir, FILE *out,
    struct diag *d)
{
	struct rndr		 p;
	struct rndr_fonts	*fonts;
	const struct lay_frag	*f;
	const struct rndr_block	*b;
	size_t			 i;
	char			*text;

	if ((fonts = rndr_fonts_get(fonts_dir, d)) == NULL)
		return 3;
	memset(&p, 0, sizeof(p));
	p.doc = doc;
	p.fonts = fonts;
	/* Measured as for the PDF: against a PDF surface's font options. */
	p.surface = cairo_pdf_surface_create_for_stream(rndr_discard, NULL,
	    PDF_PAGE_W, PDF_PAGE_H);
	p.cr = cairo_create(p.surface);
	pango_cairo_update_context(p.cr, fonts->ctx);
	rndr_measure(&p);
	rndr_paginate(&p);
	cairo_destroy(p.cr);
	cairo_surface_destroy(p.surface);
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
	rndr_clear(&p);
	return 0;
}

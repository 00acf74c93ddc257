/*
 * pdf_post.c: the typesetter's post-pass over the PDF cairo wrote (see
 * pdf_post.h).  It does not rebuild the document: it reads cairo's
 * cross-reference table, parses only the objects it edits (trailer,
 * catalog, information dictionary, pages, link annotations, the
 * structure tree and its parent tree), copies every other object's bytes
 * as they are, and edits only the content streams that hold page
 * furniture.  Content comes unfiltered (see post_init()) and is deflated
 * once, here; content cairo did deflate is inflated, edited and only its
 * tail deflated again (post_redeflate()).  The dictionaries go into
 * object streams and the cross-reference into a cross-reference stream,
 * as qpdf wrote them before; the document ID is the MD5 (glib) of the
 * bytes written.
 *
 * What it reads is the regular output of cairo 1.16 (a classic xref
 * table, gen 0 objects, plain dictionaries, FlateDecode or unfiltered
 * content).  Anything else is refused with a message naming what was
 * not understood, never guessed at: the caller reports it (exit 3).
 * The work is linear in the size of the file and in the number of
 * structure elements.
 *
 * This file writes the result and holds the driver, pdf_post_buffer();
 * the values, the file, the streams, the structure tree and the other
 * edits are each in a file of their own (pdf_post_int.h lists them).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "util.h"
#include "pdf_post.h"
#include "pdf_post_int.h"

/*
 * cairo 1.16 writes its content streams unfiltered when CAIRO_DEBUG_PDF
 * is set, and that is all the variable does there
 * (_cairo_pdf_surface_create_for_stream_internal: compress_streams =
 * FALSE; fonts and images are compressed either way).  The post-pass
 * deflates every unfiltered stream (pdf_post_compress()), so each content
 * stream is compressed once instead of twice (cairo, then the pass after
 * its edit), and the bytes do not change otherwise.  Nothing depends on
 * it: compressed content is read and edited as well (the tests render
 * both ways).  Set before main() runs, while the process has one thread
 * (setenv is not safe beside threads that read the environment), and
 * never over a value the user gave.
 */
__attribute__((constructor)) static void
post_init(void)
{
	setenv("CAIRO_DEBUG_PDF", "1", 0);
}

/* Appends object num's value text to b. */
static void
post_obj_text(const struct post *p, long num, struct buf *b)
{
	const struct obj	*o = &p->o[num];

	if (o->edited && o->v != NULL)
		pdf_pv_write(b, o->v);
	else
		buf_putn(b, o->body, o->bodylen);
}

/* Writes a 7-byte xref stream entry. */
static void
post_xref_entry(struct buf *b, int type, size_t f2, unsigned f3)
{
	buf_putc(b, (char)type);
	buf_putc(b, (char)(f2 >> 24 & 0xff));
	buf_putc(b, (char)(f2 >> 16 & 0xff));
	buf_putc(b, (char)(f2 >> 8 & 0xff));
	buf_putc(b, (char)(f2 & 0xff));
	buf_putc(b, (char)(f3 >> 8 & 0xff));
	buf_putc(b, (char)(f3 & 0xff));
}

/* Where post_write() put each object, by object number. */
struct post_where {
	size_t	*off;	/* offset of an object written whole */
	long	*stm;	/* the object stream holding it, or 0 */
	size_t	*idx;	/* its index in that object stream */
};

/*
 * Writes the header, the stream objects as they were (or with their
 * new data) and the XMP stream xmp as object xmpnum to out; puts the
 * numbers of the other objects, to go into object streams, in members
 * and returns how many.
 */
static long
post_write_streams(const struct post *p, const struct buf *xmp,
    long xmpnum, struct post_where *w, long *members, struct buf *out)
{
	long	 num, nm = 0;

	buf_puts(out, "%PDF-1.7\n%\xbf\xf7\xa2\xfe\n");
	for (num = 1; num < p->size; num++) {
		const struct obj	*o = &p->o[num];

		if (!o->used || o->drop)
			continue;
		if (o->data == NULL) {
			members[nm++] = num;
			continue;
		}
		w->off[num] = out->len;
		buf_printf(out, "%ld 0 obj\n", num);
		post_obj_text(p, num, out);
		buf_puts(out, "\nstream\n");
		if (o->newdata != NULL)
			buf_putn(out, o->newdata, o->newlen);
		else
			buf_putn(out, o->data, o->datalen);
		buf_puts(out, "\nendstream\nendobj\n");
	}
	w->off[xmpnum] = out->len;
	buf_printf(out, "%ld 0 obj\n<< /Type /Metadata /Subtype /XML "
	    "/Length %zu >>\nstream\n", xmpnum, xmp->len);
	buf_putn(out, xmp->data, xmp->len);
	buf_puts(out, "\nendstream\nendobj\n");
	return nm;
}

/*
 * Writes the objects members[0..nm) to out in object streams of
 * POST_OBJSTM, numbered from num.  Returns the number after the last.
 */
static long
post_write_objstms(const struct post *p, const long *members, long nm,
    long num, struct post_where *w, struct buf *out)
{
	struct buf	 hdr, body;
	size_t		 i, n, first, zlen;
	char		*z;

	buf_init(&hdr);
	buf_init(&body);
	for (i = 0; i < (size_t)nm; i += POST_OBJSTM, num++) {
		buf_reset(&hdr);
		buf_reset(&body);
		for (n = i; n < (size_t)nm && n < i + POST_OBJSTM; n++) {
			buf_printf(&hdr, "%ld %zu ", members[n], body.len);
			post_obj_text(p, members[n], &body);
			buf_putc(&body, '\n');
			w->stm[members[n]] = num;
			w->idx[members[n]] = n - i;
		}
		first = hdr.len;
		buf_putn(&hdr, body.data, body.len);
		z = pdf_post_deflate(hdr.data, hdr.len, &zlen);
		w->off[num] = out->len;
		buf_printf(out, "%ld 0 obj\n<< /Type /ObjStm /N %zu /First %zu "
		    "/Filter /FlateDecode /Length %zu >>\nstream\n", num,
		    n - i, first, zlen);
		buf_putn(out, z, zlen);
		buf_puts(out, "\nendstream\nendobj\n");
		free(z);
	}
	buf_clear(&hdr);
	buf_clear(&body);
	return num;
}

/* Puts the document ID, the MD5 of out[0..len) in hex, in id. */
static void
post_doc_id(const struct buf *out, char id[33])
{
	GChecksum	*md5;
	guint8		 digest[16];
	gsize		 dlen = sizeof(digest);
	size_t		 i;

	md5 = g_checksum_new(G_CHECKSUM_MD5);
	g_checksum_update(md5, (const guchar *)out->data, (gssize)out->len);
	g_checksum_get_digest(md5, digest, &dlen);
	g_checksum_free(md5);
	for (i = 0; i < 16; i++)
		snprintf(id + 2 * i, 3, "%02x", digest[i]);
}

/*
 * Writes the cross-reference stream, object xrefnum, of every object
 * before it to out, with the trailer's root, info and document ID id,
 * then startxref and the end of file.
 */
static void
post_write_xref(const struct post *p, long xrefnum, struct post_where *w,
    const struct pv *root, const struct pv *info, const char *id,
    struct buf *out)
{
	struct buf	 xref;
	long		 num;
	size_t		 zlen;
	char		*z;

	buf_init(&xref);
	for (num = 0; num <= xrefnum; num++) {
		if (num == xrefnum)
			w->off[num] = out->len;
		if (num == 0)
			post_xref_entry(&xref, 0, 0, 0xffff);
		else if (num < p->size && w->stm[num] != 0)
			post_xref_entry(&xref, 2, (size_t)w->stm[num],
			    (unsigned)w->idx[num]);
		else if (num >= p->size || (p->o[num].used &&
		    !p->o[num].drop))
			post_xref_entry(&xref, 1, w->off[num], 0);
		else
			post_xref_entry(&xref, 0, 0, 0);
	}
	z = pdf_post_deflate(xref.data, xref.len, &zlen);
	buf_printf(out, "%ld 0 obj\n<< /Type /XRef /Size %ld /W [ 1 4 2 ] "
	    "/Root ", xrefnum, xrefnum + 1);
	pdf_pv_write(out, root);
	buf_puts(out, " /Info ");
	pdf_pv_write(out, info);
	buf_printf(out, " /ID [ <%s> <%s> ] /Filter /FlateDecode /Length %zu "
	    ">>\nstream\n", id, id, zlen);
	buf_putn(out, z, zlen);
	buf_printf(out, "\nendstream\nendobj\nstartxref\n%zu\n%%%%EOF\n",
	    w->off[xrefnum]);
	free(z);
	buf_clear(&xref);
}

/*
 * Writes the document: stream objects as they were (or with their new
 * data), the other objects in object streams, the XMP stream xmp as
 * object xmpnum, and a cross-reference stream with the document ID.
 */
static void
post_write(struct post *p, const struct buf *xmp, long xmpnum,
    const struct pv *root, const struct pv *info, struct buf *out)
{
	struct post_where	 w;
	long			*members, nm, total, xrefnum;
	char			 id[33];

	/* Objects: 0..size-1 from cairo, xmpnum, object streams, xref. */
	total = xmpnum + 1 + (p->size + POST_OBJSTM - 1) / POST_OBJSTM + 1;
	w.off = xcalloc((size_t)total, sizeof(*w.off));
	w.idx = xcalloc((size_t)total, sizeof(*w.idx));
	w.stm = xcalloc((size_t)total, sizeof(*w.stm));
	members = xcalloc((size_t)p->size + 1, sizeof(*members));
	nm = post_write_streams(p, xmp, xmpnum, &w, members, out);
	xrefnum = post_write_objstms(p, members, nm, xmpnum + 1, &w, out);
	/* The ID: the MD5 of everything before the cross-reference. */
	post_doc_id(out, id);
	post_write_xref(p, xrefnum, &w, root, info, id, out);
	free(w.off);
	free(w.idx);
	free(w.stm);
	free(members);
}

/*
 * Gives the catalog root (object rootnum) the document language, the
 * viewer preferences, MarkInfo and the XMP stream as object xmpnum,
 * writes that XMP into xmp, and gives the information dictionary info
 * (object infonum) the creation and modification dates of pp->date.
 */
static void
post_catalog(struct post *p, struct pv *root, long rootnum, struct pv *info,
    long infonum, long xmpnum, struct buf *xmp)
{
	const char	*d = p->pp->date;

	pdf_pv_put(root, "/Lang", pdf_pv_text(p->pp->lang));
	pdf_pv_put(root, "/ViewerPreferences",
	    xstrdup("<< /DisplayDocTitle true >>"));
	pdf_pv_put(root, "/MarkInfo", xstrdup("<< /Marked true >>"));
	pdf_pv_put(root, "/Metadata", xasprintf("%ld 0 R", xmpnum));
	pdf_post_edit(p, rootnum);
	pdf_post_xmp(p, info, xmp);
	if (strlen(d) >= 19) {
		pdf_pv_put(info, "/CreationDate",
		    xasprintf("(D:%.4s%.2s%.2s%.2s%.2s%.2sZ)", d, d + 5, d + 8,
		    d + 11, d + 14, d + 17));
		pdf_pv_put(info, "/ModDate", xstrdup(pdf_pv_get(info,
		    "/CreationDate")->s));
		pdf_post_edit(p, infonum);
	}
}

/*
 * Edits the structure tree of the catalog root, if it has one: its
 * parent tree read, its elements walked (scopes, Alt, Notes and floats
 * moved), and its one Document element made the root's only child.
 * Returns 1 on success, 0 on error (post->err set).
 */
static int
post_struct_tree(struct post *p, struct pv *root)
{
	const struct pdf_post	*pp = p->pp;
	struct pv		*str, *v;

	str = pdf_post_deref(p, pdf_pv_get(root, "/StructTreeRoot"));
	if (p->err != NULL)
		return 0;
	if (str == NULL)
		return 1;
	v = pdf_pv_get(root, "/StructTreeRoot");
	if (str->type != PV_DICT || v->type != PV_REF)
		return pdf_post_fail(p, "bad structure tree root");
	if (pdf_pv_get(str, "/ParentTree") != NULL &&
	    !pdf_post_parent_tree(p, pdf_pv_get(str, "/ParentTree"), 0))
		return 0;
	if (!pdf_post_kids(p, str, v->i, 0))
		return 0;
	if (!p->notes_placed && (p->nnotes > 0 || (pp->note_order !=
	    NULL && pp->nnotes > 0) || pp->nlifts > 0))
		return pdf_post_fail(p, "Note elements or floats to move and "
		    "no Document element order to place them by");
	/* One root element, the Document. */
	if ((v = pdf_pv_get(str, "/K")) != NULL && v->type == PV_ARR &&
	    v->n == 1) {
		struct pv	 one = v->kid[0];

		free(v->kid);
		*v = one;
		str->dirty = 1;
		pdf_post_edit(p, pdf_pv_get(root, "/StructTreeRoot")->i);
	}
	return 1;
}

/* Frees what the pass p holds, its error message aside. */
static void
post_clear(struct post *p)
{
	long	 i;

	for (i = 0; i < p->size; i++) {
		pdf_pv_free(p->o[i].v);
		free(p->o[i].v);
		free(p->o[i].newdata);
	}
	free(p->o);
	pdf_pv_free(&p->trailer);
	free(p->art);
	free(p->parr);
	free(p->notes);
	free(p->keys);
}

int
pdf_post_buffer(const unsigned char *in, size_t inlen,
    const struct pdf_post *pp, unsigned char **out, size_t *outlen,
    char **err)
{
	struct post	 p;
	struct pv	*rootref, *inforef, *root, *info, *v;
	struct buf	 xmp, res;
	long		 xmpnum;
	int		 ok = 0;

	memset(&p, 0, sizeof(p));
	*out = NULL;
	*outlen = 0;
	*err = NULL;
	p.in = (const char *)in;
	p.inlen = inlen;
	p.pp = pp;
	buf_init(&xmp);
	buf_init(&res);
	if (!pdf_post_xref(&p))
		goto out;
	rootref = pdf_pv_get(&p.trailer, "/Root");
	inforef = pdf_pv_get(&p.trailer, "/Info");
	if (rootref == NULL || rootref->type != PV_REF || inforef == NULL ||
	    inforef->type != PV_REF) {
		pdf_post_fail(&p, "trailer without /Root or /Info");
		goto out;
	}
	if ((root = pdf_post_obj(&p, rootref->i)) == NULL ||
	    (info = pdf_post_obj(&p, inforef->i)) == NULL)
		goto out;
	if (root->type != PV_DICT || info->type != PV_DICT ||
	    p.o[rootref->i].data != NULL || p.o[inforef->i].data != NULL) {
		pdf_post_fail(&p, "bad catalog or information dictionary");
		goto out;
	}
	xmpnum = p.size;
	post_catalog(&p, root, rootref->i, info, inforef->i, xmpnum, &xmp);
	/* The structure tree, then the pages (whose content needs to know
	 * the furniture). */
	if (!post_struct_tree(&p, root))
		goto out;
	if (p.nart > 0)
		qsort(p.art, p.nart, sizeof(*p.art), pdf_art_cmp);
	v = pdf_pv_get(root, "/Pages");
	if (v == NULL || v->type != PV_REF || !pdf_post_pages(&p, v->i) ||
	    !pdf_post_compress(&p))
		goto out;

	post_write(&p, &xmp, xmpnum, rootref, inforef, &res);
	*outlen = res.len;
	*out = (unsigned char *)buf_take(&res);
	ok = 1;
out:
	if (!ok)
		*err = p.err != NULL ? p.err : xstrdup("cannot post-process");
	else
		free(p.err);
	post_clear(&p);
	buf_clear(&xmp);
	buf_clear(&res);
	return ok;
}

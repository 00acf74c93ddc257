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

/*
 * Writes the document: stream objects as they were (or with their new
 * data), the other objects in object streams, the XMP stream xmp as
 * object xmpnum, and a cross-reference stream with the document ID.
 */
static void
post_write(struct post *p, const struct buf *xmp, long xmpnum,
    const struct pv *root, const struct pv *info, struct buf *out)
{
	struct buf	 hdr, body, xref;
	size_t		*off, *idx, i, n, first;
	long		*stm, *members, nm = 0, num, total, xrefnum;
	GChecksum	*md5;
	guint8		 digest[16];
	gsize		 dlen = sizeof(digest);
	char		*z, id[33];
	size_t		 zlen;

	/* Objects: 0..size-1 from cairo, xmpnum, object streams, xref. */
	total = xmpnum + 1 + (p->size + POST_OBJSTM - 1) / POST_OBJSTM + 1;
	off = xcalloc((size_t)total, sizeof(*off));
	idx = xcalloc((size_t)total, sizeof(*idx));
	stm = xcalloc((size_t)total, sizeof(*stm));
	members = xcalloc((size_t)p->size + 1, sizeof(*members));
	buf_puts(out, "%PDF-1.7\n%\xbf\xf7\xa2\xfe\n");
	for (num = 1; num < p->size; num++) {
		const struct obj	*o = &p->o[num];

		if (!o->used || o->drop)
			continue;
		if (o->data == NULL) {
			members[nm++] = num;
			continue;
		}
		off[num] = out->len;
		buf_printf(out, "%ld 0 obj\n", num);
		post_obj_text(p, num, out);
		buf_puts(out, "\nstream\n");
		if (o->newdata != NULL)
			buf_putn(out, o->newdata, o->newlen);
		else
			buf_putn(out, o->data, o->datalen);
		buf_puts(out, "\nendstream\nendobj\n");
	}
	off[xmpnum] = out->len;
	buf_printf(out, "%ld 0 obj\n<< /Type /Metadata /Subtype /XML "
	    "/Length %zu >>\nstream\n", xmpnum, xmp->len);
	buf_putn(out, xmp->data, xmp->len);
	buf_puts(out, "\nendstream\nendobj\n");

	/* The object streams. */
	num = xmpnum + 1;
	buf_init(&hdr);
	buf_init(&body);
	for (i = 0; i < (size_t)nm; i += POST_OBJSTM, num++) {
		buf_reset(&hdr);
		buf_reset(&body);
		for (n = i; n < (size_t)nm && n < i + POST_OBJSTM; n++) {
			buf_printf(&hdr, "%ld %zu ", members[n], body.len);
			post_obj_text(p, members[n], &body);
			buf_putc(&body, '\n');
			stm[members[n]] = num;
			idx[members[n]] = n - i;
		}
		first = hdr.len;
		buf_putn(&hdr, body.data, body.len);
		z = pdf_post_deflate(hdr.data, hdr.len, &zlen);
		off[num] = out->len;
		buf_printf(out, "%ld 0 obj\n<< /Type /ObjStm /N %zu /First %zu "
		    "/Filter /FlateDecode /Length %zu >>\nstream\n", num,
		    n - i, first, zlen);
		buf_putn(out, z, zlen);
		buf_puts(out, "\nendstream\nendobj\n");
		free(z);
	}
	buf_clear(&hdr);
	buf_clear(&body);

	/* The ID: the MD5 of everything before the cross-reference. */
	md5 = g_checksum_new(G_CHECKSUM_MD5);
	g_checksum_update(md5, (const guchar *)out->data, (gssize)out->len);
	g_checksum_get_digest(md5, digest, &dlen);
	g_checksum_free(md5);
	for (i = 0; i < 16; i++)
		snprintf(id + 2 * i, 3, "%02x", digest[i]);

	xrefnum = num;
	buf_init(&xref);
	for (num = 0; num <= xrefnum; num++) {
		if (num == xrefnum)
			off[num] = out->len;
		if (num == 0)
			post_xref_entry(&xref, 0, 0, 0xffff);
		else if (num < p->size && stm[num] != 0)
			post_xref_entry(&xref, 2, (size_t)stm[num],
			    (unsigned)idx[num]);
		else if (num >= p->size || (p->o[num].used &&
		    !p->o[num].drop))
			post_xref_entry(&xref, 1, off[num], 0);
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
	    off[xrefnum]);
	free(z);
	buf_clear(&xref);
	free(off);
	free(idx);
	free(stm);
	free(members);
}

int
pdf_post_buffer(const unsigned char *in, size_t inlen,
    const struct pdf_post *pp, unsigned char **out, size_t *outlen,
    char **err)
{
	struct post	 p;
	struct pv	*rootref, *inforef, *root, *info, *str, *v;
	struct buf	 xmp, res;
	const char	*d = pp->date;
	long		 i, xmpnum;
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

	/* The catalog and the information dictionary. */
	pdf_pv_put(root, "/Lang", pdf_pv_text(pp->lang));
	pdf_pv_put(root, "/ViewerPreferences",
	    xstrdup("<< /DisplayDocTitle true >>"));
	pdf_pv_put(root, "/MarkInfo", xstrdup("<< /Marked true >>"));
	pdf_pv_put(root, "/Metadata", xasprintf("%ld 0 R", xmpnum));
	pdf_post_edit(&p, rootref->i);
	pdf_post_xmp(&p, info, &xmp);
	if (strlen(d) >= 19) {
		pdf_pv_put(info, "/CreationDate",
		    xasprintf("(D:%.4s%.2s%.2s%.2s%.2s%.2sZ)", d, d + 5, d + 8,
		    d + 11, d + 14, d + 17));
		pdf_pv_put(info, "/ModDate", xstrdup(pdf_pv_get(info,
		    "/CreationDate")->s));
		pdf_post_edit(&p, inforef->i);
	}

	/* The structure tree, then the pages (whose content needs to know
	 * the furniture). */
	str = pdf_post_deref(&p, pdf_pv_get(root, "/StructTreeRoot"));
	if (p.err != NULL)
		goto out;
	if (str != NULL) {
		v = pdf_pv_get(root, "/StructTreeRoot");
		if (str->type != PV_DICT || v->type != PV_REF) {
			pdf_post_fail(&p, "bad structure tree root");
			goto out;
		}
		if (pdf_pv_get(str, "/ParentTree") != NULL &&
		    !pdf_post_parent_tree(&p, pdf_pv_get(str, "/ParentTree"),
		    0))
			goto out;
		if (!pdf_post_kids(&p, str, v->i, 0))
			goto out;
		if (!p.notes_placed && (p.nnotes > 0 || (pp->note_order !=
		    NULL && pp->nnotes > 0) || pp->nlifts > 0)) {
			pdf_post_fail(&p, "Note elements or floats to move and "
			    "no Document element order to place them by");
			goto out;
		}
		/* One root element, the Document. */
		if ((v = pdf_pv_get(str, "/K")) != NULL && v->type == PV_ARR &&
		    v->n == 1) {
			struct pv	 one = v->kid[0];

			free(v->kid);
			*v = one;
			str->dirty = 1;
			pdf_post_edit(&p,
			    pdf_pv_get(root, "/StructTreeRoot")->i);
		}
	}
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
	for (i = 0; i < p.size; i++) {
		pdf_pv_free(p.o[i].v);
		free(p.o[i].v);
		free(p.o[i].newdata);
	}
	free(p.o);
	pdf_pv_free(&p.trailer);
	free(p.art);
	free(p.parr);
	free(p.notes);
	free(p.keys);
	buf_clear(&xmp);
	buf_clear(&res);
	return ok;
}

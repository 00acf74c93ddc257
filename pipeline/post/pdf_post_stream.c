/*
 * pdf_post_stream.c: the streams of the post-pass (pdf_post_int.h):
 * inflate and deflate (a deflated content stream edited keeps its
 * unchanged deflate blocks, post_redeflate()), the page furniture of a
 * content stream turned into artifacts and its parent tree entries
 * nulled, stream lengths, and the unfiltered streams compressed.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "util.h"
#include "pdf_post.h"
#include "pdf_post_int.h"

/* zlib fails only for want of memory: exits as xmalloc() does. */
static void
post_nomem(void)
{
	fputs("scrpaper: out of memory\n", stderr);
	exit(EXIT_SYSERR);
}

/* A deflate block boundary in a zlib stream. */
struct zmark {
	size_t	 bit;	/* bits of the zlib stream before it */
	size_t	 out;	/* bytes inflated before it */
};

/*
 * Inflates the zlib stream in[0..len) into b and, when marks is not
 * NULL, records where its deflate blocks start in *marks (*nmarks of
 * them; free with free()).  Returns 1 on success, 0 when the data is
 * not a whole zlib stream or inflates beyond POST_MAXDATA.
 */
static int
post_inflate(const char *in, size_t len, struct buf *b, struct zmark **marks,
    size_t *nmarks)
{
	z_stream	 z;
	char		 chunk[16384];
	size_t		 start = b->len;
	int		 r;

	memset(&z, 0, sizeof(z));
	if (inflateInit(&z) != Z_OK)
		return 0;
	z.next_in = (Bytef *)(uintptr_t)in;
	z.avail_in = (uInt)len;
	do {
		z.next_out = (Bytef *)chunk;
		z.avail_out = sizeof(chunk);
		r = inflate(&z, marks != NULL ? Z_BLOCK : Z_NO_FLUSH);
		if (r != Z_OK && r != Z_STREAM_END) {
			inflateEnd(&z);
			return 0;
		}
		buf_putn(b, chunk, sizeof(chunk) - z.avail_out);
		/* Stopped before a block (or after the zlib header). */
		if (marks != NULL && r == Z_OK && (z.data_type & 128)) {
			*marks = xreallocarray(*marks, *nmarks + 1,
			    sizeof(**marks));
			(*marks)[*nmarks].bit = (len - z.avail_in) * 8 -
			    (size_t)(z.data_type & 7);
			(*marks)[*nmarks].out = b->len - start;
			(*nmarks)++;
		}
		if (b->len > POST_MAXDATA) {
			inflateEnd(&z);
			return 0;
		}
	} while (r != Z_STREAM_END && (z.avail_in > 0 || z.avail_out == 0));
	inflateEnd(&z);
	return r == Z_STREAM_END;
}

/* Returns in[0..len) deflated as a new buffer of *outlen bytes. */
char *
pdf_post_deflate(const char *in, size_t len, size_t *outlen)
{
	z_stream	 z;
	uLong		 cap;
	char		*out;

	memset(&z, 0, sizeof(z));
	if (deflateInit(&z, Z_DEFAULT_COMPRESSION) != Z_OK)
		post_nomem();
	cap = deflateBound(&z, (uLong)len);
	out = xmalloc(cap);
	z.next_in = (Bytef *)(uintptr_t)in;
	z.avail_in = (uInt)len;
	z.next_out = (Bytef *)out;
	z.avail_out = (uInt)cap;
	if (deflate(&z, Z_FINISH) != Z_STREAM_END)
		post_nomem();
	*outlen = (size_t)z.total_out;
	deflateEnd(&z);
	return out;
}

/*
 * Deflates the edited content ed[0..edlen), equal to what the zlib
 * stream z[0..zlen) inflates to up to offset first, by reusing z: the
 * deflate blocks that end before first are copied bit for bit and only
 * the rest is compressed again, primed with the bits of the last copied
 * byte and the 32 KiB before it as dictionary (the way zlib's
 * examples/gzappend.c appends).  The result is inflated again and
 * compared with ed; returns NULL when no block can be reused or the
 * check fails (the caller then deflates all of ed).
 */
static char *
post_redeflate(const char *z, size_t zlen, const struct zmark *marks,
    size_t nmarks, const char *ed, size_t edlen, size_t first,
    size_t *outlen)
{
	const struct zmark	*m = NULL;
	z_stream		 d;
	struct buf		 check;
	size_t			 i, keep, dict, cap;
	unsigned		 bits, val;
	uLong			 ad;
	char			*out;

	for (i = 0; i < nmarks; i++)
		if (marks[i].out <= first && marks[i].out > 0)
			m = &marks[i];
	if (m == NULL || m->bit / 8 + 1 > zlen)
		return NULL;
	keep = m->bit / 8;
	bits = (unsigned)(m->bit % 8);
	val = bits ? (unsigned char)z[keep] & ((1u << bits) - 1) : 0;
	dict = m->out < 32768 ? m->out : 32768;

	memset(&d, 0, sizeof(d));
	if (deflateInit2(&d, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -15, 8,
	    Z_DEFAULT_STRATEGY) != Z_OK)
		post_nomem();
	if (deflateSetDictionary(&d, (const Bytef *)ed + m->out - dict,
	    (uInt)dict) != Z_OK || (bits && deflatePrime(&d, (int)bits,
	    (int)val) != Z_OK)) {
		deflateEnd(&d);
		return NULL;
	}
	cap = keep + deflateBound(&d, (uLong)(edlen - m->out)) + 16;
	out = xmalloc(cap);
	memcpy(out, z, keep);
	d.next_in = (Bytef *)(uintptr_t)(ed + m->out);
	d.avail_in = (uInt)(edlen - m->out);
	d.next_out = (Bytef *)out + keep;
	d.avail_out = (uInt)(cap - keep - 4);
	if (deflate(&d, Z_FINISH) != Z_STREAM_END) {
		deflateEnd(&d);
		free(out);
		return NULL;
	}
	*outlen = keep + (size_t)d.total_out;
	deflateEnd(&d);
	ad = adler32(adler32(0L, Z_NULL, 0), (const Bytef *)ed, (uInt)edlen);
	out[(*outlen)++] = (char)(ad >> 24 & 0xff);
	out[(*outlen)++] = (char)(ad >> 16 & 0xff);
	out[(*outlen)++] = (char)(ad >> 8 & 0xff);
	out[(*outlen)++] = (char)(ad & 0xff);

	buf_init(&check);
	if (!post_inflate(out, *outlen, &check, NULL, NULL) ||
	    check.len != edlen || memcmp(check.data, ed, edlen) != 0) {
		free(out);
		out = NULL;
	}
	buf_clear(&check);
	return out;
}

int
pdf_art_cmp(const void *a, const void *b)
{
	const struct art	*x = a, *y = b;

	if (x->page != y->page)
		return x->page < y->page ? -1 : 1;
	return x->mcid < y->mcid ? -1 : x->mcid > y->mcid;
}

/* Returns 1 if mcid on page is furniture. */
static int
post_is_art(const struct post *p, long page, long mcid)
{
	struct art	 key;

	key.page = page;
	key.mcid = mcid;
	return bsearch(&key, p->art, p->nart, sizeof(*p->art),
	    pdf_art_cmp) != NULL;
}

/* Sets entry mcid of the parent tree array for key to null. */
static void
post_parent_null(struct post *p, long key, long mcid)
{
	struct pv	*a;

	if (key < 0 || key >= p->nparr || (a = p->parr[key]) == NULL ||
	    mcid < 0 || (size_t)mcid >= a->n)
		return;
	pdf_pv_set_raw(&a->kid[mcid], xstrdup("null"));
	a->dirty = 1;
}

/*
 * Reads the furniture sequence "/Private << /MCID n >> BDC" at l, which
 * stands on a name: returns its MCID and sets *end just past "BDC", or
 * returns -1 when l holds no such sequence.
 */
static long
post_bdc_mcid(const struct lex *l, const char **end)
{
	static const char	 mark[] = "/" PDF_POST_ART;
	struct lex		 t;
	long			 mcid = -1;

	if ((size_t)(l->end - l->p) <= sizeof(mark) - 1 ||
	    memcmp(l->p, mark, sizeof(mark) - 1) != 0 ||
	    !(pdf_lex_ws((unsigned char)l->p[sizeof(mark) - 1]) ||
	    pdf_lex_delim((unsigned char)l->p[sizeof(mark) - 1])))
		return -1;
	t = *l;
	t.p += sizeof(mark) - 1;
	pdf_lex_skip(&t);
	if (t.end - t.p > 2 && memcmp(t.p, "<<", 2) == 0) {
		t.p += 2;
		pdf_lex_skip(&t);
		if (t.end - t.p > 5 && memcmp(t.p, "/MCID", 5) == 0) {
			t.p += 5;
			pdf_lex_skip(&t);
			mcid = pdf_lex_uint(t.p, pdf_lex_word(&t));
			t.p += pdf_lex_word(&t);
			pdf_lex_skip(&t);
		}
		if (mcid >= 0 && t.end - t.p > 2 &&
		    memcmp(t.p, ">>", 2) == 0) {
			t.p += 2;
			pdf_lex_skip(&t);
		} else
			mcid = -1;
	}
	if (mcid < 0 || !pdf_lex_is(&t, "BDC"))
		return -1;
	*end = t.p + 3;
	return mcid;
}

/*
 * Moves l past one token of content stream num.  Returns 1 on success,
 * 0 on error (post->err set).
 */
static int
post_content_token(struct post *p, long num, struct lex *l)
{
	size_t	 n;

	if (*l->p == '(' || *l->p == '[' || *l->p == '/' ||
	    (*l->p == '<' && l->end - l->p > 1 && l->p[1] == '<')) {
		if (*l->p == '[' || *l->p == '<') {
			/* Arrays and dictionaries in content hold only
			 * values. */
			if (!pdf_pv_parse(l, NULL, 0))
				return pdf_post_fail(p, "content %ld cannot "
				    "be read", num);
		} else if (*l->p == '(') {
			if (!pdf_lex_string(l))
				return pdf_post_fail(p, "content %ld: "
				    "unclosed string", num);
		} else {
			l->p++;
			l->p += pdf_lex_word(l);
		}
	} else if (*l->p == '<') {
		if (!pdf_pv_parse(l, NULL, 0))
			return pdf_post_fail(p, "content %ld cannot be read",
			    num);
	} else if ((n = pdf_lex_word(l)) > 0)
		l->p += n;
	else
		return pdf_post_fail(p, "content %ld: stray '%c'", num,
		    *l->p);
	return 1;
}

/*
 * Copies data[0..len), the content of stream num, into out with each
 * furniture sequence of page made "/Artifact BMC" and its entry in the
 * parent tree array for key nulled; *first is where the first edit
 * starts in out.  Returns the number of sequences rewritten, -1 on
 * error (post->err set).
 */
static long
post_content_edit(struct post *p, long num, long page, long key,
    const char *data, size_t len, struct buf *out, size_t *first)
{
	struct lex	 l;
	const char	*copied, *end;
	long		 mcid, done = 0;

	l.p = copied = data;
	l.end = data + len;
	for (;;) {
		pdf_lex_skip(&l);
		if (l.p >= l.end)
			break;
		if (pdf_lex_is(&l, "BI")) {
			pdf_post_fail(p, "content %ld: inline image", num);
			return -1;
		}
		if (*l.p == '/' && (mcid = post_bdc_mcid(&l, &end)) >= 0 &&
		    post_is_art(p, page, mcid)) {
			buf_putn(out, copied, (size_t)(l.p - copied));
			if (done == 0)
				*first = out->len;
			buf_puts(out, "/Artifact BMC");
			l.p = copied = end;
			post_parent_null(p, key, mcid);
			done++;
			continue;
		}
		if (!post_content_token(p, num, &l))
			return -1;
	}
	if (done > 0)
		buf_putn(out, copied, (size_t)(l.end - copied));
	return done;
}

/*
 * Rewrites the content stream num of page (object number, parent tree
 * key): each furniture sequence "/Private << /MCID n >> BDC" becomes
 * "/Artifact BMC" and its parent tree entry null.  The content is
 * tokenised, so text that merely looks like the operator is left alone.
 * Returns the number of sequences rewritten, -1 on error.
 */
long
pdf_post_content(struct post *p, long num, long page, long key)
{
	struct obj		*o = &p->o[num];
	struct pv		*d, *f;
	struct buf		 plain, out;
	struct zmark		*marks = NULL;
	const char		*data;
	size_t			 len, nmarks = 0, first = 0;
	long			 done;

	if ((d = pdf_post_obj(p, num)) == NULL || o->data == NULL ||
	    d->type != PV_DICT || o->newdata != NULL)
		return pdf_post_fail(p, "page content %ld is not a stream of "
		    "its own", num) - 1;
	f = pdf_pv_get(d, "/Filter");
	if (pdf_pv_get(d, "/DecodeParms") != NULL || (f != NULL &&
	    !pdf_pv_is_name(f, "/FlateDecode")))
		return pdf_post_fail(p, "content %ld: filter not understood",
		    num) - 1;
	buf_init(&plain);
	buf_init(&out);
	if (f != NULL) {
		if (!post_inflate(o->data, o->datalen, &plain, &marks,
		    &nmarks)) {
			free(marks);
			buf_clear(&plain);
			buf_clear(&out);
			return pdf_post_fail(p, "content %ld cannot be "
			    "inflated", num) - 1;
		}
		data = plain.data;
		len = plain.len;
	} else {
		data = o->data;
		len = o->datalen;
	}
	done = post_content_edit(p, num, page, key, data, len, &out, &first);
	if (done > 0 && f != NULL) {
		o->newdata = post_redeflate(o->data, o->datalen, marks,
		    nmarks, out.data, out.len, first, &o->newlen);
		if (o->newdata == NULL)
			o->newdata = pdf_post_deflate(out.data, out.len,
			    &o->newlen);
	} else if (done > 0) {
		o->newdata = pdf_post_deflate(out.data, out.len, &o->newlen);
		pdf_pv_put(d, "/Filter", xstrdup("/FlateDecode"));
		pdf_post_edit(p, num);
	}
	free(marks);
	buf_clear(&out);
	buf_clear(&plain);
	return done;
}

/* Gives stream num a new /Length for its new data. */
int
pdf_post_length(struct post *p, long num)
{
	struct pv	*d = p->o[num].v, *len;

	len = pdf_pv_get(d, "/Length");
	if (len != NULL && len->type == PV_REF) {
		if (pdf_post_obj(p, len->i) == NULL)
			return 0;
		pdf_pv_set_raw(p->o[len->i].v,
		    xasprintf("%zu", p->o[num].newlen));
		pdf_post_edit(p, len->i);
	} else {
		pdf_pv_put(d, "/Length", xasprintf("%zu", p->o[num].newlen));
		pdf_post_edit(p, num);
	}
	return 1;
}

/*
 * Deflates every stream cairo left unfiltered (its content streams, when
 * CAIRO_DEBUG_PDF is set: see post_init()) that the edits did not
 * already replace.  Returns 1 on success.
 */
int
pdf_post_compress(struct post *p)
{
	struct obj	*o;
	struct pv	*d;
	long		 num;

	for (num = 1; num < p->size; num++) {
		o = &p->o[num];
		if (!o->used || o->drop || o->data == NULL ||
		    o->newdata != NULL)
			continue;
		if ((d = pdf_post_obj(p, num)) == NULL)
			return 0;
		if (d->type != PV_DICT || pdf_pv_get(d, "/Filter") != NULL ||
		    pdf_pv_get(d, "/DecodeParms") != NULL ||
		    pdf_pv_is_name(pdf_pv_get(d, "/Type"), "/Metadata"))
			continue;
		o->newdata = pdf_post_deflate(o->data, o->datalen, &o->newlen);
		pdf_pv_put(d, "/Filter", xstrdup("/FlateDecode"));
		pdf_post_edit(p, num);
		if (!pdf_post_length(p, num))
			return 0;
	}
	return 1;
}

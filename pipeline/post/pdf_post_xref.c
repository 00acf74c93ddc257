/*
 * pdf_post_xref.c: the file as the post-pass reads it (pdf_post_int.h):
 * cairo's classic cross-reference table and trailer, each object located
 * and its value parsed on first use.
 */
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "pdf_post.h"
#include "pdf_post_int.h"

/* Returns object num's parsed value (parsed on first use), or NULL with
 * the error recorded. */
struct pv *
pdf_post_obj(struct post *p, long num)
{
	struct obj	*o;
	struct lex	 l;

	if (num <= 0 || num >= p->size || !p->o[num].used) {
		pdf_post_fail(p, "object %ld is missing", num);
		return NULL;
	}
	o = &p->o[num];
	if (o->v != NULL)
		return o->v;
	o->v = xcalloc(1, sizeof(*o->v));
	l.p = o->body;
	l.end = o->body + o->bodylen;
	if (!pdf_pv_parse(&l, o->v, 0)) {
		free(o->v);
		o->v = NULL;
		pdf_post_fail(p, "object %ld cannot be read", num);
	}
	return o->v;
}

/* Returns the value v, or the object it refers to. */
struct pv *
pdf_post_deref(struct post *p, struct pv *v)
{
	if (v != NULL && v->type == PV_REF)
		return pdf_post_obj(p, v->i);
	return v;
}

/* Marks object num as written from its parsed value. */
void
pdf_post_edit(struct post *p, long num)
{
	p->o[num].edited = 1;
}

/* Returns the integer a value or reference resolves to, or -1. */
long
pdf_post_int(struct post *p, struct pv *v)
{
	v = pdf_post_deref(p, v);
	return v != NULL && v->type == PV_NUM && v->isint ? v->i : -1;
}

/*
 * Finds object num at offset off: "num 0 obj", a value, and either
 * "endobj" or a stream.  Stream lengths may be indirect, so streams are
 * read in a second round (stream == 1).
 */
static int
post_locate(struct post *p, long num, size_t off, int stream)
{
	struct obj	*o = &p->o[num];
	struct lex	 l;
	struct pv	 d;
	long		 len;
	size_t		 n;

	l.p = p->in + off;
	l.end = p->in + p->inlen;
	if (pdf_lex_uint(l.p, pdf_lex_word(&l)) != num)
		return pdf_post_fail(p, "object %ld is not at its offset", num);
	l.p += pdf_lex_word(&l);
	pdf_lex_skip(&l);
	if (!pdf_lex_is(&l, "0"))
		return pdf_post_fail(p, "object %ld: generation not 0", num);
	l.p++;
	pdf_lex_skip(&l);
	if (!pdf_lex_is(&l, "obj"))
		return pdf_post_fail(p, "object %ld: no 'obj'", num);
	l.p += 3;
	pdf_lex_skip(&l);
	o->body = l.p;
	if (!pdf_pv_parse(&l, stream ? &d : NULL, 0))
		return pdf_post_fail(p, "object %ld cannot be read", num);
	o->bodylen = (size_t)(l.p - o->body);
	pdf_lex_skip(&l);
	if (pdf_lex_is(&l, "endobj")) {
		if (stream)
			pdf_pv_free(&d);
		o->used = 1;
		return 1;
	}
	if (!pdf_lex_is(&l, "stream"))
		return pdf_post_fail(p, "object %ld: no 'endobj'", num);
	if (!stream) {
		o->data = l.p;	/* found again in round two */
		o->used = 1;
		return 1;
	}
	l.p += 6;
	if (l.p < l.end && *l.p == '\r')
		l.p++;
	if (l.p >= l.end || *l.p != '\n') {
		pdf_pv_free(&d);
		return pdf_post_fail(p, "object %ld: bad stream start", num);
	}
	l.p++;
	len = pdf_post_int(p, pdf_pv_get(&d, "/Length"));
	pdf_pv_free(&d);
	if (len < 0 || (size_t)len > (size_t)(l.end - l.p))
		return pdf_post_fail(p, "object %ld: bad stream length", num);
	o->data = l.p;
	o->datalen = (size_t)len;
	l.p += len;
	pdf_lex_skip(&l);
	n = strlen("endstream");
	if (!pdf_lex_is(&l, "endstream"))
		return pdf_post_fail(p, "object %ld: no 'endstream'", num);
	l.p += n;
	pdf_lex_skip(&l);
	if (!pdf_lex_is(&l, "endobj"))
		return pdf_post_fail(p, "object %ld: no 'endobj'", num);
	return 1;
}

/* Reads the classic cross-reference table and trailer at the end of the
 * file and finds every object. */
int
pdf_post_xref(struct post *p)
{
	const char	*q, *end = p->in + p->inlen;
	struct lex	 l;
	long		 first, count, i, off, sx;
	size_t		 tail;
	struct pv	*v;

	if (p->inlen < 32 || memcmp(p->in, "%PDF-1.", 7) != 0)
		return pdf_post_fail(p, "no PDF header");
	tail = p->inlen < 64 ? p->inlen : 64;
	for (q = end - 9; q >= end - tail; q--)
		if (memcmp(q, "startxref", 9) == 0)
			break;
	if (q < end - tail)
		return pdf_post_fail(p, "no startxref");
	l.p = q + 9;
	l.end = end;
	pdf_lex_skip(&l);
	if ((sx = pdf_lex_uint(l.p, pdf_lex_word(&l))) < 0 ||
	    (size_t)sx >= p->inlen)
		return pdf_post_fail(p, "bad startxref");
	l.p = p->in + sx;
	if (!pdf_lex_is(&l, "xref"))
		return pdf_post_fail(p, "no classic xref table");
	l.p += 4;
	/* Offsets first; objects are found once /Size is known. */
	for (;;) {
		pdf_lex_skip(&l);
		if (pdf_lex_is(&l, "trailer"))
			break;
		first = pdf_lex_uint(l.p, pdf_lex_word(&l));
		l.p += pdf_lex_word(&l);
		pdf_lex_skip(&l);
		count = pdf_lex_uint(l.p, pdf_lex_word(&l));
		l.p += pdf_lex_word(&l);
		if (first < 0 || count < 0 || first + count > POST_MAXOBJ)
			return pdf_post_fail(p, "bad xref subsection");
		if (l.p < l.end && *l.p == '\r')
			l.p++;
		if (l.p < l.end && *l.p == '\n')
			l.p++;
		if ((size_t)(l.end - l.p) / 20 < (size_t)count)
			return pdf_post_fail(p, "truncated xref table");
		if (first + count > p->size) {
			p->o = xreallocarray(p->o, (size_t)(first + count),
			    sizeof(*p->o));
			memset(p->o + p->size, 0, (size_t)(first + count -
			    p->size) * sizeof(*p->o));
			p->size = first + count;
		}
		for (i = first; i < first + count; i++, l.p += 20) {
			off = pdf_lex_uint(l.p, 10);
			if (off < 0 || pdf_lex_uint(l.p + 11, 5) < 0 ||
			    l.p[10] != ' ' || l.p[16] != ' ')
				return pdf_post_fail(p, "bad xref entry");
			if (l.p[17] == 'n') {
				if (pdf_lex_uint(l.p + 11, 5) != 0)
					return pdf_post_fail(p, "object %ld: "
					    "generation not 0", i);
				if (i == 0 || (size_t)off >= p->inlen)
					return pdf_post_fail(p,
					    "bad xref entry");
				p->o[i].off = (size_t)off;
				p->o[i].used = 2;
			} else if (l.p[17] != 'f')
				return pdf_post_fail(p, "bad xref entry");
		}
	}
	l.p += 7;
	if (!pdf_pv_parse(&l, &p->trailer, 0) || p->trailer.type != PV_DICT)
		return pdf_post_fail(p, "bad trailer");
	if (pdf_pv_get(&p->trailer, "/Prev") != NULL ||
	    pdf_pv_get(&p->trailer, "/Encrypt") != NULL ||
	    pdf_pv_get(&p->trailer, "/XRefStm") != NULL)
		return pdf_post_fail(p, "updated or encrypted file");
	if ((v = pdf_pv_get(&p->trailer, "/Size")) == NULL || !v->isint ||
	    v->i != p->size)
		return pdf_post_fail(p,
		    "trailer /Size does not match the xref");
	for (i = 1; i < p->size; i++)
		if (p->o[i].used == 2) {
			p->o[i].used = 0;
			if (!post_locate(p, i, p->o[i].off, 0))
				return 0;
		}
	for (i = 1; i < p->size; i++)
		if (p->o[i].data != NULL && !post_locate(p, i, p->o[i].off,
		    1))
			return 0;
	return 1;
}

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
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <zlib.h>

#include "util.h"
#include "pdf_post.h"

#define POST_MAXDEPTH	64	/* nesting of values and of the tree */
#define POST_MAXOBJ	(1 << 22)	/* objects in a file */
#define POST_OBJSTM	200	/* objects per object stream */
#define POST_MAXDATA	((size_t)1 << 28)	/* an inflated stream */

/*
 * cairo 1.16 writes its content streams unfiltered when CAIRO_DEBUG_PDF
 * is set, and that is all the variable does there
 * (_cairo_pdf_surface_create_for_stream_internal: compress_streams =
 * FALSE; fonts and images are compressed either way).  The post-pass
 * deflates every unfiltered stream (post_compress()), so each content
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

/* ------------------------------------------------------------------ */
/* Values */

enum pv_type {
	PV_NULL,
	PV_BOOL,
	PV_NUM,		/* integer or real; i is set for integers */
	PV_NAME,
	PV_STR,
	PV_REF,
	PV_ARR,
	PV_DICT,
	PV_RAW		/* replacement text, written as it is */
};

/* A parsed PDF value.  Its text s[0..len) lies in the input (or in own
 * for a replacement); a container whose items changed is dirty and is
 * written from kid[] instead. */
struct pv {
	enum pv_type	 type;
	const char	*s;	/* the value's text */
	size_t		 len;
	long		 i;	/* PV_NUM integer value, PV_REF object number */
	int		 isint;	/* PV_NUM: an integer */
	struct pv	*kid;	/* PV_ARR items; PV_DICT key, value, ... */
	size_t		 n;	/* entries of kid */
	char		*own;	/* owned text (PV_RAW) */
	struct pv_add	*add;	/* PV_DICT: entries added, in order */
	int		 dirty;
};

/* An entry added to a dictionary.  Kept apart from kid[] so that no
 * addition moves a value another part of the pass points at. */
struct pv_add {
	const char	*key;	/* with its slash; a literal */
	struct pv	*val;
	struct pv_add	*next;
};

struct lex {
	const char	*p;
	const char	*end;
};

struct obj {
	size_t		 off;	/* offset of "N 0 obj" */
	const char	*body;	/* the value's text */
	size_t		 bodylen;
	const char	*data;	/* stream data, NULL for a plain object */
	size_t		 datalen;
	struct pv	*v;	/* parsed value, or NULL */
	char		*newdata; /* replaced stream data (owned) */
	size_t		 newlen;
	int		 used;	/* in use in the xref table */
	int		 drop;	/* left out of the output */
	int		 edited; /* written from v */
	int		 seen;	/* structure tree walk */
};

struct art {
	long	 page;	/* object number of its page */
	long	 mcid;
};

struct post {
	const char		*in;
	size_t			 inlen;
	const struct pdf_post	*pp;
	struct obj		*o;
	long			 size;	/* objects 0..size-1 */
	struct pv		 trailer;
	size_t			 figure;
	struct art		*art;
	size_t			 nart;
	struct pv		**parr;	/* parent tree arrays by key */
	long			 nparr;
	struct pv		*notes;	/* the elements taken out of the
					   tree to be put among the
					   Document's children (references:
					   Notes, floats painted inside a
					   block), in painting order */
	long			*keys;	/* the logical rank of each */
	size_t			 nnotes;
	size_t			 nnote;	/* Notes of them */
	size_t			 ncapfig; /* Caption and Figure elements
					   walked */
	size_t			 nlift;	/* floats of them */
	long			 take;	/* the rank of the element
					   post_elem() last returned 3 for */
	int			 notes_placed; /* post_notes() ran */
	char			*err;
};

static void
pv_free(struct pv *v)
{
	struct pv_add	*a;
	size_t		 i;

	if (v == NULL)
		return;
	for (i = 0; i < v->n; i++)
		pv_free(&v->kid[i]);
	while ((a = v->add) != NULL) {
		v->add = a->next;
		pv_free(a->val);
		free(a->val);
		free(a);
	}
	free(v->kid);
	free(v->own);
	v->kid = NULL;
	v->n = 0;
	v->own = NULL;
}

/* Records the first error; returns 0 for the caller's return. */
static int
post_fail(struct post *p, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static int
post_fail(struct post *p, const char *fmt, ...)
{
	struct buf	 b;
	va_list		 ap;

	if (p->err != NULL)
		return 0;
	buf_init(&b);
	buf_puts(&b, "unexpected form of cairo's PDF: ");
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	p->err = buf_take(&b);
	return 0;
}

static int
lex_ws(int c)
{
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' ||
	    c == '\f' || c == '\0';
}

static int
lex_delim(int c)
{
	return c == '(' || c == ')' || c == '<' || c == '>' || c == '[' ||
	    c == ']' || c == '{' || c == '}' || c == '/' || c == '%';
}

/* Skips white space and comments. */
static void
lex_skip(struct lex *l)
{
	while (l->p < l->end) {
		if (lex_ws((unsigned char)*l->p))
			l->p++;
		else if (*l->p == '%') {
			while (l->p < l->end && *l->p != '\n' && *l->p != '\r')
				l->p++;
		} else
			break;
	}
}

/* Returns the length of the regular (keyword or number) token at p. */
static size_t
lex_word(const struct lex *l)
{
	const char	*q = l->p;

	while (q < l->end && !lex_ws((unsigned char)*q) &&
	    !lex_delim((unsigned char)*q))
		q++;
	return (size_t)(q - l->p);
}

/* Returns 1 if the word at l is the keyword kw. */
static int
lex_is(const struct lex *l, const char *kw)
{
	size_t	 n = strlen(kw);

	return lex_word(l) == n && memcmp(l->p, kw, n) == 0;
}

/* Parses an unsigned decimal integer of w[0..n); -1 if it is not one. */
static long
lex_uint(const char *w, size_t n)
{
	long	 v = 0;
	size_t	 i;

	if (n == 0 || n > 10)
		return -1;
	for (i = 0; i < n; i++) {
		if (w[i] < '0' || w[i] > '9')
			return -1;
		v = v * 10 + (w[i] - '0');
	}
	return v;
}

/* Skips a literal string "( ... )" at l; returns 0 if it is unclosed. */
static int
lex_string(struct lex *l)
{
	int	 depth = 0;

	for (; l->p < l->end; l->p++) {
		if (*l->p == '\\') {
			l->p++;
			continue;
		}
		if (*l->p == '(')
			depth++;
		else if (*l->p == ')' && --depth == 0) {
			l->p++;
			return 1;
		}
	}
	return 0;
}

/*
 * Parses the value at l into v (or only skips it when v is NULL), to
 * nesting depth.  Returns 1 on success, 0 when the text is not a value
 * this pass understands.
 */
static int
pv_parse(struct lex *l, struct pv *v, int depth)
{
	struct pv	 tmp, *k;
	struct lex	 save;
	const char	*start;
	size_t		 n, cap = 0;
	long		 num, gen;
	int		 close;

	if (v == NULL)
		v = &tmp;
	memset(v, 0, sizeof(*v));
	lex_skip(l);
	if (l->p >= l->end || depth > POST_MAXDEPTH)
		return 0;
	start = l->p;
	if ((*l->p == '<' && l->end - l->p > 1 && l->p[1] == '<') ||
	    *l->p == '[') {
		close = *l->p == '[' ? ']' : '>';
		v->type = close == ']' ? PV_ARR : PV_DICT;
		l->p += close == ']' ? 1 : 2;
		for (;;) {
			lex_skip(l);
			if (l->p >= l->end)
				goto bad;
			if (*l->p == close) {
				if (close == '>' && (l->end - l->p < 2 ||
				    l->p[1] != '>'))
					goto bad;
				l->p += close == '>' ? 2 : 1;
				/* No room left over: a structure tree of
				 * many elements is mostly small containers
				 * (issue 13.14). */
				if (v != &tmp && v->n > 0 && v->n < cap)
					v->kid = xreallocarray(v->kid, v->n,
					    sizeof(*v->kid));
				break;
			}
			if (v->type == PV_DICT && v->n % 2 == 0 && *l->p != '/')
				goto bad;
			if (v == &tmp) {
				if (!pv_parse(l, NULL, depth + 1))
					goto bad;
				v->n++;
				continue;
			}
			if (v->n == cap) {
				cap = cap ? cap * 2 : 8;
				v->kid = xreallocarray(v->kid, cap,
				    sizeof(*v->kid));
			}
			k = &v->kid[v->n];
			if (!pv_parse(l, k, depth + 1)) {
				pv_free(k);
				goto bad;
			}
			v->n++;
		}
		if (v->type == PV_DICT && v->n % 2 != 0)
			goto bad;
	} else if (*l->p == '(') {
		v->type = PV_STR;
		if (!lex_string(l))
			goto bad;
	} else if (*l->p == '<') {
		v->type = PV_STR;
		while (l->p < l->end && *l->p != '>')
			l->p++;
		if (l->p >= l->end)
			goto bad;
		l->p++;
	} else if (*l->p == '/') {
		v->type = PV_NAME;
		l->p++;
		l->p += lex_word(l);
	} else {
		n = lex_word(l);
		if (n == 0)
			goto bad;
		if (lex_is(l, "true") || lex_is(l, "false"))
			v->type = PV_BOOL;
		else if (lex_is(l, "null"))
			v->type = PV_NULL;
		else if ((num = lex_uint(l->p, n)) >= 0) {
			v->type = PV_NUM;
			v->isint = 1;
			v->i = num;
			l->p += n;
			/* "N G R" is a reference. */
			save = *l;
			lex_skip(l);
			gen = lex_uint(l->p, lex_word(l));
			if (gen >= 0) {
				l->p += lex_word(l);
				lex_skip(l);
				if (lex_is(l, "R")) {
					if (gen != 0)
						goto bad;
					v->type = PV_REF;
					l->p++;
					v->s = start;
					v->len = (size_t)(l->p - start);
					return 1;
				}
			}
			*l = save;
			n = 0;
		} else {
			/* A real or signed number. */
			size_t	 j;

			for (j = 0; j < n; j++)
				if (strchr("+-.0123456789", l->p[j]) == NULL)
					goto bad;
			v->type = PV_NUM;
		}
		l->p += n;
	}
	v->s = start;
	v->len = (size_t)(l->p - start);
	if (v == &tmp)
		v->n = 0;
	return 1;
bad:
	if (v != &tmp)
		pv_free(v);
	return 0;
}

/* Returns the value of key (with its slash) in dictionary d, or NULL. */
static struct pv *
pv_get(struct pv *d, const char *key)
{
	struct pv_add	*a;
	size_t		 i, n = strlen(key);

	if (d == NULL || d->type != PV_DICT)
		return NULL;
	for (i = 0; i + 1 < d->n; i += 2)
		if (d->kid[i].len == n && memcmp(d->kid[i].s, key, n) == 0)
			return &d->kid[i + 1];
	for (a = d->add; a != NULL; a = a->next)
		if (strcmp(a->key, key) == 0)
			return a->val;
	return NULL;
}

/* Returns 1 if v is the name nm (with its slash). */
static int
pv_is_name(const struct pv *v, const char *nm)
{
	return v != NULL && v->type == PV_NAME && v->len == strlen(nm) &&
	    memcmp(v->s, nm, v->len) == 0;
}

/* Makes v the raw text text (taken over). */
static void
pv_set_raw(struct pv *v, char *text)
{
	pv_free(v);
	memset(v, 0, sizeof(*v));
	v->type = PV_RAW;
	v->own = text;
	v->s = text;
	v->len = strlen(text);
}

/* Sets key of dictionary d to the raw text text (taken over); marks d
 * dirty. */
static void
pv_put(struct pv *d, const char *key, char *text)
{
	struct pv	*v;
	struct pv_add	*a, **tail;

	d->dirty = 1;
	if ((v = pv_get(d, key)) != NULL) {
		pv_set_raw(v, text);
		return;
	}
	a = xcalloc(1, sizeof(*a));
	a->key = key;
	a->val = xcalloc(1, sizeof(*a->val));
	pv_set_raw(a->val, text);
	for (tail = &d->add; *tail != NULL; tail = &(*tail)->next)
		;
	*tail = a;
}

/* Appends v's text to b. */
static void
pv_write(struct buf *b, const struct pv *v)
{
	const struct pv_add	*a;
	size_t			 i;

	if (!v->dirty) {
		buf_putn(b, v->s, v->len);
		return;
	}
	buf_puts(b, v->type == PV_ARR ? "[" : "<<");
	for (i = 0; i < v->n; i++) {
		buf_putc(b, v->type == PV_DICT && i % 2 == 0 && i > 0 ?
		    '\n' : ' ');
		pv_write(b, &v->kid[i]);
	}
	for (a = v->add; a != NULL; a = a->next) {
		buf_printf(b, "\n%s ", a->key);
		pv_write(b, a->val);
	}
	buf_puts(b, v->type == PV_ARR ? " ]" : " >>");
}

/* Returns a new PDF text string for the UTF-8 text s: literal when it
 * is printable ASCII, else UTF-16BE with a byte order mark. */
static char *
pv_text(const char *s)
{
	const unsigned char	*u;
	struct buf		 b;
	gunichar2		*w;
	glong			 i, n;

	buf_init(&b);
	for (u = (const unsigned char *)s; *u != '\0'; u++)
		if (*u < 0x20 || *u > 0x7e)
			break;
	if (*u == '\0') {
		buf_putc(&b, '(');
		for (u = (const unsigned char *)s; *u != '\0'; u++) {
			if (*u == '(' || *u == ')' || *u == '\\')
				buf_putc(&b, '\\');
			buf_putc(&b, (char)*u);
		}
		buf_putc(&b, ')');
		return buf_take(&b);
	}
	w = g_utf8_to_utf16(s, -1, NULL, &n, NULL);
	buf_puts(&b, "<FEFF");
	for (i = 0; w != NULL && i < n; i++)
		buf_printf(&b, "%04X", (unsigned)w[i]);
	buf_putc(&b, '>');
	g_free(w);
	return buf_take(&b);
}

/* Returns the UTF-8 text of the PDF string v as a new string, or NULL
 * when it is not a string cairo writes (free with free()). */
static char *
pv_utf8(const struct pv *v)
{
	struct buf	 b;
	unsigned char	*bytes;
	const char	*q;
	size_t		 n = 0, i;
	char		*s;
	int		 hi = -1, c;

	if (v == NULL || v->type != PV_STR || v->dirty)
		return NULL;
	bytes = xmalloc(v->len + 1);
	if (v->s[0] == '(') {
		for (q = v->s + 1; q < v->s + v->len - 1; q++) {
			if (*q != '\\') {
				bytes[n++] = (unsigned char)*q;
				continue;
			}
			if (++q >= v->s + v->len - 1)
				break;
			c = *q;
			if (c >= '0' && c <= '7') {
				int	 k, o = 0;

				for (k = 0; k < 3 && *q >= '0' && *q <= '7';
				    k++, q++)
					o = o * 8 + (*q - '0');
				q--;
				bytes[n++] = (unsigned char)o;
				continue;
			}
			switch (c) {
			case 'n': bytes[n++] = '\n'; break;
			case 'r': bytes[n++] = '\r'; break;
			case 't': bytes[n++] = '\t'; break;
			case 'b': bytes[n++] = '\b'; break;
			case 'f': bytes[n++] = '\f'; break;
			case '\n': break;
			case '\r': break;
			default: bytes[n++] = (unsigned char)c; break;
			}
		}
	} else {
		for (q = v->s + 1; q < v->s + v->len - 1; q++) {
			if (lex_ws((unsigned char)*q))
				continue;
			if (!g_ascii_isxdigit(*q)) {
				free(bytes);
				return NULL;
			}
			c = g_ascii_xdigit_value(*q);
			if (hi < 0)
				hi = c;
			else {
				bytes[n++] = (unsigned char)(hi * 16 + c);
				hi = -1;
			}
		}
		if (hi >= 0)
			bytes[n++] = (unsigned char)(hi * 16);
	}
	if (n >= 2 && bytes[0] == 0xfe && bytes[1] == 0xff) {
		gunichar2	*w;

		w = xcalloc(n / 2, sizeof(*w));
		for (i = 2; i + 1 < n; i += 2)
			w[i / 2 - 1] = (gunichar2)(bytes[i] << 8 | bytes[i + 1]);
		s = g_utf16_to_utf8(w, (glong)(n / 2 - 1), NULL, NULL, NULL);
		free(w);
		free(bytes);
		if (s == NULL)
			return NULL;
		buf_init(&b);
		buf_puts(&b, s);
		g_free(s);
		return buf_take(&b);
	}
	/* PDFDocEncoding: cairo writes only printable ASCII this way. */
	for (i = 0; i < n; i++)
		if (bytes[i] > 0x7e || (bytes[i] < 0x20 && bytes[i] != '\n' &&
		    bytes[i] != '\r' && bytes[i] != '\t')) {
			free(bytes);
			return NULL;
		}
	bytes[n] = '\0';
	return (char *)bytes;
}

/* ------------------------------------------------------------------ */
/* The file */

/* Returns object num's parsed value (parsed on first use), or NULL with
 * the error recorded. */
static struct pv *
post_obj(struct post *p, long num)
{
	struct obj	*o;
	struct lex	 l;

	if (num <= 0 || num >= p->size || !p->o[num].used) {
		post_fail(p, "object %ld is missing", num);
		return NULL;
	}
	o = &p->o[num];
	if (o->v != NULL)
		return o->v;
	o->v = xcalloc(1, sizeof(*o->v));
	l.p = o->body;
	l.end = o->body + o->bodylen;
	if (!pv_parse(&l, o->v, 0)) {
		free(o->v);
		o->v = NULL;
		post_fail(p, "object %ld cannot be read", num);
	}
	return o->v;
}

/* Returns the value v, or the object it refers to. */
static struct pv *
post_deref(struct post *p, struct pv *v)
{
	if (v != NULL && v->type == PV_REF)
		return post_obj(p, v->i);
	return v;
}

/* Marks object num as written from its parsed value. */
static void
post_edit(struct post *p, long num)
{
	p->o[num].edited = 1;
}

/* Returns the integer a value or reference resolves to, or -1. */
static long
post_int(struct post *p, struct pv *v)
{
	v = post_deref(p, v);
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
	if (lex_uint(l.p, lex_word(&l)) != num)
		return post_fail(p, "object %ld is not at its offset", num);
	l.p += lex_word(&l);
	lex_skip(&l);
	if (!lex_is(&l, "0"))
		return post_fail(p, "object %ld: generation not 0", num);
	l.p++;
	lex_skip(&l);
	if (!lex_is(&l, "obj"))
		return post_fail(p, "object %ld: no 'obj'", num);
	l.p += 3;
	lex_skip(&l);
	o->body = l.p;
	if (!pv_parse(&l, stream ? &d : NULL, 0))
		return post_fail(p, "object %ld cannot be read", num);
	o->bodylen = (size_t)(l.p - o->body);
	lex_skip(&l);
	if (lex_is(&l, "endobj")) {
		if (stream)
			pv_free(&d);
		o->used = 1;
		return 1;
	}
	if (!lex_is(&l, "stream"))
		return post_fail(p, "object %ld: no 'endobj'", num);
	if (!stream) {
		o->data = l.p;	/* found again in round two */
		o->used = 1;
		return 1;
	}
	l.p += 6;
	if (l.p < l.end && *l.p == '\r')
		l.p++;
	if (l.p >= l.end || *l.p != '\n') {
		pv_free(&d);
		return post_fail(p, "object %ld: bad stream start", num);
	}
	l.p++;
	len = post_int(p, pv_get(&d, "/Length"));
	pv_free(&d);
	if (len < 0 || (size_t)len > (size_t)(l.end - l.p))
		return post_fail(p, "object %ld: bad stream length", num);
	o->data = l.p;
	o->datalen = (size_t)len;
	l.p += len;
	lex_skip(&l);
	n = strlen("endstream");
	if (!lex_is(&l, "endstream"))
		return post_fail(p, "object %ld: no 'endstream'", num);
	l.p += n;
	lex_skip(&l);
	if (!lex_is(&l, "endobj"))
		return post_fail(p, "object %ld: no 'endobj'", num);
	return 1;
}

/* Reads the classic cross-reference table and trailer at the end of the
 * file and finds every object. */
static int
post_xref(struct post *p)
{
	const char	*q, *end = p->in + p->inlen;
	struct lex	 l;
	long		 first, count, i, off, sx;
	size_t		 tail;
	struct pv	*v;

	if (p->inlen < 32 || memcmp(p->in, "%PDF-1.", 7) != 0)
		return post_fail(p, "no PDF header");
	tail = p->inlen < 64 ? p->inlen : 64;
	for (q = end - 9; q >= end - tail; q--)
		if (memcmp(q, "startxref", 9) == 0)
			break;
	if (q < end - tail)
		return post_fail(p, "no startxref");
	l.p = q + 9;
	l.end = end;
	lex_skip(&l);
	if ((sx = lex_uint(l.p, lex_word(&l))) < 0 || (size_t)sx >= p->inlen)
		return post_fail(p, "bad startxref");
	l.p = p->in + sx;
	if (!lex_is(&l, "xref"))
		return post_fail(p, "no classic xref table");
	l.p += 4;
	/* Offsets first; objects are found once /Size is known. */
	for (;;) {
		lex_skip(&l);
		if (lex_is(&l, "trailer"))
			break;
		first = lex_uint(l.p, lex_word(&l));
		l.p += lex_word(&l);
		lex_skip(&l);
		count = lex_uint(l.p, lex_word(&l));
		l.p += lex_word(&l);
		if (first < 0 || count < 0 || first + count > POST_MAXOBJ)
			return post_fail(p, "bad xref subsection");
		if (l.p < l.end && *l.p == '\r')
			l.p++;
		if (l.p < l.end && *l.p == '\n')
			l.p++;
		if ((size_t)(l.end - l.p) / 20 < (size_t)count)
			return post_fail(p, "truncated xref table");
		if (first + count > p->size) {
			p->o = xreallocarray(p->o, (size_t)(first + count),
			    sizeof(*p->o));
			memset(p->o + p->size, 0, (size_t)(first + count -
			    p->size) * sizeof(*p->o));
			p->size = first + count;
		}
		for (i = first; i < first + count; i++, l.p += 20) {
			off = lex_uint(l.p, 10);
			if (off < 0 || lex_uint(l.p + 11, 5) < 0 ||
			    l.p[10] != ' ' || l.p[16] != ' ')
				return post_fail(p, "bad xref entry");
			if (l.p[17] == 'n') {
				if (lex_uint(l.p + 11, 5) != 0)
					return post_fail(p, "object %ld: "
					    "generation not 0", i);
				if (i == 0 || (size_t)off >= p->inlen)
					return post_fail(p, "bad xref entry");
				p->o[i].off = (size_t)off;
				p->o[i].used = 2;
			} else if (l.p[17] != 'f')
				return post_fail(p, "bad xref entry");
		}
	}
	l.p += 7;
	if (!pv_parse(&l, &p->trailer, 0) || p->trailer.type != PV_DICT)
		return post_fail(p, "bad trailer");
	if (pv_get(&p->trailer, "/Prev") != NULL ||
	    pv_get(&p->trailer, "/Encrypt") != NULL ||
	    pv_get(&p->trailer, "/XRefStm") != NULL)
		return post_fail(p, "updated or encrypted file");
	if ((v = pv_get(&p->trailer, "/Size")) == NULL || !v->isint ||
	    v->i != p->size)
		return post_fail(p, "trailer /Size does not match the xref");
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

/* ------------------------------------------------------------------ */
/* Streams */

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
static char *
post_deflate(const char *in, size_t len, size_t *outlen)
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

static int
art_cmp(const void *a, const void *b)
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
	    art_cmp) != NULL;
}

/* Sets entry mcid of the parent tree array for key to null. */
static void
post_parent_null(struct post *p, long key, long mcid)
{
	struct pv	*a;

	if (key < 0 || key >= p->nparr || (a = p->parr[key]) == NULL ||
	    mcid < 0 || (size_t)mcid >= a->n)
		return;
	pv_set_raw(&a->kid[mcid], xstrdup("null"));
	a->dirty = 1;
}

/*
 * Rewrites the content stream num of page (object number, parent tree
 * key): each furniture sequence "/Private << /MCID n >> BDC" becomes
 * "/Artifact BMC" and its parent tree entry null.  The content is
 * tokenised, so text that merely looks like the operator is left alone.
 * Returns the number of sequences rewritten, -1 on error.
 */
static long
post_content(struct post *p, long num, long page, long key)
{
	static const char	 mark[] = "/" PDF_POST_ART;
	struct obj		*o = &p->o[num];
	struct pv		*d, *f;
	struct buf		 plain, out;
	struct lex		 l, t;
	struct zmark		*marks = NULL;
	const char		*data, *copied;
	size_t			 len, n, nmarks = 0, first = 0;
	long			 mcid, done = 0;

	if ((d = post_obj(p, num)) == NULL || o->data == NULL ||
	    d->type != PV_DICT || o->newdata != NULL)
		return post_fail(p, "page content %ld is not a stream of its "
		    "own", num) - 1;
	f = pv_get(d, "/Filter");
	if (pv_get(d, "/DecodeParms") != NULL || (f != NULL &&
	    !pv_is_name(f, "/FlateDecode")))
		return post_fail(p, "content %ld: filter not understood",
		    num) - 1;
	buf_init(&plain);
	buf_init(&out);
	if (f != NULL) {
		if (!post_inflate(o->data, o->datalen, &plain, &marks,
		    &nmarks)) {
			free(marks);
			buf_clear(&plain);
			buf_clear(&out);
			return post_fail(p, "content %ld cannot be inflated",
			    num) - 1;
		}
		data = plain.data;
		len = plain.len;
	} else {
		data = o->data;
		len = o->datalen;
	}
	l.p = copied = data;
	l.end = data + len;
	for (;;) {
		lex_skip(&l);
		if (l.p >= l.end)
			break;
		if (lex_is(&l, "BI")) {
			post_fail(p, "content %ld: inline image", num);
			done = -1;
			break;
		}
		if (*l.p == '/' && (size_t)(l.end - l.p) > sizeof(mark) - 1 &&
		    memcmp(l.p, mark, sizeof(mark) - 1) == 0 &&
		    (lex_ws((unsigned char)l.p[sizeof(mark) - 1]) ||
		    lex_delim((unsigned char)l.p[sizeof(mark) - 1]))) {
			/* "/Private << /MCID n >> BDC" */
			t = l;
			t.p += sizeof(mark) - 1;
			lex_skip(&t);
			mcid = -1;
			if (t.end - t.p > 2 && memcmp(t.p, "<<", 2) == 0) {
				t.p += 2;
				lex_skip(&t);
				if (t.end - t.p > 5 &&
				    memcmp(t.p, "/MCID", 5) == 0) {
					t.p += 5;
					lex_skip(&t);
					mcid = lex_uint(t.p, lex_word(&t));
					t.p += lex_word(&t);
					lex_skip(&t);
				}
				if (mcid >= 0 && t.end - t.p > 2 &&
				    memcmp(t.p, ">>", 2) == 0) {
					t.p += 2;
					lex_skip(&t);
				} else
					mcid = -1;
			}
			if (mcid >= 0 && lex_is(&t, "BDC") &&
			    post_is_art(p, page, mcid)) {
				buf_putn(&out, copied, (size_t)(l.p - copied));
				if (done == 0)
					first = out.len;
				buf_puts(&out, "/Artifact BMC");
				l.p = copied = t.p + 3;
				post_parent_null(p, key, mcid);
				done++;
				continue;
			}
		}
		/* Skip one token. */
		if (*l.p == '(' || *l.p == '[' || *l.p == '/' ||
		    (*l.p == '<' && l.end - l.p > 1 && l.p[1] == '<')) {
			if (*l.p == '[' || *l.p == '<') {
				/* Arrays and dictionaries in content hold
				 * only values. */
				if (!pv_parse(&l, NULL, 0)) {
					post_fail(p, "content %ld cannot be "
					    "read", num);
					done = -1;
					break;
				}
			} else if (*l.p == '(') {
				if (!lex_string(&l)) {
					post_fail(p, "content %ld: unclosed "
					    "string", num);
					done = -1;
					break;
				}
			} else {
				l.p++;
				l.p += lex_word(&l);
			}
		} else if (*l.p == '<') {
			if (!pv_parse(&l, NULL, 0)) {
				post_fail(p, "content %ld cannot be read", num);
				done = -1;
				break;
			}
		} else if ((n = lex_word(&l)) > 0)
			l.p += n;
		else {
			post_fail(p, "content %ld: stray '%c'", num, *l.p);
			done = -1;
			break;
		}
	}
	if (done > 0) {
		buf_putn(&out, copied, (size_t)(l.end - copied));
		if (f != NULL) {
			o->newdata = post_redeflate(o->data, o->datalen,
			    marks, nmarks, out.data, out.len, first,
			    &o->newlen);
			if (o->newdata == NULL)
				o->newdata = post_deflate(out.data, out.len,
				    &o->newlen);
		} else {
			o->newdata = post_deflate(out.data, out.len,
			    &o->newlen);
			pv_put(d, "/Filter", xstrdup("/FlateDecode"));
			post_edit(p, num);
		}
	}
	free(marks);
	buf_clear(&out);
	buf_clear(&plain);
	return done;
}

/* Gives stream num a new /Length for its new data. */
static int
post_length(struct post *p, long num)
{
	struct pv	*d = p->o[num].v, *len;

	len = pv_get(d, "/Length");
	if (len != NULL && len->type == PV_REF) {
		if (post_obj(p, len->i) == NULL)
			return 0;
		pv_set_raw(p->o[len->i].v, xasprintf("%zu", p->o[num].newlen));
		post_edit(p, len->i);
	} else {
		pv_put(d, "/Length", xasprintf("%zu", p->o[num].newlen));
		post_edit(p, num);
	}
	return 1;
}

/*
 * Deflates every stream cairo left unfiltered (its content streams, when
 * CAIRO_DEBUG_PDF is set: see post_init()) that the edits did not
 * already replace.  Returns 1 on success.
 */
static int
post_compress(struct post *p)
{
	struct obj	*o;
	struct pv	*d;
	long		 num;

	for (num = 1; num < p->size; num++) {
		o = &p->o[num];
		if (!o->used || o->drop || o->data == NULL ||
		    o->newdata != NULL)
			continue;
		if ((d = post_obj(p, num)) == NULL)
			return 0;
		if (d->type != PV_DICT || pv_get(d, "/Filter") != NULL ||
		    pv_get(d, "/DecodeParms") != NULL ||
		    pv_is_name(pv_get(d, "/Type"), "/Metadata"))
			continue;
		o->newdata = post_deflate(o->data, o->datalen, &o->newlen);
		pv_put(d, "/Filter", xstrdup("/FlateDecode"));
		post_edit(p, num);
		if (!post_length(p, num))
			return 0;
	}
	return 1;
}

/* ------------------------------------------------------------------ */
/* The structure tree */

/* Reads parent tree node t into p->parr, to depth. */
static int
post_parent_tree(struct post *p, struct pv *t, int depth)
{
	struct pv	*nums, *kids, *a;
	size_t		 i;
	long		 key;

	t = post_deref(p, t);
	if (t == NULL || t->type != PV_DICT || depth > POST_MAXDEPTH)
		return post_fail(p, "bad parent tree");
	if ((nums = post_deref(p, pv_get(t, "/Nums"))) != NULL) {
		if (nums->type != PV_ARR || nums->n % 2 != 0)
			return post_fail(p, "bad parent tree /Nums");
		for (i = 0; i < nums->n; i += 2) {
			key = nums->kid[i].isint ? nums->kid[i].i : -1;
			if (key < 0 || key >= POST_MAXOBJ)
				return post_fail(p, "bad parent tree key");
			if (key >= p->nparr) {
				p->parr = xreallocarray(p->parr,
				    (size_t)key + 1, sizeof(*p->parr));
				memset(p->parr + p->nparr, 0, (size_t)(key +
				    1 - p->nparr) * sizeof(*p->parr));
				p->nparr = key + 1;
			}
			/* Arrays are objects of their own in cairo's
			 * output, so an edit stays inside one. */
			a = &nums->kid[i + 1];
			if (a->type != PV_REF)
				return post_fail(p, "parent tree entry %ld "
				    "is not a reference", key);
			if ((a = post_obj(p, nums->kid[i + 1].i)) == NULL)
				return 0;
			post_edit(p, nums->kid[i + 1].i);
			/* An annotation's entry is its element, not an
			 * array. */
			if (a->type == PV_ARR)
				p->parr[key] = a;
		}
	}
	if ((kids = post_deref(p, pv_get(t, "/Kids"))) != NULL) {
		if (kids->type != PV_ARR)
			return post_fail(p, "bad parent tree /Kids");
		for (i = 0; i < kids->n; i++)
			if (!post_parent_tree(p, &kids->kid[i], depth + 1))
				return 0;
	}
	return 1;
}

/* Records the marked content of an artifact's /K k (an MCID, a
 * marked-content reference, or an array of them) on page. */
static int
post_art_record(struct post *p, struct pv *k, long page, int depth)
{
	struct pv	*pg, *m;
	size_t		 i;

	k = post_deref(p, k);
	if (k == NULL || depth > 2)
		return post_fail(p, "bad artifact element");
	if (k->type == PV_NUM && k->isint) {
		if (page <= 0)
			return post_fail(p, "artifact without a page");
		p->art = xreallocarray(p->art, p->nart + 1, sizeof(*p->art));
		p->art[p->nart].page = page;
		p->art[p->nart].mcid = k->i;
		p->nart++;
		return 1;
	}
	if (k->type == PV_DICT && (m = pv_get(k, "/MCID")) != NULL) {
		if ((pg = pv_get(k, "/Pg")) != NULL && pg->type == PV_REF)
			page = pg->i;
		return post_art_record(p, m, page, depth + 1);
	}
	if (k->type == PV_ARR) {
		for (i = 0; i < k->n; i++)
			if (!post_art_record(p, &k->kid[i], page, depth + 1))
				return 0;
		return 1;
	}
	return post_fail(p, "artifact content not understood");
}

/* Returns the structure element kid refers to (a reference to a
 * dictionary with /S), or NULL. */
static struct pv *
post_kid_elem(struct post *p, const struct pv *kid)
{
	struct pv	*e;

	if (kid->type != PV_REF)
		return NULL;
	e = post_obj(p, kid->i);
	return e != NULL && e->type == PV_DICT && pv_get(e, "/S") != NULL ?
	    e : NULL;
}

/* Returns 1 if every child element in the /K array k is a TH. */
static int
post_all_th(struct post *p, struct pv *k)
{
	struct pv	*e;
	size_t		 i;

	if (k == NULL || k->type != PV_ARR)
		return 1;
	for (i = 0; i < k->n; i++)
		if ((e = post_kid_elem(p, &k->kid[i])) != NULL &&
		    !pv_is_name(pv_get(e, "/S"), "/TH"))
			return 0;
	return 1;
}

static int post_kids(struct post *, struct pv *, long, int);

/*
 * Walks structure element num (child of an element whose children are
 * all TH when all_th): gives TH cells their scope, Figures their
 * alternative text, and takes Private (furniture) elements out, and
 * Notes too when pp->note_order places them, and the floats pp->lift
 * names.  Returns 1 when num is kept, 2 when its parent must drop it, 3
 * when its parent must hand it to p->notes (with its rank in p->take),
 * 0 on error.
 */
static int
post_elem(struct post *p, long num, int all_th, int depth)
{
	struct pv	*e, *s, *pg;
	long		 page = 0, key = -1;

	if ((e = post_obj(p, num)) == NULL)
		return 0;
	if (p->o[num].seen)
		return post_fail(p, "element %ld is in the tree twice", num);
	p->o[num].seen = 1;
	if (depth > POST_MAXDEPTH)
		return post_fail(p, "structure tree too deep");
	s = pv_get(e, "/S");
	if ((pg = pv_get(e, "/Pg")) != NULL && pg->type == PV_REF)
		page = pg->i;
	if (pv_is_name(s, "/" PDF_POST_ART)) {
		p->o[num].drop = 1;
		return post_art_record(p, pv_get(e, "/K"), page, 0) ? 2 : 0;
	}
	if (pv_is_name(s, "/Caption") || pv_is_name(s, "/Figure")) {
		if (p->nlift < p->pp->nlifts &&
		    p->pp->lift[p->nlift] == (long)p->ncapfig)
			key = p->pp->lift_order[p->nlift++];
		p->ncapfig++;
	}
	if (pv_is_name(s, "/TH")) {
		pv_put(e, "/A", xasprintf("<< /O /Table /Scope /%s >>",
		    all_th ? "Column" : "Row"));
		post_edit(p, num);
	}
	if (pv_is_name(s, "/Figure") && p->figure < p->pp->nfigures) {
		pv_put(e, "/Alt", pv_text(p->pp->figure_alt[p->figure]));
		p->figure++;
		post_edit(p, num);
	}
	if (!post_kids(p, e, num, depth))
		return 0;
	if (pv_is_name(s, "/Note") && p->pp->note_order != NULL) {
		if (p->nnote >= p->pp->nnotes)
			return post_fail(p, "more Note elements than the "
			    "typesetter painted (%zu)", p->pp->nnotes);
		key = p->pp->note_order[p->nnote++];
	}
	if (key < 0)
		return 1;
	p->take = key;
	return 3;
}

/* Takes the element reference kid, of rank p->take, for p->notes. */
static void
post_note_take(struct post *p, const struct pv *kid)
{
	p->notes = xreallocarray(p->notes, p->nnotes + 1, sizeof(*p->notes));
	p->keys = xreallocarray(p->keys, p->nnotes + 1, sizeof(*p->keys));
	p->keys[p->nnotes] = p->take;
	p->notes[p->nnotes++] = *kid;
}

/* Returns 1 if the element kid refers to is of structure type nm. */
static int
post_kid_is(struct post *p, const struct pv *kid, const char *nm)
{
	struct pv	*e = post_kid_elem(p, kid);

	return e != NULL && pv_is_name(pv_get(e, "/S"), nm);
}

/*
 * Puts each Caption among the children k (the /K array of element e,
 * object num) that a Table or a Figure follows into that element, as its
 * first child: the typesetter paints a caption as a block of its own,
 * before the table or chart (and a Figure with a child element painted
 * into it would lose its own content in cairo 1.16).  Returns 1 on
 * success.
 */
static int
post_captions(struct post *p, struct pv *e, struct pv *k, long num)
{
	struct pv	*t, *tk;
	struct buf	 b;
	size_t		 i, j, m;

	for (i = j = 0; i < k->n; i++) {
		if (i + 1 < k->n && post_kid_is(p, &k->kid[i], "/Caption") &&
		    (post_kid_is(p, &k->kid[i + 1], "/Table") ||
		    post_kid_is(p, &k->kid[i + 1], "/Figure"))) {
			t = post_kid_elem(p, &k->kid[i + 1]);
			tk = pv_get(t, "/K");
			buf_init(&b);
			buf_printf(&b, "[ %ld 0 R", k->kid[i].i);
			if (tk != NULL && tk->type == PV_ARR)
				for (m = 0; m < tk->n; m++) {
					buf_putc(&b, ' ');
					pv_write(&b, &tk->kid[m]);
				}
			else if (tk != NULL && (tk->type == PV_NUM ||
			    post_kid_elem(p, tk) != NULL)) {
				buf_putc(&b, ' ');
				pv_write(&b, tk);
			} else if (tk != NULL) {
				buf_clear(&b);
				return post_fail(p, "element %ld: /K not "
				    "understood", k->kid[i + 1].i);
			}
			buf_puts(&b, " ]");
			pv_put(t, "/K", buf_take(&b));
			post_edit(p, k->kid[i + 1].i);
			pv_put(post_kid_elem(p, &k->kid[i]), "/P",
			    xasprintf("%ld 0 R", k->kid[i + 1].i));
			post_edit(p, k->kid[i].i);
			continue;
		}
		if (i != j)
			k->kid[j] = k->kid[i];
		j++;
	}
	if (j != k->n) {
		k->n = j;
		k->dirty = 1;
		e->dirty = 1;
		post_edit(p, num);
	}
	return 1;
}

/* The element kids of the Document element and their logical ranks,
 * sorted by post_order(). */
struct post_kid {
	struct pv	 v;
	long		 key;
	size_t		 at;		/* painting order: keeps the sort
					   stable */
};

static int
post_kid_cmp(const void *a, const void *b)
{
	const struct post_kid	*x = a, *y = b;

	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return x->at < y->at ? -1 : x->at > y->at;
}

/*
 * Puts the elements taken out of the tree (p->notes: Notes and floats)
 * among the children k of the Document element (object num), sorted
 * kids[0..n) with their ranks: each after the last child of a rank no
 * greater than its own (a Note's: pp->note_order; a float's:
 * pp->lift_order), in painting order among those of one rank.  Returns
 * 1 on success.
 */
static int
post_notes(struct post *p, struct pv *k, const struct post_kid *kids,
    size_t n, long num)
{
	struct post_kid	*notes;
	struct pv	*out;
	size_t		 i, j, m = 0;

	p->notes_placed = 1;
	if ((p->pp->note_order != NULL && p->nnote != p->pp->nnotes) ||
	    p->nlift != p->pp->nlifts)
		return post_fail(p, "the tree has %zu Note elements and %zu "
		    "floats inside blocks, the typesetter painted %zu and "
		    "%zu", p->nnote, p->nlift, p->pp->nnotes, p->pp->nlifts);
	if (p->nnotes == 0)
		return 1;
	if (n != k->n)
		return post_fail(p, "the Document element holds content "
		    "beside its elements");
	notes = xcalloc(p->nnotes, sizeof(*notes));
	for (i = 0; i < p->nnotes; i++) {
		notes[i].v = p->notes[i];
		notes[i].key = p->keys[i];
		notes[i].at = i;
		pv_put(post_kid_elem(p, &p->notes[i]), "/P",
		    xasprintf("%ld 0 R", num));
		post_edit(p, p->notes[i].i);
	}
	qsort(notes, p->nnotes, sizeof(*notes), post_kid_cmp);
	out = xcalloc(n + p->nnotes, sizeof(*out));
	for (i = j = 0; i < n; i++) {
		while (j < p->nnotes && notes[j].key < kids[i].key)
			out[m++] = notes[j++].v;
		out[m++] = k->kid[i];
	}
	while (j < p->nnotes)
		out[m++] = notes[j++].v;
	free(k->kid);
	k->kid = out;
	k->n = m;
	free(notes);
	return 1;
}

/*
 * Puts the element kids of the Document element e (object num, /K array
 * k) in the logical order pp->doc_order gives them, with the Notes taken
 * out of the tree among them (post_notes()).  Returns 1 on success.
 */
static int
post_order(struct post *p, struct pv *e, struct pv *k, long num)
{
	struct post_kid	*kids;
	size_t		 i, n = 0, m = 0;
	int		 moved = 0;

	for (i = 0; i < k->n; i++)
		if (post_kid_elem(p, &k->kid[i]) != NULL)
			n++;
	if (n != p->pp->ndoc_order)
		return post_fail(p, "the Document element has %zu elements, "
		    "the typesetter painted %zu", n, p->pp->ndoc_order);
	kids = xcalloc(n + 1, sizeof(*kids));
	for (i = 0; i < k->n; i++)
		if (post_kid_elem(p, &k->kid[i]) != NULL) {
			kids[m].v = k->kid[i];
			kids[m].key = p->pp->doc_order[m];
			kids[m].at = m;
			m++;
		}
	qsort(kids, n, sizeof(*kids), post_kid_cmp);
	for (i = m = 0; i < k->n; i++)
		if (post_kid_elem(p, &k->kid[i]) != NULL) {
			if (kids[m].at != m)
				moved = 1;
			k->kid[i] = kids[m++].v;
		}
	if (!post_notes(p, k, kids, n, num)) {
		free(kids);
		return 0;
	}
	if (p->nnotes > 0)
		moved = 1;
	free(kids);
	if (moved) {
		k->dirty = 1;
		e->dirty = 1;
		post_edit(p, num);
	}
	return 1;
}

/*
 * Walks the children (/K) of element or tree root e (object num) in
 * order, and drops those that are furniture.  Returns 1 on success.
 */
static int
post_kids(struct post *p, struct pv *e, long num, int depth)
{
	struct pv	*k, *c;
	size_t		 i, j;
	int		 all_th, r;

	if ((k = pv_get(e, "/K")) == NULL)
		return 1;
	if (k->type == PV_REF) {
		if (post_kid_elem(p, k) == NULL)
			return p->err == NULL;
		if ((r = post_elem(p, k->i, post_all_th(p, NULL),
		    depth + 1)) == 0)
			return 0;
		if (r == 3)
			post_note_take(p, k);
		if (r >= 2) {
			pv_put(e, "/K", xstrdup("[]"));
			post_edit(p, num);
		}
		return 1;
	}
	if (k->type != PV_ARR)
		return 1;
	all_th = post_all_th(p, k);
	for (i = j = 0; i < k->n; i++) {
		c = &k->kid[i];
		r = 1;
		if (post_kid_elem(p, c) != NULL &&
		    (r = post_elem(p, c->i, all_th, depth + 1)) == 0)
			return 0;
		if (p->err != NULL)
			return 0;
		if (r == 2) {
			pv_free(c);
			continue;
		}
		if (r == 3) {
			post_note_take(p, c);
			continue;
		}
		if (i != j)
			k->kid[j] = *c;
		j++;
	}
	if (j != k->n) {
		k->n = j;
		k->dirty = 1;
		e->dirty = 1;
		post_edit(p, num);
	}
	if (p->pp->ndoc_order > 0 && pv_is_name(pv_get(e, "/S"),
	    "/Document") && !post_order(p, e, k, num))
		return 0;
	return post_captions(p, e, k, num);
}

/* ------------------------------------------------------------------ */
/* The edits */


/*
 * Writes into b the XMP metadata, from the information dictionary info
 * (so the two agree): dc:title, dc:creator, dc:description,
 * dc:language, pdf:Keywords, pdf:Producer, xmp:CreatorTool, the dates
 * and pdfuaid:part 1.
 */
static void
post_xmp(struct post *p, struct pv *info, struct buf *b)
{
	char		*title, *author, *subject, *keywords, *producer;
	char		*creator, *s, *e;
	size_t		 i;

	title = pv_utf8(pv_get(info, "/Title"));
	author = pv_utf8(pv_get(info, "/Author"));
	subject = pv_utf8(pv_get(info, "/Subject"));
	keywords = pv_utf8(pv_get(info, "/Keywords"));
	producer = pv_utf8(pv_get(info, "/Producer"));
	creator = pv_utf8(pv_get(info, "/Creator"));
	buf_puts(b, "<?xpacket begin=\"\xef\xbb\xbf\" "
	    "id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
	    "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
	    " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/"
	    "22-rdf-syntax-ns#\">\n"
	    "  <rdf:Description rdf:about=\"\"\n"
	    "    xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
	    "    xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n"
	    "    xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"\n"
	    "    xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">\n"
	    "   <dc:format>application/pdf</dc:format>\n"
	    "   <dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">");
	buf_put_xml(b, title);
	buf_puts(b, "</rdf:li></rdf:Alt></dc:title>\n"
	    "   <dc:creator><rdf:Seq>");
	/* The creators as given; else the Info /Author, a comma-separated
	 * list. */
	for (i = 0; i < p->pp->ncreators; i++) {
		buf_puts(b, "<rdf:li>");
		buf_put_xml(b, p->pp->creators[i]);
		buf_puts(b, "</rdf:li>");
	}
	for (s = p->pp->ncreators > 0 ? NULL : author; s != NULL &&
	    *s != '\0'; s = e) {
		if ((e = strstr(s, ", ")) != NULL) {
			*e = '\0';
			e += 2;
		}
		buf_puts(b, "<rdf:li>");
		buf_put_xml(b, s);
		buf_puts(b, "</rdf:li>");
	}
	buf_puts(b, "</rdf:Seq></dc:creator>\n"
	    "   <dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">");
	buf_put_xml(b, subject);
	buf_puts(b, "</rdf:li></rdf:Alt></dc:description>\n"
	    "   <dc:language><rdf:Bag><rdf:li>");
	buf_put_xml(b, p->pp->lang);
	buf_puts(b, "</rdf:li></rdf:Bag></dc:language>\n"
	    "   <pdf:Keywords>");
	buf_put_xml(b, keywords);
	buf_puts(b, "</pdf:Keywords>\n   <pdf:Producer>");
	buf_put_xml(b, producer);
	buf_puts(b, "</pdf:Producer>\n   <xmp:CreatorTool>");
	buf_put_xml(b, creator);
	buf_printf(b, "</xmp:CreatorTool>\n"
	    "   <xmp:CreateDate>%sZ</xmp:CreateDate>\n"
	    "   <xmp:ModifyDate>%sZ</xmp:ModifyDate>\n"
	    "   <xmp:MetadataDate>%sZ</xmp:MetadataDate>\n"
	    "   <pdfuaid:part>1</pdfuaid:part>\n"
	    "  </rdf:Description>\n"
	    " </rdf:RDF>\n"
	    "</x:xmpmeta>\n"
	    "<?xpacket end=\"w\"?>", p->pp->date, p->pp->date, p->pp->date);
	free(title);
	free(author);
	free(subject);
	free(keywords);
	free(producer);
	free(creator);
}

/* Collects the pages of the page tree node num in order into *pages. */
static int
post_page_list(struct post *p, long num, long **pages, size_t *npages,
    int depth)
{
	struct pv	*n, *kids;
	size_t		 i;

	if ((n = post_obj(p, num)) == NULL)
		return 0;
	if (depth > POST_MAXDEPTH || p->o[num].seen || n->type != PV_DICT)
		return post_fail(p, "bad page tree");
	p->o[num].seen = 1;
	if (pv_is_name(pv_get(n, "/Type"), "/Page")) {
		*pages = xreallocarray(*pages, *npages + 1, sizeof(**pages));
		(*pages)[(*npages)++] = num;
		return 1;
	}
	if ((kids = pv_get(n, "/Kids")) == NULL || kids->type != PV_ARR)
		return post_fail(p, "bad page tree node %ld", num);
	for (i = 0; i < kids->n; i++)
		if (kids->kid[i].type != PV_REF || !post_page_list(p,
		    kids->kid[i].i, pages, npages, depth + 1))
			return post_fail(p, "bad page tree node %ld", num);
	return 1;
}

/* Returns the index of the first furniture entry of page in the sorted
 * p->art (p->nart if none). */
static size_t
post_art_first(const struct post *p, long page)
{
	size_t	 lo = 0, hi = p->nart, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (p->art[mid].page < page)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Sets the tab order of every page, marks furniture as artifacts in its
 * content and describes its link annotations. */
static int
post_pages(struct post *p, long pages_num)
{
	long		*pages = NULL, key, done;
	size_t		 npages = 0, i, k, link = 0, a, b;
	struct pv	*pg, *c, *annots, *an;
	int		 ok = 0;

	if (!post_page_list(p, pages_num, &pages, &npages, 0))
		goto out;
	for (i = 0; i < npages; i++) {
		pg = p->o[pages[i]].v;
		pv_put(pg, "/Tabs", xstrdup("/S"));
		post_edit(p, pages[i]);
		key = post_int(p, pv_get(pg, "/StructParents"));
		/* The page's furniture: a run of the sorted p->art. */
		a = post_art_first(p, pages[i]);
		for (b = a; b < p->nart && p->art[b].page == pages[i]; b++)
			;
		if (b > a) {
			done = 0;
			c = pv_get(pg, "/Contents");
			if (c != NULL && c->type == PV_REF) {
				if ((done = post_content(p, c->i, pages[i],
				    key)) > 0 && !post_length(p, c->i))
					goto out;
			} else if (c != NULL && c->type == PV_ARR) {
				for (k = 0; k < c->n && done >= 0; k++) {
					long	 r = -1;

					if (c->kid[k].type == PV_REF &&
					    (r = post_content(p, c->kid[k].i,
					    pages[i], key)) > 0 &&
					    !post_length(p, c->kid[k].i))
						goto out;
					done = r < 0 ? -1 : done + r;
				}
			} else
				done = -1;
			if (done < 0)
				goto out;
			if (done != (long)(b - a)) {
				post_fail(p, "furniture of page %ld not found "
				    "in its content", pages[i]);
				goto out;
			}
		}
		annots = post_deref(p, pv_get(pg, "/Annots"));
		if (annots == NULL)
			continue;
		if (annots->type != PV_ARR) {
			post_fail(p, "bad /Annots on page %ld", pages[i]);
			goto out;
		}
		for (k = 0; k < annots->n; k++) {
			if (annots->kid[k].type != PV_REF ||
			    (an = post_obj(p, annots->kid[k].i)) == NULL ||
			    an->type != PV_DICT) {
				post_fail(p, "bad annotation on page %ld",
				    pages[i]);
				goto out;
			}
			if (!pv_is_name(pv_get(an, "/Subtype"), "/Link"))
				continue;
			if (link < p->pp->nlinks) {
				pv_put(an, "/Contents",
				    pv_text(p->pp->link_text[link]));
				post_edit(p, annots->kid[k].i);
			}
			link++;
		}
	}
	ok = 1;
out:
	free(pages);
	return ok && p->err == NULL;
}

/* ------------------------------------------------------------------ */
/* Writing */

/* Appends object num's value text to b. */
static void
post_obj_text(const struct post *p, long num, struct buf *b)
{
	const struct obj	*o = &p->o[num];

	if (o->edited && o->v != NULL)
		pv_write(b, o->v);
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
		z = post_deflate(hdr.data, hdr.len, &zlen);
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
	z = post_deflate(xref.data, xref.len, &zlen);
	buf_printf(out, "%ld 0 obj\n<< /Type /XRef /Size %ld /W [ 1 4 2 ] "
	    "/Root ", xrefnum, xrefnum + 1);
	pv_write(out, root);
	buf_puts(out, " /Info ");
	pv_write(out, info);
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
	if (!post_xref(&p))
		goto out;
	rootref = pv_get(&p.trailer, "/Root");
	inforef = pv_get(&p.trailer, "/Info");
	if (rootref == NULL || rootref->type != PV_REF || inforef == NULL ||
	    inforef->type != PV_REF) {
		post_fail(&p, "trailer without /Root or /Info");
		goto out;
	}
	if ((root = post_obj(&p, rootref->i)) == NULL ||
	    (info = post_obj(&p, inforef->i)) == NULL)
		goto out;
	if (root->type != PV_DICT || info->type != PV_DICT ||
	    p.o[rootref->i].data != NULL || p.o[inforef->i].data != NULL) {
		post_fail(&p, "bad catalog or information dictionary");
		goto out;
	}
	xmpnum = p.size;

	/* The catalog and the information dictionary. */
	pv_put(root, "/Lang", pv_text(pp->lang));
	pv_put(root, "/ViewerPreferences",
	    xstrdup("<< /DisplayDocTitle true >>"));
	pv_put(root, "/MarkInfo", xstrdup("<< /Marked true >>"));
	pv_put(root, "/Metadata", xasprintf("%ld 0 R", xmpnum));
	post_edit(&p, rootref->i);
	post_xmp(&p, info, &xmp);
	if (strlen(d) >= 19) {
		pv_put(info, "/CreationDate", xasprintf("(D:%.4s%.2s%.2s%.2s"
		    "%.2s%.2sZ)", d, d + 5, d + 8, d + 11, d + 14, d + 17));
		pv_put(info, "/ModDate", xstrdup(pv_get(info,
		    "/CreationDate")->s));
		post_edit(&p, inforef->i);
	}

	/* The structure tree, then the pages (whose content needs to know
	 * the furniture). */
	str = post_deref(&p, pv_get(root, "/StructTreeRoot"));
	if (p.err != NULL)
		goto out;
	if (str != NULL) {
		v = pv_get(root, "/StructTreeRoot");
		if (str->type != PV_DICT || v->type != PV_REF) {
			post_fail(&p, "bad structure tree root");
			goto out;
		}
		if (pv_get(str, "/ParentTree") != NULL &&
		    !post_parent_tree(&p, pv_get(str, "/ParentTree"), 0))
			goto out;
		if (!post_kids(&p, str, v->i, 0))
			goto out;
		if (!p.notes_placed && (p.nnotes > 0 || (pp->note_order !=
		    NULL && pp->nnotes > 0) || pp->nlifts > 0)) {
			post_fail(&p, "Note elements or floats to move and no "
			    "Document element order to place them by");
			goto out;
		}
		/* One root element, the Document. */
		if ((v = pv_get(str, "/K")) != NULL && v->type == PV_ARR &&
		    v->n == 1) {
			struct pv	 one = v->kid[0];

			free(v->kid);
			*v = one;
			str->dirty = 1;
			post_edit(&p, pv_get(root, "/StructTreeRoot")->i);
		}
	}
	if (p.nart > 0)
		qsort(p.art, p.nart, sizeof(*p.art), art_cmp);
	v = pv_get(root, "/Pages");
	if (v == NULL || v->type != PV_REF || !post_pages(&p, v->i) ||
	    !post_compress(&p))
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
		pv_free(p.o[i].v);
		free(p.o[i].v);
		free(p.o[i].newdata);
	}
	free(p.o);
	pv_free(&p.trailer);
	free(p.art);
	free(p.parr);
	free(p.notes);
	free(p.keys);
	buf_clear(&xmp);
	buf_clear(&res);
	return ok;
}

/*
 * pdf_post_value.c: the PDF values of the post-pass (pdf_post_int.h): the
 * first error recorded, the lexer, and the parsed value (struct pv):
 * parsed from the file's text, looked up, edited in place or added to,
 * written back, and read as text (PDF strings to UTF-8).
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "util.h"
#include "pdf_post.h"
#include "pdf_post_int.h"

void
pdf_pv_free(struct pv *v)
{
	struct pv_add	*a;
	size_t		 i;

	if (v == NULL)
		return;
	for (i = 0; i < v->n; i++)
		pdf_pv_free(&v->kid[i]);
	while ((a = v->add) != NULL) {
		v->add = a->next;
		pdf_pv_free(a->val);
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
int
pdf_post_fail(struct post *p, const char *fmt, ...)
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

int
pdf_lex_ws(int c)
{
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' ||
	    c == '\f' || c == '\0';
}

int
pdf_lex_delim(int c)
{
	return c == '(' || c == ')' || c == '<' || c == '>' || c == '[' ||
	    c == ']' || c == '{' || c == '}' || c == '/' || c == '%';
}

/* Skips white space and comments. */
void
pdf_lex_skip(struct lex *l)
{
	while (l->p < l->end) {
		if (pdf_lex_ws((unsigned char)*l->p))
			l->p++;
		else if (*l->p == '%') {
			while (l->p < l->end && *l->p != '\n' && *l->p != '\r')
				l->p++;
		} else
			break;
	}
}

/* Returns the length of the regular (keyword or number) token at p. */
size_t
pdf_lex_word(const struct lex *l)
{
	const char	*q = l->p;

	while (q < l->end && !pdf_lex_ws((unsigned char)*q) &&
	    !pdf_lex_delim((unsigned char)*q))
		q++;
	return (size_t)(q - l->p);
}

/* Returns 1 if the word at l is the keyword kw. */
int
pdf_lex_is(const struct lex *l, const char *kw)
{
	size_t	 n = strlen(kw);

	return pdf_lex_word(l) == n && memcmp(l->p, kw, n) == 0;
}

/* Parses an unsigned decimal integer of w[0..n); -1 if it is not one. */
long
pdf_lex_uint(const char *w, size_t n)
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
int
pdf_lex_string(struct lex *l)
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
 * Parses the items of the array or dictionary v, whose opening bracket
 * l has passed, up to and past its closing one (close: ']' or '>'),
 * each to nesting depth.  When skip is set the items are only skipped
 * and counted in v->n.  Returns 1 on success, 0 when the text is not a
 * container this pass understands (the items parsed stay in v).
 */
static int
pv_parse_items(struct lex *l, struct pv *v, int close, int skip, int depth)
{
	struct pv	*k;
	size_t		 cap = 0;

	for (;;) {
		pdf_lex_skip(l);
		if (l->p >= l->end)
			return 0;
		if (*l->p == close) {
			if (close == '>' && (l->end - l->p < 2 ||
			    l->p[1] != '>'))
				return 0;
			l->p += close == '>' ? 2 : 1;
			/* No room left over: a structure tree of many
			 * elements is mostly small containers (issue
			 * 13.14). */
			if (!skip && v->n > 0 && v->n < cap)
				v->kid = xreallocarray(v->kid, v->n,
				    sizeof(*v->kid));
			break;
		}
		if (v->type == PV_DICT && v->n % 2 == 0 && *l->p != '/')
			return 0;
		if (skip) {
			if (!pdf_pv_parse(l, NULL, depth + 1))
				return 0;
			v->n++;
			continue;
		}
		if (v->n == cap) {
			cap = cap ? cap * 2 : 8;
			v->kid = xreallocarray(v->kid, cap, sizeof(*v->kid));
		}
		k = &v->kid[v->n];
		if (!pdf_pv_parse(l, k, depth + 1)) {
			pdf_pv_free(k);
			return 0;
		}
		v->n++;
	}
	return v->type != PV_DICT || v->n % 2 == 0;
}

/*
 * Parses the bare word at l into v: a boolean, null, an integer, a
 * reference "N 0 R" (moving l past the "R") or a real or signed number.
 * Returns 1 on success, 0 when it is none of these.
 */
static int
pv_parse_word(struct lex *l, struct pv *v)
{
	struct lex	 save;
	size_t		 j, n;
	long		 num, gen;

	n = pdf_lex_word(l);
	if (n == 0)
		return 0;
	if (pdf_lex_is(l, "true") || pdf_lex_is(l, "false"))
		v->type = PV_BOOL;
	else if (pdf_lex_is(l, "null"))
		v->type = PV_NULL;
	else if ((num = pdf_lex_uint(l->p, n)) >= 0) {
		v->type = PV_NUM;
		v->isint = 1;
		v->i = num;
		l->p += n;
		/* "N G R" is a reference. */
		save = *l;
		pdf_lex_skip(l);
		gen = pdf_lex_uint(l->p, pdf_lex_word(l));
		if (gen >= 0) {
			l->p += pdf_lex_word(l);
			pdf_lex_skip(l);
			if (pdf_lex_is(l, "R")) {
				if (gen != 0)
					return 0;
				v->type = PV_REF;
				l->p++;
				return 1;
			}
		}
		*l = save;
		n = 0;
	} else {
		/* A real or signed number. */
		for (j = 0; j < n; j++)
			if (strchr("+-.0123456789", l->p[j]) == NULL)
				return 0;
		v->type = PV_NUM;
	}
	l->p += n;
	return 1;
}

/*
 * Parses the value at l into v (or only skips it when v is NULL), to
 * nesting depth.  Returns 1 on success, 0 when the text is not a value
 * this pass understands.
 */
int
pdf_pv_parse(struct lex *l, struct pv *v, int depth)
{
	struct pv	 tmp;
	const char	*start;
	int		 close;

	if (v == NULL)
		v = &tmp;
	memset(v, 0, sizeof(*v));
	pdf_lex_skip(l);
	if (l->p >= l->end || depth > POST_MAXDEPTH)
		return 0;
	start = l->p;
	if ((*l->p == '<' && l->end - l->p > 1 && l->p[1] == '<') ||
	    *l->p == '[') {
		close = *l->p == '[' ? ']' : '>';
		v->type = close == ']' ? PV_ARR : PV_DICT;
		l->p += close == ']' ? 1 : 2;
		if (!pv_parse_items(l, v, close, v == &tmp, depth))
			goto bad;
	} else if (*l->p == '(') {
		v->type = PV_STR;
		if (!pdf_lex_string(l))
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
		l->p += pdf_lex_word(l);
	} else if (!pv_parse_word(l, v))
		goto bad;
	v->s = start;
	v->len = (size_t)(l->p - start);
	if (v == &tmp)
		v->n = 0;
	return 1;
bad:
	if (v != &tmp)
		pdf_pv_free(v);
	return 0;
}

/* Returns the value of key (with its slash) in dictionary d, or NULL. */
struct pv *
pdf_pv_get(struct pv *d, const char *key)
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
int
pdf_pv_is_name(const struct pv *v, const char *nm)
{
	return v != NULL && v->type == PV_NAME && v->len == strlen(nm) &&
	    memcmp(v->s, nm, v->len) == 0;
}

/* Makes v the raw text text (taken over). */
void
pdf_pv_set_raw(struct pv *v, char *text)
{
	pdf_pv_free(v);
	memset(v, 0, sizeof(*v));
	v->type = PV_RAW;
	v->own = text;
	v->s = text;
	v->len = strlen(text);
}

/* Sets key of dictionary d to the raw text text (taken over); marks d
 * dirty. */
void
pdf_pv_put(struct pv *d, const char *key, char *text)
{
	struct pv	*v;
	struct pv_add	*a, **tail;

	d->dirty = 1;
	if ((v = pdf_pv_get(d, key)) != NULL) {
		pdf_pv_set_raw(v, text);
		return;
	}
	a = xcalloc(1, sizeof(*a));
	a->key = key;
	a->val = xcalloc(1, sizeof(*a->val));
	pdf_pv_set_raw(a->val, text);
	for (tail = &d->add; *tail != NULL; tail = &(*tail)->next)
		;
	*tail = a;
}

/* Appends v's text to b. */
void
pdf_pv_write(struct buf *b, const struct pv *v)
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
		pdf_pv_write(b, &v->kid[i]);
	}
	for (a = v->add; a != NULL; a = a->next) {
		buf_printf(b, "\n%s ", a->key);
		pdf_pv_write(b, a->val);
	}
	buf_puts(b, v->type == PV_ARR ? " ]" : " >>");
}

/* Returns a new PDF text string for the UTF-8 text s: literal when it
 * is printable ASCII, else UTF-16BE with a byte order mark. */
char *
pdf_pv_text(const char *s)
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
char *
pdf_pv_utf8(const struct pv *v)
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
			if (pdf_lex_ws((unsigned char)*q))
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

/*
 * case_value.c: the loaders' shared checks.  The error reporter (with
 * its cap per file), the typed getters that read a scalar, a date, an
 * enumeration, a list or a mapping against the case schema, the
 * uniqueness checks, and case_parse_buf(), which parses one file and runs its
 * loader over it.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "util.h"
#include "diag.h"
#include "yml.h"
#include "case.h"
#include "case_int.h"

/* Has this file reached the error cap?  Then an error is only counted,
 * and the work of phrasing it (suggestions) is skipped. */
int
case_capped(struct lctx *x)
{
	return x->errors >= LOAD_MAX_ERRORS;
}

void
lerr(struct lctx *x, const struct ynode *n, const char *fmt, ...)
{
	va_list ap;

	if (++x->errors > LOAD_MAX_ERRORS) {
		if (x->errors == LOAD_MAX_ERRORS + 1)
			diag_error(x->d, x->file, n ? n->line : 0,
			    n ? n->col : 0, "too many errors; the rest of "
			    "this file is not checked");
		return;
	}
	va_start(ap, fmt);
	diag_vmsg(x->d, DIAG_ERROR, x->file, n ? n->line : 0,
	    n ? n->col : 0, fmt, ap);
	va_end(ap);
}
int
case_is_null(const struct ynode *n)
{
	return n->type == YNODE_SCALAR && n->plain && (n->len == 0 ||
	    strcmp(n->str, "~") == 0 || strcmp(n->str, "null") == 0);
}

/* Returns 1 if n is a scalar, else reports what was expected. */
int
case_want_scalar(struct lctx *x, const struct ynode *n, const char *key,
    const char *what)
{
	if (n->type == YNODE_SCALAR && !case_is_null(n))
		return 1;
	if (n->type == YNODE_SCALAR)
		lerr(x, n, "'%s' has no value: expected %s", key, what);
	else
		lerr(x, n, "'%s' must be %s, not %s", key, what,
		    ynode_type_name(n->type));
	return 0;
}

/* Whether c is a bidirectional control: an embedding, override or
 * isolate (U+202A-202E, U+2066-2069) or a mark (U+200E, U+200F,
 * U+061C), which would reorder the text around it, numbers included. */
static int
is_bidi_control(gunichar c)
{
	return (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 &&
	    c <= 0x2069) || c == 0x200e || c == 0x200f || c == 0x061c;
}

/* Whether c is a combining diacritical mark of the Latin-script blocks
 * (the Indic and Arabic scripts' own marks are drawn by their faces). */
static int
is_diacritic(gunichar c)
{
	return (c >= 0x0300 && c <= 0x036f) || (c >= 0x1ab0 &&
	    c <= 0x1aff) || (c >= 0x1dc0 && c <= 0x1dff) || (c >= 0x20d0 &&
	    c <= 0x20ff) || (c >= 0xfe20 && c <= 0xfe2f);
}

/*
 * Checks the characters of text scalar n (issue 31.9): a bidirectional
 * control, or a combining diacritic that no precomposed letter carries
 * (NFC leaves it alone, and the paper's fonts have no glyph to place
 * it), is an error at the line and column that holds it: the column is
 * exact for a scalar on one line typed without escapes, else the
 * scalar's.  Returns 1 if the text is clean, 0 after the error.
 */
static int
check_text_chars(struct lctx *x, const struct ynode *n, const char *key)
{
	const char	*p, *base = NULL, *q;
	gunichar	 c;
	struct ynode	 at = *n;
	char		*nfc;
	int		 k, ok = 1, oneline = strchr(n->str, '\n') == NULL;

	if (!g_utf8_validate(n->str, -1, NULL))
		return 1;		/* the reader refuses it */
	for (p = n->str, k = 0; *p != '\0' && ok; p = g_utf8_next_char(p),
	    k++) {
		c = g_utf8_get_char(p);
		if (oneline)
			at.col = n->col + (n->plain ? 0 : 1) + k;
		if (is_bidi_control(c)) {
			lerr(x, &at, "'%s' holds the bidirectional control "
			    "U+%04X, which would reorder the text around it "
			    "(numbers included); remove it", key, (unsigned)c);
			ok = 0;
		} else if (is_diacritic(c) && base != NULL) {
			/* The letter and every mark on it, composed. */
			for (q = p; *q != '\0' && is_diacritic(
			    g_utf8_get_char(q)); q = g_utf8_next_char(q))
				continue;
			nfc = g_utf8_normalize(base, q - base,
			    G_NORMALIZE_NFC);
			for (q = nfc; q != NULL && *q != '\0';
			    q = g_utf8_next_char(q))
				if (is_diacritic(g_utf8_get_char(q))) {
					lerr(x, &at, "'%s' holds the combining "
					    "mark U+%04X on \"%.*s\", which "
					    "no single letter carries: the "
					    "paper's fonts cannot draw it; "
					    "write the letter without it",
					    key, (unsigned)c,
					    (int)(p - base), base);
					ok = 0;
					break;
				}
			g_free(nfc);
		} else if (!is_diacritic(c))
			base = p;
	}
	return ok;
}

/* Reads a non-empty string without control characters (they would
 * reach the PDF's metadata and the CSV ledger), bidirectional controls
 * or marks the fonts cannot draw (check_text_chars()); returns a copy
 * or NULL after an error. */
char *
case_get_string(struct lctx *x, const struct ynode *n, const char *key)
{
	const unsigned char *p;

	if (!case_want_scalar(x, n, key, "text"))
		return NULL;
	for (p = (const unsigned char *)n->str; *p != '\0'; p++)
		if (*p < 0x20 || *p == 0x7f) {
			lerr(x, n, "'%s' holds a control character (0x%02x)",
			    key, *p);
			return NULL;
		}
	if (!check_text_chars(x, n, key))
		return NULL;
	return xstrdup(n->str);
}

/* Reads a whole number in [min, max]; returns 1 and sets *out, or 0. */
int
case_get_int(struct lctx *x, const struct ynode *n, const char *key, long min,
    long max, int *out)
{
	const char *p;
	long v = 0;

	if (!case_want_scalar(x, n, key, "a whole number"))
		return 0;
	p = n->str;
	if (*p == '-')
		p++;
	if (*p == '\0' || strspn(p, "0123456789") != strlen(p)) {
		lerr(x, n, "'%s' must be a whole number, not '%s'", key,
		    n->str);
		return 0;
	}
	if (!n->plain) {
		lerr(x, n, "'%s' must be a whole number, not the text \"%s\" "
		    "(remove the quotes)", key, n->str);
		return 0;
	}
	if (p[0] == '0' && p[1] != '\0') {
		/* YAML 1.1 (and so PyYAML, the schema check) reads 010 as
		 * octal 8; refused rather than read as either (31.12). */
		lerr(x, n, "'%s' has a leading zero: %s (YAML 1.1 reads it as "
		    "octal; write it without the zero)", key, n->str);
		return 0;
	}
	if (strlen(p) > 9) {
		lerr(x, n, "'%s' is out of range: %s (expected %ld to %ld)",
		    key, n->str, min, max);
		return 0;
	}
	v = strtol(n->str, NULL, 10);
	if (v < min || v > max) {
		lerr(x, n, "'%s' is out of range: %ld (expected %ld to %ld)",
		    key, v, min, max);
		return 0;
	}
	*out = (int)v;
	return 1;
}

/* Reads an ISO date; returns YYYYMMDD or 0 after an error. */
int
case_get_date(struct lctx *x, const struct ynode *n, const char *key)
{
	int v;

	if (!case_want_scalar(x, n, key, "a date (YYYY-MM-DD)"))
		return 0;
	if ((v = case_parse_date(n->str)) != 0)
		return v;
	if (strlen(n->str) == 10 && n->str[4] == '-' && n->str[7] == '-' &&
	    (strncmp(n->str, "1900", 4) < 0 || strncmp(n->str, "2199", 4) > 0))
		lerr(x, n, "'%s' is out of range: '%s' (expected 1900-01-01 to "
		    "2199-12-31)", key, n->str);
	else if (strlen(n->str) == 10 && n->str[4] == '-' && n->str[7] == '-')
		lerr(x, n, "'%s' is not a real date: '%s'", key, n->str);
	else
		lerr(x, n, "'%s' is not a date: '%s' (expected YYYY-MM-DD)",
		    key, n->str);
	return 0;
}

int
case_get_bool(struct lctx *x, const struct ynode *n, const char *key, int *out)
{
	if (!case_want_scalar(x, n, key, "true or false"))
		return 0;
	if (n->plain && strcmp(n->str, "true") == 0)
		*out = 1;
	else if (n->plain && strcmp(n->str, "false") == 0)
		*out = 0;
	else {
		lerr(x, n, "'%s' must be true or false, not '%s'", key,
		    n->str);
		return 0;
	}
	return 1;
}

/* Picks from names[0..n) by a scalar's text; returns index or -1. */
int
case_get_enum(struct lctx *x, const struct ynode *n, const char *key,
    const char *const *names, size_t nnames, size_t first)
{
	const char *near;
	struct buf list;
	size_t i;

	if (!case_want_scalar(x, n, key, "a value"))
		return -1;
	for (i = first; i < nnames; i++)
		if (strcmp(n->str, names[i]) == 0)
			return (int)i;
	if (case_capped(x)) {
		lerr(x, n, "unknown value");
		return -1;
	}
	buf_init(&list);
	for (i = first; i < nnames; i++)
		buf_printf(&list, "%s%s", i > first ? ", " : "", names[i]);
	near = str_suggest(n->str, names + first, nnames - first);
	if (near != NULL)
		lerr(x, n, "'%s' has an unknown value '%s'; did you mean "
		    "'%s'?", key, n->str, near);
	else
		lerr(x, n, "'%s' has an unknown value '%s' (expected one of: "
		    "%s)", key, n->str, list.data);
	buf_clear(&list);
	return -1;
}

/*
 * Checks that n is a mapping whose keys are all in keys[0..nkeys) and that
 * every key whose name in required[] is present.  Returns 1 if n is a
 * mapping (even with bad keys), 0 otherwise.
 */
int
case_check_map(struct lctx *x, const struct ynode *n, const char *what,
    const char *const *keys, size_t nkeys, const char *const *required,
    size_t nrequired)
{
	size_t i, j;

	if (n == NULL || n->type != YNODE_MAP) {
		lerr(x, n, "%s must be a mapping of keys to values, not %s",
		    what, n ? ynode_type_name(n->type) : "empty");
		return 0;
	}
	for (i = 0; i < n->nkids; i += 2) {
		const struct ynode *k = n->kids[i];
		const char *near;

		for (j = 0; j < nkeys; j++)
			if (strcmp(k->str, keys[j]) == 0)
				break;
		if (j < nkeys)
			continue;
		if (case_capped(x)) {
			lerr(x, k, "unknown key");
			continue;
		}
		if ((near = str_suggest(k->str, keys, nkeys)) != NULL)
			lerr(x, k, "unknown key '%s' in %s; did you mean "
			    "'%s'?", k->str, what, near);
		else
			lerr(x, k, "unknown key '%s' in %s", k->str, what);
	}
	for (j = 0; j < nrequired; j++)
		if (ynode_get(n, required[j]) == NULL)
			lerr(x, n, "%s is missing the required key '%s'",
			    what, required[j]);
	return 1;
}


/* Reads a sequence of non-empty strings into a new vector. */
char **
case_get_strv(struct lctx *x, const struct ynode *n, const char *key,
    size_t *np)
{
	char **v;
	size_t i, k = 0;

	*np = 0;
	if (n->type != YNODE_SEQ) {
		lerr(x, n, "'%s' must be a list, not %s", key,
		    ynode_type_name(n->type));
		return NULL;
	}
	v = xcalloc(n->nkids, sizeof(*v));
	for (i = 0; i < n->nkids; i++) {
		char *s = case_get_string(x, n->kids[i], key);

		if (s != NULL)
			v[k++] = s;
	}
	*np = k;
	return v;
}

int
case_node_cmp(const void *a, const void *b)
{
	const struct ynode *x = *(const struct ynode *const *)a;
	const struct ynode *y = *(const struct ynode *const *)b;
	int c = strcmp(x->str, y->str);

	if (c != 0)
		return c;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return x->col < y->col ? -1 : x->col > y->col;
}

/* Reports every scalar of nodes[0..n) that repeats an earlier one, as
 * "WHAT 'value' is listed twice"; sorts nodes.  O(n log n). */
void
case_check_unique(struct lctx *x, const struct ynode **nodes, size_t n,
    const char *what)
{
	size_t i;

	if (n < 2)
		return;
	qsort(nodes, n, sizeof(*nodes), case_node_cmp);
	for (i = 1; i < n; i++)
		if (strcmp(nodes[i]->str, nodes[i - 1]->str) == 0)
			lerr(x, nodes[i], "%s '%s' is listed twice", what,
			    nodes[i]->str);
}

/* A board's file name and its node, for case_check_slugs(). */
struct slug {
	char			*slug;
	const struct ynode	*node;
};

static int
slug_cmp(const void *a, const void *b)
{
	const struct slug *x = a, *y = b;
	int c = strcmp(x->slug, y->slug);

	if (c != 0)
		return c;
	if (x->node->line != y->node->line)
		return x->node->line < y->node->line ? -1 : 1;
	return (x->node->col > y->node->col) - (x->node->col < y->node->col);
}

/* Each board's paper is written to SLUG.pdf (str_slug()): reports two
 * boards whose names give the same file name, which would overwrite one
 * paper with the other. */
void
case_check_slugs(struct lctx *x, const struct ynode *seq)
{
	struct slug *v;
	size_t i, n = 0;

	v = xcalloc(seq->nkids, sizeof(*v));
	for (i = 0; i < seq->nkids; i++)
		if (seq->kids[i]->type == YNODE_SCALAR &&
		    str_chars(seq->kids[i]->str) > CASE_MAX_LSCB_NAME)
			lerr(x, seq->kids[i], "board name longer than %d "
			    "characters (%zu): its paper's file name would "
			    "be too long", CASE_MAX_LSCB_NAME,
			    str_chars(seq->kids[i]->str));
		else if (seq->kids[i]->type == YNODE_SCALAR) {
			v[n].slug = str_slug(seq->kids[i]->str);
			v[n++].node = seq->kids[i];
		}
	if (n > 1)
		qsort(v, n, sizeof(*v), slug_cmp);
	for (i = 1; i < n; i++)
		if (strcmp(v[i].slug, v[i - 1].slug) == 0 &&
		    strcmp(v[i].node->str, v[i - 1].node->str) != 0)
			lerr(x, v[i].node, "board '%s' would be written to the "
			    "same file (%s.pdf) as '%s'", v[i].node->str,
			    v[i].slug, v[i - 1].node->str);
	for (i = 0; i < n; i++)
		free(v[i].slug);
	free(v);
}


/* --- one file ---------------------------------------------------------- */

/* Parses one file and runs fn over it; its problems are reported to d
 * in file order.  Returns 1 if the file was valid. */
int
case_parse_buf(struct cohort *c, const char *file, const char *data, size_t len,
    struct diag *d, loadfn *fn, const char *what)
{
	struct lctx x;
	struct diag local;
	struct ynode *root = NULL;
	size_t bad;
	int line, col;

	memset(&x, 0, sizeof(x));
	diag_init(&local, NULL);
	x.c = c;
	x.d = &local;
	x.file = cohort_intern_file(c, file);
	if ((bad = str_utf8_error(data, len)) < len) {
		str_offset_pos(data, bad, &line, &col);
		diag_error(&local, file, line, col, "not valid UTF-8 text "
		    "(byte 0x%02x); save the file as UTF-8",
		    (unsigned char)data[bad]);
	} else if (yml_parse(file, data, len, &local, &root)) {
		if (root == NULL)
			diag_error(&local, file, 0, 0, "the file is empty: "
			    "expected %s", what);
		else
			fn(&x, root);
	}
	ynode_free(root);
	if (local.nerrors == 0) {
		diag_clear(&local);
		return 1;
	}
	diag_move_sorted(d, &local);
	return 0;
}

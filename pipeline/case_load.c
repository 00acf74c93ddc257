/*
 * case_load.c: the loader.  Reads report.yaml, codebook.yaml,
 * national.yaml and the case descriptors through yml.c, checks every rule
 * of the case schema and builds struct cohort.  Every problem in every
 * file is reported; nothing half-checked reaches the later stages.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "util.h"
#include "diag.h"
#include "yml.h"
#include "case.h"

const char *const case_sex_names[SEX__MAX] = { "male", "female" };
const char *const case_outcome_names[OUTCOME__MAX] = {
	"died", "serious_harm"
};
const char *const case_death_names[DEATH__MAX] = {
	"none", "sudi", "physical_assault", "neglect", "related", "suicide"
};
const char *const code_level_names[LEVEL__MAX] = { "case", "child" };

/* Errors reported for one file before the rest of it is passed over. */
#define LOAD_MAX_ERRORS	50

/* Upper bounds on small numbers, far above real use. */
#define LOAD_MAX_HOUSEHOLD	100
#define LOAD_MAX_AREAS		100
#define LOAD_MAX_THRESHOLD	1000
#define LOAD_COLLAPSE		80	/* disclosure: collapse, by default */
#define LOAD_MIN_BASE		10	/* comparison: min_base, by default */
#define LOAD_MAX_BANDS		9	/* disclosure: bands, at most */

/* The state of loading one file. */
struct lctx {
	struct cohort	*c;
	struct diag	*d;
	const char	*file;		/* interned name */
	int		 errors;	/* errors reported for this file */
};

static void lerr(struct lctx *, const struct ynode *, const char *, ...)
	__attribute__((format(printf, 3, 4)));

/* Has this file reached the error cap?  Then an error is only counted,
 * and the work of phrasing it (suggestions) is skipped. */
static int
capped(struct lctx *x)
{
	return x->errors >= LOAD_MAX_ERRORS;
}

static void
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

/* --- the cohort ------------------------------------------------------- */

struct cohort *
cohort_new(void)
{
	struct cohort *c = xcalloc(1, sizeof(*c));

	c->report.threshold = 5;
	c->report.collapse = LOAD_COLLAPSE;
	c->report.min_base = LOAD_MIN_BASE;
	return c;
}

static void
free_strv(char **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

void
cohort_free(struct cohort *c)
{
	size_t i, j;

	if (c == NULL)
		return;
	free(c->report.title);
	free(c->report.region);
	free(c->report.organisation);
	free(c->report.national_study);
	free_strv(c->report.authors, c->report.nauthors);
	free_strv(c->report.lscbs, c->report.nlscbs);
	if (c->report.lscb_codes != NULL)
		free_strv(c->report.lscb_codes, c->report.nlscbs);
	free(c->report.region_code);
	free(c->report.contact);
	free(c->report.licence);
	free(c->report.bands);
	for (i = 0; i < c->report.nperiods; i++)
		free(c->report.periods[i].label);
	free(c->report.periods);
	for (i = 0; i < c->codebook.ncodes; i++) {
		free(c->codebook.codes[i].name);
		free(c->codebook.codes[i].label);
		free(c->codebook.codes[i].description);
	}
	free(c->codebook.codes);
	free(c->codebook.by_name);
	for (i = 0; i < c->national.nstudies; i++) {
		struct nat_study *s = &c->national.studies[i];

		free(s->id);
		free(s->title);
		free(s->citation);
		free(s->period);
		for (j = 0; j < s->nfigures; j++) {
			free(s->figures[j].name);
			free(s->figures[j].text);
		}
		free(s->figures);
	}
	free(c->national.studies);
	for (i = 0; i < c->ncases; i++) {
		struct scr_case *k = &c->cases[i];

		for (j = 0; j < k->nchildren; j++)
			free(k->children[j].factors);
		free(k->children);
		free(k->factors);	/* not_recorded shares its block */
		free(k->id);
	}
	free(c->cases);
	free_strv(c->files, c->nfiles);
	free(c);
}

const char *
cohort_intern_file(struct cohort *c, const char *file)
{
	if (c->nfiles > 0 && strcmp(c->files[c->nfiles - 1], file) == 0)
		return c->files[c->nfiles - 1];
	if ((c->nfiles & (c->nfiles - 1)) == 0)
		c->files = xreallocarray(c->files, c->nfiles ? c->nfiles * 2 :
		    1, sizeof(*c->files));
	c->files[c->nfiles] = xstrdup(file);
	return c->files[c->nfiles++];
}

int
codebook_find(const struct codebook *cb, const char *name)
{
	size_t lo = 0, hi = cb->ncodes, mid;
	int c;

	if (cb->by_name == NULL) {	/* not indexed yet: while loading */
		for (mid = 0; mid < cb->ncodes; mid++)
			if (strcmp(cb->codes[mid].name, name) == 0)
				return (int)mid;
		return -1;
	}
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		c = strcmp(name, cb->codes[cb->by_name[mid]].name);
		if (c == 0)
			return (int)cb->by_name[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return -1;
}

/* The codebook whose index codebook_index() is building. */
static const struct codebook *index_cb;

static int
code_name_cmp(const void *a, const void *b)
{
	return strcmp(index_cb->codes[*(const size_t *)a].name,
	    index_cb->codes[*(const size_t *)b].name);
}

/* Sorts an index of the codes by name, for codebook_find(). */
static void
codebook_index(struct codebook *cb)
{
	size_t i;

	cb->by_name = xcalloc(cb->ncodes, sizeof(*cb->by_name));
	for (i = 0; i < cb->ncodes; i++)
		cb->by_name[i] = i;
	index_cb = cb;
	if (cb->ncodes > 1)
		qsort(cb->by_name, cb->ncodes, sizeof(*cb->by_name),
		    code_name_cmp);
	index_cb = NULL;
}

int
report_find_lscb(const struct report *r, const char *name)
{
	size_t i;

	for (i = 0; i < r->nlscbs; i++)
		if (strcmp(r->lscbs[i], name) == 0)
			return (int)i;
	return -1;
}

size_t
report_nperiods(const struct report *r)
{
	return r->nperiods > 0 ? r->nperiods : 1;
}

const char *
report_period(const struct report *r, size_t i, int *from, int *to)
{
	if (i + 1 >= report_nperiods(r)) {
		*from = r->period_from;
		*to = r->period_to;
		return r->nperiods > 0 ? r->periods[r->nperiods - 1].label :
		    NULL;
	}
	*from = r->periods[i].from;
	*to = r->periods[i].to;
	return r->periods[i].label;
}

int
report_period_of(const struct report *r, int date)
{
	size_t i, n = report_nperiods(r);
	int from, to;

	for (i = 0; i < n; i++) {
		report_period(r, i, &from, &to);
		if ((from <= 0 || date >= from) && (to <= 0 || date <= to))
			return (int)i;
	}
	return -1;
}

int
report_find_period(const struct report *r, const char *label)
{
	size_t i;

	for (i = 0; i < r->nperiods; i++)
		if (strcmp(r->periods[i].label, label) == 0)
			return (int)i;
	return -1;
}

const struct nat_study *
national_find(const struct national *n, const char *id)
{
	size_t i;

	for (i = 0; i < n->nstudies; i++)
		if (strcmp(n->studies[i].id, id) == 0)
			return &n->studies[i];
	return NULL;
}

const struct nat_figure *
nat_study_figure(const struct nat_study *s, const char *name)
{
	size_t i;

	for (i = 0; s != NULL && i < s->nfigures; i++)
		if (strcmp(s->figures[i].name, name) == 0)
			return &s->figures[i];
	return NULL;
}

/* --- typed values ----------------------------------------------------- */

int
case_month_days(int y, int m)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };

	if (m < 1 || m > 12)
		return 0;
	if (m == 2 && y % 4 == 0 && (y % 100 != 0 || y % 400 == 0))
		return 29;
	return mdays[m - 1];
}

int
case_parse_date(const char *s)
{
	int y, m, d, i;

	for (i = 0; i < 10; i++) {
		if (i == 4 || i == 7) {
			if (s[i] != '-')
				return 0;
		} else if (!isdigit((unsigned char)s[i]))
			return 0;
	}
	if (s[10] != '\0')
		return 0;
	y = atoi(s);
	m = atoi(s + 5);
	d = atoi(s + 8);
	if (y < 1900 || y > 2199 || d < 1 || d > case_month_days(y, m))
		return 0;
	return y * 10000 + m * 100 + d;
}

/* Is n a null value (absent value, "~" or "null")? */
static int
is_null(const struct ynode *n)
{
	return n->type == YNODE_SCALAR && n->plain && (n->len == 0 ||
	    strcmp(n->str, "~") == 0 || strcmp(n->str, "null") == 0);
}

/* Returns 1 if n is a scalar, else reports what was expected. */
static int
want_scalar(struct lctx *x, const struct ynode *n, const char *key,
    const char *what)
{
	if (n->type == YNODE_SCALAR && !is_null(n))
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
static char *
get_string(struct lctx *x, const struct ynode *n, const char *key)
{
	const unsigned char *p;

	if (!want_scalar(x, n, key, "text"))
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
static int
get_int(struct lctx *x, const struct ynode *n, const char *key, long min,
    long max, int *out)
{
	const char *p;
	long v = 0;

	if (!want_scalar(x, n, key, "a whole number"))
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
static int
get_date(struct lctx *x, const struct ynode *n, const char *key)
{
	int v;

	if (!want_scalar(x, n, key, "a date (YYYY-MM-DD)"))
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

static int
get_bool(struct lctx *x, const struct ynode *n, const char *key, int *out)
{
	if (!want_scalar(x, n, key, "true or false"))
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
static int
get_enum(struct lctx *x, const struct ynode *n, const char *key,
    const char *const *names, size_t nnames, size_t first)
{
	const char *near;
	struct buf list;
	size_t i;

	if (!want_scalar(x, n, key, "a value"))
		return -1;
	for (i = first; i < nnames; i++)
		if (strcmp(n->str, names[i]) == 0)
			return (int)i;
	if (capped(x)) {
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
static int
check_map(struct lctx *x, const struct ynode *n, const char *what,
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
		if (capped(x)) {
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

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* Reads a sequence of non-empty strings into a new vector. */
static char **
get_strv(struct lctx *x, const struct ynode *n, const char *key, size_t *np)
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
		char *s = get_string(x, n->kids[i], key);

		if (s != NULL)
			v[k++] = s;
	}
	*np = k;
	return v;
}

static int
node_str_cmp(const void *a, const void *b)
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
static void
check_unique(struct lctx *x, const struct ynode **nodes, size_t n,
    const char *what)
{
	size_t i;

	if (n < 2)
		return;
	qsort(nodes, n, sizeof(*nodes), node_str_cmp);
	for (i = 1; i < n; i++)
		if (strcmp(nodes[i]->str, nodes[i - 1]->str) == 0)
			lerr(x, nodes[i], "%s '%s' is listed twice", what,
			    nodes[i]->str);
}

/* A board's file name and its node, for check_slugs(). */
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
static void
check_slugs(struct lctx *x, const struct ynode *seq)
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

/* --- report.yaml: the codes of the open data set ---------------------- */

int
report_ons_code_ok(const char *s, int region)
{
	static const char *const la[] = { "E06", "E08", "E09", "E10" };
	size_t i;

	if (s == NULL || strlen(s) != 9)
		return 0;
	for (i = 3; i < 9; i++)
		if (!isdigit((unsigned char)s[i]))
			return 0;
	if (region)
		return strncmp(s, "E12", 3) == 0;
	for (i = 0; i < NELEM(la); i++)
		if (strncmp(s, la[i], 3) == 0)
			return 1;
	return 0;
}

/* A board's name and its index in report.lscbs, sorted by name so that
 * the keys of lscb_codes are found in O(log n). */
struct board_ix {
	const char	*name;
	size_t		 i;
};

static int
board_ix_cmp(const void *a, const void *b)
{
	return strcmp(((const struct board_ix *)a)->name,
	    ((const struct board_ix *)b)->name);
}

/* Reports every code in vals[0..n) (values of the mapping m) that an
 * earlier board has too, naming both boards; sorts vals.  O(n log n). */
static void
check_unique_codes(struct lctx *x, const struct ynode *m,
    const struct ynode **vals, size_t n)
{
	const struct ynode *k, *prev;
	size_t i, j;

	if (n < 2)
		return;
	qsort(vals, n, sizeof(*vals), node_str_cmp);
	for (i = 1; i < n; i++) {
		if (strcmp(vals[i]->str, vals[i - 1]->str) != 0)
			continue;
		if (capped(x)) {
			lerr(x, vals[i], "ONS code given twice");
			continue;
		}
		/* The keys of the two values, for the message. */
		k = prev = NULL;
		for (j = 1; j < m->nkids; j += 2) {
			if (m->kids[j] == vals[i])
				k = m->kids[j - 1];
			if (m->kids[j] == vals[i - 1])
				prev = m->kids[j - 1];
		}
		if (k != NULL && prev != NULL)
			lerr(x, vals[i], "'%s' has the ONS code of '%s' (%s); "
			    "each board's code is its own", k->str, prev->str,
			    vals[i]->str);
	}
}

/*
 * Reads report.yaml's contact, licence (not empty), region_code and
 * lscb_codes (all optional; `scrpaper data` needs the codes): each code of the ONS form, each key
 * of lscb_codes a board, no code given twice, and, when lscb_codes is
 * there, a code for every board.
 */
static void
load_report_codes(struct lctx *x, const struct ynode *root)
{
	struct report *r = &x->c->report;
	const struct ynode *n, *k, *v, **vals;
	struct board_ix *ix, key, *found;
	const char *near;
	char *code;
	int *given, b;
	size_t i, nvals = 0;

	if ((n = ynode_get(root, "contact")) != NULL)
		r->contact = get_string(x, n, "contact");
	if ((n = ynode_get(root, "licence")) != NULL &&
	    (r->licence = get_string(x, n, "licence")) != NULL &&
	    r->licence[strspn(r->licence, " ")] == '\0') {
		lerr(x, n, "'licence' is empty: name the licence the open data "
		    "is published under, or leave the key out for the Open "
		    "Government Licence v3.0");
		free(r->licence);
		r->licence = NULL;
	}
	if ((n = ynode_get(root, "region_code")) != NULL &&
	    (r->region_code = get_string(x, n, "region_code")) != NULL &&
	    !report_ons_code_ok(r->region_code, 1))
		lerr(x, n, "'region_code' must be an ONS region code, E12 and "
		    "six digits (E12000007 is London), not '%s'",
		    r->region_code);
	if ((n = ynode_get(root, "lscb_codes")) == NULL)
		return;
	if (n->type != YNODE_MAP) {
		lerr(x, n, "'lscb_codes' must be a mapping of board names to "
		    "ONS codes, not %s", ynode_type_name(n->type));
		return;
	}
	if (r->nlscbs == 0)	/* no board loaded: already reported */
		return;
	r->lscb_codes = xcalloc(r->nlscbs, sizeof(*r->lscb_codes));
	given = xcalloc(r->nlscbs, sizeof(*given));
	vals = xcalloc(n->nkids / 2 + 1, sizeof(*vals));
	ix = xcalloc(r->nlscbs, sizeof(*ix));
	for (i = 0; i < r->nlscbs; i++) {
		ix[i].name = r->lscbs[i];
		ix[i].i = i;
	}
	qsort(ix, r->nlscbs, sizeof(*ix), board_ix_cmp);
	for (i = 0; i + 1 < n->nkids; i += 2) {
		k = n->kids[i];
		v = n->kids[i + 1];
		key.name = k->str;
		found = bsearch(&key, ix, r->nlscbs, sizeof(*ix),
		    board_ix_cmp);
		b = found != NULL ? (int)found->i : -1;
		if (b < 0) {
			near = capped(x) ? NULL : str_suggest(k->str,
			    (const char *const *)r->lscbs, r->nlscbs);
			if (near != NULL)
				lerr(x, k, "'lscb_codes' names '%s', which is "
				    "not a board in 'lscbs'; did you mean "
				    "'%s'?", k->str, near);
			else
				lerr(x, k, "'lscb_codes' names '%s', which is "
				    "not a board in 'lscbs'", k->str);
			continue;
		}
		given[b] = 1;
		if ((code = get_string(x, v, k->str)) == NULL)
			continue;
		if (!report_ons_code_ok(code, 0)) {
			lerr(x, v, "the code of '%s' must be an ONS "
			    "local-authority code, E06, E08, E09 or E10 and six "
			    "digits (E09000003 is Barnet), not '%s'", k->str,
			    code);
			free(code);
			continue;
		}
		r->lscb_codes[b] = code;
		vals[nvals++] = v;
	}
	check_unique_codes(x, n, vals, nvals);
	for (i = 0; i < r->nlscbs; i++)
		if (!given[i])
			lerr(x, n, "'lscb_codes' gives no code for board '%s'",
			    r->lscbs[i]);
	free(vals);
	free(given);
	free(ix);
}

/* --- report.yaml ------------------------------------------------------ */

/*
 * disclosure: collapse and bands, what the public board papers show where
 * a board's figures are [c] (docs/disclosure.md, "Board papers"):
 * collapse, a per cent 50..100 or false; bands, rising band limits in per cent,
 * each 1..99, at most LOAD_MAX_BANDS of them; pool, true or false (a
 * collapsing table shows the board's figures over every period).
 */
static void
load_board_edition(struct lctx *x, const struct ynode *n, struct report *r)
{
	const struct ynode *m;
	size_t i;
	int v;

	if ((m = ynode_get(n, "collapse")) != NULL) {
		if (m->type == YNODE_SCALAR && m->plain &&
		    strcmp(m->str, "false") == 0)
			r->collapse = 0;
		else
			get_int(x, m, "collapse", 50, 100, &r->collapse);
	}
	if ((m = ynode_get(n, "pool")) != NULL)
		get_bool(x, m, "pool", &r->pool);
	if ((m = ynode_get(n, "bands")) == NULL)
		return;
	if (m->type != YNODE_SEQ || m->nkids == 0 ||
	    m->nkids > LOAD_MAX_BANDS) {
		lerr(x, m, "'bands' must list 1 to %d band limits in per cent, "
		    "rising, e.g. [25, 50, 75]", LOAD_MAX_BANDS);
		return;
	}
	r->bands = xcalloc(m->nkids, sizeof(*r->bands));
	for (i = 0; i < m->nkids; i++) {
		if (!get_int(x, m->kids[i], "bands", 1, 99, &v))
			continue;
		if (r->nbands > 0 && v <= r->bands[r->nbands - 1]) {
			lerr(x, m->kids[i], "'bands' must rise: %d after %d",
			    v, r->bands[r->nbands - 1]);
			continue;
		}
		r->bands[r->nbands++] = v;
	}
}

/* Returns 1 if s is a period label: 1..CASE_MAX_PERIOD_LABEL letters,
 * digits and '-', the first a letter or digit (a label "-" or
 * "--period" would read as an option after --period: issue 31.14), not
 * CASE_POOLED_LABEL. */
static int
valid_period_label(const char *s)
{
	size_t n = strlen(s);

	if (strcmp(s, CASE_POOLED_LABEL) == 0)
		return 0;
	if (n == 0 || n > CASE_MAX_PERIOD_LABEL || *s == '-')
		return 0;
	for (; *s != '\0'; s++)
		if (!isalnum((unsigned char)*s) && *s != '-')
			return 0;
	return 1;
}

/* The label of a period from..to that report.yaml does not name: its
 * first year, and the last two digits of its last ("2006-09" for
 * 2006-04-01 to 2009-09-30), or the one year when both are the same.
 * Returns a new string. */
static char *
period_label_derived(int from, int to)
{
	if (from / 10000 == to / 10000)
		return xasprintf("%04d", from / 10000);
	return xasprintf("%04d-%02d", from / 10000, to / 10000 % 100);
}

static int
period_from_cmp(const void *a, const void *b)
{
	const struct period *x = a, *y = b;

	if (x->from != y->from)
		return x->from < y->from ? -1 : 1;
	return (x->pos.line > y->pos.line) - (x->pos.line < y->pos.line);
}

/* Writes YYYYMMDD d as YYYY-MM-DD into buf (40 bytes). */
static void
period_iso(char *buf, int d)
{
	snprintf(buf, 40, "%04d-%02d-%02d", d / 10000 % 10000,
	    d / 100 % 100, d % 100);
}

/*
 * Reads `earlier:` and the current period's label into r->periods, in
 * chronological order with the current one last: every earlier period
 * a mapping of label, from and to; at most CASE_MAX_EARLIER; labels
 * well formed and unique; no period overlapping another, each earlier
 * one ending before the current one starts.  A period with an error is
 * left out (the file is invalid anyway).
 */
static void
load_periods(struct lctx *x, const struct ynode *root)
{
	static const char *const ekeys[] = { "label", "from", "to" };
	struct report *r = &x->c->report;
	const struct ynode *n, *e, *m, *cur;
	struct period *p, *v;
	size_t i, j, nv = 0;
	char a[40], b[40], c2[40], d2[40];
	int ok;

	n = ynode_get(root, "earlier");
	v = xcalloc((n != NULL && n->type == YNODE_SEQ ? n->nkids : 0) + 1,
	    sizeof(*v));
	if (n != NULL && n->type != YNODE_SEQ)
		lerr(x, n, "'earlier' must be a list of periods ({label, "
		    "from, to}), not %s", ynode_type_name(n->type));
	for (i = 0; n != NULL && n->type == YNODE_SEQ && i < n->nkids; i++) {
		e = n->kids[i];
		if (i == CASE_MAX_EARLIER)
			lerr(x, e, "more than %d earlier periods: move the "
			    "oldest out (docs/annual.md)", CASE_MAX_EARLIER);
		if (!check_map(x, e, "an earlier period", ekeys, 3, ekeys, 3))
			continue;
		p = &v[nv];
		memset(p, 0, sizeof(*p));
		ok = 1;
		if ((m = ynode_get(e, "label")) != NULL) {
			p->label = get_string(x, m, "label");
			if (p->label != NULL && !valid_period_label(p->label)) {
				lerr(x, m, "period label '%s' must be 1 to %d "
				    "letters, digits and '-', start with a letter "
				    "or digit, and not be '%s'",
				    p->label, CASE_MAX_PERIOD_LABEL,
				    CASE_POOLED_LABEL);
				ok = 0;
			}
		}
		if ((m = ynode_get(e, "from")) != NULL)
			p->from = get_date(x, m, "from");
		if ((m = ynode_get(e, "to")) != NULL)
			p->to = get_date(x, m, "to");
		if (p->from && p->to && p->from > p->to) {
			lerr(x, e, "the earlier period '%s' ends before it "
			    "starts", p->label ? p->label : "");
			ok = 0;
		}
		if (!ok || p->label == NULL || !p->from || !p->to) {
			free(p->label);
			continue;
		}
		p->pos.file = x->file;
		p->pos.line = e->line;
		p->pos.col = e->col;
		nv++;
	}
	/* The current period, last. */
	cur = ynode_get(root, "period");
	p = &v[nv];
	memset(p, 0, sizeof(*p));
	p->from = r->period_from;
	p->to = r->period_to;
	if (cur != NULL) {
		p->pos.file = x->file;
		p->pos.line = cur->line;
		p->pos.col = cur->col;
	}
	m = cur != NULL && cur->type == YNODE_MAP ?
	    ynode_get(cur, "label") : NULL;
	if (m != NULL && (p->label = get_string(x, m, "label")) != NULL &&
	    !valid_period_label(p->label))
		lerr(x, m, "period label '%s' must be 1 to %d letters, digits "
		    "and '-', start with a letter or digit, and not be '%s'",
		    p->label, CASE_MAX_PERIOD_LABEL,
		    CASE_POOLED_LABEL);
	if (p->label == NULL && p->from && p->to)
		p->label = period_label_derived(p->from, p->to);
	if (p->label == NULL) {
		/* No valid current period: its error is reported. */
		for (i = 0; i < nv; i++)
			free(v[i].label);
		free(v);
		return;
	}
	if (nv > 1)
		qsort(v, nv, sizeof(*v), period_from_cmp);
	for (i = 0; i < nv; i++) {
		period_iso(a, v[i].from);
		period_iso(b, v[i].to);
		if (v[i].to >= p->from) {
			period_iso(c2, p->from);
			period_iso(d2, p->to);
			x->errors++;
			diag_error(x->d, x->file, v[i].pos.line,
			    v[i].pos.col, "the earlier period '%s' (%s to %s) "
			    "does not end before the current period '%s' "
			    "(%s to %s) starts", v[i].label, a, b, p->label,
			    c2, d2);
		} else if (i > 0 && v[i - 1].to >= v[i].from) {
			period_iso(c2, v[i - 1].from);
			period_iso(d2, v[i - 1].to);
			x->errors++;
			diag_error(x->d, x->file, v[i].pos.line,
			    v[i].pos.col, "the earlier period '%s' (%s to %s) "
			    "overlaps '%s' (%s to %s)", v[i].label, a, b,
			    v[i - 1].label, c2, d2);
		}
		for (j = 0; j <= nv; j++)
			if (j != i && strcmp(v[j].label, v[i].label) == 0 &&
			    (j == nv || v[j].pos.line < v[i].pos.line)) {
				x->errors++;
				diag_error(x->d, x->file, v[i].pos.line,
				    v[i].pos.col, "period label '%s' is used "
				    "twice (also at line %d)%s", v[i].label,
				    v[j].pos.line, j == nv && m == NULL ?
				    "; the current period's label is derived "
				    "from its years: give it a 'label:'" : "");
				break;
			}
	}
	r->periods = v;
	r->nperiods = nv + 1;
}


static void
load_report(struct lctx *x, const struct ynode *root)
{
	static const char *const keys[] = { "title", "region", "period",
	    "organisation", "authors", "national_study", "created",
	    "disclosure", "lscbs", "region_code", "lscb_codes", "contact",
	    "licence", "earlier", "comparison" };
	static const char *const req[] = { "title", "region", "period",
	    "organisation", "authors", "national_study", "lscbs" };
	static const char *const pkeys[] = { "from", "to", "label" };
	static const char *const dkeys[] = { "threshold", "regional",
	    "collapse", "bands", "pool" };
	static const char *const ckeys[] = { "min_base" };
	struct report *r = &x->c->report;
	const struct ynode *n, *m, **names;
	size_t i, k;

	if (!check_map(x, root, "the report", keys, NELEM(keys),
	    req, NELEM(req)))
		return;
	if ((n = ynode_get(root, "title")) != NULL)
		r->title = get_string(x, n, "title");
	if ((n = ynode_get(root, "region")) != NULL)
		r->region = get_string(x, n, "region");
	if ((n = ynode_get(root, "organisation")) != NULL)
		r->organisation = get_string(x, n, "organisation");
	if ((n = ynode_get(root, "national_study")) != NULL) {
		r->national_study = get_string(x, n, "national_study");
		r->national_study_pos.file = x->file;
		r->national_study_pos.line = n->line;
		r->national_study_pos.col = n->col;
	}
	if ((n = ynode_get(root, "period")) != NULL &&
	    check_map(x, n, "'period'", pkeys, 3, pkeys, 2)) {
		if ((m = ynode_get(n, "from")) != NULL)
			r->period_from = get_date(x, m, "from");
		if ((m = ynode_get(n, "to")) != NULL)
			r->period_to = get_date(x, m, "to");
		if (r->period_from && r->period_to &&
		    r->period_from > r->period_to)
			lerr(x, n, "the period ends before it starts");
	}
	load_periods(x, root);
	r->created = r->period_to;
	if ((n = ynode_get(root, "created")) != NULL)
		r->created = get_date(x, n, "created");
	if ((n = ynode_get(root, "disclosure")) != NULL &&
	    check_map(x, n, "'disclosure'", dkeys, NELEM(dkeys), NULL, 0)) {
		load_board_edition(x, n, r);
		if ((m = ynode_get(n, "threshold")) != NULL)
			get_int(x, m, "threshold", 1, LOAD_MAX_THRESHOLD,
			    &r->threshold);
		if ((m = ynode_get(n, "regional")) != NULL)
			get_bool(x, m, "regional", &r->suppress_regional);
	}
	/* comparison: {min_base: N}: the smallest base two periods are
	 * compared over (docs/annual.md) */
	if ((n = ynode_get(root, "comparison")) != NULL &&
	    check_map(x, n, "'comparison'", ckeys, NELEM(ckeys), NULL, 0) &&
	    (m = ynode_get(n, "min_base")) != NULL)
		get_int(x, m, "min_base", 1, 1000, &r->min_base);
	if ((n = ynode_get(root, "authors")) != NULL) {
		r->authors = get_strv(x, n, "authors", &r->nauthors);
		if (n->type == YNODE_SEQ && n->nkids == 0)
			lerr(x, n, "'authors' lists nobody");
	}
	if ((n = ynode_get(root, "lscbs")) != NULL) {
		r->lscbs = get_strv(x, n, "lscbs", &r->nlscbs);
		if (n->type == YNODE_SEQ && n->nkids == 0)
			lerr(x, n, "'lscbs' lists no board");
		if (n->type == YNODE_SEQ && n->nkids > CASE_MAX_LSCBS)
			lerr(x, n, "more than %d boards", CASE_MAX_LSCBS);
		else if (n->type == YNODE_SEQ) {
			names = xcalloc(n->nkids, sizeof(*names));
			for (i = k = 0; i < n->nkids; i++)
				if (n->kids[i]->type == YNODE_SCALAR)
					names[k++] = n->kids[i];
			check_unique(x, names, k, "board");
			free(names);
			check_slugs(x, n);
		}
	}
	load_report_codes(x, root);
}

/* --- codebook.yaml ---------------------------------------------------- */

static int
valid_code_name(const char *s)
{
	if (*s == '\0')
		return 0;
	for (; *s != '\0'; s++)
		if (!islower((unsigned char)*s) && !isdigit((unsigned char)*s)
		    && *s != '_')
			return 0;
	return 1;
}

static void
load_codebook(struct lctx *x, const struct ynode *root)
{
	static const char *const keys[] = { "codes" };
	static const char *const ckeys[] = { "level", "label", "description" };
	struct codebook *cb = &x->c->codebook;
	const struct ynode *codes, *n;
	size_t i;

	if (!check_map(x, root, "the codebook", keys, 1, keys, 1))
		return;
	if ((codes = ynode_get(root, "codes")) == NULL)
		return;
	if (codes->type != YNODE_MAP) {
		lerr(x, codes, "'codes' must be a mapping of code names, not "
		    "%s", ynode_type_name(codes->type));
		return;
	}
	if (codes->nkids == 0) {
		lerr(x, codes, "'codes' lists no code");
		return;
	}
	if (codes->nkids / 2 > CASE_MAX_CODES) {
		lerr(x, codes, "more than %d codes", CASE_MAX_CODES);
		return;
	}
	cb->codes = xcalloc(codes->nkids / 2, sizeof(*cb->codes));
	for (i = 0; i < codes->nkids; i += 2) {
		const struct ynode *k = codes->kids[i], *v = codes->kids[i + 1];
		struct code *cd;
		int lvl;

		if (!valid_code_name(k->str)) {
			lerr(x, k, "code name '%s' must be lower-case letters, "
			    "digits and '_'", k->str);
			continue;
		}
		if (!check_map(x, v, "a code", ckeys, 3, ckeys, 3))
			continue;
		cd = &cb->codes[cb->ncodes++];
		cd->name = xstrdup(k->str);
		cd->pos.file = x->file;
		cd->pos.line = k->line;
		cd->pos.col = k->col;
		if ((n = ynode_get(v, "level")) != NULL &&
		    (lvl = get_enum(x, n, "level", code_level_names,
		    LEVEL__MAX, 0)) >= 0)
			cd->level = (enum code_level)lvl;
		if ((n = ynode_get(v, "label")) != NULL)
			cd->label = get_string(x, n, "label");
		if ((n = ynode_get(v, "description")) != NULL)
			cd->description = get_string(x, n, "description");
		if (cd->label == NULL)
			cd->label = xstrdup(cd->name);
		if (cd->description == NULL)
			cd->description = xstrdup("");
	}
	codebook_index(cb);
	x->c->nwords = (cb->ncodes + 63) / 64;
	if (x->c->nwords == 0)
		x->c->nwords = 1;
}

/* --- national.yaml ---------------------------------------------------- */

static void
load_nat_figures(struct lctx *x, struct nat_study *s, const struct ynode *n)
{
	static const char *const fkeys[] = { "percent", "text" };
	size_t i;

	if (n->type != YNODE_MAP) {
		lerr(x, n, "'figures' must be a mapping of figure names to "
		    "percentages, not %s", ynode_type_name(n->type));
		return;
	}
	s->figures = xcalloc(n->nkids / 2, sizeof(*s->figures));
	for (i = 0; i < n->nkids; i += 2) {
		const struct ynode *k = n->kids[i], *v = n->kids[i + 1], *m;
		struct nat_figure *f = &s->figures[s->nfigures];
		int pct = -1;

		if (v->type == YNODE_MAP) {
			if (!check_map(x, v, "a national figure", fkeys, 2,
			    fkeys, 1))
				continue;
			if ((m = ynode_get(v, "percent")) != NULL &&
			    !get_int(x, m, "percent", 0, 100, &pct))
				continue;
			if ((m = ynode_get(v, "text")) != NULL)
				f->text = get_string(x, m, "text");
		} else if (!get_int(x, v, k->str, 0, 100, &pct))
			continue;
		if (pct < 0) {
			free(f->text);
			f->text = NULL;
			continue;
		}
		f->name = xstrdup(k->str);
		f->percent = pct;
		s->nfigures++;
	}
}

static void
load_national(struct lctx *x, const struct ynode *root)
{
	static const char *const keys[] = { "studies" };
	static const char *const skeys[] = { "id", "title", "citation",
	    "period", "children", "figures" };
	static const char *const sreq[] = { "id", "title", "citation",
	    "period", "figures" };
	struct national *nat = &x->c->national;
	const struct ynode *studies, *n, **ids;
	size_t i, nids = 0;
	int v;

	if (!check_map(x, root, "the national studies", keys, 1, keys, 1))
		return;
	if ((studies = ynode_get(root, "studies")) == NULL)
		return;
	if (studies->type != YNODE_SEQ) {
		lerr(x, studies, "'studies' must be a list, not %s",
		    ynode_type_name(studies->type));
		return;
	}
	if (studies->nkids > CASE_MAX_STUDIES) {
		lerr(x, studies, "more than %d studies", CASE_MAX_STUDIES);
		return;
	}
	nat->studies = xcalloc(studies->nkids, sizeof(*nat->studies));
	ids = xcalloc(studies->nkids, sizeof(*ids));
	for (i = 0; i < studies->nkids; i++) {
		const struct ynode *st = studies->kids[i];
		struct nat_study *s;

		if (!check_map(x, st, "a study", skeys, NELEM(skeys), sreq,
		    NELEM(sreq)))
			continue;
		if ((n = ynode_get(st, "id")) == NULL || !want_scalar(x, n,
		    "id", "text"))
			continue;
		ids[nids++] = n;
		s = &nat->studies[nat->nstudies++];
		s->id = xstrdup(n->str);
		s->children = -1;
		if ((n = ynode_get(st, "title")) != NULL)
			s->title = get_string(x, n, "title");
		if ((n = ynode_get(st, "citation")) != NULL)
			s->citation = get_string(x, n, "citation");
		if ((n = ynode_get(st, "period")) != NULL)
			s->period = get_string(x, n, "period");
		if ((n = ynode_get(st, "children")) != NULL &&
		    get_int(x, n, "children", 0, INT_MAX, &v))
			s->children = v;
		if ((n = ynode_get(st, "figures")) != NULL)
			load_nat_figures(x, s, n);
		if (s->title == NULL)
			s->title = xstrdup(s->id);
		if (s->citation == NULL)
			s->citation = xstrdup("");
		if (s->period == NULL)
			s->period = xstrdup(s->id);
	}
	check_unique(x, ids, nids, "study");
	free(ids);
}

/* --- case descriptors ------------------------------------------------ */

/*
 * Reads a list of codes into set, each of which must exist at level
 * (or at any level when level is LEVEL__MAX).  Reports unknown codes,
 * codes at the wrong level and repeats.
 */
static void
get_codes(struct lctx *x, const struct ynode *n, const char *key,
    enum code_level level, codeword *set)
{
	const struct codebook *cb = &x->c->codebook;
	const char **names;
	size_t i;
	int k;

	if (is_null(n))
		return;
	if (n->type != YNODE_SEQ) {
		lerr(x, n, "'%s' must be a list of codes, not %s", key,
		    ynode_type_name(n->type));
		return;
	}
	if (cb->ncodes == 0)	/* the codebook failed; already reported */
		return;
	for (i = 0; i < n->nkids; i++) {
		const struct ynode *it = n->kids[i];

		if (!want_scalar(x, it, key, "a code"))
			continue;
		if ((k = codebook_find(cb, it->str)) < 0) {
			const char *near;
			size_t j;

			if (capped(x)) {
				lerr(x, it, "unknown code");
				continue;
			}
			names = xcalloc(cb->ncodes, sizeof(*names));
			for (j = 0; j < cb->ncodes; j++)
				names[j] = cb->codes[j].name;
			near = str_suggest(it->str, names, cb->ncodes);
			if (near != NULL)
				lerr(x, it, "unknown code '%s' in '%s'; did "
				    "you mean '%s'?", it->str, key, near);
			else
				lerr(x, it, "unknown code '%s' in '%s' (not "
				    "in the codebook)", it->str, key);
			free(names);
			continue;
		}
		if (level != LEVEL__MAX && cb->codes[k].level != level) {
			lerr(x, it, "'%s' is a %s-level code and cannot be "
			    "used in the %s's '%s'", it->str,
			    code_level_names[cb->codes[k].level],
			    code_level_names[level], key);
			continue;
		}
		if (codeset_has(set, (size_t)k)) {
			lerr(x, it, "code '%s' is listed twice in '%s'",
			    it->str, key);
			continue;
		}
		codeset_add(set, (size_t)k);
	}
}

static void
load_child(struct lctx *x, const struct ynode *n, struct child *ch)
{
	static const char *const keys[] = { "sex", "age_years", "outcome",
	    "death_cause", "factors" };
	static const char *const req[] = { "sex", "age_years", "outcome" };
	const struct ynode *v, *dc;
	int e;

	ch->pos.file = x->file;
	ch->pos.line = n->line;
	ch->pos.col = n->col;
	ch->factors = xcalloc(x->c->nwords, sizeof(codeword));
	ch->outcome = OUTCOME__MAX;
	if (!check_map(x, n, "a child", keys, NELEM(keys), req, NELEM(req)))
		return;
	if ((v = ynode_get(n, "sex")) != NULL &&
	    (e = get_enum(x, v, "sex", case_sex_names, SEX__MAX, 0)) >= 0)
		ch->sex = (enum case_sex)e;
	if ((v = ynode_get(n, "age_years")) != NULL)
		get_int(x, v, "age_years", 0, 17, &ch->age_years);
	if ((v = ynode_get(n, "outcome")) != NULL &&
	    (e = get_enum(x, v, "outcome", case_outcome_names, OUTCOME__MAX,
	    0)) >= 0)
		ch->outcome = (enum case_outcome)e;
	dc = ynode_get(n, "death_cause");
	if (dc != NULL && (e = get_enum(x, dc, "death_cause",
	    case_death_names, DEATH__MAX, 1)) >= 0)
		ch->death = (enum case_death)e;
	if (ch->outcome == OUTCOME_DIED && dc == NULL)
		lerr(x, n, "a child who died needs a 'death_cause'");
	else if (ch->outcome == OUTCOME_SERIOUS_HARM && dc != NULL)
		lerr(x, dc, "'death_cause' is given but the outcome is "
		    "'serious_harm', not 'died'");
	if ((v = ynode_get(n, "factors")) != NULL)
		get_codes(x, v, "factors", LEVEL_CHILD, ch->factors);
}

static int
valid_id(const char *s)
{
	if (*s == '\0' || strlen(s) > 64)
		return 0;
	for (; *s != '\0'; s++)
		if (!isalnum((unsigned char)*s) && *s != '-')
			return 0;
	return 1;
}

static void
load_case(struct lctx *x, const struct ynode *root)
{
	static const char *const keys[] = { "id", "lscb", "completed",
	    "children", "household_children", "lscb_areas_known", "factors",
	    "not_recorded", "notes" };
	static const char *const req[] = { "id", "lscb", "completed",
	    "children" };
	struct cohort *c = x->c;
	struct scr_case *k;
	const struct ynode *n;
	size_t i, w;
	int e;

	if (!check_map(x, root, "a case descriptor", keys, NELEM(keys), req,
	    NELEM(req)))
		return;
	if (c->ncases >= CASE_MAX_CASES) {
		lerr(x, root, "more than %d cases", CASE_MAX_CASES);
		return;
	}
	if ((c->ncases & (c->ncases - 1)) == 0)
		c->cases = xreallocarray(c->cases, c->ncases ? c->ncases * 2 :
		    1, sizeof(*c->cases));
	k = &c->cases[c->ncases++];
	memset(k, 0, sizeof(*k));
	k->pos.file = x->file;
	k->pos.line = root->line;
	k->pos.col = root->col;
	k->lscb_areas_known = 1;
	k->factors = xcalloc(2 * (c->nwords ? c->nwords : 1), sizeof(codeword));
	k->not_recorded = k->factors + (c->nwords ? c->nwords : 1);

	if ((n = ynode_get(root, "id")) != NULL && want_scalar(x, n, "id",
	    "an id")) {
		if (!valid_id(n->str))
			lerr(x, n, "id '%s' may hold only letters, digits and "
			    "'-' (at most 64)", n->str);
		else
			k->id = xstrdup(n->str);
	}
	if ((n = ynode_get(root, "lscb")) != NULL && want_scalar(x, n, "lscb",
	    "a board name") && c->report.nlscbs > 0) {
		if ((e = report_find_lscb(&c->report, n->str)) >= 0)
			k->lscb = (size_t)e;
		else {
			const char *near = str_suggest(n->str,
			    (const char *const *)c->report.lscbs,
			    c->report.nlscbs);

			if (near != NULL)
				lerr(x, n, "unknown LSCB '%s'; did you mean "
				    "'%s'?", n->str, near);
			else
				lerr(x, n, "unknown LSCB '%s' (not in "
				    "report.yaml 'lscbs')", n->str);
		}
	}
	if ((n = ynode_get(root, "completed")) != NULL)
		k->completed = get_date(x, n, "completed");
	if ((n = ynode_get(root, "household_children")) != NULL && !is_null(n))
		get_int(x, n, "household_children", 0, LOAD_MAX_HOUSEHOLD,
		    &k->household_children);
	else
		k->defaulted |= CASE_DEFAULT_HOUSEHOLD;
	if ((n = ynode_get(root, "lscb_areas_known")) != NULL && !is_null(n))
		get_int(x, n, "lscb_areas_known", 1, LOAD_MAX_AREAS,
		    &k->lscb_areas_known);
	else
		k->defaulted |= CASE_DEFAULT_AREAS;
	if ((n = ynode_get(root, "factors")) != NULL)
		get_codes(x, n, "factors", LEVEL_CASE, k->factors);
	if ((n = ynode_get(root, "not_recorded")) != NULL) {
		get_codes(x, n, "not_recorded", LEVEL__MAX, k->not_recorded);
		for (i = 0; n->type == YNODE_SEQ && i < n->nkids; i++) {
			int code = n->kids[i]->type == YNODE_SCALAR ?
			    codebook_find(&c->codebook, n->kids[i]->str) : -1;

			if (code >= 0 && codeset_has(k->factors, (size_t)code))
				lerr(x, n->kids[i], "code '%s' is both in "
				    "'factors' and in 'not_recorded'",
				    n->kids[i]->str);
		}
	}
	if ((n = ynode_get(root, "notes")) != NULL && !is_null(n) &&
	    n->type != YNODE_SCALAR)
		lerr(x, n, "'notes' must be text, not %s",
		    ynode_type_name(n->type));

	if ((n = ynode_get(root, "children")) == NULL)
		return;
	if (n->type != YNODE_SEQ) {
		lerr(x, n, "'children' must be a list of children, not %s",
		    ynode_type_name(n->type));
		return;
	}
	if (n->nkids == 0) {
		lerr(x, n, "'children' lists no child: a review involves at "
		    "least one");
		return;
	}
	if (n->nkids > CASE_MAX_CHILDREN) {
		lerr(x, n, "more than %d children in one case",
		    CASE_MAX_CHILDREN);
		return;
	}
	k->children = xcalloc(n->nkids, sizeof(*k->children));
	k->nchildren = n->nkids;
	for (i = 0; i < n->nkids; i++)
		load_child(x, n->kids[i], &k->children[i]);
	/* A child-level code marked not recorded may not be given for a
	 * child of the same case either: name each, where it is given. */
	for (i = 0; i < k->nchildren; i++) {
		const struct ynode *f = ynode_get(n->kids[i], "factors");
		int code;

		for (w = 0; f != NULL && f->type == YNODE_SEQ &&
		    w < f->nkids; w++) {
			if (f->kids[w]->type != YNODE_SCALAR)
				continue;
			code = codebook_find(&c->codebook, f->kids[w]->str);
			if (code >= 0 &&
			    codeset_has(k->not_recorded, (size_t)code))
				lerr(x, f->kids[w], "code '%s' is both in this "
				    "child's 'factors' and in the case's "
				    "'not_recorded'", f->kids[w]->str);
		}
	}
}

/* --- entry points ----------------------------------------------------- */

typedef void loadfn(struct lctx *, const struct ynode *);

/* Parses one file and runs fn over it; its problems are reported to d
 * in file order.  Returns 1 if the file was valid. */
static int
load_buf(struct cohort *c, const char *file, const char *data, size_t len,
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

int
case_load_report_buf(struct cohort *c, const char *file, const char *data,
    size_t len, struct diag *d)
{
	return load_buf(c, file, data, len, d, load_report,
	    "the report");
}

int
case_load_codebook_buf(struct cohort *c, const char *file, const char *data,
    size_t len, struct diag *d)
{
	return load_buf(c, file, data, len, d, load_codebook, "the codebook");
}

int
case_load_national_buf(struct cohort *c, const char *file, const char *data,
    size_t len, struct diag *d)
{
	return load_buf(c, file, data, len, d, load_national,
	    "the national studies");
}

int
case_load_case_buf(struct cohort *c, const char *file, const char *data,
    size_t len, struct diag *d)
{
	if (c->nwords == 0)
		c->nwords = 1;
	return load_buf(c, file, data, len, d, load_case,
	    "a case descriptor");
}

static int
case_id_cmp(const void *a, const void *b)
{
	const struct scr_case *ka = a, *kb = b;

	int c;

	if (ka->id == NULL || kb->id == NULL)
		return (ka->id == NULL) - (kb->id == NULL);
	if ((c = strcmp(ka->id, kb->id)) != 0)
		return c;
	/* qsort is not stable: order repeats by file, then position, so
	 * the first file loaded is the one named "also in". */
	if ((c = strcmp(ka->pos.file, kb->pos.file)) != 0)
		return c;
	return (ka->pos.line > kb->pos.line) - (ka->pos.line < kb->pos.line);
}

int
case_validate_cohort(struct cohort *c, struct diag *d)
{
	size_t i, before = d->nerrors;

	if (c->ncases > 1)
		qsort(c->cases, c->ncases, sizeof(*c->cases), case_id_cmp);
	for (i = 1; i < c->ncases; i++) {
		const struct scr_case *a = &c->cases[i - 1], *b = &c->cases[i];

		if (a->id != NULL && b->id != NULL &&
		    strcmp(a->id, b->id) == 0)
			diag_error(d, b->pos.file, b->pos.line, b->pos.col,
			    "duplicate case id '%s' (also in %s)", b->id,
			    a->pos.file);
	}
	if (c->report.national_study != NULL && c->national.nstudies > 0 &&
	    national_find(&c->national, c->report.national_study) == NULL)
		diag_error(d, c->report.national_study_pos.file,
		    c->report.national_study_pos.line,
		    c->report.national_study_pos.col, "national_study '%s' is "
		    "not a study in national.yaml", c->report.national_study);
	return d->nerrors == before;
}

/* Loads one file from disk through one of the *_buf loaders. */
static int
load_file(struct cohort *c, const char *path, struct diag *d,
    int (*fn)(struct cohort *, const char *, const char *, size_t,
    struct diag *))
{
	char *data;
	size_t len;
	int rc;

	if (!yml_read_file(path, d, &data, &len))
		return 0;
	rc = fn(c, path, data, len, d);
	free(data);
	return rc;
}

static int
strp_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Lists dir's *.yaml files, sorted; returns a vector to free, or NULL
 * after reporting an error. */
static char **
list_cases(const char *dir, size_t *np, struct diag *d)
{
	DIR *dp;
	struct dirent *de;
	char **v = NULL;
	size_t n = 0, len;

	*np = 0;
	if ((dp = opendir(dir)) == NULL) {
		diag_error(d, dir, 0, 0, "cannot open the cases folder: %s",
		    strerror(errno));
		return NULL;
	}
	while ((de = readdir(dp)) != NULL) {
		len = strlen(de->d_name);
		if (de->d_name[0] == '.' || len < 6 ||
		    strcmp(de->d_name + len - 5, ".yaml") != 0)
			continue;
		if (n >= CASE_MAX_CASES) {
			diag_error(d, dir, 0, 0, "more than %d case files",
			    CASE_MAX_CASES);
			break;
		}
		if ((n & (n - 1)) == 0)
			v = xreallocarray(v, n ? n * 2 : 1, sizeof(*v));
		v[n++] = xasprintf("%s/%s", dir, de->d_name);
	}
	closedir(dp);
	if (n > 1)
		qsort(v, n, sizeof(*v), strp_cmp);
	*np = n;
	return v;
}

struct cohort *
case_load_dir(const char *input_dir, const char *cases_dir, struct diag *d)
{
	struct cohort *c = cohort_new();
	char *path, *cdir, **files;
	size_t i, nfiles;

	path = xasprintf("%s/report.yaml", input_dir);
	load_file(c, path, d, case_load_report_buf);
	free(path);
	path = xasprintf("%s/codebook.yaml", input_dir);
	load_file(c, path, d, case_load_codebook_buf);
	free(path);
	path = xasprintf("%s/national.yaml", input_dir);
	load_file(c, path, d, case_load_national_buf);
	free(path);

	cdir = cases_dir ? xstrdup(cases_dir) :
	    xasprintf("%s/cases", input_dir);
	files = list_cases(cdir, &nfiles, d);
	for (i = 0; i < nfiles; i++) {
		load_file(c, files[i], d, case_load_case_buf);
		free(files[i]);
	}
	free(files);
	free(cdir);
	case_validate_cohort(c, d);
	return c;
}

int
case_load_case_file(struct cohort *c, const char *path, struct diag *d)
{
	return load_file(c, path, d, case_load_case_buf);
}

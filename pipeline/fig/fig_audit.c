/*
 * fig_audit.c: the attacker of `scrpaper audit` and of the disclosure
 * tests.  It reads exactly what is published -- every board's ledger and
 * London's, as the CSV `scrpaper figures` prints them -- and the
 * relations of figures.yaml, and tries to work back every [c]: integer
 * bound propagation over the relations within each board and London,
 * London = the sum of the boards (numerators and not_recorded counts),
 * the bounds of every share; then every value of each remaining range
 * of at most AUD_PROBE is tried in turn, and a value that contradicts
 * what is published is struck out.  A [c] left with one possible value
 * is recovered, unless London's figures and the public numbers of
 * reviews and children alone already say it (a board with no review, a
 * London 0).  Each recovery is printed with the chain of reasoning.
 * Written apart from fig_suppress.c on purpose: it shares nothing with
 * it but the definitions and the ledger's printed form.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "diag.h"
#include "case.h"
#include "fig.h"
#include "fig_impl.h"

#define AUD_INF		((long)1 << 40)	/* no bound known */
#define AUD_PROBE	200		/* widest range tried value by value */
#define AUD_MAX_ROWS	1000
#define AUD_ROWS	(AUD_MAX_ROWS + 1)	/* rows of a block, London's
						 * last */
#define AUD_MAX_BLOCKS	(2 * (CASE_MAX_EARLIER + 2))	/* periods and a
						 * total, of two years */
#define AUD_PREV_POOLED	"pooled, last year's release"	/* its block */

/* What one published number is. */
enum aud_what { AUD_NUM, AUD_NR, AUD_DEN, AUD__MAX };

static const char *const aud_what_names[AUD__MAX] = {
	"numerator", "not_recorded", "denominator"
};

/* An unknown (or known) number of the publication. */
struct aud_var {
	int	 row;		/* board in order of the CSV; nrows: London */
	int	 fig;
	int	 what;		/* enum aud_what */
	int	 shown;		/* printed in a ledger */
	long	 val;		/* its value when shown */
	long	 max;		/* largest value the public numbers allow */
	int	 baseline;	/* known from London and the public numbers */
	int	 banded;	/* [c], but printed as a band of per
				 * cents: blo <= value <= bhi */
	long	 blo, bhi;
	long	 lo, hi;	/* what the reader has worked out */
	int	 why_lo, why_hi; /* the fact that gave lo / hi, or -1 */
	int	 years;		/* bit y: printed by release y (0 this
				 * year's, 1 last year's) */
};

/* A fact: sum of k[i] * var[i] (== or <=) 0. */
struct aud_fact {
	int	 eq;
	int	 n;
	int	*var;
	long	*k;
	char	*text;		/* how a reader would say it */
};

/*
 * Ledgers of several periods (`figures --all-periods`) are read as
 * blocks of rows, one block a period, in the order first printed; a
 * block labelled CASE_POOLED_LABEL is the total of the others.  A row
 * number is block * AUD_ROWS + board (AUD_MAX_ROWS for London); with one
 * period, block 0 only.
 */
struct aud {
	const struct fig_set *s;
	char		**rows;		/* board names in CSV order */
	int		 nrows;
	char		*blocks[AUD_MAX_BLOCKS]; /* period labels, or NULL
					 * for a ledger of one period */
	int		 nblocks;
	int		 pool;		/* the total's block, or -1 */
	int		*id;		/* (row, fig, what) -> var, or -1 */
	struct aud_var	*v;
	int		 nv;
	struct aud_fact	*f;
	int		 nf;
	int		**uses;		/* var -> facts naming it */
	int		*nuses;
	int		*todo;		/* facts to look at again */
	int		 ntodo;
	char		*pending;
	struct { int var; long lo, hi; int wl, wh; } *undo;
	size_t		 nundo, capundo;
	const struct cohort *c;		/* the cohort, or NULL: then the
					 * ledgers need not be whole */
	int		*seen;		/* (row, fig) -> line of its row, or 0 */
	size_t		 cells;		/* board figures read */
	size_t		 hidden;	/* of them [c] */
	int		 year;		/* release being read: 0 this year's,
					 * 1 last year's (fig_previous.c) */
	int		 years[AUD_MAX_BLOCKS]; /* bit y: release y has it */
	int		 prevpool;	/* last year's total's block, or -1 */
	int		 prevread;	/* 1: last year's release read too */
};

static int
aud_slot(const struct aud *A, int row, int fig, int what)
{
	return (row * (int)A->s->ndefs + fig) * AUD__MAX + what;
}

/* The variable of (row, fig, what), made on first use. */
static int
aud_var(struct aud *A, int row, int fig, int what)
{
	int slot = aud_slot(A, row, fig, what);
	struct aud_var *x;

	if (what == AUD_NR)
		slot = aud_slot(A, row, A->s->defs[fig].nrclass, what);
	if (A->id[slot] >= 0)
		return A->id[slot];
	A->v = xgrowarray(A->v, (size_t)A->nv, sizeof(*A->v));
	x = &A->v[A->nv];
	memset(x, 0, sizeof(*x));
	x->row = row;
	x->fig = what == AUD_NR ? A->s->defs[fig].nrclass : fig;
	x->what = what;
	x->max = AUD_INF;
	x->why_lo = x->why_hi = -1;
	A->id[slot] = A->nv;
	return A->nv++;
}

/* Returns 1 if row is a London row. */
static int
aud_london(int row)
{
	return row % AUD_ROWS == AUD_MAX_ROWS;
}

/* Writes row's name, "Newham" or "London", with its period when there
 * are several, "Newham [2006-07]", into buf. */
static const char *
aud_row_name(const struct aud *A, int row, char *buf, size_t size)
{
	int r = row % AUD_ROWS, blk = row / AUD_ROWS;

	snprintf(buf, size, "%s%s%s%s", r < A->nrows ? A->rows[r] : "London",
	    A->blocks[blk] ? " [" : "", A->blocks[blk] ? A->blocks[blk] : "",
	    A->blocks[blk] ? "]" : "");
	return buf;
}

/* Writes "Board: figure" (with what, when not the numerator). */
static void
aud_name(FILE *out, const struct aud *A, int var)
{
	const struct aud_var *x = &A->v[var];
	char who[400];

	fprintf(out, "%s: %s", aud_row_name(A, x->row, who, sizeof(who)),
	    A->s->defs[x->fig].name);
	if (x->what != AUD_NUM)
		fprintf(out, " (%s)", aud_what_names[x->what]);
}

/* Writes " = VAL (published)" of a shown y; with last year's release
 * read too, which release printed it. */
static void
aud_published(FILE *out, const struct aud *A, const struct aud_var *y)
{
	static const char *const by[4] = { "", " this year", " last year",
	    " both years" };

	fprintf(out, " = %ld (published%s)", y->val, A->prevread ?
	    by[y->years & 3] : "");
}

static void
aud_fact(struct aud *A, int eq, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Starts a new fact; terms follow with aud_term(). */
static void
aud_fact(struct aud *A, int eq, const char *fmt, ...)
{
	va_list ap;
	struct aud_fact *f;
	char buf[512];

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	A->f = xgrowarray(A->f, (size_t)A->nf, sizeof(*A->f));
	f = &A->f[A->nf++];
	memset(f, 0, sizeof(*f));
	f->eq = eq;
	f->text = xstrdup(buf);
}

static void
aud_term(struct aud *A, int var, long k)
{
	struct aud_fact *f = &A->f[A->nf - 1];
	int i;

	for (i = 0; i < f->n; i++)
		if (f->var[i] == var) {
			f->k[i] += k;
			return;
		}
	f->var = xgrowarray(f->var, (size_t)f->n, sizeof(*f->var));
	f->k = xgrowarray(f->k, (size_t)f->n, sizeof(*f->k));
	f->var[f->n] = var;
	f->k[f->n++] = k;
}

/*
 * The ledgers are read strictly: a ledger that is empty, holds a byte
 * that is not UTF-8 text, has the wrong header, a short or long row, a
 * number that is not a whole number, an unknown figure or board, a row
 * twice or (with the cohort) a row missing is refused with
 * FILE:LINE:COL, for an attack on a partial ledger would pass a broken
 * release.
 */
#define AUD_MAX_FIELDS	9	/* fields of a ledger row: period, lscb, 7 */
#define AUD_MAX_NUMBER	((long)CASE_MAX_CASES * CASE_MAX_CHILDREN)
				/* the largest number a ledger can hold */
#define AUD_MAX_ERRORS	20	/* messages about one ledger, then it is
				 * given up */

static const char aud_boards_header[] = "lscb,name,unit,numerator,"
    "denominator,percent,text,not_recorded";
static const char aud_region_header[] = "name,unit,numerator,denominator,"
    "percent,text,not_recorded";
static const char aud_national_header[] = "study,name,percent,text";

/* A cursor over one ledger's text, so that every problem is reported at
 * its FILE:LINE:COL. */
struct aud_csv {
	const char	*file;		/* the ledger's name in messages */
	const char	*text;
	size_t		 len;
	size_t		 off;		/* where the next record starts */
	int		 line;		/* 1-based line of the record read */
	int		 next_line;	/* line of the next record */
	char		*buf;		/* the fields of the record read */
	char		*field[AUD_MAX_FIELDS + 1];
	size_t		 at[AUD_MAX_FIELDS + 1]; /* offset of each field */
	int		 n;		/* fields of the record read */
	int		 nerrors;
	int		 empty_ok;	/* a header alone is a whole ledger */
	struct diag	*d;
};

static void
aud_csv_error(struct aud_csv *C, size_t off, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Reports a problem of C's ledger at byte off (SIZE_MAX: the whole
 * file). */
static void
aud_csv_error(struct aud_csv *C, size_t off, const char *fmt, ...)
{
	va_list ap;
	int line = 0, col = 0;

	if (off != SIZE_MAX)
		str_offset_pos(C->text, off, &line, &col);
	va_start(ap, fmt);
	diag_vmsg(C->d, DIAG_ERROR, C->file, line, col, fmt, ap);
	va_end(ap);
	C->nerrors++;
}

static void
aud_csv_init(struct aud_csv *C, const char *file, const char *text,
    size_t len, struct diag *d)
{
	memset(C, 0, sizeof(*C));
	C->file = file;
	C->text = text;
	C->len = len;
	C->next_line = 1;
	C->buf = xmalloc(len + AUD_MAX_FIELDS + 2);
	C->d = d;
}

/* Checks that the ledger is UTF-8 text without NUL bytes or control
 * characters but line breaks and tabs (carriage returns only inside
 * quotes, which aud_csv_record() checks).  Returns 1, or 0 after a
 * message. */
static int
aud_csv_bytes(struct aud_csv *C, const char *header)
{
	size_t i, bad;
	unsigned char ch;

	if (C->len == 0) {
		aud_csv_error(C, 0, "empty: not a ledger (its first line is "
		    "'%s')", header);
		return 0;
	}
	for (i = 0; i < C->len; i++) {
		ch = (unsigned char)C->text[i];
		if (ch == '\0') {
			aud_csv_error(C, i, "a NUL byte: a ledger is text");
			return 0;
		}
		if (ch < 0x20 && ch != '\n' && ch != '\t' && ch != '\r') {
			aud_csv_error(C, i, "control character U+%04X: a "
			    "ledger holds none", ch);
			return 0;
		}
	}
	if ((bad = str_utf8_error(C->text, C->len)) < C->len) {
		aud_csv_error(C, bad, "byte 0x%02X is not UTF-8: a ledger is "
		    "UTF-8 text", (unsigned char)C->text[bad]);
		return 0;
	}
	return 1;
}

/* A cell the writer neutralised against spreadsheet formulas
 * (fig_csv_formula()) is read back as it was: one leading quote less. */
static void
aud_csv_plain(char *s)
{
	if (*s == '\'' && fig_csv_formula(s))
		memmove(s, s + 1, strlen(s));
}

/*
 * Reads the next record (RFC 4180: fields quoted when they hold a
 * comma, a quote or a line break, a quote doubled inside) into
 * C->field[0..C->n).  Returns 1, 0 at the end of the text, or -1 after
 * a message.
 */
static int
aud_csv_record(struct aud_csv *C)
{
	const char *t = C->text;
	size_t o = C->off, w = 0, len = C->len;

	if (o >= len)
		return 0;
	C->n = 0;
	C->line = C->next_line;
	for (;;) {
		if (C->n == AUD_MAX_FIELDS + 1) {
			aud_csv_error(C, o, "more than %d fields: not a "
			    "ledger row", AUD_MAX_FIELDS);
			return -1;
		}
		C->field[C->n] = C->buf + w;
		C->at[C->n++] = o;
		if (o < len && t[o] == '"') {
			for (o++;; o++) {
				if (o >= len) {
					aud_csv_error(C, C->at[C->n - 1],
					    "a quoted field that never ends");
					return -1;
				}
				if (t[o] == '"' && o + 1 < len &&
				    t[o + 1] == '"')
					o++;
				else if (t[o] == '"')
					break;
				if (t[o] == '\n')
					C->next_line++;
				C->buf[w++] = t[o];
			}
			if (++o < len && t[o] != ',' && t[o] != '\n') {
				aud_csv_error(C, o, "text after the closing "
				    "quote of a field");
				return -1;
			}
		} else
			for (; o < len && t[o] != ',' && t[o] != '\n'; o++) {
				if (t[o] == '"' || t[o] == '\r') {
					aud_csv_error(C, o, "%s in a field "
					    "that is not quoted", t[o] == '"' ?
					    "a quote" : "a carriage return "
					    "(Windows line ends?)");
					return -1;
				}
				C->buf[w++] = t[o];
			}
		C->buf[w++] = '\0';
		aud_csv_plain(C->field[C->n - 1]);
		if (o >= len) {
			aud_csv_error(C, o, "the last line has no line "
			    "break: the ledger may be cut short");
			return -1;
		}
		if (t[o++] == '\n')
			break;
	}
	C->next_line++;
	C->off = o;
	return 1;
}

/* Reads the header line: header, or with "period," before it (*multi
 * set).  Returns 1, or 0 after a message. */
static int
aud_csv_header(struct aud_csv *C, const char *header, int *multi)
{
	const char *t = C->text, *nl;
	size_t n, h = strlen(header);

	if (!aud_csv_bytes(C, header))
		return 0;
	nl = memchr(t, '\n', C->len);
	n = nl != NULL ? (size_t)(nl - t) : C->len;
	*multi = n == h + 7 && strncmp(t, "period,", 7) == 0 &&
	    strncmp(t + 7, header, h) == 0;
	if (!*multi && (n != h || strncmp(t, header, h) != 0)) {
		aud_csv_error(C, 0, "not a ledger: its first line is not "
		    "'%s' (nor 'period,%s' of --all-periods)", header, header);
		return 0;
	}
	if (nl == NULL) {
		aud_csv_error(C, n, "the last line has no line break: the "
		    "ledger may be cut short");
		return 0;
	}
	C->off = n + 1;
	C->next_line = 2;
	if (C->off == C->len && !C->empty_ok) {
		aud_csv_error(C, C->off, "no rows: the ledger has its header "
		    "only");
		return 0;
	}
	return 1;
}

/* Checks that C's record has n fields.  Returns 1, or 0 after a
 * message. */
static int
aud_csv_fields(struct aud_csv *C, int n)
{
	if (C->n == n)
		return 1;
	aud_csv_error(C, C->n < n ? C->off - 1 : C->at[n], "%s row: %d "
	    "field%s where the header has %d", C->n < n ? "a short" :
	    "a long", C->n, C->n == 1 ? "" : "s", n);
	return 0;
}

/* Field i of C's record: empty (returns 0), or a whole number of at
 * most max into *v (returns 1).  Returns -1 after a message. */
static int
aud_csv_number(struct aud_csv *C, int i, long max, const char *what,
    long *v)
{
	const char *s = C->field[i], *p;

	if (*s == '\0')
		return 0;
	for (p = s; *p >= '0' && *p <= '9'; p++)
		;
	if (*p != '\0') {
		aud_csv_error(C, C->at[i], "%s '%.40s' is not a whole number",
		    what, s);
		return -1;
	}
	if (p - s > 12 || (*v = strtol(s, NULL, 10)) > max) {
		aud_csv_error(C, C->at[i], "%s %.40s is more than %ld", what,
		    s, max);
		return -1;
	}
	return 1;
}

/* Returns the figure index of name, or -1. */
static int
aud_fig(const struct fig_set *s, const char *name)
{
	size_t i;

	for (i = 0; i < s->ndefs; i++)
		if (strcmp(s->defs[i].name, name) == 0)
			return (int)i;
	return -1;
}

/*
 * A band printed for a share hidden as [c] (fig_band_text(): "25–49%",
 * or with a hyphen) over base den: the reader
 * knows the numerator lies among those whose whole per cent (rounded
 * half up) is in the band.  Any other text says nothing.
 */
static void
aud_band(struct aud *A, int var, const char *text, long den)
{
	int plo = -1, phi = -1, n = 0, p;
	long k, lo, hi;
	struct aud_var *x = &A->v[var];

	if ((sscanf(text, "%d\u2013%d%%%n", &plo, &phi, &n) != 2 &&
	    sscanf(text, "%d-%d%%%n", &plo, &phi, &n) != 2) ||
	    text[n] != '\0')
		return;
	if (den < 0 || plo < 0 || phi > 100 || plo > phi)
		return;
	lo = den + 1;
	hi = -1;
	for (k = 0; k <= den; k++) {
		p = (int)((200 * k + den) / (2 * (den > 0 ? den : 1)));
		if (den == 0 || p < plo || p > phi)
			continue;
		if (k < lo)
			lo = k;
		hi = k;
	}
	/* Banded by both releases: the reader knows both intervals. */
	if (x->banded && lo <= hi) {
		lo = lo > x->blo ? lo : x->blo;
		hi = hi < x->bhi ? hi : x->bhi;
	}
	x->blo = lo;
	x->bhi = hi;
	x->banded = x->blo <= x->bhi;
}

/* var printed as val by the release read (A->year).  Last year's
 * release must print the number this year's prints for the same cell.
 * Returns 1, or 0 after a message. */
static int
aud_shown(struct aud *A, struct aud_csv *C, size_t at, int var, long val)
{
	struct aud_var *x = &A->v[var];
	char who[400];

	if (A->year > 0 && (x->years & 1) && x->val != val) {
		aud_csv_error(C, at, "%s: %s (%s) printed %ld here, %ld by "
		    "this year's release: the two releases disagree (see "
		    "scrpaper compare)", aud_row_name(A, x->row, who,
		    sizeof(who)), A->s->defs[x->fig].name,
		    aud_what_names[x->what], val, x->val);
		return 0;
	}
	x->shown = 1;
	x->val = val;
	x->years |= 1 << A->year;
	return 1;
}

/*
 * Reads one ledger row of C, its fields from f0 on (name, unit,
 * numerator, denominator, percent, text, not_recorded), as row: checks
 * every field, then takes what it publishes.  A board's figures are
 * counted in A->cells (and A->hidden when [c]).  Returns 1, or 0 after
 * a message.
 */
static int
aud_read_row(struct aud *A, struct aud_csv *C, int f0, int row,
    long *cases, long *children)
{
	const struct fig_def *d = NULL;
	char **fl = C->field + f0, who[400];
	const char *unit;
	long num = 0, den = 0, pct = 0, nr = 0;
	int fig = -1, hn, hd, hp, hr, var, *seen;

	if (strcmp(fl[0], "out_of_period") != 0 &&
	    (fig = aud_fig(A->s, fl[0])) < 0) {
		aud_csv_error(C, C->at[f0], "no figure '%.80s' in the figure "
		    "definitions", fl[0]);
		return 0;
	}
	if (fig >= 0)
		d = &A->s->defs[fig];
	unit = fig_unit_names[d != NULL ? d->unit : FIG_COUNT];
	if (strcmp(fl[1], unit) != 0) {
		aud_csv_error(C, C->at[f0 + 1], "unit '%.40s' where figure "
		    "'%s' is of unit '%s'", fl[1], fl[0], unit);
		return 0;
	}
	if ((hn = aud_csv_number(C, f0 + 2, AUD_MAX_NUMBER, "numerator",
	    &num)) < 0 || (hd = aud_csv_number(C, f0 + 3, AUD_MAX_NUMBER,
	    "denominator", &den)) < 0 || (hp = aud_csv_number(C, f0 + 4, 100,
	    "percent", &pct)) < 0 || (hr = aud_csv_number(C, f0 + 6,
	    AUD_MAX_NUMBER, "not_recorded", &nr)) < 0)
		return 0;
	if ((d == NULL || d->unit == FIG_COUNT) && (hd || hp)) {
		aud_csv_error(C, C->at[f0 + (hd ? 3 : 4)], "a %s for '%s', a "
		    "count", hd ? "denominator" : "percent", fl[0]);
		return 0;
	}
	if (d == NULL) {
		if (!hn)
			aud_csv_error(C, C->at[f0 + 2], "out_of_period "
			    "without its number");
		return hn;
	}
	seen = &A->seen[(size_t)row * A->s->ndefs + (size_t)fig];
	if (*seen) {
		aud_csv_error(C, C->at[f0], "%s: %s a second time (first at "
		    "line %d)", aud_row_name(A, row, who, sizeof(who)),
		    d->name, *seen);
		return 0;
	}
	*seen = C->line;
	if (!aud_london(row)) {
		A->cells++;
		A->hidden += !hn;
	}
	if (hn) {
		var = aud_var(A, row, fig, AUD_NUM);
		if (!aud_shown(A, C, C->at[f0 + 2], var, num))
			return 0;
		if (d->public && d->pop == FIG_POP_CASES &&
		    d->where->type == FP_TRUE)
			cases[row] = num;
		if (d->public && d->pop == FIG_POP_CHILDREN &&
		    d->where->type == FP_TRUE)
			children[row] = num;
	}
	if (hd) {
		/* A printed base: the deaths, or a base narrowed by of. */
		if (d->of->type != FP_TRUE)
			var = aud_var(A, row, fig, AUD_DEN);
		else if (d->pop == FIG_POP_DEATHS && A->s->deaths_fig >= 0)
			var = aud_var(A, row, A->s->deaths_fig, AUD_NUM);
		else
			var = -1;
		if (var >= 0 && !aud_shown(A, C, C->at[f0 + 3], var, den))
			return 0;
	}
	if (!hn && hd)
		aud_band(A, aud_var(A, row, fig, AUD_NUM), fl[5], den);
	if (hr && !aud_shown(A, C, C->at[f0 + 6], aud_var(A, row, fig,
	    AUD_NR), nr))
		return 0;
	return 1;
}

/* The block of period label (NULL: the one period), added on first
 * use.  Returns -1 when there are too many. */
static int
aud_block(struct aud *A, const char *label)
{
	int i;

	for (i = 0; i < A->nblocks; i++)
		if ((A->blocks[i] == NULL) == (label == NULL) &&
		    (label == NULL || strcmp(A->blocks[i], label) == 0))
			return i;
	if (A->nblocks == AUD_MAX_BLOCKS)
		return -1;
	A->blocks[A->nblocks] = label ? xstrdup(label) : NULL;
	if (label != NULL && strcmp(label, CASE_POOLED_LABEL) == 0)
		A->pool = A->nblocks;
	if (label != NULL && strcmp(label, AUD_PREV_POOLED) == 0)
		A->prevpool = A->nblocks;
	return A->nblocks++;
}

/* Returns 1 if block blk is a total over periods (either year's). */
static int
aud_total(const struct aud *A, int blk)
{
	return blk == A->pool || blk == A->prevpool;
}

/* The block of C's record (its period field when multi), or -1 after a
 * message.  London's ledger may name no period the boards' do not. */
static int
aud_read_block(struct aud *A, struct aud_csv *C, int multi, int region)
{
	int i, n = A->nblocks, blk;
	/* Last year's total is a block of its own; its periods are this
	 * year's periods of the same label (the same cells). */
	const char *label = A->year > 0 && multi && strcmp(C->field[0],
	    CASE_POOLED_LABEL) == 0 ? AUD_PREV_POOLED : C->field[0];

	if (!multi) {
		if ((blk = aud_block(A, NULL)) >= 0)
			A->years[blk] |= 1 << A->year;
		return blk;
	}
	for (i = 0; i < n; i++)
		if (A->blocks[i] != NULL && strcmp(A->blocks[i], label) == 0) {
			A->years[i] |= 1 << A->year;
			return i;
		}
	if (region)
		aud_csv_error(C, C->at[0], "period '%.40s' is not in the "
		    "boards' ledger", C->field[0]);
	else if ((blk = aud_block(A, label)) >= 0) {
		A->years[blk] |= 1 << A->year;
		return blk;
	}
	else
		aud_csv_error(C, C->at[0], "more than %d periods",
		    AUD_MAX_BLOCKS);
	return -1;
}

/* The row of board name in C's record, added on first use; with the
 * cohort, a board of report.yaml.  Returns -1 after a message. */
static int
aud_read_board(struct aud *A, struct aud_csv *C, int i)
{
	const char *name = C->field[i];
	size_t k;
	int row;

	for (row = 0; row < A->nrows; row++)
		if (strcmp(A->rows[row], name) == 0)
			return row;
	for (k = 0; A->c != NULL && k < A->c->report.nlscbs; k++)
		if (strcmp(A->c->report.lscbs[k], name) == 0)
			break;
	if (A->c != NULL && k == A->c->report.nlscbs) {
		aud_csv_error(C, C->at[i], "board '%.100s' is not in "
		    "report.yaml", name);
		return -1;
	}
	if (A->nrows == AUD_MAX_ROWS) {
		aud_csv_error(C, C->at[i], "more than %d boards",
		    AUD_MAX_ROWS);
		return -1;
	}
	A->rows[A->nrows] = xstrdup(name);
	return A->nrows++;
}

/* With the cohort: every board of report.yaml in the boards' ledger,
 * and every figure of every board and of London in each period.
 * Returns 1, or 0 after messages (AUD_MAX_ERRORS of each ledger). */
static int
aud_read_whole(struct aud *A, struct aud_csv *B, struct aud_csv *R)
{
	const struct report *rep = &A->c->report;
	struct aud_csv *C;
	size_t k, i, missing[2] = { 0, 0 }, nmissing = 0;
	int r, blk, row;
	char who[400];
	struct buf names;

	buf_init(&names);
	for (k = 0; k < rep->nlscbs; k++) {
		for (r = 0; r < A->nrows; r++)
			if (strcmp(A->rows[r], rep->lscbs[k]) == 0)
				break;
		if (r < A->nrows)
			continue;
		if (nmissing++ < AUD_MAX_ERRORS)
			buf_printf(&names, "%s'%s'", nmissing > 1 ? ", " : "",
			    rep->lscbs[k]);
	}
	if (nmissing > AUD_MAX_ERRORS)
		buf_printf(&names, " and %zu more", nmissing - AUD_MAX_ERRORS);
	if (nmissing == 1)
		aud_csv_error(B, SIZE_MAX, "no row of board %s of report.yaml",
		    names.data);
	else if (nmissing > 1)
		aud_csv_error(B, SIZE_MAX, "no row of these %zu boards of "
		    "report.yaml: %s", nmissing, names.data);
	for (blk = 0; blk < A->nblocks; blk++)
		for (r = 0; r <= A->nrows; r++) {
			row = blk * AUD_ROWS + (r < A->nrows ? r :
			    AUD_MAX_ROWS);
			C = r < A->nrows ? B : R;
			buf_reset(&names);
			for (i = 0, nmissing = 0; i < A->s->ndefs; i++) {
				if (A->seen[(size_t)row * A->s->ndefs + i])
					continue;
				if (nmissing++ < AUD_MAX_ERRORS)
					buf_printf(&names, "%s%s", nmissing > 1 ?
					    ", " : "", A->s->defs[i].name);
			}
			if (nmissing > AUD_MAX_ERRORS)
				buf_printf(&names, " and %zu more",
				    nmissing - AUD_MAX_ERRORS);
			missing[C == R] += nmissing > 0;
			if (nmissing > 0 && C->nerrors < AUD_MAX_ERRORS)
				aud_csv_error(C, SIZE_MAX, "no row of %s for "
				    "%s: %s", aud_row_name(A, row, who,
				    sizeof(who)), nmissing == 1 ? "figure" :
				    "these figures", names.data);
		}
	buf_clear(&names);
	for (k = 0; k < 2; k++)
		if (missing[k] > 0 && (k ? R : B)->nerrors >= AUD_MAX_ERRORS)
			aud_csv_error(k ? R : B, SIZE_MAX, "rows are missing "
			    "for %zu %s in all (the first are named above)",
			    missing[k], k ? "periods of London" :
			    "boards (a board in a period)");
	return B->nerrors == 0 && R->nerrors == 0;
}

/*
 * Reads the boards' ledger B (lscb first, or period then lscb) and
 * London's, R (name first, up to the blank line before the national
 * block; or period then name).  Both must be of one period, or both
 * --all-periods tables.  Returns 1, or 0 after messages.
 */
static int
aud_read(struct aud *A, struct aud_csv *B, struct aud_csv *R, long *cases,
    long *children)
{
	int k, row, multi, rmulti, blk, national = 0;

	if (!aud_csv_header(B, aud_boards_header, &multi))
		return 0;
	while (B->nerrors < AUD_MAX_ERRORS && (k = aud_csv_record(B)) != 0) {
		if (k < 0)
			return 0;
		if (!aud_csv_fields(B, 8 + multi) ||
		    (blk = aud_read_block(A, B, multi, 0)) < 0 ||
		    (row = aud_read_board(A, B, multi)) < 0)
			continue;
		aud_read_row(A, B, 1 + multi, blk * AUD_ROWS + row, cases,
		    children);
	}
	if (!aud_csv_header(R, aud_region_header, &rmulti))
		return 0;
	if (rmulti != multi) {
		aud_csv_error(R, 0, "%s beside %s", multi ? "one period's "
		    "ledger" : "an --all-periods ledger", multi ?
		    "the boards' --all-periods ledger" : "the boards' ledger "
		    "of one period");
		return 0;
	}
	while (R->nerrors < AUD_MAX_ERRORS && (k = aud_csv_record(R)) != 0) {
		if (k < 0)
			return 0;
		if (national == 0 && !multi && R->n == 1 &&
		    *R->field[0] == '\0') {
			/* The national studies' figures follow. */
			national = 1;
			if ((k = aud_csv_record(R)) < 0)
				return 0;
			if (k == 0 || R->n != 4 || strcmp(R->field[0],
			    "study") != 0 || strcmp(R->field[1], "name") ||
			    strcmp(R->field[2], "percent") ||
			    strcmp(R->field[3], "text")) {
				aud_csv_error(R, k ? R->at[0] : R->len,
				    "after the blank line, not the header "
				    "'%s' of the national figures",
				    aud_national_header);
				return 0;
			}
			continue;
		}
		if (national) {
			long pct;

			if (aud_csv_fields(R, 4))
				aud_csv_number(R, 2, 100, "percent", &pct);
			continue;
		}
		if (!aud_csv_fields(R, 7 + multi) ||
		    (blk = aud_read_block(A, R, multi, 1)) < 0)
			continue;
		aud_read_row(A, R, multi, blk * AUD_ROWS + AUD_MAX_ROWS,
		    cases, children);
	}
	if (B->nerrors > 0 || R->nerrors > 0)
		return 0;
	if (A->c != NULL && !aud_read_whole(A, B, R))
		return 0;
	/* A total needs periods to be the total of. */
	if (A->pool >= 0 && A->nblocks < 2) {
		aud_csv_error(B, SIZE_MAX, "a total ('%s') of no periods",
		    CASE_POOLED_LABEL);
		return 0;
	}
	return 1;
}

/* Declares "num + not_recorded <= base" of figure i in row rr when i
 * tests one code: a review that has a code does not also mark it not
 * recorded, so no unit is counted in both. */
static void
aud_nr_bound(struct aud *A, int rr, int i, const char *who)
{
	const struct fig_set *s = A->s;
	const struct fig_def *d = &s->defs[i];
	int b, den, base;

	if ((b = fig_nr_base(s, i, &den)) < 0)
		return;
	base = aud_var(A, rr, b, den ? AUD_DEN : AUD_NUM);
	aud_fact(A, 0, "%s: %s and its not_recorded count no unit twice, "
	    "so together lie within their base", who, d->name);
	aud_term(A, aud_var(A, rr, i, AUD_NUM), 1);
	aud_term(A, aud_var(A, rr, i, AUD_NR), 1);
	aud_term(A, base, -1);
}

/* Declares every fact of one block of rows (a period, or the total). */
static void
aud_facts_block(struct aud *A, int blk, const long *cases,
    const long *children)
{
	const struct fig_set *s = A->s;
	int r, rr, i, j, w, var, base;
	size_t k;
	char who[400];

	for (r = 0; r <= A->nrows; r++) {
		rr = blk * AUD_ROWS + (r < A->nrows ? r : AUD_MAX_ROWS);
		aud_row_name(A, rr, who, sizeof(who));
		for (i = 0; i < (int)s->ndefs; i++) {
			const struct fig_def *d = &s->defs[i];
			long units = d->pop == FIG_POP_CASES ? cases[rr] :
			    children[rr];

			var = aud_var(A, rr, i, AUD_NUM);
			if (d->sum == FIG_SUM_NONE && units >= 0 &&
			    units < A->v[var].max)
				A->v[var].max = units;
			/* A sum over a board's reviews (household_children)
			 * is not bounded by them, but a board with no review
			 * adds up nothing: 0, public (rule 5). */
			if (d->sum != FIG_SUM_NONE && units == 0)
				A->v[var].max = 0;
			var = aud_var(A, rr, i, AUD_NR);
			if (units >= 0 && units < A->v[var].max)
				A->v[var].max = units;
			if (d->nrclass == i) {
				int none = 1;

				for (k = 0; k < s->nwords; k++)
					if (d->codes[k] != 0)
						none = 0;
				if (none)
					A->v[var].max = 0;
			}
			/* A share lies within its base. */
			base = -1;
			if (d->of->type != FP_TRUE && d->unit != FIG_COUNT) {
				base = aud_var(A, rr, i, AUD_DEN);
				if (units < A->v[base].max)
					A->v[base].max = units;
			} else if (d->pop == FIG_POP_DEATHS &&
			    s->deaths_fig >= 0)
				base = aud_var(A, rr, s->deaths_fig, AUD_NUM);
			if (base >= 0) {
				aud_fact(A, 0, "%s: %s lies within its base",
				    who, d->name);
				aud_term(A, aud_var(A, rr, i, AUD_NUM), 1);
				aud_term(A, base, -1);
				aud_fact(A, 0, "%s: %s's not_recorded lies "
				    "within its base", who, d->name);
				aud_term(A, aud_var(A, rr, i, AUD_NR), 1);
				aud_term(A, base, -1);
			}
		}
		for (i = 0; i < (int)s->ndefs; i++)
			aud_nr_bound(A, rr, i, who);
		for (k = 0; k < s->nrels; k++) {
			aud_fact(A, s->rels[k].op == FIG_REL_EQ, "%s: %s",
			    who, s->rels[k].text);
			for (j = 0; j < (int)s->rels[k].nterms; j++)
				aud_term(A, aud_var(A, rr, s->rels[k].fig[j],
				    AUD_NUM), s->rels[k].coef[j]);
		}
	}
	/* London is the sum of the boards. */
	aud_row_name(A, blk * AUD_ROWS + AUD_MAX_ROWS, who, sizeof(who));
	for (i = 0; i < (int)s->ndefs && A->nrows > 0; i++)
		for (w = 0; w < AUD__MAX; w++) {
			if (w == AUD_NR && s->defs[i].nrclass != i)
				continue;
			if (w == AUD_DEN && (s->defs[i].of->type == FP_TRUE ||
			    s->defs[i].unit == FIG_COUNT))
				continue;
			aud_fact(A, 1, "%s's %s%s%s is the sum of the "
			    "boards'", who, s->defs[i].name, w == AUD_NUM ?
			    "" : " ", w == AUD_NUM ? "" : aud_what_names[w]);
			for (r = 0; r < A->nrows; r++)
				aud_term(A, aud_var(A, blk * AUD_ROWS + r, i,
				    w), 1);
			aud_term(A, aud_var(A, blk * AUD_ROWS + AUD_MAX_ROWS,
			    i, w), -1);
		}
}

/* Declares the total of block pool = the sum of the periods of release
 * year, cell by cell. */
static void
aud_facts_total(struct aud *A, int pool, int year)
{
	const struct fig_set *s = A->s;
	int blk, r, rr, i, w;
	char who[400];

	for (r = 0; r <= A->nrows; r++) {
		rr = r < A->nrows ? r : AUD_MAX_ROWS;
		aud_row_name(A, pool * AUD_ROWS + rr, who, sizeof(who));
		for (i = 0; i < (int)s->ndefs; i++)
			for (w = 0; w < AUD__MAX; w++) {
				if (w == AUD_NR && s->defs[i].nrclass != i)
					continue;
				if (w == AUD_DEN && (s->defs[i].of->type ==
				    FP_TRUE || s->defs[i].unit == FIG_COUNT))
					continue;
				aud_fact(A, 1, "%s: %s%s%s is the sum of the "
				    "periods'", who, s->defs[i].name,
				    w == AUD_NUM ? "" : " ", w == AUD_NUM ? "" :
				    aud_what_names[w]);
				for (blk = 0; blk < A->nblocks; blk++)
					if (!aud_total(A, blk) &&
					    (A->years[blk] >> year & 1))
						aud_term(A, aud_var(A, blk *
						    AUD_ROWS + rr, i, w), 1);
				aud_term(A, aud_var(A, pool * AUD_ROWS + rr,
				    i, w), -1);
			}
	}
}

/* Declares every fact of the publication (docs/disclosure.md): each
 * block's, and each total = the sum of its year's periods, cell by
 * cell. */
static void
aud_facts(struct aud *A, const long *cases, const long *children)
{
	int blk;

	for (blk = 0; blk < A->nblocks; blk++)
		aud_facts_block(A, blk, cases, children);
	if (A->pool >= 0)
		aud_facts_total(A, A->pool, 0);
	if (A->prevpool >= 0)
		aud_facts_total(A, A->prevpool, 1);
}

static void
aud_push(struct aud *A, int fact)
{
	if (!A->pending[fact]) {
		A->pending[fact] = 1;
		A->todo[A->ntodo++] = fact;
	}
}

/* Tightens var to [lo, hi] because of fact.  Returns 0 if empty. */
static int
aud_tighten(struct aud *A, int var, long lo, long hi, int fact)
{
	struct aud_var *x = &A->v[var];
	int i;

	if (lo <= x->lo && hi >= x->hi)
		return 1;
	if (A->nundo == A->capundo) {
		A->capundo = A->capundo ? 2 * A->capundo : 4096;
		A->undo = xreallocarray(A->undo, A->capundo,
		    sizeof(*A->undo));
	}
	A->undo[A->nundo].var = var;
	A->undo[A->nundo].lo = x->lo;
	A->undo[A->nundo].hi = x->hi;
	A->undo[A->nundo].wl = x->why_lo;
	A->undo[A->nundo++].wh = x->why_hi;
	if (lo > x->lo) {
		x->lo = lo;
		x->why_lo = fact;
	}
	if (hi < x->hi) {
		x->hi = hi;
		x->why_hi = fact;
	}
	if (x->lo > x->hi)
		return 0;
	for (i = 0; i < A->nuses[var]; i++)
		aud_push(A, A->uses[var][i]);
	return 1;
}

static void
aud_rewind(struct aud *A, size_t mark)
{
	while (A->nundo > mark) {
		struct aud_var *x;

		A->nundo--;
		x = &A->v[A->undo[A->nundo].var];
		x->lo = A->undo[A->nundo].lo;
		x->hi = A->undo[A->nundo].hi;
		x->why_lo = A->undo[A->nundo].wl;
		x->why_hi = A->undo[A->nundo].wh;
	}
}

/* floor(a / b) for b != 0. */
static long
aud_floor(long a, long b)
{
	long q = a / b;

	return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

/* Works every pending fact until nothing moves.  Returns 0 on a
 * contradiction. */
static int
aud_run(struct aud *A)
{
	while (A->ntodo > 0) {
		int fi = A->todo[--A->ntodo], i;
		const struct aud_fact *f = &A->f[fi];
		long least = 0, most = 0, k, other_least, other_most;

		A->pending[fi] = 0;
		for (i = 0; i < f->n; i++) {
			const struct aud_var *x = &A->v[f->var[i]];

			k = f->k[i];
			least += k > 0 ? k * x->lo : k * x->hi;
			most += k > 0 ? k * x->hi : k * x->lo;
		}
		if (least > 0 || (f->eq && most < 0))
			goto fail;
		for (i = 0; i < f->n; i++) {
			const struct aud_var *x = &A->v[f->var[i]];
			long lo = x->lo, hi = x->hi;

			k = f->k[i];
			if (k == 0)
				continue;
			other_least = least - (k > 0 ? k * x->lo : k * x->hi);
			other_most = most - (k > 0 ? k * x->hi : k * x->lo);
			/* k x <= -other_least; and k x >= -other_most if = */
			if (k > 0)
				hi = aud_floor(-other_least, k);
			else
				lo = -aud_floor(-other_least, -k);
			if (f->eq) {
				if (k > 0)
					lo = -aud_floor(other_most, k);
				else
					hi = aud_floor(other_most, -k);
			}
			if (!aud_tighten(A, f->var[i], lo, hi, fi))
				goto fail;
		}
	}
	return 1;
fail:
	while (A->ntodo > 0)
		A->pending[A->todo[--A->ntodo]] = 0;
	return 0;
}

/* Starts from what is published (or, baseline 1, only London and the
 * public numbers; baseline 2, everything but the total's board cells)
 * and reasons to the end.  Returns 0 if what is published contradicts
 * the relations. */
static int
aud_reason(struct aud *A, int baseline)
{
	int i, changed;
	long v, first, last;
	size_t mark;

	A->nundo = 0;
	for (i = 0; i < A->nv; i++) {
		struct aud_var *x = &A->v[i];
		int use = x->shown && (!baseline || aud_london(x->row) ||
		    (x->what == AUD_NUM && A->s->defs[x->fig].public) ||
		    (baseline == 2 && !aud_total(A, x->row / AUD_ROWS)));

		x->lo = use ? x->val : 0;
		x->hi = use ? x->val : x->max;
		if (!use && !baseline && x->banded) {
			x->lo = x->blo;
			x->hi = x->bhi < x->max ? x->bhi : x->max;
		}
		x->why_lo = x->why_hi = -1;
	}
	for (i = 0; i < A->nf; i++)
		aud_push(A, i);
	if (!aud_run(A))
		return 0;
	do {
		changed = 0;
		for (i = 0; i < A->nv; i++) {
			struct aud_var *x = &A->v[i];

			if (x->lo == x->hi || x->hi - x->lo > AUD_PROBE)
				continue;
			first = last = -1;
			for (v = x->lo; v <= x->hi; v++) {
				mark = A->nundo;
				if (aud_tighten(A, i, v, v, -1) && aud_run(A)) {
					if (first < 0)
						first = v;
					last = v;
				}
				aud_rewind(A, mark);
			}
			if (first < 0)
				return 0;
			if (first > x->lo || last < x->hi) {
				changed = 1;
				/* -2: by trying every value. */
				if (!aud_tighten(A, i, first, last, -2) ||
				    !aud_run(A))
					return 0;
			}
		}
	} while (changed);
	return 1;
}

/* Prints why var is what it is, down to depth levels. */
static void
aud_explain(FILE *out, const struct aud *A, int var, int depth, char *said)
{
	const struct aud_var *x = &A->v[var];
	int why[2], j, i, zero;

	why[0] = x->why_lo;
	why[1] = x->why_hi == x->why_lo ? -1 : x->why_hi;
	for (j = 0; j < 2; j++) {
		if (why[j] == -2) {
			fprintf(out, "%*s- ", 2 * (4 - depth), "");
			aud_name(out, A, var);
			fprintf(out, ": every other value in its range "
			    "contradicts what is published\n");
			continue;
		}
		if (why[j] < 0 || said[why[j]])
			continue;
		said[why[j]] = 1;
		fprintf(out, "%*s- %s:", 2 * (4 - depth), "",
		    A->f[why[j]].text);
		zero = 0;
		for (i = 0; i < A->f[why[j]].n; i++) {
			const struct aud_var *y = &A->v[A->f[why[j]].var[i]];

			/* Boards London's figures alone put at 0. */
			if (y->baseline && !y->shown && y->lo == 0 &&
			    y->hi == 0 && A->f[why[j]].var[i] != var) {
				zero++;
				continue;
			}
			fputs(i - zero ? ", " : " ", out);
			aud_name(out, A, A->f[why[j]].var[i]);
			if (y->shown)
				aud_published(out, A, y);
			else if (y->lo == y->hi)
				fprintf(out, " = %ld", y->lo);
			else
				fprintf(out, " in [%ld, %ld]", y->lo, y->hi);
		}
		if (zero > 0)
			fprintf(out, "; %d more at 0 by London's figures "
			    "alone", zero);
		putc('\n', out);
		if (depth <= 0)
			continue;
		for (i = 0; i < A->f[why[j]].n; i++) {
			int y = A->f[why[j]].var[i];

			if (y != var && !A->v[y].shown)
				aud_explain(out, A, y, depth - 1, said);
		}
	}
}

static void
aud_free(struct aud *A)
{
	int i;

	for (i = 0; i < A->nrows; i++)
		free(A->rows[i]);
	free(A->rows);
	for (i = 0; i < A->nblocks; i++)
		free(A->blocks[i]);
	for (i = 0; i < A->nf; i++) {
		free(A->f[i].var);
		free(A->f[i].k);
		free(A->f[i].text);
	}
	free(A->f);
	for (i = 0; A->uses != NULL && i < A->nv; i++)
		free(A->uses[i]);
	free(A->uses);
	free(A->seen);
	free(A->nuses);
	free(A->v);
	free(A->id);
	free(A->todo);
	free(A->pending);
	free(A->undo);
}

/*
 * The exact attack (fig_exact.c): after the reasoning above, every [c]
 * it left open is minimised and maximised over everything published
 * together with GLPK.  A [c] the solver pins is recovered; one that may
 * be a small number (its interval meets 1..t) and is kept narrower than
 * t apart is narrowed, unless what London's figures and the public
 * numbers say alone (or, for a total, the periods as published) keep it
 * as narrow: docs/disclosure.md, "The protection rule".
 */
long fig_audit_threshold = 5;

/*
 * After this year's release, read into A (what it holds goes to *rd):
 * last year's (pboards and pregion, --all-periods ledgers, parsed with
 * P[0] and P[1]; none when pboards is NULL).  A period of the same label
 * is the same cells (a number printed by both must be the same), last
 * year's total a block of its own, the sum of last year's periods.
 * What was read goes to *prd.  rd, prd may be NULL.  Returns 1, or 0
 * after messages.
 */
static int
aud_read_previous(struct aud *A, struct aud_csv *P,
    const struct fig_ledger_text *pboards,
    const struct fig_ledger_text *pregion, struct diag *d,
    struct fig_audit_read *rd, struct fig_audit_read *prd, long *cases,
    long *children)
{
	size_t cells = A->cells, hidden = A->hidden;
	int blk, ok;

	if (rd != NULL) {
		rd->boards = (size_t)A->nrows;
		rd->periods = (size_t)A->nblocks - (A->pool >= 0);
		rd->pooled = A->pool >= 0;
		rd->cells = A->cells;
		rd->hidden = A->hidden;
	}
	if (pboards == NULL)
		return 1;
	aud_csv_init(&P[0], pboards->file, pboards->text, pboards->len, d);
	aud_csv_init(&P[1], pregion->file, pregion->text, pregion->len, d);
	memset(A->seen, 0, (size_t)AUD_MAX_BLOCKS * AUD_ROWS *
	    (A->s->ndefs + 1) * sizeof(*A->seen));
	A->year = 1;
	A->prevread = 1;
	A->c = NULL;
	ok = aud_read(A, &P[0], &P[1], cases, children);
	if (prd != NULL) {
		memset(prd, 0, sizeof(*prd));
		prd->boards = (size_t)A->nrows;
		for (blk = 0; blk < A->nblocks; blk++)
			prd->periods += (A->years[blk] & 2) &&
			    !aud_total(A, blk);
		prd->pooled = A->prevpool >= 0;
		prd->cells = A->cells - cells;
		prd->hidden = A->hidden - hidden;
	}
	return ok;
}

/* What a reader knows with the cells of baseline (as aud_reason())
 * shown, everything else [c]: the facts, over A's unknowns. */
static struct fig_exact *
aud_exact_system(const struct aud *A, int baseline)
{
	struct fig_exact *E = fig_exact_new((size_t)A->nv);
	size_t *var;
	int i, j;

	for (i = 0; i < A->nv; i++) {
		const struct aud_var *x = &A->v[i];
		int use = x->shown && (!baseline || aud_london(x->row) ||
		    (x->what == AUD_NUM && A->s->defs[x->fig].public) ||
		    (baseline == 2 && !aud_total(A, x->row / AUD_ROWS)));

		if (!baseline)
			fig_exact_bounds(E, (size_t)i, x->lo, x->hi);
		else if (use)
			fig_exact_bounds(E, (size_t)i, x->val, x->val);
		else
			fig_exact_bounds(E, (size_t)i, 0, x->max);
	}
	for (i = 0; i < A->nf; i++) {
		var = xcalloc((size_t)A->f[i].n + 1, sizeof(*var));
		for (j = 0; j < A->f[i].n; j++)
			var[j] = (size_t)A->f[i].var[j];
		fig_exact_fact(E, A->f[i].eq, (size_t)A->f[i].n, var,
		    A->f[i].k, 0);
		free(var);
	}
	return E;
}

/* Returns 1 if, with last year's release read, f is either year's total
 * = the sum of its periods of var's board and figure (the two totals
 * that pin a cell across the years). */
static int
aud_year_total(const struct aud *A, const struct aud_fact *f, int var)
{
	const struct aud_var *x = &A->v[var], *y;

	if (!A->prevread || f->n == 0)
		return 0;
	y = &A->v[f->var[f->n - 1]];
	return aud_total(A, y->row / AUD_ROWS) && f->k[f->n - 1] == -1 &&
	    y->row % AUD_ROWS == x->row % AUD_ROWS && y->fig == x->fig &&
	    y->what == x->what && f->eq && strstr(f->text, "is the sum of "
	    "the periods'") != NULL;
}

/* Prints the published facts that name var, with their numbers (with
 * last year's release, both years' totals of its cell too). */
static void
aud_exact_explain(FILE *out, const struct aud *A, int var, const long *lo,
    const long *hi)
{
	int i, j, n = 0;

	for (i = 0; i < A->nf && n < 8 + 2 * A->prevread; i++) {
		const struct aud_fact *f = &A->f[i];

		for (j = 0; j < f->n && f->var[j] != var; j++)
			;
		if (j == f->n && !aud_year_total(A, f, var))
			continue;
		n++;
		fprintf(out, "  - %s:", f->text);
		for (j = 0; j < f->n; j++) {
			const struct aud_var *y = &A->v[f->var[j]];

			fputs(j ? ", " : " ", out);
			aud_name(out, A, f->var[j]);
			if (y->shown)
				aud_published(out, A, y);
			else if (y->banded)
				fprintf(out, " in [%ld, %ld] (band)", y->blo,
				    y->bhi);
			else if (lo[f->var[j]] <= hi[f->var[j]])
				fprintf(out, " in [%ld, %ld]", lo[f->var[j]],
				    hi[f->var[j]]);
			else
				fputs(" [c]", out);
		}
		putc('\n', out);
	}
}

static long
aud_exact(struct aud *A, const char *label, long before, FILE *out)
{
	struct fig_exact *E, *B;
	long t = fig_audit_threshold, found = 0, nhid = 0;
	long *need, *lo, *hi, *xlo, *xhi;
	char *want, *bwant;
	size_t mips;
	int i, rc = 1, k;

	want = xcalloc((size_t)A->nv + 1, 1);
	bwant = xcalloc((size_t)A->nv + 1, 1);
	need = xcalloc((size_t)A->nv + 1, sizeof(*need));
	lo = xcalloc((size_t)A->nv + 1, sizeof(*lo));
	hi = xcalloc((size_t)A->nv + 1, sizeof(*hi));
	xlo = xcalloc((size_t)A->nv + 1, sizeof(*xlo));
	xhi = xcalloc((size_t)A->nv + 1, sizeof(*xhi));
	for (i = 0; i < A->nv; i++) {
		const struct aud_var *x = &A->v[i];

		lo[i] = 1;
		hi[i] = 0;
		need[i] = 1;
		/* Pinned ones were named above. */
		if (!x->shown && !x->baseline && x->lo < x->hi)
			want[i] = 1;
	}
	/* Two values at least, and not all of them 1..t. */
	E = aud_exact_system(A, 0);
	rc = fig_exact_solve(E, want, need, t, NULL, lo, hi);
	mips = fig_exact_mips(E);
	fig_exact_free(E);
	if (rc != 1)
		goto fail;
	/* Said to be 1..t: do London's figures and the public numbers (or,
	 * for a total, the periods as published) say so alone? */
	for (k = 1; k <= (A->pool >= 0 || A->prevpool >= 0 ? 2 : 1); k++) {
		memset(bwant, 0, (size_t)A->nv + 1);
		for (i = 0; i < A->nv; i++)
			bwant[i] = want[i] && lo[i] < hi[i] && lo[i] >= 1 &&
			    hi[i] <= t && (k == 2) == aud_total(A,
			    A->v[i].row / AUD_ROWS);
		if (memchr(bwant, 1, (size_t)A->nv) == NULL)
			continue;
		B = aud_exact_system(A, k);
		rc = fig_exact_solve(B, bwant, need, t, NULL, xlo, xhi);
		mips += fig_exact_mips(B);
		fig_exact_free(B);
		if (rc != 1)
			goto fail;
		for (i = 0; i < A->nv; i++)
			if (bwant[i] && xlo[i] >= 1 && xhi[i] <= t)
				want[i] = 2;	/* no secret */
	}
	for (i = 0; i < A->nv; i++) {
		if (want[i] != 1)
			continue;
		nhid++;
		if (lo[i] < hi[i] && (lo[i] < 1 || hi[i] > t))
			continue;
		found++;
		fprintf(out, "%s: %s ", label, lo[i] == hi[i] ? "recovered" :
		    "narrowed");
		aud_name(out, A, i);
		if (lo[i] == hi[i])
			fprintf(out, " = %ld, printed [c] (exact solver)\n",
			    lo[i]);
		else
			fprintf(out, " to %ld..%ld, printed [c]: a small "
			    "number (1 to %ld)\n", lo[i], hi[i], t);
		aud_exact_explain(out, A, i, lo, hi);
	}
	if (found == 0 && before == 0)
		fprintf(out, "%s: exact solver (GLPK): %ld [c] open after "
		    "propagation, none recovered or narrowed to 1..%ld; %zu "
		    "integer programs\n", label, nhid, t, mips);
	goto out;
fail:
	fprintf(out, "%s: the exact solver %s\n", label, rc == 0 ?
	    "finds no whole numbers that fit what is published" : "failed");
	found = 1;
out:
	free(want);
	free(bwant);
	free(need);
	free(lo);
	free(hi);
	free(xlo);
	free(xhi);
	return found;
}

long
fig_audit_published(const struct fig_set *s, const struct cohort *c,
    const struct fig_ledger_text *boards, const struct fig_ledger_text *region,
    struct diag *d, struct fig_audit_read *rd, const char *label, FILE *out)
{
	return fig_audit_years(s, c, boards, region, NULL, NULL, d, rd, NULL,
	    label, out);
}

long
fig_audit_years(const struct fig_set *s, const struct cohort *c,
    const struct fig_ledger_text *boards, const struct fig_ledger_text *region,
    const struct fig_ledger_text *pboards,
    const struct fig_ledger_text *pregion, struct diag *d,
    struct fig_audit_read *rd, struct fig_audit_read *prd, const char *label,
    FILE *out)
{
	struct aud A;
	struct aud_csv B, R, P[2];
	char *said;
	long *cases, *children, found = 0;
	int i, j;

	memset(&A, 0, sizeof(A));
	memset(P, 0, sizeof(P));
	A.s = s;
	A.c = c;
	A.pool = -1;
	A.prevpool = -1;
	A.rows = xcalloc(AUD_MAX_ROWS, sizeof(*A.rows));
	A.id = xcalloc((size_t)AUD_MAX_BLOCKS * AUD_ROWS * (s->ndefs + 1) *
	    AUD__MAX, sizeof(*A.id));
	for (i = 0; i < AUD_MAX_BLOCKS * AUD_ROWS * ((int)s->ndefs + 1) *
	    AUD__MAX; i++)
		A.id[i] = -1;
	A.seen = xcalloc((size_t)AUD_MAX_BLOCKS * AUD_ROWS * (s->ndefs + 1),
	    sizeof(*A.seen));
	cases = xcalloc(AUD_MAX_BLOCKS * AUD_ROWS, sizeof(*cases));
	children = xcalloc(AUD_MAX_BLOCKS * AUD_ROWS, sizeof(*children));
	for (i = 0; i < AUD_MAX_BLOCKS * AUD_ROWS; i++)
		cases[i] = children[i] = AUD_INF;
	aud_csv_init(&B, boards->file, boards->text, boards->len, d);
	aud_csv_init(&R, region->file, region->text, region->len, d);
	B.empty_ok = c != NULL && c->report.nlscbs == 0;
	if (!aud_read(&A, &B, &R, cases, children) || !aud_read_previous(&A,
	    P, pboards, pregion, d, rd, prd, cases, children)) {
		found = -1;
		goto out;
	}
	aud_facts(&A, cases, children);
	A.uses = xcalloc((size_t)A.nv + 1, sizeof(*A.uses));
	A.nuses = xcalloc((size_t)A.nv + 1, sizeof(*A.nuses));
	for (i = 0; i < A.nf; i++)
		for (j = 0; j < A.f[i].n; j++) {
			int x = A.f[i].var[j];

			A.uses[x] = xgrowarray(A.uses[x],
			    (size_t)A.nuses[x], sizeof(**A.uses));
			A.uses[x][A.nuses[x]++] = i;
		}
	A.todo = xcalloc((size_t)A.nf + 1, sizeof(*A.todo));
	A.pending = xcalloc((size_t)A.nf + 1, 1);

	if (aud_reason(&A, 1))
		for (i = 0; i < A.nv; i++)
			A.v[i].baseline = A.v[i].lo == A.v[i].hi;
	/* A cell of the total that the periods as published pin is no
	 * secret of the total's. */
	if ((A.pool >= 0 || A.prevpool >= 0) && aud_reason(&A, 2))
		for (i = 0; i < A.nv; i++)
			if (aud_total(&A, A.v[i].row / AUD_ROWS) &&
			    A.v[i].lo == A.v[i].hi)
				A.v[i].baseline = 1;
	if (!aud_reason(&A, 0)) {
		diag_error(d, boards->file, 0, 0, "what it and %s publish "
		    "contradicts the relations of the figure definitions",
		    region->file);
		found = -1;
		goto out;
	}
	said = xcalloc((size_t)A.nf + 1, 1);
	for (i = 0; i < A.nv; i++) {
		const struct aud_var *x = &A.v[i];

		if (x->shown || x->baseline || x->lo != x->hi)
			continue;
		found++;
		fprintf(out, "%s: recovered ", label);
		aud_name(out, &A, i);
		fprintf(out, " = %ld, printed [c]\n", x->lo);
		memset(said, 0, (size_t)A.nf + 1);
		aud_explain(out, &A, i, 3, said);
	}
	free(said);
	found += aud_exact(&A, label, found, out);
out:
	free(B.buf);
	free(R.buf);
	free(P[0].buf);
	free(P[1].buf);
	free(cases);
	free(children);
	aud_free(&A);
	return found;
}

long
fig_audit(const struct fig_set *s, const char *boards_csv,
    const char *region_csv, const char *label, FILE *out)
{
	struct fig_ledger_text b = { "the boards' ledger", boards_csv,
	    strlen(boards_csv) }, r = { "London's ledger", region_csv,
	    strlen(region_csv) };
	struct diag d;
	long found;

	diag_init(&d, out);
	found = fig_audit_published(s, NULL, &b, &r, &d, NULL, label, out);
	diag_clear(&d);
	return found;
}

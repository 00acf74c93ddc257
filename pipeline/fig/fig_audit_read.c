/*
 * fig_audit_read.c: the attacker's ledger reader (fig_audit_int.h): the
 * boards' and the region's ledgers as `scrpaper figures` prints them,
 * this year's and (audit --previous) last year's, read into the
 * unknowns of struct aud, with every problem reported at its
 * FILE:LINE:COL.
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
#include "fig_audit_int.h"

/*
 * The ledgers are read strictly: a ledger that is empty, holds a byte
 * that is not UTF-8 text, has the wrong header, a short or long row, a
 * number that is not a whole number, an unknown figure or board, a row
 * twice or (with the cohort) a row missing is refused with
 * FILE:LINE:COL, for an attack on a partial ledger would pass a broken
 * release.
 */
#define AUD_MAX_NUMBER	((long)CASE_MAX_CASES * CASE_MAX_CHILDREN)
				/* the largest number a ledger can hold */
#define AUD_MAX_ERRORS	20	/* messages about one ledger, then it is
				 * given up */

static const char aud_boards_header[] = "lscb,name,unit,numerator,"
    "denominator,percent,text,not_recorded";
static const char aud_region_header[] = "name,unit,numerator,denominator,"
    "percent,text,not_recorded";
static const char aud_national_header[] = "study,name,percent,text";

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

void
fig_aud_csv_init(struct aud_csv *C, const char *file, const char *text,
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
		    "scrpaper compare)", fig_aud_row_name(A, x->row, who,
		    sizeof(who)), A->s->defs[x->fig].name,
		    fig_aud_what_names[x->what], val, x->val);
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
		    "line %d)", fig_aud_row_name(A, row, who, sizeof(who)),
		    d->name, *seen);
		return 0;
	}
	*seen = C->line;
	if (!fig_aud_london(row)) {
		A->cells++;
		A->hidden += !hn;
	}
	if (hn) {
		var = fig_aud_var(A, row, fig, AUD_NUM);
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
			var = fig_aud_var(A, row, fig, AUD_DEN);
		else if (d->pop == FIG_POP_DEATHS && A->s->deaths_fig >= 0)
			var = fig_aud_var(A, row, A->s->deaths_fig, AUD_NUM);
		else
			var = -1;
		if (var >= 0 && !aud_shown(A, C, C->at[f0 + 3], var, den))
			return 0;
	}
	if (!hn && hd)
		aud_band(A, fig_aud_var(A, row, fig, AUD_NUM), fl[5], den);
	if (hr && !aud_shown(A, C, C->at[f0 + 6], fig_aud_var(A, row, fig,
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
				    "%s: %s", fig_aud_row_name(A, row, who,
				    sizeof(who)), nmissing == 1 ? "figure" :
				    "these figures", names.data);
		}
	buf_clear(&names);
	for (k = 0; k < 2; k++)
		if (missing[k] > 0 && (k ? R : B)->nerrors >= AUD_MAX_ERRORS)
			aud_csv_error(k ? R : B, SIZE_MAX, "rows are missing "
			    "for %zu %s%s in all (the first are named above)",
			    missing[k], k ? "periods of " :
			    "boards (a board in a period)", k ?
			    fig_audit_region : "");
	return B->nerrors == 0 && R->nerrors == 0;
}

/*
 * Reads the boards' ledger B (lscb first, or period then lscb) and
 * London's, R (name first, up to the blank line before the national
 * block; or period then name).  Both must be of one period, or both
 * --all-periods tables.  Returns 1, or 0 after messages.
 */
int
fig_aud_read(struct aud *A, struct aud_csv *B, struct aud_csv *R, long *cases,
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

/*
 * After this year's release, read into A (what it holds goes to *rd):
 * last year's (pboards and pregion, --all-periods ledgers, parsed with
 * P[0] and P[1]; none when pboards is NULL).  A period of the same label
 * is the same cells (a number printed by both must be the same), last
 * year's total a block of its own, the sum of last year's periods.
 * What was read goes to *prd.  rd, prd may be NULL.  Returns 1, or 0
 * after messages.
 */
int
fig_aud_read_previous(struct aud *A, struct aud_csv *P,
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
	fig_aud_csv_init(&P[0], pboards->file, pboards->text, pboards->len, d);
	fig_aud_csv_init(&P[1], pregion->file, pregion->text, pregion->len, d);
	memset(A->seen, 0, (size_t)AUD_MAX_BLOCKS * AUD_ROWS *
	    (A->s->ndefs + 1) * sizeof(*A->seen));
	A->year = 1;
	A->prevread = 1;
	A->c = NULL;
	ok = fig_aud_read(A, &P[0], &P[1], cases, children);
	if (prd != NULL) {
		memset(prd, 0, sizeof(*prd));
		prd->boards = (size_t)A->nrows;
		for (blk = 0; blk < A->nblocks; blk++)
			prd->periods += (A->years[blk] & 2) &&
			    !fig_aud_total(A, blk);
		prd->pooled = A->prevpool >= 0;
		prd->cells = A->cells - cells;
		prd->hidden = A->hidden - hidden;
	}
	return ok;
}

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
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "case.h"
#include "fig.h"
#include "fig_impl.h"

#define AUD_INF		((long)1 << 40)	/* no bound known */
#define AUD_PROBE	200		/* widest range tried value by value */
#define AUD_MAX_ROWS	1000
#define AUD_ROWS	(AUD_MAX_ROWS + 1)	/* rows of a block, London's
						 * last */
#define AUD_MAX_BLOCKS	(CASE_MAX_EARLIER + 2)	/* periods and a total */

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

/* Splits one CSV line into at most max fields (quotes honoured), in
 * place.  Returns the number of fields. */
static int
aud_split(char *line, char **field, int max)
{
	char *r = line, *w = line;
	int n = 0, q = 0;

	field[n++] = w;
	for (; *r != '\0'; r++) {
		if (q) {
			if (*r == '"' && r[1] == '"')
				*w++ = *r++;
			else if (*r == '"')
				q = 0;
			else
				*w++ = *r;
		} else if (*r == '"')
			q = 1;
		else if (*r == ',' && n < max) {
			*w++ = '\0';
			field[n++] = w;
		} else
			*w++ = *r;
	}
	*w = '\0';
	return n;
}

/* Parses a number of the CSV; returns 0 for an empty field. */
static int
aud_number(const char *s, long *v)
{
	char *end;

	if (*s == '\0')
		return 0;
	*v = strtol(s, &end, 10);
	return *end == '\0';
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
	long k;
	struct aud_var *x = &A->v[var];

	if ((sscanf(text, "%d\u2013%d%%%n", &plo, &phi, &n) != 2 &&
	    sscanf(text, "%d-%d%%%n", &plo, &phi, &n) != 2) ||
	    text[n] != '\0')
		return;
	if (den < 0 || plo < 0 || phi > 100 || plo > phi)
		return;
	x->blo = den + 1;
	x->bhi = -1;
	for (k = 0; k <= den; k++) {
		p = (int)((200 * k + den) / (2 * (den > 0 ? den : 1)));
		if (den == 0 || p < plo || p > phi)
			continue;
		if (k < x->blo)
			x->blo = k;
		x->bhi = k;
	}
	x->banded = x->blo <= x->bhi;
}

/* What a ledger line publishes: fields from name on. */
static void
aud_read_fields(struct aud *A, int row, char **fl, int n, long *cases,
    long *children)
{
	const struct fig_def *d;
	long x;
	int fig, var;

	if (n < 7 || (fig = aud_fig(A->s, fl[0])) < 0)
		return;
	d = &A->s->defs[fig];
	if (aud_number(fl[2], &x)) {
		var = aud_var(A, row, fig, AUD_NUM);
		A->v[var].shown = 1;
		A->v[var].val = x;
		if (d->public && d->pop == FIG_POP_CASES &&
		    d->where->type == FP_TRUE)
			cases[row] = x;
		if (d->public && d->pop == FIG_POP_CHILDREN &&
		    d->where->type == FP_TRUE)
			children[row] = x;
	}
	if (aud_number(fl[3], &x) && d->unit != FIG_COUNT) {
		/* A printed base: the deaths, or a base narrowed by of. */
		if (d->of->type != FP_TRUE)
			var = aud_var(A, row, fig, AUD_DEN);
		else if (d->pop == FIG_POP_DEATHS && A->s->deaths_fig >= 0)
			var = aud_var(A, row, A->s->deaths_fig, AUD_NUM);
		else
			var = -1;
		if (var >= 0) {
			A->v[var].shown = 1;
			A->v[var].val = x;
		}
	}
	if (!aud_number(fl[2], &x) && aud_number(fl[3], &x))
		aud_band(A, aud_var(A, row, fig, AUD_NUM), fl[5], x);
	if (aud_number(fl[6], &x)) {
		var = aud_var(A, row, fig, AUD_NR);
		A->v[var].shown = 1;
		A->v[var].val = x;
	}
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
	return A->nblocks++;
}

/*
 * Reads the boards' CSV (lscb first, or period then lscb) and London's
 * (name first up to the blank line before the national block, or period
 * then name).  Both must be of one period, or both --all-periods tables.
 * Returns 0 on a malformed file.
 */
static int
aud_read(struct aud *A, char *boards, char *region, long *cases,
    long *children)
{
	char *line, *next, *fl[10];
	int n, row, first = 1, multi = 0, blk;

	for (line = boards; line != NULL && *line != '\0'; line = next) {
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		if (first) {
			first = 0;
			if (strncmp(line, "period,lscb,name,", 17) == 0)
				multi = 1;
			else if (strncmp(line, "lscb,name,", 10) != 0)
				return 0;
			continue;
		}
		if ((n = aud_split(line, fl, 9 + multi)) < 8 + multi)
			continue;
		if ((blk = aud_block(A, multi ? fl[0] : NULL)) < 0)
			return 0;
		for (row = 0; row < A->nrows; row++)
			if (strcmp(A->rows[row], fl[multi]) == 0)
				break;
		if (row == A->nrows) {
			if (A->nrows == AUD_MAX_ROWS)
				return 0;
			A->rows[A->nrows++] = xstrdup(fl[multi]);
		}
		aud_read_fields(A, blk * AUD_ROWS + row, fl + 1 + multi,
		    n - 1 - multi, cases, children);
	}
	/* London's rows go last in each block: rows are numbered now. */
	first = 1;
	for (line = region; line != NULL && *line != '\0'; line = next) {
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		if (first) {
			first = 0;
			if ((strncmp(line, "period,name,", 12) == 0) != multi ||
			    (!multi && strncmp(line, "name,", 5) != 0))
				return 0;
			continue;
		}
		if (*line == '\0')
			break;
		if ((n = aud_split(line, fl, 8 + multi)) < 7 + multi)
			continue;
		if ((blk = aud_block(A, multi ? fl[0] : NULL)) < 0)
			return 0;
		aud_read_fields(A, blk * AUD_ROWS + AUD_MAX_ROWS, fl + multi,
		    n - multi, cases, children);
	}
	/* A total needs periods to be the total of. */
	return A->pool < 0 || A->nblocks > 1;
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

/* Declares every fact of the publication (docs/disclosure.md): each
 * block's, and the total = the sum of the periods, cell by cell. */
static void
aud_facts(struct aud *A, const long *cases, const long *children)
{
	const struct fig_set *s = A->s;
	int blk, r, rr, i, w;
	char who[400];

	for (blk = 0; blk < A->nblocks; blk++)
		aud_facts_block(A, blk, cases, children);
	if (A->pool < 0)
		return;
	for (r = 0; r <= A->nrows; r++) {
		rr = r < A->nrows ? r : AUD_MAX_ROWS;
		aud_row_name(A, A->pool * AUD_ROWS + rr, who, sizeof(who));
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
					if (blk != A->pool)
						aud_term(A, aud_var(A, blk *
						    AUD_ROWS + rr, i, w), 1);
				aud_term(A, aud_var(A, A->pool * AUD_ROWS + rr,
				    i, w), -1);
			}
	}
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
		    (baseline == 2 && x->row / AUD_ROWS != A->pool));

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
				fprintf(out, " = %ld (published)", y->val);
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
	for (i = 0; i < A->nv; i++)
		free(A->uses[i]);
	free(A->uses);
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
		    (baseline == 2 && x->row / AUD_ROWS != A->pool));

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

/* Prints the published facts that name var, with their numbers. */
static void
aud_exact_explain(FILE *out, const struct aud *A, int var, const long *lo,
    const long *hi)
{
	int i, j, n = 0;

	for (i = 0; i < A->nf && n < 8; i++) {
		const struct aud_fact *f = &A->f[i];

		for (j = 0; j < f->n && f->var[j] != var; j++)
			;
		if (j == f->n)
			continue;
		n++;
		fprintf(out, "  - %s:", f->text);
		for (j = 0; j < f->n; j++) {
			const struct aud_var *y = &A->v[f->var[j]];

			fputs(j ? ", " : " ", out);
			aud_name(out, A, f->var[j]);
			if (y->shown)
				fprintf(out, " = %ld (published)", y->val);
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
	for (k = 1; k <= (A->pool >= 0 ? 2 : 1); k++) {
		memset(bwant, 0, (size_t)A->nv + 1);
		for (i = 0; i < A->nv; i++)
			bwant[i] = want[i] && lo[i] < hi[i] && lo[i] >= 1 &&
			    hi[i] <= t && (k == 2) == (A->pool >= 0 &&
			    A->v[i].row / AUD_ROWS == A->pool);
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
fig_audit(const struct fig_set *s, const char *boards_csv,
    const char *region_csv, const char *label, FILE *out)
{
	struct aud A;
	char *b, *r, *said;
	long *cases, *children, found = 0;
	int i, j;

	memset(&A, 0, sizeof(A));
	A.s = s;
	A.pool = -1;
	A.rows = xcalloc(AUD_MAX_ROWS, sizeof(*A.rows));
	A.id = xcalloc((size_t)AUD_MAX_BLOCKS * AUD_ROWS * (s->ndefs + 1) *
	    AUD__MAX, sizeof(*A.id));
	for (i = 0; i < AUD_MAX_BLOCKS * AUD_ROWS * ((int)s->ndefs + 1) *
	    AUD__MAX; i++)
		A.id[i] = -1;
	cases = xcalloc(AUD_MAX_BLOCKS * AUD_ROWS, sizeof(*cases));
	children = xcalloc(AUD_MAX_BLOCKS * AUD_ROWS, sizeof(*children));
	for (i = 0; i < AUD_MAX_BLOCKS * AUD_ROWS; i++)
		cases[i] = children[i] = AUD_INF;
	b = xstrdup(boards_csv);
	r = xstrdup(region_csv);
	if (!aud_read(&A, b, r, cases, children)) {
		fprintf(out, "%s: the published ledgers cannot be read\n",
		    label);
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
	if (A.pool >= 0 && aud_reason(&A, 2))
		for (i = 0; i < A.nv; i++)
			if (A.v[i].row / AUD_ROWS == A.pool &&
			    A.v[i].lo == A.v[i].hi)
				A.v[i].baseline = 1;
	if (!aud_reason(&A, 0)) {
		fprintf(out, "%s: what is published contradicts the "
		    "relations of figures.yaml\n", label);
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
	free(b);
	free(r);
	free(cases);
	free(children);
	aud_free(&A);
	return found;
}

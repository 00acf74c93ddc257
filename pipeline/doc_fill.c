/*
 * doc_fill.c: the fill stage of scrpaper.  Resolves the references of a
 * parsed template (figures, report fields, national comparators) against
 * the figure ledger and the cohort, reporting unknown names at their
 * template position with a suggestion; then drops the conditional blocks
 * that do not apply to this paper and numbers items and footnotes.
 * Text from data is only ever stored as plain text in nodes; no markup is
 * built from it.
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "diag.h"
#include "case.h"
#include "fig.h"
#include "doc.h"
#include "fill.h"
#include "grid.h"

/* The fields {report:NAME} can print. */
enum fill_field {
	FIELD_TITLE,
	FIELD_REGION,
	FIELD_ORGANISATION,
	FIELD_LSCB,		/* the board, or the region in the regional paper */
	FIELD_PERIOD,		/* "April 2006 – September 2009" */
	FIELD_PERIOD_FROM,	/* "April 2006" */
	FIELD_PERIOD_TO,	/* "September 2009" */
	FIELD_CREATED,		/* "30 November 2009" */
	FIELD_AUTHORS,		/* "A, B and C" */
	FIELD_THRESHOLD,	/* the disclosure threshold in words: "five" */
	FIELD_MIN_BASE,		/* comparison: min_base, in digits */
	FIELD__MAX
};

static const char *const fill_field_names[FIELD__MAX] = {
	"title", "region", "organisation", "lscb", "period", "period_from",
	"period_to", "created", "authors", "threshold", "min_base",
};

/* The attributes of a study {national:[STUDY:]KEY} can print. */
static const char *const fill_study_keys[] = {
	"citation", "title", "period", "children",
};
/* What @chart draws: series (colours: two, then hatched) and categories
 * (bars that fit on one page). */
#define FILL_CHART_SERIES	3
#define FILL_CHART_CATS		10
/* A "@periods" table's chart: a series a period (the current one and
 * up to four earlier ones), in two colours and three patterns. */
#define FILL_PERIOD_SERIES	5

#define FILL_NSTUDY_KEYS (sizeof(fill_study_keys) / sizeof(fill_study_keys[0]))

static const char *const fill_months[12] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December",
};

struct fill {
	struct doc		*doc;
	const struct doc_env	*env;
	struct diag		*d;
	int			 errors;
	/* A board's public paper (fill_collapse()): */
	int			 board_figures;	/* tables keeping a board
						   column */
	int			 c_shown;	/* a board [c] still printed */
	int			 banded;	/* a board band printed */
	/* disclosure: pool (fill_pool()): */
	const struct fig_ledger *const *override; /* while set, a reference
						   of the current period
						   reads these ledgers */
	struct doc_node		**pooled;	/* tables showing the totals
						   over every period */
	size_t			 npooled;
};

static void
fill_err(struct fill *f, const struct doc_node *n, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void
fill_err(struct fill *f, const struct doc_node *n, const char *fmt, ...)
{
	va_list	 ap;

	/* At most TMPL_MAX_ERRORS a file, as the loader's. */
	if (++f->errors > TMPL_MAX_ERRORS) {
		if (f->errors == TMPL_MAX_ERRORS + 1)
			diag_error(f->d, f->doc->file, n->line, n->col,
			    "too many errors; the rest of this file is not "
			    "checked");
		return;
	}
	va_start(ap, fmt);
	diag_vmsg(f->d, DIAG_ERROR, f->doc->file, n->line, n->col, fmt, ap);
	va_end(ap);
}

/* Returns "Month YYYY" for date YYYYMMDD; free with free(). */
static char *
fill_month(int date)
{
	int	 m = date / 100 % 100;

	if (m < 1 || m > 12)
		return xasprintf("%d", date / 10000);
	return xasprintf("%s %d", fill_months[m - 1], date / 10000);
}

/* Returns "D Month YYYY" for date YYYYMMDD; free with free(). */
static char *
fill_day(int date)
{
	int	 m = date / 100 % 100;

	if (m < 1 || m > 12)
		return xasprintf("%d", date / 10000);
	return xasprintf("%d %s %d", date % 100, fill_months[m - 1],
	    date / 10000);
}

/* Returns the authors as "A, B and C"; free with free(). */
static char *
fill_authors(const struct report *r)
{
	struct buf	 b;
	size_t		 i;

	buf_init(&b);
	for (i = 0; i < r->nauthors; i++) {
		if (i > 0)
			buf_puts(&b, i + 1 == r->nauthors ? " and " : ", ");
		buf_puts(&b, r->authors[i]);
	}
	return buf_take(&b);
}

/* Reports an unknown name with the nearest of names[0..n). */
static void
fill_unknown(struct fill *f, const struct doc_node *n, const char *what,
    const char *name, const char *const *names, size_t nnames,
    const char *where)
{
	const char	*sug;

	sug = str_suggest(name, names, nnames);
	if (sug != NULL)
		fill_err(f, n, "unknown %s \"%s\"%s; did you mean \"%s\"?",
		    what, name, where, sug);
	else
		fill_err(f, n, "unknown %s \"%s\"%s", what, name, where);
}

/*
 * Returns 1 if the figure's text t reads before a noun only with "of":
 * a percentage or a share in words ("35% of", "about half of"; but
 * "very few cases", "one in ten cases"), or a count in words that names
 * an amount ("a small number of").  A suppressed figure reads as a count
 * ("[c] cases").
 */
static int
fill_needs_of(const struct fig_value *v, const char *t)
{
	size_t	 len = strlen(t);

	if (v->suppressed)
		return 0;
	if (v->unit == FIG_COUNT)
		return len >= 6 && strcmp(t + len - 6, "number") == 0;
	if (strcmp(t, "none") == 0 || strcmp(t, "all") == 0)
		return 1;
	/* "very few cases", "one in ten cases" */
	if ((len >= 4 && strcmp(t + len - 4, " ten") == 0) ||
	    (len >= 3 && strcmp(t + len - 3, "few") == 0))
		return 0;
	return !(isdigit((unsigned char)t[0]) && t[len - 1] != '%') &&
	    strspn(t, "0123456789") != len;
}

/*
 * Returns 1 if s starts with a determiner ("the ", "these ", "those "),
 * before which the "of" of "# of" always stays: "one in ten of these
 * cases", never "one in ten these cases".
 */
static int
fill_determiner(const char *s)
{
	return strncmp(s, "the ", 4) == 0 || strncmp(s, "these ", 6) == 0 ||
	    strncmp(s, "those ", 6) == 0;
}

/*
 * The words of {NAME|ONE|OTHER} or {NAME|ZERO|ONE|OTHER}: the form the
 * figure's value chooses (OTHER for [c] and for any number but 0 and 1;
 * OTHER for 0 too without a ZERO form), "#" replaced by its text t.  The
 * "of" after "#" is written or left out as t needs it ("# cases": "a
 * small number of cases", "[c] cases"; "# of families": "35% of
 * families", "[c] families"), except before "the", "these" or "those";
 * "none" before a noun reads "no".  A share of none over a base that is
 * not empty reads "none", and "# of families" then "none of the
 * families".  Returns a new string; free with free().
 */
static char *
fill_forms(const struct fig_value *v, const char *t, char *const *forms,
    size_t nforms)
{
	const char	*f, *rest;
	struct buf	 b;
	int		 of;

	if (nforms == 1 || v->suppressed ||
	    (v->num != 1 && (v->num != 0 || nforms < 3)))
		f = forms[nforms - 1];
	else if (v->num == 1)
		f = forms[nforms - 2];
	else
		f = forms[0];
	/* A share of none, as a person writes it: "none of the families",
	 * never "0% of families". */
	if (!v->suppressed && !v->banded && v->unit != FIG_COUNT &&
	    v->num == 0 && v->den > 0)
		t = "none";
	of = fill_needs_of(v, t);
	buf_init(&b);
	for (; *f != '\0'; f++) {
		if (*f != '#') {
			buf_putc(&b, *f);
			continue;
		}
		rest = f + 1;
		if (strncmp(rest, " of ", 4) == 0 && !of &&
		    !fill_determiner(rest + 4))
			rest += 3;	/* "# of families": "[c] families" */
		if (strcmp(t, "none") == 0 && rest[0] == ' ' &&
		    isalpha((unsigned char)rest[1]) &&
		    strncmp(rest, " of ", 4) != 0)
			buf_puts(&b, "no");
		else if (strcmp(t, "none") == 0 &&
		    strncmp(rest, " of ", 4) == 0 && !fill_determiner(rest + 4)) {
			buf_puts(&b, "none of the");	/* not "none of families" */
			f = rest + 2;	/* the loop steps onto " families" */
			continue;
		} else
			buf_puts(&b, t);
		if (of && rest[0] == ' ' && isalpha((unsigned char)rest[1]) &&
		    strncmp(rest, " of ", 4) != 0)
			buf_puts(&b, " of");
		f = rest - 1;
	}
	return buf_take(&b);
}

/*
 * Returns the style named word (written at column col of n's line), or
 * -1 for the default when word is NULL.  An unknown word is reported,
 * with the nearest style, and gives -2.
 */
static int
fill_style(struct fill *f, const struct doc_node *n, const char *word,
    int col)
{
	struct doc_node	 at;
	const char	*sug;
	int		 style;

	if (word == NULL)
		return -1;
	if ((style = fig_style_find(word)) >= 0)
		return style;
	at = *n;
	at.col = col;
	sug = str_suggest(word, fig_style_names, FIG_STYLE__MAX);
	if (sug != NULL)
		fill_err(f, &at, "unknown style \"%s\"; did you mean "
		    "\"%s\"?", word, sug);
	else
		fill_err(f, &at, "unknown style \"%s\" (percent, digits, "
		    "words or approx)", word);
	return -2;
}

/* Sets num to a number of kind, or to no figure when value is not one a
 * table or a chart can hold. */
static void
fill_num_set(struct doc_num *num, enum doc_num_kind kind, double value)
{
	memset(num, 0, sizeof(*num));
	if (!isfinite(value) || value < 0 || value > DOC_NUM_LIMIT)
		return;
	num->kind = kind;
	num->value = value;
}

/* Periods (issue 15), below. */
static void	fill_change(struct fill *, struct doc_node *);
static const struct fig_ledger *fill_figref_ledger(struct fill *,
		    struct doc_node *);
static int	fill_test_periods(const struct doc_test *);
static int	fill_period_test_holds(const struct fill *,
		    const struct doc_test *);
static void	fill_period_test_names(struct fill *, struct doc_node *);
static int	fill_period_cond(const struct fill *,
		    const struct doc_node *);
static size_t	fill_nperiods(const struct fill *);
static int	fill_period_field(struct fill *, struct doc_node *);

/* Returns 1 if n is inside a table cell. */
static int
fill_in_cell(const struct doc_node *n)
{
	for (; n != NULL; n = n->parent)
		if (n->type == DOC_CELL)
			return 1;
	return 0;
}

/* Returns 1 if v printed in style is a share of none over a base that is
 * not empty ("0%"). */
static int
fill_zero_share(const struct fig_value *v, enum fig_style style)
{
	return fig_form(v, style) == FIG_FORM_PERCENT && v->num == 0 &&
	    v->den > 0;
}

/*
 * The words of a share of none that reference n prints in a sentence:
 * "none" before "of the" ("none of the children"; "of families" becomes
 * "none of the families"), else "none of" its base:
 * "the families" for a share of the reviews (a review is of one family,
 * as the paper says), "the children", "them" for a share of the
 * children who died (the sentence names them: "Of the children who
 * died: none of them were neglect").
 */
static const char *
fill_zero_words(const struct fig_value *v, struct doc_node *n)
{
	char	*t;

	if (n->next != NULL && n->next->type == DOC_TEXT &&
	    n->next->text != NULL && strncmp(n->next->text, " of ", 4) == 0) {
		if (fill_determiner(n->next->text + 4) ||
		    strncmp(n->next->text + 4, "them", 4) == 0)
			return "none";
		/* "0% of families": "none of the families". */
		t = xstrdup(n->next->text + 3);
		free(n->next->text);
		n->next->text = t;
		return "none of the";
	}
	switch (v->unit) {
	case FIG_CASES:
		return "none of the families";
	case FIG_CHILDREN:
		return "none of the children";
	default:
		return "none of them";
	}
}

static void
fill_figref(struct fill *f, struct doc_node *n)
{
	const struct fig_ledger	*l;
	const struct fig_value	*v;
	const char		**names;
	size_t			 i;
	enum fig_style		 style;
	int			 want;

	if (n->as.figref.change) {
		fill_change(f, n);
		return;
	}
	if ((want = fill_style(f, n, n->as.figref.style,
	    n->as.figref.style_col)) == -2)
		return;
	if ((l = fill_figref_ledger(f, n)) == NULL)
		return;
	if ((v = fig_ledger_find(l, n->as.figref.name)) == NULL) {
		names = xcalloc(l->nvalues + 1, sizeof(*names));
		for (i = 0; i < l->nvalues; i++)
			names[i] = l->values[i].name;
		fill_unknown(f, n, "figure", n->as.figref.name, names,
		    l->nvalues, "");
		free(names);
		return;
	}
	style = want >= 0 ? (enum fig_style)want : v->style;
	free(n->text);
	n->text = fig_paper_format(v, style);
	memset(&n->as.figref.num, 0, sizeof(n->as.figref.num));
	switch (fig_paper_form(v, style)) {
	case FIG_FORM_SUPPRESSED:
		n->as.figref.num.kind = DOC_NUM_SUPPRESSED;
		break;
	case FIG_FORM_NO_BASE:
		n->as.figref.num.kind = DOC_NUM_BLANK;
		break;
	case FIG_FORM_PERCENT:
		fill_num_set(&n->as.figref.num, DOC_NUM_PERCENT, v->percent);
		break;
	case FIG_FORM_NUMBER:
		fill_num_set(&n->as.figref.num, DOC_NUM_COUNT, (double)v->num);
		break;
	default:
		break;
	}
	if (n->as.figref.nforms == 0 && fill_zero_share(v, style) &&
	    !fill_in_cell(n)) {
		/* A share of none in a sentence, as a person writes it:
		 * "none of the children", "None of the families had a
		 * Child Protection Plan", never "0%" (a table keeps its
		 * "0%"). */
		free(n->text);
		n->text = xstrdup(fill_zero_words(v, n));
		memset(&n->as.figref.num, 0, sizeof(n->as.figref.num));
	}
	if (n->as.figref.nforms > 0) {
		/* Words chosen by the value: no longer a number. */
		char *t = fill_forms(v, n->text, n->as.figref.forms,
		    n->as.figref.nforms);

		free(n->text);
		n->text = t;
		memset(&n->as.figref.num, 0, sizeof(n->as.figref.num));
	}
}

static void
fill_natref(struct fill *f, struct doc_node *n)
{
	const struct national	*nat = &f->env->cohort->national;
	const struct nat_study	*s;
	const struct nat_figure	*fg;
	const char		*id, **names;
	char			*where;
	size_t			 i, k;
	int			 style;

	/* {national:A:B}: a key and a style when B is a style word, else
	 * a study and a key. */
	if (n->as.natref.style == NULL && n->as.natref.study != NULL &&
	    fig_style_find(n->as.natref.key) >= 0) {
		n->as.natref.style = n->as.natref.key;
		n->as.natref.key = n->as.natref.study;
		n->as.natref.study = NULL;
	}
	if ((style = fill_style(f, n, n->as.natref.style,
	    n->as.natref.style_col)) == -2)
		return;
	id = n->as.natref.study != NULL ? n->as.natref.study :
	    f->env->cohort->report.national_study;
	if (id == NULL || (s = national_find(nat, id)) == NULL) {
		names = xcalloc(nat->nstudies + 1, sizeof(*names));
		for (i = 0; i < nat->nstudies; i++)
			names[i] = nat->studies[i].id;
		fill_unknown(f, n, "national study", id ? id : "", names,
		    nat->nstudies, "");
		free(names);
		return;
	}

	free(n->text);
	n->text = NULL;
	for (k = 0; k < FILL_NSTUDY_KEYS; k++)
		if (strcmp(n->as.natref.key, fill_study_keys[k]) == 0)
			break;
	switch (k) {
	case 0:
		n->text = xstrdup(s->citation ? s->citation : "");
		break;
	case 1:
		n->text = xstrdup(s->title ? s->title : s->id);
		break;
	case 2:
		n->text = xstrdup(s->period ? s->period : s->id);
		break;
	case 3:
		if (s->children < 0)
			fill_err(f, n, "national study \"%s\" gives no "
			    "number of children", s->id);
		else
			n->text = xasprintf("%ld", s->children);
		break;
	default:
		break;
	}
	if (k < FILL_NSTUDY_KEYS) {
		if (style >= 0)
			fill_err(f, n, "a style applies to national figures, "
			    "not to the study's %s", fill_study_keys[k]);
		return;
	}

	if ((fg = nat_study_figure(s, n->as.natref.key)) == NULL) {
		names = xcalloc(s->nfigures + FILL_NSTUDY_KEYS,
		    sizeof(*names));
		for (i = 0; i < s->nfigures; i++)
			names[i] = s->figures[i].name;
		for (k = 0; k < FILL_NSTUDY_KEYS; k++)
			names[i + k] = fill_study_keys[k];
		where = xasprintf(" in study \"%s\"", s->id);
		fill_unknown(f, n, "national figure", n->as.natref.key,
		    names, s->nfigures + FILL_NSTUDY_KEYS, where);
		free(where);
		free(names);
		return;
	}
	switch (style) {
	case -1:
		if (fg->text != NULL) {
			/* Words, such as "just over 50%". */
			n->text = xstrdup(fg->text);
			break;
		}
		n->text = xasprintf("%d%%", fg->percent);
		fill_num_set(&n->as.natref.num, DOC_NUM_PERCENT, fg->percent);
		break;
	case FIG_STYLE_PERCENT:
		n->text = xasprintf("%d%%", fg->percent);
		fill_num_set(&n->as.natref.num, DOC_NUM_PERCENT, fg->percent);
		break;
	case FIG_STYLE_DIGITS:
		n->text = xasprintf("%d", fg->percent);
		fill_num_set(&n->as.natref.num, DOC_NUM_COUNT, fg->percent);
		break;
	default:
		fill_err(f, n, "style \"%s\" does not apply to national "
		    "figures (percent or digits)", fig_style_names[style]);
		break;
	}
}

static void
fill_field(struct fill *f, struct doc_node *n)
{
	const struct report	*r = &f->env->cohort->report;
	struct fig_value	 v;
	char			*a, *b;
	int			 k;

	for (k = 0; k < FIELD__MAX; k++)
		if (strcmp(n->as.field.name, fill_field_names[k]) == 0)
			break;
	free(n->text);
	n->text = NULL;
	switch (k) {
	case FIELD_TITLE:
		n->text = xstrdup(r->title ? r->title : "");
		break;
	case FIELD_REGION:
		n->text = xstrdup(r->region ? r->region : "");
		break;
	case FIELD_ORGANISATION:
		n->text = xstrdup(r->organisation ? r->organisation : "");
		break;
	case FIELD_LSCB:
		if (f->env->lscb >= 0 && (size_t)f->env->lscb < r->nlscbs)
			n->text = xstrdup(r->lscbs[f->env->lscb]);
		else
			n->text = xstrdup(r->region ? r->region : "");
		break;
	case FIELD_PERIOD:
		a = fill_month(r->period_from);
		b = fill_month(r->period_to);
		n->text = xasprintf("%s \u2013 %s", a, b);
		free(a);
		free(b);
		break;
	case FIELD_PERIOD_FROM:
		n->text = fill_month(r->period_from);
		break;
	case FIELD_PERIOD_TO:
		n->text = fill_month(r->period_to);
		break;
	case FIELD_CREATED:
		n->text = fill_day(r->created);
		break;
	case FIELD_AUTHORS:
		n->text = fill_authors(r);
		break;
	case FIELD_THRESHOLD:
		memset(&v, 0, sizeof(v));
		v.unit = FIG_COUNT;
		v.num = r->threshold;
		v.percent = -1;
		n->text = fig_format(&v, FIG_STYLE_WORDS);
		break;
	case FIELD_MIN_BASE:
		n->text = xasprintf("%d", r->min_base);
		break;
	default:
		if (fill_period_field(f, n))
			break;
		fill_unknown(f, n, "report field", n->as.field.name,
		    fill_field_names, FIELD__MAX, "");
		break;
	}
}

/* The ledger a reference to ledger reads. */
static const struct fig_ledger *
fill_ledger(const struct fill *f, enum doc_ledger ledger)
{
	return f->env->ledgers[ledger];
}

/* Returns 1 if test t's right side is "min_base", report.yaml's
 * comparison: min_base ("::: if region:cases >= min_base": the region's
 * base is large enough to set beside a national figure), and no figure
 * has that name. */
static int
fill_test_min_base(const struct fill *f, const struct doc_test *t)
{
	return t->rname != NULL && strcmp(t->rname, "min_base") == 0 &&
	    !t->rhalf && t->rperiod.label == NULL && !t->rperiod.previous &&
	    fig_ledger_find(f->env->ledgers[t->rledger], "min_base") == NULL;
}

/* Checks the names of a "::: if" test, with a suggestion for each
 * unknown one. */
static void
fill_test_names(struct fill *f, struct doc_node *n)
{
	const struct doc_test	*t = n->as.cond.test;
	const struct fig_ledger	*l;
	const char		**names;
	const char		*name;
	size_t			 i;
	int			 k;

	for (k = 0; k < 2; k++) {
		name = k == 0 ? t->name : t->rname;
		if (name == NULL || (k == 1 && fill_test_min_base(f, t)))
			continue;
		l = fill_ledger(f, k == 0 ? t->ledger : t->rledger);
		if (fig_ledger_find(l, name) != NULL)
			continue;
		names = xcalloc(l->nvalues + 1, sizeof(*names));
		for (i = 0; i < l->nvalues; i++)
			names[i] = l->values[i].name;
		fill_unknown(f, n, "figure", name, names, l->nvalues,
		    " in test");
		free(names);
	}
	if (t->rpercent && (l = fill_ledger(f, t->ledger)) != NULL &&
	    fig_ledger_find(l, t->name) != NULL &&
	    fig_ledger_find(l, t->name)->unit == FIG_COUNT)
		fill_err(f, n, "figure \"%s\" is a count: it has no "
		    "percentage to test", t->name);
	if (fill_test_periods(t))
		fill_period_test_names(f, n);
}

/* What a reader can tell of v's numerator: [*lo, *hi]. */
static void
fill_bounds(const struct fig_value *v, long *lo, long *hi)
{
	if (v->suppressed) {
		*lo = v->lo;
		*hi = v->hi > v->lo ? v->hi : v->lo;
	} else
		*lo = *hi = v->num;
}

/* Returns 1 if a op c holds for every a in [a0, a1] and c in [c0, c1]. */
static int
fill_compare(enum doc_test_op op, long a0, long a1, long c0, long c1)
{
	switch (op) {
	case DOC_OP_EQ:
		return a0 == a1 && c0 == c1 && a0 == c0;
	case DOC_OP_NE:
		return a1 < c0 || a0 > c1;
	case DOC_OP_LT:
		return a1 < c0;
	case DOC_OP_LE:
		return a1 <= c0;
	case DOC_OP_GT:
		return a0 > c1;
	case DOC_OP_GE:
		return a0 >= c1;
	default:
		return 0;
	}
}

/*
 * Returns 1 if the test of a "::: if" block holds.  A suppressed figure
 * counts only as what its [c] lets a reader tell (its bounds), so that
 * whether a sentence shows gives nothing away: a test that could go
 * either way within those bounds does not hold.
 */
static int
fill_test_holds(const struct fill *f, const struct doc_test *t)
{
	/* One evaluation for a test within the current period and one
	 * across periods (below): within one, it reads as described
	 * above. */
	return t != NULL && fill_period_test_holds(f, t);
}

static long	fill_period_cases(const struct fill *);

/* Returns 1 if a ::: block n is shown in this paper. */
static int
fill_cond_holds(const struct fill *f, const struct doc_node *n)
{
	const struct fig_ledger	*l = f->env->ledgers[DOC_LEDGER_SELECTION];
	const struct fig_ledger	*region = f->env->ledgers[DOC_LEDGER_REGION];

	switch (n->as.cond.cond) {
	case DOC_COND_IF:
		return fill_test_holds(f, n->as.cond.test);
	case DOC_COND_UNLESS:
		return !fill_test_holds(f, n->as.cond.test);
	case DOC_COND_FIXED:
		return 1;
	case DOC_COND_REGIONAL:
		return f->env->lscb < 0;
	case DOC_COND_LSCB:
		return f->env->lscb >= 0;
	case DOC_COND_CASES:
		return l->cases > 0;
	case DOC_COND_NO_CASES:
		return l->cases == 0;
	case DOC_COND_SUPPRESSED:
		return l->suppressed_any && (f->env->lscb < 0 || f->c_shown);
	case DOC_COND_BOARD_FIGURES:
		return f->board_figures > 0;
	case DOC_COND_NO_BOARD_FIGURES:
		return f->env->lscb >= 0 && f->board_figures == 0;
	case DOC_COND_BANDED:
		return f->banded;
	case DOC_COND_REGION_CASES:
		return region->cases > 0;
	case DOC_COND_NO_REGION_CASES:
		return region->cases == 0;
	case DOC_COND_EARLIER:
		return fill_period_cond(f, n);
	case DOC_COND_NO_EARLIER:
		return fill_nperiods(f) < 2;
	case DOC_COND_PERIOD_CASES:
		return fill_period_cases(f) > 0;
	case DOC_COND_NO_PERIOD_CASES:
		return fill_period_cases(f) == 0;
	case DOC_COND_MAP:
		/* As fill_boards() decides. */
		return f->env->lscb < 0 && f->env->boards != NULL &&
		    f->env->grid != NULL &&
		    f->env->cohort->report.nlscbs > 0;
	default:
		return 0;
	}
}

/*
 * Periods (issue 15): report.yaml's period and its "earlier:" ones.
 * {previous:NAME}, {earlier:LABEL:NAME} and {change:NAME} read another
 * period's ledger of the same kind; "::: if NAME rose" and tests naming
 * previous: or earlier: compare periods; "::: earlier [LABEL]" keeps
 * what needs an earlier period out of a report that declares none;
 * "@periods" sets a table's figures across the periods and "@trend"
 * draws the national studies' figures beside the region's.
 */

/* The periods of the report, the current one included. */
static size_t
fill_nperiods(const struct fill *f)
{
	return f->env->nperiods > 0 ? f->env->nperiods : 1;
}

/* Returns the label of period i, as a new string; free with free(). */
static char *
fill_period_label(const struct fill *f, size_t i)
{
	const struct report	*r = &f->env->cohort->report;

	if (f->env->nperiods > 0 && f->env->period_labels != NULL &&
	    f->env->period_labels[i] != NULL)
		return xstrdup(f->env->period_labels[i]);
	/* As report.yaml's loader labels a period it does not name. */
	if (r->period_from / 10000 == r->period_to / 10000)
		return xasprintf("%04d", r->period_from / 10000);
	return xasprintf("%04d-%02d", r->period_from / 10000,
	    r->period_to / 10000 % 100);
}

/* Returns period i's ledger of kind ledger. */
static const struct fig_ledger *
fill_period_ledger(const struct fill *f, enum doc_ledger ledger, size_t i)
{
	if (f->env->nperiods == 0 || f->env->periods[ledger] == NULL ||
	    i + 1 == f->env->nperiods)
		return f->env->ledgers[ledger];
	return f->env->periods[ledger][i];
}

/* The paper's own reviews over every period ("::: period-cases"). */
static long
fill_period_cases(const struct fill *f)
{
	size_t	 i;
	long	 n = 0;

	for (i = 0; i < fill_nperiods(f); i++)
		n += fill_period_ledger(f, DOC_LEDGER_SELECTION, i)->cases;
	return n;
}

/* Sets p->index to the period p names; returns 0 when the report has no
 * such period. */
static int
fill_period_find(const struct fill *f, struct doc_period *p)
{
	size_t	 n = fill_nperiods(f), i;
	char	*label;
	int	 found = 0;

	if (p->previous) {
		p->index = (int)n - 2;
		return n >= 2;
	}
	if (p->label == NULL) {
		p->index = (int)n - 1;
		return 1;
	}
	for (i = 0; !found && i + 1 < n; i++) {
		label = fill_period_label(f, i);
		if (strcmp(label, p->label) == 0) {
			p->index = (int)i;
			found = 1;
		}
		free(label);
	}
	return found;
}

static int	fill_cond_holds(const struct fill *, const struct doc_node *);

/* Returns 1 if n sits in a "::: earlier" or "::: no-earlier" block this
 * paper leaves out: a reference there to a period the report does not
 * declare is no error, as the block will not show. */
static int
fill_period_hidden(const struct fill *f, const struct doc_node *n)
{
	const struct doc_node	*a;

	for (a = n->parent; a != NULL; a = a->parent)
		if (a->type == DOC_COND &&
		    (a->as.cond.cond == DOC_COND_EARLIER ||
		    a->as.cond.cond == DOC_COND_NO_EARLIER) &&
		    !fill_cond_holds(f, a))
			return 1;
	return 0;
}

/* Reports the period p of reference n as unknown, naming the earlier
 * periods the report declares. */
static void
fill_period_unknown(struct fill *f, const struct doc_node *n,
    const struct doc_period *p)
{
	struct buf	 known;
	size_t		 i, np = fill_nperiods(f);
	char		*label;

	if (np < 2) {
		fill_err(f, n, "no period before the current one: "
		    "report.yaml declares no earlier period (put what "
		    "compares periods in a \"::: earlier\" block)");
		return;
	}
	buf_init(&known);
	for (i = 0; i + 1 < np; i++) {
		label = fill_period_label(f, i);
		buf_printf(&known, "%s%s", i == 0 ? "" : i + 2 == np ?
		    " and " : ", ", label);
		free(label);
	}
	fill_err(f, n, "unknown earlier period \"%s\" (report.yaml declares "
	    "%s; a block \"::: earlier %s\" shows only when it does)",
	    p->label, known.data, p->label);
	buf_clear(&known);
}

/*
 * Returns the ledger of kind ledger of the period p that reference n
 * names (p->index set), or NULL for an unknown period (reported).  In a
 * block this paper leaves out, an unknown period is no error: *hidden is
 * set and the current period's ledger returned, so that the figure's
 * name is still checked (p->index is not set).
 */
static const struct fig_ledger *
fill_period_of(struct fill *f, const struct doc_node *n,
    struct doc_period *p, enum doc_ledger ledger, int *hidden)
{
	*hidden = 0;
	if (fill_period_find(f, p))
		return fill_period_ledger(f, ledger, (size_t)p->index);
	if (fill_period_hidden(f, n)) {
		*hidden = 1;
		return fill_period_ledger(f, ledger, fill_nperiods(f) - 1);
	}
	fill_period_unknown(f, n, p);
	return NULL;
}

/* Returns v's value as printed in a comparison of periods, as bounds
 * [*lo, *hi]: its whole percentage for a share, its count for a count.
 * Returns 0 when it has none a reader could compare (no base, or a
 * suppressed share over a hidden base). */
static int
fill_period_value(const struct fig_value *v, long *lo, long *hi)
{
	fill_bounds(v, lo, hi);
	if (v->unit == FIG_COUNT)
		return 1;
	if (v->den <= 0 || (v->suppressed && v->den_hidden))
		return 0;
	*lo = fig_percent(*lo, v->den);
	*hi = fig_percent(*hi, v->den);
	return 1;
}

/* The months period i covers: the calendar months from its first day's
 * to its last day's, both counted (2004-04-01 to 2006-03-31: 24). */
static long
fill_period_months(const struct fill *f, size_t i)
{
	int	 from, to;
	long	 m;

	(void)report_period(&f->env->cohort->report, i, &from, &to);
	if (from <= 0 || to <= 0)
		return 0;
	m = (long)(to / 10000 * 12 + to / 100 % 100) -
	    (long)(from / 10000 * 12 + from / 100 % 100) + 1;
	return m > 0 ? m : 0;
}

/* Returns 1 if a count is compared between periods a and b as a rate a
 * year: their lengths differ (both known). */
static int
fill_period_rates(const struct fill *f, size_t a, size_t b)
{
	long	 ma = fill_period_months(f, a), mb = fill_period_months(f, b);

	return ma > 0 && mb > 0 && ma != mb;
}

/* Count x over months as a rate a year, rounded half up to whole units:
 * x * 12 / months. */
static long
fill_rate(long x, long months)
{
	return (x * 24 + months) / (2 * months);
}

/* As fill_period_value, for v of period i compared with period j: a
 * count becomes its rate a year when the periods' lengths differ. */
static int
fill_period_cmp_value(const struct fill *f, const struct fig_value *v,
    size_t i, size_t j, long *lo, long *hi)
{
	long	 m;

	if (!fill_period_value(v, lo, hi))
		return 0;
	if (v->unit == FIG_COUNT && fill_period_rates(f, i, j)) {
		m = fill_period_months(f, i);
		*lo = fill_rate(*lo, m);
		*hi = fill_rate(*hi, m);
	}
	return 1;
}

/*
 * Returns 1 if figure v of period i and w of period j (the same figure of
 * ledger kind ledger) have bases large enough to compare (report.yaml
 * comparison: min_base): a share's base in each period, a count's number
 * of reviews in each.  Below it, no change is stated and no "rose",
 * "fell", "unchanged" or "comparable" holds.
 */
static int
fill_base_ok(const struct fill *f, enum doc_ledger ledger,
    const struct fig_value *v, size_t i, const struct fig_value *w, size_t j)
{
	long	 min = f->env->cohort->report.min_base;

	if (v->unit != FIG_COUNT)
		return v->den >= min && w->den >= min;
	return fill_period_ledger(f, ledger, i)->cases >= min &&
	    fill_period_ledger(f, ledger, j)->cases >= min;
}

/* Reports figure name of reference n as unknown in ledger l. */
static void
fill_figref_unknown(struct fill *f, const struct doc_node *n,
    const struct fig_ledger *l, const char *name)
{
	const char	**names;
	size_t		 i;

	names = xcalloc(l->nvalues + 1, sizeof(*names));
	for (i = 0; i < l->nvalues; i++)
		names[i] = l->values[i].name;
	fill_unknown(f, n, "figure", name, names, l->nvalues, "");
	free(names);
}

/* The ledger reference n reads: of its kind and its period; NULL for an
 * unknown period (reported, unless in a block left out). */
static const struct fig_ledger *
fill_figref_ledger(struct fill *f, struct doc_node *n)
{
	int	 hidden;

	if (f->override != NULL && n->as.figref.period.label == NULL &&
	    !n->as.figref.period.previous &&
	    f->override[n->as.figref.ledger] != NULL)
		return f->override[n->as.figref.ledger];
	return fill_period_of(f, n, &n->as.figref.period,
	    n->as.figref.ledger, &hidden);
}

/* Writes number x of the change of v (a share as "N%" when pct) in
 * style to b. */
static void
fill_change_num(struct buf *b, const struct fig_value *v, long x,
    int words, int pct)
{
	struct fig_value	 c;
	char			*t;

	if (pct) {
		buf_printf(b, "%ld%%", x);
		return;
	}
	memset(&c, 0, sizeof(c));
	c.unit = FIG_COUNT;
	c.num = x;
	c.percent = -1;
	c.name = v->name;
	t = fig_format(&c, words ? FIG_STYLE_WORDS : FIG_STYLE_DIGITS);
	buf_puts(b, t);
	free(t);
}

/*
 * The change of count v from a (period p) to z (the current period) when
 * the periods' lengths differ: compared as rates a year (the count times
 * 12 over the period's months, rounded), each count with its months, so
 * that the sentence does not set a short period's count against a long
 * one's: "rose from 19 a year to 23 a year, up 4 a year (38 in 24
 * months, then 80 in 42 months)".
 */
static void
fill_change_rate(struct fill *f, struct doc_node *n,
    const struct fig_value *v, long a, long z, size_t p, int words)
{
	struct buf	 b;
	long		 mp, mc, ra, rz, d;

	mp = fill_period_months(f, p);
	mc = fill_period_months(f, fill_nperiods(f) - 1);
	ra = fill_rate(a, mp);
	rz = fill_rate(z, mc);
	buf_init(&b);
	/* A rate of 0 is "0 a year" in both styles: the words' "none a
	 * year" does not read (issue 32.9). */
	if (ra == rz) {
		buf_puts(&b, "was unchanged at ");
		fill_change_num(&b, v, rz, words && rz != 0, 0);
		buf_puts(&b, " a year");
	} else {
		d = rz > ra ? rz - ra : ra - rz;
		buf_puts(&b, rz > ra ? "rose from " : "fell from ");
		fill_change_num(&b, v, ra, words && ra != 0, 0);
		buf_puts(&b, " a year to ");
		fill_change_num(&b, v, rz, words && rz != 0, 0);
		buf_puts(&b, rz > ra ? " a year, up " : " a year, down ");
		fill_change_num(&b, v, d, words, 0);
		buf_puts(&b, " a year");
	}
	buf_puts(&b, " (");
	fill_change_num(&b, v, a, words, 0);
	buf_printf(&b, " in %ld month%s, then ", mp, mp == 1 ? "" : "s");
	fill_change_num(&b, v, z, words, 0);
	buf_printf(&b, " in %ld month%s)", mc, mc == 1 ? "" : "s");
	n->text = buf_take(&b);
}

/*
 * {[region:]change:NAME[:STYLE]}: how the figure changed from the period
 * before to the current one, as printed: "rose from 40% to 45%, up 5
 * points", "fell from 12 to 9, down 3", "was unchanged at 40%".  A
 * share's change is in whole percentage points of the percentages
 * printed; a count's in its units (style digits or words).  [c] when
 * either value is suppressed, n/a when either share has no base.
 */
static void
fill_change(struct fill *f, struct doc_node *n)
{
	const struct fig_ledger	*lc, *lp;
	const struct fig_value	*v, *w;
	struct doc_period	 prev;
	struct buf		 b;
	long			 a, z, d, lo;
	size_t			 cur;
	int			 style, hidden, pct;

	if ((style = fill_style(f, n, n->as.figref.style,
	    n->as.figref.style_col)) == -2)
		return;
	lc = fill_period_ledger(f, n->as.figref.ledger, fill_nperiods(f) - 1);
	if ((v = fig_ledger_find(lc, n->as.figref.name)) == NULL) {
		fill_figref_unknown(f, n, lc, n->as.figref.name);
		return;
	}
	pct = v->unit != FIG_COUNT;
	if ((pct && style >= 0 && style != FIG_STYLE_PERCENT) ||
	    (!pct && style >= 0 && style != FIG_STYLE_DIGITS &&
	    style != FIG_STYLE_WORDS)) {
		fill_err(f, n, "a change of %s \"%s\" is printed %s, not in "
		    "style \"%s\"", pct ? "share" : "count", v->name, pct ?
		    "in percentage points (percent)" : "in digits or words",
		    fig_style_names[style]);
		return;
	}
	memset(&prev, 0, sizeof(prev));
	prev.previous = 1;
	if ((lp = fill_period_of(f, n, &prev, n->as.figref.ledger,
	    &hidden)) == NULL || hidden)
		return;
	w = fig_ledger_find(lp, n->as.figref.name);
	free(n->text);
	memset(&n->as.figref.num, 0, sizeof(n->as.figref.num));
	if (w == NULL || v->suppressed || w->suppressed) {
		/* A change is shown only when both values are: else it
		 * would give a suppressed one away. */
		n->text = xstrdup(fig_suppressed_mark);
		n->as.figref.num.kind = DOC_NUM_SUPPRESSED;
		return;
	}
	if (!fill_period_value(v, &lo, &z) || !fill_period_value(w, &lo, &a)) {
		n->text = xstrdup("n/a");
		n->as.figref.num.kind = DOC_NUM_BLANK;
		return;
	}
	cur = fill_nperiods(f) - 1;
	if (!fill_base_ok(f, n->as.figref.ledger, v, cur, w,
	    (size_t)prev.index)) {
		n->text = xstrdup("could not be compared: too few reviews");
		n->as.figref.num.kind = DOC_NUM_BLANK;
		return;
	}
	if (!pct && fill_period_rates(f, (size_t)prev.index, cur)) {
		fill_change_rate(f, n, v, a, z, (size_t)prev.index,
		    style == FIG_STYLE_WORDS);
		return;
	}
	buf_init(&b);
	if (z == a) {
		buf_puts(&b, "was unchanged at ");
		fill_change_num(&b, v, z, style == FIG_STYLE_WORDS, pct);
	} else {
		d = z > a ? z - a : a - z;
		buf_puts(&b, z > a ? "rose from " : "fell from ");
		fill_change_num(&b, v, a, style == FIG_STYLE_WORDS, pct);
		buf_puts(&b, " to ");
		fill_change_num(&b, v, z, style == FIG_STYLE_WORDS, pct);
		buf_puts(&b, z > a ? ", up " : ", down ");
		fill_change_num(&b, v, d, style == FIG_STYLE_WORDS, 0);
		if (pct)
			buf_puts(&b, d == 1 ? " point" : " points");
	}
	n->text = buf_take(&b);
}

/*
 * {report:previous}, the label of the period before the current one, and
 * {report:periods}, every period's label ("2002-04, 2004-06 and
 * 2006-09").  Returns 0 when n is neither.
 */
static int
fill_period_field(struct fill *f, struct doc_node *n)
{
	struct doc_period	 prev;
	struct buf		 b;
	size_t			 i, np = fill_nperiods(f);
	char			*label;
	int			 hidden;

	if (strcmp(n->as.field.name, "previous") == 0) {
		memset(&prev, 0, sizeof(prev));
		prev.previous = 1;
		if (fill_period_of(f, n, &prev, DOC_LEDGER_REGION,
		    &hidden) != NULL && !hidden)
			n->text = fill_period_label(f, (size_t)prev.index);
		return 1;
	}
	if (strcmp(n->as.field.name, "periods") != 0)
		return 0;
	buf_init(&b);
	for (i = 0; i < np; i++) {
		label = fill_period_label(f, i);
		buf_printf(&b, "%s%s", i == 0 ? "" : i + 1 == np ? " and " :
		    ", ", label);
		free(label);
	}
	n->text = buf_take(&b);
	return 1;
}

/* Checks the periods a "::: if" test names (not within a block this
 * paper leaves out). */
static void
fill_period_test_names(struct fill *f, struct doc_node *n)
{
	struct doc_test	*t = n->as.cond.test;
	struct doc_period prev;
	int		 hidden;

	if (t->op >= DOC_OP_ROSE) {
		memset(&prev, 0, sizeof(prev));
		prev.previous = 1;
		(void)fill_period_of(f, n, &prev, t->ledger, &hidden);
		return;
	}
	(void)fill_period_of(f, n, &t->period, t->ledger, &hidden);
	if (t->rname != NULL)
		(void)fill_period_of(f, n, &t->rperiod, t->rledger, &hidden);
}

/* Returns 1 if test t reads another period than the current one. */
static int
fill_test_periods(const struct doc_test *t)
{
	return t->op >= DOC_OP_ROSE || t->period.previous ||
	    t->period.label != NULL || t->rperiod.previous ||
	    t->rperiod.label != NULL;
}

/*
 * Returns 1 if test t, which reads another period, holds.  "rose",
 * "fell" and "unchanged" compare the figure as printed (a share's whole
 * percentage, a count) with the period before, and hold, as
 * "comparable" does, only when {change:NAME} prints a change: both
 * values shown, each with a base; a comparison of two
 * shares of different periods compares their percentages, else their
 * numerators, as in one period.  A suppressed figure counts as its
 * bounds, so that the test holds only when it holds for every value.
 */
static int
fill_period_test_holds(const struct fill *f, const struct doc_test *t)
{
	struct doc_period	 pl = t->period, pr = t->rperiod;
	const struct fig_value	*v, *w;
	long			 a0, a1, c0, c1;

	if (t->op >= DOC_OP_ROSE) {
		memset(&pl, 0, sizeof(pl));
		memset(&pr, 0, sizeof(pr));
		pr.previous = 1;
	}
	if (!fill_period_find(f, &pl) ||
	    (v = fig_ledger_find(fill_period_ledger(f, t->ledger,
	    (size_t)pl.index), t->name)) == NULL)
		return 0;
	if (t->op >= DOC_OP_ROSE) {
		/* As {change:NAME}: only when both values are shown. */
		if (!fill_period_find(f, &pr) ||
		    (w = fig_ledger_find(fill_period_ledger(f, t->ledger,
		    (size_t)pr.index), t->name)) == NULL ||
		    v->suppressed || w->suppressed ||
		    !fill_period_cmp_value(f, v, (size_t)pl.index,
		    (size_t)pr.index, &a0, &a1) ||
		    !fill_period_cmp_value(f, w, (size_t)pr.index,
		    (size_t)pl.index, &c0, &c1) ||
		    !fill_base_ok(f, t->ledger, v, (size_t)pl.index, w,
		    (size_t)pr.index))
			return 0;
		if (t->op == DOC_OP_COMPARABLE)
			return 1;
		return fill_compare(t->op == DOC_OP_ROSE ? DOC_OP_GT :
		    t->op == DOC_OP_FELL ? DOC_OP_LT : DOC_OP_EQ, a0, a1, c0,
		    c1);
	}
	if (fill_test_min_base(f, t)) {
		fill_bounds(v, &a0, &a1);
		c0 = f->env->cohort->report.min_base;
		return fill_compare(t->op, a0, a1, c0, c0);
	}
	if (t->rname == NULL) {
		fill_bounds(v, &a0, &a1);
		if (t->rpercent) {
			if (v->den <= 0 || (v->suppressed && v->den_hidden))
				return 0;
			a0 = fig_percent(a0, v->den);
			a1 = fig_percent(a1, v->den);
		}
		return fill_compare(t->op, a0, a1, t->rnum, t->rnum);
	}
	if (!fill_period_find(f, &pr) ||
	    (w = fig_ledger_find(fill_period_ledger(f, t->rledger,
	    (size_t)pr.index), t->rname)) == NULL)
		return 0;
	if (v->unit != FIG_COUNT && w->unit != FIG_COUNT &&
	    pl.index != pr.index) {
		if (!fill_period_value(v, &a0, &a1) ||
		    !fill_period_value(w, &c0, &c1))
			return 0;
	} else {
		fill_bounds(v, &a0, &a1);
		fill_bounds(w, &c0, &c1);
	}
	if (t->rhalf)
		return fill_compare(t->op, 2 * a0, 2 * a1, c0, c1);
	return fill_compare(t->op, a0, a1, c0, c1);
}

/* Returns 1 if "::: earlier [LABEL]" block n is shown: the report
 * declares an earlier period (LABEL). */
static int
fill_period_cond(const struct fill *f, const struct doc_node *n)
{
	struct doc_period	 p;

	if (n->as.cond.label == NULL)
		return fill_nperiods(f) >= 2;
	memset(&p, 0, sizeof(p));
	p.label = n->as.cond.label;
	return fill_period_find(f, &p);
}

/* Returns a new cell of row (a header cell if header) holding text. */
static struct doc_node *
fill_text_cell(const struct doc_node *at, int header, const char *text)
{
	struct doc_node	*cell, *t;

	cell = doc_node_new(DOC_CELL, at->line, at->col);
	cell->as.cell.header = header;
	t = doc_node_new(DOC_TEXT, at->line, at->col);
	t->text = xstrdup(text);
	doc_node_append(cell, t);
	return cell;
}

/* Returns the one figure reference in cell c (spaces aside), or NULL. */
static struct doc_node *
fill_cell_figref(const struct doc_node *c)
{
	struct doc_node	*k, *ref = NULL;

	for (k = c->first_child; k != NULL; k = k->next) {
		if (k->type == DOC_TEXT && k->text != NULL &&
		    strspn(k->text, " ") == strlen(k->text))
			continue;
		if (ref != NULL || k->type != DOC_FIGREF)
			return NULL;
		ref = k;
	}
	return ref;
}

/* Returns a new reference to the figure of ref in period i. */
static struct doc_node *
fill_period_ref(const struct fill *f, const struct doc_node *ref, size_t i)
{
	struct doc_node	*r;

	r = doc_node_new(DOC_FIGREF, ref->line, ref->col);
	r->as.figref.ledger = ref->as.figref.ledger;
	r->as.figref.name = xstrdup(ref->as.figref.name);
	if (ref->as.figref.style != NULL)
		r->as.figref.style = xstrdup(ref->as.figref.style);
	r->as.figref.style_col = ref->as.figref.style_col;
	if (i + 1 < fill_nperiods(f))
		r->as.figref.period.label = fill_period_label(f, i);
	return r;
}

/* Returns 1 if ref names a count (not a share) and the report's periods
 * differ in length: its @periods table then gives each period's months. */
static int
fill_period_count_ref(const struct fill *f, const struct doc_node *ref)
{
	const struct fig_value	*v;
	size_t			 i, np = fill_nperiods(f);

	v = fig_ledger_find(fill_period_ledger(f, ref->as.figref.ledger,
	    np - 1), ref->as.figref.name);
	if (v == NULL || v->unit != FIG_COUNT)
		return 0;
	for (i = 0; i + 1 < np; i++)
		if (fill_period_rates(f, i, np - 1))
			return 1;
	return 0;
}

/*
 * Sets "@periods" table t across the periods: its second column, a
 * figure a body row, becomes one column a period, oldest first, the
 * current one last, headed by the periods' labels.
 */
static void
fill_period_table(struct fill *f, struct doc_node *t)
{
	struct doc_node	*row, *cell, *ref, *c;
	size_t		 i, np = fill_nperiods(f);
	char		*label, *hl;
	int		 head = 0, counts = 0, errors = f->errors;

	for (row = t->first_child; row != NULL; row = row->next) {
		cell = row->first_child != NULL ? row->first_child->next :
		    NULL;
		if (cell == NULL)
			continue;
		if (row->as.row.header) {
			head = 1;
			if (cell->first_child != NULL)
				fill_err(f, cell, "a @periods table leaves "
				    "its header's second cell empty: the "
				    "periods' labels go there");
			continue;
		}
		ref = fill_cell_figref(cell);
		if (ref == NULL || ref->as.figref.change ||
		    ref->as.figref.nforms > 0 ||
		    ref->as.figref.period.previous ||
		    ref->as.figref.period.label != NULL)
			fill_err(f, cell, "a @periods table's second column "
			    "holds one figure {NAME} or {region:NAME} a row, "
			    "which it sets across the periods");
		else
			counts |= fill_period_count_ref(f, ref);
	}
	if (!head)
		fill_err(f, t, "a @periods table needs a header row (its "
		    "second cell empty) for the periods' labels");
	if (f->errors > errors)
		return;
	for (row = t->first_child; row != NULL; row = row->next) {
		cell = row->first_child->next;
		ref = fill_cell_figref(cell);
		for (i = 0; i < np; i++) {
			if (row->as.row.header) {
				label = fill_period_label(f, i);
				if (counts) {
					/* Counts of periods of unequal
					 * lengths: each column says its
					 * months. */
					hl = xasprintf("%s (%ld\u00a0month%s)",
					    label, fill_period_months(f, i),
					    fill_period_months(f, i) == 1 ?
					    "" : "s");
					free(label);
					label = hl;
				}
				c = fill_text_cell(cell, 1, label);
				free(label);
			} else {
				c = doc_node_new(DOC_CELL, cell->line,
				    cell->col);
				doc_node_append(c, fill_period_ref(f, ref, i));
			}
			/* A column of figures, even of a period whose
			 * figures are all blank. */
			c->as.cell.align = DOC_ALIGN_RIGHT;
			doc_node_insert_before(cell, c);
		}
		doc_node_free(cell);
	}
	t->as.table.ncols = 1 + (int)np;
}

/* Expands every "@periods" table (before the references are read). */
static void
fill_period_tables(struct fill *f)
{
	struct doc_node	*n, *root = f->doc->root;

	for (n = root->first_child; n != NULL; n = doc_node_walk(n, root))
		if (n->type == DOC_TABLE && n->as.table.periods)
			fill_period_table(f, n);
}

/* Returns 1 if study s is a point of the national series: the first
 * study of national.yaml with its period (a later one with the same
 * period is a sample of it, such as an intensive study). */
static int
fill_trend_point(const struct national *nat, size_t s)
{
	size_t	 i;

	for (i = 0; i < s; i++)
		if (nat->studies[i].period != NULL &&
		    nat->studies[s].period != NULL &&
		    strcmp(nat->studies[i].period,
		    nat->studies[s].period) == 0)
			return 0;
	return 1;
}

/* Checks the figures of "@trend" chart n: each a figure of a national
 * study, and no more than a chart draws. */
static void
fill_trend_names(struct fill *f, struct doc_node *n)
{
	const struct national	*nat = &f->env->cohort->national;
	const char		**names;
	size_t			 i, k, s, nn = 0;

	if (n->as.chart.ntrend > FILL_CHART_SERIES)
		fill_err(f, n, "@trend draws 1 to %d figures, not %zu",
		    FILL_CHART_SERIES, n->as.chart.ntrend);
	for (k = 0; k < n->as.chart.ntrend; k++) {
		for (s = 0; s < nat->nstudies; s++)
			if (fill_trend_point(nat, s) &&
			    nat_study_figure(&nat->studies[s],
			    n->as.chart.trend[k]) != NULL)
				break;
		if (s < nat->nstudies)
			continue;
		names = NULL;
		nn = 0;
		for (s = 0; s < nat->nstudies; s++)
			for (i = 0; i < nat->studies[s].nfigures; i++) {
				names = xreallocarray(names, nn + 1,
				    sizeof(*names));
				names[nn++] = nat->studies[s].figures[i].name;
			}
		fill_unknown(f, n, "national figure", n->as.chart.trend[k],
		    names, nn, " in @trend (a figure of the studies' "
		    "series)");
		free(names);
	}
}

/* Returns the label of figure name from the figures file, or name. */
static const char *
fill_fig_label(const struct fill *f, const char *name)
{
	size_t	 i;

	for (i = 0; f->env->figs != NULL && i < fig_set_size(f->env->figs);
	    i++)
		if (strcmp(fig_set_name(f->env->figs, i), name) == 0 &&
		    fig_set_label(f->env->figs, i) != NULL)
			return fig_set_label(f->env->figs, i);
	return name;
}

/* Returns text with its spaces made no-break spaces and no break after
 * an en dash, as a new string: the period of a row label of the trend
 * ("2005 – 2007" in "National, 2005 – 2007"), which should not break;
 * the name before it keeps its ordinary spaces. */
static char *
fill_nbsp(const char *text)
{
	struct buf	 b;
	const char	*p;

	buf_init(&b);
	for (p = text; *p != '\0'; p++)
		if (*p == ' ')
			buf_puts(&b, "\u00a0");
		else if (strncmp(p, "\u2013", 3) == 0) {
			/* A line may break after a dash, no-break space
			 * or not (UAX #14): a word joiner holds it. */
			buf_puts(&b, "\u2013\u2060");
			p += 2;
		} else
			buf_putc(&b, *p);
	return buf_take(&b);
}

/*
 * Expands "@trend NAME,..." chart n: puts before it a table with a row
 * for each point of the national series (a gap "–" where the study does
 * not give the figure) and one for each of the region's periods (its
 * figure of the same name, a share, set as printed; "–" where it has
 * none), a column a figure, for the chart to draw.
 */
static void
fill_trend(struct fill *f, struct doc_node *n)
{
	const struct national	*nat = &f->env->cohort->national;
	const struct report	*r = &f->env->cohort->report;
	const struct nat_figure	*fg;
	const struct fig_value	*v;
	struct doc_node		*table, *row, *cell, *ref;
	size_t			 s, k, i;
	char			*t, *label;

	table = doc_node_new(DOC_TABLE, n->line, n->col);
	table->as.table.ncols = 1 + (int)n->as.chart.ntrend;
	row = doc_node_new(DOC_ROW, n->line, n->col);
	row->as.row.header = 1;
	doc_node_append(table, row);
	doc_node_append(row, fill_text_cell(n, 1, "Per cent"));
	for (k = 0; k < n->as.chart.ntrend; k++)
		doc_node_append(row, fill_text_cell(n, 1,
		    fill_fig_label(f, n->as.chart.trend[k])));
	for (s = 0; s < nat->nstudies; s++) {
		if (!fill_trend_point(nat, s))
			continue;
		row = doc_node_new(DOC_ROW, n->line, n->col);
		doc_node_append(table, row);
		label = fill_nbsp(nat->studies[s].period ?
		    nat->studies[s].period : nat->studies[s].id);
		t = xasprintf("National,\u00a0%s", label);
		free(label);
		doc_node_append(row, fill_text_cell(n, 0, t));
		free(t);
		for (k = 0; k < n->as.chart.ntrend; k++) {
			fg = nat_study_figure(&nat->studies[s],
			    n->as.chart.trend[k]);
			t = fg != NULL ? xasprintf("%d%%", fg->percent) :
			    xstrdup("\u2013");
			doc_node_append(row, fill_text_cell(n, 0, t));
			free(t);
		}
	}
	for (i = 0; i < fill_nperiods(f); i++) {
		row = doc_node_new(DOC_ROW, n->line, n->col);
		doc_node_append(table, row);
		/* The period is held together, and to the name's last
		 * word; the name's own spaces stay, so that a long name
		 * breaks between its words (issue 31.8). */
		t = fill_period_label(f, i);
		label = fill_nbsp(t);
		free(t);
		t = xasprintf("%s,\u00a0%s", r->region ? r->region : "Region",
		    label);
		free(label);
		doc_node_append(row, fill_text_cell(n, 0, t));
		free(t);
		for (k = 0; k < n->as.chart.ntrend; k++) {
			v = fig_ledger_find(fill_period_ledger(f,
			    DOC_LEDGER_REGION, i), n->as.chart.trend[k]);
			if (v == NULL || v->unit == FIG_COUNT) {
				doc_node_append(row, fill_text_cell(n, 0,
				    "\u2013"));
				continue;
			}
			cell = doc_node_new(DOC_CELL, n->line, n->col);
			doc_node_append(row, cell);
			ref = doc_node_new(DOC_FIGREF, n->line, n->col);
			ref->as.figref.ledger = DOC_LEDGER_REGION;
			ref->as.figref.name = xstrdup(n->as.chart.trend[k]);
			ref->as.figref.style = xstrdup("percent");
			if (i + 1 < fill_nperiods(f))
				ref->as.figref.period.label =
				    fill_period_label(f, i);
			doc_node_append(cell, ref);
			fill_figref(f, ref);
		}
	}
	doc_node_insert_before(n, table);
}

/* Joins lists of one kind that only a ::: block boundary had split, so
 * that a block inside a list continues the list. */
static void
fill_merge_lists(struct doc_node *parent)
{
	struct doc_node	*n, *next, *c;

	for (n = parent->first_child; n != NULL; n = n->next) {
		while (n->type == DOC_LIST && (next = n->next) != NULL &&
		    next->type == DOC_LIST &&
		    next->as.list.kind == n->as.list.kind) {
			while ((c = next->first_child) != NULL) {
				doc_node_unlink(c);
				doc_node_append(n, c);
			}
			doc_node_free(next);
		}
	}
}

/* Replaces each ::: block under parent by its children, or drops it. */
static void
fill_prune(struct fill *f, struct doc_node *parent)
{
	struct doc_node	*n, *next, *c;

	for (n = parent->first_child; n != NULL; n = next) {
		next = n->next;
		if (n->type != DOC_COND)
			continue;
		fill_prune(f, n);
		if (fill_cond_holds(f, n)) {
			while ((c = n->first_child) != NULL) {
				doc_node_unlink(c);
				doc_node_insert_before(n, c);
			}
		}
		doc_node_free(n);
	}
	fill_merge_lists(parent);
}

static int
fill_def_cmp(const void *a, const void *b)
{
	const struct doc_node *x = *(struct doc_node *const *)a;
	const struct doc_node *y = *(struct doc_node *const *)b;

	int c = strcmp(x->as.footnote.label, y->as.footnote.label);

	if (c != 0 || x->line == y->line)
		return c;
	return x->line < y->line ? -1 : 1;
}

static int
fill_label_cmp(const void *a, const void *b)
{
	const struct doc_node *x = *(struct doc_node *const *)a;
	const struct doc_node *y = *(struct doc_node *const *)b;

	return strcmp(x->as.footnote.label, y->as.footnote.label);
}

/* Numbers footnotes in order of first reference and items in lists;
 * drops footnotes nothing refers to.  The definitions are looked up in
 * a sorted index, so that it takes n log n (issue 13.14). */
static void
fill_number(struct fill *f)
{
	struct doc_node	*root = f->doc->root, *n, *def, *next, **defs;
	struct doc_node	 key, *keyp = &key, **hit;
	size_t		 ndefs = 0;
	int		 fn = 0, item;

	for (n = root->first_child; n != NULL; n = n->next)
		ndefs += n->type == DOC_FOOTNOTE;
	defs = xcalloc(ndefs + 1, sizeof(*defs));
	ndefs = 0;
	for (n = root->first_child; n != NULL; n = n->next)
		if (n->type == DOC_FOOTNOTE)
			defs[ndefs++] = n;
	/* Stable for equal labels: the first definition wins, as before. */
	if (ndefs > 1)
		qsort(defs, ndefs, sizeof(*defs), fill_def_cmp);
	memset(&key, 0, sizeof(key));

	for (n = root->first_child; n != NULL; n = doc_node_walk(n, root)) {
		if (n->type == DOC_LIST) {
			item = 0;
			for (def = n->first_child; def != NULL;
			    def = def->next)
				def->as.item.number = n->as.list.kind ==
				    DOC_LIST_NUMBERED ? ++item : 0;
			continue;
		}
		if (n->type != DOC_FNREF)
			continue;
		for (def = n->parent; def != NULL; def = def->parent)
			if (def->type == DOC_FOOTNOTE)
				break;
		if (def != NULL) {
			fill_err(f, n, "footnote reference inside a "
			    "footnote");
			continue;
		}
		key.as.footnote.label = n->as.fnref.label;
		hit = ndefs > 0 ? bsearch(&keyp, defs, ndefs, sizeof(*defs),
		    fill_label_cmp) : NULL;
		/* The first of several with the label, as before. */
		while (hit != NULL && hit > defs && strcmp(hit[-1]->
		    as.footnote.label, n->as.fnref.label) == 0)
			hit--;
		def = hit != NULL ? *hit : NULL;
		if (def == NULL) {
			fill_err(f, n, "footnote [^%s] is defined only in a "
			    "block this paper leaves out",
			    n->as.fnref.label);
			continue;
		}
		if (def->as.footnote.number == 0)
			def->as.footnote.number = ++fn;
		n->as.fnref.number = def->as.footnote.number;
		n->as.fnref.def = def;
		free(n->text);
		n->text = xasprintf("%d", def->as.footnote.number);
	}
	free(defs);
	for (n = root->first_child; n != NULL; n = next) {
		next = n->next;
		if (n->type == DOC_FOOTNOTE && n->as.footnote.number == 0)
			doc_node_free(n);
	}
}

/*
 * Reads literal text (spaces around it aside) as a number: digits, with
 * commas between groups of three ("1,234"), an optional fraction (".5")
 * and an optional "%"; "–" (no figure in this column) and "n/a" are
 * blanks.  Anything else is no figure.
 */
static void
fill_num_parse(const char *t, struct doc_num *num)
{
	char		 digits[64];
	size_t		 n = 0, run = 0, len;
	int		 commas = 0, pct = 0;

	memset(num, 0, sizeof(*num));
	while (*t == ' ')
		t++;
	len = strlen(t);
	while (len > 0 && t[len - 1] == ' ')
		len--;
	if ((len == strlen("\u2013") && strncmp(t, "\u2013", len) == 0) ||
	    (len == 3 && strncmp(t, "n/a", 3) == 0)) {
		num->kind = DOC_NUM_BLANK;
		return;
	}
	if (len > 0 && t[len - 1] == '%') {
		pct = 1;
		len--;
	}
	for (; len > 0 && n + 1 < sizeof(digits); t++, len--) {
		if (isdigit((unsigned char)*t)) {
			digits[n++] = *t;
			run++;
		} else if (*t == ',' && run > 0 && run <= 3 &&
		    (!commas || run == 3)) {
			commas = 1;
			run = 0;
		} else
			break;
	}
	if (n == 0 || (commas && run != 3))
		return;
	if (len > 1 && *t == '.') {
		digits[n++] = *t++;
		len--;
		while (len > 0 && isdigit((unsigned char)*t) &&
		    n + 1 < sizeof(digits)) {
			digits[n++] = *t++;
			len--;
		}
	}
	if (len != 0)
		return;
	digits[n] = '\0';
	fill_num_set(num, pct ? DOC_NUM_PERCENT : DOC_NUM_COUNT,
	    strtod(digits, NULL));
}

/*
 * What a chart's cell holds: 1 a number to draw ("35%", "4"; *pct set
 * when a percentage), 0 a value not drawn ("[c]", "–", "n/a", empty),
 * -1 a negative number, -2 anything else (words).  The numbers are those
 * the chart can draw (render_chart.c): finite, at most 1e9.
 */
static int
fill_chart_value(const char *s, int *pct)
{
	char	*end;
	double	 v;

	while (*s == ' ')
		s++;
	if (*s == '\0' || strcmp(s, "[c]") == 0 ||
	    strcmp(s, "\u2013") == 0 || strcmp(s, "n/a") == 0)
		return 0;
	if ((*s == '-' || strncmp(s, "\u2212", 3) == 0) &&
	    isdigit((unsigned char)s[*s == '-' ? 1 : 3]))
		return -1;
	if (!isdigit((unsigned char)*s))
		return -2;
	v = strtod(s, &end);
	/* A banded share, "25\u201349%" (fig_band_text()): a hidden
	 * figure, drawn as [c] is, with no bar. */
	if (strncmp(end, "\u2013", 3) == 0 &&
	    isdigit((unsigned char)end[3]) && end == s + strspn(s,
	    "0123456789")) {
		end += 3 + strspn(end + 3, "0123456789");
		if (strcmp(end, "%") == 0)
			return 0;
	}
	*pct = *end == '%';
	if (*pct)
		end++;
	while (*end == ' ')
		end++;
	return *end == '\0' && isfinite(v) && v <= 1e9 ? 1 : -2;
}

/*
 * Checks that chart n can be drawn from the table just before it (issue
 * 13.12): a header row naming the series, one to FILL_CHART_SERIES
 * series, one to FILL_CHART_CATS body rows, and every value a number of
 * one kind (all percentages or all counts), not negative, or a value not
 * drawn ([c], a band, n/a, a dash).  Errors are reported at the chart or the cell.
 */
static void
fill_chart_check(struct fill *f, const struct doc_node *n)
{
	const struct doc_node	*t = n->prev, *row, *cell;
	int			 head = 0, body = 0, col, pct = 0, k;
	int			 npct = 0, ncount = 0;
	char			*s;

	if (t == NULL || t->type != DOC_TABLE) {
		fill_err(f, n, "@chart draws the table just above it, and "
		    "there is none");
		return;
	}
	if (t->as.table.ncols < 2 ||
	    t->as.table.ncols - 1 > (t->as.table.periods ?
	    FILL_PERIOD_SERIES : FILL_CHART_SERIES)) {
		fill_err(f, n, "@chart draws 1 to %d series (the table's "
		    "columns after the first); the table above has %d",
		    t->as.table.periods ? FILL_PERIOD_SERIES :
		    FILL_CHART_SERIES, t->as.table.ncols - 1);
		return;
	}
	for (row = t->first_child; row != NULL; row = row->next) {
		if (row->as.row.header) {
			head = 1;
			continue;
		}
		body++;
		for (col = 0, cell = row->first_child; cell != NULL;
		    cell = cell->next, col++) {
			if (col == 0)
				continue;
			s = doc_node_plain(cell);
			k = fill_chart_value(s, &pct);
			if (k == -1)
				fill_err(f, cell, "@chart cannot draw the "
				    "negative value \"%s\" as a bar", s);
			else if (k == -2)
				fill_err(f, cell, "@chart cannot draw \"%s\": "
				    "not a number (or [c])", s);
			else if (k == 1 && pct)
				npct++;
			else if (k == 1)
				ncount++;
			free(s);
		}
	}
	if (!head)
		fill_err(f, n, "@chart needs a header row naming the series "
		    "in the table above");
	if (body < 1 || body > FILL_CHART_CATS)
		fill_err(f, n, "@chart draws 1 to %d categories (the table's "
		    "body rows); the table above has %d", FILL_CHART_CATS,
		    body);
	if (npct > 0 && ncount > 0)
		fill_err(f, n, "@chart cannot draw percentages and counts on "
		    "one axis: the table above mixes them");
}

/* The one node of a cell but spaces, or NULL. */
static struct doc_node *
fill_cell_only(const struct doc_node *cell)
{
	struct doc_node	*c, *ref = NULL;
	int		 n = 0;

	for (c = cell->first_child; c != NULL; c = c->next) {
		if (c->type == DOC_TEXT && c->text != NULL &&
		    strspn(c->text, " ") == strlen(c->text))
			continue;
		ref = c;
		n++;
	}
	return n == 1 ? ref : NULL;
}

/* Types a table cell: a cell that holds one figure reference (and
 * spaces) holds that figure; any other cell is read as literal text. */
static void
fill_cell_num(struct doc_node *cell)
{
	struct doc_node	*ref = fill_cell_only(cell);
	char		*t;

	if (ref != NULL && ref->type == DOC_FIGREF) {
		cell->as.cell.num = ref->as.figref.num;
		return;
	}
	if (ref != NULL && ref->type == DOC_NATREF &&
	    ref->as.natref.num.kind != DOC_NUM_NONE) {
		cell->as.cell.num = ref->as.natref.num;
		return;
	}
	t = doc_node_plain(cell);
	fill_num_parse(t, &cell->as.cell.num);
	free(t);
}

/* Returns the cell of row in column col, or NULL. */
static struct doc_node *
fill_cell(const struct doc_node *row, int col)
{
	struct doc_node	*c;

	for (c = row->first_child; c != NULL && col > 0; c = c->next)
		col--;
	return c;
}

/* Types every cell of table, and right-aligns the columns whose body
 * cells are all figures, or blanks beside at least one figure. */
static void
fill_align(struct doc_node *table)
{
	struct doc_node	*row, *cell;
	int		 col, numeric, body;

	for (row = table->first_child; row != NULL; row = row->next)
		for (cell = row->first_child; cell != NULL; cell = cell->next)
			fill_cell_num(cell);
	for (col = 0; col < table->as.table.ncols; col++) {
		numeric = 1;
		body = 0;
		for (row = table->first_child; row != NULL; row = row->next) {
			if (row->as.row.header ||
			    (cell = fill_cell(row, col)) == NULL)
				continue;
			switch (cell->as.cell.num.kind) {
			case DOC_NUM_COUNT:
			case DOC_NUM_PERCENT:
			case DOC_NUM_SUPPRESSED:
				body++;
				break;
			case DOC_NUM_BLANK:
				break;
			default:
				numeric = 0;
				break;
			}
		}
		if (!numeric || body == 0)
			continue;
		for (row = table->first_child; row != NULL; row = row->next)
			if ((cell = fill_cell(row, col)) != NULL)
				cell->as.cell.align = DOC_ALIGN_RIGHT;
	}
}

/*
 * Reads chart node n's data from the table just before it (once cells
 * are typed and capitalised): categories, series, values, the axis's
 * kind and the text alternative.  Leaves n without data when no table
 * with a header row, two columns and a body row comes just before.
 */
static void
fill_chart(struct doc_node *n, const long *months)
{
	const struct doc_node	*table = n->prev, *row, *head = NULL, *c;
	struct doc_chart	*ch;
	struct doc_chart_cell	*cc;
	struct buf		 alt;
	size_t			 k, s, i, nnum = 0, npct = 0;
	char			*cap;
	long			 r;

	if (table == NULL || table->type != DOC_TABLE ||
	    table->as.table.ncols < 2)
		return;
	ch = xcalloc(1, sizeof(*ch));
	ch->nseries = (size_t)table->as.table.ncols - 1;
	for (row = table->first_child; row != NULL; row = row->next)
		if (row->as.row.header)
			head = row;
		else
			ch->ncats++;
	if (head == NULL || ch->ncats == 0) {
		free(ch);
		return;
	}
	ch->series = xcalloc(ch->nseries, sizeof(*ch->series));
	ch->cats = xcalloc(ch->ncats, sizeof(*ch->cats));
	ch->cells = xcalloc(ch->ncats * ch->nseries, sizeof(*ch->cells));
	for (s = 0; s < ch->nseries; s++)
		ch->series[s] = (c = fill_cell(head, (int)s + 1)) != NULL ?
		    doc_node_plain(c) : xstrdup("");
	k = 0;
	for (row = table->first_child; row != NULL; row = row->next) {
		if (row->as.row.header)
			continue;
		ch->cats[k] = (c = fill_cell(row, 0)) != NULL ?
		    doc_node_plain(c) : xstrdup("");
		for (s = 0; s < ch->nseries; s++) {
			cc = &ch->cells[k * ch->nseries + s];
			if ((c = fill_cell(row, (int)s + 1)) != NULL) {
				cc->text = doc_node_plain(c);
				cc->num = c->as.cell.num;
			} else
				cc->text = xstrdup("");
			if (cc->num.kind == DOC_NUM_PERCENT)
				npct++;
			if (cc->num.kind == DOC_NUM_PERCENT ||
			    cc->num.kind == DOC_NUM_COUNT)
				nnum++;
			if (cc->num.kind == DOC_NUM_SUPPRESSED)
				ch->suppressed = 1;
		}
		k++;
	}
	/* Percentages and counts do not share an axis: draw only the
	 * kind most values are. */
	ch->kind = npct * 2 >= nnum && nnum > 0 ? DOC_NUM_PERCENT :
	    DOC_NUM_COUNT;
	if (months != NULL && ch->kind == DOC_NUM_COUNT) {
		/* Counts of periods of unequal lengths (series s is period
		 * s, of months[s]): drawn as rates a year, each value and
		 * gridline saying so, as {change:NAME} compares them. */
		ch->per = " a year";
		for (i = 0; i < ch->ncats * ch->nseries; i++) {
			cc = &ch->cells[i];
			if (cc->num.kind != DOC_NUM_COUNT)
				continue;
			/* In tenths, half up, so that 1 review in 42
			 * months is drawn as 0.3 a year, not 0. */
			r = fill_rate((long)cc->num.value * 10,
			    months[i % ch->nseries]);
			cc->num.value = (double)r / 10;
			free(cc->text);
			cc->text = r % 10 == 0 ? xasprintf("%ld a year",
			    r / 10) : xasprintf("%ld.%ld a year", r / 10,
			    r % 10);
		}
	}
	for (i = 0; i < ch->ncats * ch->nseries; i++) {
		cc = &ch->cells[i];
		cc->bar = cc->num.kind == ch->kind;
		if (cc->bar && cc->num.value > ch->max)
			ch->max = cc->num.value;
	}

	/* The text alternative, from the same cells. */
	buf_init(&alt);
	cap = doc_node_plain(n);
	buf_printf(&alt, "Bar chart%s%s. ", *cap != '\0' ? ": " : "", cap);
	free(cap);
	for (k = 0; k < ch->ncats; k++) {
		buf_printf(&alt, "%s: ", ch->cats[k]);
		for (s = 0; s < ch->nseries; s++)
			buf_printf(&alt, "%s %s%s", ch->series[s],
			    ch->cells[k * ch->nseries + s].text,
			    s + 1 < ch->nseries ? ", " : ". ");
	}
	if (ch->suppressed)
		buf_puts(&alt, fig_suppressed_note);
	while (alt.len > 0 && alt.data[alt.len - 1] == ' ')
		alt.data[--alt.len] = '\0';
	ch->alt = buf_take(&alt);
	n->as.chart.data = ch;
}

/*
 * Returns the months of each period, a series each, when chart n draws
 * an "@periods" table of counts whose periods differ in length (they are
 * then drawn as rates a year), and appends ", as rates a year" to its
 * caption; else NULL.  Free with free().
 */
static long *
fill_chart_months(struct fill *f, struct doc_node *n)
{
	const struct doc_node	*table = n->prev, *row, *c;
	struct doc_node		*t;
	size_t			 i, np = fill_nperiods(f);
	long			*months;
	int			 counts = 0, differ = 0;

	if (table == NULL || table->type != DOC_TABLE ||
	    !table->as.table.periods || np < 2 ||
	    table->as.table.ncols != (int)np + 1)
		return NULL;
	for (row = table->first_child; row != NULL; row = row->next)
		for (c = row->first_child; c != NULL && !row->as.row.header;
		    c = c->next)
			if (c->as.cell.num.kind == DOC_NUM_COUNT)
				counts++;
	months = xcalloc(np, sizeof(*months));
	for (i = 0; i < np; i++) {
		months[i] = fill_period_months(f, i);
		if (months[i] <= 0) {
			free(months);
			return NULL;
		}
		if (i > 0 && months[i] != months[0])
			differ = 1;
	}
	if (counts == 0 || !differ) {
		free(months);
		return NULL;
	}
	t = doc_node_new(DOC_TEXT, n->line, n->col);
	t->text = xstrdup(", as rates a year");
	doc_node_append(n, t);
	return months;
}

/*
 * Not recorded, said (issue 25): a share printed over a base in which its
 * code was not recorded for some reviews says how many, as one pattern,
 * "(not recorded in N of M reviews)" ("children", "children who died" for
 * those bases): at the end of its sentence, or after the row's label in a
 * table (with the period in a table by period).  None not recorded says
 * nothing; a [c], a band, a hidden count of not recorded, a table of
 * totals over every period (fill_pool()) and a board's tables beside
 * London (whose base would the note count?) say nothing either.
 */

/* The base's units, as the note names them ("1 of 1 review"). */
static const char *
fill_nr_units(const struct fig_value *v)
{
	int	 one = v->den == 1;

	switch (v->unit) {
	case FIG_CHILDREN:
		return one ? "child" : "children";
	case FIG_DEATHS:
		return one ? "child who died" : "children who died";
	default:
		return one ? "review" : "reviews";
	}
}

/* The value reference n prints, when it is a share shown with codes not
 * recorded in its base; else NULL.  *period gets n's period index. */
static const struct fig_value *
fill_nr_value(struct fill *f, struct doc_node *n, size_t *period)
{
	const struct fig_ledger	*l;
	const struct fig_value	*v;
	struct doc_period	 p = n->as.figref.period;

	if (n->type != DOC_FIGREF || n->as.figref.change ||
	    (l = fill_figref_ledger(f, n)) == NULL ||
	    (v = fig_ledger_find(l, n->as.figref.name)) == NULL)
		return NULL;
	if (v->unit == FIG_COUNT || v->den <= 0 || v->suppressed ||
	    v->banded || v->nr_hidden || v->not_recorded <= 0 ||
	    (n->as.figref.style != NULL &&
	    strcmp(n->as.figref.style, "digits") == 0))
		return NULL;
	*period = fill_period_find(f, &p) ? (size_t)p.index :
	    fill_nperiods(f) - 1;
	return v;
}

/* Appends note to b once ("; " between notes). */
static void
fill_nr_add(struct buf *b, const char *note)
{
	if (b->data != NULL && strstr(b->data, note) != NULL)
		return;
	if (b->len > 0)
		buf_puts(b, "; ");
	buf_puts(b, note);
}

/* Says, at the end of block b (a paragraph or an item, before its full
 * stop), what is not recorded in the bases of its shares. */
static void
fill_nr_block(struct fill *f, struct doc_node *b)
{
	const struct fig_value	*v;
	struct doc_node		*n, *last, *t;
	struct buf		 notes;
	size_t			 i, len;
	char			*note;

	buf_init(&notes);
	for (n = b->first_child; n != NULL; n = doc_node_walk(n, b)) {
		if (n->type == DOC_LIST)
			break;	/* a nested list's items say their own */
		if ((v = fill_nr_value(f, n, &i)) == NULL)
			continue;
		note = xasprintf("%ld of %ld %s", v->not_recorded, v->den,
		    fill_nr_units(v));
		fill_nr_add(&notes, note);
		free(note);
	}
	if (notes.len == 0) {
		buf_clear(&notes);
		return;
	}
	last = b->last_child;
	t = doc_node_new(DOC_TEXT, b->line, b->col);
	if (last != NULL && last->type == DOC_TEXT && last->text != NULL &&
	    (len = strlen(last->text)) > 0 && last->text[len - 1] == '.') {
		last->text[len - 1] = '\0';
		t->text = xasprintf(" (not recorded in %s).", notes.data);
	} else
		t->text = xasprintf(" (not recorded in %s)", notes.data);
	doc_node_append(b, t);
	buf_clear(&notes);
}

/* Says, after each row's label of table tb, what is not recorded in the
 * bases of the row's shares. */
static void
fill_nr_table(struct fill *f, struct doc_node *tb)
{
	const struct fig_value	*v;
	struct doc_node		*row, *cell, *n, *t;
	struct buf		 notes;
	size_t			 i, k;
	char			*note, *label;

	for (k = 0; k < f->npooled; k++)
		if (f->pooled[k] == tb)
			return;
	/* A board's tables of "The BOARD reviews" set the board, London
	 * and the national study side by side: a note after the label
	 * could not say whose base it counts (not done yet). */
	if (f->env->lscb >= 0 && !tb->as.table.periods)
		return;
	for (row = tb->first_child; row != NULL; row = row->next) {
		if (row->as.row.header || row->first_child == NULL)
			continue;
		buf_init(&notes);
		for (cell = row->first_child->next; cell != NULL;
		    cell = cell->next)
			for (n = cell->first_child; n != NULL;
			    n = doc_node_walk(n, cell)) {
				if ((v = fill_nr_value(f, n, &i)) == NULL)
					continue;
				label = tb->as.table.periods ?
				    fill_period_label(f, i) : NULL;
				note = xasprintf("%ld of %ld %s%s%s",
				    v->not_recorded, v->den,
				    fill_nr_units(v), label != NULL ?
				    " in " : "", label != NULL ? label : "");
				fill_nr_add(&notes, note);
				free(note);
				free(label);
			}
		if (notes.len > 0) {
			t = doc_node_new(DOC_TEXT, row->line, row->col);
			t->text = xasprintf(" (not recorded in %s)",
			    notes.data);
			doc_node_append(row->first_child, t);
		}
		buf_clear(&notes);
	}
}

/* Every paragraph, item and table of the paper says what is not
 * recorded in the bases of its shares. */
static void
fill_not_recorded(struct fill *f)
{
	struct doc_node	*n, *root = f->doc->root;

	for (n = root->first_child; n != NULL; n = doc_node_walk(n, root))
		switch (n->type) {
		case DOC_PARA:
		case DOC_ITEM:
			fill_nr_block(f, n);
			break;
		case DOC_TABLE:
			fill_nr_table(f, n);
			break;
		default:
			break;
		}
}

/* Returns the label of a numbered caption or chart n, or NULL. */
static const char *
fill_label(const struct doc_node *n)
{
	if (n->type == DOC_CAPTION)
		return n->as.caption.label;
	if (n->type == DOC_CHART)
		return n->as.chart.label;
	if (n->type == DOC_TILEMAP)
		return n->as.tilemap.label;
	return NULL;
}

/* The labelled captions and charts under a node, sorted by label, the
 * first in reading order first among equal labels: one walk, then a
 * binary search a reference (not a walk a reference). */
struct fill_label_at {
	struct doc_node	*node;
	size_t		 order;	/* reading order */
};

struct fill_labels {
	struct fill_label_at *at;
	size_t		 n;
};

static int
fill_labels_cmp(const void *a, const void *b)
{
	const struct fill_label_at *x = a, *y = b;
	int c = strcmp(fill_label(x->node), fill_label(y->node));

	if (c != 0)
		return c;
	return x->order < y->order ? -1 : x->order > y->order;
}

static void
fill_labels_make(struct fill_labels *L, struct doc_node *top)
{
	struct doc_node	*n;
	size_t		 cap = 0;

	L->at = NULL;
	L->n = 0;
	for (n = top->first_child; n != NULL; n = doc_node_walk(n, top)) {
		if (fill_label(n) == NULL)
			continue;
		if (L->n == cap) {
			cap = cap ? 2 * cap : 16;
			L->at = xreallocarray(L->at, cap, sizeof(*L->at));
		}
		L->at[L->n].node = n;
		L->at[L->n].order = L->n;
		L->n++;
	}
	if (L->n > 0)
		qsort(L->at, L->n, sizeof(*L->at), fill_labels_cmp);
}

/* Returns the first caption or chart in reading order labelled label,
 * or NULL. */
static struct doc_node *
fill_find_label(const struct fill_labels *L, const char *label)
{
	size_t lo = 0, hi = L->n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (strcmp(fill_label(L->at[mid].node), label) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < L->n && strcmp(fill_label(L->at[lo].node), label) == 0)
		return L->at[lo].node;
	return NULL;
}

/* Reports every {ref:label} whose label no @table or @chart carries,
 * shown or hidden. */
static void
fill_check_xrefs(struct fill *f, struct doc_node *root)
{
	struct doc_node	*n;
	struct fill_labels L;

	fill_labels_make(&L, root);
	for (n = root->first_child; n != NULL; n = doc_node_walk(n, root))
		if (n->type == DOC_XREF &&
		    fill_find_label(&L, n->as.xref.label) == NULL)
			fill_err(f, n, "unknown label in {ref:%s}: no "
			    "@table, @chart or @boards has #%s",
			    n->as.xref.label, n->as.xref.label);
	free(L.at);
}

/* Puts the text s first in n's inline content. */
static void
fill_prefix(struct doc_node *n, const char *s)
{
	struct doc_node	*t;

	t = doc_node_new(DOC_TEXT, n->line, n->col);
	t->text = xstrdup(s);
	if (n->first_child != NULL)
		doc_node_insert_before(n->first_child, t);
	else
		doc_node_append(n, t);
}

/*
 * Numbers the shown table captions and charts in reading order, "Table
 * N: " and "Figure N: " first in their captions, and points every shown
 * {ref:label} at its target, printing "Table N" or "Figure N" (a no-break
 * space between the two).
 */
static void
fill_captions(struct fill *f, struct doc_node *root)
{
	struct doc_node	*n, *t, *o;
	int		 ntab = 0, nfig = 0;
	char		 s[64];
	struct fill_labels L;

	fill_labels_make(&L, root);
	for (n = root->first_child; n != NULL; n = doc_node_walk(n, root)) {
		if (n->type == DOC_CAPTION) {
			if (n->next == NULL || n->next->type != DOC_TABLE)
				fill_err(f, n, "@table must come just before "
				    "the table it captions");
			n->as.caption.number = ++ntab;
			snprintf(s, sizeof(s), "Table\u00a0%d: ", ntab);
		} else if (n->type == DOC_CHART || (n->type == DOC_TILEMAP &&
		    n->as.tilemap.data != NULL)) {
			if (n->type == DOC_CHART)
				n->as.chart.number = ++nfig;
			else
				n->as.tilemap.number = ++nfig;
			snprintf(s, sizeof(s), "Figure\u00a0%d%s", nfig,
			    n->first_child != NULL ? ": " : "");
		} else
			continue;
		if (fill_label(n) != NULL &&
		    (o = fill_find_label(&L, fill_label(n))) != n)
			fill_err(f, n, "label #%s is used twice (also at "
			    "line %d)", fill_label(n), o->line);
		fill_prefix(n, s);
	}
	for (n = root->first_child; n != NULL; n = doc_node_walk(n, root)) {
		if (n->type != DOC_XREF)
			continue;
		if ((t = fill_find_label(&L, n->as.xref.label)) == NULL) {
			fill_err(f, n, "{ref:%s} refers to a table or chart "
			    "this paper does not show", n->as.xref.label);
			continue;
		}
		n->as.xref.target = t;
		free(n->text);
		n->text = xasprintf("%s\u00a0%d", t->type == DOC_CAPTION ?
		    "Table" : "Figure", doc_number(t));
	}
	free(L.at);
}

/* Capitalises references that start a sentence in block b. */
static void
fill_capitalise(struct doc_node *b)
{
	struct doc_node	*n;
	size_t		 len;
	int		 start = 1;

	for (n = b->first_child; n != NULL; n = doc_node_walk(n, b)) {
		if (n->type == DOC_STRONG || n->type == DOC_FNREF ||
		    n->text == NULL)
			continue;
		/* "n/a" in a table cell is a mark, not a sentence. */
		if (start && n->type != DOC_TEXT &&
		    islower((unsigned char)n->text[0]) &&
		    !(b->type == DOC_CELL && strcmp(n->text, "n/a") == 0))
			n->text[0] = (char)toupper((unsigned char)n->text[0]);
		len = strlen(n->text);
		if (len == 0)
			continue;
		if (n->text[len - 1] != ' ') {
			start = 0;
			continue;
		}
		while (len > 0 && n->text[len - 1] == ' ')
			len--;
		start = len == 0 ? start :
		    strchr(".!?", n->text[len - 1]) != NULL;
	}
}

static void
fill_meta(struct fill *f)
{
	const struct report	*r = &f->env->cohort->report;
	struct doc_meta		*m = &f->doc->meta;
	char			*a, *b;
	size_t			 i;

	m->title = xstrdup(r->title ? r->title : "");
	m->region = xstrdup(r->region ? r->region : "");
	m->organisation = xstrdup(r->organisation ? r->organisation : "");
	if (f->env->lscb >= 0 && (size_t)f->env->lscb < r->nlscbs)
		m->lscb = xstrdup(r->lscbs[f->env->lscb]);
	m->nauthors = r->nauthors;
	m->authors = xcalloc(r->nauthors + 1, sizeof(*m->authors));
	for (i = 0; i < r->nauthors; i++)
		m->authors[i] = xstrdup(r->authors[i]);
	m->created = r->created;
	a = fill_month(r->period_from);
	b = fill_month(r->period_to);
	m->subject = xasprintf("Serious Case Reviews completed in %s, "
	    "%s \u2013 %s", m->lscb ? m->lscb : m->region, a, b);
	free(a);
	free(b);
}

/* Appends a row of three cells to table, a header row if header. */
static void
fill_boards_row(struct doc_node *table, int header, const char *a,
    const char *b, const char *c)
{
	const char	*v[3] = { a, b, c };
	struct doc_node	*row, *cell, *text;
	int		 i;

	row = doc_node_new(DOC_ROW, table->line, table->col);
	row->as.row.header = header;
	doc_node_append(table, row);
	for (i = 0; i < 3; i++) {
		cell = doc_node_new(DOC_CELL, table->line, table->col);
		cell->as.cell.header = header;
		text = doc_node_new(DOC_TEXT, table->line, table->col);
		text->text = xstrdup(v[i]);
		doc_node_append(cell, text);
		doc_node_append(row, cell);
	}
}

/* Sorts tile indices by value, most reviews first, then by board order. */
static const struct doc_tile *fill_sort_tiles;

static int
fill_tile_cmp(const void *a, const void *b)
{
	const struct doc_tile	*x = &fill_sort_tiles[*(const size_t *)a];
	const struct doc_tile	*y = &fill_sort_tiles[*(const size_t *)b];

	if (x->value != y->value)
		return x->value < y->value ? 1 : -1;
	return *(const size_t *)a < *(const size_t *)b ? -1 : 1;
}

/*
 * Makes the tile map of the region's grid: every board's tile, shaded by
 * its number of reviews in classes (one a value when the largest is
 * under DOC_TILE_SHADES, else none, then four equal ranges), and the
 * text alternative: the caption, what the map is, then the boards by
 * number of reviews, most first.
 */
static struct doc_tilemap *
fill_tilemap(const struct doc_env *env, const char *caption)
{
	const struct report	*r = &env->cohort->report;
	const struct grid	*g = env->grid;
	struct doc_tilemap	*t;
	struct doc_tile		*tile;
	struct buf		 alt;
	size_t			*order, i, j;
	long			 max = 0, w;
	int			 k;

	t = xcalloc(1, sizeof(*t));
	t->ntiles = r->nlscbs;
	t->tiles = xcalloc(r->nlscbs + 1, sizeof(*t->tiles));
	t->ncols = g->ncols;
	t->nrows = g->nrows;
	for (i = 0; i < r->nlscbs; i++) {
		tile = &t->tiles[i];
		tile->name = xstrdup(r->lscbs[i]);
		tile->label = xstrdup(g->tiles[i].label);
		tile->col = g->tiles[i].col;
		tile->row = g->tiles[i].row;
		tile->value = env->boards[i]->cases;
		if (tile->value > max)
			max = tile->value;
	}
	if (max < DOC_TILE_SHADES) {
		t->nshades = (int)max + 1;
		for (k = 0; k < t->nshades; k++)
			t->lo[k] = t->hi[k] = k;
	} else {
		w = (max + DOC_TILE_SHADES - 2) / (DOC_TILE_SHADES - 1);
		t->nshades = 1;
		for (k = 1; k < DOC_TILE_SHADES && 1 + (k - 1) * w <= max;
		    k++) {
			t->lo[k] = 1 + (k - 1) * w;
			t->hi[k] = k * w < max ? k * w : max;
			t->nshades++;
		}
	}
	for (k = 0; k < t->nshades; k++) {
		t->pal[k] = t->nshades == 1 ? 0 :
		    k * (DOC_TILE_SHADES - 1) / (t->nshades - 1);
		t->legend[k] = t->lo[k] == t->hi[k] ?
		    xasprintf("%ld", t->lo[k]) :
		    xasprintf("%ld\xe2\x80\x93%ld", t->lo[k], t->hi[k]);
	}
	for (i = 0; i < t->ntiles; i++)
		for (k = 0; k < t->nshades; k++)
			if (t->tiles[i].value >= t->lo[k] &&
			    t->tiles[i].value <= t->hi[k])
				t->tiles[i].shade = k;

	buf_init(&alt);
	if (caption != NULL && *caption != '\0')
		buf_printf(&alt, "%s. ", caption);
	buf_printf(&alt, "A tile map of the %zu boards of %s%s%s%s, each a "
	    "square at its place, shaded by its number of reviews (darker: "
	    "more).", t->ntiles, r->region ? r->region : "the region",
	    g->layout ? " in the " : "", g->layout ? g->layout : "",
	    g->layout ? " layout" : "");
	order = xcalloc(t->ntiles + 1, sizeof(*order));
	for (i = 0; i < t->ntiles; i++)
		order[i] = i;
	fill_sort_tiles = t->tiles;
	qsort(order, t->ntiles, sizeof(*order), fill_tile_cmp);
	for (i = 0; i < t->ntiles; i = j) {
		long v = t->tiles[order[i]].value;

		if (v == 0)
			buf_puts(&alt, " No review: ");
		else
			buf_printf(&alt, " %ld review%s: ", v, v == 1 ? "" :
			    "s");
		for (j = i; j < t->ntiles && t->tiles[order[j]].value == v;
		    j++)
			buf_printf(&alt, "%s%s", j > i ? ", " : "",
			    t->tiles[order[j]].name);
		buf_putc(&alt, '.');
	}
	free(order);
	t->alt = xstrdup(alt.data ? alt.data : "");
	buf_clear(&alt);
	return t;
}

/*
 * Expands "@boards" node n: puts before it a table of every board's
 * number of reviews and of children (both public), with the region's
 * total last, and gives n the tile map when the region has a grid;
 * without one, n is removed and the table stands alone.  Returns 0 when
 * n was removed.
 */
static int
fill_boards(struct fill *f, struct doc_node *n)
{
	const struct doc_env	*env = f->env;
	const struct report	*r = &env->cohort->report;
	const struct fig_ledger	*reg = env->ledgers[DOC_LEDGER_REGION];
	struct doc_node		*table;
	char			 a[32], b[32], *cap;
	size_t			 i;

	if (env->boards == NULL) {
		/* Its numbered caption goes with the table. */
		if (n->prev != NULL && n->prev->type == DOC_CAPTION)
			doc_node_free(n->prev);
		doc_node_free(n);
		return 0;
	}
	table = doc_node_new(DOC_TABLE, n->line, n->col);
	table->as.table.ncols = 3;
	fill_boards_row(table, 1, "Board", "Reviews", "Children");
	for (i = 0; i < r->nlscbs; i++) {
		snprintf(a, sizeof(a), "%ld", env->boards[i]->cases);
		snprintf(b, sizeof(b), "%ld", env->boards[i]->children);
		fill_boards_row(table, 0, r->lscbs[i], a, b);
	}
	snprintf(a, sizeof(a), "%ld", reg->cases);
	snprintf(b, sizeof(b), "%ld", reg->children);
	cap = xasprintf("%s, all boards", r->region ? r->region : "Region");
	fill_boards_row(table, 0, cap, a, b);
	free(cap);
	doc_node_insert_before(n, table);
	if (env->grid == NULL || r->nlscbs == 0) {
		doc_node_free(n);
		return 0;
	}
	cap = doc_node_plain(n);
	n->as.tilemap.data = fill_tilemap(env, cap);
	free(cap);
	return 1;
}

/*
 * Marks a restricted edition: sets meta.restricted (the back ends head
 * every page with the marking and write the file 0600) and puts the
 * marking and its handling line in a paragraph under the title and its
 * subtitle, so that the title page says it in the text.
 */
static void
fill_marking(struct doc *doc)
{
	struct doc_node	*n, *at, *para, *strong, *text;

	doc->meta.restricted = 1;
	at = doc->root->first_child;
	while (at != NULL && (at->type == DOC_HEADING &&
	    at->as.heading.level == 1))
		at = at->next;
	while (at != NULL && at->type == DOC_SUBTITLE)
		at = at->next;
	para = doc_node_new(DOC_PARA, 1, 1);
	strong = doc_node_new(DOC_STRONG, 1, 1);
	text = doc_node_new(DOC_TEXT, 1, 1);
	text->text = xstrdup(DOC_MARKING);
	doc_node_append(strong, text);
	doc_node_append(para, strong);
	n = doc_node_new(DOC_TEXT, 1, 1);
	n->text = xasprintf(": %s.", DOC_HANDLING);
	doc_node_append(para, n);
	if (at != NULL)
		doc_node_insert_before(at, para);
	else
		doc_node_append(doc->root, para);
}

/*
 * A board's public paper: tables that would be mostly [c] (docs/
 * disclosure.md, "Board papers").  A board cell is a table cell that
 * holds one figure of the board's own ledger; a board column, one with
 * a board cell.  A table whose board cells are at least report.yaml's
 * disclosure: collapse per cent [c] loses its board columns; one
 * sentence before it says so and quotes what it could show.  When every
 * board table of the paper collapses, the template says so once
 * ("::: no-board-figures") and only tables with a figure to show get a
 * sentence.
 */

/* The board's ledger a reference n prints: the total over every period
 * in a table fill_pool() switched to it, else the paper's own. */
static const struct fig_ledger *
fill_board_ledger(const struct fill *f, const struct doc_node *n)
{
	const struct doc_node	*t;
	size_t			 i;

	for (t = n; t != NULL && t->type != DOC_TABLE; t = t->parent)
		continue;
	for (i = 0; t != NULL && i < f->npooled; i++)
		if (f->pooled[i] == t)
			return f->env->pooled[DOC_LEDGER_SELECTION];
	return f->env->ledgers[DOC_LEDGER_SELECTION];
}

/* The board figure reference ref prints, of its period (a table by
 * period, "@periods", reads every period's), or NULL. */
static const struct fig_value *
fill_board_ref_value(const struct fill *f, const struct doc_node *ref)
{
	struct doc_period	 p = ref->as.figref.period;

	if (p.label == NULL && !p.previous)
		return fig_ledger_find(fill_board_ledger(f, ref),
		    ref->as.figref.name);
	if (!fill_period_find(f, &p))
		return NULL;
	return fig_ledger_find(fill_period_ledger(f, DOC_LEDGER_SELECTION,
	    (size_t)p.index), ref->as.figref.name);
}

/* The board figure of a cell that holds one, or NULL. */
static const struct fig_value *
fill_board_value(const struct fill *f, const struct doc_node *cell)
{
	const struct doc_node	*ref = fill_cell_only(cell);

	if (ref == NULL || ref->type != DOC_FIGREF ||
	    ref->as.figref.ledger != DOC_LEDGER_SELECTION)
		return NULL;
	return fill_board_ref_value(f, ref);
}

/* Collects the tables under parent that this paper shows (blocks whose
 * condition holds; the blocks that depend on the collapse itself hold no
 * table) into *tv. */
static void
fill_shown_tables(struct fill *f, struct doc_node *parent,
    struct doc_node ***tv, size_t *n)
{
	struct doc_node	*c;

	for (c = parent->first_child; c != NULL; c = c->next) {
		if (c->type == DOC_TABLE) {
			*tv = xreallocarray(*tv, *n + 1, sizeof(**tv));
			(*tv)[(*n)++] = c;
		} else if (c->type == DOC_COND && (c->as.cond.cond ==
		    DOC_COND_SUPPRESSED || c->as.cond.cond ==
		    DOC_COND_BOARD_FIGURES || c->as.cond.cond ==
		    DOC_COND_NO_BOARD_FIGURES || c->as.cond.cond ==
		    DOC_COND_BANDED || fill_cond_holds(f, c)))
			fill_shown_tables(f, c, tv, n);
	}
}

/* Counts table's board cells, those printed [c] (in a table by period
 * also n/a: a share of nobody) and those printed as a band; sets cols[i]
 * for each board column i.  Returns the cells, or 0 when no cell holds a
 * figure of the region and the table is not one by period ("@periods"):
 * a table with nothing to show in the board's place never collapses. */
static int
fill_board_cells(const struct fill *f, const struct doc_node *table,
    int *hidden, int *banded, char *cols)
{
	const struct doc_node	*row, *cell, *ref;
	const struct fig_value	*v;
	int			 col, n = 0, nregion = 0;

	*hidden = *banded = 0;
	for (row = table->first_child; row != NULL; row = row->next)
		for (cell = row->first_child, col = 0; cell != NULL;
		    cell = cell->next, col++) {
			if (row->as.row.header || col >= table->as.table.ncols)
				continue;
			if ((v = fill_board_value(f, cell)) == NULL) {
				ref = fill_cell_only(cell);
				nregion += ref != NULL &&
				    ref->type == DOC_FIGREF &&
				    ref->as.figref.ledger == DOC_LEDGER_REGION;
				continue;
			}
			cols[col] = 1;
			n++;
			if ((v->suppressed && !v->banded) || (fig_no_base(v) &&
			    table->as.table.periods))
				(*hidden)++;
			else if (v->suppressed)
				(*banded)++;
		}
	/* A table by period has no column of the region: collapsed, it
	 * gives the region's figures by period instead (issue 25). */
	return nregion > 0 || table->as.table.periods ? n : 0;
}

/* A paragraph of the text in b, at table's place in the template, for
 * before it; clears b. */
static struct doc_node *
fill_note_para(const struct doc_node *table, struct buf *b)
{
	struct doc_node	*para, *text;

	para = doc_node_new(DOC_PARA, table->line, table->col);
	text = doc_node_new(DOC_TEXT, table->line, table->col);
	text->text = xstrdup(b->data);
	doc_node_append(para, text);
	buf_clear(b);
	return para;
}

/* Writes every board figure of table's columns cols[] that is shown (a
 * number or a band) to b, each after its row's label: "Boys, 52%; ...". */
static void
fill_quote_shown(const struct fill *f, const struct doc_node *table,
    const char *cols, struct buf *b)
{
	const struct doc_node	*row, *cell;
	const struct fig_value	*v;
	char			*label, *fig;
	int			 col, k = 0;

	for (row = table->first_child; row != NULL; row = row->next) {
		if (row->as.row.header || row->first_child == NULL)
			continue;
		for (cell = row->first_child, col = 0; cell != NULL;
		    cell = cell->next, col++) {
			if (!cols[col] || (v = fill_board_value(f, cell)) ==
			    NULL || (v->suppressed && !v->banded))
				continue;
			label = doc_node_plain(row->first_child);
			fig = doc_node_plain(cell);
			buf_printf(b, "%s%s, %s", k++ == 0 ? "" : "; ", label,
			    fig + strspn(fig, " "));
			free(label);
			free(fig);
		}
	}
}

/* The sentence before a collapsed table: none of its board figures can
 * be shown, or only these (each row's label and the figure). */
static struct doc_node *
fill_collapse_note(struct fill *f, const struct doc_node *table,
    const char *cols, int ncells, int hidden)
{
	const struct cohort	*c = f->env->cohort;
	const struct doc_node	*row, *cell;
	struct buf		 b;
	int			 col, nat = 0;

	buf_init(&b);
	for (row = table->first_child; row != NULL; row = row->next)
		for (cell = row->first_child, col = 0; cell != NULL;
		    cell = cell->next, col++)
			if (!row->as.row.header && cell->first_child != NULL &&
			    cell->first_child->type == DOC_NATREF)
				nat = 1;
	if (hidden == ncells)
		buf_printf(&b, "None of the %s figures of this table can be "
		    "shown without risk of identifying a child or family, so "
		    "it gives", c->report.lscbs[f->env->lscb]);
	else {
		buf_printf(&b, "Only %d of the %d %s figures of this table "
		    "can be shown without risk of identifying a child or "
		    "family: ", ncells - hidden, ncells,
		    c->report.lscbs[f->env->lscb]);
		fill_quote_shown(f, table, cols, &b);
		buf_printf(&b, ". The table gives");
	}
	buf_printf(&b, " the %s figures%s.", c->report.region, nat ?
	    " and, where it has one, the national study's" : "");
	return fill_note_para(table, &b);
}

/* Removes the columns cols[] of table. */
static void
fill_drop_columns(struct doc_node *table, const char *cols)
{
	struct doc_node	*row, *cell, *next;
	int		 col, n = 0;

	for (col = 0; col < table->as.table.ncols; col++)
		n += cols[col] != 0;
	for (row = table->first_child; row != NULL; row = row->next)
		for (cell = row->first_child, col = 0; cell != NULL;
		    cell = next, col++) {
			next = cell->next;
			if (col < table->as.table.ncols && cols[col]) {
				doc_node_unlink(cell);
				doc_node_free(cell);
			}
		}
	table->as.table.ncols -= n;
}

/* Returns 1 if a shown board figure under parent prints [c]; sets
 * f->banded when one prints a band. */
static int
fill_c_left(struct fill *f, struct doc_node *parent)
{
	struct doc_node		*c;
	const struct fig_value	*v;
	int			 any = 0;

	for (c = parent->first_child; c != NULL; c = c->next) {
		if (c->type == DOC_FIGREF &&
		    c->as.figref.ledger == DOC_LEDGER_SELECTION &&
		    !c->as.figref.change &&
		    (v = fill_board_ref_value(f, c)) != NULL &&
		    v->suppressed && !fig_no_base(v)) {
			if (v->banded)
				f->banded = 1;
			else
				any = 1;
		} else if (c->type != DOC_COND || (c->as.cond.cond !=
		    DOC_COND_SUPPRESSED && fill_cond_holds(f, c)))
			any |= fill_c_left(f, c);
	}
	return any;
}

/*
 * disclosure: pool (docs/disclosure.md, "Pooled periods").  A board
 * table whose figures of the current period collapse shows, when its
 * figures summed over every period would not, those instead: every
 * figure of the current period in it, the board's and the region's,
 * reads the totals over the periods (env->pooled, suppressed jointly
 * with every period), its board and region columns' headings and its
 * caption say "all N periods", and a sentence before it says which
 * periods, which months, and what the current period alone could show.
 */

/* "three" for 3 periods (2 to CASE_MAX_EARLIER + 1), else digits, into
 * b. */
static void
fill_pool_count(struct buf *b, size_t n)
{
	static const char *const words[] = { "two", "three", "four", "five",
	    "six" };

	if (n >= 2 && n - 2 < sizeof(words) / sizeof(words[0]))
		buf_printf(b, "%s", words[n - 2]);
	else
		buf_printf(b, "%zu", n);
}

/* "both periods" for 2, else "all three periods", into b. */
static void
fill_pool_all(struct buf *b, size_t n)
{
	if (n == 2) {
		buf_printf(b, "both periods");
		return;
	}
	buf_printf(b, "all ");
	fill_pool_count(b, n);
	buf_printf(b, " periods");
}

/* Returns 1 if day YYYYMMDD b is the day after a. */
static int
fill_next_day(int a, int b)
{
	int y = a / 10000, m = a / 100 % 100, d = a % 100;
	int last = case_month_days(y, m);

	if (last == 0)
		return 0;
	if (d < last)
		return b == a + 1;
	if (m < 12)
		return b == y * 10000 + (m + 1) * 100 + 1;
	return b == (y + 1) * 10000 + 101;
}

/* Appends ", all N periods" ("both periods") to node n's text. */
static void
fill_pool_label(struct fill *f, struct doc_node *n)
{
	struct doc_node	*text;
	struct buf	 b;

	buf_init(&b);
	buf_printf(&b, ", ");
	fill_pool_all(&b, fill_nperiods(f));
	text = doc_node_new(DOC_TEXT, n->line, n->col);
	text->text = xstrdup(b.data);
	doc_node_append(n, text);
	buf_clear(&b);
}

/* The sentence before a table switched to the totals over every
 * period. */
static struct doc_node *
fill_pool_note(struct fill *f, const struct doc_node *table,
    const char *cols, int ncells, int hidden)
{
	const struct report	*r = &f->env->cohort->report;
	const struct fig_ledger	*pl = f->env->pooled[DOC_LEDGER_SELECTION];
	const char		*board = r->lscbs[f->env->lscb];
	struct buf		 b;
	size_t			 i, n = fill_nperiods(f);
	char			*label, *from, *to;
	int			 d0, d1, e0, e1, gap;

	buf_init(&b);
	label = fill_period_label(f, n - 1);
	if (hidden == ncells)
		buf_printf(&b, "For %s alone, none of the %d %s figures of "
		    "this table could be shown", label, ncells, board);
	else
		buf_printf(&b, "For %s alone, only %d of the %d %s figures of "
		    "this table could be shown", label, ncells - hidden,
		    ncells, board);
	free(label);
	buf_printf(&b, " without risk of identifying a child or family");
	if (hidden < ncells) {
		buf_printf(&b, " (");
		fill_quote_shown(f, table, cols, &b);
		buf_printf(&b, ")");
	}
	buf_printf(&b, ", so the table gives the %s and %s figures of the "
	    "SCRs of ", board, r->region);
	fill_pool_all(&b, n);
	buf_printf(&b, " together, ");
	for (i = 0; i < n; i++) {
		label = fill_period_label(f, i);
		buf_printf(&b, "%s%s", i == 0 ? "" : i + 1 == n ? " and " :
		    ", ", label);
		free(label);
	}
	/* One span of months only when the periods leave no day out: a
	 * review completed between two periods counts in none. */
	gap = 0;
	for (i = 0; i + 1 < n; i++) {
		(void)report_period(r, i, &d0, &d1);
		(void)report_period(r, i + 1, &e0, &e1);
		if (!fill_next_day(d1, e0))
			gap = 1;
	}
	(void)report_period(r, 0, &d0, &d1);
	(void)report_period(r, n - 1, &e0, &e1);
	from = fill_month(d0);
	to = fill_month(e1);
	if (gap)
		buf_printf(&b, " (completed in those periods, within %s to "
		    "%s: ", from, to);
	else
		buf_printf(&b, " (completed between %s and %s: ", from, to);
	buf_printf(&b, "%ld SCR%s in %s, involving %ld child%s).", pl->cases,
	    pl->cases == 1 ? "" : "s", board, pl->children,
	    pl->children == 1 ? "" : "ren");
	free(from);
	free(to);
	return fill_note_para(table, &b);
}

/* Switches table, whose board figures of the current period collapse
 * (hidden of ncells [c], in columns cols[]), to the totals over every
 * period when those would not collapse.  Returns 1 if it did. */
static int
fill_pool(struct fill *f, struct doc_node *table, const char *cols,
    int ncells, int hidden)
{
	const struct fig_ledger	*pl = f->env->pooled[DOC_LEDGER_SELECTION];
	const struct fig_value	*v;
	struct doc_node		*row, *cell, *ref, *note, *at;
	char			*region;
	int			 col, phidden = 0;

	if (pl == NULL || f->env->pooled[DOC_LEDGER_REGION] == NULL)
		return 0;
	for (row = table->first_child; row != NULL; row = row->next)
		for (cell = row->first_child, col = 0; cell != NULL;
		    cell = cell->next, col++) {
			ref = fill_cell_only(cell);
			if (row->as.row.header || ref == NULL ||
			    ref->type != DOC_FIGREF || ref->as.figref.ledger !=
			    DOC_LEDGER_SELECTION)
				continue;
			v = fig_ledger_find(pl, ref->as.figref.name);
			phidden += v == NULL || (v->suppressed && !v->banded);
		}
	if (100L * phidden >= (long)f->env->cohort->report.collapse * ncells)
		return 0;
	/* The sentence first, while the table prints the current period's
	 * figures it quotes. */
	note = fill_pool_note(f, table, cols, ncells, hidden);
	at = table->prev != NULL && table->prev->type == DOC_CAPTION ?
	    table->prev : table;
	doc_node_insert_before(at, note);
	if (at != table)
		fill_pool_label(f, at);
	f->pooled = xreallocarray(f->pooled, f->npooled + 1,
	    sizeof(*f->pooled));
	f->pooled[f->npooled++] = table;
	region = xcalloc((size_t)table->as.table.ncols + 1, 1);
	f->override = f->env->pooled;
	for (row = table->first_child; row != NULL; row = row->next)
		for (cell = row->first_child, col = 0; cell != NULL &&
		    col < table->as.table.ncols; cell = cell->next, col++) {
			ref = fill_cell_only(cell);
			if (row->as.row.header || ref == NULL ||
			    ref->type != DOC_FIGREF ||
			    ref->as.figref.change ||
			    ref->as.figref.period.label != NULL ||
			    ref->as.figref.period.previous)
				continue;
			if (ref->as.figref.ledger == DOC_LEDGER_REGION)
				region[col] = 1;
			fill_figref(f, ref);
		}
	f->override = NULL;
	for (row = table->first_child; row != NULL; row = row->next)
		for (cell = row->first_child, col = 0; row->as.row.header &&
		    cell != NULL && col < table->as.table.ncols;
		    cell = cell->next, col++)
			if (cols[col] || region[col])
				fill_pool_label(f, cell);
	free(region);
	return 1;
}

/* Names the region instead of the board in the "{report:lscb}" fields
 * under n. */
static void
fill_name_region(struct fill *f, struct doc_node *n)
{
	struct doc_node	*c;

	for (c = n->first_child; c != NULL; c = doc_node_walk(c, n))
		if (c->type == DOC_FIELD &&
		    strcmp(c->as.field.name, "lscb") == 0) {
			free(c->text);
			c->text = xstrdup(f->env->cohort->report.region);
		}
}

/*
 * A board's table by period ("@periods") that collapses (issue 25): it
 * has no column of the region to fall back on, so every board figure in
 * it reads the region's of the same period instead, and its caption and
 * its chart's name the region; the sentence before it says so
 * (fill_collapse_note()).
 */
static void
fill_period_to_region(struct fill *f, struct doc_node *table)
{
	struct doc_node	*row, *cell, *ref;

	for (row = table->first_child; row != NULL; row = row->next)
		for (cell = row->first_child; cell != NULL;
		    cell = cell->next) {
			ref = fill_cell_only(cell);
			if (row->as.row.header || ref == NULL ||
			    ref->type != DOC_FIGREF ||
			    ref->as.figref.ledger != DOC_LEDGER_SELECTION)
				continue;
			ref->as.figref.ledger = DOC_LEDGER_REGION;
			fill_figref(f, ref);
		}
	if (table->prev != NULL && table->prev->type == DOC_CAPTION)
		fill_name_region(f, table->prev);
	if (table->next != NULL && table->next->type == DOC_CHART)
		fill_name_region(f, table->next);
}

/* Collapses the mostly [c] tables of a board's public paper; decides
 * "::: board-figures", "::: suppressed" and "::: banded". */
static void
fill_collapse(struct fill *f)
{
	const struct cohort	*c = f->env->cohort;
	struct doc_node		**tv = NULL, *note;
	char			**cols;
	int			*ncells, *hidden, banded;
	size_t			 n = 0, i;
	char			*collapse;

	if (f->env->lscb < 0)
		return;
	fill_shown_tables(f, f->doc->root, &tv, &n);
	cols = xcalloc(n + 1, sizeof(*cols));
	ncells = xcalloc(n + 1, sizeof(*ncells));
	hidden = xcalloc(n + 1, sizeof(*hidden));
	collapse = xcalloc(n + 1, 1);
	for (i = 0; i < n; i++) {
		cols[i] = xcalloc((size_t)tv[i]->as.table.ncols + 1, 1);
		ncells[i] = fill_board_cells(f, tv[i], &hidden[i], &banded,
		    cols[i]);
		if (ncells[i] == 0)
			continue;
		collapse[i] = !f->env->restricted && c->report.collapse > 0 &&
		    100L * hidden[i] >= (long)c->report.collapse * ncells[i];
		if (collapse[i] && !tv[i]->as.table.periods &&
		    fill_pool(f, tv[i], cols[i], ncells[i], hidden[i]))
			collapse[i] = 0;
		/* A table by period keeps no board column of "The BOARD
		 * reviews": ::: board-figures is about those. */
		if (!collapse[i] && !tv[i]->as.table.periods)
			f->board_figures++;
	}
	for (i = 0; i < n; i++) {
		if (!collapse[i])
			continue;
		if (tv[i]->as.table.periods || f->board_figures > 0 ||
		    hidden[i] < ncells[i]) {
			note = fill_collapse_note(f, tv[i], cols[i],
			    ncells[i], hidden[i]);
			/* Before the table's caption ("@table"), if any. */
			doc_node_insert_before(tv[i]->prev != NULL &&
			    tv[i]->prev->type == DOC_CAPTION ? tv[i]->prev :
			    tv[i], note);
		}
		if (tv[i]->as.table.periods)
			fill_period_to_region(f, tv[i]);
		else
			fill_drop_columns(tv[i], cols[i]);
	}
	f->c_shown = fill_c_left(f, f->doc->root);
	for (i = 0; i < n; i++)
		free(cols[i]);
	free(cols);
	free(ncells);
	free(hidden);
	free(collapse);
	free(tv);
	free(f->pooled);
	f->pooled = NULL;
	f->npooled = 0;
}

int
doc_fill(struct doc *doc, const struct doc_env *env, struct diag *d)
{
	struct fill	 f;
	struct doc_node	*n, *root = doc->root, **maps = NULL;
	size_t		 i, nmaps = 0;

	memset(&f, 0, sizeof(f));
	f.doc = doc;
	f.env = env;
	f.d = d;

	/* "@periods" tables first: they make references. */
	fill_period_tables(&f);
	if (f.errors > 0)
		return 0;
	/* Every reference, in shown and hidden blocks alike. */
	for (n = root->first_child; n != NULL; n = doc_node_walk(n, root)) {
		switch (n->type) {
		case DOC_CHART:
			if (n->as.chart.ntrend > 0)
				fill_trend_names(&f, n);
			break;
		case DOC_FIGREF:
			fill_figref(&f, n);
			break;
		case DOC_NATREF:
			fill_natref(&f, n);
			break;
		case DOC_FIELD:
			fill_field(&f, n);
			break;
		case DOC_COND:
			if (n->as.cond.test != NULL)
				fill_test_names(&f, n);
			break;
		default:
			break;
		}
	}
	fill_check_xrefs(&f, root);
	if (f.errors > 0)
		return 0;

	fill_collapse(&f);
	fill_prune(&f, root);
	fill_not_recorded(&f);
	/* A template with nothing to show for this paper would replace a
	 * good paper with a blank page (issue 13.12). */
	if (root->first_child == NULL) {
		diag_error(d, doc->file, 0, 0, "the paper would be empty: the "
		    "template has no text%s", env->lscb >= 0 ?
		    " for this board" : "");
		return 0;
	}
	fill_number(&f);
	/* "@boards": found first, expanded after (it changes the tree). */
	for (n = root->first_child; n != NULL; n = doc_node_walk(n, root))
		if (n->type == DOC_TILEMAP) {
			maps = xreallocarray(maps, nmaps + 1, sizeof(*maps));
			maps[nmaps++] = n;
		}
	for (i = 0; i < nmaps; i++)
		fill_boards(&f, maps[i]);
	free(maps);
	/* "@trend": its table before it. */
	for (n = root->first_child; n != NULL; n = doc_node_walk(n, root))
		if (n->type == DOC_CHART && n->as.chart.ntrend > 0)
			fill_trend(&f, n);
	if (f.errors > 0)
		return 0;
	for (n = root->first_child; n != NULL; n = doc_node_walk(n, root)) {
		switch (n->type) {
		case DOC_TABLE:
			fill_align(n);
			break;
		case DOC_HEADING:
		case DOC_SUBTITLE:
		case DOC_PARA:
		case DOC_ASIDE:
		case DOC_ITEM:
		case DOC_CELL:
		case DOC_FOOTNOTE:
			fill_capitalise(n);
			break;
		case DOC_CHART:
			fill_chart_check(&f, n);
			fill_capitalise(n);
			break;
		case DOC_TILEMAP:
		case DOC_CAPTION:
			fill_capitalise(n);
			break;
		default:
			break;
		}
	}
	/* Charts last: they read their tables' cells as printed. */
	for (n = root->first_child; n != NULL; n = n->next)
		if (n->type == DOC_CHART) {
			long *months = fill_chart_months(&f, n);

			fill_chart(n, months);
			free(months);
		}
	/* Then the numbers before the captions (not in a chart's text
	 * alternative, which starts "Bar chart: CAPTION"). */
	fill_captions(&f, root);
	fill_meta(&f);
	if (env->restricted)
		fill_marking(doc);
	return f.errors == 0;
}

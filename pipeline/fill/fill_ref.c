/*
 * fill_ref.c: the fill stage (fill.h): references: figures, forms and
 * styles, national comparators, report fields, and the tests of ::: if.
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
#include "fill_int.h"

static const char *const fill_field_names[FIELD__MAX] = {
	"title", "region", "organisation", "lscb", "period", "period_from",
	"period_to", "created", "authors", "threshold", "min_base",
};

/* The attributes of a study {national:[STUDY:]KEY} can print. */
static const char *const fill_study_keys[] = {
	"citation", "title", "period", "children",
};

#define FILL_NSTUDY_KEYS (sizeof(fill_study_keys) / sizeof(fill_study_keys[0]))

static const char *const fill_months[12] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December",
};

void
fill_err(struct fill *f, const struct doc_node *n, const char *fmt, ...)
{
	va_list	 ap;

	/* At most TMPL_MAX_ERRORS a file, as the loader's. */
	if (++f->errors > TMPL_MAX_ERRORS) {
		if (f->errors == TMPL_MAX_ERRORS + 1)
			diag_error(f->d, f->doc->file, n->line, n->col,
			    TM_TOO_MANY_ERRORS);
		return;
	}
	va_start(ap, fmt);
	diag_vmsg(f->d, DIAG_ERROR, f->doc->file, n->line, n->col, fmt, ap);
	va_end(ap);
}

/* Returns "Month YYYY" for date YYYYMMDD; free with free(). */
char *
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
void
fill_unknown(struct fill *f, const struct doc_node *n, const char *what,
    const char *name, const char *const *names, size_t nnames,
    const char *where)
{
	const char	*sug;

	sug = str_suggest(name, names, nnames);
	if (sug != NULL)
		fill_err(f, n, FM_UNKNOWN_SUGGEST,
		    what, name, where, sug);
	else
		fill_err(f, n, FM_UNKNOWN, what, name, where);
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
int
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
		fill_err(f, &at, FM_STYLE_SUGGEST, word, sug);
	else
		fill_err(f, &at, FM_STYLE, word);
	return -2;
}

/* Sets num to a number of kind, or to no figure when value is not one a
 * table or a chart can hold. */
void
fill_num_set(struct doc_num *num, enum doc_num_kind kind, double value)
{
	memset(num, 0, sizeof(*num));
	if (!isfinite(value) || value < 0 || value > DOC_NUM_LIMIT)
		return;
	num->kind = kind;
	num->value = value;
}

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

void
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

/* The study of the national reference n: the one it names, else
 * report.yaml's national_study.  Returns it, or NULL after an error
 * naming the studies there are. */
static const struct nat_study *
fill_natref_study(struct fill *f, struct doc_node *n)
{
	const struct national	*nat = &f->env->cohort->national;
	const struct nat_study	*s;
	const char		*id, **names;
	size_t			 i;

	id = n->as.natref.study != NULL ? n->as.natref.study :
	    f->env->cohort->report.national_study;
	if (id != NULL && (s = national_find(nat, id)) != NULL)
		return s;
	names = xcalloc(nat->nstudies + 1, sizeof(*names));
	for (i = 0; i < nat->nstudies; i++)
		names[i] = nat->studies[i].id;
	fill_unknown(f, n, "national study", id ? id : "", names,
	    nat->nstudies, "");
	free(names);
	return NULL;
}

/*
 * Sets the text of the national reference n to what it names of the
 * study s when its key is one of fill_study_keys (citation, title,
 * period, children), which take no style.  Returns 1 when the key is
 * one (an error said when it cannot be written), 0 when it names a
 * figure.
 */
static int
fill_natref_key(struct fill *f, struct doc_node *n,
    const struct nat_study *s, int style)
{
	size_t k;

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
			fill_err(f, n, FM_STUDY_NO_CHILDREN, s->id);
		else
			n->text = xasprintf("%ld", s->children);
		break;
	default:
		return 0;
	}
	if (style >= 0)
		fill_err(f, n, FM_STUDY_STYLE, fill_study_keys[k]);
	return 1;
}

/*
 * Sets the text of the national reference n to the figure of the study
 * s it names, in style (-1: the figure's words, else its percent), and
 * its number type.  An unknown figure or a style a national figure
 * cannot take is an error.
 */
static void
fill_natref_figure(struct fill *f, struct doc_node *n, const struct nat_study *s,
    int style)
{
	const struct nat_figure	*fg;
	const char		**names;
	char			*where;
	size_t			 i, k;

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
		fill_err(f, n, FM_NATIONAL_STYLE, fig_style_names[style]);
		break;
	}
}

void
fill_natref(struct fill *f, struct doc_node *n)
{
	const struct nat_study	*s;
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
	if ((s = fill_natref_study(f, n)) == NULL)
		return;
	free(n->text);
	n->text = NULL;
	if (!fill_natref_key(f, n, s, style))
		fill_natref_figure(f, n, s, style);
}

void
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
int
fill_test_min_base(const struct fill *f, const struct doc_test *t)
{
	return t->rname != NULL && strcmp(t->rname, "min_base") == 0 &&
	    !t->rhalf && t->rperiod.label == NULL && !t->rperiod.previous &&
	    fig_ledger_find(f->env->ledgers[t->rledger], "min_base") == NULL;
}

/* Checks the names of a "::: if" test, with a suggestion for each
 * unknown one. */
void
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
		fill_err(f, n, FM_COUNT_NO_PERCENT, t->name);
	if (fill_test_periods(t))
		fill_period_test_names(f, n);
}

/* What a reader can tell of v's numerator: [*lo, *hi]. */
void
fill_bounds(const struct fig_value *v, long *lo, long *hi)
{
	if (v->suppressed) {
		*lo = v->lo;
		*hi = v->hi > v->lo ? v->hi : v->lo;
	} else
		*lo = *hi = v->num;
}

/* Returns 1 if a op c holds for every a in [a0, a1] and c in [c0, c1]. */
int
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

/* Returns 1 if a ::: block n is shown in this paper. */
int
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

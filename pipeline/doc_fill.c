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
	FIELD__MAX
};

static const char *const fill_field_names[FIELD__MAX] = {
	"title", "region", "organisation", "lscb", "period", "period_from",
	"period_to", "created", "authors", "threshold",
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

struct fill {
	struct doc		*doc;
	const struct doc_env	*env;
	struct diag		*d;
	int			 errors;
};

static void
fill_err(struct fill *f, const struct doc_node *n, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void
fill_err(struct fill *f, const struct doc_node *n, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	diag_vmsg(f->d, DIAG_ERROR, f->doc->file, n->line, n->col, fmt, ap);
	va_end(ap);
	f->errors++;
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

static void
fill_figref(struct fill *f, struct doc_node *n)
{
	const struct fig_ledger	*l;
	const struct fig_value	*v;
	const char		**names;
	size_t			 i;
	enum fig_style		 style;
	int			 want;

	if ((want = fill_style(f, n, n->as.figref.style,
	    n->as.figref.style_col)) == -2)
		return;
	l = f->env->ledgers[n->as.figref.ledger];
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
	n->text = fig_format(v, style);
	memset(&n->as.figref.num, 0, sizeof(n->as.figref.num));
	switch (fig_form(v, style)) {
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
}

static void
fill_natref(struct fill *f, struct doc_node *n)
{
	const struct national	*nat = &f->env->cohort->national;
	const struct nat_study	*s;
	const struct nat_figure	*fg;
	const char		*id, **names;
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
		fill_unknown(f, n, "national figure", n->as.natref.key,
		    names, s->nfigures + FILL_NSTUDY_KEYS, " in study");
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
	default:
		fill_unknown(f, n, "report field", n->as.field.name,
		    fill_field_names, FIELD__MAX, "");
		break;
	}
}

/* Returns 1 if a ::: block of kind c is shown in this paper. */
static int
fill_cond_holds(const struct fill *f, enum doc_cond_kind c)
{
	const struct fig_ledger	*l = f->env->ledgers[DOC_LEDGER_SELECTION];
	const struct fig_ledger	*region = f->env->ledgers[DOC_LEDGER_REGION];

	switch (c) {
	case DOC_COND_REGIONAL:
		return f->env->lscb < 0;
	case DOC_COND_LSCB:
		return f->env->lscb >= 0;
	case DOC_COND_CASES:
		return l->cases > 0;
	case DOC_COND_NO_CASES:
		return l->cases == 0;
	case DOC_COND_SUPPRESSED:
		return l->suppressed_any;
	case DOC_COND_REGION_CASES:
		return region->cases > 0;
	case DOC_COND_NO_REGION_CASES:
		return region->cases == 0;
	default:
		return 0;
	}
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
		if (fill_cond_holds(f, n->as.cond.cond)) {
			while ((c = n->first_child) != NULL) {
				doc_node_unlink(c);
				doc_node_insert_before(n, c);
			}
		}
		doc_node_free(n);
	}
	fill_merge_lists(parent);
}

/* Numbers footnotes in order of first reference and items in lists;
 * drops footnotes nothing refers to. */
static void
fill_number(struct fill *f)
{
	struct doc_node	*root = f->doc->root, *n, *def, *next;
	int		 fn = 0, item;

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
		for (def = root->first_child; def != NULL; def = def->next)
			if (def->type == DOC_FOOTNOTE && strcmp(
			    def->as.footnote.label, n->as.fnref.label) == 0)
				break;
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

/* Types a table cell: a cell that holds one figure reference (and
 * spaces) holds that figure; any other cell is read as literal text. */
static void
fill_cell_num(struct doc_node *cell)
{
	struct doc_node	*c, *ref = NULL;
	char		*t;
	int		 n = 0;

	for (c = cell->first_child; c != NULL; c = c->next) {
		if (c->type == DOC_TEXT && c->text != NULL &&
		    strspn(c->text, " ") == strlen(c->text))
			continue;
		ref = c;
		n++;
	}
	if (n == 1 && ref->type == DOC_FIGREF) {
		cell->as.cell.num = ref->as.figref.num;
		return;
	}
	if (n == 1 && ref->type == DOC_NATREF &&
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
fill_chart(struct doc_node *n)
{
	const struct doc_node	*table = n->prev, *row, *head = NULL, *c;
	struct doc_chart	*ch;
	struct doc_chart_cell	*cc;
	struct buf		 alt;
	size_t			 k, s, i, nnum = 0, npct = 0;
	char			*cap;

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

/* Returns the label of a numbered caption or chart n, or NULL. */
static const char *
fill_label(const struct doc_node *n)
{
	if (n->type == DOC_CAPTION)
		return n->as.caption.label;
	if (n->type == DOC_CHART)
		return n->as.chart.label;
	return NULL;
}

/* Returns the caption or chart under top labelled label, or NULL. */
static struct doc_node *
fill_find_label(struct doc_node *top, const char *label)
{
	struct doc_node	*n;
	const char	*l;

	for (n = top->first_child; n != NULL; n = doc_node_walk(n, top))
		if ((l = fill_label(n)) != NULL && strcmp(l, label) == 0)
			return n;
	return NULL;
}

/* Reports every {ref:label} whose label no @table or @chart carries,
 * shown or hidden. */
static void
fill_check_xrefs(struct fill *f, struct doc_node *root)
{
	struct doc_node	*n;

	for (n = root->first_child; n != NULL; n = doc_node_walk(n, root))
		if (n->type == DOC_XREF &&
		    fill_find_label(root, n->as.xref.label) == NULL)
			fill_err(f, n, "unknown label in {ref:%s}: no "
			    "@table or @chart has #%s", n->as.xref.label,
			    n->as.xref.label);
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

	for (n = root->first_child; n != NULL; n = doc_node_walk(n, root)) {
		if (n->type == DOC_CAPTION) {
			if (n->next == NULL || n->next->type != DOC_TABLE)
				fill_err(f, n, "@table must come just before "
				    "the table it captions");
			n->as.caption.number = ++ntab;
			snprintf(s, sizeof(s), "Table\u00a0%d: ", ntab);
		} else if (n->type == DOC_CHART) {
			n->as.chart.number = ++nfig;
			snprintf(s, sizeof(s), "Figure\u00a0%d%s", nfig,
			    n->first_child != NULL ? ": " : "");
		} else
			continue;
		if (fill_label(n) != NULL &&
		    (o = fill_find_label(root, fill_label(n))) != n)
			fill_err(f, n, "label #%s is used twice (also at "
			    "line %d)", fill_label(n), o->line);
		fill_prefix(n, s);
	}
	for (n = root->first_child; n != NULL; n = doc_node_walk(n, root)) {
		if (n->type != DOC_XREF)
			continue;
		if ((t = fill_find_label(root, n->as.xref.label)) == NULL) {
			fill_err(f, n, "{ref:%s} refers to a table or chart "
			    "this paper does not show", n->as.xref.label);
			continue;
		}
		n->as.xref.target = t;
		free(n->text);
		if (t->type == DOC_CHART)
			n->text = xasprintf("Figure\u00a0%d",
			    t->as.chart.number);
		else
			n->text = xasprintf("Table\u00a0%d",
			    t->as.caption.number);
	}
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
		if (start && n->type != DOC_TEXT &&
		    islower((unsigned char)n->text[0]))
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

int
doc_fill(struct doc *doc, const struct doc_env *env, struct diag *d)
{
	struct fill	 f;
	struct doc_node	*n, *root = doc->root;

	memset(&f, 0, sizeof(f));
	f.doc = doc;
	f.env = env;
	f.d = d;

	/* Every reference, in shown and hidden blocks alike. */
	for (n = root->first_child; n != NULL; n = doc_node_walk(n, root)) {
		switch (n->type) {
		case DOC_FIGREF:
			fill_figref(&f, n);
			break;
		case DOC_NATREF:
			fill_natref(&f, n);
			break;
		case DOC_FIELD:
			fill_field(&f, n);
			break;
		default:
			break;
		}
	}
	fill_check_xrefs(&f, root);
	if (f.errors > 0)
		return 0;

	fill_prune(&f, root);
	fill_number(&f);
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
		case DOC_CHART:
		case DOC_CAPTION:
			fill_capitalise(n);
			break;
		default:
			break;
		}
	}
	/* Charts last: they read their tables' cells as printed. */
	for (n = root->first_child; n != NULL; n = n->next)
		if (n->type == DOC_CHART)
			fill_chart(n);
	/* Then the numbers before the captions (not in a chart's text
	 * alternative, which starts "Bar chart: CAPTION"). */
	fill_captions(&f, root);
	fill_meta(&f);
	return f.errors == 0;
}

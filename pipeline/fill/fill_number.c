/*
 * fill_number.c: the fill stage (fill.h): pruning, numbering of items,
 * footnotes, tables and figures, labels and {ref:}, captions,
 * capitalisation and the paper's meta.
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
void
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
void
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
			fill_err(f, n, FM_FNREF_IN_FOOTNOTE);
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
			fill_err(f, n, FM_FOOTNOTE_LEFT_OUT,
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
void
fill_check_xrefs(struct fill *f, struct doc_node *root)
{
	struct doc_node	*n;
	struct fill_labels L;

	fill_labels_make(&L, root);
	for (n = root->first_child; n != NULL; n = doc_node_walk(n, root))
		if (n->type == DOC_XREF &&
		    fill_find_label(&L, n->as.xref.label) == NULL)
			fill_err(f, n, FM_XREF_UNKNOWN,
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
void
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
				fill_err(f, n, FM_TABLE_NOT_BEFORE);
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
			fill_err(f, n, FM_LABEL_TWICE, fill_label(n), o->line);
		fill_prefix(n, s);
	}
	for (n = root->first_child; n != NULL; n = doc_node_walk(n, root)) {
		if (n->type != DOC_XREF)
			continue;
		if ((t = fill_find_label(&L, n->as.xref.label)) == NULL) {
			fill_err(f, n, FM_XREF_NOT_SHOWN, n->as.xref.label);
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
void
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

void
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

/*
 * doc.c: the document model's tree operations, shared by the template
 * parser, the filler and the typesetter of scrpaper (its text dump is
 * doc_dump.c, its invariants doc_check.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "doc.h"

const char *const doc_type_names[DOC__MAX] = {
	"root", "heading", "subtitle", "para", "aside", "list", "item",
	"table", "row", "cell", "footnote", "cond", "signoff", "pagebreak",
	"chart", "tilemap", "text", "strong", "fnref", "figref", "natref", "field",
	"caption", "xref",
};

const char *const doc_cond_names[DOC_COND__MAX] = {
	"regional", "lscb", "cases", "no-cases", "suppressed", "region-cases",
	"no-region-cases", "if", "fixed", "unless", "earlier", "no-earlier",
	"board-figures", "no-board-figures", "banded",
	"map", "period-cases", "no-period-cases",
};

const char *const doc_test_op_names[DOC_OP__MAX] = {
	"=", "!=", "<", "<=", ">", ">=", "rose", "fell", "unchanged",
	"comparable",
};

const char *const doc_num_names[DOC_NUM__MAX] = {
	"none", "count", "percent", "suppressed", "blank",
};

const char *const doc_role_names[DOC_ROLE__MAX] = {
	"", "Document", "H1", "H2", "H3", "H4", "P", "BlockQuote", "L", "LI",
	"LBody", "Table", "TR", "TH", "TD", "Note", "Figure", "Div",
	"Caption",
};

const struct doc_type_role doc_type_roles[DOC__MAX] = {
	[DOC_ROOT] =		{ DOC_ROLE_DOCUMENT, DOC_ROLE_NONE },
	[DOC_HEADING] =		{ DOC_ROLE_H1, DOC_ROLE_NONE },
	[DOC_SUBTITLE] =	{ DOC_ROLE_P, DOC_ROLE_NONE },
	[DOC_PARA] =		{ DOC_ROLE_P, DOC_ROLE_NONE },
	[DOC_ASIDE] =		{ DOC_ROLE_BLOCKQUOTE, DOC_ROLE_NONE },
	[DOC_LIST] =		{ DOC_ROLE_L, DOC_ROLE_NONE },
	[DOC_ITEM] =		{ DOC_ROLE_LI, DOC_ROLE_LBODY },
	[DOC_TABLE] =		{ DOC_ROLE_TABLE, DOC_ROLE_NONE },
	[DOC_ROW] =		{ DOC_ROLE_TR, DOC_ROLE_NONE },
	[DOC_CELL] =		{ DOC_ROLE_TD, DOC_ROLE_NONE },
	[DOC_FOOTNOTE] =	{ DOC_ROLE_NOTE, DOC_ROLE_P },
	[DOC_COND] =		{ DOC_ROLE_NONE, DOC_ROLE_NONE },
	[DOC_SIGNOFF] =		{ DOC_ROLE_DIV, DOC_ROLE_P },
	[DOC_PAGEBREAK] =	{ DOC_ROLE_NONE, DOC_ROLE_NONE },
	[DOC_CHART] =		{ DOC_ROLE_FIGURE, DOC_ROLE_P },
	[DOC_TILEMAP] =		{ DOC_ROLE_FIGURE, DOC_ROLE_P },
	[DOC_TEXT] =		{ DOC_ROLE_NONE, DOC_ROLE_NONE },
	[DOC_STRONG] =		{ DOC_ROLE_NONE, DOC_ROLE_NONE },
	[DOC_FNREF] =		{ DOC_ROLE_NONE, DOC_ROLE_NONE },
	[DOC_FIGREF] =		{ DOC_ROLE_NONE, DOC_ROLE_NONE },
	[DOC_NATREF] =		{ DOC_ROLE_NONE, DOC_ROLE_NONE },
	[DOC_FIELD] =		{ DOC_ROLE_NONE, DOC_ROLE_NONE },
	[DOC_CAPTION] =		{ DOC_ROLE_CAPTION, DOC_ROLE_NONE },
	[DOC_XREF] =		{ DOC_ROLE_NONE, DOC_ROLE_NONE },
};

int
doc_number(const struct doc_node *n)
{
	switch (n->type) {
	case DOC_CHART:
		return n->as.chart.number;
	case DOC_TILEMAP:
		return n->as.tilemap.number;
	case DOC_CAPTION:
		return n->as.caption.number;
	case DOC_ROOT:
	case DOC_HEADING:
	case DOC_SUBTITLE:
	case DOC_PARA:
	case DOC_ASIDE:
	case DOC_LIST:
	case DOC_ITEM:
	case DOC_TABLE:
	case DOC_ROW:
	case DOC_CELL:
	case DOC_FOOTNOTE:
	case DOC_COND:
	case DOC_SIGNOFF:
	case DOC_PAGEBREAK:
	case DOC_TEXT:
	case DOC_STRONG:
	case DOC_FNREF:
	case DOC_FIGREF:
	case DOC_NATREF:
	case DOC_FIELD:
	case DOC_XREF:
		break;
	}
	return 0;
}

void
doc_anchor(const struct doc_node *n, char *s, size_t sz)
{
	snprintf(s, sz, "%s-%d", n->type == DOC_CAPTION ? "table" : "figure",
	    doc_number(n));
}

enum doc_role
doc_node_role(const struct doc_node *n)
{
	const struct doc_node	*row, *table, *r;
	int			 level;

	switch (n->type) {
	case DOC_HEADING:
		level = n->as.heading.level;
		if (level < 1)
			level = 1;
		if (level > 4)
			level = 4;
		return (enum doc_role)(DOC_ROLE_H1 + level - 1);
	case DOC_CELL:
		if (n->as.cell.header)
			return DOC_ROLE_TH;
		/* A body row's first cell heads its row when the table
		 * has a header row and another column. */
		if ((row = n->parent) == NULL || n->prev != NULL ||
		    (table = row->parent) == NULL ||
		    table->as.table.ncols < 2)
			return DOC_ROLE_TD;
		for (r = table->first_child; r != NULL; r = r->next)
			if (r->as.row.header)
				return DOC_ROLE_TH;
		return DOC_ROLE_TD;
	case DOC_ROOT:
	case DOC_SUBTITLE:
	case DOC_PARA:
	case DOC_ASIDE:
	case DOC_LIST:
	case DOC_ITEM:
	case DOC_TABLE:
	case DOC_ROW:
	case DOC_FOOTNOTE:
	case DOC_COND:
	case DOC_SIGNOFF:
	case DOC_PAGEBREAK:
	case DOC_CHART:
	case DOC_TILEMAP:
	case DOC_TEXT:
	case DOC_STRONG:
	case DOC_FNREF:
	case DOC_FIGREF:
	case DOC_NATREF:
	case DOC_FIELD:
	case DOC_CAPTION:
	case DOC_XREF:
		break;
	}
	return doc_type_roles[n->type].self;
}

void
doc_chart_free(struct doc_chart *c)
{
	size_t	 i;

	if (c == NULL)
		return;
	for (i = 0; i < c->nseries; i++)
		free(c->series[i]);
	for (i = 0; i < c->ncats; i++)
		free(c->cats[i]);
	for (i = 0; i < c->ncats * c->nseries; i++)
		free(c->cells[i].text);
	free(c->series);
	free(c->cats);
	free(c->cells);
	free(c->alt);
	free(c);
}

void
doc_tilemap_free(struct doc_tilemap *t)
{
	size_t	 i;

	if (t == NULL)
		return;
	for (i = 0; i < t->ntiles; i++) {
		free(t->tiles[i].name);
		free(t->tiles[i].label);
	}
	for (i = 0; i < DOC_TILE_SHADES; i++)
		free(t->legend[i]);
	free(t->tiles);
	free(t->alt);
	free(t);
}

struct doc *
doc_new(const char *file)
{
	struct doc	*doc;

	doc = xcalloc(1, sizeof(*doc));
	doc->file = xstrdup(file);
	doc->root = doc_node_new(DOC_ROOT, 1, 1);
	return doc;
}

char *
doc_meta_title(const struct doc_meta *m)
{
	const char *title = m->title != NULL ? m->title : "";

	return xasprintf("%s%s%s%s", m->restricted ? DOC_MARKING ": " : "",
	    title, m->lscb != NULL ? ": " : "", m->lscb != NULL ? m->lscb : "");
}

char *
doc_meta_authors(const struct doc_meta *m)
{
	struct buf b;
	size_t i;

	buf_init(&b);
	for (i = 0; i < m->nauthors; i++) {
		if (i > 0)
			buf_puts(&b, ", ");
		buf_puts(&b, m->authors[i]);
	}
	if (m->organisation != NULL && *m->organisation != '\0') {
		if (b.len > 0)
			buf_puts(&b, ", ");
		buf_puts(&b, m->organisation);
	}
	return b.data != NULL ? buf_take(&b) : xstrdup("");
}

static void
doc_meta_clear(struct doc_meta *m)
{
	size_t	 i;

	free(m->title);
	free(m->subject);
	free(m->region);
	free(m->lscb);
	free(m->organisation);
	for (i = 0; i < m->nauthors; i++)
		free(m->authors[i]);
	free(m->authors);
	memset(m, 0, sizeof(*m));
}

void
doc_free(struct doc *doc)
{
	if (doc == NULL)
		return;
	doc_node_free(doc->root);
	doc_meta_clear(&doc->meta);
	free(doc->file);
	free(doc);
}

/* Returns a copy of s, or NULL for NULL. */
static char *
doc_strdup(const char *s)
{
	return s != NULL ? xstrdup(s) : NULL;
}

/* Returns a new copy of n and everything under it, unattached. */
static struct doc_node *
doc_node_clone(const struct doc_node *n)
{
	struct doc_node		*c;
	const struct doc_node	*k;
	size_t			 i;

	c = doc_node_new(n->type, n->line, n->col);
	c->as = n->as;
	c->text = doc_strdup(n->text);
	switch (n->type) {
	case DOC_FOOTNOTE:
		c->as.footnote.label = doc_strdup(n->as.footnote.label);
		break;
	case DOC_FNREF:
		c->as.fnref.label = doc_strdup(n->as.fnref.label);
		c->as.fnref.def = NULL;
		break;
	case DOC_FIGREF:
		c->as.figref.name = doc_strdup(n->as.figref.name);
		c->as.figref.style = doc_strdup(n->as.figref.style);
		if (n->as.figref.nforms > 0) {
			c->as.figref.forms = xcalloc(n->as.figref.nforms,
			    sizeof(*c->as.figref.forms));
			for (i = 0; i < n->as.figref.nforms; i++)
				c->as.figref.forms[i] =
				    xstrdup(n->as.figref.forms[i]);
		}
		c->as.figref.period.label =
		    doc_strdup(n->as.figref.period.label);
		break;
	case DOC_COND:
		if (n->as.cond.test != NULL) {
			c->as.cond.test = xmalloc(sizeof(*c->as.cond.test));
			*c->as.cond.test = *n->as.cond.test;
			c->as.cond.test->name = doc_strdup(n->as.cond.test->name);
			c->as.cond.test->rname =
			    doc_strdup(n->as.cond.test->rname);
			c->as.cond.test->period.label =
			    doc_strdup(n->as.cond.test->period.label);
			c->as.cond.test->rperiod.label =
			    doc_strdup(n->as.cond.test->rperiod.label);
		}
		c->as.cond.label = doc_strdup(n->as.cond.label);
		break;
	case DOC_NATREF:
		c->as.natref.study = doc_strdup(n->as.natref.study);
		c->as.natref.key = doc_strdup(n->as.natref.key);
		c->as.natref.style = doc_strdup(n->as.natref.style);
		break;
	case DOC_FIELD:
		c->as.field.name = doc_strdup(n->as.field.name);
		break;
	case DOC_CHART:
		c->as.chart.data = NULL;
		if (n->as.chart.ntrend > 0) {
			c->as.chart.trend = xcalloc(n->as.chart.ntrend,
			    sizeof(*c->as.chart.trend));
			for (i = 0; i < n->as.chart.ntrend; i++)
				c->as.chart.trend[i] =
				    xstrdup(n->as.chart.trend[i]);
		}
		c->as.chart.label = doc_strdup(n->as.chart.label);
		break;
	case DOC_CAPTION:
		c->as.caption.label = doc_strdup(n->as.caption.label);
		break;
	case DOC_XREF:
		c->as.xref.label = doc_strdup(n->as.xref.label);
		c->as.xref.target = NULL;
		break;
	case DOC_TILEMAP:
		c->as.tilemap.data = NULL;
		c->as.tilemap.label = doc_strdup(n->as.tilemap.label);
		break;
	case DOC_ROOT:
	case DOC_HEADING:
	case DOC_SUBTITLE:
	case DOC_PARA:
	case DOC_ASIDE:
	case DOC_LIST:
	case DOC_ITEM:
	case DOC_TABLE:
	case DOC_ROW:
	case DOC_CELL:
	case DOC_SIGNOFF:
	case DOC_PAGEBREAK:
	case DOC_TEXT:
	case DOC_STRONG:
		break;
	}
	for (k = n->first_child; k != NULL; k = k->next)
		doc_node_append(c, doc_node_clone(k));
	return c;
}

struct doc *
doc_clone(const struct doc *doc)
{
	struct doc	*c;

	c = xcalloc(1, sizeof(*c));
	c->file = xstrdup(doc->file);
	c->root = doc_node_clone(doc->root);
	return c;
}

struct doc_node *
doc_node_new(enum doc_type type, int line, int col)
{
	struct doc_node	*n;

	n = xcalloc(1, sizeof(*n));
	n->type = type;
	n->line = line;
	n->col = col;
	return n;
}

/* Frees the payload strings of n (not its children). */
static void
doc_node_free_payload(struct doc_node *n)
{
	size_t	 i;

	free(n->text);
	switch (n->type) {
	case DOC_FOOTNOTE:
		free(n->as.footnote.label);
		break;
	case DOC_FNREF:
		free(n->as.fnref.label);
		break;
	case DOC_FIGREF:
		free(n->as.figref.name);
		free(n->as.figref.style);
		for (i = 0; i < n->as.figref.nforms; i++)
			free(n->as.figref.forms[i]);
		free(n->as.figref.forms);
		free(n->as.figref.period.label);
		break;
	case DOC_COND:
		if (n->as.cond.test != NULL) {
			free(n->as.cond.test->name);
			free(n->as.cond.test->rname);
			free(n->as.cond.test->period.label);
			free(n->as.cond.test->rperiod.label);
			free(n->as.cond.test);
		}
		free(n->as.cond.label);
		break;
	case DOC_NATREF:
		free(n->as.natref.study);
		free(n->as.natref.key);
		free(n->as.natref.style);
		break;
	case DOC_FIELD:
		free(n->as.field.name);
		break;
	case DOC_CHART:
		doc_chart_free(n->as.chart.data);
		for (i = 0; i < n->as.chart.ntrend; i++)
			free(n->as.chart.trend[i]);
		free(n->as.chart.trend);
		free(n->as.chart.label);
		break;
	case DOC_CAPTION:
		free(n->as.caption.label);
		break;
	case DOC_XREF:
		free(n->as.xref.label);
		break;
	case DOC_TILEMAP:
		doc_tilemap_free(n->as.tilemap.data);
		free(n->as.tilemap.label);
		break;
	case DOC_ROOT:
	case DOC_HEADING:
	case DOC_SUBTITLE:
	case DOC_PARA:
	case DOC_ASIDE:
	case DOC_LIST:
	case DOC_ITEM:
	case DOC_TABLE:
	case DOC_ROW:
	case DOC_CELL:
	case DOC_SIGNOFF:
	case DOC_PAGEBREAK:
	case DOC_TEXT:
	case DOC_STRONG:
		break;
	}
}

void
doc_node_free(struct doc_node *n)
{
	struct doc_node	*c, *next;

	if (n == NULL)
		return;
	doc_node_unlink(n);
	/* Free the subtree without recursion on siblings. */
	for (c = n->first_child; c != NULL; c = next) {
		next = c->next;
		c->parent = NULL;
		c->prev = c->next = NULL;
		doc_node_free(c);
	}
	doc_node_free_payload(n);
	free(n);
}

void
doc_node_append(struct doc_node *parent, struct doc_node *child)
{
	child->parent = parent;
	child->next = NULL;
	child->prev = parent->last_child;
	if (parent->last_child != NULL)
		parent->last_child->next = child;
	else
		parent->first_child = child;
	parent->last_child = child;
}

void
doc_node_insert_before(struct doc_node *sibling, struct doc_node *n)
{
	n->parent = sibling->parent;
	n->next = sibling;
	n->prev = sibling->prev;
	if (sibling->prev != NULL)
		sibling->prev->next = n;
	else
		sibling->parent->first_child = n;
	sibling->prev = n;
}

void
doc_node_unlink(struct doc_node *n)
{
	if (n->prev != NULL)
		n->prev->next = n->next;
	else if (n->parent != NULL)
		n->parent->first_child = n->next;
	if (n->next != NULL)
		n->next->prev = n->prev;
	else if (n->parent != NULL)
		n->parent->last_child = n->prev;
	n->parent = n->prev = n->next = NULL;
}

struct doc_node *
doc_node_walk(struct doc_node *n, const struct doc_node *top)
{
	if (n->first_child != NULL)
		return n->first_child;
	while (n != NULL && n != top) {
		if (n->next != NULL)
			return n->next;
		n = n->parent;
	}
	return NULL;
}

int
doc_is_inline(enum doc_type t)
{
	switch (t) {
	case DOC_TEXT:
	case DOC_STRONG:
	case DOC_FNREF:
	case DOC_FIGREF:
	case DOC_NATREF:
	case DOC_FIELD:
	case DOC_XREF:
		return 1;
	case DOC_ROOT:
	case DOC_HEADING:
	case DOC_SUBTITLE:
	case DOC_PARA:
	case DOC_ASIDE:
	case DOC_LIST:
	case DOC_ITEM:
	case DOC_TABLE:
	case DOC_ROW:
	case DOC_CELL:
	case DOC_FOOTNOTE:
	case DOC_COND:
	case DOC_SIGNOFF:
	case DOC_PAGEBREAK:
	case DOC_CHART:
	case DOC_TILEMAP:
	case DOC_CAPTION:
		break;
	}
	return 0;
}

char *
doc_node_plain(const struct doc_node *n)
{
	struct buf	 b;
	struct doc_node	*c;

	buf_init(&b);
	for (c = n->first_child; c != NULL;
	    c = doc_node_walk(c, n)) {
		if (c->type == DOC_FNREF || c->text == NULL)
			continue;
		buf_puts(&b, c->text);
	}
	return buf_take(&b);
}

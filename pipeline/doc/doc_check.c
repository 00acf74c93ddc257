/*
 * doc_check.c: the invariants of a filled document tree (doc_check()):
 * links, what each type's children may be, numbering, what fill must
 * have resolved; run by the tests on every paper they build.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "doc.h"

/* What children a type takes in a filled tree. */
enum doc_kids {
	DOC_KIDS_NONE,		/* a leaf */
	DOC_KIDS_BLOCK,		/* the root's blocks */
	DOC_KIDS_INLINE,	/* text and references */
	DOC_KIDS_ITEM,		/* a list's items */
	DOC_KIDS_ROW,		/* a table's rows */
	DOC_KIDS_CELL		/* a row's cells */
};

static enum doc_kids
doc_kids(enum doc_type t)
{
	switch (t) {
	case DOC_ROOT:
		return DOC_KIDS_BLOCK;
	case DOC_HEADING:
	case DOC_SUBTITLE:
	case DOC_PARA:
	case DOC_ASIDE:
	case DOC_ITEM:
	case DOC_CELL:
	case DOC_FOOTNOTE:
	case DOC_STRONG:
	case DOC_CAPTION:
	case DOC_CHART:		/* its title */
	case DOC_TILEMAP:
		return DOC_KIDS_INLINE;
	case DOC_LIST:
		return DOC_KIDS_ITEM;
	case DOC_TABLE:
		return DOC_KIDS_ROW;
	case DOC_ROW:
		return DOC_KIDS_CELL;
	case DOC_COND:
	case DOC_SIGNOFF:
	case DOC_PAGEBREAK:
	case DOC_TEXT:
	case DOC_FNREF:
	case DOC_FIGREF:
	case DOC_NATREF:
	case DOC_FIELD:
	case DOC_XREF:
		break;
	}
	return DOC_KIDS_NONE;
}

/* 1 if a node of type kid may sit under a node that takes kids. */
static int
doc_kid_fits(enum doc_kids kids, enum doc_type kid)
{
	switch (kids) {
	case DOC_KIDS_NONE:
		return 0;
	case DOC_KIDS_BLOCK:
		return kid != DOC_ROOT && kid != DOC_ITEM && kid != DOC_ROW &&
		    kid != DOC_CELL && !doc_is_inline(kid);
	case DOC_KIDS_INLINE:
		return doc_is_inline(kid);
	case DOC_KIDS_ITEM:
		return kid == DOC_ITEM;
	case DOC_KIDS_ROW:
		return kid == DOC_ROW;
	case DOC_KIDS_CELL:
		return kid == DOC_CELL;
	}
	return 0;
}

struct doc_checker {
	const struct doc	*doc;
	FILE			*f;
	size_t			 nbad;
	int			 tables;	/* the last table number seen */
	int			 figures;	/* the last figure number seen */
};

static void
doc_bad(struct doc_checker *K, const struct doc_node *n, const char *fmt,
    ...)
{
	va_list	 ap;

	K->nbad++;
	if (K->f == NULL)
		return;
	fprintf(K->f, "%s:%d:%d: doc_check: %s: ", K->doc->file != NULL ?
	    K->doc->file : "(template)", n->line, n->col,
	    doc_type_names[n->type]);
	va_start(ap, fmt);
	vfprintf(K->f, fmt, ap);
	va_end(ap);
	fputc('\n', K->f);
}

/* The links between n and its children, and what the children are. */
static void
doc_check_links(struct doc_checker *K, const struct doc_node *n)
{
	const struct doc_node	*c, *prev = NULL;
	enum doc_kids		 kids = doc_kids(n->type);

	for (c = n->first_child; c != NULL; prev = c, c = c->next) {
		if (c->parent != n)
			doc_bad(K, c, "parent link does not name its parent");
		if (c->prev != prev)
			doc_bad(K, c, "prev link does not name the node "
			    "before it");
		if (!doc_kid_fits(kids, c->type))
			doc_bad(K, c, "may not sit in a %s",
			    doc_type_names[n->type]);
	}
	if (n->last_child != prev)
		doc_bad(K, n, "last_child link does not name its last child");
}

/* Returns the number of bars chart c draws. */
static size_t
doc_chart_bars(const struct doc_chart *c)
{
	size_t	 i, n = 0;

	for (i = 0; i < c->ncats * c->nseries; i++)
		n += c->cells[i].bar != 0;
	return n;
}

/* What fill must have resolved or numbered in n. */
static void
doc_check_filled(struct doc_checker *K, const struct doc_node *n)
{
	const struct doc_node	*c;
	int			 k;

	switch (n->type) {
	case DOC_COND:
		doc_bad(K, n, "a conditional left after fill");
		break;
	case DOC_TEXT:
	case DOC_FIGREF:
	case DOC_NATREF:
	case DOC_FIELD:
		if (n->text == NULL)
			doc_bad(K, n, "no text after fill");
		break;
	case DOC_XREF:
		if (n->text == NULL || n->as.xref.target == NULL)
			doc_bad(K, n, "{ref:%s} not resolved",
			    n->as.xref.label != NULL ? n->as.xref.label : "");
		break;
	case DOC_FNREF:
		if (n->as.fnref.def == NULL || n->as.fnref.number < 1)
			doc_bad(K, n, "footnote reference without its note");
		break;
	case DOC_HEADING:
		if (n->as.heading.level < 1)
			doc_bad(K, n, "level %d", n->as.heading.level);
		break;
	case DOC_LIST:
		k = 0;
		if (n->as.list.kind == DOC_LIST_NUMBERED)
			for (c = n->first_child; c != NULL; c = c->next)
				if (c->type == DOC_ITEM &&
				    c->as.item.number != ++k)
					doc_bad(K, c, "item numbered %d, "
					    "not %d", c->as.item.number, k);
		break;
	case DOC_TABLE:
		for (c = n->first_child; c != NULL; c = c->next) {
			const struct doc_node	*cell;

			k = 0;
			for (cell = c->first_child; cell != NULL;
			    cell = cell->next)
				k++;
			if (k != n->as.table.ncols)
				doc_bad(K, c, "%d cells in a table of %d "
				    "columns", k, n->as.table.ncols);
		}
		break;
	case DOC_CAPTION:
		if (n->as.caption.number > 0 &&
		    n->as.caption.number != ++K->tables)
			doc_bad(K, n, "numbered %d, not %d",
			    n->as.caption.number, K->tables);
		break;
	case DOC_CHART:
		/* Never an axis made only of [c] (issue 25): a chart with
		 * a suppressed value draws at least one bar. */
		if (n->as.chart.data != NULL && n->as.chart.data->suppressed &&
		    !doc_chart_bars(n->as.chart.data))
			doc_bad(K, n, "no bar: every value is [c] or blank");
		/* FALLTHROUGH */
	case DOC_TILEMAP:
		if ((k = doc_number(n)) > 0 && k != ++K->figures)
			doc_bad(K, n, "numbered %d, not %d", k, K->figures);
		break;
	case DOC_ROOT:
	case DOC_SUBTITLE:
	case DOC_PARA:
	case DOC_ASIDE:
	case DOC_ITEM:
	case DOC_ROW:
	case DOC_CELL:
	case DOC_FOOTNOTE:
	case DOC_SIGNOFF:
	case DOC_PAGEBREAK:
	case DOC_STRONG:
		break;
	}
}

size_t
doc_check(const struct doc *doc, FILE *f)
{
	struct doc_checker	 K = { doc, f, 0, 0, 0 };
	struct doc_node		*n;

	if (doc->root == NULL || doc->root->type != DOC_ROOT ||
	    doc->root->parent != NULL) {
		if (f != NULL)
			fprintf(f, "%s: doc_check: no root\n", doc->file !=
			    NULL ? doc->file : "(template)");
		return 1;
	}
	for (n = doc->root; n != NULL; n = doc_node_walk(n, doc->root)) {
		doc_check_links(&K, n);
		doc_check_filled(&K, n);
	}
	return K.nbad;
}

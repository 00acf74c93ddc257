/*
 * doc_dump.c: the document model's text form, `scrpaper render --dump
 * doc`: every node with its position, payload and children, indented by
 * depth, after the meta lines; what the spec files and goldens compare.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "doc.h"

/* Writes " num=KIND[:VALUE]" for a number fill typed. */
static void
doc_dump_num(FILE *f, const struct doc_num *num)
{
	if (num->kind == DOC_NUM_NONE)
		return;
	fprintf(f, " num=%s", doc_num_names[num->kind]);
	if (num->kind == DOC_NUM_COUNT || num->kind == DOC_NUM_PERCENT)
		fprintf(f, ":%g", num->value);
}

/* Writes a chart's data under its node at depth. */
static void
doc_dump_tilemap(FILE *f, const struct doc_tilemap *t, int depth)
{
	size_t	 i;
	int	 k;

	fprintf(f, "%*s= grid %dx%d\n", depth * 2, "", t->ncols, t->nrows);
	for (k = 0; k < t->nshades; k++)
		fprintf(f, "%*s= shade %d %ld-%ld \"%s\"\n", depth * 2, "", k,
		    t->lo[k], t->hi[k], t->legend[k]);
	for (i = 0; i < t->ntiles; i++)
		fprintf(f, "%*s= tile \"%s\" \"%s\" col=%d row=%d value=%ld "
		    "shade=%d\n", depth * 2, "", t->tiles[i].name,
		    t->tiles[i].label, t->tiles[i].col, t->tiles[i].row,
		    t->tiles[i].value, t->tiles[i].shade);
	fprintf(f, "%*s= alt \"%s\"\n", depth * 2, "", t->alt);
}

static void
doc_dump_chart(FILE *f, const struct doc_chart *c, int depth)
{
	size_t	 i, k;

	fprintf(f, "%*s= axis %s max=%g\n", depth * 2, "",
	    doc_num_names[c->kind], c->max);
	fprintf(f, "%*s= series", depth * 2, "");
	for (i = 0; i < c->nseries; i++)
		fprintf(f, " \"%s\"", c->series[i]);
	fputc('\n', f);
	for (k = 0; k < c->ncats; k++) {
		fprintf(f, "%*s= \"%s\":", depth * 2, "", c->cats[k]);
		for (i = 0; i < c->nseries; i++) {
			const struct doc_chart_cell *cc =
			    &c->cells[k * c->nseries + i];

			fprintf(f, " \"%s\"", cc->text);
			doc_dump_num(f, &cc->num);
			if (cc->bar)
				fputs(" bar", f);
		}
		fputc('\n', f);
	}
	if (c->per != NULL)
		fprintf(f, "%*s= per \"%s\"\n", depth * 2, "", c->per);
	fprintf(f, "%*s= alt \"%s\"\n", depth * 2, "", c->alt);
}

/* Writes a reference's period as the template spells it: "previous:",
 * "earlier:LABEL:" or nothing for the current period. */
static void
doc_dump_period(FILE *f, const struct doc_period *p)
{
	if (p->previous)
		fputs("previous:", f);
	else if (p->label != NULL)
		fprintf(f, "earlier:%s:", p->label);
}

/* Writes " #LABEL number=N" of a numbered chart, map or table, each
 * part when set. */
static void
doc_dump_numbered(FILE *f, const char *label, int number)
{
	if (label != NULL)
		fprintf(f, " #%s", label);
	if (number > 0)
		fprintf(f, " number=%d", number);
}

/* Writes a figure reference (DOC_FIGREF n) as the template spells it,
 * then its style, number type and word forms. */
static void
doc_dump_figref(FILE *f, const struct doc_node *n)
{
	size_t i;

	fprintf(f, " %s%s", n->as.figref.ledger == DOC_LEDGER_REGION ?
	    "region:" : "", n->as.figref.change ? "change:" : "");
	doc_dump_period(f, &n->as.figref.period);
	fprintf(f, "%s", n->as.figref.name);
	if (n->as.figref.style != NULL)
		fprintf(f, " style=%s", n->as.figref.style);
	doc_dump_num(f, &n->as.figref.num);
	for (i = 0; i < n->as.figref.nforms; i++)
		fprintf(f, " |%s", n->as.figref.forms[i]);
}

/* Writes a national reference (DOC_NATREF n): study:key, style, number
 * type. */
static void
doc_dump_natref(FILE *f, const struct doc_node *n)
{
	fprintf(f, " %s:%s", n->as.natref.study != NULL ?
	    n->as.natref.study : "(report)", n->as.natref.key);
	if (n->as.natref.style != NULL)
		fprintf(f, " style=%s", n->as.natref.style);
	doc_dump_num(f, &n->as.natref.num);
}

/* Writes a condition (DOC_COND n): its kind, period label and test as
 * the template spells it ("region:NAME > 40%", "NAME rose"). */
static void
doc_dump_cond(FILE *f, const struct doc_node *n)
{
	const struct doc_test *t;

	fprintf(f, " %s", doc_cond_names[n->as.cond.cond]);
	if (n->as.cond.label != NULL)
		fprintf(f, " %s", n->as.cond.label);
	if ((t = n->as.cond.test) == NULL)
		return;
	fprintf(f, " %s", t->ledger == DOC_LEDGER_REGION ? "region:" : "");
	doc_dump_period(f, &t->period);
	fprintf(f, "%s %s", t->name, doc_test_op_names[t->op]);
	if (t->op >= DOC_OP_ROSE)
		return;
	fputc(' ', f);
	if (t->rname != NULL) {
		fprintf(f, "%s%s", t->rhalf ? "half " : "",
		    t->rledger == DOC_LEDGER_REGION ? "region:" : "");
		doc_dump_period(f, &t->rperiod);
		fprintf(f, "%s", t->rname);
	} else
		fprintf(f, "%ld%s", t->rnum, t->rpercent ? "%" : "");
}

/* Writes the payload of n after its type's name, one case a type. */
static void
doc_dump_payload(FILE *f, const struct doc_node *n)
{
	size_t i;

	switch (n->type) {
	case DOC_HEADING:
		fprintf(f, " level=%d", n->as.heading.level);
		break;
	case DOC_LIST:
		fprintf(f, " %s", n->as.list.kind == DOC_LIST_NUMBERED ?
		    "numbered" : "bullet");
		break;
	case DOC_ITEM:
		if (n->as.item.number > 0)
			fprintf(f, " number=%d", n->as.item.number);
		break;
	case DOC_TABLE:
		fprintf(f, " cols=%d", n->as.table.ncols);
		if (n->as.table.periods)
			fprintf(f, " periods");
		break;
	case DOC_ROW:
		if (n->as.row.header)
			fprintf(f, " header");
		break;
	case DOC_CELL:
		if (n->as.cell.align == DOC_ALIGN_RIGHT)
			fprintf(f, " right");
		doc_dump_num(f, &n->as.cell.num);
		break;
	case DOC_FOOTNOTE:
		fprintf(f, " [^%s]", n->as.footnote.label);
		if (n->as.footnote.number > 0)
			fprintf(f, " number=%d", n->as.footnote.number);
		break;
	case DOC_FNREF:
		fprintf(f, " [^%s]", n->as.fnref.label);
		break;
	case DOC_FIGREF:
		doc_dump_figref(f, n);
		break;
	case DOC_NATREF:
		doc_dump_natref(f, n);
		break;
	case DOC_FIELD:
		fprintf(f, " %s", n->as.field.name);
		break;
	case DOC_COND:
		doc_dump_cond(f, n);
		break;
	case DOC_CHART:
		for (i = 0; i < n->as.chart.ntrend; i++)
			fprintf(f, "%s%s", i == 0 ? " trend=" : ",",
			    n->as.chart.trend[i]);
		doc_dump_numbered(f, n->as.chart.label, n->as.chart.number);
		break;
	case DOC_TILEMAP:
		doc_dump_numbered(f, n->as.tilemap.label,
		    n->as.tilemap.number);
		break;
	case DOC_CAPTION:
		doc_dump_numbered(f, n->as.caption.label,
		    n->as.caption.number);
		break;
	case DOC_XREF:
		fprintf(f, " %s", n->as.xref.label);
		break;
	case DOC_ROOT:
	case DOC_SUBTITLE:
	case DOC_PARA:
	case DOC_ASIDE:
	case DOC_SIGNOFF:
	case DOC_PAGEBREAK:
	case DOC_TEXT:
	case DOC_STRONG:
		break;
	}
}

/* Dumps n and its subtree at depth. */
static void
doc_dump_node(FILE *f, const struct doc_node *n, int depth)
{
	const struct doc_node *c;

	fprintf(f, "%*s%s", depth * 2, "", doc_type_names[n->type]);
	doc_dump_payload(f, n);
	fprintf(f, " @%d:%d", n->line, n->col);
	if (n->text != NULL)
		fprintf(f, " \"%s\"", n->text);
	fputc('\n', f);
	if (n->type == DOC_CHART && n->as.chart.data != NULL)
		doc_dump_chart(f, n->as.chart.data, depth + 1);
	if (n->type == DOC_TILEMAP && n->as.tilemap.data != NULL)
		doc_dump_tilemap(f, n->as.tilemap.data, depth + 1);
	for (c = n->first_child; c != NULL; c = c->next)
		doc_dump_node(f, c, depth + 1);
}

void
doc_dump(FILE *f, const struct doc *doc)
{
	const struct doc_meta	*m = &doc->meta;
	size_t			 i;

	doc_dump_node(f, doc->root, 0);
	if (m->title == NULL)
		return;
	fprintf(f, "meta title \"%s\"\n", m->title);
	fprintf(f, "meta subject \"%s\"\n", m->subject ? m->subject : "");
	fprintf(f, "meta region \"%s\"\n", m->region ? m->region : "");
	if (m->lscb != NULL)
		fprintf(f, "meta lscb \"%s\"\n", m->lscb);
	fprintf(f, "meta organisation \"%s\"\n",
	    m->organisation ? m->organisation : "");
	for (i = 0; i < m->nauthors; i++)
		fprintf(f, "meta author \"%s\"\n", m->authors[i]);
	fprintf(f, "meta created %d\n", m->created);
	if (m->restricted)
		fprintf(f, "meta restricted \"%s\"\n", DOC_MARKING);
}

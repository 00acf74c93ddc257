/*
 * case_national.c: the loader of national.yaml, the national studies a
 * paper compares London with, and their figures.
 */
#include <ctype.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "diag.h"
#include "yml.h"
#include "case.h"
#include "case_int.h"

static void
load_nat_figures(struct lctx *x, struct nat_study *s, const struct ynode *n)
{
	static const char *const fkeys[] = { "percent", "text" };
	size_t i;

	if (n->type != YNODE_MAP) {
		lerr(x, n, "'figures' must be a mapping of figure names to "
		    "percentages, not %s", ynode_type_name(n->type));
		return;
	}
	s->figures = xcalloc(n->nkids / 2, sizeof(*s->figures));
	for (i = 0; i < n->nkids; i += 2) {
		const struct ynode *k = n->kids[i], *v = n->kids[i + 1], *m;
		struct nat_figure *f = &s->figures[s->nfigures];
		int pct = -1;

		if (v->type == YNODE_MAP) {
			if (!case_check_map(x, v, "a national figure", fkeys, 2,
			    fkeys, 1))
				continue;
			if ((m = ynode_get(v, "percent")) != NULL &&
			    !case_get_int(x, m, "percent", 0, 100, &pct))
				continue;
			if ((m = ynode_get(v, "text")) != NULL)
				f->text = case_get_string(x, m, "text");
		} else if (!case_get_int(x, v, k->str, 0, 100, &pct))
			continue;
		if (pct < 0) {
			free(f->text);
			f->text = NULL;
			continue;
		}
		f->name = xstrdup(k->str);
		f->percent = pct;
		s->nfigures++;
	}
}

static void
load_national(struct lctx *x, const struct ynode *root)
{
	static const char *const keys[] = { "studies" };
	static const char *const skeys[] = { "id", "title", "citation",
	    "period", "children", "figures" };
	static const char *const sreq[] = { "id", "title", "citation",
	    "period", "figures" };
	struct national *nat = &x->c->national;
	const struct ynode *studies, *n, **ids;
	size_t i, nids = 0;
	int v;

	if (!case_check_map(x, root, "the national studies", keys, 1, keys, 1))
		return;
	if ((studies = ynode_get(root, "studies")) == NULL)
		return;
	if (studies->type != YNODE_SEQ) {
		lerr(x, studies, "'studies' must be a list, not %s",
		    ynode_type_name(studies->type));
		return;
	}
	if (studies->nkids > CASE_MAX_STUDIES) {
		lerr(x, studies, "more than %d studies", CASE_MAX_STUDIES);
		return;
	}
	nat->studies = xcalloc(studies->nkids, sizeof(*nat->studies));
	ids = xcalloc(studies->nkids, sizeof(*ids));
	for (i = 0; i < studies->nkids; i++) {
		const struct ynode *st = studies->kids[i];
		struct nat_study *s;

		if (!case_check_map(x, st, "a study", skeys, NELEM(skeys), sreq,
		    NELEM(sreq)))
			continue;
		if ((n = ynode_get(st, "id")) == NULL || !case_want_scalar(x, n,
		    "id", "text"))
			continue;
		ids[nids++] = n;
		s = &nat->studies[nat->nstudies++];
		s->id = xstrdup(n->str);
		s->children = -1;
		if ((n = ynode_get(st, "title")) != NULL)
			s->title = case_get_string(x, n, "title");
		if ((n = ynode_get(st, "citation")) != NULL)
			s->citation = case_get_string(x, n, "citation");
		if ((n = ynode_get(st, "period")) != NULL)
			s->period = case_get_string(x, n, "period");
		if ((n = ynode_get(st, "children")) != NULL &&
		    case_get_int(x, n, "children", 0, INT_MAX, &v))
			s->children = v;
		if ((n = ynode_get(st, "figures")) != NULL)
			load_nat_figures(x, s, n);
		if (s->title == NULL)
			s->title = xstrdup(s->id);
		if (s->citation == NULL)
			s->citation = xstrdup("");
		if (s->period == NULL)
			s->period = xstrdup(s->id);
	}
	case_check_unique(x, ids, nids, "study");
	free(ids);
}


int
case_load_national_buf(struct cohort *c, const char *file, const char *data,
    size_t len, struct diag *d)
{
	return case_parse_buf(c, file, data, len, d, load_national,
	    "the national studies");
}

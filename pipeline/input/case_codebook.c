/*
 * case_codebook.c: the loader of codebook.yaml, the codes a case or a
 * child may be given, each with its level.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "diag.h"
#include "yml.h"
#include "case.h"
#include "case_int.h"

static int
valid_code_name(const char *s)
{
	if (*s == '\0')
		return 0;
	for (; *s != '\0'; s++)
		if (!islower((unsigned char)*s) && !isdigit((unsigned char)*s)
		    && *s != '_')
			return 0;
	return 1;
}

/* The codebook whose index codebook_index() is building. */
static const struct codebook *index_cb;

static int
code_name_cmp(const void *a, const void *b)
{
	return strcmp(index_cb->codes[*(const size_t *)a].name,
	    index_cb->codes[*(const size_t *)b].name);
}

/* Sorts an index of the codes by name, for codebook_find(). */
static void
codebook_index(struct codebook *cb)
{
	size_t i;

	cb->by_name = xcalloc(cb->ncodes, sizeof(*cb->by_name));
	for (i = 0; i < cb->ncodes; i++)
		cb->by_name[i] = i;
	index_cb = cb;
	if (cb->ncodes > 1)
		qsort(cb->by_name, cb->ncodes, sizeof(*cb->by_name),
		    code_name_cmp);
	index_cb = NULL;
}

static void
load_codebook(struct lctx *x, const struct ynode *root)
{
	static const char *const keys[] = { "codes" };
	static const char *const ckeys[] = { "level", "label", "description" };
	struct codebook *cb = &x->c->codebook;
	const struct ynode *codes, *n;
	size_t i;

	if (!case_check_map(x, root, "the codebook", keys, 1, keys, 1))
		return;
	if ((codes = ynode_get(root, "codes")) == NULL)
		return;
	if (codes->type != YNODE_MAP) {
		lerr(x, codes, "'codes' must be a mapping of code names, not "
		    "%s", ynode_type_name(codes->type));
		return;
	}
	if (codes->nkids == 0) {
		lerr(x, codes, "'codes' lists no code");
		return;
	}
	if (codes->nkids / 2 > CASE_MAX_CODES) {
		lerr(x, codes, "more than %d codes", CASE_MAX_CODES);
		return;
	}
	cb->codes = xcalloc(codes->nkids / 2, sizeof(*cb->codes));
	for (i = 0; i < codes->nkids; i += 2) {
		const struct ynode *k = codes->kids[i], *v = codes->kids[i + 1];
		struct code *cd;
		int lvl;

		if (!valid_code_name(k->str)) {
			lerr(x, k, "code name '%s' must be lower-case letters, "
			    "digits and '_'", k->str);
			continue;
		}
		if (!case_check_map(x, v, "a code", ckeys, 3, ckeys, 3))
			continue;
		cd = &cb->codes[cb->ncodes++];
		cd->name = xstrdup(k->str);
		cd->pos.file = x->file;
		cd->pos.line = k->line;
		cd->pos.col = k->col;
		if ((n = ynode_get(v, "level")) != NULL &&
		    (lvl = case_get_enum(x, n, "level", code_level_names,
		    LEVEL__MAX, 0)) >= 0)
			cd->level = (enum code_level)lvl;
		if ((n = ynode_get(v, "label")) != NULL)
			cd->label = case_get_string(x, n, "label");
		if ((n = ynode_get(v, "description")) != NULL)
			cd->description = case_get_string(x, n, "description");
		if (cd->label == NULL)
			cd->label = xstrdup(cd->name);
		if (cd->description == NULL)
			cd->description = xstrdup("");
	}
	codebook_index(cb);
	x->c->nwords = (cb->ncodes + 63) / 64;
	if (x->c->nwords == 0)
		x->c->nwords = 1;
}


int
case_load_codebook_buf(struct cohort *c, const char *file, const char *data,
    size_t len, struct diag *d)
{
	return case_parse_buf(c, file, data, len, d, load_codebook,
	    "the codebook");
}

/*
 * fig_rel.c: the relations of figures.yaml (`relations:`, what a figure
 * is of another: a part, the same, a sum), checked against the
 * definitions, and the sets the figures count (one table, one total).
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "diag.h"
#include "yml.h"
#include "case.h"
#include "fig.h"
#include "fig_impl.h"
#include "fig_load_int.h"

/* The populations and sums a figure counts, by name; the loader's
 * diagnostics and the comparison of tests: shared with fig_load.c, which
 * sits above this file. */

const char *const fig_pop_names[FIG_POP__MAX] = {
	"cases",	/* FIG_POP_CASES */
	"children",	/* FIG_POP_CHILDREN */
	"deaths",	/* FIG_POP_DEATHS */
};

const char *const fig_sum_names[FIG_SUM__MAX] = {
	"",			/* FIG_SUM_NONE */
	"household_children",	/* FIG_SUM_HOUSEHOLD */
	"lscb_areas_known",	/* FIG_SUM_AREAS */
};

/* Reports an error at node n (the whole file when n is NULL). */
void
fig_err(struct fig_loader *L, const struct ynode *n, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vmsg(L->d, DIAG_ERROR, L->file, n ? n->line : 0, n ? n->col : 0,
	    fmt, ap);
	va_end(ap);
	L->errors++;
}

/* Reports "unknown WHAT 'word'" with a suggestion from names, if any. */
void
fig_err_unknown(struct fig_loader *L, const struct ynode *n, const char *what,
    const char *word, const char *const *names, size_t nnames)
{
	const char *near = str_suggest(word, names, nnames);

	if (near != NULL)
		fig_err(L, n, "unknown %s '%s'; did you mean '%s'?", what,
		    word, near);
	else
		fig_err(L, n, "unknown %s '%s'", what, word);
}

/* Returns 1 if a and b are the same test. */
int
fig_pred_equal(const struct fig_pred *a, const struct fig_pred *b)
{
	size_t i;

	if (a->type != b->type || a->value != b->value || a->lo != b->lo ||
	    a->hi != b->hi || a->nkids != b->nkids)
		return 0;
	for (i = 0; i < a->nkids; i++)
		if (!fig_pred_equal(a->kids[i], b->kids[i]))
			return 0;
	return 1;
}

/* Collects the tests that must all hold for p (its top-level "and"). */
void
fig_pred_conj(const struct fig_pred *p, const struct fig_pred **out,
    size_t *n, size_t max)
{
	size_t i;

	if (p->type == FP_ALL) {
		for (i = 0; i < p->nkids; i++)
			fig_pred_conj(p->kids[i], out, n, max);
	} else if (p->type != FP_TRUE && *n < max)
		out[(*n)++] = p;
}

/* Writes a canonical key of test p to b (same test, same key). */
static void
fig_pred_key(const struct fig_pred *p, struct buf *b)
{
	size_t i;

	buf_printf(b, "(%d:%d:%ld:%ld", (int)p->type, p->value, p->lo,
	    p->hi);
	for (i = 0; i < p->nkids; i++)
		fig_pred_key(p->kids[i], b);
	buf_putc(b, ')');
}

static int
fig_strcmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * Returns a new string naming the set of units def counts in its
 * numerator (numerator 1) or its base (numerator 0), the same for two
 * figures exactly when their tests are the same conjunction: a share of
 * the children who died and a count of the children with a cause of
 * death name the same set.  Free with free().
 */
static char *
fig_set_key(const struct fig_def *def, int numerator)
{
	const struct fig_pred *t[64];
	char *keys[66];
	struct buf b, out;
	size_t n = 0, nk = 0, i;
	int cause = 0;

	if (def->unit != FIG_COUNT || !numerator)
		fig_pred_conj(def->of, t, &n, NELEM(t));
	if (numerator)
		fig_pred_conj(def->where, t, &n, NELEM(t));
	buf_init(&b);
	for (i = 0; i < n; i++)
		if (t[i]->type == FP_DEATH && t[i]->value != DEATH_NONE)
			cause = 1;
	if (def->pop == FIG_POP_DEATHS && !cause)
		keys[nk++] = xasprintf("(%d:%d:%ld:%ld)", (int)FP_OUTCOME,
		    OUTCOME_DIED, (long)LONG_MIN, (long)LONG_MAX);
	for (i = 0; i < n; i++) {
		/* A cause of death says the child died. */
		if (cause && t[i]->type == FP_OUTCOME &&
		    t[i]->value == OUTCOME_DIED)
			continue;
		buf_reset(&b);
		fig_pred_key(t[i], &b);
		keys[nk++] = xstrdup(b.data);
	}
	qsort(keys, nk, sizeof(*keys), fig_strcmp);
	buf_init(&out);
	buf_printf(&out, "%s/%d", def->pop == FIG_POP_CASES ? "cases" :
	    "children", (int)def->sum);
	for (i = 0; i < nk; i++)
		if (i == 0 || strcmp(keys[i], keys[i - 1]) != 0)
			buf_puts(&out, keys[i]);
	for (i = 0; i < nk; i++)
		free(keys[i]);
	buf_clear(&b);
	if (out.data == NULL)
		buf_puts(&out, "");
	return out.data;
}

void
fig_rel_clear(struct fig_rel *r)
{
	free(r->fig);
	free(r->coef);
	free(r->text);
}

/* Returns the index of the figure named name in s, or -1. */
static int
fig_def_find(const struct fig_set *s, const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < s->ndefs; i++)
		if (strlen(s->defs[i].name) == len &&
		    strncmp(s->defs[i].name, name, len) == 0)
			return (int)i;
	return -1;
}

/*
 * Parses relation n, "NAME [+|- NAME]... (=|<=|>=) NAME [+|- NAME]...",
 * into r.  Returns 1, or 0 after reporting the problem.
 */
static int
fig_rel_parse(struct fig_loader *L, const struct fig_set *s,
    const struct ynode *n, struct fig_rel *r)
{
	const char **names, *p, *q;
	char *word;
	long sign = 1;
	int seen_op = 0, want_name = 1, ge = 0, k;
	size_t i;

	memset(r, 0, sizeof(*r));
	r->line = n->line;
	r->col = n->col;
	if (n->type != YNODE_SCALAR) {
		fig_err(L, n, "a relation is a line such as 'boys + girls = "
		    "children', not %s", ynode_type_name(n->type));
		return 0;
	}
	r->text = xstrdup(n->str);
	names = xcalloc(s->ndefs + 1, sizeof(*names));
	for (i = 0; i < s->ndefs; i++)
		names[i] = s->defs[i].name;
	for (p = n->str; *p != '\0';) {
		if (*p == ' ' || *p == '\t') {
			p++;
			continue;
		}
		if (!want_name && (*p == '+' || *p == '-')) {
			sign = *p == '+' ? 1 : -1;
			want_name = 1;
			p++;
			continue;
		}
		if (!want_name && !seen_op && (*p == '=' ||
		    ((*p == '<' || *p == '>') && p[1] == '='))) {
			r->op = *p == '=' ? FIG_REL_EQ : FIG_REL_LE;
			ge = *p == '>';
			p += *p == '=' ? 1 : 2;
			seen_op = 1;
			sign = 1;
			want_name = 1;
			continue;
		}
		for (q = p; (*q >= 'a' && *q <= 'z') || (*q >= '0' &&
		    *q <= '9') || *q == '_'; q++)
			;
		if (!want_name || q == p) {
			fig_err(L, n, "relation '%s': unexpected '%c'; write "
			    "figure names joined by + and -, with one =, <= "
			    "or >=", n->str, *p);
			goto bad;
		}
		if ((k = fig_def_find(s, p, (size_t)(q - p))) < 0) {
			word = xstrndup(p, (size_t)(q - p));
			fig_err_unknown(L, n, "figure in a relation", word,
			    names, s->ndefs);
			free(word);
			goto bad;
		}
		r->fig = xreallocarray(r->fig, r->nterms + 1,
		    sizeof(*r->fig));
		r->coef = xreallocarray(r->coef, r->nterms + 1,
		    sizeof(*r->coef));
		r->fig[r->nterms] = k;
		/* The right side moves over to the left. */
		r->coef[r->nterms++] = seen_op ? -sign : sign;
		want_name = 0;
		p = q;
	}
	if (!seen_op || want_name || r->nterms < 2) {
		fig_err(L, n, "relation '%s': expected two sides joined by "
		    "=, <= or >=, e.g. 'boys + girls = children'", n->str);
		goto bad;
	}
	/* a >= b is stored as b - a <= 0. */
	for (i = 0; ge && i < r->nterms; i++)
		r->coef[i] = -r->coef[i];
	free(names);
	return 1;
bad:
	free(names);
	return 0;
}

/* Returns 1 if r says exactly that figures a and b are equal. */
static int
fig_rel_is_same(const struct fig_rel *r, int a, int b)
{
	return r->op == FIG_REL_EQ && r->nterms == 2 &&
	    r->coef[0] == -r->coef[1] && (r->coef[0] == 1 ||
	    r->coef[0] == -1) && ((r->fig[0] == a && r->fig[1] == b) ||
	    (r->fig[0] == b && r->fig[1] == a));
}

int
fig_single_code(const struct fig_def *d)
{
	return d->where->type == FP_CODE && d->sum == FIG_SUM_NONE;
}

int
fig_total(const struct fig_set *s, enum fig_pop pop)
{
	size_t i;

	for (i = 0; i < s->ndefs; i++) {
		const struct fig_def *d = &s->defs[i];

		if (d->pop == pop && d->public && d->unit == FIG_COUNT &&
		    d->sum == FIG_SUM_NONE && d->where->type == FP_TRUE &&
		    d->of->type == FP_TRUE)
			return (int)i;
	}
	return -1;
}

int
fig_nr_base(const struct fig_set *s, int i, int *den)
{
	const struct fig_def *d = &s->defs[i];

	*den = 0;
	if (!fig_single_code(d))
		return -1;
	if (d->of->type != FP_TRUE) {
		if (d->unit == FIG_COUNT)
			return -1;
		*den = 1;
		return i;
	}
	if (d->pop == FIG_POP_DEATHS)
		return s->deaths_fig;
	return fig_total(s, d->pop);
}

/* Reads `relations:` (list, or NULL when absent) into s->rels.  Returns
 * 1, or 0 after an error when it is not a list (a bad entry is reported
 * and left out). */
static int
fig_rels_read(struct fig_loader *L, struct fig_set *s,
    const struct ynode *list)
{
	size_t i;

	if (list == NULL)
		return 1;
	if (list->type != YNODE_SEQ) {
		fig_err(L, list, "relations: expected a list, not %s",
		    ynode_type_name(list->type));
		return 0;
	}
	s->rels = xcalloc(list->nkids ? list->nkids : 1, sizeof(*s->rels));
	for (i = 0; i < list->nkids; i++) {
		if (fig_rel_parse(L, s, list->kids[i], &s->rels[s->nrels]))
			s->nrels++;
		else
			fig_rel_clear(&s->rels[s->nrels]);
	}
	return 1;
}

/* The key of d's not-recorded class: the units of its base whose case
 * marks a code of its `where` not recorded, so its base's key and its
 * codes.  Returns a new string; free with free(). */
static char *
fig_nr_key(const struct fig_set *s, const struct fig_def *d)
{
	struct buf nr;
	char *base = fig_set_key(d, 0);
	size_t k;

	buf_init(&nr);
	buf_puts(&nr, base);
	for (k = 0; k < s->nwords; k++)
		buf_printf(&nr, ":%llx", (unsigned long long)d->codes[k]);
	free(base);
	return nr.data;
}

/* Whether d counts the children who died, the base a share of deaths
 * shares: no sum, where: {outcome: died}, no of:. */
static int
fig_counts_deaths(const struct fig_def *d)
{
	return d->sum == FIG_SUM_NONE && d->pop != FIG_POP_CASES &&
	    d->where->type == FP_OUTCOME && d->where->value == OUTCOME_DIED &&
	    d->of->type == FP_TRUE;
}

/* Reports figure i of s when an earlier one counts the same set (the
 * same numerator key num[]) and no relation declares them equal. */
static void
fig_check_same_set(struct fig_loader *L, const struct fig_set *s,
    char *const *num, size_t i)
{
	const struct fig_def *d = &s->defs[i];
	size_t j, k;
	int found;

	for (j = 0; j < i; j++) {
		if (strcmp(num[j], num[i]) != 0)
			continue;
		for (k = 0, found = 0; k < s->nrels && !found; k++)
			found = fig_rel_is_same(&s->rels[k], (int)i, (int)j);
		if (!found)
			diag_error(L->d, L->file, d->line, d->col,
			    "figure '%s' counts the same set as '%s' "
			    "(line %d), so a reader can read one "
			    "from the other; declare '%s = %s' under "
			    "relations", d->name, s->defs[j].name,
			    s->defs[j].line, d->name,
			    s->defs[j].name), L->errors++;
		break;
	}
}

/* Whether the relation r names every figure of group g. */
static int
fig_rel_names_group(const struct fig_set *s, const struct fig_rel *r,
    int g)
{
	size_t i, j;

	for (i = 0; i < s->ndefs; i++) {
		if (s->defs[i].group != g)
			continue;
		for (j = 0; j < r->nterms; j++)
			if (r->fig[j] == (int)i)
				break;
		if (j == r->nterms)
			return 0;
	}
	return 1;
}

/* Reports, at its first figure, each group of s that no relation names
 * all the cells of. */
static void
fig_check_group_rels(struct fig_loader *L, const struct fig_set *s)
{
	const struct fig_def *first;
	size_t g, i, k;
	int found;

	for (g = 0; g < s->ngroups; g++) {
		for (k = 0, found = 0; k < s->nrels && !found; k++)
			found = fig_rel_names_group(s, &s->rels[k], (int)g);
		first = NULL;
		for (i = 0; i < s->ndefs && first == NULL; i++)
			if (s->defs[i].group == (int)g)
				first = &s->defs[i];
		if (!found && first != NULL)
			diag_error(L->d, L->file, first->line, first->col,
			    "group '%s' has no relation naming all its cells; "
			    "declare what they add up to under relations, "
			    "e.g. 'a + b = total'", s->groups[g]),
			    L->errors++;
	}
}

/*
 * Reads `relations:` and checks what the figures imply: two figures
 * counting the same set need a declared `a = b`; every group needs a
 * relation naming all its cells; a share of deaths needs a figure that
 * counts the deaths.  Sets nrclass and deaths_fig.
 */
void
fig_check_relations(struct fig_loader *L, struct fig_set *s,
    const struct ynode *list)
{
	char **num, **base;
	size_t i, j;
	int anydeaths = 0;

	if (!fig_rels_read(L, s, list))
		return;
	num = xcalloc(s->ndefs + 1, sizeof(*num));
	base = xcalloc(s->ndefs + 1, sizeof(*base));
	s->deaths_fig = -1;
	for (i = 0; i < s->ndefs; i++) {
		struct fig_def *d = &s->defs[i];

		num[i] = fig_set_key(d, 1);
		base[i] = fig_nr_key(s, d);
		d->nrclass = (int)i;
		for (j = 0; j < i; j++)
			if (strcmp(base[j], base[i]) == 0) {
				d->nrclass = s->defs[j].nrclass;
				break;
			}
		if (d->pop == FIG_POP_DEATHS)
			anydeaths = 1;
		if (s->deaths_fig < 0 && fig_counts_deaths(d))
			s->deaths_fig = (int)i;
		fig_check_same_set(L, s, num, i);
	}
	if (anydeaths && s->deaths_fig < 0)
		fig_err(L, NULL, "a figure of unit deaths needs a count of "
		    "the children who died (count_of: children, where: "
		    "{outcome: died}), the base it shares");
	fig_check_group_rels(L, s);
	for (i = 0; i < s->ndefs; i++) {
		free(num[i]);
		free(base[i]);
	}
	free(num);
	free(base);
}

/* Checks that the members of each group count the same units over the
 * same base, so the group is one table with one total. */
void
fig_check_groups(struct fig_loader *L, const struct fig_set *s)
{
	size_t g, i;
	const struct fig_def *first, *d;

	for (g = 0; g < s->ngroups; g++) {
		first = NULL;
		for (i = 0; i < s->ndefs; i++) {
			d = &s->defs[i];
			if (d->group != (int)g)
				continue;
			if (first == NULL) {
				first = d;
				continue;
			}
			if (d->pop != first->pop || d->sum != first->sum ||
			    !fig_pred_equal(d->of, first->of))
				diag_error(L->d, L->file, d->line, d->col,
				    "figure '%s' is in group '%s' with '%s' "
				    "but counts %s%s over a different base; "
				    "a group is one table with one total",
				    d->name, s->groups[g], first->name,
				    d->sum ? "a sum of " : "",
				    d->sum ? fig_sum_names[d->sum] :
				    fig_pop_names[d->pop]), L->errors++;
		}
	}
}


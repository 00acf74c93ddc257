/*
 * fig_load.c: loads templates/figures.yaml into a struct fig_set and
 * checks it against the cohort's codebook, reporting every problem as
 * FILE:LINE:COL.  The format is described at the top of figures.yaml and
 * in docs/figures.md.  Grammar (YAML shapes):
 *
 *   file    := {figures: [figure, ...], [relations: [relation, ...]]}
 *   relation := NAME {(+|-) NAME} (=|<=|>=) NAME {(+|-) NAME}
 *   figure  := {name: NAME, unit: UNIT, [style: STYLE], [where: pred],
 *               [of: pred], [count_of: POP], [sum: FIELD],
 *               [group: NAME], [public: BOOL], [description: TEXT],
 *               [label: TEXT]}
 *   pred    := CODE                          shorthand for {code: CODE}
 *            | {test: arg, ...}              several tests: all must hold
 *   test    := code | sex | outcome | death_cause       (arg: a name)
 *            | age_years | lscb_areas_known | household_children
 *                                            (arg: N or range)
 *            | all | any                     (arg: [pred, ...])
 *            | not | any_child               (arg: pred)
 *   range   := {min|ge: N, max|le: N, gt: N, lt: N, eq: N}
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

const char *const fig_unit_names[FIG_UNIT__MAX] = {
	"count",	/* FIG_COUNT */
	"cases",	/* FIG_CASES */
	"children",	/* FIG_CHILDREN */
	"deaths",	/* FIG_DEATHS */
};

const char *const fig_style_names[FIG_STYLE__MAX] = {
	"percent",	/* FIG_STYLE_PERCENT */
	"digits",	/* FIG_STYLE_DIGITS */
	"words",	/* FIG_STYLE_WORDS */
	"approx",	/* FIG_STYLE_APPROX */
};

/* Values of the string fields, as the case files spell them. */
static const char *const fig_sex_values[] = { "male", "female" };
static const int fig_sex_enums[] = { SEX_MALE, SEX_FEMALE };
static const char *const fig_outcome_values[] = { "died", "serious_harm" };
static const int fig_outcome_enums[] = { OUTCOME_DIED, OUTCOME_SERIOUS_HARM };
static const char *const fig_death_values[] = { "none", "sudi",
    "physical_assault", "neglect", "related", "suicide" };
static const int fig_death_enums[] = { DEATH_NONE, DEATH_SUDI,
    DEATH_PHYSICAL_ASSAULT, DEATH_NEGLECT, DEATH_RELATED, DEATH_SUICIDE };

static const char *const fig_keys[] = { "name", "unit", "style", "where",
    "of", "count_of", "sum", "group", "public", "description",
    "label" };
static const char *const fig_tests[] = { "code", "sex", "outcome",
    "death_cause", "age_years", "lscb_areas_known", "household_children",
    "all", "any", "not", "any_child" };
static const char *const fig_range_keys[] = { "min", "max", "eq", "ge",
    "gt", "le", "lt" };

#define FIG_NUM_MAX	1000000000L	/* largest number a test may name */

static void	fig_pred_free(struct fig_pred *p);
static struct fig_pred *fig_pred_parse(struct fig_loader *,
		    const struct ynode *, enum code_level);

/* Returns the index of s in names[0..n), or -1. */
static int
fig_lookup(const char *s, const char *const *names, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(s, names[i]) == 0)
			return (int)i;
	return -1;
}

/*
 * Parses a plain scalar that is a whole number in -FIG_NUM_MAX ..
 * FIG_NUM_MAX.  Returns 1 and sets *v, or 0 if n is not one (no message).
 */
static int
fig_number(const struct ynode *n, long *v)
{
	char *end;
	long x;

	if (n == NULL || n->type != YNODE_SCALAR || !n->plain ||
	    n->str[0] == '\0')
		return 0;
	errno = 0;
	x = strtol(n->str, &end, 10);
	if (errno != 0 || *end != '\0' || x > FIG_NUM_MAX || x < -FIG_NUM_MAX)
		return 0;
	*v = x;
	return 1;
}

/* Returns 1 if n looks like a number (so the message can say so). */
static int
fig_looks_numeric(const struct ynode *n)
{
	const char *s;

	if (n->type != YNODE_SCALAR || !n->plain)
		return 0;
	s = n->str;
	if (*s == '-' || *s == '+')
		s++;
	return *s >= '0' && *s <= '9';
}

/* Returns a scalar string value of a test, or NULL after an error. */
static const char *
fig_name_arg(struct fig_loader *L, const char *test, const struct ynode *v,
    const char *expect)
{
	if (v->type != YNODE_SCALAR) {
		fig_err(L, v, "%s: expected %s, not %s", test, expect,
		    ynode_type_name(v->type));
		return NULL;
	}
	if (fig_looks_numeric(v)) {
		fig_err(L, v, "%s: compares a name with the number %s; "
		    "expected %s", test, v->str, expect);
		return NULL;
	}
	if (v->str[0] == '\0') {
		fig_err(L, v, "%s: empty value; expected %s", test, expect);
		return NULL;
	}
	return v->str;
}

static struct fig_pred *
fig_pred_new(enum fig_pred_type type, const struct ynode *n)
{
	struct fig_pred *p = xcalloc(1, sizeof(*p));

	p->type = type;
	p->line = n ? n->line : 0;
	p->col = n ? n->col : 0;
	p->lo = LONG_MIN;
	p->hi = LONG_MAX;
	return p;
}

static void
fig_pred_add(struct fig_pred *p, struct fig_pred *kid)
{
	p->kids = xreallocarray(p->kids, p->nkids + 1, sizeof(*p->kids));
	p->kids[p->nkids++] = kid;
}

static void
fig_pred_free(struct fig_pred *p)
{
	size_t i;

	if (p == NULL)
		return;
	for (i = 0; i < p->nkids; i++)
		fig_pred_free(p->kids[i]);
	free(p->kids);
	free(p);
}

/* A code test: name must be in the codebook, at a level ctx allows. */
static struct fig_pred *
fig_pred_code(struct fig_loader *L, const struct ynode *at,
    const struct ynode *v, enum code_level ctx)
{
	const char *name;
	struct fig_pred *p;
	int ci;

	if ((name = fig_name_arg(L, "code", v, "a code name")) == NULL)
		return NULL;
	if ((ci = codebook_find(L->cb, name)) < 0) {
		fig_err_unknown(L, v, "code", name, L->codenames,
		    L->cb->ncodes);
		return NULL;
	}
	if (L->cb->codes[ci].level == LEVEL_CHILD && ctx == LEVEL_CASE) {
		fig_err(L, v, "'%s' is a child-level code, but this test is "
		    "of a case; write any_child: {code: %s}, or count "
		    "children", name, name);
		return NULL;
	}
	p = fig_pred_new(FP_CODE, at);
	p->value = ci;
	return p;
}

/* A test of a string field: sex, outcome, death_cause. */
static struct fig_pred *
fig_pred_enum(struct fig_loader *L, enum fig_pred_type type, const char *test,
    const struct ynode *at, const struct ynode *v, enum code_level ctx,
    const char *const *names, const int *enums, size_t n)
{
	const char *s;
	struct fig_pred *p;
	struct buf expect;
	size_t i;
	int k;

	buf_init(&expect);
	for (i = 0; i < n; i++)
		buf_printf(&expect, "%s%s", i == 0 ? "" : i + 1 == n ?
		    " or " : ", ", names[i]);
	s = fig_name_arg(L, test, v, expect.data);
	buf_clear(&expect);
	if (s == NULL)
		return NULL;
	if ((k = fig_lookup(s, names, n)) < 0) {
		fig_err_unknown(L, v, test, s, names, n);
		return NULL;
	}
	if (ctx == LEVEL_CASE) {
		fig_err(L, at, "%s is a field of a child, but this test is of "
		    "a case; write any_child: {%s: %s}, or count children",
		    test, test, s);
		return NULL;
	}
	p = fig_pred_new(type, at);
	p->value = enums[k];
	return p;
}

/* A numeric test: a number, or a range mapping. */
static struct fig_pred *
fig_pred_num(struct fig_loader *L, enum fig_pred_type type, const char *test,
    const struct ynode *at, const struct ynode *v, enum code_level ctx)
{
	struct fig_pred *p;
	long lo = LONG_MIN, hi = LONG_MAX, x;
	size_t i;
	int bad = 0, k;

	if (type == FP_AGE && ctx == LEVEL_CASE) {
		fig_err(L, at, "age_years is a field of a child, but this "
		    "test is of a case; write any_child: {age_years: ...}, "
		    "or count children");
		return NULL;
	}
	if (v->type == YNODE_SCALAR) {
		if (!fig_number(v, &x)) {
			fig_err(L, v, "%s: compares a number with '%s'; "
			    "expected a whole number or a range such as "
			    "{min: 1, max: 5}", test, v->str);
			return NULL;
		}
		lo = hi = x;
	} else if (v->type == YNODE_MAP && v->nkids > 0) {
		for (i = 0; i + 1 < v->nkids; i += 2) {
			const struct ynode *key = v->kids[i];
			const struct ynode *val = v->kids[i + 1];

			k = fig_lookup(key->str, fig_range_keys,
			    NELEM(fig_range_keys));
			if (k < 0) {
				fig_err_unknown(L, key, "range bound",
				    key->str, fig_range_keys,
				    NELEM(fig_range_keys));
				bad = 1;
				continue;
			}
			if (!fig_number(val, &x)) {
				fig_err(L, val, "%s: %s: expected a whole "
				    "number, not %s", test, key->str,
				    val->type == YNODE_SCALAR ? val->str :
				    ynode_type_name(val->type));
				bad = 1;
				continue;
			}
			switch (k) {
			case 0:	/* min */
			case 3:	/* ge */
				if (x > lo)
					lo = x;
				break;
			case 1:	/* max */
			case 5:	/* le */
				if (x < hi)
					hi = x;
				break;
			case 2:	/* eq */
				if (x > lo)
					lo = x;
				if (x < hi)
					hi = x;
				break;
			case 4:	/* gt */
				if (x + 1 > lo)
					lo = x + 1;
				break;
			default: /* lt */
				if (x - 1 < hi)
					hi = x - 1;
				break;
			}
		}
		if (bad)
			return NULL;
		if (lo > hi) {
			fig_err(L, v, "%s: the range holds no value", test);
			return NULL;
		}
	} else {
		fig_err(L, v, "%s: expected a whole number or a range such as "
		    "{min: 1, max: 5}, not %s", test,
		    v->nkids == 0 && v->type == YNODE_MAP ? "an empty mapping" :
		    ynode_type_name(v->type));
		return NULL;
	}
	p = fig_pred_new(type, at);
	p->lo = lo;
	p->hi = hi;
	return p;
}

/* all: / any: with a non-empty sequence of predicates. */
static struct fig_pred *
fig_pred_list(struct fig_loader *L, enum fig_pred_type type, const char *test,
    const struct ynode *at, const struct ynode *v, enum code_level ctx)
{
	struct fig_pred *p, *kid;
	size_t i;
	int bad = 0;

	if (v->type != YNODE_SEQ || v->nkids == 0) {
		fig_err(L, v, "%s: expected a non-empty list of tests, not %s",
		    test, v->type == YNODE_SEQ ? "an empty list" :
		    ynode_type_name(v->type));
		return NULL;
	}
	p = fig_pred_new(type, at);
	for (i = 0; i < v->nkids; i++) {
		if ((kid = fig_pred_parse(L, v->kids[i], ctx)) == NULL)
			bad = 1;
		else
			fig_pred_add(p, kid);
	}
	if (bad) {
		fig_pred_free(p);
		return NULL;
	}
	return p;
}

/* One test, key: v, of a predicate mapping. */
static struct fig_pred *
fig_pred_test(struct fig_loader *L, const struct ynode *key,
    const struct ynode *v, enum code_level ctx)
{
	struct fig_pred *p, *kid;
	const char *k = key->str;

	if (strcmp(k, "code") == 0)
		return fig_pred_code(L, key, v, ctx);
	if (strcmp(k, "sex") == 0)
		return fig_pred_enum(L, FP_SEX, k, key, v, ctx,
		    fig_sex_values, fig_sex_enums, NELEM(fig_sex_values));
	if (strcmp(k, "outcome") == 0)
		return fig_pred_enum(L, FP_OUTCOME, k, key, v, ctx,
		    fig_outcome_values, fig_outcome_enums,
		    NELEM(fig_outcome_values));
	if (strcmp(k, "death_cause") == 0)
		return fig_pred_enum(L, FP_DEATH, k, key, v, ctx,
		    fig_death_values, fig_death_enums,
		    NELEM(fig_death_values));
	if (strcmp(k, "age_years") == 0)
		return fig_pred_num(L, FP_AGE, k, key, v, ctx);
	if (strcmp(k, "lscb_areas_known") == 0)
		return fig_pred_num(L, FP_AREAS, k, key, v, ctx);
	if (strcmp(k, "household_children") == 0)
		return fig_pred_num(L, FP_HOUSEHOLD, k, key, v, ctx);
	if (strcmp(k, "all") == 0)
		return fig_pred_list(L, FP_ALL, k, key, v, ctx);
	if (strcmp(k, "any") == 0)
		return fig_pred_list(L, FP_ANY, k, key, v, ctx);
	if (strcmp(k, "not") == 0 || strcmp(k, "any_child") == 0) {
		if (k[0] == 'a' && ctx == LEVEL_CHILD) {
			fig_err(L, key, "any_child: only a test of a case "
			    "can look at its children; this test is already "
			    "of a child");
			return NULL;
		}
		if ((kid = fig_pred_parse(L, v,
		    k[0] == 'a' ? LEVEL_CHILD : ctx)) == NULL)
			return NULL;
		p = fig_pred_new(k[0] == 'a' ? FP_ANY_CHILD : FP_NOT, key);
		fig_pred_add(p, kid);
		return p;
	}
	if (codebook_find(L->cb, k) >= 0)
		fig_err(L, key, "unknown test '%s'; to test the code, write "
		    "code: %s", k, k);
	else
		fig_err_unknown(L, key, "test", k, fig_tests, NELEM(fig_tests));
	return NULL;
}

/*
 * Parses predicate n in context ctx (LEVEL_CASE: a test of a case;
 * LEVEL_CHILD: of a child, which may read its case too).  Returns a new
 * tree, or NULL after reporting every problem in n.
 */
static struct fig_pred *
fig_pred_parse(struct fig_loader *L, const struct ynode *n,
    enum code_level ctx)
{
	struct fig_pred *p, *kid;
	size_t i;
	int bad = 0;

	if (n->type == YNODE_SCALAR) {
		if (fig_looks_numeric(n)) {
			fig_err(L, n, "a test is a code name or a mapping such "
			    "as {code: NAME}, not the number %s", n->str);
			return NULL;
		}
		return fig_pred_code(L, n, n, ctx);
	}
	if (n->type != YNODE_MAP || n->nkids == 0) {
		fig_err(L, n, "a test is a code name or a mapping such as "
		    "{code: NAME}, not %s; use all: [...] or any: [...] for "
		    "a list", n->type == YNODE_MAP ? "an empty mapping" :
		    ynode_type_name(n->type));
		return NULL;
	}
	if (n->nkids == 2)
		return fig_pred_test(L, n->kids[0], n->kids[1], ctx);
	p = fig_pred_new(FP_ALL, n);
	for (i = 0; i + 1 < n->nkids; i += 2) {
		if ((kid = fig_pred_test(L, n->kids[i], n->kids[i + 1],
		    ctx)) == NULL)
			bad = 1;
		else
			fig_pred_add(p, kid);
	}
	if (bad) {
		fig_pred_free(p);
		return NULL;
	}
	return p;
}

/* Adds every code p tests to set. */
static void
fig_pred_codes(const struct fig_pred *p, codeword *set)
{
	size_t i;

	if (p->type == FP_CODE)
		codeset_add(set, (size_t)p->value);
	for (i = 0; i < p->nkids; i++)
		fig_pred_codes(p->kids[i], set);
}

/* Returns 1 if tests a and b can never both hold. */
static int
fig_pred_clash(const struct fig_pred *a, const struct fig_pred *b)
{
	const struct fig_pred *t;

	if (a->type == FP_NOT && b->type != FP_NOT) {
		t = a, a = b, b = t;
	}
	if (b->type == FP_NOT)
		return fig_pred_equal(a, b->kids[0]);
	if (a->type != b->type)
		return (a->type == FP_OUTCOME && b->type == FP_DEATH &&
		    (a->value == OUTCOME_DIED) != (b->value != DEATH_NONE)) ||
		    (b->type == FP_OUTCOME && a->type == FP_DEATH &&
		    (b->value == OUTCOME_DIED) != (a->value != DEATH_NONE));
	switch (a->type) {
	case FP_SEX:
	case FP_OUTCOME:
	case FP_DEATH:
		return a->value != b->value;
	case FP_AGE:
	case FP_AREAS:
	case FP_HOUSEHOLD:
		return a->hi < b->lo || b->hi < a->lo;
	default:
		return 0;
	}
}

/*
 * Checks that def's numerator can hold inside its base.  The numerator is
 * only ever evaluated over the base, so it is a subset by construction;
 * what can go wrong is a `where` that contradicts the base (`of`, or the
 * deaths unit) or itself, making the figure 0 whatever the data.
 */
static void
fig_check_base(struct fig_loader *L, const struct fig_def *def,
    const struct ynode *where)
{
	const struct fig_pred *t[64];
	struct fig_pred died;
	size_t n = 0, i, j;

	memset(&died, 0, sizeof(died));
	died.type = FP_OUTCOME;
	died.value = OUTCOME_DIED;
	if (def->pop == FIG_POP_DEATHS)
		t[n++] = &died;
	fig_pred_conj(def->of, t, &n, NELEM(t));
	fig_pred_conj(def->where, t, &n, NELEM(t));
	for (i = 0; i < n; i++)
		for (j = i + 1; j < n; j++)
			if (fig_pred_clash(t[i], t[j])) {
				fig_err(L, where, "figure '%s': the numerator "
				    "contradicts %s at line %d, so it "
				    "can never count anything; a figure "
				    "counts only units in its base",
				    def->name, t[i] == &died ?
				    "the deaths unit (children who died)" :
				    "the test", t[i] == &died ?
				    def->line : t[i]->line);
				return;
			}
}

/* Returns 1 if name is a figure name: [a-z][a-z0-9_]*. */
static int
fig_valid_name(const char *s)
{
	if (*s < 'a' || *s > 'z')
		return 0;
	for (; *s != '\0'; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		    *s == '_'))
			return 0;
	return 1;
}

static void
fig_def_clear(struct fig_def *def)
{
	free(def->name);
	fig_pred_free(def->where);
	fig_pred_free(def->of);
	free(def->codes);
	free(def->label);
}

/* Returns the scalar string of a figure key, or NULL after an error. */
static const char *
fig_scalar(struct fig_loader *L, const char *key, const struct ynode *v)
{
	if (v->type != YNODE_SCALAR) {
		fig_err(L, v, "%s: expected a value, not %s", key,
		    ynode_type_name(v->type));
		return NULL;
	}
	return v->str;
}

/* Reads a figure's label: one line of text, without control characters
 * or surrounding spaces (it is a cell of the open data set). */
static void
fig_label(struct fig_loader *L, const struct ynode *v, struct fig_def *def)
{
	const unsigned char *p;

	if (v->type != YNODE_SCALAR || v->len == 0 || (v->plain &&
	    (strcmp(v->str, "~") == 0 || strcmp(v->str, "null") == 0))) {
		fig_err(L, v, "label: expected text");
		return;
	}
	for (p = (const unsigned char *)v->str; *p != '\0'; p++)
		if (*p < 0x20 || *p == 0x7f) {
			fig_err(L, v, "label: holds a control character "
			    "(0x%02x)", *p);
			return;
		}
	if (v->str[0] == ' ' || v->str[v->len - 1] == ' ') {
		fig_err(L, v, "label: starts or ends with a space");
		return;
	}
	free(def->label);
	def->label = xstrdup(v->str);
}

/* The values of one figure entry's keys (fig_keys), NULL when absent. */
struct fig_entry {
	const struct ynode *name, *unit, *style, *where, *of, *count_of,
	    *sum, *group, *public;
};

/*
 * Reads the keys of the figure entry n (a mapping) into e; checks
 * description: and sets def's label: as they come, and reports each
 * unknown key.
 */
static void
fig_def_keys(struct fig_loader *L, const struct ynode *n,
    struct fig_def *def, struct fig_entry *e)
{
	size_t i;

	for (i = 0; i + 1 < n->nkids; i += 2) {
		const struct ynode *key = n->kids[i], *v = n->kids[i + 1];

		switch (fig_lookup(key->str, fig_keys, NELEM(fig_keys))) {
		case 0: e->name = v; break;
		case 1: e->unit = v; break;
		case 2: e->style = v; break;
		case 3: e->where = v; break;
		case 4: e->of = v; break;
		case 5: e->count_of = v; break;
		case 6: e->sum = v; break;
		case 7: e->group = v; break;
		case 8: e->public = v; break;
		case 9:
			if (v->type != YNODE_SCALAR)
				fig_err(L, v, "description: expected text, "
				    "not %s", ynode_type_name(v->type));
			break;
		case 10:
			fig_label(L, v, def);
			break;
		default:
			fig_err_unknown(L, key, "key", key->str, fig_keys,
			    NELEM(fig_keys));
			break;
		}
	}
}

/* Sets def's name from v (NULL: none given, an error at the entry n):
 * a valid name, not the ledger's reserved out_of_period. */
static void
fig_def_name(struct fig_loader *L, const struct ynode *n,
    const struct ynode *v, struct fig_def *def)
{
	const char *str;

	if (v == NULL)
		fig_err(L, n, "figure without a name");
	else if ((str = fig_scalar(L, "name", v)) != NULL) {
		if (!fig_valid_name(str))
			fig_err(L, v, "figure name '%s': use lower-case "
			    "letters, digits and '_', starting with a letter",
			    str);
		else if (strcmp(str, "out_of_period") == 0)
			fig_err(L, v, "figure name 'out_of_period' is "
			    "reserved: the ledger prints the cases left out "
			    "by the period under it");
		else
			def->name = xstrdup(str);
	}
}

/* Sets def's unit from v (NULL: none given, an error at the entry n). */
static void
fig_def_unit(struct fig_loader *L, const struct ynode *n,
    const struct ynode *v, struct fig_def *def)
{
	int k;

	if (v == NULL)
		fig_err(L, n, "figure '%s' has no unit (count, cases, "
		    "children or deaths)", def->name ? def->name : "?");
	else if (v->type != YNODE_SCALAR)
		fig_err(L, v, "unit: expected count, cases, children or "
		    "deaths, not %s", ynode_type_name(v->type));
	else if ((k = fig_unit_find(v->str)) < 0)
		fig_err_unknown(L, v, "unit", v->str, fig_unit_names,
		    FIG_UNIT__MAX);
	else
		def->unit = (enum fig_unit)k;
}

/* Sets what one unit of def is: its unit's population, or for a count
 * the one count_of: (v, or NULL) names. */
static void
fig_def_pop(struct fig_loader *L, const struct ynode *v,
    struct fig_def *def)
{
	int k;

	switch (def->unit) {
	case FIG_CASES:
		def->pop = FIG_POP_CASES;
		break;
	case FIG_CHILDREN:
		def->pop = FIG_POP_CHILDREN;
		break;
	case FIG_DEATHS:
		def->pop = FIG_POP_DEATHS;
		break;
	default:
		def->pop = FIG_POP_CASES;
		break;
	}
	if (v == NULL)
		return;
	if (def->unit != FIG_COUNT)
		fig_err(L, v, "count_of: only a count figure chooses what it "
		    "counts; a %s figure counts %s",
		    fig_unit_names[def->unit], fig_unit_names[def->unit]);
	else if (v->type != YNODE_SCALAR)
		fig_err(L, v, "count_of: expected cases, children or deaths, "
		    "not %s", ynode_type_name(v->type));
	else if ((k = fig_lookup(v->str, fig_pop_names, FIG_POP__MAX)) < 0)
		fig_err_unknown(L, v, "count_of", v->str, fig_pop_names,
		    FIG_POP__MAX);
	else
		def->pop = (enum fig_pop)k;
}

/* Sets the field a count of cases def sums, from sum: (v). */
static void
fig_def_sum(struct fig_loader *L, const struct ynode *v,
    struct fig_def *def)
{
	int k;

	if (def->unit != FIG_COUNT)
		fig_err(L, v, "sum: only a count figure can sum a field");
	else if (v->type != YNODE_SCALAR)
		fig_err(L, v, "sum: expected household_children or "
		    "lscb_areas_known, not %s", ynode_type_name(v->type));
	else if ((k = fig_lookup(v->str, fig_sum_names + 1,
	    FIG_SUM__MAX - 1)) < 0)
		fig_err_unknown(L, v, "field to sum", v->str,
		    fig_sum_names + 1, FIG_SUM__MAX - 1);
	else if (def->pop != FIG_POP_CASES)
		fig_err(L, v, "sum: %s is a field of a case, so the figure "
		    "must count cases, not %s", v->str,
		    fig_pop_names[def->pop]);
	else
		def->sum = (enum fig_sum)(k + 1);
}

/* Sets def's style: its unit's default, or style: (v, or NULL), which
 * for a count cannot be percent. */
static void
fig_def_style(struct fig_loader *L, const struct ynode *v,
    struct fig_def *def)
{
	int k;

	def->style = def->unit == FIG_COUNT ? FIG_STYLE_DIGITS :
	    FIG_STYLE_PERCENT;
	if (v == NULL)
		return;
	if (v->type != YNODE_SCALAR)
		fig_err(L, v, "style: expected percent, digits, words or "
		    "approx, not %s", ynode_type_name(v->type));
	else if ((k = fig_style_find(v->str)) < 0)
		fig_err_unknown(L, v, "style", v->str, fig_style_names,
		    FIG_STYLE__MAX);
	else if (k == FIG_STYLE_PERCENT && def->unit == FIG_COUNT)
		fig_err(L, v, "style: a count has no percentage; use digits, "
		    "words or approx, or a unit with a base (cases, children, "
		    "deaths)");
	else
		def->style = (enum fig_style)k;
}

/* Sets def public when public: (v) is true; anything but true or false
 * is an error. */
static void
fig_def_public(struct fig_loader *L, const struct ynode *v,
    struct fig_def *def)
{
	if (v->type == YNODE_SCALAR && v->plain &&
	    strcmp(v->str, "true") == 0)
		def->public = 1;
	else if (!(v->type == YNODE_SCALAR && v->plain &&
	    strcmp(v->str, "false") == 0))
		fig_err(L, v, "public: expected true or false");
}

/* Sets def's group to the one group: (v) names, added to s's groups
 * when new. */
static void
fig_def_group(struct fig_loader *L, struct fig_set *s,
    const struct ynode *v, struct fig_def *def)
{
	const char *str;
	int k;

	if ((str = fig_scalar(L, "group", v)) == NULL)
		return;
	if (!fig_valid_name(str)) {
		fig_err(L, v, "group name '%s': use lower-case letters, "
		    "digits and '_'", str);
		return;
	}
	k = fig_lookup(str, (const char *const *)s->groups, s->ngroups);
	if (k < 0) {
		s->groups = xreallocarray(s->groups, s->ngroups + 1,
		    sizeof(*s->groups));
		s->groups[s->ngroups] = xstrdup(str);
		k = (int)s->ngroups++;
	}
	def->group = k;
}

/*
 * Parses one figure entry n into def (zeroed by the caller).  Returns 1,
 * or 0 after reporting every problem; groups receives new group names.
 */
static int
fig_def_parse(struct fig_loader *L, struct fig_set *s, const struct ynode *n,
    struct fig_def *def)
{
	struct fig_entry e;
	int errors = L->errors;
	enum code_level ctx;

	memset(&e, 0, sizeof(e));
	def->line = n->line;
	def->col = n->col;
	def->group = -1;
	if (n->type != YNODE_MAP) {
		fig_err(L, n, "a figure is a mapping with name, unit and "
		    "where, not %s", ynode_type_name(n->type));
		return 0;
	}
	fig_def_keys(L, n, def, &e);
	fig_def_name(L, n, e.name, def);
	fig_def_unit(L, n, e.unit, def);
	if (L->errors > errors)
		return 0;
	fig_def_pop(L, e.count_of, def);
	if (e.sum != NULL)
		fig_def_sum(L, e.sum, def);
	if (e.of != NULL && def->unit == FIG_COUNT)
		fig_err(L, e.of, "of: a count figure has no base; use where: "
		    "to say what it counts");
	fig_def_style(L, e.style, def);
	if (e.public != NULL)
		fig_def_public(L, e.public, def);
	if (e.group != NULL)
		fig_def_group(L, s, e.group, def);

	ctx = def->pop == FIG_POP_CASES ? LEVEL_CASE : LEVEL_CHILD;
	def->where = e.where != NULL ? fig_pred_parse(L, e.where, ctx) :
	    fig_pred_new(FP_TRUE, n);
	def->of = e.of != NULL && def->unit != FIG_COUNT ?
	    fig_pred_parse(L, e.of, ctx) : fig_pred_new(FP_TRUE, n);
	if (L->errors > errors)
		return 0;
	def->codes = xcalloc(L->nwords ? L->nwords : 1, sizeof(codeword));
	fig_pred_codes(def->where, def->codes);
	fig_check_base(L, def, e.where != NULL ? e.where : n);
	return L->errors == errors;
}

struct fig_set *
fig_load_buf(const char *file, const char *data, size_t len,
    const struct cohort *c, struct diag *d)
{
	struct fig_loader L;
	struct fig_set *s;
	struct ynode *root = NULL;
	const struct ynode *list = NULL, *rels = NULL;
	struct fig_def def;
	size_t i, j;

	memset(&L, 0, sizeof(L));
	L.file = file;
	L.d = d;
	L.cb = &c->codebook;
	L.nwords = c->nwords;
	if ((c->codebook.ncodes + 63) / 64 > L.nwords)
		L.nwords = (c->codebook.ncodes + 63) / 64;
	L.codenames = xcalloc(c->codebook.ncodes + 1, sizeof(*L.codenames));
	for (i = 0; i < c->codebook.ncodes; i++)
		L.codenames[i] = c->codebook.codes[i].name;

	s = xcalloc(1, sizeof(*s));
	s->nwords = L.nwords;
	s->file = xstrdup(file);

	if (!yml_parse(file, data, len, d, &root)) {
		L.errors++;
		goto out;
	}
	if (root == NULL || root->type != YNODE_MAP) {
		fig_err(&L, root, "expected a mapping with a 'figures' list");
		goto out;
	}
	for (i = 0; i + 1 < root->nkids; i += 2) {
		static const char *const top[] = { "figures", "relations" };

		if (strcmp(root->kids[i]->str, "figures") == 0)
			list = root->kids[i + 1];
		else if (strcmp(root->kids[i]->str, "relations") == 0)
			rels = root->kids[i + 1];
		else
			fig_err_unknown(&L, root->kids[i], "key",
			    root->kids[i]->str, top, 2);
	}
	if (list == NULL) {
		fig_err(&L, root, "no 'figures' list");
		goto out;
	}
	if (list->type != YNODE_SEQ) {
		fig_err(&L, list, "figures: expected a list, not %s",
		    ynode_type_name(list->type));
		goto out;
	}
	s->defs = xcalloc(list->nkids ? list->nkids : 1, sizeof(*s->defs));
	for (i = 0; i < list->nkids; i++) {
		memset(&def, 0, sizeof(def));
		if (!fig_def_parse(&L, s, list->kids[i], &def)) {
			fig_def_clear(&def);
			continue;
		}
		for (j = 0; j < s->ndefs; j++)
			if (strcmp(s->defs[j].name, def.name) == 0)
				break;
		if (j < s->ndefs) {
			fig_err(&L, list->kids[i], "duplicate figure '%s' "
			    "(first defined at line %d)", def.name,
			    s->defs[j].line);
			fig_def_clear(&def);
			continue;
		}
		s->defs[s->ndefs++] = def;
	}
	if (L.errors == 0)
		fig_check_groups(&L, s);
	if (L.errors == 0)
		fig_check_relations(&L, s, rels);
out:
	ynode_free(root);
	free(L.codenames);
	if (L.errors > 0) {
		fig_set_free(s);
		return NULL;
	}
	return s;
}

struct fig_set *
fig_load(const char *path, const struct cohort *c, struct diag *d)
{
	char *data;
	size_t len;
	struct fig_set *s;

	if (!yml_read_file(path, d, &data, &len))
		return NULL;
	s = fig_load_buf(path, data, len, c, d);
	free(data);
	return s;
}

void
fig_set_free(struct fig_set *s)
{
	size_t i;

	if (s == NULL)
		return;
	for (i = 0; i < s->ndefs; i++)
		fig_def_clear(&s->defs[i]);
	free(s->defs);
	for (i = 0; i < s->ngroups; i++)
		free(s->groups[i]);
	free(s->groups);
	for (i = 0; i < s->nrels; i++)
		fig_rel_clear(&s->rels[i]);
	free(s->rels);
	free(s->file);
	free(s);
}

size_t
fig_set_size(const struct fig_set *s)
{
	return s == NULL ? 0 : s->ndefs;
}

const char *
fig_set_name(const struct fig_set *s, size_t i)
{
	return s == NULL || i >= s->ndefs ? NULL : s->defs[i].name;
}

const char *
fig_set_label(const struct fig_set *s, size_t i)
{
	return s == NULL || i >= s->ndefs ? NULL : s->defs[i].label;
}

int
fig_set_pos(const struct fig_set *s, size_t i, int *col)
{
	if (s == NULL || i >= s->ndefs)
		return 0;
	if (col != NULL)
		*col = s->defs[i].col;
	return s->defs[i].line;
}

int
fig_style_find(const char *s)
{
	return fig_lookup(s, fig_style_names, FIG_STYLE__MAX);
}

int
fig_unit_find(const char *s)
{
	return fig_lookup(s, fig_unit_names, FIG_UNIT__MAX);
}

/*
 * case_load.c: the loader of the case descriptors, and the entry points.
 * Reads one case file (its children and their codes), loads an input
 * folder (report.yaml, codebook.yaml, national.yaml through their own
 * files, then every case file), and checks the cohort across files.
 * Every problem in every file is reported; nothing half-checked reaches
 * the later stages.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "diag.h"
#include "yml.h"
#include "case.h"
#include "case_int.h"

/* --- case descriptors ------------------------------------------------ */

/*
 * Reads a list of codes into set, each of which must exist at level
 * (or at any level when level is LEVEL__MAX).  Reports unknown codes,
 * codes at the wrong level and repeats.
 */
static void
get_codes(struct lctx *x, const struct ynode *n, const char *key,
    enum code_level level, codeword *set)
{
	const struct codebook *cb = &x->c->codebook;
	const char **names;
	size_t i;
	int k;

	if (case_is_null(n))
		return;
	if (n->type != YNODE_SEQ) {
		lerr(x, n, "'%s' must be a list of codes, not %s", key,
		    ynode_type_name(n->type));
		return;
	}
	if (cb->ncodes == 0)	/* the codebook failed; already reported */
		return;
	for (i = 0; i < n->nkids; i++) {
		const struct ynode *it = n->kids[i];

		if (!case_want_scalar(x, it, key, "a code"))
			continue;
		if ((k = codebook_find(cb, it->str)) < 0) {
			const char *near;
			size_t j;

			if (case_capped(x)) {
				lerr(x, it, "unknown code");
				continue;
			}
			names = xcalloc(cb->ncodes, sizeof(*names));
			for (j = 0; j < cb->ncodes; j++)
				names[j] = cb->codes[j].name;
			near = str_suggest(it->str, names, cb->ncodes);
			if (near != NULL)
				lerr(x, it, "unknown code '%s' in '%s'; did "
				    "you mean '%s'?", it->str, key, near);
			else
				lerr(x, it, "unknown code '%s' in '%s' (not "
				    "in the codebook)", it->str, key);
			free(names);
			continue;
		}
		if (level != LEVEL__MAX && cb->codes[k].level != level) {
			lerr(x, it, "'%s' is a %s-level code and cannot be "
			    "used in the %s's '%s'", it->str,
			    code_level_names[cb->codes[k].level],
			    code_level_names[level], key);
			continue;
		}
		if (codeset_has(set, (size_t)k)) {
			lerr(x, it, "code '%s' is listed twice in '%s'",
			    it->str, key);
			continue;
		}
		codeset_add(set, (size_t)k);
	}
}

static void
load_child(struct lctx *x, const struct ynode *n, struct child *ch)
{
	static const char *const keys[] = { "sex", "age_years", "outcome",
	    "death_cause", "factors" };
	static const char *const req[] = { "sex", "age_years", "outcome" };
	const struct ynode *v, *dc;
	int e;

	ch->pos.file = x->file;
	ch->pos.line = n->line;
	ch->pos.col = n->col;
	ch->factors = xcalloc(x->c->nwords, sizeof(codeword));
	ch->outcome = OUTCOME__MAX;
	if (!case_check_map(x, n, "a child", keys, NELEM(keys), req,
	    NELEM(req)))
		return;
	if ((v = ynode_get(n, "sex")) != NULL &&
	    (e = case_get_enum(x, v, "sex", case_sex_names, SEX__MAX, 0)) >= 0)
		ch->sex = (enum case_sex)e;
	if ((v = ynode_get(n, "age_years")) != NULL)
		case_get_int(x, v, "age_years", 0, 17, &ch->age_years);
	if ((v = ynode_get(n, "outcome")) != NULL &&
	    (e = case_get_enum(x, v, "outcome", case_outcome_names,
	    OUTCOME__MAX, 0)) >= 0)
		ch->outcome = (enum case_outcome)e;
	dc = ynode_get(n, "death_cause");
	if (dc != NULL && (e = case_get_enum(x, dc, "death_cause",
	    case_death_names, DEATH__MAX, 1)) >= 0)
		ch->death = (enum case_death)e;
	if (ch->outcome == OUTCOME_DIED && dc == NULL)
		lerr(x, n, "a child who died needs a 'death_cause'");
	else if (ch->outcome == OUTCOME_SERIOUS_HARM && dc != NULL)
		lerr(x, dc, "'death_cause' is given but the outcome is "
		    "'serious_harm', not 'died'");
	if ((v = ynode_get(n, "factors")) != NULL)
		get_codes(x, v, "factors", LEVEL_CHILD, ch->factors);
}

static int
valid_id(const char *s)
{
	if (*s == '\0' || strlen(s) > 64)
		return 0;
	for (; *s != '\0'; s++)
		if (!isalnum((unsigned char)*s) && *s != '-')
			return 0;
	return 1;
}

/*
 * Reads the case's `children:` (1 to CASE_MAX_CHILDREN of them) into k,
 * and reports a child's factor that the case marks not recorded.
 */
static void
load_children(struct lctx *x, const struct ynode *root, struct scr_case *k)
{
	struct cohort *c = x->c;
	const struct ynode *n;
	size_t i, w;

	if ((n = ynode_get(root, "children")) == NULL)
		return;
	if (n->type != YNODE_SEQ) {
		lerr(x, n, "'children' must be a list of children, not %s",
		    ynode_type_name(n->type));
		return;
	}
	if (n->nkids == 0) {
		lerr(x, n, "'children' lists no child: a review involves at "
		    "least one");
		return;
	}
	if (n->nkids > CASE_MAX_CHILDREN) {
		lerr(x, n, "more than %d children in one case",
		    CASE_MAX_CHILDREN);
		return;
	}
	k->children = xcalloc(n->nkids, sizeof(*k->children));
	k->nchildren = n->nkids;
	for (i = 0; i < n->nkids; i++)
		load_child(x, n->kids[i], &k->children[i]);
	/* A child-level code marked not recorded may not be given for a
	 * child of the same case either: name each, where it is given. */
	for (i = 0; i < k->nchildren; i++) {
		const struct ynode *f = ynode_get(n->kids[i], "factors");
		int code;

		for (w = 0; f != NULL && f->type == YNODE_SEQ &&
		    w < f->nkids; w++) {
			if (f->kids[w]->type != YNODE_SCALAR)
				continue;
			code = codebook_find(&c->codebook, f->kids[w]->str);
			if (code >= 0 &&
			    codeset_has(k->not_recorded, (size_t)code))
				lerr(x, f->kids[w], "code '%s' is both in this "
				    "child's 'factors' and in the case's "
				    "'not_recorded'", f->kids[w]->str);
		}
	}
}

static void
load_case(struct lctx *x, const struct ynode *root)
{
	static const char *const keys[] = { "id", "lscb", "completed",
	    "children", "household_children", "lscb_areas_known", "factors",
	    "not_recorded", "notes" };
	static const char *const req[] = { "id", "lscb", "completed",
	    "children" };
	struct cohort *c = x->c;
	struct scr_case *k;
	const struct ynode *n;
	size_t i;
	int e;

	if (!case_check_map(x, root, "a case descriptor", keys, NELEM(keys),
	    req, NELEM(req)))
		return;
	if (c->ncases >= CASE_MAX_CASES) {
		lerr(x, root, "more than %d cases", CASE_MAX_CASES);
		return;
	}
	if ((c->ncases & (c->ncases - 1)) == 0)
		c->cases = xreallocarray(c->cases, c->ncases ? c->ncases * 2 :
		    1, sizeof(*c->cases));
	k = &c->cases[c->ncases++];
	memset(k, 0, sizeof(*k));
	k->pos.file = x->file;
	k->pos.line = root->line;
	k->pos.col = root->col;
	k->lscb_areas_known = 1;
	k->factors = xcalloc(2 * (c->nwords ? c->nwords : 1), sizeof(codeword));
	k->not_recorded = k->factors + (c->nwords ? c->nwords : 1);

	if ((n = ynode_get(root, "id")) != NULL && case_want_scalar(x, n, "id",
	    "an id")) {
		if (!valid_id(n->str))
			lerr(x, n, "id '%s' may hold only letters, digits and "
			    "'-' (at most 64)", n->str);
		else
			k->id = xstrdup(n->str);
	}
	if ((n = ynode_get(root, "lscb")) != NULL &&
	    case_want_scalar(x, n, "lscb", "a board name") &&
	    c->report.nlscbs > 0) {
		if ((e = report_find_lscb(&c->report, n->str)) >= 0)
			k->lscb = (size_t)e;
		else {
			const char *near = str_suggest(n->str,
			    (const char *const *)c->report.lscbs,
			    c->report.nlscbs);

			if (near != NULL)
				lerr(x, n, "unknown LSCB '%s'; did you mean "
				    "'%s'?", n->str, near);
			else
				lerr(x, n, "unknown LSCB '%s' (not in "
				    "report.yaml 'lscbs')", n->str);
		}
	}
	if ((n = ynode_get(root, "completed")) != NULL)
		k->completed = case_get_date(x, n, "completed");
	if ((n = ynode_get(root, "household_children")) != NULL &&
	    !case_is_null(n))
		case_get_int(x, n, "household_children", 0, LOAD_MAX_HOUSEHOLD,
		    &k->household_children);
	else
		k->defaulted |= CASE_DEFAULT_HOUSEHOLD;
	if ((n = ynode_get(root, "lscb_areas_known")) != NULL &&
	    !case_is_null(n))
		case_get_int(x, n, "lscb_areas_known", 1, LOAD_MAX_AREAS,
		    &k->lscb_areas_known);
	else
		k->defaulted |= CASE_DEFAULT_AREAS;
	if ((n = ynode_get(root, "factors")) != NULL)
		get_codes(x, n, "factors", LEVEL_CASE, k->factors);
	if ((n = ynode_get(root, "not_recorded")) != NULL) {
		get_codes(x, n, "not_recorded", LEVEL__MAX, k->not_recorded);
		for (i = 0; n->type == YNODE_SEQ && i < n->nkids; i++) {
			int code = n->kids[i]->type == YNODE_SCALAR ?
			    codebook_find(&c->codebook, n->kids[i]->str) : -1;

			if (code >= 0 && codeset_has(k->factors, (size_t)code))
				lerr(x, n->kids[i], "code '%s' is both in "
				    "'factors' and in 'not_recorded'",
				    n->kids[i]->str);
		}
	}
	if ((n = ynode_get(root, "notes")) != NULL && !case_is_null(n) &&
	    n->type != YNODE_SCALAR)
		lerr(x, n, "'notes' must be text, not %s",
		    ynode_type_name(n->type));

	load_children(x, root, k);
}

/* --- entry points ----------------------------------------------------- */

int
case_load_case_buf(struct cohort *c, const char *file, const char *data,
    size_t len, struct diag *d)
{
	if (c->nwords == 0)
		c->nwords = 1;
	return case_parse_buf(c, file, data, len, d, load_case,
	    "a case descriptor");
}

static int
case_id_cmp(const void *a, const void *b)
{
	const struct scr_case *ka = a, *kb = b;

	int c;

	if (ka->id == NULL || kb->id == NULL)
		return (ka->id == NULL) - (kb->id == NULL);
	if ((c = strcmp(ka->id, kb->id)) != 0)
		return c;
	/* qsort is not stable: order repeats by file, then position, so
	 * the first file loaded is the one named "also in". */
	if ((c = strcmp(ka->pos.file, kb->pos.file)) != 0)
		return c;
	return (ka->pos.line > kb->pos.line) - (ka->pos.line < kb->pos.line);
}

int
case_validate_cohort(struct cohort *c, struct diag *d)
{
	size_t i, before = d->nerrors;

	if (c->ncases > 1)
		qsort(c->cases, c->ncases, sizeof(*c->cases), case_id_cmp);
	for (i = 1; i < c->ncases; i++) {
		const struct scr_case *a = &c->cases[i - 1], *b = &c->cases[i];

		if (a->id != NULL && b->id != NULL &&
		    strcmp(a->id, b->id) == 0)
			diag_error(d, b->pos.file, b->pos.line, b->pos.col,
			    "duplicate case id '%s' (also in %s)", b->id,
			    a->pos.file);
	}
	if (c->report.national_study != NULL && c->national.nstudies > 0 &&
	    national_find(&c->national, c->report.national_study) == NULL)
		diag_error(d, c->report.national_study_pos.file,
		    c->report.national_study_pos.line,
		    c->report.national_study_pos.col, "national_study '%s' is "
		    "not a study in national.yaml", c->report.national_study);
	return d->nerrors == before;
}

/* Loads one file from disk through one of the *_buf loaders. */
static int
load_file(struct cohort *c, const char *path, struct diag *d,
    int (*fn)(struct cohort *, const char *, const char *, size_t,
    struct diag *))
{
	char *data;
	size_t len;
	int rc;

	if (!yml_read_file(path, d, &data, &len))
		return 0;
	rc = fn(c, path, data, len, d);
	free(data);
	return rc;
}

static int
strp_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Lists dir's *.yaml files, sorted; returns a vector to free, or NULL
 * after reporting an error. */
static char **
list_cases(const char *dir, size_t *np, struct diag *d)
{
	DIR *dp;
	struct dirent *de;
	char **v = NULL;
	size_t n = 0, len;

	*np = 0;
	if ((dp = opendir(dir)) == NULL) {
		diag_error(d, dir, 0, 0, "cannot open the cases folder: %s",
		    strerror(errno));
		return NULL;
	}
	while ((de = readdir(dp)) != NULL) {
		len = strlen(de->d_name);
		if (de->d_name[0] == '.' || len < 6 ||
		    strcmp(de->d_name + len - 5, ".yaml") != 0)
			continue;
		if (n >= CASE_MAX_CASES) {
			diag_error(d, dir, 0, 0, "more than %d case files",
			    CASE_MAX_CASES);
			break;
		}
		if ((n & (n - 1)) == 0)
			v = xreallocarray(v, n ? n * 2 : 1, sizeof(*v));
		v[n++] = xasprintf("%s/%s", dir, de->d_name);
	}
	closedir(dp);
	if (n > 1)
		qsort(v, n, sizeof(*v), strp_cmp);
	*np = n;
	return v;
}

struct cohort *
case_load_dir(const char *input_dir, const char *cases_dir, struct diag *d)
{
	struct cohort *c = cohort_new();
	char *path, *cdir, **files;
	size_t i, nfiles;

	path = xasprintf("%s/report.yaml", input_dir);
	load_file(c, path, d, case_load_report_buf);
	free(path);
	path = xasprintf("%s/codebook.yaml", input_dir);
	load_file(c, path, d, case_load_codebook_buf);
	free(path);
	path = xasprintf("%s/national.yaml", input_dir);
	load_file(c, path, d, case_load_national_buf);
	free(path);

	cdir = cases_dir ? xstrdup(cases_dir) :
	    xasprintf("%s/cases", input_dir);
	files = list_cases(cdir, &nfiles, d);
	for (i = 0; i < nfiles; i++) {
		load_file(c, files[i], d, case_load_case_buf);
		free(files[i]);
	}
	free(files);
	free(cdir);
	case_validate_cohort(c, d);
	return c;
}

int
case_load_case_file(struct cohort *c, const char *path, struct diag *d)
{
	return load_file(c, path, d, case_load_case_buf);
}

/*
 * case_cohort.c: struct cohort and its queries.  Making and freeing a
 * cohort, the names of the case schema's enumerations, looking up codes,
 * boards, periods and national studies, and the calendar dates of the
 * case files.  Loading is in case_load.c and the files it names.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "diag.h"
#include "yml.h"
#include "case.h"
#include "case_int.h"

const char *const case_sex_names[SEX__MAX] = { "male", "female" };
const char *const case_outcome_names[OUTCOME__MAX] = {
	"died", "serious_harm"
};
const char *const case_death_names[DEATH__MAX] = {
	"none", "sudi", "physical_assault", "neglect", "related", "suicide"
};
const char *const code_level_names[LEVEL__MAX] = { "case", "child" };

/* --- the cohort ------------------------------------------------------- */

struct cohort *
cohort_new(void)
{
	struct cohort *c = xcalloc(1, sizeof(*c));

	c->report.threshold = 5;
	c->report.collapse = LOAD_COLLAPSE;
	c->report.min_base = LOAD_MIN_BASE;
	return c;
}

static void
free_strv(char **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

void
cohort_free(struct cohort *c)
{
	size_t i, j;

	if (c == NULL)
		return;
	free(c->report.title);
	free(c->report.region);
	free(c->report.organisation);
	free(c->report.national_study);
	free_strv(c->report.authors, c->report.nauthors);
	free_strv(c->report.lscbs, c->report.nlscbs);
	if (c->report.lscb_codes != NULL)
		free_strv(c->report.lscb_codes, c->report.nlscbs);
	free(c->report.region_code);
	free(c->report.contact);
	free(c->report.licence);
	free(c->report.bands);
	for (i = 0; i < c->report.nperiods; i++)
		free(c->report.periods[i].label);
	free(c->report.periods);
	for (i = 0; i < c->codebook.ncodes; i++) {
		free(c->codebook.codes[i].name);
		free(c->codebook.codes[i].label);
		free(c->codebook.codes[i].description);
	}
	free(c->codebook.codes);
	free(c->codebook.by_name);
	for (i = 0; i < c->national.nstudies; i++) {
		struct nat_study *s = &c->national.studies[i];

		free(s->id);
		free(s->title);
		free(s->citation);
		free(s->period);
		for (j = 0; j < s->nfigures; j++) {
			free(s->figures[j].name);
			free(s->figures[j].text);
		}
		free(s->figures);
	}
	free(c->national.studies);
	for (i = 0; i < c->ncases; i++) {
		struct scr_case *k = &c->cases[i];

		for (j = 0; j < k->nchildren; j++)
			free(k->children[j].factors);
		free(k->children);
		free(k->factors);	/* not_recorded shares its block */
		free(k->id);
	}
	free(c->cases);
	free_strv(c->files, c->nfiles);
	free(c);
}

const char *
cohort_intern_file(struct cohort *c, const char *file)
{
	if (c->nfiles > 0 && strcmp(c->files[c->nfiles - 1], file) == 0)
		return c->files[c->nfiles - 1];
	if ((c->nfiles & (c->nfiles - 1)) == 0)
		c->files = xreallocarray(c->files, c->nfiles ? c->nfiles * 2 :
		    1, sizeof(*c->files));
	c->files[c->nfiles] = xstrdup(file);
	return c->files[c->nfiles++];
}

int
codebook_find(const struct codebook *cb, const char *name)
{
	size_t lo = 0, hi = cb->ncodes, mid;
	int c;

	if (cb->by_name == NULL) {	/* not indexed yet: while loading */
		for (mid = 0; mid < cb->ncodes; mid++)
			if (strcmp(cb->codes[mid].name, name) == 0)
				return (int)mid;
		return -1;
	}
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		c = strcmp(name, cb->codes[cb->by_name[mid]].name);
		if (c == 0)
			return (int)cb->by_name[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return -1;
}

int
report_find_lscb(const struct report *r, const char *name)
{
	size_t i;

	for (i = 0; i < r->nlscbs; i++)
		if (strcmp(r->lscbs[i], name) == 0)
			return (int)i;
	return -1;
}

size_t
report_nperiods(const struct report *r)
{
	return r->nperiods > 0 ? r->nperiods : 1;
}

const char *
report_period(const struct report *r, size_t i, int *from, int *to)
{
	if (i + 1 >= report_nperiods(r)) {
		*from = r->period_from;
		*to = r->period_to;
		return r->nperiods > 0 ? r->periods[r->nperiods - 1].label :
		    NULL;
	}
	*from = r->periods[i].from;
	*to = r->periods[i].to;
	return r->periods[i].label;
}

int
report_period_of(const struct report *r, int date)
{
	size_t i, n = report_nperiods(r);
	int from, to;

	for (i = 0; i < n; i++) {
		report_period(r, i, &from, &to);
		if ((from <= 0 || date >= from) && (to <= 0 || date <= to))
			return (int)i;
	}
	return -1;
}

int
report_find_period(const struct report *r, const char *label)
{
	size_t i;

	for (i = 0; i < r->nperiods; i++)
		if (strcmp(r->periods[i].label, label) == 0)
			return (int)i;
	return -1;
}

const struct nat_study *
national_find(const struct national *n, const char *id)
{
	size_t i;

	for (i = 0; i < n->nstudies; i++)
		if (strcmp(n->studies[i].id, id) == 0)
			return &n->studies[i];
	return NULL;
}

const struct nat_figure *
nat_study_figure(const struct nat_study *s, const char *name)
{
	size_t i;

	for (i = 0; s != NULL && i < s->nfigures; i++)
		if (strcmp(s->figures[i].name, name) == 0)
			return &s->figures[i];
	return NULL;
}

/* --- typed values ----------------------------------------------------- */

int
case_month_days(int y, int m)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };

	if (m < 1 || m > 12)
		return 0;
	if (m == 2 && y % 4 == 0 && (y % 100 != 0 || y % 400 == 0))
		return 29;
	return mdays[m - 1];
}

int
case_parse_date(const char *s)
{
	int y, m, d, i;

	for (i = 0; i < 10; i++) {
		if (i == 4 || i == 7) {
			if (s[i] != '-')
				return 0;
		} else if (!isdigit((unsigned char)s[i]))
			return 0;
	}
	if (s[10] != '\0')
		return 0;
	y = atoi(s);
	m = atoi(s + 5);
	d = atoi(s + 8);
	if (y < 1900 || y > 2199 || d < 1 || d > case_month_days(y, m))
		return 0;
	return y * 10000 + m * 100 + d;
}

/* Is n a null value (absent value, "~" or "null")? */

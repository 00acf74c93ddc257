/*
 * case_report.c: the loader of report.yaml.  The paper's title, region,
 * authors and boards; the current period and the earlier ones; the
 * disclosure settings (threshold, collapse, bands, pool); the comparison's
 * minimum base; the ONS codes of the open data set.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "diag.h"
#include "yml.h"
#include "case.h"
#include "case_int.h"

/* --- report.yaml: the codes of the open data set ---------------------- */

int
report_ons_code_ok(const char *s, int region)
{
	static const char *const la[] = { "E06", "E08", "E09", "E10" };
	size_t i;

	if (s == NULL || strlen(s) != 9)
		return 0;
	for (i = 3; i < 9; i++)
		if (!isdigit((unsigned char)s[i]))
			return 0;
	if (region)
		return strncmp(s, "E12", 3) == 0;
	for (i = 0; i < NELEM(la); i++)
		if (strncmp(s, la[i], 3) == 0)
			return 1;
	return 0;
}

/* A board's name and its index in report.lscbs, sorted by name so that
 * the keys of lscb_codes are found in O(log n). */
struct board_ix {
	const char	*name;
	size_t		 i;
};

static int
board_ix_cmp(const void *a, const void *b)
{
	return strcmp(((const struct board_ix *)a)->name,
	    ((const struct board_ix *)b)->name);
}

/* Reports every code in vals[0..n) (values of the mapping m) that an
 * earlier board has too, naming both boards; sorts vals.  O(n log n). */
static void
check_unique_codes(struct lctx *x, const struct ynode *m,
    const struct ynode **vals, size_t n)
{
	const struct ynode *k, *prev;
	size_t i, j;

	if (n < 2)
		return;
	qsort(vals, n, sizeof(*vals), case_node_cmp);
	for (i = 1; i < n; i++) {
		if (strcmp(vals[i]->str, vals[i - 1]->str) != 0)
			continue;
		if (case_capped(x)) {
			lerr(x, vals[i], "ONS code given twice");
			continue;
		}
		/* The keys of the two values, for the message. */
		k = prev = NULL;
		for (j = 1; j < m->nkids; j += 2) {
			if (m->kids[j] == vals[i])
				k = m->kids[j - 1];
			if (m->kids[j] == vals[i - 1])
				prev = m->kids[j - 1];
		}
		if (k != NULL && prev != NULL)
			lerr(x, vals[i], "'%s' has the ONS code of '%s' (%s); "
			    "each board's code is its own", k->str, prev->str,
			    vals[i]->str);
	}
}

/*
 * Reads report.yaml's contact, licence (not empty), region_code and
 * lscb_codes (all optional; `scrpaper data` needs the codes): each code of the ONS form, each key
 * of lscb_codes a board, no code given twice, and, when lscb_codes is
 * there, a code for every board.
 */
static void
load_report_codes(struct lctx *x, const struct ynode *root)
{
	struct report *r = &x->c->report;
	const struct ynode *n, *k, *v, **vals;
	struct board_ix *ix, key, *found;
	const char *near;
	char *code;
	int *given, b;
	size_t i, nvals = 0;

	if ((n = ynode_get(root, "contact")) != NULL)
		r->contact = case_get_string(x, n, "contact");
	if ((n = ynode_get(root, "licence")) != NULL &&
	    (r->licence = case_get_string(x, n, "licence")) != NULL &&
	    r->licence[strspn(r->licence, " ")] == '\0') {
		lerr(x, n, "'licence' is empty: name the licence the open data "
		    "is published under, or leave the key out for the Open "
		    "Government Licence v3.0");
		free(r->licence);
		r->licence = NULL;
	}
	if ((n = ynode_get(root, "region_code")) != NULL &&
	    (r->region_code = case_get_string(x, n, "region_code")) != NULL &&
	    !report_ons_code_ok(r->region_code, 1))
		lerr(x, n, "'region_code' must be an ONS region code, E12 and "
		    "six digits (E12000007 is London), not '%s'",
		    r->region_code);
	if ((n = ynode_get(root, "lscb_codes")) == NULL)
		return;
	if (n->type != YNODE_MAP) {
		lerr(x, n, "'lscb_codes' must be a mapping of board names to "
		    "ONS codes, not %s", ynode_type_name(n->type));
		return;
	}
	if (r->nlscbs == 0)	/* no board loaded: already reported */
		return;
	r->lscb_codes = xcalloc(r->nlscbs, sizeof(*r->lscb_codes));
	given = xcalloc(r->nlscbs, sizeof(*given));
	vals = xcalloc(n->nkids / 2 + 1, sizeof(*vals));
	ix = xcalloc(r->nlscbs, sizeof(*ix));
	for (i = 0; i < r->nlscbs; i++) {
		ix[i].name = r->lscbs[i];
		ix[i].i = i;
	}
	qsort(ix, r->nlscbs, sizeof(*ix), board_ix_cmp);
	for (i = 0; i + 1 < n->nkids; i += 2) {
		k = n->kids[i];
		v = n->kids[i + 1];
		key.name = k->str;
		found = bsearch(&key, ix, r->nlscbs, sizeof(*ix),
		    board_ix_cmp);
		b = found != NULL ? (int)found->i : -1;
		if (b < 0) {
			near = case_capped(x) ? NULL : str_suggest(k->str,
			    (const char *const *)r->lscbs, r->nlscbs);
			if (near != NULL)
				lerr(x, k, "'lscb_codes' names '%s', which is "
				    "not a board in 'lscbs'; did you mean "
				    "'%s'?", k->str, near);
			else
				lerr(x, k, "'lscb_codes' names '%s', which is "
				    "not a board in 'lscbs'", k->str);
			continue;
		}
		given[b] = 1;
		if ((code = case_get_string(x, v, k->str)) == NULL)
			continue;
		if (!report_ons_code_ok(code, 0)) {
			lerr(x, v, "the code of '%s' must be an ONS "
			    "local-authority code, E06, E08, E09 or E10 and six "
			    "digits (E09000003 is Barnet), not '%s'", k->str,
			    code);
			free(code);
			continue;
		}
		r->lscb_codes[b] = code;
		vals[nvals++] = v;
	}
	check_unique_codes(x, n, vals, nvals);
	for (i = 0; i < r->nlscbs; i++)
		if (!given[i])
			lerr(x, n, "'lscb_codes' gives no code for board '%s'",
			    r->lscbs[i]);
	free(vals);
	free(given);
	free(ix);
}

/* --- report.yaml ------------------------------------------------------ */

/*
 * disclosure: collapse and bands, what the public board papers show where
 * a board's figures are [c] (docs/disclosure.md, "Board papers"):
 * collapse, a per cent 50..100 or false; bands, rising band limits in per cent,
 * each 1..99, at most LOAD_MAX_BANDS of them; pool, true or false (a
 * collapsing table shows the board's figures over every period).
 */
static void
load_board_edition(struct lctx *x, const struct ynode *n, struct report *r)
{
	const struct ynode *m;
	size_t i;
	int v;

	if ((m = ynode_get(n, "collapse")) != NULL) {
		if (m->type == YNODE_SCALAR && m->plain &&
		    strcmp(m->str, "false") == 0)
			r->collapse = 0;
		else
			case_get_int(x, m, "collapse", 50, 100, &r->collapse);
	}
	if ((m = ynode_get(n, "pool")) != NULL)
		case_get_bool(x, m, "pool", &r->pool);
	if ((m = ynode_get(n, "bands")) == NULL)
		return;
	if (m->type != YNODE_SEQ || m->nkids == 0 ||
	    m->nkids > LOAD_MAX_BANDS) {
		lerr(x, m, "'bands' must list 1 to %d band limits in per cent, "
		    "rising, e.g. [25, 50, 75]", LOAD_MAX_BANDS);
		return;
	}
	r->bands = xcalloc(m->nkids, sizeof(*r->bands));
	for (i = 0; i < m->nkids; i++) {
		if (!case_get_int(x, m->kids[i], "bands", 1, 99, &v))
			continue;
		if (r->nbands > 0 && v <= r->bands[r->nbands - 1]) {
			lerr(x, m->kids[i], "'bands' must rise: %d after %d",
			    v, r->bands[r->nbands - 1]);
			continue;
		}
		r->bands[r->nbands++] = v;
	}
}

/* Returns 1 if s is a period label: 1..CASE_MAX_PERIOD_LABEL letters,
 * digits and '-', the first a letter or digit (a label "-" or
 * "--period" would read as an option after --period: issue 31.14), not
 * CASE_POOLED_LABEL. */
static int
valid_period_label(const char *s)
{
	size_t n = strlen(s);

	if (strcmp(s, CASE_POOLED_LABEL) == 0)
		return 0;
	if (n == 0 || n > CASE_MAX_PERIOD_LABEL || *s == '-')
		return 0;
	for (; *s != '\0'; s++)
		if (!isalnum((unsigned char)*s) && *s != '-')
			return 0;
	return 1;
}

/* The label of a period from..to that report.yaml does not name: its
 * first year, and the last two digits of its last ("2006-09" for
 * 2006-04-01 to 2009-09-30), or the one year when both are the same.
 * Returns a new string. */
char *
report_period_label(int from, int to)
{
	if (from / 10000 == to / 10000)
		return xasprintf("%04d", from / 10000);
	return xasprintf("%04d-%02d", from / 10000, to / 10000 % 100);
}

static int
period_from_cmp(const void *a, const void *b)
{
	const struct period *x = a, *y = b;

	if (x->from != y->from)
		return x->from < y->from ? -1 : 1;
	return (x->pos.line > y->pos.line) - (x->pos.line < y->pos.line);
}

/* Writes YYYYMMDD d as YYYY-MM-DD into buf (40 bytes). */
static void
period_iso(char *buf, int d)
{
	snprintf(buf, 40, "%04d-%02d-%02d", d / 10000 % 10000,
	    d / 100 % 100, d % 100);
}

/*
 * Reads the periods of `earlier:` (a list n) into v; returns how many
 * were valid.  Every earlier period is a mapping of label, from and to,
 * at most CASE_MAX_EARLIER of them, each label well formed.  A period
 * with an error is left out (the file is invalid anyway).
 */
static size_t
load_earlier(struct lctx *x, const struct ynode *n, struct period *v)
{
	static const char *const ekeys[] = { "label", "from", "to" };
	const struct ynode *e, *m;
	struct period *p;
	size_t i, nv = 0;
	int ok;

	for (i = 0; n != NULL && n->type == YNODE_SEQ && i < n->nkids; i++) {
		e = n->kids[i];
		if (i == CASE_MAX_EARLIER)
			lerr(x, e, "more than %d earlier periods: move the "
			    "oldest out (docs/annual.md)", CASE_MAX_EARLIER);
		if (!case_check_map(x, e, "an earlier period", ekeys, 3, ekeys,
		    3))
			continue;
		p = &v[nv];
		memset(p, 0, sizeof(*p));
		ok = 1;
		if ((m = ynode_get(e, "label")) != NULL) {
			p->label = case_get_string(x, m, "label");
			if (p->label != NULL && !valid_period_label(p->label)) {
				lerr(x, m, "period label '%s' must be 1 to %d "
				    "letters, digits and '-', start with a letter "
				    "or digit, and not be '%s'",
				    p->label, CASE_MAX_PERIOD_LABEL,
				    CASE_POOLED_LABEL);
				ok = 0;
			}
		}
		if ((m = ynode_get(e, "from")) != NULL)
			p->from = case_get_date(x, m, "from");
		if ((m = ynode_get(e, "to")) != NULL)
			p->to = case_get_date(x, m, "to");
		if (p->from && p->to && p->from > p->to) {
			lerr(x, e, "the earlier period '%s' ends before it "
			    "starts", p->label ? p->label : "");
			ok = 0;
		}
		if (!ok || p->label == NULL || !p->from || !p->to) {
			free(p->label);
			continue;
		}
		p->pos.file = x->file;
		p->pos.line = e->line;
		p->pos.col = e->col;
		nv++;
	}
	return nv;
}

/*
 * Reports the earlier periods v[0..nv) (sorted by start) that overlap
 * one another or do not end before the current period p = v[nv]
 * starts, and labels used twice; label is the current period's
 * `label:` node, NULL if its label was derived.
 */
static void
check_period_order(struct lctx *x, const struct period *v, size_t nv,
    const struct ynode *label)
{
	const struct period *p = &v[nv];
	char a[40], b[40], c2[40], d2[40];
	size_t i, j;

	for (i = 0; i < nv; i++) {
		period_iso(a, v[i].from);
		period_iso(b, v[i].to);
		if (v[i].to >= p->from) {
			period_iso(c2, p->from);
			period_iso(d2, p->to);
			x->errors++;
			diag_error(x->d, x->file, v[i].pos.line,
			    v[i].pos.col, "the earlier period '%s' (%s to %s) "
			    "does not end before the current period '%s' "
			    "(%s to %s) starts", v[i].label, a, b, p->label,
			    c2, d2);
		} else if (i > 0 && v[i - 1].to >= v[i].from) {
			period_iso(c2, v[i - 1].from);
			period_iso(d2, v[i - 1].to);
			x->errors++;
			diag_error(x->d, x->file, v[i].pos.line,
			    v[i].pos.col, "the earlier period '%s' (%s to %s) "
			    "overlaps '%s' (%s to %s)", v[i].label, a, b,
			    v[i - 1].label, c2, d2);
		}
		for (j = 0; j <= nv; j++)
			if (j != i && strcmp(v[j].label, v[i].label) == 0 &&
			    (j == nv || v[j].pos.line < v[i].pos.line)) {
				x->errors++;
				diag_error(x->d, x->file, v[i].pos.line,
				    v[i].pos.col, "period label '%s' is used "
				    "twice (also at line %d)%s", v[i].label,
				    v[j].pos.line, j == nv && label == NULL ?
				    "; the current period's label is derived "
				    "from its years: give it a 'label:'" : "");
				break;
			}
	}
}

/*
 * Reads `earlier:` and the current period's label into r->periods, in
 * chronological order with the current one last: every earlier period
 * a mapping of label, from and to; at most CASE_MAX_EARLIER; labels
 * well formed and unique; no period overlapping another, each earlier
 * one ending before the current one starts.  A period with an error is
 * left out (the file is invalid anyway).
 */
static void
load_periods(struct lctx *x, const struct ynode *root)
{
	struct report *r = &x->c->report;
	const struct ynode *n, *m, *cur;
	struct period *p, *v;
	size_t i, nv = 0;

	n = ynode_get(root, "earlier");
	v = xcalloc((n != NULL && n->type == YNODE_SEQ ? n->nkids : 0) + 1,
	    sizeof(*v));
	if (n != NULL && n->type != YNODE_SEQ)
		lerr(x, n, "'earlier' must be a list of periods ({label, "
		    "from, to}), not %s", ynode_type_name(n->type));
	if (n != NULL && n->type == YNODE_SEQ)
		nv = load_earlier(x, n, v);
	/* The current period, last. */
	cur = ynode_get(root, "period");
	p = &v[nv];
	memset(p, 0, sizeof(*p));
	p->from = r->period_from;
	p->to = r->period_to;
	if (cur != NULL) {
		p->pos.file = x->file;
		p->pos.line = cur->line;
		p->pos.col = cur->col;
	}
	m = cur != NULL && cur->type == YNODE_MAP ?
	    ynode_get(cur, "label") : NULL;
	if (m != NULL && (p->label = case_get_string(x, m, "label")) != NULL &&
	    !valid_period_label(p->label))
		lerr(x, m, "period label '%s' must be 1 to %d letters, digits "
		    "and '-', start with a letter or digit, and not be '%s'",
		    p->label, CASE_MAX_PERIOD_LABEL,
		    CASE_POOLED_LABEL);
	if (p->label == NULL && p->from && p->to)
		p->label = report_period_label(p->from, p->to);
	if (p->label == NULL) {
		/* No valid current period: its error is reported. */
		for (i = 0; i < nv; i++)
			free(v[i].label);
		free(v);
		return;
	}
	if (nv > 1)
		qsort(v, nv, sizeof(*v), period_from_cmp);
	check_period_order(x, v, nv, m);
	r->periods = v;
	r->nperiods = nv + 1;
}


static void
load_report(struct lctx *x, const struct ynode *root)
{
	static const char *const keys[] = { "title", "region", "period",
	    "organisation", "authors", "national_study", "created",
	    "disclosure", "lscbs", "region_code", "lscb_codes", "contact",
	    "licence", "earlier", "comparison" };
	static const char *const req[] = { "title", "region", "period",
	    "organisation", "authors", "national_study", "lscbs" };
	static const char *const pkeys[] = { "from", "to", "label" };
	static const char *const dkeys[] = { "threshold", "regional",
	    "collapse", "bands", "pool" };
	static const char *const ckeys[] = { "min_base" };
	struct report *r = &x->c->report;
	const struct ynode *n, *m, **names;
	size_t i, k;

	if (!case_check_map(x, root, "the report", keys, NELEM(keys),
	    req, NELEM(req)))
		return;
	if ((n = ynode_get(root, "title")) != NULL)
		r->title = case_get_string(x, n, "title");
	if ((n = ynode_get(root, "region")) != NULL)
		r->region = case_get_string(x, n, "region");
	if ((n = ynode_get(root, "organisation")) != NULL)
		r->organisation = case_get_string(x, n, "organisation");
	if ((n = ynode_get(root, "national_study")) != NULL) {
		r->national_study = case_get_string(x, n, "national_study");
		r->national_study_pos.file = x->file;
		r->national_study_pos.line = n->line;
		r->national_study_pos.col = n->col;
	}
	if ((n = ynode_get(root, "period")) != NULL &&
	    case_check_map(x, n, "'period'", pkeys, 3, pkeys, 2)) {
		if ((m = ynode_get(n, "from")) != NULL)
			r->period_from = case_get_date(x, m, "from");
		if ((m = ynode_get(n, "to")) != NULL)
			r->period_to = case_get_date(x, m, "to");
		if (r->period_from && r->period_to &&
		    r->period_from > r->period_to)
			lerr(x, n, "the period ends before it starts");
	}
	load_periods(x, root);
	r->created = r->period_to;
	if ((n = ynode_get(root, "created")) != NULL)
		r->created = case_get_date(x, n, "created");
	if ((n = ynode_get(root, "disclosure")) != NULL &&
	    case_check_map(x, n, "'disclosure'", dkeys, NELEM(dkeys), NULL,
	    0)) {
		load_board_edition(x, n, r);
		if ((m = ynode_get(n, "threshold")) != NULL)
			case_get_int(x, m, "threshold", 1, LOAD_MAX_THRESHOLD,
			    &r->threshold);
		if ((m = ynode_get(n, "regional")) != NULL)
			case_get_bool(x, m, "regional", &r->suppress_regional);
	}
	/* comparison: {min_base: N}: the smallest base two periods are
	 * compared over (docs/annual.md) */
	if ((n = ynode_get(root, "comparison")) != NULL &&
	    case_check_map(x, n, "'comparison'", ckeys, NELEM(ckeys), NULL,
	    0) &&
	    (m = ynode_get(n, "min_base")) != NULL)
		case_get_int(x, m, "min_base", 1, 1000, &r->min_base);
	if ((n = ynode_get(root, "authors")) != NULL) {
		r->authors = case_get_strv(x, n, "authors", &r->nauthors);
		if (n->type == YNODE_SEQ && n->nkids == 0)
			lerr(x, n, "'authors' lists nobody");
	}
	if ((n = ynode_get(root, "lscbs")) != NULL) {
		r->lscbs = case_get_strv(x, n, "lscbs", &r->nlscbs);
		if (n->type == YNODE_SEQ && n->nkids == 0)
			lerr(x, n, "'lscbs' lists no board");
		if (n->type == YNODE_SEQ && n->nkids > CASE_MAX_LSCBS)
			lerr(x, n, "more than %d boards", CASE_MAX_LSCBS);
		else if (n->type == YNODE_SEQ) {
			names = xcalloc(n->nkids, sizeof(*names));
			for (i = k = 0; i < n->nkids; i++)
				if (n->kids[i]->type == YNODE_SCALAR)
					names[k++] = n->kids[i];
			case_check_unique(x, names, k, "board");
			free(names);
			case_check_slugs(x, n);
		}
	}
	load_report_codes(x, root);
}


int
case_load_report_buf(struct cohort *c, const char *file, const char *data,
    size_t len, struct diag *d)
{
	return case_parse_buf(c, file, data, len, d, load_report,
	    "the report");
}

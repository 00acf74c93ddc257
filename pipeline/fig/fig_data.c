/*
 * fig_data.c: the open data set, for `scrpaper data` (docs/data.md).
 * One tidy CSV with one row per area and figure -- the national
 * comparison figures, the region, then every board in report.yaml order
 * -- whose columns follow the Department for Education's open data
 * standards (time, geography, filters, indicators), a metadata CSV that
 * describes every column, and a README (written into their folder by
 * fig_data_write.c).  The board rows come from
 * fig_aggregate_boards(), the computation every board paper and board
 * ledger prints, so a board cell is c exactly where its paper prints
 * [c].  Only the public API of fig.h is used.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "diag.h"
#include "case.h"
#include "fig.h"
#include "fig_data.h"

/* The symbols of the GSS guidance that the standards adopt. */
#define SYM_SUPPRESSED	"c"	/* confidential: suppressed */
#define SYM_NA		"z"	/* not applicable */
#define SYM_UNAVAILABLE	"x"	/* not available */

/* Every national study in national.yaml covers England. */
#define COUNTRY_CODE	"E92000001"
#define COUNTRY_NAME	"England"

/* One column of the data CSV, as the metadata CSV describes it. */
struct fig_data_col {
	const char	*name;	/* col_name */
	const char	*type;	/* col_type: Time and Geography rows are ours;
				 * EES reads Filter and Indicator only */
	const char	*label;
	const char	*unit;	/* indicator_unit ("" for a number) */
	const char	*dp;	/* indicator_dp */
	const char	*hint;	/* filter_hint */
};

/* The first column of the period and study cells (after the ten time
 * and geography ones): period, period_start, period_end. */
#define NPERIODCOLS	3

static const struct fig_data_col fig_data_cols[] = {
	{ "time_period", "Time", "Year the reporting period ends",
	    "", "", "" },
	{ "time_identifier", "Time", "Kind of time period", "", "", "" },
	{ "geographic_level", "Geography", "Geographic level", "", "", "" },
	{ "country_code", "Geography", "Country code (ONS)", "", "", "" },
	{ "country_name", "Geography", "Country", "", "", "" },
	{ "region_code", "Geography", "Region code (ONS)", "", "", "" },
	{ "region_name", "Geography", "Region", "", "", "" },
	{ "new_la_code", "Geography",
	    "Local authority code (ONS) of the board's area", "", "", "" },
	{ "old_la_code", "Geography", "Local authority number (DfE)",
	    "", "", "" },
	{ "la_name", "Geography", "Local Safeguarding Children Board",
	    "", "", "" },
	{ "period", "Filter", "Reporting period, as the paper labels it",
	    "", "", "One period, or pooled: the total over every period" },
	{ "period_start", "Filter", "First day of the reporting period",
	    "", "", "Reviews completed from this day" },
	{ "period_end", "Filter", "Last day of the reporting period",
	    "", "", "Reviews completed up to this day" },
	{ "study_id", "Filter", "National study (short id)", "", "",
	    "Filter by national study" },
	{ "study", "Filter", "National study", "", "",
	    "Filter by national study" },
	{ "study_period", "Filter", "Period of the national study", "", "",
	    "As the study states it" },
	{ "comparison_study", "Filter",
	    "The study the paper compares with", "", "",
	    "Yes for the study the board tables set beside the region" },
	{ "figure_id", "Filter", "Figure (stable name)", "", "",
	    "Filter by figure" },
	{ "figure", "Filter", "Figure", "", "", "Filter by figure" },
	{ "base", "Filter", "What the denominator counts", "", "",
	    "Reviews, children, or children who died" },
	{ "numerator", "Indicator", "Number counted", "", "0", "" },
	{ "denominator", "Indicator", "Number in the base", "", "0", "" },
	{ "percentage", "Indicator",
	    "Numerator as a percentage of the denominator", "%", "0", "" },
	{ "not_recorded", "Indicator",
	    "Number in the base with a code the figure reads not recorded",
	    "", "0", "" },
};

#define NCOLS	(sizeof(fig_data_cols) / sizeof(fig_data_cols[0]))

/* The header of the metadata CSV, in the standards' order. */
static const char fig_data_meta_header[] = "col_name,col_type,label,"
    "indicator_grouping,indicator_unit,indicator_dp,filter_hint,"
    "filter_grouping_column,licence\n";

/* Appends s as one CSV field, quoted when it holds , " or a line break;
 * a cell a spreadsheet would evaluate (fig_csv_formula()) is led by '
 * and quoted, as OWASP's guidance on CSV injection says. */
static void
csv_field(struct buf *b, const char *s)
{
	const char *p;
	int formula = fig_csv_formula(s);

	if (!formula && strpbrk(s, ",\"\r\n") == NULL) {
		buf_puts(b, s);
		return;
	}
	buf_putc(b, '"');
	if (formula)
		buf_putc(b, '\'');
	for (p = s; *p != '\0'; p++) {
		if (*p == '"')
			buf_putc(b, '"');
		buf_putc(b, *p);
	}
	buf_putc(b, '"');
}

/* Appends the fields fs[0..n), each led by a comma but the first of a
 * row when first is set. */
static void
csv_fields(struct buf *b, const char *const *fs, size_t n, int first)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (i > 0 || !first)
			buf_putc(b, ',');
		csv_field(b, fs[i]);
	}
}

/* A date kept as YYYYMMDD, as YYYY-MM-DD (x when not given). */
static char *
iso_date(int ymd)
{
	if (ymd <= 0)
		return xstrdup(SYM_UNAVAILABLE);
	return xasprintf("%04d-%02d-%02d", ymd / 10000, ymd / 100 % 100,
	    ymd % 100);
}

int
fig_data_check(const struct fig_set *s, const struct cohort *c,
    const char *report_file, const char *figures_file, struct diag *d)
{
	const struct report *r = &c->report;
	const char *li, *lj;
	size_t i, j, n = fig_set_size(s), nerrors = d->nerrors;
	int line, col;

	if (r->region_code == NULL)
		diag_error(d, report_file, 0, 0, "no 'region_code': the open "
		    "data set needs the region's ONS code (E12000007 is "
		    "London)");
	if (r->lscb_codes == NULL && r->nlscbs > 0)
		diag_error(d, report_file, 0, 0, "no 'lscb_codes': the open "
		    "data set needs every board's ONS local-authority code");
	for (i = 0; r->lscb_codes != NULL && i < r->nlscbs; i++)
		if (r->lscb_codes[i] == NULL)
			diag_error(d, report_file, 0, 0, "board '%s' has no "
			    "valid code in 'lscb_codes'", r->lscbs[i]);
	for (i = 0; i < n; i++) {
		line = fig_set_pos(s, i, &col);
		if ((li = fig_set_label(s, i)) == NULL) {
			diag_error(d, figures_file, line, col, "figure '%s' "
			    "has no label: the open data set prints one for "
			    "every figure", fig_set_name(s, i));
			continue;
		}
		for (j = 0; j < i; j++)
			if ((lj = fig_set_label(s, j)) != NULL &&
			    strcmp(li, lj) == 0)
				break;
		if (j < i)
			diag_error(d, figures_file, line, col, "figure '%s' "
			    "has the label of figure '%s' (line %d): the open "
			    "data set tells figures apart by label",
			    fig_set_name(s, i), fig_set_name(s, j),
			    fig_set_pos(s, j, NULL));
	}
	return d->nerrors == nerrors;
}

/* The label of figure i; its name when it has none (fig_data_check()
 * refuses that, so only a caller that skipped it sees one). */
static const char *
label_of(const struct fig_set *s, size_t i)
{
	const char *l = fig_set_label(s, i);

	return l != NULL ? l : fig_set_name(s, i);
}

/* A code, or x when report.yaml does not give it. */
static const char *
code_or_x(const char *code)
{
	return code != NULL ? code : SYM_UNAVAILABLE;
}

/* What the denominator of v counts, or z for a count (no base). */
static const char *
base_name(enum fig_unit u)
{
	switch (u) {
	case FIG_CASES:
		return "Reviews";
	case FIG_CHILDREN:
		return "Children";
	case FIG_DEATHS:
		return "Children who died";
	default:
		return SYM_NA;
	}
}

/*
 * Appends the indicator cells of v as the ledger prints them (numbers
 * only): c where the ledger leaves a suppressed cell empty, z where a
 * count has no denominator or an empty base no percentage.
 */
static void
value_cells(struct buf *b, const struct fig_value *v)
{
	if (v->suppressed)
		buf_puts(b, "," SYM_SUPPRESSED);
	else
		buf_printf(b, ",%ld", v->num);
	if (v->unit == FIG_COUNT)
		buf_puts(b, "," SYM_NA);
	else if (v->den_hidden)
		buf_puts(b, "," SYM_SUPPRESSED);
	else
		buf_printf(b, ",%ld", v->den);
	if (v->unit == FIG_COUNT)
		buf_puts(b, "," SYM_NA);
	else if (v->suppressed)
		buf_puts(b, "," SYM_SUPPRESSED);
	else if (v->percent < 0)
		buf_puts(b, "," SYM_NA);
	else
		buf_printf(b, ",%d", v->percent);
	if (v->nr_hidden)
		buf_puts(b, "," SYM_SUPPRESSED "\n");
	else
		buf_printf(b, ",%ld\n", v->not_recorded);
}

/*
 * Appends one row per figure of ledger l, each led by the time and
 * geography cells geo[0..ngeo) and the period and study cells.
 */
static void
ledger_rows(struct buf *b, const struct fig_set *s,
    const struct fig_ledger *l, const char *const *geo, size_t ngeo,
    const char *const *period)
{
	static const char *const nostudy[] = { SYM_NA, SYM_NA, SYM_NA,
	    SYM_NA };
	const char *fs[3];
	size_t i;

	for (i = 0; i < l->nvalues; i++) {
		const struct fig_value *v = &l->values[i];

		csv_fields(b, geo, ngeo, 1);
		csv_fields(b, period, NPERIODCOLS, 0);
		csv_fields(b, nostudy, 4, 0);
		fs[0] = v->name;
		fs[1] = label_of(s, i);
		fs[2] = base_name(v->unit);
		csv_fields(b, fs, 3, 0);
		value_cells(b, v);
	}
}

/* Reads n digits at *p into *v and moves past them; returns 1, or 0. */
static int
digits(const char **p, int n, int *v)
{
	int i;

	*v = 0;
	for (i = 0; i < n; i++) {
		if ((*p)[i] < '0' || (*p)[i] > '9')
			return 0;
		*v = *v * 10 + ((*p)[i] - '0');
	}
	*p += n;
	return 1;
}

/*
 * A study's period (national.yaml's prose: "2005 – 2007", "2007-2008")
 * spelled as the data set spells every period, as report.yaml's labels
 * are: the first year, '-', the last two digits of the last ("2005-07"),
 * or the one year.  A period of another form is kept as given.
 */
static char *
study_period(const char *prose)
{
	const char *p = prose;
	int y1, y2;

	if (!digits(&p, 4, &y1))
		return xstrdup(prose);
	if (*p == '\0')
		return xasprintf("%04d", y1);
	while (*p == ' ')
		p++;
	if (*p == '-' || *p == '/')
		p++;
	else if (strncmp(p, "\xe2\x80\x93", 3) == 0)	/* en dash */
		p += 3;
	else
		return xstrdup(prose);
	while (*p == ' ')
		p++;
	if (strlen(p) == 2 && digits(&p, 2, &y2))
		y2 += y1 / 100 * 100;
	else if (!(strlen(p) == 4 && digits(&p, 4, &y2)))
		return xstrdup(prose);
	if (y2 <= y1)
		return xstrdup(prose);
	return xasprintf("%04d-%02d", y1, y2 % 100);
}

/* Appends the national rows: every figure of every study that a London
 * figure of the same name defines (and so labels), in study order, then
 * in the order of the figure definitions. */
static void
national_rows(struct buf *b, const struct fig_set *s, const struct cohort *c,
    const char *const *geo, size_t ngeo)
{
	static const char *const period[] = { SYM_UNAVAILABLE,
	    SYM_UNAVAILABLE, SYM_UNAVAILABLE };
	const struct nat_study *st;
	const struct nat_figure *nf;
	const char *fs[7], *cmp;
	char *sp;
	size_t i, j;

	for (i = 0; i < c->national.nstudies; i++) {
		st = &c->national.studies[i];
		cmp = c->report.national_study != NULL &&
		    strcmp(st->id, c->report.national_study) == 0 ? "Yes" :
		    "No";
		for (j = 0; j < fig_set_size(s); j++) {
			if ((nf = nat_study_figure(st, fig_set_name(s, j))) ==
			    NULL)
				continue;
			csv_fields(b, geo, ngeo, 1);
			csv_fields(b, period, NPERIODCOLS, 0);
			fs[0] = st->id;
			fs[1] = st->title != NULL ? st->title : st->id;
			sp = st->period != NULL ? study_period(st->period) :
			    xstrdup(SYM_UNAVAILABLE);
			fs[2] = sp;
			fs[3] = cmp;
			fs[4] = nf->name;
			fs[5] = label_of(s, j);
			/* The studies publish shares, not their bases. */
			fs[6] = SYM_UNAVAILABLE;
			csv_fields(b, fs, 7, 0);
			buf_printf(b, ",%s,%s,%d,%s\n", SYM_UNAVAILABLE,
			    SYM_UNAVAILABLE, nf->percent, SYM_UNAVAILABLE);
			free(sp);
		}
	}
}

/*
 * The label of period i of r (report_period()), or, when no report was
 * loaded, the one report.yaml would derive from its years (case.h).
 */
static char *
period_label(const struct report *r, size_t i, int *from, int *to)
{
	const char *l = report_period(r, i, from, to);

	if (l != NULL)
		return xstrdup(l);
	return report_period_label(*from, *to);
}

/*
 * Appends the rows of one period (or of the pooled total): the region's
 * ledger, then every board's, led by the time and geography cells and
 * the period's label and first and last day.
 */
static void
period_rows(struct buf *b, const struct fig_set *s, const struct cohort *c,
    const char *label, int from, int to, const struct fig_ledger *region,
    struct fig_ledger *const *boards)
{
	const struct report *r = &c->report;
	const char *geo[10], *period[NPERIODCOLS];
	char *year, *pfrom, *pto;
	size_t i;

	year = to > 0 ? xasprintf("%d", to / 10000) :
	    xasprintf("%d", r->created / 10000);
	pfrom = iso_date(from);
	pto = iso_date(to);
	period[0] = label;
	period[1] = pfrom;
	period[2] = pto;
	geo[0] = year;
	geo[1] = "Reporting year";
	geo[3] = COUNTRY_CODE;
	geo[4] = COUNTRY_NAME;

	/* The region, as its paper prints it. */
	geo[2] = "Regional";
	geo[5] = code_or_x(r->region_code);
	geo[6] = r->region;
	geo[7] = geo[8] = geo[9] = SYM_NA;
	ledger_rows(b, s, region, geo, 10, period);

	/* Every board, as its paper prints it.  The DfE's three-digit
	 * authority numbers are not in report.yaml. */
	geo[2] = "Local authority";
	for (i = 0; i < r->nlscbs; i++) {
		geo[7] = code_or_x(r->lscb_codes != NULL ?
		    r->lscb_codes[i] : NULL);
		geo[8] = SYM_UNAVAILABLE;
		geo[9] = r->lscbs[i];
		ledger_rows(b, s, boards[i], geo, 10, period);
	}
	free(year);
	free(pfrom);
	free(pto);
}

char *
fig_data_csv(const struct fig_set *s, const struct cohort *c)
{
	const struct report *r = &c->report;
	struct fig_ledger **boards, *region;
	struct fig_periods *ps;
	struct buf b;
	char *year, *label;
	const char *geo[10];
	size_t i, np = report_nperiods(r);
	int from, to, first = 0;

	buf_init(&b);
	for (i = 0; i < NCOLS; i++) {
		if (i > 0)
			buf_putc(&b, ',');
		buf_puts(&b, fig_data_cols[i].name);
	}
	buf_putc(&b, '\n');

	/* National: England, no region, no board, no period of ours; the
	 * year the current period ends. */
	year = r->period_to > 0 ? xasprintf("%d", r->period_to / 10000) :
	    xasprintf("%d", r->created / 10000);
	geo[0] = year;
	geo[1] = "Reporting year";
	geo[2] = "National";
	geo[3] = COUNTRY_CODE;
	geo[4] = COUNTRY_NAME;
	geo[5] = geo[6] = geo[7] = geo[8] = geo[9] = SYM_NA;
	national_rows(&b, s, c, geo, 10);
	free(year);

	if (np <= 1) {
		/* One period: the region's and the boards' papers. */
		label = period_label(r, 0, &from, &to);
		region = fig_aggregate_paper(s, c, -1);
		boards = fig_aggregate_boards(s, c);
		period_rows(&b, s, c, label, r->period_from, r->period_to,
		    region, boards);
		fig_ledger_free(region);
		fig_boards_free(boards, r->nlscbs);
		free(label);
		return buf_take(&b);
	}

	/* Every period, oldest first, as each period's papers print it,
	 * then the total over them when the board papers may print it
	 * (disclosure: pool), suppressed jointly with the periods. */
	ps = fig_aggregate_periods(s, c, r->pool);
	for (i = 0; i < np; i++) {
		label = period_label(r, i, &from, &to);
		if (i == 0)
			first = from;
		period_rows(&b, s, c, label, from, to, ps->region[i],
		    ps->boards[i]);
		free(label);
	}
	if (r->pool && ps->pooled != NULL && ps->pooled_region != NULL)
		period_rows(&b, s, c, CASE_POOLED_LABEL, first, r->period_to,
		    ps->pooled_region, ps->pooled);
	fig_periods_free(ps);
	return buf_take(&b);
}

/* The open data's licence: report.yaml's, or the default. */
static const char *
licence_of(const struct report *r)
{
	return r->licence != NULL ? r->licence : FIG_DATA_LICENCE;
}

char *
fig_data_meta(const struct cohort *c)
{
	struct buf b;
	size_t i;

	buf_init(&b);
	buf_puts(&b, fig_data_meta_header);
	for (i = 0; i < NCOLS; i++) {
		const struct fig_data_col *k = &fig_data_cols[i];
		const char *fs[9];

		fs[0] = k->name;
		fs[1] = k->type;
		fs[2] = k->label;
		fs[3] = "";
		fs[4] = k->unit;
		fs[5] = k->dp;
		fs[6] = k->hint;
		fs[7] = "";
		fs[8] = licence_of(&c->report);
		csv_fields(&b, fs, 9, 1);
		buf_putc(&b, '\n');
	}
	return buf_take(&b);
}

/*
 * Appends text to b with its paragraphs (separated by a blank line)
 * filled to 72 columns; a line that starts with two spaces is kept as it
 * is.  Words are never split.
 */
static void
fill_text(struct buf *b, const char *text)
{
	const char *p = text, *eol, *w, *we;
	size_t col = 0;

	while (*p != '\0') {
		eol = strchr(p, '\n');
		if (eol == NULL)
			eol = p + strlen(p);
		if (eol == p || strncmp(p, "  ", 2) == 0) {
			if (col > 0)
				buf_putc(b, '\n');
			buf_putn(b, p, (size_t)(eol - p));
			buf_putc(b, '\n');
			col = 0;
		} else
			for (w = p; w < eol; w = we) {
				while (w < eol && *w == ' ')
					w++;
				if (w == eol)
					break;
				for (we = w; we < eol && *we != ' '; we++)
					;
				if (col > 0 && col + 1 + (size_t)(we - w) > 72) {
					buf_putc(b, '\n');
					col = 0;
				} else if (col > 0) {
					buf_putc(b, ' ');
					col++;
				}
				buf_putn(b, w, (size_t)(we - w));
				col += (size_t)(we - w);
			}
		p = *eol == '\n' ? eol + 1 : eol;
		if (*p == '\n' || strncmp(p, "  ", 2) == 0 || *p == '\0') {
			if (col > 0)
				buf_putc(b, '\n');
			col = 0;
		}
	}
}

/* The README's title and its WHAT THIS IS: the paper the data are of,
 * and the two files. */
static void
readme_what(struct buf *b, const struct report *r)
{
	char *made = iso_date(r->created);

	buf_printf(b, "%s: the figures as open data\n\n", r->title);
	buf_printf(b, "WHAT THIS IS\n\n"
	    "Every figure of \"%s\" (%s, %s), the region's and each Local\n"
	    "Safeguarding Children Board's, and the national comparison\n"
	    "figures the paper quotes, as data that statistics tools load as\n"
	    "they are:\n\n"
	    "  " FIG_DATA_CSV "       one tidy table: one row per area and "
	    "figure\n"
	    "  " FIG_DATA_META "  what every column of it means\n\n"
	    "Both are UTF-8 CSV with one header line.  The columns follow the\n"
	    "Department for Education's open data standards for explore\n"
	    "education statistics (time, geography, filters, indicators) as\n"
	    "far as a period of several years allows; docs/data.md, in the\n"
	    "scrpaper sources, says where and why it deviates.\n\n",
	    r->title, r->organisation, made);
	free(made);
}

/* The README's PERIOD (one) or PERIODS (each with its days, and the
 * pooled total's label when pooled), then what the time columns say. */
static void
readme_periods(struct buf *b, const struct report *r)
{
	char *from, *to, *label;
	size_t i, np = report_nperiods(r);
	int pf, pt;

	if (np <= 1) {
		from = iso_date(r->period_from);
		to = iso_date(r->period_to);
		label = period_label(r, 0, &pf, &pt);
		buf_printf(b, "PERIOD\n\n"
		    "Serious Case Reviews completed from %s to %s, inclusive "
		    "(period %s).\n", from, to, label);
		free(label);
		free(from);
		free(to);
	} else {
		buf_printf(b, "PERIODS\n\n"
		    "Serious Case Reviews completed in %zu periods, each "
		    "inclusive; the\nperiod column names the one a row "
		    "is of:\n\n", np);
		for (i = 0; i < np; i++) {
			label = period_label(r, i, &pf, &pt);
			from = iso_date(pf);
			to = iso_date(pt);
			buf_printf(b, "  %-8s %s to %s\n", label, from, to);
			free(label);
			free(from);
			free(to);
		}
		if (r->pool)
			buf_printf(b, "  %-8s the total over the %zu periods, "
			    "suppressed together with them\n",
			    CASE_POOLED_LABEL, np);
		buf_puts(b, "\n");
	}
	buf_printf(b, "time_period is the year the period ends "
	    "(time_identifier\n\"Reporting year\"); period_start and "
	    "period_end give the days.\n"
	    "National rows are figures of other studies, over their own\n"
	    "periods (study_period); their period, period_start and "
	    "period_end are x.\n\n");
}

/* The README's AREAS AND FIGURES: the rows' areas, the comparison
 * study of the cohort c, the one filter, the figure columns. */
static void
readme_areas(struct buf *b, const struct cohort *c)
{
	const struct report *r = &c->report;
	const struct nat_study *cmp;

	cmp = r->national_study != NULL ?
	    national_find(&c->national, r->national_study) : NULL;
	buf_printf(b, "AREAS AND FIGURES\n\n"
	    "Regional rows: %s (%s).  Local authority rows: each board, by\n"
	    "the ONS code of its local authority's area (new_la_code).\n"
	    "National rows (England): the studies' figures that a %s figure\n"
	    "of the same meaning has; comparison_study is Yes for %s, the\n"
	    "study the board tables set beside %s.  So one filter gives a\n"
	    "board beside %s and that study, with no join:\n\n"
	    "  la_name == BOARD or geographic_level == \"Regional\" or\n"
	    "  comparison_study == \"Yes\"\n\n"
	    "figure_id is a figure's stable name, figure its label; numerator,\n"
	    "denominator and percentage are separate columns, numbers only.\n"
	    "base says what the denominator counts.  A percentage is rounded\n"
	    "half up to a whole number (27.5 gives 28).\n\n",
	    r->region, r->region_code != NULL ? r->region_code : "x",
	    r->region, cmp != NULL && cmp->title != NULL ? cmp->title :
	    (r->national_study != NULL ? r->national_study : "x"), r->region,
	    r->region);
}

/* The README's SUPPRESSION: the region's figures and the boards' rule,
 * with the threshold. */
static void
readme_suppression(struct buf *b, const struct report *r)
{
	buf_printf(b, "SUPPRESSION\n\n"
	    "The %s figures are %s.  Each board's figures are\n"
	    "suppressed exactly as its board paper prints them: a figure that\n"
	    "counts 1 to %d children or families, or is a share of %d or\n"
	    "fewer, is c; and so is any further figure from which a c could\n"
	    "otherwise be worked out: from the total of its table, or from\n"
	    "the %s figure less the other boards' figures.  The numbers of\n"
	    "reviews and of children of each board are public and never c.\n\n",
	    r->region, r->suppress_regional ? "suppressed by the same rule" :
	    "the published ones, not suppressed", r->threshold, r->threshold,
	    r->region);
}

char *
fig_data_readme(const struct cohort *c)
{
	const struct report *r = &c->report;
	struct buf b;
	char *text;

	buf_init(&b);
	readme_what(&b, r);
	readme_periods(&b, r);
	readme_areas(&b, c);
	buf_printf(&b, "SYMBOLS\n\n"
	    "  c  suppressed, so that no child or family can be recognised\n"
	    "  z  not applicable: a count has no denominator or percentage,\n"
	    "     an empty base no percentage, a row no level it is not at\n"
	    "  x  not available: the national studies publish percentages\n"
	    "     only; report.yaml does not give the DfE authority numbers\n\n"
	    "To read the indicators as numbers, name the three symbols as\n"
	    "missing values (pandas: na_values=[\"c\", \"z\", \"x\"]; R:\n"
	    "na.strings = c(\"c\", \"z\", \"x\")).\n\n");
	readme_suppression(&b, r);
	buf_printf(&b, "LICENCE\n\n"
	    "These files are published under the %s.\n\n",
	    licence_of(r));
	buf_printf(&b, "CONTACT\n\n%s\n",
	    r->contact != NULL ? r->contact : r->organisation);
	text = buf_take(&b);
	fill_text(&b, text);
	free(text);
	return buf_take(&b);
}

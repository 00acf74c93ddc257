/*
 * tmpl_directive.c: the directives ("@subtitle", "@table", "@chart", ...).
 * One table, tmpl_directives[], gives each its name, what may follow it,
 * its handler and a line of documentation; the dispatch and the
 * "unknown directive" message are made from it.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "diag.h"
#include "doc.h"
#include "tmpl.h"
#include "tmpl_int.h"

/* Appends a figure node of type (a chart, a tile map) for the directive
 * s[0..n) at line:col, its caption the text from s[i] on, if any, and
 * returns it. */
static struct doc_node *
tmpl_captioned(struct tmpl_parser *p, enum doc_type type, const char *s,
    size_t n, size_t i, int line, int col)
{
	struct doc_node	*node;

	if (i < n) {
		node = tmpl_open_leaf(p, tmpl_container(p), type, line, col,
		    s + i, n - i, col + (int)i);
		tmpl_close_leaf(p);
	} else {
		node = doc_node_new(type, line, col);
		doc_node_append(tmpl_container(p), node);
	}
	return node;
}

/*
 * Reads the optional "#label" of a directive at s[*i] and the spaces after
 * it, moving *i past them.  Returns the label (free with free()), or NULL
 * when there is none or it is bad (reported).
 */
static char *
tmpl_label(struct tmpl_parser *p, const char *s, size_t n, size_t *i,
    int line, int col)
{
	size_t	 start, end;

	if (*i >= n || s[*i] != '#')
		return NULL;
	start = *i + 1;
	for (end = start; end < n && s[end] != ' '; end++)
		continue;
	*i = end;
	while (*i < n && s[*i] == ' ')
		(*i)++;
	if (!tmpl_is_label(s + start, end - start)) {
		tmpl_err(p, line, col + (int)start, TM_BAD_LABEL,
		    (int)(end - start), s + start);
		return NULL;
	}
	return xstrndup(s + start, end - start);
}

/* "@periods" at line:col (alone on its line when alone): marks the table
 * just above, of a label and a figure a row, to be set across every
 * period. */
static void
tmpl_periods(struct tmpl_parser *p, int alone, int line, int col)
{
	struct doc_node	*t = tmpl_container(p)->last_child;

	if (!alone)
		tmpl_err(p, line, col, TM_PERIODS_ARGS);
	else if (t == NULL || t->type != DOC_TABLE)
		tmpl_err(p, line, col, TM_PERIODS_NO_TABLE);
	else if (t->as.table.periods)
		tmpl_err(p, line, col, TM_PERIODS_TWICE);
	else if (t->as.table.ncols != 2)
		tmpl_err(p, line, col, TM_PERIODS_COLS, t->as.table.ncols);
	else
		t->as.table.periods = 1;
}

/* "@trend NAME,NAME... [CAPTION]" s[0..n), its words from s[i], at
 * line:col: a chart of national figures across the studies beside the
 * region's across its periods. */
static void
tmpl_trend(struct tmpl_parser *p, const char *s, size_t n, size_t i,
    int line, int col)
{
	struct doc_node	*chart;
	size_t		 j, k, start;
	char		**names = NULL;
	size_t		 nnames = 0;

	for (j = i; j < n && s[j] != ' '; j++)
		continue;
	if (j == i) {
		tmpl_err(p, line, col, TM_TREND_NO_NAMES);
		return;
	}
	for (start = k = i; k <= j; k++) {
		if (k < j && s[k] != ',')
			continue;
		if (!tmpl_is_word(s + start, k - start, "_") ||
		    isdigit((unsigned char)s[start])) {
			tmpl_err(p, line, col + (int)start, TM_TREND_NAME,
			    (int)(k - start), s + start);
			for (k = 0; k < nnames; k++)
				free(names[k]);
			free(names);
			return;
		}
		names = xreallocarray(names, nnames + 1, sizeof(*names));
		names[nnames++] = xstrndup(s + start, k - start);
		start = k + 1;
	}
	while (j < n && s[j] == ' ')
		j++;
	tmpl_captioned(p, DOC_CHART, s, n, j, line, col);
	chart = tmpl_container(p)->last_child;
	chart->as.chart.trend = names;
	chart->as.chart.ntrend = nnames;
}

/* "@subtitle TEXT": the line under the title. */
static void
tmpl_dir_subtitle(struct tmpl_parser *p, const char *s, size_t n, size_t i,
    int line, int col)
{
	tmpl_open_leaf(p, tmpl_container(p), DOC_SUBTITLE, line, col, s + i,
	    n - i, col + (int)i);
	tmpl_close_leaf(p);
}

/* "@table [#LABEL] TEXT": the numbered caption of the table below. */
static void
tmpl_dir_table(struct tmpl_parser *p, const char *s, size_t n, size_t i,
    int line, int col)
{
	struct doc_node	*node;
	char		*label;

	label = tmpl_label(p, s, n, &i, line, col);
	if (i < n) {
		node = tmpl_open_leaf(p, tmpl_container(p), DOC_CAPTION, line,
		    col, s + i, n - i, col + (int)i);
		node->as.caption.label = label;
		tmpl_close_leaf(p);
	} else {
		tmpl_err(p, line, col, TM_TABLE_NO_CAPTION);
		free(label);
	}
}

/* "@chart [#LABEL] [TEXT]": a bar chart of the table above. */
static void
tmpl_dir_chart(struct tmpl_parser *p, const char *s, size_t n, size_t i,
    int line, int col)
{
	struct doc_node	*node;
	char		*label;

	label = tmpl_label(p, s, n, &i, line, col);
	if (tmpl_container(p)->last_child == NULL ||
	    tmpl_container(p)->last_child->type != DOC_TABLE) {
		tmpl_err(p, line, col, TM_CHART_NO_TABLE);
		free(label);
	} else {
		node = tmpl_captioned(p, DOC_CHART, s, n, i, line, col);
		node->as.chart.label = label;
	}
}

/* "@boards [#LABEL] [TEXT]": every board's table and the tile map. */
static void
tmpl_dir_boards(struct tmpl_parser *p, const char *s, size_t n, size_t i,
    int line, int col)
{
	struct doc_node	*node;
	char		*label;

	label = tmpl_label(p, s, n, &i, line, col);
	node = tmpl_captioned(p, DOC_TILEMAP, s, n, i, line, col);
	node->as.tilemap.label = label;
}

/* "@periods": the table above set across every period. */
static void
tmpl_dir_periods(struct tmpl_parser *p, const char *s, size_t n, size_t i,
    int line, int col)
{
	tmpl_periods(p, i == n, line, col);
}

/* "@trend [#LABEL] NAME,... [TEXT]": national figures across the
 * studies beside the region's by period. */
static void
tmpl_dir_trend(struct tmpl_parser *p, const char *s, size_t n, size_t i,
    int line, int col)
{
	struct doc_node	*node;
	char		*label;

	label = tmpl_label(p, s, n, &i, line, col);
	node = tmpl_container(p)->last_child;
	tmpl_trend(p, s, n, i, line, col);
	if (tmpl_container(p)->last_child != node)
		tmpl_container(p)->last_child->as.chart.label = label;
	else
		free(label);
}

/* "@signoff": the authors and organisation from report.yaml. */
static void
tmpl_dir_signoff(struct tmpl_parser *p, const char *s, size_t n, size_t i,
    int line, int col)
{
	doc_node_append(tmpl_container(p), doc_node_new(DOC_SIGNOFF, line,
	    col));
}

/* "@pagebreak": the PDF's next block starts a page. */
static void
tmpl_dir_pagebreak(struct tmpl_parser *p, const char *s, size_t n,
    size_t i, int line, int col)
{
	doc_node_append(tmpl_container(p), doc_node_new(DOC_PAGEBREAK, line,
	    col));
}

/*
 * Every directive, in the order the "unknown directive" message lists
 * them.  A new directive is a row here (the template's header must
 * document it: test_tmpl_parse.c checks), its node type in doc.h and
 * its handling in fill and the back ends.
 */
const struct tmpl_directive tmpl_directives[] = {
	{ "@subtitle", "@subtitle TEXT", TMPL_ARGS_TEXT, tmpl_dir_subtitle,
	  "the line under the title" },
	{ "@table", "@table [#LABEL] TEXT", TMPL_ARGS_ANY, tmpl_dir_table,
	  "the numbered caption (\"Table N: TEXT\") of the table just below" },
	{ "@chart", "@chart [#LABEL] [TEXT]", TMPL_ARGS_ANY, tmpl_dir_chart,
	  "a bar chart (\"Figure N: TEXT\") of the table just above" },
	{ "@boards", "@boards [#LABEL] [TEXT]", TMPL_ARGS_ANY,
	  tmpl_dir_boards, "every board's reviews and children as a table, "
	  "and the region's tile map" },
	{ "@periods", "@periods", TMPL_ARGS_ANY, tmpl_dir_periods,
	  "the table just above set across every period" },
	{ "@trend", "@trend [#LABEL] NAME,... [TEXT]", TMPL_ARGS_ANY,
	  tmpl_dir_trend, "national figures across the studies beside the "
	  "region's by period" },
	{ "@signoff", "@signoff", TMPL_ARGS_NONE, tmpl_dir_signoff,
	  "the authors and organisation from report.yaml" },
	{ "@pagebreak", "@pagebreak", TMPL_ARGS_NONE, tmpl_dir_pagebreak,
	  "a new page in the PDF" },
};
const size_t tmpl_ndirectives =
    sizeof(tmpl_directives) / sizeof(tmpl_directives[0]);

/* Reports the unknown directive s[0..n) at line:col, listing every
 * directive of the table. */
static void
tmpl_directive_unknown(struct tmpl_parser *p, const char *s, size_t n,
    int line, int col)
{
	struct buf	 all;
	size_t		 i;

	buf_init(&all);
	for (i = 0; i < tmpl_ndirectives; i++)
		buf_printf(&all, "%s%s", i == 0 ? "" : i + 1 ==
		    tmpl_ndirectives ? " or " : ", ",
		    tmpl_directives[i].usage);
	tmpl_err(p, line, col, TM_UNKNOWN_DIRECTIVE, (int)n, s,
	    all.data);
	buf_clear(&all);
}

/* A directive line s[0..n) (s[0] is '@') at line:col: its name is the
 * letters after the '@', its arguments what follows the spaces after. */
void
tmpl_directive(struct tmpl_parser *p, const char *s, size_t n, int line,
    int col)
{
	const struct tmpl_directive *dir;
	size_t	 i, k, d;

	tmpl_close_all(p);
	for (i = 1; i < n && isalpha((unsigned char)s[i]); i++)
		continue;
	k = i;
	while (i < n && s[i] == ' ')
		i++;
	for (d = 0; d < tmpl_ndirectives; d++) {
		dir = &tmpl_directives[d];
		if (strlen(dir->name) != k || strncmp(s, dir->name, k) != 0)
			continue;
		if ((dir->args == TMPL_ARGS_NONE && i < n) ||
		    (dir->args == TMPL_ARGS_TEXT && i == n))
			break;
		dir->fn(p, s, n, i, line, col);
		return;
	}
	tmpl_directive_unknown(p, s, n, line, col);
}

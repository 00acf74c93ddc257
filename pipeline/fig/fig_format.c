/*
 * fig_format.c: how one figure is written in text: the styles (percent,
 * digits, words, approx), the whole percent, and "[c]" for a value that
 * disclosure control hides.  A leaf: the aggregator, the filler and the
 * ledger printer call it; it calls nothing of theirs.  The wording tables
 * here are the ones docs/figures.md documents; change both together.
 */
#include <stdio.h>
#include <string.h>

#include "util.h"
#include "fig.h"

/* Shown for a suppressed value in every style, and what it means. */
const char fig_suppressed_mark[] = "[c]";
const char fig_suppressed_note[] = "[c] marks a figure not shown so that "
    "no child or family can be recognised.";
/* Shown for a share of an empty base. */
#define FIG_NO_BASE	"n/a"

static const char *const fig_number_words[] = {
	"none", "one", "two", "three", "four", "five", "six", "seven",
	"eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen",
	"fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty",
};
#define FIG_NUMBER_WORDS \
	(long)(sizeof(fig_number_words) / sizeof(fig_number_words[0]))

const char *
fig_number_word(long n)
{
	return n >= 0 && n < FIG_NUMBER_WORDS ? fig_number_words[n] : NULL;
}

/*
 * The APPROX wording of a share, by percent rounded half up.  First row
 * whose upper bound is at least the percent wins; "none", "all" and
 * "half" are decided from the counts before the table.
 */
static const struct fig_share_word {
	int		 max;	/* highest rounded percent of the row */
	const char	*text;
} fig_share_words[] = {
	{   4, "very few" },
	{   9, "fewer than one in ten" },
	{  10, "one in ten" },
	{  19, "more than one in ten" },
	{  24, "almost a quarter" },
	{  25, "a quarter" },
	{  29, "more than a quarter" },
	{  32, "almost a third" },
	{  33, "a third" },
	{  44, "more than a third" },
	{  55, "about half" },
	{  62, "more than half" },
	{  66, "almost two thirds" },
	{  67, "two thirds" },
	{  70, "more than two thirds" },
	{  74, "almost three quarters" },
	{  75, "three quarters" },
	{  89, "more than three quarters" },
	{ 100, "almost all" },
};

/* The APPROX wording of a count: first row with max >= n. */
static const struct fig_count_word {
	long		 max;
	const char	*text;
} fig_count_words[] = {
	{  0, "no" },
	{  1, "one" },
	{  5, "a small number" },
	{  9, "several" },
	{ 19, "ten or more" },
	{ 49, "twenty or more" },
	{ 99, "fifty or more" },
};

const char *
fig_approx_share(long num, long den)
{
	size_t i;
	int p;

	if (den <= 0)
		return FIG_NO_BASE;
	if (num <= 0)
		return "none";
	if (num >= den)
		return "all";
	p = fig_percent(num, den);
	/* Exactly half, as near as whole units allow. */
	if (p >= 45 && p <= 55 && (2 * num - den == 1 || den - 2 * num == 1 ||
	    2 * num == den))
		return "half";
	for (i = 0; i < sizeof(fig_share_words) / sizeof(fig_share_words[0]);
	    i++)
		if (p <= fig_share_words[i].max)
			return fig_share_words[i].text;
	return "almost all";
}

const char *
fig_approx_count(long n)
{
	size_t i;

	if (n < 0)
		n = 0;
	for (i = 0; i < sizeof(fig_count_words) / sizeof(fig_count_words[0]);
	    i++)
		if (n <= fig_count_words[i].max)
			return fig_count_words[i].text;
	return "a hundred or more";
}

char *
fig_band_text(int lo, int hi)
{
	return xasprintf("%d\u2013%d%%", lo, hi);
}

/*
 * The one place that decides how a share of an empty base is written in
 * every paper (fig_paper_form()): "n/a" when the reader already knows the
 * base is empty (den 0 and not hidden: a board with no review, no child,
 * no death shown as 0), whether or not disclosure control marked the
 * share, since a share of nobody tells nothing of anybody; "[c]" only
 * when the base itself is hidden (den_hidden), where "n/a" would tell
 * that it is empty.  The ledgers keep disclosure control's mark, beside
 * the base they print.
 */
int
fig_no_base(const struct fig_value *v)
{
	return v->unit != FIG_COUNT && v->den <= 0 &&
	    !(v->suppressed && v->den_hidden);
}

enum fig_form
fig_form(const struct fig_value *v, enum fig_style style)
{
	if (v->suppressed)
		return FIG_FORM_SUPPRESSED;
	switch (style) {
	case FIG_STYLE_PERCENT:
		if (v->unit == FIG_COUNT)
			break;
		if (v->den <= 0 || v->percent < 0)
			return FIG_FORM_NO_BASE;
		return FIG_FORM_PERCENT;
	case FIG_STYLE_WORDS:
		if (v->num >= 0 && v->num <= 20)
			return FIG_FORM_WORDS;
		break;
	case FIG_STYLE_APPROX:
		if (v->unit != FIG_COUNT && v->den <= 0)
			return FIG_FORM_NO_BASE;
		return FIG_FORM_WORDS;
	default:
		break;
	}
	return FIG_FORM_NUMBER;
}

enum fig_form
fig_paper_form(const struct fig_value *v, enum fig_style style)
{
	if (fig_no_base(v) && style != FIG_STYLE_DIGITS &&
	    style != FIG_STYLE_WORDS)
		return FIG_FORM_NO_BASE;
	return fig_form(v, style);
}

char *
fig_paper_format(const struct fig_value *v, enum fig_style style)
{
	if (fig_paper_form(v, style) == FIG_FORM_NO_BASE)
		return xstrdup(FIG_NO_BASE);
	return fig_format(v, style);
}

char *
fig_format(const struct fig_value *v, enum fig_style style)
{
	switch (fig_form(v, style)) {
	case FIG_FORM_SUPPRESSED:
		if (v->banded)
			return fig_band_text(v->band_lo, v->band_hi);
		return xstrdup(fig_suppressed_mark);
	case FIG_FORM_NO_BASE:
		return xstrdup(FIG_NO_BASE);
	case FIG_FORM_PERCENT:
		return xasprintf("%d%%", v->percent);
	case FIG_FORM_WORDS:
		if (style == FIG_STYLE_WORDS)
			return xstrdup(fig_number_words[v->num]);
		if (v->unit == FIG_COUNT)
			return xstrdup(fig_approx_count(v->num));
		return xstrdup(fig_approx_share(v->num, v->den));
	default:
		return xasprintf("%ld", v->num);
	}
}

int
fig_percent(long num, long den)
{
	if (den <= 0)
		return -1;
	/* Half up: floor(100 * num / den + 1/2). */
	return (int)((200 * num + den) / (2 * den));
}

/* Returns 1 when s is a plain number: an optional sign, digits, an
 * optional decimal part and an optional per cent sign ("-3", "+2.5",
 * "-4%"). */
static int
fig_csv_number(const char *s)
{
	const char *p = s;

	if (*p == '-' || *p == '+')
		p++;
	if (*p < '0' || *p > '9')
		return 0;
	while (*p >= '0' && *p <= '9')
		p++;
	if (*p == '.') {
		if (p[1] < '0' || p[1] > '9')
			return 0;
		for (p++; *p >= '0' && *p <= '9'; p++)
			;
	}
	if (*p == '%')
		p++;
	return *p == '\0';
}

int
fig_csv_formula(const char *s)
{
	while (*s == '\'')
		s++;
	return *s != '\0' && strchr("=+-@\t\r", *s) != NULL &&
	    !fig_csv_number(s);
}

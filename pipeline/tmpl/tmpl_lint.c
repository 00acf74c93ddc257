/*
 * tmpl_lint.c: the prose lint (`scrpaper check`).  Every numeral and
 * quantity word typed as text in the template, outside references, fixed
 * text and "::: fixed" blocks, is reported as a warning (an error when
 * strict).
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util.h"
#include "diag.h"
#include "doc.h"
#include "tmpl.h"
#include "tmpl_int.h"

/* Returns 1 inside a "::: fixed" block. */
int
tmpl_in_fixed(const struct tmpl_parser *p)
{
	int	 i;

	for (i = 0; i < p->ndepth; i++)
		if (p->conds[i]->as.cond.cond == DOC_COND_FIXED)
			return 1;
	return 0;
}

/* Words that state a quantity of the cohort when typed as text. */
static const char *const tmpl_lint_words[] = {
	"one", "two", "three", "four", "five", "six", "seven", "eight",
	"nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen",
	"sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty",
	"forty", "fifty", "hundred", "dozen", "half", "third", "thirds",
	"quarter", "quarters", "several", "most", "many", "few", "couple",
	"majority", "minority", "once", "twice", "single",
};
#define TMPL_NLINT_WORDS \
	(sizeof(tmpl_lint_words) / sizeof(tmpl_lint_words[0]))

/* Reports a quantity typed as text at offset off of s. */
static void
tmpl_lint_report(struct tmpl_parser *p, const char *s,
    const struct tmpl_seg *segs, size_t nsegs, size_t off, const char *what,
    int len)
{
	int	 line, col;

	tmpl_pos(s, segs, nsegs, off, &line, &col);
	/* Capped as errors are (issue 13.13): at most TMPL_MAX_ERRORS
	 * printed, the rest counted (tmpl_lint_more()). */
	if (p->lint > 1)
		tmpl_err(p, line, col, TM_LINT_QUANTITY, len, what);
	else if (p->nlint < TMPL_MAX_ERRORS)
		diag_warn(p->d, p->file, line, col, TM_LINT_QUANTITY, len,
		    what);
	p->nlint++;
}

/*
 * The prose lint over inline text s[0..n): every numeral and quantity
 * word outside references ({...}, fixed text {=...} included), escapes
 * and footnote markers.
 */
void
tmpl_lint_text(struct tmpl_parser *p, const char *s, size_t n,
    const struct tmpl_seg *segs, size_t nsegs)
{
	size_t	 i = 0, j, k, w, prev = (size_t)-1, prev2 = (size_t)-1;
	size_t	 prevlen = 0, prev2len = 0;
	int	 digit;

	while (i < n) {
		if (s[i] == '\\' && i + 1 < n) {
			i += 2;
			continue;
		}
		if (s[i] == '{') {
			while (i < n && s[i] != '}')
				i++;
			i++;
			continue;
		}
		if (s[i] == '[' && i + 1 < n && s[i + 1] == '^') {
			while (i < n && s[i] != ']')
				i++;
			i++;
			continue;
		}
		if (!isalnum((unsigned char)s[i])) {
			i++;
			continue;
		}
		digit = 0;
		for (j = i; j < n && (isalnum((unsigned char)s[j]) ||
		    s[j] == '\''); j++)
			if (isdigit((unsigned char)s[j]))
				digit = 1;
		w = j - i;
		if (digit)
			tmpl_lint_report(p, s, segs, nsegs, i, s + i, (int)w);
		else {
			for (k = 0; k < TMPL_NLINT_WORDS; k++)
				if (strlen(tmpl_lint_words[k]) == w &&
				    strncasecmp(s + i, tmpl_lint_words[k],
				    w) == 0)
					break;
			/* "a number of", "a small number of" */
			if (k == TMPL_NLINT_WORDS && w == 6 &&
			    strncasecmp(s + i, "number", 6) == 0 &&
			    ((prevlen == 1 && strncasecmp(s + prev, "a", 1)
			    == 0) || (prev2len == 1 &&
			    strncasecmp(s + prev2, "a", 1) == 0)))
				k = 0;
			if (k < TMPL_NLINT_WORDS)
				tmpl_lint_report(p, s, segs, nsegs, i,
				    s + i, (int)w);
		}
		prev2 = prev;
		prev2len = prevlen;
		prev = i;
		prevlen = w;
		i = j;
	}
}


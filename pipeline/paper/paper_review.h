/*
 * paper_review.h: the sign-off sheet of a paper (`scrpaper review`,
 * paper_review.c): what an analyst reads and ticks before signing.
 */
#ifndef SCR_PAPER_REVIEW_H
#define SCR_PAPER_REVIEW_H

struct cohort;
struct diag;
struct paper;

/*
 * Builds paper lscb (-1: the regional paper) of pp, whose template was
 * read from tmpl_path, and writes its sign-off sheet, as text, to out
 * (NULL: standard output; a file is written whole or not at all): every
 * "::: fixed" block and "{=...}" text the paper shows, every "::: if" and
 * "::: unless" block it shows with the figures its test read and their
 * values, every wording a figure chose ({NAME|ONE|OTHER}), and every
 * comparison between periods ({change:NAME}), each with the template's
 * FILE:LINE.  Returns 0, 1 on invalid input (reported to d) or 3 when
 * the sheet cannot be written.
 */
int	paper_review(struct paper *pp, const struct cohort *c, int lscb,
	    const char *tmpl_path, const char *out, struct diag *d);

#endif

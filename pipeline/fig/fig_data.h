/*
 * fig_data.h: the open data set (docs/data.md).  Every published figure
 * -- the region's, each board's suppressed exactly as its paper prints
 * it, and the national comparison figures -- as one tidy CSV in the
 * layout of the Department for Education's open data standards, a
 * metadata CSV describing every column, and a README for the data.
 * Built from the figures stage's public API (fig.h) only.
 * For the commands (main.c, cli_*.c) and the tests.
 */
#ifndef SCR_FIG_DATA_H
#define SCR_FIG_DATA_H

struct cohort;
struct diag;
struct fig_set;

/* The files fig_data_write() writes into its folder. */
#define FIG_DATA_CSV	"scr_figures.csv"
#define FIG_DATA_META	"scr_figures.meta.csv"
#define FIG_DATA_README	"README.txt"

/* The licence of the open data when report.yaml gives none. */
#define FIG_DATA_LICENCE	"Open Government Licence v3.0"

/*
 * Checks that the inputs carry what the data set needs: the region's and
 * every board's ONS code (report_file names report.yaml in messages) and
 * a label for every figure, no label twice (figures_file names the
 * figure definitions).  Every problem is reported to d as FILE:LINE:COL
 * (FILE: for what is missing from a whole file).  Returns 1 if all is
 * there, 0 otherwise.
 */
int	 fig_data_check(const struct fig_set *s, const struct cohort *c,
	    const char *report_file, const char *figures_file,
	    struct diag *d);

/*
 * The three files' contents, each a new NUL-terminated string (free with
 * free()); call only after fig_data_check() passed.  The data CSV holds
 * every cell: a number, or c (suppressed), z (not applicable) or x (not
 * available); never a blank.
 */
char	*fig_data_csv(const struct fig_set *s, const struct cohort *c);
char	*fig_data_meta(const struct cohort *c);
char	*fig_data_readme(const struct cohort *c);

/*
 * Checks (fig_data_check()), then writes the three files into dir,
 * creating it (one level) when it does not exist, each file written whole
 * or not at all.  Returns 0; 1 when the input lacks something (every
 * problem reported, nothing written); 2 when dir is not a folder or one
 * of its files is not a regular file (a symbolic link: nothing written);
 * 3 (EXIT_SYSERR) after printing an I/O error.
 */
int	 fig_data_write(const struct fig_set *s, const struct cohort *c,
	    const char *report_file, const char *figures_file,
	    const char *dir, struct diag *d);

#endif

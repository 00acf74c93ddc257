/*
 * cli.h: what the files of the command line share: the commands, the
 * options of one run (struct opts) and each command's entry.  The files:
 *   main.c          options (parse_args()) and the dispatch (main())
 *   cli_folder.c    the folders -o writes into: restricted markers, mkdir
 *   cli_render.c    render: one paper, or every board's through workers
 *   cli_figures.c   figures: the ledgers, one period or every period
 *   cli_audit.c     audit: the attacker on the ledgers figures publishes
 *   cli_check.c     check: warnings over the cohort and the summary
 * For those files only.
 */
#ifndef SCR_CLI_H
#define SCR_CLI_H

#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>

struct cohort;
struct diag;
struct doc;
struct fig_set;
struct paper;
struct render_backend;

#define EXIT_INVALID	1
#define EXIT_USAGE	2

enum cmd {
	CMD_RENDER,
	CMD_FIGURES,
	CMD_CHECK,
	CMD_DATA,
	CMD_AUDIT,
	CMD_REVIEW,
	CMD__MAX
};

/* The options of one run, with their defaults. */
struct opts {
	enum cmd	 cmd;
	const char	*input;		/* --input DIR */
	const char	*cases;		/* --cases DIR, NULL: INPUT/cases */
	const char	*template_path;	/* --template FILE */
	const char	*figures_path;	/* --figures FILE */
	const char	*fonts_dir;	/* --fonts DIR */
	const char	*lscb;		/* --lscb NAME, NULL: the region */
	const char	*out;		/* -o FILE */
	const char	*format;	/* --format csv|json, or pdf|html|odt
					   for render; NULL: not given */
	const struct render_backend *backend;	/* render's format: --format
					   NAME, or -o FILE.EXT without it */
	int		 all_lscbs;	/* --all-lscbs: every board */
	int		 strict;	/* check --strict: lint errors */
	const char	*jobs;		/* --jobs N: worker processes */
	const char	*edition;	/* --edition public|restricted */
	int		 restricted;	/* --edition restricted */
	const char	*dump;		/* --dump doc|layout */
	const char	*published;	/* audit --published DIR */
	const char	*previous;	/* audit --previous OLDDIR */
	const char	*period;	/* figures --period LABEL */
	int		 all_periods;	/* figures --all-periods */
	int		 pooled;	/* --pooled: the total over the
					   periods too (figures --all-periods,
					   audit) */
	const char	*cache;		/* --cache DIR: the solve cache
					   (fig_cache.h), NULL: none */
	char		*installed[3];	/* default paths under SCRPAPER_DATADIR */
	size_t		 ninstalled;
};


/* cli_folder.c */
int	cli_out_marker_check(const struct opts *);
int	cli_restricted_prepare(const struct opts *);
int	cli_make_dirs(const char *, mode_t);

/* cli_figures.c */
int	cli_find_lscb(const struct cohort *, const char *, int *);
int	cli_print_periods(FILE *, struct paper *, const struct cohort *, int,
	    int, int, int);
int	cli_figures(const struct opts *, struct paper *,
	    const struct cohort *, int);

/* cli_audit.c */
int	cli_audit(struct paper *, const struct fig_set *, const struct cohort *,
	    const char *, int, const char *, const char *);

/* cli_check.c */
void	cli_warn_defaults(const struct cohort *, struct diag *);
size_t	cli_warn_left_out(const struct cohort *, struct diag *);
int	cli_check_source_date_epoch(void);
int	cli_check(const struct opts *, struct paper *,
	    const struct cohort *, int, int, struct diag *);

/* cli_render.c */
int	cli_render(const struct opts *, struct paper *,
	    const struct cohort *, int, int, int *, struct diag *);

#endif

/*
 * year.h: moving to the next year (docs/annual.md).  The commands
 * new-year, periods and compare (cmd_year.c), and the warnings check
 * and render give about periods, the paper's date and the tile map
 * (year_warn.c).
 * For the commands (main.c, cli_*.c) only.
 */
#ifndef SCR_YEAR_H
#define SCR_YEAR_H

#include <stddef.h>

struct cohort;
struct diag;

/*
 * Runs `scrpaper new-year`, `periods` or `compare` when argv[1] names
 * one of them; datadir is the installed data folder (the figure
 * definitions' default when templates/ is not in the working folder).
 * Returns an exit status, or -1 when argv[1] is another command.
 */
int	year_main(int argc, char *argv[], const char *datadir);

/*
 * Warns, at report.yaml's line, of what a year's move can lose without
 * an error: an earlier period with no case, a case completed in a gap
 * between two periods, a `created` date not after the period's end;
 * and, at the template's `@boards` line, a tile map left out because
 * input_dir/grid.yaml is missing (grid_missing set).
 */
void	year_warn(const struct cohort *c, const char *input_dir,
	    const char *template_path, int grid_missing, struct diag *d);

#endif

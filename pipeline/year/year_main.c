/*
 * year_main.c: the year's commands by name, new-year (cmd_year.c),
 * periods (cmd_periods.c) and compare (cmd_compare.c); above them all,
 * so that no two of their files call each other.
 */
#include <string.h>

#include "year.h"
#include "year_int.h"

int
year_main(int argc, char *argv[], const char *datadir)
{
	if (argc < 2)
		return -1;
	if (strcmp(argv[1], "new-year") == 0)
		return cmd_new_year(argc, argv);
	if (strcmp(argv[1], "periods") == 0)
		return cmd_periods(argc, argv);
	if (strcmp(argv[1], "compare") == 0)
		return cmd_compare(argc, argv, datadir);
	return -1;
}

/*
 * diag.h: diagnostics for users.  Every stage reports problems in its
 * input through a struct diag, which prints them as
 *     FILE:LINE:COL: error: message
 * and counts them, so that a run can report every problem and then stop.
 * For every stage and the commands (main.c, cli_*.c).
 */
#ifndef SCR_DIAG_H
#define SCR_DIAG_H

#include <stddef.h>
#include <stdarg.h>
#include <stdio.h>

enum diag_level {
	DIAG_WARNING,
	DIAG_ERROR,
	DIAG__MAX
};

struct diag_item {
	char		*file;	/* file name as given by the user */
	int		 line;	/* 1-based line, 0 for a whole-file problem */
	int		 col;	/* 1-based column, 0 when line is 0 */
	enum diag_level	 level;
	char		*msg;	/* the message, without location or level */
};

struct diag {
	FILE		 *stream;	/* where messages are printed, or NULL */
	struct diag_item *items;	/* every message, in report order */
	size_t		  nitems;
	size_t		  cap;
	size_t		  nerrors;	/* items with DIAG_ERROR */
};

/* Initialises d; messages are printed to stream as they come (NULL keeps
 * them only in d->items).  Release with diag_clear(). */
void	diag_init(struct diag *d, FILE *stream);
void	diag_clear(struct diag *d);

/* Records (and prints) one message at file:line:col. */
void	diag_error(struct diag *d, const char *file, int line, int col,
	    const char *fmt, ...) __attribute__((format(printf, 5, 6)));
void	diag_warn(struct diag *d, const char *file, int line, int col,
	    const char *fmt, ...) __attribute__((format(printf, 5, 6)));
void	diag_vmsg(struct diag *d, enum diag_level level, const char *file,
	    int line, int col, const char *fmt, va_list ap);

/* Moves every message of src into dst in order of position (line, then
 * column; ties keep their order), printing them as dst prints, and
 * empties src.  Lets a loader report one file's problems in file order. */
void	diag_move_sorted(struct diag *dst, struct diag *src);

/* Number of messages recorded for file (used to cap a runaway file). */
size_t	diag_count_file(const struct diag *d, const char *file);

/* Formats item i as it is printed ("FILE:LINE:COL: error: msg"), without
 * a newline; free with free(). */
char	*diag_format(const struct diag *d, size_t i);

#endif

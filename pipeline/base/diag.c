/*
 * diag.c: collecting and printing user diagnostics.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "diag.h"

static const char *const level_names[DIAG__MAX] = {
	"warning",	/* DIAG_WARNING */
	"error",	/* DIAG_ERROR */
};

void
diag_init(struct diag *d, FILE *stream)
{
	memset(d, 0, sizeof(*d));
	d->stream = stream;
}

void
diag_clear(struct diag *d)
{
	size_t i;

	for (i = 0; i < d->nitems; i++) {
		free(d->items[i].file);
		free(d->items[i].msg);
	}
	free(d->items);
	d->items = NULL;
	d->nitems = d->cap = d->nerrors = 0;
}

char *
diag_format(const struct diag *d, size_t i)
{
	const struct diag_item *it = &d->items[i];

	if (it->line > 0)
		return xasprintf("%s:%d:%d: %s: %s", it->file, it->line,
		    it->col, level_names[it->level], it->msg);
	return xasprintf("%s: %s: %s", it->file, level_names[it->level],
	    it->msg);
}

void
diag_vmsg(struct diag *d, enum diag_level level, const char *file, int line,
    int col, const char *fmt, va_list ap)
{
	struct diag_item *it;
	struct buf b;

	if (d->nitems == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 16;
		d->items = xreallocarray(d->items, d->cap, sizeof(*d->items));
	}
	it = &d->items[d->nitems++];
	it->file = xstrdup(file);
	it->line = line;
	it->col = line > 0 ? (col > 0 ? col : 1) : 0;
	it->level = level;
	buf_init(&b);
	buf_vprintf(&b, fmt, ap);
	it->msg = buf_take(&b);
	if (level == DIAG_ERROR)
		d->nerrors++;
	if (d->stream != NULL) {
		char *s = diag_format(d, d->nitems - 1);

		fprintf(d->stream, "%s\n", s);
		free(s);
	}
}

void
diag_error(struct diag *d, const char *file, int line, int col,
    const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vmsg(d, DIAG_ERROR, file, line, col, fmt, ap);
	va_end(ap);
}

void
diag_warn(struct diag *d, const char *file, int line, int col,
    const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vmsg(d, DIAG_WARNING, file, line, col, fmt, ap);
	va_end(ap);
}

static int
item_pos_cmp(const void *a, const void *b)
{
	const struct diag_item *x = *(const struct diag_item *const *)a;
	const struct diag_item *y = *(const struct diag_item *const *)b;

	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	return x < y ? -1 : x > y;	/* keep report order */
}

void
diag_move_sorted(struct diag *dst, struct diag *src)
{
	struct diag_item **order;
	size_t i;

	order = xcalloc(src->nitems, sizeof(*order));
	for (i = 0; i < src->nitems; i++)
		order[i] = &src->items[i];
	qsort(order, src->nitems, sizeof(*order), item_pos_cmp);
	for (i = 0; i < src->nitems; i++) {
		struct diag_item *it = order[i];

		if (it->level == DIAG_ERROR)
			diag_error(dst, it->file, it->line, it->col, "%s",
			    it->msg);
		else
			diag_warn(dst, it->file, it->line, it->col, "%s",
			    it->msg);
	}
	free(order);
	diag_clear(src);
}

size_t
diag_count_file(const struct diag *d, const char *file)
{
	size_t i, n = 0;

	for (i = 0; i < d->nitems; i++)
		if (strcmp(d->items[i].file, file) == 0)
			n++;
	return n;
}

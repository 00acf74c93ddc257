/*
 * year_lines.c: report.yaml as lines, edited in place: the text split
 * into lines, edits (a scalar replaced, lines inserted or replaced)
 * collected and applied in order, so that new-year changes the period,
 * earlier:, created: and pool and keeps every other byte, comments too.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <limits.h>

#include "util.h"
#include "yml.h"
#include "year_int.h"

void
lines_split(struct lines *l, const char *text)
{
	const char *p = text, *e;

	memset(l, 0, sizeof(*l));
	while (*p != '\0') {
		e = strchr(p, '\n');
		l->v = xreallocarray(l->v, l->n + 1, sizeof(*l->v));
		l->v[l->n++] = xstrndup(p, e ? (size_t)(e - p) : strlen(p));
		if (e == NULL)
			break;
		p = e + 1;
	}
	l->final_nl = *text != '\0' && text[strlen(text) - 1] == '\n';
}

char *
lines_join(const struct lines *l)
{
	struct buf b;
	size_t i;

	buf_init(&b);
	for (i = 0; i < l->n; i++) {
		buf_puts(&b, l->v[i]);
		if (i + 1 < l->n || l->final_nl)
			buf_putc(&b, '\n');
	}
	return buf_take(&b);
}

void
lines_free(struct lines *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
}



void
edit_add(struct edits *e, enum ekind k, int line, int col, int len,
    char *text)
{
	e->v = xreallocarray(e->v, e->n + 1, sizeof(*e->v));
	e->v[e->n].kind = k;
	e->v[e->n].line = line;
	e->v[e->n].col = k == E_INSERT_AFTER ? INT_MAX : col;
	e->v[e->n].len = len;
	e->v[e->n].text = text;
	e->n++;
}

/* Last edits first, so that earlier positions stay true. */
static int
edit_cmp(const void *a, const void *b)
{
	const struct edit *x = a, *y = b;

	if (x->line != y->line)
		return x->line > y->line ? -1 : 1;
	return (x->col < y->col) - (x->col > y->col);
}

static void
lines_insert(struct lines *l, size_t at, const char *text)
{
	const char *p = text, *e;

	for (;;) {
		e = strchr(p, '\n');
		l->v = xreallocarray(l->v, l->n + 1, sizeof(*l->v));
		memmove(l->v + at + 1, l->v + at, (l->n - at) * sizeof(*l->v));
		l->v[at++] = xstrndup(p, e ? (size_t)(e - p) : strlen(p));
		l->n++;
		if (e == NULL)
			break;
		p = e + 1;
	}
}

void
edits_apply(struct edits *e, struct lines *l)
{
	size_t i, k;

	qsort(e->v, e->n, sizeof(*e->v), edit_cmp);
	for (i = 0; i < e->n; i++) {
		struct edit *x = &e->v[i];
		size_t at = (size_t)x->line - 1;

		switch (x->kind) {
		case E_REPLACE: {
			char *s = l->v[at];

			l->v[at] = xasprintf("%.*s%s%s", x->col - 1, s,
			    x->text, s + x->col - 1 + x->len);
			free(s);
			break;
		}
		case E_INSERT_AFTER:
			lines_insert(l, at + 1, x->text);
			break;
		case E_REPLACE_LINES:
			for (k = at; k < (size_t)x->len; k++)
				free(l->v[k]);
			memmove(l->v + at, l->v + x->len,
			    (l->n - (size_t)x->len) * sizeof(*l->v));
			l->n -= (size_t)x->len - at;
			if (x->text != NULL)
				lines_insert(l, at, x->text);
			break;
		}
	}
	for (i = 0; i < e->n; i++)
		free(e->v[i].text);
	free(e->v);
	e->v = NULL;
	e->n = 0;
}

/* The bytes of the scalar written at s: quoted, or plain up to a comma,
 * brace, bracket, comment or the line's end (trailing blanks left). */
static int
scalar_len(const char *s)
{
	int i = 0;

	if (*s == '"' || *s == '\'') {
		for (i = 1; s[i] != '\0' && s[i] != *s; i++)
			if (*s == '"' && s[i] == '\\' && s[i + 1] != '\0')
				i++;
		return s[i] != '\0' ? i + 1 : i;
	}
	while (s[i] != '\0' && s[i] != ',' && s[i] != '}' && s[i] != ']' &&
	    !(s[i] == ' ' && s[i + 1] == '#'))
		i++;
	while (i > 0 && (s[i - 1] == ' ' || s[i - 1] == '\t'))
		i--;
	return i;
}

/* Replaces scalar node n's text with text. */
void
edit_scalar(struct edits *e, const struct lines *l, const struct ynode *n,
    char *text)
{
	const char *s = l->v[n->line - 1] + n->col - 1;

	edit_add(e, E_REPLACE, n->line, n->col, scalar_len(s), text);
}

/* The last line of node n and everything in it. */
int
node_last_line(const struct ynode *n)
{
	int last = n->line, k;
	size_t i;

	for (i = 0; i < n->nkids; i++)
		if ((k = node_last_line(n->kids[i])) > last)
			last = k;
	return last;
}

/* The key node of key in map, or NULL. */
const struct ynode *
map_key(const struct ynode *map, const char *key)
{
	size_t i;

	for (i = 0; map != NULL && map->type == YNODE_MAP &&
	    i + 1 < map->nkids; i += 2)
		if (map->kids[i]->type == YNODE_SCALAR &&
		    strcmp(map->kids[i]->str, key) == 0)
			return map->kids[i];
	return NULL;
}

char
char_at(const struct lines *l, const struct ynode *n)
{
	return l->v[n->line - 1][n->col - 1];
}


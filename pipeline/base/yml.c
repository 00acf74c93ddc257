/*
 * yml.c: libyaml's event API turned into a small tree of struct ynode,
 * refusing the YAML features our files have no use for.  This is the only
 * file that includes <yaml.h>.
 */
#include <sys/stat.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "util.h"
#include "diag.h"
#include "yml.h"

static const char *const ynode_type_names[YNODE__MAX] = {
	"a scalar",	/* YNODE_SCALAR */
	"a sequence",	/* YNODE_SEQ */
	"a mapping",	/* YNODE_MAP */
};

const char *
ynode_type_name(enum ynode_type t)
{
	return ynode_type_names[t];
}

/*
 * The nodes and strings of one tree live in a chain of chunks freed
 * together: a case file makes a few dozen small nodes, and one
 * allocation for all of them is what keeps loading 100 000 files close
 * to the cost of parsing them.
 */
struct yarena {
	struct yarena	*next;	/* older chunk */
	size_t		 used;	/* bytes handed out */
	size_t		 cap;	/* bytes in data */
	max_align_t	 data[];
};

#define YARENA_CHUNK	8192

/* Returns n zeroed bytes from the arena *a, adding a chunk as needed. */
static void *
ya_alloc(struct yarena **a, size_t n)
{
	struct yarena *c = *a;
	size_t al = sizeof(max_align_t);
	void *p;

	n = (n + al - 1) / al * al;
	if (c == NULL || c->cap - c->used < n) {
		size_t cap = n > YARENA_CHUNK ? n : YARENA_CHUNK;

		c = xmalloc(sizeof(*c) + cap);
		c->next = *a;
		c->used = 0;
		c->cap = cap;
		*a = c;
	}
	p = (char *)c->data + c->used;
	c->used += n;
	memset(p, 0, n);
	return p;
}

static void
ya_free(struct yarena *a)
{
	struct yarena *next;

	for (; a != NULL; a = next) {
		next = a->next;
		free(a);
	}
}

void
ynode_free(struct ynode *n)
{
	if (n != NULL)
		ya_free(n->arena);
}

struct ynode *
ynode_get(const struct ynode *map, const char *key)
{
	size_t i;

	if (map == NULL || map->type != YNODE_MAP)
		return NULL;
	for (i = 0; i + 1 < map->nkids; i += 2)
		if (strcmp(map->kids[i]->str, key) == 0)
			return map->kids[i + 1];
	return NULL;
}

/* The state of one parse. */
struct yml_state {
	const char	 *file;		/* name for diagnostics */
	struct diag	 *d;
	struct ynode	 *root;		/* the document's top node */
	struct ynode	 *stack[YML_MAX_DEPTH + 1]; /* open collections */
	struct {
		struct ynode	**v;	/* kids of stack[i] so far */
		size_t		  n;
		size_t		  cap;
	}		  open[YML_MAX_DEPTH + 1];
	size_t		  depth;	/* entries in stack */
	struct yarena	 *arena;	/* the tree's memory */
	size_t		  nodes;	/* nodes made so far */
	int		  ndocs;	/* documents started */
	int		  errors;	/* errors reported */
};

static void
yml_err(struct yml_state *st, yaml_mark_t mark, const char *fmt, const char *arg)
{
	/* libyaml marks are 0-based. */
	diag_error(st->d, st->file, (int)mark.line + 1, (int)mark.column + 1,
	    fmt, arg);
	st->errors++;
}

/* Adds kid to the open collection at depth k. */
static void
yml_push_kid(struct yml_state *st, size_t k, struct ynode *kid)
{
	if (st->open[k].n == st->open[k].cap) {
		st->open[k].cap = st->open[k].cap ? st->open[k].cap * 2 : 16;
		st->open[k].v = xreallocarray(st->open[k].v, st->open[k].cap,
		    sizeof(*st->open[k].v));
	}
	st->open[k].v[st->open[k].n++] = kid;
}

/* Closes the collection at depth k: its kids move into the arena. */
static void
yml_close(struct yml_state *st, size_t k)
{
	struct ynode *n = st->stack[k];

	n->nkids = st->open[k].n;
	if (n->nkids == 0)	/* [] or {} */
		return;
	n->kids = ya_alloc(&st->arena, n->nkids * sizeof(*n->kids));
	memcpy(n->kids, st->open[k].v, n->nkids * sizeof(*n->kids));
	st->open[k].n = 0;
}

static int
key_cmp(const void *a, const void *b)
{
	const struct ynode *ka = *(struct ynode *const *)a;
	const struct ynode *kb = *(struct ynode *const *)b;
	int c = strcmp(ka->str, kb->str);

	if (c != 0)
		return c;
	if (ka->line != kb->line)
		return ka->line < kb->line ? -1 : 1;
	return ka->col < kb->col ? -1 : ka->col > kb->col;
}

/* Reports every key that repeats an earlier key of the same mapping. */
static void
check_dup_keys(struct yml_state *st, const struct ynode *map)
{
	size_t nk = map->nkids / 2, i, j;
	struct ynode **keys;

	if (nk < 2)
		return;
	if (nk <= 16) {		/* small: compare directly, in file order */
		for (i = 1; i < nk; i++)
			for (j = 0; j < i; j++)
				if (strcmp(map->kids[2 * i]->str,
				    map->kids[2 * j]->str) == 0) {
					diag_error(st->d, st->file,
					    map->kids[2 * i]->line,
					    map->kids[2 * i]->col,
					    "duplicate key '%s' (first at "
					    "line %d)", map->kids[2 * i]->str,
					    map->kids[2 * j]->line);
					st->errors++;
					break;
				}
		return;
	}
	keys = xcalloc(nk, sizeof(*keys));
	for (i = 0; i < nk; i++)
		keys[i] = map->kids[2 * i];
	qsort(keys, nk, sizeof(*keys), key_cmp);
	for (i = 1; i < nk; i++)
		if (strcmp(keys[i]->str, keys[i - 1]->str) == 0) {
			diag_error(st->d, st->file, keys[i]->line, keys[i]->col,
			    "duplicate key '%s' (first at line %d)",
			    keys[i]->str, keys[i - 1]->line);
			st->errors++;
		}
	free(keys);
}

/* Checks the anchor and tag of a node event; reports and counts errors.
 * Only the core schema's tags are let through. */
static void
check_props(struct yml_state *st, yaml_mark_t mark, const yaml_char_t *anchor,
    const yaml_char_t *tag)
{
	if (anchor != NULL)
		yml_err(st, mark, "YAML anchors ('&%s') are not allowed here",
		    (const char *)anchor);
	static const char *const core[] = { "str", "int", "float", "bool",
	    "null", "seq", "map" };
	size_t i;

	if (tag == NULL)
		return;
	if (strncmp((const char *)tag, "tag:yaml.org,2002:", 18) == 0) {
		for (i = 0; i < sizeof(core) / sizeof(core[0]); i++)
			if (strcmp((const char *)tag + 18, core[i]) == 0)
				return;
		/* Print it as it was written: !!name. */
		diag_error(st->d, st->file, (int)mark.line + 1,
		    (int)mark.column + 1, "YAML tag '!!%s' is not allowed here",
		    (const char *)tag + 18);
		st->errors++;
		return;
	}
	yml_err(st, mark, "YAML tag '%s' is not allowed here",
	    (const char *)tag);
}

/* Makes a node for an event and hangs it under the open collection.
 * Returns the node, or NULL after reporting a fatal problem. */
static struct ynode *
yml_attach(struct yml_state *st, enum ynode_type type, yaml_mark_t mark)
{
	struct ynode *n, *parent;

	if (++st->nodes > YML_MAX_NODES) {
		diag_error(st->d, st->file, (int)mark.line + 1,
		    (int)mark.column + 1, "more than %d YAML nodes in one file",
		    YML_MAX_NODES);
		st->errors++;
		return NULL;
	}
	n = ya_alloc(&st->arena, sizeof(*n));
	n->type = type;
	n->line = (int)mark.line + 1;
	n->col = (int)mark.column + 1;
	if (st->depth == 0) {
		if (st->root != NULL)	/* cannot happen: one node a doc */
			return NULL;
		st->root = n;
		return n;
	}
	parent = st->stack[st->depth - 1];
	if (parent->type == YNODE_MAP && st->open[st->depth - 1].n % 2 == 0 &&
	    type != YNODE_SCALAR) {
		yml_err(st, mark, "%s", "a mapping key must be a plain value");
		return NULL;
	}
	yml_push_kid(st, st->depth - 1, n);
	return n;
}

/* Reports the error that stopped libyaml, at its position, with a hint
 * for the commonest cause (tabs). */
static void
yml_syntax_error(struct yml_state *st, const yaml_parser_t *p,
    const char *data, size_t len)
{
	const char *problem = p->problem ? p->problem : "malformed YAML";
	const char *hint = "";
	int line, col;

	if (p->error == YAML_READER_ERROR) {
		size_t off = p->problem_offset < len ? p->problem_offset : len;

		str_offset_pos(data, off, &line, &col);
		if (off < len && data[off] == '\0')
			problem = "a NUL character";
	} else {
		line = (int)p->problem_mark.line + 1;
		col = (int)p->problem_mark.column + 1;
		if (p->problem_mark.index < len &&
		    data[p->problem_mark.index] == '\t')
			hint = " (a tab: indent YAML with spaces)";
	}
	if (p->context != NULL)
		diag_error(st->d, st->file, line, col,
		    "YAML syntax error: %s, %s%s", problem, p->context, hint);
	else
		diag_error(st->d, st->file, line, col, "YAML syntax error: %s%s",
		    problem, hint);
	st->errors++;
}

/* Attaches the scalar of event ev, its value copied (an empty one when
 * too long or holding a NUL, after an error).  Returns 1, or 0 when
 * parsing must stop. */
static int
yml_scalar(struct yml_state *st, const yaml_event_t *ev)
{
	struct ynode *n;

	check_props(st, ev->start_mark, ev->data.scalar.anchor,
	    ev->data.scalar.tag);
	if ((n = yml_attach(st, YNODE_SCALAR, ev->start_mark)) == NULL)
		return 0;
	if (ev->data.scalar.length > YML_MAX_SCALAR) {
		diag_error(st->d, st->file, n->line, n->col,
		    "value longer than %u bytes", YML_MAX_SCALAR);
		st->errors++;
		n->str = ya_alloc(&st->arena, 1);
	} else if (memchr(ev->data.scalar.value, '\0',
	    ev->data.scalar.length) != NULL) {
		diag_error(st->d, st->file, n->line, n->col,
		    "value contains a NUL character");
		st->errors++;
		n->str = ya_alloc(&st->arena, 1);
	} else {
		n->len = ev->data.scalar.length;
		n->str = ya_alloc(&st->arena, n->len + 1);
		memcpy(n->str, ev->data.scalar.value, n->len);
	}
	n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
	return 1;
}

/* Attaches the sequence or mapping event ev starts and opens it, so
 * that what follows goes into it, up to YML_MAX_DEPTH levels.  Returns
 * 1, or 0 when parsing must stop. */
static int
yml_open(struct yml_state *st, const yaml_event_t *ev)
{
	struct ynode *n;
	int seq = ev->type == YAML_SEQUENCE_START_EVENT;

	if (seq)
		check_props(st, ev->start_mark, ev->data.sequence_start.anchor,
		    ev->data.sequence_start.tag);
	else
		check_props(st, ev->start_mark, ev->data.mapping_start.anchor,
		    ev->data.mapping_start.tag);
	if (st->depth >= YML_MAX_DEPTH) {
		diag_error(st->d, st->file, (int)ev->start_mark.line + 1,
		    (int)ev->start_mark.column + 1,
		    "nesting deeper than %d levels", YML_MAX_DEPTH);
		st->errors++;
		return 0;
	}
	if ((n = yml_attach(st, seq ? YNODE_SEQ : YNODE_MAP,
	    ev->start_mark)) == NULL)
		return 0;
	st->stack[st->depth++] = n;
	return 1;
}

int
yml_parse(const char *file, const char *data, size_t len, struct diag *d,
    struct ynode **rootp)
{
	yaml_parser_t parser;
	yaml_event_t ev;
	struct yml_state st;
	struct ynode *n;
	size_t i;
	int done = 0, fatal = 0;

	memset(&st, 0, sizeof(st));
	st.file = file;
	st.d = d;
	*rootp = NULL;
	if (len > YML_MAX_FILE) {
		diag_error(d, file, 0, 0, "file is larger than %u MiB",
		    YML_MAX_FILE / (1024 * 1024));
		return 0;
	}

	if (!yaml_parser_initialize(&parser)) {
		diag_error(d, file, 0, 0, "cannot initialise the YAML parser");
		return 0;
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)data, len);

	while (!done && !fatal) {
		if (!yaml_parser_parse(&parser, &ev)) {
			yml_syntax_error(&st, &parser, data, len);
			break;
		}
		switch (ev.type) {
		case YAML_STREAM_END_EVENT:
			done = 1;
			break;
		case YAML_DOCUMENT_START_EVENT:
			if (++st.ndocs > 1) {
				yml_err(&st, ev.start_mark, "%s", "a second "
				    "YAML document: a file holds one only");
				fatal = 1;
			}
			break;
		case YAML_ALIAS_EVENT:
			yml_err(&st, ev.start_mark, "YAML aliases ('*%s') are "
			    "not allowed", (const char *)ev.data.alias.anchor);
			fatal = 1;
			break;
		case YAML_SCALAR_EVENT:
			fatal = !yml_scalar(&st, &ev);
			break;
		case YAML_SEQUENCE_START_EVENT:
		case YAML_MAPPING_START_EVENT:
			fatal = !yml_open(&st, &ev);
			break;
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT:
			if (st.depth > 0) {
				n = st.stack[--st.depth];
				yml_close(&st, st.depth);
				if (n->type == YNODE_MAP)
					check_dup_keys(&st, n);
			}
			break;
		default:
			break;
		}
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&parser);
	for (i = 0; i <= YML_MAX_DEPTH; i++)
		free(st.open[i].v);

	if (st.errors > 0 || st.root == NULL) {
		ya_free(st.arena);
		return st.errors == 0;
	}
	st.root->arena = st.arena;
	*rootp = st.root;
	return 1;
}

int
yml_read_file(const char *file, struct diag *d, char **data, size_t *len)
{
	struct stat	 sb;

	switch (file_read_all(file, YML_MAX_FILE, data, len)) {
	case 0:
		return 1;
	case -2:
		diag_error(d, file, 0, 0, "file is larger than %u MiB",
		    YML_MAX_FILE / (1024 * 1024));
		return 0;
	case -3:
		/* Named without opening it again (a FIFO would wait). */
		diag_error(d, file, 0, 0, "%s, not a regular file; refusing "
		    "to read it", stat(file, &sb) == 0 ? file_kind(sb.st_mode)
		    : "a special file");
		return 0;
	default:
		diag_error(d, file, 0, 0, "cannot read: %s", strerror(errno));
		return 0;
	}
}

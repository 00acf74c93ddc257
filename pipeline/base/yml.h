/*
 * yml.h: a small, defensive YAML reader.  It turns one file into a tree of
 * struct ynode (scalars, sequences, mappings) with the 1-based position of
 * every node, and refuses what our files never need: several documents,
 * anchors, aliases, non-core tags, complex or duplicate keys, deep
 * nesting, huge scalars.  libyaml stays inside yml.c.
 * For the loaders (case_load.c, fig_load.c) only; later stages see typed
 * structs, never ynodes.
 */
#ifndef SCR_YML_H
#define SCR_YML_H

#include <stddef.h>

struct diag;
struct yarena;

/* Limits, far above real use and far below what would exhaust memory. */
#define YML_MAX_FILE	(4u * 1024 * 1024)	/* bytes in one file */
#define YML_MAX_DEPTH	64			/* nested collections */
#define YML_MAX_SCALAR	(64u * 1024)		/* bytes in one scalar */
#define YML_MAX_NODES	200000			/* nodes in one file */

enum ynode_type {
	YNODE_SCALAR,
	YNODE_SEQ,
	YNODE_MAP,
	YNODE__MAX
};

struct ynode {
	enum ynode_type	  type;
	int		  line;		/* 1-based line of the node's start */
	int		  col;		/* 1-based column of the node's start */
	char		 *str;		/* scalar: value, NUL-terminated */
	size_t		  len;		/* scalar: bytes in str */
	int		  plain;	/* scalar: 1 if written unquoted */
	struct ynode	**kids;		/* seq: items; map: key, value, key, ... */
	size_t		  nkids;	/* entries in kids (2 per pair in a map) */
	struct yarena	 *arena;	/* root only: the memory of the whole tree */
};

/*
 * Parses len bytes of data, named file in diagnostics, into a tree.
 * Returns 1 and sets *root (NULL for an empty stream) on success; returns
 * 0 after reporting every problem found to d.  Free the tree with
 * ynode_free().
 */
int	 yml_parse(const char *file, const char *data, size_t len,
	    struct diag *d, struct ynode **root);

/* Reads the whole of file into a new buffer (free with free()) for
 * yml_parse().  Returns 1, or 0 after reporting an I/O error or a file
 * over YML_MAX_FILE to d as a whole-file error. */
int	 yml_read_file(const char *file, struct diag *d, char **data,
	    size_t *len);

/* Frees a tree that yml_parse() or yml_load() returned, all at once
 * (every node lives in one arena owned by the root); accepts NULL. */
void	 ynode_free(struct ynode *n);

/* Returns the value for key in mapping map, or NULL. */
struct ynode *ynode_get(const struct ynode *map, const char *key);

/* Returns the name of a node type for messages ("a mapping"). */
const char *ynode_type_name(enum ynode_type t);

#endif

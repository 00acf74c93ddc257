/*
 * fig_cache.h: the solve cache (fig_cache.c), opt-in with --cache DIR.
 * Disclosure control is a pure function of the counted ledgers, the
 * figure definitions, the report's disclosure settings and the program
 * itself; the cache keeps its result (which cells are hidden, why, the
 * bounds a reader can tell, the bands) in DIR under a SHA-256 of all of
 * those, so that the next process asked the same solve (another make
 * target, another format) reads it instead of solving again.
 * For fig_eval.c (which asks it around each solve), main.c (which opens
 * it) and the tests.
 */
#ifndef SCR_FIG_CACHE_H
#define SCR_FIG_CACHE_H

#include <stddef.h>

struct fig_set;
struct fig_ledger;

/* The version of the entries' format and of the key's recipe: a change
 * of either makes every older entry a miss. */
#define FIG_CACHE_VERSION	1
/* At most this many entries are kept; the least recently used go. */
#define FIG_CACHE_MAX		64

/*
 * Uses dir (created, mode 0700, with any missing parent) as the cache
 * from now on, or none when dir is NULL.  Returns 1 on success, 0 when
 * dir cannot be used (a warning printed; the process solves as without
 * a cache).  Nothing is written outside dir, and nothing at all without
 * this call.
 */
int	fig_cache_open(const char *dir);

/* One solve asked of the cache: its key, between fig_cache_find() and
 * fig_cache_keep(). */
struct fig_cache_q {
	int		on;		/* 1: the cache is open and keyed */
	unsigned char	key[32];	/* SHA-256 of everything the solve reads */
	char		hex[65];	/* key in hex: the entry's file name */
	const char	*step;		/* what is solved ("period", ...) */
	unsigned long	warned;		/* fig_suppress_warned before it */
};

/*
 * Before a solve over led[0..n) (figures s, settings param[0..nparam)
 * the solve reads beside them, step naming which solve): computes its
 * key into q and, when an entry of that key is in the cache, whole and
 * matching led, sets the result fields of every value of led from it.
 * Returns 1 when it did (skip the solve), 0 otherwise (solve, then
 * fig_cache_keep()).  A damaged entry is ignored with a warning.
 */
int	fig_cache_find(struct fig_cache_q *q, const struct fig_set *s,
	    struct fig_ledger *const *led, size_t n, const char *step,
	    const long *param, size_t nparam);
/* After the solve fig_cache_find() missed: writes its result (the
 * result fields of led[0..n)) as the entry of q's key, atomically,
 * unless the solve printed a warning (fig_suppress_warned), which a hit
 * would not print again.  A failure to write is warned about once and
 * otherwise ignored. */
void	fig_cache_keep(const struct fig_cache_q *q,
	    struct fig_ledger *const *led, size_t n);

/* What the cache did since the process began (the tests count it). */
struct fig_cache_stats {
	unsigned long	hits, misses, damaged, written;
};
extern struct fig_cache_stats fig_cache_stats;

/* For the tests only: the path of q's entry (a new string; free with
 * free()), or NULL when the cache is off. */
char	*fig_cache_entry_path(const struct fig_cache_q *q);
/* For the tests only: forget the program's hash, so that the next key
 * is made with salt (a stand-in for a rebuilt binary) when not NULL. */
void	fig_cache_salt(const char *salt);

#endif

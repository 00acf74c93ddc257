/*
 * case_int.h: what the loaders of the case files share (case_value.c,
 * case_report.c, case_codebook.c, case_national.c, case_load.c): the state
 * of loading one file, the error reporter and the typed getters, which
 * check a value of the YAML tree against the case schema and report what
 * is wrong with it.  For those files only; the rest of the program sees
 * case.h.
 */
#ifndef CASE_INT_H
#define CASE_INT_H

#include <stddef.h>

/* Errors reported for one file before the rest of it is passed over. */
#define LOAD_MAX_ERRORS	50

/* Upper bounds on small numbers, far above real use. */
#define LOAD_MAX_HOUSEHOLD	100
#define LOAD_MAX_AREAS		100
#define LOAD_MAX_THRESHOLD	1000
#define LOAD_COLLAPSE		80	/* disclosure: collapse, by default */
#define LOAD_MIN_BASE		10	/* comparison: min_base, by default */
#define LOAD_MAX_BANDS		9	/* disclosure: bands, at most */

/* The state of loading one file. */
struct lctx {
	struct cohort	*c;
	struct diag	*d;
	const char	*file;		/* interned name */
	int		 errors;	/* errors reported for this file */
};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

void	lerr(struct lctx *, const struct ynode *, const char *, ...)
	__attribute__((format(printf, 3, 4)));
int	case_capped(struct lctx *);
int	case_is_null(const struct ynode *);
int	case_want_scalar(struct lctx *, const struct ynode *, const char *,
	    const char *);
char	*case_get_string(struct lctx *, const struct ynode *, const char *);
int	case_get_int(struct lctx *, const struct ynode *, const char *, long,
	    long, int *);
int	case_get_date(struct lctx *, const struct ynode *, const char *);
int	case_get_bool(struct lctx *, const struct ynode *, const char *, int *);
int	case_get_enum(struct lctx *, const struct ynode *, const char *,
	    const char *const *, size_t, size_t);
int	case_check_map(struct lctx *, const struct ynode *, const char *,
	    const char *const *, size_t, const char *const *, size_t);
char	**case_get_strv(struct lctx *, const struct ynode *, const char *,
	    size_t *);
/* qsort order of YAML scalars: by text, then by position. */
int	case_node_cmp(const void *, const void *);
void	case_check_unique(struct lctx *, const struct ynode **, size_t,
	    const char *);
void	case_check_slugs(struct lctx *, const struct ynode *);

/* One file's loader: checks root and fills the cohort. */
typedef void loadfn(struct lctx *, const struct ynode *);
int	case_parse_buf(struct cohort *, const char *, const char *, size_t,
	    struct diag *, loadfn *, const char *);

#endif

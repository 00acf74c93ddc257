/*
 * fig_load_int.h: what the loader of figures.yaml shares between its
 * files: the figure definitions (fig_load.c) and the relations between
 * them and the sets they count (fig_rel.c).
 */
#ifndef FIG_LOAD_INT_H
#define FIG_LOAD_INT_H

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

/* The state of one load. */
struct fig_loader {
	const char		*file;	/* name for diagnostics */
	struct diag		*d;
	const struct codebook	*cb;
	const char		**codenames; /* cb's names, for suggestions */
	size_t			 nwords; /* codewords per code set */
	int			 errors; /* errors reported so far */
};

extern const char *const fig_pop_names[FIG_POP__MAX];
extern const char *const fig_sum_names[FIG_SUM__MAX];

void	fig_err(struct fig_loader *L, const struct ynode *n, const char *fmt,
	    ...) __attribute__((format(printf, 3, 4)));
void	fig_err_unknown(struct fig_loader *L, const struct ynode *n,
	    const char *what, const char *word, const char *const *names,
	    size_t nnames);
int	fig_pred_equal(const struct fig_pred *a, const struct fig_pred *b);
void	fig_pred_conj(const struct fig_pred *p, const struct fig_pred **out,
	    size_t *n, size_t max);
void	fig_rel_clear(struct fig_rel *r);
void	fig_check_relations(struct fig_loader *L, struct fig_set *s,
	    const struct ynode *list);
void	fig_check_groups(struct fig_loader *L, const struct fig_set *s);

#endif /* !FIG_LOAD_INT_H */

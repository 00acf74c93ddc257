/*
 * year_int.h: what the year's commands (pipeline/year/: new-year in
 * cmd_year.c, periods in cmd_periods.c, compare in cmd_compare.c, the
 * warnings in year_warn.c) share: their exit statuses, options and dates
 * (cmd_year.c), and report.yaml as lines, edited in place
 * (year_lines.c), keeping every comment and every line new-year does not
 * change.
 */
#ifndef YEAR_INT_H
#define YEAR_INT_H

struct ynode;

#define EXIT_OK		0
#define EXIT_BAD	1
#define EXIT_USE	2
#define EXIT_SYS	3

/* The options of the year's commands; NULL when not given. */
struct yopts {
	const char	*input;
	const char	*cases;
	const char	*out;
	const char	*months;
	const char	*label;
	const char	*format;
	const char	*previous;
	const char	*figures;
};

int	yusage(const char *cmd, const char *msg, const char *arg);
int	yparse(int argc, char *argv[], const char *allowed, struct yopts *o);
void	iso(char buf[16], int d);
int	months_of(int from, int to);
const char *base_name(const char *path);
int	cmd_new_year(int argc, char *argv[]);
int	cmd_periods(int argc, char *argv[]);
int	cmd_compare(int argc, char *argv[], const char *datadir);

struct lines {
	char	**v;
	size_t	  n;
	int	  final_nl;	/* the text ended with a line break */
};

/* One edit of the text; line and col 1-based. */
enum ekind { E_REPLACE, E_INSERT_AFTER, E_REPLACE_LINES };
struct edit {
	enum ekind	 kind;
	int		 line;	/* REPLACE_LINES: the first */
	int		 col;	/* REPLACE: where; others: ordering only */
	int		 len;	/* REPLACE: bytes replaced; REPLACE_LINES:
				 * the last line */
	char		*text;	/* owned; may hold line breaks */
};

struct edits {
	struct edit	*v;
	size_t		 n;
};

void	lines_split(struct lines *l, const char *text);
char	*lines_join(const struct lines *l);
void	lines_free(struct lines *l);
void	edit_add(struct edits *e, enum ekind k, int line, int col,
	    int len, char *text);
void	edits_apply(struct edits *e, struct lines *l);
void	edit_scalar(struct edits *e, const struct lines *l,
	    const struct ynode *n, char *text);
int	node_last_line(const struct ynode *n);
const struct ynode *map_key(const struct ynode *map, const char *key);
char	char_at(const struct lines *l, const struct ynode *n);

#endif /* !YEAR_INT_H */

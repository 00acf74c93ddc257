/*
 * util.h: allocation wrappers, a growable string buffer and small string
 * helpers shared by every stage of scrpaper.
 * For every module; includes nothing of the pipeline's own.
 */
#ifndef SCR_UTIL_H
#define SCR_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <sys/types.h>

/* Exit status for a system error (memory, I/O, cairo). */
#define EXIT_SYSERR 3

/* Allocation wrappers: print "scrpaper: out of memory" and exit(EXIT_SYSERR)
 * on failure, so callers need no NULL checks.  Free results with free(). */
void *xmalloc(size_t size);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t size);
void *xreallocarray(void *p, size_t n, size_t size);
/* Makes room for item n of an array of n items grown one at a time, only
 * ever through this function: its capacity is kept at 4 or the power of
 * two at or above n, so appending n items costs O(n) in all (growing by
 * one with xreallocarray() copies the array each time under
 * AddressSanitizer, and in the worst case with any allocator). */
void *xgrowarray(void *p, size_t n, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* Returns a new string formatted as by printf; free with free(). */
char *xasprintf(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));

/* A growable NUL-terminated byte buffer; the struct is the caller's,
 * initialise with buf_init() and release with buf_clear(). */
struct buf {
	char	*data;	/* NUL-terminated contents, never NULL after init */
	size_t	 len;	/* bytes used, excluding the NUL */
	size_t	 cap;	/* bytes allocated */
};

void	buf_init(struct buf *b);
void	buf_clear(struct buf *b);
void	buf_reset(struct buf *b);
void	buf_putc(struct buf *b, char c);
void	buf_puts(struct buf *b, const char *s);
void	buf_putn(struct buf *b, const char *s, size_t n);
void	buf_printf(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void	buf_vprintf(struct buf *b, const char *fmt, va_list ap);
/* Appends s (NULL: nothing) with &, <, >, " and ' escaped (the last as
 * &#39;): fit for XML and HTML text and quoted attribute values alike. */
void	buf_put_xml(struct buf *b, const char *s);
/* Hands the contents to the caller (free with free()) and empties b;
 * b may be written to again (it then allocates afresh). */
char	*buf_take(struct buf *b);

/* Levenshtein edit distance between a and b, capped at cap+1 (cheap for
 * long strings that cannot be near misses). */
size_t	str_distance(const char *a, const char *b, size_t cap);

/* Returns the entry of names[0..n) nearest to word within a small edit
 * distance (case-insensitive), or NULL when nothing is near enough. */
const char *str_suggest(const char *word, const char *const *names, size_t n);

/* Returns the offset of the first byte of s[0..len) that is not valid
 * UTF-8, or len when all of it is. */
size_t	str_utf8_error(const char *s, size_t len);

/* Returns the number of UTF-8 characters in the string s. */
size_t	str_chars(const char *s);

/* Turns a byte offset into data into a 1-based line and column (columns
 * count characters, as libyaml's do). */
void	str_offset_pos(const char *data, size_t off, int *line, int *col);

/* Returns a new file-name-safe form of a name: ASCII letters and digits
 * lower-cased, every other run of characters one '-' ("Barking and
 * Dagenham" -> "barking-and-dagenham").  Free with free(). */
char	*str_slug(const char *name);

/* Reads the whole of path into a new NUL-terminated buffer (free with
 * free()); *len receives the size.  At most max bytes are read: a larger
 * file gives -2.  Returns 0 on success, -1 on an I/O error (errno set),
 * -2 when the file is too large, -3 when path is not a regular file
 * (a FIFO, a device, a socket: never opened for reading). */
int	file_read_all(const char *path, size_t max, char **data, size_t *len);

/*
 * Why an output file may not be written at path: NULL when nothing is
 * there or a regular file; else a static phrase naming what is there
 * ("a character device", "a symbolic link", "a folder"), which is never
 * replaced nor written through (-o /dev/null, -o /dev/stdout).
 */
const char *file_target_refusal(const char *path);

/* A static phrase naming the kind of file of a stat mode: "a regular
 * file", "a pipe (fifo)", "a character device", ... */
const char *file_kind(mode_t mode);

/*
 * The mark between a target's name and mkstemp()'s six characters in the
 * name of its temporary file; the stale-file cleanup removes only names
 * of exactly this form.  A name of FILE_NAME_ROOM characters less than
 * NAME_MAX (255) leaves room for it and the six characters.
 */
#define FILE_TMP_MARK	".scrpaper-tmp-"
#define FILE_NAME_ROOM	(sizeof(FILE_TMP_MARK) - 1 + 6)

/*
 * Writes data[0..len) to path in one piece: to a new temporary file
 * beside it (PATH.scrpaper-tmp-XXXXXX, created only now that the bytes
 * are ready, locked with flock() while it exists), then renamed into
 * place, so a reader never sees a partial file and a failure leaves an
 * existing file as it was.  A replaced file keeps its mode (and its
 * owner when run as root).  Temporary files of the same path left by a
 * killed run (exactly PATH.scrpaper-tmp-XXXXXX, this user's, unlocked)
 * are removed first; a concurrent run's are left alone, and so is any
 * other name.  The temporary file is known to the tmp_guard while it
 * exists.  No fsync.
 * Returns 0 on success, -1 on failure with errno set (EEXIST when path
 * is something file_target_refusal() refuses) and no file left behind.
 */
int	file_write_atomic(const char *path, const void *data, size_t len);
/* The same, a new file made with mode (less the umask) instead of 0666:
 * 0600 for a paper only its owner may read.  A mode narrower than 0666
 * also narrows a replaced file's kept mode (0644 becomes 0600).  The
 * temporary file is 0600 from its creation, so the bytes are never
 * readable by others. */
int	file_write_atomic_mode(const char *path, const void *data,
	    size_t len, unsigned mode);

/*
 * A temporary output file to remove if the process is stopped by SIGINT,
 * SIGTERM or SIGHUP while writing it, so no stray file is left beside the
 * real one.  tmp_guard_install() sets the handlers once (main.c);
 * tmp_guard_set(path) names the file being written, tmp_guard_set(NULL)
 * forgets it.  One file at a time.  SIGXFSZ is ignored, so that a
 * file-size limit surfaces as a write error.  A crash (SIGTRAP from a
 * library that cannot allocate, SIGSEGV, SIGBUS, SIGABRT; only SIGTRAP
 * under AddressSanitizer) prints "scrpaper: stopped by SIG...: most
 * likely out of memory ...", removes the file and exits EXIT_SYSERR;
 * a thread that takes one while another's is being reported waits for
 * that exit.
 */
void	tmp_guard_install(void);
void	tmp_guard_set(const char *path);
/* Names the worker processes (at most TMP_GUARD_MAX_CHILDREN) that the
 * handler passes a stopping signal on to, and waits for, before the
 * process stops: so no worker goes on writing after its parent is gone.
 * n = 0 forgets them. */
#define TMP_GUARD_MAX_CHILDREN	64
void	tmp_guard_children(const int *pids, size_t n);
/* Waits for the worker pid to end and reaps it, forgetting it first,
 * so that the handler never passes a signal on to a pid already reaped
 * (which could by then be another process's).  *status as waitpid()
 * gives it.  Returns 0, or -1 with errno set. */
int	tmp_guard_wait(int pid, int *status);
/* Whether pid is among the workers the handler would signal (tests). */
int	tmp_guard_knows(int pid);
/* Hold back (and then let through) the stopping signals around a step
 * that creates what the guard must know of (a temporary file, a worker),
 * so none can land between creating it and naming it to the guard. */
void	tmp_guard_hold(void);
void	tmp_guard_release(void);

#endif

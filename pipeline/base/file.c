/*
 * file.c: reading a whole file within a limit, and the safe writing of
 * output files: a temporary beside the target, written and synced, then
 * renamed over it; the temporary removed on a signal or a fatal error
 * (the tmp guard), stale ones of a killed run removed, and a target that
 * is not a regular file refused.
 */
#define _DEFAULT_SOURCE		/* flock(), sigaltstack() */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "util.h"

int
file_read_all(const char *path, size_t max, char **data, size_t *len)
{
	struct stat sb;
	char *p;
	size_t cap, n = 0;
	ssize_t r;
	int fd, rc = 0, saved;

	*data = NULL;
	*len = 0;
	/* O_NONBLOCK: opening a FIFO with no writer would wait for one
	 * (issue 31.11); only a regular file is read, and it then reads
	 * the same either way. */
	if ((fd = open(path, O_RDONLY | O_NONBLOCK)) == -1)
		return -1;
	if (fstat(fd, &sb) == -1) {
		saved = errno;
		close(fd);
		errno = saved;
		return -1;
	}
	if (S_ISDIR(sb.st_mode)) {
		close(fd);
		errno = EISDIR;
		return -1;
	}
	if (!S_ISREG(sb.st_mode)) {
		close(fd);
		return -3;
	}
	/* The size fstat gives is a first guess (the file may change);
	 * read until end of file either way. */
	cap = (uintmax_t)sb.st_size < max ? (size_t)sb.st_size + 1 : 65536;
	p = xmalloc(cap + 1);
	for (;;) {
		if (n == cap) {
			if (cap > max) {
				rc = -2;
				break;
			}
			cap *= 2;
			p = xrealloc(p, cap + 1);
		}
		r = read(fd, p + n, cap - n);
		if (r == 0)
			break;
		if (r < 0) {
			if (errno == EINTR)
				continue;
			rc = -1;
			break;
		}
		n += (size_t)r;
		if (n > max) {
			rc = -2;
			break;
		}
	}
	saved = errno;
	close(fd);
	if (rc != 0) {
		free(p);
		errno = saved;
		return rc;
	}
	p[n] = '\0';
	*data = p;
	*len = n;
	return 0;
}

/* The file tmp_guard_set() named; read by the signal handlers, which
 * may only use async-signal-safe calls. */
static char tmp_guard_path[4096];
static volatile sig_atomic_t tmp_guard_armed;
static pid_t tmp_guard_pids[TMP_GUARD_MAX_CHILDREN];
static volatile sig_atomic_t tmp_guard_npids;
/* The message a fatal signal prints, made when the handlers are set
 * (nothing may be formatted inside a handler). */
static char fatal_note[256];
static size_t fatal_notelen;

static void
tmp_guard_handler(int sig)
{
	sig_atomic_t i;

	/* Only workers not yet reaped are listed (tmp_guard_wait()), so no
	 * pid passed on to can belong to another process by now. */
	for (i = 0; i < tmp_guard_npids; i++)
		(void)kill(tmp_guard_pids[i], sig);
	for (i = 0; i < tmp_guard_npids; i++)
		while (waitpid(tmp_guard_pids[i], NULL, 0) == -1 &&
		    errno == EINTR)
			continue;
	if (tmp_guard_armed)
		(void)unlink(tmp_guard_path);
	signal(sig, SIG_DFL);
	raise(sig);
}

/* The name of a signal the fatal handler catches. */
static const char *
fatal_name(int sig)
{
	switch (sig) {
	case SIGSEGV:	return "SIGSEGV (segmentation fault)";
	case SIGBUS:	return "SIGBUS (bus error)";
	case SIGABRT:	return "SIGABRT (aborted)";
	case SIGTRAP:	return "SIGTRAP (a library gave up)";
	default:	return "a fatal signal";
	}
}

/* Set by the first thread to take a fatal signal. */
static atomic_flag fatal_taken = ATOMIC_FLAG_INIT;

/*
 * A crash (a library that cannot allocate aborts with SIGTRAP or
 * SIGABRT; fontconfig can fault): say so, remove the temporary file,
 * stop the workers and exit with EXIT_SYSERR instead of dying of a bare
 * signal.  Out of memory, two threads (pango's and fontconfig's own
 * among them) can fault at once: the first says so and exits; any other
 * waits for that exit here, where a handler reset to the default action
 * would kill the process with the bare signal mid-sentence.
 */
static void
fatal_handler(int sig)
{
	static const char head[] = "scrpaper: stopped by ";
	const char *name = fatal_name(sig);
	sig_atomic_t i;
	ssize_t w;

	if (atomic_flag_test_and_set(&fatal_taken))
		for (;;)
			pause();
	for (i = 0; i < tmp_guard_npids; i++)
		(void)kill(tmp_guard_pids[i], SIGTERM);
	if (tmp_guard_armed)
		(void)unlink(tmp_guard_path);
	w = write(STDERR_FILENO, head, sizeof(head) - 1);
	w = write(STDERR_FILENO, name, strlen(name));
	w = write(STDERR_FILENO, fatal_note, fatal_notelen);
	(void)w;
	_exit(EXIT_SYSERR);
}

/* The signals the guard handles. */
static void
tmp_guard_sigset(sigset_t *set)
{
	sigemptyset(set);
	sigaddset(set, SIGINT);
	sigaddset(set, SIGTERM);
	sigaddset(set, SIGHUP);
}

void
tmp_guard_hold(void)
{
	sigset_t set;

	tmp_guard_sigset(&set);
	sigprocmask(SIG_BLOCK, &set, NULL);
}

void
tmp_guard_release(void)
{
	sigset_t set;

	tmp_guard_sigset(&set);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
}

void
tmp_guard_children(const int *pids, size_t n)
{
	sigset_t all, old;
	size_t i;

	sigfillset(&all);
	sigprocmask(SIG_BLOCK, &all, &old);
	if (n > TMP_GUARD_MAX_CHILDREN)
		n = TMP_GUARD_MAX_CHILDREN;
	for (i = 0; i < n; i++)
		tmp_guard_pids[i] = (pid_t)pids[i];
	tmp_guard_npids = (sig_atomic_t)n;
	sigprocmask(SIG_SETMASK, &old, NULL);
}

int
tmp_guard_knows(int pid)
{
	sig_atomic_t i;

	for (i = 0; i < tmp_guard_npids; i++)
		if (tmp_guard_pids[i] == (pid_t)pid)
			return 1;
	return 0;
}

int
tmp_guard_wait(int pid, int *status)
{
	siginfo_t si;
	sigset_t all, old;
	sig_atomic_t i;
	int rc;

	/* Wait without reaping, so the pid stays this process's own while
	 * the handler may still pass a signal on to it... */
	memset(&si, 0, sizeof(si));
	while ((rc = waitid(P_PID, (id_t)pid, &si, WEXITED | WNOWAIT)) ==
	    -1 && errno == EINTR)
		continue;
	if (rc == -1)
		return -1;
	/* ...then forget it and reap it with every signal held. */
	sigfillset(&all);
	sigprocmask(SIG_BLOCK, &all, &old);
	for (i = 0; i < tmp_guard_npids; i++)
		if (tmp_guard_pids[i] == (pid_t)pid) {
			tmp_guard_pids[i] =
			    tmp_guard_pids[tmp_guard_npids - 1];
			tmp_guard_npids--;
			break;
		}
	while ((rc = waitpid((pid_t)pid, status, 0)) == -1 && errno == EINTR)
		continue;
	sigprocmask(SIG_SETMASK, &old, NULL);
	return rc == -1 ? -1 : 0;
}

void
tmp_guard_install(void)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP };
	/* Under AddressSanitizer its own reports of a fault matter more. */
#if defined(__SANITIZE_ADDRESS__)
	static const int fatal[] = { SIGTRAP };
#else
	static const int fatal[] = { SIGTRAP, SIGABRT, SIGSEGV, SIGBUS };
#endif
	static char altstack[65536];
	struct sigaction sa;
	struct rlimit rl;
	stack_t ss;
	size_t i;
	int n;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = tmp_guard_handler;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		(void)sigaction(sigs[i], &sa, NULL);
	/* Past a file-size limit, let write() fail with EFBIG (reported
	 * and cleaned up) instead of being killed with the file half
	 * written. */
	signal(SIGXFSZ, SIG_IGN);

	if (getrlimit(RLIMIT_AS, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY)
		n = snprintf(fatal_note, sizeof(fatal_note), ": most likely "
		    "out of memory (the address space is limited to %llu kB, "
		    "ulimit -v); the file being written was discarded\n",
		    (unsigned long long)(rl.rlim_cur / 1024));
	else
		n = snprintf(fatal_note, sizeof(fatal_note), ": out of "
		    "memory or an internal error; the file being written was "
		    "discarded\n");
	fatal_notelen = n > 0 && (size_t)n < sizeof(fatal_note) ?
	    (size_t)n : 0;
	/* A fault from a stack overflow needs a stack of its own. */
	ss.ss_sp = altstack;
	ss.ss_size = sizeof(altstack);
	ss.ss_flags = 0;
	(void)sigaltstack(&ss, NULL);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = fatal_handler;
	sa.sa_flags = SA_ONSTACK;
	sigfillset(&sa.sa_mask);
	for (i = 0; i < sizeof(fatal) / sizeof(fatal[0]); i++)
		(void)sigaction(fatal[i], &sa, NULL);
}

void
tmp_guard_set(const char *path)
{
	sigset_t all, old;

	sigfillset(&all);
	sigprocmask(SIG_BLOCK, &all, &old);
	tmp_guard_armed = 0;
	if (path != NULL && strlen(path) < sizeof(tmp_guard_path)) {
		memcpy(tmp_guard_path, path, strlen(path) + 1);
		tmp_guard_armed = 1;
	}
	sigprocmask(SIG_SETMASK, &old, NULL);
}

const char *
file_target_refusal(const char *path)
{
	struct stat sb;

	/* The path itself, never what a link points to: a link is not
	 * replaced (nor written through), since /dev/stdout, say, is one. */
	if (lstat(path, &sb) == -1)
		return NULL;	/* nothing there (or unreachable: the write
				   reports it) */
	if (S_ISREG(sb.st_mode))
		return NULL;
	return file_kind(sb.st_mode);
}

const char *
file_kind(mode_t mode)
{
	if (S_ISREG(mode))
		return "a regular file";
	if (S_ISLNK(mode))
		return "a symbolic link";
	if (S_ISDIR(mode))
		return "a folder";
	if (S_ISCHR(mode))
		return "a character device";
	if (S_ISBLK(mode))
		return "a block device";
	if (S_ISFIFO(mode))
		return "a pipe (fifo)";
	if (S_ISSOCK(mode))
		return "a socket";
	return "not a regular file";
}

/*
 * Splits path into its folder (a new string; free with free()) and its
 * last component (pointing into path).
 */
static char *
path_split(const char *path, const char **base)
{
	const char *slash = strrchr(path, '/');

	if (slash == NULL) {
		*base = path;
		return xstrdup(".");
	}
	*base = slash + 1;
	return slash == path ? xstrdup("/") :
	    xstrndup(path, (size_t)(slash - path));
}

/*
 * Whether name is base followed by FILE_TMP_MARK and mkstemp()'s six
 * characters [A-Za-z0-9]: the only names file_create_tmp() makes.
 */
static int
file_is_tmp_name(const char *name, const char *base)
{
	size_t blen = strlen(base), mlen = strlen(FILE_TMP_MARK), i;

	if (strncmp(name, base, blen) != 0 ||
	    strncmp(name + blen, FILE_TMP_MARK, mlen) != 0)
		return 0;
	name += blen + mlen;
	for (i = 0; i < 6; i++)
		if (!isascii((unsigned char)name[i]) ||
		    !isalnum((unsigned char)name[i]))
			return 0;
	return name[6] == '\0';
}

/*
 * Removes the temporary files of path (PATH.scrpaper-tmp-XXXXXX) that a
 * killed run left behind: only a name of exactly that pattern, a
 * regular file with one link, owned by this user.  A live temporary
 * file is locked (flock) by its writer for as long as it exists, so one
 * that can be locked is stale.  The name is unlinked only while it
 * still names the file locked, and a writer that finds its new file
 * unlinked under it starts afresh (file_write_atomic()), so two runs of
 * the same target may race.  Issue 31.5: a user's own file beside the
 * target (x.pdf.tmpNOTES!) is never taken for one.
 */
static void
file_remove_stale(const char *path)
{
	struct dirent *de;
	struct stat sb, fsb;
	const char *base;
	char *dir, *name;
	DIR *d;
	int fd;

	dir = path_split(path, &base);
	if ((d = opendir(dir)) == NULL) {
		free(dir);
		return;
	}
	while ((de = readdir(d)) != NULL) {
		if (!file_is_tmp_name(de->d_name, base))
			continue;
		name = xasprintf("%s/%s", dir, de->d_name);
		fd = open(name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK |
		    O_CLOEXEC | O_NOCTTY);
		if (fd != -1 && fstat(fd, &fsb) == 0 &&
		    S_ISREG(fsb.st_mode) && fsb.st_nlink == 1 &&
		    fsb.st_uid == geteuid() &&
		    flock(fd, LOCK_EX | LOCK_NB) == 0 &&
		    lstat(name, &sb) == 0 && sb.st_dev == fsb.st_dev &&
		    sb.st_ino == fsb.st_ino)
			(void)unlink(name);
		if (fd != -1)
			close(fd);
		free(name);
	}
	closedir(d);
	free(dir);
}

/*
 * Creates and locks a new temporary file for path (its name in *tmp,
 * free with free(), known to the guard).  Returns the descriptor, or -1
 * with errno set.
 */
static int
file_create_tmp(const char *path, char **tmp)
{
	struct stat sb;
	int fd, tries, saved;

	for (tries = 0; tries < 100; tries++) {
		*tmp = xasprintf("%s" FILE_TMP_MARK "XXXXXX", path);
		tmp_guard_hold();
		if ((fd = mkstemp(*tmp)) == -1) {
			saved = errno;
			tmp_guard_release();
			free(*tmp);
			*tmp = NULL;
			errno = saved;
			return -1;
		}
		tmp_guard_set(*tmp);
		tmp_guard_release();
		/* Between mkstemp() and the lock another run may have
		 * taken the file for stale and unlinked it: then again. */
		while (flock(fd, LOCK_EX) == -1 && errno == EINTR)
			continue;
		if (fstat(fd, &sb) == 0 && sb.st_nlink > 0)
			return fd;
		close(fd);
		tmp_guard_set(NULL);
		free(*tmp);
	}
	*tmp = NULL;
	errno = EAGAIN;
	return -1;
}

int
file_write_atomic(const char *path, const void *data, size_t len)
{
	return file_write_atomic_mode(path, data, len, 0666);
}

int
file_write_atomic_mode(const char *path, const void *data, size_t len,
    unsigned mode)
{
	struct stat sb;
	char	*tmp;
	FILE	*f;
	int	 fd, rc = -1, saved, have_old;
	mode_t	 mask;

	if (file_target_refusal(path) != NULL) {
		errno = EEXIST;
		return -1;
	}
	have_old = lstat(path, &sb) == 0 && S_ISREG(sb.st_mode);
	file_remove_stale(path);
	if ((fd = file_create_tmp(path, &tmp)) == -1)
		return -1;
	/* A replaced file keeps its mode (a board's paper kept at 0600
	 * stays so), and its owner when root writes it; a mode narrower
	 * than 0666 (the restricted edition's 0600) narrows it too, so a
	 * restricted paper never inherits a wider mode. */
	if (have_old) {
		if (geteuid() == 0)
			(void)fchown(fd, sb.st_uid, sb.st_gid);
		(void)fchmod(fd, (sb.st_mode & 07777) &
		    ((mode & 0666) == 0666 ? 07777 : (mode_t)mode));
	} else {
		mask = umask(0);
		umask(mask);
		(void)fchmod(fd, (mode_t)mode & ~mask);
	}
	if ((f = fdopen(fd, "wb")) == NULL) {
		saved = errno;
		close(fd);
		goto out;
	}
	/* No fsync: the rename below already keeps a reader from ever
	 * seeing a partial file, and a sync a paper made a batch of 33
	 * papers wait on the disk for no gain against interruption. */
	errno = 0;
	if (fwrite(data, 1, len, f) != len || fflush(f) != 0) {
		saved = errno ? errno : EIO;
		fclose(f);
		goto out;
	}
	/* Checked again at the last moment: nothing but a regular file
	 * (or a link) is ever replaced. */
	if (file_target_refusal(path) != NULL) {
		fclose(f);
		saved = EEXIST;
		goto out;
	}
	/* Renamed while the lock is held, so no other run can take the
	 * file for stale. */
	if (rename(tmp, path) != 0) {
		saved = errno;
		fclose(f);
		goto out;
	}
	rc = 0;
	saved = 0;
	if (fclose(f) != 0)
		saved = errno;	/* the bytes were flushed: only close */
out:
	if (rc != 0)
		(void)unlink(tmp);
	tmp_guard_set(NULL);
	free(tmp);
	errno = saved;
	return rc;
}

/*
 * test_util.c: tests of the output safety in pipeline/base/file.c: what an
 * output path may hold, the mode of a replaced file, the temporary files
 * a killed run left, and the worker list of the signal guard (issue 13);
 * a second thread's fatal signal while the first is being reported; the
 * array growth of xgrowarray().
 */
#define _DEFAULT_SOURCE		/* flock(), mkdtemp() */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <limits.h>
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <cmocka.h>
#include <pthread.h>
#include <time.h>

#include "case.h"
#include "util.h"

/* A fresh folder for one test; removed by rm_tree(). */
static char *
mkdir_tmp(void)
{
	const char *t = getenv("TMPDIR");
	char *dir = xasprintf("%s/scr-util.XXXXXX", t && *t ? t : "/tmp");

	assert_non_null(mkdtemp(dir));
	return dir;
}

static void
rm_tree(char *dir)
{
	char *cmd = xasprintf("rm -rf '%s'", dir);

	assert_int_equal(system(cmd), 0);
	free(cmd);
	free(dir);
}

/* Number of entries of dir other than . and .. */
static int
count_entries(const char *dir)
{
	char *cmd = xasprintf("ls -A '%s' | wc -l", dir);
	FILE *p = popen(cmd, "r");
	int n = -1;

	assert_non_null(p);
	assert_int_equal(fscanf(p, "%d", &n), 1);
	pclose(p);
	free(cmd);
	return n;
}

/* Issue 13.1: nothing but a regular file is replaced: not a device, a
 * pipe, a folder, nor a link (/dev/stdout is one). */
static void
test_issue13_1_output_never_replaces_a_device(void **state)
{
	char *dir = mkdir_tmp();
	char *fifo = xasprintf("%s/fifo.pdf", dir);
	char *lnk = xasprintf("%s/null.pdf", dir);
	char *reg = xasprintf("%s/reg.pdf", dir);
	struct stat sb;

	(void)state;
	assert_string_equal(file_target_refusal("/dev/null"),
	    "a character device");
	assert_non_null(file_target_refusal(dir));
	assert_null(file_target_refusal(reg));		/* not there */
	assert_int_equal(mkfifo(fifo, 0644), 0);
	assert_string_equal(file_target_refusal(fifo), "a pipe (fifo)");
	assert_int_equal(file_write_atomic(fifo, "x", 1), -1);
	assert_int_equal(errno, EEXIST);
	assert_int_equal(lstat(fifo, &sb), 0);
	assert_true(S_ISFIFO(sb.st_mode));
	assert_int_equal(symlink("/dev/null", lnk), 0);
	assert_string_equal(file_target_refusal(lnk), "a symbolic link");
	assert_int_equal(file_write_atomic(lnk, "x", 1), -1);
	assert_int_equal(lstat(lnk, &sb), 0);
	assert_true(S_ISLNK(sb.st_mode));
	assert_int_equal(file_write_atomic(reg, "x", 1), 0);
	assert_null(file_target_refusal(reg));
	assert_int_equal(count_entries(dir), 3);	/* no stray file */
	free(fifo);
	free(lnk);
	free(reg);
	rm_tree(dir);
}

/* Issue 13.6: a replaced file keeps its mode (a paper kept at 0600). */
static void
test_issue13_6_replaced_file_keeps_its_mode(void **state)
{
	char *dir = mkdir_tmp();
	char *path = xasprintf("%s/paper.pdf", dir);
	struct stat sb;

	(void)state;
	assert_int_equal(file_write_atomic(path, "old", 3), 0);
	assert_int_equal(chmod(path, 0600), 0);
	assert_int_equal(file_write_atomic(path, "new!", 4), 0);
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 07777, 0600);
	assert_int_equal(sb.st_size, 4);
	assert_int_equal(chmod(path, 0640), 0);
	assert_int_equal(file_write_atomic(path, "again", 5), 0);
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 07777, 0640);
	free(path);
	rm_tree(dir);
}

/* Issue 13.4: a temporary file a killed run left (nobody holds its lock)
 * is removed by the next write of the same target; one a live run holds
 * is left alone, and so are other files' and other names. */
static void
test_issue13_4_stale_temporary_removed_live_one_kept(void **state)
{
	char *dir = mkdir_tmp();
	char *path = xasprintf("%s/paper.pdf", dir);
	char *stale = xasprintf("%s/paper.pdf.scrpaper-tmp-AbC123", dir);
	char *live = xasprintf("%s/paper.pdf.scrpaper-tmp-LiVe99", dir);
	char *other = xasprintf("%s/other.pdf.scrpaper-tmp-AbC123", dir);
	char *odd = xasprintf("%s/paper.pdf.scrpaper-tmp-TooLong1", dir);
	int fd, lfd;

	(void)state;
	assert_true((fd = open(stale, O_CREAT | O_WRONLY, 0600)) >= 0);
	close(fd);
	assert_true((fd = open(other, O_CREAT | O_WRONLY, 0600)) >= 0);
	close(fd);
	assert_true((fd = open(odd, O_CREAT | O_WRONLY, 0600)) >= 0);
	close(fd);
	assert_true((lfd = open(live, O_CREAT | O_WRONLY, 0600)) >= 0);
	/* The lock of another process, as a running writer's. */
	assert_int_equal(flock(lfd, LOCK_EX), 0);
	if (fork() == 0) {
		_exit(file_write_atomic(path, "pdf", 3) == 0 ? 0 : 1);
	}
	{
		int status;

		assert_true(wait(&status) > 0);
		assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	}
	assert_int_equal(access(stale, F_OK), -1);
	assert_int_equal(access(live, F_OK), 0);
	assert_int_equal(access(other, F_OK), 0);
	assert_int_equal(access(odd, F_OK), 0);
	assert_int_equal(access(path, F_OK), 0);
	close(lfd);
	assert_int_equal(count_entries(dir), 4);
	free(path);
	free(stale);
	free(live);
	free(other);
	free(odd);
	rm_tree(dir);
}

/* Issue 31.5: the cleanup takes only names of exactly the pattern the
 * program makes (TARGET.scrpaper-tmp- and six [A-Za-z0-9]): a user's own
 * files beside the target, of the old pattern TARGET.tmp plus six
 * characters or the marker with other characters, all survive; a stale
 * one of the pattern goes. */
static void
test_issue31_5_cleanup_spares_user_files(void **state)
{
	static const char *const keep[] = {
		"x.pdf.tmpNOTES!", "x.pdf.tmpAbC123", "x.pdf.tmp123456",
		"x.pdf.scrpaper-tmp-NOTES!", "x.pdf.scrpaper-tmp-AbC12",
		"x.pdf.scrpaper-tmp-AbC1234", "x.pdf.scrpaper-tmp-Ab\xc3\xa9" "123",
	};
	char *dir = mkdir_tmp();
	char *path = xasprintf("%s/x.pdf", dir);
	char *stale = xasprintf("%s/x.pdf.scrpaper-tmp-AbC123", dir);
	char *name;
	size_t i;
	int fd;

	(void)state;
	for (i = 0; i < sizeof(keep) / sizeof(keep[0]); i++) {
		name = xasprintf("%s/%s", dir, keep[i]);
		assert_true((fd = open(name, O_CREAT | O_WRONLY, 0600)) >= 0);
		assert_int_equal(write(fd, "notes", 5), 5);
		close(fd);
		free(name);
	}
	assert_true((fd = open(stale, O_CREAT | O_WRONLY, 0600)) >= 0);
	close(fd);
	assert_int_equal(file_write_atomic(path, "pdf", 3), 0);
	for (i = 0; i < sizeof(keep) / sizeof(keep[0]); i++) {
		name = xasprintf("%s/%s", dir, keep[i]);
		assert_int_equal(access(name, F_OK), 0);
		free(name);
	}
	assert_int_equal(access(stale, F_OK), -1);
	assert_int_equal(count_entries(dir),
	    (int)(sizeof(keep) / sizeof(keep[0])) + 1);
	free(path);
	free(stale);
	rm_tree(dir);
}

/* Issue 31.13: the longest board name's paper (its slug, .html) and its
 * temporary file's mark fit in one file name. */
static void
test_issue31_13_longest_name_fits_with_tmp_suffix(void **state)
{
	char *dir = mkdir_tmp();
	char name[CASE_MAX_LSCB_NAME + 1], *path;

	(void)state;
	assert_true(CASE_MAX_LSCB_NAME + strlen(".html") + FILE_NAME_ROOM <=
	    NAME_MAX);
	memset(name, 'b', CASE_MAX_LSCB_NAME);
	name[CASE_MAX_LSCB_NAME] = '\0';
	path = xasprintf("%s/%s.html", dir, name);
	assert_int_equal(file_write_atomic(path, "html", 4), 0);
	assert_int_equal(count_entries(dir), 1);
	free(path);
	rm_tree(dir);
}

/* Issue 13.4: two writers of one target at once (each cleaning stale
 * temporaries of the other's name) both succeed and leave one file. */
static void
test_issue13_4_racing_writers_of_one_target(void **state)
{
	char *dir = mkdir_tmp();
	char *path = xasprintf("%s/paper.pdf", dir);
	pid_t pids[4];
	int i, k, status;

	(void)state;
	for (i = 0; i < 4; i++) {
		if ((pids[i] = fork()) == 0) {
			for (k = 0; k < 200; k++)
				if (file_write_atomic(path, "pdf", 3) != 0)
					_exit(1);
			_exit(0);
		}
		assert_true(pids[i] > 0);
	}
	for (i = 0; i < 4; i++) {
		assert_int_equal(waitpid(pids[i], &status, 0), pids[i]);
		assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	}
	assert_int_equal(count_entries(dir), 1);
	free(path);
	rm_tree(dir);
}

/* Issue 13.16: a worker reaped is forgotten by the guard first, so the
 * handler never passes a signal on to a pid that may be reused. */
static void
test_issue13_16_reaped_worker_is_never_signalled(void **state)
{
	pid_t done, alive;
	int pids[2], status;

	(void)state;
	if ((done = fork()) == 0)
		_exit(7);
	if ((alive = fork()) == 0) {
		pause();
		_exit(0);
	}
	pids[0] = (int)done;
	pids[1] = (int)alive;
	tmp_guard_children(pids, 2);
	assert_true(tmp_guard_knows(done));
	assert_int_equal(tmp_guard_wait(done, &status), 0);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 7);
	assert_false(tmp_guard_knows(done));
	assert_true(tmp_guard_knows(alive));
	assert_int_equal(kill(alive, SIGKILL), 0);
	assert_int_equal(tmp_guard_wait(alive, &status), 0);
	assert_true(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
	assert_false(tmp_guard_knows(alive));
	tmp_guard_children(NULL, 0);
}

/* Sleeps ms milliseconds. */
static void
sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
		continue;
}

/* The second thread of the child below: a fatal signal of its own while
 * the first thread's is being reported. */
static void *
second_fault(void *arg)
{
	(void)arg;
	sleep_ms(100);
	pthread_kill(pthread_self(), SIGTRAP);
	return NULL;
}

/*
 * Out of memory, two threads can take a fatal signal at once (pango's
 * and fontconfig's threads among them).  The first is reported
 * ("scrpaper: stopped by ...") and the process exits with EXIT_SYSERR;
 * the second must wait for that, not kill the process with the bare
 * signal halfway through the message (a handler reset to the default
 * action did, in one run of make check in about a hundred).  The child's
 * standard error is a full pipe, so the first report blocks until the
 * parent reads, while the second thread's signal comes.
 */
static void
test_fatal_signal_in_two_threads(void **state)
{
	int fd[2], fl, status;
	char buf[4096], tail[512];
	size_t nt = 0;
	ssize_t n;
	pid_t pid;
	pthread_t th;

	(void)state;
	assert_int_equal(pipe(fd), 0);
	if ((pid = fork()) == 0) {
		close(fd[0]);
		fl = fcntl(fd[1], F_GETFL);
		fcntl(fd[1], F_SETFL, fl | O_NONBLOCK);
		memset(buf, 'x', sizeof(buf));
		while (write(fd[1], buf, sizeof(buf)) > 0)
			continue;
		while (write(fd[1], buf, 1) > 0)
			continue;
		fcntl(fd[1], F_SETFL, fl);
		dup2(fd[1], STDERR_FILENO);
		tmp_guard_install();
		if (pthread_create(&th, NULL, second_fault, NULL) != 0)
			_exit(90);
		raise(SIGTRAP);
		_exit(91);
	}
	assert_true(pid > 0);
	close(fd[1]);
	sleep_ms(400);
	while ((n = read(fd[0], buf, sizeof(buf))) > 0) {
		size_t k = (size_t)n < sizeof(tail) - 1 ? (size_t)n :
		    sizeof(tail) - 1;

		/* Keep the last bytes read: the report comes after the
		 * filler. */
		if (nt + k > sizeof(tail) - 1) {
			size_t drop = nt + k - (sizeof(tail) - 1);

			memmove(tail, tail + drop, nt - drop);
			nt -= drop;
		}
		memcpy(tail + nt, buf + (size_t)n - k, k);
		nt += k;
	}
	tail[nt] = '\0';
	close(fd[0]);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), EXIT_SYSERR);
	assert_non_null(strstr(tail, "scrpaper: stopped by SIGTRAP (a "
	    "library gave up)"));
}

/* xgrowarray() grows at 0, 4, 8, 16, ... items only, to twice as many
 * (so appending is linear), keeps what the array held, and leaves every
 * slot up to its capacity writable (ASan checks that in make check
 * SANITIZE=1). */
static void
test_growarray_doubles_and_keeps_items(void **state)
{
	long *a = NULL, probe;
	size_t n, cap = 0, grew = 0, i;

	(void)state;
	for (n = 0; n < 100000; n++) {
		int grows = n == 0 || (n >= 4 && (n & (n - 1)) == 0);

		if (!grows) {
			/* No allocation may happen: a pointer that is not
			 * the heap's comes back as it went in. */
			assert_ptr_equal(xgrowarray(&probe, n, sizeof(*a)),
			    &probe);
		}
		a = xgrowarray(a, n, sizeof(*a));
		if (grows) {
			cap = n ? 2 * n : 4;
			grew++;
			/* The whole new capacity, once: until the next growth
			 * the array stays where it is (above). */
			for (i = n; i < cap; i++)
				a[i] = -1;
		}
		a[n] = (long)n * 7;
	}
	for (n = 0; n < 100000; n++)
		assert_int_equal(a[n], (long)n * 7);
	assert_int_equal(grew, 16);	/* 0, 4, 8, ..., 65536 */
	free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_issue13_1_output_never_replaces_a_device),
		cmocka_unit_test(test_issue13_6_replaced_file_keeps_its_mode),
		cmocka_unit_test(
		    test_issue13_4_stale_temporary_removed_live_one_kept),
		cmocka_unit_test(test_issue13_4_racing_writers_of_one_target),
		cmocka_unit_test(test_issue31_5_cleanup_spares_user_files),
		cmocka_unit_test(
		    test_issue31_13_longest_name_fits_with_tmp_suffix),
		cmocka_unit_test(
		    test_issue13_16_reaped_worker_is_never_signalled),
		cmocka_unit_test(test_fatal_signal_in_two_threads),
		cmocka_unit_test(test_growarray_doubles_and_keeps_items),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

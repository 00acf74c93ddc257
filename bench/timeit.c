/* timeit: wall-clock time of one command, in milliseconds.
 *
 *   timeit OUTFILE COMMAND [ARG...]
 *
 * Runs COMMAND (fork + execvp, stdin/stdout/stderr inherited), waits for it
 * and writes the elapsed wall time from just before fork to just after the
 * wait, as "MS" with microsecond resolution, to OUTFILE.  Exits with the
 * command's status (128 + signal if it was killed).  bench/run.sh runs it
 * inside `/usr/bin/time -v` and `timeout`, so their start-up is not timed.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	struct timespec t0, t1;
	pid_t pid;
	int st;
	FILE *f;

	if (argc < 3) {
		fprintf(stderr, "usage: %s OUTFILE COMMAND [ARG...]\n", argv[0]);
		return 2;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if ((pid = fork()) < 0) {
		perror("fork");
		return 125;
	}
	if (pid == 0) {
		execvp(argv[2], argv + 2);
		perror(argv[2]);
		_exit(127);
	}
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR) {
			perror("waitpid");
			return 125;
		}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if ((f = fopen(argv[1], "w")) == NULL) {
		perror(argv[1]);
		return 125;
	}
	fprintf(f, "%.3f\n", (double)(t1.tv_sec - t0.tv_sec) * 1e3 +
	    (double)(t1.tv_nsec - t0.tv_nsec) / 1e6);
	fclose(f);
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

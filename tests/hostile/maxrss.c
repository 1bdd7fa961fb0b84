/* maxrss.c -- runs a command and reports its exit status, peak memory and
 * time, for the hostile-input tests.
 *
 *	maxrss REPORT SECONDS COMMAND [ARG ...]
 *
 * Runs COMMAND with the same standard streams, kills it after SECONDS, and
 * writes one line to the file REPORT: "STATUS MAXRSS_KIB MILLISECONDS",
 * where STATUS is the exit status, or 128+N when signal N ended it.  The
 * peak resident set size comes from getrusage(2) through wait4(), so it
 * is the child's own, not this program's.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t expired;

static void
on_alarm(int sig)
{
	(void)sig;
	expired = 1;
}

static long
ms_since(const struct timespec *t0)
{
	struct timespec t1;

	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (t1.tv_sec - t0->tv_sec) * 1000 +
	    (t1.tv_nsec - t0->tv_nsec) / 1000000;
}

int
main(int argc, char **argv)
{
	struct sigaction sa;
	struct rusage ru;
	struct timespec t0;
	FILE *rep;
	pid_t pid;
	int st, status;

	if (argc < 4) {
		fprintf(stderr, "usage: maxrss REPORT SECONDS COMMAND "
		    "[ARG ...]\n");
		return 2;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if ((pid = fork()) < 0) {
		perror("fork");
		return 2;
	}
	if (pid == 0) {
		execvp(argv[3], argv + 3);
		perror(argv[3]);
		_exit(127);
	}
	sa.sa_handler = on_alarm;
	sa.sa_flags = 0;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGALRM, &sa, NULL);
	alarm((unsigned)atoi(argv[2]));
	while (wait4(pid, &st, 0, &ru) < 0) {
		if (errno != EINTR) {
			perror("wait4");
			return 2;
		}
		if (expired) {
			fprintf(stderr, "maxrss: %s ran longer than %s s; "
			    "killed\n", argv[3], argv[2]);
			kill(pid, SIGKILL);
			expired = 0;
		}
	}
	status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
	if ((rep = fopen(argv[1], "w")) == NULL) {
		perror(argv[1]);
		return 2;
	}
	/* Linux gives ru_maxrss in KiB. */
	fprintf(rep, "%d %ld %ld\n", status, ru.ru_maxrss, ms_since(&t0));
	fclose(rep);
	return 0;
}

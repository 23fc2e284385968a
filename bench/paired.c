/* paired.c - times two commands in paired, interleaved runs and prints the
 * median of each and the median of their per-pair ratios:
 *   paired N REF_CMD [ARG...] -- CMD [ARG...]
 * prints "REF_US CMD_US RATIO" (microseconds, ratio = CMD / REF).
 * Each pair runs both commands back to back, the reference first in even
 * pairs and second in odd ones, so a machine slowing down or speeding up
 * (other jobs, frequency scaling, a cold cache) weighs on both sides of
 * every ratio alike. The median of the ratios, not the ratio of the
 * medians: one pair disturbed by another process moves it at most one
 * rank. Timed here with a monotonic clock around fork, exec and wait, so
 * no timer process is counted. Standard output and error go to /dev/null;
 * an exit status above 1 (budgetlint's "findings" is 1) or a signal is a
 * failure of the bench. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

enum { MAX_PAIRS = 1000 };

/* Runs argv with its output discarded; its wall-clock time in
 * microseconds, or -1 when it could not run or failed. */
static double run_us(char **argv)
{
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	pid_t pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		int null = open("/dev/null", O_WRONLY);
		if (null >= 0) {
			dup2(null, 1);
			dup2(null, 2);
		}
		execvp(argv[0], argv);
		_exit(127);
	}
	int status;
	if (waitpid(pid, &status, 0) < 0)
		return -1;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if (!WIFEXITED(status) || WEXITSTATUS(status) > 1)
		return -1;
	return (double)(t1.tv_sec - t0.tv_sec) * 1e6 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e3;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static double median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof *v, cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

int main(int argc, char **argv)
{
	int sep = 0;
	for (int i = 2; i < argc && !sep; i++)
		if (!strcmp(argv[i], "--"))
			sep = i;
	int n = argc > 1 ? atoi(argv[1]) : 0;
	if (n < 1 || n > MAX_PAIRS || sep < 3 || sep + 1 >= argc) {
		fprintf(stderr, "usage: paired N(1..%d) REF_CMD [ARG...] -- CMD [ARG...]\n", MAX_PAIRS);
		return 2;
	}
	argv[sep] = NULL;
	char **ref = argv + 2, **cmd = argv + sep + 1;
	static double tr[MAX_PAIRS], tc[MAX_PAIRS], ratio[MAX_PAIRS];
	for (int i = 0; i < n; i++) {
		double a, b;
		if (i % 2 == 0) {
			a = run_us(ref);
			b = run_us(cmd);
		} else {
			b = run_us(cmd);
			a = run_us(ref);
		}
		if (a <= 0 || b < 0) {
			fprintf(stderr, "paired: '%s' failed\n", a <= 0 ? ref[0] : cmd[0]);
			return 1;
		}
		tr[i] = a;
		tc[i] = b;
		ratio[i] = b / a;
	}
	printf("%.0f %.0f %.3f\n", median(tr, n), median(tc, n), median(ratio, n));
	return 0;
}

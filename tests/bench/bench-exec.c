// SPDX-License-Identifier: GPL-2.0-only
/*
 * The guest benchmark's timer (shipped as a DATA file):
 *   bench-exec OUT ERR CMD [ARGS...]
 * runs CMD with its stdout in OUT and its stderr in ERR, and prints its wall
 * time from fork to exit in whole milliseconds. Its exit status is CMD's (127
 * when CMD cannot be run). Timing a command between two `date` runs instead
 * adds a process start of date's own to every figure, ~40 ms under TCG, for
 * both tools alike, which pulls every ratio towards 1.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>
#include <sys/wait.h>

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void redirect(const char *path, int fd)
{
	int f = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);

	if (f < 0 || dup2(f, fd) < 0) {
		perror(path);
		_exit(127);
	}
}

int main(int argc, char **argv)
{
	double start;
	int status;
	pid_t pid;

	if (argc < 4) {
		fprintf(stderr, "usage: bench-exec OUT ERR CMD [ARGS...]\n");
		return 2;
	}
	start = now_ms();
	pid = fork();
	if (pid < 0) {
		perror("fork");
		return 127;
	}
	if (pid == 0) {
		redirect(argv[1], STDOUT_FILENO);
		redirect(argv[2], STDERR_FILENO);
		execvp(argv[3], argv + 3);
		perror(argv[3]);
		_exit(127);
	}
	if (waitpid(pid, &status, 0) < 0) {
		perror("waitpid");
		return 127;
	}
	printf("%.0f\n", now_ms() - start);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

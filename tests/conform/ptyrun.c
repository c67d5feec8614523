// SPDX-License-Identifier: GPL-2.0-only
/*
 * ptyrun CMD [ARG...]: run CMD with its standard output on a pseudo
 * terminal, copying what it prints to our standard output byte for byte
 * (no \r\n translation), and exit with its status. Standard input and error
 * are left as they are, so a test sees what a user at a terminal sees on
 * stdout while still capturing stderr apart. For the conformance suite:
 * upstream's commands print human sizes only when isatty(1).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

static void run_child(int slave, char **argv)
{
	dup2(slave, STDOUT_FILENO);
	close(slave);
	execvp(argv[0], argv);
	fprintf(stderr, "ptyrun: %s: %m\n", argv[0]);
	_exit(127);
}

/* Until every writer has closed the terminal (read fails with EIO). */
static void copy_output(int master)
{
	char buf[4096];
	ssize_t n;

	while ((n = read(master, buf, sizeof(buf))) > 0 || (n < 0 && errno == EINTR))
		if (n > 0 && write(STDOUT_FILENO, buf, (size_t)n) != n)
			break;
}

int main(int argc, char **argv)
{
	int master, slave, status;
	struct termios t;
	pid_t pid;

	if (argc < 2) {
		fprintf(stderr, "usage: ptyrun CMD [ARG...]\n");
		return 2;
	}
	master = posix_openpt(O_RDWR | O_NOCTTY);
	if (master < 0 || grantpt(master) || unlockpt(master)) {
		perror("ptyrun: posix_openpt");
		return 127;
	}
	/* opened here, so the terminal exists even if the child fails early */
	slave = open(ptsname(master), O_RDWR | O_NOCTTY);
	if (slave < 0) {
		perror("ptyrun: open pty");
		return 127;
	}
	if (tcgetattr(slave, &t) == 0) {
		t.c_oflag &= ~OPOST;	/* what the program writes, unchanged */
		tcsetattr(slave, TCSANOW, &t);
	}
	pid = fork();
	if (pid < 0) {
		perror("ptyrun: fork");
		return 127;
	}
	if (pid == 0) {
		close(master);
		run_child(slave, argv + 1);
	}
	close(slave);
	copy_output(master);
	if (waitpid(pid, &status, 0) < 0)
		return 127;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

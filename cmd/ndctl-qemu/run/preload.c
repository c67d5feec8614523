// SPDX-License-Identifier: GPL-2.0-only
#define _GNU_SOURCE
/*
 * `ndctl-qemu run --preload N:FILE`: a label area written into DIMM N's backend file before
 * the first boot. FILE may be gzip-compressed (a name ending in .gz), as the guest harness's
 * PRELOAD takes it; ndkit links no zlib, so `gzip -dc` decompresses it. The whole area is read
 * and its size checked before anything is written: a refused FILE leaves the backend as it was.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "preload.h"
#include "session.h"

/* What FILE held: up to label-size bytes, and whether there were more. */
struct area {
	unsigned char *buf;
	size_t len;
	bool more;
};

static int read_area(int fd, size_t max, struct area *a)
{
	unsigned char extra;
	ssize_t n = 0;

	while (a->len < max && (n = read(fd, a->buf + a->len, max - a->len)) != 0) {
		if (n < 0 && errno != EINTR)
			return -errno;
		a->len += n > 0 ? n : 0;
	}
	a->more = read(fd, &extra, 1) > 0;
	return 0;
}

static bool is_gz(const char *file)
{
	size_t len = strlen(file);

	return len > 3 && strcmp(file + len - 3, ".gz") == 0;
}

/* `gzip -dc FILE` with its stdout on a pipe: the child's pid, the pipe's end in *fd. */
static pid_t spawn_gunzip(const char *file, int *fd)
{
	int p[2];
	pid_t pid;

	if (pipe2(p, O_CLOEXEC) < 0)
		return -1;
	pid = fork();
	if (pid == 0) {
		dup2(p[1], STDOUT_FILENO);
		execlp("gzip", "gzip", "-dc", "--", file, (char *)NULL);
		fprintf(stderr, "ndctl-qemu run: cannot run gzip: %s\n", strerror(errno));
		_exit(127);
	}
	close(p[1]);
	if (pid < 0)
		close(p[0]);
	*fd = p[0];
	return pid;
}

static int read_gz(const char *file, size_t max, struct area *a)
{
	int fd, wstatus = 0, rc;
	pid_t pid = spawn_gunzip(file, &fd);

	if (pid < 0)
		return run_error("--preload %s: cannot start gzip: %s", file, strerror(errno));
	rc = read_area(fd, max, a);
	close(fd);	/* gzip, if it has more, ends on SIGPIPE: the area is too large anyway */
	waitpid(pid, &wstatus, 0);
	if (rc < 0)
		return run_error("--preload %s: reading gzip's output: %s", file, strerror(-rc));
	if (!a->more && (!WIFEXITED(wstatus) || WEXITSTATUS(wstatus)))
		return usage_error("ndctl-qemu", "run", "--preload %s: 'gzip -dc' failed (%s %d); "
			"give a gzip-compressed label area, or an uncompressed one not named .gz",
			file, WIFEXITED(wstatus) ? "exit" : "signal",
			WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : WTERMSIG(wstatus));
	return 0;
}

static int read_plain(const char *file, size_t max, struct area *a)
{
	int fd = open(file, O_RDONLY | O_CLOEXEC), rc;

	if (fd < 0)
		return usage_error("ndctl-qemu", "run", "--preload %s: %s", file, strerror(errno));
	rc = read_area(fd, max, a);
	close(fd);
	if (rc < 0)
		return usage_error("ndctl-qemu", "run", "--preload %s: %s", file, strerror(-rc));
	return 0;
}

/* The size must be the DIMM's label-size exactly, as the guest reads the whole area. */
static int check_size(const char *file, const struct area *a, uint64_t label_size)
{
	const char *what = is_gz(file) ? "decompresses to" : "holds";

	if (!a->more && a->len == label_size)
		return 0;
	if (a->more)
		return usage_error("ndctl-qemu", "run", "--preload %s %s more than %llu bytes, the "
			"DIMM's label-size: give a label area of exactly that size", file, what,
			(unsigned long long)label_size);
	return usage_error("ndctl-qemu", "run", "--preload %s %s %zu bytes but the DIMM's "
		"label-size is %llu: give a label area of exactly that size", file, what, a->len,
		(unsigned long long)label_size);
}

int run_preload(const struct plan_dimm *d, const char *file)
{
	struct area a = { .buf = malloc(d->label_size) };
	int rc, out;

	if (!a.buf)
		return run_error("out of memory");
	rc = is_gz(file) ? read_gz(file, d->label_size, &a) : read_plain(file, d->label_size, &a);
	if (!rc)
		rc = check_size(file, &a, d->label_size);
	if (!rc) {
		out = open(d->file, O_WRONLY | O_CLOEXEC);
		if (out < 0 || pwrite(out, a.buf, a.len, d->size - d->label_size) != (ssize_t)a.len)
			rc = run_error("--preload %s: cannot write %s: %s", file, d->file,
				strerror(errno));
		if (out >= 0)
			close(out);
	}
	free(a.buf);
	return rc;
}

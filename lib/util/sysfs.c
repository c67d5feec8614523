// SPDX-License-Identifier: LGPL-2.1-or-later
#define _GNU_SOURCE	/* dladdr */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <dlfcn.h>
#include "util/sysfs.h"

/*
 * NDKIT_SYSFS_STATS=1 prints, at exit, how many attributes this library read
 * and wrote: how the benchmarks count reads per object. Each shared library
 * holds its own copy of this file, so each prints its own line (ndkit's
 * commands build the libraries in: one line, named after the command).
 */
static unsigned long stats_reads, stats_writes;
static int stats_on = -1;

static void stats_print(void)
{
	Dl_info info;
	const char *lib = dladdr((void *)stats_print, &info) && info.dli_fname ?
		strrchr(info.dli_fname, '/') : NULL;

	fprintf(stderr, "ndkit-sysfs-stats %s: %lu attribute reads, %lu writes\n",
			lib ? lib + 1 : "?", stats_reads, stats_writes);
}

static void stats_count(unsigned long *counter)
{
	if (stats_on < 0) {
		const char *env = getenv("NDKIT_SYSFS_STATS");

		stats_on = env && env[0] && strcmp(env, "0") != 0;
		if (stats_on)
			atexit(stats_print);
	}
	(*counter)++;
}

int path_printf(char *buf, size_t len, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, len, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= len)
		return -ENAMETOOLONG;
	return 0;
}

int path_join(char *buf, size_t len, const char *dir, const char *name)
{
	size_t ldir = dir ? strlen(dir) + 1 : 0, lname = strlen(name);

	if (ldir + lname >= len)
		return -ENAMETOOLONG;
	if (dir) {
		memcpy(buf, dir, ldir - 1);
		buf[ldir - 1] = '/';
	}
	memcpy(buf + ldir, name, lname + 1);
	return 0;
}

int sysfs_read_attr(struct log_ctx *log, const char *path, char *buf)
{
	return sysfs_read_attr_at(log, AT_FDCWD, path, buf);
}

int sysfs_read_attr_at(struct log_ctx *log, int dirfd, const char *path, char *buf)
{
	int fd, rc = sysfs_read_attr_open(log, dirfd, path, buf, &fd);

	if (!rc)
		close(fd);
	return rc;
}

int sysfs_read_attr_open(struct log_ctx *log, int dirfd, const char *path, char *buf,
		int *fdp)
{
	int fd = openat(dirfd, path, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	*fdp = -1;
	stats_count(&stats_reads);
	if (fd < 0) {
		log_dbg(log, "open %s: %s\n", path, strerror(errno));
		return -errno;
	}
	n = read(fd, buf, SYSFS_ATTR_SIZE - 1);
	if (n < 0) {
		int rc = -errno;

		log_dbg(log, "read %s: %s\n", path, strerror(errno));
		close(fd);
		return rc;
	}
	*fdp = fd;
	buf[n] = '\0';
	if (n > 0 && buf[n - 1] == '\n')
		buf[n - 1] = '\0';
	return 0;
}

static int write_attr(struct log_ctx *log, const char *path, const char *value,
		int fail_prio)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	size_t len = strlen(value);
	ssize_t n;
	int rc;

	stats_count(&stats_writes);
	if (fd < 0) {
		rc = -errno;
		log_cond(log, fail_prio, "open %s: %s\n", path, strerror(errno));
		return rc;
	}
	n = write(fd, value, len);
	rc = n < 0 ? -errno : ((size_t)n == len ? 0 : -EIO);
	close(fd);
	if (rc)
		log_cond(log, fail_prio, "write '%s' to %s: %s\n", value, path,
				strerror(-rc));
	return rc;
}

int sysfs_write_attr(struct log_ctx *log, const char *path, const char *value)
{
	return write_attr(log, path, value, LOG_ERR);
}

int sysfs_write_attr_quiet(struct log_ctx *log, const char *path, const char *value)
{
	return write_attr(log, path, value, LOG_DEBUG);
}

int sysfs_parse_u64(const char *text, int base, uint64_t *out)
{
	char *end;

	errno = 0;
	*out = strtoull(text, &end, base);
	return errno || end == text ? -EINVAL : 0;
}

unsigned long long sysfs_loose_u64(const char *text, unsigned long long if_empty)
{
	return text[0] ? strtoull(text, NULL, 0) : if_empty;
}

long long sysfs_loose_s64(const char *text, long long if_empty)
{
	return text[0] ? strtoll(text, NULL, 0) : if_empty;
}

int sysfs_read_u64(struct log_ctx *log, const char *path, uint64_t *out)
{
	char buf[SYSFS_ATTR_SIZE];
	int rc = sysfs_read_attr(log, path, buf);

	return rc ? rc : sysfs_parse_u64(buf, 0, out);
}

uint64_t sysfs_attr_u64(struct log_ctx *log, const char *dir, const char *attr,
		uint64_t fallback)
{
	char path[PATH_MAX];
	uint64_t v;

	if (path_printf(path, sizeof(path), "%s/%s", dir, attr) || sysfs_read_u64(log, path, &v))
		return fallback;
	return v;
}

int root_replace(char **root, const char *root_new)
{
	char *copy = strdup(root_new ? root_new : "");
	size_t len;

	if (!copy)
		return -ENOMEM;
	len = strlen(copy);
	while (len > 0 && copy[len - 1] == '/')
		copy[--len] = '\0';
	free(*root);
	*root = copy;
	return 0;
}

/* SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef NDKIT_UTIL_SYSFS_H
#define NDKIT_UTIL_SYSFS_H
#include <stddef.h>
#include <stdint.h>
#include "util/log.h"

#define SYSFS_ATTR_SIZE 1024

/*
 * Read one attribute into buf (trailing newline stripped). Returns 0 or a
 * negative errno; a failure is logged at debug level only, because probing
 * attributes that may be absent is normal.
 */
int sysfs_read_attr(struct log_ctx *log, const char *path, char *buf);
/* The same, path relative to the directory dirfd (or AT_FDCWD). */
int sysfs_read_attr_at(struct log_ctx *log, int dirfd, const char *path, char *buf);
/* The same, leaving the attribute open on success: *fd for the caller to close. */
int sysfs_read_attr_open(struct log_ctx *log, int dirfd, const char *path, char *buf,
		int *fd);
int sysfs_write_attr(struct log_ctx *log, const char *path, const char *value);
/* Like sysfs_write_attr but failure is expected by the caller: logged at debug. */
int sysfs_write_attr_quiet(struct log_ctx *log, const char *path, const char *value);
/*
 * Numbers as the kernel prints them in attributes, read two ways, each what
 * its callers have always done:
 * - strict (libdaxctl): a number in base (0: decimal or 0x-hex), else
 *   -EINVAL (no digits, or out of range), and the caller takes its fallback;
 * - loose (libndctl, as upstream's libndctl): whatever strtoull/strtoll make
 *   of the text, if_empty only for an empty one.
 */
int sysfs_parse_u64(const char *text, int base, uint64_t *out);
unsigned long long sysfs_loose_u64(const char *text, unsigned long long if_empty);
long long sysfs_loose_s64(const char *text, long long if_empty);
/* Read path and parse it strictly (base 0); returns 0 or a negative errno. */
int sysfs_read_u64(struct log_ctx *log, const char *path, uint64_t *out);
/* dir/attr, strictly; fallback when absent, unreadable or not a number. */
uint64_t sysfs_attr_u64(struct log_ctx *log, const char *dir, const char *attr,
		uint64_t fallback);

/* snprintf into a path buffer; returns -ENAMETOOLONG instead of truncating. */
int path_printf(char *buf, size_t len, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* "dir/name" (name alone when dir is NULL): path_printf's common case, no format to parse. */
int path_join(char *buf, size_t len, const char *dir, const char *name);

/*
 * Replace *root with a copy of root without trailing slashes: "" (or "/")
 * means the running system, anything else a captured tree used by tests.
 */
int root_replace(char **root, const char *root_new);
#endif

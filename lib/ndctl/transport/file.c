// SPDX-License-Identifier: LGPL-2.1-or-later
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "private.h"
#include "xport.h"

/*
 * A raw label area file, or a QEMU memory-backend-file whose label area is
 * its last label-size bytes:
 *
 *   0                                    fsize - label_size       fsize
 *   +------------------------------------+------------------------+
 *   | guest-visible pmem                 | label area (index,...) |
 *   +------------------------------------+------------------------+
 */
struct file_xport {
	struct ndctl_lsa_xport base;
	int fd;
	uint64_t offset;	/* of the label area in the file */
	uint64_t fsize;
	char *path;
};

static struct file_xport *to_file(const struct ndctl_lsa_xport *t)
{
	return (struct file_xport *)t;
}

static int file_read(struct ndctl_lsa_xport *t, uint64_t off, void *buf, size_t len)
{
	struct file_xport *f = to_file(t);
	ssize_t n = pread(f->fd, buf, len, (off_t)(f->offset + off));

	if (n == (ssize_t)len)
		return 0;
	return lsa_xport_err(t, n < 0 ? -errno : -EIO, "%s: read failed at %#llx: %s", f->path,
		(unsigned long long)(f->offset + off), n < 0 ? strerror(errno) : "short read");
}

/* A short pwrite (a full disk, a signal) is continued; one that writes nothing fails. */
static int file_write(struct ndctl_lsa_xport *t, uint64_t off, const void *buf, size_t len)
{
	struct file_xport *f = to_file(t);
	const uint8_t *p = buf;
	ssize_t n = 0;

	while (len) {
		n = pwrite(f->fd, p, len, (off_t)(f->offset + off));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		p += n;
		off += (uint64_t)n;
		len -= (size_t)n;
	}
	if (!len)
		return 0;
	return lsa_xport_err(t, n < 0 ? -errno : -ENOSPC, "%s: write failed at %#llx: %s", f->path,
		(unsigned long long)(f->offset + off), n < 0 ? strerror(errno) : "no space left on the file system");
}

static int file_sync(struct ndctl_lsa_xport *t)
{
	struct file_xport *f = to_file(t);

	if (fdatasync(f->fd) == 0)
		return 0;
	return lsa_xport_err(t, -errno, "%s: cannot make the writes durable (fdatasync): %m", f->path);
}

static void file_close(struct ndctl_lsa_xport *t)
{
	struct file_xport *f = to_file(t);

	if (f->fd >= 0)
		close(f->fd);
	free(f->path);
	free(f);
}

static const struct lsa_xport_ops file_ops = {
	.read = file_read,
	.write = file_write,
	.sync = file_sync,
	.close = file_close,
};

/* The label area is the window [offset, offset + size) of the file. */
int lsa_file_set_window(struct ndctl_lsa_xport *t, uint64_t offset, uint64_t size)
{
	struct file_xport *f = to_file(t);

	if (offset + size > f->fsize || offset + size < offset)
		return lsa_xport_err(t, -EINVAL, "%s: %llu bytes at %#llx are past the file end",
			f->path, (unsigned long long)size, (unsigned long long)offset);
	f->offset = offset;
	t->size = size;
	return 0;
}

uint64_t lsa_file_size(const struct ndctl_lsa_xport *t)
{
	return to_file(t)->fsize;
}

const char *lsa_file_path(const struct ndctl_lsa_xport *t)
{
	return to_file(t)->path;
}

/* The whole file as the window; the label engine narrows it (label/probe.c). */
int lsa_file_open_whole(struct ndctl_ctx *ctx, const char *path, unsigned flags,
		struct ndctl_lsa_xport **out)
{
	struct file_xport *f = calloc(1, sizeof(*f));
	bool rw = flags & NDCTL_LSA_WRITABLE;
	struct stat st;
	int rc;

	*out = NULL;
	if (!f)
		return lsa_xport_nomem(ctx, path);
	lsa_xport_init(&f->base, &file_ops, ctx, rw);
	f->path = strdup(path);
	f->fd = open(path, (rw ? O_RDWR : O_RDONLY) | O_CLOEXEC);
	*out = &f->base;	/* even on failure: the caller reads the message, then closes */
	if (!f->path)
		return lsa_xport_err(&f->base, -ENOMEM, "out of memory");
	if (f->fd < 0)
		return lsa_xport_err(&f->base, -errno, "%s: cannot open: %m%s", path,
			errno == EACCES && rw ? " (writing needs write permission)" : "");
	/* before the probe reads the tail: what it finds must still hold when we write */
	rc = lsa_xport_lock_at_open(&f->base, f->fd, f->path, lsa_open_wait_ms(flags));
	if (rc < 0)
		return rc;
	if (fstat(f->fd, &st) < 0)
		return lsa_xport_err(&f->base, -errno, "%s: %m", f->path);
	f->fsize = (uint64_t)st.st_size;
	f->base.size = f->fsize;
	return 0;
}

NDCTL_EXPORT uint64_t ndctl_lsa_file_offset(const struct ndctl_lsa_xport *t)
{
	return t->ops == &file_ops ? to_file(t)->offset : 0;
}

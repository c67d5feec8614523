// SPDX-License-Identifier: LGPL-2.1-or-later
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "private.h"
#include "label/codec.h"
#include "xport.h"

/*
 * A raw label area file, or a QEMU memory-backend-file whose label area is
 * its last label-size bytes:
 *
 *   0                                    fsize - label_size       fsize
 *   +------------------------------------+------------------------+
 *   | guest-visible pmem                 | label area (index,...) |
 *   +------------------------------------+------------------------+
 *
 * Unless the caller gives the label size, the open finds it: the window that
 * holds a valid index block, as the label codec (label/codec.h, pure
 * functions over a buffer) recognizes one. The transport reads, the codec
 * judges: nothing here knows the index format.
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
static int set_window(struct ndctl_lsa_xport *t, uint64_t offset, uint64_t size)
{
	struct file_xport *f = to_file(t);

	if (offset + size > f->fsize || offset + size < offset)
		return lsa_xport_err(t, -EINVAL, "%s: %llu bytes at %#llx are past the file end",
			f->path, (unsigned long long)size, (unsigned long long)offset);
	f->offset = offset;
	t->size = size;
	return 0;
}

/* The whole file as the window; ndctl_lsa_file_open narrows it. */
static int open_whole(struct ndctl_ctx *ctx, const char *path, unsigned flags,
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

#define RAW_AREA_MAX (16ull << 20)	/* an index-less file up to this size is taken as raw */

/* Is there an index signature at either of the window's two index offsets? */
static bool index_signed(struct ndctl_lsa_xport *t, uint32_t isz)
{
	char sig[IDX_SIG_LEN];

	for (unsigned i = 0; i < 2; i++)
		if (ndctl_lsa_xport_read(t, (uint64_t)i * isz, sig, sizeof(sig)) == 0 &&
				memcmp(sig, lsa_index_sig, sizeof(sig)) == 0)
			return true;
	return false;
}

/*
 * Does the window [start, start + cfg) hold a valid index (either block,
 * either L)? Signatures first: taking a whole 16 GiB backend for one area
 * would otherwise read (and allocate) its 32 MiB of index blocks.
 */
static bool has_valid_index(struct ndctl_lsa_xport *t, uint64_t start, uint64_t cfg)
{
	static const unsigned sizes[] = { 128, 256 };
	bool found = false;

	if (set_window(t, start, cfg))
		return false;
	for (unsigned s = 0; s < 2 && !found; s++) {
		uint32_t isz = lsa_isz_of_area(cfg, sizes[s]);
		uint8_t *buf = isz && index_signed(t, isz) ? malloc(2 * (size_t)isz) : NULL;
		const char *id;

		if (buf && ndctl_lsa_xport_read(t, 0, buf, 2 * (size_t)isz) == 0)
			found = !lsa_index_check(buf, cfg, sizes[s], 0, &id) ||
				!lsa_index_check(buf, cfg, sizes[s], 1, &id);
		free(buf);
	}
	return found;
}

/* Plausible label sizes: 128 KiB steps up to 4 MiB, then powers of two up to 1 GiB. */
static uint64_t next_candidate(uint64_t s)
{
	return s < (4ull << 20) ? s + (128ull << 10) : s * 2;
}

/* The whole file, else the smallest candidate tail, holding a valid index? */
static bool probe_windows(struct ndctl_lsa_xport *t, uint64_t fsize, uint64_t *out)
{
	uint64_t s;

	*out = fsize;
	if (has_valid_index(t, 0, fsize))
		return true;
	for (s = 128ull << 10; s < fsize && s <= (1ull << 30); s = next_candidate(s))
		if (has_valid_index(t, fsize - s, s)) {
			*out = s;
			return true;
		}
	return false;
}

/*
 * A candidate window failing (even a read error in it) is expected, not the
 * caller's error: the transport is quiet meanwhile (its messages go to the
 * debug log only); the verdict is reported by the caller.
 */
static bool find_label_size(struct ndctl_lsa_xport *t, uint64_t fsize, uint64_t *out)
{
	bool found;

	t->quiet++;
	found = probe_windows(t, fsize, out);
	t->quiet--;
	return found;
}

static int detect_label_size(struct ndctl_lsa_xport *t, uint64_t fsize, uint64_t *out)
{
	if (find_label_size(t, fsize, out) || fsize <= RAW_AREA_MAX)
		return 0;
	return lsa_xport_err(t, -ENOENT,
		"%s: no label index found at the end of this %llu-byte file: give the label size (e.g. --label-size=128K for a QEMU nvdimm backend; --label-size=%llu, the whole file, for a CXL label storage area)",
		to_file(t)->path, (unsigned long long)fsize, (unsigned long long)fsize);
}

NDCTL_EXPORT int ndctl_lsa_file_open(struct ndctl_ctx *ctx, const char *path, uint64_t label_size,
		unsigned flags, struct ndctl_lsa_xport **out)
{
	int rc = open_whole(ctx, path, flags, out);
	uint64_t fsize;

	if (rc < 0)
		return rc;
	fsize = to_file(*out)->fsize;
	if (label_size > fsize)
		return lsa_xport_err(*out, -EINVAL,
			"%s: label size %llu is larger than the file (%llu bytes): give a smaller label size",
			path, (unsigned long long)label_size, (unsigned long long)fsize);
	if (!label_size) {
		rc = detect_label_size(*out, fsize, &label_size);
		if (rc < 0)
			return rc;
		ndctl_lsa_xport_reset_counters(*out);	/* the probe is not the caller's I/O */
		(*out)->errmsg[0] = '\0';
	}
	return set_window(*out, fsize - label_size, label_size);
}

NDCTL_EXPORT uint64_t ndctl_lsa_file_offset(const struct ndctl_lsa_xport *t)
{
	return t->ops == &file_ops ? to_file(t)->offset : 0;
}

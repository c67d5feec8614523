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
#include "label/engine.h"

/*
 * A raw label area file, or a QEMU memory-backend-file whose label area is
 * its last label-size bytes:
 *
 *   0                                    fsize - label_size       fsize
 *   +------------------------------------+------------------------+
 *   | guest-visible pmem                 | label area (index,...) |
 *   +------------------------------------+------------------------+
 */
#define RAW_AREA_MAX (16ull << 20)	/* an index-less file up to this size is taken as raw */

struct file_xport {
	struct ndctl_lsa_xport base;
	int fd;
	uint64_t offset;
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

static int file_write(struct ndctl_lsa_xport *t, uint64_t off, const void *buf, size_t len)
{
	struct file_xport *f = to_file(t);
	ssize_t n = pwrite(f->fd, buf, len, (off_t)(f->offset + off));

	if (n == (ssize_t)len)
		return 0;
	return lsa_xport_err(t, n < 0 ? -errno : -EIO, "%s: write failed at %#llx: %s", f->path,
		(unsigned long long)(f->offset + off), n < 0 ? strerror(errno) : "short write");
}

static int file_lock(struct ndctl_lsa_xport *t)
{
	return lsa_xport_flock(t, to_file(t)->fd, to_file(t)->path);
}

static void file_unlock(struct ndctl_lsa_xport *t)
{
	lsa_xport_funlock(to_file(t)->fd);
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
	.lock = file_lock,
	.unlock = file_unlock,
	.close = file_close,
};

/* Is there an index signature at either of the two index offsets? */
static bool index_signed(int fd, uint64_t start, uint32_t isz)
{
	char sig[IDX_SIG_LEN];
	unsigned i;

	for (i = 0; i < 2; i++)
		if (pread(fd, sig, sizeof(sig), (off_t)(start + (uint64_t)i * isz)) ==
				(ssize_t)sizeof(sig) && memcmp(sig, lsa_index_sig, sizeof(sig)) == 0)
			return true;
	return false;
}

/*
 * Does the area of cfg bytes at file offset start hold a valid index (either
 * slot, either L)? Signatures first: taking a whole 16 GiB backend for an area
 * would otherwise read (and allocate) its 32 MiB of index blocks.
 */
static bool has_valid_index(int fd, uint64_t start, uint64_t cfg)
{
	static const unsigned sizes[] = { 128, 256 };
	bool found = false;
	unsigned s;

	for (s = 0; s < 2 && !found; s++) {
		uint32_t isz = lsa_isz_of_area(cfg, sizes[s]);
		uint8_t *buf = isz && index_signed(fd, start, isz) ? malloc(2 * (size_t)isz) : NULL;
		const char *id;

		if (buf && pread(fd, buf, 2 * (size_t)isz, (off_t)start) == 2 * (ssize_t)isz)
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

static int detect_label_size(struct file_xport *f, uint64_t fsize, uint64_t *out)
{
	uint64_t s;

	if (has_valid_index(f->fd, 0, fsize)) {
		*out = fsize;
		return 0;
	}
	for (s = 128ull << 10; s < fsize && s <= (1ull << 30); s = next_candidate(s)) {
		if (has_valid_index(f->fd, fsize - s, s)) {
			*out = s;
			return 0;
		}
	}
	if (fsize <= RAW_AREA_MAX) {
		*out = fsize;
		return 0;
	}
	return lsa_xport_err(&f->base, -ENOENT,
		"%s: no label index found at the end of this %llu-byte file: give the label size (e.g. --label-size=128K)",
		f->path, (unsigned long long)fsize);
}

static int file_setup(struct file_xport *f, uint64_t label_size)
{
	struct stat st;
	uint64_t fsize;
	int rc;

	if (fstat(f->fd, &st) < 0)
		return lsa_xport_err(&f->base, -errno, "%s: %m", f->path);
	fsize = (uint64_t)st.st_size;
	if (label_size > fsize)
		return lsa_xport_err(&f->base, -EINVAL,
			"%s: label size %llu is larger than the file (%llu bytes): give a smaller label size",
			f->path, (unsigned long long)label_size, (unsigned long long)fsize);
	if (!label_size) {
		rc = detect_label_size(f, fsize, &label_size);
		if (rc < 0)
			return rc;
	}
	f->offset = fsize - label_size;
	f->base.size = label_size;
	return 0;
}

NDCTL_EXPORT int ndctl_lsa_file_open(const char *path, uint64_t label_size, unsigned flags,
		struct ndctl_lsa_xport **out)
{
	struct file_xport *f = calloc(1, sizeof(*f));
	bool rw = flags & NDCTL_LSA_WRITABLE;
	int rc;

	*out = NULL;
	if (!f)
		return -ENOMEM;
	f->base.ops = &file_ops;
	f->base.writable = rw;
	f->path = strdup(path);
	f->fd = open(path, (rw ? O_RDWR : O_RDONLY) | O_CLOEXEC);
	*out = &f->base;	/* even on failure: the caller reads the message, then closes */
	if (!f->path)
		return lsa_xport_err(&f->base, -ENOMEM, "out of memory");
	if (f->fd < 0)
		return lsa_xport_err(&f->base, -errno, "%s: cannot open: %m%s", path,
			errno == EACCES && rw ? " (writing needs write permission)" : "");
	rc = file_setup(f, label_size);
	return rc;
}

NDCTL_EXPORT uint64_t ndctl_lsa_file_offset(const struct ndctl_lsa_xport *t)
{
	return t->ops == &file_ops ? to_file(t)->offset : 0;
}

// SPDX-License-Identifier: LGPL-2.1-or-later
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <linux/ndctl.h>
#include "private.h"
#include "xport.h"

/*
 * /dev/nmemN label commands (docs/labels.md §5). Each transfer is one ioctl
 * of at most max_xfer bytes:
 *   GET_CONFIG_DATA: { u32 in_offset; u32 in_length; u32 status; u8 out_buf[len] }
 *   SET_CONFIG_DATA: { u32 in_offset; u32 in_length; u8 in_buf[len]; u32 status }
 * Firmware failures come back in status, not errno.
 */
struct dsm_xport {
	struct ndctl_lsa_xport base;
	int fd;
	char *path;
	uint8_t *cmd;		/* one command buffer sized for max_xfer */
};

static struct dsm_xport *to_dsm(const struct ndctl_lsa_xport *t)
{
	return (struct dsm_xport *)t;
}

static int ioctl_err(struct dsm_xport *d, const char *what)
{
	int e = errno;

	switch (e) {
	case EPERM:
	case EACCES:
		return lsa_xport_err(&d->base, -e, "%s: %s refused (%s): run as root",
			d->path, what, strerror(e));
	case ENOTTY:
	case EINVAL:
		return lsa_xport_err(&d->base, -e, "%s: %s is not supported by this DIMM: check nmemN/commands (QEMU needs label-size=...)",
			d->path, what);
	case EBUSY:
		return lsa_xport_err(&d->base, -e, "%s: %s: the DIMM is busy (active): disable its regions first",
			d->path, what);
	default:
		return lsa_xport_err(&d->base, -e, "%s: %s failed: %s", d->path, what, strerror(e));
	}
}

static int status_err(struct dsm_xport *d, const char *what, uint32_t status)
{
	return lsa_xport_err(&d->base, -EIO, "%s: %s: firmware status %u (%s)", d->path, what, status,
		status == 1 ? "not supported" : status == 3 ? "invalid input" : "failure");
}

static int dsm_read(struct ndctl_lsa_xport *t, uint64_t off, void *buf, size_t len)
{
	struct dsm_xport *d = to_dsm(t);
	struct nd_cmd_get_config_data_hdr *hdr = (void *)d->cmd;

	char what[64];

	memset(hdr, 0, sizeof(*hdr));
	hdr->in_offset = (uint32_t)off;
	hdr->in_length = (uint32_t)len;
	snprintf(what, sizeof(what), "get_config_data of %zu bytes at %#llx", len,
			(unsigned long long)off);
	if (ioctl(d->fd, ND_IOCTL_GET_CONFIG_DATA, hdr) < 0)
		return ioctl_err(d, what);
	if (hdr->status)
		return status_err(d, what, hdr->status);
	memcpy(buf, hdr->out_buf, len);
	return 0;
}

static int dsm_write(struct ndctl_lsa_xport *t, uint64_t off, const void *buf, size_t len)
{
	struct dsm_xport *d = to_dsm(t);
	struct nd_cmd_set_config_hdr *hdr = (void *)d->cmd;
	uint32_t status = 0;
	char what[64];

	hdr->in_offset = (uint32_t)off;
	hdr->in_length = (uint32_t)len;
	memcpy(hdr->in_buf, buf, len);
	memcpy(hdr->in_buf + len, &status, sizeof(status));
	/* which transfer failed: the caller tells what was written before it */
	snprintf(what, sizeof(what), "set_config_data of %zu bytes at %#llx", len,
			(unsigned long long)off);
	if (ioctl(d->fd, ND_IOCTL_SET_CONFIG_DATA, hdr) < 0)
		return ioctl_err(d, what);
	memcpy(&status, hdr->in_buf + len, sizeof(status));
	if (status)
		return status_err(d, what, status);
	return 0;
}

static void dsm_close(struct ndctl_lsa_xport *t)
{
	struct dsm_xport *d = to_dsm(t);

	if (d->fd >= 0)
		close(d->fd);
	free(d->cmd);
	free(d->path);
	free(d);
}

static const struct lsa_xport_ops dsm_ops = {
	.read = dsm_read,
	.write = dsm_write,
	.close = dsm_close,
};

static int dsm_setup(struct dsm_xport *d)
{
	struct nd_cmd_get_config_size sz = { 0 };

	if (ioctl(d->fd, ND_IOCTL_GET_CONFIG_SIZE, &sz) < 0)
		return ioctl_err(d, "get_config_size");
	if (sz.status)
		return status_err(d, "get_config_size", sz.status);
	if (!sz.config_size || !sz.max_xfer)
		return lsa_xport_err(&d->base, -ENXIO, "%s: the DIMM reports no label area (size %u, max_xfer %u)",
			d->path, sz.config_size, sz.max_xfer);
	d->base.size = sz.config_size;
	d->base.max_xfer = sz.max_xfer;
	/* big enough for either command: 12-byte get header or 8 + data + 4 set */
	d->cmd = calloc(1, (size_t)sz.max_xfer + 16);
	return d->cmd ? 0 : lsa_xport_err(&d->base, -ENOMEM, "out of memory");
}

NDCTL_EXPORT int ndctl_lsa_dsm_open(struct ndctl_ctx *ctx, const char *devpath, unsigned flags,
		struct ndctl_lsa_xport **out)
{
	struct dsm_xport *d = calloc(1, sizeof(*d));
	bool rw = flags & NDCTL_LSA_WRITABLE;
	int rc;

	*out = NULL;
	if (!d)
		return lsa_xport_nomem(ctx, devpath);
	lsa_xport_init(&d->base, &dsm_ops, ctx, rw);
	d->path = strdup(devpath);
	/*
	 * Like upstream, open O_RDWR even to read (the ioctl path is only
	 * exercised that way); read-only callers still cannot write, the
	 * writable flag guards that. Fall back to O_RDONLY for reads.
	 */
	d->fd = open(devpath, O_RDWR | O_CLOEXEC);
	if (d->fd < 0 && !rw)
		d->fd = open(devpath, O_RDONLY | O_CLOEXEC);
	*out = &d->base;	/* even on failure: the caller reads the message, then closes */
	if (!d->path)
		return lsa_xport_err(&d->base, -ENOMEM, "out of memory");
	if (d->fd < 0)
		return lsa_xport_err(&d->base, -errno, "%s: cannot open: %m (is the nvdimm module loaded and are you root?)",
			devpath);
	rc = lsa_xport_lock_at_open(&d->base, d->fd, d->path, lsa_open_wait_ms(flags));
	return rc < 0 ? rc : dsm_setup(d);
}

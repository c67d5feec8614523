// SPDX-License-Identifier: LGPL-2.1-or-later
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include "private.h"
#include "xport.h"

int lsa_xport_err(struct ndctl_lsa_xport *t, int err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(t->errmsg, sizeof(t->errmsg), fmt, ap);
	va_end(ap);
	if (t->ctx)
		err(t->ctx, "%s\n", t->errmsg);
	return err;
}

static int check_range(struct ndctl_lsa_xport *t, uint64_t off, size_t len)
{
	if (off > t->size || len > t->size - off)
		return lsa_xport_err(t, -ERANGE,
			"range %#llx+%#zx is past the label area end %#llx",
			(unsigned long long)off, len, (unsigned long long)t->size);
	return 0;
}

static size_t chunk_len(const struct ndctl_lsa_xport *t, size_t left)
{
	return t->max_xfer && left > t->max_xfer ? t->max_xfer : left;
}

NDCTL_EXPORT int ndctl_lsa_xport_read(struct ndctl_lsa_xport *t, uint64_t off, void *buf, size_t len)
{
	uint8_t *p = buf;
	int rc = check_range(t, off, len);

	while (rc == 0 && len) {
		size_t n = chunk_len(t, len);

		rc = t->ops->read(t, off, p, n);
		t->counters.transfers++;
		if (rc == 0)
			t->counters.bytes_read += n;
		off += n;
		p += n;
		len -= n;
	}
	return rc;
}

NDCTL_EXPORT int ndctl_lsa_xport_write(struct ndctl_lsa_xport *t, uint64_t off,
		const void *buf, size_t len)
{
	const uint8_t *p = buf;
	int rc = check_range(t, off, len);

	if (rc == 0 && !t->writable)
		return lsa_xport_err(t, -EPERM, "label area opened read-only: open it writable to change it");
	while (rc == 0 && len) {
		size_t n = chunk_len(t, len);

		rc = t->ops->write(t, off, p, n);
		t->counters.transfers++;
		if (rc == 0)
			t->counters.bytes_written += n;
		off += n;
		p += n;
		len -= n;
	}
	return rc;
}

NDCTL_EXPORT int ndctl_lsa_xport_lock(struct ndctl_lsa_xport *t)
{
	int rc = 0;

	if (t->lock_depth == 0 && t->ops->lock)
		rc = t->ops->lock(t);
	if (rc == 0)
		t->lock_depth++;
	return rc;
}

NDCTL_EXPORT void ndctl_lsa_xport_unlock(struct ndctl_lsa_xport *t)
{
	if (t->lock_depth > 0 && --t->lock_depth == 0 && t->ops->unlock)
		t->ops->unlock(t);
}

int lsa_xport_flock(struct ndctl_lsa_xport *t, int fd, const char *what)
{
	if (flock(fd, LOCK_EX | LOCK_NB) == 0)
		return 0;
	if (errno == EWOULDBLOCK)
		return lsa_xport_err(t, -EBUSY,
			"%s is locked by another label writer: wait for it to finish and retry", what);
	return lsa_xport_err(t, -errno, "cannot lock %s: %m", what);
}

void lsa_xport_funlock(int fd)
{
	flock(fd, LOCK_UN);
}

NDCTL_EXPORT uint64_t ndctl_lsa_xport_size(const struct ndctl_lsa_xport *t)
{
	return t->size;
}

NDCTL_EXPORT uint32_t ndctl_lsa_xport_max_xfer(const struct ndctl_lsa_xport *t)
{
	return t->max_xfer;
}

NDCTL_EXPORT void ndctl_lsa_xport_counters(const struct ndctl_lsa_xport *t,
		struct ndctl_lsa_counters *c)
{
	*c = t->counters;
}

NDCTL_EXPORT void ndctl_lsa_xport_reset_counters(struct ndctl_lsa_xport *t)
{
	memset(&t->counters, 0, sizeof(t->counters));
}

NDCTL_EXPORT const char *ndctl_lsa_xport_errmsg(const struct ndctl_lsa_xport *t)
{
	return t->errmsg;
}

NDCTL_EXPORT void ndctl_lsa_xport_close(struct ndctl_lsa_xport *t)
{
	if (!t)
		return;
	while (t->lock_depth > 0)
		ndctl_lsa_xport_unlock(t);
	t->ops->close(t);
}

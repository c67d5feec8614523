// SPDX-License-Identifier: LGPL-2.1-or-later
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <time.h>
#include <unistd.h>
#include "private.h"
#include "xport.h"

void lsa_xport_init(struct ndctl_lsa_xport *t, const struct lsa_xport_ops *ops,
		struct ndctl_ctx *ctx, bool writable)
{
	t->ops = ops;
	t->writable = writable;
	t->lock_fd = -1;
	t->ctx = ndctl_ref(ctx);
}

int lsa_xport_nomem(struct ndctl_ctx *ctx, const char *what)
{
	if (ctx)
		err(ctx, "out of memory for the label area of %s\n", what);
	return -ENOMEM;
}

int lsa_xport_err(struct ndctl_lsa_xport *t, int err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(t->errmsg, sizeof(t->errmsg), fmt, ap);
	va_end(ap);
	if (t->ctx && t->quiet)
		dbg(t->ctx, "%s\n", t->errmsg);
	else if (t->ctx)
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

static long elapsed_ms(const struct timespec *since)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (now.tv_sec - since->tv_sec) * 1000 + (now.tv_nsec - since->tv_nsec) / 1000000;
}

/* flock(op) retried with a growing pause (1 ms to 50 ms) until wait_ms have passed. */
static int flock_wait(int fd, int op, int wait_ms)
{
	struct timespec start;
	long pause_us = 1000, left;

	clock_gettime(CLOCK_MONOTONIC, &start);
	for (;;) {
		if (flock(fd, op | LOCK_NB) == 0)
			return 0;
		if (errno != EWOULDBLOCK && errno != EINTR)
			return -errno;
		left = wait_ms - elapsed_ms(&start);
		if (left <= 0)
			return -EBUSY;
		usleep((useconds_t)(pause_us < left * 1000 ? pause_us : left * 1000));
		if (pause_us < 50000)
			pause_us *= 2;
	}
}

static int lock_err(struct ndctl_lsa_xport *t, int rc, int wait_ms)
{
	if (rc != -EBUSY)
		return lsa_xport_err(t, rc, "cannot lock %s: %s", t->lock_what, strerror(-rc));
	return lsa_xport_err(t, rc,
		"%s is locked by another label writer that did not finish within %d.%03d s: retry when it is done",
		t->lock_what, wait_ms / 1000, wait_ms % 1000);
}

int lsa_xport_lock_at_open(struct ndctl_lsa_xport *t, int fd, const char *what, int wait_ms)
{
	int rc;

	t->lock_fd = fd;
	t->lock_what = what;
	t->lock_wait_ms = wait_ms < 0 ? NDCTL_LSA_WAIT_DEFAULT_MS : wait_ms;
	rc = flock_wait(fd, t->writable ? LOCK_EX : LOCK_SH, t->lock_wait_ms);
	if (rc < 0)
		return lock_err(t, rc, t->lock_wait_ms);
	if (t->writable) {
		t->lock_depth = 1;
		t->lock_epoch++;
	} else {
		t->shared = true;
	}
	return 0;
}

bool lsa_xport_locked_since(const struct ndctl_lsa_xport *t, unsigned epoch)
{
	return t->lock_fd < 0 || (t->lock_depth > 0 && t->lock_epoch == epoch);
}

NDCTL_EXPORT int ndctl_lsa_xport_lock(struct ndctl_lsa_xport *t)
{
	int rc;

	if (!t->writable)
		return lsa_xport_err(t, -EPERM, "label area opened read-only: open it writable to lock it");
	if (t->lock_depth == 0 && t->lock_fd >= 0) {
		rc = flock_wait(t->lock_fd, LOCK_EX, t->lock_wait_ms);
		if (rc < 0)
			return lock_err(t, rc, t->lock_wait_ms);
		t->lock_epoch++;
	}
	t->lock_depth++;
	return 0;
}

NDCTL_EXPORT void ndctl_lsa_xport_unlock(struct ndctl_lsa_xport *t)
{
	if (t->lock_depth > 0 && --t->lock_depth == 0 && t->lock_fd >= 0)
		flock(t->lock_fd, LOCK_UN);
}

NDCTL_EXPORT int ndctl_lsa_xport_sync(struct ndctl_lsa_xport *t)
{
	return t->ops->sync ? t->ops->sync(t) : 0;
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
	struct ndctl_ctx *ctx;

	if (!t)
		return;
	ctx = t->ctx;
	while (t->lock_depth > 0)
		ndctl_lsa_xport_unlock(t);
	t->ops->close(t);
	ndctl_unref(ctx);
}

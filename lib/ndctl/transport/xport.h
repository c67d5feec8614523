/* SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef NDKIT_TRANSPORT_XPORT_H
#define NDKIT_TRANSPORT_XPORT_H
#include <stdbool.h>
#include <ndctl/lsa.h>

/*
 * What each transport provides. read/write move one transfer (len is at
 * most max_xfer, bounds already checked); xport.c chunks, counts and keeps
 * the error message.
 */
struct lsa_xport_ops {
	int (*read)(struct ndctl_lsa_xport *t, uint64_t off, void *buf, size_t len);
	int (*write)(struct ndctl_lsa_xport *t, uint64_t off, const void *buf, size_t len);
	int (*sync)(struct ndctl_lsa_xport *t);	/* NULL: writes are durable when they return */
	void (*close)(struct ndctl_lsa_xport *t);
};

struct ndctl_lsa_xport {
	const struct lsa_xport_ops *ops;
	uint64_t size;
	uint32_t max_xfer;	/* 0: no limit */
	bool writable;
	int lock_fd;		/* flock()ed file or device; -1: nothing to lock (memory) */
	const char *lock_what;	/* its path, for messages */
	int lock_wait_ms;
	int lock_depth;		/* exclusive holds; the open lock counts as one for writers */
	bool shared;		/* a reader's open lock (LOCK_SH) */
	unsigned lock_epoch;	/* bumped each time the exclusive lock is taken anew */
	struct ndctl_lsa_counters counters;
	char errmsg[256];	/* the last error, for ndctl_lsa_xport_errmsg */
	struct ndctl_ctx *ctx;	/* referenced from open to close; NULL: errmsg only */
	unsigned quiet;		/* > 0: a probe runs, its expected failures are only debug */
};

/*
 * The common part of a new transport: ops, writability, nothing locked yet,
 * and a reference on ctx (may be NULL), so that the first error of its open
 * already reaches the context's log. ndctl_lsa_xport_close drops the reference.
 */
void lsa_xport_init(struct ndctl_lsa_xport *t, const struct lsa_xport_ops *ops,
		struct ndctl_ctx *ctx, bool writable);
/* No transport could be allocated: log that through ctx (if any); returns -ENOMEM. */
int lsa_xport_nomem(struct ndctl_ctx *ctx, const char *what);
/*
 * Record a one-line message (no newline) as the transport's last error and
 * log it through its context at LOG_ERR (LOG_DEBUG while quiet); returns
 * err (a negative errno) for chaining.
 */
int lsa_xport_err(struct ndctl_lsa_xport *t, int err, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/*
 * The lock every fd-based transport takes as soon as its fd is open, before
 * any byte is read: exclusive when writable, shared otherwise, waiting up to
 * wait_ms (NDCTL_LSA_WAIT_DEFAULT_MS when negative) for another holder.
 */
/* The wait the open flags ask for (NDCTL_LSA_NOWAIT, _WAIT_SECONDS): ms, or -1 for the default. */
static inline int lsa_open_wait_ms(unsigned flags)
{
	unsigned s = flags >> NDCTL_LSA_WAIT_SHIFT;

	if (flags & NDCTL_LSA_NOWAIT)
		return 0;
	if (!(flags & NDCTL_LSA_WAIT_SET))
		return -1;
	return (int)((s < NDCTL_LSA_WAIT_MAX_S ? s : NDCTL_LSA_WAIT_MAX_S) * 1000u);
}

int lsa_xport_lock_at_open(struct ndctl_lsa_xport *t, int fd, const char *what, int wait_ms);
/* Has the exclusive lock been held without a break since epoch was read? */
bool lsa_xport_locked_since(const struct ndctl_lsa_xport *t, unsigned epoch);

#endif

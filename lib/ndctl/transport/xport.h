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
	int (*lock)(struct ndctl_lsa_xport *t);
	void (*unlock)(struct ndctl_lsa_xport *t);
	void (*close)(struct ndctl_lsa_xport *t);
};

struct ndctl_lsa_xport {
	const struct lsa_xport_ops *ops;
	uint64_t size;
	uint32_t max_xfer;	/* 0: no limit */
	bool writable;
	int lock_depth;
	struct ndctl_lsa_counters counters;
	char errmsg[256];	/* the last error, for ndctl_lsa_xport_errmsg */
	struct ndctl_ctx *ctx;	/* set: every error is also logged through it */
};

/* Record a one-line message; returns err (a negative errno) for chaining. */
int lsa_xport_err(struct ndctl_lsa_xport *t, int err, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* The file transport's window, for the label-size probe (label/probe.c). */
int lsa_file_open_whole(const char *path, unsigned flags, struct ndctl_lsa_xport **out);
int lsa_file_set_window(struct ndctl_lsa_xport *t, uint64_t offset, uint64_t size);
uint64_t lsa_file_size(const struct ndctl_lsa_xport *t);
const char *lsa_file_path(const struct ndctl_lsa_xport *t);
/* flock helpers shared by the fd-based transports */
int lsa_xport_flock(struct ndctl_lsa_xport *t, int fd, const char *what);
void lsa_xport_funlock(int fd);

#endif

/* SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef NDKIT_NDCTL_PRIVATE_H
#define NDKIT_NDCTL_PRIVATE_H
#include <ndctl/libndctl.h>
#include "util/libctx.h"

#define NDCTL_EXPORT __attribute__((visibility("default")))

struct ndctl_topology;

struct ndctl_ctx {
	struct lib_ctx base;	/* log, refcount, userdata, sysfs root */
	void (*app_log_fn)(struct ndctl_ctx *ctx, int priority,
			const char *file, int line, const char *fn,
			const char *format, va_list args);
	struct ndctl_topology *topology;	/* owned by topology/, lazily built */
	unsigned int attr_gen;		/* moves on at each sysfs write: see struct nd_dev */
	/* the nd devices holding a directory descriptor open (devattr.c), oldest at next */
	struct nd_dev *dirfd_ring[64];
	unsigned int dirfd_next;
	/* attributes read and not closed yet: closed together (devattr.c) */
	int close_batch[32];
	unsigned int close_n;
	struct daxctl_ctx *daxctl_ctx;		/* for ndctl_dax_get_daxctl_region */
};

void ndctl_topology_free(struct ndctl_topology *topo);
/* Close the attribute descriptors devattr.c keeps for a batch close. */
void nd_close_batch(struct ndctl_ctx *ctx);

#define dbg(ctx, ...)  log_dbg(&(ctx)->base.log, __VA_ARGS__)
#define info(ctx, ...) log_info(&(ctx)->base.log, __VA_ARGS__)
#define err(ctx, ...)  log_err(&(ctx)->base.log, __VA_ARGS__)

#endif

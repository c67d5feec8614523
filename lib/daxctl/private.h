/* SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef NDKIT_DAXCTL_PRIVATE_H
#define NDKIT_DAXCTL_PRIVATE_H
#include <daxctl/libdaxctl.h>
#include "util/log.h"

#define DAXCTL_EXPORT __attribute__((visibility("default")))

struct daxctl_topology;

struct daxctl_ctx {
	struct log_ctx log;
	int refcount;
	void *userdata;
	char *root;
	void (*app_log_fn)(struct daxctl_ctx *ctx, int priority,
			const char *file, int line, const char *fn,
			const char *format, va_list args);
	struct daxctl_topology *topology;	/* regions and devices, lazily built */
};

void daxctl_topology_free(struct daxctl_topology *topo);

#define dbg(ctx, ...)  log_dbg(&(ctx)->log, __VA_ARGS__)
#define info(ctx, ...) log_info(&(ctx)->log, __VA_ARGS__)
#define err(ctx, ...)  log_err(&(ctx)->log, __VA_ARGS__)

#endif

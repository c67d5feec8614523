/* SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef NDKIT_DAXCTL_PRIVATE_H
#define NDKIT_DAXCTL_PRIVATE_H
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <daxctl/libdaxctl.h>
#include "util/export.h"
#include "util/libctx.h"

#define DAXCTL_EXPORT LIB_EXPORT

struct daxctl_mapping {
	struct daxctl_dev *dev;
	struct daxctl_mapping *next;
	uint64_t start, end, page_offset;
};

/* The memory blocks a system-ram device hot-plugged: [first, first + count). */
struct daxctl_memory {
	struct daxctl_dev *dev;
	uint64_t block_size;
	uint64_t first, count;
};

struct daxctl_dev {
	struct daxctl_ctx *ctx;
	struct daxctl_region *region;
	struct daxctl_dev *next;
	struct daxctl_mapping *mappings;
	struct daxctl_memory *mem;	/* built on first daxctl_dev_get_memory() */
	char *devname;			/* "dax1.0" */
	char *path;			/* sysfs directory, under ctx->root */
	int id;
	uint64_t size, resource, align;
	int target_node, numa_node;
	int major, minor;		/* of /dev/daxX.Y, from its "dev" attribute */
};

struct daxctl_region {
	struct daxctl_ctx *ctx;
	struct daxctl_region *next;
	struct daxctl_dev *devs;
	char *path;		/* the directory holding dax_region/, under ctx->root */
	char devname[32];	/* "region1", as upstream */
	int id;
	uint64_t size, available_size, align;
};

struct daxctl_topology {
	struct daxctl_region *regions;
};

struct daxctl_ctx {
	struct lib_ctx base;	/* log, refcount, userdata, sysfs root */
	void (*app_log_fn)(struct daxctl_ctx *ctx, int priority,
			const char *file, int line, const char *fn,
			const char *format, va_list args);
	struct daxctl_topology *topology;	/* regions and devices, lazily built */
};

void daxctl_topology_free(struct daxctl_topology *topo);
struct daxctl_topology *daxctl_topology(struct daxctl_ctx *ctx);

/* dev.c, used by the region scan */
struct daxctl_dev *dev_new(struct daxctl_region *region, const char *devname,
		const char *path);
void dev_free(struct daxctl_dev *dev);
/* mapping.c: a device's mappingN list, read when the device is, freed with it */
void mappings_read(struct daxctl_dev *dev);
void mappings_free(struct daxctl_dev *dev);
/* memory.c */
void memory_free(struct daxctl_memory *mem);
/* driver.c */
int dev_driver_name(struct daxctl_dev *dev, char *buf, size_t len);

/* "<root>/sys/..." from a path relative to the system root */
int ctx_path(struct daxctl_ctx *ctx, char *buf, size_t len, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

#define dbg(ctx, ...)  log_dbg(&(ctx)->base.log, __VA_ARGS__)
#define info(ctx, ...) log_info(&(ctx)->base.log, __VA_ARGS__)
#define err(ctx, ...)  log_err(&(ctx)->base.log, __VA_ARGS__)

#endif

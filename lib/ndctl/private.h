/* SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef NDKIT_NDCTL_PRIVATE_H
#define NDKIT_NDCTL_PRIVATE_H
#include <ndctl/libndctl.h>
#include "util/export.h"
#include "util/libctx.h"

#define NDCTL_EXPORT LIB_EXPORT

struct ndctl_topology;

struct ndctl_ctx {
	struct lib_ctx base;	/* log, refcount, userdata, sysfs root */
	void (*app_log_fn)(struct ndctl_ctx *ctx, int priority,
			const char *file, int line, const char *fn,
			const char *format, va_list args);
	struct ndctl_topology *topology;	/* objects and attribute cache: topology/, lazily built */
	struct daxctl_ctx *daxctl_ctx;		/* for ndctl_dax_get_daxctl_region */
};

/* The objects, and the attribute descriptors still open for them. */
void ndctl_topology_free(struct ndctl_topology *topo);
/*
 * Forget every attribute value the topology holds, keeping its descriptors:
 * for a caller above it polling what another writer changes (ops/create.c).
 */
void nd_attrs_forget(struct ndctl_ctx *ctx);

/*
 * What a label update that failed on one DIMM left in region (topology/label-reload.c):
 * a namespace of no capacity whose uuid the kernel keeps. Frees every label of uuid on
 * the region's DIMMs and has the kernel read them again, the regions on them disabled
 * meanwhile; *freed counts the labels. 0; -EBUSY, changing nothing, when a namespace on
 * those DIMMs is in use; else the first failure (logged), the regions enabled again.
 */
int nd_region_forget_uuid(struct ndctl_region *region, const unsigned char *uuid,
		unsigned *freed);

#define dbg(ctx, ...)  log_dbg(&(ctx)->base.log, __VA_ARGS__)
#define info(ctx, ...) log_info(&(ctx)->base.log, __VA_ARGS__)
#define err(ctx, ...)  log_err(&(ctx)->base.log, __VA_ARGS__)

#endif

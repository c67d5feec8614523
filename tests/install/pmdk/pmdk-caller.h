/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef NDKIT_TEST_PMDK_CALLER_H
#define NDKIT_TEST_PMDK_CALLER_H
/*
 * Callers of libndctl/libdaxctl written the way PMDK's libpmem2
 * (region_namespace_ndctl.c, badblocks_ndctl.c, usc_ndctl.c, numa_ndctl.c,
 * pmem2_utils_ndctl.c) and tools/daxio/daxio.c call them: same functions,
 * same macros, same error checks. They build against ndkit's installed
 * headers and against upstream's, and pmdk-walk links them.
 */
#include <stddef.h>
#include <sys/stat.h>
#include <ndctl/libndctl.h>
#include <daxctl/libdaxctl.h>

#define FOREACH_BUS_REGION_NAMESPACE(ctx, bus, region, ndns) \
	ndctl_bus_foreach(ctx, bus) \
	ndctl_region_foreach(bus, region) \
	ndctl_namespace_foreach(region, ndns)

/* region_namespace.c: 0 and the region/namespace holding st (NULLs if none), -1 on error. */
int walk_region_namespace(struct ndctl_ctx *ctx, const struct stat *st,
		struct ndctl_region **pregion, struct ndctl_namespace **pndns);

/* badblocks.c: the namespace's bounds and bad blocks, in bytes from its start. */
struct walk_badblock {
	unsigned long long offset, length;
};
int walk_namespace_bounds(struct ndctl_region *region, struct ndctl_namespace *ndns,
		unsigned long long *ns_offset, unsigned long long *ns_size);
int walk_badblocks(struct ndctl_region *region, struct ndctl_namespace *ndns,
		struct walk_badblock *bbs, int max);
/* The clear-error path for one bad block: 0 cleared, -1 (the command objects refused). */
int walk_clear_badblock(struct ndctl_bus *bus, unsigned long long address,
		unsigned long long length);

/* usc.c: unsafe shutdown count over the region's DIMMs (-1: unsupported), ids, numa. */
long long walk_usc(struct ndctl_region *region);
long long walk_usc_iset(struct ndctl_region *region);
int walk_device_id(struct ndctl_region *region, char *id, size_t len);
int walk_numa_node(struct ndctl_region *region);
int walk_devdax_alignment(struct ndctl_namespace *ndns, size_t *alignment, size_t *size);

/* daxio.c: 1 and size/align if (major, minor) is a dax device, else 0. */
int walk_find_dev_dax(struct ndctl_ctx *ctx, unsigned major, unsigned minor,
		size_t *size, size_t *align);

#endif

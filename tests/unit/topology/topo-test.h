/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef NDKIT_TOPO_TEST_H
#define NDKIT_TOPO_TEST_H
/* Finding objects in a captured tree, for the topology tests. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ndctl/libndctl.h>

/* A quiet context on the tree at root: a new one sees files changed since. */
static inline struct ndctl_ctx *ctx_at(const char *root)
{
	struct ndctl_ctx *ctx;

	if (ndctl_new(&ctx))
		return NULL;
	ndctl_set_log_priority(ctx, 0);
	ndctl_set_root(ctx, root);
	return ctx;
}

/* A quiet context on the captured tree $TOPO_TREES/name; NULL (said why) without it. */
static inline struct ndctl_ctx *ctx_on_tree(const char *name)
{
	const char *trees = getenv("TOPO_TREES");
	char root[4096];

	if (!trees) {
		fprintf(stderr, "TOPO_TREES not set\n");
		return NULL;
	}
	snprintf(root, sizeof(root), "%s/%s", trees, name);
	return ctx_at(root);
}

/* The first object of a kind whose device name is name, on any bus. */
#define TOPO_FIND(ctx, type, foreach, getname, name) do { \
	struct ndctl_bus *_bus; \
	type *_it; \
	ndctl_bus_foreach(ctx, _bus) \
		foreach(_bus, _it) \
			if (strcmp(getname(_it), name) == 0) \
				return _it; \
	return NULL; \
} while (0)

static inline struct ndctl_region *region_named(struct ndctl_ctx *ctx, const char *name)
{
	TOPO_FIND(ctx, struct ndctl_region, ndctl_region_foreach, ndctl_region_get_devname, name);
}

static inline struct ndctl_dimm *dimm_named(struct ndctl_ctx *ctx, const char *name)
{
	TOPO_FIND(ctx, struct ndctl_dimm, ndctl_dimm_foreach, ndctl_dimm_get_devname, name);
}

static inline struct ndctl_namespace *ns_named(struct ndctl_region *region, const char *name)
{
	struct ndctl_namespace *ndns;

	ndctl_namespace_foreach(region, ndns)
		if (strcmp(ndctl_namespace_get_devname(ndns), name) == 0)
			return ndns;
	return NULL;
}
#endif

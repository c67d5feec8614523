// SPDX-License-Identifier: LGPL-2.1-or-later
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <daxctl/libdaxctl.h>
#include "internal.h"

int dax_add(struct ndctl_region *region, const char *name, bool inside)
{
	struct ndctl_dax *dax = nd_obj_under(sizeof(*dax), &region->dev, name);

	if (!dax)
		return -ENOMEM;
	dax->p.region = region;
	dax->p.dev.parent = inside ? &region->dev : NULL;
	list_append(region->daxs, dax);
	return 0;
}

LIB_MEMBER_GETTER(struct ndctl_dax *, ndctl_dax_get_first, struct ndctl_region, daxs)
LIB_MEMBER_GETTER(struct ndctl_dax *, ndctl_dax_get_next, struct ndctl_dax, next)
LIB_MEMBER_GETTER(const char *, ndctl_dax_get_devname, struct ndctl_dax, p.dev.name)

NDCTL_EXPORT struct ndctl_namespace *ndctl_dax_get_namespace(struct ndctl_dax *dax)
{
	return persona_get_namespace(&dax->p);
}

NDCTL_EXPORT void ndctl_dax_get_uuid(struct ndctl_dax *dax, uuid_t uu)
{
	nd_dev_read_uuid(&dax->p.dev, uu);
}

NDCTL_EXPORT unsigned long ndctl_dax_get_align(struct ndctl_dax *dax)
{
	return (unsigned long)nd_dev_u64(&dax->p.dev, "align");
}

NDCTL_EXPORT unsigned long long ndctl_dax_get_size(struct ndctl_dax *dax)
{
	return nd_dev_u64_or_max(&dax->p.dev, "size");	/* unbound: ULLONG_MAX, as upstream */
}

NDCTL_EXPORT enum ndctl_pfn_loc ndctl_dax_get_location(struct ndctl_dax *dax)
{
	return persona_get_location(&dax->p);
}

NDCTL_EXPORT int ndctl_dax_is_enabled(struct ndctl_dax *dax)
{
	return nd_dev_has_driver(&dax->p.dev);
}

/* The dax character device is a child directory named daxR.N. */
NDCTL_EXPORT const char *ndctl_dax_get_chardev(struct ndctl_dax *dax)
{
	static __thread char name[64];

	if (nd_dev_child(&dax->p.dev, ".", "dax", name, sizeof(name)))
		name[0] = '\0';
	return name;
}

NDCTL_EXPORT const char *ndctl_dax_get_supported_alignments(struct ndctl_dax *dax,
		char *buf)
{
	nd_dev_read(&dax->p.dev, "supported_alignments", buf);
	return buf;
}

NDCTL_EXPORT int ndctl_dax_set_uuid(struct ndctl_dax *dax, const uuid_t uu)
{
	return nd_dev_write_uuid(&dax->p.dev, uu);
}

NDCTL_EXPORT int ndctl_dax_set_location(struct ndctl_dax *dax, enum ndctl_pfn_loc loc)
{
	return persona_set_location(&dax->p, loc);
}

NDCTL_EXPORT int ndctl_dax_set_align(struct ndctl_dax *dax, unsigned long align)
{
	return persona_set_align(&dax->p, align);
}

NDCTL_EXPORT int ndctl_dax_set_namespace(struct ndctl_dax *dax,
		struct ndctl_namespace *ndns)
{
	return persona_set_namespace(&dax->p, ndns);
}

NDCTL_EXPORT int ndctl_dax_enable(struct ndctl_dax *dax)
{
	return nd_dev_enable(&dax->p.dev);
}

NDCTL_EXPORT bool ndctl_dax_is_system_ram(struct ndctl_dax *dax)
{
	char path[PATH_MAX], link[PATH_MAX];
	const char *slash;
	ssize_t n;

	if (path_printf(path, sizeof(path), "%s/%s/driver", dax->p.dev.path,
				ndctl_dax_get_chardev(dax)))
		return false;
	n = readlink(path, link, sizeof(link) - 1);
	if (n <= 0)
		return false;
	link[n] = '\0';
	slash = strrchr(link, '/');
	return strcmp(slash ? slash + 1 : link, "kmem") == 0;
}


NDCTL_EXPORT unsigned long long ndctl_dax_get_resource(struct ndctl_dax *dax)
{
	return nd_dev_u64_or_max(&dax->p.dev, "resource");
}

/*
 * The dax region is libdaxctl's object: the context keeps one daxctl context
 * (same root, same log priority) for these, released with it.
 */
NDCTL_EXPORT struct daxctl_region *ndctl_dax_get_daxctl_region(struct ndctl_dax *dax)
{
	struct daxctl_ctx *dctx = ndctl_get_daxctl_ctx(dax->p.dev.ctx);

	return dctx ? daxctl_region_get_by_path(dctx, dax->p.dev.path) : NULL;
}

LIB_MEMBER_GETTER(struct ndctl_ctx *, ndctl_dax_get_ctx, struct ndctl_dax, p.dev.ctx)
LIB_MEMBER_GETTER(struct ndctl_region *, ndctl_dax_get_region, struct ndctl_dax, p.region)

NDCTL_EXPORT struct ndctl_bus *ndctl_dax_get_bus(struct ndctl_dax *dax)
{
	return dax->p.region->bus;
}

// SPDX-License-Identifier: LGPL-2.1-or-later
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"

int pfn_add(struct ndctl_region *region, const char *name, bool inside)
{
	struct ndctl_pfn *pfn = nd_obj_under(sizeof(*pfn), &region->dev, name);

	if (!pfn)
		return -ENOMEM;
	pfn->p.region = region;
	pfn->p.dev.parent = inside ? &region->dev : NULL;
	list_append(region->pfns, pfn);
	return 0;
}

LIB_MEMBER_GETTER(struct ndctl_pfn *, ndctl_pfn_get_first, struct ndctl_region, pfns)
LIB_MEMBER_GETTER(struct ndctl_pfn *, ndctl_pfn_get_next, struct ndctl_pfn, next)
LIB_MEMBER_GETTER(const char *, ndctl_pfn_get_devname, struct ndctl_pfn, p.dev.name)

NDCTL_EXPORT struct ndctl_namespace *ndctl_pfn_get_namespace(struct ndctl_pfn *pfn)
{
	return persona_get_namespace(&pfn->p);
}

NDCTL_EXPORT void ndctl_pfn_get_uuid(struct ndctl_pfn *pfn, uuid_t uu)
{
	nd_dev_read_uuid(&pfn->p.dev, uu);
}

NDCTL_EXPORT unsigned long ndctl_pfn_get_align(struct ndctl_pfn *pfn)
{
	return (unsigned long)nd_dev_u64(&pfn->p.dev, "align");
}

NDCTL_EXPORT unsigned long long ndctl_pfn_get_size(struct ndctl_pfn *pfn)
{
	return nd_dev_u64_or_max(&pfn->p.dev, "size");	/* unbound: ULLONG_MAX, as upstream */
}

/* Shared by pfn, dax and btt devices: the namespace each claims. */
struct ndctl_namespace *persona_get_namespace(struct nd_persona *p)
{
	char buf[SYSFS_ATTR_SIZE];
	struct ndctl_namespace *ndns;

	if (nd_dev_read(&p->dev, "namespace", buf) || !buf[0])
		return NULL;
	for (ndns = p->region->namespaces; ndns; ndns = ndns->next)
		if (strcmp(ndns->dev.name, buf) == 0)
			return ndns;
	return NULL;
}

int persona_set_namespace(struct nd_persona *p, struct ndctl_namespace *ndns)
{
	return nd_dev_write(&p->dev, "namespace", ndns ? ndns->dev.name : "");
}

const char *persona_block_device(struct nd_persona *p)
{
	static __thread char name[64];

	if (nd_dev_child(&p->dev, "block", "", name, sizeof(name)))
		name[0] = '\0';
	return name;
}

/* Shared with dax.c: the "mode" attribute says where the page map lives. */
enum ndctl_pfn_loc persona_get_location(struct nd_persona *p)
{
	char buf[SYSFS_ATTR_SIZE];

	nd_dev_read(&p->dev, "mode", buf);
	if (strcmp(buf, "ram") == 0)
		return NDCTL_PFN_LOC_RAM;
	if (strcmp(buf, "pmem") == 0)
		return NDCTL_PFN_LOC_PMEM;
	return NDCTL_PFN_LOC_NONE;
}

/* As upstream: NONE writes "none", which the kernel takes back to "no mode yet". */
int persona_set_location(struct nd_persona *p, enum ndctl_pfn_loc loc)
{
	return nd_dev_write(&p->dev, "mode", loc == NDCTL_PFN_LOC_RAM ? "ram" :
			loc == NDCTL_PFN_LOC_NONE ? "none" : "pmem");
}

int persona_set_align(struct nd_persona *p, unsigned long align)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%lu", align);
	return nd_dev_write(&p->dev, "align", buf);
}

NDCTL_EXPORT enum ndctl_pfn_loc ndctl_pfn_get_location(struct ndctl_pfn *pfn)
{
	return persona_get_location(&pfn->p);
}

NDCTL_EXPORT int ndctl_pfn_is_enabled(struct ndctl_pfn *pfn)
{
	return nd_dev_has_driver(&pfn->p.dev);
}

NDCTL_EXPORT const char *ndctl_pfn_get_block_device(struct ndctl_pfn *pfn)
{
	return persona_block_device(&pfn->p);
}

NDCTL_EXPORT const char *ndctl_pfn_get_supported_alignments(struct ndctl_pfn *pfn,
		char *buf)
{
	nd_dev_read(&pfn->p.dev, "supported_alignments", buf);
	return buf;
}

NDCTL_EXPORT int ndctl_pfn_set_uuid(struct ndctl_pfn *pfn, const uuid_t uu)
{
	return nd_dev_write_uuid(&pfn->p.dev, uu);
}

NDCTL_EXPORT int ndctl_pfn_set_location(struct ndctl_pfn *pfn, enum ndctl_pfn_loc loc)
{
	return persona_set_location(&pfn->p, loc);
}

NDCTL_EXPORT int ndctl_pfn_set_align(struct ndctl_pfn *pfn, unsigned long align)
{
	return persona_set_align(&pfn->p, align);
}

NDCTL_EXPORT int ndctl_pfn_set_namespace(struct ndctl_pfn *pfn,
		struct ndctl_namespace *ndns)
{
	return persona_set_namespace(&pfn->p, ndns);
}

NDCTL_EXPORT int ndctl_pfn_enable(struct ndctl_pfn *pfn)
{
	return nd_dev_enable(&pfn->p.dev);
}

/* Physical start of the data after the info block; ULLONG_MAX while unknown. */
NDCTL_EXPORT unsigned long long ndctl_pfn_get_resource(struct ndctl_pfn *pfn)
{
	return nd_dev_u64_or_max(&pfn->p.dev, "resource");
}

LIB_MEMBER_GETTER(struct ndctl_ctx *, ndctl_pfn_get_ctx, struct ndctl_pfn, p.dev.ctx)
LIB_MEMBER_GETTER(struct ndctl_region *, ndctl_pfn_get_region, struct ndctl_pfn, p.region)

NDCTL_EXPORT struct ndctl_bus *ndctl_pfn_get_bus(struct ndctl_pfn *pfn)
{
	return pfn->p.region->bus;
}

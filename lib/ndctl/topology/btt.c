// SPDX-License-Identifier: LGPL-2.1-or-later
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"

int btt_add(struct ndctl_region *region, const char *name, bool inside)
{
	struct ndctl_btt *btt = nd_obj_under(sizeof(*btt), &region->dev, name);

	if (!btt)
		return -ENOMEM;
	btt->p.region = region;
	btt->p.dev.parent = inside ? &region->dev : NULL;
	list_append(region->btts, btt);
	return 0;
}

LIB_MEMBER_GETTER(struct ndctl_btt *, ndctl_btt_get_first, struct ndctl_region, btts)
LIB_MEMBER_GETTER(struct ndctl_btt *, ndctl_btt_get_next, struct ndctl_btt, next)
LIB_MEMBER_GETTER(const char *, ndctl_btt_get_devname, struct ndctl_btt, p.dev.name)

NDCTL_EXPORT struct ndctl_namespace *ndctl_btt_get_namespace(struct ndctl_btt *btt)
{
	return persona_get_namespace(&btt->p);
}

NDCTL_EXPORT void ndctl_btt_get_uuid(struct ndctl_btt *btt, uuid_t uu)
{
	nd_dev_read_uuid(&btt->p.dev, uu);
}

/* "512 520 [4096] ...": the bracketed entry is the current one. */
NDCTL_EXPORT unsigned int ndctl_btt_get_sector_size(struct ndctl_btt *btt)
{
	char buf[SYSFS_ATTR_SIZE];
	const char *cur;

	if (nd_dev_read(&btt->p.dev, "sector_size", buf))
		return 0;
	cur = strchr(buf, '[');
	return (unsigned int)strtoul(cur ? cur + 1 : buf, NULL, 10);
}

NDCTL_EXPORT unsigned long long ndctl_btt_get_size(struct ndctl_btt *btt)
{
	return nd_dev_u64_or_max(&btt->p.dev, "size");	/* unbound: ULLONG_MAX, as upstream */
}

NDCTL_EXPORT int ndctl_btt_is_enabled(struct ndctl_btt *btt)
{
	return nd_dev_has_driver(&btt->p.dev);
}

NDCTL_EXPORT const char *ndctl_btt_get_block_device(struct ndctl_btt *btt)
{
	return persona_block_device(&btt->p);
}

NDCTL_EXPORT int ndctl_btt_set_uuid(struct ndctl_btt *btt, const uuid_t uu)
{
	return nd_dev_write_uuid(&btt->p.dev, uu);
}

NDCTL_EXPORT int ndctl_btt_set_sector_size(struct ndctl_btt *btt,
		unsigned int sector_size)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%u", sector_size);
	return nd_dev_write(&btt->p.dev, "sector_size", buf);
}

NDCTL_EXPORT int ndctl_btt_set_namespace(struct ndctl_btt *btt,
		struct ndctl_namespace *ndns)
{
	return persona_set_namespace(&btt->p, ndns);
}

NDCTL_EXPORT int ndctl_btt_enable(struct ndctl_btt *btt)
{
	return nd_dev_enable(&btt->p.dev);
}

NDCTL_EXPORT const char *ndctl_btt_get_supported_sector_sizes(struct ndctl_btt *btt,
		char *buf)
{
	nd_dev_read(&btt->p.dev, "sector_size", buf);
	return buf;
}

LIB_MEMBER_GETTER(struct ndctl_ctx *, ndctl_btt_get_ctx, struct ndctl_btt, p.dev.ctx)
LIB_MEMBER_GETTER(struct ndctl_region *, ndctl_btt_get_region, struct ndctl_btt, p.region)

NDCTL_EXPORT struct ndctl_bus *ndctl_btt_get_bus(struct ndctl_btt *btt)
{
	return btt->p.region->bus;
}

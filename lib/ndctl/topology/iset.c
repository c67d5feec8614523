// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Interleave sets, as upstream models them: one per region that has an
 * interleave-set cookie (set_cookie), with the region's DIMMs. Older PMDK
 * (ras_ndctl.c) walks DIMMs this way rather than by region.
 */
#include <stdlib.h>
#include "internal.h"

static bool region_has_iset(struct ndctl_region *region)
{
	char buf[SYSFS_ATTR_SIZE];

	return nd_dev_read(&region->dev, "set_cookie", buf) == 0 && buf[0];
}

static struct ndctl_interleave_set *iset_from(struct ndctl_region *region)
{
	for (; region; region = region->next)
		if (region_has_iset(region))
			return &region->iset;
	return NULL;
}

NDCTL_EXPORT struct ndctl_interleave_set *ndctl_region_get_interleave_set(
		struct ndctl_region *region)
{
	return region_has_iset(region) ? &region->iset : NULL;
}

NDCTL_EXPORT struct ndctl_interleave_set *ndctl_interleave_set_get_first(struct ndctl_bus *bus)
{
	return iset_from(bus->regions);
}

NDCTL_EXPORT struct ndctl_interleave_set *ndctl_interleave_set_get_next(
		struct ndctl_interleave_set *iset)
{
	return iset_from(iset->region->next);
}

NDCTL_EXPORT struct ndctl_region *ndctl_interleave_set_get_region(
		struct ndctl_interleave_set *iset)
{
	return iset->region;
}

/* The raw cookie, labeled region or not (ndctl_region_get_iset_cookie says 0 for label-less). */
NDCTL_EXPORT unsigned long long ndctl_interleave_set_get_cookie(
		struct ndctl_interleave_set *iset)
{
	return nd_dev_u64(&iset->region->dev, "set_cookie");
}

NDCTL_EXPORT struct ndctl_dimm *ndctl_interleave_set_get_first_dimm(
		struct ndctl_interleave_set *iset)
{
	return ndctl_region_get_first_dimm(iset->region);
}

NDCTL_EXPORT struct ndctl_dimm *ndctl_interleave_set_get_next_dimm(
		struct ndctl_interleave_set *iset, struct ndctl_dimm *dimm)
{
	return ndctl_region_get_next_dimm(iset->region, dimm);
}

/* As upstream: the first DIMM's answer that is not 0 (1, or its -ENXIO), else 0. */
NDCTL_EXPORT int ndctl_interleave_set_is_active(struct ndctl_interleave_set *iset)
{
	struct ndctl_dimm *dimm;

	ndctl_dimm_foreach_in_interleave_set(iset, dimm) {
		int active = ndctl_dimm_is_active(dimm);

		if (active)
			return active;
	}
	return 0;
}

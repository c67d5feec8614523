// SPDX-License-Identifier: GPL-2.0-only
/* Bad blocks of a namespace and the clear-error path, as libpmem2 does. */
#include <limits.h>
#include "pmdk-caller.h"

#define SEC2B(s) ((s) << 9)

int walk_namespace_bounds(struct ndctl_region *region, struct ndctl_namespace *ndns,
		unsigned long long *ns_offset, unsigned long long *ns_size)
{
	struct ndctl_pfn *pfn = ndctl_namespace_get_pfn(ndns);
	struct ndctl_dax *dax = ndctl_namespace_get_dax(ndns);
	unsigned long long region_offset;

	if (pfn) {
		*ns_offset = ndctl_pfn_get_resource(pfn);
		*ns_size = ndctl_pfn_get_size(pfn);
	} else if (dax) {
		*ns_offset = ndctl_dax_get_resource(dax);
		*ns_size = ndctl_dax_get_size(dax);
	} else {	/* raw or btt */
		*ns_offset = ndctl_namespace_get_resource(ndns);
		*ns_size = ndctl_namespace_get_size(ndns);
	}
	if (*ns_offset == ULLONG_MAX || *ns_size == ULLONG_MAX)
		return -1;
	region_offset = ndctl_region_get_resource(region);
	if (region_offset == ULLONG_MAX)
		return -1;
	*ns_offset -= region_offset;
	return 0;
}

/* devdax (and any mode): the region's list, clipped to the namespace. */
static int badblocks_by_region(struct ndctl_region *region, struct ndctl_namespace *ndns,
		struct walk_badblock *bbs, int max)
{
	unsigned long long ns_beg, ns_size, ns_end;
	struct badblock *bb;
	int n = 0;

	if (walk_namespace_bounds(region, ndns, &ns_beg, &ns_size))
		return -1;
	ns_end = ns_beg + ns_size - 1;
	ndctl_region_badblock_foreach(region, bb) {
		unsigned long long bb_beg = SEC2B(bb->offset);
		unsigned long long bb_end = bb_beg + SEC2B((unsigned long long)bb->len) - 1;
		unsigned long long beg, end;

		if (bb_beg > ns_end || ns_beg > bb_end)
			continue;
		beg = bb_beg > ns_beg ? bb_beg : ns_beg;
		end = bb_end < ns_end ? bb_end : ns_end;
		if (n < max) {
			bbs[n].offset = beg - ns_beg;
			bbs[n].length = end - beg + 1;
		}
		n++;
	}
	return n;
}

/* fsdax: the block device's own list, unprivileged. */
static int badblocks_by_namespace(struct ndctl_namespace *ndns,
		struct walk_badblock *bbs, int max)
{
	struct badblock *bb;
	int n = 0;

	ndctl_namespace_badblock_foreach(ndns, bb) {
		if (n < max) {
			bbs[n].offset = SEC2B(bb->offset);
			bbs[n].length = SEC2B((unsigned long long)bb->len);
		}
		n++;
	}
	return n;
}

int walk_badblocks(struct ndctl_region *region, struct ndctl_namespace *ndns,
		struct walk_badblock *bbs, int max)
{
	if (ndctl_namespace_get_mode(ndns) == NDCTL_NS_MODE_FSDAX)
		return badblocks_by_namespace(ndns, bbs, max);
	return badblocks_by_region(region, ndns, bbs, max);
}

int walk_clear_badblock(struct ndctl_bus *bus, unsigned long long address,
		unsigned long long length)
{
	struct ndctl_cmd *cmd_ars_cap, *cmd_clear_error;
	struct ndctl_range range;
	int ret;

	cmd_ars_cap = ndctl_bus_cmd_new_ars_cap(bus, address, length);
	if (cmd_ars_cap == NULL)
		return -1;	/* PMDK: "failed to create cmd (bus '%s')", provider */
	if ((ret = ndctl_cmd_submit(cmd_ars_cap)) < 0)
		goto out_ars_cap;
	ret = -1;
	if (ndctl_cmd_ars_cap_get_range(cmd_ars_cap, &range))
		goto out_ars_cap;
	cmd_clear_error = ndctl_bus_cmd_new_clear_error(range.address, range.length,
			cmd_ars_cap);
	if ((ret = ndctl_cmd_submit(cmd_clear_error)) >= 0)
		ret = ndctl_cmd_clear_error_get_cleared(cmd_clear_error) == length ? 0 : -1;
	ndctl_cmd_unref(cmd_clear_error);
out_ars_cap:
	ndctl_cmd_unref(cmd_ars_cap);
	return ret < 0 ? -1 : ret;
}

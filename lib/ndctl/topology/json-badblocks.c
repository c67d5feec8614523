// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The bad-block part of a region's and a namespace's JSON, as upstream's
 * list prints it: "badblock_count" (512-byte blocks) whenever there are
 * any, and with NDCTL_JSON_MEDIA_ERRORS (-M) the "badblocks" entries:
 * offset and length in blocks, and the DIMMs the range touches. Which list
 * a namespace takes follows upstream: the region's, clipped to the data of
 * a pfn or dax personality; a raw namespace the whole region's (its own
 * disk's list when the region has none); a BTT only a count.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <json-c/json.h>
#include "internal.h"
#include "util/json.h"

struct bb_json {
	unsigned int count;		/* blocks, summed over the entries */
	struct json_object *list;	/* the entries, only with MEDIA_ERRORS */
};

static int dimm_number(const struct ndctl_dimm *const *d)
{
	return atoi(ndctl_dimm_get_devname((struct ndctl_dimm *)*d) + strlen("nmem"));
}

static int dimm_cmp(const void *a, const void *b)
{
	return dimm_number(a) - dimm_number(b);
}

/* Upstream's walk: every 512 bytes until as many DIMMs as the region interleaves. */
static struct json_object *range_dimms(struct ndctl_region *region,
		unsigned long long addr, unsigned long long len)
{
	unsigned int ways = ndctl_region_get_interleave_ways(region), found = 0;
	struct ndctl_bus *bus = ndctl_region_get_bus(region);
	struct ndctl_dimm **dimms = calloc(ways ? ways : 1, sizeof(*dimms));
	struct json_object *j = NULL;

	for (unsigned long long a = addr; dimms && found < ways && a < addr + len; a += 512) {
		struct ndctl_dimm *dimm = ndctl_bus_get_dimm_by_physical_address(bus, a);
		unsigned int i;

		for (i = 0; dimm && i < found && dimms[i] != dimm; i++)
			;
		if (dimm && i == found)
			dimms[found++] = dimm;
	}
	if (found) {
		qsort(dimms, found, sizeof(*dimms), dimm_cmp);
		j = json_object_new_array();
		for (unsigned int i = 0; i < found; i++)
			json_object_array_add(j,
				json_object_new_string(ndctl_dimm_get_devname(dimms[i])));
	}
	free(dimms);
	return j;
}

/* One entry; dimms_at is the physical start of the range, 0 for none to look up. */
static void bb_add(struct bb_json *bb, unsigned long long offset, unsigned int len,
		struct ndctl_region *region, unsigned long long dimms_at)
{
	struct json_object *e, *dimms;

	bb->count += len;
	if (!bb->list)
		return;
	e = json_object_new_object();
	json_object_object_add(e, "offset", util_json_u64(offset));
	json_object_object_add(e, "length", json_object_new_int((int)len));
	if (dimms_at && (dimms = range_dimms(region, dimms_at, (unsigned long long)len << 9)))
		json_object_object_add(e, "dimms", dimms);
	json_object_array_add(bb->list, e);
}

static void region_bb(struct bb_json *bb, struct ndctl_region *region)
{
	struct badblock *b = nd_region_first_badblock_cached(region);
	unsigned long long start = b ? ndctl_region_get_resource(region) : 0;

	for (; b; b = ndctl_region_get_next_badblock(region))
		bb_add(bb, b->offset, b->len, region, start + (b->offset << 9));
}

/* The region's list clipped to [begin, begin + size), offsets from begin. */
static void clipped_bb(struct bb_json *bb, struct ndctl_region *region,
		unsigned long long begin, unsigned long long size)
{
	struct badblock *b = nd_region_first_badblock_cached(region);
	unsigned long long rstart, end = begin + size - 1;

	if (!b)		/* the usual case: no resource to read */
		return;
	rstart = ndctl_region_get_resource(region);
	if (rstart == ULLONG_MAX || begin == ULLONG_MAX || size == ULLONG_MAX)
		return;
	for (; b; b = ndctl_region_get_next_badblock(region)) {
		unsigned long long b0 = rstart + (b->offset << 9);
		unsigned long long b1 = b0 + ((unsigned long long)b->len << 9) - 1;
		unsigned long long lo, hi;

		if (b1 <= begin || b0 >= end)	/* upstream's test, touching ends included */
			continue;
		lo = b0 < begin ? begin : b0;
		hi = b1 > end ? end : b1;
		bb_add(bb, (lo - begin) >> 9, (unsigned int)((hi - lo + 1) >> 9), region, lo);
	}
}

static void disk_bb(struct bb_json *bb, struct ndctl_namespace *ndns)
{
	struct badblock *b;

	ndctl_namespace_badblock_foreach(ndns, b)
		bb_add(bb, b->offset, b->len, NULL, 0);
}

static void bb_finish(struct json_object *j, struct bb_json *bb)
{
	if (bb->count)
		json_object_object_add(j, "badblock_count", json_object_new_int((int)bb->count));
	if (bb->list && bb->count)
		json_object_object_add(j, "badblocks", bb->list);
	else
		json_object_put(bb->list);
}

void nd_region_badblocks_json(struct json_object *j, struct ndctl_region *region,
		unsigned flags)
{
	struct bb_json bb = { 0 };

	if (flags & NDCTL_JSON_MEDIA_ERRORS)
		bb.list = json_object_new_array();
	region_bb(&bb, region);
	bb_finish(j, &bb);
}

void nd_namespace_badblocks_json(struct json_object *j, struct ndctl_namespace *ndns,
		unsigned flags)
{
	struct ndctl_region *region = ndctl_namespace_get_region(ndns);
	struct ndctl_pfn *pfn = ndctl_namespace_get_pfn(ndns);
	struct ndctl_dax *dax = ndctl_namespace_get_dax(ndns);
	bool media = flags & NDCTL_JSON_MEDIA_ERRORS;
	struct bb_json bb = { 0 };

	if (media)
		bb.list = json_object_new_array();
	/* the resources and sizes are read only when the region has bad blocks */
	if (pfn && media && ndctl_pfn_get_resource(pfn) == ULLONG_MAX) {
		disk_bb(&bb, ndns);
	} else if (pfn) {
		if (nd_region_first_badblock_cached(region))
			clipped_bb(&bb, region, ndctl_pfn_get_resource(pfn),
					ndctl_pfn_get_size(pfn));
	} else if (dax) {
		if (nd_region_first_badblock_cached(region))
			clipped_bb(&bb, region, ndctl_dax_get_resource(dax),
					ndctl_dax_get_size(dax));
	} else if (ndctl_namespace_get_btt(ndns)) {
		json_object_put(bb.list);
		bb.list = NULL;	/* not precise enough to list (data or metadata?): a count */
		if (nd_region_first_badblock_cached(region))
			clipped_bb(&bb, region, ndctl_namespace_get_resource(ndns),
					ndctl_namespace_get_size(ndns));
	} else {
		region_bb(&bb, region);
		if (!bb.count && media)
			disk_bb(&bb, ndns);
	}
	bb_finish(j, &bb);
}

// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Bad blocks as the kernel lists them in sysfs: a region's "badblocks"
 * (512-byte sectors from the region start, every namespace) and a block
 * device's (sectors from the namespace data start). Both read "OFFSET LEN"
 * lines, so they work wherever the kernel tracks poison, QEMU included.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"

void nd_badblocks_release(struct nd_badblocks *bb)
{
	free(bb->list);
	memset(bb, 0, sizeof(*bb));
}

static int badblocks_push(struct nd_badblocks *bb, unsigned long long offset,
		unsigned int len)
{
	if (bb->count == bb->cap) {
		size_t cap = bb->cap ? 2 * bb->cap : 16;
		struct badblock *list = realloc(bb->list, cap * sizeof(*list));

		if (!list)
			return -ENOMEM;
		bb->list = list;
		bb->cap = cap;
	}
	bb->list[bb->count].offset = offset;
	bb->list[bb->count].len = len;
	bb->count++;
	return 0;
}

/* (Re)read dir/file; the first entry, or NULL when none or unreadable. */
static struct badblock *badblocks_first(struct nd_dev *dev, const char *dir,
		const char *file)
{
	struct nd_badblocks *bb = &dev->badblocks;
	unsigned long long offset;
	char path[PATH_MAX];
	unsigned int len;
	FILE *f;

	bb->count = bb->pos = 0;
	bb->read = false;
	if (path_printf(path, sizeof(path), "%s/%s", dir, file))
		return NULL;
	bb->read = true;	/* an absent list is a fact too */
	bb->gen = dev->cache->gen;
	f = fopen(path, "re");
	if (!f) {
		dbg(dev->ctx, "%s: %s\n", path, strerror(errno));
		return NULL;
	}
	while (fscanf(f, "%llu %u", &offset, &len) == 2)
		if (badblocks_push(bb, offset, len)) {
			err(dev->ctx, "%s: out of memory reading bad blocks\n", dev->name);
			bb->count = 0;
			break;
		}
	fclose(f);
	return bb->count ? &bb->list[0] : NULL;
}

static struct badblock *badblocks_next(struct nd_dev *dev)
{
	struct nd_badblocks *bb = &dev->badblocks;

	if (bb->pos + 1 >= bb->count)
		return NULL;
	return &bb->list[++bb->pos];
}

NDCTL_EXPORT struct badblock *ndctl_region_get_first_badblock(struct ndctl_region *region)
{
	return badblocks_first(&region->dev, region->dev.path, "badblocks");
}

/*
 * For a listing, which takes the region's list for each of its namespaces:
 * read once per attribute generation (until the next sysfs write or
 * ndctl_invalidate()), as the attributes are; the public first/next re-read.
 */
struct badblock *nd_region_first_badblock_cached(struct ndctl_region *region)
{
	struct nd_badblocks *bb = &region->dev.badblocks;

	if (!bb->read || bb->gen != region->dev.cache->gen)
		return ndctl_region_get_first_badblock(region);
	bb->pos = 0;
	return bb->count ? &bb->list[0] : NULL;
}

NDCTL_EXPORT struct badblock *ndctl_region_get_next_badblock(struct ndctl_region *region)
{
	return badblocks_next(&region->dev);
}

/* As upstream: fsdax and raw only; btt and devdax have no such list. */
NDCTL_EXPORT struct badblock *ndctl_namespace_get_first_badblock(
		struct ndctl_namespace *ndns)
{
	struct ndctl_pfn *pfn = ndctl_namespace_get_pfn(ndns);
	const char *holder = ndns->dev.path;
	char file[PATH_MAX];
	const char *bdev;

	if (ndctl_namespace_get_btt(ndns) || ndctl_namespace_get_dax(ndns)) {
		dbg(ndns->dev.ctx, "%s: no bad block list for btt or devdax\n",
				ndns->dev.name);
		ndns->dev.badblocks.count = 0;
		return NULL;
	}
	if (pfn) {
		holder = pfn->p.dev.path;
		bdev = ndctl_pfn_get_block_device(pfn);
	} else {
		bdev = ndctl_namespace_get_block_device(ndns);
	}
	ndns->dev.badblocks.count = 0;
	if (!bdev[0] || path_printf(file, sizeof(file), "block/%s/badblocks", bdev))
		return NULL;
	return badblocks_first(&ndns->dev, holder, file);
}

NDCTL_EXPORT struct badblock *ndctl_namespace_get_next_badblock(
		struct ndctl_namespace *ndns)
{
	return badblocks_next(&ndns->dev);
}

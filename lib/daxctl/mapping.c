// SPDX-License-Identifier: LGPL-2.1-or-later
/* A dax device's physical mappings (daxX.Y/mappingN): its extents in the region. */
#include <errno.h>
#include <stdlib.h>
#include "private.h"
#include "util/sysfs.h"

void mappings_read(struct daxctl_dev *dev)
{
	struct daxctl_mapping **tail = &dev->mappings;
	char dir[PATH_MAX];

	for (int i = 0; ; i++) {
		struct daxctl_mapping *map;
		char start[PATH_MAX];
		uint64_t v = 0;
		int rc;

		/* the kernel makes each mappingN with its start: no access() first */
		if (path_printf(dir, sizeof(dir), "%s/mapping%d", dev->path, i) < 0 ||
				path_join(start, sizeof(start), dir, "start") < 0)
			return;
		rc = sysfs_read_u64(&dev->ctx->base.log, start, &v);
		if (rc == -ENOENT || rc == -ENOTDIR)
			return;
		map = calloc(1, sizeof(*map));
		if (!map)
			return;
		map->dev = dev;
		map->start = rc ? 0 : v;
		map->end = sysfs_attr_u64(&dev->ctx->base.log, dir, "end", 0);
		map->page_offset = sysfs_attr_u64(&dev->ctx->base.log, dir, "page_offset", 0);
		*tail = map;
		tail = &map->next;
	}
}

void mappings_free(struct daxctl_dev *dev)
{
	while (dev->mappings) {
		struct daxctl_mapping *next = dev->mappings->next;

		free(dev->mappings);
		dev->mappings = next;
	}
}

LIB_MEMBER_GETTER(struct daxctl_mapping *, daxctl_mapping_get_first, struct daxctl_dev, mappings)
LIB_MEMBER_GETTER(struct daxctl_mapping *, daxctl_mapping_get_next, struct daxctl_mapping, next)
LIB_MEMBER_GETTER(unsigned long long, daxctl_mapping_get_start, struct daxctl_mapping, start)
LIB_MEMBER_GETTER(unsigned long long, daxctl_mapping_get_end, struct daxctl_mapping, end)
LIB_MEMBER_GETTER(unsigned long long, daxctl_mapping_get_offset, struct daxctl_mapping, page_offset)

DAXCTL_EXPORT unsigned long long daxctl_mapping_get_size(struct daxctl_mapping *map)
{
	return map->end - map->start + 1;
}

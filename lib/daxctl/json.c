// SPDX-License-Identifier: LGPL-2.1-or-later
/* JSON for dax regions and devices, with upstream daxctl's keys and order. */
#include <string.h>
#include <json-c/json.h>
#include "private.h"
#include "util/json.h"

_Static_assert((unsigned)DAXCTL_JSON_HUMAN == (unsigned)UTIL_JSON_HUMAN, "flag values");
_Static_assert((unsigned)DAXCTL_JSON_IDLE == (unsigned)UTIL_JSON_IDLE, "flag values");

static void add(struct json_object *obj, const char *key, struct json_object *val)
{
	if (val)
		json_object_object_add(obj, key, val);
}

static struct json_object *mapping_to_json(struct daxctl_mapping *map, unsigned flags)
{
	struct json_object *jmap = json_object_new_object();

	if (!jmap)
		return NULL;
	add(jmap, "page_offset", util_json_hex(map->page_offset, flags));
	add(jmap, "start", util_json_hex(map->start, flags));
	add(jmap, "end", util_json_hex(map->end, flags));
	add(jmap, "size", util_json_size(daxctl_mapping_get_size(map), flags));
	return jmap;
}

static void add_memory(struct json_object *jdev, struct daxctl_dev *dev)
{
	struct daxctl_memory *mem = daxctl_dev_get_memory(dev);
	int movable;

	if (!mem)
		return;
	add(jdev, "online_memblocks", json_object_new_int(daxctl_memory_is_online(mem)));
	add(jdev, "total_memblocks", json_object_new_int(daxctl_memory_num_sections(mem)));
	movable = daxctl_memory_is_movable(mem);
	if (movable >= 0)
		add(jdev, "movable", json_object_new_boolean(movable));
}

static void add_mappings(struct json_object *jdev, struct daxctl_dev *dev, unsigned flags)
{
	struct json_object *jmaps;
	struct daxctl_mapping *map;

	if (!dev->mappings || !(jmaps = json_object_new_array()))
		return;
	daxctl_mapping_foreach(dev, map)
		json_object_array_add(jmaps, mapping_to_json(map, flags));
	add(jdev, "mappings", jmaps);
}

DAXCTL_EXPORT struct json_object *daxctl_dev_to_json(struct daxctl_dev *dev, unsigned flags)
{
	struct json_object *jdev = json_object_new_object();
	enum daxctl_dev_mode mode = daxctl_dev_get_mode(dev);

	if (!jdev)
		return NULL;
	add(jdev, "chardev", json_object_new_string(dev->devname));
	add(jdev, "size", util_json_size(dev->size, flags));
	if (dev->target_node >= 0)	/* none (nfit_test's regions say -1): no key, as upstream */
		add(jdev, "target_node", json_object_new_int(dev->target_node));
	add(jdev, "align", util_json_u64(dev->align));	/* a number even with -u, as upstream */
	if (mode == DAXCTL_DEV_MODE_RAM)
		add(jdev, "mode", json_object_new_string("system-ram"));
	else
		add(jdev, "mode", json_object_new_string("devdax"));
	add_memory(jdev, dev);
	if (mode == DAXCTL_DEV_MODE_UNKNOWN)
		add(jdev, "state", json_object_new_string("disabled"));
	if (flags & DAXCTL_JSON_MAPPINGS)
		add_mappings(jdev, dev, flags);
	return jdev;
}

/*
 * Devices a listing shows: as upstream, a disabled device is listed (with
 * "state":"disabled") and only zero-sized seed devices wait for -i.
 */
DAXCTL_EXPORT int daxctl_dev_is_listed(struct daxctl_dev *dev, unsigned flags)
{
	return (flags & DAXCTL_JSON_IDLE) || dev->size > 0;
}

DAXCTL_EXPORT struct json_object *daxctl_region_to_json(struct daxctl_region *region,
		const char *devname, unsigned flags)
{
	struct json_object *jregion = json_object_new_object(), *jdevs;
	unsigned long long avail;
	struct daxctl_dev *dev;

	if (!jregion)
		return NULL;
	if (!(flags & DAXCTL_JSON_NO_PATH))
		add(jregion, "path", json_object_new_string(daxctl_region_get_path(region)));
	add(jregion, "id", json_object_new_int(region->id));
	add(jregion, "size", util_json_size(region->size, flags));
	avail = daxctl_region_get_available_size(region);
	if (avail)
		add(jregion, "available_size", util_json_size(avail, flags));
	add(jregion, "align", util_json_u64(region->align));
	if (!(flags & DAXCTL_JSON_DEVICES))
		return jregion;
	jdevs = json_object_new_array();
	daxctl_dev_foreach(region, dev) {
		if (!daxctl_dev_is_listed(dev, flags))
			continue;
		if (devname && strcmp(devname, dev->devname) != 0)
			continue;
		json_object_array_add(jdevs, daxctl_dev_to_json(dev, flags));
	}
	if (json_object_array_length(jdevs))
		add(jregion, "devices", jdevs);
	else
		json_object_put(jdevs);
	return jregion;
}

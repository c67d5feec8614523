// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The memory blocks (/sys/devices/system/memory/memoryN) that kmem hot-plugs
 * for a system-ram dax device. kmem only adds whole blocks: the span is the
 * device's mappings with the start rounded up and the end rounded down to
 * the block size, which is why a device smaller than a block gets nothing.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "private.h"
#include "util/size.h"
#include "util/sysfs.h"

static int read_hex(struct daxctl_ctx *ctx, const char *path, uint64_t *out)
{
	char buf[SYSFS_ATTR_SIZE];
	int rc = sysfs_read_attr(&ctx->base.log, path, buf);

	/* sysfs prints these in hex without 0x */
	return rc < 0 ? rc : sysfs_parse_u64(buf, 16, out);
}

DAXCTL_EXPORT unsigned long long daxctl_memory_block_size(struct daxctl_ctx *ctx)
{
	char path[PATH_MAX];
	uint64_t size;

	if (ctx_path(ctx, path, sizeof(path), "/sys/devices/system/memory/block_size_bytes") < 0 ||
			read_hex(ctx, path, &size) < 0)
		return 0;
	return size;
}

/* Byte range [*start, *end) that kmem would hot-plug; empty when start >= end. */
DAXCTL_EXPORT void daxctl_dev_get_ram_range(struct daxctl_dev *dev,
		unsigned long long *start, unsigned long long *end)
{
	uint64_t bs = daxctl_memory_block_size(dev->ctx);
	uint64_t lo = UINT64_MAX, hi = 0;
	struct daxctl_mapping *map;

	for (map = dev->mappings; map; map = map->next) {
		lo = map->start < lo ? map->start : lo;
		hi = map->end + 1 > hi ? map->end + 1 : hi;
	}
	if (!dev->mappings) {
		lo = dev->resource;
		hi = dev->resource + dev->size;
	}
	*start = *end = 0;
	if (!bs || !dev->size)
		return;
	*start = ALIGN_UP(lo, bs);
	*end = ALIGN_DOWN(hi, bs);
	if (*end < *start)
		*end = *start;
}

void memory_free(struct daxctl_memory *mem)
{
	free(mem);
}

/* Upstream v81's name for "bound to kmem": enabled and in system-ram mode. */
DAXCTL_EXPORT int daxctl_dev_is_system_ram_capable(struct daxctl_dev *dev)
{
	return daxctl_dev_get_mode(dev) == DAXCTL_DEV_MODE_RAM;
}

/* NULL unless the device is in system-ram mode (bound to kmem). */
DAXCTL_EXPORT struct daxctl_memory *daxctl_dev_get_memory(struct daxctl_dev *dev)
{
	unsigned long long start, end;

	if (!daxctl_dev_is_system_ram_capable(dev))
		return NULL;
	if (dev->mem)
		return dev->mem;
	dev->mem = calloc(1, sizeof(*dev->mem));
	if (!dev->mem)
		return NULL;
	dev->mem->dev = dev;
	dev->mem->block_size = daxctl_memory_block_size(dev->ctx);
	daxctl_dev_get_ram_range(dev, &start, &end);
	if (dev->mem->block_size) {
		dev->mem->first = start / dev->mem->block_size;
		dev->mem->count = (end - start) / dev->mem->block_size;
	}
	return dev->mem;
}

LIB_MEMBER_GETTER(struct daxctl_dev *, daxctl_memory_get_dev, struct daxctl_memory, dev)
LIB_MEMBER_GETTER(unsigned long, daxctl_memory_get_block_size, struct daxctl_memory, block_size)
LIB_MEMBER_GETTER(unsigned long long, daxctl_memory_get_first_block, struct daxctl_memory, first)

/* Reads memoryN/<attr>; -ENOENT when the block is not plugged. */
static int block_attr(struct daxctl_memory *mem, uint64_t block, const char *attr,
		char *buf)
{
	char path[PATH_MAX];
	int rc = ctx_path(mem->dev->ctx, path, sizeof(path),
			"/sys/devices/system/memory/memory%llu/%s",
			(unsigned long long)block, attr);

	return rc < 0 ? rc : sysfs_read_attr(&mem->dev->ctx->base.log, path, buf);
}

static int block_set_state(struct daxctl_memory *mem, uint64_t block, const char *state)
{
	char path[PATH_MAX];
	int rc = ctx_path(mem->dev->ctx, path, sizeof(path),
			"/sys/devices/system/memory/memory%llu/state",
			(unsigned long long)block);

	return rc < 0 ? rc : sysfs_write_attr_quiet(&mem->dev->ctx->base.log, path, state);
}

DAXCTL_EXPORT int daxctl_memory_block_is_online(struct daxctl_memory *mem,
		unsigned long long block)
{
	char buf[SYSFS_ATTR_SIZE];
	int rc = block_attr(mem, block, "state", buf);

	/* The kernel shows "online"; a captured tree keeps what was written ("online_movable"). */
	return rc < 0 ? rc : strncmp(buf, "online", 6) == 0;
}

/* 1 in ZONE_MOVABLE, 0 in another zone, <0 when unknown. Meaningful when online. */
DAXCTL_EXPORT int daxctl_memory_block_is_movable(struct daxctl_memory *mem,
		unsigned long long block)
{
	char buf[SYSFS_ATTR_SIZE];
	int rc = block_attr(mem, block, "valid_zones", buf);

	return rc < 0 ? rc : strcmp(buf, "Movable") == 0;
}

DAXCTL_EXPORT int daxctl_memory_num_sections(struct daxctl_memory *mem)
{
	int n = 0;

	for (uint64_t b = mem->first; b < mem->first + mem->count; b++)
		n += daxctl_memory_block_is_online(mem, b) >= 0;
	return n;
}

DAXCTL_EXPORT int daxctl_memory_is_online(struct daxctl_memory *mem)
{
	int n = 0;

	for (uint64_t b = mem->first; b < mem->first + mem->count; b++)
		n += daxctl_memory_block_is_online(mem, b) == 1;
	return n;
}

/*
 * Upstream's answer: the zone is only known when every plugged block is
 * online, so -ENXIO as soon as one is offline (list then prints no "movable");
 * else 1 when all are in ZONE_MOVABLE, 0 when one is not.
 */
DAXCTL_EXPORT int daxctl_memory_is_movable(struct daxctl_memory *mem)
{
	int movable = 1, plugged = 0;

	for (uint64_t b = mem->first; b < mem->first + mem->count; b++) {
		int online = daxctl_memory_block_is_online(mem, b);

		if (online < 0)
			continue;	/* not plugged */
		if (online == 0)
			return -ENXIO;
		plugged++;
		if (daxctl_memory_block_is_movable(mem, b) != 1)
			movable = 0;
	}
	return plugged ? movable : -ENXIO;
}

/*
 * Upstream v81 (28c8ae0): when a call finds every block online already, the
 * blocks must be in the zone it asked for, or someone else onlined them
 * (udev, the kernel's policy) into another: warn and -EBUSY, as upstream.
 */
static int check_zone(struct daxctl_memory *mem, bool movable)
{
	char zone[SYSFS_ATTR_SIZE];

	for (uint64_t b = mem->first; b < mem->first + mem->count; b++) {
		if (daxctl_memory_block_is_online(mem, b) != 1)
			continue;
		if (block_attr(mem, b, "valid_zones", zone) < 0 ||
				strcmp(zone, movable ? "Movable" : "Normal") != 0) {
			err(mem->dev->ctx, "%s:\n  WARNING: detected a race while onlining memory\n"
				"  See 'man daxctl-reconfigure-device' for more details\n",
				mem->dev->devname);
			return -EBUSY;
		}
	}
	return 0;
}

static int memory_online(struct daxctl_memory *mem, const char *how)
{
	int onlined = 0;

	for (uint64_t b = mem->first; b < mem->first + mem->count; b++) {
		int rc = daxctl_memory_block_is_online(mem, b);

		if (rc < 0 || rc == 1)
			continue;
		rc = block_set_state(mem, b, how);
		if (rc < 0) {
			err(mem->dev->ctx, "%s: memory%llu: %s failed: %s\n",
					mem->dev->devname, (unsigned long long)b,
					how, strerror(-rc));
			return rc;
		}
		onlined++;
	}
	return onlined ? onlined : check_zone(mem, strcmp(how, "online_movable") == 0);
}

/* Returns how many blocks this call onlined (already online ones are left alone). */
DAXCTL_EXPORT int daxctl_memory_online(struct daxctl_memory *mem)
{
	return memory_online(mem, "online_movable");
}

DAXCTL_EXPORT int daxctl_memory_online_no_movable(struct daxctl_memory *mem)
{
	return memory_online(mem, "online_kernel");
}

static void offline_rollback(struct daxctl_memory *mem, const uint64_t *blocks,
		const int *movable, int n)
{
	for (int i = 0; i < n; i++)
		block_set_state(mem, blocks[i], movable[i] ? "online_movable" : "online_kernel");
}

/*
 * The first online block whose "removable" says 0 (a kernel without
 * CONFIG_MEMORY_HOTREMOVE), logged as upstream v81 does; -1 when none is.
 * A block without the attribute counts as removable.
 */
static int64_t first_unremovable(struct daxctl_memory *mem)
{
	char buf[SYSFS_ATTR_SIZE];

	for (uint64_t b = mem->first; b < mem->first + mem->count; b++) {
		if (daxctl_memory_block_is_online(mem, b) != 1 ||
				block_attr(mem, b, "removable", buf) < 0 ||
				sysfs_loose_u64(buf, 0) != 0)
			continue;
		err(mem->dev->ctx, "%s: memory%llu is unremovable\n", mem->dev->devname,
				(unsigned long long)b);
		return (int64_t)b;
	}
	return -1;
}

/*
 * Offline every online block, or none: when a block is not removable, nothing
 * is tried (-EOPNOTSUPP); when the kernel refuses one (its pages cannot be
 * migrated), the blocks offlined so far go back online in their zone. Either
 * way *failed holds the block. Returns the count offlined.
 */
DAXCTL_EXPORT int daxctl_memory_offline_all_or_none(struct daxctl_memory *mem,
		unsigned long long *failed)
{
	uint64_t *done = calloc(mem->count + 1, sizeof(*done));
	int *movable = calloc(mem->count + 1, sizeof(*movable));
	int64_t stuck = first_unremovable(mem);
	int n = 0, rc = 0;

	if (!done || !movable || stuck >= 0) {
		if (stuck >= 0 && failed)
			*failed = (unsigned long long)stuck;
		rc = stuck >= 0 ? -EOPNOTSUPP : -ENOMEM;
		goto out;
	}
	for (uint64_t b = mem->first; b < mem->first + mem->count; b++) {
		if (daxctl_memory_block_is_online(mem, b) != 1)
			continue;
		movable[n] = daxctl_memory_block_is_movable(mem, b) == 1;
		rc = block_set_state(mem, b, "offline");
		if (rc < 0) {
			if (failed)
				*failed = b;
			offline_rollback(mem, done, movable, n);
			goto out;
		}
		done[n++] = b;
	}
	rc = n;
out:
	free(done);
	free(movable);
	return rc;
}

DAXCTL_EXPORT int daxctl_memory_offline(struct daxctl_memory *mem)
{
	return daxctl_memory_offline_all_or_none(mem, NULL);
}

DAXCTL_EXPORT int daxctl_dev_will_auto_online_memory(struct daxctl_dev *dev)
{
	char path[PATH_MAX], policy[SYSFS_ATTR_SIZE];

	if (ctx_path(dev->ctx, path, sizeof(path),
			"/sys/devices/system/memory/auto_online_blocks") < 0 ||
			sysfs_read_attr(&dev->ctx->base.log, path, policy) < 0) {
		err(dev->ctx, "%s: Unable to determine auto-online policy\n", dev->devname);
		return 0;
	}
	return strncmp(policy, "online", 6) == 0;	/* online, online_movable, online_kernel */
}

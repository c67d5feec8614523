// SPDX-License-Identifier: LGPL-2.1-or-later
/* dax regions: found through the devices on /sys/bus/dax, in upstream's order. */
#include <dirent.h>
#include <errno.h>
#include <libgen.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "private.h"
#include "util/sysfs.h"

int ctx_path(struct daxctl_ctx *ctx, char *buf, size_t len, const char *fmt, ...)
{
	char rel[PATH_MAX];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(rel, sizeof(rel), fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof(rel))
		return -ENAMETOOLONG;
	return path_printf(buf, len, "%s%s", ctx->base.root, rel);
}

static void region_free(struct daxctl_region *region)
{
	while (region->devs) {
		struct daxctl_dev *next = region->devs->next;

		dev_free(region->devs);
		region->devs = next;
	}
	free(region->path);
	free(region);
}

void daxctl_topology_free(struct daxctl_topology *topo)
{
	if (!topo)
		return;
	while (topo->regions) {
		struct daxctl_region *next = topo->regions->next;

		region_free(topo->regions);
		topo->regions = next;
	}
	free(topo);
}

static struct daxctl_region *region_new(struct daxctl_ctx *ctx, const char *path)
{
	struct daxctl_region *region = calloc(1, sizeof(*region));
	char attrs[PATH_MAX];

	if (!region || path_printf(attrs, sizeof(attrs), "%s/dax_region", path) < 0)
		goto fail;
	region->ctx = ctx;
	region->path = strdup(path);
	if (!region->path)
		goto fail;
	region->id = (int)sysfs_attr_u64(&ctx->base.log, attrs, "id", (uint64_t)-1);
	if (region->id < 0) {
		dbg(ctx, "%s: no dax_region/id, not a dax region\n", path);
		goto fail;
	}
	region->size = sysfs_attr_u64(&ctx->base.log, attrs, "size", 0);
	region->available_size = sysfs_attr_u64(&ctx->base.log, attrs, "available_size", 0);
	region->align = sysfs_attr_u64(&ctx->base.log, attrs, "align", 0);
	snprintf(region->devname, sizeof(region->devname), "region%d", region->id);
	return region;
fail:
	if (region)
		free(region->path);
	free(region);
	return NULL;
}

/*
 * Upstream's order: each region goes in front when its first device is met
 * in /sys/bus/dax/devices (readdir order), so the walk meets them in reverse.
 * What a walk meets last decides what create-device prints and returns, and
 * list prints them in this order: scripts read both.
 */
static void region_insert(struct daxctl_topology *topo, struct daxctl_region *region)
{
	region->next = topo->regions;
	topo->regions = region;
}

static struct daxctl_region *region_for_dir(struct daxctl_ctx *ctx,
		struct daxctl_topology *topo, const char *dir)
{
	struct daxctl_region *region;

	for (region = topo->regions; region; region = region->next)
		if (strcmp(region->path, dir) == 0)
			return region;
	region = region_new(ctx, dir);
	if (region)
		region_insert(topo, region);
	return region;
}

/*
 * Upstream's order again: each device goes in front as it is met. Upstream
 * reads the region's own directory, this walk /sys/bus/dax/devices; sysfs
 * lists a directory by a hash of each name, so both meet a region's devices
 * in the same order, and list prints them as upstream does.
 */
static void dev_insert(struct daxctl_region *region, struct daxctl_dev *dev)
{
	dev->next = region->devs;
	region->devs = dev;
}

static void scan_one(struct daxctl_ctx *ctx, struct daxctl_topology *topo,
		const char *bus_dir, const char *name)
{
	char link[PATH_MAX], real[PATH_MAX], parent[PATH_MAX];
	struct daxctl_region *region;
	struct daxctl_dev *dev;

	if (path_printf(link, sizeof(link), "%s/%s", bus_dir, name) < 0 ||
			!realpath(link, real))
		return;
	strcpy(parent, real);
	region = region_for_dir(ctx, topo, dirname(parent));
	if (!region)
		return;
	dev = dev_new(region, name, real);
	if (dev)
		dev_insert(region, dev);
}

static struct daxctl_topology *topology_scan(struct daxctl_ctx *ctx)
{
	struct daxctl_topology *topo = calloc(1, sizeof(*topo));
	char bus_dir[PATH_MAX];
	struct dirent *de;
	DIR *dir;

	if (!topo)
		return NULL;
	if (ctx_path(ctx, bus_dir, sizeof(bus_dir), "/sys/bus/dax/devices") < 0)
		return topo;
	dir = opendir(bus_dir);
	if (!dir) {
		dbg(ctx, "%s: %s (dax modules not loaded?)\n", bus_dir, strerror(errno));
		return topo;
	}
	while ((de = readdir(dir)))
		if (de->d_name[0] != '.')
			scan_one(ctx, topo, bus_dir, de->d_name);
	closedir(dir);
	return topo;
}

struct daxctl_topology *daxctl_topology(struct daxctl_ctx *ctx)
{
	if (!ctx->topology)
		ctx->topology = topology_scan(ctx);
	return ctx->topology;
}

DAXCTL_EXPORT void daxctl_invalidate(struct daxctl_ctx *ctx)
{
	daxctl_topology_free(ctx->topology);
	ctx->topology = NULL;
}

DAXCTL_EXPORT struct daxctl_region *daxctl_region_get_first(struct daxctl_ctx *ctx)
{
	struct daxctl_topology *topo = daxctl_topology(ctx);

	return topo ? topo->regions : NULL;
}

LIB_MEMBER_GETTER(struct daxctl_region *, daxctl_region_get_next, struct daxctl_region, next)

DAXCTL_EXPORT struct daxctl_region *daxctl_region_get_by_id(struct daxctl_ctx *ctx, int id)
{
	struct daxctl_region *region;

	daxctl_region_foreach(ctx, region)
		if (region->id == id)
			return region;
	return NULL;
}

/*
 * An nd dax device (/sys/bus/nd/devices/daxX.Y, possibly under a captured
 * root) holds its dax region's attributes: match on the resolved directory.
 */
DAXCTL_EXPORT struct daxctl_region *daxctl_region_get_by_path(struct daxctl_ctx *ctx,
		const char *path)
{
	struct daxctl_region *region;
	char real[PATH_MAX];

	if (!path || !realpath(path, real))
		return NULL;
	daxctl_region_foreach(ctx, region)
		if (strcmp(region->path, real) == 0)
			return region;
	return NULL;
}

LIB_MEMBER_GETTER(struct daxctl_ctx *, daxctl_region_get_ctx, struct daxctl_region, ctx)
LIB_MEMBER_GETTER(int, daxctl_region_get_id, struct daxctl_region, id)
LIB_MEMBER_GETTER(const char *, daxctl_region_get_devname, struct daxctl_region, devname)

/* The path users see: relative to /sys/devices, as upstream prints it. */
DAXCTL_EXPORT const char *daxctl_region_get_path(struct daxctl_region *region)
{
	const char *marker = strstr(region->path, "/sys/devices/");

	return marker ? marker + strlen("/sys/devices") : region->path;
}

LIB_MEMBER_GETTER(unsigned long long, daxctl_region_get_size, struct daxctl_region, size)

/* Read at each call, as upstream: every create, resize and destroy changes it. */
DAXCTL_EXPORT unsigned long long daxctl_region_get_available_size(
		struct daxctl_region *region)
{
	char attrs[PATH_MAX];

	if (path_printf(attrs, sizeof(attrs), "%s/dax_region", region->path) == 0)
		region->available_size = sysfs_attr_u64(&region->ctx->base.log, attrs,
				"available_size", 0);
	return region->available_size;
}

/* Refusals are the caller's to explain (no capacity, a busy device): logged at debug. */
static int region_attr_write(struct daxctl_region *region, const char *attr,
		const char *value)
{
	char path[PATH_MAX];
	int rc = path_printf(path, sizeof(path), "%s/dax_region/%s", region->path, attr);

	return rc < 0 ? rc : sysfs_write_attr_quiet(&region->ctx->base.log, path, value);
}

DAXCTL_EXPORT int daxctl_region_create_dev(struct daxctl_region *region)
{
	return region_attr_write(region, "create", "1");
}

DAXCTL_EXPORT int daxctl_region_destroy_dev(struct daxctl_region *region,
		struct daxctl_dev *dev)
{
	return region_attr_write(region, "delete", daxctl_dev_get_devname(dev));
}

/*
 * The seed is usually a device that did not exist when the region was
 * scanned (daxctl_region_create_dev() just made it): add it then.
 */
DAXCTL_EXPORT struct daxctl_dev *daxctl_region_get_dev_seed(struct daxctl_region *region)
{
	char path[PATH_MAX], name[SYSFS_ATTR_SIZE], devpath[PATH_MAX];
	struct daxctl_dev *dev;

	if (path_printf(path, sizeof(path), "%s/dax_region/seed", region->path) < 0 ||
			sysfs_read_attr(&region->ctx->base.log, path, name) < 0 || !name[0])
		return NULL;
	daxctl_dev_foreach(region, dev)
		if (strcmp(name, dev->devname) == 0)
			return dev;
	if (path_printf(devpath, sizeof(devpath), "%s/%s", region->path, name) < 0)
		return NULL;
	dev = dev_new(region, name, devpath);
	if (dev)
		dev_insert(region, dev);
	return dev;
}

LIB_MEMBER_GETTER(unsigned long, daxctl_region_get_align, struct daxctl_region, align)
LIB_MEMBER_GETTER(struct daxctl_dev *, daxctl_dev_get_first, struct daxctl_region, devs)
LIB_MEMBER_GETTER(struct daxctl_dev *, daxctl_dev_get_next, struct daxctl_dev, next)

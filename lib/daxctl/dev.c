// SPDX-License-Identifier: LGPL-2.1-or-later
/* dax devices (/sys/bus/dax/devices/daxX.Y); their mappings are in mapping.c. */
#include <errno.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "private.h"
#include "util/sysfs.h"

/* The character device's "MAJOR:MINOR"; -1 and -1 when unreadable. */
static void dev_read_numbers(struct daxctl_dev *dev)
{
	char path[PATH_MAX], buf[SYSFS_ATTR_SIZE];

	dev->major = dev->minor = -1;
	if (path_printf(path, sizeof(path), "%s/dev", dev->path) < 0 ||
			sysfs_read_attr(&dev->ctx->base.log, path, buf) < 0 ||
			sscanf(buf, "%d:%d", &dev->major, &dev->minor) != 2)
		dev->major = dev->minor = -1;
}

/*
 * As upstream (util/iomem.c): a kernel that hides "resource" (older ones, or
 * root-only) still names the device in /proc/iomem, read under the context's
 * root; 0 when that cannot be read or does not name it. Upstream logs a
 * failed open as an error; here it is a debug line, so that a captured tree
 * without proc/iomem adds nothing to a command's output.
 */
static uint64_t iomem_resource(struct daxctl_ctx *ctx, const char *devname)
{
	unsigned long long res;
	char path[PATH_MAX], name[256];
	FILE *f;

	if (ctx_path(ctx, path, sizeof(path), "/proc/iomem") < 0)
		return 0;
	f = fopen(path, "re");
	if (!f) {
		dbg(ctx, "%s: open %s: %s\n", devname, path, strerror(errno));
		return 0;
	}
	while (fscanf(f, "%llx-%*x : %254[^\n]\n", &res, name) == 2)
		if (strcmp(name, devname) == 0) {
			dbg(ctx, "%s: got resource via iomem: %#llx\n", devname, res);
			fclose(f);
			return res;
		}
	dbg(ctx, "%s: not found in iomem\n", devname);
	fclose(f);
	return 0;
}

struct daxctl_dev *dev_new(struct daxctl_region *region, const char *devname,
		const char *path)
{
	struct daxctl_dev *dev = calloc(1, sizeof(*dev));
	int region_id;

	if (!dev)
		return NULL;
	dev->ctx = region->ctx;
	dev->region = region;
	dev->devname = strdup(devname);
	dev->path = strdup(path);
	if (!dev->devname || !dev->path ||
			sscanf(devname, "dax%d.%d", &region_id, &dev->id) != 2) {
		dbg(region->ctx, "%s: not a dax device name\n", devname);
		dev_free(dev);
		return NULL;
	}
	dev->size = sysfs_attr_u64(&dev->ctx->base.log, path, "size", 0);
	dev->resource = sysfs_attr_u64(&dev->ctx->base.log, path, "resource", UINT64_MAX);
	if (dev->resource == UINT64_MAX)
		dev->resource = iomem_resource(dev->ctx, devname);
	dev->align = sysfs_attr_u64(&dev->ctx->base.log, path, "align", 0);
	dev->target_node = (int)sysfs_attr_u64(&dev->ctx->base.log, path, "target_node", (uint64_t)-1);
	dev->numa_node = (int)sysfs_attr_u64(&dev->ctx->base.log, path, "numa_node", (uint64_t)-1);
	dev_read_numbers(dev);
	mappings_read(dev);
	return dev;
}

void dev_free(struct daxctl_dev *dev)
{
	mappings_free(dev);
	memory_free(dev->mem);
	free(dev->devname);
	free(dev->path);
	free(dev);
}

/* The bound driver's name ("device_dax", "kmem"), or -ENODEV when unbound. */
int dev_driver_name(struct daxctl_dev *dev, char *buf, size_t len)
{
	char link[PATH_MAX], target[PATH_MAX];
	ssize_t n;

	if (path_printf(link, sizeof(link), "%s/driver", dev->path) < 0)
		return -ENAMETOOLONG;
	n = readlink(link, target, sizeof(target) - 1);
	if (n < 0)
		return -ENODEV;
	target[n] = '\0';
	return path_printf(buf, len, "%s", basename(target));
}

DAXCTL_EXPORT struct daxctl_dev *daxctl_dev_get_by_name(struct daxctl_ctx *ctx,
		const char *devname)
{
	struct daxctl_region *region;
	struct daxctl_dev *dev;

	daxctl_region_foreach(ctx, region)
		daxctl_dev_foreach(region, dev)
			if (strcmp(dev->devname, devname) == 0)
				return dev;
	return NULL;
}

LIB_MEMBER_GETTER(struct daxctl_ctx *, daxctl_dev_get_ctx, struct daxctl_dev, ctx)
LIB_MEMBER_GETTER(struct daxctl_region *, daxctl_dev_get_region, struct daxctl_dev, region)
LIB_MEMBER_GETTER(const char *, daxctl_dev_get_devname, struct daxctl_dev, devname)
LIB_MEMBER_GETTER(int, daxctl_dev_get_id, struct daxctl_dev, id)
LIB_MEMBER_GETTER(unsigned long long, daxctl_dev_get_size, struct daxctl_dev, size)
LIB_MEMBER_GETTER(unsigned long long, daxctl_dev_get_resource, struct daxctl_dev, resource)
LIB_MEMBER_GETTER(unsigned long, daxctl_dev_get_align, struct daxctl_dev, align)
LIB_MEMBER_GETTER(int, daxctl_dev_get_target_node, struct daxctl_dev, target_node)

DAXCTL_EXPORT int daxctl_dev_is_enabled(struct daxctl_dev *dev)
{
	char name[64];

	return dev_driver_name(dev, name, sizeof(name)) == 0;
}

DAXCTL_EXPORT enum daxctl_dev_mode daxctl_dev_get_mode(struct daxctl_dev *dev)
{
	char name[64];

	if (dev_driver_name(dev, name, sizeof(name)) < 0)
		return DAXCTL_DEV_MODE_UNKNOWN;
	if (strcmp(name, "kmem") == 0)
		return DAXCTL_DEV_MODE_RAM;
	return DAXCTL_DEV_MODE_DEVDAX;
}

LIB_MEMBER_GETTER(int, daxctl_dev_get_major, struct daxctl_dev, major)
LIB_MEMBER_GETTER(int, daxctl_dev_get_minor, struct daxctl_dev, minor)

/* Writable only on dynamic (hmem/CXL) regions; QEMU's are static, so -ENXIO there. */
static int dev_attr_write(struct daxctl_dev *dev, const char *attr, const char *value)
{
	char path[PATH_MAX];

	if (path_printf(path, sizeof(path), "%s/%s", dev->path, attr) < 0 ||
			sysfs_write_attr(&dev->ctx->base.log, path, value) < 0) {
		err(dev->ctx, "%s: failed to set %s\n", dev->devname, attr);
		return -ENXIO;
	}
	return 0;
}

static int dev_write_u64(struct daxctl_dev *dev, const char *attr, unsigned long long v)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%#llx\n", v);
	return dev_attr_write(dev, attr, buf);
}

DAXCTL_EXPORT int daxctl_dev_set_size(struct daxctl_dev *dev, unsigned long long size)
{
	int rc = dev_write_u64(dev, "size", size);

	if (!rc)
		dev->size = size;
	return rc;
}

DAXCTL_EXPORT int daxctl_dev_set_align(struct daxctl_dev *dev, unsigned long align)
{
	int rc = dev_write_u64(dev, "align", align);

	if (!rc)
		dev->align = align;
	return rc;
}

DAXCTL_EXPORT int daxctl_dev_set_mapping(struct daxctl_dev *dev, unsigned long long start,
		unsigned long long end)
{
	char range[64];
	int rc;

	snprintf(range, sizeof(range), "%#llx-%#llx\n", start, end);
	rc = dev_attr_write(dev, "mapping", range);
	if (!rc)
		dev->size += end - start + 1;
	return rc;
}

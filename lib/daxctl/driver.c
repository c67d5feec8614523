// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Binding a dax device to device_dax (devdax mode) or kmem (system-ram).
 * kmem only claims devices named in its id list, so a device goes to kmem
 * by writing its name to kmem/new_id (which also probes it) and leaves by
 * remove_id + unbind; device_dax takes static devices without an id.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include "private.h"
#include "util/modprobe.h"
#include "util/sysfs.h"

static int driver_attr_write(struct daxctl_dev *dev, const char *driver,
		const char *attr, bool quiet)
{
	char path[PATH_MAX];
	int rc = ctx_path(dev->ctx, path, sizeof(path), "/sys/bus/dax/drivers/%s/%s",
			driver, attr);

	if (rc < 0)
		return rc;
	if (quiet)
		return sysfs_write_attr_quiet(&dev->ctx->base.log, path, dev->devname);
	return sysfs_write_attr(&dev->ctx->base.log, path, dev->devname);
}

static bool driver_registered(struct daxctl_ctx *ctx, const char *driver)
{
	char path[PATH_MAX];
	struct stat st;

	return ctx_path(ctx, path, sizeof(path), "/sys/bus/dax/drivers/%s", driver) == 0 &&
		stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/*
 * 0 when @driver is registered on the dax bus, loading its module if needed.
 * Modules are only loaded on the running system, never for a captured tree.
 */
DAXCTL_EXPORT int daxctl_dev_driver_available(struct daxctl_dev *dev, const char *driver)
{
	if (driver_registered(dev->ctx, driver))
		return 0;
	if (dev->ctx->base.root[0])
		return -ENOENT;
	if (modprobe_name(&dev->ctx->base.log, driver) == 0 && driver_registered(dev->ctx, driver))
		return 0;
	modprobe_explain_failure(&dev->ctx->base.log);
	return -ENOENT;
}

DAXCTL_EXPORT int daxctl_dev_disable(struct daxctl_dev *dev)
{
	struct daxctl_memory *mem = daxctl_dev_get_memory(dev);
	char driver[64];
	int rc;

	if (dev_driver_name(dev, driver, sizeof(driver)) < 0)
		return 0;
	if (mem && daxctl_memory_is_online(mem) > 0) {
		err(dev->ctx, "%s: memory is online, offline it first\n", dev->devname);
		return -EBUSY;
	}
	driver_attr_write(dev, driver, "remove_id", true);
	rc = driver_attr_write(dev, driver, "unbind", false);
	if (rc < 0)
		return rc;
	return daxctl_dev_is_enabled(dev) ? -EBUSY : 0;
}

static int dev_enable(struct daxctl_dev *dev, const char *driver, const char *other)
{
	char bound[64];
	int rc;

	if (dev_driver_name(dev, bound, sizeof(bound)) == 0)
		return strcmp(bound, driver) == 0 ? 0 : -EBUSY;
	rc = daxctl_dev_driver_available(dev, driver);
	if (rc < 0) {
		err(dev->ctx, "%s: driver %s is not available\n", dev->devname, driver);
		return rc;
	}
	/* a stale id would let the other driver claim the device first */
	if (driver_registered(dev->ctx, other))
		driver_attr_write(dev, other, "remove_id", true);
	driver_attr_write(dev, driver, "new_id", true);
	if (!daxctl_dev_is_enabled(dev))
		driver_attr_write(dev, driver, "bind", true);
	if (dev_driver_name(dev, bound, sizeof(bound)) < 0 || strcmp(bound, driver) != 0) {
		err(dev->ctx, "%s: %s did not bind the device\n", dev->devname, driver);
		return -ENXIO;
	}
	memory_free(dev->mem);
	dev->mem = NULL;
	return 0;
}

DAXCTL_EXPORT int daxctl_dev_enable_devdax(struct daxctl_dev *dev)
{
	return dev_enable(dev, "device_dax", "kmem");
}

/* Binds kmem; the hot-plugged blocks stay offline unless the kernel auto-onlines. */
DAXCTL_EXPORT int daxctl_dev_enable_ram(struct daxctl_dev *dev)
{
	unsigned long long start, end;

	daxctl_dev_get_ram_range(dev, &start, &end);
	if (start >= end) {
		err(dev->ctx, "%s: smaller than one memory block after alignment\n",
				dev->devname);
		return -EINVAL;
	}
	return dev_enable(dev, "kmem", "device_dax");
}

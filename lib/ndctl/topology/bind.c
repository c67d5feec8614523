// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Binding and unbinding nd bus devices: offer the device to each driver
 * through its bind file (loading the driver's module when none took it), and
 * wait for what the kernel does after (a personality it creates, the children
 * it registers).
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "internal.h"
#include "util/modprobe.h"

#define BIND_TIMEOUT_MS 5000
#define POLL_STEP_MS 10

/* Drivers are modules: load the one matching the device's modalias (its result). */
static int load_module(struct nd_dev *dev)
{
	char alias[SYSFS_ATTR_SIZE];

	if (dev->ctx->base.root[0] || nd_dev_read(dev, "modalias", alias) || !alias[0])
		return 0;
	return modprobe_alias(&dev->ctx->base.log, alias);
}

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

static int wait_driver(struct nd_dev *dev, bool want)
{
	long waited;

	for (waited = 0; waited <= BIND_TIMEOUT_MS; waited += POLL_STEP_MS) {
		if (nd_dev_has_driver_fresh(dev) == want)
			return 0;
		sleep_ms(POLL_STEP_MS);
	}
	return -ETIMEDOUT;
}

int nd_wait_path(const char *path)
{
	long waited;

	for (waited = 0; waited <= BIND_TIMEOUT_MS; waited += POLL_STEP_MS) {
		if (access(path, F_OK) == 0)
			return 0;
		sleep_ms(POLL_STEP_MS);
	}
	return -ETIMEDOUT;
}

/*
 * The kernel registers a probed device's children (a region's namespaces and
 * seeds) asynchronously: reading a bus's wait_probe returns once they are all
 * there, so the next topology scan finds the seeds the region names.
 */
static void wait_probe(struct ndctl_ctx *ctx)
{
	char buf[SYSFS_ATTR_SIZE];
	struct ndctl_bus *bus;

	if (!ctx->topology)
		return;
	for (bus = ctx->topology->buses; bus; bus = bus->next)
		nd_dev_read_fresh(&bus->dev, "wait_probe", buf);
}

/*
 * What the bind writes said: the module load's result, the first error
 * other than "no match" (-ENODEV; -ENOENT: a driver with no bind file),
 * which is the matching driver's probe refusing the device (the kernel
 * passes it to the bind write), and whether a write was taken.
 */
struct offer {
	int modprobe, refused;
	bool took;
};

static void enable_failed(struct nd_dev *dev, const struct offer *o)
{
	if (o->refused)
		err(dev->ctx, "%s: its driver refused it (%s): the kernel log (dmesg) says why\n",
				dev->name, strerror(-o->refused));
	else if (o->modprobe < 0 && o->modprobe != -ENOSYS)
		err(dev->ctx, "%s: no driver accepted it: loading its driver module failed (%s)\n",
				dev->name, strerror(-o->modprobe));
	else
		err(dev->ctx, "%s: no driver accepted it\n", dev->name);
	modprobe_explain_failure(&dev->ctx->base.log);
}

/* Offer the device to each registered nd driver: the one that matches takes it. */
static int offer_once(struct nd_dev *dev, struct offer *o)
{
	char drivers[PATH_MAX], bind[PATH_MAX * 2];
	struct dirent *de;
	DIR *dir;
	int rc, bind_rc;

	o->refused = 0;
	o->took = false;
	rc = path_printf(drivers, sizeof(drivers), "%s/sys/bus/nd/drivers",
			dev->ctx->base.root);
	if (rc)
		return rc;
	dir = opendir(drivers);
	if (!dir)
		return -errno;
	while ((de = readdir(dir)) && !nd_dev_has_driver_fresh(dev)) {
		if (de->d_name[0] == '.')
			continue;
		if (path_printf(bind, sizeof(bind), "%s/%s/bind", drivers, de->d_name))
			continue;
		bind_rc = sysfs_write_attr_quiet(&dev->ctx->base.log, bind, dev->name);
		o->took = bind_rc == 0;
		if (o->took)
			break;
		if (bind_rc != -ENODEV && bind_rc != -ENOENT && !o->refused)
			o->refused = bind_rc;
	}
	closedir(dir);
	return 0;
}

/*
 * The driver's module is loaded in nearly every case (the region's own probe
 * needed it), and asking libkmod first costs loading it, its configuration
 * and its indexes (docs/performance.md): offer the device to the drivers
 * there are, and load its module only when none matched.
 */
static int offer_to_drivers(struct nd_dev *dev, struct offer *o)
{
	int rc = offer_once(dev, o);

	o->modprobe = 0;
	if (rc || o->took || o->refused || nd_dev_has_driver_fresh(dev))
		return rc;
	o->modprobe = load_module(dev);
	return o->modprobe < 0 ? 0 : offer_once(dev, o);
}

/*
 * The kernel probes in the bind write itself: when no write was taken the
 * outcome is final, and fails at once (upstream's util_bind: ENXIO, unless
 * a driver said why or its module would not load). A taken write whose
 * driver link is not there yet is waited for (a captured tree's bind file
 * takes any write).
 */
static int offer_result(struct nd_dev *dev, const struct offer *o)
{
	if (nd_dev_has_driver_fresh(dev))
		return 0;
	if (o->took)
		return wait_driver(dev, true);
	if (o->refused)
		return o->refused;
	if (o->modprobe < 0 && o->modprobe != -ENOSYS)
		return o->modprobe;
	return -ENXIO;
}

/*
 * The device claiming dev ("" if none), as the kernel's bind left it: a
 * namespace's probe that finds an info block claims the namespace for a new
 * personality before the bind write returns, and registers that personality
 * (and binds it) asynchronously: done once the bus's wait_probe returns.
 */
static void read_holder(struct nd_dev *dev, char *holder)
{
	if (nd_dev_read_fresh(dev, "holder", holder))
		holder[0] = '\0';
	if (holder[0])
		wait_probe(dev->ctx);
	nd_attrs_stale(dev->cache);	/* the probe made a personality: its attributes changed */
}

/*
 * Run fn on the device named holder (in dev's topology): one of its own (no
 * directory fd, no cached attributes).
 */
static int on_holder(struct nd_dev *dev, const char *holder, int (*fn)(struct nd_dev *))
{
	struct nd_dev h = { 0 };
	int rc = nd_dev_init(&h, dev->ctx, dev->cache, holder);

	if (rc)
		return rc;
	rc = fn(&h);
	nd_dev_release(&h);
	return rc;
}

static int holder_enabled(struct nd_dev *h)
{
	return nd_dev_has_driver_fresh(h) ? 0 : -ENXIO;
}

/* After the offer: its result, the children the probe registers, a message why not. */
static int enable_finish(struct nd_dev *dev, const struct offer *o, int rc)
{
	if (!rc)
		rc = offer_result(dev, o);
	if (!rc)
		wait_probe(dev->ctx);
	nd_attrs_stale(dev->cache);	/* the driver's probe changed them */
	if (rc)
		enable_failed(dev, o);
	return rc;
}

int nd_dev_enable_or_claimed(struct nd_dev *dev)
{
	char holder[SYSFS_ATTR_SIZE];
	struct offer o;
	int rc;

	if (nd_dev_has_driver(dev))
		return 0;
	rc = offer_to_drivers(dev, &o);
	if (!rc && !o.took && !nd_dev_has_driver_fresh(dev)) {
		read_holder(dev, holder);
		if (holder[0]) {
			rc = on_holder(dev, holder, holder_enabled);
			if (rc)
				err(dev->ctx, "%s: claimed by %s, which is not enabled\n",
						dev->name, holder);
			return rc;
		}
	}
	rc = enable_finish(dev, &o, rc);
	/* upstream's namespace enable: ENXIO whatever the driver's probe said (dmesg has it) */
	return rc && rc == o.refused ? -ENXIO : rc;
}

int nd_dev_enable(struct nd_dev *dev)
{
	struct offer o;

	if (nd_dev_has_driver(dev))
		return 0;
	return enable_finish(dev, &o, offer_to_drivers(dev, &o));
}

int nd_dev_disable(struct nd_dev *dev)
{
	char path[PATH_MAX];
	int rc;

	if (!nd_dev_has_driver(dev))
		return 0;
	rc = path_printf(path, sizeof(path), "%s/driver/unbind", dev->path);
	if (!rc)
		rc = sysfs_write_attr(&dev->ctx->base.log, path, dev->name);
	if (!rc)
		rc = wait_driver(dev, false);
	nd_attrs_stale(dev->cache);
	return rc;
}


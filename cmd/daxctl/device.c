// SPDX-License-Identifier: GPL-2.0-only
/*
 * reconfigure-device, enable-device, disable-device, destroy-device,
 * online-memory and offline-memory: upstream's options, per-device flow, summary lines
 * ("reconfigured 1 device", "onlined memory for 1 device") and exit
 * statuses; ndkit's own checks add a line saying why and what to do.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <json-c/json.h>
#include "builtin.h"
#include "config.h"
#include "ram.h"
#include "../common/parse-options.h"
#include "util/size.h"

enum dev_action { ACT_RECONFIG, ACT_ONLINE, ACT_OFFLINE, ACT_ENABLE, ACT_DISABLE, ACT_DESTROY };

struct dev_run {
	struct dev_params p;
	enum dev_action action;
	enum daxctl_dev_mode mode;
	long long size, align;		/* -1: not given */
	unsigned flags;
	struct json_object *jdevs;	/* reconfigure: what upstream prints */
	int done;
};

#define ZONE_OPTIONS(p) \
	OPT_BOOLEAN('\0', "no-movable", &(p)->no_movable, "online memory in ZONE_NORMAL")

static const char *const action_words[] = {
	[ACT_RECONFIG] = "reconfigure", [ACT_ONLINE] = "online memory for",
	[ACT_OFFLINE] = "offline memory for", [ACT_ENABLE] = "enable",
	[ACT_DISABLE] = "disable", [ACT_DESTROY] = "destroy",
};

/* ------------------------------------------------------------ per device */

static int reconfig_devdax(struct dev_run *run, struct daxctl_dev *dev)
{
	const char *name = daxctl_dev_get_devname(dev);
	struct daxctl_memory *mem = daxctl_dev_get_memory(dev);
	int online, rc;

	if (daxctl_dev_get_mode(dev) == DAXCTL_DEV_MODE_DEVDAX) {
		fprintf(stderr, "%s was already in devdax mode\n", name);
		return 0;
	}
	if (mem && run->p.force && (rc = dev_offline_memory(dev, run->p.verbose)) < 0)
		return rc;
	online = mem ? daxctl_memory_is_online(mem) : 0;
	if (online > 0) {
		if (run->p.verbose)
			fprintf(stderr, "%s: found %d memory sections online\n"
					"%s: refusing to change modes\n", name, online, name);
		fprintf(stderr, "%s: %d memory %s online; add -f to offline %s first\n", name,
				online, plural(online, "block is", "blocks are"),
				plural(online, "it", "them"));
		return -EBUSY;
	}
	rc = daxctl_dev_disable(dev);
	if (rc) {
		fprintf(stderr, "%s: disable failed: %s\n", name, strerror(-rc));
		return rc;
	}
	return daxctl_dev_enable_devdax(dev);
}

static int reconfig_ram(struct dev_run *run, struct daxctl_dev *dev)
{
	const char *name = daxctl_dev_get_devname(dev);
	int rc;

	if ((run->p.no_online || !run->p.no_movable) && !run->p.force &&
			daxctl_dev_will_auto_online_memory(dev)) {
		fprintf(stderr, "%s: error: kernel policy will auto-online memory, aborting\n",
				name);
		return -EBUSY;
	}
	if (daxctl_dev_get_mode(dev) != DAXCTL_DEV_MODE_RAM) {
		/* upstream's kmem enable fails with EINVAL there: its status, said before */
		if (check_ram_capable("reconfigure-device", dev))
			return -EINVAL;
		if (check_kmem("reconfigure-device", dev))
			return -ENXIO;
		rc = daxctl_dev_disable(dev);
		if (rc) {
			fprintf(stderr, "%s: disable failed: %s\n", name, strerror(-rc));
			return rc;
		}
		rc = daxctl_dev_enable_ram(dev);
		if (rc) {
			daxctl_dev_enable_devdax(dev);	/* put it back as it was */
			fprintf(stderr, "%s: kmem could not take the device (%s); it stays in "
					"devdax mode, see dmesg\n", name, strerror(-rc));
			return rc;
		}
		say_hotplugged(dev);
	} else {
		fprintf(stderr, "%s was already in system-ram mode\n", name);
	}
	return run->p.no_online ? 0 : dev_online_memory(dev, !run->p.no_movable,
			run->p.verbose);
}

static int reconfig_one(struct dev_run *run, struct daxctl_dev *dev)
{
	int rc = 0;

	if (run->align > 0 && (rc = daxctl_dev_set_align(dev, (unsigned long)run->align)))
		return rc;
	if (run->size >= 0)
		return daxctl_dev_set_size(dev, (unsigned long long)run->size);
	if (run->mode == DAXCTL_DEV_MODE_RAM)
		rc = reconfig_ram(run, dev);
	else if (run->mode == DAXCTL_DEV_MODE_DEVDAX)
		rc = reconfig_devdax(run, dev);
	else {
		fprintf(stderr, "%s: unknown mode requested: %d\n", daxctl_dev_get_devname(dev),
				0);
		rc = -EINVAL;
	}
	if (rc < 0)
		return rc;
	keep_last_dev_json(&run->jdevs, dev, run->flags);	/* "all": the last one */
	return 0;	/* "nothing to do" (1) counts as done, as upstream */
}

static int memory_one(struct dev_run *run, struct daxctl_dev *dev)
{
	const char *name = daxctl_dev_get_devname(dev);

	if (!daxctl_dev_get_memory(dev)) {
		fprintf(stderr, "%s: memory operations are not applicable in devdax mode\n", name);
		fprintf(stderr, "%s: make it system-ram first: 'daxctl reconfigure-device -m "
				"system-ram %s'\n", name, name);
		return -ENXIO;
	}
	if (run->action == ACT_ONLINE)
		return dev_online_memory(dev, !run->p.no_movable, run->p.verbose);
	return dev_offline_memory(dev, run->p.verbose);
}

static int xble_one(struct dev_run *run, struct daxctl_dev *dev)
{
	const char *name = daxctl_dev_get_devname(dev);
	bool enable = run->action == ACT_ENABLE;
	int rc;

	if (daxctl_dev_get_memory(dev)) {
		fprintf(stderr, "%s: status operations are only applicable in devdax mode\n", name);
		fprintf(stderr, "%s: it is system-ram: 'daxctl reconfigure-device -m devdax -f "
				"%s' first\n", name, name);
		return -ENXIO;
	}
	rc = enable ? daxctl_dev_enable_devdax(dev) : daxctl_dev_disable(dev);
	if (rc)
		fprintf(stderr, "%s: %s failed: %s\n", name, enable ? "enable" : "disable",
				strerror(-rc));
	return rc;
}

/*
 * Upstream's steps: disabled (with -f, or already), size 0, deleted. The
 * kernel never deletes daxX.0 (/sys/bus/dax keeps a device while the region
 * lives): v81 counts it destroyed once it is disabled with size 0, and so
 * does ndkit, without the delete the kernel would refuse.
 */
static int destroy_one(struct dev_run *run, struct daxctl_dev *dev)
{
	const char *name = daxctl_dev_get_devname(dev);
	int rc;

	if (daxctl_dev_is_enabled(dev) && !run->p.force) {
		fprintf(stderr, "%s is active, specify --force for deletion\n", name);
		fprintf(stderr, "%s: 'daxctl disable-device %s' first, or add -f\n", name, name);
		return -ENXIO;
	}
	rc = daxctl_dev_disable(dev);
	if (rc) {
		fprintf(stderr, "%s: disable failed: %s\n", name, strerror(-rc));
		return rc;
	}
	rc = daxctl_dev_set_size(dev, 0);
	if (rc < 0)
		return rc;
	if (daxctl_dev_get_id(dev) == 0) {
		fprintf(stderr, "%s: the kernel keeps daxX.0: left disabled with size 0\n", name);
		return 0;
	}
	return daxctl_region_destroy_dev(daxctl_dev_get_region(dev), dev);
}

/*
 * Upstream's loop: every device the name selects. The status is v81's (f533bd7):
 * the last failure, whatever the order, where 76.1 gave the last device's; so a
 * name that selects nothing is not a failure (76.1: ENXIO), ndkit says why.
 */
static int each_device(struct daxctl_ctx *ctx, const char *name, struct dev_run *run)
{
	struct daxctl_region *region;
	struct daxctl_dev *dev;
	int rc, saved = 0, matched = 0;

	daxctl_region_foreach(ctx, region) {
		if (!region_selected(region, run->p.region))
			continue;
		daxctl_dev_foreach(region, dev) {
			if (!dev_selected(dev, name))
				continue;
			matched++;
			if (run->action == ACT_RECONFIG)
				rc = reconfig_one(run, dev);
			else if (run->action == ACT_ONLINE || run->action == ACT_OFFLINE)
				rc = memory_one(run, dev);
			else if (run->action == ACT_DESTROY)
				rc = destroy_one(run, dev);
			else
				rc = xble_one(run, dev);
			if (rc == 0)
				run->done++;
			else
				saved = rc;
		}
	}
	if (!matched && strcmp(name, "all") != 0)
		fprintf(stderr, "%s: no such dax device%s; 'daxctl list -i' shows them\n", name,
				run->p.region ? " in that region" : "");
	return saved;
}

/* ------------------------------------------------------------- commands */

static int parse_reconfig(struct dev_run *run)
{
	struct dev_params *p = &run->p;
	uint64_t v;
	int rc = 0;

	if (!p->size && !p->align && !p->mode) {
		fprintf(stderr, "error: a 'align', 'mode' or 'size' option is required\n");
		return -EINVAL;
	}
	if (p->size || p->align) {
		if (p->size)
			run->size = parse_size(p->size, &v) ? -1 : (long long)v;
		if (p->align)
			run->align = parse_size(p->align, &v) ? -1 : (long long)v;
	} else if (strcmp(p->mode, "system-ram") == 0) {
		run->mode = DAXCTL_DEV_MODE_RAM;
	} else if (strcmp(p->mode, "devdax") == 0) {
		run->mode = DAXCTL_DEV_MODE_DEVDAX;
		if (p->no_online) {
			fprintf(stderr, "--no-online is incompatible with --mode=devdax\n");
			rc = -EINVAL;
		}
	}
	return rc;
}

/* false to go on; true to stop now with *status (usage 129, -C without a config 0). */
static bool parse_device_options(int argc, char **argv, struct dev_run *run,
		const struct option *opts, const char *const *usage, struct daxctl_ctx *ctx,
		int *status)
{
	int rc = 0;

	argc = parse_options(argc, argv, opts, usage, 0);
	if (argc < 0) {
		*status = parse_options_exit(argc);
		return true;
	}
	if (argc == 0) {
		fprintf(stderr, "specify a device to %s, or \"all\"\n", action_words[run->action]);
		rc = -EINVAL;
	}
	for (int i = 1; i < argc; i++) {
		fprintf(stderr, "unknown extra parameter \"%s\"\n", argv[i]);
		rc = -EINVAL;
	}
	if (rc) {
		*status = usage_with_options(usage, opts);
		return true;
	}
	run->p.device = dev_basename(argv[0]);
	if (run->p.verbose)
		daxctl_set_log_priority(ctx, LOG_DEBUG);
	run->flags = run->p.human ? DAXCTL_JSON_HUMAN : 0;
	if (run->action != ACT_RECONFIG)
		return false;
	if (run->p.check_config) {
		rc = reconfig_from_config(ctx, &run->p);
		if (rc == CONFIG_MISUSE)
			*status = usage_with_options(usage, opts);
		else if (rc == CONFIG_NONE)
			*status = 0;	/* upstream: no section for it is not an error */
		if (rc)
			return true;
	}
	if (parse_reconfig(run)) {
		*status = usage_with_options(usage, opts);
		return true;
	}
	return false;
}

static int device_cmd(int argc, char **argv, struct daxctl_ctx *ctx, struct dev_run *run,
		const struct option *opts, const char *const *usage, const char *verb,
		const char *error_what)
{
	int rc = 0;

	if (parse_device_options(argc, argv, run, opts, usage, ctx, &rc))
		return rc;
	rc = each_device(ctx, run->p.device, run);
	if (run->jdevs) {
		print_json_list(run->jdevs, run->flags);
		json_object_put(run->jdevs);
	}
	if (rc < 0)
		fprintf(stderr, "error %s: %s\n", error_what, strerror(-rc));
	fprintf(stderr, "%s %d device%s\n", verb, run->done, run->done == 1 ? "" : "s");
	return rc;
}

int cmd_reconfigure_device(int argc, char **argv, void *ctx)
{
	static const char *const usage[] = {
		"daxctl reconfigure-device <device> [<options>]", NULL };
	struct dev_run run = { .action = ACT_RECONFIG, .size = -1, .align = -1 };
	struct dev_params *p = &run.p;
	const struct option opts[] = {
		DEVICE_BASE_OPTIONS(p),
		DEVICE_CREATE_OPTIONS(p),
		OPT_STRING('m', "mode", &p->mode, "mode", "mode to switch the device to"),
		OPT_BOOLEAN('N', "no-online", &p->no_online, "don't auto-online memory sections"),
		OPT_BOOLEAN('f', "force", &p->force,
			"attempt to offline memory sections before reconfiguration"),
		OPT_BOOLEAN('C', "check-config", &p->check_config,
			"use config files to determine parameters for the operation"),
		ZONE_OPTIONS(p),
		OPT_END(),
	};

	return device_cmd(argc, argv, ctx, &run, opts, usage, "reconfigured",
			"reconfiguring devices");
}

static int xble_cmd(int argc, char **argv, void *ctx, enum dev_action action)
{
	static const char *const enable_usage[] = { "daxctl enable-device <device>", NULL };
	static const char *const disable_usage[] = { "daxctl disable-device <device>", NULL };
	struct dev_run run = { .action = action, .size = -1, .align = -1 };
	const struct option opts[] = { DEVICE_BASE_OPTIONS(&run.p), OPT_END() };
	bool enable = action == ACT_ENABLE;

	return device_cmd(argc, argv, ctx, &run, opts, enable ? enable_usage : disable_usage,
			enable ? "enabled" : "disabled",
			enable ? "enabling device" : "disabling device");
}

int cmd_enable_device(int argc, char **argv, void *ctx)
{
	return xble_cmd(argc, argv, ctx, ACT_ENABLE);
}

int cmd_disable_device(int argc, char **argv, void *ctx)
{
	return xble_cmd(argc, argv, ctx, ACT_DISABLE);
}

int cmd_online_memory(int argc, char **argv, void *ctx)
{
	static const char *const usage[] = {
		"daxctl online-memory <device> [<options>]", NULL };
	struct dev_run run = { .action = ACT_ONLINE, .size = -1, .align = -1 };
	const struct option opts[] = { DEVICE_BASE_OPTIONS(&run.p), ZONE_OPTIONS(&run.p), OPT_END() };

	return device_cmd(argc, argv, ctx, &run, opts, usage, "onlined memory for",
			"onlining memory");
}

int cmd_offline_memory(int argc, char **argv, void *ctx)
{
	static const char *const usage[] = {
		"daxctl offline-memory <device> [<options>]", NULL };
	struct dev_run run = { .action = ACT_OFFLINE, .size = -1, .align = -1 };
	const struct option opts[] = { DEVICE_BASE_OPTIONS(&run.p), OPT_END() };

	return device_cmd(argc, argv, ctx, &run, opts, usage, "offlined memory for",
			"offlining memory");
}

int cmd_destroy_device(int argc, char **argv, void *ctx)
{
	static const char *const usage[] = {
		"daxctl destroy-device <device> [<options>]", NULL };
	struct dev_run run = { .action = ACT_DESTROY, .size = -1, .align = -1 };
	const struct option opts[] = {
		DEVICE_BASE_OPTIONS(&run.p),
		OPT_BOOLEAN('f', "force", &run.p.force, "attempt to disable before destroying device"),
		OPT_END(),
	};

	return device_cmd(argc, argv, ctx, &run, opts, usage, "destroyed",
			"destroying devices");
}

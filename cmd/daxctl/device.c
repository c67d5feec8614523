// SPDX-License-Identifier: GPL-2.0-only
/* reconfigure-device, enable-device, disable-device. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <json-c/json.h>
#include "builtin.h"
#include "ram.h"

struct dev_opts {
	struct dev_selection sel;
	enum daxctl_dev_mode mode;
	bool no_online, force, no_movable;
	unsigned flags;
};

static const char reconfigure_usage[] =
	"usage: daxctl reconfigure-device <dax0.0 | all> -m <system-ram | devdax> [<options>]\n"
	"  -m, --mode=MODE     system-ram (hot-plug through kmem) or devdax\n"
	"  -N, --no-online     system-ram: leave the new memory blocks offline\n"
	"      --no-movable    system-ram: online into a kernel zone, not ZONE_MOVABLE\n"
	"  -f, --force         devdax: offline memory that is online first\n"
	"  -r, --region=ID     only devices of this region\n"
	"  -u, --human         human-readable sizes in the JSON printed\n";
static const char enable_usage[] =
	"usage: daxctl enable-device <dax0.0 | all> [-m devdax|system-ram] [-r ID]\n";
static const char disable_usage[] =
	"usage: daxctl disable-device <dax0.0 | all> [-r ID]\n";

enum { OPT_NO_MOVABLE = 1000 };

static int parse_mode(const char *arg, enum daxctl_dev_mode *mode)
{
	if (strcmp(arg, "system-ram") == 0 || strcmp(arg, "ram") == 0)
		*mode = DAXCTL_DEV_MODE_RAM;
	else if (strcmp(arg, "devdax") == 0)
		*mode = DAXCTL_DEV_MODE_DEVDAX;
	else
		return -1;
	return 0;
}

/* 0 to go on, -1 after --help, 1 on a usage error. */
static int parse_dev_opts(int argc, char **argv, struct dev_opts *o, const char *usage)
{
	static const struct option longopts[] = {
		{ "mode", required_argument, NULL, 'm' },
		{ "no-online", no_argument, NULL, 'N' },
		{ "no-movable", no_argument, NULL, OPT_NO_MOVABLE },
		{ "force", no_argument, NULL, 'f' },
		{ "region", required_argument, NULL, 'r' },
		{ "human", no_argument, NULL, 'u' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	int c;

	o->sel.region_id = -1;
	while ((c = getopt_long(argc, argv, "m:Nfr:uh", longopts, NULL)) != -1) {
		switch (c) {
		case 'm':
			if (parse_mode(optarg, &o->mode) < 0)
				return usage_error("daxctl", argv[0],
						"bad mode '%s': use -m system-ram or -m devdax", optarg);
			break;
		case 'N': o->no_online = true; break;
		case OPT_NO_MOVABLE: o->no_movable = true; break;
		case 'f': o->force = true; break;
		case 'u': o->flags |= DAXCTL_JSON_HUMAN; break;
		case 'r':
			if (parse_region_opt(argv[0], optarg, &o->sel.region_id))
				return 1;
			break;
		case 'h':
			fputs(usage, stdout);
			return -1;
		default:
			fputs(usage, stderr);
			return 1;
		}
	}
	o->sel.names = argv + optind;
	o->sel.nnames = argc - optind;
	return 0;
}

static int to_system_ram(const char *cmd, struct daxctl_dev *dev, const struct dev_opts *o)
{
	struct daxctl_memory *mem;
	int rc;

	if (daxctl_dev_get_mode(dev) != DAXCTL_DEV_MODE_RAM) {
		if (check_ram_capable(cmd, dev) || check_kmem(cmd, dev))
			return -1;
		rc = daxctl_dev_disable(dev);
		if (rc == 0)
			rc = daxctl_dev_enable_ram(dev);
		if (rc < 0) {
			daxctl_dev_enable_devdax(dev);	/* put it back as it was */
			usage_error("daxctl", cmd, "%s: kmem could not take the device (%s); it stays in devdax mode, see dmesg",
					daxctl_dev_get_devname(dev), strerror(-rc));
			return -1;
		}
		say_hotplugged(dev);
	} else {
		fprintf(stderr, "%s: already in system-ram mode\n", daxctl_dev_get_devname(dev));
	}
	mem = daxctl_dev_get_memory(dev);
	if (o->no_online || !mem)
		return 0;
	return online_and_say(cmd, mem, !o->no_movable) < 0 ? -1 : 0;
}

static int to_devdax(const char *cmd, struct daxctl_dev *dev, const struct dev_opts *o)
{
	struct daxctl_memory *mem = daxctl_dev_get_memory(dev);
	const char *name = daxctl_dev_get_devname(dev);
	int online, rc;

	if (daxctl_dev_get_mode(dev) == DAXCTL_DEV_MODE_DEVDAX) {
		fprintf(stderr, "%s: already in devdax mode\n", name);
		return 0;
	}
	online = mem ? daxctl_memory_is_online(mem) : 0;
	if (online > 0 && !o->force) {
		usage_error("daxctl", cmd, "%s: %d memory %s online; add -f to offline %s first",
				name, online, plural(online, "block is", "blocks are"),
				plural(online, "it", "them"));
		return -1;
	}
	if (online > 0 && offline_or_explain(cmd, mem) < 0)
		return -1;
	rc = daxctl_dev_disable(dev);
	if (rc == 0)
		rc = daxctl_dev_enable_devdax(dev);
	if (rc < 0) {
		usage_error("daxctl", cmd, "%s: device_dax could not take the device: %s",
				name, strerror(-rc));
		return -1;
	}
	return 0;
}

static int run_on_devices(void *ctx, char **argv, struct dev_opts *o,
		int (*fn)(const char *, struct daxctl_dev *, const struct dev_opts *),
		const char *verb, bool print_json)
{
	struct daxctl_dev *devs[MAX_DEVICES];
	struct json_object *jarr = json_object_new_array();
	int n = select_devices(ctx, argv[0], &o->sel, devs, MAX_DEVICES);
	int done = 0, failed = 0;

	for (int i = 0; i < n; i++) {
		if (fn(argv[0], devs[i], o) < 0) {
			failed++;
			continue;
		}
		done++;
		if (jarr && print_json)
			json_object_array_add(jarr, daxctl_dev_to_json(devs[i], o->flags));
	}
	if (jarr && json_object_array_length(jarr))
		print_json_list(jarr, o->flags);
	json_object_put(jarr);
	if (n >= 0)
		fprintf(stderr, "%s %d %s\n", verb, done, plural(done, "device", "devices"));
	return n < 0 || failed ? 1 : 0;
}

static int reconfigure_one(const char *cmd, struct daxctl_dev *dev, const struct dev_opts *o)
{
	if (o->mode == DAXCTL_DEV_MODE_RAM)
		return to_system_ram(cmd, dev, o);
	return to_devdax(cmd, dev, o);
}

int cmd_reconfigure_device(int argc, char **argv, void *ctx)
{
	struct dev_opts o = { .mode = DAXCTL_DEV_MODE_UNKNOWN };
	int rc = parse_dev_opts(argc, argv, &o, reconfigure_usage);

	if (rc)
		return rc < 0 ? 0 : rc;
	if (o.mode == DAXCTL_DEV_MODE_UNKNOWN)
		return usage_error("daxctl", argv[0], "missing -m: use -m system-ram or -m devdax");
	return run_on_devices(ctx, argv, &o, reconfigure_one, "reconfigured", true);
}

static int enable_one(const char *cmd, struct daxctl_dev *dev, const struct dev_opts *o)
{
	int rc;

	if (daxctl_dev_is_enabled(dev))
		return 0;
	if (o->mode == DAXCTL_DEV_MODE_RAM)
		return to_system_ram(cmd, dev, o);
	rc = daxctl_dev_enable_devdax(dev);
	if (rc < 0)
		usage_error("daxctl", cmd, "%s: enabling failed: %s; see dmesg",
				daxctl_dev_get_devname(dev), strerror(-rc));
	return rc;
}

int cmd_enable_device(int argc, char **argv, void *ctx)
{
	struct dev_opts o = { .mode = DAXCTL_DEV_MODE_DEVDAX };
	int rc = parse_dev_opts(argc, argv, &o, enable_usage);

	if (rc)
		return rc < 0 ? 0 : rc;
	return run_on_devices(ctx, argv, &o, enable_one, "enabled", false);
}

static int disable_one(const char *cmd, struct daxctl_dev *dev, const struct dev_opts *o)
{
	struct daxctl_memory *mem = daxctl_dev_get_memory(dev);
	int online = mem ? daxctl_memory_is_online(mem) : 0, rc;

	if (online > 0) {
		usage_error("daxctl", cmd, "%s: %d memory %s online; run 'daxctl offline-memory %s' first",
				daxctl_dev_get_devname(dev), online,
				plural(online, "block is", "blocks are"), daxctl_dev_get_devname(dev));
		return -1;
	}
	rc = daxctl_dev_disable(dev);
	if (rc < 0)
		usage_error("daxctl", cmd, "%s: disabling failed: %s",
				daxctl_dev_get_devname(dev), strerror(-rc));
	return rc;
}

int cmd_disable_device(int argc, char **argv, void *ctx)
{
	struct dev_opts o = { 0 };
	int rc = parse_dev_opts(argc, argv, &o, disable_usage);

	if (rc)
		return rc < 0 ? 0 : rc;
	return run_on_devices(ctx, argv, &o, disable_one, "disabled", false);
}

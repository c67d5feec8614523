// SPDX-License-Identifier: GPL-2.0-only
/* daxctl list: regions and devices as JSON, upstream's keys and shapes. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <json-c/json.h>
#include <daxctl/libdaxctl.h>
#include "builtin.h"
#include "../common/parse-options.h"
#include "select.h"
#include "util/json.h"

struct list_opts {
	const char *region, *devname;
	bool devices, regions, mappings, idle, human;
	unsigned flags;
};

static bool dev_matches(struct daxctl_dev *dev, const struct list_opts *o)
{
	return daxctl_dev_is_listed(dev, o->flags) &&
		(!o->devname || strcmp(o->devname, daxctl_dev_get_devname(dev)) == 0);
}

static void add_region(struct json_object *jarr, struct daxctl_region *region,
		const struct list_opts *o)
{
	unsigned flags = o->flags | (o->devices ? DAXCTL_JSON_DEVICES : 0);
	struct json_object *jregion;
	struct daxctl_dev *dev;
	bool any = false;

	daxctl_dev_foreach(region, dev)
		any |= dev_matches(dev, o);
	if (o->devname && !any)
		return;		/* a device filter hides the regions without it */
	jregion = daxctl_region_to_json(region, o->devname, flags);
	if (jregion)
		json_object_array_add(jarr, jregion);
}

static void add_devices(struct json_object *jarr, struct daxctl_region *region,
		const struct list_opts *o)
{
	struct daxctl_dev *dev;

	daxctl_dev_foreach(region, dev)
		if (dev_matches(dev, o))
			json_object_array_add(jarr, daxctl_dev_to_json(dev, o->flags));
}

int cmd_list(int argc, char **argv, void *ctx)
{
	static const char *const usage[] = { "daxctl list [<options>]", NULL };
	struct list_opts o = { 0 };
	const struct option opts[] = {
		OPT_STRING('r', "region", &o.region, "region-id", "filter by region"),
		OPT_STRING('d', "dev", &o.devname, "dev-id", "filter by dax device instance name"),
		OPT_BOOLEAN('D', "devices", &o.devices, "include dax device info"),
		OPT_BOOLEAN('R', "regions", &o.regions, "include dax region info"),
		OPT_BOOLEAN('M', "mappings", &o.mappings, "include dax mappings info"),
		OPT_BOOLEAN('i', "idle", &o.idle, "include idle devices"),
		OPT_BOOLEAN('u', "human", &o.human, "use human friendly number formats "),
		OPT_END(),
	};
	struct daxctl_region *region;
	struct json_object *jarr;

	argc = parse_options(argc, argv, opts, usage, 0);
	if (argc < 0)
		return parse_options_exit(argc);
	for (int i = 0; i < argc; i++)
		opt_error("unknown parameter \"%s\"\n", argv[i]);
	if (argc)
		return usage_with_options(usage, opts);
	/* Upstream: -r alone lists regions, -d alone devices, neither devices. */
	if (!o.regions && !o.devices) {
		o.regions = o.region != NULL;
		o.devices = o.devname != NULL;
	}
	if (!o.regions && !o.devices)
		o.devices = true;
	if (o.devname && strcmp(o.devname, "all") == 0)
		o.devname = NULL;
	o.flags = (o.mappings ? DAXCTL_JSON_MAPPINGS : 0) | (o.idle ? DAXCTL_JSON_IDLE : 0) |
		(o.human ? DAXCTL_JSON_HUMAN : 0);
	jarr = json_object_new_array();
	if (!jarr)
		return -ENOMEM;
	daxctl_region_foreach((struct daxctl_ctx *)ctx, region) {
		if (!region_selected(region, o.region))
			continue;
		if (o.regions)
			add_region(jarr, region, &o);
		else
			add_devices(jarr, region, &o);
	}
	/* Upstream prints nothing at all when nothing matched. */
	if (json_object_array_length(jarr))
		print_json_list(jarr, o.flags);
	json_object_put(jarr);
	return 0;
}

// SPDX-License-Identifier: GPL-2.0-only
/* daxctl list: regions and devices as JSON, upstream's keys and shapes. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <json-c/json.h>
#include <daxctl/libdaxctl.h>
#include "builtin.h"
#include "select.h"
#include "util/json.h"

static const char list_usage[] =
	"usage: daxctl list [<options>]\n"
	"  -r, --region=ID     only this region (\"1\", \"region1\" or \"all\")\n"
	"  -d, --dev=NAME      only this device (\"dax1.0\" or \"all\")\n"
	"  -D, --devices       list devices (the default)\n"
	"  -R, --regions       list regions (with -D, their devices inside)\n"
	"  -M, --mappings      include each device's physical mappings\n"
	"  -i, --idle          include idle (zero-sized seed) devices\n"
	"  -u, --human         sizes and addresses as human-readable strings\n";

struct list_opts {
	int region_id;
	const char *devname;
	bool devices, regions;
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

static int parse_list_opts(int argc, char **argv, struct list_opts *o)
{
	static const struct option longopts[] = {
		{ "region", required_argument, NULL, 'r' },
		{ "dev", required_argument, NULL, 'd' },
		{ "devices", no_argument, NULL, 'D' },
		{ "regions", no_argument, NULL, 'R' },
		{ "mappings", no_argument, NULL, 'M' },
		{ "idle", no_argument, NULL, 'i' },
		{ "human", no_argument, NULL, 'u' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	int c;

	while ((c = getopt_long(argc, argv, "r:d:DRMiuh", longopts, NULL)) != -1) {
		switch (c) {
		case 'r':
			if (parse_region_opt("list", optarg, &o->region_id))
				return 1;
			break;
		case 'd':
			o->devname = strcmp(optarg, "all") == 0 ? NULL : optarg;
			break;
		case 'D': o->devices = true; break;
		case 'R': o->regions = true; break;
		case 'M': o->flags |= DAXCTL_JSON_MAPPINGS; break;
		case 'i': o->flags |= DAXCTL_JSON_IDLE; break;
		case 'u': o->flags |= DAXCTL_JSON_HUMAN; break;
		case 'h':
			fputs(list_usage, stdout);
			return -1;
		default:
			fputs(list_usage, stderr);
			return 1;
		}
	}
	if (optind < argc)
		return usage_error("daxctl", "list", "unexpected argument '%s'; see 'daxctl list --help'",
				argv[optind]);
	if (!o->regions)
		o->devices = true;
	return 0;
}

int cmd_list(int argc, char **argv, void *ctx)
{
	struct list_opts o = { .region_id = -1 };
	struct daxctl_region *region;
	struct json_object *jarr;
	int rc = parse_list_opts(argc, argv, &o);

	if (rc)
		return rc < 0 ? 0 : rc;
	jarr = json_object_new_array();
	if (!jarr)
		return 1;
	daxctl_region_foreach((struct daxctl_ctx *)ctx, region) {
		if (o.region_id >= 0 && daxctl_region_get_id(region) != o.region_id)
			continue;
		if (o.regions)
			add_region(jarr, region, &o);
		else
			add_devices(jarr, region, &o);
	}
	print_json_list(jarr, o.flags);
	json_object_put(jarr);
	return 0;
}

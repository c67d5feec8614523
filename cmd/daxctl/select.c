// SPDX-License-Identifier: GPL-2.0-only
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "util/json.h"
#include "../common/dispatch.h"
#include "select.h"

const char *plural(int n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

int parse_region_id(const char *arg, int *id)
{
	char *end;
	long v;

	if (strcmp(arg, "all") == 0) {
		*id = -1;
		return 0;
	}
	if (strncmp(arg, "region", 6) == 0)
		arg += 6;
	v = strtol(arg, &end, 10);
	if (end == arg || *end || v < 0)
		return -1;
	*id = (int)v;
	return 0;
}

int parse_region_opt(const char *cmd, const char *arg, int *id)
{
	if (parse_region_id(arg, id) == 0)
		return 0;
	return usage_error("daxctl", cmd, "bad region '%s': give a region id like 1 or region1", arg);
}

static bool name_selected(const struct dev_selection *sel, const char *devname)
{
	for (int i = 0; i < sel->nnames; i++)
		if (strcmp(sel->names[i], "all") == 0 || strcmp(sel->names[i], devname) == 0)
			return true;
	return false;
}

static int check_names_exist(struct daxctl_ctx *ctx, const char *cmd,
		const struct dev_selection *sel)
{
	for (int i = 0; i < sel->nnames; i++) {
		if (strcmp(sel->names[i], "all") == 0 ||
				daxctl_dev_get_by_name(ctx, sel->names[i]))
			continue;
		return usage_error("daxctl", cmd,
				"no dax device '%s'; 'daxctl list -i' shows the devices",
				sel->names[i]);
	}
	return 0;
}

int select_devices(struct daxctl_ctx *ctx, const char *cmd,
		const struct dev_selection *sel, struct daxctl_dev **out, int max)
{
	struct daxctl_region *region;
	struct daxctl_dev *dev;
	int n = 0;

	if (sel->nnames == 0) {
		usage_error("daxctl", cmd, "name a device (e.g. dax0.0) or 'all'");
		return -1;
	}
	if (check_names_exist(ctx, cmd, sel))
		return -1;
	daxctl_region_foreach(ctx, region) {
		if (sel->region_id >= 0 && daxctl_region_get_id(region) != sel->region_id)
			continue;
		daxctl_dev_foreach(region, dev)
			if (name_selected(sel, daxctl_dev_get_devname(dev)) && n < max)
				out[n++] = dev;
	}
	return n;
}

void print_json_list(struct json_object *jarr, unsigned flags)
{
	size_t n = json_object_array_length(jarr);

	if (n == 1 && (flags & UTIL_JSON_HUMAN))
		util_json_print(stdout, json_object_array_get_idx(jarr, 0));
	else
		util_json_print(stdout, jarr);
}

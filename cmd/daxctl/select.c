// SPDX-License-Identifier: GPL-2.0-only
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "util/json.h"
#include "select.h"

const char *plural(int n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

bool region_selected(struct daxctl_region *region, const char *ident)
{
	int id;

	if (!ident || strcmp(ident, "all") == 0)
		return true;
	return (sscanf(ident, "%d", &id) == 1 || sscanf(ident, "region%d", &id) == 1) &&
		daxctl_region_get_id(region) == id;
}

bool dev_selected(struct daxctl_dev *dev, const char *ident)
{
	int region_id, dev_id;

	if (!ident || strcmp(ident, "all") == 0 ||
			strcmp(ident, daxctl_dev_get_devname(dev)) == 0)
		return true;
	return sscanf(ident, "%d.%d", &region_id, &dev_id) == 2 &&
		daxctl_region_get_id(daxctl_dev_get_region(dev)) == region_id &&
		daxctl_dev_get_id(dev) == dev_id;
}

const char *dev_basename(const char *arg)
{
	const char *slash = strrchr(arg, '/');

	return slash ? slash + 1 : arg;
}

void print_json_list(struct json_object *jarr, unsigned flags)
{
	size_t n = json_object_array_length(jarr);

	/* upstream's bytes: a region's "path" reads "\/LNXSYSTM:00\/..." */
	if (n == 1 && (flags & UTIL_JSON_HUMAN))
		util_json_print_escaped(stdout, json_object_array_get_idx(jarr, 0));
	else
		util_json_print_escaped(stdout, jarr);
}

void keep_last_dev_json(struct json_object **jarr, struct daxctl_dev *dev, unsigned flags)
{
	json_object_put(*jarr);
	*jarr = json_object_new_array();
	if (*jarr)
		json_object_array_add(*jarr, daxctl_dev_to_json(dev, flags));
}

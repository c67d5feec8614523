/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef NDKIT_DAXCTL_SELECT_H
#define NDKIT_DAXCTL_SELECT_H
#include <stdbool.h>
#include <daxctl/libdaxctl.h>

/* Upstream's filters: -r "1", "region1" or "all" (NULL: any); a device "dax1.0",
 * "1.0" or "all" (NULL: any). Anything else selects nothing. */
bool region_selected(struct daxctl_region *region, const char *ident);
bool dev_selected(struct daxctl_dev *dev, const char *ident);
/* "/dev/dax1.0" names dax1.0, as upstream takes it. */
const char *dev_basename(const char *arg);

/* "1 device" / "2 devices" */
const char *plural(int n, const char *one, const char *many);

/*
 * As upstream: an array, except that with -u a lone element prints bare
 * (ndctl list -u does the same), so scripts see the shape they know.
 */
struct json_object;
void print_json_list(struct json_object *jarr, unsigned flags);
/*
 * As upstream's create and reconfigure loops: each device done replaces the one
 * before in *jarr, so over several the last one is printed.
 */
void keep_last_dev_json(struct json_object **jarr, struct daxctl_dev *dev, unsigned flags);

#endif

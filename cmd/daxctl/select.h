/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef NDKIT_DAXCTL_SELECT_H
#define NDKIT_DAXCTL_SELECT_H
#include <stdbool.h>
#include <daxctl/libdaxctl.h>

/* Devices named on the command line ("dax1.0", "all"), optionally in one region. */
struct dev_selection {
	char **names;
	int nnames;
	int region_id;		/* -1: any */
};

/*
 * Fill @out (room for @max) with the selected devices, in listing order.
 * Returns the count, or -1 after printing why (unknown name, nothing named).
 */
int select_devices(struct daxctl_ctx *ctx, const char *cmd,
		const struct dev_selection *sel, struct daxctl_dev **out, int max);

/* -r/--region: "1", "region1" or "all"; -1 when unparseable. */
int parse_region_id(const char *arg, int *id);

/* The same, printing a usage error and returning 1 when unparseable. */
int parse_region_opt(const char *cmd, const char *arg, int *id);

/* "1 device" / "2 devices" */
const char *plural(int n, const char *one, const char *many);

/*
 * As upstream: an array, except that with -u a lone element prints bare
 * (ndctl list -u does the same), so scripts see the shape they know.
 */
struct json_object;
void print_json_list(struct json_object *jarr, unsigned flags);

#define MAX_DEVICES 256

#endif

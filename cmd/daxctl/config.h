/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef NDKIT_DAXCTL_CONFIG_H
#define NDKIT_DAXCTL_CONFIG_H
#include <stdbool.h>
#include <daxctl/libdaxctl.h>

/* The options of the device commands, as given (upstream's names). */
struct dev_params {
	const char *device, *region, *size, *align, *input, *mode;
	bool human, verbose, no_online, no_movable, force, check_config;
};

/* -r, -u and -v: every device command's, as upstream's BASE_OPTIONS. */
#define DEVICE_BASE_OPTIONS(p) \
	OPT_STRING('r', "region", &(p)->region, "region-id", "filter by region"), \
	OPT_BOOLEAN('u', "human", &(p)->human, "use human friendly number formats"), \
	OPT_BOOLEAN('v', "verbose", &(p)->verbose, "emit more debug messages")

/* -s, -a and --input: create-device's, also taken by reconfigure-device (CREATE_OPTIONS). */
#define DEVICE_CREATE_OPTIONS(p) \
	OPT_STRING('s', "size", &(p)->size, "size", "size to switch the device to"), \
	OPT_STRING('a', "align", &(p)->align, "align", "alignment to switch the device to"), \
	OPT_STRING('\0', "input", &(p)->input, "input", "input device JSON file")

enum { CONFIG_MISUSE = 1, CONFIG_NONE = 2 };

/*
 * reconfigure-device -C: take mode, online and movable from the
 * [reconfigure-device NAME] section of ROOT/etc/daxctl.conf.d/ *.conf whose
 * nvdimm.uuid is the uuid of the device's nvdimm dax personality, as
 * upstream does. 0 with p updated; CONFIG_MISUSE (-C with -m, -N or
 * --no-movable: print the usage); CONFIG_NONE after saying no section applies.
 */
int reconfig_from_config(struct daxctl_ctx *ctx, struct dev_params *p);

#endif

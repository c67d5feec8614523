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

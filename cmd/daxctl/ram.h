/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef NDKIT_DAXCTL_RAM_H
#define NDKIT_DAXCTL_RAM_H
#include <stdbool.h>
#include <daxctl/libdaxctl.h>
#include "select.h"

/* Each prints a one-line "daxctl CMD: ..." error naming the fix and returns non-zero. */
int check_ram_capable(const char *cmd, struct daxctl_dev *dev);
int check_kmem(const char *cmd, struct daxctl_dev *dev);
/* Offline all blocks or none (then explain which block and why); returns count or <0. */
int offline_or_explain(const char *cmd, struct daxctl_memory *mem);
/*
 * Upstream's online/offline of a system-ram device's memory, messages and
 * all: 0 done, 1 when there was nothing to do (all already in that state),
 * or a negative errno. ndkit adds how many blocks went into which zone, and
 * offlines all blocks or none.
 */
int dev_online_memory(struct daxctl_dev *dev, bool movable, bool verbose);
int dev_offline_memory(struct daxctl_dev *dev, bool verbose);

/* When kmem plugs less than the device (alignment), say how much and why. */
void say_hotplugged(struct daxctl_dev *dev);

#endif

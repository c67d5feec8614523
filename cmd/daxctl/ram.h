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
/* Online the offline blocks and say how many and into which zone; count or <0. */
int online_and_say(const char *cmd, struct daxctl_memory *mem, bool movable);

/* When kmem plugs less than the device (alignment), say how much and why. */
void say_hotplugged(struct daxctl_dev *dev);

#endif

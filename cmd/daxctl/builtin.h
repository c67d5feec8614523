/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef NDKIT_DAXCTL_BUILTIN_H
#define NDKIT_DAXCTL_BUILTIN_H
#include "../common/builtin.h"

/* daxctl subcommands: argv[0] is the subcommand, ctx a struct daxctl_ctx *. */

/* devices: list.c, device.c ... */


#endif

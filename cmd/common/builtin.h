/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef NDKIT_CMD_BUILTIN_H
#define NDKIT_CMD_BUILTIN_H
#include "dispatch.h"

/* Subcommands shared by every tool. */
int cmd_version(int argc, char **argv, void *ctx);

#endif

/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef NDKIT_NDCTL_QEMU_BUILTIN_H
#define NDKIT_NDCTL_QEMU_BUILTIN_H
#include "../common/builtin.h"

/* ndctl-qemu subcommands (host side; ctx is NULL). */
int cmd_check(int argc, char **argv, void *ctx);
int cmd_plan(int argc, char **argv, void *ctx);
int cmd_provision(int argc, char **argv, void *ctx);
int cmd_inspect(int argc, char **argv, void *ctx);
int cmd_run(int argc, char **argv, void *ctx);

#endif

/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef NDKIT_NDCTL_QEMU_COMMANDS_BUILTIN_H
#define NDKIT_NDCTL_QEMU_COMMANDS_BUILTIN_H
#include "../../common/builtin.h"
#include "../../common/parse-options.h"

/*
 * A usage error's exit status, as ndctl's and daxctl's: what parse_options()
 * refuses, and the values, missing or extra arguments a command refuses
 * before it looks at any file.
 */
#define QEMU_USAGE_EXIT 129

/* The subcommands that boot nothing (host side; ctx is NULL); run/run.h has cmd_run. */
int cmd_check(int argc, char **argv, void *ctx);
int cmd_plan(int argc, char **argv, void *ctx);
int cmd_provision(int argc, char **argv, void *ctx);
int cmd_inspect(int argc, char **argv, void *ctx);

#endif

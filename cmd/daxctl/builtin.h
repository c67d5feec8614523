/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef NDKIT_DAXCTL_BUILTIN_H
#define NDKIT_DAXCTL_BUILTIN_H
#include "../common/builtin.h"

/* daxctl subcommands: argv[0] is the subcommand, ctx a struct daxctl_ctx *. */

/* list.c */
int cmd_list(int argc, char **argv, void *ctx);
/* device.c */
int cmd_reconfigure_device(int argc, char **argv, void *ctx);
int cmd_enable_device(int argc, char **argv, void *ctx);
int cmd_disable_device(int argc, char **argv, void *ctx);
int cmd_destroy_device(int argc, char **argv, void *ctx);
/* create.c */
int cmd_create_device(int argc, char **argv, void *ctx);
/* device.c too */
int cmd_online_memory(int argc, char **argv, void *ctx);
int cmd_offline_memory(int argc, char **argv, void *ctx);

#endif

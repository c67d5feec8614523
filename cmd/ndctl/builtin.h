/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef NDKIT_NDCTL_BUILTIN_H
#define NDKIT_NDCTL_BUILTIN_H
#include "../common/builtin.h"

/* ndctl subcommands: argv[0] is the subcommand, ctx a struct ndctl_ctx *. */

/* labels: labels.c (label-target.c) */
int cmd_read_labels(int argc, char **argv, void *ctx);
int cmd_write_labels(int argc, char **argv, void *ctx);
int cmd_zero_labels(int argc, char **argv, void *ctx);
int cmd_init_labels(int argc, char **argv, void *ctx);
int cmd_check_labels(int argc, char **argv, void *ctx);

/* topology and namespaces: list.c, region.c, namespace.c ... */
int cmd_list(int argc, char **argv, void *ctx);
int cmd_enable_region(int argc, char **argv, void *ctx);
int cmd_disable_region(int argc, char **argv, void *ctx);
int cmd_enable_namespace(int argc, char **argv, void *ctx);
int cmd_disable_namespace(int argc, char **argv, void *ctx);
int cmd_destroy_namespace(int argc, char **argv, void *ctx);
int cmd_enable_dimm(int argc, char **argv, void *ctx);
int cmd_disable_dimm(int argc, char **argv, void *ctx);
int cmd_create_namespace(int argc, char **argv, void *ctx);
int cmd_read_infoblock(int argc, char **argv, void *ctx);
int cmd_write_infoblock(int argc, char **argv, void *ctx);
int cmd_check_namespace(int argc, char **argv, void *ctx);

/* media errors and address range scrub: inject-error.c, clear-errors.c, scrub.c */
int cmd_inject_error(int argc, char **argv, void *ctx);
int cmd_clear_errors(int argc, char **argv, void *ctx);
int cmd_start_scrub(int argc, char **argv, void *ctx);
int cmd_wait_scrub(int argc, char **argv, void *ctx);

#endif

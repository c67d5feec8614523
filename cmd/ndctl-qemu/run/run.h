/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef NDKIT_QEMU_RUN_H
#define NDKIT_QEMU_RUN_H

/* `ndctl-qemu run`, the one subcommand that boots a guest (ctx is NULL). */
int cmd_run(int argc, char **argv, void *ctx);

#endif

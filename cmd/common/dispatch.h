/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef NDKIT_CMD_DISPATCH_H
#define NDKIT_CMD_DISPATCH_H
#include <stddef.h>
#include "error.h"

/*
 * Every tool (ndctl, daxctl, ndctl-qemu) is a table of subcommands. A
 * subcommand gets argv starting at its own name and the tool's library
 * context (or NULL for tools without one). It returns 0, a positive exit
 * status (129 for usage errors) or a negative errno; the tool exits with
 * the low byte, as upstream (-ENXIO exits 250).
 */
struct cmd {
	const char *name;
	int (*fn)(int argc, char **argv, void *ctx);
	const char *summary;
};

/* A command upstream has and ndkit leaves out: its usage line and why. */
struct upstream_only_cmd {
	const char *name;
	const char *usage;
	const char *reason;
};

struct tool {
	const char *name;
	const struct cmd *cmds;
	size_t ncmds;
	/* Called once before the subcommand runs; NULL if the tool needs none. */
	int (*ctx_new)(void **ctx);
	void (*ctx_free)(void *ctx);
	const struct upstream_only_cmd *upstream_only;
	size_t nupstream_only;
};

int tool_main(const struct tool *tool, int argc, char **argv);

/* The version every tool prints: upstream's form, see docs/differences.md. */
const char *tool_version(void);

#endif

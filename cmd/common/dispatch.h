/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef NDKIT_CMD_DISPATCH_H
#define NDKIT_CMD_DISPATCH_H
#include <stddef.h>

/*
 * Every tool (ndctl, daxctl, ndctl-qemu) is a table of subcommands. A
 * subcommand gets argv starting at its own name and the tool's library
 * context (or NULL for tools without one). It returns the exit code.
 */
struct cmd {
	const char *name;
	int (*fn)(int argc, char **argv, void *ctx);
	const char *summary;
};

struct tool {
	const char *name;
	const struct cmd *cmds;
	size_t ncmds;
	/* Called once before the subcommand runs; NULL if the tool needs none. */
	int (*ctx_new)(void **ctx);
	void (*ctx_free)(void *ctx);
};

int tool_main(const struct tool *tool, int argc, char **argv);

/* "ndctl create-namespace: <msg>" on stderr, for usage errors; returns 1. */
int usage_error(const char *tool, const char *cmd, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif

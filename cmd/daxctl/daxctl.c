// SPDX-License-Identifier: GPL-2.0-only
#include <daxctl/libdaxctl.h>
#include "builtin.h"

static const struct cmd daxctl_cmds[] = {
	{ "version", cmd_version, "print the ndkit version" },

	/* dax devices and memory */
};

static int ctx_new(void **ctx)
{
	return daxctl_new((struct daxctl_ctx **)ctx);
}

static void ctx_free(void *ctx)
{
	daxctl_unref(ctx);
}

int main(int argc, char **argv)
{
	static const struct tool daxctl = {
		.name = "daxctl",
		.cmds = daxctl_cmds,
		.ncmds = sizeof(daxctl_cmds) / sizeof(daxctl_cmds[0]),
		.ctx_new = ctx_new,
		.ctx_free = ctx_free,
	};

	return tool_main(&daxctl, argc, argv);
}

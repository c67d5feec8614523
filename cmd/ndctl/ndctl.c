// SPDX-License-Identifier: GPL-2.0-only
#include <ndctl/libndctl.h>
#include "builtin.h"

static const struct cmd ndctl_cmds[] = {
	{ "version", cmd_version, "print the ndkit version" },

	/* label storage area */
	{ "read-labels", cmd_read_labels, "dump label areas, raw or as JSON" },
	{ "write-labels", cmd_write_labels, "write a label area from a dump" },
	{ "zero-labels", cmd_zero_labels, "zero label areas" },
	{ "init-labels", cmd_init_labels, "initialize label index blocks (v1.2 by default)" },
	{ "check-labels", cmd_check_labels, "validate label areas deeply, optionally repair" },

	/* topology and namespaces */
};

static int ctx_new(void **ctx)
{
	return ndctl_new((struct ndctl_ctx **)ctx);
}

static void ctx_free(void *ctx)
{
	ndctl_unref(ctx);
}

int main(int argc, char **argv)
{
	static const struct tool ndctl = {
		.name = "ndctl",
		.cmds = ndctl_cmds,
		.ncmds = sizeof(ndctl_cmds) / sizeof(ndctl_cmds[0]),
		.ctx_new = ctx_new,
		.ctx_free = ctx_free,
	};

	return tool_main(&ndctl, argc, argv);
}

// SPDX-License-Identifier: GPL-2.0-only
#include <stdlib.h>
#include <daxctl/libdaxctl.h>
#include "builtin.h"

static const struct cmd daxctl_cmds[] = {
	{ "version", cmd_version, "print the ndkit version" },

	/* dax devices and memory */
	{ "list", cmd_list, "list dax regions and devices as JSON" },
	{ "reconfigure-device", cmd_reconfigure_device, "switch a device between devdax and system-ram" },
	{ "online-memory", cmd_online_memory, "online the memory blocks of system-ram devices" },
	{ "offline-memory", cmd_offline_memory, "offline the memory blocks of system-ram devices" },
	{ "enable-device", cmd_enable_device, "bind a dax device to its driver" },
	{ "disable-device", cmd_disable_device, "unbind a dax device from its driver" },
	{ "create-device", cmd_create_device, "make a devdax device from a region's available capacity" },
	{ "destroy-device", cmd_destroy_device, "give a disabled device's capacity back to its region" },
};

/* NDKIT_SYSFS_ROOT points the tool at a captured sysfs tree (unit tests). */
static int ctx_new(void **ctx)
{
	const char *root = getenv("NDKIT_SYSFS_ROOT");
	int rc = daxctl_new((struct daxctl_ctx **)ctx);

	if (rc == 0 && root)
		rc = daxctl_set_root(*ctx, root);
	return rc;
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

// SPDX-License-Identifier: GPL-2.0-only
#include <stdlib.h>
#include <ndctl/libndctl.h>
#include "builtin.h"

static const struct cmd ndctl_cmds[] = {
	{ "version", cmd_version, "print the ndkit version" },

	/* label storage area */
	{ "read-labels", cmd_read_labels, "dump label areas, raw or as JSON" },
	{ "write-labels", cmd_write_labels, "write a label area from a dump" },
	{ "zero-labels", cmd_zero_labels, "zero label areas" },
	{ "init-labels", cmd_init_labels, "initialize label index blocks (v1.1 by default, as upstream)" },
	{ "check-labels", cmd_check_labels, "validate label areas deeply, optionally repair" },

	/* topology and namespaces */
	{ "list", cmd_list, "list buses, dimms, regions and namespaces as JSON" },
	{ "enable-region", cmd_enable_region, "enable regions" },
	{ "disable-region", cmd_disable_region, "disable regions (namespaces first, safely)" },
	{ "enable-namespace", cmd_enable_namespace, "enable namespaces" },
	{ "disable-namespace", cmd_disable_namespace, "disable namespaces not in use" },
	{ "create-namespace", cmd_create_namespace, "create or reconfigure a namespace" },
	{ "destroy-namespace", cmd_destroy_namespace, "destroy namespaces" },
	{ "check-namespace", cmd_check_namespace, "check (and repair) a sector namespace's BTT" },
	{ "enable-dimm", cmd_enable_dimm, "enable dimms" },
	{ "disable-dimm", cmd_disable_dimm, "disable dimms no region uses" },
	{ "read-infoblock", cmd_read_infoblock, "dump a namespace's info blocks, raw or as JSON" },
	{ "write-infoblock", cmd_write_infoblock, "write a PFN/DAX info block to a namespace or file" },

	/* media errors and address range scrub (nfit_test; not on QEMU's NFIT) */
	{ "inject-error", cmd_inject_error, "inject, withdraw or list media errors of a namespace" },
	{ "clear-errors", cmd_clear_errors, "clear the media errors of namespaces" },
	{ "start-scrub", cmd_start_scrub, "start an address range scrub on buses" },
	{ "wait-scrub", cmd_wait_scrub, "wait for buses' address range scrubs to end" },
};

#define NO_FW "needs firmware DSMs that QEMU's vNVDIMMs do not implement"
#define NO_SEC "needs NVDIMM security DSMs that QEMU's vNVDIMMs do not implement"
#define NMEMS "<nmem0> [<nmem1>..<nmemN>] [<options>]"
#define BUSES "[<bus-id> <bus-id2> ... <bus-idN>] [<options>]"

static const struct upstream_only_cmd ndctl_upstream_only[] = {
	{ "update-firmware", "ndctl update-firmware " NMEMS, NO_FW },
	{ "inject-smart", "ndctl inject-smart <dimm> [<options>]", NO_FW },
	{ "activate-firmware", "ndctl activate-firmware" BUSES, NO_FW },
	{ "setup-passphrase", "ndctl setup-passphrase " NMEMS, NO_SEC },
	{ "update-passphrase", "ndctl update-passphrase " NMEMS, NO_SEC },
	{ "remove-passphrase", "ndctl remove-passphrase " NMEMS, NO_SEC },
	{ "freeze-security", "ndctl freeze-security " NMEMS, NO_SEC },
	{ "sanitize-dimm", "ndctl sanitize-dimm " NMEMS, NO_SEC },
	{ "load-keys", "ndctl load-keys [<options>]", NO_SEC },
	{ "wait-overwrite", "ndctl wait-overwrite " NMEMS, NO_SEC },
	{ "monitor", "ndctl monitor [<options>]",
		"watches DIMM health (SMART) events, which QEMU's vNVDIMMs never raise" },
};

/* NDKIT_SYSFS_ROOT: run against a captured sysfs tree (tests, bug reports). */
static int ctx_new(void **ctx)
{
	const char *root = getenv("NDKIT_SYSFS_ROOT");
	int rc = ndctl_new((struct ndctl_ctx **)ctx);

	if (!rc && root && root[0])
		rc = ndctl_set_root(*ctx, root);
	return rc;
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
		.upstream_only = ndctl_upstream_only,
		.nupstream_only = sizeof(ndctl_upstream_only) / sizeof(ndctl_upstream_only[0]),
	};

	return tool_main(&ndctl, argc, argv);
}

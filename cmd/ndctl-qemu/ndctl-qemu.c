// SPDX-License-Identifier: GPL-2.0-only
/*
 * ndctl-qemu's table of subcommands, the top of its layers (checked by
 * tests/unit/qemu/layers.py): model/ (QEMU argv, JSON options, libvirt
 * domains, QMP) -> rules/ (placement and the check rules) -> commands/
 * (check, plan, provision, inspect) -> run/ (the guest, VM, preload, nfit).
 */
#include "commands/builtin.h"
#include "run/run.h"

static const struct cmd qemu_cmds[] = {
	{ "version", cmd_version, "print the ndkit version" },
	{ "check", cmd_check, "find vNVDIMM mistakes in a QEMU command line, libvirt domain or running QEMU" },
	{ "plan", cmd_plan, "print a QEMU command line or libvirt domain that passes check" },
	{ "provision", cmd_provision, "write namespaces into a backend file's label area" },
	{ "inspect", cmd_inspect, "show a backend file's labels and what the guest will see" },
	{ "run", cmd_run, "boot a disposable pmem guest and run a command in it" },
};

int main(int argc, char **argv)
{
	static const struct tool ndctl_qemu = {
		.name = "ndctl-qemu",
		.cmds = qemu_cmds,
		.ncmds = sizeof(qemu_cmds) / sizeof(qemu_cmds[0]),
	};

	return tool_main(&ndctl_qemu, argc, argv);
}

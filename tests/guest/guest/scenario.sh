#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# A scenario's COMMAND in an `ndctl-qemu run` guest (the host's userspace): what the busybox
# guest's /init does around a scenario, here: DATA files at /ndkit/data, the helpers of lib.sh
# reporting on our stderr, the scenario under set -e, the verdict as the exit status.
# usage: scenario.sh LIB.SH SCENARIO DATA-DIR
mkdir -p /ndkit
ln -sfn "$3" /ndkit/data
ln -sf "$(command -v date)" /run/ndkit/bin/gnu-date
exec 9>&2
export NDKIT_REPORT=/dev/fd/9
. "$1"
# Not in an if condition: there the shell ignores set -e.
(set -e; . "$2")
rc=$?
[ "$rc" -eq 0 ] && [ ! -e "$NDKIT_FAILED" ] && exit 0
[ -e "$NDKIT_FAILED" ] ||
	printf '@@NDKIT FAIL a command outside the helpers failed (exit %s): see run.log\n@@NDKIT END\n' "$rc" >&2
echo "--- dmesg tail ---" >&2
dmesg | tail -n 30 >&2
exit 1

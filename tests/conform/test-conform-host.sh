#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# The host half of the conformance suite: ndkit on an empty sysfs root
# against Debian's upstream ndctl on a machine without NVDIMMs, so both see
# no devices (usage errors, not-found paths, file-only commands).
#   test-conform-host.sh RUN_CASES CASES NDCTL PTYRUN
set -u
upstream=${NDKIT_UPSTREAM_NDCTL:-/usr/bin/ndctl}
if [ ! -x "$upstream" ]; then
	echo "SKIP: $upstream is missing: install Debian's ndctl (tests/guest/setup.sh does)"
	exit 77
fi
if [ -d /sys/bus/nd/devices ] && [ -n "$(ls /sys/bus/nd/devices 2>/dev/null)" ]; then
	echo "SKIP: this host has NVDIMMs; the host cases need a machine without (the guest runs the rest)"
	exit 77
fi
empty=$(mktemp -d)
trap 'rm -rf "$empty"' EXIT
exec sh "$1" host "$2" "env NDKIT_SYSFS_ROOT=$empty $3" "$upstream" "$4"

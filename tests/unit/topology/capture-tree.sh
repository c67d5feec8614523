#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Capture the nd bus part of sysfs into DIR, small enough to commit, so the
# unit tests can point libndctl (ndctl_set_root) at it.
#   capture-tree.sh DIR
# Attributes become plain files, the /sys/bus/nd/devices entries and each
# device's "driver" stay (relative) symlinks, so paths resolve inside DIR.
# Busybox sh compatible: it runs inside the test guest.
set -e
out=${1:?usage: capture-tree.sh DIR}
mkdir -p "$out/sys/bus/nd/devices"

copy_attrs() {	# $1 = real sysfs dir
	for f in "$1"/*; do
		name=${f##*/}
		case $name in
		power|subsystem|firmware_node|uevent|modalias|queue|trace|holders|\
slaves|mq|integrity|bdi|resource|deep_flush|activate) continue ;;
		esac
		if [ -L "$f" ]; then
			[ "$name" = driver ] && ln -sf "$(readlink "$f")" "$out$1/$name"
		elif [ -d "$f" ]; then
			mkdir -p "$out$f"
			copy_attrs "$f"
		elif [ -r "$f" ]; then
			cat "$f" > "$out$f" 2>/dev/null || rm -f "$out$f"
		fi
	done
}

# The dax bus links too: libdaxctl (ndctl list -X/-v) finds dax devices through them.
mkdir -p "$out/sys/bus/dax/devices"
for dev in /sys/bus/nd/devices/* /sys/bus/dax/devices/*; do
	[ -e "$dev" ] || continue
	ln -s "$(readlink "$dev")" "$out$dev"
done
for bus in /sys/bus/nd/devices/ndbus*; do
	real=$(readlink -f "$bus")
	mkdir -p "$out$real"
	copy_attrs "$real"
done

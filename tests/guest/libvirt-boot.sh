#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# One boot of a LIBVIRT=1 scenario, run by run.py under tests/libvirt/with-libvirtd.sh:
# define and start DOMAIN.xml (its serial console goes to CONSOLE), print the
# console as it grows, return once libvirt reports the domain shut off.
# Usage: libvirt-boot.sh DOMAIN.xml CONSOLE
set -euo pipefail
xml=$1 console=$2
name=$(sed -n 's|.*<name>\(.*\)</name>.*|\1|p' "$xml" | head -n1)
: >"$console"
virsh -q define "$xml" >&2
virsh -q start "$name" >&2
tail -n +1 -F "$console" 2>/dev/null &
tailer=$!
while [ "$(virsh domstate "$name" 2>/dev/null)" = running ]; do
	sleep 0.5
done
sleep 0.5
kill "$tailer"
virsh -q undefine "$name" >/dev/null 2>&1 || true

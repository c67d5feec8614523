#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Run a command beside a private libvirtd (QEMU driver), then stop it.
# Usage: with-libvirtd.sh CMD [ARG...]   (as root; exit 77, a skip, otherwise)
#
# The daemon lives in its own mount and PID namespace: /etc/libvirt, /run/libvirt,
# /var/lib/libvirt, /var/cache/libvirt and /var/log/libvirt are fresh tmpfs there,
# with a qemu.conf running QEMU as root, without a security driver or virtlogd, and a
# private /etc/passwd and /etc/group naming libvirt-qemu (libvirtd resolves its
# compiled-in user before it reads qemu.conf). Nothing of the host's libvirt
# configuration is read or changed, and when CMD ends (or this script is killed)
# the daemon and every QEMU it started end with it. CMD sees LIBVIRT_DEFAULT_URI.
# NDKIT_LIBVIRTD_LOG names a file for the daemon's log (default: discarded).
set -euo pipefail

if [ "${1:-}" != --inside ]; then
	if [ "$(id -u)" -ne 0 ]; then
		echo "with-libvirtd: needs root (a private libvirtd); skipped" >&2
		exit 77
	fi
	for p in libvirtd virsh unshare; do
		command -v "$p" >/dev/null || {
			echo "with-libvirtd: no $p; run tests/guest/setup.sh as root" >&2
			exit 1
		}
	done
	exec unshare --mount --pid --fork --kill-child --mount-proc --propagation private \
		bash "$0" --inside "$@"
fi
shift

for d in /etc/libvirt /run/libvirt /var/lib/libvirt /var/cache/libvirt /var/log/libvirt; do
	mkdir -p "$d"
	mount -t tmpfs -o mode=0755 ndkit-libvirt "$d"
done
ids=/run/libvirt/ndkit-ids
mkdir -p "$ids"
cp /etc/passwd /etc/group "$ids/"
grep -q '^libvirt-qemu:' "$ids/passwd" ||
	echo 'libvirt-qemu:x:64055:64055:libvirt:/var/lib/libvirt:/usr/sbin/nologin' >>"$ids/passwd"
grep -q '^libvirt-qemu:' "$ids/group" || echo 'libvirt-qemu:x:64055:' >>"$ids/group"
mount --bind "$ids/passwd" /etc/passwd
mount --bind "$ids/group" /etc/group
cat >/etc/libvirt/qemu.conf <<'CONF'
user = "root"
group = "root"
dynamic_ownership = 0
security_driver = "none"
cgroup_controllers = []
stdio_handler = "file"
CONF
: >/etc/libvirt/libvirtd.conf

libvirtd --pid-file /run/libvirt/ndkit-libvirtd.pid \
	>"${NDKIT_LIBVIRTD_LOG:-/dev/null}" 2>&1 &
daemon=$!
export LIBVIRT_DEFAULT_URI=qemu:///system
for _ in $(seq 150); do
	virsh version >/dev/null 2>&1 && break
	kill -0 "$daemon" 2>/dev/null || { echo "with-libvirtd: libvirtd exited" >&2; exit 1; }
	sleep 0.2
done
virsh version >/dev/null 2>&1 || { echo "with-libvirtd: libvirtd did not answer" >&2; exit 1; }

rc=0
"$@" || rc=$?
kill "$daemon" 2>/dev/null || true
wait "$daemon" 2>/dev/null || true
exit "$rc"

#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# How data/*.sysfs and data/*.upstream-*.json were made.
#   capture-sysfs.sh guest   runs inside a QEMU guest booted as in
#       the guest harness (tests/guest: nv0 1G align=2M label 128K, nv1 1G align=128M
#       label 2M preloaded with tests/data/labels/nvdimm1-v1.1-after-create.lsa.gz,
#       -m 1G,slots=4,maxmem=8G), with upstream ndctl/daxctl installed as
#       upstream-ndctl/upstream-daxctl; it prints the dax sysfs (F path value /
#       L path target lines) and upstream's list output for each state.
#   capture-sysfs.sh split LOG DIR   turns the guest's console log into DIR/STATE.sysfs
#       and DIR/STATE.upstream-NAME.json.
# The preloaded labels only restore the namespace (the devdax info block lives
# in the data area), so the guest reconfigures it to devdax with upstream ndctl.
set -u

dump() {
	st=$1
	echo "@@STATE $st"
	for l in /sys/bus/dax/devices/* /sys/bus/dax/drivers/*/dax*; do
		[ -L "$l" ] && echo "L $l $(readlink "$l")"
	done
	for d in /sys/bus/dax/drivers/*; do
		for f in bind unbind new_id remove_id; do echo "F $d/$f "; done
	done
	for l in /sys/bus/dax/devices/*; do
		r=$(readlink -f "$l"); p=$(dirname "$r")
		for f in "$r"/* "$r"/mapping*/* "$p"/dax_region/*; do
			if [ -L "$f" ]; then echo "L $f $(readlink "$f")"
			elif [ -f "$f" ]; then echo "F $f $(head -1 "$f" 2>/dev/null)"; fi
		done
		echo "F $p/devtype $(cat "$p/devtype" 2>/dev/null)"
	done
	m=/sys/devices/system/memory
	echo "F $m/block_size_bytes $(cat $m/block_size_bytes)"
	echo "F $m/auto_online_blocks $(cat $m/auto_online_blocks)"
	for b in $m/memory*; do
		for f in state phys_index valid_zones removable online phys_device; do
			echo "F $b/$f $(cat "$b/$f" 2>/dev/null)"
		done
		for n in "$b"/node*; do [ -L "$n" ] && echo "L $n $(readlink "$n")"; done
	done
	echo "@@ENDSTATE"
	for args in -RDMu -RDM -iu; do
		echo "@@JSON $st list$args"; upstream-daxctl list $args; echo "@@ENDJSON"
	done
	echo "@@MEMTOTAL $st $(grep MemTotal /proc/meminfo)"
}

guest() {
	upstream-ndctl disable-region region0 && upstream-ndctl init-labels -f nmem0 &&
		upstream-ndctl enable-region region0
	upstream-ndctl create-namespace -r region0 -m devdax -a 2M -s 64M	# too small for a block
	upstream-ndctl create-namespace -f -e namespace1.0 -m devdax -a 2M
	dump devdax
	upstream-daxctl reconfigure-device -m system-ram dax1.0
	dump system-ram
	upstream-daxctl reconfigure-device -m system-ram dax0.0	# fails, leaves dax0.0 disabled
	upstream-daxctl offline-memory dax1.0
	dump offline
}

split() {
	awk -v dir="$2" '
		{ sub(/\r$/, "") }
		/^@@STATE / { out = dir "/" $2 ".sysfs"; printf "" > out; next }
		/^@@JSON / { out = dir "/" $2 ".upstream-" $3 ".json"; printf "" > out; next }
		/^@@END/ { close(out); out = ""; next }
		out != "" { print > out }' "$1"
}

case ${1:-} in
guest) guest ;;
split) split "$2" "$3" ;;
*) echo "usage: capture-sysfs.sh guest | split LOG DIR" >&2; exit 1 ;;
esac

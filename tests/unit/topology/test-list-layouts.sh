#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# `ndctl list` takes shortcuts the captured trees allow: a region's namespaces
# are opened through the region's directory, and a namespace's disk is looked
# for under the name the kernel gives it (pmemX, pmemX.Y), in sys/block when
# the tree has one (the captured ones do not). Where a tree does not allow
# them, the listing must not change: namespaces that are no subdirectories of
# their region (a flat tree), and a disk of another name, with and without
# sys/block; nor where sys/block lists the disks of personalities too.
#   test-list-layouts.sh NDCTL TREES_DIR
set -u
ndctl=$1 trees=$2
fails=0 checks=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

expect() {	# expect NAME TREE EXPECTED_JSON
	checks=$((checks + 1))
	NDKIT_SYSFS_ROOT=$2 "$ndctl" list -BDRNi > "$tmp/out" 2>&1
	if ! cmp -s "$3" "$tmp/out"; then
		echo "FAIL: $1"
		diff -u "$3" "$tmp/out" | head -20
		fails=$((fails + 1))
	fi
}

sys_block() {	# sys_block TREE: link every disk of TREE in TREE/sys/block, as sysfs does
	mkdir -p "$1/sys/block"
	for disk in "$1"/sys/devices/*/*/*/*/region*/*/block/*; do
		[ -d "$disk" ] && ln -s "../devices/${disk#"$1"/sys/devices/}" "$1/sys/block/${disk##*/}"
	done
}

for name in labelless mixed; do
	src=$trees/$name
	NDKIT_SYSFS_ROOT=$src "$ndctl" list -BDRNi > "$tmp/$name.json" 2>&1

	# flat: each namespace directory moved to where its bus link was
	cp -a "$src" "$tmp/flat-$name"
	for link in "$tmp/flat-$name"/sys/bus/nd/devices/namespace*; do
		target=$(cd "$(dirname "$link")" && cd "$(dirname "$(readlink "$link")")" && pwd)/$(basename "$link")
		rm "$link"
		mv "$target" "$link"
		[ ! -L "$link/driver" ] || ln -sfn ../../drivers/nd_pmem "$link/driver"
	done
	expect "$name, namespaces outside their regions" "$tmp/flat-$name" "$tmp/$name.json"

	cp -a "$src" "$tmp/block-$name"
	sys_block "$tmp/block-$name"
	expect "$name, with sys/block" "$tmp/block-$name" "$tmp/$name.json"

	# a disk the kernel would not name so: found by the scan of block/
	cp -a "$src" "$tmp/disk-$name"
	found=0
	for disk in "$tmp/disk-$name"/sys/devices/*/*/*/*/region*/namespace*/block/pmem*; do
		[ -d "$disk" ] || continue
		mv "$disk" "${disk}x"
		found=1
	done
	[ "$found" = 1 ] || continue
	sed 's/"blockdev":"\(pmem[0-9.]*\)"/"blockdev":"\1x"/' "$tmp/$name.json" > "$tmp/$name-x.json"
	cmp -s "$tmp/$name.json" "$tmp/$name-x.json" && { echo "FAIL: $name: no raw disk to rename"; fails=$((fails + 1)); }
	expect "$name, disks of other names" "$tmp/disk-$name" "$tmp/$name-x.json"
	sys_block "$tmp/disk-$name"
	expect "$name, disks of other names, with sys/block" "$tmp/disk-$name" "$tmp/$name-x.json"
done
# On an NFIT bus a namespace's mode comes from its region's claims (the kernel's
# mode_show() rule); elsewhere the attribute says, since e820's legacy pmem calls
# an unclaimed namespace "memory": a raw one so marked must list as fsdax, and
# nothing else change.
e820=$tmp/e820-mixed
cp -a "$trees/mixed" "$e820"
echo e820 > "$e820/sys/bus/nd/devices/ndbus0/provider"
raw=$(basename "$(grep -lx raw "$e820"/sys/bus/nd/devices/namespace*/mode | head -n 1 | xargs dirname)")
echo memory > "$e820/sys/bus/nd/devices/$raw/mode"
NDKIT_SYSFS_ROOT=$trees/mixed "$ndctl" list -Ni > "$tmp/nfit-N.json"
NDKIT_SYSFS_ROOT=$e820 "$ndctl" list -Ni > "$tmp/e820-N.json"
checks=$((checks + 1))
mode=$(jq -r --arg d "$raw" '.[] | select(.dev == $d) | .mode' "$tmp/e820-N.json")
others_nfit=$(jq -c --arg d "$raw" 'map(select(.dev != $d))' "$tmp/nfit-N.json")
others_e820=$(jq -c --arg d "$raw" 'map(select(.dev != $d))' "$tmp/e820-N.json")
if [ -z "$raw" ] || [ "$mode" != fsdax ] || [ "$others_nfit" != "$others_e820" ]; then
	echo "FAIL: on an e820 bus, $raw (mode attribute \"memory\") lists as '$mode', not fsdax, or others changed"
	fails=$((fails + 1))
fi
echo "test-list-layouts: $checks checks, $fails failed"
[ "$checks" -gt 0 ] && [ "$fails" -eq 0 ]

#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Build the guest initramfs as two concatenated gzip'd cpio archives:
#   base  (cached in $NDKIT_GUEST_CACHE): busybox, nvdimm/dax modules, upstream ndctl/daxctl
#         renamed upstream-*, jq, GNU date as gnu-date. Keyed by kernel, package versions and
#         this script, so it is rebuilt only when one of those changes.
#   ndkit (in OUTDIR): /init, the guest helper library, ndkit's built tools and libraries.
#         Keyed by the hash of those files.
# Usage: mkinitramfs.sh KROOT BUILDDIR OUTDIR    -> prints OUTDIR/initramfs.img
set -euo pipefail

KROOT=$1 BUILDDIR=$(realpath "$2") OUTDIR=$3
HERE=$(dirname "$(realpath "$0")")
CACHE=${NDKIT_GUEST_CACHE:-/var/cache/ndkit-guest}
KVER=$(cat "$KROOT/.kver")
MODULES="nfit nd_pmem nd_btt dax_pmem device_dax kmem ext4"	# ext4: scenarios that mount an fsdax device
NDKIT_TOOLS="cmd/ndctl/ndctl cmd/daxctl/daxctl cmd/ndctl-qemu/ndctl-qemu"

log() { echo "mkinitramfs: $*" >&2; }

# Copy a dynamically linked program and every library ldd lists to the same paths in ROOT.
copy_with_libs() {	# ROOT SRC DEST
	local root=$1 src=$2 dest=$3 lib
	install -D -m 0755 "$src" "$root$dest"
	for lib in $(ldd "$src" | awk '/=> \//{print $3} /^\t\//{print $1}'); do
		[ -e "$root$lib" ] || install -D -m 0755 "$(realpath "$lib")" "$root$lib"
	done
}

# insmod order for the subset, from modprobe's own dependency resolution. -C /dev/null
# --ignore-install keeps the ndctl package's modprobe.d rule from rewriting the libnvdimm line.
module_order() {
	local m
	for m in $MODULES; do
		modprobe -C /dev/null --ignore-install -d "$KROOT" -S "$KVER" --show-depends "$m" |
			awk '$1 == "insmod" {print $2}'
	done | awk '!seen[$0]++'
}

pack() {	# DIR OUT
	(cd "$1" && find . | LC_ALL=C sort | cpio -o -H newc --quiet --reproducible) | gzip -1 > "$2.tmp"
	mv "$2.tmp" "$2"
}

build_base() {	# OUT
	local root ko rel
	root=$(mktemp -d)
	trap 'rm -rf "$root"' RETURN
	mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,proc,sys,dev,tmp,run,etc/ndkit,lib64,mnt}
	install -m 0755 /bin/busybox "$root/bin/busybox"
	for rel in $(busybox --list-full); do
		[ -e "$root/$rel" ] || ln -s /bin/busybox "$root/$rel"
	done
	for ko in $(module_order); do
		rel=${ko#"$KROOT"}
		install -D -m 0644 "$ko" "$root$rel"
		echo "$rel" >> "$root/etc/ndkit/modules"
	done
	install -D -m 0644 "$KROOT/lib/modules/$KVER/modules.builtin" "$root/lib/modules/$KVER/modules.builtin"
	install -D -m 0644 "$KROOT/lib/modules/$KVER/modules.order" "$root/lib/modules/$KVER/modules.order"
	depmod -b "$root" "$KVER"
	copy_with_libs "$root" /usr/bin/ndctl /usr/bin/upstream-ndctl
	copy_with_libs "$root" /usr/bin/daxctl /usr/bin/upstream-daxctl
	copy_with_libs "$root" /usr/bin/jq /usr/bin/jq
	copy_with_libs "$root" /bin/date /usr/bin/gnu-date
	echo "$KVER" > "$root/etc/ndkit/kver"
	pack "$root" "$1"
}

build_ndkit() {	# OUT
	local root t lib
	BASE_LIBS=$(ldd /usr/bin/ndctl /usr/bin/daxctl /usr/bin/jq /bin/date)
	root=$(mktemp -d)
	trap 'rm -rf "$root"' RETURN
	install -D -m 0755 "$HERE/guest/init" "$root/init"
	install -D -m 0644 "$HERE/guest/lib.sh" "$root/ndkit/lib.sh"
	for t in $NDKIT_TOOLS; do
		# Installed as a user would: tools in /usr/bin, libraries in the library path. Our
		# sonames (libndctl.so.0, libdaxctl.so.0) differ from upstream's (.so.6, .so.1), so
		# upstream-ndctl keeps loading upstream's library and no wrapper is needed.
		install -D -m 0755 "$BUILDDIR/$t" "$root/usr/bin/$(basename "$t")"
		for lib in $(ldd "$BUILDDIR/$t" | awk -v b="$BUILDDIR/" 'index($3, b) == 1 {print $3}'); do
			install -D -m 0755 "$(realpath "$lib")" "$root/usr/lib/x86_64-linux-gnu/$(basename "$lib")"
		done
		# Host libraries only ndkit uses (libxml2 and its own, for ndctl-qemu), at their
		# host paths; those of the base's programs are there already.
		for lib in $(ldd "$BUILDDIR/$t" | awk -v b="$BUILDDIR/" '/=> \// && index($3, b) != 1 {print $3}'); do
			base_has_lib "$lib" || [ -e "$root$lib" ] ||
				install -D -m 0755 "$(realpath "$lib")" "$root$lib"
		done
	done
	pack "$root" "$1"
}

base_has_lib() {	# LIB: a library the base archive's programs load
	[[ "$BASE_LIBS" == *"=> $1 "* ]]
}

base_key() {
	{
		echo "$KVER $MODULES"
		dpkg-query -W busybox-static ndctl daxctl jq coreutils
		sha256sum < "$0"
	} | sha256sum | cut -c1-16
}

ndkit_key() {
	local t
	{
		for t in $NDKIT_TOOLS; do
			sha256sum "$BUILDDIR/$t"
			ldd "$BUILDDIR/$t" | awk -v b="$BUILDDIR/" 'index($3, b) == 1 {print $3}' | xargs -r sha256sum
		done
		cat "$HERE/guest/init" "$HERE/guest/lib.sh" "$0" | sha256sum
	} | sha256sum | cut -c1-16
}

mkdir -p "$OUTDIR" "$CACHE"
# Several build dirs may share the cache: one builder at a time.
exec 9> "$CACHE/.lock"
flock 9
base=$CACHE/base-$(base_key).cpio.gz
if [ ! -f "$base" ]; then
	log "building base $base"
	rm -f "$CACHE"/base-*.cpio.gz
	build_base "$base"
fi
ndkit=$OUTDIR/ndkit-$(ndkit_key).cpio.gz
if [ ! -f "$ndkit" ]; then
	log "building $ndkit"
	rm -f "$OUTDIR"/ndkit-*.cpio.gz
	build_ndkit "$ndkit"
fi
stamp="$base $ndkit"
if [ "$(cat "$OUTDIR/initramfs.stamp" 2>/dev/null)" != "$stamp" ]; then
	cat "$base" "$ndkit" > "$OUTDIR/initramfs.img.tmp"
	mv "$OUTDIR/initramfs.img.tmp" "$OUTDIR/initramfs.img"
	echo "$stamp" > "$OUTDIR/initramfs.stamp"
fi
echo "$OUTDIR/initramfs.img"

#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# `ndctl-qemu run --nfit-test`, on the host, once per kernel and source version: build the
# kernel's tools/testing/nvdimm modules as external modules and make OUT a modules tree that is
# the packaged one (hard links) with the test builds in updates/, which depmod ranks first.
# Usage: nfit-build TARBALL HEADERS MODULES KVER OUT
#   TARBALL  the distribution's kernel source (/usr/src/linux-source-X.Y.tar.xz)
#   HEADERS  the headers tree the kernel's modules build against (/usr/src/linux-headers-KVER)
#   MODULES  the guest kernel's lib/modules/KVER
#   OUT      the tree to make: OUT/lib/modules/KVER (and make's output in OUT/build.log);
#            built in OUT.tmp, renamed when complete
# Each step's outcome is one line on stdout (the runner prints it as a progress line).
set -eu
# The runner may itself run under make (a jobserver's MAKEFLAGS) or with a cross ARCH set.
unset MAKEFLAGS MFLAGS MAKELEVEL ARCH CROSS_COMPILE
export LC_ALL=C
tarball=$1 headers=$2 modules=$3 kver=$4 out=$5
tmp=$out.tmp
top=$(basename "$tarball" .tar.xz)
rm -rf "$tmp"
mkdir -p "$tmp/src" "$tmp/lib/modules"
# The extracted sources go whatever happens (a failed build keeps only its log).
trap 'rm -rf "$tmp/src"' EXIT
log=$tmp/build.log

# What the Kbuild files read: the test tree and the driver sources its objects name as
# ../../../drivers/..., which resolve against the test tree, so they keep their places.
tar -xJf "$tarball" -C "$tmp/src" "$top/tools/testing/nvdimm" "$top/drivers/nvdimm" \
	"$top/drivers/acpi/nfit" "$top/drivers/dax"
echo "extracted tools/testing/nvdimm and drivers/{nvdimm,acpi/nfit,dax} from $tarball"

# The Kbuild files add -I$(srctree)/drivers/nvdimm and -I$(srctree)/drivers/acpi/nfit, but
# against a headers tree $(srctree) has no nd.h, nd-core.h or nfit.h: a ccflags-y given on
# make's command line replaces theirs and points at the extracted sources instead.
src=$tmp/src/$top
if ! make -j2 -C "$headers" M="$src/tools/testing/nvdimm" \
	ccflags-y="-I$src/drivers/nvdimm -I$src/drivers/acpi/nfit" modules > "$log" 2>&1; then
	tail -n 20 "$log" >&2
	echo "make failed; its output is in $log" >&2
	exit 1
fi
kos=$(find "$src/tools/testing/nvdimm" -name '*.ko' | sort)
echo "built $(echo "$kos" | wc -l) modules: $(echo "$kos" | xargs -n1 basename | paste -sd' ')"

# The packaged tree, linked (copied if OUT is on another file system); the index files
# depmod rewrites are copies of their own, so the packaged tree's stay as they are.
cp -al "$modules" "$tmp/lib/modules/$kver" 2>/dev/null || {
	rm -rf "${tmp:?}/lib/modules/$kver"
	cp -a "$modules" "$tmp/lib/modules/$kver"
}
for f in "$tmp/lib/modules/$kver"/modules.*; do
	cp "$f" "$f.copy" && mv "$f.copy" "$f"
done
mkdir -p "$tmp/lib/modules/$kver/updates/nfit_test"
for ko in $kos; do
	strip --strip-debug -o "$tmp/lib/modules/$kver/updates/nfit_test/${ko##*/}" "$ko"
done
depmod -b "$tmp" "$kver"
for ko in $kos; do
	grep -q "^updates/nfit_test/${ko##*/}:" "$tmp/lib/modules/$kver/modules.dep" || {
		echo "depmod does not rank updates/nfit_test/${ko##*/} first" >&2
		exit 1
	}
done
echo "installed in updates/ of a copy of the packaged modules, ranked first by depmod"
rm -rf "$tmp/src" "$out"
mv "$tmp" "$out"
trap - EXIT
touch "$out/.done"

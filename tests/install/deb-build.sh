#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Build ndkit's .debs from a copy of the source tree (contrib/debian copied to
# debian/, as the user guide says) and check what each package holds.
# usage: deb-build.sh SRCDIR [OUTDIR [BUILDDIR]]   (OUTDIR keeps the .debs;
#        BUILDDIR, a meson build dir inside SRCDIR, is left out of the copy)
set -u
src=$(realpath "$1") out=${2-} build=${3-}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fails=0; checks=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

version=$(sed -n '1s/.*(\(.*\)).*/\1/p' "$src/contrib/debian/changelog")
tree=$tmp/ndkit-$version
mkdir "$tree"
skip_build=./build
case $build in "$src"/*) skip_build=./${build#"$src"/} ;; esac
tar -C "$src" --exclude='./build*' --exclude="$skip_build" --exclude=./.git \
	--exclude='./obj-*' --exclude=./debian -cf - . | tar -C "$tree" -xf -
cp -a "$src/contrib/debian" "$tree/debian"

cd "$tree" || exit 1
if ! missing=$(dpkg-checkbuilddeps 2>&1); then
	echo "SKIP: build dependencies missing: $missing"
	exit 77
fi
start=$(date +%s)
if ! dpkg-buildpackage -us -uc -b > "$tmp/build.log" 2>&1; then
	tail -40 "$tmp/build.log"
	echo "FAIL: dpkg-buildpackage failed"
	exit 1
fi
echo "dpkg-buildpackage: $(( $(date +%s) - start )) s"
arch=$(dpkg-architecture -qDEB_HOST_ARCH) multiarch=$(dpkg-architecture -qDEB_HOST_MULTIARCH)
lib=./usr/lib/$multiarch

holds() {	# holds PACKAGE PATH...: the package's data has every PATH
	deb=$tmp/${1}_${version}_$arch.deb
	checks=$((checks + 1))
	[ -f "$deb" ] || { fail "no package $1 was built"; return; }
	list=$(dpkg-deb -c "$deb" | awk '{ print $6 }')
	pkg=$1; shift
	for path in "$@"; do
		checks=$((checks + 1))
		printf '%s\n' "$list" | grep -qxF -- "$path" || fail "$pkg does not hold $path"
	done
}
field_check() {	# field_check has|lacks PACKAGE FIELD WORD...
	local want=$1 deb=$tmp/${2}_${version}_$arch.deb value
	[ -f "$deb" ] || return 0
	value=$(dpkg-deb -f "$deb" "$3")
	pkg=$2 field=$3; shift 3
	for word in "$@"; do
		checks=$((checks + 1))
		if printf '%s' "$value" | grep -qw -- "$word"; then
			[ "$want" = has ] || fail "$pkg $field ($value) names $word"
		else
			[ "$want" = lacks ] || fail "$pkg $field ($value) lacks $word"
		fi
	done
}
field_has() { field_check has "$@"; }	# field_has PACKAGE FIELD WORD...
field_lacks() { field_check lacks "$@"; }

mans=""
for scd in "$src"/docs/man/*.1.scd; do
	mans="$mans ./usr/share/man/man1/$(basename "$scd" .scd).gz"
done
# shellcheck disable=SC2086 # one word per page
holds ndkit ./usr/bin/ndctl ./usr/bin/daxctl ./usr/bin/ndctl-qemu $mans \
	./usr/share/bash-completion/completions/ndctl \
	./usr/share/bash-completion/completions/daxctl \
	./usr/share/bash-completion/completions/ndctl-qemu
holds libndkit-ndctl0 "$lib/libndctl.so.0.1.0" "$lib/libndctl.so.0"
holds libndkit-daxctl0 "$lib/libdaxctl.so.0.1.0" "$lib/libdaxctl.so.0"
holds ndkit-dev ./usr/include/ndctl/libndctl.h ./usr/include/ndctl/lsa.h ./usr/include/ndctl/infoblock.h \
	./usr/include/ndctl/topology.h ./usr/include/ndctl/namespace-ops.h \
	./usr/include/ndctl/btt-layout.h \
	./usr/include/daxctl/libdaxctl.h \
	"$lib/libndctl.so" "$lib/libdaxctl.so" \
	"$lib/pkgconfig/libndctl.pc" "$lib/pkgconfig/libdaxctl.pc" \
	./usr/share/man/man3/libndctl.3.gz ./usr/share/man/man3/libdaxctl.3.gz \
	./usr/share/man/man3/ndctl_new.3.gz
# The commands must depend on our libraries (ndctl-qemu links libndctl; ndctl and daxctl
# have them built in and dlopen libkmod), never on Debian's.
field_has ndkit Depends libndkit-ndctl0 libkmod2
field_lacks ndkit Depends libndctl6 libdaxctl1
field_has ndkit Conflicts ndctl daxctl
field_has ndkit Provides ndctl daxctl
field_has ndkit-dev Conflicts libndctl-dev libdaxctl-dev
# libkmod is opened with dlopen(), so shlibs cannot find it: it must be named.
field_has libndkit-ndctl0 Depends libkmod2
field_has libndkit-daxctl0 Depends libkmod2
# ndctl and daxctl carry json-c and libuuid (static-deps, on by default): no NEEDED entry
deb=$tmp/ndkit_${version}_$arch.deb
if [ -f "$deb" ]; then
	dpkg-deb -x "$deb" "$tmp/ndkit-data"
	for tool in ndctl daxctl; do
		checks=$((checks + 1))
		needed=$(readelf -d "$tmp/ndkit-data/usr/bin/$tool" | grep NEEDED)
		! printf '%s\n' "$needed" | grep -qE 'libjson-c|libuuid' ||
			fail "the packaged $tool maps json-c or libuuid: $needed"
	done
fi
# dh_auto_test must have run the unit suite inside the package build.
case " ${DEB_BUILD_OPTIONS-} " in
*" nocheck "*) ;;
*)	checks=$((checks + 1))
	grep -qE 'unit / install-tree +OK' "$tmp/build.log" ||
		fail "the unit tests did not run (or pass) in dh_auto_test" ;;
esac
checks=$((checks + 1))
grep -q 'dh_missing' "$tmp/build.log" && grep -qi 'not installed' "$tmp/build.log" &&
	fail "files installed by meson are in no package: $(grep -i -A5 'not installed' "$tmp/build.log")"

if [ -n "$out" ]; then mkdir -p "$out" && cp "$tmp"/*.deb "$out"/; fi
echo "deb-build: $checks checks, $fails failed"
[ "$fails" -eq 0 ]

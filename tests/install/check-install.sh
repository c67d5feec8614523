#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# `meson install --destdir` into a staging directory must give a complete tree,
# and a program built from that tree alone (headers, pkg-config files,
# libraries) must run. The host may have Debian's libndctl.so.6 too: the
# program must load ours (soname 0), never that one.
# usage: check-install.sh BUILDDIR PREFIX LIBDIR INCLUDEDIR MANDIR COMPLETIONDIR
#        VERSION MAN(yes|no) SANITIZE TINY.C MANSRCDIR
set -u
build=$1 prefix=$2 libdir=$3 includedir=$4 mandir=$5 compdir=$6
version=$7 man=$8 sanitize=$9; shift 9
tiny=$(realpath "$1") mansrc=$2
stage=$(mktemp -d); trap 'rm -rf "$stage"' EXIT
fails=0; checks=0

fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
under() { case $1 in /*) echo "$stage$1" ;; *) echo "$stage$prefix/$1" ;; esac; }
have() {	# have TEST PATH
	checks=$((checks + 1))
	test "$1" "$2" || fail "missing from the staged tree: $2"
}
link_to() {	# link_to LINK TARGET
	checks=$((checks + 1))
	[ "$(readlink "$1")" = "$2" ] || fail "$1 should be a link to $2"
}

meson install -C "$build" --no-rebuild --quiet --destdir "$stage" >/dev/null ||
	{ echo "FAIL: meson install --destdir failed"; exit 1; }
bin=$(under bin) lib=$(under "$libdir") inc=$(under "$includedir")

for exe in ndctl daxctl ndctl-qemu; do have -x "$bin/$exe"; done
for l in ndctl:0:0.1.0 daxctl:0:0.1.0; do
	name=${l%%:*} major=${l#*:}; major=${major%%:*} full=${l##*:}
	have -f "$lib/lib$name.so.$full"
	link_to "$lib/lib$name.so.$major" "lib$name.so.$full"
	link_to "$lib/lib$name.so" "lib$name.so.$major"
	checks=$((checks + 1))
	readelf -d "$lib/lib$name.so.$full" | grep -q "SONAME.*\[lib$name.so.$major\]" ||
		fail "lib$name.so.$full has no SONAME lib$name.so.$major"
	have -f "$lib/pkgconfig/lib$name.pc"
done
for h in ndctl/libndctl.h ndctl/lsa.h ndctl/infoblock.h ndctl/topology.h \
		ndctl/namespace-ops.h ndctl/btt-layout.h daxctl/libdaxctl.h; do
	have -f "$inc/$h"
done
have -f "$(under "$compdir")/ndctl"
for alias in daxctl ndctl-qemu; do link_to "$(under "$compdir")/$alias" ndctl; done
if [ "$man" = yes ]; then
	for src in "$mansrc"/*.1.scd; do
		page=$(under "$mandir")/man1/$(basename "$src" .scd)
		have -s "$page"
		checks=$((checks + 1))
		grep -q '^\.TH ' "$page" 2>/dev/null || fail "$page is not a troff man page"
	done
	# The API reference (docs/apidoc.py): a page per public header, a .so page per function.
	man3=$(under "$mandir")/man3
	for page in libndctl libndctl-lsa libndctl-infoblock libndctl-topology \
			libndctl-namespace-ops libdaxctl; do
		have -s "$man3/$page.3"
		checks=$((checks + 1))
		grep -q '^\.TH ' "$man3/$page.3" 2>/dev/null || fail "$man3/$page.3 is not a troff man page"
	done
	for alias in ndctl_new:libndctl daxctl_dev_get_size:libdaxctl \
			ndctl_namespace_get_size:libndctl-topology; do
		checks=$((checks + 1))
		[ "$(cat "$man3/${alias%%:*}.3" 2>/dev/null)" = ".so man3/${alias#*:}.3" ] ||
			fail "$man3/${alias%%:*}.3 should be '.so man3/${alias#*:}.3'"
	done
fi

# Build and run a program the way a user would: pkg-config on the staged tree.
export PKG_CONFIG_PATH="$lib/pkgconfig" PKG_CONFIG_SYSROOT_DIR="$stage"
flags=$(pkg-config --cflags --libs libndctl libdaxctl) || fail "pkg-config failed"
[ "$sanitize" = none ] || flags="$flags -fsanitize=$sanitize"
checks=$((checks + 1))
# shellcheck disable=SC2086 # flags are words
if ! cc -o "$stage/tiny" "$tiny" $flags; then
	fail "tiny program did not build against the staged tree"
else
	checks=$((checks + 1))
	LD_LIBRARY_PATH=$lib ldd "$stage/tiny" | grep -q "libndctl.so.0 => $lib/" ||
		fail "tiny does not load the staged libndctl: $(LD_LIBRARY_PATH=$lib ldd "$stage/tiny")"
	checks=$((checks + 1))
	out=$(LD_LIBRARY_PATH=$lib "$stage/tiny" 2>&1)
	[ "$out" = "ndkit $version log 7 7" ] || fail "tiny printed '$out', want 'ndkit $version log 7 7'"
fi
# The installed ndctl-qemu run puts the installed ndctl and daxctl, its siblings, in the
# guest's PATH (a stand-in QEMU: no guest boots here).
if [ -x /bin/busybox ]; then
	. "$(dirname "$0")/../unit/qemu/fake-guest.sh"
	fake_guest "$stage/fake"
	checks=$((checks + 1))
	# shellcheck disable=SC2086 # K is words
	(cd "$stage" && LD_LIBRARY_PATH=$lib "$bin/ndctl-qemu" run -q $K --keep "$stage/kept" \
		--nvdimm 512M -- true >/dev/null 2>&1) || fail "installed ndctl-qemu run failed"
	links=$(cd "$stage" && cpio -i --quiet --to-stdout ndkit/links < kept/initrd.img)
	for t in ndctl daxctl; do
		checks=$((checks + 1))
		printf '%s\n' "$links" | grep -qx "$t $bin/$t" ||
			fail "installed run does not put $bin/$t in the guest's PATH: $links"
	done
fi
echo "check-install: $checks checks, $fails failed"
[ "$fails" -eq 0 ]

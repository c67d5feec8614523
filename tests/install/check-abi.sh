#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# The installed libraries keep the ABI recorded in tests/install/abi/: abidiff
# (abigail-tools) between each recorded dump and the library just built, with
# the installed headers deciding which types are public. New functions (in a
# new version node) pass; a removed or changed function, or a changed public
# type, fails. After a deliberate, versioned change: run with --update as the
# last argument and commit the new dumps with the change.
# usage: check-abi.sh BUILDDIR PREFIX LIBDIR INCLUDEDIR ABIDIR [--update]
set -u
build=$1 prefix=$2 libdir=$3 includedir=$4 abidir=$(realpath "$5") update=${6:-}
stage=$(mktemp -d); trap 'rm -rf "$stage"' EXIT
fails=0

under() { case $1 in /*) echo "$stage$1" ;; *) echo "$stage$prefix/$1" ;; esac; }
command -v abidiff >/dev/null && command -v abidw >/dev/null || {
	echo "FAIL: abidw/abidiff not found: apt-get install abigail-tools (contrib/setup.sh does)"
	exit 1
}
meson install -C "$build" --no-rebuild --quiet --destdir "$stage" >/dev/null ||
	{ echo "FAIL: meson install --destdir failed"; exit 1; }
lib=$(under "$libdir") inc=$(under "$includedir")
for name in libndctl libdaxctl; do
	so=$(readlink -f "$lib/$name.so")
	if ! readelf -S "$so" | grep -q '\.debug_info'; then
		echo "SKIP: $so has no debug information to compare types (build with -g)"
		exit 77
	fi
	abidw --headers-dir "$inc" --drop-private-types --no-corpus-path --no-show-locs \
		--out-file "$stage/$name.abi" "$so" || { echo "FAIL: abidw $so"; exit 1; }
	if [ "$update" = --update ]; then
		cp "$stage/$name.abi" "$abidir/$name.abi"
		echo "recorded $abidir/$name.abi"
		continue
	fi
	if ! abidiff --no-added-syms "$abidir/$name.abi" "$stage/$name.abi" > "$stage/$name.diff"; then
		cat "$stage/$name.diff"
		echo "FAIL: $name's ABI differs from $abidir/$name.abi (above); a release may only add functions"
		fails=$((fails + 1))
	fi
done
echo "check-abi: $fails of 2 libraries changed their ABI"
[ "$fails" -eq 0 ]

#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# A PMDK developer's view of the installed tree: pkg-config satisfies PMDK's
# version check, callers written as PMDK's (pmdk/*.c) compile against the
# installed headers with implicit declarations as errors, and pmdk-walk links
# against the installed libraries, importing every function in
# pmdk/functions.txt. With Debian's libndctl-dev present the same callers must
# also compile against upstream's headers: proof they are upstream-style calls.
# usage: check-pmdk-api.sh BUILDDIR PREFIX LIBDIR PMDKDIR SANITIZE
set -u
build=$1 prefix=$2 libdir=$3 pmdk=$(realpath "$4") sanitize=$5
stage=$(mktemp -d); trap 'rm -rf "$stage"' EXIT
fails=0

fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
staged() { case $1 in /*) echo "$stage$1" ;; *) echo "$stage$prefix/$1" ;; esac; }
compile_all() {	# OUTDIR CFLAGS...
	out=$1; shift
	for src in "$pmdk"/*.c; do
		# shellcheck disable=SC2068 # flags are words
		cc -std=gnu11 -Wall -Wextra -Werror -Werror=implicit-function-declaration \
			$@ -c "$src" -o "$out/$(basename "$src" .c).o" || return 1
	done
}

meson install -C "$build" --no-rebuild --quiet --destdir "$stage" >/dev/null ||
	{ echo "FAIL: meson install --destdir failed"; exit 1; }
lib=$(staged "$libdir")
export PKG_CONFIG_PATH="$lib/pkgconfig" PKG_CONFIG_SYSROOT_DIR="$stage"
for pc in libndctl libdaxctl; do
	pkg-config --atleast-version 63 "$pc" ||
		fail "$pc: pkg-config --atleast-version 63 (PMDK's check) refuses $(pkg-config --modversion "$pc")"
done
flags=$(pkg-config --cflags libndctl libdaxctl)
libs=$(pkg-config --libs libndctl libdaxctl)
[ "$sanitize" = none ] || libs="$libs -fsanitize=$sanitize"
mkdir "$stage/ours"
if ! compile_all "$stage/ours" $flags; then
	fail "PMDK-style callers do not compile against ndkit's installed headers"
# shellcheck disable=SC2086 # flags are words
elif ! cc -o "$stage/pmdk-walk" "$stage"/ours/*.o $libs; then
	fail "pmdk-walk does not link against the installed libraries"
else
	nm -u "$stage/pmdk-walk" | awk '{sub(/@.*/, "", $2); print $2}' | sort > "$stage/imported"
	for fn in $(grep -v '^#' "$pmdk/functions.txt"); do
		grep -qx "$fn" "$stage/imported" || fail "pmdk-walk does not import $fn"
	done
	out=$(LD_LIBRARY_PATH=$lib "$stage/pmdk-walk" /dev/null 2>&1)
	[ "$out" = "/dev/null none" ] || fail "pmdk-walk /dev/null printed '$out', want '/dev/null none'"
fi
if [ -f /usr/include/ndctl/libndctl.h ] && [ -f /usr/include/daxctl/libdaxctl.h ]; then
	mkdir "$stage/upstream"
	compile_all "$stage/upstream" ||
		fail "the callers do not compile against upstream's headers: they are not PMDK-style"
else
	echo "note: no upstream headers (libndctl-dev, libdaxctl-dev): callers checked against ndkit only"
fi
echo "check-pmdk-api: $(grep -vc '^#' "$pmdk/functions.txt") functions, $fails failed"
[ "$fails" -eq 0 ]

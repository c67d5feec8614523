#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# A user's build, -Dtests=false: it configures and builds without looking for Python (meson
# itself aside) or anything only the tests need (QEMU, jq, the guest kernel).
# Usage: test-notests.sh SRCDIR
set -uo pipefail
src=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if ! meson setup "$tmp/b" "$src" -Dtests=false -Ddocs=disabled > "$tmp/setup.log" 2>&1; then
	echo "FAIL: meson setup -Dtests=false failed:"; cat "$tmp/setup.log"; exit 1
fi
if grep -E "Program (python3?|qemu-system-x86_64|jq|bash) found" "$tmp/b/meson-logs/meson-log.txt"; then
	echo "FAIL: -Dtests=false still looks for the programs above"; exit 1
fi
if ! meson compile -C "$tmp/b" > "$tmp/build.log" 2>&1; then
	echo "FAIL: build with -Dtests=false failed:"; tail -n 30 "$tmp/build.log"; exit 1
fi
for t in cmd/ndctl/ndctl cmd/daxctl/daxctl cmd/ndctl-qemu/ndctl-qemu; do
	[ -x "$tmp/b/$t" ] || { echo "FAIL: $t not built"; exit 1; }
done
echo "PASS: -Dtests=false configures and builds the tools without Python or test programs"

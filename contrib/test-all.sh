#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Set up, build, and run every test: all suites (unit, fuzz, slow, guest, package) in BUILD,
# then the unit suite again in BUILD-san under ASan+UBSan. Logs: BUILD/meson-logs/testlog-full.txt, consoles: BUILD/tests/guest/run/*/.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
bash contrib/setup.sh "$BUILD"
rc=0
meson test -C "$BUILD" --setup full --print-errorlogs || rc=$?
# The unit suite again under ASan+UBSan, in a build of its own.
SAN=${BUILD}-san
[ -f "$SAN/build.ninja" ] ||
	meson setup "$SAN" -Db_sanitize=address,undefined -Db_lundef=false > /dev/null
meson compile -C "$SAN" > /dev/null
meson test -C "$SAN" --suite unit --print-errorlogs || rc=$?
exit $rc

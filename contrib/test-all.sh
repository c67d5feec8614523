#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Set up, build, and run every test: the unit suite and the guest suite (one QEMU boot or two
# per scenario). Logs: BUILD/meson-logs/testlog.txt, consoles: BUILD/tests/guest/run/*/.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
bash contrib/setup.sh "$BUILD"
exec meson test -C "$BUILD" --setup full --print-errorlogs

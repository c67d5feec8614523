#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Install what ndkit needs on Debian 12 (as root), fetch the guest kernel, configure and build.
# Usage: contrib/setup.sh [BUILDDIR]   (default: build)
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${1:-build}
bash tests/guest/setup.sh > /dev/null
if [ -f "$BUILD/build.ninja" ]; then
	meson setup --reconfigure "$BUILD" > /dev/null
else
	meson setup "$BUILD" > /dev/null
fi
meson compile -C "$BUILD"

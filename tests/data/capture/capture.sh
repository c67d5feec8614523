#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Make the label-area vectors: boot the guest harness through capture-guest.sh (the real kernel
# and upstream ndctl write every label; see ../README.md), then turn the console's blobs and
# the oracles' answers into OUT/labels/* and OUT/infoblocks/*.
# Usage: capture.sh [--build-dir BUILD] [--out OUT]   (defaults: build, tests/data)
set -euo pipefail
HERE=$(dirname "$(realpath "$0")")
SRC=$(realpath "$HERE/../../..")
BUILD=$SRC/build OUT=$SRC/tests/data
while [ $# -gt 0 ]; do
	case $1 in
	--build-dir) BUILD=$(realpath "$2"); shift 2 ;;
	--out) OUT=$2; shift 2 ;;
	*) echo "usage: capture.sh [--build-dir BUILD] [--out OUT]" >&2; exit 2 ;;
	esac
done
[ -x "$BUILD/cmd/ndctl/ndctl" ] || { echo "capture: no build in $BUILD: run contrib/setup.sh" >&2; exit 1; }

python3 "$SRC/tests/guest/run.py" --build-dir "$BUILD" "$HERE/capture-guest.sh"
python3 "$HERE/vectors.py" extract "$BUILD/tests/guest/run/capture-guest" "$OUT"

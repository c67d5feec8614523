#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Capture the vectors again into a temporary folder and compare them with tests/data: the
# capture script must reproduce every active state (uuids aside).
# Usage: reproduce.sh BUILDDIR
set -euo pipefail
HERE=$(dirname "$(realpath "$0")")
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$HERE/capture.sh" --build-dir "$1" --out "$out"
python3 "$HERE/vectors.py" compare "$HERE/.." "$out"

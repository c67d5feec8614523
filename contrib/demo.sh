#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# The main job: set up, build, boot a disposable guest with two vNVDIMMs and show ndkit
# creating fsdax and devdax namespaces (tests/guest/demo/demo.sh), console shown live.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
bash contrib/setup.sh "$BUILD"
exec python3 tests/guest/run.py --build-dir "$BUILD" --show-console tests/guest/demo/demo.sh

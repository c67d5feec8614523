# SPDX-License-Identifier: GPL-2.0-only
# The kernel as the label engine's oracle, a sample (the long run: `meson test --suite oracle`,
# tests/oracle/): 60 generated label areas (fixed seed) over two QEMU vNVDIMMs and nfit_test.0's
# interleaved regions, written, enabled and read; what the kernel makes of each (namespaces,
# refused DIMMs and regions) must be what ndkit's read-labels and check-labels say, or a
# documented kernel behaviour. One JSON line a case: oracle.jsonl in the run folder.
DIMMS="1G:128K:2M 1G:200K:128M"
NFIT_TEST=1
HOST_SETUP='bash "$SCENARIO_DIR/../../oracle/oracle.host"'
TIMEOUT=900

default_cases=60 default_seed=24
. /ndkit/data/oracle-guest.sh

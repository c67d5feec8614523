# SPDX-License-Identifier: GPL-2.0-only
# The guest half of the differential conformance suite: every "guest" case of
# tests/conform/cases.txt through ndkit's ndctl and upstream-ndctl on the same
# vNVDIMMs, piped and on a terminal, the devices reset between the two runs;
# what the case says is the same must be (stdout, stderr's summary lines, exit
# status). The cases that differ on purpose are in docs/differences.md.
DIMMS="1G:128K:2M 1G:2M:128M"
HOST_SETUP='bash "$SCENARIO_DIR/conform-ndctl.host"'
TIMEOUT=2400

D=/ndkit/data
run sh $D/run-cases.sh guest $D/cases.txt ndctl upstream-ndctl $D/ptyrun $D/guest-setups.sh

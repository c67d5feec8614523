# SPDX-License-Identifier: GPL-2.0-only
# Benchmark, not a check: label commands, ndkit against upstream alternately in one boot on
# the same DIMMs (128 KiB v1.1 and 2 MiB v1.2 label areas, preloaded with a few labels).
# Prints @@BENCH/@@XFER lines that tests/bench/run-bench.sh turns into docs/performance.md.
DIMMS="1G:128K:2M 1G:2M:128M"
PRELOAD="0:nvdimm0-many-v1.1.lsa.gz 1:nvdimm1-many-v1.2.lsa.gz"
DATA="bench-lib.sh lsa-xfer bench-exec"
TIMEOUT=600

. /ndkit/data/bench-lib.sh

# the floor under every figure: process start (both tools installed in /usr/bin, see
# tests/guest/mkinitramfs.sh)
pair "version (process start only)" ndctl version

xfer "read-labels -j, 128 KiB area (v1.1)" nmem0
pair "read-labels -j, 128 KiB area, $in_use labels" ndctl read-labels -j nmem0
xfer "read-labels -j, 2 MiB area (v1.2)" nmem1
pair "read-labels -j, 2 MiB area, $in_use labels" ndctl read-labels -j nmem1
pair "check-labels all (2 DIMMs, few labels)" ndctl check-labels all

run upstream-ndctl disable-region all
BEFORE="run upstream-ndctl disable-region all > /dev/null"
pair "init-labels -f -V 1.2 all (2 DIMMs)" ndctl init-labels -f -V 1.2 all
BEFORE=
pair "check-labels all (2 DIMMs, empty)" ndctl check-labels all
run upstream-ndctl enable-region all

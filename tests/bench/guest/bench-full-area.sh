# SPDX-License-Identifier: GPL-2.0-only
# Benchmark, not a check: a 2 MiB label area holding hundreds of labels (240 raw namespaces
# that upstream ndctl created on a 4 GiB DIMM, preloaded; make-full-area.sh made the file):
# read-labels -j, check-labels and list -BDRN, ndkit against upstream alternately.
DIMMS="4G:2M:128M"
PRELOAD="0:full-area-4g.lsa.gz"
DATA="bench-lib.sh lsa-xfer bench-exec"
TIMEOUT=900

. /ndkit/data/bench-lib.sh

n=$(upstream-ndctl list -N | jq length)
xfer "read-labels -j, 2 MiB area, $n namespaces (v1.1)" nmem0
pair "read-labels -j, 2 MiB area, $in_use labels" ndctl read-labels -j nmem0
pair "check-labels nmem0, $in_use labels" ndctl check-labels nmem0
pair "list -BDRN, $n namespaces" ndctl list -BDRN
reads "list -BDRN, $n raw namespaces" "$n" ndctl list -BDRN

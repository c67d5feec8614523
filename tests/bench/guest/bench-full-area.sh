# SPDX-License-Identifier: GPL-2.0-only
# Benchmark, not a check: a 2 MiB label area holding hundreds of labels (240 raw namespaces
# that upstream ndctl created on a 4 GiB DIMM, preloaded; make-full-area.sh made the file):
# read-labels -j, check-labels and list -BDRN, ndkit against upstream alternately; a second
# DIMM with 2 namespaces for list -BDRN's scaling from 2 to 242 namespaces in one boot.
DIMMS="4G:2M:2M 1G:128K:128M"
PRELOAD="0:full-area-4g.lsa.gz"
DATA="bench-lib.sh lsa-xfer bench-exec list-floor"
TIMEOUT=900

. /ndkit/data/bench-lib.sh

# nmem1 starts label-less (one io namespace spanning its region): give it labels first
run upstream-ndctl disable-region region1 > /dev/null
run upstream-ndctl init-labels -f nmem1 > /dev/null
run upstream-ndctl enable-region region1 > /dev/null
n=$(upstream-ndctl list -N | jq length)
xfer "read-labels -j, 2 MiB area, $n namespaces (v1.1)" nmem0
pair "read-labels -j, 2 MiB area, $in_use labels" ndctl read-labels -j nmem0
pair "check-labels nmem0, $in_use labels" ndctl check-labels nmem0

# List scaling in one boot: 2 fsdax namespaces on the small DIMM, listed beside the 240
# and then alone (the big region disabled), so boot-to-boot variance leaves the ratio alone.
run upstream-ndctl create-namespace -r region1 -m fsdax -a 2M -s 256M > /dev/null
run upstream-ndctl create-namespace -r region1 -m fsdax -a 2M -s 256M > /dev/null
n=$(upstream-ndctl list -N | jq length)
pair "list -BDRN, $n namespaces" ndctl list -BDRN
big_nd=$last_nd big_up=$last_up
reads "list -BDRN, 2 fsdax + $((n - 2)) raw namespaces" "$n" ndctl list -BDRN
# the floor: the 4 attribute reads per namespace no listing avoids, and process start
: > "$BENCH_ND"
i=0
while [ "$i" -lt "$R" ]; do
	timed /ndkit/data/list-floor /sys/bus/nd/devices/region0 /sys/bus/nd/devices/region1
	echo "$ms" >> "$BENCH_ND"
	i=$((i + 1))
done
floor=$(median "$BENCH_ND")
run upstream-ndctl disable-region region0 > /dev/null
pair "list -BDRN, 2 namespaces (region0 disabled)" ndctl list -BDRN
#   @@SCALE case|few|ndkit ms|upstream ms|many|ndkit ms|upstream ms|floor ms (many)
echo "@@SCALE list -BDRN|2|$last_nd|$last_up|$n|$big_nd|$big_up|$floor" > /dev/console

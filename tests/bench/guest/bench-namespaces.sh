# SPDX-License-Identifier: GPL-2.0-only
# Benchmark, not a check: namespace commands and list, ndkit against upstream alternately in
# one boot on the same DIMMs; then 50+ namespaces for list and a 2 MiB label area holding
# dozens of labels and the stale slots of every create/destroy cycle for read-labels -j.
# Prints @@BENCH/@@XFER lines that tests/bench/run-bench.sh turns into docs/performance.md.
DIMMS="1G:128K:2M 1G:2M:128M"
DATA="bench-lib.sh lsa-xfer bench-exec"
TIMEOUT=900

. /ndkit/data/bench-lib.sh

run upstream-ndctl disable-region all
run upstream-ndctl init-labels -f all
run upstream-ndctl enable-region all

# create + destroy cycles on region1: each tool destroys what it created
cycle() {	# cycle TOOL FILE_CREATE FILE_DESTROY
	local dev
	timed "$1" create-namespace -r region1 -m fsdax -a 2M -s 256M
	echo "$ms" >> "$2"
	dev=$(jq -r .dev /tmp/bench-out)
	timed "$1" destroy-namespace -f "$dev"
	echo "$ms" >> "$3"
}
: > /tmp/nd-destroy
: > /tmp/up-destroy
bench_reset
i=0
while [ "$i" -lt "$R" ]; do
	if built ndctl create-namespace && built ndctl destroy-namespace; then
		cycle ndctl "$BENCH_ND" /tmp/nd-destroy
	fi
	cycle upstream-ndctl "$BENCH_UP" /tmp/up-destroy
	i=$((i + 1))
done
bench_report "create-namespace -m fsdax -a 2M -s 256M"
cp /tmp/nd-destroy "$BENCH_ND"
cp /tmp/up-destroy "$BENCH_UP"
bench_report "destroy-namespace -f (one fsdax namespace)"

run upstream-ndctl create-namespace -r region0 -m fsdax -a 2M -s 256M > /dev/null
run upstream-ndctl create-namespace -r region1 -m fsdax -a 2M -s 256M > /dev/null
pair "list -BDRN, 2 namespaces" ndctl list -BDRN
pair "list -vvv, 2 namespaces" ndctl list -vvv
reads "list -BDRN, 2 fsdax namespaces" 2 ndctl list -BDRN
reads "list -vvv, 2 fsdax namespaces" 2 ndctl list -vvv

# fill region1 (40 x 16 MiB) and part of region0: 54 namespaces
fill() {	# fill REGION COUNT
	local n=0
	while [ "$n" -lt "$2" ]; do
		run upstream-ndctl create-namespace -r "$1" -m raw -s 16M > /dev/null
		n=$((n + 1))
	done
}
fill region1 40
fill region0 12
n=$(upstream-ndctl list -N | jq length)
pair "list -BDRN, $n namespaces" ndctl list -BDRN
pair "list -vvv, $n namespaces" ndctl list -vvv
reads "list -BDRN, 2 fsdax + $((n - 2)) raw namespaces" "$n" ndctl list -BDRN
reads "list -vvv, 2 fsdax + $((n - 2)) raw namespaces" "$n" ndctl list -vvv
xfer "read-labels -j, 2 MiB area, full region (v1.1)" nmem1
pair "read-labels -j, 2 MiB area, $in_use labels + stale slots" ndctl read-labels -j nmem1
pair "check-labels all, $n namespaces" ndctl check-labels all

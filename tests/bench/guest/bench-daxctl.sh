# SPDX-License-Identifier: GPL-2.0-only
# Benchmark, not a check: daxctl list and a system-ram round trip (reconfigure-device to
# system-ram, then -f back to devdax), ndkit against upstream alternately in one boot on
# the same device. Prints @@BENCH lines for tests/bench/run-bench.sh.
DIMMS="1G:128K:2M 1G:2M:128M"
# nmem1's captured labels bring back namespace1.0; upstream makes it devdax again.
PRELOAD="1:nvdimm1-v1.1-after-create.lsa.gz"
DATA="bench-lib.sh bench-exec"
TIMEOUT=600

. /ndkit/data/bench-lib.sh

run upstream-ndctl create-namespace -f -e namespace1.0 -m devdax -a 2M > /dev/null
pair "daxctl list -RD (1 device)" daxctl list -RD
reads "daxctl list -RD (1 device)" 1 daxctl list -RD

# a round: to system-ram, then back to devdax; the two times summed
round_trip() {	# round_trip TOOL FILE
	local t
	timed "$1" reconfigure-device -m system-ram dax1.0
	t=$ms
	timed "$1" reconfigure-device -f -m devdax dax1.0
	echo $((t + ms)) >> "$2"
}
bench_reset
i=0
while [ "$i" -lt "$R" ]; do
	! built daxctl reconfigure-device || round_trip daxctl "$BENCH_ND"
	round_trip upstream-daxctl "$BENCH_UP"
	i=$((i + 1))
done
bench_report "daxctl reconfigure-device system-ram and back (768 MiB)"

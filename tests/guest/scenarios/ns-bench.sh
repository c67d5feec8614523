# SPDX-License-Identifier: GPL-2.0-only
# Same boot, same devices: median wall time of ndkit vs upstream for `list -BDRN` and for
# `create-namespace -m fsdax -a 2M -s 64M` (destroyed after each). Reported, not asserted:
# the machine is shared and TCG timing is noisy.
DIMMS="1G:128K:2M 1G:2M:128M"

run upstream-ndctl disable-region all
run upstream-ndctl init-labels -f all
run upstream-ndctl enable-region all
run upstream-ndctl create-namespace -r region1 -m fsdax -s 128M > /dev/null
run upstream-ndctl create-namespace -r region1 -m sector -s 64M > /dev/null

median() {	# median FILE
	sort -n "$1" | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

bench() {	# bench LABEL TOOL ARGS...: 7 runs of TOOL ARGS, median into $med
	label=$1; shift
	: > /tmp/times
	i=0
	while [ "$i" -lt 7 ]; do
		time_ms "$@" > /dev/null
		echo "$ms" >> /tmp/times
		i=$((i + 1))
	done
	med=$(median /tmp/times)
	echo "@@NDKIT TIME $med median $label" > /dev/console
}

bench "list -BDRN ndkit" ndctl list -BDRN
bench "list -BDRN upstream" upstream-ndctl list -BDRN

create_destroy() {	# create_destroy TOOL: one timed create, then an untimed destroy
	t0=$(now_ms)
	ns=$("$1" create-namespace -r region0 -m fsdax -a 2M -s 64M | jq -r .dev) || fail "$1 create failed"
	echo $(($(now_ms) - t0)) >> /tmp/ctimes
	run upstream-ndctl destroy-namespace -f "$ns" > /dev/null 2>&1
}
for tool in ndctl upstream-ndctl; do
	: > /tmp/ctimes
	i=0
	while [ "$i" -lt 5 ]; do
		create_destroy "$tool"
		i=$((i + 1))
	done
	echo "@@NDKIT TIME $(median /tmp/ctimes) median create-namespace fsdax 64M $tool" > /dev/console
done

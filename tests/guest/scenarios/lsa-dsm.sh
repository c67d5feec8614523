# SPDX-License-Identifier: GPL-2.0-only
# ndkit's DSM label transport reads the same bytes as upstream `read-labels -o`, and an area
# ndkit writes (kernel-layout init + one label, v1.1 and v1.2) passes upstream check-labels and
# is assembled by the kernel; labels the kernel then adds decode through the DSM transport.
DIMMS="1G:128K:2M"
DATA="tests/unit/lsa-dump"

D=/ndkit/data/lsa-dump
UUID=5a1b7e4c-0d2e-4c1f-9a3b-6e7f80912345

run upstream-ndctl disable-region all
for v in 1.1 1.2; do
	run upstream-ndctl init-labels -f -V $v nmem0
	run upstream-ndctl read-labels -o /tmp/up.bin nmem0
	run $D read /dev/nmem0 /tmp/ours.bin
	cmp /tmp/up.bin /tmp/ours.bin || fail "DSM read of a v$v area differs from upstream read-labels"
done

for L in 128 256; do
	run upstream-ndctl disable-region all
	run upstream-ndctl zero-labels nmem0
	run $D init /dev/nmem0 $L
	run $D add /dev/nmem0 0 $UUID 0x4000000 ndkit-$L
	run upstream-ndctl check-labels -v nmem0
	# the kernel caches the area: rebind the DIMM so it reads what ndkit wrote
	run upstream-ndctl disable-dimm nmem0
	run upstream-ndctl enable-dimm nmem0
	run upstream-ndctl enable-region all
	ns=$(run upstream-ndctl list -N -r region0)
	echo "$ns"
	got=$(echo "$ns" | jq -r "[(if type == \"array\" then . else [.] end)[] | select(.uuid == \"$UUID\")][0].dev")
	[ "$got" != null ] || fail "kernel did not assemble ndkit's v$L label" "$ns"
	[ "$(cat /sys/bus/nd/devices/$got/size)" = 67108864 ] || fail "namespace size is not 64 MiB"
	[ "$(cat /sys/bus/nd/devices/$got/alt_name 2>/dev/null)" = ndkit-$L ] || fail "name not kept"
	# a label the kernel writes is read back through the DSM transport
	run upstream-ndctl create-namespace -r region0 -s 32M -m raw
	n=$(run $D json /dev/nmem0 | jq '.labels | length')
	[ "$n" = 2 ] || fail "DSM decode sees $n labels after the kernel added one, want 2"
	run upstream-ndctl destroy-namespace -f all
done

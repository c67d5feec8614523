# SPDX-License-Identifier: GPL-2.0-only
# "No free label slots", for real: the kernel says nmem0 has no available label slot (its
# index marks all but the spare slot in use); ndkit's create-namespace refuses up front,
# naming the DIMM and how to free slots, and the region is unchanged. Upstream check-labels
# still accepts the area (the index blocks are valid).
DIMMS="1G:128K:2M"
PRELOAD="0:nvdimm0-v1.2-after-init.lsa.gz"
HOST_SETUP='bash "$SCENARIO_DIR/ns-no-slots.host"'

[ "$(cat /sys/bus/nd/devices/nmem0/available_slots)" = 0 ] ||
	fail "the kernel reports $(cat /sys/bus/nd/devices/nmem0/available_slots) free slots, want 0"
run upstream-ndctl check-labels nmem0
avail=$(cat /sys/bus/nd/devices/region0/available_size)
expect_fail "nmem0 has no free label slots" ndctl create-namespace -r region0 -s 64M
[ "$(cat /sys/bus/nd/devices/region0/available_size)" = "$avail" ] || fail "the refused create changed region0"

# SPDX-License-Identifier: GPL-2.0-only
# devdax -> system-ram grows MemTotal by the hot-plugged blocks (kmem adds whole
# 128 MiB blocks: 768 MiB of the 880 MiB device here), online/offline-memory
# count them, system-ram -> devdax restores MemTotal; upstream daxctl sees the
# same states at each step.
DIMMS="1G:128K:2M 1G:2M:128M"
# nmem1's captured labels bring back namespace1.0; upstream ndctl makes it devdax
# (the info block lives in the data area, which the capture does not hold).
PRELOAD="1:nvdimm1-v1.1-after-create.lsa.gz"

run upstream-ndctl create-namespace -f -e namespace1.0 -m devdax -a 2M

memtotal_kb() { awk '/^MemTotal:/ {print $2}' /proc/meminfo; }
field() { run upstream-daxctl list -d dax1.0 | jq -r ".[0].$1"; }	# an array without -u
block_kb=$(( $(printf '%d' 0x$(cat /sys/devices/system/memory/block_size_bytes)) / 1024 ))

before=$(memtotal_kb)
out=$(run daxctl reconfigure-device -m system-ram dax1.0 2>&1)
expect_match "onlined 6 memory blocks into ZONE_MOVABLE" "$out"
expect_match "dax1.0: 880M device, 768M hot-plugged as 6 whole 128M memory blocks" "$out"
expect_match "reconfigured 1 device$" "$out"
[ "$(field mode)" = system-ram ] || fail "upstream sees mode $(field mode)"
[ "$(field online_memblocks)" = 6 ] && [ "$(field total_memblocks)" = 6 ] ||
	fail "upstream sees $(field online_memblocks)/$(field total_memblocks) blocks online"
[ "$(field movable)" = true ] || fail "not movable by default"
grown=$(( $(memtotal_kb) - before ))
[ "$grown" -eq $((6 * block_kb)) ] || fail "MemTotal grew by $grown kB, want $((6 * block_kb))"

run upstream-daxctl list -d dax1.0 > /tmp/up.json
run daxctl list -d dax1.0 > /tmp/nd.json
json_same /tmp/up.json /tmp/nd.json

out=$(run daxctl offline-memory dax1.0 2>&1)
expect_match "dax1.0: offlined 6 memory blocks" "$out"
expect_match "offlined memory for 1 device$" "$out"
[ "$(field online_memblocks)" = 0 ] || fail "upstream sees $(field online_memblocks) online"
[ "$(memtotal_kb)" -eq "$before" ] || fail "MemTotal $(memtotal_kb) after offline, want $before"
out=$(run daxctl online-memory dax1.0 2>&1)
expect_match "dax1.0: onlined 6 memory blocks into ZONE_MOVABLE" "$out"
expect_match "onlined memory for 1 device$" "$out"
[ "$(memtotal_kb)" -eq $((before + 6 * block_kb)) ] || fail "MemTotal $(memtotal_kb) after online"

# ndctl's safe disable: a namespace whose dax device is system RAM is not torn down
expect_fail "dax1.0 is onlined as system-ram: run 'daxctl reconfigure-device -m devdax dax1.0'" \
	ndctl disable-namespace namespace1.0
expect_fail "dax1.0 is onlined as system-ram" ndctl destroy-namespace -f namespace1.0
# upstream's disable-region exits 0 with "disabled 0 regions" when it disabled none
out=$(ndctl disable-region region1 2>&1 || true)
expect_match "dax1.0 is onlined as system-ram" "$out"
expect_match "disabled 0 regions" "$out"
[ -e /sys/bus/nd/devices/region1/driver ] || fail "disable-region region1 disabled it"
[ "$(field online_memblocks)" = 6 ] || fail "a refused ndctl command changed the memory blocks"

# online memory blocks a return to devdax unless -f; nothing changes
expect_fail "dax1.0: 6 memory blocks are online; add -f" daxctl reconfigure-device -m devdax dax1.0
[ "$(field online_memblocks)" = 6 ] || fail "refused reconfigure changed the blocks"

out=$(run daxctl reconfigure-device -f -m devdax dax1.0 2>&1)
expect_match "reconfigured 1 device$" "$out"
[ "$(field mode)" = devdax ] || fail "upstream sees mode $(field mode) after devdax"
[ "$(memtotal_kb)" -eq "$before" ] || fail "MemTotal $(memtotal_kb) after devdax, want $before"
[ -c /dev/dax1.0 ] || fail "/dev/dax1.0 missing after the return to devdax"

# --no-movable: upstream sees the blocks outside ZONE_MOVABLE
out=$(run daxctl reconfigure-device --no-movable -m system-ram dax1.0 2>&1)
expect_match "onlined 6 memory blocks into a kernel zone" "$out"
[ "$(field movable)" = false ] || fail "--no-movable gave movable=$(field movable)"
# kernel-zone blocks may hold unmovable pages: either all go offline, or none
# does and the refused block is named
if out=$(daxctl reconfigure-device -f -m devdax dax1.0 2>&1); then
	[ "$(field mode)" = devdax ] || fail "reported success but mode $(field mode)"
else
	expect_match "memory block memory[0-9]+ could not be offlined .*nothing changed" "$out"
	[ "$(field online_memblocks)" = 6 ] || fail "failed offline left $(field online_memblocks) online"
fi
echo "$out"

# SPDX-License-Identifier: GPL-2.0-only
# daxctl list prints what upstream daxctl prints, key by key, for a big and a
# small devdax device; the small one (62 MiB) is refused system-ram with the
# block size and the size that would work, and stays as it was.
DIMMS="1G:128K:2M 1G:2M:128M"
# nmem1's captured labels bring back namespace1.0, but its devdax info block
# lived in the data area (not captured), so upstream ndctl makes it devdax again.
PRELOAD="1:nvdimm1-v1.1-after-create.lsa.gz"
TIMEOUT=480

run upstream-ndctl create-namespace -f -e namespace1.0 -m devdax -a 2M
run upstream-ndctl disable-region region0
run upstream-ndctl init-labels -f nmem0
run upstream-ndctl enable-region region0
run upstream-ndctl create-namespace -r region0 -m devdax -a 2M -s 64M

# regions and devices in upstream's order too: the arrays are compared as they are
compare() {
	run upstream-daxctl list "$@" > /tmp/up.json
	run daxctl list "$@" > /tmp/nd.json
	json_same /tmp/up.json /tmp/nd.json
	# the shape (bare object or array) must match too
	[ "$(jq -r type /tmp/up.json)" = "$(jq -r type /tmp/nd.json)" ] ||
		fail "daxctl list $*: $(jq -r type /tmp/nd.json), upstream $(jq -r type /tmp/up.json)"
}
compare
compare -u
compare -R -D -M -u
compare -R -D -M
compare -i -u
compare -d dax1.0
compare -r 1 -R -D
compare -R

expect_fail "dax0.0: 62M at 0x100200000 holds no whole 128M memory block \\(/sys/devices/system/memory/block_size_bytes\\).*at least 254M" \
	daxctl reconfigure-device -m system-ram dax0.0
# nothing changed: still enabled in devdax mode (upstream's own attempt disables it)
run daxctl list -d dax0.0 > /tmp/small.json
expect_match '"mode":"devdax"' "$(cat /tmp/small.json)"
grep -q '"state"' /tmp/small.json && fail "dax0.0 was left disabled" "$(cat /tmp/small.json)"
[ -e /sys/bus/dax/devices/dax0.0/driver ] || fail "dax0.0 lost its driver"

# disable-device / enable-device: counted, and upstream sees each state
out=$(run daxctl disable-device dax0.0 2>&1)
expect_match "^disabled 1 device$" "$out"
[ ! -e /sys/bus/dax/devices/dax0.0/driver ] || fail "dax0.0 still bound after disable-device"
compare -d dax0.0
compare -R -D -u
out=$(run daxctl enable-device dax0.0 2>&1)
expect_match "^enabled 1 device$" "$out"
[ -c /dev/dax0.0 ] || fail "/dev/dax0.0 missing after enable-device"
compare -d dax0.0

# wall time of a full listing, for the record beside upstream's
time_ms daxctl list -R -D -M -u > /dev/null
time_ms upstream-daxctl list -R -D -M -u > /dev/null

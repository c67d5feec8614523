# SPDX-License-Identifier: GPL-2.0-only
# Safe disable, for real: with a filesystem mounted on an fsdax namespace's block device,
# ndkit refuses to disable or destroy the namespace or its region, names the mount, and
# changes nothing; after umount the same commands work.
DIMMS="1G:128K:2M"

run ndctl disable-region all
run ndctl init-labels all
run ndctl enable-region all
run ndctl create-namespace -r region0 -m fsdax -s 256M -n mounted > /tmp/ns.json
ns=$(jq -r .dev /tmp/ns.json)
blk=$(jq -r .blockdev /tmp/ns.json)
run mke2fs -q "/dev/$blk"
mkdir -p /mnt/pm
run mount -t ext4 "/dev/$blk" /mnt/pm
echo kept > /mnt/pm/file

expect_fail "/dev/$blk is mounted at /mnt/pm" ndctl disable-namespace "$ns"
expect_fail "/dev/$blk is mounted at /mnt/pm" ndctl destroy-namespace -f "$ns"
# upstream's disable-region exits 0 with "disabled 0 regions" when it disabled none
out=$(run ndctl disable-region region0 2>&1)
expect_match "/dev/$blk is mounted at /mnt/pm" "$out"
expect_match "disabled 0 regions" "$out"
[ -e /sys/bus/nd/devices/region0/driver ] || fail "disable-region region0 disabled a region with a mounted namespace"
[ "$(cat /mnt/pm/file)" = kept ] || fail "the mounted filesystem changed"
run ndctl list -n "$ns" | jq -e '.[0].mode == "fsdax" and (.[0].state // "enabled") != "disabled"' > /dev/null ||
	fail "$ns is no longer an enabled fsdax namespace"

run umount /mnt/pm
run ndctl disable-namespace "$ns"
run ndctl destroy-namespace -f "$ns"
# upstream prints nothing at all when no namespace is left
left=$(upstream-ndctl list -N)
[ -z "$left" ] || fail "upstream still lists namespaces" "$left"

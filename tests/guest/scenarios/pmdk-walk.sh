# SPDX-License-Identifier: GPL-2.0-only
# A PMDK-style program (tests/install/pmdk) built against ndkit's libndctl finds the same
# region, namespace, resource, size, alignment, DIMM ids and bad blocks as the same program
# linked against Debian's upstream libndctl.so.6, for a file on fsdax and for a device dax,
# with bad blocks added through the block device's writable badblocks file; PMDK's
# clear-error path gets the same refusal from both (QEMU's bus offers no ARS).
DIMMS="1G:128K:2M 1G:2M:128M"
DATA="tests/install/pmdk-walk tests/install/pmdk-walk-upstream"

D=/ndkit/data
run upstream-ndctl disable-region all
run upstream-ndctl init-labels -f all
run upstream-ndctl enable-region all
run upstream-ndctl create-namespace -r region0 -m fsdax -s 256M -n pm > /tmp/fs.json
run upstream-ndctl create-namespace -r region1 -m devdax -a 2M -s 256M -n dd > /tmp/dd.json
blk=$(jq -r .blockdev /tmp/fs.json)
chr=$(jq -r '.daxregion.devices[0].chardev' /tmp/dd.json)
run mke2fs -q "/dev/$blk"
mkdir -p /mnt/pm
run mount -t ext4 "/dev/$blk" /mnt/pm
echo data > /mnt/pm/file

check_same() {	# WHAT: both builds print the same lines, and they are ndkit's
	ours=$(run $D/pmdk-walk --clear /mnt/pm/file "/dev/$chr")
	theirs=$(run $D/pmdk-walk-upstream --clear /mnt/pm/file "/dev/$chr")
	echo "$ours"
	[ "$ours" = "$theirs" ] || fail "$1: ndkit and upstream libndctl disagree" \
		"ndkit:    $ours
upstream: $theirs"
}

check_same "no bad blocks"
expect_match "^/mnt/pm/file bus=ACPI.NFIT provider_lookup=1 region=region0 .*namespace=namespace0.0 .*name=pm ns_offset=0x[0-9a-f]+ ns_size=[1-9][0-9]* usc=-1 usc_iset=-1 device_id=[^ ]* badblocks=none$" "$ours"
expect_match "^/dev/$chr .*region=region1 .*namespace=namespace1.0 .*name=dd ns_offset=0x[0-9a-f]+ ns_size=[1-9][0-9]* dax_align=2097152 dax_size=[1-9][0-9]* daxio_size=[1-9][0-9]* daxio_align=2097152 usc=-1 usc_iset=-1 .*badblocks=none$" "$ours"

# sectors 65536.. and 131072..: bytes 32 MiB and 64 MiB into the block device
echo "65536 8" > "/sys/block/$blk/badblocks"
echo "131072 1" > "/sys/block/$blk/badblocks"
check_same "two bad blocks"
expect_match "^/mnt/pm/file .* badblocks=33554432\+4096,67108864\+512 clear=-1$" "$ours"

# The cost of PMDK's lookup through each library, same devices, same boot (reported only).
for i in 1 2 3; do
	time_ms $D/pmdk-walk /dev/$chr > /dev/null
	t_ours=$((${t_ours:-0} + ms))
	time_ms $D/pmdk-walk-upstream /dev/$chr > /dev/null
	t_up=$((${t_up:-0} + ms))
done
echo "pmdk-walk devdax lookup, 3 runs: ndkit $t_ours ms, upstream $t_up ms" > /dev/console
run umount /mnt/pm

# SPDX-License-Identifier: GPL-2.0-only
# Namespaces written by `ndctl-qemu provision` (labels with each slot's interleave-set cookie,
# fsdax/devdax info blocks) come up at the next boot: upstream `ndctl list -N -v` shows each
# with the uuid, name, mode and size that `ndctl-qemu inspect` predicts. DIMM 0 has v1.2 labels
# (modes recorded in the abstraction GUID), DIMM 1 v1.1 labels (modes from the info block only).
# The guest carries the provisioned bytes onto its DIMMs (the runner makes fresh backends):
# boot 1 copies the info blocks through the label-less raw namespace and the label area
# with upstream write-labels; boot 2 checks.
DIMMS="1G:128K:2M 1G:2M:128M"
BOOTS=2

make_images() {
	truncate -s 1G /tmp/nv0.img /tmp/nv1.img
	run ndctl-qemu provision /tmp/nv0.img --slot 0 --label-size 128K \
		--namespace size=256M,name=a-fsdax,mode=fsdax,uuid=6c0d1b9e-5d3a-4f7e-9b61-0a1b2c3d4e01 \
		--namespace size=128M,name=a-raw,uuid=6c0d1b9e-5d3a-4f7e-9b61-0a1b2c3d4e02 \
		--namespace size=256M,name=a-devdax,mode=devdax,uuid=6c0d1b9e-5d3a-4f7e-9b61-0a1b2c3d4e03 \
		> /tmp/prov0.txt
	run ndctl-qemu provision /tmp/nv1.img --slot 1 --label-size 2M --align 128M --label-version 1.1 \
		--namespace size=512M,name=b-fsdax,mode=fsdax,uuid=6c0d1b9e-5d3a-4f7e-9b61-0a1b2c3d4e11 \
		--namespace size=256M,name=b-raw,uuid=6c0d1b9e-5d3a-4f7e-9b61-0a1b2c3d4e12 \
		> /tmp/prov1.txt
	cat /tmp/prov0.txt /tmp/prov1.txt
}

region_of() {	# region_of nmemN: the region whose mapping0 is on that DIMM
	for r in /sys/bus/nd/devices/region*; do
		case "$(cat "$r/mapping0")" in "$1,"*) basename "$r"; return 0 ;; esac
	done
	fail "no region on $1"
}

# copy_to_dimm I LABEL_SIZE: the info blocks into DIMM I's data, its label area aside.
copy_to_dimm() {
	r=$(region_of "nmem$1")
	pmem=$(ls /sys/bus/nd/devices/$r/namespace*.0/block/ | head -n 1)
	[ -b "/dev/$pmem" ] || fail "no raw pmem device on $r"
	for dpa in $(sed -n 's/.*: dpa \([0-9a-fx]*\) .*/\1/p' "/tmp/prov$1.txt"); do
		blk=$((dpa / 4096 + 1))
		dd if="/tmp/nv$1.img" of="/dev/$pmem" bs=4096 skip=$blk seek=$blk count=1 conv=notrunc 2>/dev/null ||
			fail "copying the info block at $dpa to /dev/$pmem"
	done
	sync
	dd if="/tmp/nv$1.img" of="/tmp/lsa$1.bin" bs=4096 skip=$(((1073741824 - $2) / 4096)) \
		count=$(($2 / 4096)) 2>/dev/null
}

make_images
if [ "$NDKIT_BOOT" = 1 ]; then
	copy_to_dimm 0 131072
	copy_to_dimm 1 2097152
	run upstream-ndctl disable-region all
	run upstream-ndctl write-labels nmem0 -i /tmp/lsa0.bin
	run upstream-ndctl write-labels nmem1 -i /tmp/lsa1.bin
else
	{ run ndctl-qemu inspect /tmp/nv0.img; run ndctl-qemu inspect /tmp/nv1.img --align 128M; } |
		jq -s '[.[].guest.namespaces[] | {uuid, name, mode, size}] | sort_by(.uuid)' > /tmp/want.json
	run upstream-ndctl list -N -v > /tmp/list.json
	cat /tmp/list.json
	# In fsdax/devdax mode upstream's "uuid" is the pfn/dax device's; the namespace's is raw_uuid.
	jq '[(if type == "array" then . else [.] end)[] | {uuid: (.raw_uuid // .uuid), name, mode, size}]
		| sort_by(.uuid)' \
		/tmp/list.json > /tmp/got.json
	json_same /tmp/want.json /tmp/got.json
fi

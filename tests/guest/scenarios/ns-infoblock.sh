# SPDX-License-Identifier: GPL-2.0-only
# read-infoblock decodes the info blocks the kernel wrote: PFN for fsdax, DAX for devdax, with
# the personality's uuid, the namespace uuid as parent, the align and map (mode 2: dev, 1: mem)
# asked for; an enabled namespace is refused with the command that frees it; afterwards the
# namespace is left disabled and unclaimed (as upstream leaves it), and the next enable
# brings the personality back from its info block.
DIMMS="1G:128K:2M"

run upstream-ndctl disable-region all
run upstream-ndctl init-labels -f all
run upstream-ndctl enable-region all
run ndctl create-namespace -m fsdax -a 2M -s 64M -M dev -n ib-fs > /dev/null
run ndctl create-namespace -m devdax -a 2M -s 64M -M mem -n ib-dd > /dev/null
run upstream-ndctl list -N -v > /tmp/up.json

check() {	# check NAME SIGNATURE MODE
	ns=$(jq -r ".[] | select(.name == \"$1\") | .dev" /tmp/up.json)
	expect_fail "$ns is enabled: disable it first.*ndctl disable-namespace $ns" ndctl read-infoblock "$ns"
	run ndctl disable-namespace "$ns"
	run ndctl read-infoblock "$ns" -j > /tmp/ib.json
	want="$2 $(jq -r ".[] | select(.name == \"$1\") | .uuid + \" \" + .raw_uuid" /tmp/up.json) 2097152 $3"
	got=$(jq -r '.[0] | .signature + " " + .uuid + " " + .parent_uuid + " " + (.align|tostring) + " " + (.mode|tostring)' /tmp/ib.json)
	[ "$got" = "$want" ] || fail "read-infoblock $ns: '$got', want '$want'" "$(cat /tmp/ib.json)"
	# left disabled and unclaimed, as upstream leaves it; enabled again, the kernel finds
	# the info block and the personality is as it was
	holder=$(cat "/sys/bus/nd/devices/$ns/holder")
	[ -z "$holder" ] || fail "read-infoblock left $ns claimed by $holder"
	[ -e "/sys/bus/nd/devices/$ns/driver" ] && fail "read-infoblock left $ns enabled"
	run ndctl enable-namespace "$ns" 2> /dev/null
	run upstream-ndctl list -N -v > /tmp/after.json
	a=$(jq -c ".[] | select(.name == \"$1\") | [.mode, .uuid, .raw_uuid, .align]" /tmp/up.json)
	b=$(jq -c ".[] | select(.name == \"$1\") | [.mode, .uuid, .raw_uuid, .align]" /tmp/after.json)
	[ "$a" = "$b" ] || fail "after read-infoblock $ns is $b, was $a" "$(cat /tmp/after.json)"
}
check ib-fs NVDIMM_PFN_INFO 2	# page map on the device (-M dev)
check ib-dd NVDIMM_DAX_INFO 1	# in memory (-M mem)

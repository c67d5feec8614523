# SPDX-License-Identifier: GPL-2.0-only
# `ndctl-qemu plan --format libvirt`'s domain, booted by a real libvirtd (virsh define and
# start, TCG): every region is where plan said, the size it said, and takes a namespace.
# The middle DIMM would start off a 128 MiB boundary without plan's alignsize.
DIMMS="1G:128K 1000M:2M 512M:128K"
LIBVIRT=1
TIMEOUT=300

run upstream-ndctl disable-region all >/dev/null
run upstream-ndctl init-labels -f all >/dev/null
run upstream-ndctl enable-region all >/dev/null
plan=/ndkit/data/plan-regions
expect_match '^# nvdimm2: ' "$(cat "$plan")"
found=0
while read -r _ dimm _ _ hex _ addr; do
	case $dimm in nvdimm*) ;; *) continue ;; esac
	size=$(($(echo "$hex" | tr -d '()')))
	region=
	for r in /sys/bus/nd/devices/region*; do
		[ "$(($(cat "$r/resource")))" = "$((addr))" ] && region=${r##*/}
	done
	[ -n "$region" ] || fail "plan put $dimm at $addr; the guest has no region there" \
		"$(grep . /sys/bus/nd/devices/region*/resource)"
	[ "$(cat "/sys/bus/nd/devices/$region/size")" = "$size" ] ||
		fail "$region at $addr: size $(cat "/sys/bus/nd/devices/$region/size"), plan said $size"
	echo "${dimm%:}: $region at $addr, $size bytes, as planned"
	run upstream-ndctl create-namespace -r "$region" -m fsdax -s 128M >/dev/null
	found=$((found + 1))
done <"$plan"
[ "$found" = 3 ] || fail "plan described $found regions, not 3"
[ "$(count_devices region)" = 3 ] || fail "the guest has $(count_devices region) regions, not 3"

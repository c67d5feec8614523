# SPDX-License-Identifier: GPL-2.0-only
# ndkit init-labels (the 1.1 default, as upstream, then -V 1.2) writes index blocks that upstream check-labels
# accepts and the kernel uses: after re-enabling, the regions are label-managed and upstream
# can carve namespaces. A write to a DIMM whose region is enabled is refused, nothing written.
DIMMS="1G:128K:2M 1G:2M:128M"

nstype() { cat /sys/bus/nd/devices/$1/nstype; }

# busy: regions enabled at boot
run ndctl read-labels -o /tmp/before nmem0
expect_fail "nmem0 is in use by enabled region[0-9]+: run 'ndctl disable-region region[0-9]+'" \
	ndctl init-labels nmem0
expect_fail "disable-region" ndctl zero-labels all
expect_fail "disable-region" ndctl write-labels -i /tmp/before nmem0
run ndctl read-labels -o /tmp/after nmem0
run cmp /tmp/before /tmp/after
expect_fail "." upstream-ndctl check-labels nmem0

for v in default 1.2; do
	run upstream-ndctl disable-region all
	if [ "$v" = default ]; then
		out=$(run ndctl init-labels all 2>&1)
		want_minor=1
	else
		expect_fail "already initialized.*-f" ndctl init-labels -V 1.2 nmem1
		out=$(run ndctl init-labels -f -V 1.2 all 2>&1)
		want_minor=2
	fi
	expect_match "initialized 2 nmems" "$out"
	run upstream-ndctl check-labels all
	# upstream dumps nmem0 (its read-labels skips a DIMM whose slot 0 holds no label,
	# as nmem1's does after a 1.1 -> 1.2 re-init); ndkit both
	run upstream-ndctl read-labels -j nmem0 > /tmp/up.json
	expect_match "^$want_minor $want_minor\$" \
		"$(jq -r '(if type == "array" then .[0] else . end) | [.index[].minor] | map(tostring) | join(" ")' /tmp/up.json)"
	expect_match "^$want_minor $want_minor $want_minor $want_minor\$" \
		"$(ndctl read-labels -j all | jq -r '[.[].index[].minor] | map(tostring) | join(" ")')"
	run upstream-ndctl enable-region all
	for r in $(cd /sys/bus/nd/devices && ls -d region*); do
		# 5: ND_DEVICE_NAMESPACE_PMEM (label-managed); a label-less region is 4 (raw)
		expect_match "^5\$" "$(nstype $r)"
	done
	# label-managed: upstream creates two namespaces in one region (a raw region cannot)
	run upstream-ndctl create-namespace -r region0 -m raw -s 64M
	run upstream-ndctl create-namespace -r region0 -m fsdax -s 64M
	run upstream-ndctl check-labels nmem0
	run ndctl check-labels nmem0 nmem1
	expect_match "^2\$" "$(ndctl read-labels -j nmem0 | jq '.[0].label | length')"
	run upstream-ndctl destroy-namespace -f all
done

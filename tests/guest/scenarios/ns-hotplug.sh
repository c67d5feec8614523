# SPDX-License-Identifier: GPL-2.0-only
# A vNVDIMM hot-added while the guest runs gets namespaces from ndkit without a reboot.
DIMMS="1G:128K:2M"
HOTPLUG="1G:128K:128M"

hotadd 0
run upstream-ndctl list -R > /tmp/r.json
new=$(jq -r '[.[] | select(.dev != "region0")][0].dev' /tmp/r.json)
[ -n "$new" ] && [ "$new" != null ] || fail "no new region after hot-add" "$(cat /tmp/r.json)"
nmem=$(upstream-ndctl list -D -r "$new" | jq -r '.[0].dev')

# label-less at first: converted whole, then labeled and sub-divided
run ndctl create-namespace -f -e "namespace${new#region}.0" -m devdax > /tmp/whole.json
expect_match '"mode":"devdax"' "$(cat /tmp/whole.json)"
run ndctl create-namespace -f -e "namespace${new#region}.0" -m raw > /dev/null
run ndctl disable-region "$new"
run upstream-ndctl init-labels -f "$nmem"
run ndctl enable-region "$new"
run ndctl create-namespace -r "$new" -m fsdax -s 128M -n hot > /tmp/hot.json
run upstream-ndctl list -N -r "$new" > /tmp/up.json
[ "$(jq -r '.[] | select(.name == "hot") | .mode' /tmp/up.json)" = fsdax ] ||
	fail "upstream does not see the namespace created on the hot-added DIMM" "$(cat /tmp/up.json)"
ndctl list -N -r "$new" > /tmp/nd.json
cmp -s /tmp/up.json /tmp/nd.json || fail "ndctl list differs from upstream after hot-add" "$(diff /tmp/up.json /tmp/nd.json)"

# SPDX-License-Identifier: GPL-2.0-only
# A vNVDIMM hot-added over QMP while the guest runs appears as a new nmem and region,
# without a reboot (upstream ndctl is the oracle).
DIMMS="1G:128K:2M"
HOTPLUG="1G:128K:128M"

run upstream-ndctl list -DR > /tmp/before.json
[ "$(jq '.dimms | length' /tmp/before.json)" = 1 ] || fail "expected 1 DIMM before" "$(cat /tmp/before.json)"

hotadd 0

run upstream-ndctl list -DR > /tmp/after.json
[ "$(jq '.dimms | length' /tmp/after.json)" = 2 ] || fail "expected 2 DIMMs after hot-add" "$(cat /tmp/after.json)"
[ "$(jq '.regions | length' /tmp/after.json)" = 2 ] || fail "expected 2 regions after hot-add" "$(cat /tmp/after.json)"
# The new nmem is one not listed before; its region is (1G - 128K) rounded down to 128M.
new=$(jq -r --slurpfile b /tmp/before.json '[.dimms[].dev] - [$b[0].dimms[].dev] | .[0]' /tmp/after.json)
[ -e "/sys/bus/nd/devices/$new" ] || fail "no new nmem in the list" "$(cat /tmp/after.json)"
sizes=$(jq -c '[.regions[].size] | sort' /tmp/after.json)
[ "$sizes" = "[939524096,1071644672]" ] || fail "region sizes $sizes, want 896 MiB (new) and 1022 MiB" "$(cat /tmp/after.json)"

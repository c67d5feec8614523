# SPDX-License-Identifier: GPL-2.0-only
# The guest sees its two DIMMs and their regions; ndkit's ndctl runs inside.
DIMMS="1G:128K:2M 1G:2M:128M"

out=$(run ndctl --version)
expect_match '^[0-9]+\.ndkit\.[0-9]+\.[0-9]+' "$out"

run upstream-ndctl list -DR > /tmp/list.json
# One nmem and one region per DIMM.
[ "$(jq '.dimms | length' /tmp/list.json)" = 2 ] || fail "expected 2 DIMMs" "$(cat /tmp/list.json)"
[ "$(jq '.regions | length' /tmp/list.json)" = 2 ] || fail "expected 2 regions" "$(cat /tmp/list.json)"
# Region size = (backend - label-size) rounded down to the backend align:
# 1G - 128K at 2M -> 1022 MiB; 1G - 2M at 128M -> 896 MiB.
sizes=$(jq -c '[.regions[] | .size] | sort' /tmp/list.json)
[ "$sizes" = "[939524096,1071644672]" ] || fail "region sizes $sizes, want 896 MiB and 1022 MiB" "$(cat /tmp/list.json)"

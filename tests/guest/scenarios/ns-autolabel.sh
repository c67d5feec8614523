# SPDX-License-Identifier: GPL-2.0-only
# On label-less regions create-namespace labels the DIMMs itself (upstream's autolabel) when the
# region's one namespace is idle, or with -f; says so; the kernel and upstream accept the labels.
DIMMS="1G:128K:2M 1G:2M:128M"

# namespace0.0 covers region0 and is enabled: refused, with the steps and the -f way
expect_fail 'region0 is label-less.*init-labels nmem0.*with -f' ndctl create-namespace -r region0 -s 64M

# idle namespace: autolabel goes ahead
run ndctl disable-namespace namespace0.0
out=$(run ndctl create-namespace -r region0 -m fsdax -s 64M -n auto0 2>&1)
expect_match 'autolabel: initialized labels on nmem0; region0 can be sub-divided now' "$out"
expect_match '"name":"auto0"' "$out"

# in use: -f consents
out=$(run ndctl create-namespace -f -r region1 -m devdax -s 128M -n auto1 2>&1)
expect_match 'autolabel: initialized labels on nmem1' "$out"

run upstream-ndctl check-labels nmem0 nmem1
run upstream-ndctl list -N > /tmp/up.json
[ "$(jq -r '[.[].name] | sort | join(" ")' /tmp/up.json)" = "auto0 auto1" ] ||
	fail "upstream does not see the autolabeled namespaces" "$(cat /tmp/up.json)"
ndctl list -RN > /tmp/nd.json
upstream-ndctl list -RN > /tmp/up2.json
cmp -s /tmp/up2.json /tmp/nd.json || fail "ndctl list -RN differs from upstream" "$(diff /tmp/up2.json /tmp/nd.json)"

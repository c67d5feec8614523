# SPDX-License-Identifier: GPL-2.0-only
# The errors users hit upstream, triggered on a real kernel: each names the constraint and the
# value that would work, and the failed attempt leaves the region as it was.
DIMMS="1G:128K:2M 1G:2M:128M"

# a label-less region cannot be sub-divided: the message gives the labeling steps
expect_fail 'region0 is label-less.*ndctl disable-region region0 && ndctl init-labels nmem0 && ndctl enable-region region0' \
	ndctl create-namespace -r region0 -s 64M
# ... and converting it whole works without labels
run ndctl create-namespace -f -e namespace0.0 -m fsdax > /tmp/whole.json
expect_match '"mode":"fsdax"' "$(cat /tmp/whole.json)"
run ndctl create-namespace -f -e namespace0.0 -m raw > /dev/null

run upstream-ndctl disable-region all
run upstream-ndctl init-labels -f all
run upstream-ndctl enable-region all
run ndctl create-namespace -r region1 -m raw -s 64M -u 33333333-4444-4555-8666-777777777777 > /dev/null
upstream-ndctl list -RNi > /tmp/before.json

expect_fail "not a multiple of 16M .region0's align.: use --size 16M" ndctl create-namespace -r region0 -s 8M
expect_fail 'not a multiple of 16M .*use --size 96M or --size 112M' ndctl create-namespace -r region0 -s 100M
expect_fail 'align 8M is not supported by region0 for fsdax: supported_alignments are 4096 2097152 1073741824' \
	ndctl create-namespace -r region0 -a 8M -s 64M
expect_fail 'not a multiple of 1G .*use --size 1G' ndctl create-namespace -r region1 -m devdax -a 1G -s 512M
expect_fail 'region1 is full: 832.00 MiB .*requested: use --size 832M' ndctl create-namespace -r region1 -s 1G
expect_fail 'uuid 33333333-4444-4555-8666-777777777777 is already used by namespace1.0' \
	ndctl create-namespace -r region0 -m raw -s 64M -u 33333333-4444-4555-8666-777777777777
expect_fail 'is active, specify --force' ndctl create-namespace -e namespace1.0 -m fsdax

upstream-ndctl list -RNi > /tmp/after.json
cmp -s /tmp/before.json /tmp/after.json || fail "refused creates changed the regions" "$(diff /tmp/before.json /tmp/after.json)"
run ndctl destroy-namespace -f namespace1.0 > /dev/null

# disable/enable count what they did (the mounted-device refusal: ns-mounted.sh)
run ndctl create-namespace -r region0 -m fsdax -s 64M -n busy > /tmp/busy.json
ns=$(jq -r .dev /tmp/busy.json)
out=$(run ndctl disable-namespace "$ns" 2>&1)
expect_match 'disabled 1 namespace' "$out"
out=$(run ndctl enable-namespace "$ns" 2>&1)
expect_match 'enabled 1 namespace' "$out"
# an active dimm is refused
expect_fail 'nmem0 is active' ndctl disable-dimm nmem0

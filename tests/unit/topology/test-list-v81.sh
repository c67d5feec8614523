#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# `ndctl list` follows upstream v81 where it differs from 76.1 (the captured trees' oracle):
# - def79df: -R -C shows the modes of the seeds a region has, so a kernel without BTT (no
#   btt_seed) still lists fsdax and devdax, where 76.1 printed no capabilities unless all
#   three seeds were there; with no seed at all (a disabled region) no "capabilities" key.
# - 731ca1f: -u prints an interleave-set cookie of 2^63 or more in hex as it is, where
#   76.1 built with json-c's uint64 printed 0x7fffffffffffffff.
#   test-list-v81.sh NDCTL TREES_DIR
set -u
ndctl=$1 trees=$2
fails=0 checks=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

cp -a "$trees/mixed" "$tmp/tree"
region=$(find "$tmp/tree/sys/devices" -type d -name region1 | head -n 1)
caps() { NDKIT_SYSFS_ROOT=$tmp/tree "$ndctl" list -R -C -r region1 | jq -c '[.[0].capabilities[]?.mode]'; }

checks=$((checks + 1))
[ "$(caps)" = '["sector","fsdax","devdax"]' ] || fail "all seeds: $(caps)"
checks=$((checks + 1))
: > "$region/btt_seed"
[ "$(caps)" = '["fsdax","devdax"]' ] || fail "no btt seed (v81 lists the other two): $(caps)"
checks=$((checks + 1))
rm -f "$region/btt_seed" "$region/dax_seed"
[ "$(caps)" = '["fsdax"]' ] || fail "only a pfn seed: $(caps)"
checks=$((checks + 1))
rm -f "$region/pfn_seed"
NDKIT_SYSFS_ROOT=$tmp/tree "$ndctl" list -R -C -r region1 > "$tmp/none.json"
jq -e '.[0] | has("capabilities") | not' "$tmp/none.json" > /dev/null ||
	fail "no seed: a capabilities key: $(jq -c '.[0].capabilities' "$tmp/none.json")"

checks=$((checks + 1))
echo 0xfedcba9876543210 > "$region/set_cookie"
NDKIT_SYSFS_ROOT=$tmp/tree "$ndctl" list -R -u -r region1 > "$tmp/u.json"
[ "$(jq -r '.iset_id' "$tmp/u.json")" = 0xfedcba9876543210 ] ||
	fail "-u iset_id of a cookie >= 2^63: $(jq -c .iset_id "$tmp/u.json")"
checks=$((checks + 1))
NDKIT_SYSFS_ROOT=$tmp/tree "$ndctl" list -R -r region1 > "$tmp/n.json"
grep -q '"iset_id":18364758544493064720,' "$tmp/n.json" ||
	fail "iset_id of a cookie >= 2^63: $(grep iset_id "$tmp/n.json")"

echo "test-list-v81: $checks checks, $fails failed"
[ "$fails" -eq 0 ]

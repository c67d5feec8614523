# SPDX-License-Identifier: GPL-2.0-only
# 60 namespaces in one region (1022 MiB / 16 MiB): upstream sees all 60 with ndkit's names,
# ndkit's list equals upstream's, list time 60 vs 2 namespaces is reported, destroy all empties it.
DIMMS="1G:128K:2M"

run upstream-ndctl disable-region all
run upstream-ndctl init-labels -f all
run upstream-ndctl enable-region all

run ndctl create-namespace -r region0 -m raw -s 16M -n many-1
run ndctl create-namespace -r region0 -m raw -s 16M -n many-2
time_ms ndctl list -N
t2=$ms
time_ms upstream-ndctl list -N

i=3
while [ "$i" -le 60 ]; do
	run ndctl create-namespace -r region0 -m raw -s 16M -n "many-$i" > /dev/null
	i=$((i + 1))
done
run upstream-ndctl list -N > /tmp/up.json
[ "$(jq length /tmp/up.json)" = 60 ] || fail "upstream lists $(jq length /tmp/up.json) namespaces, want 60"
[ "$(jq -r '[.[].name] | unique | length' /tmp/up.json)" = 60 ] || fail "names are not the 60 ndkit gave"
ndctl list -N > /tmp/nd.json
cmp -s /tmp/up.json /tmp/nd.json || fail "ndctl list -N differs from upstream with 60 namespaces" "$(diff /tmp/up.json /tmp/nd.json | head -20)"
upstream-ndctl list -RNi > /tmp/up.json
ndctl list -RNi > /tmp/nd.json
cmp -s /tmp/up.json /tmp/nd.json || fail "ndctl list -RNi differs from upstream with 60 namespaces" "$(diff /tmp/up.json /tmp/nd.json | head -20)"

time_ms ndctl list -N
t60=$ms
time_ms upstream-ndctl list -N
echo "@@NDKIT TIME list-N: 2 namespaces ${t2} ms, 60 namespaces ${t60} ms (ndkit)" > /dev/console

# 1008 usable (16M granules) - 60 x 16 = 48 MiB left: a bigger request is refused with what would fit
expect_fail 'region0 is full: 48.00 MiB .* 128.00 MiB .*requested: use --size 48M' \
	ndctl create-namespace -r region0 -m raw -s 128M

out=$(run ndctl destroy-namespace -f all 2>&1)
expect_match 'destroyed 60 namespaces' "$out"
[ -z "$(upstream-ndctl list -N)" ] || fail "namespaces left after destroy all"

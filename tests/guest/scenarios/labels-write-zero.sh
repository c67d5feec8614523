# SPDX-License-Identifier: GPL-2.0-only
# zero-labels makes the region label-less (raw) again; write-labels of an earlier dump brings
# back the namespace upstream created, uuid and all.
DIMMS="1G:128K:2M"

run upstream-ndctl disable-region all
run upstream-ndctl init-labels -f -V 1.2 nmem0
run upstream-ndctl enable-region all
uuid=$(run upstream-ndctl create-namespace -r region0 -m fsdax -s 128M -n keepme | jq -r .uuid)
run ndctl read-labels -o /tmp/dump nmem0
run upstream-ndctl disable-region all

out=$(run ndctl zero-labels nmem0 2>&1)
expect_match "zeroed 1 nmem\$" "$out"
run upstream-ndctl read-labels -o /tmp/zero nmem0
[ "$(wc -c < /tmp/zero)" -eq "$(wc -c < /tmp/dump)" ] || fail "upstream dump size differs"
[ -z "$(tr -d '\000' < /tmp/zero)" ] || fail "zero-labels left bytes behind"
expect_fail "." upstream-ndctl check-labels nmem0
run upstream-ndctl enable-region all
expect_match "^4\$" "$(cat /sys/bus/nd/devices/region0/nstype)"
run upstream-ndctl disable-region all

out=$(run ndctl write-labels -i /tmp/dump nmem0 2>&1)
expect_match "wrote 1 nmem\$" "$out"
run upstream-ndctl read-labels -o /tmp/back nmem0
run cmp /tmp/dump /tmp/back
run upstream-ndctl enable-region all
expect_match "^5\$" "$(cat /sys/bus/nd/devices/region0/nstype)"
expect_match "$uuid" "$(run upstream-ndctl list -N)"

# as a non-root user: refused with a one-line reason
if busybox setuidgid 65534 true 2>/dev/null; then
	expect_fail "root" busybox setuidgid 65534 ndctl read-labels -j nmem0
fi

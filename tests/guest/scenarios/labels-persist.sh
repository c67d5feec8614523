# SPDX-License-Identifier: GPL-2.0-only
# Two boots on the same backend files: a label area written by upstream init-labels in boot 1
# is still valid in boot 2. This proves the persistence machinery other scenarios rely on.
DIMMS="1G:128K:2M 1G:2M:128M"
BOOTS=2

if [ "$NDKIT_BOOT" = 1 ]; then
	# A fresh backend has no valid index block.
	expect_fail 'verified 0 nmem' upstream-ndctl check-labels nmem0
	run upstream-ndctl disable-region all
	run upstream-ndctl init-labels -f all
	run upstream-ndctl enable-region all
	run upstream-ndctl check-labels all
else
	run upstream-ndctl check-labels all
	out=$(run upstream-ndctl read-labels -j nmem0 nmem1)
	# One entry per DIMM, each with a current index block.
	[ "$(printf '%s\n' "$out" | jq -s 'map(.[]?) | length')" = 2 ] ||
		fail "read-labels did not list both DIMMs" "$out"
fi

# SPDX-License-Identifier: GPL-2.0-only
# A torn index block planted before boot (labels-torn-nvdimm0.lsa.gz: the v1.2 capture with a
# byte of its older index flipped): check-labels reports it, --repair rewrites it from the
# current one, and the kernel still assembles the same namespaces.
DIMMS="1G:128K:2M 1G:2M:128M"
PRELOAD="0:labels-torn-nvdimm0.lsa.gz"

run upstream-ndctl list -N | jq -r '.. | .uuid? // empty' | sort > /tmp/ns-before
expect_match "." "$(cat /tmp/ns-before)"
out=$(run ndctl check-labels nmem0 2>&1)
expect_match "warning: index 1 is invalid: .*\[index-checksum\]" "$out"
expect_fail "disable-region" ndctl check-labels --repair nmem0
run upstream-ndctl disable-region all
out=$(run ndctl check-labels --repair nmem0 2>&1)
expect_match "repaired" "$out"
out=$(run ndctl check-labels -v nmem0 2>&1)
expect_match "index-stale" "$out"
run upstream-ndctl check-labels -v nmem0
# both index blocks valid now for upstream too: seqs differ and are non-zero
expect_match "^[123] [123]\$" "$(upstream-ndctl read-labels -j nmem0 | jq -r '(if type == "array" then .[0] else . end) | [.index[].seq] | map(tostring) | join(" ")')"
run upstream-ndctl enable-region all
run upstream-ndctl list -N | jq -r '.. | .uuid? // empty' | sort > /tmp/ns-after
run cmp /tmp/ns-before /tmp/ns-after

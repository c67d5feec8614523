# SPDX-License-Identifier: GPL-2.0-only
# read-infoblock and write-infoblock on real namespaces against upstream-ndctl on the same
# devices: the same stdout (raw 8 KiB and JSON), summary line and exit status; the bytes ndkit
# writes (default parent uuid and align taken from the namespace) are the bytes upstream writes,
# and the kernel brings the namespace up in the mode and with the uuid of ndkit's block.
DIMMS="1G:128K:2M"

U=11111111-2222-3333-4444-555555555555
run upstream-ndctl disable-region all
run upstream-ndctl init-labels -f all
run upstream-ndctl enable-region all
run upstream-ndctl create-namespace -m fsdax -a 2M -s 128M -n ib-fs > /dev/null
run upstream-ndctl create-namespace -m raw -s 64M -n ib-raw > /dev/null
fs=$(run upstream-ndctl list -N | jq -r '.[] | select(.name == "ib-fs") | .dev')
raw=$(run upstream-ndctl list -N | jq -r '.[] | select(.name == "ib-raw") | .dev')

# same CMD ARGS...: ndkit and upstream give the same stdout, last stderr line and status
same() { same_as_upstream ndctl "$@"; }

# An enabled namespace: both refuse with EBUSY (240); ndkit also says how to free it.
same read-infoblock "$fs" -j
# shellcheck disable=SC2154 # nrc: set by same_as_upstream (lib.sh)
[ "$nrc" = 240 ] || fail "read-infoblock of an enabled namespace exits $nrc, want 240"
expect_match "disable-namespace $fs" "$(cat /tmp/nd.err)"
same write-infoblock "$fs" -u "$U"

# Its pfn unbound but still claiming it (as a --no-autorecover create leaves a namespace):
# the kernel binds a claimed namespace to no driver, not even raw, so both fail with ENXIO
# (250) and release the claim on the way out (the state-model suite's claimed/read-infoblock
# compares the two from the same state); ndkit names the claim.
pfn=$(cat "$NDKIT_SYS/$fs/holder")
echo "$pfn" > "$NDKIT_SYS/$pfn/driver/unbind"
set +e; ndctl read-infoblock "$fs" -j > /tmp/claimed.json 2> /tmp/claimed.err; nrc=$?; set -e
[ "$nrc" = 250 ] || fail "read-infoblock of a claimed namespace exits $nrc, not 250" \
	"$(cat /tmp/claimed.err)"
expect_match "claimed by $pfn" "$(cat /tmp/claimed.err)"
[ -z "$(cat "$NDKIT_SYS/$fs/holder")" ] ||
	fail "ndkit's failed read-infoblock left $fs claimed by $(cat "$NDKIT_SYS/$fs/holder")"
# the namespace's own uuid: the parent uuid a written block takes by default
puuid=$(run upstream-ndctl list -N -i | jq -r ".[] | select(.dev == \"$fs\") | .uuid")

# Unclaimed from here on (the failed read released it).
run ndctl write-infoblock "$fs" -m fsdax -a 2M -u "$U" 2> /tmp/w.err
expect_match "^wrote 1 infoblock$" "$(cat /tmp/w.err)"
same read-infoblock "$fs"				# raw 8 KiB
[ "$(wc -c < /tmp/nd.out)" = 8192 ] || fail "raw dump is $(wc -c < /tmp/nd.out) bytes"
same read-infoblock "$fs" -j
same read-infoblock "$fs" -u -V
same read-infoblock "$fs" -j -V -r region0
same read-infoblock all -j
same read-infoblock namespace9.9 -j

# ndkit writes, upstream reads back the same; upstream's own write with the same options
# (default parent uuid and align from the namespace) gives the same bytes.
for args in "-m devdax -u $U" "-m fsdax -M mem -a 64M -u $U" "-m devdax -s 64M -a 2M -u $U" \
	    "-u $U -p $U -O 1M"; do
	run ndctl write-infoblock "$fs" $args 2> /dev/null
	run ndctl read-infoblock "$fs" > /tmp/nd.bin 2> /dev/null
	same read-infoblock "$fs" -j
	run upstream-ndctl write-infoblock "$fs" $args 2> /dev/null
	run ndctl read-infoblock "$fs" > /tmp/up.bin 2> /dev/null
	cmp -s /tmp/nd.bin /tmp/up.bin || fail "write-infoblock $args: bytes differ from upstream's" \
		"$(cmp -l /tmp/nd.bin /tmp/up.bin | head)"
done
same write-infoblock "$fs" -a 1G -u "$U"		# 1G leaves no data in 128M: ENXIO
# The kernel takes ndkit's block: a PFN one, as the namespace's v1.2 label claims (its
# abstraction is fsdax, so the kernel would ignore a DAX block and bind it raw).
run ndctl write-infoblock "$fs" -m fsdax -a 2M -u "$U" 2> /dev/null
run ndctl enable-namespace "$fs" 2> /dev/null
run upstream-ndctl list -N -v -n "$fs" > /tmp/after.json
expect_match '"mode":"fsdax"' "$(cat /tmp/after.json)"
expect_match "\"uuid\":\"$U\"" "$(cat /tmp/after.json)"
expect_match "\"raw_uuid\":\"$puuid\"" "$(cat /tmp/after.json)"

# A raw namespace (no personality): the default align is a page, as upstream's.
run ndctl disable-namespace "$raw" 2> /dev/null
run ndctl write-infoblock "$raw" -u "$U" 2> /dev/null
run ndctl read-infoblock "$raw" > /tmp/nd.bin 2> /dev/null
run upstream-ndctl write-infoblock "$raw" -u "$U" 2> /dev/null
run ndctl read-infoblock "$raw" > /tmp/up.bin 2> /dev/null
cmp -s /tmp/nd.bin /tmp/up.bin || fail "write-infoblock on raw $raw: bytes differ from upstream's"
same read-infoblock "$raw" -j
same write-infoblock "$raw" -s 3M -a 2M			# not a multiple: EINVAL

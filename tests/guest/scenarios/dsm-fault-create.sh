# SPDX-License-Identifier: GPL-2.0-only
# create-namespace on nfit_test's 4-DIMM interleaved region while one DIMM's label writes fail
# (nfit_test's fail_cmd): the kernel keeps the uuid it was given and the undo cannot make it
# forget it. ndkit says so (the uuid, what the DIMMs hold of it, how to get back) instead of
# "rolled back". Once the DIMM works, the next create frees what the failure left (labels on
# some DIMMs, slots in the kernel's copy) and succeeds, with every label area valid for ndkit
# (--strict) and upstream, and a reload of the region keeping the new namespace; beside a
# namespace in use it stops nothing and names the reload instead. Failures from the start and
# from the size write on (nd-fault.so); what ndkit says remains on each DIMM is what it holds.
NFIT_TEST=1
HOST_SETUP='bash "$SCENARIO_DIR/dsm-fault-create.host"'
TIMEOUT=900

SHIM=/ndkit/data/nd-fault.so
[ -f $SHIM ] || fail "no $SHIM: the host setup did not copy it"
nfit4
set -- $DIMMS4
DIMMS4X="$*"
FAILING=$2	# position 1: DIMM 0's label update succeeds first
FF=$(fail_cmd_of $FAILING)
NS=$(cat /sys/bus/nd/devices/$R/namespace_seed)

labels_valid() {	# every area valid for both tools
	run ndctl check-labels $DIMMS4 >/dev/null
	run upstream-ndctl check-labels $DIMMS4 >/dev/null
}
reload() {	# what ndkit's message says to do
	run upstream-ndctl disable-region -b nfit_test.0 all >/dev/null
	run upstream-ndctl disable-dimm $DIMMS4 >/dev/null
	run upstream-ndctl enable-dimm $DIMMS4 >/dev/null
	run upstream-ndctl enable-region -b nfit_test.0 all >/dev/null
}
fresh() {
	echo 0 > $FF
	run upstream-ndctl disable-region -b nfit_test.0 all >/dev/null
	run upstream-ndctl init-labels -f $DIMMS4 >/dev/null
	run upstream-ndctl enable-region -b nfit_test.0 all >/dev/null
}

healed() {	# healed OUTPUT KEPT: the create freed KEPT, made a namespace labelled on all 4
	expect_match "had no capacity but kept uuid $2" "$1"
	[ "$(held $2)" = 0 ] || fail "labels of the leftover $2 remain" "$1"
	ns=$(printf '%s\n' "$1" | sed -n 's/.*"dev":"\(namespace[0-9.]*\)".*/\1/p' | head -1)
	[ -n "$ns" ] || fail "the create after the leftover printed no namespace" "$1"
	[ "$(held "$(cat /sys/bus/nd/devices/$ns/uuid)")" = 4 ] ||
		fail "the create after the leftover is not labelled on the 4 DIMMs" "$1"
	run ndctl check-labels --strict $DIMMS4 >/dev/null
	run upstream-ndctl check-labels $DIMMS4 >/dev/null
}

# 1. label writes failing from the start: the uuid write fails (issue 24's case)
fresh
echo 0x40 > $FF
expect_fail "keeps its uuid [0-9a-f-]{36}.*no DIMM of $R holds a label of it" \
	ndctl create-namespace -r $R -m fsdax -s 16M
kept=$(cat /sys/bus/nd/devices/$NS/uuid)
[ -n "$kept" ] || fail "the kernel forgot the uuid: the message above is no longer true"
labels_valid
# the DIMM still fails: the next create frees the leftover (nothing to write), tries, and
# fails as the first did; no "another writer" retries
out=$(ndctl create-namespace -r $R -m fsdax -s 16M 2>&1) && fail "create with the DIMM failing succeeded" "$out"
expect_match "had no capacity but kept uuid $kept, .*: 0 label" "$out"
expect_match "keeps its uuid" "$out"
case $out in *"another writer"*) fail "leftover taken for a racing writer" "$out";; esac
kept=$(cat /sys/bus/nd/devices/$NS/uuid)
labels_valid
# the DIMM works again: the next create frees what is left and succeeds, once
echo 0 > $FF
out=$(run ndctl create-namespace -r $R -m fsdax -s 16M 2>&1)
healed "$out" "$kept"
[ "$(printf '%s\n' "$out" | grep -c 'had no capacity')" = 1 ] || fail "healed more than once" "$out"
run ndctl destroy-namespace -f all -r $R >/dev/null
# upstream on the same leftover: its set_uuid fails (EBUSY); its rollback then clears it
fresh
echo 0x40 > $FF
expect_fail "keeps its uuid" ndctl create-namespace -r $R -m fsdax -s 16M
echo 0 > $FF
expect_fail "set_uuid failed: Device or resource busy" upstream-ndctl create-namespace -r $R -m fsdax -s 16M
reload
labels_valid

# 2. label writes failing from the size write on: the kernel has labels on DIMM 0 by then
fresh
out=$(env NDFAULT_FILE=$FF NDFAULT_OPEN=/size LD_PRELOAD=$SHIM \
	ndctl create-namespace -r $R -m fsdax -s 16M 2>&1) && fail "create succeeded" "$out"
expect_match "nd-fault: armed .* before write #1 to .*/size" "$out"
expect_match "keeps its uuid" "$out"
kept=$(cat /sys/bus/nd/devices/$NS/uuid)
total=0
for d in $DIMMS4; do	# "labels of it remain on nmemX (N)" must be what nmemX holds
	n=$(ndctl read-labels -j $d 2>/dev/null | jq --arg u "$kept" '[.[0].label[]? | select(.uuid == $u)] | length')
	said=$(printf '%s\n' "$out" | grep -oE "remain on[^;]*" | grep -oE "$d \([0-9]+\)" | grep -oE "[0-9]+\)" | tr -d ')')
	[ "${said:-0}" = "$n" ] || fail "$d holds $n labels of $kept, ndkit said ${said:-none}" "$out"
	total=$((total + n))
done
[ "$total" -gt 0 ] || fail "the size write's failure left no label: case 2 tests nothing"
# the DIMM works again: the next create frees those labels (the kernel would refuse the
# region at its next read with position 0's label and no other) and succeeds
echo 0 > $FF
out=$(run ndctl create-namespace -r $R -m fsdax -s 16M 2>&1)
healed "$out" "$kept"
expect_match "kept uuid $kept, .*: $total label" "$out"
# and a reload of the region keeps it: nothing stale was published
ns=$(printf '%s\n' "$out" | sed -n 's/.*"dev":"\(namespace[0-9.]*\)".*/\1/p' | head -1)
reload
[ "$(cat /sys/bus/nd/devices/$ns/size)" != 0 ] || fail "$ns lost its capacity after a reload"
labels_valid
# 3. a leftover while a namespace of the 2-DIMM region, on some of the same DIMMs, is in use:
# the create stops nothing; it refuses and names the reload by hand
R2=$(ndctl list -b nfit_test.0 -R | jq -r '.[] | .dev' | while read -r r; do
	if [ "$(cat /sys/bus/nd/devices/$r/mappings)" = 2 ]; then echo "$r"; fi; done)
[ -n "$R2" ] || fail "no 2-DIMM region on nfit_test.0"
fresh
echo 0x40 > $FF
expect_fail "keeps its uuid" ndctl create-namespace -r $R -m fsdax -s 16M
echo 0 > $FF
kept=$(cat /sys/bus/nd/devices/$NS/uuid)
run ndctl create-namespace -r $R2 -m fsdax -s 16M >/dev/null
out=$(ndctl create-namespace -r $R -m fsdax -s 16M 2>&1) &&
	fail "create over a leftover beside an active namespace succeeded" "$out" || rc=$?
[ "$rc" = 237 ] || fail "create over a leftover beside an active namespace exited $rc, not 237" "$out"
expect_match "failed to create namespace: Device or resource busy" "$out"
expect_match "keeps uuid $kept" "$out"
expect_match "'ndctl disable-dimm $DIMMS4X'" "$out"
[ "$(cat /sys/bus/nd/devices/$NS/uuid)" = "$kept" ] || fail "the refused create changed the uuid"
[ -n "$(ndctl list -r $R2 -N)" ] || fail "the namespace in use on $R2 is gone"
run upstream-ndctl disable-region -b nfit_test.0 all >/dev/null
run upstream-ndctl init-labels -f $DIMMS4 >/dev/null
run upstream-ndctl enable-region -b nfit_test.0 all >/dev/null

# SPDX-License-Identifier: GPL-2.0-only
# create-namespace on nfit_test's 4-DIMM interleaved region while one DIMM's label writes fail
# (nfit_test's fail_cmd): the kernel keeps the uuid it was given and the undo cannot make it
# forget it. ndkit says so (the uuid, what the DIMMs hold of it, how to get back) instead of
# "rolled back", the next create says the same instead of three "taken by another writer"
# EAGAINs, and the DIMM reload it names makes the region usable again. Each label area stays
# valid for ndkit and upstream. Then a failure from the size write on (nd-fault.so): what
# ndkit says remains on each DIMM is what the DIMM holds.
NFIT_TEST=1
HOST_SETUP='bash "$SCENARIO_DIR/dsm-fault-create.host"'
TIMEOUT=400

SHIM=/ndkit/data/nd-fault.so
[ -f $SHIM ] || fail "no $SHIM: the host setup did not copy it"
# the 4-DIMM region of nfit_test.0, its DIMMs in position order, and their fail_cmd files
R=$(ndctl list -b nfit_test.0 -R | jq -r '.[] | .dev' | while read -r r; do
	if [ "$(cat /sys/bus/nd/devices/$r/mappings)" = 4 ]; then echo "$r"; fi; done)
[ -n "$R" ] || fail "no 4-DIMM region on nfit_test.0"
DIMMS4=""
for i in 0 1 2 3; do DIMMS4="$DIMMS4 $(cut -d, -f1 /sys/bus/nd/devices/$R/mapping$i)"; done
set -- $DIMMS4
DIMMS4X="$*"
FAILING=$2	# position 1: DIMM 0's label update succeeds first
fail_file() {
	for d in /sys/class/nfit_test_dimm/*; do
		if [ "$(cat $d/handle)" = "$(cat /sys/bus/nd/devices/$1/nfit/handle)" ]; then
			echo $d/fail_cmd
		fi
	done
}
FF=$(fail_file $FAILING)
[ -n "$FF" ] || fail "no nfit_test_dimm for $FAILING"
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

# 1. label writes failing from the start: the uuid write fails (issue 24's case)
fresh
echo 0x40 > $FF
expect_fail "keeps its uuid [0-9a-f-]{36}.*no DIMM of $R holds a label of it" \
	ndctl create-namespace -r $R -m fsdax -s 16M
kept=$(cat /sys/bus/nd/devices/$NS/uuid)
[ -n "$kept" ] || fail "the kernel forgot the uuid: the message above is no longer true"
labels_valid
echo 0 > $FF
# the next create: the leftover named, nothing written, no retries
out=$(ndctl create-namespace -r $R -m fsdax -s 16M 2>&1) && fail "create over the leftover succeeded" "$out"
expect_match "keeps uuid $kept" "$out"
expect_match "'ndctl disable-dimm $DIMMS4X'" "$out"
case $out in *"another writer"*|*"trying again"*) fail "leftover taken for a racing writer" "$out";; esac
[ "$(cat /sys/bus/nd/devices/$NS/uuid)" = "$kept" ] || fail "the refused create changed the uuid"
# upstream on the same leftover: its set_uuid fails (EBUSY); its rollback then clears it
expect_fail "set_uuid failed: Device or resource busy" upstream-ndctl create-namespace -r $R -m fsdax -s 16M
reload
labels_valid
run ndctl create-namespace -r $R -m fsdax -s 16M >/dev/null
labels_valid
run ndctl destroy-namespace -f all -r $R >/dev/null

# 2. label writes failing from the size write on: the kernel has labels on DIMM 0 by then
fresh
out=$(env NDFAULT_FILE=$FF NDFAULT_OPEN=/size LD_PRELOAD=$SHIM \
	ndctl create-namespace -r $R -m fsdax -s 16M 2>&1) && fail "create succeeded" "$out"
expect_match "nd-fault: armed .* before write #1 to .*/size" "$out"
expect_match "keeps its uuid" "$out"
kept=$(cat /sys/bus/nd/devices/$NS/uuid)
for d in $DIMMS4; do	# "labels of it remain on nmemX (N)" must be what nmemX holds
	n=$(ndctl read-labels -j $d 2>/dev/null | jq --arg u "$kept" '[.[0].label[]? | select(.uuid == $u)] | length')
	said=$(printf '%s\n' "$out" | grep -oE "remain on[^;]*" | grep -oE "$d \([0-9]+\)" | grep -oE "[0-9]+\)" | tr -d ')')
	[ "${said:-0}" = "$n" ] || fail "$d holds $n labels of $kept, ndkit said ${said:-none}" "$out"
done
echo 0 > $FF
run upstream-ndctl disable-region -b nfit_test.0 all >/dev/null
run upstream-ndctl init-labels -f $DIMMS4 >/dev/null
run upstream-ndctl enable-region -b nfit_test.0 all >/dev/null

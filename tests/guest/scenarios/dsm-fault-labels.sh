# SPDX-License-Identifier: GPL-2.0-only
# The label commands on nfit_test's 4-DIMM region while one DIMM's label reads or writes fail
# (nfit_test's fail_cmd: 0x20 fails GET_CONFIG_DATA, 0x40 SET_CONFIG_DATA; a failing write is
# stored and then reported failed), from the start or midway (nd-fault.so: before its Nth
# write). ndkit and upstream start from the same state (one interleaved namespace's labels).
# ndkit: the failing DIMM is named, the message says how much was written before the failed
# transfer and what the area reads as now (and that is what it holds), the exit status is
# upstream's rule (1 only when no DIMM was done),
# every area is valid for ndkit's and upstream's check-labels (unless zeroed) and holds the
# old state or the new one. Upstream's status and count are checked as it gives them (exit 0
# when another DIMM succeeded). Then nfit_test.1's DIMMs flagged failed: list and the label
# commands as upstream.
NFIT_TEST=1
HOST_SETUP='bash "$SCENARIO_DIR/dsm-fault-create.host"'
TIMEOUT=400

SHIM=/ndkit/data/nd-fault.so
[ -f $SHIM ] || fail "no $SHIM: the host setup did not copy it"
SYS=/sys/bus/nd/devices
nfit4
set -- $DIMMS4
FAILING=$2 LAST=$4
FF=$(fail_cmd_of $FAILING)

# the old state: one interleaved namespace's labels, the regions disabled (the DIMMs idle)
run upstream-ndctl disable-region -b nfit_test.0 all >/dev/null
run upstream-ndctl init-labels -f $DIMMS4 >/dev/null
run upstream-ndctl enable-region -b nfit_test.0 all >/dev/null
run upstream-ndctl create-namespace -r $R -m raw -s 16M >/dev/null
run upstream-ndctl disable-region -b nfit_test.0 all >/dev/null
mkdir -p /tmp/old
for d in $DIMMS4; do run upstream-ndctl read-labels -o /tmp/old/$d $d >/dev/null; done

restore() {
	echo 0 > $FF
	for d in $DIMMS4; do run upstream-ndctl write-labels -i /tmp/old/$d $d >/dev/null; done
}
# labels D: what D's area holds, as ndkit reads it: "none" (no valid index) or its labels
labels() {
	if ndctl check-labels $1 >/dev/null 2>&1; then
		ndctl read-labels -j $1 2>/dev/null | jq -c '[.[0].label[]? | del(.slot)] | sort_by(.uuid)'
	else echo none; fi
}
for d in $DIMMS4; do eval "OLD_$d='$(labels $d)'"; done
old_of() { eval "echo \"\$OLD_$1\""; }
[ "$(old_of $FAILING)" != "[]" ] && [ "$(old_of $FAILING)" != none ] || fail "no old labels on $FAILING"

# tool WHO CMD...: run it with the fault armed (FAULT, or nd-fault.so's SHIMENV), keep
# /tmp/WHO.{rc,out,err}, clear the fault
FAULT=0 SHIMENV=""
tool() {
	local who=$1 rc
	shift
	echo "+ [$FAULT${SHIMENV:+ $SHIMENV}] $*" >&2
	[ "$FAULT" = 0 ] || echo $FAULT > $FF
	env $SHIMENV "$@" > /tmp/$who.out 2> /tmp/$who.err && rc=0 || rc=$?
	echo 0 > $FF
	echo $rc > /tmp/$who.rc
	sed 's/^/  | /' /tmp/$who.err >&2
}
# valid D: both tools' check-labels pass on D (an area holding labels or an empty index)
valid() {
	ndctl check-labels $1 >/dev/null 2>&1 || fail "$1 is not valid for ndkit after: $CASE" "$(ndctl check-labels $1 2>&1)"
	upstream-ndctl check-labels $1 2>&1 | grep -q "verified 1 nmem label" ||
		fail "$1 is not valid for upstream after: $CASE" "$(upstream-ndctl check-labels $1 2>&1)"
}
# nd_failed SUMMARY NEW: ndkit's run ended with upstream's status rule and summary SUMMARY, named the
# failing DIMM; each DIMM holds its old labels or NEW (a labels() value, "" for none)
nd_failed() {
	local summary=$1 new=$2 d now err
	err=$(cat /tmp/nd.err)
	local want=0
	case $summary in *" 0 "*) want=1 ;; esac	# upstream's rule: 1 only when none was done
	[ "$(cat /tmp/nd.rc)" = $want ] || fail "$CASE: ndkit exited $(cat /tmp/nd.rc), not $want" "$err"
	expect_match "/dev/$FAILING: [gs]et_config_data of [0-9]+ bytes at (0x[0-9a-f]+|0) failed: Input/output error" "$err"
	[ "$(printf '%s\n' "$err" | tail -n 1)" = "$summary" ] || fail "$CASE: ndkit's summary is not '$summary'" "$err"
	for d in $DIMMS4; do
		now=$(labels $d)
		[ "$now" = "$(old_of $d)" ] || [ "$now" = "${new:-none}" ] ||
			fail "$CASE: $d holds neither its old labels nor the new state" "$now"
		[ "$now" = none ] || valid $d
	done
}
# said_left: what ndkit said the failing DIMM reads as is what it holds
said_left() {
	local err now n
	err=$(cat /tmp/nd.err)
	expect_match "$FAILING: [0-9]+ bytes were written before the failed transfer, which may or may not have reached the DIMM; nothing after it was written" "$err"
	now=$(labels $FAILING)
	if [ "$now" = none ]; then
		expect_match "$FAILING: .*it now has no valid index block" "$err"
	else
		n=$(printf '%s' "$now" | jq length)
		expect_match "$FAILING: .*it now reads as a valid v1\.[12] label area with $n labels? in use" "$err"
	fi
}
up_is() {	# up_is RC SUMMARY: upstream's status and summary line (recorded, then checked)
	[ "$(cat /tmp/up.rc)" = "$1" ] && [ "$(tail -n 1 /tmp/up.err)" = "$2" ] ||
		fail "$CASE: upstream exited $(cat /tmp/up.rc) with '$(tail -n 1 /tmp/up.err)', expected $1 '$2'"
}
# both CHECK CMD...: ndkit's CMD from the old state, then CHECK (shell code, on ndkit's
# outcome), then upstream's CMD from the old state
both() {
	local check=$1
	shift
	restore; tool nd ndctl "$@"
	eval "$check"
	restore; tool up upstream-ndctl "$@"
}

# 1. reads failing: read-labels, check-labels, and init-labels (which reads first)
CASE="read-labels -j, reads failing" FAULT=0x20
dump_is_others() {
	[ "$(jq -r '[.[].dev] | join(" ")' /tmp/nd.out)" = "$(echo $DIMMS4 | sed "s/$FAILING //")" ] ||
		fail "$CASE: ndkit's dump is not the other three DIMMs" "$(cat /tmp/nd.out)"
}
both 'nd_failed "read 3 nmems" ""; dump_is_others' read-labels -j $DIMMS4
up_is 0 "read 3 nmems"
CASE="check-labels, reads failing"
both 'nd_failed "successfully verified 3 nmem labels" ""' check-labels $DIMMS4
up_is 0 "successfully verified 3 nmem labels"
CASE="init-labels -f, reads failing"
unchanged() {	# ndkit reads every area before writing any: nothing written
	for d in $DIMMS4; do [ "$(labels $d)" = "$(old_of $d)" ] || fail "$CASE: ndkit changed $d"; done
}
both 'nd_failed "initialized 0 nmem" ""; unchanged' init-labels -f $DIMMS4
up_is 0 "initialized 3 nmems"	# upstream initializes the other three

# 2. writes failing from the start, and midway (ndkit: nd-fault.so; its ioctl arming does not
#    reach upstream's libndctl, so upstream only meets fail_cmd)
EMPTY='[]'
CASE="init-labels -f, writes failing" FAULT=0x40
both 'nd_failed "initialized 3 nmems" "$EMPTY"; said_left' init-labels -f $DIMMS4
up_is 0 "initialized 3 nmems"
CASE="init-labels -f, the failing DIMM's second index write fails" FAULT=0
restore; SHIMENV="NDFAULT_FILE=$FF NDFAULT_SET=4 LD_PRELOAD=$SHIM" tool nd ndctl init-labels -f $DIMMS4
SHIMENV=""
expect_match "nd-fault: armed .* before set_config_data #4" "$(cat /tmp/nd.err)"
nd_failed "initialized 3 nmems" "$EMPTY"; said_left
CASE="zero-labels, writes failing" FAULT=0x40
both 'nd_failed "zeroed 3 nmems" ""; said_left' zero-labels $DIMMS4
up_is 0 "zeroed 3 nmems"
CASE="zero-labels, the failing DIMM's second transfer fails" FAULT=0
restore; SHIMENV="NDFAULT_FILE=$FF NDFAULT_SET=34 LD_PRELOAD=$SHIM" tool nd ndctl zero-labels $DIMMS4
SHIMENV=""
expect_match "nd-fault: armed .* before set_config_data #34 \(offset 4096\)" "$(cat /tmp/nd.err)"
nd_failed "zeroed 3 nmems" ""; said_left
expect_match "$FAILING: 4096 bytes were written before" "$(cat /tmp/nd.err)"
CASE="zero-labels all, writes failing" FAULT=0x40
both 'nd_failed "zeroed 3 nmems" ""; said_left' zero-labels -b nfit_test.0 all
up_is 0 "zeroed 3 nmems"
# write-labels of another DIMM's dump (its labels: position 3 instead of 1)
NEWW=$(old_of $LAST)
CASE="write-labels, writes failing" FAULT=0x40
both 'nd_failed "wrote 0 nmem" "$NEWW"; said_left' write-labels -i /tmp/old/$LAST $FAILING
up_is 0 "wrote 1 nmem"	# upstream says it wrote it
CASE="write-labels, its second transfer fails" FAULT=0
restore; SHIMENV="NDFAULT_FILE=$FF NDFAULT_SET=2 LD_PRELOAD=$SHIM" tool nd ndctl write-labels -i /tmp/old/$LAST $FAILING
SHIMENV=""
nd_failed "wrote 0 nmem" "$NEWW"; said_left
expect_match "$FAILING: 4096 bytes were written before" "$(cat /tmp/nd.err)"

# 3. check-labels --repair of a torn index block while writes fail: the labels stay
restore
cp /tmp/old/$FAILING /tmp/torn
dd if=/dev/zero of=/tmp/torn bs=256 count=1 conv=notrunc 2>/dev/null
run upstream-ndctl write-labels -i /tmp/torn $FAILING >/dev/null
torn=$(labels $FAILING)
CASE="check-labels --repair, writes failing" FAULT=0x40
tool nd ndctl check-labels --repair $DIMMS4
[ "$(cat /tmp/nd.rc)" = 0 ] || fail "$CASE: ndkit exited $(cat /tmp/nd.rc)" "$(cat /tmp/nd.err)"
expect_match "successfully verified 3 nmem labels" "$(tail -n 1 /tmp/nd.err)"
said_left
[ "$(labels $FAILING)" = "$torn" ] || fail "$CASE: the failed repair changed $FAILING's labels"
valid $FAILING
FAULT=0
tool nd ndctl check-labels --repair $FAILING
[ "$(cat /tmp/nd.rc)" = 0 ] || fail "the repair once $FAILING works failed" "$(cat /tmp/nd.err)"
[ "$(ndctl read-labels -j $FAILING | jq '[.[0].index[] | select(.signature == "NAMESPACE_INDEX")] | length')" = 2 ] ||
	fail "both index blocks are not valid after the repair"

# 4. nfit_test.1's DIMMs flagged failed (save/restore/flush/arm on one, map on the other)
F1=$(ndctl list -b nfit_test.1 -D | jq -r '.[].dev' | sort | tr '\n' ' ')
[ -n "$F1" ] || fail "no DIMM on nfit_test.1"
for args in "-D" "-BDi" "-b nfit_test.1 -D" "-b nfit_test.1 -BDi" "-b nfit_test.1 -RDi"; do
	run ndctl list $args > /tmp/nd.json
	run upstream-ndctl list $args > /tmp/up.json
	json_same /tmp/nd.json /tmp/up.json
done
[ "$(ndctl list -b nfit_test.1 -D | jq '[.[] | select(.flag_failed_map or .flag_failed_save)] | length')" = 2 ] ||
	fail "nfit_test.1's DIMMs are not listed as failed" "$(ndctl list -b nfit_test.1 -D)"
for d in $F1; do
	same_as_upstream ndctl check-labels $d
	# read-labels -j: upstream also prints a zero label for slot 0 of an area with no
	# index (nfit_test.1's test pattern); the status and summary are the same
	capture nd ndctl read-labels -j $d; capture up upstream-ndctl read-labels -j $d
	[ "$(cat /tmp/nd.rc) $(cat /tmp/nd.last)" = "$(cat /tmp/up.rc) $(cat /tmp/up.last)" ] ||
		fail "read-labels -j $d differs" "$(cat /tmp/nd.err /tmp/up.err)"
done
same_as_upstream ndctl check-labels $F1
for d in $F1; do	# the idle one takes label writes, as upstream's; the active one refuses them
	if [ "$(cat $SYS/$d/state)" = active ]; then
		capture nd ndctl zero-labels $d; capture up upstream-ndctl zero-labels $d
		[ "$(cat /tmp/nd.rc) $(cat /tmp/nd.last)" = "$(cat /tmp/up.rc) $(cat /tmp/up.last)" ] ||
			fail "zero-labels $d (active) differs" "$(cat /tmp/nd.err /tmp/up.err)"
	fi
	if [ "$(cat $SYS/$d/state)" = idle ]; then
		capture nd ndctl init-labels $d
		run upstream-ndctl zero-labels $d >/dev/null
		capture up upstream-ndctl init-labels $d
		[ "$(cat /tmp/nd.rc) $(cat /tmp/nd.last)" = "$(cat /tmp/up.rc) $(cat /tmp/up.last)" ] ||
			fail "init-labels $d differs" "$(cat /tmp/nd.err /tmp/up.err)"
		same_as_upstream ndctl check-labels $d
		same_as_upstream ndctl zero-labels $d
		same_as_upstream ndctl check-labels $d
	fi
done

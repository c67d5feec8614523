# SPDX-License-Identifier: GPL-2.0-only
# Media errors on nfit_test, which emulates ARS, error injection and clearing, against
# upstream-ndctl from the same states: inject-error (with the scrub its notice starts, so the
# namespace it prints holds the bad blocks), --status, list -M of the namespace and region,
# uninject, clear-errors, start-scrub and wait-scrub; each the same exit status, stdout and
# stderr, and the kernel's bad-block list after each as expected; the same under devdax, raw
# and sector personalities, and --saturate. QEMU's NFIT beside it
# offers no ARS: the same refusals and statuses there. And upstream's usage errors.
NFIT_TEST=1
DIMMS="1G:128K:2M"
TIMEOUT=900

U=upstream-ndctl
SYS=/sys/bus/nd/devices
compared=0

# both TOOL ARGS...: same status, stdout and whole stderr from ndkit and upstream
both() {
	same_as_upstream ndctl "$@"
	cmp -s /tmp/nd.err /tmp/up.err || fail "$*: stderr differs" \
		"$(diff /tmp/nd.err /tmp/up.err | head -30)"
	compared=$((compared + 1))
}

# bad REGION: the kernel's bad blocks of REGION (sysfs files have a size even when empty)
bad() { cat $SYS/$1/badblocks; }

scrub_idle() {
	local i
	for i in $(seq 600); do grep -qs '+' $SYS/ndbus*/nfit/scrub || return 0; sleep 0.1; done
	fail "a scrub still runs after 60 s" "$(cat $SYS/ndbus*/nfit/scrub)"
}

R4=
for r in $SYS/region*; do
	[ "$(cat $r/mappings)" = 4 ] && R4=${r##*/}
done
[ -n "$R4" ] || fail "nfit_test.0's 4-DIMM region is missing" "$(ls $SYS)"
QR=$(region_of nmem0)
QNS=namespace${QR#region}.0
[ "$(cat $SYS/$QR/../provider 2>/dev/null || cat $SYS/ndbus0/provider)" = ACPI.NFIT ] ||
	fail "nmem0 is not QEMU's" "$(cat $SYS/ndbus*/provider)"

DIMMS0=$(for i in 0 1 2 3; do cut -d, -f1 $SYS/$R4/mapping$i; done)

# a fresh fsdax namespace on the 4-DIMM region (nfit_test's own labels fill it at boot)
scrub_idle
run $U disable-region all > /dev/null 2>&1
run $U init-labels -f $DIMMS0 > /dev/null 2>&1
run $U enable-region all > /dev/null 2>&1
run $U create-namespace -r $R4 -m fsdax -s 32M > /tmp/ns.json
ns=$(jq -r .dev /tmp/ns.json)
scrub_idle
echo "fsdax $ns on $R4 (4 DIMMs); QEMU's $QNS"

# wait-scrub over every bus: QEMU's fails, nfit_test's are printed, status 0
both wait-scrub
expect_match '"provider":"nfit_test.0"' "$(jq -c . /tmp/nd.out)"

# inject, notified: ndkit first, then upstream over the same blocks (the same state after)
both inject-error -B 8 -n 4 $ns
expect_match '"badblocks":\[\{"offset":8,"length":4' "$(jq -c . /tmp/nd.out)"
[ -n "$(bad $R4)" ] || fail "no bad block in $R4 after inject-error"
both inject-error -t $ns
expect_match '"block":8,"count":4' "$(jq -c . /tmp/nd.out)"
both inject-error -t -u $ns
both list -M -n $ns
both list -RM -r $R4
both list -R -r $R4
expect_match '"badblock_count":4' "$(jq -c . /tmp/nd.out)"
both list -N -n $ns

# --no-notify: injected, no scrub, so the kernel's list stays as it was
both inject-error -N -B 40 -n 2 $ns
both inject-error -t $ns
expect_match '"block":40,"count":2' "$(jq -c . /tmp/nd.out)"

# uninject: the firmware forgets, the kernel's list keeps the blocks (upstream's warning)
both inject-error -d -B 8 -n 4 $ns
expect_match "^Warning: Un-injecting" "$(head -1 /tmp/nd.out)"
both inject-error -d -B 40 -n 2 $ns
both inject-error -t $ns
[ ! -s /tmp/nd.out ] || fail "status lists errors after uninject" "$(cat /tmp/nd.out)"
[ -n "$(bad $R4)" ] || fail "the kernel forgot its bad blocks at uninject"

# clear-errors: ndkit clears; then the same state again through upstream, which clears it
capture nd ndctl clear-errors $ns
[ "$(cat /tmp/nd.rc)" = 0 ] || fail "clear-errors failed" "$(cat /tmp/nd.err)"
[ -z "$(bad $R4)" ] || fail "bad blocks left after clear-errors" \
	"$(bad $R4; cat /tmp/nd.out /tmp/nd.err)"
mv /tmp/nd.out /tmp/nd-clear.out; mv /tmp/nd.err /tmp/nd-clear.err
run $U inject-error -B 8 -n 4 $ns > /dev/null
run $U inject-error -d -B 8 -n 4 $ns > /dev/null
[ -n "$(bad $R4)" ] || fail "upstream's inject left no bad block"
capture up $U clear-errors $ns
[ "$(cat /tmp/up.rc)" = 0 ] || fail "upstream clear-errors failed" "$(cat /tmp/up.err)"
cmp -s /tmp/nd-clear.out /tmp/up.out || fail "clear-errors: stdout differs" \
	"$(diff /tmp/nd-clear.out /tmp/up.out)"
cmp -s /tmp/nd-clear.err /tmp/up.err || fail "clear-errors: stderr differs" \
	"$(diff /tmp/nd-clear.err /tmp/up.err)"
[ -z "$(bad $R4)" ] || fail "bad blocks left after upstream's clear-errors"
both clear-errors $ns
both clear-errors -s -b nfit_test.0 all

# scrubs: started by ndkit then upstream, and waited for
both start-scrub nfit_test.0
both wait-scrub nfit_test.0
both start-scrub
both wait-scrub -p 1 all nfit_test.1
scrub_idle

# the other personalities over bad blocks in the namespace's data (10 MiB in, clear of every
# info block and BTT metadata): devdax and raw list them, a sector (BTT) namespace only
# counts them; --saturate; then uninjected and cleared, the list empty again
run $U create-namespace -f -e $ns -m devdax > /dev/null
both inject-error -B 20480 -n 8 $ns
expect_match '"mode":"devdax"' "$(jq -c . /tmp/nd.out)"
both list -M -n $ns
expect_match '"badblock_count":8' "$(jq -c . /tmp/nd.out)"
both inject-error --saturate -B 20496 -n 2 $ns
both inject-error -t $ns
expect_match '"block":20496,"count":2' "$(jq -c . /tmp/nd.out)"
run $U create-namespace -f -e $ns -m raw > /dev/null
both list -M -n $ns
both list -RM -r $R4
run $U create-namespace -f -e $ns -m sector > /dev/null
both list -M -n $ns
expect_match '"badblock_count":' "$(jq -c . /tmp/nd.out)"
both clear-errors $ns
run $U create-namespace -f -e $ns -m raw > /dev/null
run $U inject-error -d -B 20480 -n 8 $ns > /dev/null
run $U inject-error -d -B 20496 -n 2 $ns > /dev/null
run $U clear-errors $ns > /dev/null
[ -z "$(bad $R4)" ] || fail "bad blocks left after the personalities' cases" "$(bad $R4)"
scrub_idle

# QEMU's NFIT: no ARS, no error injection
both inject-error -B 0 -n 1 $QNS
both inject-error -t $QNS
both clear-errors $QNS
both start-scrub ACPI.NFIT
both wait-scrub ACPI.NFIT
both list -M -r $QR -R

# usage errors and refusals before any device is touched
both inject-error
both inject-error -B 0 $ns
both inject-error -t -B 0 $ns
both inject-error -d -t $ns
both inject-error -B x -n 1 $ns
both inject-error -B 0 -n 1 $ns extra
both inject-error -B 0 -n 1 namespace99.9
both inject-error -B 0 -n 1 -b nfit_test.1 $ns
both clear-errors
both clear-errors $ns extra
both clear-errors namespace99.9
both start-scrub nosuchbus
both wait-scrub --bogus
[ -z "$(bad $R4)" ] || fail "a refusal left bad blocks" "$(bad $R4)"
echo "compared $compared commands with upstream"

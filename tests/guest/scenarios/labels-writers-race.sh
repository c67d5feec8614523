# SPDX-License-Identifier: GPL-2.0-only
# Three label writers started together on one DIMM (two write-labels of different dumps and a
# zero-labels, then init-labels -f against check-labels --repair), ROUNDS times: each waits its
# turn on the DIMM's lock, all exit 0, and the DIMM ends in exactly one writer's state, which
# upstream's check-labels accepts with both index blocks valid.
DIMMS="1G:128K:2M"
TIMEOUT=480
ROUNDS=10

run upstream-ndctl disable-region all
state() {	# the decoded area, without the device name
	ndctl read-labels -j nmem0 2>/dev/null | jq -c '.[0] | del(.dev)'	# piped: an array, as upstream
}
run upstream-ndctl init-labels -f -V 1.2 nmem0
run upstream-ndctl enable-region all
run upstream-ndctl create-namespace -r region0 -m raw -s 64M -n a >/dev/null
run upstream-ndctl disable-region all
run ndctl read-labels -o /tmp/a nmem0
sa=$(state)
run upstream-ndctl init-labels -f -V 1.1 nmem0
run ndctl read-labels -o /tmp/b nmem0
sb=$(state)
run ndctl zero-labels nmem0 2>/dev/null
sz=$(state)

i=0 last_a=0 last_b=0 last_z=0
while [ $i -lt $ROUNDS ]; do
	ndctl write-labels -i /tmp/a nmem0 2>/tmp/ea & pa=$!
	ndctl write-labels -i /tmp/b nmem0 2>/tmp/eb & pb=$!
	ndctl zero-labels nmem0 2>/tmp/ez & pz=$!
	ra=0 rb=0 rz=0
	wait $pa || ra=$?
	wait $pb || rb=$?
	wait $pz || rz=$?
	[ "$ra$rb$rz" = 000 ] || fail "round $i: exits $ra $rb $rz" "$(cat /tmp/ea /tmp/eb /tmp/ez)"
	now=$(state)
	if [ "$now" = "$sa" ]; then last_a=$((last_a + 1)); run upstream-ndctl check-labels nmem0 >/dev/null
	elif [ "$now" = "$sb" ]; then last_b=$((last_b + 1)); run upstream-ndctl check-labels nmem0 >/dev/null
	elif [ "$now" = "$sz" ]; then last_z=$((last_z + 1))
	else fail "round $i: nmem0 holds no single writer's state" "$now"
	fi
	i=$((i + 1))
done
echo "write/write/zero: $ROUNDS rounds, last a $last_a, b $last_b, zero $last_z"

# The rounds above rarely overlap two writers' transfers, so a missing lock seldom shows there.
# Here the overlap is forced: write-labels holds nmem0 from its open while its input is slow to
# come (3 s). Meanwhile flock(1) must find /dev/nmem0 held, a reader given --wait=0 is refused,
# and zero-labels waits its turn: it ends after the writer, so the area ends zeroed.
run ndctl write-labels -i /tmp/b nmem0 2>/dev/null
(sleep 3; cat /tmp/a) | ndctl write-labels nmem0 2>/tmp/eh & ph=$!
i=0
while flock -n /dev/nmem0 true; do	# until the writer holds nmem0
	i=$((i + 1))
	[ $i -lt 100 ] || fail "write-labels never held /dev/nmem0's lock while waiting for its input"
	sleep 0.02
done
expect_fail "locked by another label writer" ndctl read-labels --wait=0 -j nmem0
time_ms ndctl zero-labels --wait=60 nmem0 2>/dev/null	# beyond the 10 s default: TCG on a busy host
wait $ph || fail "the writer holding nmem0 failed" "$(cat /tmp/eh)"
[ "$(state)" = "$sz" ] || fail "zero-labels did not wait for the writer holding nmem0: the area is not zeroed" "$(state)"
[ "$ms" -ge 500 ] || fail "zero-labels ended after $ms ms, while the writer held nmem0 for about 3 s"
echo "held nmem0: reader refused, zero-labels waited $ms ms and wrote last"

# init-labels -f racing a repair of a torn index: the repair finds either the torn area or the
# fresh one (nothing to do); both exit 0 and the result has two valid index blocks
run upstream-ndctl init-labels -f -V 1.2 nmem0
i=0
while [ $i -lt $((ROUNDS / 2)) ]; do
	echo "init/repair round $i"
	run ndctl write-labels -i /tmp/a nmem0 2>/dev/null
	# damage index block 1 (byte 80 of it): --repair rewrites it from index 0
	cp /tmp/a /tmp/torn && printf '\377' | dd of=/tmp/torn bs=1 seek=$((256 + 80)) conv=notrunc 2>/dev/null
	run ndctl write-labels -i /tmp/torn nmem0 2>/dev/null
	ndctl init-labels -f nmem0 2>/tmp/ei & pi=$!
	ndctl check-labels --repair nmem0 2>/tmp/er & pr=$!
	ri=0 rr=0
	wait $pi || ri=$?
	wait $pr || rr=$?
	[ "$ri$rr" = 00 ] || fail "round $i: init $ri, repair $rr" "$(cat /tmp/ei /tmp/er)"
	run upstream-ndctl check-labels nmem0 >/dev/null 2>&1
	out=$(run ndctl check-labels nmem0 2>&1)
	if echo "$out" | grep -qE "WARN|ERROR"; then fail "round $i: not both index blocks valid" "$out"; fi
	i=$((i + 1))
done
echo "init/repair: $((ROUNDS / 2)) rounds, all valid"
run upstream-ndctl enable-region all

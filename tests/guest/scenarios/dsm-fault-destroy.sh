# SPDX-License-Identifier: GPL-2.0-only
# destroy-namespace of an interleaved namespace (nfit_test's 4-DIMM region) while one DIMM's
# label writes fail (nfit_test's fail_cmd 0x40). The kernel releases the capacity, keeps the
# uuid, and deletes the labels only on the DIMMs before the failing one. ndkit: exit non-zero,
# saying that (the uuid, what finishes it); each label area stays valid for both tools; once
# the DIMM works, the next destroy really releases it (as upstream's: the kernel deletes the
# labels and forgets the uuid; before, ndkit took the idle namespace for destroyed and said
# "destroyed 1" while the leftover stayed and refused every create) and the next create
# succeeds. Upstream from the same state: its statuses and summaries, and the same outcome.
NFIT_TEST=1
TIMEOUT=400

SYS=/sys/bus/nd/devices
nfit4
set -- $DIMMS4
FAILING=$2
FF=$(fail_cmd_of $FAILING)

labels_valid() {
	run ndctl check-labels $DIMMS4 >/dev/null
	run upstream-ndctl check-labels $DIMMS4 >/dev/null
}
fresh() {
	echo 0 > $FF
	run upstream-ndctl disable-region -b nfit_test.0 all >/dev/null
	run upstream-ndctl init-labels -f $DIMMS4 >/dev/null
	run upstream-ndctl enable-region -b nfit_test.0 all >/dev/null
}
held() {	# held UUID: how many of the region's DIMMs hold a label of it
	local d n=0
	for d in $DIMMS4; do
		if ndctl read-labels -j $d 2>/dev/null | jq -e --arg u "$1" '[.[0].label[]? | select(.uuid == $u)] | length > 0' >/dev/null; then
			n=$((n + 1))
		fi
	done
	echo $n
}

for tool in ndctl upstream-ndctl; do
	fresh
	out=$(run $tool create-namespace -r $R -m fsdax -s 16M)
	ns=$(printf '%s' "$out" | jq -r .dev)
	uuid=$(cat $SYS/$ns/uuid)	# the namespace's (create's JSON gives fsdax's own)
	[ "$(held $uuid)" = 4 ] || fail "$tool's namespace is not labelled on the 4 DIMMs"
	echo 0x40 > $FF
	out=$($tool destroy-namespace -f $ns 2>&1) && rc=0 || rc=$?
	echo 0 > $FF
	printf '%s\n' "$out" >&2
	[ "$rc" != 0 ] || fail "$tool: the destroy with $FAILING failing succeeded" "$out"
	expect_match "^destroyed 0 namespaces$" "$(printf '%s\n' "$out" | tail -n 1)"
	# what the kernel and the DIMMs hold: no capacity, the uuid, labels on some DIMMs only
	[ "$(cat $SYS/$ns/size)" = 0 ] || fail "$tool: $ns kept its capacity"
	[ "$(cat $SYS/$ns/uuid)" = "$uuid" ] || fail "$tool: the kernel forgot $uuid: the message is no longer true"
	n=$(held $uuid)
	[ "$n" -gt 0 ] && [ "$n" -lt 4 ] || fail "$tool: $n DIMMs hold labels of $uuid (expected some, not all)"
	if [ $tool = ndctl ]; then
		expect_match "$ns: its label update failed \(Input/output error\): the kernel released its capacity but keeps uuid $uuid, and labels of it may remain on $R's DIMMs.*'ndctl destroy-namespace -f $ns' deletes them and the uuid" "$out"
	fi
	labels_valid
	# the DIMM works again: the next destroy releases the leftover, the next create succeeds
	out=$($tool destroy-namespace -f $ns 2>&1) && rc=0 || rc=$?
	printf '%s\n' "$out" >&2
	[ "$rc" = 0 ] || fail "$tool: the destroy once $FAILING works failed" "$out"
	expect_match "^destroyed 1 namespace$" "$(printf '%s\n' "$out" | tail -n 1)"
	[ -z "$(cat $SYS/$ns/uuid)" ] || fail "$tool: the kernel still keeps $uuid after the second destroy"
	# the failing DIMM may keep the label its failed write stored (the kernel did not count
	# it): a stale label, valid for both tools, that no namespace uses
	[ "$(held $uuid)" -le 1 ] || fail "$tool: labels of $uuid remain on $(held $uuid) DIMMs"
	labels_valid
	out=$(run $tool create-namespace -r $R -m fsdax -s 16M)
	ns2=$(printf '%s' "$out" | jq -r .dev)
	uuid2=$(cat $SYS/$ns2/uuid)
	[ "$(held $uuid2)" = 4 ] || fail "$tool: the create after the leftover is not labelled on the 4 DIMMs"
	labels_valid
	run $tool destroy-namespace -f $ns2 >/dev/null
	[ "$(held $uuid2)" = 0 ] || fail "$tool: the last destroy left labels"
	labels_valid
done

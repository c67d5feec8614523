# SPDX-License-Identifier: GPL-2.0-only
# Another writer racing ndkit's create, for real: upstream's create-namespace started at the
# same moment in the same region, round after round, each mode against another. Both go for
# the same namespace seed, the same capacity (two 512M in a 1022M region) and, in the second
# half, the last label slot (4 free slots in the area: the kernel keeps one for updates). ndkit
# either creates its namespace or fails naming why (region full, no free slot, the kernel's
# refusal rolled back, its seed taken by the other writer); whatever it does, it leaves no
# claim, label or namespace behind that nobody owns, and the region comes back to its start
# (its capacity, configured namespaces, claims and label slots; the idle namespaces the
# kernel keeps change names from round to round).
DIMMS="1G:128K:2M"
PRELOAD="0:nvdimm0-v1.2-after-init.lsa.gz"
HOST_SETUP='bash "$SCENARIO_DIR/ns-no-slots.host" 4'
TIMEOUT=1800

R=$NDKIT_SYS/region0
ROUNDS=24
[ "$(cat $NDKIT_SYS/nmem0/available_slots)" = 3 ] ||
	fail "the kernel reports $(cat $NDKIT_SYS/nmem0/available_slots) free slots, want 3"

claims_and_slots() {	# each personality's claim, bound or not, and the free label slots
	claims "$R"
	echo "available_slots $(cat $NDKIT_SYS/nmem0/available_slots)"
}

base() {
	upstream-ndctl list -RN > /tmp/base.json
	claims_and_slots > /tmp/base.claims
	{ upstream-ndctl list -N 2>/dev/null || true; } | jq -s '[.[] | if type == "array" then .[] else . end | .dev]' > /tmp/pre.json
}

# owned DEV MODE TOOL: the namespace a tool reported is listed, in the mode it asked for
owned() {
	got=$(jq -r ".[] | select(.dev == \"$1\") | .mode" /tmp/list.json)
	[ "$got" = "$2" ] || fail "$3 created $1 as $2, the list shows '$got'" "$(cat /tmp/list.json)"
}

# ndkit's failure must say why: one of the refusals it knows
ndkit_reason() {
	# 'no idle namespace': the other writer is configuring X.0 or the seed and the kernel
	# has no next seed yet; upstream skips the region then too (ENOSPC)
	for why in 'is full' 'no free label slots' 'taken by another writer' 'rewrote the uuid' \
			'failed \(.*\); rolled back' 'no idle namespace'; do
		if grep -qE "$why" /tmp/nd.err; then
			echo "$why"
			return
		fi
	done
	fail "ndkit failed without a reason it knows" "$(cat /tmp/nd.err)"
}

tally() { eval "n_$1=\$((\${n_$1:-0} + 1))"; }

# round SIZE NDKIT_MODE UPSTREAM_MODE DELAY: ndkit starts DELAY seconds after upstream (it is
# the quicker to reach its writes: at 0 it always wins)
round() {
	upstream-ndctl create-namespace -r region0 -s "$1" -m "$3" > /tmp/up.out 2> /tmp/up.err & q=$!
	sleep "$4"
	ndctl create-namespace -r region0 -s "$1" -m "$2" > /tmp/nd.out 2> /tmp/nd.err & p=$!
	nrc=0 urc=0
	wait $p || nrc=$?
	wait $q || urc=$?
	# the namespaces this round made (not the ones there before it)
	upstream-ndctl list -N > /tmp/all.json 2>/dev/null || true
	[ -s /tmp/all.json ] || echo '[]' > /tmp/all.json
	jq --slurpfile pre /tmp/pre.json \
		'[if type == "array" then .[] else . end | select(.dev as $d | $pre[0] | index([$d]) | not)]' \
		/tmp/all.json > /tmp/list.json
	made=0
	echo "round: ndkit -m $2 (${4}s later) exit $nrc, upstream -m $3 exit $urc" >&2
	sed 's/^/  ndkit: /' /tmp/nd.err >&2
	sed 's/^/  upstream: /' /tmp/up.err >&2
	# what ndkit met on the way, retried or not
	! grep -q 'taken by another writer' /tmp/nd.err || tally seen_taken
	! grep -q 'rolled back' /tmp/nd.err || tally seen_kernel
	! grep -q 'rewrote the uuid' /tmp/nd.err || tally seen_renamed
	! grep -q 'cannot bind while' /tmp/nd.err || tally seen_claim
	# which write the kernel refused, and why
	sed -n "s|.*write '.*' to .*/\([a-z_]*\): \(.*\)|\1: \2|p" /tmp/nd.err >> /tmp/refused-writes
	if [ "$nrc" = 0 ]; then
		owned "$(jq -r .dev /tmp/nd.out)" "$2" ndkit
		# the list shows a personality's uuid, a raw namespace's own; a raw namespace renamed
		# on the way: ndkit names the uuid it kept on stderr, and its JSON (printed once the
		# other writer's passing claim let go) shows that uuid and mode raw
		uu=$(jq -r '.uuid' /tmp/nd.out)
		[ "$2" != raw ] || kept=$(sed -n "s/^ndctl create-namespace: .*'s uuid is \([0-9a-f-]*\)$/\1/p" /tmp/nd.err)
		[ -z "${kept:-}" ] || [ "$kept" = "$uu" ] ||
			fail "ndkit kept uuid $kept, its JSON shows $uu" "$(cat /tmp/nd.out /tmp/nd.err)"
		[ "$2" != raw ] || [ "$(jq -r .mode /tmp/nd.out)" = raw ] ||
			fail "ndkit's raw create printed mode $(jq -r .mode /tmp/nd.out)" "$(cat /tmp/nd.out)"
		kept=
		jq -e ".[] | select(.uuid == \"$uu\")" /tmp/list.json > /dev/null ||
			fail "ndkit's namespace lost its uuid $uu" "$(cat /tmp/list.json)"
		made=$((made + 1))
		tally nd_ok
	else
		case $(ndkit_reason) in
		'is full') tally nd_full ;;
		'no free label slots') tally nd_noslot ;;
		taken*) tally nd_taken ;;
		*) tally nd_kernel ;;
		esac
	fi
	if [ "$urc" = 0 ] && [ "$nrc" = 0 ] && [ "$(jq -r .dev /tmp/up.out)" = "$(jq -r .dev /tmp/nd.out)" ]; then
		# upstream checks nothing after its writes: it reports ndkit's namespace as its own
		echo "  both report $(jq -r .dev /tmp/nd.out) as created" >&2
		tally shared
		tally up_ok
	elif [ "$urc" = 0 ]; then
		owned "$(jq -r .dev /tmp/up.out)" "$3" upstream
		made=$((made + 1))
		tally up_ok
	else
		tally up_fail
	fi
	[ "$(jq length /tmp/list.json)" = "$made" ] ||
		fail "$made creates succeeded, $(jq length /tmp/list.json) namespaces exist" \
			"$(cat /tmp/list.json /tmp/nd.err /tmp/up.err)"
	claims_and_slots > /tmp/now.claims
	! grep -q unbound /tmp/now.claims || fail "a claim nobody binds is left" "$(cat /tmp/now.claims /tmp/nd.err /tmp/up.err)"
	[ "$(tail -n 1 /tmp/now.claims)" = "available_slots $((slots - made))" ] ||
		fail "labels left: $(tail -n 1 /tmp/now.claims) with $made namespaces" "$(cat /tmp/list.json)"
	for d in $(jq -r '.[].dev' /tmp/list.json); do
		run ndctl destroy-namespace -f "$d" > /dev/null
	done
	upstream-ndctl list -RN > /tmp/after.json
	json_same /tmp/base.json /tmp/after.json
	claims_and_slots > /tmp/after.claims
	d=$(diff /tmp/base.claims /tmp/after.claims) || fail "the round left claims or labels" "$d"
}

modes="raw fsdax devdax sector"
# mode N: the Nth, round-robin
mode() { i=$1; set -- $modes; while [ "$i" -ge 4 ]; do i=$((i - 4)); done; shift "$i"; echo "$1"; }

# phase WHAT SIZE SHIFT: ROUNDS rounds, ndkit's mode i against upstream's mode i + SHIFT,
# ndkit's start swept from 0 to 0.005 * (ROUNDS - 1) s after upstream's (the window where
# their writes interleave is a few tens of ms wide)
phase() {
	n_nd_ok=0 n_nd_full=0 n_nd_kernel=0 n_nd_taken=0 n_nd_noslot=0 n_up_ok=0 n_up_fail=0
	n_seen_taken=0 n_seen_kernel=0 n_seen_renamed=0 n_seen_claim=0 n_shared=0
	: > /tmp/refused-writes
	i=0
	while [ $i -lt $ROUNDS ]; do
		round "$2" "$(mode $i)" "$(mode $((i + $3)))" "$(printf '0.%03d' $((i * 5)))"
		i=$((i + 1))
	done
	echo "race summary: $1, $ROUNDS rounds: ndkit created $n_nd_ok, full $n_nd_full," \
		"no slot $n_nd_noslot, kernel refused (rolled back) $n_nd_kernel, seed taken" \
		"$n_nd_taken; upstream created $n_up_ok, failed $n_up_fail; ndkit met a taken seed in" \
		"$n_seen_taken rounds, a kernel refusal it rolled back in $n_seen_kernel, its uuid" \
		"rewritten in $n_seen_renamed, the other writer's passing claim on its raw namespace" \
		"in $n_seen_claim (both reported the same namespace in $n_shared)" >&2
	sort /tmp/refused-writes | uniq -c | sed "s/^/race summary: $1: the kernel refused ndkit's write of /" >&2
}

# capacity and seed: 512M each, room for one. namespace0.0 is taken first: upstream prefers
# an idle namespace0.0 to the seed, and then both go for the seed.
run ndctl create-namespace -r region0 -m raw -s 16M > /dev/null
base
slots=2
phase "capacity race" 512M 1

# the last slot: a second 16M namespace leaves one free (and the one the kernel keeps)
run ndctl create-namespace -r region0 -m raw -s 16M > /dev/null
base
slots=1
phase "slot race" 64M 2
[ "$n_nd_ok" -gt 0 ] || fail "ndkit never won the last slot in $ROUNDS rounds"
run ndctl destroy-namespace -f all > /dev/null
for m in raw fsdax devdax sector; do
	run ndctl create-namespace -r region0 -m $m -s 64M > /dev/null
	run ndctl destroy-namespace -f all > /dev/null
done

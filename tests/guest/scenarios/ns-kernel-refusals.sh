# SPDX-License-Identifier: GPL-2.0-only
# Creates the kernel refuses after ndkit's checks passed (the pre-checks: ns-errors.sh): an
# align the namespace cannot satisfy (fsdax/devdax -a 1G -s 1G: the info block and memmap
# push the data offset to 1G), a personality driver that is not there (dax_pmem; nd_pmem and
# nd_btt). Each leaves the region as it was (upstream's list, every personality's claim, the
# idle seeds, the label slots); upstream fails with the same status on the same state; the
# next create of each mode works. --no-autorecover leaves the namespace configured and
# claimed, as upstream documents ("the label and info-block state preserved").
DIMMS="2G:128K:2M"
TIMEOUT=400

run upstream-ndctl disable-region all
run upstream-ndctl init-labels -f all
run upstream-ndctl enable-region all
R=$NDKIT_SYS/region0

# snap NAME: upstream's view (NAME.json), the claims and label slots (NAME.claims), the idle
# namespace seed's and the personality seeds' settings (NAME.seeds)
snap() {
	upstream-ndctl list -RNi > "$1.json"
	s=$(cat $R/namespace_seed)
	{
		claims "$R"
		echo "available_slots $(cat $NDKIT_SYS/nmem0/available_slots)"
	} > "$1.claims"
	echo "namespace_seed $s uuid=$(cat $R/$s/uuid) size=$(cat $R/$s/size) name=$(cat $R/$s/alt_name)" \
		"holder_class=$(cat $R/$s/holder_class) sector_size=$(tr -d '[]' < $R/$s/sector_size)" \
		> "$1.seeds"
	# (not their uuid, nor a btt's sector size, nor which namespace sector size is chosen:
	# once written, the kernel cannot clear them; a create writes 512 as upstream's does)
	for seed in pfn dax; do
		d=$R/$(cat $R/${seed}_seed)
		echo "${seed}_seed ${d##*/} mode=$(cat $d/mode) align=$(cat $d/align)"
	done >> "$1.seeds"
	echo "btt_seed $(cat $R/btt_seed)" >> "$1.seeds"
}

# same WHAT [seeds|renamed|upstream]: the state is the one in /tmp/before; seeds: the seeds'
# settings too; renamed: but for the idle namespace's device name (a destroy's raw bind, to
# clear the info block, makes the kernel move the seed on) and its name (a destroy leaves the
# name, which the kernel keeps, as upstream's does); upstream: nor its sector size (nor the
# name an idle namespace keeps, which upstream's failed create may have changed)
same() {
	snap /tmp/after
	if [ "${2:-}" = renamed ]; then
		json_same /tmp/before.json /tmp/after.json dev name
	elif [ "${2:-}" = upstream ]; then	# (and the sector size upstream gives the idle one)
		json_same /tmp/before.json /tmp/after.json dev sector_size name
	else
		json_same /tmp/before.json /tmp/after.json
	fi
	d=$(diff /tmp/before.claims /tmp/after.claims) || fail "$1 left claims or labels" "$d"
	[ "${2:-}" != seeds ] || d=$(diff /tmp/before.seeds /tmp/after.seeds) ||
		fail "$1 left the personality seeds changed" "$d"
}

# refused WHAT PATTERN ARGS...: ndkit's create fails naming the problem and leaves the state as
# it was; upstream's, same arguments on the same state, fails with the same status
refused() {
	what=$1 pat=$2
	shift 2
	snap /tmp/before
	rc=0
	out=$(ndctl create-namespace "$@" 2>&1) || rc=$?
	[ "$rc" -ne 0 ] || fail "$what: ndkit's create succeeded" "$out"
	expect_match "$pat" "$out"
	printf 'ndkit (exit %s): %s\n' "$rc" "$out" >&2
	same "$what: ndkit" seeds
	urc=0
	uout=$(upstream-ndctl create-namespace "$@" 2>&1) || urc=$?
	printf 'upstream (exit %s): %s\n' "$urc" "$uout" >&2
	[ "$urc" = "$rc" ] || fail "$what: ndkit exited $rc, upstream $urc" "$uout"
	snap /tmp/up
	json_leaves /tmp/before.json > /tmp/before.leaves
	json_leaves /tmp/up.json > /tmp/up.leaves
	for f in leaves claims seeds; do
		d=$(diff /tmp/before.$f /tmp/up.$f) && continue
		printf '%s: upstream leaves the %s changed:\n%s\n' "$what" "$f" "$d" >&2
		echo "$what: $f" >> /tmp/upstream-leftovers
		[ "$f" = seeds ] || [ -e /tmp/dirty.json ] || for x in json claims; do cp /tmp/before.$x /tmp/dirty.$x; done
	done
}

# what upstream left configured goes (once its drivers are back), and the region is clean again
cleanup_upstream() {
	[ -e /tmp/dirty.json ] || return 0
	run ndctl destroy-namespace -f all > /dev/null
	for x in json claims; do mv /tmp/dirty.$x /tmp/before.$x; done
	same "destroying what upstream left" upstream
}

# each mode creates (and the namespace goes again) on the state left
all_modes_work() {
	cleanup_upstream
	snap /tmp/before
	for m in raw fsdax devdax sector; do
		run ndctl create-namespace -r region0 -m $m -s 64M > /tmp/ok.json
		expect_match "\"mode\":\"$m\"" "$(cat /tmp/ok.json)"
	done
	run ndctl destroy-namespace -f all > /dev/null
	# (the region keeps one more idle namespace: the first one, which the kernel never deletes)
	snap /tmp/after
	[ -z "$(upstream-ndctl list -N)" ] || fail "destroy-namespace all left namespaces" "$(upstream-ndctl list -N)"
	d=$(diff /tmp/before.claims /tmp/after.claims) || fail "create and destroy of each mode left claims" "$d"
}

# hide MODULE...: unload them and move their files away, so neither tool can load them
hide() {
	for m in "$@"; do
		p=$(module_file "$m")
		[ -n "$p" ] || fail "no $m module file"
		echo "$p" >> /tmp/hidden
		mv "$p" "/tmp/${p##*/}"
		run rmmod "$m"
	done
}
# unhide: the files back, loaded again (modprobe loads what each needs first; the busybox
# guest's and the host's modprobe both read the guest kernel's modules.dep)
unhide() {
	while read -r p; do mv "/tmp/${p##*/}" "$p"; done < /tmp/hidden
	while read -r p; do
		m=${p##*/}
		run modprobe "${m%%.ko*}"
	done < /tmp/hidden
	rm -f /tmp/hidden
}

# --- an align the namespace cannot satisfy: the kernel's pfn/dax probe says so at bind ---
refused "fsdax -a 1G -s 1G" 'configuring namespace0\.[0-9]+ in region0 failed \(.*\); rolled back' \
	-r region0 -m fsdax -a 1G -s 1G
dmesg | grep -q 'unable to satisfy requested alignment' || fail "the kernel did not log the refusal" "$(dmesg | tail)"
refused "devdax -a 1G -s 1G" 'configuring namespace0\.[0-9]+ in region0 failed \(.*\); rolled back' \
	-r region0 -m devdax -a 1G -s 1G
# an align the kernel's align attribute refuses: ndkit's pre-check already names it
pfn=$R/$(cat $R/pfn_seed)
if echo 8388608 > "$pfn/align" 2>/dev/null; then fail "the kernel took align 8M"; fi
expect_fail 'align 8M is not supported by region0 for fsdax: supported_alignments are' \
	ndctl create-namespace -r region0 -a 8M -s 64M
all_modes_work

# --- --no-autorecover: left configured and claimed for inspection, as upstream leaves it ---
snap /tmp/before
# the namespace a create takes, as upstream chooses: namespace0.0 when idle, else the seed
s=$(cat $R/namespace_seed)
[ "$(cat $R/namespace0.0/size)" != 0 ] || s=namespace0.0
expect_fail "left as it is \(--no-autorecover\).*destroy-namespace -f $s" \
	ndctl create-namespace -r region0 -m fsdax -a 1G -s 1G --no-autorecover -n keep
left() {	# left TOOL: a namespace configured 1G, named keep, claimed by an unbound pfn (s: its name)
	snap /tmp/kept
	s=$(sed -n 's/^pfn[^ ]* \([^ ]*\) unbound$/\1/p' /tmp/kept.claims)
	[ -n "$s" ] || fail "$1: no unbound claim" "$(cat /tmp/kept.claims)"
	[ "$(cat $R/$s/size)" = 1073741824 ] || fail "$1: $s size $(cat $R/$s/size)"
	[ "$(cat $R/$s/alt_name)" = keep ] || fail "$1: $s lost its name"
	[ -n "$(cat $R/$s/uuid)" ] || fail "$1: $s lost its uuid"
	jq -e ".regions[0].namespaces[] | select(.dev == \"$s\")" /tmp/kept.json > /dev/null ||
		fail "$1: list does not show $s" "$(cat /tmp/kept.json)"
	cat /tmp/kept.claims >&2
}
left ndkit
run ndctl destroy-namespace -f "$s" > /dev/null
same "destroying what --no-autorecover left" renamed
rc=0
upstream-ndctl create-namespace -r region0 -m fsdax -a 1G -s 1G --no-autorecover -n keep || rc=$?
[ "$rc" -ne 0 ] || fail "upstream's --no-autorecover create succeeded"
left upstream
run ndctl destroy-namespace -f "$s" > /dev/null
same "destroying what upstream's --no-autorecover left" renamed

# --- the personality driver is not there: dax_pmem (devdax) ---
hide dax_pmem
refused "devdax without dax_pmem" 'configuring namespace0\.[0-9]+ in region0 failed \(.*\); rolled back' \
	-r region0 -m devdax -s 64M
unhide
all_modes_work

# --- nd_pmem and nd_btt (raw namespaces, fsdax, sector) ---
hide nd_pmem nd_btt
for m in raw fsdax sector; do
	refused "$m without nd_pmem/nd_btt" 'configuring namespace0\.[0-9]+ in region0 failed \(.*\); rolled back' \
		-r region0 -m $m -s 64M
done
unhide
all_modes_work
[ ! -e /tmp/upstream-leftovers ] || sed 's/^/upstream leaves changed: /' /tmp/upstream-leftovers >&2

# SPDX-License-Identifier: GPL-2.0-only
# check-namespace on a real sector namespace against upstream-ndctl from the same states: a
# clean BTT, online (with and without -f), usage refusals, and the BTT damaged in each way
# upstream's checks name (info block, info2, map entry out of bounds, two map entries for one
# block, flog pair with one sequence number, a write torn between flog and map). Each state is
# checked by both without -R (same status, stdout and every stderr line; with -v the check's own
# lines), then repaired by each from the same damage: same status and lines, and the same bytes
# on the namespace afterwards.
DIMMS="1G:128K:2M"
MEM=1G
TIMEOUT=900

run upstream-ndctl disable-region all
run upstream-ndctl init-labels -f all
run upstream-ndctl enable-region all
run upstream-ndctl create-namespace -m sector -s 32M -n btt-chk > /dev/null
ns=$(run upstream-ndctl list -N | jq -r '.[] | select(.name == "btt-chk") | .dev')
compared=0

# both ARGS...: the same status, stdout, and whole stderr from ndkit and upstream
both() {
	same_as_upstream ndctl check-namespace "$@"
	cmp -s /tmp/nd.err /tmp/up.err || fail "check-namespace $*: stderr differs" \
		"$(diff /tmp/nd.err /tmp/up.err | head -30)"
	compared=$((compared + 1))
}

# both_verbose ARGS...: with -v, the check's own lines ("NAMESPACE: FUNCTION: ...") the same,
# but for upstream's debug lines of each region's mmap/munmap (addresses; ndkit maps once)
both_verbose() {
	same_as_upstream ndctl check-namespace -v "$@"
	grep "^$ns: " /tmp/nd.err | grep -vE "^$ns: btt_(mmap|unmap): " > /tmp/nd.lines || true
	grep "^$ns: " /tmp/up.err | grep -vE "^$ns: btt_(mmap|unmap): " > /tmp/up.lines || true
	cmp -s /tmp/nd.lines /tmp/up.lines || fail "check-namespace -v $*: lines differ" \
		"$(diff /tmp/nd.lines /tmp/up.lines | head -30)"
	[ -s /tmp/nd.lines ] || fail "check-namespace -v $*: no check lines" "$(cat /tmp/nd.err)"
	compared=$((compared + 1))
}

# Clean and online: upstream's refusal, then -f (disabled, checked, enabled again).
both "$ns"
[ "$nrc" = 240 ] || fail "check of an online namespace exits $nrc, want 240"
both "$ns" -f
[ "$nrc" = 0 ] || fail "check -f of a clean BTT exits $nrc" "$(cat /tmp/nd.err)"
[ -e "$NDKIT_SYS/$ns/driver" ] || [ -n "$(cat "$NDKIT_SYS/$ns/holder")" ] ||
	fail "check -f left $ns disabled"
both "$ns" -L
both namespace9.9
run ndctl disable-namespace "$ns" 2> /dev/null
both "$ns"
[ "$nrc" = 0 ] || fail "check of a clean BTT exits $nrc" "$(cat /tmp/nd.err)"
both_verbose "$ns"
both all
both "$ns" -R -L

# The raw namespace's block device, for damaging and saving it (bound raw, as the checkers do).
raw_on() {
	echo 1 > "$NDKIT_SYS/$ns/force_raw"
	echo "$ns" > /sys/bus/nd/drivers/nd_pmem/bind
	for _ in $(seq 50); do
		dev=/dev/$(ls "$NDKIT_SYS/$ns/block" 2> /dev/null)
		[ ! -b "$dev" ] || return 0
		sleep 0.1
	done
	fail "$ns bound raw shows no block device"
}
raw_off() {
	echo "$ns" > /sys/bus/nd/drivers/nd_pmem/unbind
	echo 0 > "$NDKIT_SYS/$ns/force_raw"
}

# Where the first arena's pieces are (BTT 1.1: the arena starts at 4 KiB).
run ndctl read-infoblock "$ns" -j 2> /dev/null > /tmp/ib.json
field() { jq -r ".[] | select(.signature == \"BTT_ARENA_INFO\") | .$1" /tmp/ib.json | head -1; }
ext=$(field external_nlba) int=$(field internal_nlba)
map=$((4096 + $(field mapoff))) log=$((4096 + $(field logoff))) info2=$((4096 + $(field info2off)))
[ "$ext" -gt 0 ] && [ "$int" -gt "$ext" ] || fail "no BTT info block on $ns" "$(cat /tmp/ib.json)"
raw_on
dd if="$dev" of=/tmp/clean.img bs=1M 2> /dev/null
raw_off

# put OFF U32...: little-endian words at byte OFF of the raw namespace
put() {
	local off=$1 bytes="" v
	shift
	for v in "$@"; do
		bytes="$bytes$(printf '\\%03o\\%03o\\%03o\\%03o' $((v & 255)) $((v >> 8 & 255)) \
			$((v >> 16 & 255)) $((v >> 24 & 255)))"
	done
	# shellcheck disable=SC2059 # the octal escapes are the point
	printf "$bytes" | dd of="$dev" bs=1 seek="$off" conv=notrunc,fsync 2> /dev/null
}

# damage NAME: the clean image back, then one kind of damage
damage() {
	raw_on
	dd if=/tmp/clean.img of="$dev" bs=1M conv=fsync 2> /dev/null
	case $1 in
	info) put $((4096 + 100)) 0xdeadbeef ;;
	info2) put $((info2 + 200)) 1 ;;
	map-oob) put $((map + 4 * 5)) $((0xC0000000 | int)) ;;
	map-dup) put $((map + 4 * 1)) $((0xC0000000 | 2)) ;;
	flog-seq) put $((log + 3 * 64 + 16)) 3 $((ext + 3)) $((ext + 3)) 1 ;;
	flog-torn) put $((log + 16)) 7 7 "$ext" 2 ;;
	esac
	raw_off
}

# image WHO: the namespace's bytes after a repair
image() {
	raw_on
	dd if="$dev" of="/tmp/$1.img" bs=1M 2> /dev/null
	raw_off
}

for d in info info2 map-oob map-dup flog-seq flog-torn; do
	damage "$d"
	both "$ns"
	[ "$d" = info2 ] || [ "$nrc" != 0 ] || fail "damage $d: check exits 0" "$(cat /tmp/nd.err)"
	both_verbose "$ns"
	# -R from the same damage: same lines, same bytes after
	damage "$d"
	capture nd ndctl check-namespace -R "$ns"
	image nd
	damage "$d"
	capture up upstream-ndctl check-namespace -R "$ns"
	image up
	for f in rc out err; do
		cmp -s "/tmp/nd.$f" "/tmp/up.$f" || fail "check -R after $d: $f differs" \
			"$(diff "/tmp/nd.$f" "/tmp/up.$f" | head -20)"
	done
	cmp -s /tmp/nd.img /tmp/up.img || fail "check -R after $d: the namespaces differ" \
		"$(cmp -l /tmp/nd.img /tmp/up.img | head)"
	compared=$((compared + 1))
	echo "damage $d: check $nrc, repair $(cat /tmp/nd.rc)" > "$NDKIT_REPORT"
done

# Repaired by ndkit, the kernel takes the BTT back.
damage info
run ndctl check-namespace -R "$ns" 2> /dev/null
both "$ns"
[ "$nrc" = 0 ] || fail "after ndkit's repair upstream's check exits $urc" "$(cat /tmp/up.err)"
run ndctl enable-namespace "$ns" 2> /dev/null
expect_match '"mode":"sector"' "$(run upstream-ndctl list -N -n "$ns")"
echo "check-namespace: $compared comparisons with upstream" > "$NDKIT_REPORT"

#!/bin/sh
# daxctl against sysfs trees captured in a QEMU guest (capture-sysfs.sh):
# list output compared key by key with what upstream daxctl printed on the
# same tree, and the refusals (small device, kmem missing, memory online,
# a block that will not offline) checked for their message and for leaving
# the tree unchanged.
# usage: test-daxctl.sh DAXCTL JSON_DIFF DATA_DIR
set -u
DAXCTL=$1 JSON_DIFF=$2 DATA=$3
fails=0 checks=0 skips=0
WORK=$(mktemp -d)
cleanup() { chattr -R -i "$WORK" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT

fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

# each state is unpacked once; every check works on its own copy
unpack_pristine() {
	root=$WORK/pristine/$1
	dirs=$(sed -n 's/^[FL] \([^ ]*\)\/[^/ ]*\( .*\)\{0,1\}$/\1/p' "$DATA/$1.sysfs" | sort -u)
	for d in $dirs; do mkdir -p "$root$d"; done
	while IFS= read -r line; do
		kind=${line%% *}; rest=${line#* }; path=${rest%% *}; val=${rest#"$path"}; val=${val# }
		case $kind in
		F) printf '%s\n' "$val" > "$root$path" ;;
		L) ln -sfn "$val" "$root$path" ;;
		esac
	done < "$DATA/$1.sysfs"
}
for state in devdax system-ram offline; do unpack_pristine $state; done

unpack() {	# unpack STATE -> prints the root of a fresh copy
	root=$WORK/$1.$checks.$$
	cp -a "$WORK/pristine/$1" "$root"
	echo "$root"
}

# in a tree, a write overwrites the file's start: compare each block's state
blocks_say() {	# blocks_say ROOT STATE: dax1.0's blocks 41-46 all read STATE
	for b in 41 42 43 44 45 46; do
		[ "$(cat "$1/sys/devices/system/memory/memory$b/state")" = "$2" ] || return 1
	done
}

tree_sum() { (cd "$1" && find . -type f -exec md5sum {} + | sort | md5sum); }

compare_list() {	# compare_list STATE NAME ARGS...
	state=$1 name=$2; shift 2
	checks=$((checks + 1))
	root=$(unpack "$state")
	NDKIT_SYSFS_ROOT=$root "$DAXCTL" list "$@" > "$WORK/out.json" 2> "$WORK/err" ||
		{ fail "$state: daxctl list $* exited non-zero: $(cat "$WORK/err")"; return; }
	diffout=$("$JSON_DIFF" "$WORK/out.json" "$DATA/$state.upstream-$name.json") ||
		fail "$state: daxctl list $* differs from upstream: $diffout"
	# each line upstream printed, in the same text ('/' escaped as "\/", json-c's default);
	# only the order of regions differs (upstream: sysfs directory order)
	sed 's/,$//' "$DATA/$state.upstream-$name.json" > "$WORK/up.lines"
	sed 's/,$//' "$WORK/out.json" > "$WORK/out.lines"
	missing=$(grep -vxF -f "$WORK/out.lines" "$WORK/up.lines") &&
		fail "$state: daxctl list $* lacks upstream's lines: $missing"
}

expect_refusal() {	# expect_refusal STATE PATTERN ARGS... (tree must not change)
	state=$1 pat=$2; shift 2
	checks=$((checks + 1))
	root=${ROOT:-$(unpack "$state")}
	before=$(tree_sum "$root")
	out=$(NDKIT_SYSFS_ROOT=$root "$DAXCTL" "$@" 2>&1); rc=$?
	[ $rc -ne 0 ] || fail "'daxctl $*' on $state exited 0"
	printf '%s' "$out" | grep -q -- "$pat" || fail "'daxctl $*' on $state: no '$pat' in: $out"
	[ "$(tree_sum "$root")" = "$before" ] || fail "'daxctl $*' on $state changed the tree"
}

for state in devdax system-ram offline; do
	compare_list $state list-RDMu -R -D -M -u
	compare_list $state list-RDM -R -D -M
	compare_list $state list-iu -i -u
done

# shape, as upstream: an array, but with -u a lone device prints bare
checks=$((checks + 1))
root=$(unpack devdax)
[ "$(NDKIT_SYSFS_ROOT=$root "$DAXCTL" list -d dax1.0 | head -c1)" = "[" ] || fail "list -d dax1.0 is not an array"
[ "$(NDKIT_SYSFS_ROOT=$root "$DAXCTL" list -u -d dax1.0 | head -c1)" = "{" ] || fail "list -u -d dax1.0 is not bare"

# -r alone lists that region (no devices inside), as upstream; -r -D adds them
checks=$((checks + 1))
root=$(unpack devdax)
got=$(NDKIT_SYSFS_ROOT=$root "$DAXCTL" list -r 1 | tr -d ' \n')
case $got in '[{"path":'*'"id":1,'*) ;; *) fail "list -r 1 is not region1: $got" ;; esac
case $got in *devices*) fail "list -r 1 shows devices: $got" ;; esac
NDKIT_SYSFS_ROOT=$root "$DAXCTL" list -r 1 -D | grep -q '"chardev":"dax1.0"' || fail "list -r 1 -D: no dax1.0"
[ -z "$(NDKIT_SYSFS_ROOT=$root "$DAXCTL" list -r 7)" ] || fail "list -r 7 printed something"

# a 62 MiB device at 0x100200000 cannot hold an aligned 128 MiB block: 254 MiB would
expect_refusal devdax "dax0.0: 62M at 0x100200000 holds no whole 128M memory block (/sys/devices/system/memory/block_size_bytes).*at least 254M" \
	reconfigure-device -m system-ram dax0.0
# without kmem registered (and no module loading on a captured tree)
root=$(unpack devdax); rm -rf "$root/sys/bus/dax/drivers/kmem"
ROOT=$root expect_refusal devdax "kmem driver not available.*modprobe kmem" \
	reconfigure-device -m system-ram dax1.0
expect_refusal system-ram "dax1.0: 6 memory blocks are online; add -f" \
	reconfigure-device -m devdax dax1.0
expect_refusal system-ram "it is system-ram: .daxctl reconfigure-device -m devdax -f dax1.0. first" \
	disable-device dax1.0
expect_refusal devdax "make it system-ram first: .daxctl reconfigure-device -m system-ram dax0.0." \
	online-memory dax0.0
expect_refusal devdax "error: a 'align', 'mode' or 'size' option is required" reconfigure-device dax1.0
# create-device and destroy-device: usage errors, unreadable sizes, a static region (an
# nvdimm namespace's: no dax_region/create), an enabled device; each status as upstream v81's
status_is() {	# status_is RC STATE ARGS...: daxctl ARGS on STATE exits RC
	want=$1 state=$2; shift 2
	checks=$((checks + 1))
	root=$(unpack "$state")
	NDKIT_SYSFS_ROOT=$root "$DAXCTL" "$@" > /dev/null 2>&1
	got=$?
	[ "$got" = "$want" ] || fail "'daxctl $*' on $state exited $got, not $want"
}
expect_refusal devdax 'unknown extra parameter "dax1.0"' create-device dax1.0
status_is 129 devdax create-device dax1.0
expect_refusal devdax "error: cannot read size 'foo': give bytes or a number with K, M, G or T" \
	create-device -s foo
status_is 234 devdax create-device -s foo
expect_refusal devdax "error: cannot read align '3Q'" create-device -a 3Q
expect_refusal devdax "error: failed to parse device file" create-device --input /nonexistent.json
status_is 129 devdax create-device --input /nonexistent.json
expect_refusal devdax "created 0 devices" create-device -s 64M
status_is 228 devdax create-device -s 64M
expect_refusal devdax "no dax region 7: 'daxctl list -R' shows them" create-device -r 7
status_is 250 devdax create-device -r 7
expect_refusal devdax 'specify a device to destroy, or "all"' destroy-device
status_is 129 devdax destroy-device
expect_refusal devdax "dax1.0 is active, specify --force for deletion" destroy-device dax1.0
status_is 250 devdax destroy-device dax1.0
# a name that selects nothing: v81 (f533bd7) exits 0, "reconfigured 0 devices" (76.1: ENXIO,
# "error reconfiguring devices"); ndkit says why, changes nothing
checks=$((checks + 1))
root=$(unpack devdax); before=$(tree_sum "$root")
out=$(NDKIT_SYSFS_ROOT=$root "$DAXCTL" reconfigure-device -m devdax dax7.0 2>&1); rc=$?
[ $rc = 0 ] && [ "$out" = "dax7.0: no such dax device; 'daxctl list -i' shows them
reconfigured 0 devices" ] || fail "reconfigure-device dax7.0: $rc $out"
[ "$(tree_sum "$root")" = "$before" ] || fail "reconfigure-device dax7.0 changed the tree"
# a device already in the mode asked for: upstream's "was already in" line, counted, unchanged
for args in "devdax -m devdax" "system-ram -m system-ram"; do
	set -- $args
	checks=$((checks + 1))
	root=$(unpack "$1"); before=$(tree_sum "$root")
	out=$(NDKIT_SYSFS_ROOT=$root "$DAXCTL" reconfigure-device "$2" "$3" dax1.0 2>&1 >/dev/null); rc=$?
	[ $rc = 0 ] && printf '%s\n' "$out" | grep -qx "dax1.0 was already in $3 mode" &&
		printf '%s\n' "$out" | tail -n 1 | grep -qx "reconfigured 1 device" ||
		fail "reconfigure-device $2 $3 on $1: $rc $out"
	[ "$(tree_sum "$root")" = "$before" ] || fail "reconfigure-device $2 $3 on $1 changed the tree"
done
# the kernel would online the hot-plugged memory itself: refused unless -f
root=$(unpack devdax); mkdir -p "$root/sys/devices/system/memory"
echo online > "$root/sys/devices/system/memory/auto_online_blocks"
ROOT=$root expect_refusal devdax "dax1.0: error: kernel policy will auto-online memory, aborting" \
	reconfigure-device -m system-ram dax1.0
checks=$((checks + 1))
NDKIT_SYSFS_ROOT=$root "$DAXCTL" reconfigure-device -m system-ram dax1.0 >/dev/null 2>&1
[ $? = 240 ] || fail "auto-online refusal: exit status is not EBUSY's 240"
# -C: a section of etc/daxctl.conf.d names the mode by the nvdimm uuid
root=$(unpack devdax)
checks=$((checks + 1))
out=$(NDKIT_SYSFS_ROOT=$root "$DAXCTL" reconfigure-device -C all 2>&1); rc=$?
[ $rc = 0 ] && printf '%s' "$out" | grep -q "all: missing or malformed config section" ||
	fail "-C all: $rc $out"
ROOT=$root expect_refusal devdax "cannot be used with --mode" reconfigure-device -C -m devdax dax1.0

# offline-memory counts the blocks it offlined
checks=$((checks + 1))
root=$(unpack system-ram)
out=$(NDKIT_SYSFS_ROOT=$root "$DAXCTL" offline-memory dax1.0 2>&1) || fail "offline-memory: $out"
printf '%s' "$out" | grep -qx "offlined memory for 1 device" || fail "offline-memory said: $out"
blocks_say "$root" offline || fail "offline-memory left a block online"
# online-memory: movable by default, says so, counts the blocks
checks=$((checks + 1))
root=$(unpack offline)
out=$(NDKIT_SYSFS_ROOT=$root "$DAXCTL" online-memory dax1.0 2>&1) || fail "online-memory: $out"
printf '%s' "$out" | grep -q "onlined 6 memory blocks into ZONE_MOVABLE (the default" ||
	fail "online-memory said: $out"
printf '%s' "$out" | tail -n 1 | grep -qx "onlined memory for 1 device" || fail "online-memory summary: $out"
# again: nothing to do, upstream's message and status 1
checks=$((checks + 1))
out=$(NDKIT_SYSFS_ROOT=$root "$DAXCTL" online-memory dax1.0 2>&1); rc=$?
[ $rc = 1 ] && printf '%s' "$out" | grep -q "dax1.0: all memory sections (6) already online" ||
	fail "online-memory twice: $rc $out"
blocks_say "$root" online_movable ||
	fail "online-memory did not write online_movable to every block"

# v81 (ac46afe): a block whose removable is 0 is named; upstream's EOPNOTSUPP lines and
# status; nothing offlined
checks=$((checks + 1))
root=$(unpack system-ram)
echo 0 > "$root/sys/devices/system/memory/memory43/removable"
out=$(NDKIT_SYSFS_ROOT=$root "$DAXCTL" offline-memory dax1.0 2>&1); rc=$?
[ $rc = 161 ] || fail "offline-memory with an unremovable block exited $rc: $out"
for line in "libdaxctl: .*: dax1.0: memory43 is unremovable" \
	    "dax1.0: failed to offline memory: Operation not supported" \
	    "error offlining memory: Operation not supported" "offlined memory for 0 devices"; do
	printf '%s\n' "$out" | grep -qx "$line" || fail "unremovable: no line '$line' in: $out"
done
blocks_say "$root" online || fail "offline-memory offlined blocks beside an unremovable one"

# v81 (f533bd7): "all" exits with a failure any device had, not the last device's status:
# dax0.0 (devdax, region 0, first) fails, dax1.0 after it is onlined
checks=$((checks + 1))
root=$(unpack offline)
out=$(NDKIT_SYSFS_ROOT=$root "$DAXCTL" online-memory all 2>&1); rc=$?
[ $rc = 250 ] && printf '%s\n' "$out" | tail -n 2 | tr '\n' '|' |
	grep -qx "error onlining memory: No such device or address|onlined memory for 1 device|" ||
	fail "online-memory all, one devdax device: $rc $out"
blocks_say "$root" online_movable || fail "online-memory all did not online dax1.0"

# a block the kernel refuses to offline: named, explained, the others put back
checks=$((checks + 1))
root=$(unpack system-ram)
if chattr +i "$root/sys/devices/system/memory/memory44/state" 2>/dev/null; then
	out=$(NDKIT_SYSFS_ROOT=$root "$DAXCTL" reconfigure-device -f -m devdax dax1.0 2>&1) &&
		fail "reconfigure with an unofflinable block exited 0"
	printf '%s' "$out" | grep -q "memory block memory44 could not be offlined (Operation not permitted).*nothing changed" ||
		fail "offline failure message: $out"
	grep -q offline "$root"/sys/devices/system/memory/memory4[1-3]/state &&
		fail "blocks offlined before the failure were not put back online"
	[ "$(cat "$root/sys/bus/dax/drivers/kmem/unbind")" = "" ] || fail "kmem unbound after a failed offline"
	chattr -i "$root/sys/devices/system/memory/memory44/state"
else
	skips=$((skips + 1)); echo "SKIP: chattr +i unsupported here, offline-failure case not run"
fi

echo "test-daxctl: $checks checks, $fails failed, $skips skipped"
[ "$fails" -eq 0 ]

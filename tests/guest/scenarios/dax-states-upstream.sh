# SPDX-License-Identifier: GPL-2.0-only
# daxctl's device commands against upstream-daxctl from every state a dax device can be in:
# devdax, system-ram with all / some / none of its memory blocks online, and disabled. Each
# command runs through both tools from the same starting state; their exit status, stdout,
# upstream's stderr lines (ndkit may add its own) and the state left behind (driver, mode and
# each memory block's state) must be the same. Every difference is listed before failing.
# Not --no-movable: ZONE_NORMAL blocks soon hold kernel pages and may never offline again,
# so the second tool could not start from the same state.
DIMMS="1G:128K:2M"
MEM=1G
# 55 command pairs: 6 min on a host at load 15 (the guest had 15% of a core)
TIMEOUT=900

dev=dax0.0
sys=/sys/bus/dax/devices/$dev
echo offline > /sys/devices/system/memory/auto_online_blocks
run upstream-ndctl disable-region all
run upstream-ndctl init-labels -f all
run upstream-ndctl enable-region all
run upstream-ndctl create-namespace -r region0 -m devdax -a 2M -s 512M > /dev/null

bs=$(( 0x$(cat /sys/devices/system/memory/block_size_bytes) ))
res=$(( $(cat $sys/resource) ))
size=$(cat $sys/size)
first=$(( (res + bs - 1) / bs ))
last=$(( (res + size) / bs - 1 ))
[ $last -gt $first ] || fail "$dev holds fewer than 2 memory blocks: $first..$last"

driver() { basename "$(readlink $sys/driver 2> /dev/null)" 2> /dev/null || true; }
# blocks: each of the device's memory block states, "-" when kmem has not plugged it
blocks() {
	b=$first
	while [ $b -le $last ]; do
		f=/sys/devices/system/memory/memory$b/state
		if [ -e $f ]; then printf '%s ' "$(cat $f)"; else printf '%s ' -; fi
		b=$((b + 1))
	done
}
state() { echo "driver=$(driver) blocks=$(blocks)"; upstream-daxctl list -DM -d $dev; }

quiet() { "$@" > /dev/null 2>&1 || true; }
# block_to N STATE: memoryN online (online_movable) or offline; the kernel may refuse an
# offline for a moment (pages being migrated): retried
block_to() {
	f=/sys/devices/system/memory/memory$1/state
	case $(cat $f) in online*) now=online ;; *) now=offline ;; esac
	[ $now = $2 ] && return 0
	[ $2 = online ] && { echo online_movable > $f; return 0; }
	for try in 1 2 3 4 5 6 7 8 9 10; do
		echo offline 2> /dev/null > $f && return 0
		sleep 0.5
	done
}
# blocks_to STATE...: the device's blocks, first to last, into these states
blocks_to() {
	b=$first
	for want in "$@"; do block_to $b $want; b=$((b + 1)); done
}
all() { n=$first; while [ $n -le $last ]; do printf '%s ' "$1"; n=$((n + 1)); done; }
# set_state STATE: the device into STATE, checked. Between system-ram states only the blocks
# change (hot-plugging them again costs seconds under TCG); nothing when already there.
set_state() {
	state > /tmp/now
	[ -s /tmp/sig.$1 ] && cmp -s /tmp/now /tmp/sig.$1 && return 0
	case $1 in
	ram-*)
		[ -n "$(driver)" ] || quiet upstream-daxctl enable-device $dev
		[ "$(driver)" = kmem ] || quiet upstream-daxctl reconfigure-device -N -m system-ram $dev
		case $1 in
		ram-all) blocks_to $(all online) ;;
		ram-some) blocks_to $(all online | sed 's/online $/offline/') ;;
		ram-none) blocks_to $(all offline) ;;
		esac ;;
	*)
		if [ "$(driver)" = kmem ]; then
			blocks_to $(all offline)
			quiet upstream-daxctl reconfigure-device -m devdax $dev
		fi
		[ -n "$(driver)" ] || quiet upstream-daxctl enable-device $dev
		[ $1 = disabled ] && quiet upstream-daxctl disable-device $dev ;;
	esac
	case $1 in
	devdax) want="driver=device_dax" ;;
	ram-all) want="driver=kmem blocks=online.* online $" ;;
	ram-some) want="driver=kmem blocks=online .*offline $" ;;
	ram-none) want="driver=kmem blocks=offline.* offline $" ;;
	disabled) want="driver= " ;;
	esac
	state > /tmp/sig.$1
	head -n 1 /tmp/sig.$1 | grep -Eq "^$want" ||
		fail "state $1 not reached" "$(cat /tmp/sig.$1 /tmp/diffs)"
}

: > /tmp/diffs; : > /tmp/pairs
started=$(cut -d. -f1 /proc/uptime)
differ() { printf '%s\n' "$*" >> /tmp/diffs; }
# one WHO STATE ARGS...: from STATE, run ARGS through WHO's daxctl; keep status, out, err, state
one() {
	who=$1 st=$2; shift 2
	set_state "$st"
	if [ $who = nd ]; then capture nd daxctl "$@"; else capture up upstream-daxctl "$@"; fi
	state > /tmp/$who.state
}
same() {
	st=$1; shift
	one nd "$st" "$@"
	one up "$st" "$@"
	what="from $st: daxctl $*"
	echo "$what: ndkit $(cat /tmp/nd.rc), upstream $(cat /tmp/up.rc)" | tee -a /tmp/pairs >&2
	[ "$(cat /tmp/nd.rc)" = "$(cat /tmp/up.rc)" ] ||
		differ "$what: exit $(cat /tmp/nd.rc), upstream $(cat /tmp/up.rc)"
	cmp -s /tmp/nd.out /tmp/up.out ||
		differ "$what: stdout differs:" "$(diff /tmp/up.out /tmp/nd.out)"
	# every line upstream writes to stderr, ndkit writes too (it may add its own)
	while IFS= read -r line; do
		grep -qxF -- "$line" /tmp/nd.err || differ "$what: no stderr line '$line'"
	done < /tmp/up.err
	cmp -s /tmp/nd.state /tmp/up.state ||
		differ "$what: leaves a different state:" "$(diff /tmp/up.state /tmp/nd.state)"
}

for st in devdax ram-all ram-some ram-none disabled; do
	for args in "list -RDM" "list -D -u" \
		"reconfigure-device -m system-ram $dev" "reconfigure-device -m system-ram -f $dev" \
		"reconfigure-device -m system-ram --no-online $dev" \
		"reconfigure-device -m devdax $dev" "reconfigure-device -m devdax -f $dev" \
		"online-memory $dev" "offline-memory $dev" "enable-device $dev" \
		"disable-device $dev"; do
		same $st $args
	done
done

echo "dax-states-upstream: $(grep -c . /tmp/pairs) commands from 5 states in $(( $(cut -d. -f1 /proc/uptime) - started )) s" >&2
if [ -s /tmp/diffs ]; then
	fail "$(grep -c '^from' /tmp/diffs) differences from upstream" "$(cat /tmp/diffs)"
fi

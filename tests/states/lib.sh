# SPDX-License-Identifier: GPL-2.0-only
# Helpers for the state recipes of states.txt (sourced by bash in the guest, before each
# recipe). Everything here uses upstream's tools and sysfs, so each tool under test starts
# from a state neither tool built. By default one vNVDIMM: nmem0, region0; the environment
# names another region and its DIMMs (nfit.sh: nfit_test's 4-DIMM interleaved region):
#   STATES_REGION  the region the states are built in (region0)
#   STATES_DIMMS   its DIMMs, in position order (nmem0); labels are reset on each
#   STATES_UNIT    the size unit of the recipes, MiB (128): a multiple of the region's align
U=upstream-ndctl
UD=upstream-daxctl
SYS=/sys/bus/nd/devices
REGION=${STATES_REGION:-region0}
RID=${REGION#region}
DIMMS=${STATES_DIMMS:-nmem0}
UNIT=${STATES_UNIT:-128}

# sz N: N units, as a size option (sz 2 is 256M on a vNVDIMM)
sz() {
	echo "$(($1 * UNIT))M"
}

# The first LABEL_BYTES of the label area hold both index blocks and every label a state
# or a command writes (a dozen at most: 16 KiB is 45 slots of 1.2's 256 bytes); a reset
# rewrites only those, from an image made once per boot, which costs a fraction of
# zero-labels + init-labels over the whole 2 MiB area through the DSM.
LABEL_BYTES=16384
IMAGES=/tmp/states-labels

# The DIMMs outside the region (nfit_test.1's): a command under test may label them too
# (create-namespace -c, autolabel), which would change every later case; each reset puts
# back what they held at the first one (nothing to do on one vNVDIMM).
OTHER_DIMMS=$(for d in $SYS/nmem*; do
	[ -e "$d" ] || continue
	case " $DIMMS " in *" ${d##*/} "*) ;; *) echo "${d##*/}" ;; esac
done)

# reset_others: the first call keeps the first LABEL_BYTES of each other DIMM's label area
# (an empty image for one without a readable area), later calls write them back
reset_others() {
	local d img
	for d in $OTHER_DIMMS; do
		img=$IMAGES/other-$d
		if [ ! -e "$img" ]; then
			$U read-labels -s $LABEL_BYTES -o "$img" "$d" > /dev/null 2>&1 || : > "$img"
		elif [ -s "$img" ]; then
			$U write-labels -s $LABEL_BYTES -i "$img" "$d" > /dev/null 2>&1
		fi
	done
}

# reset [VERSION|none]: undo whatever the last run left, then labels of VERSION (1.1 by
# default; none: no index blocks, a label-less region) on every DIMM of the region (one
# image: index blocks name no DIMM), the other DIMMs as they were at the first reset, the
# region enabled with only its seed.
reset() {
	local v=${1:-1.1}
	echo offline > /sys/devices/system/memory/auto_online_blocks
	for d in /sys/bus/dax/devices/dax*; do
		[ -e "$d" ] || continue
		d=${d##*/}
		if [ "$($UD list -d "$d" | jq -r '.[0].mode')" = system-ram ]; then
			$UD offline-memory "$d" > /dev/null 2>&1 || true
			$UD reconfigure-device -f -m devdax "$d" > /dev/null 2>&1
		fi
	done
	$U disable-region all > /dev/null 2>&1
	mkdir -p $IMAGES
	reset_others
	if [ ! -s $IMAGES/$v ]; then
		$U zero-labels $DIMMS > /dev/null 2>&1
		[ "$v" = none ] || $U init-labels -f -V "$v" $DIMMS > /dev/null 2>&1
		$U read-labels -s $LABEL_BYTES -o $IMAGES/$v ${DIMMS%% *} > /dev/null 2>&1
	else
		for d in $DIMMS; do
			$U write-labels -s $LABEL_BYTES -i $IMAGES/$v "$d" > /dev/null 2>&1
		done
	fi
	$U enable-region all > /dev/null 2>&1
	scrub_idle
}

# scrub_idle: wait (30 s at most) until no bus runs an address range scrub. nfit_test's
# buses scrub after a region is enabled, and a list taken meanwhile says "scrub_state":
# "active": two runs from one state would differ by the moment they list. (QEMU's NFIT
# has no scrub attribute: nothing to wait for.)
scrub_idle() {
	local i
	for i in $(seq 300); do grep -qs '+' /sys/bus/nd/devices/ndbus*/nfit/scrub || return 0; sleep 0.1; done
}

# labelless: no index blocks; the kernel then shows the region as one raw namespace over
# the whole region.
labelless() {
	reset none
}

# mk ARGS...: upstream creates a namespace in the region
mk() {
	$U create-namespace -r $REGION "$@" > /dev/null
}

# first: the first namespace of the region with a size (what most commands target)
first() {
	local n
	for n in $(ls -d $SYS/namespace$RID.* 2>/dev/null | sort -V); do
		[ "$(cat "$n/size")" != 0 ] && { echo "${n##*/}"; return; }
	done
}

# claim MODE: the region's PFN seed claims the first namespace (disabled first), never bound
claim() {
	local ns pfn
	ns=$(first)
	$U disable-namespace "$ns" > /dev/null
	pfn=$(cat $SYS/$REGION/pfn_seed)
	cat /proc/sys/kernel/random/uuid > $SYS/$pfn/uuid
	echo "$1" > $SYS/$pfn/mode
	echo "$ns" > $SYS/$pfn/namespace
}

# system_ram all|some|none: the first dax device as system RAM, with all, one or none of
# its memory blocks online
system_ram() {
	local dax b
	dax=$(ls /sys/bus/dax/devices | head -n 1)
	if [ "$1" = all ]; then
		$UD reconfigure-device -m system-ram "$dax" > /dev/null
	else
		$UD reconfigure-device -N -m system-ram "$dax" > /dev/null
	fi
	if [ "$1" = some ]; then
		for b in /sys/devices/system/memory/memory*; do
			[ "$(cat "$b/state")" = offline ] || continue
			echo online_movable > "$b/state"
			break
		done
	fi
}

# The targets a command names, printed for the runner: NS (first), SEED (the region's
# namespace seed), DAX (the first dax device, bound or not).
targets() {
	echo "NS=$(first)"
	echo "SEED=$(cat $SYS/$REGION/namespace_seed 2>/dev/null)"
	echo "DAX=$(ls /sys/bus/dax/devices 2>/dev/null | head -n 1)"
}

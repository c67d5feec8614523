# SPDX-License-Identifier: GPL-2.0-only
# daxctl create-device without -r over two dynamic dax regions (two soft-reserved ranges of
# guest RAM, which dax_hmem turns into regions 0 and 1), against upstream-daxctl from the same
# states: each region gets a device in turn, in upstream's region order (the reverse of the
# order sysfs lists their devices in); the device printed is the last one made and the
# status the last region's, so a full region fails the command when it comes last although
# the other's device was made. Same exit status, stdout, summary line and regions after.
DIMMS="1G:128K:2M"
APPEND="memmap=128M%512M-1+0xefffffff memmap=128M%768M-1+0xefffffff"
TIMEOUT=480

run modprobe dax_hmem
for r in 0 1; do
	[ -e /sys/bus/dax/devices/dax$r.0 ] ||
		fail "no dax$r.0: the soft-reserved ranges made no two hmem regions" \
			"$(grep -i soft /proc/iomem; ls /sys/bus/dax/devices)"
done
M=1048576
reg() { echo "$(dirname "$(readlink -f /sys/bus/dax/devices/dax$1.0)")/dax_region"; }

# both regions as their devices left them: unbound, size 0, all but daxN.0 deleted
reset() {
	local r d n
	for r in 0 1; do
		for d in /sys/bus/dax/devices/dax$r.*; do
			n=${d##*/}
			[ -e "$d/driver" ] && echo "$n" > "$d/driver/unbind"
			echo 0 > "$d/size"
			[ "$n" = dax$r.0 ] || echo "$n" > "$(reg $r)/delete"
		done
	done
}
# fill R: region R's whole capacity in one device, bound
fill() {
	echo 1 > "$(reg $1)/create"
	seed=$(cat "$(reg $1)/seed")
	echo $((128 * M)) > "/sys/bus/dax/devices/$seed/size"
	echo "$seed" > /sys/bus/dax/drivers/device_dax/bind
}
state() { upstream-daxctl list -RDiM; }
# is WHAT GOT WANT
is() { [ "$2" = "$3" ] || fail "$1: got '$2', want '$3'"; }

# both SETUP ARGS...: daxctl ARGS through each tool from reset + SETUP: the same status,
# stdout, summary and state() after (same_from_state)
both() {
	local setup=$1
	shift
	same_from_state "$setup" daxctl "$@"
}

both : create-device -s 64M
is "two regions: devices made" "$(cat /tmp/nd.last)" "created 2 devices"
is "two regions: devices printed (the last made)" "$(jq length /tmp/nd.out)" 1
# one region full: which one comes last decides the status (228, ENOSPC, when it is the full one)
both "fill 1" create-device -s 64M
is "region 1 full: devices made" "$(cat /tmp/nd.last)" "created 1 device"
both "fill 0" create-device -s 64M
is "region 0 full: devices made" "$(cat /tmp/nd.last)" "created 1 device"
both "fill 0; fill 1" create-device
# the listing walks the regions in the same order
both "fill 0" list -RD
reset

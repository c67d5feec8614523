# SPDX-License-Identifier: GPL-2.0-only
# daxctl create-device and destroy-device against upstream-daxctl on a dynamic dax region:
# 256M of guest RAM made soft-reserved on the kernel command line, which dax_hmem turns
# into region hmem.0. Each case runs through both tools from the same state (reset through
# sysfs, then the case's set-up) and must give the same exit status, stdout and summary
# line, and leave the same region (list -RDiM: devices, sizes, aligns, ranges, drivers).
# Where v81 differs from Debian's 76.1, ndkit's v81 result is checked instead.
DIMMS="1G:128K:2M"
APPEND="memmap=256M%512M-1+0xefffffff"
TIMEOUT=480

run modprobe dax_hmem
[ -e /sys/bus/dax/devices/dax0.0 ] ||
	fail "no dax0.0: the soft-reserved range made no hmem region" "$(grep -i soft /proc/iomem)"
REG=$(dirname "$(readlink -f /sys/bus/dax/devices/dax0.0)")/dax_region
[ "$(cat "$REG/size")" = 268435456 ] && [ "$(cat "$REG/id")" = 0 ] ||
	fail "hmem region is not region 0 of 256M" "$(cat "$REG/id" "$REG/size")"
M=1048576

# The region as its devices left it: every device unbound, size 0; all but dax0.0 deleted.
reset() {
	for d in /sys/bus/dax/devices/dax0.*; do
		n=${d##*/}
		[ -e "$d/driver" ] && echo "$n" > "$d/driver/unbind"
		echo 0 > "$d/size"
		[ "$n" = dax0.0 ] || echo "$n" > "$REG/delete"
	done
	[ "$(cat "$REG/available_size")" = 268435456 ] || fail "reset left capacity in use"
}
# make_dev MIB [off]: a device of MIB MiB made through sysfs, bound to device_dax unless off
make_dev() {
	echo 1 > "$REG/create"
	seed=$(cat "$REG/seed")
	echo $(($1 * M)) > "/sys/bus/dax/devices/$seed/size"
	[ "${2:-}" = off ] || echo "$seed" > /sys/bus/dax/drivers/device_dax/bind
}
unbind() { echo "$1" > "/sys/bus/dax/devices/$1/driver/unbind"; }
# the region as upstream lists it (kernfs keeps a directory in the same order for the same names)
state() { upstream-daxctl list -RDiM -r 0; }

# both SETUP ARGS...: daxctl ARGS through each tool from reset + SETUP: the same status,
# stdout, summary and state() after (same_from_state)
both() {
	local setup=$1
	shift
	same_from_state "$setup" daxctl "$@"
}
# created: the case printed a device and the region shows it
created() {
	[ -s /tmp/nd.out ] && grep -q '"chardev":"dax0.[1-9]"' /tmp/nd.out ||
		fail "$*: no device printed" "$(cat /tmp/nd.out /tmp/nd.err)"
}
# has DEV: the region after ndkit's case lists DEV
has() { jq -e --arg n "$1" '[.. | objects | .chardev? // empty] | index($n) != null' /tmp/nd.state > /dev/null; }
# v81 SETUP RC PATTERN ARGS...: ndkit alone, where v81 and 76.1 differ: status RC, stderr
# matching PATTERN (grep -E); a usage error (129) or a refused value (234) leaves the
# region as it was
v81() {
	setup=$1 rc=$2 pattern=$3; shift 3
	reset; eval "$setup"; state > /tmp/before.state
	capture nd daxctl "$@"; state > /tmp/nd.state
	[ "$(cat /tmp/nd.rc)" = "$rc" ] || fail "$*: ndkit exits $(cat /tmp/nd.rc), v81 $rc" "$(cat /tmp/nd.err)"
	grep -qE "$pattern" /tmp/nd.err || fail "$*: no '$pattern' in stderr" "$(cat /tmp/nd.err)"
	case $rc in 129|234) cmp -s /tmp/before.state /tmp/nd.state ||
		fail "$*: refused but changed the region" "$(diff /tmp/before.state /tmp/nd.state)" ;;
	esac
	echo "v81: daxctl $* (after '$setup'): exit $rc, $(cat /tmp/nd.last)"
}

# --- create-device: with and without -s, -u, -a, a second device, a seed left over
both : create-device; created create-device
both : create-device -s 64M; created -s 64M
both : create-device -u -s 32M; created -u
both : create-device -s 64M -a 2M; created -a 2M
both "make_dev 64" create-device -s 64M; created second
both "make_dev 64" create-device -r 0
both "make_dev 64 off" create-device -s 128M -r region0
both "echo 1 > $REG/create" create-device -s 64M; created over a seed
# --- list over several devices of a region: upstream's order (each put in front as met)
both "make_dev 64; make_dev 32; make_dev 16" list -RDiM -r 0
both "make_dev 64; make_dev 32 off; make_dev 16" list -D
[ "$(jq length /tmp/nd.out)" -ge 2 ] || fail "list -D: fewer than two devices: the order is not tested" "$(cat /tmp/nd.out)"
# --input: a device put back at the physical range its saved JSON names
reset; make_dev 64; make_dev 64
upstream-daxctl list -M -d dax0.2 | jq '.[0]' > /tmp/in.json
grep -q '"mappings"' /tmp/in.json || fail "no mappings to save" "$(cat /tmp/in.json)"
both : create-device --input /tmp/in.json; created --input
start=$(jq '.mappings[0].start' /tmp/in.json)
jq -e --argjson s "$start" '[.. | objects | .start? // empty] | index($s) != null' /tmp/nd.state \
	> /dev/null ||
	fail "--input did not place the device at its saved range" "$(cat /tmp/nd.state)"
echo '[1]' > /tmp/bad.json
both : create-device --input /tmp/bad.json

# --- create-device refusals: no capacity, sizes and aligns the kernel refuses, no region
both "make_dev 256" create-device
both : create-device -s 0
both : create-device -s 3M
both : create-device -s 512M
both : create-device -s 64M -a 3M
both : create-device -s 64M -a 1G
both : create-device -r 5

# --- destroy-device: disabled, forced, refused while enabled, -r, all
both "make_dev 64; unbind dax0.1" destroy-device dax0.1
both "make_dev 64" destroy-device -f dax0.1
both "make_dev 64" destroy-device dax0.1
both "make_dev 64 off" destroy-device -r 0 dax0.1
both "make_dev 64; make_dev 32; unbind dax0.2" destroy-device -r 0 dax0.2
both : destroy-device

# --- where ndkit follows v81, not 76.1
# daxX.0 is kept by the kernel: v81 counts it destroyed (76.1: EBUSY, 240)
v81 : 0 "^destroyed 1 device$" destroy-device dax0.0
# a failure among several: v81's status is the failure's (76.1: the last device's, 0)
v81 "make_dev 64; make_dev 32; unbind dax0.2" 250 "^destroyed 2 devices$" destroy-device all
has dax0.1 && ! has dax0.2 ||
	fail "destroy-device all: dax0.1 (enabled) must stay, dax0.2 go" "$(cat /tmp/nd.state)"
# create-device takes no device (76.1 ignored one); ndkit refuses a size it cannot read
# (upstream takes it for "not given" and uses all the capacity)
v81 : 129 '^unknown extra parameter "dax0.0"$' create-device dax0.0
v81 : 234 "^error: cannot read size 'foo': give bytes or a number with K, M, G or T" \
	create-device -s foo
v81 : 234 "^error: cannot read align '2X'" create-device -a 2X
reset

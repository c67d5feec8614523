# SPDX-License-Identifier: GPL-2.0-only
# What ndkit computes for a set of DIMMs, on nfit_test's interleaved regions (2 and 4 DIMMs)
# and its second bus (a read-only region on a DIMM flagged failed, a region with no DIMM):
# regions and namespaces as upstream lists them, available_size and max_available_extent as
# the kernel says, the interleave-set cookie ndkit's label engine computes from the NFIT's
# mappings as the kernel's (v1.1 and v1.2), creates that write one label per DIMM with
# nlabel = ways, the DIMM's position and the cookie, sizes refused as upstream refuses them
# (align x ways), from the test pattern, v1.1 and v1.2 labels, with holes.
NFIT_TEST=1
HOST_SETUP='b=$(dirname "$(command -v ndctl)")/../..; cp -L "$b/lib/ndctl/libndctl.so.0" "$b/lib/daxctl/libdaxctl.so.0" host-data/'
TIMEOUT=900

U=upstream-ndctl
SYS=/sys/bus/nd/devices
R2= R4=
for r in $SYS/region*; do
	case $(cat $r/mappings) in 2) R2=${r##*/} ;; 4) R4=${r##*/} ;; esac
done
[ -n "$R2" ] && [ -n "$R4" ] || fail "nfit_test.0's 2- and 4-DIMM regions are missing" "$(ls $SYS)"
DIMMS0=$(for i in 0 1 2 3; do cut -d, -f1 $SYS/$R4/mapping$i; done)

# nfit_test's NFIT (tools/testing/nvdimm/test/nfit.c): each set's region_offset by DIMM handle
offset_of() { # REGION HANDLE
	case $1:$2 in
	$R2:0) echo 1 ;; $R2:1) echo 256 ;;
	$R4:0) echo 65536 ;; $R4:1) echo 16777216 ;; $R4:256) echo 4294967296 ;; $R4:257) echo 1099511627776 ;;
	*) fail "no region_offset for $1 handle $2" ;;
	esac
}

# the cookie ndkit's ndctl_label_iset_cookie() computes for REGION's DIMMs, VERSION 1 or 2
# (the built libraries, copied by HOST_SETUP)
lib=/ndkit/data/libndctl.so.0
[ -e "$lib" ] || fail "no $lib (HOST_SETUP copies it from the build)"
cookie() { # REGION VERSION
	local maps="" i d
	for i in $(seq 0 $(($(cat $SYS/$1/mappings) - 1))); do
		d=$(cut -d, -f1 $SYS/$1/mapping$i)
		# the DCR's fields as the kernel hashes them (raw, little-endian): sysfs shows
		# serial big-endian; id is vendor-location-date-serial, vendor and date swapped
		maps="$maps $(offset_of $1 $(($(cat $SYS/$d/nfit/handle)))),$(cat $SYS/$d/nfit/serial),$(cat $SYS/$d/nfit/id)"
	done
	python3 - "$lib" "$2" $maps <<'PY'
import ctypes, sys
class Map(ctypes.Structure):
    _fields_ = [("region_offset", ctypes.c_uint64), ("serial", ctypes.c_uint32),
                ("vendor_id", ctypes.c_uint16), ("mfg_date", ctypes.c_uint16),
                ("mfg_location", ctypes.c_uint8)]
swap = lambda v, n: int.from_bytes(v.to_bytes(n, "big"), "little")
ctypes.CDLL(sys.argv[1].replace("libndctl", "libdaxctl"), mode=ctypes.RTLD_GLOBAL)
lib = ctypes.CDLL(sys.argv[1])
lib.ndctl_label_iset_cookie.restype = ctypes.c_uint64
maps = (Map * (len(sys.argv) - 3))()
for m, arg in zip(maps, sys.argv[3:]):
    off, serial, ident = arg.split(",")
    vendor, loc, date, _ = ident.split("-")
    m.region_offset, m.serial = int(off), swap(int(serial, 16), 4)
    m.vendor_id, m.mfg_date, m.mfg_location = swap(int(vendor, 16), 2), swap(int(date, 16), 2), int(loc, 16)
print(hex(lib.ndctl_label_iset_cookie(maps, len(maps), int(sys.argv[2]))))
PY
}

# nfit_test's buses scrub after a region is enabled: wait (30 s at most) for the end, so
# that two lists agree on "scrub_state"
scrub_idle() {
	local i
	for i in $(seq 300); do grep -qs '+' $SYS/ndbus*/nfit/scrub || return 0; sleep 0.1; done
}

# regions and namespaces of both buses as upstream lists them; each region's free space
# as the kernel counts it (none in a label-less region)
same_view() { # WHAT
	run ndctl list -RN -v > /tmp/nd.json
	run $U list -RN -v > /tmp/up.json
	json_same /tmp/up.json /tmp/nd.json
	expect_match "$R4" "$(cat /tmp/nd.json)"
	# buses (scrub_state, once no scrub runs) and DIMMs (their NFIT flags, security)
	scrub_idle
	run ndctl list -BDi > /tmp/nd.json
	run $U list -BDi > /tmp/up.json
	json_same /tmp/up.json /tmp/nd.json
	expect_match '"scrub_state":"idle"' "$(jq -c '.[]' /tmp/nd.json)"
	expect_match '"flag_failed_' "$(cat /tmp/nd.json)"
	for r in $R2 $R4 $(ls -d $SYS/region* | sed 's|.*/||'); do
		run ndctl list -R -r $r | jq 'if type == "array" then .[0] else . end' > /tmp/r.json
		for a in available_size max_available_extent; do
			# a label-less region (nstype 4, namespace_io) has none to give, as upstream says
			k=$(cat $SYS/$r/$a)
			[ "$(cat $SYS/$r/nstype)" != 4 ] || k=0
			[ "$(jq ".$a // 0" /tmp/r.json)" = "$k" ] ||
				fail "$1: $r $a: ndkit $(jq ".$a" /tmp/r.json), kernel $(cat $SYS/$r/$a) (nstype $(cat $SYS/$r/nstype))"
		done
	done
	echo "$1: regions, namespaces and free space the same"
}

# every DIMM of REGION holds one label of NAME's namespace: nlabel = ways, the DIMM's
# position, the kernel's cookie, which is ndkit's for VERSION
labels_of() { # REGION NAME VERSION
	local ways want i d pos
	ways=$(cat $SYS/$1/mappings)
	want=$(cookie $1 $3)
	[ "$want" = "$(cat $SYS/$1/set_cookie)" ] ||
		fail "$1: ndkit's v$3 cookie $want, the kernel's $(cat $SYS/$1/set_cookie)"
	for i in $(seq 0 $((ways - 1))); do
		d=$(cut -d, -f1 $SYS/$1/mapping$i)
		pos=$(cut -d, -f4 $SYS/$1/mapping$i)
		# -u: the cookie in hex, a string (jq's numbers are doubles)
		run ndctl read-labels -j -u $d | jq -c --arg n "$2" '[.[0].label[] | select(.name == $n)
			| {nlabel, position, isetcookie}]' > /tmp/l.json
		[ "$(cat /tmp/l.json)" = "[{\"nlabel\":$ways,\"position\":$pos,\"isetcookie\":\"$want\"}]" ] ||
			fail "$1: $d's label of $2: $(cat /tmp/l.json), want nlabel $ways, position $pos, cookie $want"
	done
	echo "$1 ($ways DIMMs, v$3): $2's labels and cookie $want agree with the kernel"
}

# both tools from the same state: exit status and summary lines; a namespace made is undone
same_create() { # ARGS...
	local urc nrc
	$U create-namespace "$@" > /tmp/up.out 2> /tmp/up.err && urc=0 || urc=$?
	[ "$urc" != 0 ] || run $U destroy-namespace -f "$(jq -r .dev /tmp/up.out)" > /dev/null 2>&1
	ndctl create-namespace "$@" > /tmp/nd.out 2> /tmp/nd.err && nrc=0 || nrc=$?
	[ "$nrc" != 0 ] || run $U destroy-namespace -f "$(jq -r .dev /tmp/nd.out)" > /dev/null 2>&1
	[ "$urc" = "$nrc" ] || fail "create-namespace $*: ndkit exit $nrc, upstream $urc" "$(cat /tmp/nd.err /tmp/up.err)"
	[ "$(grep '^failed to' /tmp/up.err)" = "$(grep '^failed to' /tmp/nd.err)" ] ||
		fail "create-namespace $*: summaries differ" "$(cat /tmp/nd.err /tmp/up.err)"
	echo "create-namespace $*: exit $nrc in both"
}

# 1. as nfit_test loads it: a test pattern in the label areas, no index
same_view "test pattern"

# 2. v1.1 labels, upstream's namespaces with a hole on the 4-DIMM region, one on the 2-DIMM
run $U disable-region all > /dev/null 2>&1
run $U init-labels -f $DIMMS0 > /dev/null 2>&1
run $U enable-region all > /dev/null 2>&1
for n in a b c; do run $U create-namespace -r $R4 -m raw -s 16M -n up-$n > /dev/null; done
run $U destroy-namespace -f "$(ndctl list -N -r $R4 | jq -r '.[] | select(.name == "up-b") | .dev')" > /dev/null 2>&1
run $U create-namespace -r $R2 -m fsdax -s 16M -n up-two > /dev/null
same_view "v1.1, upstream's namespaces"
labels_of $R4 up-a 1
labels_of $R2 up-two 1
# the hole is one 16 MiB extent, the tail another: ndkit's default size is the largest
for r in $R4 $R2; do
	for s in 8M 24M 20M 48M; do same_create -r $r -m raw -s $s; done
done
same_create -r $R4 -m fsdax -a 1G
same_create -r $R4 -m devdax -a 2M -s 16M

# 3. v1.2 labels, ndkit's namespaces: the kernel takes them back after a region cycle
run $U disable-region all > /dev/null 2>&1
run $U init-labels -f -V 1.2 $DIMMS0 > /dev/null 2>&1
run $U enable-region all > /dev/null 2>&1
run ndctl create-namespace -r $R4 -m fsdax -s 32M -n nd-four > /dev/null
run ndctl create-namespace -r $R2 -m devdax -a 2M -s 16M -n nd-two > /dev/null
run $U list -N > /tmp/before.json
run $U disable-region all > /dev/null 2>&1
run $U enable-region all > /dev/null 2>&1
run $U list -N > /tmp/after.json
json_same /tmp/before.json /tmp/after.json
same_view "v1.2, ndkit's namespaces"
labels_of $R4 nd-four 2
labels_of $R2 nd-two 2
for s in 8M 16M 40M; do same_create -r $R4 -m raw -s $s; done
same_create -r $R2 -m sector -s 16M

# nfit_test.1: the read-only region on a failed DIMM, the region with no DIMM
for r in $(ls -d $SYS/region* | sed 's|.*/||'); do
	case $r in $R2|$R4) continue ;; esac
	same_create -r $r -m raw -s 4M
	same_create -r $r -m fsdax
done

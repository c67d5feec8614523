# SPDX-License-Identifier: GPL-2.0-only
# The capture sequence, run in the guest harness by tests/data/capture/capture.sh (not a
# scenario of the guest suite). Only the real kernel and upstream ndctl write labels here.
# Every boot first prints what the kernel assembled from the labels the previous boot left
# (the oracle for that state), then changes the labels and prints the new areas with upstream's
# read-labels and check-labels. Blobs go to the console between @@CAPTURE markers.
DIMMS="1G:128K:2M 1G:2M:128M"
BOOTS=9
TIMEOUT=400

UP=upstream-ndctl
STATES="fresh v1.1-after-init v1.1-after-create v1.1-after-destroy v1.2-after-init v1.2-after-create v1.2-after-destroy many-v1.1 many-v1.2"

# emit NAME FILE: a file as gzip+base64 with its sha256, so the host can prove it intact.
emit() {
	echo "@@CAPTURE BEGIN $1 $(sha256sum < "$2" | cut -d' ' -f1)"
	gzip -9 -c < "$2" | base64
	echo "@@CAPTURE END $1"
}

# emit_cmd NAME CMD...: CMD's stdout and its exit status.
emit_cmd() {
	local name=$1 rc
	shift
	"$@" > /tmp/emit.out 2> /tmp/emit.err && rc=0 || rc=$?
	echo "$rc" > /tmp/emit.rc
	emit "$name" /tmp/emit.out
	emit "$name.rc" /tmp/emit.rc
}

state_name() { echo "$STATES" | tr ' ' '\n' | sed -n "${1}p"; }

# The label areas as the kernel's DSM path returns them, and what upstream says of them.
capture_areas() {	# STATE
	local d
	for d in 0 1; do
		run $UP read-labels -o /tmp/area nmem$d
		emit "nvdimm$d-$1.lsa" /tmp/area
		emit_cmd "nvdimm$d-$1.upstream-read-labels.json" $UP read-labels -j nmem$d
		emit_cmd "nvdimm$d-$1.upstream-check-labels" $UP check-labels nmem$d
	done
}

# What the kernel assembled at boot from the labels: each DIMM's region and its labelled
# namespaces (size > 0), straight from sysfs, and upstream's list of them.
attr() { cat "$1" 2>/dev/null || echo -; }

capture_kernel_view() {	# STATE
	local r m dimm ns
	for r in $NDKIT_SYS/region*; do
		m=$(cat "$r/mapping0")
		dimm=${m%%,*}
		{
			echo "region $(basename "$r") resource=$(cat "$r/resource") mapping0=$m"
			# name last: it may hold spaces
			for ns in "$r"/namespace[0-9]*; do
				[ "$(attr "$ns/size")" != 0 ] || continue
				echo "namespace $(basename "$ns") uuid=$(attr "$ns/uuid") size=$(attr "$ns/size")" \
					"resource=$(attr "$ns/resource") holder_class=$(attr "$ns/holder_class")" \
					"name=$(attr "$ns/alt_name")"
			done
		} > /tmp/view
		emit "nvdimm${dimm#nmem}-$1.kernel-namespaces" /tmp/view
		emit_cmd "nvdimm${dimm#nmem}-$1.upstream-list.json" $UP list -N -v -i -r "$(basename "$r")"
	done
}

# uuid N: the Nth fixed uuid, so that a second capture writes the same labels.
uuid() { printf '6e6b6974-0000-4000-8000-%012d\n' "$1"; }

relabel() {	# VERSION
	run $UP disable-region all
	run $UP init-labels -f -V "$1" all
	run $UP enable-region all
}

create_basic() {
	run $UP create-namespace -r region0 -m fsdax -a 2M -s 256M -u "$(uuid 1)" > /dev/null
	run $UP create-namespace -r region0 -m sector -s 64M -u "$(uuid 2)" > /dev/null
	run $UP create-namespace -r region1 -m devdax -a 2M -u "$(uuid 3)" > /dev/null
}

# create_try ARGS...: a create the kernel may refuse (recorded, not fatal): upstream with 1.1
# labels cannot enable a small sector namespace and then refuses later creates in the region.
create_try() {
	if $UP create-namespace "$@" > /dev/null 2> /tmp/create.err; then
		echo "capture: created: $*"
	else
		echo "capture: refused: $* ($(tail -n 1 /tmp/create.err))"
	fi
}

# upstream list prints a bare object for one namespace, an array for more
EACH='(if type == "array" then .[] else . end)'
NAME63=abcdefghijklmnopqrstuvwxyz-ABCDEFGHIJKLMNOPQRSTUVWXYZ-012345678

# 16 namespaces of 16-48 MiB in rotating modes on region0, every third destroyed, three more
# into the freed space and slots; three named ones on region1.
create_many() {
	local i mode size name
	for i in $(seq 1 16); do
		case $((i % 4)) in
		1) mode="-m devdax -a 2M" ;;
		2) mode="-m sector" ;;
		3) mode="-m raw" ;;
		0) mode="-m fsdax -a 2M" ;;
		esac
		size=$((16 + 16 * (i % 3)))M
		case $i in
		1) name="" ;;
		2) name=$NAME63 ;;
		*) name=ns$i ;;
		esac
		# shellcheck disable=SC2086
		create_try -r region0 $mode -s $size -n "$name" -u "$(uuid $((100 + i)))"
	done
	for i in 3 6 9 12 15; do
		ns=$(grep -l "^$(uuid $((100 + i)))\$" $NDKIT_SYS/region0/namespace[0-9]*/uuid 2>/dev/null |
			head -n 1 | xargs -r dirname | xargs -r basename)
		[ -z "$ns" ] || run $UP destroy-namespace -f "$ns" > /dev/null
	done
	for i in 1 2 3; do
		create_try -r region0 -m fsdax -a 2M -s 32M -n "again$i" -u "$(uuid $((200 + i)))"
	done
	create_try -r region1 -m fsdax -a 2M -s 256M -n b-fsdax -u "$(uuid 301)"
	create_try -r region1 -m devdax -a 2M -s 256M -n b-devdax -u "$(uuid 302)"
	create_try -r region1 -m raw -s 128M -n b-raw -u "$(uuid 303)"
}

# Info blocks as the kernel wrote them, with upstream's reading of them.
capture_infoblocks() {
	local dev mode
	$UP list -N -r region1 | jq -r "$EACH"' | select(.mode == "fsdax" or .mode == "devdax") |
		"\(.dev) \(.mode)"' > /tmp/ib-list
	while read -r dev mode; do
		run $UP disable-namespace "$dev" > /dev/null
		run $UP read-infoblock -o /tmp/ib "$dev"
		emit "infoblock-$mode.ib" /tmp/ib
		emit_cmd "infoblock-$mode.upstream-read-infoblock.json" $UP read-infoblock -j "$dev"
	done < /tmp/ib-list
}

# Boot N starts on state N of STATES (the labels boot N-1 left), writes state N+1.
state=$(state_name "$NDKIT_BOOT")
capture_kernel_view "$state"
[ "$NDKIT_BOOT" -ne 1 ] || capture_areas fresh
case $state in
fresh) relabel 1.1; capture_areas v1.1-after-init ;;
v1.1-after-init) create_basic; capture_areas v1.1-after-create ;;
v1.1-after-create) run $UP destroy-namespace -f all > /dev/null; capture_areas v1.1-after-destroy ;;
v1.1-after-destroy) relabel 1.2; capture_areas v1.2-after-init ;;
v1.2-after-init) create_basic; capture_areas v1.2-after-create ;;
v1.2-after-create) run $UP destroy-namespace -f all > /dev/null; capture_areas v1.2-after-destroy ;;
v1.2-after-destroy) relabel 1.1; create_many; capture_areas many-v1.1 ;;
many-v1.1) relabel 1.2; create_many; capture_areas many-v1.2 ;;
many-v1.2) capture_infoblocks ;;
esac

#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# --cxl-pmem: two CXL type-3 pmem devices (one on file= backends, one on the run's temporary
# files), no vNVDIMM. Boot 1: ndkit's ndctl sees the CXL bus, its two nmems and a pmem region
# each (made before COMMAND with the host's `cxl` tool), makes an fsdax namespace in each and
# writes into it. Boot 2: the same namespaces (uuid, mode, size) are back in the re-created
# regions and the data reads back; then the regions are destroyed and made again with ndkit-cxl's
# sysfs writes (the way without a `cxl` tool), and the namespaces and data are there again.
# On the host afterwards, ndkit's ndctl reads the file= device's label area offline from its
# LSA backend (the label area from offset 0).
. "$(dirname "$0")/../../unit/qemu/lib.sh" "$1"
ndctl=$(dirname "$Q")/../ndctl/ndctl

cat > guest.sh <<'GUEST'
#!/bin/bash
set -euo pipefail
# namespaces: "uuid mode size blockdev" per namespace on the CXL bus, sorted
namespaces() { ndctl list -b CXL -N | jq -r '.[] | "\(.uuid) \(.mode) \(.size) \(.blockdev)"' | sort; }
# the first 64 bytes of each namespace: its own uuid, written in boot 1
contents() {
	namespaces | while read -r uuid mode size dev; do
		echo "$uuid $(head -c 64 "/dev/$dev" | tr -d '\0 ')"
	done
}
if [ "$NDKIT_BOOT" = 1 ]; then
	ndctl list -B | jq -r '[.[].provider] | sort | join(" ")' > buses.txt
	ndctl list -b CXL -D | jq -r '[.[].dev] | sort | join(" ")' > dimms.txt
	ndctl list -b CXL -R | jq -r '[.[] | "\(.type) \(.size)"] | join(", ")' > regions.txt
	ndctl disable-region -b CXL all
	ndctl init-labels -f -b CXL all > /dev/null
	ndctl enable-region -b CXL all
	for r in $(ndctl list -b CXL -R | jq -r '.[].dev'); do
		ndctl create-namespace -b CXL -r "$r" -m fsdax -s 128M > /dev/null
	done
	namespaces | while read -r uuid mode size dev; do
		printf '%-64s' "$uuid" | dd of="/dev/$dev" bs=4096 conv=sync,fsync status=none
	done
	namespaces > boot1.txt
	ndctl list -b CXL -N -v | jq -r '.[].raw_uuid' > raw-uuids.txt
else
	namespaces > boot2.txt
	contents > data2.txt
	for r in $(cd /sys/bus/cxl/devices && ls -d region*); do
		cxl destroy-region -f "$r" 2> /dev/null
	done
	ls -d /sys/bus/cxl/devices/region* > regions-left.txt 2> /dev/null || true
	NDKIT_CXL_SYSFS=1 ndkit-cxl 2 /
	for i in $(seq 400); do
		[ "$(ndctl list -b CXL -N | jq length)" = 2 ] && break
		sleep 0.05
	done
	namespaces > sysfs.txt
	contents > data-sysfs.txt
fi
GUEST
chmod +x guest.sh
"$Q" run --boots 2 --cxl-pmem 256M,file=cxl0.img --cxl-pmem 256M,lsa=256K -- ./guest.sh \
	> out.txt 2> err.txt
expect_eq "exit status" "$?" 0
grep 'CXL pmem\|COMMAND started\|exit' err.txt	# the layout and the times, for the log
expect_eq "progress line" "$(grep -o 'CXL pmem on q35: .*' err.txt | sed 's|/tmp/[^)]*/|TMP/|')" \
	"CXL pmem on q35: 256M with a 128K LSA (cxl0.img); 256M with a 256K LSA (TMP/cxl-pmem1.img); regions created before COMMAND"
expect_eq "buses" "$(cat buses.txt)" "CXL"
expect_eq "nmems" "$(cat dimms.txt)" "nmem0 nmem1"
expect_eq "regions" "$(cat regions.txt)" "pmem 268435456, pmem 268435456"
expect_eq "two fsdax namespaces in boot 1" "$(awk '{print $2}' boot1.txt | tr '\n' ' ')" \
	"fsdax fsdax "
expect_eq "the same namespaces in boot 2" "$(cat boot2.txt)" "$(cat boot1.txt)"
expect_eq "boot 1's data in boot 2" "$(cat data2.txt)" "$(awk '{print $1, $1}' boot1.txt)"
expect_eq "regions destroyed" "$(cat regions-left.txt)" ""
expect_eq "the same namespaces after the sysfs way" \
	"$(awk '{print $1, $2, $3}' sysfs.txt)" "$(awk '{print $1, $2, $3}' boot1.txt)"
expect_eq "the data after the sysfs way" "$(cat data-sysfs.txt)" "$(cat data2.txt)"
expect_eq "backends kept" "$(stat -c %s cxl0.img cxl0.img.lsa | tr '\n' ' ')" "268435456 131072 "
tmp=$(grep -o '(/tmp/[^)]*/cxl-pmem1.img)' err.txt | tr -d '()')
expect_eq "temporary backends removed" "$(ls "$tmp" "$tmp.lsa" "$(dirname "$tmp")" 2>&1 |
	grep -vc 'No such file')" 0
# Offline on the host: the LSA backend is the label area from offset 0.
"$ndctl" read-labels -j cxl0.img.lsa > labels.json 2> labels.err
expect_eq "read-labels on the LSA file" "$?" 0
labels=$(jq -r '.[].label[].uuid' labels.json)
expect_eq "one label, of a boot 1 namespace (its raw uuid)" \
	"$(grep -cxF "$labels" raw-uuids.txt)" 1
finish run-cxl-pmem

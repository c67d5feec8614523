#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# --legacy-pmem: two e820 pmem regions (memmap=) beside a vNVDIMM, as fstests' DAX configurations
# use them: /dev/pmem0 and /dev/pmem1 ready when COMMAND starts, on the e820 bus's region0 and
# region1 at the addresses the progress line gave, ndkit's ndctl list equal to upstream's, and
# a DAX ext4 on /dev/pmem0.
. "$(dirname "$0")/../../unit/qemu/lib.sh" "$1"

cat > guest.sh <<'GUEST'
#!/bin/bash
set -euo pipefail
for d in /dev/pmem0 /dev/pmem1; do [ -b "$d" ] && echo "$d"; done > disks.txt
ndctl list -B | jq -r '[.[].provider] | sort | join(" ")' > buses.txt
ndctl list -b e820 -R | jq -r '[.[] | "\(.dev) \(.size)"] | sort | join(", ")' > regions.txt
for r in region0 region1; do cat "/sys/bus/nd/devices/$r/resource"; done > starts.txt
sorted() { "$1" list -RN | jq -S '[.. | objects | select(has("mappings") or has("namespaces"))]
	| sort_by(.dev)'; }
diff <(sorted ndctl) <(sorted upstream-ndctl) > list.diff || true
ndctl list -RN > list.json
mkfs.ext4 -q -F -b 4096 /dev/pmem0
mkdir -p /mnt/pmem0 && mount -o dax /dev/pmem0 /mnt/pmem0
echo hello > /mnt/pmem0/f && sync
grep ' /mnt/pmem0 ' /proc/mounts | grep -o 'dax[=a-z]*' > dax.txt
cat /proc/cmdline > cmdline.txt
GUEST
chmod +x guest.sh
"$Q" run --legacy-pmem 512M --legacy-pmem 512M --nvdimm 1G -- ./guest.sh > out.txt 2> err.txt
expect_eq "exit status" "$?" 0
grep 'legacy pmem\|COMMAND started' err.txt	# the layout and the times, for the log
expect_eq "progress line" "$(grep -o 'legacy pmem .*' err.txt)" \
	"legacy pmem memmap=512M!1G memmap=512M!1536M (/dev/pmem0../dev/pmem1), QEMU -m 2176M for guest RAM 1G"
expect_eq "disks before COMMAND" "$(cat disks.txt)" "/dev/pmem0
/dev/pmem1"
expect_eq "buses" "$(cat buses.txt)" "ACPI.NFIT e820"
expect_eq "e820 regions" "$(cat regions.txt)" "region0 536870912, region1 536870912"
expect_eq "where the progress line put them" "$(cat starts.txt)" "0x40000000
0x60000000"
expect_eq "ndkit's ndctl list -RN equals upstream's" "$(cat list.diff)" ""
expect_eq "the legacy namespace" "$(jq -r '.. | objects | select(.dev? == "namespace0.0") |
	"\(.dev) \(.mode) \(.map) \(.size) \(.blockdev)"' list.json)" \
	"namespace0.0 fsdax mem 536870912 pmem0"
expect_eq "ext4 mounted with DAX" "$(cat dax.txt)" "dax=always"
expect_eq "memmap= on the kernel command line" "$(grep -o 'memmap=[^ ]*' cmdline.txt | tr '\n' ' ')" \
	"memmap=512M!1G memmap=512M!1536M "
finish run-legacy-pmem

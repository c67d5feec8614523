#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# --numa 2 with a DIMM on node 1 (--nvdimm 1G,node=1): the guest has two nodes sharing its RAM
# and the DIMM's region is on node 1 (numa_node, target_node), as ndkit's and upstream's ndctl
# list both say; --append reaches /proc/cmdline; --qemu-arg and --gdb are taken by QEMU; the
# kernel comes as --kernel FILE --modules DIR, DIR laid out as `make modules_install
# INSTALL_MOD_PATH=DIR` leaves it (DIR/lib/modules/VERSION).
. "$(dirname "$0")/../../unit/qemu/lib.sh" "$1"

cache=${NDKIT_GUEST_CACHE:-/var/cache/ndkit-guest}
kdir=$(ls -d "$cache"/kernel-* 2>/dev/null | sort -V | tail -n 1)
[ -n "$kdir" ] || { echo "no guest kernel in $cache: skipped"; exit 77; }
kver=${kdir##*/kernel-}
mkdir -p imp/lib/modules && ln -s "$kdir/lib/modules/$kver" "imp/lib/modules/$kver"
port=$((20000 + $$ % 20000))

cat > guest.sh <<'GUEST'
#!/bin/bash
set -euo pipefail
cat /sys/devices/system/node/online > online.txt
for n in 0 1; do
	awk '/MemTotal/ {print $4}' "/sys/devices/system/node/node$n/meminfo"
done > node-mem.txt
r=/sys/bus/nd/devices/region0
echo "$(cat $r/numa_node) $(cat $r/target_node)" > region-nodes.txt
nodes() { "$1" list -R -v | jq -r '.. | objects | select(.dev? == "region0") |
	"\(.numa_node) \(.target_node)"'; }
echo "$(nodes ndctl) | $(nodes upstream-ndctl)" > list-nodes.txt
cat /proc/cmdline > cmdline.txt
uname -r > kver.txt
GUEST
chmod +x guest.sh
"$Q" run --numa 2 --nvdimm 1G,node=1 --append 'ndkit.test=hello ndkit.more' \
	--qemu-arg -name --qemu-arg guest=ndkit-numa --gdb "$port" \
	--kernel "$kdir/boot/vmlinuz-$kver" --modules imp -- ./guest.sh > out.txt 2> err.txt
expect_eq "exit status" "$?" 0
grep 'NUMA\|gdbstub\|COMMAND started' err.txt	# for the log
expect_eq "progress: the nodes" "$(grep -c '2 NUMA nodes (512M + 512M)' err.txt)" 1
expect_eq "progress: gdbstub" "$(grep -c "QEMU's gdbstub on tcp::$port" err.txt)" 1
expect_eq "two nodes online" "$(cat online.txt)" "0-1"
checks=$((checks + 1))
awk '$1 < 300000 || $1 > 600000 {bad = 1} END {exit bad}' node-mem.txt ||
	fail "each node should hold about 512M: $(cat node-mem.txt)"
expect_eq "region0 on node 1 (numa_node target_node)" "$(cat region-nodes.txt)" "1 1"
expect_eq "ndkit's and upstream's list say so" "$(cat list-nodes.txt)" "1 1 | 1 1"
expect_eq "--append in /proc/cmdline" "$(grep -o 'ndkit\.test=hello ndkit\.more' cmdline.txt)" \
	"ndkit.test=hello ndkit.more"
expect_eq "the --kernel's modules from INSTALL_MOD_PATH" "$(cat kver.txt)" "$kver"
finish run-numa-append

#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# ndctl-qemu run's guest memory and QEMU pass-through options, without a guest (a stand-in QEMU
# records the command line): --legacy-pmem's layout (memmap= words, QEMU's -m, the 3-4 GiB
# hole), --numa's nodes and a DIMM's node=, --append, --qemu-arg, --gdb, --modules as an
# INSTALL_MOD_PATH, and the usage errors of each (129, before QEMU).
here=$(dirname "$(realpath "$0")")
. "$here/lib.sh" "$1"
. "$here/fake-guest.sh"
fake_guest_test

# refused WHAT PATTERN ARGS...: a usage error (129) saying PATTERN, QEMU never started
refused() {
	local what=$1 pat=$2 rc
	shift 2
	rm -f "$FAKE_ARGS"
	"$Q" run $K "$@" -- true > out.txt 2> err.txt
	rc=$?
	expect_eq "$what: exit status" "$rc" 129
	checks=$((checks + 1))
	grep -qE -- "$pat" err.txt || fail "$what: stderr does not match /$pat/: $(cat err.txt)"
	expect_eq "$what: QEMU started" "$([ -e "$FAKE_ARGS" ] && echo yes || echo no)" no
	expect_eq "$what: left behind" "$(ls "$TMPDIR")" ""
}
refused "legacy size not 128M-aligned" \
	"--legacy-pmem 100M: give a size that is a multiple of 128M, e.g. --legacy-pmem 512M" \
	--legacy-pmem 100M
refused "legacy size 0" "--legacy-pmem 0: give a size" --legacy-pmem 0
refused "legacy size not a size" "--legacy-pmem big: give a size" --legacy-pmem big
refused "too many legacy" "more than 8 --legacy-pmem" $(printf -- '--legacy-pmem 128M %.0s' {1..9})
refused "legacy pmem too large for RAM" \
	"32G of legacy pmem with --ram 1G: .*; give at most 16 times --ram \(--ram 2G or more\)" \
	--legacy-pmem 16G --legacy-pmem 16G
refused "numa count" "--numa 9: give a number from 1 to 8" --numa 9 --nvdimm 1G
refused "numa RAM" "--numa 4: each node needs 128M of the guest's RAM; give --ram 512M" \
	--numa 4 --ram 256M --nvdimm 1G
refused "node without numa" "--nvdimm 1G,node=1: the guest has no node 1; add --numa 2" \
	--nvdimm 1G,node=1
refused "node not a number" "--nvdimm 1G,node=x: node=x is not a NUMA node" --numa 2 \
	--nvdimm 1G,node=x
refused "gdb port" "--gdb 70000: give a number from 1 to 65535" --gdb 70000 --nvdimm 1G

# run_args ARGS...: run with the stand-in; the QEMU words in args.txt, the progress in err.txt
run_args() {
	rm -rf kept
	FAKE_STATUS=0 "$Q" run $K --keep kept "$@" -- true > out.txt 2> err.txt
	expect_eq "$* : status" "$?" 0
}
opt() {	# opt OPTION: the value(s) after each OPTION in the recorded QEMU command line
	awk -v o="$1" 'take {print; take = 0} $0 == o {take = 1}' "$FAKE_ARGS"
}
cmdline_extra() { opt -append | sed 's/.*ndkit\.boot=1 *//'; }

# Two regions after 1G of guest RAM: -m grows by them and by the 128M below 4G that the firmware
# uses at RAM's top; they start at 1G and 1.5G.
run_args --legacy-pmem 512M --legacy-pmem 512M
expect_eq "legacy: memmap words" "$(cmdline_extra)" "memmap=512M!1G memmap=512M!1536M"
expect_eq "legacy: -m" "$(opt -m)" "2176M,slots=0,maxmem=2176M"
expect_eq "legacy: progress line" "$(grep -o 'legacy pmem.*' err.txt)" \
	"legacy pmem memmap=512M!1G memmap=512M!1536M (/dev/pmem0../dev/pmem1), QEMU -m 2176M for guest RAM 1G"
expect_eq "legacy: nd_e820 loaded first" \
	"$(cpio -i --quiet --to-stdout ndkit/late < kept/initrd.img | head -n 1)" "kernel/nd_e820.ko"
expect_eq "legacy: the guest knows how many" \
	"$(cpio -i --quiet --to-stdout ndkit/env < kept/initrd.img | grep LEGACY)" "NDKIT_LEGACY=2"
run_args --nvdimm 1G
expect_eq "no legacy: no nd_e820" \
	"$(cpio -i --quiet --to-stdout ndkit/late < kept/initrd.img | grep -c e820)" 0
# RAM that is no 128M multiple: the region starts at the next boundary.
run_args --ram 1000M --legacy-pmem 128M
expect_eq "legacy after 1000M: memmap" "$(cmdline_extra)" "memmap=128M!1G"
expect_eq "legacy after 1000M: -m" "$(opt -m | cut -d, -f1)" "1280M"
# Once -m reaches 3.5G, QEMU keeps 3G below 4G and the rest from 4G: no region reaches into
# the firmware's last 128M below 3G.
run_args --ram 1536M --legacy-pmem 1G --legacy-pmem 1G
expect_eq "legacy over the hole: memmap" "$(cmdline_extra)" "memmap=1G!1536M memmap=1G!4G"
expect_eq "legacy over the hole: -m" "$(opt -m | cut -d, -f1)" "4G"
run_args --ram 3G --legacy-pmem 128M
expect_eq "legacy just below 3.5G: memmap" "$(cmdline_extra)" "memmap=128M!3G"
expect_eq "legacy just below 3.5G: -m" "$(opt -m | cut -d, -f1)" "3328M"
run_args --ram 2560M --legacy-pmem 1G
expect_eq "legacy moved past the hole: memmap" "$(cmdline_extra)" "memmap=1G!4G"
expect_eq "legacy moved past the hole: -m" "$(opt -m | cut -d, -f1)" "4G"
# With --nvdimm: the DIMMs are laid out by plan for QEMU's whole RAM.
run_args --legacy-pmem 1G --nvdimm 1G
"$Q" plan --ram 2176M --nvdimm "1G,file=DIR/nvdimm0.img" 2>/dev/null | tr -d '\\' | tr ' ' '\n' |
	grep -A1 -E '^-(m|object|device)$' | grep -v -- '^--$' > plan-words.txt
grep -A1 -E '^-(m|object|device)$' "$FAKE_ARGS" | grep -v -- '^--$' |
	grep -v -- '-9p-pci' | grep -v '^-device$' | sed "s|$T/kept/|DIR/|" > run-words.txt
expect_eq "legacy and --nvdimm: plan's layout for -m 2176M" "$(cat run-words.txt)" \
	"$(grep -v '^-device$' plan-words.txt)"

# --numa: the RAM split between the nodes, each DIMM on its node=.
run_args --numa 2 --ram 1G --nvdimm 1G,node=1 --nvdimm 512M,label-size=256K
expect_eq "numa: nodes" "$(opt -numa)" "node,nodeid=0,memdev=ndkit-node0
node,nodeid=1,memdev=ndkit-node1"
expect_eq "numa: their RAM" "$(opt -object | grep ndkit-node)" \
	"memory-backend-ram,id=ndkit-node0,size=536870912
memory-backend-ram,id=ndkit-node1,size=536870912"
expect_eq "numa: node= on the first DIMM only" "$(opt -device | grep '^nvdimm')" \
	"nvdimm,id=nvdimm0,memdev=nvmem0,label-size=128K,slot=0,node=1
nvdimm,id=nvdimm1,memdev=nvmem1,label-size=256K,slot=1"
expect_eq "numa: progress" "$(grep -c '2 NUMA nodes (512M + 512M)' err.txt)" 1
# With legacy pmem the last node holds the regions too.
run_args --numa 2 --legacy-pmem 512M
expect_eq "numa and legacy: node sizes" "$(opt -object | grep ndkit-node | sed 's/.*size=//')" \
	"536870912
1207959552"

# --append, --qemu-arg, --gdb.
NDKIT_RUN_APPEND=loglevel=7 run_args --nvdimm 1G --append 'foo=1 bar' --append baz
expect_eq "--append: after ours, before NDKIT_RUN_APPEND" "$(cmdline_extra)" "foo=1 bar baz loglevel=7"
run_args --nvdimm 1G --append x --no-append
expect_eq "--no-append" "$(cmdline_extra)" ""
run_args --nvdimm 1G --qemu-arg -name --qemu-arg 'guest=t,debug-threads=on'
expect_eq "--qemu-arg: last, as given" "$(tail -n 2 "$FAKE_ARGS")" "-name
guest=t,debug-threads=on"
run_args --nvdimm 1G --gdb 1234
expect_eq "--gdb" "$(opt -gdb)" "tcp::1234"
expect_eq "--gdb: said" "$(grep -c "QEMU's gdbstub on tcp::1234" err.txt)" 1

# --modules DIR as a `make modules_install INSTALL_MOD_PATH=DIR`: DIR/lib/modules/VERSION, the
# kernel's version (from its bzImage header) among several, or the only one.
mkdir -p imp/lib/modules
cp -r "$T/mods" imp/lib/modules/6.99.0-dev
run_args --kernel "$T/kernel" --modules imp --nvdimm 1G
expect_eq "INSTALL_MOD_PATH, one version" \
	"$(cpio -i --quiet --to-stdout ndkit/env < kept/initrd.img | grep KVER)" "NDKIT_KVER='6.99.0-dev'"
cp -r "$T/mods" imp/lib/modules/6.98.0-old
head -c 4096 /dev/zero > bzImage
printf 'HdrS' | dd of=bzImage bs=1 seek=$((0x202)) conv=notrunc 2>/dev/null
printf '\x00\x01' | dd of=bzImage bs=1 seek=$((0x20e)) conv=notrunc 2>/dev/null
printf '6.99.0-dev (me@host) #1 SMP\0' | dd of=bzImage bs=1 seek=$((0x300)) conv=notrunc 2>/dev/null
run_args --kernel bzImage --modules imp --nvdimm 1G
expect_eq "INSTALL_MOD_PATH, the kernel's version" \
	"$(cpio -i --quiet --to-stdout ndkit/env < kept/initrd.img | grep KVER)" "NDKIT_KVER='6.99.0-dev'"
# (only this test's folder counts: a build tree under /tmp, as in a package build, is bound too)
expect_eq "modules under /tmp are bound back in the guest" \
	"$(cpio -i --quiet --to-stdout ndkit/binds < kept/initrd.img | grep -c "^$T\(/\|$\)")" \
	"$(case $T in /tmp/*) echo 1 ;; *) echo 0 ;; esac)"
rm -rf kept
finish test-run-memory

#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# `ndctl-qemu check`'s CXL rules: each one with the user guide's CXL line (section 12) broken
# the way it trips, and that line whole, which gives only the cxl-region-boot reminder.
. "$(dirname "$0")/lib.sh"

# run ARGS...: sets $out (JSON findings) and $rc
run() { out=$("$Q" check --json -- "$@" 2>&1); rc=$?; }
# ids ARGS...: $got, the finding ids sorted on one line (and $out, $rc)
ids() { run "$@"; got=$(printf '%s' "$out" | jq -r '[.[].id] | sort | join(" ")'); }

truncate -s 256M pmem.img
truncate -s 1M lsa.img
M="-machine q35,cxl=on"
OM="-object memory-backend-file,id=cxlmem0,share=on,mem-path=pmem.img,size=256M"
OL="-object memory-backend-file,id=cxllsa0,share=on,mem-path=lsa.img,size=1M"
PXB="-device pxb-cxl,id=cxl.0,bus=pcie.0,bus_nr=12"
RP0="-device cxl-rp,id=rp0,bus=cxl.0,port=0,chassis=0,slot=2"
RP1="-device cxl-rp,id=rp1,bus=cxl.0,port=1,chassis=0,slot=3"
T3="-device cxl-type3,bus=rp0,memdev=cxlmem0,lsa=cxllsa0,sn=1,id=cxlpmem0"
FMW="-M cxl-fmw.0.targets.0=cxl.0,cxl-fmw.0.size=4G"

# The good line: one reminder, a warning (exit 0), that names the device.
ids $M $OM $OL $PXB $RP0 $RP1 $T3 $FMW
expect_eq "good line" "$got" "cxl-region-boot"
expect_eq "good line: exit" "$rc" 0
checks=$((checks + 1))
printf '%s' "$out" | grep -q 'cxl create-region.*at every boot.*--cxl-pmem.*cxlpmem0' ||
	fail "cxl-region-boot does not say what to run: $out"
# The same in the text form.
text=$("$Q" check -- $M $OM $OL $PXB $RP0 $RP1 $T3 $FMW 2>&1)
checks=$((checks + 1))
printf '%s' "$text" | grep -q '^warning: -device cxl-type3,.*\[cxl-region-boot\]' ||
	fail "text form: $text"

# One root port: the pass-through decoder that drops writes (an error naming the fix).
ids $M $OM $OL $PXB $RP0 $T3 $FMW
expect_eq "one root port" "$got" "cxl-region-boot cxl-root-ports"
expect_eq "one root port: exit" "$rc" 1
checks=$((checks + 1))
printf '%s' "$out" | grep -q 'writes to the region are dropped.*add a second -device cxl-rp,bus=cxl.0' ||
	fail "cxl-root-ports does not explain: $out"
# No root port named by bus= of that bridge at all is another mistake, not this one.
ids $M $OM $OL $PXB $RP0 -device cxl-rp,id=rp9,bus=other,port=1 $T3 $FMW
expect_eq "second port on another bridge" "$got" "cxl-region-boot cxl-root-ports"

# No serial number.
ids $M $OM $OL $PXB $RP0 $RP1 "${T3%,sn=1,id=cxlpmem0},id=cxlpmem0" $FMW
expect_eq "no sn=" "$got" "cxl-region-boot cxl-serial"
expect_eq "no sn=: exit" "$rc" 1
checks=$((checks + 1))
printf '%s' "$out" | grep -q 'serial.*cookie.*is then 0.*after a reboot.*add sn=N' || fail "cxl-serial does not explain: $out"

ids $M $OM $OL $PXB $RP0 $RP1 "${T3%,sn=1,id=cxlpmem0},sn=0,id=cxlpmem0" $FMW
expect_eq "sn=0" "$got" "cxl-region-boot cxl-serial"
ids $M $OM $OL $PXB $RP0 $RP1 "${T3%,sn=1,id=cxlpmem0},sn=0x10,id=cxlpmem0" $FMW
expect_eq "sn= in hex" "$got" "cxl-region-boot"

# No label storage area: QEMU 7.2 refuses the device; no region reminder then.
ids $M $OM $PXB $RP0 $RP1 -device cxl-type3,bus=rp0,memdev=cxlmem0,sn=1,id=c0 $FMW
expect_eq "no lsa=" "$got" "cxl-lsa"
expect_eq "no lsa=: exit" "$rc" 1

# The backends: a missing one (QEMU refuses), a private or RAM one (writes lost at exit).
ids $M $OM $PXB $RP0 $RP1 $T3 $FMW
expect_eq "lsa= names nothing" "$got" "cxl-backend cxl-region-boot"
expect_eq "lsa= names nothing: exit" "$rc" 1
ids $M $OM "${OL%,share=on,*},mem-path=lsa.img,size=1M" $PXB $RP0 $RP1 $T3 $FMW
expect_eq "LSA without share=on" "$got" "cxl-backend cxl-region-boot"
expect_eq "LSA without share=on: a warning" "$rc" 0
checks=$((checks + 1))
printf '%s' "$out" | grep -q 'the lsa of cxlpmem0: no share=on.*its labels are lost' ||
	fail "cxl-backend does not explain: $out"
ids $M -object memory-backend-ram,id=cxlmem0,size=256M $OL $PXB $RP0 $RP1 $T3 $FMW
expect_eq "memory on RAM" "$got" "cxl-backend cxl-region-boot"
checks=$((checks + 1))
printf '%s' "$out" | grep -q 'the memdev of cxlpmem0: not a file, so its data are lost' ||
	fail "cxl-backend (ram) does not explain: $out"

# The machine: pc, or q35 without cxl=on; q35 with cxl=on but no memory window.
ids -machine pc $OM $OL $PXB $RP0 $RP1 $T3 $FMW
expect_eq "pc machine" "$got" "cxl-machine cxl-region-boot"
expect_eq "pc machine: exit" "$rc" 1
ids -machine q35 $OM $OL $PXB $RP0 $RP1 $T3 $FMW
expect_eq "q35 without cxl=on" "$got" "cxl-machine cxl-region-boot"
ids -machine q35 -machine cxl=on $OM $OL $PXB $RP0 $RP1 $T3 $FMW
expect_eq "cxl=on merged from a second -machine" "$got" "cxl-region-boot"
ids $M $OM $OL $PXB $RP0 $RP1 $T3
expect_eq "no memory window" "$got" "cxl-fmw cxl-region-boot"
expect_eq "no memory window: exit" "$rc" 1

# Two bridges, one of them with one port: only that one is reported.
ids $M $OM $OL $PXB $RP0 $RP1 $T3 \
	-device pxb-cxl,id=cxl.1,bus=pcie.0,bus_nr=16 -device cxl-rp,id=rp2,bus=cxl.1,port=0,chassis=0,slot=4 \
	$FMW
expect_eq "two bridges" "$got" "cxl-region-boot cxl-root-ports"
checks=$((checks + 1))
printf '%s' "$out" | grep -q 'host bridge cxl.1 has one root port' || fail "wrong bridge: $out"

# Nothing CXL: no CXL finding on a vNVDIMM line.
ids -machine pc,nvdimm=on -m 1G,slots=1,maxmem=3G \
	-object memory-backend-file,id=m0,share=on,mem-path=pmem.img,size=256M \
	-device nvdimm,id=nv0,memdev=m0
expect_eq "no CXL device" "$got" ""
# plan --cxl-pmem: its options pass check (the reminder only), --create makes the backends, its
# notes say the three conditions; libvirt output is refused (no CXL element there).
"$Q" plan --create --cxl-pmem 256M --cxl-pmem 512M,lsa=1M,file=d1.img > plan.txt 2> plan.err
expect_eq "plan: exit" "$?" 0
"$Q" check --json -- "$(cat plan.txt)" > planned.json
expect_eq "plan's options: check exit" "$?" 0
expect_eq "plan's options: findings" "$(jq -r '[.[].id] | join(" ")' planned.json)" \
	"cxl-region-boot cxl-region-boot"
expect_eq "plan --create: files" "$(stat -c '%n %s' cxl-pmem0.img cxl-pmem0.img.lsa d1.img d1.img.lsa)" \
	"cxl-pmem0.img 268435456
cxl-pmem0.img.lsa 131072
d1.img 536870912
d1.img.lsa 1048576"
expect_eq "plan: two root ports per bridge" "$(grep -c 'cxl-rp,.*bus=ndkit-cxl1,' plan.txt)" 2
checks=$((checks + 1))
grep -q 'two root ports.*sn=.*at every boot, cxl create-region' plan.err || fail "plan's notes: $(cat plan.err)"
"$Q" plan --format libvirt --cxl-pmem 256M > /dev/null 2> plan.err
expect_eq "plan --format libvirt --cxl-pmem: exit" "$?" 129
expect_eq "plan --format libvirt --cxl-pmem: why" "$(grep -c 'no CXL device element' plan.err)" 1
# --no-cxl-pmem and --no-nvdimm drop only their own kind.
expect_eq "plan --no-cxl-pmem" "$("$Q" plan --cxl-pmem 256M --no-cxl-pmem --nvdimm 1G 2>&1 |
	grep -c -e cxl -e nvdimm0.img)" 1
expect_eq "plan --no-nvdimm" "$("$Q" plan --nvdimm 1G --no-nvdimm --cxl-pmem 256M 2>&1 |
	grep -c -e nvdimm0.img -e 'cxl-type3,')" 1
finish test-check-cxl

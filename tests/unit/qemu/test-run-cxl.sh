#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# ndctl-qemu run --cxl-pmem without a guest (a stand-in QEMU records the command line): the QEMU
# options it builds (q35 with CXL, a host bridge with two root ports and a memory window per
# device, sn=, the LSA), where the backends go and what stays after the run, what the guest is
# told, check's verdict on the recorded line, and the usage errors (129, before QEMU).
here=$(dirname "$(realpath "$0")")
. "$here/lib.sh" "$1"
. "$here/fake-guest.sh"
fake_guest_test

refused "size not 256M units" 129 "--cxl-pmem 128M: start with a size that is a multiple of 256M" \
	--cxl-pmem 128M $K -- true
refused "no size" 129 "--cxl-pmem lsa=1M: start with a size" --cxl-pmem lsa=1M $K -- true
refused "small lsa" 129 "--cxl-pmem 256M,lsa=64K: lsa=64K: give a label storage area of 128K or more" \
	--cxl-pmem 256M,lsa=64K $K -- true
refused "unknown key" 129 "--cxl-pmem 256M,label-size=1M: unknown key 'label-size'; use lsa= or file=" \
	--cxl-pmem 256M,label-size=1M $K -- true
refused "not key=value" 129 "'x' is not KEY=VALUE" --cxl-pmem 256M,x $K -- true
refused "too many" 129 "more than 4 --cxl-pmem" $(printf -- '--cxl-pmem 256M %.0s' {1..5}) $K -- true
refused "with legacy pmem" 129 "--legacy-pmem and --cxl-pmem: .*use one of them per run" \
	--cxl-pmem 256M --legacy-pmem 128M $K -- true
truncate -s 100M wrong.img
refused "file= of another size" 1 "wrong.img exists and is not a 256M file" \
	--cxl-pmem 256M,file=wrong.img $K -- true
expect_eq "file= of another size: untouched" "$(stat -c %s wrong.img)" 104857600
expect_eq "file= of another size: no LSA made" "$(ls wrong.img.lsa 2>&1 | grep -c 'No such')" 1

opt() {	# opt OPTION: the value(s) after each OPTION in the recorded QEMU command line
	awk -v o="$1" 'take {print; take = 0} $0 == o {take = 1}' "$FAKE_ARGS"
}
# Two devices, the second on file= backends; no vNVDIMM needed.
rm -rf kept
FAKE_STATUS=0 "$Q" run $K --keep kept --cxl-pmem 256M --cxl-pmem 512M,lsa=1M,file=dev1.img \
	-- true > out.txt 2> err.txt
expect_eq "run: status" "$?" 0
expect_eq "machine" "$(opt -machine | tail -n 1)" \
	"q35,cxl=on,cxl-fmw.0.targets.0=ndkit-cxl0,cxl-fmw.0.size=268435456,cxl-fmw.1.targets.0=ndkit-cxl1,cxl-fmw.1.size=536870912"
expect_eq "backends" "$(opt -object | grep cxl | sed "s|$T/||")" \
	"memory-backend-file,id=ndkit-cxlmem0,share=on,mem-path=kept/cxl-pmem0.img,size=268435456
memory-backend-file,id=ndkit-cxllsa0,share=on,mem-path=kept/cxl-pmem0.img.lsa,size=131072
memory-backend-file,id=ndkit-cxlmem1,share=on,mem-path=dev1.img,size=536870912
memory-backend-file,id=ndkit-cxllsa1,share=on,mem-path=dev1.img.lsa,size=1048576"
expect_eq "devices" "$(opt -device | grep cxl)" \
	"pxb-cxl,id=ndkit-cxl0,bus=pcie.0,bus_nr=12
cxl-rp,id=ndkit-cxl0-rp0,bus=ndkit-cxl0,port=0,chassis=0,slot=2
cxl-rp,id=ndkit-cxl0-rp1,bus=ndkit-cxl0,port=1,chassis=0,slot=3
cxl-type3,id=ndkit-cxlpmem0,bus=ndkit-cxl0-rp0,memdev=ndkit-cxlmem0,lsa=ndkit-cxllsa0,sn=$((0x4e444b4954000000))
pxb-cxl,id=ndkit-cxl1,bus=pcie.0,bus_nr=16
cxl-rp,id=ndkit-cxl1-rp0,bus=ndkit-cxl1,port=0,chassis=0,slot=4
cxl-rp,id=ndkit-cxl1-rp1,bus=ndkit-cxl1,port=1,chassis=0,slot=5
cxl-type3,id=ndkit-cxlpmem1,bus=ndkit-cxl1-rp0,memdev=ndkit-cxlmem1,lsa=ndkit-cxllsa1,sn=$((0x4e444b4954000001))"
# QEMU puts a device without bus= on the last bus added: the 9p devices must come first.
expect_eq "the 9p devices before the CXL bridges" \
	"$(grep -n -e '^virtio-9p-pci' -e '^pxb-cxl' "$FAKE_ARGS" | tail -n 1 | grep -c pxb-cxl)" 1
expect_eq "files" "$(stat -c '%n %s' kept/cxl-pmem0.img kept/cxl-pmem0.img.lsa dev1.img dev1.img.lsa)" \
	"kept/cxl-pmem0.img 268435456
kept/cxl-pmem0.img.lsa 131072
dev1.img 536870912
dev1.img.lsa 1048576"
expect_eq "progress line" "$(grep -o 'CXL pmem on q35: .*' err.txt | sed "s|$T/||")" \
	"CXL pmem on q35: 256M with a 128K LSA (kept/cxl-pmem0.img); 512M with a 1M LSA (dev1.img); regions created before COMMAND"
expect_eq "the guest is told" \
	"$(cpio -i --quiet --to-stdout ndkit/env < kept/initrd.img | grep CXL)" "NDKIT_CXL=2"
expect_eq "the guest's region script" \
	"$(cpio -i --quiet --to-stdout ndkit/cxl < kept/initrd.img | grep -c 'create-region -m -d "$root" -t pmem "$m"')" 1
# check on the line run built: no error, one reminder per device that run acts on.
"$Q" check --json -- $(grep -v '^-append$' "$FAKE_ARGS" | sed -n '2,$p' | grep -v '^console=') \
	> check.json
expect_eq "check on run's line" "$?" 0
expect_eq "check's findings" "$(jq -r '[.[].id] | join(" ")' check.json)" \
	"cxl-region-boot cxl-region-boot"

# Without --keep the run's own backends go; file= backends stay, with what the guest wrote.
echo labels | dd of=dev1.img.lsa conv=notrunc status=none
FAKE_STATUS=0 "$Q" run $K --cxl-pmem 256M --cxl-pmem 512M,lsa=1M,file=dev1.img -- true \
	> out.txt 2> err.txt
expect_eq "second run: status" "$?" 0
expect_eq "temporary backends removed" "$(ls "$TMPDIR")" ""
expect_eq "file= kept, not rewritten" "$(head -c 6 dev1.img.lsa)" "labels"
# --no-cxl-pmem drops the earlier ones.
refused "--no-cxl-pmem" 129 "no DIMM; add --nvdimm SIZE .*--cxl-pmem SIZE" --cxl-pmem 256M --no-cxl-pmem $K -- true
rm -rf kept

# --help, the man page and the completion agree: every option of run's --help has an entry in
# the man page, and --cxl-pmem's value is completed as a value (not a file).
src=$here/../../..
for o in $("$Q" run --list-opts); do
	checks=$((checks + 1))
	grep -qE -- "(\*|, )$o\*" "$src/docs/man/ndctl-qemu-run.1.scd" || fail "man page lacks $o"
done
expect_eq "--help names the SPEC" "$("$Q" run --help | grep -c -- '--cxl-pmem <spec>')" 1
expect_eq "man page: the SPEC" \
	"$(grep -c '^\*--cxl-pmem\*=_SIZE_\[,lsa=_SIZE_\]\[,file=_PATH_\]$' "$src/docs/man/ndctl-qemu-run.1.scd")" 1
expect_eq "completion: a value" "$(grep -c 'ndctl-qemu:\*:--cxl-pmem)' "$src/contrib/bash-completion/ndctl")" 1
finish test-run-cxl

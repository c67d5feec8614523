#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# The placement model against QEMU itself: start QEMU (stopped, no guest)
# with `plan` output and with a line `check` flags as misaligned, and compare
# the DIMM addresses and sizes QEMU reports with what ndctl-qemu predicted.
command -v qemu-system-x86_64 >/dev/null || { echo "no qemu-system-x86_64: skipped"; exit 77; }
. "$(dirname "$0")/lib.sh"

# "addr size" per DIMM, in hex, as QEMU places them. (QEMU runs without
# meson's LD_LIBRARY_PATH: host programs must see the host's libraries only.)
qemu_layout() {
	printf 'info memory-devices\nquit\n' |
		timeout 60 env -u LD_LIBRARY_PATH qemu-system-x86_64 "$@" -nodefaults -display none -monitor stdio -S 2>&1 | tr -d '\r' |
		awk '/addr:/ {a = $2} /size:/ {printf "%s %#x\n", a, $2}'
}

for spec in "--nvdimm 1G --nvdimm 1G" \
	    "--nvdimm 1000M --nvdimm 1000M,label-size=2M --nvdimm 700M" \
	    "--ram 4G --nvdimm 3G,label-size=1M --nvdimm 300M"; do
	checks=$((checks + 1))
	rm -f ./*.img
	# shellcheck disable=SC2086
	args=$("$Q" plan $spec --create 2>plan.err | tr -d "\\\\") || { fail "plan $spec"; continue; }
	want=$(sed -n 's/^# nvdimm[0-9]*: region [^ ]* (\(0x[0-9a-f]*\)) at \(0x[0-9a-f]*\)$/\2 \1/p' plan.err)
	# shellcheck disable=SC2086
	got=$(qemu_layout $args)
	[ -n "$want" ] && [ "$got" = "$want" ] || fail "plan $spec: QEMU placed '$got', plan said '$want'"
done

# A line check flags: the address in the finding is where QEMU puts the DIMM.
checks=$((checks + 1))
truncate -s 1000M a.img b.img
line="-machine pc,nvdimm=on -m 1G,slots=2,maxmem=3G
 -object memory-backend-file,id=m0,share=on,mem-path=a.img,size=1000M
 -device nvdimm,id=nv0,memdev=m0,label-size=128K
 -object memory-backend-file,id=m1,share=on,mem-path=b.img,size=1000M
 -device nvdimm,id=nv1,memdev=m1,label-size=128K"
# shellcheck disable=SC2086
predicted=$("$Q" check -- $line | sed -n 's/.*dimm-align.* at \(0x[0-9a-f]*\),.*/\1/p')
# shellcheck disable=SC2086
placed=$(qemu_layout $line | sed -n '2s/ .*//p')
[ -n "$predicted" ] && [ "$predicted" = "$placed" ] ||
	fail "check said the second DIMM is at [$predicted], QEMU put it at [$placed]"

finish test-plan-qemu

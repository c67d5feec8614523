# SPDX-License-Identifier: GPL-2.0-only
# A layout `ndctl-qemu check` flags as misaligned (two 1000M DIMMs, 128K labels, no align=)
# fails in the guest the way the finding says: the second region starts where check said,
# off 16 MiB, and creating a namespace there fails as "misaligned"; the first region works.
DIMMS="1000M:128K 1000M:128K"

# The same DIMMs as the runner's QEMU line (backend files are not needed for this rule).
out=$(ndctl-qemu check -- -machine pc,nvdimm=on -m 1G,slots=3,maxmem=4G \
	-object memory-backend-file,id=mem0,share=on,mem-path=nv0.img,size=1000M \
	-device nvdimm,id=nv0,memdev=mem0,label-size=128K \
	-object memory-backend-file,id=mem1,share=on,mem-path=nv1.img,size=1000M \
	-device nvdimm,id=nv1,memdev=mem1,label-size=128K) && fail "check passed a misaligned layout" "$out"
echo "$out"
finding=$(echo "$out" | grep 'dimm-align')
expect_match '^error: -device nvdimm,id=nv1.*misaligned to 16M' "$finding"
predicted=$(echo "$finding" | sed 's/.* at \(0x[0-9a-f]*\),.*/\1/')

r0=$(region_of nmem0)
r1=$(region_of nmem1)
addr=$(cat "/sys/bus/nd/devices/$r1/resource")
echo "$r1 starts at $addr; check predicted $predicted"
[ "$((addr))" = "$((predicted))" ] || fail "$r1 is at $addr, check said $predicted"

run upstream-ndctl disable-region all
run upstream-ndctl init-labels -f all
run upstream-ndctl enable-region all
run upstream-ndctl create-namespace -r "$r0" -s 64M
# ndkit refuses before configuring anything, naming the start and the QEMU fix
avail=$(cat "/sys/bus/nd/devices/$r1/available_size")
expect_fail "$r1 starts at $addr, not 16 MiB aligned.*align=128M" ndctl create-namespace -r "$r1" -s 64M
[ "$(cat "/sys/bus/nd/devices/$r1/available_size")" = "$avail" ] || fail "the refused create changed $r1"
# The kernel names the cause in its log; upstream reports the failure.
dmesg -c >/dev/null
out=$(upstream-ndctl create-namespace -r "$r1" -s 64M 2>&1) && fail "a namespace on $r1 was created" "$out"
log=$(printf '%s\n' "$out"; dmesg)
echo "$log"
expect_match 'misaligned' "$log"

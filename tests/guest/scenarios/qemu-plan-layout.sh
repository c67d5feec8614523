# SPDX-License-Identifier: GPL-2.0-only
# The layout `ndctl-qemu plan --nvdimm 1000M --nvdimm 1000M` prints boots: each region sits
# where plan predicted (address and size), 128 MiB aligned, and takes an fsdax namespace.
DIMMS="1000M:128K:2M 1000M:128K:128M"

run ndctl-qemu plan --nvdimm 1000M --nvdimm 1000M >/tmp/plan.args 2>/tmp/plan.err
cat /tmp/plan.args /tmp/plan.err
# The DIMMs this guest was booted with are the ones plan chose (size, label-size, align).
planned=$(sed -n 's/.*size=\([0-9A-Z]*\),align=\([0-9A-Z]*\).*/\1 \2/p' /tmp/plan.args |
	while read -r size align; do printf '%s:128K:%s ' "$size" "$align"; done)
[ "$planned" = "$DIMMS " ] || fail "plan chose '$planned', this guest runs '$DIMMS'"
[ "$(grep -c 'label-size=128K' /tmp/plan.args)" = 2 ] || fail "plan's label sizes" "$(cat /tmp/plan.args)"


run upstream-ndctl disable-region all
run upstream-ndctl init-labels -f all
run upstream-ndctl enable-region all
for i in 0 1; do
	r=$(region_of "nmem$i")
	line=$(grep "^# nvdimm$i: region" /tmp/plan.err) || fail "plan predicted nothing for nvdimm$i"
	want_size=$(echo "$line" | sed 's/.*(\(0x[0-9a-f]*\)).*/\1/')
	want_addr=$(echo "$line" | sed 's/.* at \(0x[0-9a-f]*\)$/\1/')
	addr=$(cat "/sys/bus/nd/devices/$r/resource")
	size=$(cat "/sys/bus/nd/devices/$r/size")
	echo "nmem$i $r: at $addr size $size; plan: at $want_addr size $((want_size))"
	[ "$((addr))" = "$((want_addr))" ] || fail "$r starts at $addr, plan said $want_addr"
	[ "$size" = "$((want_size))" ] || fail "$r holds $size bytes, plan said $((want_size))"
	[ $((addr % 0x8000000)) = 0 ] || fail "$r at $addr is not 128 MiB aligned"
	run upstream-ndctl create-namespace -r "$r" -m fsdax -a 2M -s 256M
done

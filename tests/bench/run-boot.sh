#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Boot-to-COMMAND time of `ndctl-qemu run` for one 1 GiB DIMM, median of ROUNDS (5), next to
# the busybox harness (tests/guest/run.py) booting the same DIMM to an empty scenario, the
# two alternating so that both see the same load. Printed, never asserted (target < 8 s
# under TCG on 2 cores, < 2 s with KVM).
# usage: run-boot.sh NDCTL-QEMU BUILD-DIR [ROUNDS]
set -u
Q=$(realpath "$1") build=$(realpath "$2") rounds=${3:-5}
here=$(dirname "$(realpath "$0")")
T=$(mktemp -d) || exit 1
trap 'rm -rf "$T"' EXIT
cd "$T" || exit 1
# No align: not plan's layout, so run.py boots its busybox initramfs itself (same 1 GiB DIMM).
printf 'DIMMS="1G:128K"\ntrue\n' > bench-boot-empty.sh
unset LD_LIBRARY_PATH

median() { sort -n | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
now() { date +%s.%N; }

for i in $(seq "$rounds"); do
	t0=$(now)
	"$Q" run --nvdimm 1G -- true 2> run.err || { cat run.err; exit 1; }
	awk -v a="$(now)" -v b="$t0" 'BEGIN {printf "%.1f\n", a - b}' >> run-total.txt
	sed -n 's/.*COMMAND started, \([0-9.]*\) s after QEMU.*/\1/p' run.err >> run-start.txt
	grep -o 'KVM\|TCG' run.err | tail -n 1 > accel.txt
	t0=$(now)
	python3 "$here/../guest/run.py" --build-dir "$build" bench-boot-empty.sh > harness.out ||
		{ cat harness.out; exit 1; }
	grep -q 'busybox guest' harness.out || { echo "run.py did not take the busybox path"; exit 1; }
	sed -n 's/.*boot 1 passed in \([0-9.]*\) s.*/\1/p' harness.out >> harness-boot.txt
	awk -v a="$(now)" -v b="$t0" 'BEGIN {printf "%.1f\n", a - b}' >> harness-total.txt
done
echo "ndctl-qemu run, one 1 GiB DIMM, $(cat accel.txt), median of $rounds (load average $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) CPUs):"
echo "  QEMU start to COMMAND start: $(median < run-start.txt) s   (rounds: $(tr '\n' ' ' < run-start.txt))"
echo "  whole run (COMMAND true):    $(median < run-total.txt) s"
echo "  busybox harness, same DIMM, empty scenario: QEMU start to power-off $(median < harness-boot.txt) s, whole run $(median < harness-total.txt) s (with any initramfs rebuild)"

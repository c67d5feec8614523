#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Boot-to-COMMAND time of `ndctl-qemu run` for one 1 GiB DIMM and its parts, median of ROUNDS
# (5). With a second NDCTL-QEMU (another build, e.g. main's), the two alternate round by round
# so that both see the same load, and the ratio is printed. Each QEMU runs under
# boot-times.py, which times the milestones on the host's clock (the guest's own clock is
# calibrated at boot and is off by seconds on a loaded host):
#   QEMU start      exec to SeaBIOS's first output (debug port)
#   firmware        SeaBIOS to the option ROM that loads the kernel
#   kernel load     loading the kernel (and, for a bzImage, decompressing it) to its first
#                   line on an early console (earlyprintk=serial loglevel=6 are appended)
#   kernel init     to /init (the guest init's "@@NDKIT AT init")
#   userspace       /init to COMMAND: modules, the 9p root and its mounts (to "AT root"),
#                   the nvdimm modules and probes (to "AT dimms"), then COMMAND
# Printed, never asserted. A build whose init has no AT marks (before they existed) shows
# kernel init and userspace as one part.
# usage: run-boot.sh NDCTL-QEMU [BASELINE-NDCTL-QEMU] [ROUNDS]
set -u
here=$(dirname "$(realpath "$0")")
new=$(realpath "$1") old= rounds=5
if [ $# -ge 2 ] && [ -f "$2" ] && [ -x "$2" ]; then old=$(realpath "$2"); shift; fi
[ $# -ge 2 ] && rounds=$2
T=$(mktemp -d) || exit 1
trap 'rm -rf "$T"' EXIT
cd "$T" || exit 1
unset LD_LIBRARY_PATH

# one_boot NAME BINARY: one run, its milestones (the last QEMU's: after a KVM failure, TCG's)
one_boot() {
	local t0 t1
	rm -f times.log
	t0=$(date +%s.%N)
	BOOT_TIMES_LOG=$T/times.log NDKIT_QEMU=$here/boot-times.py "$2" run --nvdimm 1G \
		--append "earlyprintk=serial,ttyS0 loglevel=6" -- true 2> run.err ||
		{ cat run.err; exit 1; }
	t1=$(date +%s.%N)
	# "TCG" on any progress line (after a KVM failure, or KVM skipped): the boot was TCG's
	if grep -q 'TCG' run.err; then echo TCG; else echo KVM; fi > "$1.accel"
	# the KVM attempt: from the first QEMU's exec to the last one's
	awk -v t0="$t0" -v t1="$t1" '{for (i = 1; i <= NF; i++) {split($i, kv, "="); v[NR, kv[1]] = kv[2]}}
		END {n = NR; get = "bios rom kernel init root dimms start"
			split(get, k, " ")
			printf "total=%.3f kvm=%.3f", t1 - t0, v[n, "exec"] - v[1, "exec"]
			for (i = 1; i <= 7; i++) printf " %s=%s", k[i], v[n, k[i]]
			printf "\n"}' times.log >> "$1.rounds"
}

median() { sort -n | awk '{v[NR] = $1} END {if (NR) printf "%.2f", (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; else printf "-"}'; }
# part FILE FROM TO: the median of TO - FROM over the rounds (FROM "0": from QEMU's exec)
part() {
	awk -v a="$2" -v b="$3" '{for (i = 1; i <= NF; i++) {split($i, kv, "="); v[kv[1]] = kv[2]}
		v["0"] = 0; if (v[b] != "" && v[a] != "") printf "%.3f\n", v[b] - v[a]; delete v}' "$1" | median
}

loads=
for i in $(seq "$rounds"); do
	one_boot new "$new"
	[ -n "$old" ] && one_boot old "$old"
	loads="$loads $(cut -d' ' -f1 /proc/loadavg)"
done

row() {	# row LABEL FROM TO: a table row, this build's median and the baseline's
	printf '| %s | %s |' "$1" "$(part new.rounds "$2" "$3")"
	[ -z "$old" ] || printf ' %s |' "$(part old.rounds "$2" "$3")"
	echo
}
col() {	# col N LABEL: the median of field N (total=, kvm=) as a row
	printf '| %s | %s |' "$2" "$(cut -d' ' -f"$1" new.rounds | cut -d= -f2 | median)"
	[ -z "$old" ] || printf ' %s |' "$(cut -d' ' -f"$1" old.rounds | cut -d= -f2 | median)"
	echo
}
starts() { awk '{for (i = 1; i <= NF; i++) if ($i ~ /^start=/) printf "%s ", substr($i, 7)}' "$1"; }

table() {
	echo "| part (s, median of $rounds) | this build ($(cat new.accel)) |$([ -z "$old" ] || echo " baseline ($(cat old.accel)) |")"
	echo "|---|---:|$([ -z "$old" ] || echo "---:|")"
	row "QEMU start (exec to SeaBIOS)" 0 bios
	row "firmware (SeaBIOS to the kernel loader)" bios rom
	row "loading (and decompressing) the kernel" rom kernel
	row "kernel init, to /init" kernel init
	row "userspace: 9p root and mounts" init root
	row "userspace: nvdimm modules, DIMMs probed" root dimms
	row "userspace: to COMMAND" dimms start
	row "**QEMU start to COMMAND**" 0 start
	col 2 "KVM attempt before TCG (not in the above)"
	col 1 "whole run, COMMAND true"
}

echo "ndctl-qemu run, one 1 GiB DIMM, COMMAND true, $(nproc) CPUs, load average after each round:$loads"
echo "this build: $new"
[ -z "$old" ] || echo "baseline:   $old"
table
echo "rounds, QEMU start to COMMAND: this build $(starts new.rounds)${old:+; baseline $(starts old.rounds)}"
if [ -n "$old" ]; then
	a=$(part new.rounds 0 start) b=$(part old.rounds 0 start)
	awk -v a="$a" -v b="$b" 'BEGIN {if (a > 0) printf "QEMU start to COMMAND, baseline over this build: %.2fx\n", b / a}'
fi

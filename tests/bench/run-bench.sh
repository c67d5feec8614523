#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Run the guest benchmark (tests/bench/guest/bench-*.sh: ndkit against upstream ndctl/daxctl,
# alternately, in one boot per scenario) and the host-side label-area measurements, then
# write docs/performance.md and docs/performance.svg from the figures.
#
#   tests/bench/run-bench.sh [--build-dir DIR] [--no-run] [--note TEXT]
#
# --no-run re-uses the console logs of the last run. --note adds a line under "What was
# measured" (e.g. which branches a scratch merge held). Nothing here fails on a ratio.
set -euo pipefail

SRC=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=$SRC/build
RUN=1
NOTE=""
SCENARIOS="bench-labels bench-namespaces bench-full-area bench-daxctl"
while [ $# -gt 0 ]; do
	case $1 in
	--build-dir) BUILD=$(realpath "$2"); shift 2 ;;
	--no-run) RUN=0; shift ;;
	--note) NOTE=$2; shift 2 ;;
	-h|--help) sed -n '3,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
	*) echo "run-bench.sh: unknown argument '$1': see --help" >&2; exit 1 ;;
	esac
done
[ -f "$BUILD/build.ninja" ] || {
	echo "run-bench.sh: $BUILD is not a meson build dir: run 'meson setup build' or give --build-dir" >&2
	exit 1
}
export NDKIT_TESTDATA=${NDKIT_TESTDATA:-$SRC/tests/data}
# The busybox guest, tools in RAM: see tests/bench/meson.build.
export NDKIT_GUEST_VIA_RUN=0
RUNS=$BUILD/tests/guest/run
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

run_guest() {
	ninja -C "$BUILD" > /dev/null
	local s
	for s in $SCENARIOS; do
		echo "== $s" >&2
		# cwd: the build's tests/bench, where the scenarios' DATA file lsa-xfer is built
		(cd "$BUILD/tests/bench" &&
			python3 "$SRC/tests/guest/run.py" --build-dir "$BUILD" "$SRC/tests/bench/guest/$s.sh") >&2 ||
			echo "run-bench.sh: $s did not finish; its figures are missing (see $RUNS/$s)" >&2
	done
}

# The marker lines of every scenario's console, markers stripped: "bench|..." or "xfer|...".
# Through ndctl-qemu run the guest's /dev/console is the kernel console, console.log.
collect() {
	local s
	for s in $SCENARIOS; do
		cat "$RUNS/$s"/console-boot*.log "$RUNS/$s"/console.log 2>/dev/null | tr -d '\r' |
			sed -n -e 's/^.*@@BENCH /bench|/p' -e 's/^.*@@XFER /xfer|/p' \
				-e 's/^.*@@READS /reads|/p' -e 's/^.*@@SCALE /scale|/p' \
				-e 's/^.*@@ENV kernel /kernel|/p' | sed 's/ |/|/g; s/ $//'
	done
}

now_ns() { date +%s%N; }

# host_time CMD...: "median best" ms of 21 runs of CMD on the host, process start to exit.
# The best run is what the command costs when the shared machine lets it run at once.
host_time() {
	local t0
	for _ in $(seq 21); do
		t0=$(now_ns)
		"$@" > /dev/null 2>&1
		echo $((($(now_ns) - t0) / 1000))
	done | sort -n | awk 'NR == 1 { best = $1 } NR == 11 { med = $1 }
		END { printf "%.2f %.2f", med / 1000, best / 1000 }'
}

# Host side, on files made here: a 16 GiB sparse QEMU backend file with 3 namespaces
# (ndctl-qemu provision), its 2 MiB label area as a file of its own, and the 240-label area
# of bench-full-area. "host|case|ms|lsa-xfer fields", the first case the floor.
host_side() {
	local nd=$BUILD/cmd/ndctl/ndctl big=$TMP/backend-16g.img area=$TMP/area-3.lsa full=$TMP/area-240.lsa
	truncate -s 16G "$big"
	"$BUILD/cmd/ndctl-qemu/ndctl-qemu" provision "$big" --slot 0 --label-size 2M \
		-n size=1G -n size=1G,mode=fsdax -n size=2G,name=db > /dev/null
	dd if="$big" of="$area" bs=1M skip=$((16 * 1024 - 2)) count=2 status=none
	gunzip -c "$SRC/tests/bench/guest/full-area-4g.lsa.gz" > "$full"
	echo "host|ndctl --version (process start only)|$(host_time "$nd" --version)|-"
	host_case "2 MiB area file, 3 labels" "$area"
	host_case "2 MiB area file, 240 labels" "$full"
	host_case "16 GiB sparse backend file, 3 labels" "$big"
}

# Process start on the host: the dynamic linker's relocations (LD_DEBUG=statistics) and the
# median --version time, ndkit's tools against Debian's. "start|tool|relocations|ms".
start_side() {
	local t relocs
	for t in "$BUILD/cmd/ndctl/ndctl" "$BUILD/cmd/daxctl/daxctl" /usr/bin/ndctl /usr/bin/daxctl; do
		[ -x "$t" ] || continue
		relocs=$(LD_DEBUG=statistics "$t" --version 2>&1 >/dev/null |
			sed -n 's/^ *[0-9]*:[[:space:]]*number of relocations: *\([0-9]*\)$/\1/p' | head -1)
		echo "start|$(case $t in "$BUILD"/*) echo "ndkit $(basename "$t")" ;; *) echo "upstream $t" ;; esac)|$relocs|$(host_time "$t" --version)"
	done
}

host_case() {	# host_case NAME FILE: read-labels -j and check-labels of FILE
	local x
	x=$("$BUILD/tests/bench/lsa-xfer" "$2")
	echo "host|read-labels -j, $1|$(host_time "$BUILD/cmd/ndctl/ndctl" read-labels -j "$2")|$x"
	echo "host|check-labels, $1|$(host_time "$BUILD/cmd/ndctl/ndctl" check-labels "$2")|$x"
}

# One bar per case: the ratio upstream/ndkit, on a log scale (1x to 100x), or "not built".
svg_chart() {
	awk -F'|' '
	function lg(x) { return log(x) / log(10) }
	$1 == "bench" { n++; name[n] = $2; nd[n] = $3; up[n] = $4 }
	END {
		left = 400; width = 420; bar = 18; gap = 8; top = 40
		h = top + n * (bar + gap) + 30
		printf "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"12\">\n", left + width + 70, h
		printf "<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n"
		printf "<text x=\"10\" y=\"20\" font-size=\"14\">ndkit speed-up: upstream median / ndkit median (log scale)</text>\n"
		split("1 2 5 10 20 50 100", grid, " ")
		for (g = 1; g <= 7; g++) {
			x = left + lg(grid[g]) / 2 * width
			printf "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\"/>\n", x, top - 5, x, h - 25, grid[g] ~ /^10*$/ ? "#999" : "#ddd"
			printf "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%sx</text>\n", x, h - 10, grid[g]
		}
		for (i = 1; i <= n; i++) {
			y = top + (i - 1) * (bar + gap)
			label = name[i]
			gsub(/&/, "\\&amp;", label); gsub(/</, "\\&lt;", label)
			printf "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>\n", left - 8, y + 13, label
			if (nd[i] !~ /^[0-9]+$/ || up[i] !~ /^[0-9]+$/) {
				printf "<text x=\"%d\" y=\"%d\" fill=\"#888\">not built</text>\n", left + 4, y + 13
				continue
			}
			r = up[i] / (nd[i] > 0 ? nd[i] : 1)
			w = lg(r < 1 ? 1 : (r > 100 ? 100 : r)) / 2 * width
			color = r >= 1 ? "#3a7bd5" : "#d55a3a"
			if (r < 1) w = 3
			printf "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>\n", left, y, w, bar, color
			printf "<text x=\"%.1f\" y=\"%d\">%.1fx</text>\n", left + w + 4, y + 13, r
		}
		print "</svg>"
	}'
}

ratio() {	# ratio UP ND: "12.3x", or "-" when either is not a number
	awk -v u="$1" -v n="$2" 'BEGIN {
		if (u !~ /^[0-9]+$/ || n !~ /^[0-9]+$/) { print "-"; exit }
		printf "%.1fx\n", u / (n > 0 ? n : 1) }'
}

measured_at() {	# when the newest console log was written: the guest figures' date
	local t
	t=$(stat -c %Y "$RUNS"/bench-*/console-boot1.log 2>/dev/null | sort -n | tail -1)
	date -u -d "@${t:-$(date +%s)}" '+%Y-%m-%d %H:%M UTC'
}

guest_kernel() {	# guest_kernel FIGURES
	printf '%s\n' "$1" | awk -F'|' '$1 == "kernel" {print $2; exit}'
}

# A block of the current page between <!-- NAME --> markers, kept across runs: the notes
# and boot to COMMAND (from tests/bench/run-boot.sh), both hand-written.
old_block() {
	[ -f "$SRC/docs/performance.md" ] &&
		sed -n "/^<!-- $1 -->\$/,/^<!-- \\/$1 -->\$/p" "$SRC/docs/performance.md" | sed '1d;$d'
}

write_doc() {	# write_doc FIGURES NOTES BOOT: docs/performance.md on stdout
	local figs=$1 rev dirty notes=$2 boot=$3
	# (a quote inside ${boot:-...} in the here-document below would end the expansion early)
	[ -n "$boot" ] || boot=$(printf '## Boot to COMMAND\n\n%s' \
		"(tests/bench/run-boot.sh prints this section's table; run-bench.sh keeps the section.)")
	rev=$(git -C "$SRC" log -1 --format='%h %s' 2>/dev/null || echo unknown)
	# the page and chart this run writes are not source changes
	dirty=$(git -C "$SRC" status --porcelain --untracked-files=no 2>/dev/null |
		grep -cv ' docs/performance\.\(md\|svg\)$' || true)
	cat <<EOF
# Performance: ndkit against upstream ndctl/daxctl

Measured $(measured_at) by \`tests/bench/run-bench.sh\`. Every figure below is a
median of the rounds shown; ndkit's and upstream's commands ran alternately, in the same guest
boot, on the same DIMMs. The ratio is upstream's median over ndkit's: above 1x ndkit is faster.
Nothing here is a pass/fail test; a ratio never fails the suite.

![ratio chart](performance.svg)

<!-- notes -->
${notes:-(Notes on these figures go here; run-bench.sh keeps what is between the markers.)}
<!-- /notes -->

## What was measured

- Source: \`$rev\`$([ "$dirty" = 0 ] || echo " plus $dirty uncommitted changes").
$([ -z "$NOTE" ] || echo "- $NOTE")
- Host: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(. /etc/os-release && echo "$PRETTY_NAME").
- Guest: QEMU $(qemu-system-x86_64 --version | head -1 | awk '{print $4}') under TCG (no KVM), 1 vCPU, 1 GiB RAM,
  kernel $(guest_kernel "$figs"); upstream tools: Debian ndctl/daxctl $(dpkg-query -W -f '${Version}' ndctl 2>/dev/null).
  The busybox guest (both tools in its RAM initramfs), not \`ndctl-qemu run\`: there each exec
  also reads the program over 9p, the same cost on both sides, which would measure 9p.
- DIMMs: nmem0 1 GiB with a 128 KiB label area, nmem1 1 GiB with a 2 MiB label area; in
  bench-full-area nmem0 4 GiB with a 2 MiB label area holding 240 labels and nmem1 1 GiB with
  a 128 KiB one
  (QEMU max_xfer 4076 bytes per DSM label transfer).
- Wall time of each command in the guest, from fork to exit (ms), taken by
  \`tests/bench/bench-exec\` (CLOCK_MONOTONIC around fork, exec and wait). Pages before
  2026-12-02 timed between two GNU \`date\` runs, which added date's own start (~40 ms) to
  both sides of every ratio. "version" is the floor: starting the process.
- Host load average (1, 5, 15 min): $LOAD_NOTE.
  The machine is shared; above 2 the rounds spread widely, so read the medians and ratios, not
  single rounds.

## Guest: median wall time per command

| case | ndkit ms | upstream ms | upstream/ndkit | ndkit rounds | upstream rounds |
|---|---:|---:|---:|---|---|
$(printf '%s\n' "$figs" | awk -F'|' '$1 == "bench"' | while IFS='|' read -r _ c nd up ndr upr; do
	echo "| $c | $nd | $up | $(ratio "$up" "$nd") | $ndr | $upr |"
done)

## Guest: list scaling, in one boot

The same listing with few namespaces and with many, in bench-full-area's boot: the 2 fsdax
namespaces of the small DIMM alone (the 4 GiB DIMM's region disabled), then beside its 240 raw
ones. Growth is the many-namespace time over the few-namespace time (target for ndkit: 2x or
less). The floor is \`tests/bench/list-floor\` in the same boot: a process that only opens and
reads the 4 attributes per namespace that a listing cannot do without, for all of them; what
the listing costs above it is ndkit's own work (JSON included).

| listing | few | ndkit ms | upstream ms | many | ndkit ms | upstream ms | floor ms | ndkit growth | upstream growth |
|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|
$(printf '%s\n' "$figs" | awk -F'|' '$1 == "scale"' | while IFS='|' read -r _ c few fnd fup many mnd mup floor; do
	echo "| $c | $few | $fnd | $fup | $many | $mnd | $mup | $floor | $(ratio "$mnd" "$fnd") | $(ratio "$mup" "$fup") |"
done)

## Label-area reads: DSM transfers and bytes

ndkit reads the two index blocks, then only the in-use slots (adjacent slots in one transfer).
The counters are libndctl's transport counters for the load \`read-labels -j\` and
\`check-labels\` do (\`ndctl_lsa_load\`, through \`tests/bench/lsa-xfer\`). The minimum is what the
format allows: both index blocks plus every in-use slot, each contiguous run in 4076-byte
chunks. Upstream \`read-labels\` reads the whole area.

| case | label size | slots | in use | ndkit transfers | ndkit bytes | minimum transfers | minimum bytes | whole-area transfers | whole-area bytes | lsa-xfer ms |
|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|
$(printf '%s\n' "$figs" | awk -F'|' '$1 == "xfer" {
	split($3, v, " ")
	printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", $2, v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10] == "" ? "-" : v[10] }')

## Sysfs attribute reads

ndkit's libraries count the attributes they read (\`NDKIT_SYSFS_STATS=1\`), for one run of
each listing in the same boots. The minimum for a raw namespace in \`list -BDRN\` is 4 reads
(size, uuid, sector_size, and alt_name, which must be read to know there is no name); on an
NFIT bus its mode follows from its region's claims (one read per pfn, dax and btt device, the
kernel's own rule for the mode attribute), and its block device and driver from its disk's
name among /sys/block (one scan for all), not attribute reads.
"Per namespace" is the reads divided by the namespaces listed, so it includes the bus, DIMMs
and regions.

| case | namespaces | ndkit attribute reads | per namespace |
|---|---:|---:|---:|
$(printf '%s\n' "$figs" | awk -F'|' '$1 == "reads" {
	printf "| %s | %s | %s | %.1f |\n", $2, $4, $3, ($4 > 0 ? $3 / $4 : 0) }')

## Host: process start

Relocations the dynamic linker made before \`main\` (\`LD_DEBUG=statistics\`) and the wall time
of 21 runs of \`--version\` (median and best), on the host. ndkit opens libkmod (and the
libcrypto it pulls in) only when a command loads a kernel module.

| tool | relocations | --version median ms | best ms |
|---|---:|---:|---:|
$(printf '%s\n' "$figs" | awk -F'|' '$1 == "start" { split($4, t, " ")
	printf "| %s | %s | %s | %s |\n", $2, $3, t[1], t[2] }')

## Host: label areas from files

\`ndctl read-labels -j FILE\` and \`ndctl check-labels FILE\` on the host (21 runs, process start
to exit: median and best), with the read calls and bytes ndkit's file transport made for the
load (\`lsa-xfer\`). The first line is the floor, starting the process; "over --version" compares
the best runs, which a loaded machine disturbs least. Upstream \`ndctl\` cannot read a file.

| case | median ms | best ms | best over --version | read calls | bytes read | area bytes |
|---|---:|---:|---:|---:|---:|---:|
$(printf '%s\n' "$figs" | awk -F'|' '$1 == "host" {
	split($3, t, " ")
	if (floor == "") floor = t[2]
	split($4, v, " ")
	printf "| %s | %s | %s | %+.2f | %s | %s | %s |\n", $2, t[1], t[2], t[2] - floor, v[6] "", v[7] "", v[11] "" }')

In memory (\`build/tests/bench/lsa-bench\`, decode + validate only, no I/O):

\`\`\`
$("$BUILD/tests/bench/lsa-bench" 200 2>&1)
\`\`\`

<!-- boot -->
$boot
<!-- /boot -->

## Re-running

    meson setup build && ninja -C build
    tests/bench/run-bench.sh                 # 4 guest boots ($RUN_TIME); rewrites this page
    meson test -C build --benchmark --suite bench     # the same guests, without the page...
    tests/bench/run-bench.sh --no-run        # ...which this then writes from their console logs

Each scenario (\`tests/bench/guest/bench-*.sh\`) prints its table lines (\`@@BENCH\`, \`@@XFER\`) on the
guest console (\`build/tests/guest/run/bench-*/console-boot1.log\`); a command ndkit does not have
yet (\`--list-cmds\`) shows as "not built". The suite \`bench\` is not part of \`meson test\`.
EOF
}

LOAD_NOTE="$(cut -d' ' -f1-3 /proc/loadavg) when this page was written (--no-run: the guest figures are older)"
if [ "$RUN" = 1 ]; then
	LOAD_NOTE="$(cut -d' ' -f1-3 /proc/loadavg) before the guests"
	SECONDS=0
	run_guest
	LOAD_NOTE="$LOAD_NOTE, $(cut -d' ' -f1-3 /proc/loadavg) after"
fi
RUN_TIME="about 5 min on this machine"
[ "$RUN" = 0 ] || RUN_TIME="$(( (SECONDS + 59) / 60 )) min here"
figs=$(collect; start_side; host_side)
printf '%s\n' "$figs" | awk -F'|' '$1 == "bench" {printf "%-60s %10s %10s\n", $2, $3, $4}'
mkdir -p "$SRC/docs"
printf '%s\n' "$figs" | svg_chart > "$SRC/docs/performance.svg"
notes=$(old_block notes || true)
write_doc "$figs" "$notes" "$(old_block boot || true)" > "$TMP/performance.md"
mv "$TMP/performance.md" "$SRC/docs/performance.md"
echo "wrote $SRC/docs/performance.md and performance.svg" >&2

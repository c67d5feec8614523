#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Bounded libFuzzer runs under ASan+UBSan.
#   run-fuzz.sh FUZZER CORPUS_DIR SECONDS       one target; seeds *.gz are gunzipped
#   run-fuzz.sh --all SOURCE_DIR OUT_DIR SECONDS
#       configure a clang build in OUT_DIR (once), build every target that has
#       a corpus in tests/fuzz/corpus/, run them two at a time and print the
#       figures (runs, execs/s, edges, features). Fails on any crash, leak or
#       UB report; the input is kept in OUT_DIR/crashes/.
set -euo pipefail

run_one() {	# FUZZER CORPUS SECONDS LOG
	local fuzzer=$1 seeds=$2 secs=$3 log=$4 work f
	work=$(mktemp -d /tmp/ndkit-fuzz-XXXXXX)
	mkdir "$work/corpus" "$work/artifacts"
	for f in "$seeds"/*; do
		case $f in
		*.gz) gzip -dc "$f" > "$work/corpus/$(basename "$f" .gz)" ;;
		*) cp "$f" "$work/corpus/" ;;
		esac
	done
	local rc=0
	"$fuzzer" -max_total_time="$secs" -max_len=139264 -timeout=20 -rss_limit_mb=2048 \
		-print_final_stats=1 -close_fd_mask=1 -artifact_prefix="$work/artifacts/" \
		"$work/corpus" > "$log" 2>&1 || rc=$?
	if [ "$rc" -ne 0 ] || ls "$work/artifacts/"* >/dev/null 2>&1; then
		mkdir -p "$(dirname "$log")/crashes"
		cp "$work/artifacts/"* "$(dirname "$log")/crashes/" 2>/dev/null || true
		rc=1
	fi
	rm -rf "$work"
	return $rc
}

summary() {	# NAME LOG
	local runs eps cov
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$2")
	eps=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$2")
	cov=$(grep -o 'cov: [0-9]* ft: [0-9]*' "$2" | tail -1)
	printf '%-10s %10s runs %7s execs/s  %s\n' "$1" "${runs:-?}" "${eps:-?}" "${cov:-no coverage line}"
}

if [ "${1:-}" != --all ]; then
	run_one "$1" "$2" "${3:-20}" /dev/stdout
	exit
fi

src=$2 out=$3 secs=$4
if [ ! -f "$out/build.ninja" ]; then
	CC=clang meson setup "$out" "$src" -Dfuzz=enabled -Ddocs=disabled >/dev/null
fi
targets=$(ls "$src/tests/fuzz/corpus")
ninja -C "$out" $(for t in $targets; do echo "tests/fuzz/fuzz-$t"; done) >/dev/null
mkdir -p "$out/logs"
failed=""
set -- $targets
while [ $# -gt 0 ]; do	# two at a time: the machine has 2 cores
	pids=() names=()
	for t in "$1" "${2:-}"; do
		[ -n "$t" ] || continue
		run_one "$out/tests/fuzz/fuzz-$t" "$src/tests/fuzz/corpus/$t" "$secs" "$out/logs/$t.log" &
		pids+=($!) names+=("$t")
	done
	for i in "${!pids[@]}"; do
		wait "${pids[$i]}" || failed="$failed ${names[$i]}"
	done
	shift $(( $# >= 2 ? 2 : 1 ))
done
echo "libFuzzer, ${secs} s per target, ASan+UBSan:"
for t in $targets; do summary "$t" "$out/logs/$t.log"; done
if [ -n "$failed" ]; then
	for t in $failed; do
		echo "== $t: crash (inputs in $out/logs/crashes/)"
		grep -E 'ERROR|runtime error|SUMMARY' "$out/logs/$t.log" | head -5
	done
	exit 1
fi

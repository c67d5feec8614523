#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Bounded libFuzzer run of a text target from a copy of its seed folder (libFuzzer
# writes new inputs into its first corpus folder; the repository's stays as it is).
# Exits with the fuzzer's status, so a crash or leak fails the test.
# Usage: run-fuzz-text.sh FUZZER SEED_DIR SECONDS
set -eu
fuzzer=$1 seeds=$2 secs=${3:-20}
work=$(mktemp -d /tmp/ndkit-fuzz-text-XXXXXX)
trap 'rm -rf "$work"' EXIT
cp -r "$seeds" "$work/corpus"
rc=0
"$fuzzer" -max_total_time="$secs" -max_len=16384 -timeout=20 -rss_limit_mb=4096 \
	-artifact_prefix="$work/" -print_final_stats=1 "$work/corpus" >"$work/log" 2>&1 || rc=$?
tail -n 25 "$work/log"
for crash in "$work"/crash-* "$work"/leak-* "$work"/timeout-*; do
	[ -e "$crash" ] && { echo "input: $crash"; od -c "$crash" | head -n 20; }
done
exit "$rc"

#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Bounded libFuzzer run of a text target from a copy of its seed folder (libFuzzer
# writes new inputs into its first corpus folder; the repository's stays as it is).
# Usage: run-fuzz-text.sh FUZZER SEED_DIR SECONDS
set -eu
fuzzer=$1 seeds=$2 secs=${3:-20}
work=$(mktemp -d /tmp/ndkit-fuzz-text-XXXXXX)
trap 'rm -rf "$work"' EXIT
cp -r "$seeds" "$work/corpus"
"$fuzzer" -max_total_time="$secs" -max_len=16384 -timeout=20 -rss_limit_mb=4096 \
	-print_final_stats=1 "$work/corpus" 2>&1 | tail -25

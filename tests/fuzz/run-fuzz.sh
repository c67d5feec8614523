#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Bounded libFuzzer run: seed corpus = the testdata label areas (gunzipped); inputs
# up to 128 KiB keep it fast (the 2 MiB seeds are cut, the driver covers them whole).
# Usage: run-fuzz.sh FUZZER TESTDATA_LABELS_DIR SECONDS
set -eu
fuzzer=$1 seeds=$2 secs=${3:-20}
work=$(mktemp -d /tmp/ndkit-fuzz-XXXXXX)
trap 'rm -rf "$work"' EXIT
mkdir "$work/corpus"
for f in "$seeds"/*.lsa.gz; do
	gzip -dc "$f" > "$work/corpus/$(basename "$f" .gz)"
done
"$fuzzer" -max_total_time="$secs" -max_len=131072 -timeout=20 -rss_limit_mb=4096 \
	-print_final_stats=1 "$work/corpus" 2>&1 | tail -25

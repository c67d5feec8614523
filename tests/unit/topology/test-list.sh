#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# ndkit `ndctl list` against sysfs trees captured in a guest: every case in
# list-cases.txt must print byte for byte what upstream ndctl printed there.
#   test-list.sh NDCTL TREES_DIR CASES
set -u
ndctl=$1 trees=$2 cases=$3
fails=0 checks=0
out=$(mktemp)
trap 'rm -f "$out"' EXIT
for tree in "$trees"/*/; do
	tree=${tree%/}
	while IFS='|' read -r name flags; do
		checks=$((checks + 1))
		# shellcheck disable=SC2086 # flags are words
		NDKIT_SYSFS_ROOT=$tree "$ndctl" list $flags > "$out" 2>&1
		if ! cmp -s "$out" "$tree/expected/$name.json"; then
			echo "FAIL: $(basename "$tree"): ndctl list $flags"
			diff -u "$tree/expected/$name.json" "$out" | head -20
			fails=$((fails + 1))
		fi
	done < "$cases"
done
echo "test-list: $checks checks, $fails failed"
[ "$checks" -gt 0 ] && [ "$fails" -eq 0 ]

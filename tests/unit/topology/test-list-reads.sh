#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# `ndctl list` reads each sysfs attribute at most once per object: every case
# of list-cases.txt on every captured tree, counted from libndctl's debug log
# ("attribute read: DEV/ATTR"). available_size and max_available_extent are
# re-read by design (a long-lived context must see other processes'
# allocations), but list asks for them once per region too. NDKIT_SYSFS_STATS
# must count as many reads as the log shows.
#   test-list-reads.sh NDCTL TREES_DIR CASES
set -u
ndctl=$1 trees=$2 cases=$3
fails=0 checks=0
for tree in "$trees"/*/; do
	tree=${tree%/}
	while IFS='|' read -r name flags; do
		checks=$((checks + 1))
		# shellcheck disable=SC2086 # flags are words
		reads=$(NDCTL_LOG=debug NDKIT_SYSFS_ROOT=$tree "$ndctl" list $flags 2>&1 >/dev/null |
			sed -n 's/.*attribute read: //p')
		twice=$(printf '%s\n' "$reads" | sort | uniq -d)
		if [ -n "$twice" ]; then
			echo "FAIL: $(basename "$tree"): ndctl list $flags read more than once:" $twice
			fails=$((fails + 1))
		fi
		[ "$name" = BDRN ] || continue
		# the benchmarks' counter (NDKIT_SYSFS_STATS) counts the same reads
		logged=$(printf '%s\n' "$reads" | grep -c .)
		counted=$(NDKIT_SYSFS_STATS=1 NDKIT_SYSFS_ROOT=$tree "$ndctl" list $flags 2>&1 >/dev/null |
			sed -n 's/^ndkit-sysfs-stats [^:]*: \([0-9]*\) attribute reads, 0 writes$/\1/p' |
			awk '{ n += $1 } END { if (NR) print n }')
		if [ "$logged" -eq 0 ] || [ "$counted" != "$logged" ]; then
			echo "FAIL: $(basename "$tree"): list -BDRN logged $logged reads, NDKIT_SYSFS_STATS counted '$counted'"
			fails=$((fails + 1))
		fi
	done < "$cases"
done
echo "test-list-reads: $checks checks, $fails failed"
[ "$checks" -gt 0 ] && [ "$fails" -eq 0 ]

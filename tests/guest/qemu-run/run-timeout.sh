#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# A COMMAND that never ends: QEMU is killed at --timeout, run exits 124 and shows the console's
# last lines (which say COMMAND had started) on stderr.
. "$(dirname "$0")/../../unit/qemu/lib.sh" "$1"

start=$(date +%s)
"$Q" run --timeout 60 --nvdimm 1G -- sleep 100000 > out.txt 2> err.txt
expect_eq "exit status" "$?" 124
expect_eq "said so" "$(grep -c 'did not end within --timeout 60 s' err.txt)" 1
expect_eq "console tail" "$(grep -c '^  | @@NDKIT START' err.txt)" 1
expect_eq "within the timeout" "$(($(date +%s) - start < 75))" 1
finish run-timeout

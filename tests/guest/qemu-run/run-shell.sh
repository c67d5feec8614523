#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# --shell: run's exit status is the shell's (the guest reports it on ttyS1's file), not QEMU's,
# and the shell starts in the current directory. The console is the shell's input: the line is
# sent every 2 s, so it reaches the shell whenever it starts (the tty keeps what came first).
. "$(dirname "$0")/../../unit/qemu/lib.sh" "$1"

while sleep 2; do echo 'touch shell-ran; exit 3'; done |
	"$Q" run --quiet --nvdimm 1G --shell > out.txt 2> err.txt
expect_eq "the shell's status" "${PIPESTATUS[1]}" 3
expect_eq "the shell ran in the current directory" "$([ -e shell-ran ] && echo yes)" yes
finish run-shell

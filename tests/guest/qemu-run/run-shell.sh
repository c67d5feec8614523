#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# --shell: run's exit status is the shell's (the guest reports it on ttyS1's file), not QEMU's,
# and the shell starts in the current directory. The console is the shell's input: the line is
# sent every 2 s, so it reaches the shell whenever it starts (the tty keeps what came first,
# less a few characters of the first line at boot: a cut line fails before its "exit").
. "$(dirname "$0")/../../unit/qemu/lib.sh" "$1"

# run's stdout and stderr are files, not a terminal, as in a script.
while sleep 2; do echo 'true && touch shell-ran && exit 3'; done |
	"$Q" run --quiet --nvdimm 1G --shell > out.txt 2> err.txt
expect_eq "the shell's status" "${PIPESTATUS[1]}" 3
expect_eq "the shell ran in the current directory" "$([ -e shell-ran ] && echo yes)" yes
[ "$fails" -eq 0 ] || { echo "console:"; tail -n 30 out.txt; cat err.txt; }
finish run-shell

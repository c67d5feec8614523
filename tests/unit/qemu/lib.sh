# SPDX-License-Identifier: GPL-2.0-only
# Shared by the ndctl-qemu shell tests: sourced with the binary as $1. Sets
# $Q (the binary, absolute), moves into a temporary folder removed at exit,
# and counts checks and failures for finish().
set -u
Q=$(realpath "$1")
T=$(mktemp -d) || exit 1
trap 'rm -rf "$T"' EXIT
cd "$T" || exit 1
fails=0 checks=0

fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

# expect_eq WHAT GOT WANT
expect_eq() {
	checks=$((checks + 1))
	[ "$2" = "$3" ] || fail "$1: got '$2', want '$3'"
}

# finish NAME: the summary line and the exit status meson reads.
finish() {
	echo "$1: $checks checks, $fails failed"
	[ "$fails" -eq 0 ]
}

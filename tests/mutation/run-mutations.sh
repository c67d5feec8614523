#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Mutation testing: apply each deliberate bug of mutations.txt to a copy of
# the tree, build, run the label tests, and report which bugs no test caught.
# Usage: run-mutations.sh SOURCE_DIR [MUTATIONS_FILE]. Exit 1 if any survive.
set -euo pipefail
src=$(cd "$1" && pwd)
list=${2:-$src/tests/mutation/mutations.txt}
tests=(lsa-vectors lsa-txn lsa-crash lsa-faults lsa-log lsa-locks fuzz-lsa-seeds labelcmd label-races qemu-provision)
work=$(mktemp -d /tmp/ndkit-mutation-XXXXXX)
trap 'rm -rf "$work"' EXIT

mkdir "$work/tree"
if git -C "$src" rev-parse --git-dir >/dev/null 2>&1; then
	git -C "$src" ls-files -z --cached --others --exclude-standard |
		tar -C "$src" --null -T - -cf - | tar -C "$work/tree" -xf -
else	# a tree without git (an unpacked release): everything but build output
	tar -C "$src" --exclude='./build*' -cf - . | tar -C "$work/tree" -xf -
fi
cd "$work/tree"
meson setup build >/dev/null
meson compile -C build >/dev/null

run_tests() {
	meson compile -C build >/dev/null 2>&1 || return 2
	meson test -C build --no-rebuild -q "${tests[@]}" >/dev/null 2>&1
}
if ! run_tests; then
	echo "the unmutated tree fails its tests: fix that first" >&2
	meson test -C build --no-rebuild --print-errorlogs "${tests[@]}" >&2 || true
	exit 2
fi

n=0 survived=0 file="" why=""
while IFS= read -r line; do
	case $line in
	"@ "*) file=${line#@ }; why=""; continue ;;
	"# "*) [ -n "$file" ] && why=${line#\# }; continue ;;
	""|"#"*) continue ;;
	esac
	n=$((n + 1))
	cp "$file" "$file.orig"
	perl -0pi -e "$line" "$file"
	if cmp -s "$file" "$file.orig"; then
		echo "mutation $n ($why): did not apply to $file: update mutations.txt" >&2
		mv "$file.orig" "$file"
		exit 2
	fi
	if run_tests; then
		echo "SURVIVED $n: $file: $why"
		survived=$((survived + 1))
	else
		echo "killed   $n: $file: $why"
	fi
	mv "$file.orig" "$file"
done < "$list"
meson compile -C build >/dev/null
echo "$n mutations, $((n - survived)) killed, $survived survived"
[ "$survived" -eq 0 ]

#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# The repository stands alone: no file names a path outside the tree (a sibling folder such as
# (the reference folder beside a checkout, or a developer's absolute path), so a lone clone builds and tests itself.
# Usage: test-standalone.sh SRCDIR
set -uo pipefail
src=$1
cd "$src" || exit 1
if git rev-parse --git-dir > /dev/null 2>&1; then
	files=$(git ls-files)
else
	# a source tree without git (the .deb build's copy): skip build and packaging output
	files=$(find . \( -path './build*' -o -path './obj-*' -o -path ./debian \) -prune -o \
		-type f -print)
fi
# Only this script may spell the patterns it looks for; built from parts so that it does not
# match itself (nor other tools' scans for the same paths).
sib=shared
outside="\\.\\./$sib|/work/(main|$sib)|LABELS\\.md"
hits=$(printf '%s\n' "$files" | grep -v 'tests/unit/test-standalone.sh$' |
	grep -v -E '\.(gz|img|lsa)$|/trees/' |
	xargs -d '\n' grep -n -I -E "$outside" 2>/dev/null)
if [ -n "$hits" ]; then
	echo "FAIL: these lines name paths outside the repository:"
	echo "$hits"
	exit 1
fi
# Every "docs/labels.md §N" the code cites is a section of docs/labels.md.
cited=$(printf '%s\n' "$files" | grep -v -E '\.(gz|img|lsa)$|/trees/' |
	xargs -d '\n' grep -h -o -I 'docs/labels.md §[0-9]*' 2>/dev/null | sort -u | sed 's/.*§//')
for n in $cited; do
	grep -q "^## §$n " docs/labels.md || { echo "FAIL: docs/labels.md has no section §$n"; exit 1; }
done
[ -n "$cited" ] || { echo "FAIL: no citation of docs/labels.md found: is the grep broken?"; exit 1; }
echo "PASS: $(printf '%s\n' "$files" | wc -l) files name no path outside the tree;" \
	"cited sections $(echo $cited) exist"

#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Keeps `TOOL CMD --help` and docs/man/TOOL-CMD.1.scd saying the same thing:
# every command the build has must have a page (the tool page lists it), and
# the long options of --help and of the page's option list must be equal.
# Pages for commands that are not built yet are reported as skipped.
# usage: check-man.sh MANDIR TOOL...
set -u
mandir=$1; shift
fails=0; checks=0; skips=0
tmpf=$(mktemp); trap 'rm -f "$tmpf"' EXIT

fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

long_opts() {	# the distinct --options in stdin, minus --help
	grep -oE -- '--[a-zA-Z0-9][a-zA-Z0-9-]*' | sort -u | grep -vx -- '--help'
}

# The options a page defines, one "SHORT LONG" line each (SHORT is "-" when
# there is none): its option list entries start a line with "*-".
page_opts() {
	grep -E '^\*-' "$1" | while IFS= read -r line; do
		long=$(printf '%s\n' "$line" | long_opts | head -n 1)
		[ -n "$long" ] || continue
		short=$(printf '%s\n' "$line" | grep -oE '^\*-[a-zA-Z0-9],' | cut -c2-3)
		echo "${short:--} $long"
	done
}

# Does the help text show this option? A help that only shows the short form
# ("[-r ID]") still documents it.
help_has() {	# help_has HELP SHORT LONG
	printf '%s\n' "$1" | grep -qE -- "${3}([^a-zA-Z0-9-]|\$)" && return 0
	[ "$2" != - ] && printf '%s\n' "$1" | grep -qE -- "(^|[^a-zA-Z0-9-])${2}([^a-zA-Z0-9-]|\$)"
}

check_cmd() {	# TOOL NAME CMD
	page=$mandir/$2-$3.1.scd
	checks=$((checks + 1))
	if [ ! -f "$page" ]; then
		fail "'$2 $3' has no man page: write $page"
		return
	fi
	help=$("$1" "$3" --help 2>&1) || { fail "'$2 $3 --help' exited non-zero"; return; }
	for opt in $(printf '%s\n' "$help" | long_opts); do
		grep -qE -- "${opt}([^a-zA-Z0-9-]|\$)" "$page" ||
			fail "'$2 $3 --help' prints $opt, $page does not document it"
	done
	page_opts "$page" > "$tmpf"
	while read -r short long; do
		help_has "$help" "$short" "$long" ||
			fail "$page documents $long, '$2 $3 --help' does not print it"
	done < "$tmpf"
}

for tool in "$@"; do
	name=$(basename "$tool")
	cmds=$("$tool" --list-cmds) || { fail "'$name --list-cmds' failed"; continue; }
	toolpage=$mandir/$name.1.scd
	checks=$((checks + 1))
	[ -f "$toolpage" ] || fail "$name has no man page: write $toolpage"
	for cmd in $cmds; do
		[ -f "$toolpage" ] && ! grep -q "\*$cmd\*" "$toolpage" &&
			fail "$toolpage does not list the command '$cmd'"
		# "version" and "help" are the dispatcher's, documented in the tool
		# page, as are the commands ndkit leaves to upstream.
		case $cmd in version | help) continue;; esac
		"$tool" "$cmd" --help 2>&1 | grep -q 'ndkit does not implement' && continue
		check_cmd "$tool" "$name" "$cmd"
	done
	for page in "$mandir/$name"-*.1.scd; do
		[ -f "$page" ] || continue
		cmd=${page#"$mandir/$name"-}; cmd=${cmd%.1.scd}
		case $name-$cmd in ndctl-qemu | ndctl-qemu-*) [ "$name" = ndctl ] && continue;; esac
		printf '%s\n' "$cmds" | grep -qx -- "$cmd" && continue
		echo "SKIP: $page: '$name $cmd' is not built yet"
		skips=$((skips + 1))
	done
done

# A page that the build does not install is a page no user sees.
for page in "$mandir"/*.1.scd; do
	checks=$((checks + 1))
	base=$(basename "$page" .scd)
	grep -q "'$base'" "$mandir/../meson.build" ||
		fail "$page is not in docs/meson.build's man_pages"
done
echo "check-man: $checks checks, $fails failed, $skips pages skipped"
[ "$fails" -eq 0 ]

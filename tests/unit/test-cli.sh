#!/bin/sh
# The dispatcher's contract for every tool: --version, --help, --list-cmds,
# and a non-zero exit with a message naming the problem for unknown input.
set -u
fails=0; checks=0
expect() {	# expect EXIT PATTERN CMD...
	want=$1 pat=$2; shift 2
	checks=$((checks + 1))
	out=$("$@" 2>&1); got=$?
	if [ "$got" -ne "$want" ] || ! printf '%s' "$out" | grep -q -- "$pat"; then
		echo "FAIL: '$*' exited $got (want $want), output: $out"
		fails=$((fails + 1))
	fi
}
for tool in "$@"; do
	name=$(basename "$tool")
	expect 0 '^[0-9]' "$tool" --version
	expect 0 'usage:' "$tool" --help
	expect 0 'version' "$tool" --list-cmds
	expect 1 "'frobnicate' is not a command" "$tool" frobnicate
	expect 1 "unknown option '--bogus'" "$tool" --bogus
	expect 1 'usage:' "$tool"
	expect 0 'usage: version' "$tool" help version
	expect 1 "$name" "$tool" help frobnicate
done
echo "test-cli: $checks checks, $fails failed"
[ "$fails" -eq 0 ]

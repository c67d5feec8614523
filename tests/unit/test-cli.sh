#!/bin/sh
# The dispatcher's contract for every tool, as upstream ndctl's main:
# --version/-v/version, --help/-h/help, --list-cmds, "Unknown command"
# (exit 1), "Unknown option" (exit 129), no command (usage, exit 1).
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
expect_stream() {	# expect_stream FD(1|2) PATTERN CMD...: PATTERN on that stream only
	fd=$1 pat=$2; shift 2
	checks=$((checks + 1))
	if [ "$fd" = 1 ]; then out=$("$@" 2>/dev/null); else out=$("$@" 2>&1 >/dev/null); fi
	if ! printf '%s' "$out" | grep -q -- "$pat"; then
		echo "FAIL: '$*' did not print '$pat' on fd $fd: $out"
		fails=$((fails + 1))
	fi
}
for tool in "$@"; do
	name=$(basename "$tool")
	for v in --version -v version; do
		expect 0 '^81\.ndkit\.[0-9]' "$tool" $v
	done
	expect 0 ' usage:' "$tool" --help
	expect 0 ' usage:' "$tool" -h
	expect_stream 1 "See '$name help COMMAND'" "$tool" help
	expect 0 '^version$' "$tool" --list-cmds
	expect 0 '^help$' "$tool" --list-cmds
	expect 1 "Unknown command: 'frobnicate'" "$tool" frobnicate
	expect 129 "Unknown option: --bogus" "$tool" --bogus
	expect_stream 2 " Usage: $name \[--version\]" "$tool" --bogus
	expect 1 'usage:' "$tool"
	expect 0 'usage: version' "$tool" help version
	expect 1 "Unknown command: 'frobnicate'" "$tool" help frobnicate
done
# ndctl: commands upstream has and ndkit leaves out say so, exit 129 only for -h
ndctl=$1
expect 161 'usage: ndctl monitor \[<options>\]' "$ndctl" monitor
expect 161 'ndkit does not implement inject-smart: needs firmware DSMs' "$ndctl" inject-smart nmem0
# inject-error, clear-errors, start-/wait-scrub: upstream's usage errors, before any device
expect 234 'block and count required for inject/uninject' "$ndctl" inject-error
expect 129 'specify a namespace to inject error to' "$ndctl" inject-error -t
expect 129 'unknown extra parameter "x"' "$ndctl" inject-error -B 0 -n 1 namespace0.0 x
expect 234 'status is invalid with inject or uninject' "$ndctl" inject-error -t -B 0 namespace0.0
expect 234 'status is invalid with inject or uninject' "$ndctl" inject-error -d -t namespace0.0
expect 234 'block and count required for inject/uninject' "$ndctl" inject-error -B 0 namespace0.0
expect 234 'Invalid block: x' "$ndctl" inject-error -B x -n 1 namespace0.0
expect 234 'Invalid count: 1q' "$ndctl" inject-error -B 0 -n 1q namespace0.0
expect 129 'specify a namespace to clear errors for, or "all"' "$ndctl" clear-errors
expect 129 'usage: ndctl wait-scrub' "$ndctl" wait-scrub --bogus
expect 129 "unknown option .poll'" "$ndctl" start-scrub --poll 1
# ... and QEMU's NFIT (a captured tree): no error injection, no ARS
tree=$(dirname "$0")/topology/trees/mixed
expect 161 'namespace0.0: error injection not supported' \
	env NDKIT_SYSFS_ROOT="$tree" "$ndctl" inject-error -B 0 -n 1 namespace0.0
expect 250 'namespace9.9: no such namespace' \
	env NDKIT_SYSFS_ROOT="$tree" "$ndctl" inject-error -B 0 -n 1 namespace9.9
expect 161 'namespace0.0: Unable to determine scrub state: Operation not supported' \
	env NDKIT_SYSFS_ROOT="$tree" "$ndctl" clear-errors namespace0.0
expect 254 'error starting scrub: No such file or directory' \
	env NDKIT_SYSFS_ROOT="$tree" "$ndctl" start-scrub
expect 254 'error waiting for scrub completion: No such file or directory' \
	env NDKIT_SYSFS_ROOT="$tree" "$ndctl" wait-scrub ndbus0
expect 250 'error starting scrub: No such device or address' \
	env NDKIT_SYSFS_ROOT="$tree" "$ndctl" start-scrub nosuchbus
expect 129 'usage: ndctl sanitize-dimm' "$ndctl" sanitize-dimm nmem0 -h
expect 0 'usage: ndctl load-keys' "$ndctl" help load-keys
expect 0 '^monitor$' "$ndctl" --list-cmds
echo "test-cli: $checks checks, $fails failed"
[ "$fails" -eq 0 ]

# SPDX-License-Identifier: GPL-2.0-only
# Helpers for guest scenario scripts (sourced by /init; see tests/guest/README.md).
# Markers on the console, read by the host runner:
#   @@NDKIT FAIL <why>, then the output lines prefixed '| ', then @@NDKIT END
#   @@NDKIT HOTADD <n>      plug the scenario's HOTPLUG DIMM number n (0-based)
#   @@NDKIT TIME <ms> <cmd> a timing, collected into the report
#   @@NDKIT PASS            written by /init when the scenario ends well
NDKIT_FAILED=/tmp/ndkit-failed
NDKIT_SYS=/sys/bus/nd/devices
# Where markers go: the console in the busybox guest; in an `ndctl-qemu run` guest,
# scenario.sh points this at COMMAND's stderr, which the runner reads.
NDKIT_REPORT=${NDKIT_REPORT:-/dev/console}

# fail WHY [OUTPUT]: report a failure and stop the scenario. Works inside $(...) too:
# the marker goes straight to the console and the flag file makes /init report FAIL.
fail() {
	{
		echo "@@NDKIT FAIL $1"
		[ -z "${2:-}" ] || printf '%s\n' "$2" | sed 's/^/| /'
		echo "@@NDKIT END"
	} > "$NDKIT_REPORT"
	echo "$1" >> "$NDKIT_FAILED"
	exit 1
}

# run CMD...: run it; on a non-zero exit fail with its output. Its stdout is passed on
# (so out=$(run cmd) captures it), its stderr goes to the console.
run() {
	local out rc
	echo "+ $*" >&2
	out=$("$@" 2>/tmp/ndkit-stderr) && rc=0 || rc=$?
	if [ "$rc" -ne 0 ]; then
		fail "'$*' exited $rc" "$out$(printf '\n'; cat /tmp/ndkit-stderr)"
	fi
	cat /tmp/ndkit-stderr >&2
	[ -z "$out" ] || printf '%s\n' "$out"
}

# expect_fail PATTERN CMD...: CMD must exit non-zero with output matching PATTERN (grep -E).
expect_fail() {
	local pat=$1 out rc
	shift
	echo "+ ! $*" >&2
	out=$("$@" 2>&1) && rc=0 || rc=$?
	[ "$rc" -ne 0 ] || fail "'$*' succeeded, expected a failure matching /$pat/" "$out"
	printf '%s\n' "$out" | grep -qE -- "$pat" ||
		fail "'$*' exited $rc but its output does not match /$pat/" "$out"
	printf '%s\n' "$out" >&2
}

# expect_match PATTERN TEXT: TEXT must match PATTERN (grep -E).
expect_match() {
	printf '%s\n' "$2" | grep -qE -- "$1" || fail "output does not match /$1/" "$2"
}

# json_leaves FILE IGNORE...: one line per leaf, "path = value", keys named in IGNORE removed
# at every depth, sorted.
json_leaves() {
	local file=$1 ign
	shift
	ign=$(printf '%s\n' "$@" | jq -R . | jq -sc 'map(select(length > 0))')
	jq -r --argjson ign "$ign" '
		walk(if type == "object"
			then with_entries(select(.key as $k | $ign | index([$k]) | not))
			else . end)
		| paths(scalars) as $p | "\($p | map(tostring) | join(".")) = \(getpath($p) | tojson)"' \
		"$file" | LC_ALL=C sort
}

# json_same A B [IGNORE...]: the JSON files A and B hold the same leaves, key by key,
# ignoring the keys listed. On a difference, fail with the differing leaves.
json_same() {
	local a=$1 b=$2 d
	shift 2
	json_leaves "$a" "$@" > /tmp/ndkit-json-a || fail "$a is not JSON" "$(cat "$a")"
	json_leaves "$b" "$@" > /tmp/ndkit-json-b || fail "$b is not JSON" "$(cat "$b")"
	d=$(diff /tmp/ndkit-json-a /tmp/ndkit-json-b) ||
		fail "JSON differs: $a (<) vs $b (>)" "$(printf '%s\n' "$d" | grep '^[<>]')"
}

now_ms() { gnu-date +%s%3N; }

# time_ms CMD...: like run, and sets $ms to its wall time in milliseconds.
time_ms() {
	local t0
	t0=$(now_ms)
	run "$@"
	ms=$(($(now_ms) - t0))
	echo "@@NDKIT TIME $ms $*" > "$NDKIT_REPORT"
}

# module_file NAME: the running kernel's file for module NAME, or nothing. modinfo reads
# the module index; a walk of /lib/modules costs ~15 s over ndctl-qemu run's 9p root (TCG).
module_file() {
	modinfo -n "$1" 2>/dev/null ||
		find /lib/modules/"$(uname -r)" -name "$1.ko*" | head -n 1
}

# library_file SONAME: the file the dynamic loader opens for SONAME (its cache), or nothing.
# Not a walk of /usr/lib: over 9p under TCG a big host's takes minutes.
library_file() {
	{ ldconfig -p 2>/dev/null | sed -n "s/^[[:space:]]*$1 .*=> //p"
		find /usr/lib/ /lib/ -maxdepth 2 -name "$1*"; } 2>/dev/null | head -n 1
}

count_devices() {	# count_devices PREFIX: how many /sys/bus/nd/devices/PREFIX*
	ls -d "$NDKIT_SYS/$1"* 2>/dev/null | wc -l
}

# wait_for_bus N SECONDS: the bus has N nmem devices, a region each, and every region has
# probed its namespaces (libnvdimm registers devices asynchronously).
wait_for_bus() {
	local tries=0 r
	while [ "$tries" -lt $(($2 * 20)) ]; do
		tries=$((tries + 1))
		if [ "$(count_devices nmem)" -ge "$1" ] && [ "$(count_devices region)" -ge "$1" ]; then
			for r in $NDKIT_SYS/region*; do
				[ -e "$r" ] || continue
				ls -d "$r"/namespace* > /dev/null 2>&1 || continue 2
			done
			return 0
		fi
		sleep 0.05
	done
	fail "the nvdimm bus did not show $1 nmem and region devices within $2 s" \
		"$(ls "$NDKIT_SYS" 2>&1)"
}

# hotadd N: ask the host to plug the scenario's HOTPLUG DIMM N and wait for its nmem/region.
hotadd() {
	local want
	want=$(($(count_devices nmem) + 1))
	echo "@@NDKIT HOTADD $1" > /dev/console
	wait_for_bus "$want" 60
}

# --- Comparing with upstream: the suite's oracle is upstream ndctl/daxctl on the same devices.

# capture WHO CMD...: run CMD, whatever its exit status; keep it in /tmp/WHO.rc, its stdout
# in /tmp/WHO.out, its stderr in /tmp/WHO.err and stderr's last line (the summary,
# "enabled 1 namespace") in /tmp/WHO.last. WHO: nd for ndkit, up for upstream.
capture() {
	local who=$1 rc
	shift
	"$@" > "/tmp/$who.out" 2> "/tmp/$who.err" && rc=0 || rc=$?
	echo "$rc" > "/tmp/$who.rc"
	tail -n 1 "/tmp/$who.err" > "/tmp/$who.last"
}

# same_as_upstream TOOL ARGS...: ndkit's TOOL and upstream-TOOL, ARGS on the same devices,
# give the same exit status, stdout byte for byte and summary line, or the scenario fails;
# $nrc and $urc are their statuses, /tmp/{nd,up}.{out,err} their output (see capture).
same_as_upstream() {
	local tool=$1
	shift
	capture nd "$tool" "$@"
	capture up "upstream-$tool" "$@"
	same_captures "$*"
}

# same_captures WHAT: the two captures (nd, up) have the same exit status, stdout and summary
same_captures() {
	nrc=$(cat /tmp/nd.rc) urc=$(cat /tmp/up.rc)
	[ "$nrc" = "$urc" ] || fail "$1: ndkit exits $nrc, upstream $urc" "$(cat /tmp/nd.err /tmp/up.err)"
	cmp -s /tmp/nd.out /tmp/up.out || fail "$1: stdout differs" "$(diff /tmp/nd.out /tmp/up.out | head -20)"
	[ "$(cat /tmp/nd.last)" = "$(cat /tmp/up.last)" ] ||
		fail "$1: summary differs" "$(cat /tmp/nd.err /tmp/up.err)"
}

# same_from_state SETUP TOOL ARGS...: same_as_upstream where each tool starts from the
# scenario's own `reset` and then SETUP (shell), and the scenario's `state` (its output)
# after each must be the same too
same_from_state() {
	local setup=$1 tool=$2
	shift 2
	reset; eval "$setup"; capture nd "$tool" "$@"; state > /tmp/nd.state
	reset; eval "$setup"; capture up "upstream-$tool" "$@"; state > /tmp/up.state
	same_captures "$tool $*"
	cmp -s /tmp/nd.state /tmp/up.state ||
		fail "$tool $*: the state differs after" "$(diff /tmp/nd.state /tmp/up.state)"
	echo "same: $tool $* (after '$setup'): exit $nrc, $(cat /tmp/nd.last)"
}

# What each run draws anew, masked before two runs are compared: mask_uuids [WITH] filters
# stdin to stdout, every uuid replaced by WITH (default UUID).
UUID_RE='[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}'
mask_uuids() {
	sed -E "s/$UUID_RE/${1:-UUID}/g"
}

# --- State capture

# claims REGION_DIR: one line per pfn, dax or btt device of the region that claims a
# namespace, "pfn0.1 namespace0.0 bound" (or unbound: no driver).
claims() {
	local d n
	for d in "$1"/pfn*.* "$1"/dax*.* "$1"/btt*.*; do
		[ -e "$d/namespace" ] || continue
		n=$(cat "$d/namespace")
		[ -z "$n" ] || echo "${d##*/} $n $([ -e "$d/driver" ] && echo bound || echo unbound)"
	done
}

# region_of nmemN: the region whose mapping0 is on that DIMM.
region_of() {
	local r
	for r in "$NDKIT_SYS"/region*; do
		case "$(cat "$r/mapping0")" in "$1,"*) basename "$r"; return 0 ;; esac
	done
	fail "no region on $1"
}

# median FILE: the middle of its numbers, one a line (the lower one for an even count).
median() {
	sort -n "$1" | sed -n "$((($(wc -l < "$1") + 1) / 2))p"
}

# --- nfit_test (NFIT_TEST=1)

# nfit4: nfit_test.0's 4-DIMM interleaved region in $R, its DIMMs in position order in $DIMMS4.
nfit4() {
	local r i
	R=""
	for r in $(ndctl list -b nfit_test.0 -R | jq -r '.[] | .dev'); do
		if [ "$(cat "$NDKIT_SYS/$r/mappings")" = 4 ]; then R=$r; fi
	done
	[ -n "$R" ] || fail "no 4-DIMM region on nfit_test.0"
	DIMMS4=""
	for i in 0 1 2 3; do DIMMS4="$DIMMS4 $(cut -d, -f1 "$NDKIT_SYS/$R/mapping$i")"; done
}

# held UUID: how many of $DIMMS4 (nfit4) hold a label of UUID in use.
held() {
	local d n=0
	for d in $DIMMS4; do
		if ndctl read-labels -j $d 2>/dev/null | jq -e --arg u "$1" \
				'[.[0].label[]? | select(.uuid == $u)] | length > 0' >/dev/null; then
			n=$((n + 1))
		fi
	done
	echo $n
}

# fail_cmd_of nmemN: the DIMM's nfit_test fail_cmd file (a bitmask of ND_CMD_* numbers whose
# calls then fail with EIO after they ran: 0x20 GET_CONFIG_DATA, 0x40 SET_CONFIG_DATA).
fail_cmd_of() {
	local d
	for d in /sys/class/nfit_test_dimm/*; do
		if [ "$(cat "$d/handle")" = "$(cat "$NDKIT_SYS/$1/nfit/handle")" ]; then
			echo "$d/fail_cmd"
			return 0
		fi
	done
	fail "no nfit_test_dimm for $1"
}

# SPDX-License-Identifier: GPL-2.0-only
# Guest-side helpers for the bench-* scenarios (shipped as a DATA file, sourced by each, after
# the guest suite's lib.sh: median is there).
# Each case runs ndkit's command and upstream's alternately, R rounds each, on the same
# devices, and prints one console line the host script collects:
#   @@BENCH case|ndkit median ms|upstream median ms|ndkit rounds|upstream rounds
# "not built" stands for the ndkit median when ndkit's tool lacks the command.
# A ratio never fails the scenario: it passes when every command ran.
R=${R:-7}
echo "@@ENV kernel $(uname -r)" > /dev/console
BENCH_ND=/tmp/bench-nd
BENCH_UP=/tmp/bench-up

built() {	# built TOOL SUBCOMMAND: ndkit's TOOL has SUBCOMMAND (its --list-cmds)
	"$1" --list-cmds 2>/dev/null | grep -qx "$2"
}

timed() {	# timed CMD...: run it (fail on error), stdout to /tmp/bench-out, $ms its wall time
	local rc=0
	ms=$(/ndkit/data/bench-exec /tmp/bench-out /tmp/bench-err "$@") || rc=$?
	[ "$rc" -eq 0 ] || fail "'$*' exited $rc" "$(cat /tmp/bench-out /tmp/bench-err)"
}

bench_reset() {
	: > "$BENCH_ND"
	: > "$BENCH_UP"
}

bench_report() {	# bench_report CASE: one line from $BENCH_ND and $BENCH_UP (medians also in
	# $last_nd, $last_up), then reset
	local nd="not built" up="not run"
	[ ! -s "$BENCH_ND" ] || nd=$(median "$BENCH_ND")
	[ ! -s "$BENCH_UP" ] || up=$(median "$BENCH_UP")
	last_nd=$nd last_up=$up
	echo "@@BENCH $1|$nd|$up|$(tr '\n' ' ' < "$BENCH_ND")|$(tr '\n' ' ' < "$BENCH_UP")" > /dev/console
	bench_reset
}

# pair CASE TOOL SUBCOMMAND ARGS...: R alternating rounds of `TOOL SUBCOMMAND ARGS` (ndkit)
# and `upstream-TOOL SUBCOMMAND ARGS`. BEFORE, if set, runs untimed before each command.
pair() {
	local case=$1 tool=$2 i=0
	shift 2
	bench_reset
	while [ "$i" -lt "$R" ]; do
		if built "$tool" "$1"; then
			[ -z "${BEFORE:-}" ] || eval "$BEFORE"
			timed "$tool" "$@"
			echo "$ms" >> "$BENCH_ND"
		fi
		[ -z "${BEFORE:-}" ] || eval "$BEFORE"
		timed "upstream-$tool" "$@"
		echo "$ms" >> "$BENCH_UP"
		i=$((i + 1))
	done
	bench_report "$case"
}

# xfer CASE nmemN: ndkit's DSM transfers and bytes for one label-area load (what read-labels
# -j and check-labels do) against the format's minimum and a whole-area read:
#   @@XFER case|labelsize nslot in_use transfers bytes min_transfers min_bytes full_transfers
#   area_bytes ms (ms: one run of lsa-xfer, the library load alone). Sets $in_use.
xfer() {
	local line
	timed /ndkit/data/lsa-xfer "/dev/$2"
	line=$(cat /tmp/bench-out)
	set -- "$1" $line	# split into fields on purpose
	in_use=$6
	echo "@@XFER $1|$4 $5 $6 $7 $8 $9 ${10} ${11} ${12} $ms" > /dev/console
}

# reads CASE NAMESPACES TOOL ARGS...: the sysfs attribute reads ndkit's `TOOL ARGS` makes
# (NDKIT_SYSFS_STATS: libndctl and libdaxctl each count their own) with NAMESPACES namespaces:
#   @@READS case|reads|namespaces
reads() {
	local case=$1 namespaces=$2 n
	shift 2
	NDKIT_SYSFS_STATS=1 "$@" > /dev/null 2> /tmp/bench-reads || fail "'$*' failed" "$(cat /tmp/bench-reads)"
	n=$(sed -n 's/^ndkit-sysfs-stats .*: \([0-9]*\) attribute reads.*/\1/p' /tmp/bench-reads |
		awk '{ s += $1 } END { print s + 0 }')
	echo "@@READS $case|$n|$namespaces" > /dev/console
}

#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# The differential conformance suite: every case of CASES for WHERE (host or
# guest) runs through ndkit and through upstream ndctl, piped and/or with
# stdout on a terminal (ptyrun), after putting the devices in the case's
# state; what the case says is the same must be the same.
#   run-cases.sh WHERE CASES NDKIT UPSTREAM PTYRUN [SETUPS]
# NDKIT and UPSTREAM are command prefixes ("env NDKIT_SYSFS_ROOT=/x ndctl").
# SETUPS, for the guest, defines state_NAME functions (guest-setups.sh).
# Runs in bash and in busybox sh. Exits 1 if anything compared differs.
#
# A case is one line:  ID :: WHERE :: TTY :: SAME :: STATE :: COMMAND :: WHY
#   TTY    p (stdout a pipe), t (a terminal) or pt (both)
#   SAME   what must be identical: out (stdout, uuids masked), err (all of
#          stderr), err1 (its first non-empty line), sum (its summary lines:
#          "destroyed 1 namespace", "read 2 nmems", "failed to ..."), rc
#   STATE  a state the devices are put in first (- for none); STATE! when
#          the command changes them, so the next case sets them up again
#   COMMAND a shell snippet; $NDCTL is the tool under test
#   WHY    - for none; else this is an intentional difference: what SAME
#          leaves out may differ, for this reason (docs/differences.md)
# A case whose compared outputs are all empty for both tools, with both exiting
# 0 where rc is compared, proves nothing and fails as EMPTY.
set -u
where=$1 cases=$2 ndkit=$3 upstream=$4 ptyrun=$5 setups=${6:-}
[ -n "$setups" ] && . "$setups"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
total=0 same=0 documented=0 fails=0
state_now= state_dirty=1
SUMMARY='^(enabled|disabled|destroyed|created|read|wrote|zeroed|initialized|successfully verified) [0-9]+ |^failed to (create|reconfigure) namespace|^error (enabling|disabling|destroying) namespaces'

trim() { printf '%s' "$1" | sed 's/^ *//; s/ *$//'; }

enter_state() {	# STATE: put the devices in it unless they already are
	st=${1%!}
	[ "$st" = - ] && return 0
	if [ "$st" != "$state_now" ] || [ "$state_dirty" = 1 ]; then
		"state_$st" > "$tmp/setup.log" 2>&1 < /dev/null || {
			echo "SETUP FAILED: state $st"; cat "$tmp/setup.log"; return 1; }
		state_now=$st state_dirty=0
	fi
	case $1 in *!) state_dirty=1 ;; esac
	return 0
}

run_tool() {	# NAME TOOL MODE STATE COMMAND: NAME.out/.err/.rc in $tmp
	enter_state "$4" || return 1
	if [ "$3" = t ]; then
		NDCTL=$2 $ptyrun sh -c "$5" > "$tmp/$1.out" 2> "$tmp/$1.err" < /dev/null
	else
		NDCTL=$2 sh -c "$5" > "$tmp/$1.out" 2> "$tmp/$1.err" < /dev/null
	fi
	echo $? > "$tmp/$1.rc"
	# Masked: uuids (random per run) and the instance numbers of namespaces
	# and their devices, which depend on the kernel's seed history (the
	# second tool runs after the first's namespaces were destroyed).
	sed -E 's/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/<uuid>/g
		s/(namespace|dax)([0-9]+)\.[0-9]+/\1\2.N/g
		s/(^|[^a-z0-9])pmem([0-9]+)(\.[0-9]+)?(s?)([^0-9.]|$)/\1pmem\2.N\4\5/g' \
		"$tmp/$1.out" > "$tmp/$1.out.n"
	grep -v '^$' "$tmp/$1.err" | head -n 1 > "$tmp/$1.err1"
	grep -E "$SUMMARY" "$tmp/$1.err" > "$tmp/$1.sum"
	return 0
}

differs() {	# ASPECT: 0 if ndkit and upstream differ in it
	case $1 in
	out) ! cmp -s "$tmp/nd.out.n" "$tmp/up.out.n" ;;
	*) ! cmp -s "$tmp/nd.$1" "$tmp/up.$1" ;;
	esac
}

empty() {	# SAME: 0 if the case compares nothing: every output it compares is empty
	# for both tools and any exit status it compares is 0 for both
	for aspect in $(echo "$1" | tr ',' ' '); do
		case $aspect in
		rc) [ "$(cat "$tmp/nd.rc")" = 0 ] && [ "$(cat "$tmp/up.rc")" = 0 ] || return 1 ;;
		out) [ -s "$tmp/nd.out.n" ] || [ -s "$tmp/up.out.n" ] && return 1 ;;
		*) [ -s "$tmp/nd.$aspect" ] || [ -s "$tmp/up.$aspect" ] && return 1 ;;
		esac
	done
	return 0
}

show() {	# ASPECT: what differs, for the log
	a=$1; [ "$a" = out ] && a=out.n
	echo "  --- upstream $1 / +++ ndkit $1:"
	diff -u "$tmp/up.$a" "$tmp/nd.$a" | sed -n '3,40p' | sed 's/^/  /'
}

run_case() {	# ID MODE SAME STATE COMMAND WHY
	run_tool up "$upstream" "$2" "$4" "$5" || return 1
	run_tool nd "$ndkit" "$2" "$4" "$5" || return 1
	bad=
	for aspect in $(echo "$3" | tr ',' ' '); do
		differs "$aspect" && bad="$bad $aspect"
	done
	total=$((total + 1))
	if [ -z "$bad" ] && empty "$3"; then
		fails=$((fails + 1))
		echo "EMPTY $1 ($2): compares nothing: both tools print nothing in $3 and exit 0: $5"
	elif [ -n "$bad" ]; then
		fails=$((fails + 1))
		echo "DIFF $1 ($2):$bad differ: $5"
		for aspect in $bad; do show "$aspect"; done
		echo "  ndkit's stderr:"
		head -n 12 "$tmp/nd.err" | sed 's/^/  | /'
	elif [ "$6" != - ]; then
		documented=$((documented + 1))
		echo "ok $1 ($2): same $3; documented: $6"
	else
		same=$((same + 1))
		echo "ok $1 ($2)"
	fi
}

while IFS= read -r line; do
	case $line in '' | '#'*) continue ;; esac
	rest=$line
	for f in id wh tty cmp st cmd; do
		val=$(trim "${rest%% :: *}")
		rest=${rest#* :: }
		eval "$f=\$val"
	done
	why=$(trim "$rest")
	[ "$wh" = "$where" ] || continue
	case $tty in *p*) run_case "$id" p "$cmp" "$st" "$cmd" "$why" || fails=$((fails + 1)) ;; esac
	case $tty in *t*) run_case "$id" t "$cmp" "$st" "$cmd" "$why" || fails=$((fails + 1)) ;; esac
done < "$cases"
echo "conform $where: $total runs, $same identical, $documented identical where compared (documented differences), $fails differing or comparing nothing"
[ "$total" -gt 0 ] && [ "$fails" -eq 0 ]

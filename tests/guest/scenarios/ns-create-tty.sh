# SPDX-License-Identifier: GPL-2.0-only
# create-namespace prints the namespace it made as upstream does on the same devices, in both of
# upstream's formats: human sizes ("size":"250.00 MiB (262.14 MB)") with stdout on a terminal,
# numbers when piped. Each create (fsdax, devdax, sector, raw) runs four times from the same
# empty regions: ndkit and upstream-ndctl, piped and through ptyrun; the outputs must match byte
# for byte once the kernel's instance numbers are masked.
DIMMS="1G:128K:2M 1G:2M:128M"
HOST_SETUP='bash "$SCENARIO_DIR/ns-create-tty.host"'
TIMEOUT=300

PTY=/ndkit/data/ptyrun
[ -x $PTY ] || fail "no $PTY: the host setup did not copy it"

run upstream-ndctl disable-region all
run upstream-ndctl init-labels -f all
run upstream-ndctl enable-region all

empty() {	# no namespace with a size left: both regions as the last create found them
	upstream-ndctl destroy-namespace -f all > /dev/null 2>&1 || true
	left=$(upstream-ndctl list -N | jq 'if type == "array" then length else 1 end')
	[ "${left:-0}" = 0 ] || fail "destroy-namespace left $left namespaces" "$(upstream-ndctl list -N)"
}

# Mask what each create draws anew: the kernel's instance numbers (namespaceR.N, daxR.N,
# pmemR.N(s)) and the uuids of info blocks (every uuid but the namespace's own, $u).
masked() {
	sed -E "s/$u/<given>/g" "$1" | mask_uuids '<drawn>' |
	sed -E 's/(namespace|dax)([0-9]+)\.[0-9]+/\1\2.N/g
		s/(^|[^a-z0-9])pmem([0-9]+)(\.[0-9]+)?(s?)([^0-9.]|$)/\1pmem\2.N\4\5/g'
}

created() {	# created TOOL WHERE ID ARGS...: one create from empty regions, stdout to /tmp/ID
	tool=$1 where=$2 id=$3
	shift 3
	empty
	rc=0
	if [ "$where" = tty ]; then
		$PTY $tool create-namespace "$@" > /tmp/$id.raw 2> /tmp/$id.err < /dev/null || rc=$?
	else
		$tool create-namespace "$@" > /tmp/$id.raw 2> /tmp/$id.err < /dev/null || rc=$?
	fi
	[ "$rc" = 0 ] || fail "$tool create-namespace $* ($where) exited $rc" "$(cat /tmp/$id.err)"
	masked /tmp/$id.raw > /tmp/$id
}

n=0
for c in "fs:-r region0 -m fsdax -a 2M -s 256M" "dd:-r region1 -m devdax -a 2M -s 256M" \
		"sec:-r region0 -m sector -s 64M" "raw:-r region0 -m raw -s 32M"; do
	name=${c%%:*} args=${c#*:}
	u=11111111-2222-4333-8444-55555555555$n
	n=$((n + 1))
	for where in pipe tty; do
		# shellcheck disable=SC2086
		created upstream-ndctl $where up-$name-$where $args -n $name -u $u
		# shellcheck disable=SC2086
		created ndctl $where nk-$name-$where $args -n $name -u $u
		cmp -s /tmp/up-$name-$where /tmp/nk-$name-$where ||
			fail "create-namespace $args ($where): ndkit's output differs from upstream's" \
				"$(diff /tmp/up-$name-$where /tmp/nk-$name-$where)"
	done
	# the oracle itself must show the two formats, or the comparison above proves nothing
	grep -Eq '"size":"[0-9]+\.[0-9]{2} [KMGT]iB \([0-9.]+ [KMGT]B\)"' /tmp/up-$name-tty ||
		fail "upstream printed no human size on a terminal: is ptyrun's stdout a terminal?" "$(cat /tmp/up-$name-tty)"
	grep -Eq '"size":[0-9]+[,}]' /tmp/up-$name-pipe ||
		fail "upstream printed no numeric size piped" "$(cat /tmp/up-$name-pipe)"
	echo "$name: ndkit == upstream piped ($(jq .size /tmp/nk-$name-pipe)) and on a terminal ($(jq .size /tmp/nk-$name-tty))"
done
empty

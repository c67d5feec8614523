# SPDX-License-Identifier: GPL-2.0-only
# disable/enable/destroy-namespace, read-infoblock and disable/enable-region from each namespace
# state (idle, fsdax, devdax, sector, disabled, force_raw, a claim whose personality is unbound),
# each run by ndkit and by upstream from the same state, built afresh by upstream-ndctl: the
# same exit status, stdout (uuids masked), summary line, and state left behind (upstream's
# list -RNi -vvv, uuids masked; the personalities' claims and namespace0.0's driver and
# force_raw, from sysfs). Every difference is reported, then the scenario fails.
DIMMS="1G:2M:2M"
TIMEOUT=600

R=$NDKIT_SYS/region0

quiet() { "$@" > /dev/null 2>&1 || fail "building the state: '$*' failed"; }

quiet upstream-ndctl disable-region region0
quiet upstream-ndctl init-labels -f all

# fresh: region0 as after init-labels: upstream's destroy clears every label and info block,
# the region's probe makes the one idle namespace and the seeds afresh
fresh() {
	upstream-ndctl enable-region region0 > /dev/null 2>&1
	echo 0 > $R/namespace0.0/force_raw
	upstream-ndctl destroy-namespace -f all > /dev/null 2>&1 || true
	quiet upstream-ndctl disable-region region0
	quiet upstream-ndctl enable-region region0
}

# build STATE: a mode, then -dis (upstream's disable-namespace), -claimed (the personality
# unbound through sysfs, its claim kept: as a --no-autorecover create leaves it), -raw (-dis
# and force_raw set), -off (upstream's disable-region); idle is fresh
build() {
	case $1 in
	idle) fresh ;;
	*-dis) build "${1%-dis}"; quiet upstream-ndctl disable-namespace namespace0.0 ;;
	*-claimed)
		build "${1%-claimed}"
		p=$(cat $R/namespace0.0/holder)
		echo "$p" > "$R/$p/driver/unbind" ;;
	*-raw) build "${1%-raw}-dis"; echo 1 > $R/namespace0.0/force_raw ;;
	*-off) build "${1%-off}"; quiet upstream-ndctl disable-region region0 ;;
	*) fresh; quiet upstream-ndctl create-namespace -r region0 -m "$1" -s 128M ;;
	esac
}

# state FILE: what the command left, with no personality's number in it
state() {
	{
		upstream-ndctl list -RNi -vvv
		for d in $R/pfn0.* $R/dax0.* $R/btt0.*; do
			n=$(cat "$d/namespace" 2>/dev/null) || continue
			[ -n "$n" ] || continue
			t=${d##*/}
			echo "${t%%0.*} claims $n, bound: $([ -e "$d/driver" ] && echo yes || echo no)"
		done
		echo "namespace0.0 bound: $([ -e $R/namespace0.0/driver ] && echo yes || echo no)," \
			"force_raw $(cat $R/namespace0.0/force_raw)"
	} 2>&1 | mask_uuids > "$1"
}

# tool TOOL STATE CMD...: TOOL's run from STATE, into /tmp/TOOL.{rc,out,sum,state}
tool() {
	t=$1 s=$2
	shift 2
	build "$s"
	rc=0
	"$t" "$@" > /tmp/out 2> /tmp/err || rc=$?
	echo "$rc" > "/tmp/$t.rc"
	mask_uuids < /tmp/out > "/tmp/$t.out"
	grep -E '^(enabled|disabled|destroyed|read|wrote) [0-9]+ [a-z]+$' /tmp/err > "/tmp/$t.sum" || true
	cp /tmp/err "/tmp/$t.err"
	state "/tmp/$t.state"
}

# same STATE CMD...: ndkit and upstream from STATE; each difference is kept for the end
same() {
	s=$1
	shift
	tool ndctl "$s" "$@"
	tool upstream-ndctl "$s" "$@"
	what=""
	for f in rc out sum state; do
		cmp -s "/tmp/ndctl.$f" "/tmp/upstream-ndctl.$f" || what="$what $f"
	done
	printf '%-16s %-38s ndkit %3s upstream %3s%s\n' "$s" "$*" "$(cat /tmp/ndctl.rc)" \
		"$(cat /tmp/upstream-ndctl.rc)" "${what:+   DIFFERS:$what}" >&2
	[ -n "$what" ] || return 0
	{
		echo "== from $s: $* (differs:$what)"
		echo "-- ndkit exits $(cat /tmp/ndctl.rc), stderr:"; cat /tmp/ndctl.err
		echo "-- upstream exits $(cat /tmp/upstream-ndctl.rc), stderr:"; cat /tmp/upstream-ndctl.err
		for f in out state; do
			diff -u "/tmp/ndctl.$f" "/tmp/upstream-ndctl.$f" | sed '1,2d' || true
		done
	} >> /tmp/differences
}

# disable: upstream deletes the personality (namespace raw with its size); enable after:
# the kernel finds the info block and makes the personality again
for m in fsdax devdax sector; do
	same $m disable-namespace namespace0.0
done
same fsdax-dis enable-namespace namespace0.0
same sector-dis enable-namespace namespace0.0
same fsdax-raw enable-namespace namespace0.0		# force_raw: the raw disk, pmem0
same fsdax-raw destroy-namespace namespace0.0		# (upstream's leaves force_raw 0)
same fsdax-dis read-infoblock -j namespace0.0
# refused at once: an idle namespace, a claim whose personality is unbound
same idle enable-namespace namespace0.0
same idle read-infoblock -j namespace0.0
same fsdax-claimed enable-namespace namespace0.0
same fsdax-claimed disable-namespace namespace0.0
# regions: every namespace disabled first, then the region; enabled, all comes back
same devdax disable-region region0
same sector-off enable-region region0
[ ! -e /tmp/differences ] || fail "ndkit and upstream differ" "$(cat /tmp/differences)"

# SPDX-License-Identifier: GPL-2.0-only
# daxctl against upstream-daxctl on the same devices: every case runs through both, from
# the same state, and must give the same exit status, the same last stderr line (the
# summary: "reconfigured 1 device", "onlined memory for 1 device") and the same JSON on
# stdout; the options upstream adds (-s/-a on a static region, --input, -C), the auto-online
# refusal, list -r/-d, usage errors (129).
DIMMS="1G:128K:2M 1G:2M:128M"
# many cases, each run twice with a reset between: a long boot under TCG
TIMEOUT=480

run upstream-ndctl disable-region all
run upstream-ndctl init-labels -f all
run upstream-ndctl enable-region all
run upstream-ndctl create-namespace -r region0 -m devdax -a 2M -s 256M > /dev/null
run upstream-ndctl create-namespace -r region1 -m devdax -a 2M -s 384M > /dev/null
policy=/sys/devices/system/memory/auto_online_blocks
echo offline > $policy

# one WHO ARGS...: run daxctl (ndkit) or upstream-daxctl, keep rc, stdout, last stderr line
one() {
	who=$1; shift
	if [ "$who" = nd ]; then capture nd daxctl "$@"; else capture up upstream-daxctl "$@"; fi
}
# same [-r RESET] [-n] ARGS...: both from the same state (RESET, a shell command, runs
# after each); same status, summary and JSON (key by key, in order; not with -n) or both
# no output.
same() {
	reset=: json=yes
	[ "$1" = -r ] && { reset=$2; shift 2; }
	[ "$1" = -n ] && { json=no; shift; }
	one nd "$@"; eval "$reset"
	one up "$@"; eval "$reset"
	[ "$(cat /tmp/nd.rc)" = "$(cat /tmp/up.rc)" ] ||
		fail "daxctl $*: exits $(cat /tmp/nd.rc), upstream $(cat /tmp/up.rc)" "$(cat /tmp/nd.err /tmp/up.err)"
	cmp -s /tmp/nd.last /tmp/up.last ||
		fail "daxctl $*: says '$(cat /tmp/nd.last)', upstream '$(cat /tmp/up.last)'" "$(cat /tmp/nd.err)"
	if [ $json = yes ] && { [ -s /tmp/up.out ] || [ -s /tmp/nd.out ]; }; then
		jq . /tmp/nd.out > /tmp/nd.json || fail "daxctl $*: stdout is not JSON" "$(cat /tmp/nd.out)"
		jq . /tmp/up.out > /tmp/up.json
		json_same /tmp/up.json /tmp/nd.json
		[ "$(jq -r type /tmp/up.out)" = "$(jq -r type /tmp/nd.out)" ] ||
			fail "daxctl $*: $(jq -r type /tmp/nd.out), upstream $(jq -r type /tmp/up.out)"
	fi
}
mode() { upstream-daxctl list -d "$1" | jq -r '.[0].mode'; }
to_devdax="daxctl reconfigure-device -f -m devdax dax1.0 > /dev/null 2>&1"
to_ram="daxctl reconfigure-device -m system-ram dax1.0 > /dev/null 2>&1"

# usage errors: 129 and the same first line
for args in "reconfigure-device" "reconfigure-device dax1.0" "reconfigure-device -m devdax -N dax1.0" \
	    "reconfigure-device -m devdax dax1.0 dax0.0" "online-memory" "offline-memory" \
	    "disable-device" "list bogus" "reconfigure-device -C -m devdax dax1.0" \
	    "reconfigure-device --bogus dax1.0"; do
	same $args
	[ "$(cat /tmp/nd.rc)" = 129 ] || fail "daxctl $args exits $(cat /tmp/nd.rc), want 129"
done

# list: -r alone lists regions, -d alone devices; nothing matching prints nothing
for args in "" "-r 1" "-r region1" "-r 0 -D" "-d dax1.0" "-r 1 -d dax1.0" "-R -u" "-r 7" "-M -i"; do
	same list $args
done

# a static (nvdimm) region cannot resize or realign; unknown modes; no such device
same reconfigure-device -s 512M dax1.0
same reconfigure-device -a 4K dax1.0
same reconfigure-device -m bogus dax1.0
# no such device: v81 (f533bd7) exits 0 with "reconfigured 0 devices", 76.1 (the oracle)
# ENXIO with "error reconfiguring devices"; ndkit follows v81
one nd reconfigure-device -m devdax dax9.9
[ "$(cat /tmp/nd.rc)" = 0 ] && [ "$(cat /tmp/nd.last)" = "reconfigured 0 devices" ] ||
	fail "reconfigure-device dax9.9: exit $(cat /tmp/nd.rc), '$(cat /tmp/nd.last)'" "$(cat /tmp/nd.err)"
same reconfigure-device -m devdax --input /nonexistent.json dax1.0
same reconfigure-device -C all

# the kernel would auto-online: system-ram refused (EBUSY), the device left in devdax
echo online > $policy
same reconfigure-device -m system-ram dax1.0
[ "$(cat /tmp/nd.rc)" = 240 ] || fail "auto-online refusal exits $(cat /tmp/nd.rc), want 240"
[ "$(mode dax1.0)" = devdax ] || fail "the refused reconfigure changed dax1.0 to $(mode dax1.0)"
echo offline > $policy

# devdax -> system-ram, and back; each from the same state
same -r "$to_devdax" reconfigure-device -m system-ram dax1.0
same -r "$to_devdax" reconfigure-device -m system-ram -u dax1.0
same -r "$to_devdax" reconfigure-device -m system-ram -N dax1.0
eval "$to_ram"
same -r "$to_ram" reconfigure-device -m devdax -f dax1.0
same reconfigure-device -m devdax dax1.0			# memory online, no -f: EBUSY
same reconfigure-device -m system-ram dax1.0			# already: counted, status 0
same online-memory dax1.0				# all online already: status 1
same -r "daxctl online-memory dax1.0 > /dev/null 2>&1" offline-memory dax1.0
daxctl offline-memory dax1.0 > /dev/null 2>&1
same -r "daxctl offline-memory dax1.0 > /dev/null 2>&1" online-memory dax1.0
same offline-memory dax1.0				# all offline already: status 1
same disable-device dax1.0				# system-ram: ENXIO
same enable-device dax1.0
eval "$to_devdax"
same online-memory dax1.0				# devdax: ENXIO

# enable/disable a devdax device; "all" reconfigures both and prints the last one
same -r "daxctl enable-device dax0.0 > /dev/null 2>&1" disable-device dax0.0
same -r "daxctl enable-device all > /dev/null 2>&1" disable-device all
daxctl disable-device dax0.0 2> /dev/null
same -r "daxctl disable-device dax0.0 > /dev/null 2>&1" enable-device dax0.0
daxctl enable-device dax0.0 2> /dev/null
same reconfigure-device -m devdax -r 0 all
# "all" over devices of two regions prints the last one reconfigured, in upstream's order
same reconfigure-device -m devdax all
[ "$(jq -r '.chardev? // .[0].chardev' /tmp/nd.out)" != null ] ||
	fail "reconfigure-device all printed no device" "$(cat /tmp/nd.out)"

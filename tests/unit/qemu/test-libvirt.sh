#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# ndctl-qemu against a real libvirt (run through tests/libvirt/with-libvirtd.sh):
# for good and bad domains, `check --domain` on the XML and `check` on the
# command line libvirt generates (virsh domxml-to-native) report the same
# findings; what libvirt refuses is marked so; QEMU starts exactly the domains
# check finds no QEMU-refused error in, puts DIMMs where check and plan say,
# and `check --pid [--qmp]` on the running QEMU agrees too, hot-plugged DIMMs
# (plan --hotplug, virsh attach-device) included.
. "$(dirname "$0")/lib.sh"

ids() { jq -r '[.[] | select(.id != "domain-xml") | .id] | unique | join(" ")'; }
refused() { jq -r '[.[] | select(.libvirt_refuses)] | length'; }

# The good domain: plan's, TCG, small DIMMs (libvirt preallocates them).
"$Q" plan --format libvirt --name good --domain-type qemu --ram 256M --vcpus 1 \
	--nvdimm 256M --nvdimm 384M,label-size=2M --hotplug-spares 1 --create \
	>good.xml 2>good.plan || fail "plan --format libvirt"
checks=$((checks + 1))
virt-xml-validate good.xml domain >/dev/null 2>&1 || fail "virt-xml-validate refuses plan's domain"
truncate -s 128M small.img

# variant NAME SED-SCRIPT: good.xml edited into NAME.xml
variant() { sed -e "s/<name>good</<name>$1</" -e "$2" good.xml >"$1.xml"; }
variant halffile "0,/nvdimm0.img/s|$T/nvdimm0.img|$T/small.img|"
variant misaligned "s/<alignsize unit='KiB'>131072</<alignsize unit='KiB'>2048</"
variant noacpi "/<acpi\/>/d"
variant private "0,/access='shared'/s//access='private'/"
variant label64 "0,/<size unit='KiB'>128</s//<size unit='KiB'>64</"
variant oneslot "s/slots='3'/slots='1'/;/<address type='dimm'/d"
variant dupslot "s/slot='1'/slot='0'/"

# case NAME QEMU-STARTS(yes/no) IDS...: the findings both ways, then QEMU's verdict
case_of() {
	name=$1 starts=$2; shift 2
	want="$*"
	"$Q" check --json --domain "$name.xml" >"$name.domain.json"
	got=$(ids <"$name.domain.json")
	expect_eq "$name: check --domain" "$got" "$want"
	if ! virsh domxml-to-native qemu-argv "$name.xml" >"$name.argv" 2>"$name.err"; then
		checks=$((checks + 1))
		[ "$(refused <"$name.domain.json")" -gt 0 ] ||
			fail "$name: libvirt refuses it ($(cat "$name.err")) but check marks nothing"
		return
	fi
	expect_eq "$name: findings libvirt would refuse" "$(refused <"$name.domain.json")" 0
	"$Q" check --json -- "$(cat "$name.argv")" >"$name.argv.json"
	expect_eq "$name: check on libvirt's argv" "$(ids <"$name.argv.json")" "$want"
	virsh define "$name.xml" >/dev/null || { fail "$name: virsh define"; return; }
	if virsh start --paused "$name" >"$name.start" 2>&1; then
		expect_eq "$name: QEMU starts" yes "$starts"
		pid=$(cat "/run/libvirt/qemu/$name.pid")
		"$Q" check --json --pid "$pid" >"$name.pid.json"
		expect_eq "$name: check --pid" "$(ids <"$name.pid.json")" "$want"
		virsh qemu-monitor-command "$name" '{"execute":"query-memory-devices"}' \
			>"$name.qmp.json"
	else
		expect_eq "$name: QEMU starts ($(tail -1 "$name.start"))" no "$starts"
	fi
}

case_of good yes ""
case_of halffile no "file-size"
case_of misaligned yes "dimm-align"
case_of noacpi no "no-acpi"
case_of private yes "share-off"
case_of label64 no "label-size-min"
case_of oneslot no "slot slots"
case_of dupslot no "slot"

# Beyond the ids: the same words, the domain's adding only the fix in XML.
for name in misaligned private; do
	msg() { jq -r '.[] | select(.id != "domain-xml") | .message' "$1" | sed 's/ In the domain: .*//'; }
	expect_eq "$name: messages from the domain and from its argv" \
		"$(msg "$name.domain.json")" "$(msg "$name.argv.json")"
done

# QEMU put the DIMMs where plan said, and the misaligned one where check said.
plan_addrs=$(sed -n 's/^# nvdimm[0-9]*: region .* at //p' good.plan | tr '\n' ' ')
qemu_hex=$(for a in $(jq -r '.return[].data.addr' good.qmp.json); do printf '%#x ' "$a"; done)
expect_eq "good: QEMU's addresses vs plan's" "$qemu_hex" "$plan_addrs"
said=$(jq -r '.[] | select(.id == "dimm-align") | .message' misaligned.domain.json |
	sed -n 's/.*places this DIMM at \(0x[0-9a-f]*\),.*/\1/p')
real=$(printf '%#x' "$(jq -r '.return[1].data.addr' misaligned.qmp.json)")
expect_eq "misaligned: QEMU's address vs check's" "$real" "$said"

# Hotplug the libvirt way into the running good domain, then ask its QMP too.
"$Q" plan --hotplug --nvdimm 256M,file=hot.img --create >hot.xml 2>/dev/null ||
	fail "plan --hotplug"
checks=$((checks + 1))
virsh attach-device good hot.xml --live >/dev/null 2>&1 || fail "attach-device of plan --hotplug"
sed "s/access='shared'/access='private'/;s/hot.img/hot2.img/" hot.xml >hot2.xml
truncate -s 256M hot2.img
checks=$((checks + 1))
virsh attach-device good hot2.xml --live >/dev/null 2>&1 &&
	fail "a DIMM beyond the slots attached"
pid=$(cat /run/libvirt/qemu/good.pid)
expect_eq "good+hotplug: check --pid alone" "$("$Q" check --json --pid "$pid" | ids)" ""

# A second QMP socket (libvirt keeps its own) to test --qmp.
sed -e "s|<domain type='qemu'>|<domain type='qemu' xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'>|" \
	-e "s|</devices>|</devices><qemu:commandline><qemu:arg value='-qmp'/><qemu:arg value='unix:$T/qmp.sock,server=on,wait=off'/></qemu:commandline>|" \
	-e "s/<name>good</<name>qmp</" -e "s/slots='3'/slots='4'/" \
	-e "s|<maxMemory slots='4' unit='KiB'>[0-9]*<|<maxMemory slots='4' unit='KiB'>4194304<|" \
	good.xml >qmp.xml
virsh destroy good >/dev/null
virsh create qmp.xml --paused >/dev/null || fail "virsh create with a QMP socket"
virsh attach-device qmp hot.xml --live >/dev/null 2>&1 || fail "attach-device to qmp"
virsh attach-device qmp hot2.xml --live >/dev/null 2>&1 || fail "attach-device of a private DIMM"
pid=$(cat /run/libvirt/qemu/qmp.pid)
"$Q" check --json --pid "$pid" --qmp "$T/qmp.sock" >qmp.json
expect_eq "hotplug: check --pid --qmp" "$(ids <qmp.json)" "share-off"
expect_eq "hotplug: the finding names the hot-plugged DIMM" \
	"$(jq -r '.[] | select(.id == "share-off") | .option' qmp.json | grep -c '(QMP) hot-plugged nvdimm')" 1
checks=$((checks + 1))
"$Q" check --pid "$pid" --qmp "$T/none.sock" >/dev/null 2>&1 && fail "--qmp on no socket succeeded"

for d in $(virsh list --name); do virsh destroy "$d" >/dev/null; done
finish qemu-libvirt

#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Source the bash completion with a fake COMP_WORDS and check what it offers:
# subcommands of the real tools, and options and sysfs names through a fake
# tool (the real commands land on other branches) over a fake sysfs tree.
# usage: test-completion.sh COMPLETION-SCRIPT NDCTL DAXCTL NDCTL-QEMU
set -u
script=$(realpath "$1") ndctl=$(realpath "$2") daxctl=$(realpath "$3") qemu=$(realpath "$4")
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fails=0; checks=0

mkdir -p "$tmp/sys/bus/nd/devices" "$tmp/sys/bus/dax/devices" "$tmp/bin" "$tmp/vm"
for d in ndbus0 nmem0 nmem1 region0 region1 namespace0.0 namespace1.0; do
	mkdir "$tmp/sys/bus/nd/devices/$d"
done
mkdir "$tmp/sys/bus/dax/devices/dax1.0"
touch "$tmp/vm/nv0.img"
cat > "$tmp/bin/ndctl" <<'TOOL'
#!/bin/sh
case "$1 ${2-}" in
"--list-cmds ") printf 'version\nlist\nread-labels\ncreate-namespace\n' ;;
"read-labels --help") echo "usage: ndctl read-labels [-j|--json] [--all-slots] [-s|--size=SIZE]" ;;
esac
TOOL
sed 's/ndctl read-labels/daxctl reconfigure-device/; s/read-labels/reconfigure-device/' \
	"$tmp/bin/ndctl" > "$tmp/bin/daxctl"
chmod +x "$tmp/bin/ndctl" "$tmp/bin/daxctl"

complete_words() {	# WORD... (the last is the one being completed)
	( cd "$tmp" && _NDKIT_SYSFS=$tmp/sys bash -c '
		source "$0"
		COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
		_ndkit_complete
		[ ${#COMPREPLY[@]} -eq 0 ] || printf "%s\n" "${COMPREPLY[@]}" | sort' "$script" "$@" )
}
expect() {	# expect "WANTED REPLIES" WORD...
	local want=$1; shift
	checks=$((checks + 1))
	got=$(complete_words "$@" | tr '\n' ' ')
	if [ "$got" != "$want" ]; then
		echo "FAIL: '$*': want '$want', got '$got'"; fails=$((fails + 1))
	fi
}

# The real tools: their command tables and the dispatcher's options.
expect "version " "$ndctl" ver
expect "--help --list-cmds --version " "$daxctl" --
expect "version " "$qemu" help v
# Through the fake tools: commands, options from --help, sysfs names, files.
expect "create-namespace " "$tmp/bin/ndctl" cr
expect "--all-slots " "$tmp/bin/ndctl" read-labels --a
expect "--all-slots --json --size " "$tmp/bin/ndctl" read-labels --
expect "nmem0 nmem1 " "$tmp/bin/ndctl" read-labels nm
expect "vm/nv0.img " "$tmp/bin/ndctl" read-labels vm/n
expect "all " "$tmp/bin/ndctl" read-labels al
expect "region0 region1 " "$tmp/bin/ndctl" list -r ""
expect "region1 " "$tmp/bin/ndctl" list --region = region1
expect "fsdax " "$tmp/bin/ndctl" create-namespace -m f
expect "" "$tmp/bin/ndctl" create-namespace --size ""
expect "namespace0.0 namespace1.0 " "$tmp/bin/ndctl" create-namespace -e names
expect "all dax1.0 " "$tmp/bin/daxctl" reconfigure-device ""
# The real ndctl's info-block commands: per-command short options.
expect "devdax fsdax " "$ndctl" write-infoblock -m ""
expect "dev mem " "$ndctl" write-infoblock -M ""
expect "" "$ndctl" write-infoblock -u ""
expect "" "$ndctl" write-infoblock --parent-uuid ""
expect "all namespace0.0 namespace1.0 " "$ndctl" write-infoblock -u 1 ""
expect "vm/nv0.img " "$ndctl" read-infoblock -i vm/n
expect "all namespace0.0 namespace1.0 " "$ndctl" read-infoblock -u ""
expect "all namespace0.0 namespace1.0 " "$ndctl" check-namespace ""
expect "--region --repair --rewrite-log " "$ndctl" check-namespace --re
# media errors: inject-error names one namespace; -t and -d are flags there, -B takes a number
expect "namespace0.0 namespace1.0 " "$ndctl" inject-error ""
expect "namespace0.0 namespace1.0 " "$ndctl" inject-error -t ""
expect "namespace0.0 namespace1.0 " "$ndctl" inject-error -d ""
expect "" "$ndctl" inject-error -B ""
expect "all namespace0.0 namespace1.0 " "$ndctl" clear-errors ""
expect "all ndbus0 " "$ndctl" start-scrub ""
expect "" "$ndctl" wait-scrub -p ""
expect "system-ram " "$tmp/bin/daxctl" reconfigure-device -m sys
# The real daxctl: destroy-device takes devices, create-device none; their options
expect "all dax1.0 " "$daxctl" destroy-device ""
expect "" "$daxctl" create-device ""
expect "--align --human --input --region --size --verbose " "$daxctl" create-device --
expect "vm/nv0.img " "$daxctl" create-device --input vm/n
expect "--force " "$daxctl" destroy-device --f
# ndctl-qemu's values: formats, domain types, files, QEMU pids (a fake /proc).
expect "libvirt " "$qemu" plan --format l
expect "kvm qemu " "$qemu" plan --domain-type ""
expect "" "$qemu" plan --vcpus ""
expect "--domain --json --pid --qmp " "$qemu" check --
expect "vm/nv0.img " "$qemu" check --domain vm/n
mkdir -p "$tmp/proc/41" "$tmp/proc/42"
echo qemu-system-x86 >"$tmp/proc/41/comm"
echo bash >"$tmp/proc/42/comm"
_NDKIT_PROC="$tmp/proc" expect "41 " "$qemu" check --pid ""
expect "--hotplug " "$qemu" run --hot
expect "vm/nv0.img " "$qemu" run --preload vm/n
expect "" "$qemu" run --boots ""
expect "vm/nv0.img " "$qemu" run --nvdimm 1G -- true vm/n
printf '#!/bin/sh\n' > "$tmp/bin/ndkit-test-cmd" && chmod +x "$tmp/bin/ndkit-test-cmd"
PATH=$tmp/bin:$PATH expect "ndkit-test-cmd " "$qemu" run --nvdimm 1G -- ndkit-test-c
# run's and check's options end at the first word that is not one, "--" or not.
PATH=$tmp/bin:$PATH expect "ndkit-test-cmd " "$qemu" run --nvdimm 1G -q ndkit-test-c
PATH=$tmp/bin:$PATH expect "ndkit-test-cmd " "$qemu" run --nvdimm = 1G ndkit-test-c
expect "vm/nv0.img " "$qemu" run -q ls vm/n
expect "" "$qemu" run --nvdimm 1G ls --hot
expect "--hotplug " "$qemu" run --nvdimm 1G -S --hot
# --nfit-test takes no value: COMMAND comes next.
expect "--nfit-test " "$qemu" run --nfit
expect "--legacy-pmem " "$qemu" run --leg
expect "--qemu-arg " "$qemu" run --qemu
expect "" "$qemu" run --legacy-pmem ""
expect "" "$qemu" run --numa ""
expect "" "$qemu" run --append ""
expect "" "$qemu" run --qemu-arg ""
expect "" "$qemu" run --gdb ""
PATH=$tmp/bin:$PATH expect "ndkit-test-cmd " "$qemu" run --legacy-pmem 512M --gdb 1234 ndkit-test-c
PATH=$tmp/bin:$PATH expect "ndkit-test-cmd " "$qemu" run --nfit-test ndkit-test-c
expect "" "$qemu" check -j qemu-system-x86_64 --dom
expect "--domain " "$qemu" check -j --dom
echo "test-completion: $checks checks, $fails failed"
[ "$fails" -eq 0 ]

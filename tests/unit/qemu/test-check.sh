#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Every `ndctl-qemu check` rule with a command line that trips it and one
# that does not, on real (sparse) backend files; then `plan` output fed back
# to `check`.
. "$(dirname "$0")/lib.sh"


# run ARGS...: sets $out (JSON findings) and $rc
run() { out=$("$Q" check --json -- "$@" 2>&1); rc=$?; }

# has ID EXIT ARGS...: the finding ID is reported and check exits EXIT
has() {
	id=$1 want=$2; shift 2
	checks=$((checks + 1))
	run "$@"
	printf '%s' "$out" | grep -q "\"id\":\"$id\"" || fail "no $id for: $* -> $out"
	[ "$rc" -eq "$want" ] || fail "exit $rc (want $want) for: $* -> $out"
}

# lacks ID ARGS...: the finding ID is not reported
lacks() {
	id=$1; shift
	checks=$((checks + 1))
	run "$@"
	printf '%s' "$out" | grep -q "\"id\":\"$id\"" && fail "unexpected $id for: $* -> $out"
	return 0
}

# clean ARGS...: no finding at all, exit 0
clean() {
	checks=$((checks + 1))
	run "$@"
	[ "$rc" -eq 0 ] && [ "$(printf '%s' "$out" | tr -d ' \n')" = "[]" ] ||
		fail "findings for a good line: $* -> $out"
}

truncate -s 1G a.img b.img
truncate -s 1000M odd0.img odd1.img
truncate -s 1040M s16.img
truncate -s 512M small.img
M="-machine pc,nvdimm=on"
MEM="-m 1G,slots=2,maxmem=4G"
OA="-object memory-backend-file,id=m0,share=on,mem-path=a.img,size=1G,align=2M"
DA="-device nvdimm,id=nv0,memdev=m0,label-size=2M"
OB="-object memory-backend-file,id=m1,share=on,mem-path=b.img,size=1G,align=128M"
DB="-device nvdimm,id=nv1,memdev=m1,label-size=2M"

# The good line, in every accepted shape.
clean $M $MEM $OA $DA $OB $DB
clean qemu-system-x86_64 $M $MEM $OA $DA $OB $DB -nodefaults -display none
clean "qemu-system-x86_64 $M $MEM \\
  $OA $DA $OB $DB -serial stdio -append 'console=ttyS0 panic=-1'"
clean --machine pc,nvdimm=on $MEM --object "${OA#-object }" $DA
clean $M $MEM "$OA" "$DA"	# "-object memory-backend-file,..." as one word

# machine-nvdimm
has machine-nvdimm 1 -machine pc $MEM $OA $DA
has machine-nvdimm 1 $MEM $OA $DA
lacks machine-nvdimm -machine pc -machine nvdimm=on $MEM $OA $DA

# slots
has slots 1 $M -m 1G,slots=1,maxmem=4G $OA $DA $OB $DB
has slots 1 $M -m 1G,maxmem=4G $OA $DA
lacks slots $M -m 1G,slots=2,maxmem=4G $OA $DA $OB $DB

# slot: in range and used once
has slot 1 $M $MEM $OA $DA,slot=2
has slot 1 $M $MEM $OA $DA,slot=1 $OB $DB,slot=1
lacks slot $M $MEM $OA $DA,slot=1 $OB $DB,slot=0

# maxmem
has maxmem 1 $M -m 1G,slots=2,maxmem=2G $OA $DA $OB $DB
has maxmem 1 $M -m 1G,slots=2 $OA $DA
lacks maxmem $M -m 1G,slots=2,maxmem=3G $OA $DA $OB $DB

# label-size-min
has label-size-min 1 $M $MEM $OA -device nvdimm,id=nv0,memdev=m0,label-size=64K
lacks label-size-min $M $MEM $OA -device nvdimm,id=nv0,memdev=m0,label-size=128K

# label-size-2m: 1G - 128K with a 4K-page file is not 2M aligned
OA4K="-object memory-backend-file,id=m0,share=on,mem-path=a.img,size=1G"
has label-size-2m 0 $M $MEM $OA4K -device nvdimm,id=nv0,memdev=m0,label-size=128K
lacks label-size-2m $M $MEM $OA4K -device nvdimm,id=nv0,memdev=m0,label-size=2M
lacks label-size-2m $M $MEM $OA -device nvdimm,id=nv0,memdev=m0,label-size=128K

# nvdimm-size: nothing left after labels and alignment
truncate -s 2M tiny.img
has nvdimm-size 1 $M $MEM -object memory-backend-file,id=m0,share=on,mem-path=tiny.img,size=2M,align=2M \
	-device nvdimm,id=nv0,memdev=m0,label-size=128K
lacks nvdimm-size $M $MEM $OA $DA

# memdev-missing
has memdev-missing 1 $M $MEM $OA -device nvdimm,id=nv0,memdev=nope
has memdev-missing 1 $M $MEM $OA -device nvdimm,id=nv0
lacks memdev-missing $M $MEM $DA $OA	# a backend may come after its device

# backend-reused
has backend-reused 1 $M $MEM $OA $DA -device nvdimm,id=nv1,memdev=m0
lacks backend-reused $M $MEM $OA $DA $OB $DB

# duplicate-id
has duplicate-id 1 $M $MEM $OA $DA -object memory-backend-file,id=m0,share=on,mem-path=b.img,size=1G
has duplicate-id 1 $M $MEM $OA $DA $OB -device nvdimm,id=nv0,memdev=m1
lacks duplicate-id $M $MEM $OA $DA $OB $DB

# file-size: smaller aborts QEMU; larger moves the labels off the file's end
has file-size 1 $M $MEM -object memory-backend-file,id=m0,share=on,mem-path=small.img,size=1G $DA
has file-size 0 $M $MEM -object memory-backend-file,id=m0,share=on,mem-path=a.img,size=512M,align=2M $DA
lacks file-size $M $MEM $OA $DA
lacks file-size $M $MEM -object memory-backend-file,id=m0,share=on,mem-path=new.img,size=1G $DA

# dimm-align: 1000M - 128K leaves the second DIMM off 16M (error) ...
OD0="-object memory-backend-file,id=m0,share=on,mem-path=odd0.img,size=1000M"
OD1="-object memory-backend-file,id=m1,share=on,mem-path=odd1.img,size=1000M"
has dimm-align 1 $M $MEM $OD0 -device nvdimm,id=nv0,memdev=m0,label-size=128K \
	$OD1 -device nvdimm,id=nv1,memdev=m1,label-size=128K
lacks dimm-align $M $MEM $OD0 -device nvdimm,id=nv0,memdev=m0,label-size=128K \
	$OD1,align=128M -device nvdimm,id=nv1,memdev=m1,label-size=128K
# ... and 1040M without labels leaves it on 16M but off 128M (warning)
has dimm-align 0 $M $MEM -object memory-backend-file,id=m0,share=on,mem-path=s16.img,size=1040M \
	-device nvdimm,id=nv0,memdev=m0 ${OB%,align=128M},align=2M $DB
lacks dimm-align $M $MEM $OA $DA $OB $DB

# share-off and volatile-backend
has share-off 0 $M $MEM -object memory-backend-file,id=m0,mem-path=a.img,size=1G,align=2M $DA
has share-off 0 $M $MEM -object memory-backend-file,id=m0,share=off,mem-path=a.img,size=1G,align=2M $DA
lacks share-off $M $MEM $OA $DA
has volatile-backend 0 $M $MEM -object memory-backend-ram,id=m0,size=1G $DA
lacks volatile-backend $M $MEM $OA $DA

# label-area-data: the last label-size bytes of size= must be zero or labels
truncate -s 1G data.img labels.img
printf 'precious user data' | dd of=data.img bs=1 seek=$((1024 * 1048576 - 65536)) conv=notrunc 2>/dev/null
printf 'NAMESPACE_INDEX\000' | dd of=labels.img bs=1 seek=$((1024 * 1048576 - 131072)) conv=notrunc 2>/dev/null
printf 'stale label bytes' | dd of=labels.img bs=1 seek=$((1024 * 1048576 - 4096)) conv=notrunc 2>/dev/null
has label-area-data 1 $M $MEM -object memory-backend-file,id=m0,share=on,mem-path=data.img,size=1G,align=2M \
	-device nvdimm,id=nv0,memdev=m0,label-size=128K
lacks label-area-data $M $MEM -object memory-backend-file,id=m0,share=on,mem-path=data.img,size=1G,align=2M \
	-device nvdimm,id=nv0,memdev=m0
lacks label-area-data $M $MEM -object memory-backend-file,id=m0,share=on,mem-path=labels.img,size=1G,align=2M \
	-device nvdimm,id=nv0,memdev=m0,label-size=128K
lacks label-area-data $M $MEM $OA $DA

# align-backend
has align-backend 1 $M $MEM -object memory-backend-ram,id=m0,size=1G,align=2M $DA
has align-backend 1 $M $MEM -object memory-backend-file,id=m0,share=on,mem-path=a.img,size=1G,align=3M $DA
has align-backend 1 $M $MEM -object memory-backend-file,id=m0,share=on,mem-path=a.img,size=1G,align=1K $DA
lacks align-backend $M $MEM $OA $DA

# readonly-unarmed
has readonly-unarmed 1 $M $MEM $OA,readonly=on $DA
lacks readonly-unarmed $M $MEM $OA,readonly=on $DA,unarmed=on

# syntax
has syntax 1 $M -m 1G,slots=two,maxmem=4G $OA $DA
has syntax 1 $M $MEM -object '{"qom-type":"memory-backend-ram","id":"x","size":"1G"}' $OA $DA

# JSON values (libvirt's spelling) go through the same rules as key=value.
JA='{"qom-type":"memory-backend-file","id":"m0","share":true,"mem-path":"a.img","size":1073741824,"align":2097152}'
JD='{"driver":"nvdimm","id":"nv0","memdev":"m0","label-size":2097152}'
JODD='{"qom-type":"memory-backend-file","id":"m9","share":true,"mem-path":"odd0.img","size":1048576000}'
JDODD='{"driver":"nvdimm","id":"nv9","memdev":"m9","label-size":131072}'
clean -machine pc-i440fx-7.2,usb=off,nvdimm=on -m size=1048576k,slots=2,maxmem=4194304k \
	-object '{"qom-type":"memory-backend-ram","id":"pc.ram","size":1073741824}' \
	-object "$JA" -device "$JD"
has file-size 1 $M $MEM -object "${JA%\}},\"size\":2147483648}" -device "$JD"
has dimm-align 1 $M -m 1G,slots=3,maxmem=8G -object "$JODD" -device "$JDODD" $OA $DA
has share-off 0 $M $MEM -object "$(echo "$JA" | sed 's/"share":true/"share":false/')" -device "$JD"
has slot 1 $M $MEM -object "$JA" -device "${JD%\}},\"slot\":2}"
has no-acpi 1 $M $MEM -object "$JA" -device "$JD" -no-acpi
has no-acpi 1 -machine pc,nvdimm=on,acpi=off $MEM $OA $DA
lacks no-acpi -machine pc,nvdimm=on,acpi=on $MEM $OA $DA

# The text form: one line per finding, severity first, naming the option.
checks=$((checks + 1))
txt=$("$Q" check -- -machine pc $MEM $OA $DA); rc=$?
[ "$rc" -eq 1 ] && printf '%s\n' "$txt" | grep -q '^error: -device nvdimm,id=nv0,memdev=m0,label-size=2M \[machine-nvdimm\] .*nvdimm=on' ||
	fail "text output: $txt"
checks=$((checks + 1))
"$Q" check 2>/dev/null && fail "check without a command line succeeded"

# plan: its output passes check, and --create makes sparse files
mkdir p && cd p || exit 1
for spec in "--nvdimm 1G --nvdimm 1G" \
	    "--ram 4G --nvdimm 1000M --nvdimm 1000M,label-size=2M --nvdimm 700M --hotplug-spares 2" \
	    "--nvdimm 256M,label-size=1M,file=x.img --nvdimm 3G"; do
	checks=$((checks + 1))
	rm -f ./*.img
	# shellcheck disable=SC2086
	args=$("$Q" plan $spec --create 2>/dev/null) || { fail "plan $spec failed"; continue; }
	# shellcheck disable=SC2086
	res=$("$Q" check -- $args); rc=$?
	[ "$rc" -eq 0 ] && ! printf '%s' "$res" | grep -q '^error' ||
		fail "plan $spec does not pass check: $res"
	printf '%s' "$res" | grep -q dimm-align && fail "plan $spec misaligned: $res"
done
checks=$((checks + 1))
[ "$(stat -c %s x.img)" -eq $((256 * 1048576)) ] && [ "$(stat -c %b x.img)" -lt 64 ] ||
	fail "plan --create did not make a sparse 256M x.img"
checks=$((checks + 1))
rm -f ./*.img
truncate -s 5M nvdimm1.img
"$Q" plan --nvdimm 1G --nvdimm 1G --create >/dev/null 2>&1 && fail "plan overwrote a file"
[ ! -e nvdimm0.img ] && [ "$(stat -c %s nvdimm1.img)" -eq 5242880 ] ||
	fail "a refused plan --create changed files"
checks=$((checks + 1))
"$Q" plan --nvdimm 1G,bogus=1 >/dev/null 2>&1 && fail "plan accepted bogus=1"

# plan --format libvirt: a domain libvirt's schema accepts, that passes check
# --domain with the same regions as the QEMU plan (tests/unit/qemu/test-libvirt.sh
# starts it under a real libvirtd).
rm -f ./*.img
for spec in "--nvdimm 1G --nvdimm 1G" \
	    "--ram 4G --nvdimm 1000M --nvdimm 1000M,label-size=2M --nvdimm 700M --hotplug-spares 2"; do
	checks=$((checks + 1))
	# shellcheck disable=SC2086
	"$Q" plan $spec --format libvirt --name t-1 --vcpus 3 >d.xml 2>d.regions ||
		{ fail "plan $spec --format libvirt failed"; continue; }
	# shellcheck disable=SC2086
	"$Q" plan $spec >/dev/null 2>q.regions
	cmp -s d.regions q.regions || fail "plan $spec: libvirt and QEMU regions differ"
	if command -v virt-xml-validate >/dev/null; then
		virt-xml-validate d.xml domain >/dev/null 2>&1 || fail "plan $spec: schema refuses the domain"
	fi
	res=$("$Q" check --domain d.xml); rc=$?
	[ "$rc" -eq 0 ] && [ -z "$res" ] || fail "plan $spec --format libvirt fails check: $res"
	grep -q "<cell id='0' cpus='0-2' memory=" d.xml && grep -q "<path>$PWD/nvdimm0.img</path>" d.xml ||
		fail "plan --format libvirt: no vCPUs or no absolute path in $(cat d.xml)"
done
checks=$((checks + 1))
"$Q" plan --hotplug --nvdimm 1G,label-size=2M,file=h.img >h.xml 2>/dev/null &&
	grep -q "<alignsize unit='KiB'>131072</alignsize>" h.xml && ! grep -q '<address' h.xml ||
	fail "plan --hotplug: $(cat h.xml)"
for bad in "--hotplug --nvdimm 1G --nvdimm 1G" "--hotplug --format qemu --nvdimm 1G" \
	   "--format libvirt --nvdimm 1001M" "--format xml --nvdimm 1G" "--name a/b --nvdimm 1G" \
	   "--vcpus 0 --nvdimm 1G" "--domain-type xen --nvdimm 1G"; do
	checks=$((checks + 1))
	# shellcheck disable=SC2086
	"$Q" plan $bad >/dev/null 2>&1 && fail "plan $bad succeeded"
done

# check --domain on input that is no domain, and --pid on what is no QEMU.
checks=$((checks + 1))
"$Q" check --domain /nonexistent.xml 2>/dev/null; [ $? -eq 1 ] || fail "check --domain on no file"
# not_domain FILE: check --domain FILE reports domain-xml and exits 1
not_domain() {
	checks=$((checks + 1))
	out=$("$Q" check --json --domain "$1" 2>&1); rc=$?
	[ "$rc" -eq 1 ] && printf '%s' "$out" | grep -q '"id":"domain-xml"' ||
		fail "check --domain on no domain ($1): exit $rc, $out"
}
echo '<network/>' >n1.xml
echo '<domain><memory>' >n2.xml
: >n3.xml
for f in n1.xml n2.xml n3.xml; do not_domain "$f"; done
not_domain - <h.xml
checks=$((checks + 1))
"$Q" check --pid $$ >/dev/null 2>&1 && fail "check --pid on a shell succeeded"
checks=$((checks + 1))
"$Q" check --qmp x.sock -- -m 1G >/dev/null 2>&1 && fail "check --qmp without --pid succeeded"
checks=$((checks + 1))
"$Q" check --domain d.xml -- -m 1G >/dev/null 2>&1 && fail "check --domain with a command line succeeded"

finish test-check

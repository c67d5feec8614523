#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# provision writes labels the label engine reads back (through inspect) with
# QEMU's slot cookie, info blocks whose sizes match what the guest measured,
# and refuses bad input without changing the file.
N=$(realpath "$2")	# ndctl
. "$(dirname "$0")/lib.sh"

truncate -s 1G nv0.img nv1.img
"$Q" provision nv0.img --slot 0 --label-size 128K \
	--namespace size=256M,name=fs,mode=fsdax \
	--namespace size=128M,name=plain,uuid=11111111-2222-3333-4444-555555555555 \
	--namespace size=256M,name=dd,mode=devdax >/dev/null || fail "provision nv0"
"$Q" provision nv1.img --slot 1 --label-size 2M --label-version 1.1 --align 128M \
	--namespace size=512M,name=v11 >/dev/null || fail "provision nv1"

"$Q" inspect nv0.img > a.json || fail "inspect nv0"
expect_eq "label count" "$(jq '.label | length' a.json)" 3
expect_eq "found label size" "$(jq '.label_size' a.json)" 131072
expect_eq "label offset" "$(jq '.label_offset' a.json)" $((1073741824 - 131072))
expect_eq "index version" "$(jq -c '[.index[] | .minor]' a.json)" "[2,2]"
# The cookie the guest kernel showed for slot 0 with v1.2 labels (docs/labels.md §3).
# (jq would round these 56-bit numbers: read the text.)
cookies() { grep -o '"isetcookie":[0-9]*' "$1" | sort -u | cut -d: -f2; }
expect_eq "slot 0 cookie" "$(cookies a.json)" $((0xba90120012b4dc))
expect_eq "qemu slot" "$(jq '.guest.qemu_slot' a.json)" 0
expect_eq "names" "$(jq -c '[.label[].name]' a.json)" '["fs","plain","dd"]'
expect_eq "dpas" "$(jq -c '[.label[].dpa]' a.json)" "[0,$((256 << 20)),$((384 << 20))]"
expect_eq "uuid kept" "$(jq -r '.label[1].uuid' a.json)" 11111111-2222-3333-4444-555555555555
expect_eq "abstraction guids" "$(jq -c '[.label[].abstraction_guid]' a.json)" \
	'["266400ba-fb9f-4677-bcb0-968f11d0d225","00000000-0000-0000-0000-000000000000","97a86d9c-3cdd-4eda-986f-5068b4f80088"]'
expect_eq "modes" "$(jq -c '[.guest.namespaces[].mode]' a.json)" '["fsdax","raw","devdax"]'
# fsdax 2M on 256M: the guest showed 250 MiB usable (the page map lives on the device).
expect_eq "fsdax usable" "$(jq '.guest.namespaces[0].size' a.json)" $((250 << 20))
expect_eq "region" "$(jq '.guest.region_size' a.json)" $((1022 << 20))
# The info block sits at namespace offset 4096 (docs/labels.md §7).
expect_eq "pfn signature" "$(dd if=nv0.img bs=4096 skip=1 count=1 2>/dev/null | head -c 15)" NVDIMM_PFN_INFO
expect_eq "dax signature" "$(dd if=nv0.img bs=4096 skip=$(((384 << 20) / 4096 + 1)) count=1 2>/dev/null | head -c 15)" NVDIMM_DAX_INFO

# A damaged info block is not the kernel's: the namespace shows raw, at its full size.
cp --sparse=always nv0.img bad.img
printf 'X' | dd of=bad.img bs=1 seek=$((4096 + 100)) conv=notrunc 2>/dev/null
"$Q" inspect bad.img > bad.json || fail "inspect bad.img"
expect_eq "bad info block" "$(jq -c '.guest.namespaces[0] | [.mode, .size]' bad.json)" "[\"raw\",$((256 << 20))]"
rm -f bad.img

# One rendering of a label area: inspect's index[] and label[] are read-labels -j's.
"$N" read-labels -j nv0.img > r.json 2>/dev/null || fail "read-labels -j nv0"
expect_eq "inspect = read-labels -j" "$(jq -c '{index, label}' a.json)" "$(jq -c '{index, label}' r.json)"

"$Q" inspect nv1.img --label-size 2M --align 128M > b.json || fail "inspect nv1"
expect_eq "v1.1 index" "$(jq -c '[.index[] | .minor]' b.json)" "[1,1]"
expect_eq "slot 1 v1.1 cookie" "$(cookies b.json)" $((0x2468ae00123457))
expect_eq "qemu slot 1" "$(jq '.guest.qemu_slot' b.json)" 1
expect_eq "region 896M" "$(jq '.guest.region_size' b.json)" $((896 << 20))

# Refusals change nothing.
# A refused provision must not even write: the modification time stays.
sum=$(stat -c %y nv0.img)
# expect_refused PATTERN ARGS...
expect_refused() {
	pat=$1; shift
	checks=$((checks + 1))
	out=$("$Q" provision "$@" 2>&1) && fail "provision $* succeeded"
	printf '%s' "$out" | grep -q -- "$pat" || fail "provision $*: '$out' lacks '$pat'"
	[ "$(stat -c %y nv0.img)" = "$sum" ] || fail "provision $* changed nv0.img"
}
expect_refused "already holds 3" nv0.img --slot 0 --label-size 128K --namespace size=16M
expect_refused "region is" nv0.img --slot 0 --label-size 128K --force --namespace size=1G
expect_refused "multiple of 16M" nv0.img --slot 0 --label-size 128K --force --namespace size=10M
expect_refused "mode=raw" nv0.img --slot 0 --label-size 128K --force --namespace size=16M,mode=sector
expect_refused "required" nv0.img --label-size 128K --namespace size=16M
expect_refused "128K or more" nv0.img --slot 0 --label-size 64K --namespace size=16M
truncate -s 1G data.img
printf 'user data' | dd of=data.img bs=1 seek=$((1073741824 - 1000)) conv=notrunc 2>/dev/null
checks=$((checks + 1))
"$Q" provision data.img --slot 0 --label-size 128K --namespace size=16M >/dev/null 2>&1 &&
	fail "provision overwrote data in the label area"
"$Q" provision data.img --slot 0 --label-size 128K --force --namespace size=16M >/dev/null ||
	fail "provision --force on data"
# --force replaces labels
"$Q" provision nv0.img --slot 0 --label-size 128K --force --namespace size=32M,name=only >/dev/null ||
	fail "provision --force"
expect_eq "replaced" "$("$Q" inspect nv0.img | jq -c '[.label[].name]')" '["only"]'

finish test-provision

#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# ndctl-qemu run without a guest: usage errors (129) and layouts check refuses (1) exit before QEMU
# starts and leave nothing behind; with a stand-in QEMU (NDKIT_QEMU) that speaks the guest's
# console protocol, the QEMU options are plan's, the guest's stdout/stderr reach ours apart,
# and the exit status is the one the guest reports.
here=$(dirname "$(realpath "$0")")
. "$here/lib.sh" "$1"
. "$here/fake-guest.sh"
fake_guest_test

refused "no command" 129 "no COMMAND; give one after --" --nvdimm 1G
refused "shell and command" 129 "--shell takes no COMMAND" --shell --nvdimm 1G -- true
refused "no DIMM" 129 "no DIMM; add --nvdimm" $K -- true
refused "bad spec" 129 "unknown key 'foo'" --nvdimm 1G,foo=1 -- true
refused "preload index" 129 "there is no --nvdimm 1" --nvdimm 1G --preload 1:x -- true
refused "small hotplug" 1 "--hotplug 128M: too small" --nvdimm 1G --hotplug 128M -- true
refused "bad count" 129 "--boots 0: give a number from 1 to 100" --boots 0 --nvdimm 1G -- true
truncate -s 5 wrong.img
refused "wrong file" 1 "wrong.img exists and is not a 1G file" --nvdimm 1G,file=wrong.img -- true
expect_eq "wrong file untouched" "$(stat -c %s wrong.img)" 5
head -c 131072 /dev/urandom > noise.bin
refused "preload size" 1 "holds 131072 bytes but the DIMM's label-size is 2097152" \
	--nvdimm 1G,label-size=2M --preload 0:noise.bin -- true
refused "check refuses" 1 "check refuses the layout" --nvdimm 1G,file=data.img \
	--preload 0:noise.bin $K -- true
rm -f data.img

"$Q" run --kernel kernel --nvdimm 1G -- true 2> err.txt
expect_eq "kernel without modules" "$?" 125
expect_eq "kernel without modules: said" "$(grep -c -- '--kernel and --modules go together' err.txt)" 1

# --nfit-test needs no --nvdimm, but the kernel's source and headers packages: their absence is
# a runner failure naming the command that installs them, before any build or QEMU.
cp -r "$T/mods" "$T/9.99.0-0-fake"
refused "nfit-test without its packages" 125 \
	"apt-get install linux-source-9.99 linux-headers-9.99.0-0-fake$" \
	--kernel "$T/kernel" --modules "$T/9.99.0-0-fake" --nfit-test -- true

# The guest's side played by the stand-in: options, streams, status.
FAKE_STATUS=7 "$Q" run $K --nvdimm 1G --nvdimm 1G,label-size=2M --share "$T" -- echo hi > out.txt 2> err.txt
expect_eq "status from the guest" "$?" 7
expect_eq "guest stdout" "$(cat out.txt)" "guest out"
expect_eq "guest stderr" "$(grep -v '^ndctl-qemu run: ' err.txt)" "guest err"
expect_eq "progress" "$(grep -c 'boot 1: COMMAND started.*guest uptime 1.00 s' err.txt)" 1
"$Q" plan --nvdimm "1G,file=$TMPDIR/X/nvdimm0.img" --nvdimm "1G,label-size=2M,file=$TMPDIR/X/nvdimm1.img" 2>/dev/null |
	tr -d '\\' | tr ' ' '\n' | grep -v '^$' | sed "s|$TMPDIR/X/|DIR/|" > plan-words.txt
awk '/^-(machine|m|object|device)$/ {opt = $0; next}
	opt != "" && $0 !~ /^virtio-9p-pci/ {print opt; print} {opt = ""}' "$FAKE_ARGS" |
	sed -E "s|$TMPDIR/ndctl-qemu-run\.[^/]*/|DIR/|" > run-words.txt
expect_eq "QEMU options are plan's" "$(cat run-words.txt)" "$(cat plan-words.txt)"
expect_eq "root shared read-only" "$(grep -c '^local,id=ndkitroot,path=/,security_model=none,multidevs=remap,readonly=on$' "$FAKE_ARGS")" 1
expect_eq "cwd and --share writable" "$(grep -c "^local,id=ndkit[01],path=$T,security_model=none,multidevs=remap$" "$FAKE_ARGS")" 2
expect_eq "nothing left in TMPDIR" "$(ls "$TMPDIR")" ""

FAKE_STATUS=0 "$Q" run --quiet $K --keep kept --nvdimm 512M --console con.log -- true > out.txt 2> err.txt
expect_eq "--quiet status" "$?" 0
expect_eq "--quiet: only the guest's stderr" "$(cat err.txt)" "guest err"
expect_eq "--keep" "$(cd kept && ls)" "initrd.img
nvdimm0.img"
expect_eq "--console" "$(head -n 1 con.log)" "[    0.000000] Linux version fake"
expect_eq "initramfs" "$(cpio -it --quiet < kept/initrd.img | grep -cE '^(init|bin/busybox|ndkit/(env|command|shares|links|early|late|hotadd))$')" 9
expect_eq "command quoted" "$(cpio -i --quiet --to-stdout ndkit/command < kept/initrd.img | tail -n 1)" "exec 'true'"

# The options end at COMMAND: its own options (and "--", -h) are COMMAND's, with or without
# run's "--"; run's options may come in any order before it, --no-X undoes one.
guest_command() {	# guest_command ARGS...: the last line of the guest's ndkit/command
	rm -rf kept
	FAKE_STATUS=0 "$Q" run --quiet $K --keep kept "$@" > out.txt 2> err.txt
	cpio -i --quiet --to-stdout ndkit/command < kept/initrd.img | tail -n 1
}
expect_eq "COMMAND --opt" "$(guest_command --nvdimm 1G -- ls --all -h -- x)" \
	"exec 'ls' '--all' '-h' '--' 'x'"
expect_eq "COMMAND --opt without --" "$(guest_command -n 1G ls --nvdimm 2G)" \
	"exec 'ls' '--nvdimm' '2G'"
expect_eq "one DIMM" "$(cd kept && ls)" "initrd.img
nvdimm0.img"
expect_eq "--no-shell" "$(guest_command --shell --nvdimm 1G --no-shell -- true)" "exec 'true'"
expect_eq "--no-nvdimm" "$(guest_command --nvdimm 2G --no-nvdimm --nvdimm 512M -- true;
	stat -c %s kept/nvdimm0.img; [ -e kept/nvdimm1.img ] && echo two DIMMs)" "exec 'true'
536870912"
guest_command --share "$T" --no-share --nvdimm 1G -- true > /dev/null
expect_eq "--no-share" "$(grep -c "^local,id=ndkit1," "$FAKE_ARGS")" 0
"$Q" run --nvdimm 1G --timeout 2x -- true 2> err.txt
expect_eq "bad --timeout: usage error" "$?:$(cat err.txt)" \
	"129:ndctl-qemu run: --timeout 2x: give a number from 1 to 86400"
"$Q" run --nvdimm 1G --preload 0 -- true 2> err.txt
expect_eq "bad --preload: usage error" "$?:$(head -n 1 err.txt)" \
	"129:ndctl-qemu run: --preload 0: use N:FILE, N the DIMM counted from 0"
rm -rf kept

# --preload takes a gzip-compressed label area (.gz) as the guest harness's PRELOAD does; a
# FILE that is not exactly label-size bytes once decompressed, or no gzip data, writes nothing.
lsa=$NDKIT_TESTDATA/labels/nvdimm0-fresh.lsa.gz
FAKE_STATUS=0 "$Q" run --quiet $K --keep kept --nvdimm 1G --preload "0:$lsa" -- true 2> err.txt
expect_eq "--preload .gz: status" "$?:$(cat err.txt)" "0:guest err"
expect_eq "--preload .gz: the label area" "$(tail -c 131072 kept/nvdimm0.img | cksum)" \
	"$(gzip -dc "$lsa" | cksum)"
rm -rf kept
head -c 65536 /dev/zero | gzip > small.gz
head -c 262144 /dev/zero | gzip > large.gz
printf 'not gzip' > bad.gz
refused "preload .gz size" 1 "small.gz decompresses to 65536 bytes but the DIMM's label-size is 131072" \
	--nvdimm 1G --preload 0:small.gz -- true
refused "preload .gz larger" 1 "large.gz decompresses to more than 131072 bytes" \
	--nvdimm 1G --preload 0:large.gz -- true
refused "preload not gzip" 1 "bad.gz: 'gzip -dc' failed \(exit 1\); give a gzip-compressed" \
	--nvdimm 1G --preload 0:bad.gz -- true
mkdir kept && truncate -s 1G kept/nvdimm0.img
printf 'labels' | dd of=kept/nvdimm0.img bs=1 seek=$((1073741824 - 100)) conv=notrunc 2>/dev/null
"$Q" run --quiet $K --keep kept --nvdimm 1G --preload 0:small.gz -- true 2> err.txt
expect_eq "refused .gz: backend untouched" "$?:$(tail -c 131072 kept/nvdimm0.img | tr -d '\0')" \
	"1:labels"
expect_eq "refused .gz: said why" "$(grep -c 'small.gz decompresses to 65536 bytes' err.txt)" 1
rm -rf kept

# --shell: the console is the user's; the status is the shell's, which the guest reports on
# ttyS1's file, not QEMU's.
FAKE_STATUS=3 "$Q" run --quiet $K --nvdimm 1G --shell < /dev/null > out.txt 2> err.txt
expect_eq "--shell: the shell's status" "$?" 3
expect_eq "--shell: the verdict on ttyS1's file" \
	"$(grep -c '^file,id=verdict,path=.*/verdict.log$' "$FAKE_ARGS")" 1
FAKE_STATUS=0 "$Q" run --quiet $K --nvdimm 1G --shell < /dev/null > out.txt 2> err.txt
expect_eq "--shell: status 0" "$?" 0
expect_eq "--shell: nothing left" "$(ls "$TMPDIR")" ""

# No guest verdict: QEMU ended early, so 125 and the console's tail.
cat > "$NDKIT_QEMU" <<'FAKE'
#!/bin/sh
echo "qemu: something went wrong" >&2
exit 1
FAKE
"$Q" run $K --nvdimm 1G -- true 2> err.txt
expect_eq "QEMU failed" "$?" 125
expect_eq "QEMU's message shown" "$(grep -q 'qemu: qemu: something went wrong' err.txt && echo yes)" yes
"$Q" run $K --nvdimm 1G --shell < /dev/null 2> err.txt
expect_eq "--shell, QEMU failed" "$?" 125
finish test-run-usage

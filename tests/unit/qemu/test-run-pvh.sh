#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# ndctl-qemu run's kernel for a PVH boot, without a guest (a stand-in QEMU records its command
# line): a bzImage whose payload is an ELF with Xen's PHYS32_ENTRY note boots as that ELF,
# unpacked once into NDKIT_GUEST_CACHE/pvh/; one without the note boots as the bzImage and is
# not unpacked again; one whose payload does not unpack boots as the bzImage, said; an ELF given
# as --kernel is passed as it is. A KVM failure kept for this host boot (kvm-failed) sends the
# run straight to TCG. The "COMMAND started" line gives the guest init's stages.
here=$(dirname "$(realpath "$0")")
. "$here/lib.sh" "$1"
. "$here/fake-guest.sh"
fake_guest_test
export NDKIT_GUEST_CACHE=$T/cache
mkdir -p "$NDKIT_GUEST_CACHE"
command -v gzip > /dev/null || { echo "no gzip: skipped"; exit 77; }

# make_kernel ELF BZIMAGE NOTE: a minimal ELF64 (with the PVH note if NOTE is 1), and a bzImage
# whose gzip payload it is (setup header 2.15, the 4-byte size trailer the kernel build adds)
make_kernel() {
	python3 - "$1" "$2" "$3" <<'PY'
import gzip, struct, sys
elf_path, bz_path, with_note = sys.argv[1], sys.argv[2], sys.argv[3] == "1"
note = struct.pack("<III", 4, 8, 18 if with_note else 5) + b"Xen\0" + struct.pack("<Q", 0x1000000)
phoff, phnum = 64, 1
data_off = phoff + 56 * phnum
ehdr = b"\x7fELF" + bytes([2, 1, 1]) + bytes(9) + struct.pack(
    "<HHIQQQIHHHHHH", 2, 62, 1, 0x1000000, phoff, 0, 0, 64, 56, phnum, 64, 0, 0)
phdr = struct.pack("<IIQQQQQQ", 4, 4, data_off, 0, 0, len(note), len(note), 4)
elf = ehdr + phdr + note + bytes(4096)
open(elf_path, "wb").write(elf)
payload = gzip.compress(elf) + struct.pack("<I", len(elf))
setup = bytearray(1024)
setup[0x1f1] = 1
setup[0x202:0x206] = b"HdrS"
struct.pack_into("<H", setup, 0x206, 0x020f)
struct.pack_into("<II", setup, 0x248, 0, len(payload))
open(bz_path, "wb").write(bytes(setup) + payload)
PY
}

kernel_arg() { awk 'k {print; exit} /^-kernel$/ {k = 1}' "$FAKE_ARGS"; }
boot() { "$Q" run --kernel "$1" --modules "$T/mods" --nvdimm 1G -- true > out.txt 2> err.txt; }

make_kernel "$T/pvh.elf" "$T/pvh.bz" 1
boot "$T/pvh.bz"
expect_eq "PVH kernel: exit status" "$?" 0
cached=$(ls "$NDKIT_GUEST_CACHE"/pvh/vmlinux-* 2>/dev/null)
expect_eq "PVH kernel: one vmlinux cached" "$(echo "$cached" | grep -c .)" 1
expect_eq "PVH kernel: QEMU boots it" "$(kernel_arg)" "$cached"
expect_eq "PVH kernel: the payload unpacked" "$(cmp "$cached" "$T/pvh.elf" && echo same)" same
expect_eq "PVH kernel: said" "$(grep -c 'unpacking the kernel once for a PVH boot (gzip -dc)' err.txt)" 1
expect_eq "PVH kernel: (PVH) on the kernel line" "$(grep -c 'kernel .* (PVH)' err.txt)" 1
boot "$T/pvh.bz"
expect_eq "PVH kernel again: not unpacked again" "$(grep -c 'unpacking' err.txt)" 0
expect_eq "PVH kernel again: the cached vmlinux" "$(kernel_arg)" "$cached"
expect_eq "stages on the COMMAND line" "$(grep -cE 'COMMAND started, [0-9.]+ s after QEMU \(/init at [0-9.]+ s, root mounted at [0-9.]+ s, DIMMs at [0-9.]+ s, guest uptime 1.00 s\)' err.txt)" 1

rm -rf "$NDKIT_GUEST_CACHE/pvh"
make_kernel "$T/plain.elf" "$T/plain.bz" 0
boot "$T/plain.bz"
expect_eq "no PVH note: boots the bzImage" "$(kernel_arg)" "$T/plain.bz"
expect_eq "no PVH note: an empty marker kept" "$(stat -c %s "$NDKIT_GUEST_CACHE"/pvh/vmlinux-*)" 0
boot "$T/plain.bz"
expect_eq "no PVH note again: not unpacked again" "$(grep -c 'unpacking' err.txt)" 0
expect_eq "no PVH note again: the bzImage" "$(kernel_arg)" "$T/plain.bz"
expect_eq "no PVH note: no (PVH)" "$(grep -c '(PVH)' err.txt)" 0

# a payload gzip cannot unpack: said, and the bzImage boots
rm -rf "$NDKIT_GUEST_CACHE/pvh"
python3 -c 'import sys; d = bytearray(open(sys.argv[1], "rb").read()); d[1024 + 20:1024 + 60] = bytes(40); open(sys.argv[2], "wb").write(d)' \
	"$T/pvh.bz" "$T/bad.bz"
boot "$T/bad.bz"
expect_eq "bad payload: said" "$(grep -c 'gzip could not unpack the kernel: it boots as a bzImage' err.txt)" 1
expect_eq "bad payload: boots the bzImage" "$(kernel_arg)" "$T/bad.bz"
expect_eq "bad payload: nothing left in the cache" "$(ls "$NDKIT_GUEST_CACHE/pvh" | wc -l)" 0

rm -rf "$NDKIT_GUEST_CACHE/pvh"
boot "$T/pvh.elf"
expect_eq "ELF kernel: passed as it is" "$(kernel_arg)" "$T/pvh.elf"
expect_eq "ELF kernel: nothing cached" "$(ls "$NDKIT_GUEST_CACHE/pvh" 2>/dev/null | wc -l)" 0

# kvm-failed: this host boot's id sends the run to TCG with QEMU's message; another id does not
printf '%s\nqemu: failed to set MSR 0x10a\n' "$(cat /proc/sys/kernel/random/boot_id)" \
	> "$NDKIT_GUEST_CACHE/kvm-failed"
boot "$T/plain.bz"
expect_eq "kvm-failed: TCG" "$(awk 'a {print; exit} /^-accel$/ {a = 1}' "$FAKE_ARGS")" "tcg,thread=multi"
expect_eq "kvm-failed: said" "$(grep -c 'TCG (no KVM: KVM failed earlier since the host booted: qemu: failed to set MSR 0x10a; remove .*/kvm-failed to try it again)' err.txt)" 1
printf 'another-boot\nqemu: failed\n' > "$NDKIT_GUEST_CACHE/kvm-failed"
boot "$T/plain.bz"
expect_eq "kvm-failed of another host boot: ignored" "$(grep -c 'KVM failed earlier' err.txt)" 0
finish qemu-run-pvh

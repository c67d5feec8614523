# SPDX-License-Identifier: GPL-2.0-only
# Sourced: fake_guest DIR makes what `ndctl-qemu run` needs to get as far as QEMU without a
# real guest: a kernel file, a modules directory with the modules run asks for, and a stand-in
# QEMU (exported as NDKIT_QEMU) that records its arguments in $FAKE_ARGS and plays a guest
# whose COMMAND prints "guest out"/"guest err" and exits $FAKE_STATUS (with --shell: whose shell
# exits $FAKE_STATUS, reported on ttyS1's file); with FAKE_HANG=FILE, one that hangs after its
# start, its pid in FILE. Sets $K to the
# --kernel/--modules options.
fake_guest() {
	local dir=$1 m
	mkdir -p "$dir/mods/kernel"
	: > "$dir/kernel"
	: > "$dir/mods/modules.builtin"
	for m in virtio_pci 9pnet_virtio 9p overlay nd_e820 nfit nd_pmem nd_btt dax_pmem device_dax kmem; do
		echo "kernel/$m.ko:" >> "$dir/mods/modules.dep"
		echo "fake $m" > "$dir/mods/kernel/$m.ko"
	done
	cat > "$dir/fake-qemu" <<'FAKE'
#!/bin/sh
printf '%s\n' "$@" > "$FAKE_ARGS"
if [ -n "${FAKE_HANG:-}" ]; then	# a guest that never ends: its pid in $FAKE_HANG
	echo $$ > "$FAKE_HANG"
	exec sleep 300
fi
for a in "$@"; do	# --shell: the verdict goes to ttyS1's file
	case $a in file,id=verdict,path=*)
		echo "@@NDKIT EXIT ${FAKE_STATUS:-0}" > "${a#file,id=verdict,path=}"
		exit 0 ;;
	esac
done
echo "[    0.000000] Linux version fake"
for stage in init root dimms; do echo "@@NDKIT AT $stage"; done
echo "@@NDKIT START 1.00"
echo "guest out" >&3
echo "guest err" >&4
echo "@@NDKIT EXIT ${FAKE_STATUS:-0}"
FAKE
	chmod +x "$dir/fake-qemu"
	export NDKIT_QEMU=$dir/fake-qemu FAKE_ARGS=$dir/args.txt
	K="--kernel $dir/kernel --modules $dir/mods"
}

# fake_guest_test: what a test of run without a guest starts with (after lib.sh): skip without
# a static busybox, TMPDIR in the test's folder (to see what a run leaves behind), fake_guest.
fake_guest_test() {
	[ -x /bin/busybox ] || { echo "no /bin/busybox: skipped"; exit 77; }
	export TMPDIR=$T/tmp
	mkdir -p "$TMPDIR"
	fake_guest "$T"
}

# refused WHAT STATUS PATTERN ARGS...: `ndctl-qemu run ARGS...` exits STATUS (129 a usage error, 1 a file or layout
# refused), PATTERN on stderr, QEMU never started
refused() {
	local what=$1 want=$2 pat=$3 rc
	shift 3
	rm -f "$FAKE_ARGS"
	"$Q" run "$@" > out.txt 2> err.txt
	rc=$?
	expect_eq "$what: exit status" "$rc" "$want"
	checks=$((checks + 1))
	grep -qE -- "$pat" err.txt || fail "$what: stderr does not match /$pat/: $(cat err.txt)"
	expect_eq "$what: QEMU started" "$([ -e "$FAKE_ARGS" ] && echo yes || echo no)" no
	expect_eq "$what: left behind" "$(ls "$TMPDIR")" ""
}

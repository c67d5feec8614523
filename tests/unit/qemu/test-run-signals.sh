#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# ndctl-qemu run stopped from outside while its guest runs (a stand-in QEMU that hangs):
# SIGTERM, SIGINT and SIGHUP kill QEMU, remove the run's files and exit 128 + the signal, as a
# shell's status says; SIGKILL, which run cannot catch, still takes QEMU with it.
here=$(dirname "$(realpath "$0")")
. "$here/lib.sh" "$1"
. "$here/fake-guest.sh"
fake_guest_test
export FAKE_HANG=$T/qemu.pid

# started ARGS...: `run ARGS` in the background until the stand-in QEMU has written its pid;
# sets $run and $qemu
started() {
	rm -f "$FAKE_HANG"
	"$Q" run $K --nvdimm 1G "$@" > out.txt 2> err.txt < /dev/null &
	run=$!
	for _ in $(seq 200); do [ -s "$FAKE_HANG" ] && break; sleep 0.05; done
	qemu=$(cat "$FAKE_HANG" 2> /dev/null)
	checks=$((checks + 1))
	[ -n "$qemu" ] || fail "$*: the stand-in QEMU never started: $(cat err.txt)"
}

# gone PID: the process ends within 5 s
gone() {
	for _ in $(seq 100); do kill -0 "$1" 2> /dev/null || return 0; sleep 0.05; done
	return 1
}

for sig in TERM INT HUP; do
	started -- true
	kill -s "$sig" "$run"
	wait "$run"
	rc=$?
	expect_eq "SIG$sig: exit status" "$rc" $((128 + $(kill -l "$sig")))
	gone "$qemu" || { fail "SIG$sig: QEMU $qemu outlived its run"; kill -9 "$qemu"; }
	expect_eq "SIG$sig: said" "$(grep -c 'boot 1: stopped by .*; QEMU killed' err.txt)" 1
	expect_eq "SIG$sig: left behind" "$(ls "$TMPDIR")" ""
done

# --shell waits for QEMU without a pipe: the same
started --shell
kill -s TERM "$run"
wait "$run"
expect_eq "--shell SIGTERM: exit status" "$?" 143
gone "$qemu" || { fail "--shell SIGTERM: QEMU $qemu outlived its run"; kill -9 "$qemu"; }

started -- true
kill -s KILL "$run"
wait "$run" 2> /dev/null
gone "$qemu" || { fail "SIGKILL: QEMU $qemu outlived its run"; kill -9 "$qemu"; }
checks=$((checks + 1))
rm -rf "${TMPDIR:?}"/*	# what SIGKILL cannot clean up

finish "qemu-run-signals"

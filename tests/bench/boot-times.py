#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""QEMU stand-in for tests/bench/run-boot.sh (NDKIT_QEMU=this): runs the real QEMU with
SeaBIOS's debug port on a pipe, passes the console through to `ndctl-qemu run` unchanged,
and appends to $BOOT_TIMES_LOG one line per QEMU: seconds after this QEMU's exec (the host's
monotonic clock) of each milestone, as NAME=SECONDS:
  exec (wall clock), bios (SeaBIOS's first output), rom (SeaBIOS jumps to the option ROM that
  loads the kernel), kernel (the kernel's "Kernel command line:", its first line on an early
  console: earlyprintk=serial and loglevel=6 on the command line), init, root, dimms (the guest init's @@NDKIT AT marks),
  start (@@NDKIT START), end (QEMU exited)."""
import os
import subprocess
import sys
import threading
import time

t0 = time.monotonic()
seen = {"exec": time.time()}


def mark(name):
    if name not in seen:
        seen[name] = round(time.monotonic() - t0, 3)


def debug_port(fd):
    with os.fdopen(fd, "rb") as f:
        for line in f:
            mark("bios")
            if line.startswith(b"Booting from ROM"):
                mark("rom")


def main():
    rd, wr = os.pipe()
    argv = [os.environ.get("BOOT_TIMES_QEMU", "qemu-system-x86_64")] + sys.argv[1:] + [
        "-chardev", f"file,id=biosdbg,path=/dev/fd/{wr}",
        "-device", "isa-debugcon,iobase=0x402,chardev=biosdbg"]
    qemu = subprocess.Popen(argv, stdout=subprocess.PIPE, pass_fds=[3, 4, wr])
    os.close(wr)
    reader = threading.Thread(target=debug_port, args=(rd,))
    reader.start()
    for line in qemu.stdout:
        if b"Kernel command line:" in line:
            mark("kernel")
        elif b"@@NDKIT AT " in line:
            mark(line.split(b"@@NDKIT AT ")[1].split()[0].decode())
        elif b"@@NDKIT START" in line:
            mark("start")
        sys.stdout.buffer.write(line)
        sys.stdout.flush()
    rc = qemu.wait()
    reader.join()
    mark("end")
    with open(os.environ["BOOT_TIMES_LOG"], "a") as log:
        log.write(" ".join(f"{k}={v}" for k, v in seen.items()) + "\n")
    return rc


sys.exit(main())

#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Run one guest scenario: boot its vNVDIMMs through `ndctl-qemu run` (the host's userspace,
every declared boot in one call) and report PASS or FAIL with the failing command's output.
A scenario whose layout is not the one `ndctl-qemu plan` gives (run boots only plan's
layouts) still boots the busybox initramfs here, QEMU started directly, hot-adds served over
QMP. See tests/guest/README.md for the scenario format."""

import argparse
import fcntl
import glob
import gzip
import json
import os
import re
import selectors
import shlex
import shutil
import socket
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.realpath(__file__))
HEADER_VARS = ("DIMMS", "HOTPLUG", "BOOTS", "PRELOAD", "HOST_SETUP", "DATA", "TIMEOUT", "MEM",
               "LIBVIRT", "NFIT_TEST", "APPEND")
MARK = "@@NDKIT "
SUFFIX = {"": 1, "K": 1 << 10, "M": 1 << 20, "G": 1 << 30, "T": 1 << 40}


class ScenarioError(Exception):
    pass


def parse_size(text):
    m = re.fullmatch(r"(\d+)([KMGT]?)", text.strip().upper())
    if not m:
        raise ScenarioError(f"bad size '{text}': use a number with K, M, G or T")
    return int(m.group(1)) * SUFFIX[m.group(2)]


def parse_dimm(spec):
    """SIZE[:LABEL_SIZE[:ALIGN]], e.g. 1G:128K:2M; LABEL_SIZE 0 means no label area."""
    parts = spec.split(":")
    if not 1 <= len(parts) <= 3:
        raise ScenarioError(f"bad DIMM '{spec}': use SIZE[:LABEL_SIZE[:ALIGN]], e.g. 1G:128K:2M")
    size = parse_size(parts[0])
    label = parse_size(parts[1]) if len(parts) > 1 else 0
    align = parse_size(parts[2]) if len(parts) > 2 else 0
    return {"size": size, "label": label, "align": align}


def read_header(path):
    """Header variables: NAME=value lines at column 0, values in shell quoting."""
    found = {}
    with open(path) as f:
        for line in f:
            m = re.match(r"([A-Z_]+)=(.*)$", line)
            if m and m.group(1) in HEADER_VARS:
                found[m.group(1)] = " ".join(shlex.split(m.group(2), comments=True))
    return {
        "dimms": [parse_dimm(s) for s in found.get("DIMMS", "").split()],
        "hotplug": [parse_dimm(s) for s in found.get("HOTPLUG", "").split()],
        "boots": int(found.get("BOOTS", "1")),
        "preload": found.get("PRELOAD", "").split(),
        "host_setup": found.get("HOST_SETUP", ""),
        "data": found.get("DATA", "").split(),
        "timeout": int(os.environ.get("NDKIT_GUEST_TIMEOUT", found.get("TIMEOUT", "180"))),
        "mem": parse_size(found.get("MEM", "1G")),
        "libvirt": found.get("LIBVIRT", "") == "1",
        # nfit_test's two buses beside the DIMMS (ndctl-qemu run --nfit-test)
        "nfit_test": found.get("NFIT_TEST", "") == "1",
        # more kernel command-line words (ndctl-qemu run --append), e.g. memmap= soft-reserved
        "append": found.get("APPEND", ""),
    }


def locked(path, fn):
    """Run fn under an exclusive file lock: meson runs scenarios in parallel."""
    with open(path, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        return fn()


def prepare_initramfs(build_dir, out_dir):
    def build():
        kroot = subprocess.run([os.path.join(HERE, "setup.sh"), "--kernel-only"], check=True,
                               stdout=subprocess.PIPE, text=True).stdout.split()[-1]
        initrd = subprocess.run([os.path.join(HERE, "mkinitramfs.sh"), kroot, build_dir,
                                 out_dir], check=True, stdout=subprocess.PIPE,
                                text=True).stdout.split()[-1]
        kver = open(os.path.join(kroot, ".kver")).read().strip()
        return os.path.join(kroot, "boot", f"vmlinuz-{kver}"), initrd
    os.makedirs(out_dir, exist_ok=True)
    return locked(os.path.join(out_dir, "initramfs.lock"), build)


def find_data_file(name, scenario_dir):
    testdata = os.environ.get("NDKIT_TESTDATA", os.path.join(HERE, "..", "data"))
    for cand in (name, os.path.join(scenario_dir, name),
                 os.path.join(testdata, "labels", name),
                 os.path.join(testdata, "labels", name + ".lsa.gz")):
        if os.path.isfile(cand):
            return cand
    raise ScenarioError(f"no file '{name}' (looked in {scenario_dir} and {testdata}/labels)")


def preload(backend, dimm, path):
    """Write a label area into the last label-size bytes of a backend file."""
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        data = f.read()
    if len(data) != dimm["label"]:
        raise ScenarioError(f"PRELOAD: {path} holds {len(data)} bytes but the DIMM's label-size "
                            f"is {dimm['label']}")
    with open(backend, "r+b") as f:
        f.seek(dimm["size"] - dimm["label"])
        f.write(data)


def backend_names(sc):
    """The names `ndctl-qemu run --keep` gives: nvdimmN.img, then hotplugN.img."""
    return ([f"nvdimm{i}.img" for i in range(len(sc["dimms"]))] +
            [f"hotplug{i}.img" for i in range(len(sc["hotplug"]))])


def make_backends(work, sc, scenario_dir):
    paths = []
    for dimm, name in zip(sc["dimms"] + sc["hotplug"], backend_names(sc)):
        path = os.path.join(work, name)
        with open(path, "wb") as f:
            f.truncate(dimm["size"])
        paths.append(path)
    for item in sc["preload"]:
        idx, _, name = item.partition(":")
        if not idx.isdigit() or int(idx) >= len(sc["dimms"]):
            raise ScenarioError(f"bad PRELOAD '{item}': use DIMM_INDEX:FILE with an index "
                                f"below {len(sc['dimms'])}")
        i = int(idx)
        preload(paths[i], sc["dimms"][i], find_data_file(name, scenario_dir))
    return paths


def host_setup(sc, paths, build_dir, work, scenario_dir):
    """HOST_SETUP: a shell command run on the host before the first boot, on the fresh backend
    files ($NV0, $NV1, ...), with ndkit's tools first in PATH: how a user provisions files.
    It runs in the scenario's run folder; files it leaves in host-data/ go to /ndkit/data."""
    if not sc["host_setup"]:
        return []
    out_dir = os.path.join(work, "host-data")
    os.makedirs(out_dir)
    env = {k: v for k, v in os.environ.items() if k != "LD_LIBRARY_PATH"}
    tools = [os.path.join(os.path.realpath(build_dir), "cmd", t)
             for t in ("ndctl", "daxctl", "ndctl-qemu")]
    env["PATH"] = os.pathsep.join(tools + [env.get("PATH", "/usr/bin:/bin")])
    env.update({f"NV{i}": p for i, p in enumerate(paths)})
    env["SCENARIO_DIR"] = scenario_dir
    out = subprocess.run(["bash", "-euo", "pipefail", "-c", sc["host_setup"]], cwd=work,
                         env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    with open(os.path.join(work, "host-setup.log"), "w") as f:
        f.write(out.stdout)
    if out.returncode:
        raise ScenarioError(f"HOST_SETUP failed (exit {out.returncode}):\n{out.stdout}")
    return [os.path.join(out_dir, n) for n in sorted(os.listdir(out_dir))]


def backend_props(i, dimm, path):
    obj = {"qom-type": "memory-backend-file", "id": f"mem{i}", "share": True,
           "mem-path": path, "size": dimm["size"]}
    if dimm["align"]:
        obj["align"] = dimm["align"]
    dev = {"driver": "nvdimm", "id": f"nv{i}", "memdev": f"mem{i}"}
    if dimm["label"]:
        dev["label-size"] = dimm["label"]
    return obj, dev


def as_cli(props, skip):
    return ",".join(f"{k}={'on' if v is True else v}" for k, v in props.items() if k not in skip)


def guest_cmdline(sc, boot):
    return (f"console=ttyS0 panic=-1 mitigations=off quiet ndkit.boot={boot} "
            f"ndkit.boots={sc['boots']} ndkit.dimms={len(sc['dimms'])} {sc['append']}").rstrip()


def qemu_command(sc, kernel, initrd, paths, qmp, boot):
    total = sum(d["size"] for d in sc["dimms"] + sc["hotplug"])
    maxmem = sc["mem"] + total + (1 << 30)
    cmd = ["qemu-system-x86_64", "-machine", "pc,nvdimm=on", "-accel", "tcg,thread=multi",
           "-cpu", "max", "-smp", "1",
           "-m", f"{sc['mem'] >> 20}M,slots={len(sc['dimms']) + len(sc['hotplug']) + 1},"
                 f"maxmem={maxmem >> 20}M"]
    for i, dimm in enumerate(sc["dimms"]):
        obj, dev = backend_props(i, dimm, paths[i])
        cmd += ["-object", f"{obj['qom-type']},{as_cli(obj, ('qom-type',))}",
                "-device", f"nvdimm,{as_cli(dev, ('driver',))}"]
    cmd += ["-kernel", kernel, "-initrd", initrd, "-append", guest_cmdline(sc, boot),
            "-qmp", f"unix:{qmp},server=on,wait=off",
            "-nodefaults", "-display", "none", "-serial", "stdio", "-no-reboot"]
    return cmd


def libvirt_plan(sc, build_dir, work, name, paths):
    """LIBVIRT=1: the domain is `ndctl-qemu plan --format libvirt`'s for the DIMMS (their
    align is plan's choice); its region lines go to the guest as /ndkit/data/plan-regions."""
    cmd = [os.path.join(build_dir, "cmd", "ndctl-qemu", "ndctl-qemu"), "plan",
           "--format", "libvirt", "--domain-type", "qemu", "--name", f"ndkit-{name}",
           "--ram", f"{sc['mem'] >> 20}M"]
    for dimm, path in zip(sc["dimms"], paths):
        cmd += ["--nvdimm", f"{dimm['size']},label-size={dimm['label']},file={path}"]
    out = subprocess.run(cmd, cwd=work, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         text=True)
    if out.returncode:
        raise ScenarioError(f"plan --format libvirt failed: {out.stderr}")
    with open(os.path.join(work, "plan-domain.xml"), "w") as f:
        f.write(out.stdout)
    regions = os.path.join(work, "plan-regions")
    with open(regions, "w") as f:
        f.write(out.stderr)
    return regions


def libvirt_command(sc, kernel, initrd, work, boot):
    """The plan's domain with what plan leaves to the user: the harness's kernel and
    initramfs, a serial console to a file, and no restart after the guest ends."""
    import xml.etree.ElementTree as ET
    tree = ET.parse(os.path.join(work, "plan-domain.xml"))
    dom = tree.getroot()
    os_el = dom.find("os")
    for tag, text in (("kernel", kernel), ("initrd", initrd), ("cmdline", guest_cmdline(sc, boot))):
        ET.SubElement(os_el, tag).text = text
    dom.find("cpu").set("mode", "maximum")  # -cpu max, as the QEMU boots get
    for event in ("on_poweroff", "on_reboot", "on_crash"):
        ET.SubElement(dom, event).text = "destroy"
    console = os.path.join(work, f"libvirt-console-boot{boot}.log")
    serial = ET.SubElement(dom.find("devices"), "serial", type="file")
    ET.SubElement(serial, "source", path=console)
    xml = os.path.join(work, f"domain-boot{boot}.xml")
    tree.write(xml)
    return [os.path.join(HERE, "..", "libvirt", "with-libvirtd.sh"),
            os.path.join(HERE, "libvirt-boot.sh"), xml, console]


def qmp_hotadd(qmp, index, dimm, path):
    obj, dev = backend_props(index, dimm, path)
    with socket.socket(socket.AF_UNIX) as s:
        s.settimeout(30)
        s.connect(qmp)
        f = s.makefile("rw")
        f.readline()  # greeting
        for cmd, args in (("qmp_capabilities", {}), ("object-add", obj), ("device_add", dev)):
            f.write(json.dumps({"execute": cmd, "arguments": args}) + "\n")
            f.flush()
            while True:
                reply = json.loads(f.readline())
                if "return" in reply:
                    break
                if "error" in reply:
                    raise ScenarioError(f"QMP {cmd} failed: {reply['error'].get('desc')}")


class Boot:
    """One QEMU run: console lines in, markers acted upon, log written."""

    def __init__(self, sc, log_path, show):
        self.sc, self.show = sc, show
        self.log = open(log_path, "w")
        self.result, self.failure, self.fail_lines, self.times = None, None, [], []
        self.in_fail = False

    def line(self, text, hotadd):
        self.log.write(text + "\n")
        if self.show:
            print(text, flush=True)
        if self.in_fail:
            if text.startswith(MARK + "END"):
                self.in_fail = False
            else:
                self.fail_lines.append(text[2:] if text.startswith("| ") else text)
            return
        idx = text.find(MARK)
        if idx < 0:
            return
        word, _, rest = text[idx + len(MARK):].partition(" ")
        if word == "PASS":
            self.result = self.result or "PASS"
        elif word == "FAIL" or (word == "DONE" and rest == "FAIL"):
            if self.failure is None and word == "FAIL":
                self.failure, self.in_fail = rest, True
            self.result = "FAIL"
        elif word == "TIME":
            self.times.append(rest)
        elif word == "HOTADD":
            hotadd(int(rest))

    def run(self, cmd, hotadd):
        start = time.monotonic()
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT)
        sel = selectors.DefaultSelector()
        sel.register(proc.stdout, selectors.EVENT_READ)
        buf, timed_out = b"", False
        try:
            while True:
                left = self.sc["timeout"] - (time.monotonic() - start)
                if left <= 0:
                    timed_out = True
                    break
                if not sel.select(timeout=left):
                    continue
                chunk = os.read(proc.stdout.fileno(), 65536)
                if not chunk:
                    break
                buf += chunk
                *lines, buf = buf.split(b"\n")
                for raw in lines:
                    self.line(raw.decode(errors="replace").rstrip("\r"), hotadd)
        finally:
            if proc.poll() is None:
                proc.kill()
            proc.wait()
            self.log.close()
        elapsed = time.monotonic() - start
        if timed_out:
            self.result = "FAIL"
            self.failure = self.failure or f"guest hung: killed after {self.sc['timeout']} s"
        elif self.result is None:
            self.result = "FAIL"
            self.failure = f"guest ended without a result (QEMU exit {proc.returncode})"
        return elapsed


def scenario_cpio(script, data, work):
    """A cpio holding /scenario.sh and its DATA files in /ndkit/data, appended to the
    shared initramfs."""
    root = os.path.join(work, "root")
    os.makedirs(os.path.join(root, "ndkit", "data"), exist_ok=True)
    shutil.copy(script, os.path.join(root, "scenario.sh"))
    names = ["scenario.sh", "ndkit", "ndkit/data"]
    for path in data:
        shutil.copy(path, os.path.join(root, "ndkit", "data", os.path.basename(path)))
        names.append("ndkit/data/" + os.path.basename(path))
    out = subprocess.run(["cpio", "-o", "-H", "newc", "--quiet"],
                         input="".join(n + "\n" for n in names).encode(),
                         cwd=root, stdout=subprocess.PIPE, check=True).stdout
    # Compressed like the rest: the kernel finds a raw cpio only at a 4-byte boundary.
    return gzip.compress(out, compresslevel=1)


def ndctl_qemu(build_dir):
    return os.path.join(build_dir, "cmd", "ndctl-qemu", "ndctl-qemu")


def plan_specs(sc):
    """The DIMMs as `ndctl-qemu plan --nvdimm` SPECs, if plan lays them out with the declared
    aligns (and hot-added ones are align=128M, as run plugs them); else None."""
    if any(d["label"] == 0 for d in sc["dimms"] + sc["hotplug"]):
        return None
    if any(d["align"] != 128 << 20 for d in sc["hotplug"]):
        return None
    return [f"{d['size']},label-size={d['label']}" for d in sc["dimms"]]


def plan_matches(sc, build_dir, specs):
    cmd = [ndctl_qemu(build_dir), "plan", "--ram", str(sc["mem"])]
    for spec in specs:
        cmd += ["--nvdimm", spec]
    out = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    aligns = [parse_size(a) for a in re.findall(r",align=(\w+)", out.stdout)]
    return out.returncode == 0 and aligns == [d["align"] for d in sc["dimms"]]


def report_failure(what, lines, logs, cmd):
    print(f"FAIL {what}")
    for line in lines:
        print(f"  | {line}")
    print(f"  {logs}")
    print("  command: " + " ".join(shlex.quote(c) for c in cmd))
    return 1


def whole_lines(*streams):
    """Lines from several pipes as each completes: the script's stdout and stderr come
    through separate serial lines, so one's partial line must not be cut by the other's."""
    sel = selectors.DefaultSelector()
    bufs = {}
    for f in streams:
        sel.register(f, selectors.EVENT_READ)
        bufs[f] = b""
    while bufs:
        for key, _ in sel.select():
            f = key.fileobj
            chunk = os.read(f.fileno(), 65536)
            if not chunk:
                sel.unregister(f)
                if bufs[f]:
                    yield bufs[f].decode(errors="replace")
                del bufs[f]
                continue
            *lines, bufs[f] = (bufs[f] + chunk).split(b"\n")
            for raw in lines:
                yield raw.decode(errors="replace")


def run_through_ndctl_qemu(args, sc, name, work, specs, data):
    """Every boot in one `ndctl-qemu run --keep WORK` call; the scenario runs under
    guest/scenario.sh, which reports FAIL/TIME markers on COMMAND's stderr."""
    data_dir = os.path.join(work, "data")
    os.makedirs(data_dir, exist_ok=True)
    for path in data:
        dest = os.path.join(data_dir, os.path.basename(path))
        real = os.path.realpath(path)
        if real.startswith(args.build_dir + os.sep) and os.access(real, os.X_OK):
            # A program built here finds ndkit's libraries by an $ORIGIN-relative rpath,
            # which a copy would lose; the guest sees the build tree at the same path.
            os.symlink(real, dest)
        else:
            shutil.copy(path, dest)
    # Into the shared run folder: the guest sees the host's /tmp as a fresh tmpfs.
    guest_files = os.path.join(work, "guest")
    os.makedirs(guest_files)
    for src in (os.path.join(HERE, "guest", "scenario.sh"), os.path.join(HERE, "guest", "lib.sh"),
                args.scenario):
        shutil.copy(src, guest_files)
    console = os.path.join(work, "console.log")
    cmd = [ndctl_qemu(args.build_dir), "run", "--keep", work, "--boots", str(sc["boots"]),
           "--ram", str(sc["mem"]), "--timeout", str(sc["timeout"]), "--console", console]
    for spec in specs:
        cmd += ["--nvdimm", spec]
    for d in sc["hotplug"]:
        cmd += ["--hotplug", f"{d['size']},label-size={d['label']}"]
    if sc["nfit_test"]:
        cmd += ["--nfit-test"]
    if sc["append"]:
        cmd += ["--append", sc["append"]]
    cmd += ["--", "/bin/sh", os.path.join(guest_files, "scenario.sh"),
            os.path.join(guest_files, "lib.sh"),
            os.path.join(guest_files, os.path.basename(args.scenario)), data_dir]
    log_path = os.path.join(work, "run.log")	# what comes before the first boot
    b = Boot(sc, log_path, args.show_console)
    start = time.monotonic()
    with subprocess.Popen(cmd, cwd=work, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE) as proc:
        for text in whole_lines(proc.stdout, proc.stderr):
            # Each boot's output also in console-bootN.log, as the busybox path writes it
            # (tests/data/capture reads its blobs there).
            m = re.match(r"ndctl-qemu run: .* boot (\d+) of \d+: starting QEMU", text)
            if m:
                b.log.close()
                b.log = open(os.path.join(work, f"console-boot{m.group(1)}.log"), "w")
            b.line(text, lambda n: None)
    b.log.close()
    if os.path.exists(console):
        with open(console, errors="replace") as f:
            b.times += [l.split(MARK + "TIME ", 1)[1].strip() for l in f if MARK + "TIME " in l]
    for t in b.times:
        print(f"  time: {t}")
    if proc.returncode:
        why = {124: "guest hung: killed at the timeout", 125: "the guest did not start"}
        return report_failure(f"{name}: {b.failure or why.get(proc.returncode, f'exit {proc.returncode}')}",
                              b.fail_lines, f"logs: {work}/console-bootN.log (the script's output), "
                              f"{console} (the kernel's)", cmd)
    for path in [log_path] + sorted(glob.glob(os.path.join(work, "console-boot*.log"))):
        with open(path, errors="replace") as f:
            for line in f:
                if re.match(r"ndctl-qemu run: .*(COMMAND started|: exit 0 after)", line):
                    print("  " + line.rstrip())
    print(f"  {sc['boots']} boot(s) passed in {time.monotonic() - start:.1f} s "
          f"(ndctl-qemu run; PRELOAD and HOST_SETUP wrote the --keep files first)")
    print(f"PASS {name}")
    return 0


def run_scenario(args):
    name = os.path.basename(args.scenario).removesuffix(".sh")
    sc = read_header(args.scenario)
    guest_dir = os.path.join(args.build_dir, "tests", "guest")
    work = os.path.join(guest_dir, "run", name)
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    scenario_dir = os.path.dirname(os.path.realpath(args.scenario))
    specs = plan_specs(sc)
    # Through `ndctl-qemu run`, the product's own disposable VM, whenever it can boot the
    # layout: everything but libvirt scenarios and a layout plan would not give (check refuses
    # it, so run will not boot it). NDKIT_GUEST_VIA_RUN=0 boots the busybox guest instead.
    via_run = (os.environ.get("NDKIT_GUEST_VIA_RUN", "1") != "0" and not sc["libvirt"] and
               specs is not None and
               ((sc["nfit_test"] and not specs) or plan_matches(sc, args.build_dir, specs)))
    if sc["nfit_test"] and not via_run:
        sys.exit(f"{name}: NFIT_TEST=1 boots only through ndctl-qemu run (no LIBVIRT, "
                 "plan-aligned DIMMS, NDKIT_GUEST_VIA_RUN unset)")
    paths = make_backends(work, sc, scenario_dir)
    data = host_setup(sc, paths, args.build_dir, work, scenario_dir)
    data += [find_data_file(name, scenario_dir) for name in sc["data"]]
    if sc["libvirt"]:
        data.append(libvirt_plan(sc, args.build_dir, work, name, paths))
    elif via_run:
        return run_through_ndctl_qemu(args, sc, name, work, specs, data)
    else:
        why = ("NDKIT_GUEST_VIA_RUN=0" if os.environ.get("NDKIT_GUEST_VIA_RUN") == "0"
               else "a layout ndctl-qemu run does not boot")
        print(f"  busybox guest, QEMU started by run.py ({why})")
    kernel, initrd = prepare_initramfs(args.build_dir, guest_dir)
    my_initrd = os.path.join(work, "initrd.img")
    with open(my_initrd, "wb") as out, open(initrd, "rb") as base:
        shutil.copyfileobj(base, out)
        out.write(scenario_cpio(args.scenario, data, work))
    qmp = os.path.join(work, "qmp.sock")
    plugged = []

    def hotadd(n):
        if n >= len(sc["hotplug"]) or n in plugged:
            raise ScenarioError(f"guest asked to hot-add DIMM {n}: HOTPLUG declares "
                                f"{len(sc['hotplug'])} and {plugged} are plugged")
        i = len(sc["dimms"]) + n
        qmp_hotadd(qmp, i, sc["hotplug"][n], paths[i])
        plugged.append(n)

    for boot in range(1, sc["boots"] + 1):
        plugged.clear()
        log = os.path.join(work, f"console-boot{boot}.log")
        b = Boot(sc, log, args.show_console)
        if sc["libvirt"]:
            cmd = libvirt_command(sc, kernel, my_initrd, work, boot)
        else:
            cmd = qemu_command(sc, kernel, my_initrd, paths, qmp, boot)
        try:
            elapsed = b.run(cmd, hotadd)
        except (ScenarioError, OSError, ValueError) as e:  # QMP trouble during a hot-add
            b.result, b.failure, elapsed = "FAIL", str(e), 0
        for t in b.times:
            print(f"  boot {boot} time: {t}")
        if b.result != "PASS":
            return report_failure(f"{name}: boot {boot}: {b.failure}", b.fail_lines,
                                  f"console log: {log}", cmd)
        print(f"  boot {boot} passed in {elapsed:.1f} s (console log: {log})")
    print(f"PASS {name}")
    return 0


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--build-dir", required=True, help="the meson build directory")
    ap.add_argument("--show-console", action="store_true", help="print the console live")
    ap.add_argument("scenario", help="a scenario script, e.g. tests/guest/scenarios/x.sh")
    if sys.argv[1:2] == ["--list"]:
        # For meson: the scenario files, found at configure time.
        for path in sorted(glob.glob(os.path.join(HERE, "scenarios", "*.sh"))):
            print(path)
        return 0
    args = ap.parse_args()
    # meson test points LD_LIBRARY_PATH at ndkit's build tree; QEMU and the host tools the
    # runner starts must see the host's own libraries only.
    os.environ.pop("LD_LIBRARY_PATH", None)
    args.build_dir = os.path.realpath(args.build_dir)
    try:
        return run_scenario(args)
    except (ScenarioError, subprocess.CalledProcessError, OSError) as e:
        print(f"FAIL {os.path.basename(args.scenario)}: {e}")
        return 1


if __name__ == "__main__":
    sys.exit(main())

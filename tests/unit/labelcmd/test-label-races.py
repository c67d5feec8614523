#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Writers racing on one file, and inputs bounded by what they describe.

usage: test-label-races.py NDCTL NDCTL_QEMU [ROUNDS]

For every pair (and a triple) of writers - write-labels, zero-labels,
init-labels -f, check-labels --repair, ndctl-qemu provision - started
together on one file, ROUNDS times: afterwards the file must be exactly
the state one of the successful writers produces alone (never a mix),
with both index blocks valid and agreeing, and a writer that reports
failure must have changed nothing. Figures (rounds, who won, who waited)
are printed for the issue note.
"""
import collections
import json
import re
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.realpath(__file__)))
from checks import check, summary  # noqa: E402
import time

NDCTL, QEMU = sys.argv[1], sys.argv[2]
ROUNDS = int(sys.argv[3]) if len(sys.argv) > 3 else 25
TMP = tempfile.mkdtemp(prefix="label-races-")
AREA = 128 << 10



def run(*args, stdin=None):
    p = subprocess.run(list(args), capture_output=True, stdin=stdin)
    return p.returncode, p.stdout, p.stderr.decode()


def path(name):
    return os.path.join(TMP, name)


def content(f):
    with open(f, "rb") as fh:
        return fh.read()


def put(f, data):
    with open(f, "wb") as fh:
        fh.write(data)
    return f


def indexes_agree(f):
    """check-labels passes without a finding: both index blocks valid, labels consistent."""
    rc, _, err = run(NDCTL, "check-labels", f)
    return rc == 0 and "WARN" not in err and "ERROR" not in err


def decoded(f):
    """The area as read-labels -j decodes it (index blocks and labels), or None."""
    rc, out, _ = run(NDCTL, "read-labels", "-j", f)
    if rc != 0:
        return None
    j = json.loads(out)
    j = j[0] if isinstance(j, list) else j  # piped, one DIMM: an array, as upstream
    j.pop("dev", None)
    return json.dumps(j, sort_keys=True)


def area_with(n_labels, version):
    """An area made by the commands themselves: init, then n namespaces by provision."""
    f = put(path("mk.img"), b"")
    os.truncate(f, (64 << 20) + AREA)
    args = [QEMU, "provision", f, "--slot", "0", "--label-size", "128K", "-V", version, "--force"]
    for i in range(n_labels):
        args += ["--namespace", f"size=16M,name=n{i},uuid=0000000{i}-1111-2222-3333-444444444444"]
    rc, _, err = run(*args)
    check(rc == 0, f"provision for a vector: {err}")
    return content(f)[-AREA:]


def torn(area):
    """The area with its non-current index block damaged (what --repair fixes)."""
    f = put(path("torn.lsa"), area)
    seq = [i["seq"] for i in json.loads(decoded(f))["index"]]
    cur = 0 if seq[0] == seq[1] % 3 + 1 else 1
    b = bytearray(area)
    isz = 256
    b[(1 - cur) * isz + 80] ^= 1
    return bytes(b)


def solo(setup, cmd):
    """What cmd alone leaves on a file prepared by setup (decoded)."""
    f = path("solo")
    put(f, setup)
    rc, _, err = run(*[a if a != "{F}" else f for a in cmd])
    return rc, decoded(f)


def race(name, setup, cmds, rounds=ROUNDS):
    """
    Start every cmd at once on one file: the result must be the state one
    successful writer leaves alone (the last to take the lock), decoded the
    same, index blocks agreeing. Plain writers never fail (they wait their
    turn); check-labels --repair may find nothing left to repair.
    """
    solos = [solo(setup, c) for c in cmds]
    stats = collections.Counter()
    f = path("race")
    for r in range(rounds):
        put(f, setup)
        procs = [subprocess.Popen([a if a != "{F}" else f for a in c], stdout=subprocess.DEVNULL,
                                  stderr=subprocess.PIPE) for c in cmds]
        outcomes = [(p.wait(), p.stderr.read().decode()) for p in procs]
        final = decoded(f)
        ok = [i for i, (rc, _) in enumerate(outcomes) if rc == 0]
        allowed = [solos[i][1] for i in ok]
        for i, (rc, err) in enumerate(outcomes):
            check(rc == 0 or cmds[i][1] == "check-labels", f"{name} round {r}: {cmds[i][1]} failed: {err}")
        check(final in allowed, f"{name} round {r}: the file is no writer's state (exits {[o[0] for o in outcomes]})")
        if content(f) != bytes(AREA):
            check(indexes_agree(f), f"{name} round {r}: index blocks disagree or check-labels fails")
        winner = [i for i in ok if solos[i][1] == final]
        stats["last: " + ("/".join(f"{i}.{cmds[i][1]}" for i in winner) if winner else "none")] += 1
        stats["exits " + ",".join(str(o[0]) for o in outcomes)] += 1
    print(f"  {name}: {rounds} rounds, " + ", ".join(f"{k} x{v}" for k, v in sorted(stats.items())))


def races():
    a, b, c = area_with(2, "1.2"), area_with(3, "1.1"), area_with(1, "1.2")
    fa, fb, fc = put(path("a.lsa"), a), put(path("b.lsa"), b), put(path("c.lsa"), c)
    w = lambda src: [NDCTL, "write-labels", "-i", src, "{F}"]
    zero = [NDCTL, "zero-labels", "{F}"]
    repair = [NDCTL, "check-labels", "--repair", "{F}"]
    init11 = [NDCTL, "init-labels", "-f", "-V", "1.1", "{F}"]
    init12 = [NDCTL, "init-labels", "-f", "-V", "1.2", "{F}"]
    race("write vs write", a, [w(fb), w(fc)])
    race("write x3", a, [w(fa), w(fb), w(fc)])
    race("zero vs write", a, [zero, w(fb)])
    race("repair vs zero", torn(a), [repair, zero])
    race("repair vs write", torn(a), [repair, w(fb)])
    race("init 1.1 vs init 1.2", a, [init11, init12])
    race("init vs repair vs zero", torn(b), [init12, repair, zero])


def provision_races():
    """Two provisions of one fresh backend file: one wins, the other is refused, no mix."""
    img = path("nv.img")
    cfg = [["--namespace", "size=32M,name=fs,mode=fsdax,uuid=aaaaaaaa-1111-2222-3333-444444444444"],
           ["--namespace", "size=32M,name=dd,mode=devdax,uuid=bbbbbbbb-1111-2222-3333-444444444444",
            "--namespace", "size=16M,name=raw,uuid=cccccccc-1111-2222-3333-444444444444"]]
    base = [QEMU, "provision", img, "--slot", "0", "--label-size", "128K"]

    def state():
        rc, out, err = run(QEMU, "inspect", img)
        if not check(rc == 0, f"inspect: {err}"):
            return None
        j = json.loads(out)
        return ([(l["name"], l["dpa"], l["rawsize"]) for l in j["label"]],
                [(n["mode"], n["size"]) for n in j["guest"]["namespaces"]])

    want = []
    for c in cfg:
        os.truncate(put(img, b""), 256 << 20)
        check(run(*base, *c)[0] == 0, "provision alone")
        want.append(state())
    stats = collections.Counter()
    for r in range(ROUNDS):
        os.truncate(put(img, b""), 256 << 20)
        procs = [subprocess.Popen(base + c, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) for c in cfg]
        out = [(p.wait(), p.stderr.read().decode()) for p in procs]
        winners = [i for i, (rc, _) in enumerate(out) if rc == 0]
        check(len(winners) == 1, f"provision round {r}: exits {[o[0] for o in out]}, want exactly one 0")
        for i, (rc, err) in enumerate(out):
            check(rc == 0 or "already holds" in err, f"provision round {r}: loser says {err!r}")
        if winners:
            check(state() == want[winners[0]], f"provision round {r}: not the winner's namespaces and modes")
        stats[f"winner {winners}"] += 1
    print(f"  provision x2 (no --force): {ROUNDS} rounds, " + ", ".join(f"{k} x{v}" for k, v in sorted(stats.items())))
    # --force: both succeed one after the other; the file is the last one's, whole
    stats.clear()
    for r in range(ROUNDS):
        os.truncate(put(img, b""), 256 << 20)
        procs = [subprocess.Popen(base + ["--force"] + c, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
                 for c in cfg]
        out = [p.wait() for p in procs]
        check(out == [0, 0], f"provision --force round {r}: exits {out}")
        s = state()
        check(s in want, f"provision --force round {r}: a mix of both: {s}")
        stats[f"last {want.index(s) if s in want else 'mixed'}"] += 1
    print(f"  provision x2 --force: {ROUNDS} rounds, " + ", ".join(f"{k} x{v}" for k, v in sorted(stats.items())))


def bounds_and_busy():
    """Endless input read no further than the area + 1 byte; a locked target stops everything."""
    f = put(path("bound.lsa"), bytes(AREA))
    t0 = time.monotonic()
    rc, _, err = run(NDCTL, "write-labels", "-i", "/dev/zero", f)
    check(rc != 0 and "larger than" in err and time.monotonic() - t0 < 10, f"write-labels -i /dev/zero: {rc} {err}")
    check(content(f) == bytes(AREA), "/dev/zero: the file changed")
    # the same from an endless pipe, counting what it took
    p = subprocess.Popen([NDCTL, "write-labels", f], stdin=subprocess.PIPE, stderr=subprocess.PIPE)
    fed, chunk = 0, bytes(4096)
    try:
        while fed < 64 << 20:
            p.stdin.write(chunk)
            fed += len(chunk)
    except BrokenPipeError:
        pass
    err = p.stderr.read().decode()
    rc = p.wait()
    check(rc != 0 and "larger than" in err, f"write-labels from an endless pipe: {rc} {err}")
    check(fed <= AREA + 1 + (1 << 20), f"write-labels took {fed} bytes of an endless pipe for a {AREA}-byte area")
    print(f"  write-labels from an endless input: refused after taking {fed} bytes (area {AREA}, pipe buffer included)")
    rc, _, err = run(NDCTL, "write-labels", "-s", "4096", "-i", "/dev/zero", f)
    check(rc == 0, f"-s 4096 -i /dev/zero writes 4096 bytes: {err}")

    a = put(path("busy-a.lsa"), area_with(1, "1.2"))
    b = put(path("busy-b.lsa"), area_with(2, "1.2"))
    small = put(path("small.lsa"), bytes(700))
    before = (content(a), content(b))
    holder = subprocess.Popen(["flock", "-x", b, "sleep", "12"])
    time.sleep(0.2)
    t0 = time.monotonic()
    rc, _, err = run(NDCTL, "zero-labels", a, b, small)
    waited = time.monotonic() - t0
    lines = [ln for ln in err.splitlines() if not re.match(r"zeroed \d+ nmem", ln)]  # upstream's count
    check(rc != 0 and len(lines) == 2 and "locked by another label writer" in lines[0] and b in lines[0]
          and small in lines[1], f"zero-labels A B(busy) C(too small): one line per bad target: {rc} {err}")
    check((content(a), content(b)) == before, "zero-labels A B(busy): A was written")
    check(9 <= waited <= 12, f"zero-labels waited {waited:.1f} s, the documented bound is 10 s")
    holder.kill()
    holder.wait()
    print(f"  zero-labels A B C with B locked, C too small: refused after {waited:.1f} s, both named, A untouched")
    holder = subprocess.Popen(["flock", "-x", b, "sleep", "1"])
    time.sleep(0.2)
    t0 = time.monotonic()
    rc, _, err = run(NDCTL, "zero-labels", a, b)
    check(rc == 0 and content(a) == bytes(AREA) and content(b) == bytes(AREA) and time.monotonic() - t0 > 0.5,
          f"zero-labels waits for a holder that finishes: {rc} {err}")
    holder.wait()


def timed(*args):
    t0 = time.monotonic()
    rc, _, err = run(*args)
    return rc, err, time.monotonic() - t0


def wait_option():
    """--wait=SECONDS (ndkit) bounds the wait for a held area; 0 fails at once."""
    f = put(path("wait.lsa"), area_with(1, "1.2"))
    before = content(f)
    holder = subprocess.Popen(["flock", "-x", f, "sleep", "4"])
    time.sleep(0.2)
    rc, err, took = timed(NDCTL, "zero-labels", "--wait=0", f)
    check(rc != 0 and "within 0.000 s" in err and took < 1, f"--wait=0 on a held area: {rc} after {took:.1f} s: {err}")
    rc, err, took = timed(NDCTL, "read-labels", "--wait", "1", f)
    check(rc != 0 and "within 1.000 s" in err and 0.9 <= took < 3, f"read-labels --wait 1: {rc} after {took:.1f} s: {err}")
    check(content(f) == before, "a refused --wait changed the area")
    rc, err, took = timed(NDCTL, "check-labels", "--wait=10", f)
    check(rc == 0 and took >= 2, f"check-labels --wait=10 waits for the holder to finish: {rc} after {took:.1f} s: {err}")
    holder.wait()
    for bad in ("-1", "x", "1.5", "86401"):
        rc, err, _ = timed(NDCTL, "init-labels", f"--wait={bad}", f)
        check(rc == 129 and "invalid --wait" in err, f"--wait={bad}: {rc} {err}")
    print(f"  --wait: 0 refused at once, 1 refused after ~1 s, 10 waited for a 4 s holder")


def main():
    races()
    provision_races()
    bounds_and_busy()
    wait_option()
    return summary("label-races")


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""The kernel as the label engine's oracle (issue 24, item 5).

Cases are generated, never listed: case N of seed S draws from random.Random(f"{S}/{N}") a
label area for every DIMM of one group (DIMMs that share regions: a QEMU vNVDIMM alone, or
nfit_test.0's four DIMMs with their 2-way and 4-way interleaved regions): version 1.1 or
1.2, an index pair (seq, nslot, an older index pointing at older labels), zero to three
namespaces a region, each DIMM's label at its position, then zero to three mutations
(MUTATIONS below: torn or stale indexes, bad checksums, stale and duplicate slots,
corrupted label fields). The areas go to the DIMMs with ndkit's write-labels (only the
bytes that changed since the last case, the regions of the group disabled), the regions
are enabled, and two views are compared:

  the kernel's: which regions enable (ndctl enable-region), which DIMMs probe (nmemN has
    a driver), the namespaces of each region with a size (`ndctl list -N -i`: uuid, size,
    name), and the kernel's log lines of the case (dmesg; libnvdimm's dev_dbg lines of the
    label functions are switched on);
  ndkit's: `ndctl read-labels -j` (the labels of the current index) and
    `ndctl check-labels -v` (findings; each says whether the kernel ignores the label,
    refuses the DIMM or fails the region). From them, mechanically: a label check-labels
    says the kernel ignores is dropped; a label belongs to the region whose mapping on its
    DIMM holds its dpa (sysfs regionN/mappingK); a namespace is a uuid's labels in one
    region, its size the sum of their rawsize, its name position 0's; a DIMM refusal fails
    the DIMM and its regions, a region-probe failure fails the region.

Each case is one of: agree; documented (the difference matches a kernel behaviour in
documented.txt, PATTERN :: REASON, PATTERN a regular expression searched in the case's
signature "mutations=... diff=..."; docs/labels.md "Kernel rules" describes each); or
disagree. One JSON line a case goes to --results; the counts are printed at the end.

  oracle.py run --cases N [--seed S] [--first K] [--results FILE]   (in a guest, as root)
  oracle.py gen --cases N [--seed S]     print the generated cases' mutations (no guest)
  oracle.py check                        the tables parse; every documented pattern names
                                         known mutations and differences
"""
import argparse
import fcntl
import json
import os
import random
import re
import struct
import subprocess
import sys
import time
import uuid as uuidlib

HERE = os.path.dirname(os.path.realpath(__file__))
SYS = "/sys/bus/nd/devices"
PMEM_GUID = uuidlib.UUID("66f0d379-b4f3-4074-ac43-0d3318b78cdb")
CLAIMS = {"pfn": uuidlib.UUID("266400ba-fb9f-4677-bcb0-968f11d0d225"),
          "dax": uuidlib.UUID("97a86d9c-3cdd-4eda-986f-5068b4f80088"),
          "btt": uuidlib.UUID("8aed63a2-29a2-4c66-8b12-f05d15d3922a")}
MiB = 1 << 20

# mutation id: weight. Index mutations act on the current index block unless named "-other".
MUTATIONS = {
    "index-torn-current": 6, "index-torn-both": 2, "index-checksum-current": 3,
    "index-seq-zero": 2, "index-seq-equal": 3, "index-sig": 2, "index-myoff": 2,
    "index-otheroff": 1, "index-labeloff": 2, "index-mysize-big": 1, "index-mysize-small": 1,
    "index-mysize-short": 1, "index-nslot-big": 2, "index-nslot-small": 3,
    "index-nslot-old": 2, "index-version": 3, "index-labelsize": 2, "index-free-past-nslot": 1,
    "label-uuid": 4, "label-name-full": 2, "label-name-bytes": 2, "label-name-empty": 1,
    "label-cookie-random": 4, "label-cookie-zero": 2, "label-cookie-other-version": 3,
    "label-cookie-other-region": 3, "label-position-big": 2, "label-position-swap": 2,
    "label-nlabel-zero": 1, "label-nlabel-other": 3, "label-dpa-outside": 4,
    "label-dpa-shift": 2, "label-dpa-overlap": 3, "label-dpa-unaligned": 2,
    "label-rawsize-zero": 2, "label-rawsize-big": 3, "label-rawsize-unaligned": 2,
    "label-slot-field": 4, "label-flags-updating": 2, "label-flags-rolabel": 1,
    "label-flags-local": 2, "label-flags-random": 2, "label-lbasize": 3,
    "label-abstraction-random": 2, "label-abstraction-claim": 2, "label-type-guid": 2,
    "label-checksum": 4, "slot-duplicate": 4, "slot-stale-free": 2, "slot-freed": 3,
    "slot-beyond-nslot": 2,
}
V12_ONLY = {"label-abstraction-random", "label-abstraction-claim", "label-type-guid",
            "label-checksum"}
DIFFS = {"ns-missing", "ns-extra", "ns-size", "ns-name", "region-refused", "region-enabled",
         "dimm-refused", "dimm-probed", "tool-error"}


# ------------------------------------------------------------------ the on-media format

def fletcher64(buf):
    lo = hi = 0
    for (w,) in struct.iter_unpack("<I", bytes(buf)):
        lo = (lo + w) & 0xffffffff
        hi = (hi + lo) & 0xffffffff
    return (hi << 32) | lo


def isz_of(nslot):
    return (72 + (nslot + 7) // 8 + 255) // 256 * 256


def layout(cfg, L):
    """(isz, nslot) of an area of cfg bytes with L-byte labels, the kernel's formula."""
    isz = isz_of(cfg // L)
    return isz, (cfg - 2 * isz) // L


def prev_seq(s):
    return {1: 3, 2: 1, 3: 2}[s]


def encode_index(i, isz, L, nslot, seq, free_slots, muts):
    """One index block of isz bytes; muts: the index mutations that apply to this block."""
    b = bytearray(isz)
    b[0:16] = b"NAMESPACE_INDEX\0"
    b[19] = 1 if L == 256 else 0
    major, minor = 1, 2 if L == 256 else 1
    myoff, otheroff, labeloff, mysize = i * isz, (1 - i) * isz, 2 * isz, isz
    bits = nslot
    for m in muts:
        if m == "index-seq-zero":
            seq = 4
        elif m == "index-sig":
            b[3] ^= 0x20
        elif m == "index-myoff":
            myoff += 256
        elif m == "index-otheroff":
            otheroff = 0 if otheroff else 256
        elif m == "index-labeloff":
            labeloff = isz
        elif m == "index-mysize-big":
            mysize = isz + 8
        elif m == "index-mysize-small":
            mysize = 64
        elif m == "index-mysize-short":
            mysize = 72 + (nslot + 7) // 8
        elif m == "index-version":
            minor = 1 if minor == 2 else 2
        elif m == "index-labelsize":
            b[19] = 2 if L == 256 else 1
        elif m == "index-free-past-nslot":
            bits = nslot + 8
    struct.pack_into("<IQQQQIHH", b, 20, seq, myoff, mysize, otheroff, labeloff,
                     nslot_field(nslot, muts), major, minor)
    limit = min(bits, (isz - 72) * 8)
    for s in range(limit):
        if s >= nslot or s in free_slots:
            b[72 + s // 8] |= 1 << (s % 8)
    csum = fletcher64(b)
    if "index-checksum-current" in muts or "index-torn" in muts:
        csum ^= 0x100
    struct.pack_into("<Q", b, 64, csum)
    if "index-torn" in muts:	# a torn write: the tail of the block is what was there before
        for k in range(isz // 2, isz):
            b[k] ^= 0x5a
    return b


def nslot_field(nslot, muts):
    return nslot + 100000 if "index-nslot-big" in muts else nslot


def encode_label(l, L):
    b = bytearray(L)
    b[0:16] = l["uuid"]
    b[16:80] = l["name"][:64].ljust(64, b"\0")
    struct.pack_into("<IHHQQQQI", b, 80, l["flags"], l["nlabel"], l["position"],
                     l["cookie"], l["lbasize"], l["dpa"], l["rawsize"], l["slot_field"])
    if L == 256:
        b[128:144] = l["type_guid"]
        b[144:160] = l["abstraction"]
        csum = fletcher64(b)
        if l.get("bad_checksum"):
            csum ^= 1
        struct.pack_into("<Q", b, 248, csum)
    return b


# ------------------------------------------------------------------ the generator

def new_uuid(rng):
    return bytes(rng.getrandbits(8) for _ in range(16))


def rand_name(rng):
    n = rng.choice([0, 0, 3, 8, 12, 20, 63])
    return bytes(rng.choice(b"abcdefghijklmnopqrstuvwxyz0123456789-_") for _ in range(n))


def gen_namespaces(rng, region, L, cookie, claim_ok, n=None, avoid=None):
    """Namespaces of one region laid out in its mapping; each a list of per-DIMM labels."""
    unit = MiB if region["dimm_size"] <= 64 * MiB else 2 * MiB
    units = region["dimm_size"] // unit
    n = rng.choice([0, 1, 1, 2, 2, 3]) if n is None else n
    cuts = sorted(rng.sample(range(units + 1), 2 * n)) if n and 2 * n <= units + 1 else []
    out = []
    for k in range(len(cuts) // 2):
        start, end = cuts[2 * k], cuts[2 * k + 1]
        if end == start:
            continue
        u, name = new_uuid(rng), rand_name(rng)
        lbasize = rng.choice([512, 512, 4096])
        claim = rng.choice(["pfn", "dax", "btt"]) if claim_ok and rng.random() < 0.1 else None
        labels = []
        for pos, m in enumerate(region["mappings"]):
            labels.append({
                "dimm": m["dimm"], "region": region["name"], "uuid": u, "name": name,
                "flags": 0, "nlabel": len(region["mappings"]), "position": m["position"],
                "cookie": cookie, "lbasize": lbasize, "dpa": m["dpa"] + start * unit,
                "rawsize": (end - start) * unit, "type_guid": PMEM_GUID.bytes_le,
                "abstraction": CLAIMS[claim].bytes_le if claim else bytes(16)})
        out.append(labels)
    return out


def pick_slots(rng, free, k, nslot):
    """k distinct slots from free, mostly low ones (so that a case writes few bytes)."""
    low = [s for s in sorted(free) if s < 48]
    out = []
    for _ in range(min(k, len(free))):
        pool = low if low and rng.random() < 0.9 else sorted(free)
        s = rng.choice(pool)
        out.append(s)
        free.discard(s)
        if s in low:
            low.remove(s)
    return out


def generate(seed, n, group):
    """Case n of seed for group: the mutations chosen and each DIMM's area (bytes)."""
    rng = random.Random(f"{seed}/{n}")
    L = rng.choice([128, 256])
    ver = "1.1" if L == 128 else "1.2"
    muts = []
    nmut = rng.choices([0, 1, 2, 3], [15, 55, 20, 10])[0]
    names = [m for m in MUTATIONS if L == 256 or m not in V12_ONLY]
    while len(muts) < nmut:
        m = rng.choices(names, [MUTATIONS[x] for x in names])[0]
        if m not in muts:
            muts.append(m)
    labels, old = [], []
    for r in group["regions"]:
        c = r["cookies"][ver]
        for ns in gen_namespaces(rng, r, L, c, L == 256):
            labels += ns
        if rng.random() < 0.4 or any(m.startswith("index-") for m in muts):
            for ns in gen_namespaces(rng, r, L, c, L == 256, n=rng.choice([0, 1, 2])):
                old += ns
    dimms = {}
    for d in group["dimms"]:
        cfg = group["cfg"][d]
        isz, nslot = layout(cfg, L)
        if "index-nslot-small" in muts and rng.random() < 0.7:
            nslot = rng.choice([2, 16, 64, nslot - 1, nslot // 2])
        if "index-nslot-old" in muts:
            nslot = cfg // 129 if L == 128 else cfg // 258	# what older kernels wrote
            nslot = min(nslot, (cfg - 2 * isz) // L)
        dimms[d] = {"cfg": cfg, "isz": isz, "nslot": nslot, "cur": rng.choice([0, 1]),
                    "seq": rng.choice([1, 2, 3]), "labels": [], "old": []}
    for kind in ("labels", "old"):
        for l in labels if kind == "labels" else old:
            dimms[l["dimm"]][kind].append(dict(l))
    for d, a in dimms.items():
        free = set(range(min(a["nslot"], 4096)))
        for kind in ("labels", "old"):	# a small nslot may not hold them all
            if kind == "old" and rng.random() < 0.5:
                a["old"] = []	# the older index: the same labels, or an older set
            slots = pick_slots(rng, free, len(a[kind]), a["nslot"])
            a[kind] = a[kind][:len(slots)]
            for l, s in zip(a[kind], slots):
                l["slot"] = l["slot_field"] = s
        a["free"] = free
    applied = [m for m in muts if apply_mutation(rng, m, group, dimms, L, ver)]
    areas = {d: encode_area(a, L, applied, rng) for d, a in dimms.items()}
    return {"version": ver, "mutations": applied, "areas": areas,
            "expected_labels": {d: len(a["labels"]) for d, a in dimms.items()}}


def live(dimms):
    return [(d, l) for d, a in dimms.items() for l in a["labels"]]


def apply_mutation(rng, m, group, dimms, L, ver):
    """Change the model; False when the mutation has nothing to act on in this case."""
    if m.startswith("index-"):
        d = rng.choice(sorted(dimms))
        dimms[d].setdefault("imuts", []).append(m)
        return True
    labels = live(dimms)
    if not labels:
        return False
    d, l = rng.choice(labels)
    region = next(r for r in group["regions"] if r["name"] == l["region"])
    mapping = next(x for x in region["mappings"] if x["dimm"] == d)
    if m == "label-uuid":
        l["uuid"] = new_uuid(rng)
    elif m == "label-name-full":
        l["name"] = bytes(rng.choice(b"ABCDEFGHIJ") for _ in range(64))
    elif m == "label-name-bytes":
        l["name"] = bytes(rng.randrange(1, 256) for _ in range(rng.randrange(1, 64)))
    elif m == "label-name-empty":
        l["name"] = b""
    elif m == "label-cookie-random":
        l["cookie"] = rng.getrandbits(64) | 1
    elif m == "label-cookie-zero":
        l["cookie"] = 0
    elif m == "label-cookie-other-version":
        l["cookie"] = region["cookies"]["1.2" if ver == "1.1" else "1.1"]
    elif m == "label-cookie-other-region":
        others = [r for g in ALL_GROUPS for r in g["regions"] if r["name"] != region["name"]]
        if not others:
            return False
        l["cookie"] = rng.choice(others)["cookies"][ver]
    elif m == "label-position-big":
        l["position"] = l["nlabel"] + rng.randrange(0, 3)
    elif m == "label-position-swap":
        if l["nlabel"] < 2:
            l["position"] = 1
        else:
            l["position"] = (l["position"] + 1) % l["nlabel"]
    elif m == "label-nlabel-zero":
        l["nlabel"] = 0
    elif m == "label-nlabel-other":
        l["nlabel"] = rng.choice([x for x in (1, 2, 3, 4, 8) if x != l["nlabel"]])
    elif m == "label-dpa-outside":
        ends = [mapping["dpa"] + mapping["size"]] + \
            ([mapping["dpa"] - l["rawsize"]] if mapping["dpa"] >= l["rawsize"] else [])
        l["dpa"] = rng.choice(ends) + rng.choice([0, 4096, 64 * MiB])
    elif m == "label-dpa-shift":
        l["dpa"] += rng.choice([4096, MiB])
    elif m == "label-dpa-overlap":
        others = [x for x in dimms[d]["labels"] if x is not l]
        if others:
            l["dpa"] = rng.choice(others)["dpa"] + 4096
        else:
            l["dpa"] += l["rawsize"] // 2
    elif m == "label-dpa-unaligned":
        l["dpa"] += 512
    elif m == "label-rawsize-zero":
        l["rawsize"] = 0
    elif m == "label-rawsize-big":
        l["rawsize"] = rng.choice([mapping["size"] + 4096, l["rawsize"] * 2, 1 << 62])
    elif m == "label-rawsize-unaligned":
        l["rawsize"] -= 512
    elif m == "label-slot-field":
        l["slot_field"] = l["slot"] + rng.choice([1, 2, 1000])
    elif m == "label-flags-updating":
        l["flags"] |= 0x8
    elif m == "label-flags-rolabel":
        l["flags"] |= 0x1
    elif m == "label-flags-local":
        l["flags"] |= 0x2
    elif m == "label-flags-random":
        l["flags"] |= rng.choice([0x10, 0x100, 0x80000000])
    elif m == "label-lbasize":
        l["lbasize"] = rng.choice([0, 520, 4096 if l["lbasize"] == 512 else 512, 1 << 20])
    elif m == "label-abstraction-random":
        l["abstraction"] = new_uuid(rng)
    elif m == "label-abstraction-claim":
        l["abstraction"] = CLAIMS[rng.choice(sorted(CLAIMS))].bytes_le
    elif m == "label-type-guid":
        l["type_guid"] = new_uuid(rng)
    elif m == "label-checksum":
        l["bad_checksum"] = True
    elif m in ("slot-duplicate", "slot-stale-free", "slot-beyond-nslot"):
        a = dimms[d]
        if m == "slot-beyond-nslot":
            s = a["nslot"] + rng.randrange(0, 4)
            if 2 * a["isz"] + (s + 1) * L > a["cfg"]:
                return False
        else:
            if not a["free"]:
                return False
            s = pick_slots(rng, a["free"], 1, a["nslot"])[0]
        dup = dict(l, slot=s, slot_field=s)
        if m == "slot-duplicate":
            a["labels"].append(dup)
        else:
            a.setdefault("stale", []).append(dup)
    elif m == "slot-freed":
        dimms[d]["labels"].remove(l)
        dimms[d].setdefault("stale", []).append(l)
    else:
        raise ValueError(m)
    return True


def encode_area(a, L, muts, rng):
    area = bytearray(a["cfg"])	# only the extents returned are written (see write_area)
    isz, nslot, cur = a["isz"], a["nslot"], a["cur"]
    labeloff = 2 * isz
    every = a["labels"] + a["old"] + a.get("stale", [])
    for l in every:
        off = labeloff + l["slot"] * L
        area[off:off + L] = encode_label(l, L)
    in_use = {l["slot"] for l in a["labels"] if l["slot"] < nslot}
    old_use = {l["slot"] for l in a["old"]} if a["old"] else in_use
    imuts = a.get("imuts", [])
    cur_muts = [m for m in imuts if m not in ("index-torn-current", "index-torn-both",
                                               "index-seq-equal")]
    if "index-torn-current" in imuts or "index-torn-both" in imuts:
        cur_muts.append("index-torn")
    other_muts = ["index-torn"] if "index-torn-both" in imuts else []
    seq = a["seq"]
    oseq = seq if "index-seq-equal" in imuts else prev_seq(seq)
    full = set(range(nslot))
    idx = {cur: encode_index(cur, isz, L, nslot, seq, full - in_use, cur_muts),
           1 - cur: encode_index(1 - cur, isz, L, nslot, oseq, full - old_use, other_muts)}
    area[0:isz] = idx[0]
    area[isz:2 * isz] = idx[1]
    return area, sorted({(0, 2 * isz)} |
                        {(labeloff + l["slot"] * L, labeloff + (l["slot"] + 1) * L)
                         for l in every})


# ------------------------------------------------------------------ the guest side

def sh(*cmd, check=False):
    p = subprocess.run(cmd, capture_output=True, text=True, errors="replace")
    if check and p.returncode:
        raise RuntimeError(f"{' '.join(cmd)}: exit {p.returncode}: {p.stderr.strip()}")
    return p


def rd(path, default=""):
    try:
        with open(path) as f:
            return f.read().strip()
    except OSError:
        return default


def config_size(dimm):
    buf = bytearray(12)
    with open(f"/dev/{dimm}", "r+b", buffering=0) as f:
        fcntl.ioctl(f, 0xC00C4E04, buf)
    status, size, _ = struct.unpack("<III", buf)
    return size if status == 0 else 0


ALL_GROUPS = []


def topology():
    """Regions with DIMMs and an interleave set, grouped by shared DIMMs (nfit_test.1 left
    out: its DIMMs are flagged failed)."""
    regions = []
    for name in sorted(os.listdir(SYS)):
        if not re.fullmatch(r"region\d+", name):
            continue
        p = f"{SYS}/{name}"
        bus = os.path.basename(os.path.realpath(f"{p}/.."))
        provider = rd(f"{SYS}/{bus}/provider")
        n = int(rd(f"{p}/mappings", "0"))
        if not n or provider == "nfit_test.1" or rd(f"{p}/set_cookie", "0x0") in ("", "0x0"):
            continue
        maps = []
        for k in range(n):
            dimm, dpa, size, pos = rd(f"{p}/mapping{k}").split(",")
            maps.append({"dimm": dimm, "dpa": int(dpa), "size": int(size), "position": int(pos)})
        regions.append({"name": name, "bus": provider, "mappings": maps,
                        "dimm_size": maps[0]["size"]})
    groups = []
    for r in regions:
        ds = {m["dimm"] for m in r["mappings"]}
        hit = [g for g in groups if g["dimms"] & ds]
        g = {"dimms": ds, "regions": [r]}
        for h in hit:
            g["dimms"] |= h["dimms"]
            g["regions"] = h["regions"] + g["regions"]
            groups.remove(h)
        groups.append(g)
    for g in groups:
        g["dimms"] = sorted(g["dimms"], key=lambda x: int(x[4:]))
        g["cfg"] = {d: config_size(d) for d in g["dimms"]}
        g["name"] = "+".join(r["name"] for r in g["regions"])
        g["nfit"] = g["regions"][0]["bus"].startswith("nfit_test")
    return groups


def disable(g):
    for r in g["regions"]:
        sh("ndctl", "disable-region", r["name"])


def enable(g):
    """Whether each region probed: its driver link (enable-region's status is kept too)."""
    rcs = {r["name"]: sh("ndctl", "enable-region", r["name"]).returncode for r in g["regions"]}
    return {r: {"probed": os.path.exists(f"{SYS}/{r}/driver"), "rc": rc}
            for r, rc in rcs.items()}


def learn_cookies(g, tmp):
    """Each region's v1.1 and v1.2 cookie: set_cookie once the DIMMs hold empty indexes of
    that version (written by this generator, not by ndkit's init-labels)."""
    for ver, L in (("1.1", 128), ("1.2", 256)):
        disable(g)
        for d in g["dimms"]:
            isz, nslot = layout(g["cfg"][d], L)
            # zeroes up to the v1.1 layout's second index: the kernel tries 128-byte labels
            # first, and a v1.1 index left there would win over a v1.2 pair (a slice
            # assignment to area[isz:] once shrank the area to 2 * isz and left the v1.1
            # index of the step before at 512 on the 200 KiB DIMM: set_cookie then showed
            # cookie1, rightly, and the "v1.2 cookie" learned was the v1.1 one)
            area = bytearray(max(2 * isz, 2 * layout(g["cfg"][d], 128)[0]))
            full = set(range(nslot))
            area[0:isz] = encode_index(0, isz, L, nslot, 3, full, [])
            area[isz:2 * isz] = encode_index(1, isz, L, nslot, 2, full, [])
            err = write_area(d, area, [(0, len(area))], None, tmp)
            if err:
                sys.exit(f"oracle: {err}")
            if not os.path.exists(f"{SYS}/{d}/driver"):
                sh("ndctl", "enable-dimm", d)
        enable(g)
        for r in g["regions"]:
            r.setdefault("cookies", {})[ver] = int(rd(f"{SYS}/{r['name']}/set_cookie"), 16)
            print(f"oracle: {r['name']} v{ver}: set_cookie {r['cookies'][ver]:#x}, DIMMs "
                  + " ".join(f"{d}:{'up' if os.path.exists(f'{SYS}/{d}/driver') else 'down'}"
                             for d in g["dimms"]), flush=True)
    disable(g)


def write_area(d, area, extents, last, tmp):
    """Write the extents that differ from what the DIMM holds (last); merged when close."""
    spans = []
    for a, b in sorted(extents):
        if last is not None and last[a:b] == area[a:b]:
            continue
        if spans and a - spans[-1][1] < 4096:
            spans[-1][1] = max(spans[-1][1], b)
        else:
            spans.append([a, b])
    if last is None and len(area) > 2 * 4096:
        spans = [[0, len(area)]]
    for a, b in spans:
        with open(tmp, "wb") as f:
            f.write(area[a:b])
        p = sh("ndctl", "write-labels", d, "-i", tmp, "-O", str(a))
        if p.returncode and "re-enabling it failed" not in p.stderr:	# a refused DIMM
            return f"write-labels {d} -O {a}: {p.stderr.strip()}"
    return None


KMSG_KEEP = re.compile(r"nd_|nvdimm|nmem|region|namespace|label|nsindex|cookie|dpa|uuid")


def kernel_log():
    p = sh("dmesg", "-c")
    return [re.sub(r"^\[[ 0-9.]+\] ", "", x) for x in p.stdout.splitlines() if KMSG_KEEP.search(x)]


def kernel_view(g, enabled):
    view = {"regions": {}, "dimms": {}}
    for d in g["dimms"]:
        view["dimms"][d] = os.path.exists(f"{SYS}/{d}/driver")
    p = sh("ndctl", "list", "-N", "-i")
    nss = json.loads(p.stdout) if p.stdout.strip() else []
    if isinstance(nss, dict):
        nss = [nss]
    for r in g["regions"]:
        rid = r["name"][6:]
        ns = sorted((x.get("uuid", ""), x.get("size", 0), x.get("name", ""))
                    for x in nss if x["dev"].startswith(f"namespace{rid}.") and x.get("size"))
        e = enabled[r["name"]]
        view["regions"][r["name"]] = {"enabled": e["probed"], "namespaces": ns}
        if e["probed"] != (e["rc"] == 0):
            view["regions"][r["name"]]["enable_rc"] = e["rc"]
    return view


FINDING = re.compile(r"^(nmem\d+): (error|warning|info): (.*) \[([a-z-]+)\]$")


def ndkit_view(g):
    """What ndkit's read-labels -j and check-labels -v say the kernel will make of the areas."""
    p = sh("ndctl", "read-labels", "-j", *g["dimms"])
    q = sh("ndctl", "check-labels", "-v", *g["dimms"])
    view = {"regions": {}, "dimms": {}, "findings": []}
    try:
        dumps = json.loads(p.stdout)
    except ValueError:
        return None, f"read-labels -j: exit {p.returncode}: {p.stderr.strip()}"
    ignored, refused_dimms, failed_regions_by_label = set(), set(), []
    for line in q.stderr.splitlines():
        m = FINDING.match(line)
        if not m:
            continue
        d, sev, msg, fid = m.groups()
        view["findings"].append(f"{d}:{fid}")
        slots = [int(x) for x in re.findall(r"slots? (\d+)", msg)]
        if "the kernel ignores" in msg:
            ignored |= {(d, s) for s in slots[:1]}
        elif "refuses this DIMM" in msg:
            refused_dimms.add(d)
        elif "region probe fails" in msg:
            failed_regions_by_label += [(d, s) for s in slots] or [(d, None)]
    for dump in dumps:
        view["dimms"][dump["dev"]] = dump["dev"] not in refused_dimms
    for r in g["regions"]:
        by_uuid, failed = {}, any(m["dimm"] in refused_dimms for m in r["mappings"])
        for m in r["mappings"]:
            dump = next((x for x in dumps if x["dev"] == m["dimm"]), {"label": []})
            for l in dump.get("label", []):
                if (m["dimm"], l["slot"]) in ignored:
                    continue
                if not m["dpa"] <= int(str(l["dpa"]), 0) < m["dpa"] + m["size"]:
                    continue
                if (m["dimm"], l["slot"]) in failed_regions_by_label or \
                        (m["dimm"], None) in failed_regions_by_label:
                    failed = True
                by_uuid.setdefault(l["uuid"], []).append(l)
        ns = []
        for u, ls in by_uuid.items():
            name = next((l["name"] for l in ls if l["position"] == 0), "")
            ns.append((u, sum(int(str(l["rawsize"]), 0) for l in ls), name))
        view["regions"][r["name"]] = {"enabled": not failed,
                                      "namespaces": [] if failed else sorted(ns)}
    return view, None


def compare(kv, nv):
    diffs = []
    for d, ok in kv["dimms"].items():
        if ok != nv["dimms"].get(d, True):
            diffs.append("dimm-refused" if not ok else "dimm-probed")
    for r, k in kv["regions"].items():
        n = nv["regions"][r]
        if k["enabled"] != n["enabled"]:
            diffs.append("region-refused" if not k["enabled"] else "region-enabled")
            continue
        kn = {x[0]: x for x in k["namespaces"]}
        nn = {x[0]: x for x in n["namespaces"]}
        for u in kn.keys() - nn.keys():
            diffs.append("ns-extra")
        for u in nn.keys() - kn.keys():
            diffs.append("ns-missing")
        for u in kn.keys() & nn.keys():
            if kn[u][1] != nn[u][1]:
                diffs.append("ns-size")
            if kn[u][2] != nn[u][2]:
                diffs.append("ns-name")
    return sorted(set(diffs))


def rows(name, nfields):
    out = []
    with open(os.path.join(HERE, name), encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            fields = [x.strip() for x in line.rstrip("\n").split(" :: ")]
            if len(fields) != nfields:
                sys.exit(f"{name}:{n}: {len(fields)} fields, want {nfields}")
            out.append(fields)
    return out


def documented():
    return [{"pat": p, "re": re.compile(p), "why": w} for p, w in rows("documented.txt", 2)]


def cmd_run(a):
    t0 = time.time()
    groups = topology()
    if a.groups:
        groups = [g for g in groups if re.search(a.groups, g["name"] + (" nfit" if g["nfit"] else " qemu"))]
    if not groups:
        sys.exit("oracle: no region with DIMMs and an interleave set")
    ALL_GROUPS[:] = groups
    tmp = "/tmp/oracle-area.bin"
    sh("mount", "-t", "debugfs", "none", "/sys/kernel/debug")
    for fn in ("create_namespace_pmem", "has_uuid_at_pos", "select_pmem_id", "slot_valid",
               "__nd_label_validate", "nd_label_data_init", "scan_labels"):
        try:
            with open("/sys/kernel/debug/dynamic_debug/control", "w") as f:
                f.write(f"func {fn} +p\n")
        except OSError:
            pass
    for g in groups:
        learn_cookies(g, tmp)
        print(f"oracle: {g['name']}: DIMMs {' '.join(g['dimms'])}, areas "
              f"{sorted(set(g['cfg'].values()))}, cookies " +
              ", ".join(f"{r['name']} {r['cookies']['1.1']:#x}/{r['cookies']['1.2']:#x}"
                        for r in g["regions"]), flush=True)
    docs = documented()
    last = {}
    counts = {"cases": 0, "agree": 0, "documented": 0, "disagree": 0}
    out = open(a.results, "a") if a.results else None
    kernel_log()
    for n in range(a.first, a.first + a.cases):
        g = groups[n % len(groups)]
        c = generate(a.seed, n, g)
        t = time.time()
        disable(g)
        err = None
        for d in g["dimms"]:
            area, extents = c["areas"][d]
            if last.get(d) is not None:	# the media outside the extents, as last written
                base = bytearray(last[d])
                for lo, hi in extents:
                    base[lo:hi] = area[lo:hi]
                area = base
            err = err or write_area(d, area, extents, last.get(d), tmp)
            last[d] = area if not err else None
        for d in g["dimms"]:	# a DIMM refused last time is not rebound by write-labels
            if not os.path.exists(f"{SYS}/{d}/driver"):
                sh("ndctl", "enable-dimm", d)
        enabled = enable(g)
        kv = kernel_view(g, enabled)
        nv, nerr = ndkit_view(g)
        err = err or nerr
        log = kernel_log()
        diffs = ["tool-error"] if err else compare(kv, nv)
        sig = f"mutations={','.join(c['mutations']) or 'none'} version={c['version']} " \
              f"topology={'nfit' if g['nfit'] else 'qemu'} diff={','.join(diffs) or 'none'}"
        doc = next((x for x in docs if diffs and x["re"].search(sig)), None)
        verdict = "agree" if not diffs else "documented" if doc else "disagree"
        counts["cases"] += 1
        counts[verdict] += 1
        rec = {"case": n, "seed": a.seed, "group": g["name"], "version": c["version"],
               "mutations": c["mutations"], "verdict": verdict, "diffs": diffs,
               "documented": doc["pat"] if doc else None, "kernel": kv,
               "ndkit": nv, "error": err, "log": log[:40], "ms": int((time.time() - t) * 1000)}
        if out:
            out.write(json.dumps(rec) + "\n")
            out.flush()
        if verdict != "agree" or a.verbose:
            print(f"oracle: case {n} ({g['name']}): {verdict}: {sig}", flush=True)
            if verdict == "disagree":
                print(f"  kernel: {json.dumps(kv)}\n  ndkit:  {json.dumps(nv)}\n"
                      f"  log: {log[:12]}", flush=True)
    disable_all = [disable(g) for g in groups]
    del disable_all
    print(f"oracle: {counts['cases']} cases, {counts['agree']} agreements, "
          f"{counts['documented']} documented kernel behaviours, {counts['disagree']} "
          f"disagreements ({time.time() - t0:.0f} s)", flush=True)
    print("ORACLE " + json.dumps(counts), flush=True)
    return 1 if counts["disagree"] or not counts["cases"] else 0


def fake_groups():
    """The guest's topology as the generator sees it, for gen and check on the host."""
    q = [{"name": f"region{i}", "bus": "ACPI.NFIT", "dimm_size": s,
          "mappings": [{"dimm": f"nmem{i}", "dpa": 0, "size": s, "position": 0}],
          "cookies": {"1.1": 0x2468ac00123456 + i, "1.2": 0xba90120012b4dc + i}}
         for i, s in ((0, 1022 * MiB), (1, 896 * MiB))]
    nf = [{"name": "region2", "bus": "nfit_test.0", "dimm_size": 16 * MiB, "cookies":
           {"1.1": 0x3fe000000fe, "1.2": 0x40e62f0cc00f58ac}, "mappings":
           [{"dimm": f"nmem{2 + k}", "dpa": 0, "size": 16 * MiB, "position": k}
            for k in range(2)]},
          {"name": "region3", "bus": "nfit_test.0", "dimm_size": 16 * MiB, "cookies":
           {"1.1": 0xc0ffadb0100fefb, "1.2": 0xa76c6907811fae57}, "mappings":
           [{"dimm": f"nmem{2 + k}", "dpa": 16 * MiB, "size": 16 * MiB, "position": k}
            for k in range(4)]}]
    gs = [{"name": "region0", "dimms": ["nmem0"], "regions": [q[0]], "cfg": {"nmem0": 128 << 10}},
          {"name": "region1", "dimms": ["nmem1"], "regions": [q[1]], "cfg": {"nmem1": 200 << 10}},
          {"name": "region2+region3", "dimms": [f"nmem{k}" for k in range(2, 6)], "regions": nf,
           "cfg": {f"nmem{k}": 128 << 10 for k in range(2, 6)}}]
    ALL_GROUPS[:] = gs
    return gs


def cmd_gen(a):
    gs = fake_groups()
    for n in range(a.first, a.first + a.cases):
        c = generate(a.seed, n, gs[n % len(gs)])
        print(n, gs[n % len(gs)]["name"], c["version"], ",".join(c["mutations"]) or "none",
              " ".join(f"{d}:{k}" for d, k in c["expected_labels"].items()))
    return 0


def cmd_check(a):
    docs = documented()
    muts = "|".join(MUTATIONS)
    for d in docs:
        for word in re.findall(r"(?:index|label|slot)-[a-z-]+", d["pat"]):
            if not re.fullmatch(f"(?:{muts})", word) and not any(m.startswith(word) for m in MUTATIONS):
                sys.exit(f"documented.txt: {d['pat']}: unknown mutation {word}")
        for word in re.findall(r"diff=[^ ]*?([a-z]+-[a-z]+)", d["pat"]):
            if word not in DIFFS:
                sys.exit(f"documented.txt: {d['pat']}: unknown difference {word}")
    gs = fake_groups()
    seen = set()
    for n in range(600):	# every mutation is drawn, and generation is deterministic
        c = generate(7, n, gs[n % len(gs)])
        seen |= set(c["mutations"])
        assert c["areas"] == generate(7, n, gs[n % len(gs)])["areas"]
    missing = set(MUTATIONS) - seen
    if missing:
        sys.exit(f"oracle: mutations never applied in 600 cases: {sorted(missing)}")
    print(f"oracle tables: {len(MUTATIONS)} mutations, {len(docs)} documented behaviours: ok")
    return 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    for name in ("run", "gen"):
        p = sub.add_parser(name)
        p.add_argument("--cases", type=int, default=40)
        p.add_argument("--seed", type=int, default=24)
        p.add_argument("--first", type=int, default=0)
        if name == "run":
            p.add_argument("--results")
            p.add_argument("--groups", help="regex on the group name (+ ' nfit'/' qemu')")
            p.add_argument("-v", "--verbose", action="store_true")
    sub.add_parser("check")
    a = ap.parse_args()
    return {"run": cmd_run, "gen": cmd_gen, "check": cmd_check}[a.cmd](a)


if __name__ == "__main__":
    sys.exit(main())

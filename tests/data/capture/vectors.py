#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Label-area vectors from a capture run (see ../README.md).

extract RUNDIR OUT   decode the @@CAPTURE blobs of RUNDIR/console-boot*.log into OUT/labels and
                     OUT/infoblocks, and write each area's *.expected.json from the oracles:
                     upstream's read-labels and check-labels of the area, and the namespaces
                     the kernel assembled from it at the next boot. ndkit's decoder is not used.
compare A B          the active state of every vector in A equals B's, uuids aside.
"""

import base64
import glob
import gzip
import hashlib
import json
import os
import re
import sys

UPDATING = 0x8


class CaptureError(Exception):
    pass


def read_blobs(rundir):
    blobs = {}
    logs = sorted(glob.glob(os.path.join(rundir, "console-boot*.log")),
                  key=lambda p: int(re.search(r"(\d+)\.log$", p).group(1)))
    if not logs:
        raise CaptureError(f"no console logs in {rundir}")
    for log in logs:
        name, digest, lines = None, None, []
        for line in open(log, errors="replace"):
            line = line.rstrip("\r\n")
            m = re.match(r"@@CAPTURE (BEGIN|END) (\S+)(?: (\S+))?$", line)
            if m and m.group(1) == "BEGIN":
                name, digest, lines = m.group(2), m.group(3), []
            elif m and name:
                data = gzip.decompress(base64.b64decode("".join(lines)))
                if hashlib.sha256(data).hexdigest() != digest:
                    raise CaptureError(f"{name}: the console garbled the blob (sha256 differs)")
                blobs[name] = data
                name = None
            elif name:
                lines.append(line.strip())
    return blobs


def unwrap(doc):
    """upstream prints one DIMM's dump as an object on a terminal, in an array when piped."""
    return doc[0] if isinstance(doc, list) else doc


def std_guid(raw):
    """upstream prints GUIDs in raw byte order; the expected files hold the standard text."""
    h = raw.replace("-", "")
    b = bytes.fromhex(h)
    s = (b[3::-1] + b[5:3:-1] + b[7:5:-1] + b[8:]).hex()
    return f"{s[:8]}-{s[8:12]}-{s[12:16]}-{s[16:20]}-{s[20:]}"


def best_seq(a, b):
    """The kernel's choice between two valid index blocks: seq runs 1 -> 2 -> 3 -> 1."""
    if a == b:
        return b
    return b if (a % 3) + 1 == b else a


def kernel_view(text):
    """capture-guest.sh's sysfs dump: the region line, then one line per namespace."""
    region, spaces = None, []
    for line in text.splitlines():
        word, _, rest = line.partition(" ")
        fields = dict(re.findall(r"(\w+)=(\S*)", rest.split(" name=")[0]))
        if word == "region":
            dimm, off, _length, _pos = fields["mapping0"].split(",")
            region = {"resource": int(fields["resource"], 0), "dimm": dimm, "offset": int(off)}
        elif word == "namespace":
            fields["name"] = rest.split(" name=", 1)[1] if " name=" in rest else ""
            spaces.append(fields)
    return region, spaces


def active_labels(up, region, spaces, name):
    labels = []
    for ns in spaces:
        if ns["uuid"] in ("-", ""):
            raise CaptureError(f"{name}: the kernel assembled a label-less namespace from a "
                               "labelled area")
        dpa = region["offset"] + int(ns["resource"], 0) - region["resource"]
        found = [lab for lab in up.get("label", [])
                 if lab["uuid"] == ns["uuid"] and lab["dpa"] == dpa and
                 lab["rawsize"] == int(ns["size"]) and not lab["flags"] & UPDATING and
                 lab["name"] == (ns["name"] if ns["name"] != "-" else "")]
        if len(found) != 1:
            raise CaptureError(f"{name}: {len(found)} slots match the kernel's namespace "
                               f"{ns['uuid']} at dpa {dpa:#x}: cannot tell the active one")
        lab = dict(found[0])
        for key in ("type_guid", "abstraction_guid"):
            if key in lab:
                lab[key] = std_guid(lab[key])
        labels.append(lab)
    keys = ("slot", "uuid", "name", "flags", "nlabel", "position", "isetcookie", "lbasize",
            "dpa", "rawsize", "type_guid", "abstraction_guid")
    return [{k: lab[k] for k in keys if k in lab} for lab in sorted(labels, key=lambda x: x["slot"])]


def raw_index(area):
    """The index fields upstream prints, read at their fixed offsets (docs/labels.md §1): the
    cross-check of upstream's dump, and the only reading where upstream's read-labels fails (it
    does on a v1.2 index written over stale v1.1 slots). Block 1 is where block 0 says it is."""
    blocks = []
    for off in (0, int.from_bytes(area[40:48], "little")):
        b = area[off:off + 72]
        major, minor = (int.from_bytes(b[i:i + 2], "little") for i in (60, 62))
        blocks.append({
            "signature": b[:16].split(b"\0")[0].decode(errors="replace"),
            "major": major, "minor": minor,
            "labelsize": 128 << b[19] if major * 100 + minor >= 102 else 128,
            "seq": int.from_bytes(b[20:24], "little") & 3,
            "nslot": int.from_bytes(b[56:60], "little"),
        })
    return blocks


def index_blocks(name, blobs):
    raw = raw_index(blobs[name + ".lsa"])
    if int(blobs[name + ".upstream-read-labels.json.rc"]) != 0:
        return raw, {}
    up = unwrap(json.loads(blobs[name + ".upstream-read-labels.json"]))
    if len(up["index"]) != 2:
        raise CaptureError(f"{name}: upstream printed {len(up['index'])} index blocks")
    for i, (u, r) in enumerate(zip(up["index"], raw)):
        if any(u[k] != r[k] for k in r):
            raise CaptureError(f"{name}: index {i}: upstream printed {u}, the bytes say {r}")
    return up["index"], up


def expected(name, blobs):
    """The active state, from what the oracles said."""
    if int(blobs[name + ".upstream-check-labels.rc"]) != 0:
        region, spaces = kernel_view(blobs[name + ".kernel-namespaces"].decode())
        if any(ns["uuid"] not in ("-", "") for ns in spaces):
            raise CaptureError(f"{name}: check-labels fails but the kernel found labels")
        return {"valid": False}
    index, up = index_blocks(name, blobs)
    seq = [i["seq"] for i in index]
    valid = [i for i, blk in enumerate(index) if blk["signature"] == "NAMESPACE_INDEX"]
    current = valid[0] if len(valid) == 1 else seq.index(best_seq(seq[0], seq[1]))
    region, spaces = kernel_view(blobs[name + ".kernel-namespaces"].decode())
    return {
        "valid": True,
        "version": f"{index[0]['major']}.{index[0]['minor']}",
        "labelsize": index[0]["labelsize"],
        "nslot": index[0]["nslot"],
        "current_index": current,
        "valid_indexes": valid,
        "seq": seq,
        "labels": active_labels(up, region, spaces, name),
    }


def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)


def extract(rundir, out):
    blobs = read_blobs(rundir)
    areas = sorted(n[:-4] for n in blobs if n.endswith(".lsa"))
    for name in areas:
        if name + ".kernel-namespaces" not in blobs:
            raise CaptureError(f"{name}: no boot after it showed what the kernel assembled")
        labels = os.path.join(out, "labels")
        write(os.path.join(labels, name + ".lsa.gz"),
              gzip.compress(blobs[name + ".lsa"], compresslevel=9, mtime=0))
        if int(blobs[name + ".upstream-read-labels.json.rc"]) == 0:
            write(os.path.join(labels, name + ".upstream-read-labels.json"),
                  blobs[name + ".upstream-read-labels.json"])
        write(os.path.join(labels, name + ".upstream-list.json"),
              blobs[name + ".upstream-list.json"])
        write(os.path.join(labels, name + ".kernel-namespaces"), blobs[name + ".kernel-namespaces"])
        text = json.dumps(expected(name, blobs), indent=1) + "\n"
        write(os.path.join(labels, name + ".expected.json"), text.encode())
        print(f"{name}: {len(blobs[name + '.lsa'])} bytes")
    for name in sorted(n[:-3] for n in blobs if n.endswith(".ib")):
        ib = os.path.join(out, "infoblocks")
        write(os.path.join(ib, name + ".ib.gz"), gzip.compress(blobs[name + ".ib"], 9, mtime=0))
        write(os.path.join(ib, name + ".upstream-read-infoblock.json"),
              blobs[name + ".upstream-read-infoblock.json"])
        print(f"{name}: {len(blobs[name + '.ib'])} bytes")


def masked(doc):
    """uuids replaced by their order of first appearance."""
    seen = {}

    def walk(v):
        if isinstance(v, dict):
            return {k: (seen.setdefault(x, f"uuid{len(seen)}") if k == "uuid" else walk(x))
                    for k, x in v.items()}
        if isinstance(v, list):
            return [walk(x) for x in v]
        return v
    return walk(doc)


def compare(a, b):
    names = sorted(os.path.basename(p) for p in glob.glob(os.path.join(a, "labels", "*.expected.json")))
    if not names:
        raise CaptureError(f"no vectors in {a}/labels")
    bad = 0
    for n in names:
        pb = os.path.join(b, "labels", n)
        if not os.path.exists(pb):
            print(f"MISSING {n} in {b}")
            bad += 1
            continue
        ja, jb = (masked(json.load(open(p))) for p in (os.path.join(a, "labels", n), pb))
        same = ja == jb
        raw = n.replace(".expected.json", ".lsa.gz")
        identical = (gzip.open(os.path.join(a, "labels", raw)).read() ==
                     gzip.open(os.path.join(b, "labels", raw)).read())
        print(f"{'same' if same else 'DIFFERS'} {n}" + (", area byte-identical" if identical else ""))
        bad += not same
    print(f"{len(names) - bad} of {len(names)} vectors reproduced")
    return 1 if bad else 0


def main():
    try:
        if sys.argv[1:2] == ["extract"] and len(sys.argv) == 4:
            extract(sys.argv[2], sys.argv[3])
            return 0
        if sys.argv[1:2] == ["compare"] and len(sys.argv) == 4:
            return compare(sys.argv[2], sys.argv[3])
    except CaptureError as e:
        print(f"vectors: {e}", file=sys.stderr)
        return 1
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())

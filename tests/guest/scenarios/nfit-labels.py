#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""The label commands on nfit_test's DIMMs (128 KiB label areas, two buses), ndkit against
upstream from the same label areas: each case puts every DIMM's area back to a start state
(written by upstream), runs one command through upstream, then the same through ndkit, and
compares the exit status, stdout, stderr's summary lines and every DIMM's area afterwards.

  nfit-labels.py [--sample]   run the cases (--sample: the guest suite's share); exit 1 on a
                              difference, or when a case compared nothing

read-labels -j is compared as docs/differences.md says it differs: ndkit lists the labels the
current index marks in use, upstream every slot whose slot field matches its position, so
upstream's list is cut to the slots in use (decoded here from the bytes both dump alike) and
its v1.2 GUIDs are turned to text order; everything else must be the same, but for the
differences DOCUMENTED names (docs/differences.md, "Label commands"), which are counted apart.
"""
import hashlib
import json
import os
import re
import subprocess
import sys
import time

U = "upstream-ndctl"
SUMMARY = re.compile(r"^(read|wrote|zeroed|initialized|successfully verified) [0-9]+ |"
                     r"^failed to |^error ")
TMP = "/tmp/nfit-labels"


def sh(cmd, check=False):
    p = subprocess.run(["sh", "-c", cmd], capture_output=True, timeout=300,
                       stdin=subprocess.DEVNULL)
    if check and p.returncode:
        sys.exit(f"set-up failed: {cmd}: exit {p.returncode}\n{p.stdout.decode()}"
                 f"{p.stderr.decode()}")
    return p.returncode, p.stdout, p.stderr.decode("utf-8", "replace")


def bus_dimms():
    """{bus provider: [nmem...]} from upstream's list, nfit_test's buses only."""
    out = {}
    for bus in json.loads(sh(f"{U} list -BD", True)[1] or b"[]"):
        if bus.get("provider", "").startswith("nfit_test."):
            out[bus["provider"]] = sorted((d["dev"] for d in bus.get("dimms", [])),
                                          key=lambda n: int(n[4:]))
    return out


BUSES = bus_dimms()
DIMMS = [d for b in sorted(BUSES) for d in BUSES[b]]


def areas():
    """Every DIMM's whole label area as upstream reads it."""
    out = {}
    for d in DIMMS:
        path = f"{TMP}/area-{d}"
        rc = sh(f"{U} read-labels -o {path} {d} > /dev/null 2>&1")[0]
        out[d] = open(path, "rb").read() if rc == 0 else None
    return out


def put(state, now=None):
    """Write STATE's areas back (upstream's write-labels), only where they differ from NOW."""
    for d in DIMMS:
        want = state[d]
        if want is None or (now is not None and now.get(d) == want):
            continue
        path = f"{TMP}/put-{d}"
        open(path, "wb").write(want)
        sh(f"{U} write-labels -i {path} {d}", True)


def u(b, off, n):
    return int.from_bytes(b[off:off + n], "little")


def in_use(area):
    """Slots the current index block marks in use (docs/labels.md), or None: no index."""
    if not area or area[:16] != b"NAMESPACE_INDEX\0":
        return None
    isz = u(area, 32, 8)
    idx = []
    for i in (0, 1):
        b = area[i * isz:(i + 1) * isz]
        idx.append((u(b, 20, 4) & 3 if b[:16] == b"NAMESPACE_INDEX\0" else 0, b))
    a, b = idx[0][0], idx[1][0]
    blk = idx[1 if a == 0 or a == b or b == a % 3 + 1 else 0][1]
    return {s for s in range(u(blk, 56, 4)) if not blk[72 + s // 8] >> (s % 8) & 1}


def guid(text):
    p = text.split("-")
    rev = lambda s: "".join(reversed([s[i:i + 2] for i in range(0, len(s), 2)]))
    return "-".join([rev(p[0]), rev(p[1]), rev(p[2]), p[3], p[4]])


def norm_json(out, tool, before):
    """read-labels -j's output, upstream's cut to the slots in use (see the docstring)."""
    try:
        doc = json.loads(out or b"null")
    except ValueError:
        return out.decode("utf-8", "replace")
    if tool == "ndkit" or doc is None:
        return json.dumps(doc, sort_keys=True, indent=1)
    for dimm in doc if isinstance(doc, list) else [doc]:
        used = in_use(before.get(dimm.get("dev")))
        dimm["label"] = [l for l in dimm.get("label", []) if used is not None and l["slot"] in used]
        for l in dimm["label"]:
            for k in ("type_guid", "abstraction_guid"):
                if k in l:
                    l[k] = guid(l[k])
    return json.dumps(doc, sort_keys=True, indent=1)


def digest(b):
    return hashlib.sha1(b).hexdigest()[:12] if b is not None else "unreadable"


def run_tool(tool, cmd, start, enable):
    """From START (regions enabled or not), CMD with TOOL; what to compare."""
    sh(f"{U} disable-region all > /dev/null 2>&1")
    put(start, areas())
    if enable:
        sh(f"{U} enable-region all > /dev/null 2>&1")
    exe = "ndctl" if tool == "ndkit" else U
    for f in ("out.bin", "bus.bin"):
        if os.path.exists(f"{TMP}/{f}"):
            os.unlink(f"{TMP}/{f}")
    t = time.monotonic()
    rc, out, err = sh(cmd.replace("$NDCTL", exe).replace("$T", TMP))
    secs = time.monotonic() - t
    sh(f"{U} disable-region all > /dev/null 2>&1")
    after = areas()
    files = {f: digest(open(f"{TMP}/{f}", "rb").read()) for f in ("out.bin", "bus.bin")
             if os.path.exists(f"{TMP}/{f}")}
    if " -j" in cmd:
        stdout = norm_json(out, tool, start)
    elif "read-labels" in cmd and "-o" not in cmd:
        stdout = f"{len(out)} bytes, {digest(out)}"
    else:
        stdout = out.decode("utf-8", "replace")
    return {"rc": rc, "out": stdout, "files": files,
            "sum": [l for l in err.splitlines() if SUMMARY.search(l)],
            "after": {d: digest(a) for d, a in after.items()}, "err": err, "secs": secs,
            "raw": out}


def build_states():
    """Each start state: every DIMM's area as upstream leaves it (regions disabled after)."""
    st = {}
    sh(f"{U} disable-region all > /dev/null 2>&1")
    st["pattern"] = areas()            # what nfit_test loads: a test pattern, no index
    b0 = " ".join(BUSES.get("nfit_test.0", []))
    sh(f"{U} init-labels -f all", True)
    st["v1.1"] = areas()
    sh(f"{U} enable-region all > /dev/null 2>&1")
    # interleaved labels: nlabel 4 (the 4-DIMM region), 2 (the 2-DIMM one), then a hole
    regions = json.loads(sh(f"{U} list -R -b nfit_test.0", True)[1] or b"[]")
    by_ways = {}
    for r in regions if isinstance(regions, list) else [regions]:
        n = int(open(f"/sys/bus/nd/devices/{r['dev']}/mappings").read())
        by_ways[n] = r["dev"]
    sh(f"{U} create-namespace -r {by_ways[4]} -m fsdax -s 16M -n four-a", True)
    sh(f"{U} create-namespace -r {by_ways[4]} -m raw -s 16M -n four-b", True)
    sh(f"{U} create-namespace -r {by_ways[2]} -m raw -s 16M -n two", True)
    ns = json.loads(sh(f"{U} list -N -r {by_ways[4]}", True)[1])
    sh(f"{U} destroy-namespace -f {[n for n in ns if n.get('name') == 'four-a'][0]['dev']}", True)
    sh(f"{U} disable-region all > /dev/null 2>&1")
    st["v1.1-ns"] = areas()            # stale slots of a destroyed interleaved namespace
    sh(f"{U} init-labels -f -V 1.2 {b0}", True)
    sh(f"{U} enable-region all > /dev/null 2>&1")
    sh(f"{U} create-namespace -r {by_ways[4]} -m devdax -s 32M -n four", True)
    sh(f"{U} create-namespace -r {by_ways[2]} -m sector -s 16M -n two", True)
    sh(f"{U} disable-region all > /dev/null 2>&1")
    st["v1.2-ns"] = areas()
    # a set whose DIMMs disagree: v1.2, v1.1, zeroed, the test pattern
    mixed = dict(st["v1.2-ns"])
    dimms0 = BUSES.get("nfit_test.0", [])
    if len(dimms0) >= 4:
        mixed[dimms0[1]] = st["v1.1"][dimms0[1]]
        mixed[dimms0[2]] = bytes(len(st["v1.1"][dimms0[2]] or b""))
        mixed[dimms0[3]] = st["pattern"][dimms0[3]]
    st["mixed"] = mixed
    return st


# STATE :: ENABLED :: COMMAND ($NDCTL the tool, $T a scratch folder); "*" any state
CASES = """
* :: 0 :: $NDCTL read-labels -j all
* :: 0 :: $NDCTL read-labels -j -b nfit_test.0 all
* :: 0 :: $NDCTL read-labels -o $T/bus.bin -b nfit_test.0 all
* :: 0 :: $NDCTL read-labels -b nfit_test.1 all
* :: 0 :: $NDCTL check-labels all
* :: 0 :: $NDCTL init-labels all
* :: 0 :: $NDCTL init-labels -f -V 1.1 all
* :: 0 :: $NDCTL init-labels -f -V 1.2 -b nfit_test.0 all
* :: 0 :: $NDCTL zero-labels all
v1.2-ns :: 0 :: $NDCTL read-labels -s 4096 -o $T/out.bin nmem1
v1.2-ns :: 0 :: $NDCTL write-labels -i $T/in-v1.2-ns nmem2
mixed :: 0 :: $NDCTL write-labels -i $T/in-v1.2-ns -b nfit_test.0 nmem0
v1.1-ns :: 0 :: $NDCTL check-labels -b nfit_test.0 all
v1.2-ns :: 1 :: $NDCTL init-labels -f all
v1.2-ns :: 1 :: $NDCTL zero-labels all
v1.2-ns :: 1 :: $NDCTL check-labels all
v1.1-ns :: 1 :: $NDCTL read-labels -j -b nfit_test.0 all
v1.1-ns :: 1 :: $NDCTL write-labels -i $T/in-v1.2-ns nmem3
"""

# With the regions enabled, what may differ and why (docs/differences.md, "Label commands")
DOCUMENTED = {
    "write-labels": ({"rc", "sum"}, "a DIMM an enabled region uses is refused (exit 1, 'wrote 0'); "
                     "upstream says 'dimm is active, abort label write', writes nothing and "
                     "counts it written (exit 0)"),
    "zero-labels": ({"rc", "sum", "after"}, "a write to several DIMMs is all or nothing: one in "
                    "use by an enabled region refuses the command; upstream writes the idle ones "
                    "(nfit_test.1's nmem5, in no region)"),
    "init-labels": ({"rc", "sum", "after"}, "as zero-labels"),
}

# the guest suite's share (STATE, ENABLED, COMMAND): each command once, a spread of states
SAMPLE = {("pattern", False, "$NDCTL read-labels -j all"),
          ("v1.2-ns", False, "$NDCTL read-labels -j all"),
          ("v1.1-ns", False, "$NDCTL read-labels -o $T/bus.bin -b nfit_test.0 all"),
          ("mixed", False, "$NDCTL check-labels all"),
          ("pattern", False, "$NDCTL init-labels all"),
          ("mixed", False, "$NDCTL init-labels -f -V 1.2 -b nfit_test.0 all"),
          ("v1.2-ns", False, "$NDCTL init-labels -f -V 1.1 all"),
          ("v1.1-ns", False, "$NDCTL zero-labels all"),
          ("mixed", False, "$NDCTL write-labels -i $T/in-v1.2-ns -b nfit_test.0 nmem0"),
          ("v1.2-ns", True, "$NDCTL zero-labels all")}


def main():
    sample = "--sample" in sys.argv
    os.makedirs(TMP, exist_ok=True)
    if len(BUSES) < 2:
        sys.exit(f"want nfit_test's two buses, found {sorted(BUSES)}")
    states = build_states()
    first0 = BUSES["nfit_test.0"][0]
    open(f"{TMP}/in-v1.2-ns", "wb").write(states["v1.2-ns"][first0])
    for name, st in states.items():
        print(f"state {name}: " + ", ".join(f"{d} {digest(a)} ({len(in_use(a)) if in_use(a) is not None else 'no index'}"
                                            f"{'' if in_use(a) is None else ' in use'})"
                                            for d, a in st.items()))
    todo = []
    for line in CASES.strip().splitlines():
        sel, enable, cmd = [x.strip() for x in line.split(" :: ")]
        for name in states if sel == "*" else [sel]:
            if not sample or (name, enable == "1", cmd) in SAMPLE:
                todo.append((name, enable == "1", cmd))
    totals = {"cases": 0, "same": 0, "documented": 0, "differ": 0, "empty": 0}
    t0 = time.monotonic()
    for name, enable, cmd in todo:
        cid = f"{name}{' (enabled)' if enable else ''}: {cmd.replace('$NDCTL ', '')}"
        up = run_tool("upstream", cmd, states[name], enable)
        nd = run_tool("ndkit", cmd, states[name], enable)
        totals["cases"] += 1
        differ = [k for k in ("rc", "out", "files", "sum", "after") if up[k] != nd[k]]
        # a comparison of nothing proves nothing: some output, summary, file or status
        if not up["raw"] and not up["sum"] and not up["files"] and up["rc"] == 0:
            totals["empty"] += 1
            print(f"EMPTY {cid}: upstream printed and wrote nothing")
        verb = cmd.split()[1]
        allowed, why = DOCUMENTED.get(verb, (set(), "")) if enable else (set(), "")
        if differ and set(differ) <= allowed:
            totals["documented"] += 1
            print(f"ok {cid}: {','.join(differ)} differ, documented: {why}")
        elif differ:
            totals["differ"] += 1
            print(f"DIFF {cid}: {','.join(differ)}")
            for k in differ:
                print(f"  {k}: upstream {str(up[k])[:600]}\n  {k}: ndkit    {str(nd[k])[:600]}")
            print(f"  ndkit said: {nd['err'][:4000]}\n  upstream said: {up['err'][:4000]}")
        else:
            totals["same"] += 1
            print(f"ok {cid}: exit {nd['rc']}, {' '.join(nd['sum']) or 'no summary'} "
                  f"(upstream {up['secs']:.1f} s, ndkit {nd['secs']:.1f} s)")
        sys.stdout.flush()
    print(f"nfit label commands: {totals['cases']} cases, {totals['same']} the same, "
          f"{totals['documented']} documented differences, {totals['differ']} differ, "
          f"{totals['empty']} compared nothing; "
          f"{time.monotonic() - t0:.0f} s")
    return 0 if totals["cases"] and not totals["differ"] and not totals["empty"] else 1


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""The label commands through the CLI, on files built from tests/data (the captured vectors).

usage: test-labelcmd.py NDCTL   (env NDKIT_TESTDATA points at testdata)

Every vector is read raw and embedded at the end of a larger (sparse) backend
file and compared field by field with its *.expected.json and with upstream's
read-labels dump (stale slots dropped, GUIDs converted from on-media order)
and with that dump's key order (every object's keys as upstream prints them);
then init/zero/write/check round trips and every bad input, each asserting
the file is unchanged.
"""
import glob
import gzip
import hashlib
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.realpath(__file__)))
from checks import check, summary  # noqa: E402
import uuid

NDCTL = sys.argv[1]
DATA = os.path.join(os.environ.get("NDKIT_TESTDATA", os.path.join(os.path.dirname(
    os.path.realpath(__file__)), "..", "..", "data")), "labels")
TMP = tempfile.mkdtemp(prefix="labelcmd-")
BACKEND_PAD = 64 << 20

LABEL_KEYS = ["uuid", "name", "slot", "position", "nlabel", "flags", "isetcookie",
              "lbasize", "dpa", "rawsize"]
GUID_KEYS = ["type_guid", "abstraction_guid"]
INDEX_KEYS = ["signature", "major", "minor", "labelsize", "seq", "nslot"]
KEYS_COMPARED = [0]  # keys whose position check_key_order compared with upstream's dumps



def ndctl(*args, stdin=None):
    p = subprocess.run([NDCTL, *args], capture_output=True, stdin=stdin)
    return p.returncode, p.stdout, p.stderr.decode()


def read_json(*args):
    """read-labels -j of one area: piped, upstream prints an array of one."""
    rc, out, err = ndctl("read-labels", "-j", *args)
    check(rc == 0, f"read-labels -j {args}: rc {rc}: {err}")
    got = json.loads(out) if rc == 0 else None
    check(isinstance(got, list) and len(got) == 1, f"read-labels -j {args}: not an array of one")
    return got[0] if got else None


def media_guid_text(text):
    """upstream prints guid_t bytes as if they were a uuid: swap the first three fields."""
    return str(uuid.UUID(bytes_le=uuid.UUID(text).bytes))


def sha(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def write(path, data, pad=0):
    with open(path, "wb") as f:
        if pad:
            f.truncate(pad)
            f.seek(pad)
        f.write(data)
    return path


def tail(path, n):
    with open(path, "rb") as f:
        f.seek(-n, os.SEEK_END)
        return f.read()


def compare_expected(name, got, exp):
    if not exp["valid"]:
        check(got["label"] == [], f"{name}: labels in an invalid area")
        return
    idx = got["index"]
    for i, seq in zip(exp["valid_indexes"], exp["seq"]):
        check(idx[i]["seq"] & 3 == seq, f"{name}: index {i} seq")
        check(idx[i]["nslot"] == exp["nslot"], f"{name}: index {i} nslot")
        check(idx[i]["labelsize"] == exp["labelsize"], f"{name}: index {i} labelsize")
        check(f'{idx[i]["major"]}.{idx[i]["minor"]}' == exp["version"], f"{name}: index {i} version")
    check([l["slot"] for l in got["label"]] == [l["slot"] for l in exp["labels"]], f"{name}: active slots")
    for g, e in zip(got["label"], exp["labels"]):
        for k in LABEL_KEYS + (GUID_KEYS if exp["labelsize"] == 256 else []):
            check(g.get(k) == e.get(k), f"{name}: slot {e['slot']} {k}: {g.get(k)!r} != {e.get(k)!r}")
        if exp["labelsize"] == 128:
            check(not any(k in g for k in GUID_KEYS), f"{name}: GUIDs in a v1.1 label")


def upstream_label_same(name, g, u):
    for k in LABEL_KEYS:
        check(g[k] == u[k], f"{name}: upstream slot {u['slot']} {k}: {g[k]!r} != {u[k]!r}")
    for k in GUID_KEYS:
        if k in u:
            check(g.get(k) == media_guid_text(u[k]), f"{name}: upstream slot {u['slot']} {k}")


def blank(u):
    return u["uuid"] == str(uuid.UUID(int=0)) and not any(u[k] for k in LABEL_KEYS[1:] if k != "slot")


def compare_upstream(name, got, up, active_slots, all_slots):
    for i in range(2):
        for k in INDEX_KEYS:
            check(got["index"][i][k] == up["index"][i][k], f"{name}: upstream index {i} {k}")
    ups = [u for u in up.get("label", []) if u["slot"] in active_slots]
    check([l["slot"] for l in got["label"]] == [u["slot"] for u in ups], f"{name}: upstream minus stale slots")
    for g, u in zip(got["label"], ups):
        upstream_label_same(name, g, u)
    # --all-slots: upstream's set, minus never-written (blank) slots, stale ones marked inactive
    ups = [u for u in up.get("label", []) if not blank(u)]
    check([l["slot"] for l in all_slots["label"]] == [u["slot"] for u in ups], f"{name}: --all-slots slots")
    for g, u in zip(all_slots["label"], ups):
        upstream_label_same(name, g, u)
        check(g["active"] == (u["slot"] in active_slots), f"{name}: slot {u['slot']} active flag")


def pairs(text):
    """JSON with every object as its (key, value) pairs, in the order printed, duplicates kept."""
    return json.loads(text, object_pairs_hook=list)


def same_key_order(what, mine, theirs):
    """mine prints every key theirs does, in the same order, without repeats; ndkit's own keys
    (as "active") may follow, never come between. Returns how many keys were compared."""
    mk, tk = [k for k, _ in mine], [k for k, _ in theirs]
    check(len(mk) == len(set(mk)), f"{what}: a key printed twice: {mk}")
    check(mk[:len(tk)] == tk, f"{what}: key order {mk}, upstream's {tk}")
    return len(tk)


def check_key_order(name, raw, up_path):
    """
    read-labels -j prints its objects with upstream's keys in upstream's order, checked against
    upstream's own dump of the same area (not a list of ours): scripts and diffs read it so.
    Labels are matched by slot; --all-slots for the stale ones upstream prints too.
    Returns the number of keys compared.
    """
    with open(up_path) as f:
        up = pairs(f.read())
    up = up[0]  # piped, upstream prints an array of one object (a list of pairs here)
    compared = 0
    for extra in ([], ["--all-slots"]):
        rc, out, err = ndctl("read-labels", "-j", *extra, raw)
        if not check(rc == 0, f"{name}: read-labels -j {extra}: {err}"):
            continue
        got = pairs(out)
        check(isinstance(got, list) and len(got) == 1, f"{name}: read-labels -j {extra}: not an array of one")
        got = got[0]
        compared += same_key_order(f"{name} {extra}: the object", got, up)
        g, u = dict(got), dict(up)
        check(len(g["index"]) == len(u["index"]), f"{name}: {len(g['index'])} index blocks, upstream {len(u['index'])}")
        for i, (gi, ui) in enumerate(zip(g["index"], u["index"])):
            compared += same_key_order(f"{name} {extra}: index {i}", gi, ui)
        by_slot = {dict(lab)["slot"]: lab for lab in u.get("label", [])}
        for lab in g.get("label", []):
            slot = dict(lab)["slot"]
            if check(slot in by_slot, f"{name} {extra}: slot {slot} is not in upstream's dump"):
                compared += same_key_order(f"{name} {extra}: label in slot {slot}", lab, by_slot[slot])
    return compared


def check_raw_dump(name, path, area, extra=()):
    out = os.path.join(TMP, "dump.bin")
    rc, _, err = ndctl("read-labels", *extra, "-o", out, path)
    check(rc == 0 and open(out, "rb").read() == area, f"{name}: -o dump of {path}: {err}")
    rc, _, _ = ndctl("read-labels", *extra, "-s", "4096", "-O", "512", "-o", out, path)
    check(rc == 0 and open(out, "rb").read() == area[512:4608], f"{name}: -s/-O dump")


def check_vector(lsa_gz):
    name = os.path.basename(lsa_gz)[:-len(".lsa.gz")]
    area = gzip.open(lsa_gz).read()
    exp = json.load(open(os.path.join(DATA, name + ".expected.json")))
    raw = write(os.path.join(TMP, name + ".lsa"), area)
    big = write(os.path.join(TMP, name + ".img"), area, BACKEND_PAD)
    got = read_json(raw)
    check(got["dev"] == raw, f"{name}: dev is the path")
    compare_expected(name, got, exp)
    if exp["valid"]:
        compare_expected(name + " (embedded)", read_json(big), exp)
    else:
        rc, _, err = ndctl("read-labels", "-j", big)
        check(rc != 0 and "label size" in err and len(err.splitlines()) <= 2, f"{name}: index-less backend needs the size")
    emb = read_json("--label-size", str(len(area)), big)
    compare_expected(name + " (--label-size)", emb, exp)
    up_path = os.path.join(DATA, name + ".upstream-read-labels.json")
    if os.path.exists(up_path) and exp["valid"]:
        up = json.load(open(up_path))
        up = up[0] if isinstance(up, list) else up  # upstream's piped form is an array
        active = {l["slot"] for l in exp.get("labels", [])}
        compare_upstream(name, got, up, active, read_json("--all-slots", raw))
    if os.path.exists(up_path):
        KEYS_COMPARED[0] += check_key_order(name, raw, up_path)
    check_raw_dump(name, raw, area)
    check_raw_dump(name + " (embedded)", big, area, ("--label-size", str(len(area))))
    check_ok("check-labels", raw, ok=exp["valid"])
    return name, area, exp


def check_ok(cmd, *args, ok=True):
    rc, _, err = ndctl(cmd, *args)
    check((rc == 0) == ok, f"{cmd} {args}: rc {rc} (want {'0' if ok else 'non-zero'}): {err}")
    return err


def usage_refused(what, files, *args, pattern=None):
    """A usage error: upstream's status 129, the reason, the usage, files unchanged."""
    before = [sha(f) for f in files]
    rc, _, err = ndctl(*args)
    check(rc == 129, f"{what}: exit {rc}, want 129: {err!r}")
    check(pattern is None or pattern in err, f"{what}: {pattern!r} not in {err!r}")
    check(" usage: ndctl " in err, f"{what}: no usage in {err!r}")
    check([sha(f) for f in files] == before, f"{what}: a file changed")


def refused(what, files, *args, stdin=None, pattern=None):
    """A bad input: non-zero exit, a one-line error, every file unchanged."""
    before = [sha(f) for f in files]
    rc, out, err = ndctl(*args, stdin=stdin)
    lines = [l for l in err.splitlines()
             if not l.startswith(("read ", "wrote ", "zeroed ", "initialized ", "successfully verified "))]
    check(rc != 0, f"{what}: exit 0")
    check(len(lines) == 1, f"{what}: want one error line, got {err!r}")
    check(pattern is None or pattern in err, f"{what}: {pattern!r} not in {err!r}")
    check([sha(f) for f in files] == before, f"{what}: a file changed")


def init_round_trips(vectors):
    """init-labels on a zero area decodes like the kernel-initialized vectors."""
    # without -V: upstream's default, 1.1
    for version, name in (("1.1", "nvdimm0-v1.1-after-init"), ("1.2", "nvdimm0-v1.2-after-init"),
                          (None, "nvdimm0-v1.1-after-init")):
        area, exp = vectors[name]
        f = write(os.path.join(TMP, "init.lsa"), bytes(len(area)))
        args = ["-V", version] if version else []
        err = check_ok("init-labels", *args, f)
        check("initialized 1 nmem\n" in err, f"init count: {err!r}")
        compare_expected(f"init -V {version}", read_json(f), exp)
        refused("init without -f", [f], "init-labels", f, pattern="-f")
        check_ok("init-labels", "-f", "-V", "v1.1", f)
        check(read_json(f)["index"][0]["minor"] == 1, "init -f -V v1.1 rewrote the index")
    a, b = (write(os.path.join(TMP, n), bytes(128 << 10)) for n in ("a.lsa", "b.lsa"))
    err = check_ok("init-labels", a, b)
    check("initialized 2 nmems" in err, f"init count of two: {err!r}")
    # backend file: --label-size places the area at the end, the rest is untouched
    img = write(os.path.join(TMP, "init.img"), bytes(2 << 20), 8 << 20)
    head = sha(img)
    check_ok("init-labels", "-V", "1.2", "--label-size", "2M", img)
    got = read_json(img)
    check(got["index"][0]["nslot"] == vectors["nvdimm1-many-v1.2"][1]["nslot"], "2M v1.2 nslot as the kernel")
    with open(img, "rb") as f:
        check(f.read(8 << 20) == bytes(8 << 20), "init wrote outside the label area")
    check(sha(img) != head, "init wrote nothing")


def zero_write_round_trips(vectors):
    area, _ = vectors["nvdimm0-v1.2-after-create"]
    f = write(os.path.join(TMP, "zw.lsa"), area)
    err = check_ok("zero-labels", "-s", "1024", "-O", "256", f)
    check("zeroed 1 nmem" in err, "zero count")
    now = open(f, "rb").read()
    check(now[:256] == area[:256] and now[256:1280] == bytes(1024) and now[1280:] == area[1280:], "zero -s/-O extent")
    check_ok("zero-labels", f)
    check(open(f, "rb").read() == bytes(len(area)), "zero-labels zeroes the area")
    check(not read_json(f)["label"], "no labels after zero")
    check_ok("check-labels", f, ok=False)
    dump = write(os.path.join(TMP, "dump.lsa"), area)
    err = check_ok("write-labels", "-i", dump, f)
    check("wrote 1 nmem" in err and open(f, "rb").read() == area, "write-labels round trip")
    img = write(os.path.join(TMP, "zw.img"), bytes(len(area)), 4 << 20)
    check_ok("write-labels", "--label-size", str(len(area)), "-i", dump, img)
    check(tail(img, len(area)) == area and os.path.getsize(img) == (4 << 20) + len(area), "write into a backend")
    compare_expected("written backend", read_json(img), vectors["nvdimm0-v1.2-after-create"][1])
    with open(dump, "rb") as stdin:
        rc, _, err = ndctl("write-labels", f, stdin=stdin)
    check(rc == 0 and open(f, "rb").read() == area, f"write-labels from stdin: {err}")
    part = write(os.path.join(TMP, "part.bin"), b"\xab" * 100)
    check_ok("write-labels", "-i", part, "-O", "300", f)
    now = open(f, "rb").read()
    check(now[300:400] == b"\xab" * 100 and now[:300] == area[:300] and now[400:] == area[400:], "write -O")
    check_ok("write-labels", "-i", dump, "-s", "64", "-O", "1000", f)
    now = open(f, "rb").read()
    check(now[1000:1064] == area[:64] and now[1064:] == area[1064:], "write -s writes the first SIZE bytes")


def check_round_trips(vectors):
    area, exp = vectors["nvdimm1-many-v1.2"]
    f = write(os.path.join(TMP, "torn.lsa"), area)
    err = check_ok("check-labels", "-v", f)
    check("index-current" in err and "successfully verified 1 nmem" in err, f"check -v: {err!r}")
    # tear the older index block: flip a byte in its bitmap
    older = 1 - exp["current_index"]
    isz = (72 + (exp["nslot"] + 7) // 8 + 255) // 256 * 256
    torn = bytearray(area)
    torn[older * isz + 100] ^= 0xff
    write(f, bytes(torn))
    err = check_ok("check-labels", f)
    check("index-checksum" in err, f"torn index not reported: {err!r}")
    compare_expected("torn area keeps its labels", read_json(f), {**exp, "valid_indexes": [exp["current_index"]],
                                                               "seq": [exp["seq"][exp["valid_indexes"].index(exp["current_index"])]]})
    err = check_ok("check-labels", "--repair", f)
    check("repaired" in err, f"--repair: {err!r}")
    err = check_ok("check-labels", "-v", f)
    check("index-stale" in err and "index-checksum" not in err, f"after repair: {err!r}")
    check([l["slot"] for l in read_json(f)["label"]] == [l["slot"] for l in exp["labels"]], "repair kept labels")
    # both torn: no valid index, an error
    torn[(1 - older) * isz + 100] ^= 0xff
    write(f, bytes(torn))
    err = check_ok("check-labels", f, ok=False)
    check("no-index" in err and "successfully verified 0 nmem label\n" in err, f"no index: {err!r}")
    # an error finding: two v1.1 labels (no label checksum) made to overlap in DPA
    v11, e11 = vectors["nvdimm0-v1.1-after-create"]
    _, b = (2 * 256 + l["slot"] * 128 for l in e11["labels"][:2])
    bad = bytearray(v11)
    bad[b + 104:b + 112] = (e11["labels"][0]["dpa"] + 4096).to_bytes(8, "little")
    overlap = write(os.path.join(TMP, "overlap.lsa"), bytes(bad))
    # as upstream, whose check stops at the index blocks: the area passes, the finding is printed
    err = check_ok("check-labels", overlap)
    check("dpa-overlap" in err and "error" in err and "successfully verified 1 nmem label\n" in err,
          f"overlap not reported beside upstream's verdict: {err!r}")
    err = check_ok("check-labels", "--strict", overlap, ok=False)
    check("dpa-overlap" in err and "successfully verified 0 nmem label\n" in err,
          f"--strict does not fail an error finding: {err!r}")
    good = write(os.path.join(TMP, "good.lsa"), area)
    # as upstream: the exit status fails only when no area passed; the count tells
    err = check_ok("check-labels", good, f)
    check("successfully verified 1 nmem label\n" in err and "no-index" in err, f"one of two verified: {err!r}")


def bad_inputs(vectors):
    area, _ = vectors["nvdimm0-v1.2-after-create"]
    f = write(os.path.join(TMP, "bad.lsa"), area)
    small = write(os.path.join(TMP, "small.lsa"), bytes(700))
    img = write(os.path.join(TMP, "bad.img"), area, 1 << 20)
    files = [f, small, img]
    refused("unknown DIMM", files, "read-labels", "-j", "nmem99", pattern="nmem99")
    refused("unknown DIMM write", files, "init-labels", "nmem99", pattern="no such DIMM")
    usage_refused("not a name", files, "zero-labels", "bogus", pattern="'bogus' is not a valid dimm name")
    usage_refused("a bad name among good ones", files, "zero-labels", f, "bogus", pattern="'bogus'")
    refused("missing file", files, "zero-labels", os.path.join(TMP, "none.img"), pattern="no such file")
    for cmd in (["read-labels", "-j"], ["init-labels"], ["zero-labels"], ["check-labels"],
                ["write-labels", "-i", f]):
        refused(f"{cmd[0]} on a too small file", files, *cmd, small, pattern="two index blocks")
    refused("label size larger than the file", files, "init-labels", "--label-size", "4M", img, pattern="larger than the file")
    usage_refused("label size too small", files, "zero-labels", "--label-size", "512", img, pattern="too small")
    usage_refused("bad label size", files, "zero-labels", "--label-size", "12Q", img, pattern="invalid label size")
    refused("v1.2 in 800 bytes", files + [write(os.path.join(TMP, "s800.lsa"), bytes(800))],
            "init-labels", "-V", "1.2", os.path.join(TMP, "s800.lsa"), pattern="-V 1.1")
    refused("bad version", files, "init-labels", "-V", "1.3", small, pattern="1.3")
    usage_refused("write two", files, "write-labels", "-i", f, f, img, pattern="only supports writing a single dimm")
    refused("input too large", files, "write-labels", "-i", img, f, pattern="larger than")
    refused("extent past the end", files, "zero-labels", "-O", "0x30000", f, pattern="past the end")
    refused("size past the end", files, "zero-labels", "-s", "0x20000", "-O", "1", f, pattern="past the end")
    refused("one bad target writes nothing", files, "zero-labels", f, img, "nmem98", pattern="nmem98")
    refused("one initialized target writes nothing", files + [write(os.path.join(TMP, "z.lsa"), bytes(1 << 17))],
            "init-labels", os.path.join(TMP, "z.lsa"), f, pattern="already initialized")
    usage_refused("unknown option", files, "read-labels", "--bogus", f, pattern="unknown option `bogus'")
    usage_refused("-j with -s", files, "read-labels", "-j", "-s", "4096", f, pattern="incompatible with --json")
    usage_refused("-I with -s", files, "read-labels", "-I", "-s", "4096", f, pattern="pick either --size, or --index")
    usage_refused("no target", files, "zero-labels")
    usage_refused("-b without a value", files, "read-labels", "-j", "-b", pattern="switch `b' requires a value")
    rc, out, err = ndctl("read-labels", "--help")
    check(rc == 0 and b"--all-slots" in out, "read-labels --help")
    rc, out, err = ndctl("init-labels", "--help")
    check(rc == 0 and b"(default: 1.1)" in out, "init-labels --help says upstream's default")


def multi_and_index_only(vectors):
    a = write(os.path.join(TMP, "m0.lsa"), vectors["nvdimm0-v1.1-after-create"][0])
    b = write(os.path.join(TMP, "m1.lsa"), vectors["nvdimm1-many-v1.2"][0])
    rc, out, err = ndctl("read-labels", "-j", a, b)
    got = json.loads(out) if rc == 0 else None
    check(isinstance(got, list) and [g["dev"] for g in got] == [a, b] and "read 2 nmems" in err, "two areas: an array")
    got = read_json("-I", b)
    check("label" not in got and len(got["index"]) == 2, "-I: index only")
    out = os.path.join(TMP, "idx.bin")
    nslot = vectors["nvdimm1-many-v1.2"][1]["nslot"]
    isz = (72 + (nslot + 7) // 8 + 255) // 256 * 256
    check_ok("read-labels", "-I", "-o", out, b)
    check(open(out, "rb").read() == vectors["nvdimm1-many-v1.2"][0][:2 * isz], "-I raw: both index blocks")
    got = read_json("-u", b)
    check(isinstance(got["label"][0]["rawsize"], str) and got["label"][0]["isetcookie"].startswith("0x"), "-u human")
    # -b filters DIMMs only: files are on no bus and stay (DIMM filtering is proven in the guest)
    rc, out, err = ndctl("read-labels", "-j", "-b", "ndbus7", a)
    check(rc == 0 and json.loads(out)[0]["dev"] == a, f"-b keeps a file: {err}")


def run_rss(*args):
    """exit status, stderr and peak RSS (KiB) of one ndctl run"""
    with tempfile.TemporaryFile() as err:
        p = subprocess.Popen([NDCTL, *args], stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(p.pid, 0)
        err.seek(0)
        return os.waitstatus_to_exitcode(status), err.read().decode(), usage.ru_maxrss


def big_sparse_backend():
    """The label area at the end of a 16 GiB sparse backend costs what a 2 MiB area file
    costs: the size search reads index signatures before whole index blocks (taking the
    whole file for one area meant 32 MiB of index blocks read and allocated)."""
    big, area = os.path.join(TMP, "backend-16g.img"), os.path.join(TMP, "area-2m.lsa")
    for path, size in ((big, 16 << 30), (area, 2 << 20)):
        write(path, b"", pad=size)
        check_ok("init-labels", "--label-size=2M", path)
    rc_a, err_a, rss_a = run_rss("check-labels", area)
    rc_b, err_b, rss_b = run_rss("check-labels", big)
    check(rc_a == 0 and rc_b == 0, f"check-labels: {err_a} {err_b}")
    check(rss_b - rss_a < 4096, f"16 GiB backend: peak RSS {rss_b} KiB against {rss_a} KiB for a 2 MiB area file")
    check_ok("read-labels", "-j", big)
    os.unlink(big)


def main():
    vectors = {}
    for gz in sorted(glob.glob(os.path.join(DATA, "*.lsa.gz"))):
        name, area, exp = check_vector(gz)
        vectors[name] = (area, exp)
    check(len(vectors) >= 10, f"only {len(vectors)} vectors found in {DATA}")
    # every vector's index blocks and at least the labels of the after-create states
    check(KEYS_COMPARED[0] >= 1000, f"key order: only {KEYS_COMPARED[0]} keys compared with upstream's dumps")
    print(f"  read-labels -j key order: {KEYS_COMPARED[0]} keys in upstream's order")
    init_round_trips(vectors)
    zero_write_round_trips(vectors)
    check_round_trips(vectors)
    multi_and_index_only(vectors)
    bad_inputs(vectors)
    big_sparse_backend()
    return summary("labelcmd", f" ({len(vectors)} vectors)")


if __name__ == "__main__":
    sys.exit(main())

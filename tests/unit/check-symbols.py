#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""The libraries' exported surface stays explicit and documented.

For libndctl and libdaxctl: the functions defined with NDCTL_EXPORT /
DAXCTL_EXPORT, the names in the .sym version script (no wildcards), and the
dynamic symbols of the built .so must be the same set; each is declared in an
installed header; and each declaration has a comment above it in its block
(a run of non-blank lines) or a trailing one.
usage: check-symbols.py SRCDIR BUILDDIR
"""
import re
import subprocess
import sys
from pathlib import Path

LIBS = {
    "ndctl": ("NDCTL_EXPORT", ["libndctl.h", "lsa.h", "infoblock.h", "topology.h",
                                  "namespace-ops.h", "btt-layout.h"]),
    "daxctl": ("DAXCTL_EXPORT", ["libdaxctl.h"]),
}
PROTO = re.compile(r"^[a-z][^;(#]*?\b((?:nd|dax)ctl_\w+)\(")


# A use of a getter-defining macro (LIB_MEMBER_GETTER, NDCTL_DIMM_FLAG_GETTER): it defines the
# first library name among its arguments.
GETTER = re.compile(r"^[A-Z_]+_GETTER\([^;{]*?\b((?:nd|dax)ctl_\w+)\s*,", re.M)
MACRO_BODY = re.compile(r"^#define[^\n]*\\\n(?:[^\n]*\\\n)*[^\n]*\n", re.M)


def exported(libdir, macro):
    found = set()
    for src in libdir.rglob("*.c"):
        text = MACRO_BODY.sub("", src.read_text())
        for m in re.finditer(macro + r"\s[^;{]*?\b(\w+)\(", text):
            found.add(m.group(1))
        found.update(m.group(1) for m in GETTER.finditer(text))
    return found


def version_script(path, problems):
    names = set()
    for line in path.read_text().splitlines():
        line = re.sub(r"/\*.*?\*/", "", line).strip()
        if not line.endswith(";") or line.startswith("}") or ":" in line:
            continue
        name = line[:-1].strip()
        if name == "*":
            continue
        if "*" in name or "?" in name:
            problems.append(f"{path.name}: wildcard '{name}': list every symbol")
        names.add(name)
    return names


def dynamic(so):
    out = subprocess.run(["nm", "-D", "--defined-only", str(so)], capture_output=True,
                         text=True, check=True).stdout
    return {l.split()[-1].split("@")[0] for l in out.splitlines() if " T " in l}


def declarations(headers, problems):
    names = set()
    for h in headers:
        lines = h.read_text().splitlines()
        commented = False	# a comment opened above, in this block
        for i, line in enumerate(lines):
            if not line.strip():
                commented = False
                continue
            m = PROTO.match(line)
            if not m:
                commented = commented or line.lstrip().startswith("/*")
                continue
            names.add(m.group(1))
            if not (commented or "/*" in line):
                problems.append(f"{h.name}:{i + 1}: {m.group(1)} is undocumented "
                                "(give its block a comment: errors, ownership, lifetime)")
    return names


def main():
    src, build = Path(sys.argv[1]), Path(sys.argv[2])
    problems = []
    for lib, (macro, headers) in LIBS.items():
        libdir = src / "lib" / lib
        defs = exported(libdir, macro)
        listed = version_script(libdir / f"lib{lib}.sym", problems)
        dyn = dynamic(build / "lib" / lib / f"lib{lib}.so")
        decl = declarations([libdir / h for h in headers], problems)
        for what, names in (("not in the version script", defs - listed),
                            ("listed but not defined with " + macro, listed - defs),
                            ("exported by the .so but not listed", dyn - listed),
                            ("listed but not exported by the .so", listed - dyn),
                            ("exported but declared in no installed header", defs - decl),
                            ("declared in an installed header but not exported", decl - defs)):
            for n in sorted(names):
                problems.append(f"lib{lib}: {n}: {what}")
    for p in problems:
        print(p)
    print(f"check-symbols: {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

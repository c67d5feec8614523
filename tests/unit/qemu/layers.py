#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""ndctl-qemu's source keeps its layers: arrows run one way.

Prints the folder -> folder include graph of cmd/ndctl-qemu and fails on an
include that runs up the layers (model -> rules -> commands -> run -> the
top) or from a folder not listed in LAYERS, and on any circle between its
files, counting both includes and calls: a file that calls a function of
another depends on it even when a shared header hides the arrow, which is how
plan.c <-> plan-libvirt.c and the run-* files once went round in circles.
usage: layers.py DIR (cmd/ndctl-qemu); it first checks that it still finds
an upward include and a call circle in small trees of its own.
"""
import re
import sys
import tempfile
from pathlib import Path

# Lowest first; "." is the folder of ndctl-qemu.c, the top.
LAYERS = ["model", "rules", "commands", "run", "."]
INCLUDE = re.compile(r'^#include "([^"]+)"', re.M)
# A definition: not static, its parameter list then a body (a prototype ends in ';').
DEFINITION = re.compile(r"^(?!static\b)[a-z][^;{}()=#]*?\b(\w+)\([^;{]*?\)\s*\{", re.M)
CALL = re.compile(r"\b(\w+)\s*\(")
NOISE = re.compile(r'/\*.*?\*/|//[^\n]*|"(?:\\.|[^"\\])*"|\'(?:\\.|[^\'\\])*\'', re.S)


def sources(root):
    return sorted(p for p in root.rglob("*") if p.suffix in (".c", ".h"))


def unit(root, path):
    """model/qemu-args.c and model/qemu-args.h are one unit: model/qemu-args."""
    return path.relative_to(root).with_suffix("").as_posix()


def folder(root, path):
    return path.parent.relative_to(root).as_posix()


def include_edges(root):
    """(from file, to file) for every include that resolves inside root."""
    for src in sources(root):
        for name in INCLUDE.findall(src.read_text()):
            target = (src.parent / name).resolve()
            if target.is_file() and root.resolve() in target.parents:
                yield src, root / target.relative_to(root.resolve())


def call_edges(root):
    """(caller unit, callee unit) for every call of a function defined in another unit."""
    defined = {}
    code = {src: NOISE.sub("", src.read_text()) for src in sources(root) if src.suffix == ".c"}
    for src, text in code.items():
        for name in DEFINITION.findall(text):
            defined[name] = unit(root, src)
    for src, text in code.items():
        for name in set(CALL.findall(text)):
            if name in defined and defined[name] != unit(root, src):
                yield unit(root, src), defined[name]


def circles(graph):
    """Every set of nodes that reach one another (Tarjan), as sorted lists."""
    index, low, stack, found = {}, {}, [], []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in graph.get(node, ()):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = stack[stack.index(node):]
            del stack[stack.index(node):]
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def check(root):
    """The folder graph ({(from, to): [includes]}) and the problems found."""
    problems, folders, units = [], {}, {}
    for src in sources(root):
        if folder(root, src) not in LAYERS:
            problems.append(f"{src.relative_to(root)}: folder not in LAYERS (layers.py)")
    for src, dst in include_edges(root):
        a, b = folder(root, src), folder(root, dst)
        units.setdefault(unit(root, src), set()).add(unit(root, dst))
        if a == b or a not in LAYERS or b not in LAYERS:
            continue
        folders.setdefault((a, b), []).append(f"{src.relative_to(root)} -> {dst.relative_to(root)}")
        if LAYERS.index(b) > LAYERS.index(a):
            problems.append(f"upward include: {src.relative_to(root)} -> {dst.relative_to(root)}")
    for a, b in call_edges(root):
        units.setdefault(a, set()).add(b)
    for node in units:
        units[node].discard(node)  # a .c including its own .h
    for group in circles(units):
        problems.append("circle among " + ", ".join(group))
    return folders, problems


def self_test():
    """An upward include and a call circle must each be found."""
    cases = {
        "upward include": {"model/a.c": '#include "../run/b.h"\n', "run/b.h": ""},
        "circle": {
            "run/a.c": "void f(void)\n{\n\tg();\n}\n",
            "run/b.c": "void g(void)\n{\n\tf();\n}\n",
        },
        "folder not in LAYERS": {"misc/a.c": ""},
    }
    failed = 0
    for want, files in cases.items():
        with tempfile.TemporaryDirectory() as tmp:
            for name, text in files.items():
                (Path(tmp) / name).parent.mkdir(parents=True, exist_ok=True)
                (Path(tmp) / name).write_text(text)
            problems = check(Path(tmp))[1]
        if not any(want in p for p in problems):
            print(f"FAIL: self-test: '{want}' not found (got {problems})")
            failed += 1
    return failed


def main():
    if self_test():
        sys.exit(1)
    root = Path(sys.argv[1])
    folders, problems = check(root)
    for (a, b), why in sorted(folders.items(), key=lambda e: (-LAYERS.index(e[0][0]), e[0][1])):
        print(f"{a:9} -> {b:9} {len(why):3} includes")
    for p in problems:
        print("FAIL:", p)
    print(f"layers: {len(problems)} problems in {root}")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()

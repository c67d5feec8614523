#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""The API reference of libndctl and libdaxctl, from their public headers.

Every exported function is documented at its prototype in an installed header
with a kernel-doc comment (the form libkmod and the Linux kernel use):

    /**
     * ndctl_namespace_get_size() - the namespace's capacity in bytes
     * @ndns: the namespace
     *
     * Free text: paragraphs, "- " list items, indented lines kept as they are.
     *
     * Return: what comes back, and the errors.
     * Since: LIBNDCTL_1
     */
    unsigned long long ndctl_namespace_get_size(struct ndctl_namespace *ndns);

"Since:" names the version node of the .sym file that lists the symbol.

usage:
  apidoc.py man HEADER INCLUDE_AS PAGE TITLE OUT
      one section 3 page for one header: its overview, each function's
      comment in header order, and the plain comments between them
  apidoc.py aliases MANDIR HEADER:PAGE...
      in MANDIR/man3 (under $DESTDIR), one NAME.3 per documented function,
      a ".so" link to its header's page, so that `man FUNCTION` works
  apidoc.py check SYM... -- HEADER...
      fail unless every symbol of the .sym files has a complete comment in
      one of the headers (tests/unit/check-api-docs.py runs this)
"""
import os
import re
import sys
from pathlib import Path

COMMENT = re.compile(r"/\*(\*?)(.*?)\*/", re.S)
SECTION = re.compile(r"^(Return|Since|Context|Note|Example|Errors):\s*(.*)$")
PARAM = re.compile(r"^@(\w+|\.\.\.):\s*(.*)$")


def comment_lines(body):
    """The text of a /* */ comment, one string per line, ' * ' prefixes gone."""
    out = []
    for line in body.split("\n"):
        line = line.rstrip()
        m = re.match(r"^\s*\*(?: |$|\t)?(.*)$", line)
        out.append(m.group(1) if m else line.strip())
    while out and not out[0].strip():
        out.pop(0)
    while out and not out[-1].strip():
        out.pop()
    return out


def prototype_after(text, pos):
    """The declaration that follows pos up to its ';' (None if not a function)."""
    rest = text[pos:]
    m = re.match(r"\s*([^;{}#/]*?\(.*?\)\s*);", rest, re.S)
    if not m:
        return None
    return " ".join(m.group(1).split())


def split_params(proto):
    """Parameter names of a prototype (function-pointer ones by their name)."""
    inner = proto[proto.index("(") + 1:proto.rindex(")")]
    parts, depth, cur = [], 0, ""
    for ch in inner:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        if ch == "," and depth == 0:
            parts.append(cur)
            cur = ""
        else:
            cur += ch
    parts.append(cur)
    names = []
    for p in (p.strip() for p in parts):
        if not p or p == "void":
            continue
        if p == "...":
            names.append("...")
            continue
        fp = re.search(r"\(\s*\*\s*(\w+)\s*\)", p)
        if fp:
            names.append(fp.group(1))
            continue
        p = re.sub(r"\[[^\]]*\]", "", p)
        names.append(re.findall(r"\w+", p)[-1])
    return names


class FuncDoc:
    def __init__(self, name, summary, params, body, sections, proto, line):
        self.name, self.summary, self.params = name, summary, params
        self.body, self.sections, self.proto, self.line = body, sections, proto, line


def parse_kdoc(lines, proto, line):
    """A kernel-doc comment's parts; None when the first line is not 'name() - ...'."""
    m = re.match(r"^(\w+)\(\)\s+-\s+(.*)$", lines[0]) if lines else None
    if not m:
        return None
    name, summary = m.group(1), [m.group(2)]
    i = 1
    while i < len(lines) and lines[i].strip() and not PARAM.match(lines[i].strip()):
        summary.append(lines[i].strip())
        i += 1
    params = []
    while i < len(lines) and lines[i].strip():
        pm = PARAM.match(lines[i].strip())
        if pm:
            params.append([pm.group(1), pm.group(2)])
        elif params:
            params[-1][1] += " " + lines[i].strip()
        i += 1
    body, sections, cur = [], {}, None
    for l in lines[i:]:
        sm = SECTION.match(l)
        if sm:
            cur = sm.group(1)
            sections[cur] = [sm.group(2)] if sm.group(2) else []
        elif cur:
            sections[cur].append(l)
        else:
            body.append(l)
    return FuncDoc(name, " ".join(summary), params, body, sections, proto, line)


def parse_header(path):
    """(overview lines, items): items are FuncDoc or ('text', lines), in order."""
    text = Path(path).read_text()
    overview, items = None, []
    for m in COMMENT.finditer(text):
        lines = comment_lines(m.group(2))
        if not lines or lines[0].startswith("SPDX-License-Identifier"):
            continue
        line = text.count("\n", 0, m.start()) + 1
        if m.group(1):
            doc = parse_kdoc(lines, prototype_after(text, m.end()), line)
            if doc:
                items.append(doc)
                continue
        # a plain comment standing on its own lines (not a field's trailing one)
        start_of_line = text.rfind("\n", 0, m.start()) + 1
        if text[start_of_line:m.start()].strip():
            continue
        if overview is None and not items:
            overview = lines
        elif len(lines) > 1 or items:
            items.append(("text", lines))
    return overview or [], items


def parse_sym(path):
    """{symbol: version node} of a GNU ld version script."""
    text = re.sub(r"/\*.*?\*/", "", Path(path).read_text(), flags=re.S)
    syms = {}
    for node, body in re.findall(r"(\w+)\s*\{(.*?)\}", text, re.S):
        body = body.split("local:")[0].replace("global:", "")
        for name in re.findall(r"(\w+)\s*;", body):
            syms[name] = node
    return syms


# ---------------------------------------------------------------- roff
def esc(s):
    s = s.replace("\\", "\\e").replace("-", "\\-")
    return s


def inline(s):
    """Escape, then @param in italics and function() in bold."""
    s = esc(s)
    s = re.sub(r"@(\w+)", r"\\fI\1\\fR", s)
    s = re.sub(r"\b((?:nd|dax)ctl_\w+)\(\)", r"\\fB\1\\fR()", s)
    return s


def line_safe(s):
    return "\\&" + s if s[:1] in (".", "'") else s


def paragraphs(lines):
    """roff for free text: paragraphs, '- ' items, indented runs verbatim."""
    out, para, verbatim = [], [], []
    in_item = False	# the paragraph is a "- " list item: indented lines continue it

    def flush_para():
        if para:
            out.append(line_safe(inline(" ".join(para))))
            para.clear()

    def flush_verbatim():
        if verbatim:
            out.extend([".PP", ".RS 4", ".nf"] + [line_safe(esc(v)) for v in verbatim]
                       + [".fi", ".RE"])
            verbatim.clear()

    for l in lines:
        if not l.strip():
            flush_para()
            flush_verbatim()
            in_item = False
            continue
        indented = l.startswith(("\t", "  "))
        if indented and not (in_item and para):
            flush_para()
            verbatim.append(l.replace("\t", "    ").rstrip())
            continue
        flush_verbatim()
        s = l.strip()
        if s.startswith("- "):
            flush_para()
            out.append('.IP \\(bu 2')
            para.append(s[2:])
            in_item = True
            continue
        if not para:
            out.append(".PP")
            in_item = False
        para.append(s)
    flush_para()
    flush_verbatim()
    return out


def man_page(header, include_as, page, title):
    overview, items = parse_header(header)
    funcs = [i for i in items if isinstance(i, FuncDoc)]
    lib = "libdaxctl" if include_as.startswith("daxctl/") else "libndctl"
    out = [f'.TH {page.upper()} 3 "" "ndkit" "{lib} API"',
           ".SH NAME",
           f"{esc(page)} \\- {esc(title)}",
           ".SH SYNOPSIS",
           ".nf",
           f"\\fB#include <{include_as}>\\fR",
           ""]
    for f in funcs:
        out.append(line_safe(esc((f.proto or f.name + "()") + ";")))
    out += [".fi", f".PP\nLink with \\fB\\-l{lib[3:]}\\fR (\\fBpkg\\-config \\-\\-libs {lib}\\fR)."]
    if overview:
        out += [".SH DESCRIPTION"] + paragraphs(overview)
    out.append(".SH FUNCTIONS")
    pending = []
    for item in items:
        if not isinstance(item, FuncDoc):
            pending += paragraphs(item[1])
            continue
        out += pending
        pending = []
        f = item
        out += [".SS " + f"{f.name}()",
                ".PP", ".nf", line_safe("\\fB" + esc(f.proto or "") + "\\fR"), ".fi",
                ".PP", line_safe(inline(f.summary[0].upper() + f.summary[1:]) + ".")]
        for name, desc in f.params:
            out += [".TP", f"\\fI{esc(name)}\\fR", line_safe(inline(desc))]
        out += paragraphs(f.body)
        for sec in ("Return", "Errors", "Note", "Context", "Example"):
            if sec in f.sections:
                text = paragraphs(f.sections[sec])
                if text[:1] == [".PP"]:
                    text = text[1:]
                out += [".PP", f"\\fB{sec}:\\fR"] + text
        if "Since" in f.sections:
            out += [".PP", "\\fBSince:\\fR " + inline(" ".join(f.sections["Since"]))]
    out += pending
    others = ["libndctl", "libndctl-lsa", "libndctl-infoblock", "libndctl-topology",
              "libndctl-namespace-ops", "libdaxctl"]
    out += [".SH SEE ALSO",
            ", ".join(f"\\fB{esc(o)}\\fR(3)" for o in others if o != page)
            + ", \\fBndctl\\fR(1), \\fBdaxctl\\fR(1)"]
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------- check
def check(syms_files, headers):
    syms = {}
    for s in syms_files:
        syms.update(parse_sym(s))
    docs, problems = {}, []
    for h in headers:
        for item in parse_header(h)[1]:
            if not isinstance(item, FuncDoc):
                continue
            where = f"{Path(h).name}:{item.line}"
            if item.name in docs:
                problems.append(f"{where}: {item.name} documented twice")
            docs[item.name] = (item, where)
    done = 0
    for name, node in sorted(syms.items()):
        if name not in docs:
            problems.append(f"{name} ({node}): no kernel-doc comment in a public header")
            continue
        f, where = docs[name]
        bad = []
        if not f.proto or not re.search(r"\b" + name + r"\s*\(", f.proto):
            bad.append("the comment is not followed by its prototype")
        else:
            want = split_params(f.proto)
            have = [p for p, _ in f.params]
            for p in want:
                if p not in have:
                    bad.append(f"@{p} undocumented")
            for p in have:
                if p not in want:
                    bad.append(f"@{p} is not a parameter")
            for p, d in f.params:
                if not d.strip():
                    bad.append(f"@{p} has no description")
            if not re.match(r"^void\s+\w", f.proto) and not f.sections.get("Return"):
                bad.append("no Return: section")
        since = " ".join(f.sections.get("Since", [])).strip()
        if not since.startswith(node):
            bad.append(f"Since: should start with {node} (its .sym node), is '{since}'")
        if not f.summary.strip():
            bad.append("no summary after 'name() -'")
        if bad:
            problems.append(f"{where}: {name}: " + "; ".join(bad))
        else:
            done += 1
    for name, (f, where) in sorted(docs.items()):
        if name not in syms:
            problems.append(f"{where}: {name} is documented but not exported by a .sym file")
    for p in problems:
        print("FAIL:", p)
    print(f"{done} of {len(syms)} exported functions documented")
    return 1 if problems else 0


def aliases(mandir, pairs):
    dest = os.environ.get("DESTDIR", "")
    if not Path(mandir).is_absolute():
        mandir = os.path.join(os.environ.get("MESON_INSTALL_PREFIX", "/"), mandir)
    d = Path(dest + mandir if dest else mandir) / "man3"
    d.mkdir(parents=True, exist_ok=True)
    for pair in pairs:
        header, page = pair.rsplit(":", 1)
        for item in parse_header(header)[1]:
            if isinstance(item, FuncDoc):
                (d / f"{item.name}.3").write_text(f".so man3/{page}.3\n")
    return 0


def main(argv):
    if len(argv) >= 6 and argv[0] == "man":
        header, include_as, page, title, out = argv[1:6]
        Path(out).write_text(man_page(header, include_as, page, title))
        return 0
    if len(argv) >= 2 and argv[0] == "aliases":
        return aliases(argv[1], argv[2:])
    if argv and argv[0] == "check" and "--" in argv:
        k = argv.index("--")
        return check(argv[1:k], argv[k + 1:])
    sys.stderr.write(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Every exported function has its API documentation.

Each symbol of the .sym version scripts needs a kernel-doc comment at its
prototype in a public (installed) header: 'name() - summary', every parameter
as @name, a Return: section unless it returns void, and 'Since:' naming the
version node that lists it. The same parser makes the section 3 pages
(docs/apidoc.py), so what passes here is what `man FUNCTION` shows. The
checker is first shown a few broken headers, each of which it must refuse.
usage: check-api-docs.py SRCDIR SYM... -- HEADER...
"""
import contextlib
import io
import sys
import tempfile
from pathlib import Path

src = Path(sys.argv[1])
sys.path.insert(0, str(src / "docs"))
import apidoc  # noqa: E402

GOOD = """/**
 * lib_get() - a value
 * @obj: an object
 *
 * Return: the value.
 * Since: LIB_1
 */
int lib_get(struct obj *obj);
"""
BROKEN = {
    "no comment": "int lib_get(struct obj *obj);\n",
    "plain comment": "/* a value */\nint lib_get(struct obj *obj);\n",
    "parameter missing": GOOD.replace(" * @obj: an object\n", ""),
    "no Return:": GOOD.replace(" * Return: the value.\n", ""),
    "wrong Since:": GOOD.replace("LIB_1", "LIB_2"),
    "other function's prototype": GOOD.replace("int lib_get(", "int lib_put("),
}


def refused(header_text):
    with tempfile.TemporaryDirectory() as tmp:
        sym, header = Path(tmp) / "lib.sym", Path(tmp) / "lib.h"
        sym.write_text("LIB_1 {\nglobal:\n\tlib_get;\nlocal:\n\t*;\n};\n")
        header.write_text(header_text)
        with contextlib.redirect_stdout(io.StringIO()):
            return apidoc.check([sym], [header]) != 0


def main():
    if refused(GOOD):
        print("FAIL: the checker refuses a well-documented function")
        return 1
    for what, text in BROKEN.items():
        if not refused(text):
            print(f"FAIL: the checker accepts a header with {what}")
            return 1
    k = sys.argv.index("--")
    return apidoc.check(sys.argv[2:k], sys.argv[k + 1:])


sys.exit(main())

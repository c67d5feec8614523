# SPDX-License-Identifier: GPL-2.0-only
"""The check counter the label-command tests share: check() counts and reports, summary()
prints the closing line and gives the exit status."""

import sys

_count = {"checks": 0, "failures": 0}


def check(cond, what):
    _count["checks"] += 1
    if not cond:
        _count["failures"] += 1
        print("FAIL:", what, file=sys.stderr)
    return cond


def summary(name, extra=""):
    print(f"{name}: {_count['checks']} checks, {_count['failures']} failed{extra}")
    return 1 if _count["failures"] else 0

/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef NDKIT_QEMU_RULES_H
#define NDKIT_QEMU_RULES_H
#include "../model/findings.h"
#include "../model/qemu-args.h"

/* Run every rule over a parsed command line and the files it names. */
void qemu_check(const struct qemu_config *cfg, struct findings *f);

#endif

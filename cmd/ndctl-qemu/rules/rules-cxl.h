/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef NDKIT_QEMU_RULES_CXL_H
#define NDKIT_QEMU_RULES_CXL_H
#include "../model/findings.h"
#include "../model/qemu-args.h"

/* The CXL rules (part of qemu_check): q35 with cxl=on and a memory window, two root ports per
 * host bridge, sn= and lsa= on each cxl-type3, file backends with share=on, its region made
 * again at every boot. */
void qemu_check_cxl(const struct qemu_config *cfg, struct findings *f);

#endif

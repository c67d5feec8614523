/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef NDKIT_QEMU_RUN_PRELOAD_H
#define NDKIT_QEMU_RUN_PRELOAD_H
#include "../commands/plan-layout.h"

/* FILE (a label area, or one gzip-compressed: .gz) into the DIMM's label area;
 * 1 with a message if FILE is not exactly label-size bytes, and nothing written. */
int run_preload(const struct plan_dimm *d, const char *file);

#endif

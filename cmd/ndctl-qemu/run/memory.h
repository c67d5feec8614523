/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef NDKIT_QEMU_RUN_MEMORY_H
#define NDKIT_QEMU_RUN_MEMORY_H
#include "session.h"

/* Place the --legacy-pmem regions in guest RAM and raise QEMU's -m (r->plan.ram) to hold them. */
int run_memory_layout(struct run *r);
/* The kernel command-line words for them: "memmap=SIZE!OFFSET ..." ("" without any). */
char *run_memmap_words(const struct run *r);
/* -object memory-backend-ram / -numa node options for --numa (nothing without it). */
int run_numa_args(const struct run *r, struct strv *a);
/* The progress line's account of the memory: legacy pmem and NUMA nodes, or NULL. */
char *run_memory_summary(const struct run *r);

#endif

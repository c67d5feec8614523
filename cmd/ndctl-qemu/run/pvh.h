/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef NDKIT_QEMU_RUN_PVH_H
#define NDKIT_QEMU_RUN_PVH_H
#include "session.h"

/*
 * The uncompressed vmlinux of r->kernel (a bzImage) for a PVH boot, unpacked into the
 * guest cache on first use; NULL: boot r->kernel as it is. The caller frees the path.
 */
char *run_pvh_kernel(const struct run *r);

#endif

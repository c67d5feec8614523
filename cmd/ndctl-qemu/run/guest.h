/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef NDKIT_QEMU_RUN_GUEST_H
#define NDKIT_QEMU_RUN_GUEST_H
#include "session.h"

/* The guest kernel and its modules; the initramfs. */
int run_find_kernel(struct run *r);
int run_write_initramfs(const struct run *r, const char *path);
/* Where the guest kernel is cached unless NDKIT_GUEST_CACHE says otherwise. */
#define RUN_DEFAULT_CACHE "/var/cache/ndkit-guest"
/* The guest cache folder: $NDKIT_GUEST_CACHE or /var/cache/ndkit-guest. */
const char *run_cache_dir(void);

#endif

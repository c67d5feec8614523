/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef NDKIT_QEMU_PROVISION_H
#define NDKIT_QEMU_PROVISION_H
#include <stdint.h>

/* The namespace modes provision can set up (docs/labels.md §3 abstraction GUIDs). */
enum ns_mode { NS_RAW, NS_FSDAX, NS_DEVDAX };

const char *ns_mode_name(enum ns_mode mode);
/* The region a DIMM shows the guest: ALIGN_DOWN(file size - label size, align)
 * (docs/labels.md §6). */
uint64_t backend_region_size(uint64_t file_size, uint64_t label_size, uint64_t align);

#endif

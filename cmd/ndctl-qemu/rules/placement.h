/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef NDKIT_QEMU_PLACEMENT_H
#define NDKIT_QEMU_PLACEMENT_H
#include <stdint.h>
#include "../model/qemu-args.h"

/* Where QEMU puts one memory device in guest physical space. */
struct dimm_place {
	const struct qemu_memdev *dev;
	uint64_t start, size, align;
};

/* The page size QEMU maps the backend in (4K, hugetlbfs page, device-dax align). */
uint64_t qemu_backend_page_size(const struct qemu_backend *b);
/* The alignment QEMU gives the backend's memory region (align= or page size). */
uint64_t qemu_backend_align(const struct qemu_backend *b);
/* What the guest sees of a device: for an nvdimm, size minus labels, aligned down. */
uint64_t qemu_memdev_region_size(const struct qemu_memdev *d);
/* Start of the device-memory area, above RAM that lives over 4 GiB. */
uint64_t qemu_device_memory_base(const struct qemu_config *cfg);
/* Place every device that has a backend, in command-line order; returns how many. */
int qemu_place_memdevs(const struct qemu_config *cfg, struct dimm_place *out);

#endif

/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef NDKIT_QEMU_INFOBLOCK_H
#define NDKIT_QEMU_INFOBLOCK_H
#include <stdbool.h>
#include <stdint.h>

/*
 * The fsdax/devdax info block (the kernel's nd_pfn_sb, docs/labels.md §7):
 * 4096 bytes at namespace offset 4096, with the struct-page map kept on the
 * device (mode PMEM), as `ndctl create-namespace -m fsdax|devdax` makes it.
 */
#define INFO_BLOCK_SIZE 4096
#define INFO_BLOCK_OFFSET 4096

enum info_kind { INFO_NONE, INFO_PFN, INFO_DAX };

struct info_block {
	enum info_kind kind;
	uint8_t uuid[16];		/* the pfn/dax device's own uuid */
	uint8_t parent_uuid[16];	/* the namespace's uuid */
	uint64_t dataoff, npfns;
	uint32_t align, end_trunc;
};

/*
 * Fill @ib for a namespace of @size bytes whose start is aligned to
 * max(align, 2 MiB) in guest physical space (the kernel's nd_pfn_init()
 * arithmetic then reduces to the namespace size alone). Returns false if
 * the page map leaves no data.
 */
bool info_block_layout(struct info_block *ib, uint64_t size);
void info_block_encode(const struct info_block *ib, uint8_t buf[INFO_BLOCK_SIZE]);
/* INFO_NONE unless the signature and checksum are right. */
enum info_kind info_block_decode(const uint8_t buf[INFO_BLOCK_SIZE], struct info_block *ib);

#endif

// SPDX-License-Identifier: LGPL-2.1-or-later
/* The PFN/DAX and BTT info blocks (layout drawn in ndctl/infoblock.h). */
#include <errno.h>
#include <string.h>
#include <ndctl/infoblock.h>
#include <ndctl/lsa.h>
#include "../private.h"
#include "util/size.h"

#define SIG_LEN 16
#define CHECKSUM_OFF 4088
#define PAGE_SZ SZ_4K		/* x86-64, the only guest architecture here */
#define SECTION_SZ SZ_2M	/* the kernel's memory subsection: the least alignment */
#define MAX_STRUCT_PAGE 64	/* the kernel's MAX_STRUCT_PAGE_SIZE */
#define RESERVED_HEAD (2 * SZ_4K)

static const char pfn_sig[SIG_LEN] = "NVDIMM_PFN_INFO";
static const char dax_sig[SIG_LEN] = "NVDIMM_DAX_INFO";
static const char btt_sig[SIG_LEN] = "BTT_ARENA_INFO";

/* Offsets shared by both blocks, then each block's own. */
enum {
	OFF_UUID = 16, OFF_PARENT = 32, OFF_FLAGS = 48, OFF_MAJOR = 52, OFF_MINOR = 54,
	PFN_DATAOFF = 56, PFN_NPFNS = 64, PFN_MODE = 72, PFN_START_PAD = 76,
	PFN_END_TRUNC = 80, PFN_ALIGN = 84, PFN_PAGE_SIZE = 88, PFN_PAGE_STRUCT = 92,
	BTT_EXT_LBASIZE = 56, BTT_EXT_NLBA = 60, BTT_INT_LBASIZE = 64, BTT_INT_NLBA = 68,
	BTT_NFREE = 72, BTT_INFOSIZE = 76, BTT_NEXTOFF = 80, BTT_DATAOFF = 88,
	BTT_MAPOFF = 96, BTT_LOGOFF = 104, BTT_INFO2OFF = 112,
};

static uint64_t get_le(const uint8_t *p, int bytes)
{
	uint64_t v = 0;

	while (bytes--)
		v = v << 8 | p[bytes];
	return v;
}

static void put_le(uint8_t *p, uint64_t v, int bytes)
{
	for (int i = 0; i < bytes; i++, v >>= 8)
		p[i] = (uint8_t)v;
}

static uint64_t checksum(const uint8_t *block)
{
	uint8_t copy[NDCTL_INFOBLOCK_SIZE];

	memcpy(copy, block, sizeof(copy));
	memset(copy + CHECKSUM_OFF, 0, 8);
	return ndctl_label_fletcher64(copy, sizeof(copy), true);
}

NDCTL_EXPORT enum ndctl_infoblock_kind ndctl_infoblock_kind(const void *block)
{
	if (memcmp(block, pfn_sig, SIG_LEN) == 0)
		return NDCTL_INFOBLOCK_PFN;
	if (memcmp(block, dax_sig, SIG_LEN) == 0)
		return NDCTL_INFOBLOCK_DAX;
	if (memcmp(block, btt_sig, SIG_LEN) == 0)
		return NDCTL_INFOBLOCK_BTT;
	return NDCTL_INFOBLOCK_NONE;
}

NDCTL_EXPORT bool ndctl_infoblock_checksum_ok(const void *block)
{
	return checksum(block) == get_le((const uint8_t *)block + CHECKSUM_OFF, 8);
}

NDCTL_EXPORT int ndctl_infoblock_pfn_decode(const void *block, struct ndctl_infoblock_pfn *pfn)
{
	const uint8_t *b = block;

	memset(pfn, 0, sizeof(*pfn));
	pfn->kind = ndctl_infoblock_kind(block);
	if (pfn->kind != NDCTL_INFOBLOCK_PFN && pfn->kind != NDCTL_INFOBLOCK_DAX)
		return -EINVAL;
	memcpy(pfn->uuid, b + OFF_UUID, 16);
	memcpy(pfn->parent_uuid, b + OFF_PARENT, 16);
	pfn->flags = (uint32_t)get_le(b + OFF_FLAGS, 4);
	pfn->version_major = (uint16_t)get_le(b + OFF_MAJOR, 2);
	pfn->version_minor = (uint16_t)get_le(b + OFF_MINOR, 2);
	pfn->dataoff = get_le(b + PFN_DATAOFF, 8);
	pfn->npfns = get_le(b + PFN_NPFNS, 8);
	pfn->mode = (uint32_t)get_le(b + PFN_MODE, 4);
	pfn->start_pad = (uint32_t)get_le(b + PFN_START_PAD, 4);
	pfn->end_trunc = (uint32_t)get_le(b + PFN_END_TRUNC, 4);
	pfn->align = (uint32_t)get_le(b + PFN_ALIGN, 4);
	pfn->page_size = (uint32_t)get_le(b + PFN_PAGE_SIZE, 4);
	pfn->page_struct_size = (uint16_t)get_le(b + PFN_PAGE_STRUCT, 2);
	return 0;
}

NDCTL_EXPORT void ndctl_infoblock_pfn_encode(const struct ndctl_infoblock_pfn *pfn, void *block)
{
	uint8_t *b = block;

	memset(b, 0, NDCTL_INFOBLOCK_SIZE);
	memcpy(b, pfn->kind == NDCTL_INFOBLOCK_DAX ? dax_sig : pfn_sig, SIG_LEN);
	memcpy(b + OFF_UUID, pfn->uuid, 16);
	memcpy(b + OFF_PARENT, pfn->parent_uuid, 16);
	put_le(b + OFF_FLAGS, pfn->flags, 4);
	put_le(b + OFF_MAJOR, pfn->version_major, 2);
	put_le(b + OFF_MINOR, pfn->version_minor, 2);
	put_le(b + PFN_DATAOFF, pfn->dataoff, 8);
	put_le(b + PFN_NPFNS, pfn->npfns, 8);
	put_le(b + PFN_MODE, pfn->mode, 4);
	put_le(b + PFN_START_PAD, pfn->start_pad, 4);
	put_le(b + PFN_END_TRUNC, pfn->end_trunc, 4);
	put_le(b + PFN_ALIGN, pfn->align, 4);
	put_le(b + PFN_PAGE_SIZE, pfn->page_size, 4);
	put_le(b + PFN_PAGE_STRUCT, pfn->page_struct_size, 2);
	put_le(b + CHECKSUM_OFF, checksum(b), 8);
}

/* The page map (mode PMEM) and the reserved head sit before dataoff. */
NDCTL_EXPORT int ndctl_infoblock_pfn_layout(struct ndctl_infoblock_pfn *pfn, uint64_t size,
		uint64_t start)
{
	uint64_t a = pfn->align > SECTION_SZ ? pfn->align : SECTION_SZ;
	uint64_t map = pfn->mode == NDCTL_INFOBLOCK_MAP_PMEM ?
		MAX_STRUCT_PAGE * ((size - RESERVED_HEAD) / PAGE_SZ) : 0;
	uint64_t dataoff = ALIGN_UP(start + RESERVED_HEAD + map, a) - start;

	if (dataoff >= size)
		return -ENOSPC;
	pfn->version_major = 1;
	pfn->version_minor = 4;
	pfn->page_size = PAGE_SZ;
	pfn->page_struct_size = MAX_STRUCT_PAGE;
	pfn->start_pad = (uint32_t)(ALIGN_UP(start, a) - start);
	pfn->end_trunc = (uint32_t)(start + size - ALIGN_DOWN(start + size, a));
	pfn->dataoff = dataoff;
	pfn->npfns = (size - dataoff - pfn->end_trunc - pfn->start_pad) / PAGE_SZ;
	return 0;
}

NDCTL_EXPORT int ndctl_infoblock_btt_decode(const void *block, struct ndctl_infoblock_btt *btt)
{
	const uint8_t *b = block;

	memset(btt, 0, sizeof(*btt));
	if (ndctl_infoblock_kind(block) != NDCTL_INFOBLOCK_BTT)
		return -EINVAL;
	memcpy(btt->uuid, b + OFF_UUID, 16);
	memcpy(btt->parent_uuid, b + OFF_PARENT, 16);
	btt->flags = (uint32_t)get_le(b + OFF_FLAGS, 4);
	btt->version_major = (uint16_t)get_le(b + OFF_MAJOR, 2);
	btt->version_minor = (uint16_t)get_le(b + OFF_MINOR, 2);
	btt->external_lbasize = (uint32_t)get_le(b + BTT_EXT_LBASIZE, 4);
	btt->external_nlba = (uint32_t)get_le(b + BTT_EXT_NLBA, 4);
	btt->internal_lbasize = (uint32_t)get_le(b + BTT_INT_LBASIZE, 4);
	btt->internal_nlba = (uint32_t)get_le(b + BTT_INT_NLBA, 4);
	btt->nfree = (uint32_t)get_le(b + BTT_NFREE, 4);
	btt->infosize = (uint32_t)get_le(b + BTT_INFOSIZE, 4);
	btt->nextoff = get_le(b + BTT_NEXTOFF, 8);
	btt->dataoff = get_le(b + BTT_DATAOFF, 8);
	btt->mapoff = get_le(b + BTT_MAPOFF, 8);
	btt->logoff = get_le(b + BTT_LOGOFF, 8);
	btt->info2off = get_le(b + BTT_INFO2OFF, 8);
	return 0;
}

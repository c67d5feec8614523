// SPDX-License-Identifier: GPL-2.0-only
#include <string.h>
#include "ndctl/lsa.h"
#include "util/size.h"
#include "infoblock.h"

#define PFN_SIG "NVDIMM_PFN_INFO"
#define DAX_SIG "NVDIMM_DAX_INFO"
#define SIG_LEN 16
#define RESERVED_HEAD (2 * SZ_4K)
#define STRUCT_PAGE_SIZE 64	/* the kernel's MAX_STRUCT_PAGE_SIZE */
#define PFN_MODE_PMEM 2
#define COMPAT_ALIGN SZ_2M	/* x86's memremap_compat_align() */
#define CHECKSUM_OFF 4088

enum {
	OFF_UUID = 16, OFF_PARENT = 32, OFF_FLAGS = 48, OFF_MAJOR = 52, OFF_MINOR = 54,
	OFF_DATAOFF = 56, OFF_NPFNS = 64, OFF_MODE = 72, OFF_START_PAD = 76,
	OFF_END_TRUNC = 80, OFF_ALIGN = 84, OFF_PAGE_SIZE = 88, OFF_PAGE_STRUCT = 92,
};

bool info_block_layout(struct info_block *ib, uint64_t size)
{
	uint64_t a = ib->align > COMPAT_ALIGN ? ib->align : COMPAT_ALIGN;
	uint64_t map = STRUCT_PAGE_SIZE * ((size - RESERVED_HEAD) / SZ_4K);

	ib->end_trunc = size % a;
	ib->dataoff = ALIGN_UP(RESERVED_HEAD + map, a);
	if (ib->dataoff >= size - ib->end_trunc)
		return false;
	ib->npfns = (size - ib->dataoff - ib->end_trunc) / SZ_4K;
	return true;
}

static void put_le(uint8_t *p, uint64_t v, int bytes)
{
	for (int i = 0; i < bytes; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

static uint64_t get_le(const uint8_t *p, int bytes)
{
	uint64_t v = 0;

	for (int i = bytes - 1; i >= 0; i--)
		v = (v << 8) | p[i];
	return v;
}

void info_block_encode(const struct info_block *ib, uint8_t buf[INFO_BLOCK_SIZE])
{
	memset(buf, 0, INFO_BLOCK_SIZE);
	memcpy(buf, ib->kind == INFO_DAX ? DAX_SIG : PFN_SIG, SIG_LEN);
	memcpy(buf + OFF_UUID, ib->uuid, 16);
	memcpy(buf + OFF_PARENT, ib->parent_uuid, 16);
	put_le(buf + OFF_MAJOR, 1, 2);
	put_le(buf + OFF_MINOR, 4, 2);
	put_le(buf + OFF_DATAOFF, ib->dataoff, 8);
	put_le(buf + OFF_NPFNS, ib->npfns, 8);
	put_le(buf + OFF_MODE, PFN_MODE_PMEM, 4);
	put_le(buf + OFF_END_TRUNC, ib->end_trunc, 4);
	put_le(buf + OFF_ALIGN, ib->align, 4);
	put_le(buf + OFF_PAGE_SIZE, SZ_4K, 4);
	put_le(buf + OFF_PAGE_STRUCT, STRUCT_PAGE_SIZE, 2);
	put_le(buf + CHECKSUM_OFF, ndctl_label_fletcher64(buf, INFO_BLOCK_SIZE, true), 8);
}

enum info_kind info_block_decode(const uint8_t buf[INFO_BLOCK_SIZE], struct info_block *ib)
{
	uint8_t copy[INFO_BLOCK_SIZE];

	memset(ib, 0, sizeof(*ib));
	if (memcmp(buf, PFN_SIG, SIG_LEN) == 0)
		ib->kind = INFO_PFN;
	else if (memcmp(buf, DAX_SIG, SIG_LEN) == 0)
		ib->kind = INFO_DAX;
	else
		return INFO_NONE;
	memcpy(copy, buf, sizeof(copy));
	memset(copy + CHECKSUM_OFF, 0, 8);
	if (ndctl_label_fletcher64(copy, sizeof(copy), true) != get_le(buf + CHECKSUM_OFF, 8))
		return ib->kind = INFO_NONE;
	memcpy(ib->uuid, buf + OFF_UUID, 16);
	memcpy(ib->parent_uuid, buf + OFF_PARENT, 16);
	ib->dataoff = get_le(buf + OFF_DATAOFF, 8);
	ib->npfns = get_le(buf + OFF_NPFNS, 8);
	ib->end_trunc = (uint32_t)get_le(buf + OFF_END_TRUNC, 4);
	ib->align = (uint32_t)get_le(buf + OFF_ALIGN, 4);
	return ib->kind;
}

// SPDX-License-Identifier: LGPL-2.1-or-later
/* The PFN/DAX and BTT info blocks (layout drawn in ndctl/infoblock.h). */
#include <errno.h>
#include <stddef.h>
#include <string.h>
#include <ndctl/infoblock.h>
#include <ndctl/lsa.h>
#include "../private.h"
#include "util/le-fields.h"
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

#define PFN(m) offsetof(struct ndctl_infoblock_pfn, m)
/* the width on media is the member's own: the compiler keeps them equal */
#define PFN_FIELD(m) sizeof(((struct ndctl_infoblock_pfn *)0)->m), PFN(m)
#define BTT(m) offsetof(struct ndctl_infoblock_btt, m)
/* the width on media is the member's own: the compiler keeps them equal */
#define BTT_FIELD(m) sizeof(((struct ndctl_infoblock_btt *)0)->m), BTT(m)

/* Each block's integers after the uuids, as laid out on media. */
static const struct le_field pfn_fields[] = {
	{ OFF_FLAGS, PFN_FIELD(flags) },
	{ OFF_MAJOR, PFN_FIELD(version_major) },
	{ OFF_MINOR, PFN_FIELD(version_minor) },
	{ PFN_DATAOFF, PFN_FIELD(dataoff) },
	{ PFN_NPFNS, PFN_FIELD(npfns) },
	{ PFN_MODE, PFN_FIELD(mode) },
	{ PFN_START_PAD, PFN_FIELD(start_pad) },
	{ PFN_END_TRUNC, PFN_FIELD(end_trunc) },
	{ PFN_ALIGN, PFN_FIELD(align) },
	{ PFN_PAGE_SIZE, PFN_FIELD(page_size) },
	{ PFN_PAGE_STRUCT, PFN_FIELD(page_struct_size) },
};

static const struct le_field btt_fields[] = {
	{ OFF_FLAGS, BTT_FIELD(flags) },
	{ OFF_MAJOR, BTT_FIELD(version_major) },
	{ OFF_MINOR, BTT_FIELD(version_minor) },
	{ BTT_EXT_LBASIZE, BTT_FIELD(external_lbasize) },
	{ BTT_EXT_NLBA, BTT_FIELD(external_nlba) },
	{ BTT_INT_LBASIZE, BTT_FIELD(internal_lbasize) },
	{ BTT_INT_NLBA, BTT_FIELD(internal_nlba) },
	{ BTT_NFREE, BTT_FIELD(nfree) },
	{ BTT_INFOSIZE, BTT_FIELD(infosize) },
	{ BTT_NEXTOFF, BTT_FIELD(nextoff) },
	{ BTT_DATAOFF, BTT_FIELD(dataoff) },
	{ BTT_MAPOFF, BTT_FIELD(mapoff) },
	{ BTT_LOGOFF, BTT_FIELD(logoff) },
	{ BTT_INFO2OFF, BTT_FIELD(info2off) },
};

static uint64_t checksum(const uint8_t *block)
{
	uint8_t copy[NDCTL_INFOBLOCK_SIZE];

	memcpy(copy, block, sizeof(copy));
	memset(copy + CHECKSUM_OFF, 0, 8);
	return ndctl_label_fletcher64(copy, sizeof(copy), true);
}

/* One kind of block: its integers, and where its struct keeps the two uuids. */
struct block_codec {
	const struct le_field *fields;
	size_t nfields;
	size_t uuid, parent_uuid;	/* offsetof the members */
};

static const struct block_codec pfn_codec = {
	pfn_fields, ARRAY_SIZE(pfn_fields), PFN(uuid), PFN(parent_uuid),
};
static const struct block_codec btt_codec = {
	btt_fields, ARRAY_SIZE(btt_fields), BTT(uuid), BTT(parent_uuid),
};

/* The uuids and integers of a block whose signature the caller checked. */
static void block_decode(const struct block_codec *c, const uint8_t *b, void *obj)
{
	memcpy((uint8_t *)obj + c->uuid, b + OFF_UUID, 16);
	memcpy((uint8_t *)obj + c->parent_uuid, b + OFF_PARENT, 16);
	le_fields_decode(c->fields, c->nfields, b, obj);
}

/* A whole block: signature, uuids, integers, the rest zero, then its checksum. */
static void block_encode(const struct block_codec *c, const char *sig, const void *obj,
		uint8_t *b)
{
	memset(b, 0, NDCTL_INFOBLOCK_SIZE);
	memcpy(b, sig, SIG_LEN);
	memcpy(b + OFF_UUID, (const uint8_t *)obj + c->uuid, 16);
	memcpy(b + OFF_PARENT, (const uint8_t *)obj + c->parent_uuid, 16);
	le_fields_encode(c->fields, c->nfields, obj, b);
	le_put(b + CHECKSUM_OFF, checksum(b), 8);
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
	return checksum(block) == le_get((const uint8_t *)block + CHECKSUM_OFF, 8);
}

NDCTL_EXPORT int ndctl_infoblock_pfn_decode(const void *block, struct ndctl_infoblock_pfn *pfn)
{
	memset(pfn, 0, sizeof(*pfn));
	pfn->kind = ndctl_infoblock_kind(block);
	if (pfn->kind != NDCTL_INFOBLOCK_PFN && pfn->kind != NDCTL_INFOBLOCK_DAX)
		return -EINVAL;
	block_decode(&pfn_codec, block, pfn);
	return 0;
}

NDCTL_EXPORT void ndctl_infoblock_pfn_encode(const struct ndctl_infoblock_pfn *pfn, void *block)
{
	block_encode(&pfn_codec, pfn->kind == NDCTL_INFOBLOCK_DAX ? dax_sig : pfn_sig, pfn, block);
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
	memset(btt, 0, sizeof(*btt));
	if (ndctl_infoblock_kind(block) != NDCTL_INFOBLOCK_BTT)
		return -EINVAL;
	block_decode(&btt_codec, block, btt);
	return 0;
}

NDCTL_EXPORT void ndctl_infoblock_btt_encode(const struct ndctl_infoblock_btt *btt, void *block)
{
	block_encode(&btt_codec, btt_sig, btt, block);
}

// SPDX-License-Identifier: LGPL-2.1-or-later
#include <stddef.h>
#include "private.h"
#include "codec.h"
#include "util/le-fields.h"
#include "util/size.h"

/*
 * Namespace label (docs/labels.md §3); v1.1 stops at byte 128.
 *
 *   0 uuid[16] | 16 name[64] | 80 flags | 84 nlabel | 86 position
 *  88 isetcookie | 96 lbasize | 104 dpa | 112 rawsize | 120 slot | 124 align
 * 128 type_guid | 144 abstraction_guid | 160 reserved | 248 checksum
 */

/* guid_t keeps its first three fields little-endian; uuid text order is big-endian. */
void lsa_guid_to_text_order(uint8_t out[16], const uint8_t in[16])
{
	static const uint8_t perm[16] = { 3, 2, 1, 0, 5, 4, 7, 6, 8, 9, 10, 11, 12, 13, 14, 15 };
	uint8_t tmp[16];
	int i;

	for (i = 0; i < 16; i++)
		tmp[i] = in[perm[i]];
	memcpy(out, tmp, 16);
}

static uint64_t label_checksum(const uint8_t *p)
{
	uint8_t copy[256];

	memcpy(copy, p, sizeof(copy));
	put64(copy + LBL_CHECKSUM, 0);
	return ndctl_label_fletcher64(copy, sizeof(copy), true);
}

int lsa_label_checksum_ok(const uint8_t *p, unsigned L)
{
	return L < 256 || label_checksum(p) == get64(p + LBL_CHECKSUM);
}

#define LBL(m) offsetof(struct ndctl_label, m)
/* the width on media is the member's own: the compiler keeps them equal */
#define LBL_FIELD(m) sizeof(((struct ndctl_label *)0)->m), LBL(m)

/* A label's integers, as laid out on media (the slot apart: the engine's to set). */
static const struct le_field label_fields[] = {
	{ LBL_FLAGS, LBL_FIELD(flags) },
	{ LBL_NLABEL, LBL_FIELD(nlabel) },
	{ LBL_POSITION, LBL_FIELD(position) },
	{ LBL_ISETCOOKIE, LBL_FIELD(isetcookie) },
	{ LBL_LBASIZE, LBL_FIELD(lbasize) },
	{ LBL_DPA, LBL_FIELD(dpa) },
	{ LBL_RAWSIZE, LBL_FIELD(rawsize) },
};

void lsa_label_decode(const uint8_t *p, unsigned L, struct ndctl_label *out)
{
	memset(out, 0, sizeof(*out));
	memcpy(out->uuid, p + LBL_UUID, 16);
	memcpy(out->name, p + LBL_NAME, LBL_NAME_LEN - 1);
	le_fields_decode(label_fields, ARRAY_SIZE(label_fields), p, out);
	out->slot = get32(p + LBL_SLOT);
	if (L < 256)
		return;
	lsa_guid_to_text_order(out->type_guid, p + LBL_TYPE_GUID);
	lsa_guid_to_text_order(out->abstraction_guid, p + LBL_ABS_GUID);
}

void lsa_label_encode(uint8_t *p, unsigned L, const struct ndctl_label *in, uint32_t slot)
{
	memset(p, 0, L);
	memcpy(p + LBL_UUID, in->uuid, 16);
	memcpy(p + LBL_NAME, in->name, strnlen(in->name, LBL_NAME_LEN - 1));
	le_fields_encode(label_fields, ARRAY_SIZE(label_fields), in, p);
	put32(p + LBL_SLOT, slot);
	if (L < 256)
		return;
	lsa_guid_to_media_order(p + LBL_TYPE_GUID, in->type_guid);
	lsa_guid_to_media_order(p + LBL_ABS_GUID, in->abstraction_guid);
	put64(p + LBL_CHECKSUM, label_checksum(p));
}

NDCTL_EXPORT void ndctl_label_guid_swap(uint8_t out[16], const uint8_t in[16])
{
	lsa_guid_to_text_order(out, in);
}

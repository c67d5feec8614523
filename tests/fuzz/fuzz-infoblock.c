// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fuzz target: both info-block decoders (ndctl read-infoblock's JSON one
 * and ndctl-qemu's), on 4 KiB blocks from the input. One byte of the input
 * chooses whether the checksum is made right first (else nearly every
 * mutation stops at it) and the JSON flags.
 */
#include <stdlib.h>
#include <string.h>
#include <ndctl/lsa.h>
#include "ndctl/infoblock.h"
#include "ndctl-qemu/infoblock.h"
#include "fuzz-lsa.h"

#define CHECKSUM_OFF 4088	/* nd_pfn_sb.checksum */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t *sb = calloc(1, INFO_BLOCK_SIZE);
	struct json_object *j;
	struct info_block ib;
	char why[256];
	uint8_t ctl = size ? data[0] : 0;
	uint64_t sum;

	if (size)
		memcpy(sb, data + 1, size - 1 < INFO_BLOCK_SIZE ? size - 1 : INFO_BLOCK_SIZE);
	if (ctl & 1) {
		memset(sb + CHECKSUM_OFF, 0, 8);
		sum = htole64(ndctl_label_fletcher64(sb, INFO_BLOCK_SIZE, true));
		memcpy(sb + CHECKSUM_OFF, &sum, 8);
	}
	j = infoblock_to_json(sb, ctl >> 1, why, sizeof(why));
	if (j)
		json_object_to_json_string(j);
	json_object_put(j);
	if (info_block_decode(sb, &ib) != INFO_NONE)
		info_block_layout(&ib, ib.npfns * 4096 + ib.dataoff);
	free(sb);
	return 0;
}

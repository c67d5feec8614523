// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fuzz target: libndctl's info-block codec (the one read-infoblock,
 * write-infoblock and ndctl-qemu use) on an 8 KiB head from the input: the
 * JSON rendering of whatever blocks it finds, each decoder, and the PFN
 * layout arithmetic on the decoded fields. One control byte chooses whether
 * the checksums are made right first (else nearly every mutation stops at
 * them) and the JSON flags.
 */
#include <stdlib.h>
#include <string.h>
#include <json-c/json.h>
#include <ndctl/lsa.h>
#include "ndctl/infoblock.h"
#include "fuzz-lsa.h"

#define CHECKSUM_OFF 4088	/* last 8 bytes of a pfn/dax/btt block */

static void fix_checksum(uint8_t *block)
{
	uint64_t sum;

	memset(block + CHECKSUM_OFF, 0, 8);
	sum = htole64(ndctl_label_fletcher64(block, NDCTL_INFOBLOCK_SIZE, true));
	memcpy(block + CHECKSUM_OFF, &sum, 8);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t *head = calloc(1, NDCTL_INFOBLOCK_HEAD);
	uint8_t *block = head + NDCTL_INFOBLOCK_OFFSET;
	struct json_object *arr = json_object_new_array();
	struct ndctl_infoblock_pfn pfn;
	struct ndctl_infoblock_btt btt;
	uint8_t ctl = size ? data[0] : 0;

	if (size)
		memcpy(head, data + 1, size - 1 < NDCTL_INFOBLOCK_HEAD ? size - 1 : NDCTL_INFOBLOCK_HEAD);
	if (ctl & 1)
		fix_checksum(block);
	if (ctl & 2)
		fix_checksum(head);
	ndctl_infoblock_head_to_json(head, ctl & 4 ? "file" : "dev", "fuzz",
			ctl & 8 ? block + 32 : NULL, ctl >> 4, arr);
	json_object_to_json_string(arr);
	json_object_put(arr);
	ndctl_infoblock_checksum_ok(block);
	if (ndctl_infoblock_pfn_decode(block, &pfn) == 0)
		ndctl_infoblock_pfn_layout(&pfn, pfn.npfns * 4096 + pfn.dataoff, pfn.start_pad);
	ndctl_infoblock_btt_decode(block, &btt);
	ndctl_infoblock_btt_decode(head, &btt);
	free(head);
	return 0;
}

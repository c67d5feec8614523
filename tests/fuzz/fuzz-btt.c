// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fuzz target: libndctl's BTT layout check (the one check-namespace runs)
 * on a small layout as the kernel writes it, patched by the input where
 * the checker decides: the info block, its backup, the map and the flog.
 * Input: one control byte, then records of [region, offset (2 bytes LE),
 * length, bytes]. The control byte chooses BTT 1.1 or 2.0, whether the
 * info blocks' checksums are made right after patching (else nearly every
 * mutation of them stops there), and the flags of the second, repairing
 * run over the result of the first.
 */
#include <stdlib.h>
#include <string.h>
#include <ndctl/libndctl.h>
#include "btt/btt.h"
#include "util/le-fields.h"
#include "fuzz-lsa.h"

#define NS_SIZE (2u << 20)	/* ~3.7K blocks of 512 bytes: one arena */

static const uint8_t parent[16] = { 1, 2, 3, 4 };

/* Re-encoded: the checksum made right (unknown bytes, the padding, cleared too). */
static void fix_checksum(uint8_t *block)
{
	struct ndctl_infoblock_btt sb;

	if (ndctl_infoblock_btt_decode(block, &sb) == 0)
		ndctl_infoblock_btt_encode(&sb, block);
}

/* Where each region starts in the fresh layout, and how far a patch may reach. */
static void region(const uint8_t *ns, uint64_t start, int which, uint64_t *at, uint64_t *len)
{
	struct btt_arena a = { 0 };

	btt_arena_parse(&a, ns + start, start);
	switch (which % 5) {
	case 0: *at = a.infooff; *len = BTT_INFO_SIZE; break;
	case 1: *at = a.info2off; *len = BTT_INFO_SIZE; break;
	case 2: *at = a.mapoff; *len = 4ULL * a.external_nlba; break;
	case 3: *at = a.logoff; *len = (uint64_t)BTT_LOG_GRP_SIZE * a.nfree; break;
	default: *at = 0; *len = NS_SIZE; break;
	}
}

static void apply(uint8_t *ns, const uint8_t *layout, uint64_t start, const uint8_t *d,
		size_t n)
{
	while (n >= 4) {
		uint64_t at, len, off = le_get(d + 1, 2), cnt = d[3];

		region(layout, start, d[0], &at, &len);
		if (d[0] % 5 == 4)
			off *= 32;	/* anywhere in the namespace */
		d += 4;
		n -= 4;
		if (cnt > n)
			cnt = n;
		if (off < len)
			memcpy(ns + at + off, d, cnt < len - off ? cnt : len - off);
		d += cnt;
		n -= cnt;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static uint8_t *layout[2];
	uint8_t ctl = size ? data[0] : 0;
	bool v2 = ctl & 1;
	uint64_t start = v2 ? BTT2_START : BTT1_START;
	uint8_t *ns;

	if (!layout[v2]) {
		layout[v2] = calloc(1, NS_SIZE);
		btt_layout_format(layout[v2], NS_SIZE, 512, parent, parent, v2);
	}
	ns = malloc(NS_SIZE);
	memcpy(ns, layout[v2], NS_SIZE);
	if (size)
		apply(ns, layout[v2], start, data + 1, size - 1);
	if (ctl & 2) {
		struct btt_arena a = { 0 };

		btt_arena_parse(&a, layout[v2] + start, start);
		fix_checksum(ns + a.infooff);
		fix_checksum(ns + a.info2off);
	}
	ndctl_btt_layout_check(ns, NS_SIZE, parent, 0, NULL, NULL);
	ndctl_btt_layout_check(ns, NS_SIZE, ctl & 4 ? NULL : parent,
			NDCTL_BTT_CHECK_REPAIR | (ctl & 8 ? NDCTL_BTT_CHECK_REWRITE_LOG : 0),
			NULL, NULL);
	free(ns);
	return 0;
}

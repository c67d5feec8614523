// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The decoded area: which index is current, which slots hold active labels,
 * and the getters over them. Pure: the bytes come from the caller
 * (ndctl_lsa_decode) or from the engine's load (engine/load.c).
 */
#include <errno.h>
#include <stdlib.h>
#include <stddef.h>
#include "private.h"
#include "codec.h"
#include "util/le-fields.h"
#include "util/size.h"

int lsa_alloc(uint64_t size, struct ndctl_lsa **out)
{
	struct ndctl_lsa *lsa = calloc(1, sizeof(*lsa));

	if (!lsa)
		return -ENOMEM;
	lsa->buf = calloc(1, size ? size : 1);
	if (!lsa->buf) {
		free(lsa);
		return -ENOMEM;
	}
	lsa->size = size;
	lsa->cur = -1;
	*out = lsa;
	return 0;
}

NDCTL_EXPORT void ndctl_lsa_free(struct ndctl_lsa *lsa)
{
	if (!lsa)
		return;
	free(lsa->buf);
	free(lsa->loaded);
	free(lsa->active);
	free(lsa);
}

static void record_problems(struct ndctl_lsa *lsa, unsigned L)
{
	int i;

	for (i = 0; i < 2; i++)
		lsa->problem[i] = lsa_index_check(lsa->buf, lsa->size, L, i, &lsa->problem_id[i]);
}

/* nd_label_validate(): the whole check with L=128, then with L=256. */
void lsa_analyze_indexes(struct ndctl_lsa *lsa)
{
	static const unsigned sizes[] = { 128, 256 };
	unsigned s;

	lsa->L = 0;
	lsa->cur = -1;
	for (s = 0; s < 2 && !lsa->L; s++) {
		record_problems(lsa, sizes[s]);
		lsa->valid[0] = !lsa->problem[0];
		lsa->valid[1] = !lsa->problem[1];
		if (lsa->valid[0] || lsa->valid[1])
			lsa->L = sizes[s];
	}
	if (!lsa->L) {
		/* report against the layout the area claims, when it claims one */
		record_problems(lsa, lsa->size >= IDX_FREE && lsa->buf[IDX_LABELSIZE] == 1 ? 256 : 128);
		lsa->nslot = 0;
		lsa->isz = 0;
		return;
	}
	lsa->isz = lsa_isz_of_area(lsa->size, lsa->L);
	if (lsa->valid[0] && lsa->valid[1])
		lsa->cur = lsa_best_seq(get32(lsa->buf + IDX_SEQ),
				get32(lsa->buf + lsa->isz + IDX_SEQ)) ==
			(get32(lsa->buf + lsa->isz + IDX_SEQ) & 3);
	else
		lsa->cur = lsa->valid[1];
	lsa->nslot = get32(lsa_cur_index(lsa) + IDX_NSLOT);
}

const uint8_t *lsa_cur_index(const struct ndctl_lsa *lsa)
{
	return lsa->buf + (uint64_t)lsa->cur * lsa->isz;
}

uint64_t lsa_slot_off(const struct ndctl_lsa *lsa, uint32_t slot)
{
	return 2 * (uint64_t)lsa->isz + (uint64_t)slot * lsa->L;
}

bool lsa_slot_loaded(const struct ndctl_lsa *lsa, uint32_t slot)
{
	return !lsa->loaded || bit_is_set(lsa->loaded, slot);
}

NDCTL_EXPORT bool ndctl_lsa_slot_in_use(const struct ndctl_lsa *lsa, uint32_t slot)
{
	return lsa->cur >= 0 && slot < lsa->nslot &&
		!bit_is_set(lsa_cur_index(lsa) + IDX_FREE, slot);
}

/*
 * The first in-use slot at or after @slot, or nslot. Whole bytes of the free
 * bitmap with every bit set (eight free slots) are skipped at once: a 2 MiB
 * area has 16,348 slots, mostly free, and each loop over the in-use ones
 * would otherwise test every one (docs/performance.md).
 */
uint32_t lsa_next_in_use(const struct ndctl_lsa *lsa, uint32_t slot)
{
	const uint8_t *free_map;

	if (lsa->cur < 0)
		return lsa->nslot;
	free_map = lsa_cur_index(lsa) + IDX_FREE;
	while (slot < lsa->nslot) {
		if (slot % 8 == 0 && free_map[slot / 8] == 0xff)
			slot += 8;
		else if (!bit_is_set(free_map, slot))
			return slot;
		else
			slot++;
	}
	return lsa->nslot;
}

/* nd_label_active(): in use, written where it claims, v1.2 checksum good. */
int lsa_collect_labels(struct ndctl_lsa *lsa)
{
	uint32_t slot;

	free(lsa->active);
	lsa->active = NULL;
	lsa->nactive = 0;
	if (lsa->cur < 0)
		return 0;
	lsa->active = calloc(lsa->nslot ? lsa->nslot : 1, sizeof(*lsa->active));
	if (!lsa->active)
		return -ENOMEM;
	for (slot = lsa_next_in_use(lsa, 0); slot < lsa->nslot; slot = lsa_next_in_use(lsa, slot + 1)) {
		const uint8_t *p = lsa->buf + lsa_slot_off(lsa, slot);

		if (!lsa_slot_loaded(lsa, slot))
			continue;
		if (get32(p + LBL_SLOT) != slot || !lsa_label_checksum_ok(p, lsa->L))
			continue;
		lsa->active[lsa->nactive++] = slot;
	}
	return 0;
}

NDCTL_EXPORT int ndctl_lsa_decode(const void *buf, size_t size, struct ndctl_lsa **out)
{
	struct ndctl_lsa *lsa;
	int rc = lsa_alloc(size, &lsa);

	if (rc < 0)
		return rc;
	memcpy(lsa->buf, buf, size);
	lsa_analyze_indexes(lsa);
	rc = lsa_collect_labels(lsa);
	if (rc < 0) {
		ndctl_lsa_free(lsa);
		return rc;
	}
	*out = lsa;
	return 0;
}

NDCTL_EXPORT bool ndctl_lsa_valid(const struct ndctl_lsa *lsa) { return lsa->cur >= 0; }
NDCTL_EXPORT uint64_t ndctl_lsa_size(const struct ndctl_lsa *lsa) { return lsa->size; }
NDCTL_EXPORT unsigned ndctl_lsa_labelsize(const struct ndctl_lsa *lsa) { return lsa->L; }
NDCTL_EXPORT uint32_t ndctl_lsa_nslot(const struct ndctl_lsa *lsa) { return lsa->nslot; }
NDCTL_EXPORT uint32_t ndctl_lsa_isz(const struct ndctl_lsa *lsa) { return lsa->isz; }
NDCTL_EXPORT int ndctl_lsa_current_index(const struct ndctl_lsa *lsa) { return lsa->cur; }
NDCTL_EXPORT unsigned ndctl_lsa_label_count(const struct ndctl_lsa *lsa) { return lsa->nactive; }
NDCTL_EXPORT const uint8_t *ndctl_lsa_raw(const struct ndctl_lsa *lsa) { return lsa->buf; }

NDCTL_EXPORT int ndctl_lsa_version_minor(const struct ndctl_lsa *lsa)
{
	return lsa->L ? (lsa->L < 256 ? 1 : 2) : 0;
}

NDCTL_EXPORT bool ndctl_lsa_index_valid(const struct ndctl_lsa *lsa, int i)
{
	return (i == 0 || i == 1) && lsa->valid[i];
}

NDCTL_EXPORT uint32_t ndctl_lsa_index_seq(const struct ndctl_lsa *lsa, int i)
{
	struct ndctl_lsa_index_info info;

	return ndctl_lsa_index_info(lsa, i, &info) == 0 ? info.seq : 0;
}

NDCTL_EXPORT const char *ndctl_lsa_index_problem(const struct ndctl_lsa *lsa, int i)
{
	return (i == 0 || i == 1) ? lsa->problem[i] : "no such index";
}

NDCTL_EXPORT uint32_t ndctl_lsa_nfree(const struct ndctl_lsa *lsa)
{
	uint32_t slot, n = 0;

	for (slot = lsa_next_in_use(lsa, 0); slot < lsa->nslot; slot = lsa_next_in_use(lsa, slot + 1))
		n++;
	return lsa->nslot - n;
}

NDCTL_EXPORT int ndctl_lsa_label_get(const struct ndctl_lsa *lsa, unsigned i, struct ndctl_label *out)
{
	if (i >= lsa->nactive)
		return -ENOENT;
	lsa_label_decode(lsa->buf + lsa_slot_off(lsa, lsa->active[i]), lsa->L, out);
	return 0;
}

NDCTL_EXPORT int ndctl_lsa_slot_decode(const struct ndctl_lsa *lsa, uint32_t slot, struct ndctl_label *out)
{
	if (lsa->cur < 0 || slot >= lsa->nslot)
		return -ENOENT;
	if (!lsa_slot_loaded(lsa, slot))
		return -ENODATA;
	lsa_label_decode(lsa->buf + lsa_slot_off(lsa, slot), lsa->L, out);
	return 0;
}

#define IDX(m) offsetof(struct ndctl_lsa_index_info, m)
/* the width on media is the member's own: the compiler keeps them equal */
#define IDX_FIELD(m) sizeof(((struct ndctl_lsa_index_info *)0)->m), IDX(m)

/* An index block's header integers after the signature, as laid out on media. */
static const struct le_field index_fields[] = {
	{ IDX_LABELSIZE, IDX_FIELD(labelsize_field) },
	{ IDX_SEQ, IDX_FIELD(seq) },
	{ IDX_MYOFF, IDX_FIELD(myoff) },
	{ IDX_MYSIZE, IDX_FIELD(mysize) },
	{ IDX_OTHEROFF, IDX_FIELD(otheroff) },
	{ IDX_LABELOFF, IDX_FIELD(labeloff) },
	{ IDX_NSLOT, IDX_FIELD(nslot) },
	{ IDX_MAJOR, IDX_FIELD(major) },
	{ IDX_MINOR, IDX_FIELD(minor) },
	{ IDX_CHECKSUM, IDX_FIELD(checksum) },
};

NDCTL_EXPORT int ndctl_lsa_index_info(const struct ndctl_lsa *lsa, int i, struct ndctl_lsa_index_info *out)
{
	uint32_t isz = lsa->isz ? lsa->isz : lsa_isz_of_area(lsa->size, 128);
	const uint8_t *idx;

	if ((i != 0 && i != 1) || !isz || (uint64_t)(i + 1) * isz > lsa->size)
		return -ERANGE;
	idx = lsa->buf + (uint64_t)i * isz;
	out->signature_ok = !memcmp(idx + IDX_SIG, lsa_index_sig, IDX_SIG_LEN);
	le_fields_decode(index_fields, ARRAY_SIZE(index_fields), idx, out);
	return 0;
}

// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Loading a label area through a transport: the index blocks first, then
 * only the slots they say are in use. Decoding what was read is the codec's
 * (label/area.c); this file only decides what to read.
 */
#include <errno.h>
#include <stdlib.h>
#include "private.h"
#include "engine.h"

/* Both index blocks, for whichever label size they turn out to use. */
uint64_t lsa_index_span(uint64_t size)
{
	uint64_t a = 2 * (uint64_t)lsa_isz_of_area(size, 128);
	uint64_t b = 2 * (uint64_t)lsa_isz_of_area(size, 256);
	uint64_t span = a > b ? a : b;

	return span ? span : (size < 2 * IDX_ALIGN ? size : 2 * IDX_ALIGN);
}

/*
 * Read the in-use slots, one transfer per run of adjacent slots. The first
 * `have` bytes are already in the buffer: the index read is sized for
 * 128-byte labels, so with 256-byte labels it also holds the first slots.
 */
static int load_in_use(struct ndctl_lsa *lsa, struct ndctl_lsa_xport *t, uint64_t have)
{
	uint64_t off, len;
	uint32_t slot = 0, end;
	int rc;

	lsa->loaded = calloc(1, lsa->nslot / 8 + 1);
	if (!lsa->loaded)
		return -ENOMEM;
	while ((slot = lsa_next_in_use(lsa, slot)) < lsa->nslot) {
		for (end = slot; end < lsa->nslot && ndctl_lsa_slot_in_use(lsa, end); end++)
			bit_set(lsa->loaded, end);
		off = lsa_slot_off(lsa, slot);
		len = (uint64_t)(end - slot) * lsa->L;
		if (off < have) {	/* skip what the index read brought */
			len = off + len > have ? off + len - have : 0;
			off = have;
		}
		rc = len ? ndctl_lsa_xport_read(t, off, lsa->buf + off, len) : 0;
		if (rc < 0)
			return rc;
		slot = end;
	}
	return 0;
}

NDCTL_EXPORT int ndctl_lsa_load(struct ndctl_lsa_xport *t, unsigned flags, struct ndctl_lsa **out)
{
	struct ndctl_lsa *lsa;
	bool full = flags & NDCTL_LSA_LOAD_FULL;
	uint64_t have = full ? t->size : lsa_index_span(t->size);
	int rc = lsa_alloc(t->size, &lsa);

	if (rc < 0)
		return rc;
	rc = ndctl_lsa_xport_read(t, 0, lsa->buf, have);
	if (rc == 0) {
		lsa_analyze_indexes(lsa);
		if (!full && lsa->cur >= 0)
			rc = load_in_use(lsa, t, have);
	}
	if (rc == 0)
		rc = lsa_collect_labels(lsa);
	if (rc < 0) {
		ndctl_lsa_free(lsa);
		return rc;
	}
	lsa_note_lock(lsa, t);
	*out = lsa;
	return 0;
}

void lsa_note_lock(struct ndctl_lsa *lsa, const struct ndctl_lsa_xport *t)
{
	lsa->locked_load = lsa_xport_locked_since(t, t->lock_epoch);
	lsa->lock_epoch = t->lock_epoch;
}

// SPDX-License-Identifier: LGPL-2.1-or-later
#include <errno.h>
#include <stdlib.h>
#include "private.h"
#include "engine.h"

/*
 * Transactions (docs/labels.md §2). The current index and every live label
 * stay untouched until one final write of the *other* index block publishes
 * the change:
 *
 *   1. staging = copy of the current index
 *   2. for each new label: take the lowest free bit in staging, clear it,
 *      write the label to that (free, hence dead) slot
 *   3. set the bits of the replaced/deleted labels in staging
 *   4. write staging to the non-current position with seq = inc(current)
 *
 * A crash before 4 leaves the old index current; a torn 4 fails its
 * checksum, so the old index stays current. Against power loss the order
 * must also reach the medium: the labels are synced before 4 and the
 * index after it. All of it happens under the transport's exclusive lock,
 * and from a state read under that same lock (or checked again under it).
 */

static int alloc_slot(uint8_t *staging, uint32_t nslot, uint32_t *slot)
{
	uint32_t n;

	for (n = 0; n < nslot; n++) {
		if (bit_is_set(staging + IDX_FREE, n)) {
			bit_clear(staging + IDX_FREE, n);
			*slot = n;
			return 0;
		}
	}
	return -ENOSPC;
}

static int check_change(struct ndctl_lsa *lsa, struct ndctl_lsa_xport *t,
		const struct ndctl_lsa_change *c)
{
	if (c->op != NDCTL_LSA_ADD && !ndctl_lsa_slot_in_use(lsa, c->slot))
		return lsa_xport_err(t, -ENOENT, "slot %u holds no label: nothing to %s",
			c->slot, c->op == NDCTL_LSA_DELETE ? "delete" : "update");
	if (c->op != NDCTL_LSA_DELETE && !c->label)
		return lsa_xport_err(t, -EINVAL, "a new label is needed to add or update");
	return 0;
}

static int write_labels(struct ndctl_lsa *lsa, struct ndctl_lsa_xport *t, uint8_t *staging,
		struct ndctl_lsa_change *changes, unsigned n)
{
	uint8_t raw[256];
	unsigned i, written = 0;
	int rc;

	for (i = 0; i < n; i++) {
		struct ndctl_lsa_change *c = &changes[i];

		if (c->op == NDCTL_LSA_DELETE)
			continue;
		if (alloc_slot(staging, lsa->nslot, &c->new_slot) < 0)
			return lsa_xport_err(t, -ENOSPC, "no free label slot left (%u slots): delete labels first",
				lsa->nslot);
		lsa_label_encode(raw, lsa->L, c->label, c->new_slot);
		rc = ndctl_lsa_xport_write(t, lsa_slot_off(lsa, c->new_slot), raw, lsa->L);
		if (rc < 0)
			return rc;
		memcpy(lsa->buf + lsa_slot_off(lsa, c->new_slot), raw, lsa->L);
		if (lsa->loaded)
			bit_set(lsa->loaded, c->new_slot);
		written++;
	}
	return written ? ndctl_lsa_xport_sync(t) : 0;	/* the labels are on the medium before the index */
}

static void free_old_slots(uint8_t *staging, const struct ndctl_lsa_change *changes, unsigned n)
{
	unsigned i;

	for (i = 0; i < n; i++)
		if (changes[i].op != NDCTL_LSA_ADD)
			bit_set(staging + IDX_FREE, changes[i].slot);
}

/* Steps 4 and the in-memory swap: the new index becomes current. */
static int publish_index(struct ndctl_lsa *lsa, struct ndctl_lsa_xport *t, uint8_t *staging)
{
	int next = 1 - lsa->cur;
	uint32_t seq = lsa_seq_inc(get32(lsa_cur_index(lsa) + IDX_SEQ));
	int rc;

	lsa_index_finish(staging, lsa->isz, lsa->L, next, seq, lsa->nslot);
	rc = ndctl_lsa_xport_write(t, (uint64_t)next * lsa->isz, staging, lsa->isz);
	if (rc == 0)
		rc = ndctl_lsa_xport_sync(t);
	if (rc < 0)
		return rc;
	memcpy(lsa->buf + (uint64_t)next * lsa->isz, staging, lsa->isz);
	lsa->valid[next] = true;
	lsa->problem[next] = lsa->problem_id[next] = NULL;
	lsa->cur = next;
	return lsa_collect_labels(lsa);
}

static int check_ready(struct ndctl_lsa *lsa, struct ndctl_lsa_xport *t)
{
	if (lsa->stale)
		return lsa_xport_err(t, -ESTALE, "an earlier label update failed: reload the label area");
	if (lsa->cur < 0)
		return lsa_xport_err(t, -ENODATA, "no valid label index: run init-labels first");
	if (lsa->size != t->size)
		return lsa_xport_err(t, -EINVAL, "decoded area and transport differ in size");
	return 0;
}

/*
 * Under the lock: was lsa read in this very hold of it? If not (another
 * process may have written since), its index blocks must still be on the
 * medium byte for byte.
 */
static int check_fresh(struct ndctl_lsa *lsa, struct ndctl_lsa_xport *t)
{
	size_t len = 2 * (size_t)lsa->isz;
	uint8_t *now;
	int rc;

	if (lsa->locked_load && lsa_xport_locked_since(t, lsa->lock_epoch))
		return 0;
	now = malloc(len);
	if (!now)
		return -ENOMEM;
	rc = ndctl_lsa_xport_read(t, 0, now, len);
	if (rc == 0 && memcmp(now, lsa->buf, len)) {
		lsa->stale = true;
		rc = lsa_xport_err(t, -ESTALE,
			"the label area changed since it was read (another writer): reload it and retry");
	}
	free(now);
	if (rc == 0)
		lsa_note_lock(lsa, t);
	return rc;
}

static int apply_locked(struct ndctl_lsa *lsa, struct ndctl_lsa_xport *t,
		struct ndctl_lsa_change *changes, unsigned n)
{
	uint8_t *staging;
	unsigned i;
	int rc = check_ready(lsa, t);

	if (rc == 0)
		rc = check_fresh(lsa, t);
	for (i = 0; rc == 0 && i < n; i++)
		rc = check_change(lsa, t, &changes[i]);
	if (rc < 0)
		return rc;
	staging = malloc(lsa->isz);
	if (!staging)
		return -ENOMEM;
	memcpy(staging, lsa_cur_index(lsa), lsa->isz);
	rc = write_labels(lsa, t, staging, changes, n);
	free_old_slots(staging, changes, n);
	if (rc == 0)
		rc = publish_index(lsa, t, staging);
	if (rc < 0)
		lsa->stale = true;
	free(staging);
	return rc;
}

NDCTL_EXPORT int ndctl_lsa_apply(struct ndctl_lsa *lsa, struct ndctl_lsa_xport *t,
		struct ndctl_lsa_change *changes, unsigned n)
{
	int rc = ndctl_lsa_xport_lock(t);

	if (rc < 0)
		return rc;
	rc = apply_locked(lsa, t, changes, n);
	ndctl_lsa_xport_unlock(t);
	return rc;
}

static int apply_one(struct ndctl_lsa *lsa, struct ndctl_lsa_xport *t, enum ndctl_lsa_op op,
		uint32_t slot, const struct ndctl_label *label, uint32_t *slot_out)
{
	struct ndctl_lsa_change c = { .op = op, .slot = slot, .label = label };
	int rc = ndctl_lsa_apply(lsa, t, &c, 1);

	if (rc == 0 && slot_out)
		*slot_out = c.new_slot;
	return rc;
}

NDCTL_EXPORT int ndctl_lsa_add(struct ndctl_lsa *lsa, struct ndctl_lsa_xport *t,
		const struct ndctl_label *label, uint32_t *slot_out)
{
	return apply_one(lsa, t, NDCTL_LSA_ADD, 0, label, slot_out);
}

NDCTL_EXPORT int ndctl_lsa_update(struct ndctl_lsa *lsa, struct ndctl_lsa_xport *t, uint32_t slot,
		const struct ndctl_label *label, uint32_t *slot_out)
{
	return apply_one(lsa, t, NDCTL_LSA_UPDATE, slot, label, slot_out);
}

NDCTL_EXPORT int ndctl_lsa_delete(struct ndctl_lsa *lsa, struct ndctl_lsa_xport *t, uint32_t slot)
{
	return apply_one(lsa, t, NDCTL_LSA_DELETE, slot, NULL, NULL);
}

/* Kernel's two passes over the DIMMs of a set: UPDATING labels first, then final ones. */
NDCTL_EXPORT int ndctl_lsa_set_update(struct ndctl_lsa **lsas, struct ndctl_lsa_xport **ts, unsigned n,
		const uint32_t *old_slots, const struct ndctl_label *labels)
{
	uint32_t *pass1 = calloc(n ? n : 1, sizeof(*pass1));
	unsigned i;
	int rc = pass1 ? 0 : -ENOMEM;

	for (i = 0; rc == 0 && i < n; i++) {
		struct ndctl_label l = labels[i];

		l.flags |= NDCTL_LABEL_FLAG_UPDATING;
		if (old_slots && old_slots[i] != UINT32_MAX)
			rc = ndctl_lsa_update(lsas[i], ts[i], old_slots[i], &l, &pass1[i]);
		else
			rc = ndctl_lsa_add(lsas[i], ts[i], &l, &pass1[i]);
	}
	for (i = 0; rc == 0 && i < n; i++)
		rc = ndctl_lsa_update(lsas[i], ts[i], pass1[i], &labels[i], NULL);
	free(pass1);
	return rc;
}

NDCTL_EXPORT int ndctl_lsa_repair(struct ndctl_lsa *lsa, struct ndctl_lsa_xport *t)
{
	int rc = check_ready(lsa, t);

	if (rc < 0)
		return rc;
	if (lsa->valid[0] && lsa->valid[1])
		return 0;
	rc = ndctl_lsa_apply(lsa, t, NULL, 0);
	return rc < 0 ? rc : 1;
}

/*
 * Which new index block to write first: the one clear of the area's current
 * index block. A failure between the two writes then leaves the old state
 * (its current block untouched; the other one old, or the new empty index,
 * which wins or loses against it by seq: a whole state either way). Block 0
 * first over a current block 0 would, when the old block 1 held the
 * generation before (seq 3 against 1), make that stale generation current.
 */
static int init_first_block(struct ndctl_lsa *old, uint32_t isz)
{
	uint64_t off, len;

	lsa_analyze_indexes(old);
	if (old->cur < 0)
		return 0;	/* no index: no old state to keep */
	off = (uint64_t)old->cur * old->isz;
	len = old->isz;
	return off < isz && off + len > 0 && !(off < 2 * (uint64_t)isz && off + len > isz);
}

/*
 * nd_label_write_index(..., ND_NSINDEX_INIT) for both blocks: seq 3 and 2,
 * over the bytes the blocks held (as upstream's init-labels writes them), the
 * block clear of the old current index first.
 */
NDCTL_EXPORT int ndctl_lsa_init(struct ndctl_lsa_xport *t, unsigned labelsize, struct ndctl_lsa **out)
{
	uint32_t isz = labelsize == 128 || labelsize == 256 ? lsa_isz_of_area(t->size, labelsize) : 0;
	uint32_t nslot = lsa_nslot_for(t->size, labelsize);
	struct ndctl_lsa *lsa;
	int i, rc;

	if (labelsize != 128 && labelsize != 256)
		return lsa_xport_err(t, -EINVAL, "label size %u: use 128 (v1.1) or 256 (v1.2)", labelsize);
	if (!isz)
		return lsa_xport_err(t, -ENOSPC, "a %llu-byte area is too small for two index blocks and two labels",
			(unsigned long long)t->size);
	rc = lsa_alloc(t->size, &lsa);
	if (rc < 0)
		return rc;
	rc = ndctl_lsa_xport_lock(t);
	if (rc == 0) {
		int first = 0;

		/*
		 * One read of the index blocks serves twice: where the current index is
		 * (which new block to write first), and the bytes the new blocks keep:
		 * upstream sets the fields and the free bitmap in the index blocks as it
		 * read them, so the bytes past the bitmap keep what they held (a 1.1 ->
		 * 1.2 re-init leaves the 1.1 bitmap's tail there). The same bytes, and
		 * checksums, here; an area that cannot be read starts from zeros.
		 */
		if (ndctl_lsa_xport_read(t, 0, lsa->buf, lsa_index_span(t->size)) < 0)
			memset(lsa->buf, 0, 2 * (size_t)isz);
		else
			first = init_first_block(lsa, isz);
		for (i = 0; i < 2; i++) {
			uint8_t *idx = lsa->buf + (uint64_t)i * isz;

			lsa_index_init_free(idx, nslot);
			lsa_index_finish(idx, isz, labelsize, i, 3 - i, nslot);
		}
		for (i = 0; rc == 0 && i < 2; i++) {
			uint64_t off = (uint64_t)(i ^ first) * isz;

			rc = ndctl_lsa_xport_write(t, off, lsa->buf + off, isz);
			if (rc == 0)
				rc = ndctl_lsa_xport_sync(t);
		}
		lsa_note_lock(lsa, t);
		ndctl_lsa_xport_unlock(t);
	}
	/* the slots were not read: nothing of them is known */
	lsa->loaded = calloc(1, nslot / 8 + 1);
	if (rc == 0 && !lsa->loaded)
		rc = -ENOMEM;
	if (rc == 0) {
		lsa_analyze_indexes(lsa);
		rc = lsa_collect_labels(lsa);
	}
	if (rc < 0 || !out)
		ndctl_lsa_free(lsa);
	else
		*out = lsa;
	return rc;
}

// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Upstream check-namespace's checks of each arena, in its order, with its
 * words: flog entries in bounds, map entries in bounds, each flog entry's
 * new block in the map (the kernel's own recovery after a torn write),
 * info2 equal to info, every internal block referenced exactly once; then,
 * if asked, the flog rewritten. The first failing check stops the arena
 * walk, as upstream's.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <ndctl/btt-layout.h>
#include "btt.h"

/* upstream's btt_errcodes, its status of each check */
enum {
	BTT_OK = 0,
	BTT_LOG_EQL_SEQ = 0x100,
	BTT_LOG_OOB_SEQ,
	BTT_LOG_OOB_LBA,
	BTT_LOG_OOB_OLD,
	BTT_LOG_OOB_NEW,
	BTT_LOG_MAP_ERR,
	BTT_MAP_OOB,
	BTT_BITMAP_ERROR,
	BTT_LOGFIX_ERR,
};

static bool repairing(const struct btt_chk *c)
{
	return c->flags & NDCTL_BTT_CHECK_REPAIR;
}

static void repair_msg(struct btt_chk *c)
{
	btt_say(c, LOG_INFO, "repair_msg", "  Run with --repair to make the changes\n");
}

/* Each status's line; upstream says the map/log mismatch at info level only. */
static void say_status(struct btt_chk *c, const struct btt_arena *a, int status)
{
	static const struct { int status; const char *what; } words[] = {
		{ BTT_LOG_EQL_SEQ, "found a pair of log entries with the same sequence number" },
		{ BTT_LOG_OOB_SEQ, "found a log entry with an out of bounds sequence number" },
		{ BTT_LOG_OOB_LBA, "found a log entry with an out of bounds LBA" },
		{ BTT_LOG_OOB_OLD, "found a log entry with an out of bounds 'old' mapping" },
		{ BTT_LOG_OOB_NEW, "found a log entry with an out of bounds 'new' mapping" },
		{ BTT_LOG_MAP_ERR, "found a log entry that does not match with a map entry" },
		{ BTT_MAP_OOB, "found a map entry that is out of bounds" },
		{ BTT_BITMAP_ERROR, "bitmap error: internal blocks are incorrectly referenced" },
		{ BTT_LOGFIX_ERR,
			"rewrite-log error: log may be in an unknown/unrecoverable state" },
	};

	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (words[i].status == status) {
			btt_say(c, status == BTT_LOG_MAP_ERR ? LOG_INFO : LOG_ERR,
					"btt_xlat_status", "arena %d: %s\n", a->num, words[i].what);
			return;
		}
	btt_say(c, LOG_ERR, "btt_xlat_status", "arena %d: unknown error: %d\n", a->num, status);
}

/* Both slots of each lane: distinct sequence numbers of at most 3; the newer in bounds. */
static int check_log_entries(struct btt_chk *c, const struct btt_arena *a)
{
	for (uint32_t i = 0; i < a->nfree; i++) {
		struct btt_log_ent e0, e1;

		btt_log_slot(c->ns, a, i, a->log_index[0], &e0);
		btt_log_slot(c->ns, a, i, a->log_index[1], &e1);
		if (e0.seq == e1.seq)
			return BTT_LOG_EQL_SEQ;
		if (e0.seq > 3 || e1.seq > 3)
			return BTT_LOG_OOB_SEQ;
	}
	for (uint32_t i = 0; i < a->nfree; i++) {
		struct btt_log_ent e;

		btt_log_newest(c->ns, a, i, &e);
		if (e.lba >= a->external_nlba)
			return BTT_LOG_OOB_LBA;
		if (e.old_map >= a->internal_nlba)
			return BTT_LOG_OOB_OLD;
		if (e.new_map >= a->internal_nlba)
			return BTT_LOG_OOB_NEW;
	}
	return BTT_OK;
}

static int check_map_entries(struct btt_chk *c, const struct btt_arena *a)
{
	for (uint32_t i = 0; i < a->external_nlba; i++)
		if (btt_map_lookup(c->ns, a, i) >= a->internal_nlba)
			return BTT_MAP_OOB;
	return BTT_OK;
}

/*
 * Without REPAIR, upstream says what it would change and goes on as if it
 * were fine (the bitmap check then finds the block referenced twice).
 */
static void map_write(struct btt_chk *c, const struct btt_arena *a, uint32_t lba,
		uint32_t mapping)
{
	if (!repairing(c)) {
		btt_say(c, LOG_ERR, "btt_map_write", "Arena %d: map[%#x] needs to be updated to %#x\n",
				a->num, lba, mapping);
		repair_msg(c);
		return;
	}
	btt_say(c, LOG_INFO, "btt_map_write", "Arena %d: Updating map[%#x] to %#x\n", a->num, lba,
			mapping);
	btt_map_put(c->ns, a, lba, mapping);
}

/* A flog entry written whose map update was lost: the map still has the old block. */
static int check_log_map(struct btt_chk *c, const struct btt_arena *a)
{
	for (uint32_t i = 0; i < a->nfree; i++) {
		struct btt_log_ent e;
		uint32_t mapping;

		btt_log_newest(c->ns, a, i, &e);
		mapping = btt_map_lookup(c->ns, a, e.lba);
		if (e.new_map != mapping && e.old_map == mapping) {
			btt_say(c, LOG_INFO, "btt_check_log_map",
					"arena %d: log[%d].new_map (%#x) doesn't match map[%#x] (%#x)\n",
					a->num, (int)i, e.new_map, e.lba, mapping);
			map_write(c, a, e.lba, e.new_map);
		}
	}
	return BTT_OK;
}

/* The info block was verified (or restored) while finding the arenas: it is the truth. */
static int check_info2(struct btt_chk *c, const struct btt_arena *a)
{
	if (memcmp(c->ns + a->info2off, c->ns + a->infooff, BTT_INFO_SIZE) == 0)
		return BTT_OK;
	if (!repairing(c)) {
		btt_say(c, LOG_ERR, "btt_copy_to_info2", "Arena %d: BTT info2 needs to be restored\n",
				a->num);
		repair_msg(c);
		return BTT_OK;
	}
	btt_say(c, LOG_NOTICE, "btt_copy_to_info2", "Arena %d: Restoring BTT info2\n", a->num);
	memcpy(c->ns + a->info2off, c->ns + a->infooff, BTT_INFO_SIZE);	/* apart: regions_inside() */
	return BTT_OK;
}

static bool test_and_set(uint8_t *bm, uint32_t bit)
{
	bool was = bm[bit / 8] & (1u << (bit % 8));

	bm[bit / 8] |= (uint8_t)(1u << (bit % 8));
	return was;
}

static bool all_set(const uint8_t *bm, uint32_t nbits)
{
	for (uint32_t i = 0; i < nbits; i++)
		if (!(bm[i / 8] & (1u << (i % 8))))
			return false;
	return true;
}

/* Each internal block once: by the map, or as a lane's free block (its newer entry's old_map). */
static int mark_blocks(struct btt_chk *c, const struct btt_arena *a, uint8_t *bm)
{
	for (uint32_t i = 0; i < a->external_nlba; i++) {
		uint32_t m = btt_map_lookup(c->ns, a, i);

		if (test_and_set(bm, m)) {
			btt_say(c, LOG_INFO, "btt_check_bitmap",
					"arena %d: internal block %#x is referenced by two map entries\n",
					a->num, m);
			return BTT_BITMAP_ERROR;
		}
	}
	for (uint32_t i = 0; i < a->nfree; i++) {
		struct btt_log_ent e;

		btt_log_newest(c->ns, a, i, &e);
		if (test_and_set(bm, e.old_map)) {
			btt_say(c, LOG_INFO, "btt_check_bitmap",
					"arena %d: internal block %#x is referenced by two map/log entries\n",
					a->num, e.old_map);
			return BTT_BITMAP_ERROR;
		}
	}
	return BTT_OK;
}

/*
 * Runs after check_log_map so that its repairs count. Upstream reports an
 * error for an arena without free blocks (nfree 0) even when full: kept.
 */
static int check_bitmap(struct btt_chk *c, const struct btt_arena *a)
{
	uint8_t *bm = calloc((a->internal_nlba + 7ULL) / 8 + 1, 1);
	int rc;

	if (!bm)
		return -ENOMEM;
	rc = mark_blocks(c, a, bm);
	if (rc == BTT_OK && (a->nfree == 0 || !all_set(bm, a->internal_nlba)))
		rc = BTT_BITMAP_ERROR;
	free(bm);
	return rc;
}

/*
 * -L: each lane back to its initial state, the (0, 1) scheme: slot 0 a
 * copy of the current entry with seq 1, the rest zero. An old kernel reads
 * slot 0 the same, so this also converts between the two schemes.
 */
static int rewrite_log(struct btt_chk *c, const struct btt_arena *a)
{
	static const struct btt_log_ent zero;

	btt_say(c, LOG_INFO, "btt_rewrite_log", "arena %d: rewriting log\n", a->num);
	for (uint32_t i = 0; i < a->nfree; i++) {
		struct btt_log_ent e;

		btt_log_newest(c->ns, a, i, &e);
		e.seq = 1;
		btt_log_slot_put(c->ns, a, i, 0, &e);
		for (int j = 1; j < 4; j++)
			btt_log_slot_put(c->ns, a, i, j, &zero);
	}
	return BTT_OK;
}

static int check_arena(struct btt_chk *c, const struct btt_arena *a)
{
	int (*const checks[])(struct btt_chk *, const struct btt_arena *) = {
		check_log_entries, check_map_entries, check_log_map, check_info2, check_bitmap,
	};
	int rc = BTT_OK;

	for (size_t i = 0; i < sizeof(checks) / sizeof(checks[0]) && rc == BTT_OK; i++)
		rc = checks[i](c, a);
	if (rc == BTT_OK && (c->flags & NDCTL_BTT_CHECK_REWRITE_LOG))
		rc = rewrite_log(c, a);
	return rc;
}

int btt_check_arenas(struct btt_chk *c)
{
	const struct btt_arena *a = NULL;
	int rc = BTT_OK;

	for (int i = 0; i < c->num_arenas && rc == BTT_OK; i++) {
		btt_say(c, LOG_INFO, "btt_check_arenas", "checking arena %d\n", i);
		a = &c->arena[i];
		rc = check_arena(c, a);
	}
	if (a && rc != BTT_OK) {
		say_status(c, a, rc);
		return -ENXIO;
	}
	return 0;
}

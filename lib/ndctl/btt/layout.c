// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The BTT layout's pieces (drawn in btt.h): an arena from its info block,
 * map entries, flog slots and which pair of slots a kernel used, and a fresh
 * layout the way the kernel writes one.
 */
#include <errno.h>
#include <string.h>
#include <ndctl/infoblock.h>
#include "btt.h"
#include "util/le-fields.h"

#define INT_LBASIZE_ALIGN 64	/* the kernel's INT_LBASIZE_ALIGNMENT */
#define PG 4096ULL

/*
 * Upstream's btt_parse_meta: offsets made absolute; -ENXIO when the counts
 * disagree (nfree must be internal - external nlba, one lbasize) or the
 * block carries the error flag (a->flags then has it, for the message).
 */
int btt_arena_parse(struct btt_arena *a, const uint8_t *info, uint64_t off)
{
	struct ndctl_infoblock_btt sb;

	ndctl_infoblock_btt_decode(info, &sb);
	a->internal_nlba = sb.internal_nlba;
	a->internal_lbasize = sb.internal_lbasize;
	a->external_nlba = sb.external_nlba;
	a->external_lbasize = sb.external_lbasize;
	a->nfree = sb.nfree;
	if (a->internal_nlba - a->external_nlba != a->nfree ||
			a->internal_lbasize != a->external_lbasize)
		return -ENXIO;
	a->version_major = sb.version_major;
	a->version_minor = sb.version_minor;
	a->nextoff = sb.nextoff ? off + sb.nextoff : 0;
	a->infooff = off;
	a->dataoff = off + sb.dataoff;
	a->mapoff = off + sb.mapoff;
	a->logoff = off + sb.logoff;
	a->info2off = off + sb.info2off;
	a->size = sb.nextoff ? sb.nextoff : a->info2off - a->infooff + BTT_INFO_SIZE;
	a->flags = sb.flags;
	/* ndkit: a next arena overlapping this one's info block is no layout (upstream walks on) */
	if (sb.nextoff && sb.nextoff < BTT_INFO_SIZE)
		return -ENXIO;
	return a->flags & BTT_INFO_FLAG_ERROR ? -ENXIO : 0;
}

uint32_t btt_map_get(const uint8_t *ns, const struct btt_arena *a, uint32_t lba)
{
	return (uint32_t)le_get(ns + a->mapoff + 4ULL * lba, 4);
}

/* The internal block an external LBA names; the initial state names its own number. */
uint32_t btt_map_lookup(const uint8_t *ns, const struct btt_arena *a, uint32_t lba)
{
	uint32_t raw = btt_map_get(ns, a, lba);

	return raw & BTT_MAP_ENT_NORMAL ? raw & BTT_MAP_LBA_MASK : lba;
}

/* A normal entry: both flags set, which on media means neither Z nor E. */
void btt_map_put(uint8_t *ns, const struct btt_arena *a, uint32_t lba, uint32_t mapping)
{
	le_put(ns + a->mapoff + 4ULL * lba, mapping | BTT_MAP_ENT_NORMAL, 4);
}

void btt_log_slot(const uint8_t *ns, const struct btt_arena *a, uint32_t lane, int slot,
		struct btt_log_ent *ent)
{
	const uint8_t *p = ns + a->logoff + (uint64_t)lane * BTT_LOG_GRP_SIZE +
		(unsigned)slot * BTT_LOG_ENT_SIZE;

	ent->lba = (uint32_t)le_get(p, 4);
	ent->old_map = (uint32_t)le_get(p + 4, 4);
	ent->new_map = (uint32_t)le_get(p + 8, 4);
	ent->seq = (uint32_t)le_get(p + 12, 4);
}

void btt_log_slot_put(uint8_t *ns, const struct btt_arena *a, uint32_t lane, int slot,
		const struct btt_log_ent *ent)
{
	uint8_t *p = ns + a->logoff + (uint64_t)lane * BTT_LOG_GRP_SIZE +
		(unsigned)slot * BTT_LOG_ENT_SIZE;

	le_put(p, ent->lba, 4);
	le_put(p + 4, ent->old_map, 4);
	le_put(p + 8, ent->new_map, 4);
	le_put(p + 12, ent->seq, 4);
}

/*
 * Which of the pair is older (0 or 1), as upstream's btt_log_get_old: an
 * unused first slot (seq 0) counts as seq 1 and older; otherwise the newer
 * is the one whose seq is the other's plus one.
 */
static int log_old(struct btt_log_ent pair[2])
{
	if (pair[0].seq == 0) {
		pair[0].seq = 1;
		return 0;
	}
	if (pair[0].seq < pair[1].seq)
		return pair[1].seq - pair[0].seq == 1 ? 0 : 1;
	return pair[0].seq - pair[1].seq == 1 ? 1 : 0;
}

/* A lane's current entry: the newer of its pair. */
void btt_log_newest(const uint8_t *ns, const struct btt_arena *a, uint32_t lane,
		struct btt_log_ent *ent)
{
	struct btt_log_ent pair[2];

	btt_log_slot(ns, a, lane, a->log_index[0], &pair[0]);
	btt_log_slot(ns, a, lane, a->log_index[1], &pair[1]);
	*ent = pair[1 - log_old(pair)];
}

static bool slot_is_padding(const uint8_t *ns, const struct btt_arena *a, uint32_t lane, int j)
{
	struct btt_log_ent e;

	btt_log_slot(ns, a, lane, j, &e);
	return !e.lba && !e.old_map && !e.new_map && !e.seq;
}

/* Once the pair is known, a lane may only use it: its first slot set, the others padding. */
static bool slot_follows(const uint8_t *ns, const int idx[2], const struct btt_arena *a,
		uint32_t lane, int j)
{
	if (j == idx[0])
		return !slot_is_padding(ns, a, lane, j);
	return j == idx[1] || slot_is_padding(ns, a, lane, j);
}

/*
 * The kernel's and upstream's log_set_indices: the first two slot numbers
 * holding entries (a slot number seen in an earlier lane counted once) are
 * the pair, and every slot after must follow it. Lanes still in their
 * initial state (one entry, three padding slots) tell nothing; when all
 * are, the new pair (0, 1). Only (0, 1) and (0, 2) exist.
 * Return: 0; -ENXIO when the lanes disagree or show no pair; -EPROTO for a
 * pair that is neither (upstream words that one).
 */
int btt_log_indices(const uint8_t *ns, struct btt_arena *a)
{
	int idx[2] = { -1, -1 }, found = 0;
	bool initial = true;

	for (uint32_t i = 0; i < a->nfree; i++) {
		int pads = 0;

		for (int j = 0; j < 4; j++) {
			if (found == 2) {
				if (!slot_follows(ns, idx, a, i, j))
					return -ENXIO;
			} else if (slot_is_padding(ns, a, i, j)) {
				pads++;
			} else if (!(found == 1 && j == idx[0])) {
				idx[found++] = j;
			}
		}
		if (pads < 3)
			initial = false;
	}
	if (!initial && found < 2)
		return -ENXIO;
	if (initial)
		idx[1] = 1;
	if (idx[0] != 0 || (idx[1] != 1 && idx[1] != 2))
		return -EPROTO;
	a->log_index[0] = idx[0];
	a->log_index[1] = idx[1];
	return 0;
}

/* The kernel's alloc_arena arithmetic for one arena of `size` bytes at `off`. */
static int arena_geometry(struct ndctl_infoblock_btt *sb, uint64_t size, uint32_t lbasize)
{
	uint64_t avail = size - size % PG - 2 * PG;	/* the two info blocks */
	uint64_t logsize = (BTT_DEFAULT_NFREE * BTT_LOG_GRP_SIZE + PG - 1) / PG * PG;
	uint64_t mapsize, datasize;

	avail -= logsize;
	sb->external_lbasize = lbasize;
	sb->internal_lbasize = (lbasize + INT_LBASIZE_ALIGN - 1) / INT_LBASIZE_ALIGN *
		INT_LBASIZE_ALIGN;
	sb->nfree = BTT_DEFAULT_NFREE;
	sb->internal_nlba = (uint32_t)((avail - PG) / (sb->internal_lbasize + 4));
	if (sb->internal_nlba <= sb->nfree)
		return -EINVAL;	/* no room for one external block */
	sb->external_nlba = sb->internal_nlba - sb->nfree;
	mapsize = (sb->external_nlba * 4ULL + PG - 1) / PG * PG;
	datasize = avail - mapsize;
	sb->infosize = BTT_INFO_SIZE;
	sb->dataoff = PG;
	sb->mapoff = sb->dataoff + datasize;
	sb->logoff = sb->mapoff + mapsize;
	sb->info2off = sb->logoff + logsize;
	return 0;
}

/* btt_map_init, btt_log_init, then the info block and its copy (btt_arena_write_layout). */
static void arena_write(uint8_t *ns, uint64_t off, const struct ndctl_infoblock_btt *sb)
{
	struct btt_arena a = { .mapoff = off + sb->mapoff, .logoff = off + sb->logoff };

	memset(ns + a.mapoff, 0, sb->external_nlba * 4ULL);
	memset(ns + a.logoff, 0, sb->info2off - sb->logoff);
	for (uint32_t i = 0; i < sb->nfree; i++) {
		struct btt_log_ent e = { i, sb->external_nlba + i, sb->external_nlba + i, 1 };

		btt_log_slot_put(ns, &a, i, 0, &e);
	}
	ndctl_infoblock_btt_encode(sb, ns + off);
	memcpy(ns + off + sb->info2off, ns + off, BTT_INFO_SIZE);
}

/* The kernel's create_arenas: 512 GiB arenas, a last one only when at least 16 MiB. */
int btt_layout_format(uint8_t *ns, uint64_t size, uint32_t lbasize, const uint8_t uuid[16],
		const uint8_t parent_uuid[16], bool v2)
{
	uint64_t off = v2 ? BTT2_START : BTT1_START, remaining;
	uint64_t min = size >= BTT_ARENA_MIN + off ? BTT_ARENA_MIN : 1ULL << 20;

	if (size < off + min || lbasize < 512)
		return -EINVAL;
	remaining = size - off;
	while (remaining >= min) {
		struct ndctl_infoblock_btt sb = {
			.version_major = v2 ? 2 : 1, .version_minor = v2 ? 0 : 1,
		};
		uint64_t asize = remaining < BTT_ARENA_MAX ? remaining : BTT_ARENA_MAX;

		memcpy(sb.uuid, uuid, 16);
		memcpy(sb.parent_uuid, parent_uuid, 16);
		if (arena_geometry(&sb, asize, lbasize))
			return -EINVAL;
		remaining -= asize;
		sb.nextoff = remaining >= min ? asize : 0;
		arena_write(ns, off, &sb);
		off += asize;
	}
	return 0;
}

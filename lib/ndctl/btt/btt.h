/* SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef NDKIT_NDCTL_BTT_BTT_H
#define NDKIT_NDCTL_BTT_BTT_H
/*
 * The BTT (sector mode) on-media layout, as the kernel writes it
 * (drivers/nvdimm/btt.c: alloc_arena, btt_arena_write_layout, btt_log_init).
 * Pure functions over the bytes of a whole namespace; the public entry is
 * ndctl_btt_layout_check() (ndctl/btt-layout.h).
 *
 * A namespace is cut into arenas of at most 512 GiB (ARENA_MAX_SIZE). The
 * first starts at 4 KiB for BTT 1.1 (v1.1 labels, label-less namespaces),
 * at 0 for BTT 2.0 (v1.2 labels); each arena's offsets are relative to its
 * own start (its info block):
 *
 *  arena start                                                  arena end
 *  +------+-------------------------+--------+--------+-------+--------+
 *  | info | data: internal_nlba     | map:   | pad to | log   | info2: |
 *  | 4K   | blocks of internal_     | extern-| 4K     | (flog)| backup |
 *  |      | lbasize                 | al_nlba|        | nfree | copy   |
 *  |      |                         | x 4B   |        | x 64B | 4K     |
 *  +------+-------------------------+--------+--------+-------+--------+
 *  0      dataoff                   mapoff            logoff  info2off
 *
 * The info block (btt_sb) is drawn in ndctl/infoblock.h; nextoff is the
 * next arena's start relative to this one (0: last arena).
 *
 * Map entry (4 bytes, little-endian), one per external LBA:
 *
 *   bit 31 Z (trim)  bit 30 E (error)  bits 29..0 internal block
 *   Z=0,E=0: the initial state, "the block of the same number"; any
 *   other flag pattern: bits 29..0 name the block.
 *
 * Flog (log) group, 64 bytes per lane (nfree lanes): four 16-byte slots
 * of which two hold entries, the others zero padding. Old kernels use
 * slots (0, 2), new ones (0, 1); the pair is found per arena
 * (btt_log_indices()). An entry:
 *
 *   0 lba   4 old_map   8 new_map   12 seq (1, 2, 3 cycling; 0 unused)
 *
 * Of a pair, the newer is the one whose seq follows the other's (3 -> 1
 * wraps); the free block of a lane is the newer entry's old_map.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stddef.h>

#define BTT_INFO_SIZE 4096
#define BTT1_START 4096		/* BTT 1.1: behind the 4 KiB the kernel leaves */
#define BTT2_START 0		/* BTT 2.0 */
#define BTT_ARENA_MIN (1ULL << 24)
#define BTT_ARENA_MAX (1ULL << 39)
#define BTT_MAP_ENT_NORMAL 0xC0000000u
#define BTT_MAP_LBA_MASK 0x3FFFFFFFu
#define BTT_LOG_GRP_SIZE 64
#define BTT_LOG_ENT_SIZE 16
#define BTT_DEFAULT_NFREE 256	/* the kernel's ND_MAX_LANES */
#define BTT_INFO_FLAG_ERROR 0x1u

/* An arena, its offsets absolute (from the namespace start). */
struct btt_arena {
	int num;
	uint64_t size, infooff, dataoff, mapoff, logoff, info2off, nextoff;
	uint32_t external_nlba, internal_nlba, external_lbasize, internal_lbasize;
	uint32_t nfree, flags;
	uint16_t version_major, version_minor;
	int log_index[2];	/* the two slots of each group that hold entries */
};

struct btt_log_ent {
	uint32_t lba, old_map, new_map, seq;
};

/* layout.c: decoding, over a namespace's bytes (bounds checked by the caller). */
int btt_arena_parse(struct btt_arena *a, const uint8_t *info, uint64_t off);
uint32_t btt_map_get(const uint8_t *ns, const struct btt_arena *a, uint32_t lba);
uint32_t btt_map_lookup(const uint8_t *ns, const struct btt_arena *a, uint32_t lba);
void btt_map_put(uint8_t *ns, const struct btt_arena *a, uint32_t lba, uint32_t mapping);
void btt_log_slot(const uint8_t *ns, const struct btt_arena *a, uint32_t lane, int slot,
		struct btt_log_ent *ent);
void btt_log_slot_put(uint8_t *ns, const struct btt_arena *a, uint32_t lane, int slot,
		const struct btt_log_ent *ent);
void btt_log_newest(const uint8_t *ns, const struct btt_arena *a, uint32_t lane,
		struct btt_log_ent *ent);
int btt_log_indices(const uint8_t *ns, struct btt_arena *a);

/*
 * layout.c: a fresh layout as the kernel writes it (every map entry in its
 * initial state, each lane's slot 0 naming its reserved free block), for
 * tests and fuzz seeds. v2 places it at 0 (BTT 2.0), else at 4 KiB (1.1).
 * One arena per 512 GiB; size at least 1 MiB.
 */
int btt_layout_format(uint8_t *ns, uint64_t size, uint32_t lbasize, const uint8_t uuid[16],
		const uint8_t parent_uuid[16], bool v2);

/*
 * A check in progress (check.c, discover.c): the namespace's bytes, what
 * the caller asked, the arenas found, and where findings go.
 */
struct btt_chk {
	uint8_t *ns;
	uint64_t size;
	uint8_t parent_uuid[16];
	unsigned flags;			/* enum ndctl_btt_check_flags */
	uint64_t start_off;		/* BTT1_START or BTT2_START */
	struct btt_arena *arena;
	int num_arenas;
	void (*report)(void *arg, int priority, const char *where, const char *msg);
	void *arg;
};

/* A finding, worded as upstream's and attributed to upstream's function (`where`). */
void btt_say(struct btt_chk *c, int priority, const char *where, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* discover.c: the first info block (recovered if need be), then each arena's. */
int btt_find_arenas(struct btt_chk *c);
/* check.c: upstream's checks of each arena, in its order; 0 or -ENXIO. */
int btt_check_arenas(struct btt_chk *c);

#endif

/* SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef NDKIT_LABEL_CODEC_H
#define NDKIT_LABEL_CODEC_H
/*
 * Internal to libndctl: the label codec, pure functions over a buffer (no
 * I/O: the engine, engine/, reads and writes through a transport). On-media
 * layout (docs/labels.md §1):
 *
 *   0            isz          2*isz                          cfg
 *   +------------+------------+------+------+-- ... --+------+-----+
 *   | index 0    | index 1    | slot | slot |         | slot | pad |
 *   | hdr|free[] | hdr|free[] |  0   |  1   |         |nslot-1     |
 *   +------------+------------+------+------+-- ... --+------+-----+
 *
 * isz = ALIGN(72 + ceil(n/8), 256), slots are L = 128 (v1.1) or 256 (v1.2)
 * bytes. Every field is little-endian and read through the helpers below so
 * that arbitrary (fuzzed) buffers never cause unaligned accesses.
 */
#include <endian.h>
#include <stdint.h>
#include <string.h>
#include <ndctl/lsa.h>

/* index block header */
#define IDX_SIG		0
#define IDX_SIG_LEN	16
#define IDX_FLAGS	16
#define IDX_LABELSIZE	19
#define IDX_SEQ		20
#define IDX_MYOFF	24
#define IDX_MYSIZE	32
#define IDX_OTHEROFF	40
#define IDX_LABELOFF	48
#define IDX_NSLOT	56
#define IDX_MAJOR	60
#define IDX_MINOR	62
#define IDX_CHECKSUM	64
#define IDX_FREE	72
#define IDX_ALIGN	256
extern const char lsa_index_sig[IDX_SIG_LEN];

/* namespace label */
#define LBL_UUID	0
#define LBL_NAME	16
#define LBL_NAME_LEN	64
#define LBL_FLAGS	80
#define LBL_NLABEL	84
#define LBL_POSITION	86
#define LBL_ISETCOOKIE	88
#define LBL_LBASIZE	96
#define LBL_DPA		104
#define LBL_RAWSIZE	112
#define LBL_SLOT	120
#define LBL_ALIGN	124
#define LBL_TYPE_GUID	128
#define LBL_ABS_GUID	144
#define LBL_CHECKSUM	248

static inline uint16_t get16(const uint8_t *p) { uint16_t v; memcpy(&v, p, 2); return le16toh(v); }
static inline uint32_t get32(const uint8_t *p) { uint32_t v; memcpy(&v, p, 4); return le32toh(v); }
static inline uint64_t get64(const uint8_t *p) { uint64_t v; memcpy(&v, p, 8); return le64toh(v); }
static inline void put16(uint8_t *p, uint16_t v) { v = htole16(v); memcpy(p, &v, 2); }
static inline void put32(uint8_t *p, uint32_t v) { v = htole32(v); memcpy(p, &v, 4); }
static inline void put64(uint8_t *p, uint64_t v) { v = htole64(v); memcpy(p, &v, 8); }

static inline int bit_is_set(const uint8_t *map, uint32_t n) { return map[n / 8] & (1u << (n % 8)); }
static inline void bit_set(uint8_t *map, uint32_t n) { map[n / 8] |= (uint8_t)(1u << (n % 8)); }
static inline void bit_clear(uint8_t *map, uint32_t n) { map[n / 8] &= (uint8_t)~(1u << (n % 8)); }

/* index.c: sizes, sequence numbers, checks and the writer */
uint32_t lsa_isz_for(uint64_t nslot);
uint32_t lsa_nslot_for(uint64_t cfg, unsigned L);
uint32_t lsa_isz_of_area(uint64_t cfg, unsigned L);	/* 0 when the area is too small */
unsigned lsa_seq_inc(unsigned seq);
unsigned lsa_best_seq(unsigned a, unsigned b);
/* NULL if index i (isz bytes at buf + i*isz) is valid for label size L, else why not */
const char *lsa_index_check(const uint8_t *buf, uint64_t cfg, unsigned L, int i, const char **id);
/* Fill the header and checksum of an index block at position i (free[] untouched). */
void lsa_index_finish(uint8_t *idx, uint32_t isz, unsigned L, int i, uint32_t seq, uint32_t nslot);
/* The kernel's init bitmap: nslot bits set, bits up to ALIGN(nslot, 64) clear. */
void lsa_index_init_free(uint8_t *idx, uint32_t nslot);

/* nslabel.c */
void lsa_label_decode(const uint8_t *p, unsigned L, struct ndctl_label *out);
void lsa_label_encode(uint8_t *p, unsigned L, const struct ndctl_label *in, uint32_t slot);
int lsa_label_checksum_ok(const uint8_t *p, unsigned L);
void lsa_guid_to_text_order(uint8_t out[16], const uint8_t in[16]);
#define lsa_guid_to_media_order lsa_guid_to_text_order	/* the swap is its own inverse */

/* area.c: the decoded area */
struct ndctl_lsa {
	uint8_t *buf;		/* size bytes; only the loaded parts are meaningful */
	uint64_t size;
	unsigned L;		/* 0: no valid index */
	uint32_t isz;
	uint32_t nslot;		/* from the current index */
	int cur;		/* current index, -1 if none */
	bool valid[2];
	const char *problem[2], *problem_id[2];
	uint8_t *loaded;	/* bitmap of slots read; NULL: everything read */
	uint32_t *active;	/* slots of the active labels, ascending */
	unsigned nactive;
	/* the engine's (engine/): how far this copy can be trusted against the medium */
	bool stale;		/* a transaction failed: reload before using */
	bool locked_load;	/* read while holding the transport's exclusive lock ... */
	unsigned lock_epoch;	/* ... in this hold of it */
};
int lsa_alloc(uint64_t size, struct ndctl_lsa **out);
void lsa_analyze_indexes(struct ndctl_lsa *lsa);
int lsa_collect_labels(struct ndctl_lsa *lsa);
const uint8_t *lsa_cur_index(const struct ndctl_lsa *lsa);
uint64_t lsa_slot_off(const struct ndctl_lsa *lsa, uint32_t slot);
bool lsa_slot_loaded(const struct ndctl_lsa *lsa, uint32_t slot);
/* The first in-use slot at or after slot (nslot if none): for loops over in-use slots. */
uint32_t lsa_next_in_use(const struct ndctl_lsa *lsa, uint32_t slot);

#endif

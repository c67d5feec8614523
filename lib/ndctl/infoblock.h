/* SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef NDKIT_NDCTL_INFOBLOCK_H
#define NDKIT_NDCTL_INFOBLOCK_H
/*
 * Namespace info blocks: the on-media superblocks of the kernel's pfn (fsdax),
 * dax (devdax) and btt (sector) personalities (docs/labels.md §7). Pure functions over a buffer:
 * no I/O, no context. ndctl read-infoblock/write-infoblock and ndctl-qemu
 * provision/inspect all go through these.
 *
 * Where they sit, as namespace byte offsets (the namespace bound raw):
 *
 *   0        4K          8K                           dataoff        size
 *   +--------+-----------+----------------------------+--------------+---+
 *   | zeroes | info block| struct page map (mode PMEM,| data: npfns  |end|
 *   | (BTT's | (pfn, dax | "-M dev"; empty for RAM)   | pages        |trn|
 *   | backup)| or btt)   |                            |              |   |
 *   +--------+-----------+----------------------------+--------------+---+
 *
 * PFN/DAX block (nd_pfn_sb), 4096 bytes, little-endian:
 *
 *    off size field
 *      0  16  signature   "NVDIMM_PFN_INFO\0" (fsdax), "NVDIMM_DAX_INFO\0" (devdax)
 *     16  16  uuid        the pfn/dax device's own
 *     32  16  parent_uuid the namespace's (zero: not tied to one)
 *     48   4  flags
 *     52   2  version_major (1)
 *     54   2  version_minor (4: every field below is meaningful)
 *     56   8  dataoff     first data byte, from the namespace start
 *     64   8  npfns       data pages
 *     72   4  mode        1 RAM (page map in system memory), 2 PMEM (on the device)
 *     76   4  start_pad   deprecated; bytes skipped to align the start
 *     80   4  end_trunc   bytes cut off the end to align it
 *     84   4  align       the mapping alignment asked for
 *     88   4  page_size
 *     92   2  page_struct_size (64: the kernel's MAX_STRUCT_PAGE_SIZE)
 *     94 3994 zero
 *   4088   8  checksum    fletcher64 of the 4096 bytes with this field zero
 *
 * BTT block (btt_sb), 4096 bytes, little-endian, same first 56 bytes and
 * checksum place ("BTT_ARENA_INFO\0" signature):
 *
 *     56   4  external_lbasize   60 4 external_nlba
 *     64   4  internal_lbasize   68 4 internal_nlba
 *     72   4  nfree              76 4 infosize
 *     80   8  nextoff            88 8 dataoff
 *     96   8  mapoff            104 8 logoff
 *    112   8  info2off         120 3968 zero
 */
#include <stdbool.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define NDCTL_INFOBLOCK_SIZE 4096
#define NDCTL_INFOBLOCK_OFFSET 4096	/* where pfn, dax and btt blocks start */
#define NDCTL_INFOBLOCK_HEAD 8192	/* what read-infoblock reads and dumps */

enum ndctl_infoblock_kind {
	NDCTL_INFOBLOCK_NONE,
	NDCTL_INFOBLOCK_PFN,	/* fsdax */
	NDCTL_INFOBLOCK_DAX,	/* devdax */
	NDCTL_INFOBLOCK_BTT,	/* sector */
};

enum ndctl_infoblock_pfn_mode {
	NDCTL_INFOBLOCK_MAP_RAM = 1,	/* -M mem */
	NDCTL_INFOBLOCK_MAP_PMEM = 2,	/* -M dev */
};

struct ndctl_infoblock_pfn {
	enum ndctl_infoblock_kind kind;	/* PFN or DAX */
	uint8_t uuid[16];
	uint8_t parent_uuid[16];
	uint32_t flags;
	uint16_t version_major, version_minor;
	uint64_t dataoff, npfns;
	uint32_t mode, start_pad, end_trunc, align, page_size;
	uint16_t page_struct_size;
};

struct ndctl_infoblock_btt {
	uint8_t uuid[16];
	uint8_t parent_uuid[16];
	uint32_t flags;
	uint16_t version_major, version_minor;
	uint32_t external_lbasize, external_nlba, internal_lbasize, internal_nlba;
	uint32_t nfree, infosize;
	uint64_t nextoff, dataoff, mapoff, logoff, info2off;
};

/**
 * ndctl_infoblock_kind() - which info block a signature names
 * @block: the first 16 bytes of a candidate block
 *
 * The checksum is not looked at (ndctl_infoblock_checksum_ok()).
 *
 * Return: NDCTL_INFOBLOCK_PFN, _DAX or _BTT for their signatures,
 * NDCTL_INFOBLOCK_NONE for anything else.
 * Since: LIBNDCTL_2
 */
enum ndctl_infoblock_kind ndctl_infoblock_kind(const void *block);

/**
 * ndctl_infoblock_checksum_ok() - whether a block's stored checksum is right
 * @block: NDCTL_INFOBLOCK_SIZE bytes
 *
 * Return: true when the Fletcher-64 of the 4096 bytes, with the checksum
 * field taken as zero, equals the checksum stored at offset 4088.
 * Since: LIBNDCTL_2
 */
bool ndctl_infoblock_checksum_ok(const void *block);

/**
 * ndctl_infoblock_pfn_decode() - decode a PFN or DAX info block
 * @block: NDCTL_INFOBLOCK_SIZE bytes
 * @pfn: filled in (zeroed first, kind set even on failure)
 *
 * The checksum is not checked.
 *
 * Return: 0, or -EINVAL when the signature is neither the PFN nor the DAX one.
 * Since: LIBNDCTL_2
 */
int ndctl_infoblock_pfn_decode(const void *block, struct ndctl_infoblock_pfn *pfn);

/**
 * ndctl_infoblock_pfn_encode() - the bytes of a PFN or DAX info block
 * @pfn: the fields; pfn->kind NDCTL_INFOBLOCK_DAX gives the DAX signature,
 *	anything else the PFN one
 * @block: NDCTL_INFOBLOCK_SIZE bytes, overwritten (zeroes where no field is),
 *	checksum included
 *
 * Since: LIBNDCTL_2
 */
void ndctl_infoblock_pfn_encode(const struct ndctl_infoblock_pfn *pfn, void *block);

/**
 * ndctl_infoblock_pfn_layout() - a PFN block's geometry for a namespace
 * @pfn: align and mode are read; dataoff, npfns, start_pad, end_trunc and
 *	the version 1.4 constants (page_size, page_struct_size) are set
 * @size: the namespace's size in bytes
 * @start: the namespace's physical start address
 *
 * The kernel's nd_pfn_init() arithmetic with 4 KiB pages and 2 MiB sections
 * (the alignment is at least a section), done the way upstream's
 * write-infoblock does it, wrapping included (for its -O debug cases).
 *
 * Return: 0, or -ENOSPC when the reserved head and the page map leave no
 * data (@pfn then unchanged).
 * Since: LIBNDCTL_2
 */
int ndctl_infoblock_pfn_layout(struct ndctl_infoblock_pfn *pfn, uint64_t size, uint64_t start);

/**
 * ndctl_infoblock_btt_decode() - decode a BTT info block
 * @block: NDCTL_INFOBLOCK_SIZE bytes
 * @btt: filled in (zeroed first)
 *
 * The checksum is not checked.
 *
 * Return: 0, or -EINVAL when the signature is not the BTT one.
 * Since: LIBNDCTL_2
 */
int ndctl_infoblock_btt_decode(const void *block, struct ndctl_infoblock_btt *btt);

/**
 * ndctl_infoblock_btt_encode() - the bytes of a BTT info block
 * @btt: the fields (infosize included: the kernel writes 4096)
 * @block: NDCTL_INFOBLOCK_SIZE bytes, overwritten (zeroes where no field is),
 *	signature and checksum included
 *
 * Since: LIBNDCTL_5
 */
void ndctl_infoblock_btt_encode(const struct ndctl_infoblock_btt *btt, void *block);

enum ndctl_infoblock_json_flags {
	NDCTL_INFOBLOCK_JSON_HUMAN = 1 << 0,	/* -u: numbers as "0x..." strings */
	NDCTL_INFOBLOCK_JSON_VERIFY = 1 << 1,	/* -V: skip bad checksums, other parents */
};

struct json_object;
/**
 * ndctl_infoblock_head_to_json() - the info blocks of a namespace head, as read-infoblock prints them
 * @head: the first NDCTL_INFOBLOCK_HEAD bytes of a namespace
 * @key: the first key of each object: "dev" or "file"
 * @name: its value
 * @parent_uuid: with VERIFY and not NULL nor zero, the namespace's uuid:
 *	blocks naming another parent are left out
 * @flags: enum ndctl_infoblock_json_flags; VERIFY also leaves out blocks
 *	with a bad checksum
 * @array: a json-c array the objects are appended to
 *
 * Looks, in upstream's order, for a BTT block at 4K, one at 0, and a PFN or
 * DAX block at 4K; each found is one object.
 *
 * Return: how many objects were added, or -ENOMEM when the array could not
 * grow.
 * Since: LIBNDCTL_2
 */
int ndctl_infoblock_head_to_json(const void *head, const char *key, const char *name,
		const uint8_t *parent_uuid, unsigned flags, struct json_object *array);

#ifdef __cplusplus
}
#endif

#endif

// SPDX-License-Identifier: GPL-2.0-only
/*
 * libndctl's info-block codec: fields from known bytes, encode/decode round
 * trips, the layout arithmetic against figures Debian's ndctl 76.1
 * write-infoblock produced, checksums, BTT blocks and read-infoblock's JSON.
 */
#include <errno.h>
#include <string.h>
#include <uuid/uuid.h>
#include <json-c/json.h>
#include <ndctl/libndctl.h>
#include "../test.h"

static void put_le(unsigned char *p, uint64_t v, int n)
{
	for (int i = 0; i < n; i++, v >>= 8)
		p[i] = (unsigned char)v;
}

/* One little-endian integer of a block: where, how wide, what. */
struct put {
	unsigned at, width;
	uint64_t v;
};

/* A block's integers written from a table, then its checksum. */
static void fill(unsigned char *sb, const struct put *puts, size_t n)
{
	for (size_t i = 0; i < n; i++)
		put_le(sb + puts[i].at, puts[i].v, (int)puts[i].width);
	put_le(sb + 4088, 0, 8);
	put_le(sb + 4088, ndctl_label_fletcher64(sb, NDCTL_INFOBLOCK_SIZE, true), 8);
}

static const char *str(struct json_object *j, const char *key)
{
	struct json_object *v;

	return json_object_object_get_ex(j, key, &v) ? json_object_get_string(v) : NULL;
}

static void known_bytes(void)
{
	/* version 1.4, dataoff 16M, 64000 pfns, mode PMEM, end_trunc 4K, align 2M, pages 4K/64 */
	static const struct put dax_puts[] = {
		{ 52, 2, 1 }, { 54, 2, 4 }, { 56, 8, 0x1000000 }, { 64, 8, 64000 }, { 72, 4, 2 },
		{ 80, 4, 0x1000 }, { 84, 4, 0x200000 }, { 88, 4, 4096 }, { 92, 2, 64 },
	};
	static unsigned char sb[NDCTL_INFOBLOCK_SIZE];
	struct ndctl_infoblock_pfn p;

	memcpy(sb, "NVDIMM_DAX_INFO", 16);
	uuid_parse("c23ed9b5-e5a5-473e-ac6a-99a29a37b563", sb + 16);
	fill(sb, dax_puts, sizeof(dax_puts) / sizeof(dax_puts[0]));
	CHECK(ndctl_infoblock_kind(sb) == NDCTL_INFOBLOCK_DAX);
	CHECK(ndctl_infoblock_checksum_ok(sb));
	CHECK(ndctl_infoblock_pfn_decode(sb, &p) == 0);
	CHECK(p.kind == NDCTL_INFOBLOCK_DAX);
	CHECK_EQ_U64(p.dataoff, 0x1000000);
	CHECK_EQ_U64(p.npfns, 64000);
	CHECK_EQ_U64(p.mode, NDCTL_INFOBLOCK_MAP_PMEM);
	CHECK_EQ_U64(p.end_trunc, 0x1000);
	CHECK_EQ_U64(p.align, 0x200000);
	CHECK_EQ_U64(p.page_struct_size, 64);
	CHECK(memcmp(p.uuid, sb + 16, 16) == 0);

	sb[100] ^= 1;	/* one flipped bit: the checksum no longer matches */
	CHECK(!ndctl_infoblock_checksum_ok(sb));
	CHECK(ndctl_infoblock_pfn_decode(sb, &p) == 0);	/* decoding does not judge */
	memcpy(sb, "NOT_AN_INFOBLK", 15);
	CHECK(ndctl_infoblock_kind(sb) == NDCTL_INFOBLOCK_NONE);
	CHECK(ndctl_infoblock_pfn_decode(sb, &p) == -EINVAL);
}

static void round_trip(void)
{
	struct ndctl_infoblock_pfn in = { .kind = NDCTL_INFOBLOCK_PFN, .flags = 3,
		.version_major = 1, .version_minor = 4, .dataoff = 0x2000000, .npfns = 77,
		.mode = 1, .start_pad = 5, .end_trunc = 6, .align = 0x40000000,
		.page_size = 4096, .page_struct_size = 64 };
	unsigned char buf[NDCTL_INFOBLOCK_SIZE];
	struct ndctl_infoblock_pfn out;

	uuid_generate(in.uuid);
	uuid_generate(in.parent_uuid);
	ndctl_infoblock_pfn_encode(&in, buf);
	CHECK(memcmp(buf, "NVDIMM_PFN_INFO", 16) == 0);
	CHECK(ndctl_infoblock_checksum_ok(buf));
	CHECK(ndctl_infoblock_pfn_decode(buf, &out) == 0);
	CHECK(memcmp(&in, &out, sizeof(in)) == 0);
}

/* Figures Debian's ndctl 76.1 wrote: `write-infoblock -o` on a 64M file, and
 * `write-infoblock -c -s 1G -m devdax -a 1G -O 1M -M mem` (its wrap included). */
static void layout_as_upstream(void)
{
	struct ndctl_infoblock_pfn p = { .kind = NDCTL_INFOBLOCK_PFN, .align = 0x200000,
		.mode = NDCTL_INFOBLOCK_MAP_PMEM };

	CHECK(ndctl_infoblock_pfn_layout(&p, 64ULL << 20, 0) == 0);
	CHECK_EQ_U64(p.dataoff, 2097152);
	CHECK_EQ_U64(p.npfns, 15872);
	CHECK_EQ_U64(p.start_pad, 0);
	CHECK_EQ_U64(p.end_trunc, 0);
	CHECK_EQ_U64(p.version_minor, 4);
	CHECK_EQ_U64(p.page_size, 4096);

	p = (struct ndctl_infoblock_pfn){ .kind = NDCTL_INFOBLOCK_DAX, .align = 1U << 30,
		.mode = NDCTL_INFOBLOCK_MAP_RAM };
	CHECK(ndctl_infoblock_pfn_layout(&p, 1ULL << 30, 1ULL << 20) == 0);
	CHECK_EQ_U64(p.dataoff, 1072693248);
	CHECK_EQ_U64(p.npfns, 4503599627108608ULL);
	CHECK_EQ_U64(p.start_pad, 1072693248);
	CHECK_EQ_U64(p.end_trunc, 1048576);

	p = (struct ndctl_infoblock_pfn){ .align = 1U << 30, .mode = NDCTL_INFOBLOCK_MAP_PMEM };
	CHECK(ndctl_infoblock_pfn_layout(&p, 16ULL << 20, 0) == -ENOSPC);
}

static void btt_block(void)
{
	/* version 2, 4K external sectors, 2^31 of them, infosize 4K, info2off */
	static const struct put btt_puts[] = {
		{ 52, 2, 2 }, { 56, 4, 4096 }, { 60, 4, 0x80000000 }, { 76, 4, 4096 },
		{ 112, 8, 0x3ffff000 },
	};
	static unsigned char sb[NDCTL_INFOBLOCK_SIZE];
	struct ndctl_infoblock_btt b;

	memcpy(sb, "BTT_ARENA_INFO", 15);
	fill(sb, btt_puts, sizeof(btt_puts) / sizeof(btt_puts[0]));
	CHECK(ndctl_infoblock_kind(sb) == NDCTL_INFOBLOCK_BTT);
	CHECK(ndctl_infoblock_btt_decode(sb, &b) == 0);
	CHECK_EQ_U64(b.version_major, 2);
	CHECK_EQ_U64(b.external_lbasize, 4096);
	CHECK_EQ_U64(b.infosize, 4096);
	CHECK_EQ_U64(b.info2off, 0x3ffff000);
	CHECK(ndctl_infoblock_pfn_decode(sb, &(struct ndctl_infoblock_pfn){ 0 }) == -EINVAL);
}

/* The read-infoblock array: upstream's keys and types, -u, -V. */
static void head_json(void)
{
	static unsigned char head[NDCTL_INFOBLOCK_HEAD];
	struct ndctl_infoblock_pfn p = { .kind = NDCTL_INFOBLOCK_PFN, .align = 0x200000,
		.mode = NDCTL_INFOBLOCK_MAP_PMEM };
	struct json_object *a = json_object_new_array(), *o, *v;
	uint8_t other[16] = { 1 };

	uuid_parse("ee11c4ea-eb84-40ea-b82f-2bbb4dc7f224", p.parent_uuid);
	ndctl_infoblock_pfn_layout(&p, 64ULL << 20, 0);
	ndctl_infoblock_pfn_encode(&p, head + NDCTL_INFOBLOCK_OFFSET);
	CHECK(ndctl_infoblock_head_to_json(head, "file", "f.img", NULL, 0, a) == 1);
	o = json_object_array_get_idx(a, 0);
	CHECK_EQ_STR(str(o, "file"), "f.img");
	CHECK_EQ_STR(str(o, "signature"), "NVDIMM_PFN_INFO");
	CHECK_EQ_STR(str(o, "parent_uuid"), "ee11c4ea-eb84-40ea-b82f-2bbb4dc7f224");
	CHECK_EQ_STR(str(o, "version"), "1.4");
	CHECK(json_object_object_get_ex(o, "mode", &v) && json_object_is_type(v, json_type_int));
	CHECK(json_object_object_get_ex(o, "npfns", &v) && json_object_get_int64(v) == 15872);
	CHECK(json_object_object_get_ex(o, "align", &v) && json_object_is_type(v, json_type_int));

	CHECK(ndctl_infoblock_head_to_json(head, "dev", "namespace0.0", NULL,
			NDCTL_INFOBLOCK_JSON_HUMAN, a) == 1);
	o = json_object_array_get_idx(a, 1);
	CHECK_EQ_STR(str(o, "dev"), "namespace0.0");
	CHECK_EQ_STR(str(o, "align"), "0x200000");
	CHECK_EQ_STR(str(o, "flags"), "0");

	CHECK(ndctl_infoblock_head_to_json(head, "dev", "n", other,
			NDCTL_INFOBLOCK_JSON_VERIFY, a) == 0);
	CHECK(ndctl_infoblock_head_to_json(head, "dev", "n", p.parent_uuid,
			NDCTL_INFOBLOCK_JSON_VERIFY, a) == 1);
	head[NDCTL_INFOBLOCK_OFFSET + 200] = 1;
	CHECK(ndctl_infoblock_head_to_json(head, "dev", "n", NULL, 0, a) == 1);
	CHECK(ndctl_infoblock_head_to_json(head, "dev", "n", NULL,
			NDCTL_INFOBLOCK_JSON_VERIFY, a) == 0);
	memset(head, 0, sizeof(head));
	CHECK(ndctl_infoblock_head_to_json(head, "dev", "n", NULL, 0, a) == 0);
	json_object_put(a);
}

int main(void)
{
	known_bytes();
	round_trip();
	layout_as_upstream();
	btt_block();
	head_json();
	return test_done("test-infoblock");
}

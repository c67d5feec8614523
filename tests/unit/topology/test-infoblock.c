// SPDX-License-Identifier: GPL-2.0-only
/* The info block decoder: fields from known bytes, and refusals that say why. */
#include <string.h>
#include <uuid/uuid.h>
#include <ndctl/libndctl.h>
#include "../test.h"
#include "../../../cmd/ndctl/infoblock.h"
#include "util/json.h"

static void put_le(unsigned char *p, uint64_t v, int n)
{
	for (int i = 0; i < n; i++, v >>= 8)
		p[i] = (unsigned char)v;
}

static void seal(unsigned char *sb)
{
	put_le(sb + 4088, 0, 8);
	put_le(sb + 4088, ndctl_label_fletcher64(sb, INFOBLOCK_SIZE, true), 8);
}

static const char *str(struct json_object *j, const char *key)
{
	struct json_object *v;

	return json_object_object_get_ex(j, key, &v) ? json_object_get_string(v) : NULL;
}

int main(void)
{
	static unsigned char sb[INFOBLOCK_SIZE];
	struct json_object *j;
	char why[256];

	memcpy(sb, "NVDIMM_PFN_INFO", 16);
	uuid_parse("c23ed9b5-e5a5-473e-ac6a-99a29a37b563", sb + 16);
	uuid_parse("ee11c4ea-eb84-40ea-b82f-2bbb4dc7f224", sb + 32);
	put_le(sb + 52, 1, 2);
	put_le(sb + 54, 4, 2);
	put_le(sb + 56, 0x1000000, 8);
	put_le(sb + 64, 64000, 8);
	put_le(sb + 72, 2, 4);
	put_le(sb + 84, 0x200000, 4);
	put_le(sb + 88, 4096, 4);
	put_le(sb + 92, 64, 2);
	seal(sb);

	j = infoblock_to_json(sb, 0, why, sizeof(why));
	CHECK(j != NULL);
	CHECK_EQ_STR(str(j, "signature"), "NVDIMM_PFN_INFO");
	CHECK_EQ_STR(str(j, "uuid"), "c23ed9b5-e5a5-473e-ac6a-99a29a37b563");
	CHECK_EQ_STR(str(j, "parent_uuid"), "ee11c4ea-eb84-40ea-b82f-2bbb4dc7f224");
	CHECK_EQ_STR(str(j, "version"), "1.4");
	CHECK_EQ_STR(str(j, "mode"), "pmem");
	CHECK_EQ_STR(str(j, "align"), "2097152");
	CHECK_EQ_STR(str(j, "dataoff"), "16777216");
	CHECK_EQ_STR(str(j, "npfns"), "64000");
	json_object_put(j);

	j = infoblock_to_json(sb, UTIL_JSON_HUMAN, why, sizeof(why));
	CHECK_EQ_STR(str(j, "align"), "0x200000");
	json_object_put(j);

	sb[100] ^= 1;	/* one flipped bit: the checksum no longer matches */
	CHECK(infoblock_to_json(sb, 0, why, sizeof(why)) == NULL);
	CHECK(strstr(why, "bad checksum") != NULL);
	memcpy(sb, "NOT_AN_INFOBLK", 15);
	CHECK(infoblock_to_json(sb, 0, why, sizeof(why)) == NULL);
	CHECK(strstr(why, "no PFN or DAX info block") != NULL);
	return test_done("test-infoblock");
}

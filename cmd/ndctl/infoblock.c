// SPDX-License-Identifier: GPL-2.0-only
/* The kernel's nd_pfn_sb (PFN and DAX info blocks), little-endian. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <ndctl/libndctl.h>
#include "infoblock.h"
#include "util/json.h"

static uint64_t le(const unsigned char *p, int n)
{
	uint64_t v = 0;

	while (n--)
		v = v << 8 | p[n];
	return v;
}

static void add_uuid(struct json_object *j, const char *key, const unsigned char *raw)
{
	json_object_object_add(j, key, util_json_uuid(raw));
}

static void add_num(struct json_object *j, const char *key, uint64_t v, unsigned flags)
{
	json_object_object_add(j, key, util_json_hex(v, flags));
}

struct json_object *infoblock_to_json(const unsigned char *sb, unsigned flags,
		char *why, size_t whylen)
{
	unsigned char copy[INFOBLOCK_SIZE];
	struct json_object *j;
	char sig[17], version[16];
	uint64_t sum;

	memcpy(sig, sb, 16);
	sig[16] = '\0';
	if (strcmp(sig, "NVDIMM_PFN_INFO") && strcmp(sig, "NVDIMM_DAX_INFO")) {
		snprintf(why, whylen, "no PFN or DAX info block (signature is not "
				"NVDIMM_PFN_INFO or NVDIMM_DAX_INFO)");
		return NULL;
	}
	memcpy(copy, sb, sizeof(copy));
	memset(copy + 4088, 0, 8);
	sum = ndctl_label_fletcher64(copy, sizeof(copy), true);
	if (sum != le(sb + 4088, 8)) {
		snprintf(why, whylen, "%s info block with a bad checksum (stored %#llx, "
				"computed %#llx)", sig, (unsigned long long)le(sb + 4088, 8),
				(unsigned long long)sum);
		return NULL;
	}
	j = json_object_new_object();
	json_object_object_add(j, "signature", json_object_new_string(sig));
	add_uuid(j, "uuid", sb + 16);
	add_uuid(j, "parent_uuid", sb + 32);
	add_num(j, "flags", le(sb + 48, 4), flags);
	snprintf(version, sizeof(version), "%u.%u", (unsigned)le(sb + 52, 2),
			(unsigned)le(sb + 54, 2));
	json_object_object_add(j, "version", json_object_new_string(version));
	add_num(j, "dataoff", le(sb + 56, 8), flags);
	add_num(j, "npfns", le(sb + 64, 8), flags);
	json_object_object_add(j, "mode", json_object_new_string(
			le(sb + 72, 4) == 1 ? "ram" : le(sb + 72, 4) == 2 ? "pmem" : "none"));
	add_num(j, "start_pad", le(sb + 76, 4), flags);
	add_num(j, "end_trunc", le(sb + 80, 4), flags);
	add_num(j, "align", le(sb + 84, 4), flags);
	add_num(j, "page_size", le(sb + 88, 4), flags);
	add_num(j, "page_struct_size", le(sb + 92, 2), flags);
	return j;
}

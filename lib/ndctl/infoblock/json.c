// SPDX-License-Identifier: LGPL-2.1-or-later
/* read-infoblock's JSON: upstream's keys, order and types. */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <json-c/json.h>
#include <ndctl/infoblock.h>
#include "../private.h"
#include "util/json.h"
#include "util/size.h"

struct head_json {
	const char *key, *name;
	const uint8_t *parent_uuid;
	unsigned flags;
};

static void add_str(struct json_object *o, const char *key, const char *s)
{
	json_object_object_add(o, key, json_object_new_string(s));
}

static void add_uuid(struct json_object *o, const char *key, const uint8_t *u)
{
	json_object_object_add(o, key, util_json_uuid(u));
}

static void add_hex(struct json_object *o, const char *key, uint64_t v, unsigned flags)
{
	json_object_object_add(o, key, util_json_hex(v,
			flags & NDCTL_INFOBLOCK_JSON_HUMAN ? UTIL_JSON_HUMAN : 0));
}

/* Upstream prints these with json_object_new_int(): a u32 above INT32_MAX shows negative. */
static void add_int(struct json_object *o, const char *key, uint32_t v)
{
	json_object_object_add(o, key, json_object_new_int((int32_t)v));
}

static bool wanted(const void *block, const uint8_t *parent, const struct head_json *h)
{
	static const uint8_t zero[16];

	if (!(h->flags & NDCTL_INFOBLOCK_JSON_VERIFY))
		return true;
	if (!ndctl_infoblock_checksum_ok(block))
		return false;
	return !h->parent_uuid || !memcmp(h->parent_uuid, zero, 16) ||
		!memcmp(h->parent_uuid, parent, 16);
}

/* The keys both blocks start with; NULL when the version does not fit "M.m". */
static struct json_object *common_json(const void *block, const uint8_t *uuid,
		const uint8_t *parent, uint32_t flags, unsigned major, unsigned minor,
		const struct head_json *h)
{
	char sig[17], version[8];
	struct json_object *o;

	if (snprintf(version, sizeof(version), "%u.%u", major, minor) > 3)
		return NULL;
	o = json_object_new_object();
	if (!o)
		return NULL;
	memcpy(sig, block, 16);
	sig[16] = '\0';
	add_str(o, h->key, h->name);
	add_str(o, "signature", sig);
	add_uuid(o, "uuid", uuid);
	add_uuid(o, "parent_uuid", parent);
	add_hex(o, "flags", flags, h->flags);
	add_str(o, "version", version);
	return o;
}

/* A block's own keys after the common ones, in upstream's order. */
struct key_json {
	const char *key;
	size_t member;		/* offsetof */
	uint8_t width;		/* the member's size: 2, 4 or 8 */
	bool hex;		/* a hex string (or human) rather than upstream's int */
};

#define PFN(m) offsetof(struct ndctl_infoblock_pfn, m)
#define BTT(m) offsetof(struct ndctl_infoblock_btt, m)

static const struct key_json pfn_keys[] = {
	{ "dataoff", PFN(dataoff), 8, true },
	{ "npfns", PFN(npfns), 8, true },
	{ "mode", PFN(mode), 4, false },
	{ "start_pad", PFN(start_pad), 4, true },
	{ "end_trunc", PFN(end_trunc), 4, true },
	{ "align", PFN(align), 4, true },
	{ "page_size", PFN(page_size), 4, true },
	{ "page_struct_size", PFN(page_struct_size), 2, true },
};

static const struct key_json btt_keys[] = {
	{ "external_lbasize", BTT(external_lbasize), 4, false },
	{ "external_nlba", BTT(external_nlba), 4, false },
	{ "internal_lbasize", BTT(internal_lbasize), 4, false },
	{ "internal_nlba", BTT(internal_nlba), 4, false },
	{ "nfree", BTT(nfree), 4, false },
	{ "infosize", BTT(infosize), 4, false },
	{ "nextoff", BTT(nextoff), 8, true },
	{ "dataoff", BTT(dataoff), 8, true },
	{ "mapoff", BTT(mapoff), 8, true },
	{ "logoff", BTT(logoff), 8, true },
	{ "info2off", BTT(info2off), 8, true },
};

static uint64_t member_value(const void *obj, const struct key_json *k)
{
	const uint8_t *m = (const uint8_t *)obj + k->member;
	uint16_t u16;
	uint32_t u32;
	uint64_t u64;

	switch (k->width) {
	case 2: memcpy(&u16, m, 2); return u16;
	case 4: memcpy(&u32, m, 4); return u32;
	default: memcpy(&u64, m, 8); return u64;
	}
}

static struct json_object *add_keys(struct json_object *o, const struct key_json *keys,
		size_t n, const void *obj, unsigned flags)
{
	for (size_t i = 0; o && i < n; i++) {
		uint64_t v = member_value(obj, &keys[i]);

		if (keys[i].hex)
			add_hex(o, keys[i].key, v, flags);
		else
			add_int(o, keys[i].key, (uint32_t)v);
	}
	return o;
}

static struct json_object *pfn_json(const void *block, const struct head_json *h)
{
	struct ndctl_infoblock_pfn p;

	if (ndctl_infoblock_pfn_decode(block, &p) || !wanted(block, p.parent_uuid, h))
		return NULL;
	return add_keys(common_json(block, p.uuid, p.parent_uuid, p.flags, p.version_major,
			p.version_minor, h), pfn_keys, ARRAY_SIZE(pfn_keys), &p, h->flags);
}

static struct json_object *btt_json(const void *block, const struct head_json *h)
{
	struct ndctl_infoblock_btt b;

	if (ndctl_infoblock_btt_decode(block, &b) || !wanted(block, b.parent_uuid, h))
		return NULL;
	return add_keys(common_json(block, b.uuid, b.parent_uuid, b.flags, b.version_major,
			b.version_minor, h), btt_keys, ARRAY_SIZE(btt_keys), &b, h->flags);
}

NDCTL_EXPORT int ndctl_infoblock_head_to_json(const void *head, const char *key,
		const char *name, const uint8_t *parent_uuid, unsigned flags,
		struct json_object *array)
{
	const struct head_json h = { key, name, parent_uuid, flags };
	const uint8_t *at4k = (const uint8_t *)head + NDCTL_INFOBLOCK_OFFSET;
	struct json_object *found[3] = {
		btt_json(at4k, &h), btt_json(head, &h), pfn_json(at4k, &h),
	};
	int n = 0;

	for (unsigned i = 0; i < 3; i++) {
		if (!found[i])
			continue;
		if (json_object_array_add(array, found[i]))
			return -ENOMEM;
		n++;
	}
	return n;
}

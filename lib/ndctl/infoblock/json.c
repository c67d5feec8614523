// SPDX-License-Identifier: LGPL-2.1-or-later
/* read-infoblock's JSON: upstream's keys, order and types. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <json-c/json.h>
#include <ndctl/infoblock.h>
#include "../private.h"
#include "util/json.h"

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

static struct json_object *pfn_json(const void *block, const struct head_json *h)
{
	struct ndctl_infoblock_pfn p;
	struct json_object *o;

	if (ndctl_infoblock_pfn_decode(block, &p) || !wanted(block, p.parent_uuid, h))
		return NULL;
	o = common_json(block, p.uuid, p.parent_uuid, p.flags, p.version_major,
			p.version_minor, h);
	if (!o)
		return NULL;
	add_hex(o, "dataoff", p.dataoff, h->flags);
	add_hex(o, "npfns", p.npfns, h->flags);
	add_int(o, "mode", p.mode);
	add_hex(o, "start_pad", p.start_pad, h->flags);
	add_hex(o, "end_trunc", p.end_trunc, h->flags);
	add_hex(o, "align", p.align, h->flags);
	add_hex(o, "page_size", p.page_size, h->flags);
	add_hex(o, "page_struct_size", p.page_struct_size, h->flags);
	return o;
}

static struct json_object *btt_json(const void *block, const struct head_json *h)
{
	struct ndctl_infoblock_btt b;
	struct json_object *o;

	if (ndctl_infoblock_btt_decode(block, &b) || !wanted(block, b.parent_uuid, h))
		return NULL;
	o = common_json(block, b.uuid, b.parent_uuid, b.flags, b.version_major,
			b.version_minor, h);
	if (!o)
		return NULL;
	add_int(o, "external_lbasize", b.external_lbasize);
	add_int(o, "external_nlba", b.external_nlba);
	add_int(o, "internal_lbasize", b.internal_lbasize);
	add_int(o, "internal_nlba", b.internal_nlba);
	add_int(o, "nfree", b.nfree);
	add_int(o, "infosize", b.infosize);
	add_hex(o, "nextoff", b.nextoff, h->flags);
	add_hex(o, "dataoff", b.dataoff, h->flags);
	add_hex(o, "mapoff", b.mapoff, h->flags);
	add_hex(o, "logoff", b.logoff, h->flags);
	add_hex(o, "info2off", b.info2off, h->flags);
	return o;
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

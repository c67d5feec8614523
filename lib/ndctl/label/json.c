// SPDX-License-Identifier: LGPL-2.1-or-later
#include <uuid/uuid.h>
#include <json-c/json.h>
#include "private.h"
#include "engine.h"
#include "util/json.h"

/* The shape of testdata's *.expected.json, key order included. */

static void add_u64(struct json_object *o, const char *key, uint64_t v)
{
	json_object_object_add(o, key, v > INT64_MAX ? util_json_u64(v) : json_object_new_int64((int64_t)v));
}

static void add_uuid(struct json_object *o, const char *key, const uint8_t *u)
{
	char text[37];

	uuid_unparse(u, text);
	json_object_object_add(o, key, json_object_new_string(text));
}

static struct json_object *label_json(const struct ndctl_label *l, unsigned L)
{
	struct json_object *o = json_object_new_object();

	if (!o)
		return NULL;
	add_u64(o, "slot", l->slot);
	add_uuid(o, "uuid", l->uuid);
	json_object_object_add(o, "name", json_object_new_string(l->name));
	add_u64(o, "flags", l->flags);
	add_u64(o, "nlabel", l->nlabel);
	add_u64(o, "position", l->position);
	add_u64(o, "isetcookie", l->isetcookie);
	add_u64(o, "lbasize", l->lbasize);
	add_u64(o, "dpa", l->dpa);
	add_u64(o, "rawsize", l->rawsize);
	if (L >= 256) {
		add_uuid(o, "type_guid", l->type_guid);
		add_uuid(o, "abstraction_guid", l->abstraction_guid);
	}
	return o;
}

static void add_index_info(struct json_object *o, const struct ndctl_lsa *lsa)
{
	struct json_object *valid = json_object_new_array(), *seq = json_object_new_array();
	int i;

	for (i = 0; i < 2; i++) {
		if (!lsa->valid[i])
			continue;
		json_object_array_add(valid, json_object_new_int(i));
		json_object_array_add(seq, json_object_new_int64(ndctl_lsa_index_seq(lsa, i) & 3));
	}
	json_object_object_add(o, "valid_indexes", valid);
	json_object_object_add(o, "seq", seq);
}

NDCTL_EXPORT struct json_object *ndctl_lsa_to_json(const struct ndctl_lsa *lsa)
{
	struct json_object *o = json_object_new_object(), *labels;
	struct ndctl_label l;
	unsigned i;

	if (!o)
		return NULL;
	json_object_object_add(o, "valid", json_object_new_boolean(lsa->cur >= 0));
	if (lsa->cur < 0)
		return o;
	json_object_object_add(o, "version", json_object_new_string(lsa->L < 256 ? "1.1" : "1.2"));
	add_u64(o, "labelsize", lsa->L);
	add_u64(o, "nslot", lsa->nslot);
	add_u64(o, "current_index", (uint64_t)lsa->cur);
	add_index_info(o, lsa);
	labels = json_object_new_array();
	for (i = 0; i < lsa->nactive; i++) {
		ndctl_lsa_label_get(lsa, i, &l);
		json_object_array_add(labels, label_json(&l, lsa->L));
	}
	json_object_object_add(o, "labels", labels);
	return o;
}

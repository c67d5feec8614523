// SPDX-License-Identifier: LGPL-2.1-or-later
#include <string.h>
#include <json-c/json.h>
#include "private.h"
#include "codec.h"
#include "util/json.h"

/*
 * Every key here is a string constant, added once per object: json-c need
 * neither copy it nor look for an earlier one (docs/performance.md).
 */
#define add_new(o, key, v) json_object_object_add_ex((o), (key), (v), \
		JSON_C_OBJECT_ADD_KEY_IS_NEW | JSON_C_OBJECT_KEY_IS_CONSTANT)

/*
 * The two JSON renderings of a label area, both here: ndctl_lsa_to_json
 * (the shape of the test vectors' *.expected.json, key order included) and
 * ndctl_lsa_dump_json (read-labels -j with upstream's keys and order, also
 * what ndctl-qemu inspect prints).
 */

static void add_u64(struct json_object *o, const char *key, uint64_t v)
{
	add_new(o, key, util_json_u64(v));
}

static void add_uuid(struct json_object *o, const char *key, const uint8_t *u)
{
	add_new(o, key, util_json_uuid(u));
}

static struct json_object *label_json(const struct ndctl_label *l, unsigned L)
{
	struct json_object *o = json_object_new_object();

	if (!o)
		return NULL;
	add_u64(o, "slot", l->slot);
	add_uuid(o, "uuid", l->uuid);
	add_new(o, "name", json_object_new_string(l->name));
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
	add_new(o, "valid_indexes", valid);
	add_new(o, "seq", seq);
}

NDCTL_EXPORT struct json_object *ndctl_lsa_to_json(const struct ndctl_lsa *lsa)
{
	struct json_object *o = json_object_new_object(), *labels;
	struct ndctl_label l;
	unsigned i;

	if (!o)
		return NULL;
	add_new(o, "valid", json_object_new_boolean(lsa->cur >= 0));
	if (lsa->cur < 0)
		return o;
	add_new(o, "version", json_object_new_string(lsa->L < 256 ? "1.1" : "1.2"));
	add_u64(o, "labelsize", lsa->L);
	add_u64(o, "nslot", lsa->nslot);
	add_u64(o, "current_index", (uint64_t)lsa->cur);
	add_index_info(o, lsa);
	labels = json_object_new_array();
	for (i = 0; i < lsa->nactive; i++) {
		ndctl_lsa_label_get(lsa, i, &l);
		json_object_array_add(labels, label_json(&l, lsa->L));
	}
	add_new(o, "labels", labels);
	return o;
}

/* ---------------------------------------------------------------- read-labels -j
 *   { dev, index: [{signature, major, minor, labelsize, seq, nslot} x2],
 *     label: [{uuid, name, slot, position, nlabel, flags, isetcookie, lbasize,
 *              dpa, rawsize[, type_guid, abstraction_guid]}] }
 * Unlike upstream: only the labels the current index marks in use (the ones
 * the kernel uses), GUIDs in standard text form; ALL_SLOTS adds the stale
 * slots with "active": false.
 */

static void add_dump_num(struct json_object *o, const char *key, uint64_t v)
{
	add_new(o, key, util_json_u64(v));
}

static void add_text(struct json_object *o, const char *key, const char *s)
{
	add_new(o, key, json_object_new_string(s));
}

static struct json_object *index_json(const struct ndctl_lsa *lsa, int i)
{
	struct ndctl_lsa_index_info info;
	char sig[IDX_SIG_LEN + 1] = "";
	struct json_object *o;
	uint32_t isz;

	if (ndctl_lsa_index_info(lsa, i, &info) < 0)
		return NULL;
	/* what the signature field holds, as upstream prints it (nfit_test's "label0") */
	isz = lsa->isz ? lsa->isz : lsa_isz_of_area(lsa->size, 128);
	memcpy(sig, lsa->buf + (uint64_t)i * isz + IDX_SIG, IDX_SIG_LEN);
	o = json_object_new_object();
	if (!o)
		return NULL;
	add_text(o, "signature", info.signature_ok ? "NAMESPACE_INDEX" : sig);
	add_dump_num(o, "major", info.major);
	add_dump_num(o, "minor", info.minor);
	add_dump_num(o, "labelsize", info.labelsize_field < 8 ? 128u << info.labelsize_field : 0);
	add_dump_num(o, "seq", info.seq);
	add_dump_num(o, "nslot", info.nslot);
	return o;
}

static struct json_object *dump_label_json(const struct ndctl_label *l, unsigned labelsize,
		unsigned flags, int active)
{
	unsigned human = flags & NDCTL_LSA_JSON_HUMAN ? UTIL_JSON_HUMAN : 0;
	struct json_object *o = json_object_new_object();

	if (!o)
		return NULL;
	add_uuid(o, "uuid", l->uuid);
	add_text(o, "name", l->name);
	add_dump_num(o, "slot", l->slot);
	add_dump_num(o, "position", l->position);
	add_dump_num(o, "nlabel", l->nlabel);
	add_new(o, "flags", util_json_hex(l->flags, human));
	add_new(o, "isetcookie", util_json_hex(l->isetcookie, human));
	add_dump_num(o, "lbasize", l->lbasize);
	add_new(o, "dpa", util_json_hex(l->dpa, human));
	add_new(o, "rawsize", util_json_size(l->rawsize, human));
	if (labelsize >= 256) {
		add_uuid(o, "type_guid", l->type_guid);
		add_uuid(o, "abstraction_guid", l->abstraction_guid);
	}
	if (flags & NDCTL_LSA_JSON_ALL_SLOTS)
		add_new(o, "active", json_object_new_boolean(active));
	return o;
}

static bool is_active_slot(const struct ndctl_lsa *lsa, uint32_t slot)
{
	struct ndctl_label l;
	unsigned i;

	for (i = 0; i < ndctl_lsa_label_count(lsa); i++)
		if (ndctl_lsa_label_get(lsa, i, &l) == 0 && l.slot == slot)
			return true;
	return false;
}

static bool all_zero(const uint8_t *p, size_t len)
{
	return len == 0 || (p[0] == 0 && memcmp(p, p + 1, len - 1) == 0);
}

/*
 * A stale slot worth showing: it names its own position (as upstream's
 * filter) and is not blank. Needs the area loaded in full.
 */
static bool stale_label(const struct ndctl_lsa *lsa, uint32_t slot, struct ndctl_label *l)
{
	unsigned L = ndctl_lsa_labelsize(lsa);
	uint64_t off = 2 * (uint64_t)ndctl_lsa_isz(lsa) + (uint64_t)slot * L;

	return ndctl_lsa_slot_decode(lsa, slot, l) == 0 && l->slot == slot &&
		!all_zero(ndctl_lsa_raw(lsa) + off, L);
}

static struct json_object *labels_json(const struct ndctl_lsa *lsa, unsigned flags)
{
	struct json_object *arr = json_object_new_array();
	unsigned L = ndctl_lsa_labelsize(lsa), i;
	struct ndctl_label l;
	uint32_t slot;

	if (!arr)
		return NULL;
	if (!(flags & NDCTL_LSA_JSON_ALL_SLOTS)) {
		for (i = 0; i < ndctl_lsa_label_count(lsa); i++)
			if (ndctl_lsa_label_get(lsa, i, &l) == 0)
				json_object_array_add(arr, dump_label_json(&l, L, flags, 1));
		return arr;
	}
	for (slot = 0; slot < ndctl_lsa_nslot(lsa); slot++) {
		bool active = is_active_slot(lsa, slot);

		if (active)
			ndctl_lsa_slot_decode(lsa, slot, &l);
		if (active || stale_label(lsa, slot, &l))
			json_object_array_add(arr, dump_label_json(&l, L, flags, active));
	}
	return arr;
}

NDCTL_EXPORT struct json_object *ndctl_lsa_dump_json(const struct ndctl_lsa *lsa, const char *dev,
		unsigned flags)
{
	struct json_object *o = json_object_new_object(), *index = json_object_new_array();
	int i;

	if (!o || !index) {
		json_object_put(o);
		json_object_put(index);
		return NULL;
	}
	add_text(o, "dev", dev);
	for (i = 0; i < 2; i++) {
		struct json_object *x = index_json(lsa, i);

		if (x)
			json_object_array_add(index, x);
	}
	add_new(o, "index", index);
	if (!(flags & NDCTL_LSA_JSON_INDEX_ONLY))
		add_new(o, "label", labels_json(lsa, flags));
	return o;
}

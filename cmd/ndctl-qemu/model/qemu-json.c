// SPDX-License-Identifier: GPL-2.0-only
/*
 * QEMU's JSON form of -object and -device values, the one libvirt writes:
 * '{"qom-type":"memory-backend-file","id":"m0","size":1073741824}'. The
 * members become the same keys the key=value form gives, so every rule
 * applies unchanged. Unlike key=value, QEMU reads JSON typed: "share":"on"
 * or "size":"1G" make QEMU refuse the option, so they are findings here.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <json-c/json.h>
#include "util/size.h"
#include "qemu-json.h"

/* Properties of the memory objects and devices, by the JSON type QEMU wants. */
static const char *const bool_keys[] = {
	"share", "pmem", "readonly", "unarmed", "prealloc", "discard-data", "dump",
	"merge", "reserve", "x-use-canonical-path-for-ramblock-id",
};
static const char *const number_keys[] = {
	"size", "align", "label-size", "addr", "slot", "node", "offset",
};

static bool listed(const char *key, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(key, list[i]) == 0)
			return true;
	return false;
}

static void check_type(struct qemu_option *opt, const char *key, struct json_object *v,
		struct findings *f)
{
	enum json_type t = json_object_get_type(v);

	if (listed(key, bool_keys, ARRAY_SIZE(bool_keys)) && t != json_type_boolean)
		finding_add(f, SEV_ERROR, "syntax", opt->text,
			"\"%s\" must be a JSON boolean, QEMU refuses anything else here; "
			"write \"%s\":true or \"%s\":false", key, key, key);
	else if (listed(key, number_keys, ARRAY_SIZE(number_keys)) && t != json_type_int)
		finding_add(f, SEV_ERROR, "syntax", opt->text,
			"\"%s\" must be a JSON integer (bytes for sizes), QEMU refuses anything "
			"else here; write e.g. \"%s\":1073741824", key, key);
}

/* The key=value spelling of a JSON member: booleans on/off, numbers as written. */
static const char *member_text(struct json_object *v)
{
	switch (json_object_get_type(v)) {
	case json_type_boolean:
		return json_object_get_boolean(v) ? "on" : "off";
	case json_type_string:
		return json_object_get_string(v);
	default:
		return json_object_to_json_string_ext(v, JSON_C_TO_STRING_PLAIN);
	}
}

/* Only memory backends and DIMMs are typed here; other devices' "addr" is a PCI address. */
static bool is_memory_option(struct json_object *obj)
{
	struct json_object *v;
	const char *s;

	if (json_object_object_get_ex(obj, "qom-type", &v) &&
	    (s = json_object_get_string(v)) && strncmp(s, "memory-backend-", 15) == 0)
		return true;
	return json_object_object_get_ex(obj, "driver", &v) &&
		(s = json_object_get_string(v)) &&
		(strcmp(s, "nvdimm") == 0 || strcmp(s, "pc-dimm") == 0);
}

void qemu_opt_parse_json(struct qemu_option *opt, const char *json, struct findings *f)
{
	struct json_tokener *tok = json_tokener_new();
	size_t len = strlen(json);
	struct json_object *obj;

	if (!tok)
		abort();
	while (len && isspace((unsigned char)json[len - 1]))
		len--;
	obj = json_tokener_parse_ex(tok, json, (int)len);
	if (!obj || json_tokener_get_parse_end(tok) != len ||
	    !json_object_is_type(obj, json_type_object)) {
		finding_add(f, SEV_ERROR, "syntax", opt->text,
			"the value is not one JSON object (%s); QEMU refuses it; write "
			"{\"key\":value,...} or key=value,...",
			obj ? "text after the object, or not an object" :
			json_tokener_error_desc(json_tokener_get_error(tok)));
	} else {
		bool typed = is_memory_option(obj);

		json_object_object_foreach(obj, key, v) {
			if (json_object_is_type(v, json_type_null))
				continue;
			if (typed)
				check_type(opt, key, v, f);
			qemu_opt_set(opt, key, member_text(v));
		}
	}
	json_object_put(obj);
	json_tokener_free(tok);
}

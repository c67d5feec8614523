// SPDX-License-Identifier: LGPL-2.1-or-later
#include <stdio.h>
#include <uuid/uuid.h>
#include "util/json.h"
#include "util/size.h"

struct json_object *util_json_u64(uint64_t value)
{
	return json_object_new_uint64(value);
}

struct json_object *util_json_size(uint64_t bytes, unsigned flags)
{
	char buf[64];

	if (flags & UTIL_JSON_HUMAN)
		return json_object_new_string(format_size_human(bytes, buf, sizeof(buf)));
	return util_json_u64(bytes);
}

struct json_object *util_json_hex(uint64_t value, unsigned flags)
{
	char buf[32];

	if (flags & UTIL_JSON_HUMAN) {
		snprintf(buf, sizeof(buf), "%#llx", (unsigned long long)value);
		return json_object_new_string(buf);
	}
	return util_json_u64(value);
}

struct json_object *util_json_uuid(const unsigned char uu[16])
{
	char text[40];

	uuid_unparse(uu, text);
	return json_object_new_string(text);
}

void util_json_print(FILE *f, struct json_object *obj)
{
	fputs(json_object_to_json_string_ext(obj,
			JSON_C_TO_STRING_PRETTY |
			JSON_C_TO_STRING_NOSLASHESCAPE), f);
	fputc('\n', f);
}

// SPDX-License-Identifier: LGPL-2.1-or-later
#include <stdio.h>
#include <json-c/printbuf.h>
#include <uuid/uuid.h>
#include "util/json.h"
#include "util/size.h"

/*
 * json-c prints integers with snprintf: a quarter of read-labels -j's
 * instructions for 240 labels. The same digits, written directly.
 */
static int u64_to_json(struct json_object *o, struct printbuf *pb, int level, int flags)
{
	char buf[24], *p = buf + sizeof(buf);
	uint64_t v = json_object_get_uint64(o);

	(void)level;
	(void)flags;
	do {
		*--p = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	return printbuf_memappend(pb, p, (int)(buf + sizeof(buf) - p));
}

struct json_object *util_json_u64(uint64_t value)
{
	struct json_object *o = json_object_new_uint64(value);

	if (o)
		json_object_set_serializer(o, u64_to_json, NULL, NULL);
	return o;
}

/*
 * With -u, upstream writes a size below 5000 KiB as the number of bytes, as
 * it does without (its display_size(), after mdadm's): nfit_test's 4 MiB
 * region and 4 KiB align.
 */
struct json_object *util_json_size(uint64_t bytes, unsigned flags)
{
	char buf[64];

	if ((flags & UTIL_JSON_HUMAN) && bytes >= 5000 * 1024)
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

void util_json_print_escaped(FILE *f, struct json_object *obj)
{
	fputs(json_object_to_json_string_ext(obj, JSON_C_TO_STRING_PRETTY), f);
	fputc('\n', f);
}

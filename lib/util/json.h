/* SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef NDKIT_UTIL_JSON_H
#define NDKIT_UTIL_JSON_H
#include <stdint.h>
#include <stdio.h>
#include <json-c/json.h>

/* Output flags shared by every list/read command (upstream's -u, -i ...). */
enum util_json_flags {
	UTIL_JSON_HUMAN = 1 << 0,	/* -u: sizes as "X.XX GiB (Y GB)", ids as "0x..." */
	UTIL_JSON_IDLE  = 1 << 1,	/* -i: include idle/disabled objects */
	UTIL_JSON_VERBOSE = 1 << 2,
};

/* A size: a number, or with UTIL_JSON_HUMAN the "X.XX GiB (Y GB)" string. */
struct json_object *util_json_size(uint64_t bytes, unsigned flags);
/* A hex-ish value (cookies, offsets): a number, or "0x..." when human. */
struct json_object *util_json_hex(uint64_t value, unsigned flags);
/* An unsigned 64-bit number (json-c's int64 would print values >= 2^63 negative). */
struct json_object *util_json_u64(uint64_t value);

/* A uuid (or GUID in text order) in its standard text form. */
struct json_object *util_json_uuid(const unsigned char uu[16]);

/* Print like upstream ndctl: pretty, "key":value with no space, trailing newline. */
void util_json_print(FILE *f, struct json_object *obj);
/* The same with '/' escaped as "\/", json-c's default, which upstream daxctl keeps. */
void util_json_print_escaped(FILE *f, struct json_object *obj);

#endif

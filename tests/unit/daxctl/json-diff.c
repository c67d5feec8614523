// SPDX-License-Identifier: GPL-2.0-only
/*
 * json-diff A B: exit 0 when the two JSON documents hold the same keys in the
 * same order with equal values, else print the first difference's path.
 * Arrays of objects are matched by their "chardev" or "id" member, because
 * upstream lists regions in the kernel's directory order and ndkit by id.
 */
#include <stdio.h>
#include <string.h>
#include <json-c/json.h>

static int diff(struct json_object *a, struct json_object *b, const char *path);

static struct json_object *key_of(struct json_object *o)
{
	struct json_object *k;

	if (json_object_get_type(o) != json_type_object)
		return NULL;
	if (json_object_object_get_ex(o, "chardev", &k) || json_object_object_get_ex(o, "id", &k))
		return k;
	return NULL;
}

static struct json_object *find_same_key(struct json_object *arr, struct json_object *item)
{
	struct json_object *k = key_of(item);

	for (size_t i = 0; k && i < json_object_array_length(arr); i++) {
		struct json_object *cand = json_object_array_get_idx(arr, i);
		struct json_object *ck = key_of(cand);

		if (ck && strcmp(json_object_get_string(ck), json_object_get_string(k)) == 0)
			return cand;
	}
	return NULL;
}

static int diff_array(struct json_object *a, struct json_object *b, const char *path)
{
	size_t n = json_object_array_length(a);
	char sub[512];

	if (n != json_object_array_length(b)) {
		printf("%s: %zu elements vs %zu\n", path, n, json_object_array_length(b));
		return 1;
	}
	for (size_t i = 0; i < n; i++) {
		struct json_object *ea = json_object_array_get_idx(a, i);
		struct json_object *eb = find_same_key(b, ea);

		if (!eb)
			eb = json_object_array_get_idx(b, i);
		snprintf(sub, sizeof(sub), "%s[%zu]", path, i);
		if (diff(ea, eb, sub))
			return 1;
	}
	return 0;
}

static int diff_object(struct json_object *a, struct json_object *b, const char *path)
{
	struct json_object_iterator ia = json_object_iter_begin(a), ea = json_object_iter_end(a);
	struct json_object_iterator ib = json_object_iter_begin(b), eb = json_object_iter_end(b);
	char sub[512];

	while (!json_object_iter_equal(&ia, &ea) && !json_object_iter_equal(&ib, &eb)) {
		const char *ka = json_object_iter_peek_name(&ia), *kb = json_object_iter_peek_name(&ib);

		snprintf(sub, sizeof(sub), "%s.%s", path, ka);
		if (strcmp(ka, kb) != 0) {
			printf("%s: key \"%s\" vs \"%s\"\n", path, ka, kb);
			return 1;
		}
		if (diff(json_object_iter_peek_value(&ia), json_object_iter_peek_value(&ib), sub))
			return 1;
		json_object_iter_next(&ia);
		json_object_iter_next(&ib);
	}
	if (json_object_iter_equal(&ia, &ea) != json_object_iter_equal(&ib, &eb)) {
		printf("%s: one side has more keys (%s)\n", path, json_object_iter_equal(&ia, &ea) ?
				json_object_iter_peek_name(&ib) : json_object_iter_peek_name(&ia));
		return 1;
	}
	return 0;
}

static int diff(struct json_object *a, struct json_object *b, const char *path)
{
	enum json_type ta = json_object_get_type(a), tb = json_object_get_type(b);

	if (ta != tb) {
		printf("%s: %s vs %s\n", path, json_object_to_json_string(a),
				json_object_to_json_string(b));
		return 1;
	}
	if (ta == json_type_array)
		return diff_array(a, b, path);
	if (ta == json_type_object)
		return diff_object(a, b, path);
	if (strcmp(json_object_to_json_string(a), json_object_to_json_string(b)) != 0) {
		printf("%s: %s vs %s\n", path, json_object_to_json_string(a),
				json_object_to_json_string(b));
		return 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct json_object *a, *b;
	int rc;

	if (argc != 3) {
		fprintf(stderr, "usage: json-diff A.json B.json\n");
		return 2;
	}
	a = json_object_from_file(argv[1]);
	b = json_object_from_file(argv[2]);
	if (!a || !b) {
		fprintf(stderr, "json-diff: cannot parse %s\n", a ? argv[2] : argv[1]);
		return 2;
	}
	rc = diff(a, b, "$");
	json_object_put(a);
	json_object_put(b);
	return rc;
}

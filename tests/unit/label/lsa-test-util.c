// SPDX-License-Identifier: GPL-2.0-only
#define _GNU_SOURCE
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <uuid/uuid.h>
#include "lsa-test-util.h"

char *vector_path(const char *name)
{
	const char *root = getenv("NDKIT_TESTDATA");
	char *p;

	if (!root)
		root = NDKIT_TESTDATA_DEFAULT;
	if (asprintf(&p, "%s/labels/%s", root, name) < 0)
		return NULL;
	return p;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

char **vector_names(void)
{
	char *dir = vector_path("");
	DIR *d = opendir(dir);
	char **names = calloc(256, sizeof(*names));
	struct dirent *e;
	size_t n = 0;

	while (d && names && (e = readdir(d)) && n < 255) {
		size_t len = strlen(e->d_name);

		if (len > 7 && !strcmp(e->d_name + len - 7, ".lsa.gz"))
			names[n++] = strndup(e->d_name, len - 7);
	}
	if (d)
		closedir(d);
	free(dir);
	if (names)
		qsort(names, n, sizeof(*names), cmp_str);
	return names;
}

void free_names(char **names)
{
	for (char **n = names; n && *n; n++)
		free(*n);
	free(names);
}

uint8_t *gunzip_file(const char *path, size_t *size)
{
	char *cmd;
	FILE *f;
	uint8_t *buf = NULL;
	size_t cap = 0, len = 0, n;

	if (asprintf(&cmd, "gzip -dc '%s'", path) < 0)
		return NULL;
	f = popen(cmd, "r");
	free(cmd);
	if (!f)
		return NULL;
	do {
		if (len == cap) {
			cap = cap ? cap * 2 : 1 << 20;
			buf = realloc(buf, cap);
			if (!buf)
				break;
		}
		n = fread(buf + len, 1, cap - len, f);
		len += n;
	} while (n > 0);
	if (pclose(f) != 0) {
		free(buf);
		return NULL;
	}
	*size = len;
	return buf;
}

char *json_canon(struct json_object *o)
{
	char *s = strdup(json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN));

	json_object_put(o);
	return s;
}

char *lsa_state_text(const struct ndctl_lsa *lsa)
{
	return json_canon(ndctl_lsa_to_json(lsa));
}

char *mem_state_text(struct ndctl_lsa_xport *t)
{
	struct ndctl_lsa *lsa;
	char *s;

	if (ndctl_lsa_decode(ndctl_lsa_mem_data(t), ndctl_lsa_xport_size(t), &lsa) < 0)
		return NULL;
	s = lsa_state_text(lsa);
	ndctl_lsa_free(lsa);
	return s;
}

unsigned count_findings(const struct ndctl_lsa *lsa, enum ndctl_lsa_severity min_sev)
{
	struct ndctl_lsa_finding *f;
	unsigned n, i, count = 0;

	if (ndctl_lsa_validate(lsa, NULL, &f, &n) < 0)
		return ~0u;
	for (i = 0; i < n; i++)
		count += f[i].severity >= min_sev;
	free(f);
	return count;
}

void make_label(struct ndctl_label *l, unsigned seed, uint64_t dpa, uint64_t rawsize, unsigned L)
{
	char text[37];

	memset(l, 0, sizeof(*l));
	snprintf(text, sizeof(text), "%08x-1192-435e-bc5b-512b630d1daa", seed);
	uuid_parse(text, l->uuid);
	snprintf(l->name, sizeof(l->name), "ns-%u", seed);
	l->nlabel = 1;
	l->isetcookie = ndctl_label_qemu_cookie(0, 0, L < 256 ? 1 : 2);
	l->lbasize = 512;
	l->dpa = dpa;
	l->rawsize = rawsize;
	if (L >= 256) {
		uuid_parse(NDCTL_LABEL_GUID_PMEM, l->type_guid);
		uuid_parse(NDCTL_LABEL_GUID_PFN, l->abstraction_guid);
	}
}

// SPDX-License-Identifier: GPL-2.0-only
#define _GNU_SOURCE
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <json-c/json.h>
#include "util/json.h"
#include "findings.h"

static const char *severity_name(enum severity sev)
{
	return sev == SEV_ERROR ? "error" : "warning";
}

void finding_add(struct findings *f, enum severity sev, const char *id,
		const char *option, const char *fmt, ...)
{
	struct finding *it;
	va_list ap;

	if (f->n == f->cap) {
		size_t cap = f->cap ? f->cap * 2 : 8;
		struct finding *v = realloc(f->v, cap * sizeof(*v));

		if (!v)
			abort();
		f->v = v;
		f->cap = cap;
	}
	it = &f->v[f->n++];
	it->sev = sev;
	it->id = id;
	it->libvirt_refuses = false;
	it->option = strdup(option ? option : "");
	va_start(ap, fmt);
	if (vasprintf(&it->message, fmt, ap) < 0)
		it->message = NULL;
	va_end(ap);
	if (!it->option || !it->message)
		abort();
}

void finding_append(struct finding *it, const char *text)
{
	char *msg;

	if (asprintf(&msg, "%s %s", it->message, text) < 0)
		abort();
	free(it->message);
	it->message = msg;
}

bool findings_have_error(const struct findings *f)
{
	for (size_t i = 0; i < f->n; i++)
		if (f->v[i].sev == SEV_ERROR)
			return true;
	return false;
}

bool findings_have_id(const struct findings *f, const char *id)
{
	for (size_t i = 0; i < f->n; i++)
		if (strcmp(f->v[i].id, id) == 0)
			return true;
	return false;
}

void findings_print_text(const struct findings *f, FILE *out)
{
	for (size_t i = 0; i < f->n; i++) {
		const struct finding *it = &f->v[i];

		fprintf(out, "%s: %s%s[%s]%s %s\n", severity_name(it->sev), it->option,
				*it->option ? " " : "", it->id,
				it->libvirt_refuses ? " (libvirt refuses this itself)" : "",
				it->message);
	}
}

void findings_print_json(const struct findings *f, FILE *out)
{
	struct json_object *arr = json_object_new_array();

	for (size_t i = 0; i < f->n; i++) {
		const struct finding *it = &f->v[i];
		struct json_object *o = json_object_new_object();

		json_object_object_add(o, "severity",
				json_object_new_string(severity_name(it->sev)));
		json_object_object_add(o, "id", json_object_new_string(it->id));
		json_object_object_add(o, "option", json_object_new_string(it->option));
		json_object_object_add(o, "message", json_object_new_string(it->message));
		if (it->libvirt_refuses)
			json_object_object_add(o, "libvirt_refuses", json_object_new_boolean(1));
		json_object_array_add(arr, o);
	}
	util_json_print(out, arr);
	json_object_put(arr);
}

void findings_free(struct findings *f)
{
	for (size_t i = 0; i < f->n; i++) {
		free(f->v[i].option);
		free(f->v[i].message);
	}
	free(f->v);
	memset(f, 0, sizeof(*f));
}

// SPDX-License-Identifier: GPL-2.0-only
#define _GNU_SOURCE
/*
 * What a running QEMU says over QMP about its memory devices. Devices from
 * the command line get the address QEMU really gave them (so placement
 * rules judge the truth, not the model); hot-plugged ones, which no command
 * line shows, join the configuration with their backend as qom-get reads it.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/un.h>
#include <unistd.h>
#include <json-c/json.h>
#include "qmp.h"

#define QMP_TIMEOUT_S 10
#define QMP_LINE_MAX (1 << 20)

struct qmp {
	FILE *in, *out;
	char *line;
	size_t cap;
};

static struct json_object *qmp_read(struct qmp *q)
{
	ssize_t n = getline(&q->line, &q->cap, q->in);

	if (n <= 0 || n > QMP_LINE_MAX)
		return NULL;
	return json_tokener_parse(q->line);
}

/* Run one command; its "return" (owned by the caller), or NULL on an error reply. */
static struct json_object *qmp_exec(struct qmp *q, const char *cmd, struct json_object *args)
{
	struct json_object *req = json_object_new_object(), *reply, *ret;

	json_object_object_add(req, "execute", json_object_new_string(cmd));
	if (args)
		json_object_object_add(req, "arguments", args);
	fprintf(q->out, "%s\n", json_object_to_json_string_ext(req, JSON_C_TO_STRING_PLAIN));
	fflush(q->out);
	json_object_put(req);
	while ((reply = qmp_read(q))) {
		if (json_object_object_get_ex(reply, "return", &ret)) {
			json_object_get(ret);
			json_object_put(reply);
			return ret;
		}
		if (json_object_object_get_ex(reply, "error", NULL)) {
			json_object_put(reply);
			return NULL;
		}
		json_object_put(reply);	/* an event */
	}
	return NULL;
}

static int qmp_open(struct qmp *q, const char *path)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	struct timeval tv = { .tv_sec = QMP_TIMEOUT_S };
	struct json_object *greeting, *ret;
	int fd, fd2;

	memset(q, 0, sizeof(*q));
	if (strlen(path) >= sizeof(sa.sun_path))
		return -ENAMETOOLONG;
	strcpy(sa.sun_path, path);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0 || (fd2 = dup(fd)) < 0) {
		int err = -errno;

		close(fd);
		return err;
	}
	q->in = fdopen(fd, "r");
	q->out = fdopen(fd2, "w");
	if (!q->in || !q->out)
		abort();
	greeting = qmp_read(q);
	if (!greeting || !json_object_object_get_ex(greeting, "QMP", NULL)) {
		json_object_put(greeting);
		return -EPROTO;
	}
	json_object_put(greeting);
	ret = qmp_exec(q, "qmp_capabilities", NULL);
	if (!ret)
		return -EPROTO;
	json_object_put(ret);
	return 0;
}

static void qmp_close(struct qmp *q)
{
	if (q->in)
		fclose(q->in);
	if (q->out)
		fclose(q->out);
	free(q->line);
}

/* qom-get PATH PROPERTY as key=value text into @opt (nothing if QEMU has no such property). */
static void qom_copy(struct qmp *q, const char *path, const char *prop, const char *key,
		struct qemu_option *opt)
{
	struct json_object *args = json_object_new_object(), *v;

	json_object_object_add(args, "path", json_object_new_string(path));
	json_object_object_add(args, "property", json_object_new_string(prop));
	v = qmp_exec(q, "qom-get", args);
	if (!v)
		return;
	if (json_object_is_type(v, json_type_boolean))
		qemu_opt_set(opt, key, json_object_get_boolean(v) ? "on" : "off");
	else if (json_object_is_type(v, json_type_int) || json_object_is_type(v, json_type_string))
		qemu_opt_set(opt, key, json_object_get_string(v));
	json_object_put(v);
}

static const char *str_of(struct json_object *o, const char *key)
{
	struct json_object *v;

	return json_object_object_get_ex(o, key, &v) ? json_object_get_string(v) : NULL;
}

static struct qemu_option *find_device(struct qemu_config *cfg, const char *id)
{
	for (int i = 0; id && i < cfg->nopts; i++) {
		const char *oid = qemu_opt_get(&cfg->opts[i], "id");

		if (strcmp(cfg->opts[i].flag, "device") == 0 && oid && strcmp(oid, id) == 0)
			return &cfg->opts[i];
	}
	return NULL;
}

/* A DIMM no command line shows: its backend and device, as QEMU has them now. */
static void add_hotplugged(struct qmp *q, struct qemu_config *cfg, const char *type,
		struct json_object *data)
{
	const char *id = str_of(data, "id"), *memdev = str_of(data, "memdev");
	const char *backend = memdev && strrchr(memdev, '/') ? strrchr(memdev, '/') + 1 : memdev;
	struct qemu_option *opt;
	char *text, *path;

	if (asprintf(&text, "(QMP) hot-plugged %s %s", type, id ? id : "(no id)") < 0)
		abort();
	opt = qemu_config_add(cfg, "object", text);
	qom_copy(q, memdev, "type", "qom-type", opt);
	qemu_opt_set(opt, "id", backend ? backend : "");
	qom_copy(q, memdev, "size", "size", opt);
	qom_copy(q, memdev, "mem-path", "mem-path", opt);
	qom_copy(q, memdev, "share", "share", opt);
	qom_copy(q, memdev, "align", "align", opt);
	qom_copy(q, memdev, "pmem", "pmem", opt);
	opt = qemu_config_add(cfg, "device", text);
	qemu_opt_set(opt, "driver", strcmp(type, "nvdimm") == 0 ? "nvdimm" : "pc-dimm");
	if (id)
		qemu_opt_set(opt, "id", id);
	qemu_opt_set(opt, "memdev", backend ? backend : "");
	qemu_opt_set(opt, "slot", str_of(data, "slot") ? str_of(data, "slot") : "0");
	qemu_opt_set(opt, "addr", str_of(data, "addr") ? str_of(data, "addr") : "0");
	if (id && asprintf(&path, "/machine/peripheral/%s", id) >= 0) {
		qom_copy(q, path, "label-size", "label-size", opt);
		qom_copy(q, path, "unarmed", "unarmed", opt);
		free(path);
	}
	free(text);
}

static int merge_devices(struct qmp *q, struct qemu_config *cfg, struct json_object *list)
{
	int added = 0;

	for (size_t i = 0; i < json_object_array_length(list); i++) {
		struct json_object *dev = json_object_array_get_idx(list, i), *data;
		const char *type = str_of(dev, "type");
		struct qemu_option *known;

		if (!type || (strcmp(type, "nvdimm") && strcmp(type, "dimm")) ||
		    !json_object_object_get_ex(dev, "data", &data))
			continue;
		known = find_device(cfg, str_of(data, "id"));
		if (known && str_of(data, "addr")) {
			qemu_opt_set(known, "addr", str_of(data, "addr"));
			continue;
		}
		add_hotplugged(q, cfg, type, data);
		added++;
	}
	return added;
}

int qmp_add_memory_devices(const char *path, struct qemu_config *cfg)
{
	struct json_object *list;
	struct qmp q;
	int rc = qmp_open(&q, path);

	if (rc == 0) {
		list = qmp_exec(&q, "query-memory-devices", NULL);
		rc = list && json_object_is_type(list, json_type_array) ?
			merge_devices(&q, cfg, list) : -EPROTO;
		json_object_put(list);
	}
	qmp_close(&q);
	return rc;
}

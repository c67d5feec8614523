// SPDX-License-Identifier: GPL-2.0-only
/* reconfigure-device -C: daxctl.conf.d sections, read as upstream reads them. */
#include <ctype.h>
#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "config.h"
#include "select.h"

#define CONF_DIR "/etc/daxctl.conf.d"
#define CONF_SECTION "reconfigure-device"

struct conf_hit {
	const char *uuid;
	char section[128], mode[64], online[16], movable[16];
	bool matched, in_match;
	char cur_uuid[64], cur_mode[64], cur_online[16], cur_movable[16];
};

static char *trim(char *s)
{
	char *end;

	while (isspace((unsigned char)*s))
		s++;
	end = s + strlen(s);
	while (end > s && isspace((unsigned char)end[-1]))
		*--end = '\0';
	return s;
}

/* A section ends: keep it if its nvdimm.uuid is the one looked for. */
static void section_end(struct conf_hit *h)
{
	if (h->in_match && !h->matched && strcmp(h->cur_uuid, h->uuid) == 0) {
		h->matched = true;
		snprintf(h->mode, sizeof(h->mode), "%s", h->cur_mode);
		snprintf(h->online, sizeof(h->online), "%s", h->cur_online);
		snprintf(h->movable, sizeof(h->movable), "%s", h->cur_movable);
	}
	h->in_match = false;
	h->cur_uuid[0] = h->cur_mode[0] = h->cur_online[0] = h->cur_movable[0] = '\0';
}

static void conf_line(struct conf_hit *h, char *line)
{
	char *eq, *key, *val;

	line = trim(line);
	if (!*line || *line == '#' || *line == ';')
		return;
	if (*line == '[') {
		section_end(h);
		h->in_match = strncmp(line + 1, CONF_SECTION, strlen(CONF_SECTION)) == 0;
		return;
	}
	eq = strchr(line, '=');
	if (!h->in_match || !eq)
		return;
	*eq = '\0';
	key = trim(line);
	val = trim(eq + 1);
	if (strcmp(key, "nvdimm.uuid") == 0)
		snprintf(h->cur_uuid, sizeof(h->cur_uuid), "%s", val);
	else if (strcmp(key, "mode") == 0)
		snprintf(h->cur_mode, sizeof(h->cur_mode), "%s", val);
	else if (strcmp(key, "online") == 0)
		snprintf(h->cur_online, sizeof(h->cur_online), "%s", val);
	else if (strcmp(key, "movable") == 0)
		snprintf(h->cur_movable, sizeof(h->cur_movable), "%s", val);
}

static void scan_file(struct conf_hit *h, const char *path)
{
	FILE *f = fopen(path, "re");
	char line[512];

	if (!f)
		return;
	while (fgets(line, sizeof(line), f))
		conf_line(h, line);
	section_end(h);
	fclose(f);
}

static int conf_filter(const struct dirent *d)
{
	size_t n = strlen(d->d_name);

	return n > 5 && strcmp(d->d_name + n - 5, ".conf") == 0;
}

static void scan_dir(struct conf_hit *h, const char *root)
{
	char dir[PATH_MAX], path[PATH_MAX * 2];
	struct dirent **names;
	int n;

	snprintf(dir, sizeof(dir), "%s%s", strcmp(root, "/") ? root : "", CONF_DIR);
	n = scandir(dir, &names, conf_filter, alphasort);
	for (int i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]->d_name);
		if (!h->matched)
			scan_file(h, path);
		free(names[i]);
	}
	if (n >= 0)
		free(names);
}

/* "t", "y", "1" ... true; "f", "n", "0" ... false; else -1 (unset). */
static int conf_bool(const char *s)
{
	if (strchr("tTyY1", s[0]) && s[0])
		return 1;
	if (strchr("fFnN0", s[0]) && s[0])
		return 0;
	return -1;
}

/* The uuid of the nvdimm dax personality the device sits on (its region's path). */
static bool nvdimm_uuid(struct daxctl_ctx *ctx, const char *device, char *buf, size_t len)
{
	struct daxctl_dev *dev = daxctl_dev_get_by_name(ctx, device);
	const char *root = daxctl_get_root(ctx);
	char path[PATH_MAX];
	FILE *f;
	bool ok;

	if (!dev)
		return false;
	snprintf(path, sizeof(path), "%s/sys/devices%s/uuid", strcmp(root, "/") ? root : "",
			daxctl_region_get_path(daxctl_dev_get_region(dev)));
	f = fopen(path, "re");
	if (!f)
		return false;
	ok = fgets(buf, (int)len, f) != NULL;
	fclose(f);
	buf[strcspn(buf, "\n")] = '\0';
	return ok && buf[0] && strcmp(buf, "00000000-0000-0000-0000-000000000000") != 0;
}

int reconfig_from_config(struct daxctl_ctx *ctx, struct dev_params *p)
{
	static struct conf_hit h;
	char uuid[64];
	int b;

	if (p->mode || p->no_online || p->no_movable) {
		fprintf(stderr, "%s: -C cannot be used with --mode, --(no-)movable, or "
				"--(no-)online\n", p->device);
		return CONFIG_MISUSE;
	}
	if (strcmp(p->device, "all") != 0) {
		if (!nvdimm_uuid(ctx, p->device, uuid, sizeof(uuid))) {
			fprintf(stderr, "no UUID match for %s found in config files\n", p->device);
		} else {
			h.uuid = uuid;
			scan_dir(&h, daxctl_get_root(ctx));
			if (h.matched && h.mode[0])
				p->mode = h.mode;
			if (h.matched && (b = conf_bool(h.online)) >= 0)
				p->no_online = !b;
			if (h.matched && (b = conf_bool(h.movable)) >= 0)
				p->no_movable = !b;
		}
	}
	if (!p->mode && !p->no_online && !p->no_movable) {
		fprintf(stderr, "%s: missing or malformed config section\n", p->device);
		return CONFIG_NONE;
	}
	return 0;
}

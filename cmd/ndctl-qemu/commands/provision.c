// SPDX-License-Identifier: GPL-2.0-only
/*
 * `ndctl-qemu provision`: write a backend file's label area (and the
 * fsdax/devdax info blocks) on the host, so the guest boots with the
 * namespaces already there. Everything is checked before anything is
 * written; the labels go last, in one transaction, so a failure before
 * them leaves the guest seeing the area as it was.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <uuid/uuid.h>
#include "ndctl/infoblock.h"
#include "ndctl/libndctl.h"
#include "ndctl/lsa.h"
#include "util/size.h"
#include "builtin.h"
#include "provision.h"
#include "../rules/rules-files.h"

/* "ndctl-qemu provision: <msg>" on stderr; returns 1. */
#define prov_error(...) cmd_error(1, "ndctl-qemu", "provision", __VA_ARGS__)

#define MAX_NS 64
#define REGION_ALIGN SZ_16M	/* the guest region's default align attribute */
#define LBASIZE 512		/* what the kernel writes in pmem labels */
#define SZ_FMT 24

struct ns_spec {
	uint64_t size, dpa;
	char name[64];
	uint8_t uuid[16];
	enum ns_mode mode;
	struct ndctl_infoblock_pfn ib;
};

struct provision {
	const char *file;
	long slot;
	uint64_t label_size, align, file_size, region;
	unsigned labelsize;	/* 256 for v1.2 labels, 128 for v1.1 */
	bool force;
	struct ns_spec ns[MAX_NS];
	int n;
};

/* The names are libndctl's, the ones ndctl prints and parses. */
const char *ns_mode_name(enum ns_mode mode)
{
	static const enum ndctl_namespace_mode modes[] = {
		[NS_RAW] = NDCTL_NS_MODE_RAW, [NS_FSDAX] = NDCTL_NS_MODE_FSDAX,
		[NS_DEVDAX] = NDCTL_NS_MODE_DEVDAX,
	};

	return ndctl_namespace_mode_name(modes[mode]);
}

uint64_t backend_region_size(uint64_t file_size, uint64_t label_size, uint64_t align)
{
	return file_size > label_size ? ALIGN_DOWN(file_size - label_size, align) : 0;
}

static const char *const provision_usage[] = {
	"ndctl-qemu provision FILE --slot N --label-size S [--label-version 1.1|1.2] "
		"[--align A] [--force] --namespace size=S[,name=N][,uuid=U][,mode=raw|fsdax|devdax][,align=2M] ...",
	"",
	"Write FILE's label area (its last S bytes) so that a guest with FILE as the",
	"nvdimm in slot N boots with these namespaces, laid out from DPA 0.", NULL
};

static int parse_mode(struct ns_spec *ns, const char *v)
{
	for (enum ns_mode m = NS_RAW; m <= NS_DEVDAX; m++)
		if (strcmp(v, ns_mode_name(m)) == 0) {
			ns->mode = m;
			return 0;
		}
	return prov_error("mode=%s: use mode=raw, mode=fsdax or mode=devdax", v);
}

static int parse_ns_key(struct ns_spec *ns, const char *key, const char *v)
{
	uint64_t align;

	if (strcmp(key, "size") == 0) {
		if (parse_size(v, &ns->size) < 0 || !ns->size || ns->size % REGION_ALIGN)
			return prov_error("size=%s: give a multiple of 16M (the region's align)", v);
	} else if (strcmp(key, "name") == 0) {
		if (strlen(v) > 63)
			return prov_error("name=%s: at most 63 characters", v);
		strcpy(ns->name, v);
	} else if (strcmp(key, "uuid") == 0) {
		if (uuid_parse(v, ns->uuid) < 0)
			return prov_error("uuid=%s: not a uuid; use the 8-4-4-4-12 hex form", v);
	} else if (strcmp(key, "mode") == 0) {
		return parse_mode(ns, v);
	} else if (strcmp(key, "align") == 0) {
		if (parse_size(v, &align) < 0 || (align != SZ_4K && align != SZ_2M))
			return prov_error("align=%s: use align=4K or align=2M (1G needs a 1G-aligned DIMM)", v);
		ns->ib.align = (uint32_t)align;
	} else {
		return prov_error("unknown key '%s'; use size=, name=, uuid=, mode= or align=", key);
	}
	return 0;
}

static int parse_ns(struct provision *p, const char *spec)
{
	struct ns_spec *ns = &p->ns[p->n];
	char *copy = strdup(spec), *save = NULL, *el;
	int rc = 0;

	if (p->n == MAX_NS || !copy) {
		free(copy);
		return prov_error("at most %d namespaces", MAX_NS);
	}
	memset(ns, 0, sizeof(*ns));
	ns->ib.align = SZ_2M;
	uuid_generate(ns->uuid);
	for (el = strtok_r(copy, ",", &save); el && !rc; el = strtok_r(NULL, ",", &save)) {
		char *eq = strchr(el, '=');

		if (!eq) {
			rc = prov_error("'%s' is not KEY=VALUE (in --namespace %s)", el, spec);
			break;
		}
		*eq = '\0';
		rc = parse_ns_key(ns, el, eq + 1);
	}
	free(copy);
	if (!rc && !ns->size)
		rc = prov_error("--namespace %s: give size=, e.g. size=256M", spec);
	if (!rc)
		p->n++;
	return rc;
}

static struct provision *parsing;	/* what --namespace adds to */

static int namespace_cb(const struct option *opt, const char *arg, int unset)
{
	if (unset) {
		parsing->n = 0;
		return 0;
	}
	return parse_ns(parsing, arg) ? -1 : 0;
}

/* The values the option table left as strings. */
static int convert_args(struct provision *p, const char *slot, const char *label_size,
		const char *version, const char *align)
{
	char *end;

	if (slot) {
		p->slot = strtol(slot, &end, 0);
		if (*end || end == slot || p->slot < 0 || p->slot > 255)
			return prov_error("--slot %s: give the QEMU slot, 0 to 255", slot);
	}
	if (label_size && (parse_size(label_size, &p->label_size) < 0 || p->label_size < SZ_128K))
		return prov_error("--label-size %s: give QEMU's label-size, 128K or more", label_size);
	if (version && strcmp(version, "1.1") && strcmp(version, "1.2"))
		return prov_error("--label-version %s: use 1.1 or 1.2", version);
	if (version)
		p->labelsize = strcmp(version, "1.1") ? 256 : 128;
	if (align && (parse_size(align, &p->align) < 0 || !is_power_of_2(p->align)))
		return prov_error("--align %s: give the backend's align=, e.g. 2M", align);
	return 0;
}

/* 0 to go on; parse_options()'s stop code (< 0) or an exit status. */
static int parse_args(struct provision *p, int argc, char **argv)
{
	const char *slot = NULL, *label_size = NULL, *version = NULL, *align = NULL;
	const struct option opts[] = {
		OPT_STRING('s', "slot", &slot, "N", "the DIMM's QEMU slot (sets the interleave-set cookie)"),
		OPT_STRING('l', "label-size", &label_size, "size", "the device's label-size= (128K or more)"),
		OPT_STRING('V', "label-version", &version, "version",
			"1.2 (default, records modes) or 1.1"),
		OPT_STRING('a', "align", &align, "align",
			"the backend's align= (default 2M): sets the region size"),
		OPT_CALLBACK('n', "namespace", NULL, "spec",
			"one namespace; size a multiple of 16M", namespace_cb),
		OPT_BOOLEAN('f', "force", &p->force, "replace existing labels or data in the label area"),
		OPT_END(),
	};
	int rc;

	parsing = p;
	argc = parse_options(argc, argv, opts, provision_usage, 0);
	if (argc < 0)
		return argc;
	rc = convert_args(p, slot, label_size, version, align);
	if (!rc && argc != 1)
		rc = prov_error("give exactly one backend FILE");
	if (!rc && (p->slot < 0 || !p->label_size || !p->n))
		rc = prov_error("--slot, --label-size and at least one --namespace are required");
	p->file = argv[0];
	return rc ? QEMU_USAGE_EXIT : 0;
}

/* Namespaces back to back from DPA 0; every one must fit the region. */
static int layout(struct provision *p)
{
	uint64_t dpa = 0;
	char a[SZ_FMT], b[SZ_FMT];
	struct stat st;

	if (stat(p->file, &st) < 0 || !S_ISREG(st.st_mode))
		return prov_error("%s: not a regular file; create it first (ndctl-qemu plan --create)",
			p->file);
	p->file_size = st.st_size;
	p->region = backend_region_size(p->file_size, p->label_size, p->align);
	for (int i = 0; i < p->n; i++) {
		struct ns_spec *ns = &p->ns[i];

		ns->dpa = dpa;
		dpa += ns->size;
		if (ns->mode != NS_RAW) {
			ns->ib.kind = ns->mode == NS_FSDAX ? NDCTL_INFOBLOCK_PFN : NDCTL_INFOBLOCK_DAX;
			ns->ib.mode = NDCTL_INFOBLOCK_MAP_PMEM;
			memcpy(ns->ib.parent_uuid, ns->uuid, 16);
			uuid_generate(ns->ib.uuid);
			if (ndctl_infoblock_pfn_layout(&ns->ib, ns->size, 0))
				return prov_error("namespace %d: too small for its page map; make it larger", i);
		}
	}
	if (dpa > p->region)
		return prov_error("the namespaces need %s but the region is %s (file size minus "
			"label-size, aligned to %s); shrink them", format_size_short(dpa, a, sizeof(a)),
			format_size_short(p->region, b, sizeof(b)), format_size_short(p->align, b, sizeof(b)));
	return 0;
}

/* Refuse to overwrite labels or data the user did not ask to replace. */
static int check_label_area(struct provision *p, struct ndctl_lsa_xport *t)
{
	struct ndctl_lsa *lsa;
	int fd, kind;

	if (p->force)
		return 0;
	if (ndctl_lsa_load(t, 0, &lsa) == 0) {
		unsigned n = ndctl_lsa_valid(lsa) ? ndctl_lsa_label_count(lsa) : 0;

		ndctl_lsa_free(lsa);
		if (n)
			return prov_error("%s already holds %u namespace labels; use --force to "
				"replace them", p->file, n);
	}
	fd = open(p->file, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return prov_error("%s: %s", p->file, strerror(errno));
	kind = label_tail_kind(fd, p->file_size - p->label_size, p->label_size);
	close(fd);
	if (kind == LABEL_TAIL_DATA)
		return prov_error("the last %llu bytes of %s hold data that is not a label area; "
			"use --force to overwrite them", (unsigned long long)p->label_size, p->file);
	return 0;
}

/* Info blocks for fsdax/devdax; raw namespaces get that block zeroed. */
static int write_info_blocks(const struct provision *p)
{
	uint8_t buf[NDCTL_INFOBLOCK_SIZE];
	int fd = open(p->file, O_WRONLY | O_CLOEXEC);

	if (fd < 0)
		return prov_error("%s: %s", p->file, strerror(errno));
	for (int i = 0; i < p->n; i++) {
		const struct ns_spec *ns = &p->ns[i];

		if (ns->mode == NS_RAW)
			memset(buf, 0, sizeof(buf));
		else
			ndctl_infoblock_pfn_encode(&ns->ib, buf);
		if (pwrite(fd, buf, sizeof(buf), ns->dpa + NDCTL_INFOBLOCK_OFFSET) != sizeof(buf)) {
			close(fd);
			return prov_error("writing %s: %s", p->file, strerror(errno));
		}
	}
	if (fsync(fd) < 0 || close(fd) < 0)
		return prov_error("writing %s: %s", p->file, strerror(errno));
	return 0;
}

static void fill_label(const struct provision *p, const struct ns_spec *ns,
		struct ndctl_label *l)
{
	static const char *const abstraction[] = {
		NULL, NDCTL_LABEL_GUID_PFN, NDCTL_LABEL_GUID_DAX,
	};
	int version = p->labelsize == 128 ? 1 : 2;

	memset(l, 0, sizeof(*l));
	memcpy(l->uuid, ns->uuid, 16);
	strcpy(l->name, ns->name);
	l->nlabel = 1;
	l->isetcookie = ndctl_label_qemu_cookie((unsigned)p->slot, 0, version);
	l->lbasize = LBASIZE;
	l->dpa = ns->dpa;
	l->rawsize = ns->size;
	if (version == 2) {
		uuid_parse(NDCTL_LABEL_GUID_PMEM, l->type_guid);
		if (abstraction[ns->mode])
			uuid_parse(abstraction[ns->mode], l->abstraction_guid);
	}
}

static int write_labels(struct provision *p, struct ndctl_lsa_xport *t)
{
	struct ndctl_lsa_change changes[MAX_NS];
	struct ndctl_label labels[MAX_NS];
	struct ndctl_lsa *lsa = NULL;
	int rc = ndctl_lsa_init(t, p->labelsize, &lsa);

	if (rc < 0)
		return prov_error("%s", ndctl_lsa_xport_errmsg(t));
	for (int i = 0; i < p->n; i++) {
		fill_label(p, &p->ns[i], &labels[i]);
		changes[i] = (struct ndctl_lsa_change){ .op = NDCTL_LSA_ADD, .label = &labels[i] };
	}
	rc = ndctl_lsa_apply(lsa, t, changes, p->n);
	ndctl_lsa_free(lsa);
	if (rc < 0)
		return prov_error("writing labels: %s", ndctl_lsa_xport_errmsg(t));
	return 0;
}

static void print_result(const struct provision *p)
{
	char a[SZ_FMT], u[40];

	for (int i = 0; i < p->n; i++) {
		const struct ns_spec *ns = &p->ns[i];

		uuid_unparse(ns->uuid, u);
		printf("%s: dpa %#llx size %s mode %s uuid %s name \"%s\"\n", p->file,
			(unsigned long long)ns->dpa, format_size_short(ns->size, a, sizeof(a)),
			ns_mode_name(ns->mode), u, ns->name);
	}
}

static int provision(struct provision *p)
{
	struct ndctl_lsa_xport *t = NULL;
	int rc = layout(p);

	if (rc)
		return rc;
	if (ndctl_lsa_file_open(NULL, p->file, p->label_size, NDCTL_LSA_WRITABLE, &t) < 0) {
		rc = prov_error("%s", t ? ndctl_lsa_xport_errmsg(t) : strerror(ENOMEM));
		goto out;
	}
	rc = check_label_area(p, t);
	if (!rc)
		rc = write_info_blocks(p);
	if (!rc)
		rc = write_labels(p, t);
	if (!rc)
		print_result(p);
out:
	if (t)
		ndctl_lsa_xport_close(t);
	return rc;
}

int cmd_provision(int argc, char **argv, void *ctx)
{
	struct provision *p = calloc(1, sizeof(*p));
	int rc;

	if (!p)
		return 1;
	p->slot = -1;
	p->labelsize = 256;
	p->align = SZ_2M;
	rc = parse_args(p, argc, argv);
	if (rc < 0)
		rc = parse_options_exit(rc);
	else if (!rc)
		rc = provision(p);
	free(p);
	return rc;
}

// SPDX-License-Identifier: GPL-2.0-only
#define _GNU_SOURCE
/*
 * libvirt domains, read as the QEMU options libvirt 9.0 starts them with
 * (what `virsh domxml-to-native qemu-argv` printed for each case):
 * - -m size= is the sum of the NUMA cells' memory, or <memory> minus the
 *   memory devices when there is no NUMA; slots= and maxmem= are <maxMemory>'s.
 * - a memory device's size is <target><size> rounded up to 2 MiB; its backend
 *   is a memory-backend-file on <source><path> (memory-backend-ram for a dimm
 *   without one): share= from access= (else <memoryBacking><access mode>),
 *   align= from <alignsize>, pmem=on from <pmem/>. The device takes
 *   label-size= from <label><size>, unarmed=on from <readonly/>, addr= from
 *   <address base>, slot= from <address slot> or else the lowest free slot.
 * - the machine gets nvdimm=on once there is an nvdimm, and -no-acpi unless
 *   <features> holds <acpi/>.
 */
#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include "util/size.h"
#include "domain.h"

#define LIBVIRT_DIMM_ALIGN SZ_2M
#define MAX_DIMMS 256

struct reader {
	struct qemu_config *cfg;
	struct findings *f;
	xmlNode *root;
	const char *access;	/* <memoryBacking><access mode>, or NULL */
	bool has_nvdimm;
};

static bool is_elem(const xmlNode *n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && xmlStrcmp(n->name, BAD_CAST name) == 0;
}

static xmlNode *child(const xmlNode *n, const char *name)
{
	for (xmlNode *c = n ? n->children : NULL; c; c = c->next)
		if (is_elem(c, name))
			return c;
	return NULL;
}

/* libxml2 strings as malloc'd C strings (NULL when absent), freed with free(). */
static char *own(xmlChar *s)
{
	char *copy = s ? strdup((const char *)s) : NULL;

	if (s && !copy)
		abort();
	xmlFree(s);
	return copy;
}

static char *attr(const xmlNode *n, const char *name)
{
	return n ? own(xmlGetProp(n, BAD_CAST name)) : NULL;
}

static char *content(const xmlNode *n)
{
	char *s = n ? own(xmlNodeGetContent(n)) : NULL;
	size_t len = s ? strlen(s) : 0, lead;

	while (len && isspace((unsigned char)s[len - 1]))
		s[--len] = '\0';
	lead = s ? strspn(s, " \t\r\n") : 0;
	if (lead)
		memmove(s, s + lead, len - lead + 1);
	return s;
}

static void refused(struct reader *r, const char *where, const char *message)
{
	finding_add(r->f, SEV_ERROR, "domain-xml", where, "%s", message);
	r->f->v[r->f->n - 1].libvirt_refuses = true;
}

/* libvirt's units: b/bytes, K/KiB (1024), KB (1000), ... up to E; default KiB. */
static int unit_scale(const char *unit, uint64_t *scale)
{
	static const char prefixes[] = "kmgtpe";
	const char *p;
	uint64_t base;

	*scale = 1024;
	if (!unit || !*unit)
		return 0;
	if (strcasecmp(unit, "b") == 0 || strcasecmp(unit, "bytes") == 0)
		return *scale = 1, 0;
	p = strchr(prefixes, tolower((unsigned char)unit[0]));
	if (!p)
		return -1;
	if (!unit[1] || strcasecmp(unit + 1, "ib") == 0)
		base = 1024;
	else if (strcasecmp(unit + 1, "b") == 0)
		base = 1000;
	else
		return -1;
	*scale = 1;
	for (long i = 0; i <= p - prefixes; i++)
		*scale *= base;
	return 0;
}

static int scaled(const char *value, const char *unit, uint64_t *out)
{
	uint64_t scale;
	char *end;
	unsigned long long v;

	if (!value || !isdigit((unsigned char)*value) || unit_scale(unit, &scale) < 0)
		return -1;
	v = strtoull(value, &end, 10);
	if (*end || v > UINT64_MAX / scale)
		return -1;
	*out = v * scale;
	return 0;
}

/* A size element (<size unit='KiB'>N</size>); false when absent or bad (a finding). */
static bool elem_size(struct reader *r, const xmlNode *n, const char *where, uint64_t *out)
{
	char *value = content(n), *unit = attr(n, "unit");
	bool ok = n && scaled(value, unit, out) == 0;

	if (n && !ok)
		refused(r, where, "a size libvirt cannot read; write a whole number with "
			"unit='KiB', 'MiB' or 'GiB'");
	free(value);
	free(unit);
	return ok;
}

static void set_u64(struct qemu_option *opt, const char *key, uint64_t v)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%llu", (unsigned long long)v);
	qemu_opt_set(opt, key, buf);
}

static char *dimm_text(const xmlNode *mem, int index)
{
	char *model = attr(mem, "model"), *path = content(child(child(mem, "source"), "path"));
	char *text;

	if (asprintf(&text, "<memory model='%s'> #%d%s%s%s", model ? model : "", index,
			path ? " (" : "", path ? path : "", path ? ")" : "") < 0)
		abort();
	free(model);
	free(path);
	return text;
}

/* libvirt's aliases: device "nvdimmN" or "dimmN", its backend "mem" + that. */
static void dimm_alias(const xmlNode *mem, int index, bool backend, char *buf, size_t len)
{
	char *model = attr(mem, "model");

	snprintf(buf, len, "%s%s%d", backend ? "mem" : "",
		model && strcmp(model, "nvdimm") == 0 ? "nvdimm" : "dimm", index);
	free(model);
}

static void add_backend(struct reader *r, const xmlNode *mem, const char *text, int index,
		uint64_t size)
{
	const xmlNode *src = child(mem, "source");
	char *path = content(child(src, "path")), *access = attr(mem, "access"), id[32];
	const char *share = access ? access : r->access;
	struct qemu_option *obj = qemu_config_add(r->cfg, "object", text);
	uint64_t align;

	dimm_alias(mem, index, true, id, sizeof(id));
	qemu_opt_set(obj, "qom-type", path ? "memory-backend-file" : "memory-backend-ram");
	qemu_opt_set(obj, "id", id);
	if (path)
		qemu_opt_set(obj, "mem-path", path);
	set_u64(obj, "size", size);
	if (share)
		qemu_opt_set(obj, "share", strcmp(share, "shared") == 0 ? "on" : "off");
	if (elem_size(r, child(src, "alignsize"), text, &align))
		set_u64(obj, "align", align);
	if (child(src, "pmem"))
		qemu_opt_set(obj, "pmem", "on");
	free(path);
	free(access);
}

static void add_device(struct reader *r, const xmlNode *mem, const char *text, int index,
		long slot)
{
	const xmlNode *tgt = child(mem, "target");
	char *model = attr(mem, "model"), *node = content(child(tgt, "node"));
	char *base = attr(child(mem, "address"), "base"), id[32];
	bool nvdimm = model && strcmp(model, "nvdimm") == 0;
	struct qemu_option *dev = qemu_config_add(r->cfg, "device", text);
	uint64_t label;

	qemu_opt_set(dev, "driver", nvdimm ? "nvdimm" : "pc-dimm");
	dimm_alias(mem, index, false, id, sizeof(id));
	qemu_opt_set(dev, "id", id);
	dimm_alias(mem, index, true, id, sizeof(id));
	qemu_opt_set(dev, "memdev", id);
	if (nvdimm && elem_size(r, child(child(tgt, "label"), "size"), text, &label))
		set_u64(dev, "label-size", label);
	if (nvdimm && child(tgt, "readonly"))
		qemu_opt_set(dev, "unarmed", "on");
	if (node)
		qemu_opt_set(dev, "node", node);
	if (base)
		qemu_opt_set(dev, "addr", base);
	set_u64(dev, "slot", (uint64_t)slot);
	free(model);
	free(node);
	free(base);
}

/* <address type='dimm' slot='N'/>'s slot, or -1. */
static long given_slot(const xmlNode *mem)
{
	char *s = attr(child(mem, "address"), "slot"), *end;
	long slot = s ? strtol(s, &end, 0) : -1;

	if (s && (*end || end == s || slot < 0))
		slot = -1;
	free(s);
	return slot;
}

static bool slot_used(const long *slots, int n, long slot)
{
	for (int i = 0; i < n; i++)
		if (slots[i] == slot)
			return true;
	return false;
}

/* libvirt gives a device without an address the lowest slot no other device names. */
static void assign_slots(const xmlNode **mems, int n, long *slots)
{
	for (int i = 0; i < n; i++)
		slots[i] = given_slot(mems[i]);
	for (int i = 0; i < n; i++) {
		long s = 0;

		if (slots[i] >= 0)
			continue;
		while (slot_used(slots, n, s))
			s++;
		slots[i] = s;
	}
}

static bool is_dimm(const xmlNode *n)
{
	char *model = attr(n, "model");
	bool yes = is_elem(n, "memory") && model &&
		(strcmp(model, "nvdimm") == 0 || strcmp(model, "dimm") == 0);

	free(model);
	return yes;
}

/* Every nvdimm and dimm; returns their sizes' sum as libvirt rounds them. */
static uint64_t read_dimms(struct reader *r)
{
	const xmlNode *mems[MAX_DIMMS];
	long slots[MAX_DIMMS];
	uint64_t total = 0;
	int n = 0;

	for (xmlNode *c = child(r->root, "devices") ? child(r->root, "devices")->children : NULL;
	     c && n < MAX_DIMMS; c = c->next)
		if (is_dimm(c))
			mems[n++] = c;
	assign_slots(mems, n, slots);
	for (int i = 0; i < n; i++) {
		char *text = dimm_text(mems[i], i + 1), *model = attr(mems[i], "model");
		uint64_t size = 0;

		if (strcmp(model, "nvdimm") == 0) {
			r->has_nvdimm = true;
			if (!child(child(mems[i], "source"), "path"))
				refused(r, text, "an nvdimm needs a backend file; add "
					"<source><path>FILE</path></source>");
		}
		if (!elem_size(r, child(child(mems[i], "target"), "size"), text, &size))
			refused(r, text, "the device has no size; add "
				"<target><size unit='KiB'>N</size></target>");
		size = ALIGN_UP(size, LIBVIRT_DIMM_ALIGN);
		total += size;
		add_backend(r, mems[i], text, i, size);
		add_device(r, mems[i], text, i, slots[i]);
		free(text);
		free(model);
	}
	return total;
}

static void read_machine(struct reader *r)
{
	xmlNode *type = child(child(r->root, "os"), "type");
	char *machine = attr(type, "machine"), *text;
	struct qemu_option *opt;

	if (asprintf(&text, "<os><type machine='%s'>", machine ? machine : "pc") < 0)
		abort();
	opt = qemu_config_add(r->cfg, "machine", text);
	qemu_opt_set(opt, "type", machine ? machine : "pc");
	if (r->has_nvdimm)
		qemu_opt_set(opt, "nvdimm", "on");
	if (!child(child(r->root, "features"), "acpi"))
		qemu_opt_set(opt, "acpi", "off");
	free(machine);
	free(text);
}

/* The NUMA cells' memory; false when there is no cell. */
static bool numa_memory(struct reader *r, uint64_t *sum)
{
	bool any = false;

	*sum = 0;
	for (xmlNode *c = child(child(child(r->root, "cpu"), "numa"), "cell"); c; c = c->next) {
		char *mem = attr(c, "memory"), *unit = attr(c, "unit");
		uint64_t v;

		if (!is_elem(c, "cell"))
			goto next;
		any = true;
		if (scaled(mem, unit, &v) == 0)
			*sum += v;
		else
			refused(r, "<cpu><numa><cell>", "the cell has no memory size libvirt "
				"reads; write memory='N' unit='KiB'");
next:
		free(mem);
		free(unit);
	}
	return any;
}

static void read_memory(struct reader *r, uint64_t dimms)
{
	static const char text[] = "<memory>, <maxMemory>";
	xmlNode *maxm = child(r->root, "maxMemory");
	char *slots = attr(maxm, "slots"), bytes[32];
	uint64_t total = 0, initial, max;
	bool numa = numa_memory(r, &initial);
	struct qemu_option *opt;

	if (!elem_size(r, child(r->root, "memory"), text, &total))
		refused(r, text, "the domain has no memory size; add <memory unit='KiB'>N</memory>");
	if (!numa)
		initial = total > dimms ? total - dimms : 0;
	if (!numa && dimms)
		refused(r, "<cpu><numa>", "libvirt wants at least one NUMA cell for memory "
			"devices; add <cpu><numa><cell id='0' cpus='0' memory='RAM' unit='KiB'/>"
			"</numa></cpu>");
	opt = qemu_config_add(r->cfg, "m", text);
	snprintf(bytes, sizeof(bytes), "%llub", (unsigned long long)initial);
	qemu_opt_set(opt, "size", bytes);	/* a bare number would be MiB */
	if (slots)
		qemu_opt_set(opt, "slots", slots);
	if (elem_size(r, maxm, text, &max))
		set_u64(opt, "maxmem", max);
	free(slots);
}

static bool all_blank(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (!isspace((unsigned char)s[i]))
			return false;
	return true;
}

int qemu_domain_parse(struct qemu_config *cfg, const char *xml, size_t len,
		struct findings *f)
{
	struct reader r = { .cfg = cfg, .f = f };
	xmlDoc *doc = NULL;
	int rc = -1;

	memset(cfg, 0, sizeof(*cfg));
	if (len <= INT_MAX)
		doc = xmlReadMemory(xml, (int)len, "domain.xml", NULL,
				XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	r.root = doc ? xmlDocGetRootElement(doc) : NULL;
	if (!doc && all_blank(xml, len)) {
		finding_add(f, SEV_ERROR, "domain-xml", "", "the domain file is empty; give "
			"the domain as virsh dumpxml prints it");
	} else if (!doc) {
		const xmlError *e = xmlGetLastError();

		finding_add(f, SEV_ERROR, "domain-xml", "", "not XML (line %d: %.*s); give "
			"the domain as virsh dumpxml prints it", e ? e->line : 0,
			e && e->message ? (int)strcspn(e->message, "\n") : 7,
			e && e->message ? e->message : "unknown");
	} else if (!is_elem(r.root, "domain")) {
		finding_add(f, SEV_ERROR, "domain-xml", "", "the root element is <%s>, not "
			"<domain>; give a domain as virsh dumpxml prints it",
			r.root ? (const char *)r.root->name : "");
	} else {
		xmlNode *access = child(child(r.root, "memoryBacking"), "access");
		char *mode = attr(access, "mode");

		r.access = mode;
		read_memory(&r, read_dimms(&r));
		read_machine(&r);
		free(mode);
		rc = 0;
	}
	xmlFreeDoc(doc);
	qemu_config_model(cfg, f);
	return rc;
}

/* What libvirt itself says no to (virsh define or start fails before QEMU runs). */
static bool libvirt_refuses(const struct qemu_config *cfg, const struct finding *it)
{
	static const char *const always[] = { "slots", "slot", "maxmem", "label-size-min" };

	for (size_t i = 0; i < ARRAY_SIZE(always); i++)
		if (strcmp(it->id, always[i]) == 0)
			return true;
	if (strcmp(it->id, "nvdimm-size") != 0)
		return false;
	for (int i = 0; i < cfg->nmemdevs; i++) {
		const struct qemu_memdev *d = &cfg->memdevs[i];

		if (strcmp(d->opt->text, it->option) == 0 && d->backend &&
		    d->label_size >= d->backend->size)
			return true;	/* "label size must be smaller than NVDIMM size" */
	}
	return false;
}

static const struct {
	const char *id, *hint;
} xml_fixes[] = {
	{ "no-acpi", "In the domain: add <features><acpi/></features>." },
	{ "slots", "In the domain: <maxMemory slots='N'>, one per DIMM plus spares." },
	{ "slot", "In the domain: fix <address type='dimm' slot='N'/> or leave it out." },
	{ "maxmem", "In the domain: <maxMemory> at least <memory> (RAM plus DIMMs)." },
	{ "label-size-min", "In the domain: <label><size unit='KiB'>128</size></label>." },
	{ "label-size-2m", "In the domain: <label><size> a multiple of 2 MiB, or "
		"<source><alignsize unit='KiB'>2048</alignsize>." },
	{ "nvdimm-size", "In the domain: a larger <target><size>." },
	{ "share-off", "In the domain: <memory model='nvdimm' access='shared'>." },
	{ "file-size", "In the domain: <target><size> is the file's size." },
	{ "label-area-data", "In the domain: check <source><path> and <target><size>." },
	{ "align-backend", "In the domain: fix <source><alignsize>." },
	{ "dimm-align", "In the domain: <source><alignsize unit='MiB'>128</alignsize> on "
		"this DIMM." },
	{ "readonly-unarmed", "In the domain: <target><readonly/> makes libvirt add unarmed=on." },
};

void qemu_domain_annotate(const struct qemu_config *cfg, struct findings *f)
{
	for (size_t i = 0; i < f->n; i++) {
		struct finding *it = &f->v[i];

		if (strcmp(it->id, "domain-xml") == 0)
			continue;
		it->libvirt_refuses |= libvirt_refuses(cfg, it);
		for (size_t k = 0; k < ARRAY_SIZE(xml_fixes); k++)
			if (strcmp(it->id, xml_fixes[k].id) == 0)
				finding_append(it, xml_fixes[k].hint);
	}
}

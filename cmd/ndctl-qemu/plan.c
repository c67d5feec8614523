// SPDX-License-Identifier: GPL-2.0-only
#define _GNU_SOURCE
/*
 * `ndctl-qemu plan`: a QEMU argument list for the DIMMs asked for, laid out
 * so that every region starts on a 128 MiB boundary. A DIMM that would
 * already start on one gets align=2M (it loses at most 2 MiB to rounding);
 * one that would not gets align=128M, which moves it up to the next
 * boundary (and rounds its usable size down to 128 MiB multiples).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "util/size.h"
#include "builtin.h"
#include "placement.h"
#include "plan.h"

#define SZ_FMT 24
#define DEFAULT_LABEL_SIZE SZ_128K

static const char *const plan_usage[] = {
	"ndctl-qemu plan [--ram SIZE] --nvdimm SPEC... [--hotplug-spares N] [--create] "
		"[--format qemu|libvirt] [<options>]",
	"ndctl-qemu plan --hotplug --nvdimm SPEC [--create]",
	"",
	"Print QEMU options, or a libvirt domain, for the DIMMs (one --nvdimm",
	"each) that pass 'ndctl-qemu check', with every region 128 MiB aligned;",
	"or, with --hotplug, the <memory> element of one more DIMM for",
	"'virsh attach-device'. SPEC is SIZE[,label-size=S][,file=PATH].",
	NULL
};

static int parse_dimm_key(struct plan_dimm *d, char *el)
{
	char *eq = strchr(el, '=');

	if (!eq)
		return plan_error("'%s' is not KEY=VALUE; use label-size=S or file=PATH", el);
	*eq++ = '\0';
	if (strcmp(el, "label-size") == 0) {
		if (parse_size(eq, &d->label_size) < 0 || d->label_size < SZ_128K)
			return plan_error("label-size=%s is not a size of 128K or more", eq);
	} else if (strcmp(el, "file") == 0) {
		if (!*eq || strpbrk(eq, " \t\n'\"\\,"))
			return plan_error("file=%s is empty or has blanks, quotes or commas; "
				"use a plain path", eq);
		free(d->file);
		d->file = strdup(eq);
	} else {
		return plan_error("unknown key '%s'; use label-size= or file=", el);
	}
	return 0;
}

int plan_add_dimm(struct plan *p, const char *spec)
{
	struct plan_dimm *d = &p->dimms[p->n];
	char *copy, *save = NULL, *el;
	int rc = 0;

	if (p->n == PLAN_MAX_DIMMS)
		return plan_error("more than %d DIMMs; plan stops there", PLAN_MAX_DIMMS);
	copy = strdup(spec);
	if (!copy)
		return 1;
	memset(d, 0, sizeof(*d));
	d->label_size = DEFAULT_LABEL_SIZE;
	el = strtok_r(copy, ",", &save);
	if (!el || parse_size(el, &d->size) < 0 || !d->size)
		rc = plan_error("--nvdimm %s: start with the backend size, e.g. --nvdimm 1G", spec);
	while (!rc && (el = strtok_r(NULL, ",", &save)))
		rc = parse_dimm_key(d, el);
	if (!rc && !d->file && asprintf(&d->file, "%s%s%s%d.img", p->dir ? p->dir : "",
			p->dir ? "/" : "", p->prefix ? p->prefix : "nvdimm", p->n) < 0)
		rc = 1;
	free(copy);
	if (rc) {
		free(d->file);
		d->file = NULL;
		return rc;
	}
	p->n++;
	return 0;
}

/* Lay the DIMMs out as QEMU will (see placement.c), choosing each align. */
int plan_layout(struct plan *p)
{
	struct qemu_config cfg = { .machine_type = "pc", .ram_size = p->ram };
	uint64_t cursor = qemu_device_memory_base(&cfg);
	char a[SZ_FMT];

	for (int i = 0; i < p->n; i++) {
		struct plan_dimm *d = &p->dimms[i];

		d->align = cursor % SZ_128M ? SZ_128M : SZ_2M;
		d->start = ALIGN_UP(cursor, d->align);
		d->usable = d->size > d->label_size ?
			ALIGN_DOWN(d->size - d->label_size, d->align) : 0;
		if (!d->usable)
			return plan_error("--nvdimm %s: too small to hold labels and an aligned "
				"region; use a size of 256M or more",
				format_size_short(d->size, a, sizeof(a)));
		cursor = d->start + d->usable;
	}
	return 0;
}

static int check_existing(const struct plan_dimm *d)
{
	struct stat st;
	char a[SZ_FMT];

	if (stat(d->file, &st) < 0)
		return errno == ENOENT ? 0 : plan_error("cannot stat %s", d->file);
	if (!S_ISREG(st.st_mode) || (uint64_t)st.st_size != d->size) {
		format_size_short(d->size, a, sizeof(a));
		return plan_error("%s exists and is not a %s file; remove it or choose another file=",
				d->file, a);
	}
	return 0;
}

/* Check every file first so that a refusal changes nothing. */
int plan_create_files(const struct plan *p)
{
	for (int i = 0; i < p->n; i++)
		if (check_existing(&p->dimms[i]))
			return 1;
	for (int i = 0; i < p->n; i++) {
		const struct plan_dimm *d = &p->dimms[i];
		int fd = open(d->file, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);

		if (fd < 0 && errno == EEXIST)
			continue;	/* already the right size */
		if (fd < 0 || ftruncate(fd, d->size) < 0) {
			if (fd >= 0)
				close(fd);
			return plan_error("cannot create %s", d->file);
		}
		close(fd);
		if (!p->quiet)
			fprintf(stderr, "created %s\n", d->file);
	}
	return 0;
}

uint64_t plan_maxmem(const struct plan *p)
{
	uint64_t maxmem = p->ram, largest = p->spare_size;

	for (int i = 0; i < p->n; i++) {
		maxmem += p->dimms[i].size;
		if (!p->spare_size && p->dimms[i].size > largest)
			largest = p->dimms[i].size;
	}
	return maxmem + p->spares * largest;
}

void plan_print_regions(const struct plan *p)
{
	char a[SZ_FMT];

	fflush(stdout);
	for (int i = 0; i < p->n; i++)
		fprintf(stderr, "# nvdimm%d: region %s (%#llx) at %#llx\n", i,
			format_size_short(p->dimms[i].usable, a, sizeof(a)),
			(unsigned long long)p->dimms[i].usable,
			(unsigned long long)p->dimms[i].start);
	if (p->spares)
		fprintf(stderr, "# hotplugged DIMMs: give their backends align=128M to keep "
			"their regions 128 MiB aligned\n");
}

static int add_arg(struct plan_arg *a, const char *opt, char *value)
{
	a->opt = strdup(opt);
	a->value = value;
	return a->opt && a->value ? 0 : -1;
}

int plan_qemu_args(const struct plan *p, struct plan_arg **out)
{
	uint64_t maxmem = plan_maxmem(p);
	struct plan_arg *args = calloc(2 + 2 * p->n, sizeof(*args));
	char a[SZ_FMT], b[SZ_FMT], c[SZ_FMT];
	char *v;
	int n = 0;

	if (!args)
		return -1;
	if (add_arg(&args[n++], "-machine", strdup("pc,nvdimm=on")) ||
	    asprintf(&v, "%s,slots=%u,maxmem=%s", format_size_short(p->ram, a, sizeof(a)),
			p->n + p->spares, format_size_short(maxmem, b, sizeof(b))) < 0 ||
	    add_arg(&args[n++], "-m", v))
		goto fail;
	for (int i = 0; i < p->n; i++) {
		const struct plan_dimm *d = &p->dimms[i];

		if (asprintf(&v, "memory-backend-file,id=nvmem%d,share=on,mem-path=%s,size=%s,"
				"align=%s", i, d->file, format_size_short(d->size, a, sizeof(a)),
				format_size_short(d->align, b, sizeof(b))) < 0 ||
		    add_arg(&args[n++], "-object", v) ||
		    asprintf(&v, "nvdimm,id=nvdimm%d,memdev=nvmem%d,label-size=%s,slot=%d",
				i, i, format_size_short(d->label_size, c, sizeof(c)), i) < 0 ||
		    add_arg(&args[n++], "-device", v))
			goto fail;
	}
	*out = args;
	return n;
fail:
	plan_args_free(args, n);
	return -1;
}

void plan_args_free(struct plan_arg *args, int n)
{
	for (int i = 0; i < n; i++) {
		free(args[i].opt);
		free(args[i].value);
	}
	free(args);
}

void plan_free(struct plan *p)
{
	for (int i = 0; i < p->n; i++)
		free(p->dimms[i].file);
	p->n = 0;
}

static int print_plan(const struct plan *p)
{
	struct plan_arg *args;
	int n = plan_qemu_args(p, &args);

	if (n < 0)
		return 1;
	for (int i = 0; i < n; i++)
		printf("%s%s %s", i ? " \\\n" : "", args[i].opt, args[i].value);
	printf("\n");
	fflush(stdout);
	plan_args_free(args, n);
	plan_print_regions(p);
	return 0;
}

/* The values the option table left as strings. */
struct plan_strings {
	const char *ram, *spares, *format, *name, *vcpus, *domain_type;
};

static int convert_libvirt_args(struct plan *p, const struct plan_strings *v)
{
	char *end;

	if (v->format && strcmp(v->format, "qemu") && strcmp(v->format, "libvirt"))
		return plan_error("--format %s: give qemu or libvirt", v->format);
	p->libvirt = v->format && v->format[0] == 'l';
	p->format_given = v->format != NULL;
	if (v->name && (!*v->name || strspn(v->name, "abcdefghijklmnopqrstuvwxyz"
			"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-") != strlen(v->name)))
		return plan_error("--name %s: use letters, digits, '.', '_' and '-'", v->name);
	if (v->name)
		p->name = v->name;
	if (v->vcpus) {
		p->vcpus = strtoul(v->vcpus, &end, 10);
		if (*end || end == v->vcpus || !p->vcpus || p->vcpus > 255)
			return plan_error("--vcpus %s: give a number from 1 to 255", v->vcpus);
	}
	if (v->domain_type && strcmp(v->domain_type, "kvm") && strcmp(v->domain_type, "qemu"))
		return plan_error("--domain-type %s: give kvm or qemu (TCG)", v->domain_type);
	if (v->domain_type)
		p->domain_type = v->domain_type;
	return 0;
}

static int convert_plan_args(struct plan *p, const struct plan_strings *v)
{
	char *end;

	if (v->ram && (parse_size(v->ram, &p->ram) < 0 || p->ram < SZ_16M))
		return plan_error("--ram %s: give a size of 16M or more, e.g. --ram 1G", v->ram);
	if (v->spares) {
		p->spares = strtoul(v->spares, &end, 10);
		if (*end || end == v->spares || p->spares > 64)
			return plan_error("--hotplug-spares %s: give a number from 0 to 64",
				v->spares);
	}
	return convert_libvirt_args(p, v);
}

static int check_plan_args(struct plan *p)
{
	if (!p->n)
		return plan_error("%s", "no DIMM; add --nvdimm SIZE (e.g. --nvdimm 1G)");
	if (p->hotplug && p->format_given && !p->libvirt)
		return plan_error("%s", "--hotplug prints libvirt XML; for QEMU, give the "
			"plan's -object/-device values to object_add/device_add");
	if (p->hotplug && p->n != 1)
		return plan_error("%s", "--hotplug takes one --nvdimm: virsh attach-device "
			"adds one device per file");
	p->libvirt |= p->hotplug;
	return p->libvirt ? plan_libvirt_check(p) : 0;
}

/* --nvdimm, each one more DIMM; --no-nvdimm drops those given before. */
static int nvdimm_cb(const struct option *opt, const char *arg, int unset)
{
	struct plan *p = opt->value;

	if (unset) {
		plan_free(p);
		return 0;
	}
	return plan_add_dimm(p, arg) ? -1 : 0;
}

/* 0 to go on; parse_options()'s stop code (< 0) or an exit status. */
static int parse_plan_args(struct plan *p, bool *create, int argc, char **argv)
{
	struct plan_strings v = { 0 };
	const struct option opts[] = {
		OPT_STRING('r', "ram", &v.ram, "size", "guest RAM (default 1G)"),
		OPT_CALLBACK('n', "nvdimm", p, "spec", "a DIMM: backend size, label-size (default "
			"128K),\nbackend file (default nvdimmN.img)", nvdimm_cb),
		OPT_STRING('s', "hotplug-spares", &v.spares, "n",
			"extra slots and maxmem for device_add later"),
		OPT_BOOLEAN('c', "create", create, "create the backend files (sparse)"),
		OPT_STRING('f', "format", &v.format, "format",
			"qemu (options, the default) or libvirt (a domain)"),
		OPT_STRING('N', "name", &v.name, "name", "the libvirt domain's name (default ndkit-vm)"),
		OPT_STRING('v', "vcpus", &v.vcpus, "n", "the libvirt domain's vCPUs (default 1)"),
		OPT_STRING('t', "domain-type", &v.domain_type, "type",
			"the libvirt domain's type: kvm (default) or qemu (TCG)"),
		OPT_BOOLEAN('H', "hotplug", &p->hotplug,
			"print the DIMM's <memory> element for attach-device"),
		OPT_END(),
	};

	argc = parse_options(argc, argv, opts, plan_usage, 0);
	if (argc < 0)
		return argc;
	if (argc) {
		plan_error("unexpected argument '%s'; DIMMs go in --nvdimm SIZE", argv[0]);
		return QEMU_USAGE_EXIT;
	}
	return convert_plan_args(p, &v) || check_plan_args(p) ? QEMU_USAGE_EXIT : 0;
}

/* Lay the DIMMs out, create their files if asked, print the plan. */
static int plan_output(struct plan *p, bool create)
{
	int rc = p->hotplug ? plan_hotplug_layout(p) : plan_layout(p);

	if (!rc && create)
		rc = plan_create_files(p);
	if (!rc && p->hotplug)
		return print_hotplug_xml(p);
	if (!rc && p->libvirt)
		return print_domain_xml(p);
	return rc ? rc : print_plan(p);
}

int cmd_plan(int argc, char **argv, void *ctx)
{
	struct plan *p = calloc(1, sizeof(*p));
	bool create = false;
	int rc;

	if (!p)
		return 1;
	p->ram = SZ_1G;
	p->vcpus = 1;
	p->name = "ndkit-vm";
	p->domain_type = "kvm";
	rc = parse_plan_args(p, &create, argc, argv);
	if (rc < 0)
		rc = parse_options_exit(rc);	/* -h, --help, --list-opts, a parse error */
	else if (!rc)
		rc = plan_output(p, create);
	plan_free(p);
	free(p);
	return rc;
}

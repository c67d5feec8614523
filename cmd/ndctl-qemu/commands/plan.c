// SPDX-License-Identifier: GPL-2.0-only
#define _GNU_SOURCE
/*
 * `ndctl-qemu plan`: the options and output of the command; the plan itself
 * (DIMMs, layout, files, QEMU options) is plan-layout.c's, the libvirt
 * formats plan-libvirt.c's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "util/size.h"
#include "builtin.h"
#include "plan-layout.h"
#include "plan-libvirt.h"

static const char *const plan_usage[] = {
	"ndctl-qemu plan [--ram SIZE] --nvdimm SPEC... [--hotplug-spares N] [--create] "
		"[--format qemu|libvirt] [<options>]",
	"ndctl-qemu plan --hotplug --nvdimm SPEC [--create]",
	"",
	"Print QEMU options, or a libvirt domain, for the DIMMs (one --nvdimm",
	"each) that pass 'ndctl-qemu check', with every region 128 MiB aligned;",
	"or, with --hotplug, the <memory> element of one more DIMM for",
	"'virsh attach-device'. SPEC is SIZE[,label-size=S][,file=PATH].",
	"With --cxl-pmem, CXL type-3 pmem devices too (QEMU options only).",
	NULL
};

/* @n options @args (freed) as lines ending in "\\", the first one after @first lines. */
static int print_args(int first, int n, struct plan_arg *args)
{
	if (n < 0)
		return -1;
	for (int i = 0; i < n; i++)
		printf("%s%s %s", first + i ? " \\\n" : "", args[i].opt, args[i].value);
	if (n > 0)
		plan_args_free(args, n);
	return first + n;
}

static int print_plan(const struct plan *p)
{
	struct plan_arg *args;
	int n = plan_qemu_args(p, &args);

	n = print_args(0, n, args);
	if (n >= 0) {
		int k = plan_cxl_args(p, &args);

		n = print_args(n, k, args);
	}
	if (n < 0)
		return 1;
	printf("\n");
	fflush(stdout);
	plan_print_regions(p);
	plan_print_cxl(p);
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
	if (!p->n && !p->ncxl)
		return plan_error("%s", "no DIMM; add --nvdimm SIZE (e.g. --nvdimm 1G) or "
			"--cxl-pmem SIZE");
	if (p->ncxl && (p->hotplug || (p->format_given && p->libvirt)))
		return plan_error("%s", "--cxl-pmem is for QEMU options only: libvirt has no "
			"CXL device element; drop --format libvirt and --hotplug");
	if (p->hotplug && p->format_given && !p->libvirt)
		return plan_error("%s", "--hotplug prints libvirt XML; for QEMU, give the "
			"plan's -object/-device values to object_add/device_add");
	if (p->hotplug && p->n != 1)
		return plan_error("%s", "--hotplug takes one --nvdimm: virsh attach-device "
			"adds one device per file");
	p->libvirt |= p->hotplug;
	return p->libvirt ? plan_libvirt_check(p) : 0;
}

/*
 * --nvdimm and --cxl-pmem: each one more DIMM or CXL device; --no-nvdimm and --no-cxl-pmem
 * drop those of their kind given before.
 */
static int device_cb(const struct option *opt, const char *arg, int unset)
{
	struct plan *p = opt->value;
	bool cxl = !strcmp(opt->long_name, "cxl-pmem");

	if (unset) {
		if (cxl)
			plan_drop_cxl(p);
		else
			plan_drop_dimms(p);
		return 0;
	}
	return (cxl ? plan_add_cxl(p, arg) : plan_add_dimm(p, arg)) ? -1 : 0;
}

/* 0 to go on; parse_options()'s stop code (< 0) or an exit status. */
static int parse_plan_args(struct plan *p, bool *create, int argc, char **argv)
{
	struct plan_strings v = { 0 };
	const struct option opts[] = {
		OPT_STRING('r', "ram", &v.ram, "size", "guest RAM (default 1G)"),
		OPT_CALLBACK('n', "nvdimm", p, "spec", "a DIMM: backend size, label-size (default "
			"128K),\nbackend file (default nvdimmN.img)", device_cb),
		OPT_CALLBACK(0, "cxl-pmem", p, "spec", "a CXL type-3 pmem device: SIZE[,lsa=SIZE]"
			"[,file=PATH]\n(LSA in PATH.lsa; default cxl-pmemN.img)", device_cb),
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

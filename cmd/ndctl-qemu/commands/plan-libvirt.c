// SPDX-License-Identifier: GPL-2.0-only
#define _GNU_SOURCE
/*
 * `ndctl-qemu plan --format libvirt`: the plan as a libvirt domain, and
 * `--hotplug`: one more DIMM as the <memory> element virsh attach-device
 * takes. The domain's memory layout is the QEMU plan's: libvirt 9.0 starts
 * it with the same -m, backends and devices (boot RAM is the NUMA cell;
 * <acpi/> keeps the NFIT; every size is already a 2 MiB multiple, so libvirt
 * rounds nothing). How the guest boots is left to the user.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "util/size.h"
#include "plan-libvirt.h"

#define LIBVIRT_DIMM_ALIGN SZ_2M
#define HOTPLUG_ALIGN SZ_128M
#define KIB 1024ULL
#define MIB (1024ULL * 1024)

static unsigned long long kib(uint64_t bytes)
{
	return (unsigned long long)(bytes >> 10);
}

/* @s with XML's five special characters escaped. */
static void print_escaped(const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '<': fputs("&lt;", stdout); break;
		case '>': fputs("&gt;", stdout); break;
		case '&': fputs("&amp;", stdout); break;
		case '\'': fputs("&apos;", stdout); break;
		case '"': fputs("&quot;", stdout); break;
		default: putchar(*s);
		}
	}
}

/* QEMU runs in libvirt's directory, not ours: backend paths must be absolute. */
static void print_path(const char *file)
{
	char *cwd = file[0] == '/' ? NULL : getcwd(NULL, 0);

	if (cwd) {
		print_escaped(cwd);
		if (strcmp(cwd, "/") != 0)
			putchar('/');
	}
	print_escaped(file);
	free(cwd);
}

int plan_libvirt_check(const struct plan *p)
{
	char a[24];

	if (p->ram % MIB)
		return plan_error("--ram %s: libvirt's boot RAM is a NUMA cell; give a "
			"multiple of 1M", format_size_short(p->ram, a, sizeof(a)));
	for (int i = 0; i < p->n; i++) {
		const struct plan_dimm *d = &p->dimms[i];

		if (d->size % LIBVIRT_DIMM_ALIGN)
			return plan_error("--nvdimm %s: libvirt rounds DIMM sizes up to 2 MiB, "
				"past the file's end; give a multiple of 2M",
				format_size_short(d->size, a, sizeof(a)));
		if (d->label_size % KIB)
			return plan_error("label-size=%s: libvirt counts in KiB; give a "
				"multiple of 1K", format_size_short(d->label_size, a, sizeof(a)));
	}
	return 0;
}

/* A hot-added DIMM lands after the others, wherever they ended: align=128M keeps it aligned. */
int plan_hotplug_layout(struct plan *p)
{
	struct plan_dimm *d = &p->dimms[0];
	char a[24];

	d->align = HOTPLUG_ALIGN;
	d->usable = d->size > d->label_size ? ALIGN_DOWN(d->size - d->label_size, d->align) : 0;
	if (!d->usable)
		return plan_error("--nvdimm %s: too small for labels and a 128M-aligned region; "
			"use a size of 256M or more", format_size_short(d->size, a, sizeof(a)));
	return 0;
}

static void print_memory(const struct plan_dimm *d, const char *indent, int slot)
{
	printf("%s<memory model='nvdimm' access='shared'>\n", indent);
	printf("%s  <source>\n%s    <path>", indent, indent);
	print_path(d->file);
	printf("</path>\n%s    <alignsize unit='KiB'>%llu</alignsize>\n", indent, kib(d->align));
	printf("%s  </source>\n", indent);
	printf("%s  <target>\n%s    <size unit='KiB'>%llu</size>\n", indent, indent, kib(d->size));
	printf("%s    <node>0</node>\n", indent);
	printf("%s    <label>\n%s      <size unit='KiB'>%llu</size>\n%s    </label>\n",
		indent, indent, kib(d->label_size), indent);
	printf("%s  </target>\n", indent);
	if (slot >= 0)
		printf("%s  <address type='dimm' slot='%d'/>\n", indent, slot);
	printf("%s</memory>\n", indent);
}

int print_domain_xml(const struct plan *p)
{
	uint64_t total = p->ram;

	for (int i = 0; i < p->n; i++)
		total += p->dimms[i].size;
	printf("<!-- ndctl-qemu plan: add how the guest boots, <kernel>/<initrd>/<cmdline>\n"
		"     in <os> or a <disk> in <devices>, and its console and network. -->\n");
	printf("<domain type='%s'>\n  <name>%s</name>\n", p->domain_type, p->name);
	printf("  <maxMemory slots='%u' unit='KiB'>%llu</maxMemory>\n", p->n + p->spares,
		kib(plan_maxmem(p)));
	printf("  <memory unit='KiB'>%llu</memory>\n", kib(total));
	printf("  <vcpu>%u</vcpu>\n", p->vcpus);
	printf("  <os>\n    <type arch='x86_64' machine='pc'>hvm</type>\n  </os>\n");
	printf("  <features>\n    <acpi/>\n  </features>\n");
	printf("  <cpu>\n    <numa>\n      <cell id='0' cpus='0-%u' memory='%llu' unit='KiB'/>\n"
		"    </numa>\n  </cpu>\n", p->vcpus - 1, kib(p->ram));
	printf("  <devices>\n");
	for (int i = 0; i < p->n; i++)
		print_memory(&p->dimms[i], "    ", i);
	printf("  </devices>\n</domain>\n");
	plan_print_regions(p);
	return 0;
}

int print_hotplug_xml(const struct plan *p)
{
	const struct plan_dimm *d = &p->dimms[0];
	char a[24], b[24];

	print_memory(d, "", -1);
	fflush(stdout);
	fprintf(stderr, "# region %s (%#llx), 128 MiB aligned wherever it lands; the domain "
		"needs a free slot and maxMemory room for %s: virsh attach-device NAME FILE --live\n",
		format_size_short(d->usable, a, sizeof(a)), (unsigned long long)d->usable,
		format_size_short(d->size, b, sizeof(b)));
	return 0;
}

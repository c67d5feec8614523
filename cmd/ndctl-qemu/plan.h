/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef NDKIT_QEMU_PLAN_H
#define NDKIT_QEMU_PLAN_H
#include <stdbool.h>
#include <stdint.h>

#define MAX_DIMMS 64

struct plan_dimm {
	uint64_t size, label_size, align, start, usable;
	char *file;
};

struct plan {
	uint64_t ram;
	unsigned spares, vcpus;
	bool create, libvirt, format_given, hotplug;
	const char *name, *domain_type;
	struct plan_dimm dimms[MAX_DIMMS];
	int n;
};

__attribute__((format(printf, 1, 2)))
int plan_error(const char *fmt, ...);
/* RAM plus every DIMM plus one largest DIMM per hotplug spare. */
uint64_t plan_maxmem(const struct plan *p);
/* "# nvdimmN: region SIZE at ADDR" lines on stderr. */
void plan_print_regions(const struct plan *p);

/* libvirt output (plan-libvirt.c). */
int plan_libvirt_check(const struct plan *p);
int plan_hotplug_layout(struct plan *p);
int print_domain_xml(const struct plan *p);
int print_hotplug_xml(const struct plan *p);

#endif

/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef NDKIT_QEMU_PLAN_LAYOUT_H
#define NDKIT_QEMU_PLAN_LAYOUT_H
#include <stdbool.h>
#include <stdint.h>
#include "../../common/error.h"

#define PLAN_MAX_DIMMS 64

struct plan_dimm {
	uint64_t size, label_size, align, start, usable;
	char *file;
};

/* The DIMMs asked for and where QEMU will put them (plan_layout). */
struct plan {
	uint64_t ram;
	unsigned spares, vcpus;
	uint64_t spare_size;	/* 0: as large as the largest DIMM */
	const char *dir;	/* default backend files go here (NULL: cwd) */
	const char *prefix;	/* default backend file names: PREFIXn.img (NULL: nvdimm) */
	bool quiet;		/* plan_create_files says nothing */
	bool libvirt, format_given, hotplug;	/* plan --format libvirt, --hotplug */
	const char *name, *domain_type;		/* the libvirt domain's */
	struct plan_dimm dimms[PLAN_MAX_DIMMS];
	int n;
};

/* One QEMU option and its argument, e.g. { "-m", "1G,slots=1,maxmem=2G" }. */
struct plan_arg {
	char *opt, *value;
};

/* "ndctl-qemu plan: <msg>" on stderr; returns 1. */
#define plan_error(...) cmd_error(1, "ndctl-qemu", "plan", __VA_ARGS__)
/* Add a DIMM from an --nvdimm SPEC (SIZE[,label-size=S][,file=PATH]). */
int plan_add_dimm(struct plan *p, const char *spec);
/* Choose each DIMM's align and place it as QEMU will; 1 with a message if impossible. */
int plan_layout(struct plan *p);
/* Create the missing backend files (sparse); refuse, changing nothing, on a wrong one. */
int plan_create_files(const struct plan *p);
/* RAM plus every DIMM plus one spare (spare_size, else the largest DIMM) per hotplug spare. */
uint64_t plan_maxmem(const struct plan *p);
/* "# nvdimmN: region SIZE at ADDR" lines on stderr. */
void plan_print_regions(const struct plan *p);
/* The QEMU options for the plan; returns how many were stored in *out (free with plan_args_free). */
int plan_qemu_args(const struct plan *p, struct plan_arg **out);
void plan_args_free(struct plan_arg *args, int n);
void plan_free(struct plan *p);

#endif

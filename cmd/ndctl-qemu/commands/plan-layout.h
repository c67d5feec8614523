/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef NDKIT_QEMU_PLAN_LAYOUT_H
#define NDKIT_QEMU_PLAN_LAYOUT_H
#include <stdbool.h>
#include <stdint.h>
#include "../../common/error.h"

#define PLAN_MAX_DIMMS 64
#define PLAN_MAX_CXL 4

/* A --cxl-pmem device (plan-cxl.c): its persistent memory and label storage area (LSA). */
struct plan_cxl {
	const char *spec;	/* as given, for messages */
	uint64_t size, lsa;
	char *file, *lsa_file;	/* the backends: file= (or cxl-pmemN.img) and FILE.lsa */
};

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
	struct plan_cxl cxl[PLAN_MAX_CXL];	/* --cxl-pmem devices */
	int ncxl;
};

/* One QEMU option and its argument, e.g. { "-m", "1G,slots=1,maxmem=2G" }. */
struct plan_arg {
	char *opt, *value;
};

/* "ndctl-qemu plan: <msg>" on stderr; returns 1. */
#define plan_error(...) cmd_error(1, "ndctl-qemu", "plan", __VA_ARGS__)
/*
 * Walk a SPEC "SIZE[,ELEMENT]...": *size from its first element (0 when that is no size, and
 * then nothing more is walked), then @element(@ctx, ELEMENT) for each further one, a writable
 * copy, until one returns non-zero: that is returned; -1 when out of memory.
 */
int plan_walk_spec(const char *spec, uint64_t *size, int (*element)(void *ctx, char *el),
		void *ctx);
/* DIR/PREFIXi.img, or PREFIXi.img without a directory; NULL when out of memory. */
char *plan_default_file(const struct plan *p, const char *prefix, int i);
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
/* Set @a to OPT and the formatted value; -1 when out of memory. */
int plan_arg_set(struct plan_arg *a, const char *opt, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* A path for a QEMU option value, its commas doubled; NULL when out of memory. */
char *plan_qemu_escape(const char *path);
/* Forget the DIMMs (--no-nvdimm), the CXL devices (--no-cxl-pmem). */
void plan_drop_dimms(struct plan *p);
void plan_drop_cxl(struct plan *p);
/* Forget the DIMMs and the CXL devices. */
void plan_free(struct plan *p);

/* Add a CXL device from a --cxl-pmem SPEC (SIZE[,lsa=SIZE][,file=PATH]); 1 with a message. */
int plan_add_cxl(struct plan *p, const char *spec);
/* The CXL devices' QEMU options: one -machine (q35, cxl=on, the memory windows), then per device
 * its two backends, host bridge, two root ports and cxl-type3; how many, or -1. */
int plan_cxl_args(const struct plan *p, struct plan_arg **out);
/* "# cxl-pmemN: ..." lines and what the guest must do, on stderr (nothing without CXL). */
void plan_print_cxl(const struct plan *p);
/* run's progress line on the CXL devices, or NULL without any. */
char *plan_cxl_summary(const struct plan *p);

#endif

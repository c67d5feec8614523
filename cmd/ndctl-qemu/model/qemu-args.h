/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef NDKIT_QEMU_ARGS_H
#define NDKIT_QEMU_ARGS_H
#include <stdbool.h>
#include <stdint.h>
#include "findings.h"
#include "qemu-opt.h"

enum backend_kind { BACKEND_FILE, BACKEND_RAM, BACKEND_MEMFD };

struct qemu_backend {
	const struct qemu_option *opt;
	enum backend_kind kind;
	const char *id;
	uint64_t size;
	const char *mem_path;
	int share;		/* -1 when not given */
	uint64_t align;		/* 0 when not given */
	bool pmem, readonly;
	int users;		/* memory devices naming it */
};

/* A -device pc-dimm or nvdimm: both take a slot and guest-physical space. */
struct qemu_memdev {
	const struct qemu_option *opt;
	bool nvdimm;
	const char *id;
	const char *memdev;
	struct qemu_backend *backend;	/* NULL if memdev names nothing */
	uint64_t label_size;		/* 0 when not given */
	uint64_t addr;
	long slot;			/* -1 when not given */
	bool addr_set, unarmed;
};

struct qemu_config {
	struct qemu_option *opts;
	int nopts;
	struct qemu_option *machine_opt, *m_opt;
	const char *machine_type;	/* "pc" when no -machine names one */
	bool nvdimm_on;
	bool no_acpi;		/* -no-acpi or acpi=off: the guest gets no NFIT */
	uint64_t ram_size, maxmem;	/* maxmem is 0 when not given */
	unsigned slots;
	struct qemu_backend *backends;
	int nbackends;
	struct qemu_memdev *memdevs;
	int nmemdevs;
};

/*
 * Parse a QEMU command line as pasted: with or without the program name,
 * one word per argv element or whole lines in one element (split on blanks,
 * lone "\" continuations dropped). Problems of syntax become findings.
 */
void qemu_config_parse(struct qemu_config *cfg, int argc, char **argv,
		struct findings *f);
/*
 * Only collect the options of an argv taken as is (/proc/PID/cmdline: no
 * line splitting), for more options to join before qemu_config_model().
 */
void qemu_config_collect_exact(struct qemu_config *cfg, int argc, char **argv,
		struct findings *f);
void qemu_config_free(struct qemu_config *cfg);

/*
 * Building a configuration from another source (a libvirt domain): add the
 * options, set their keys, then model them. The option returned stays valid
 * until the next qemu_config_add().
 */
struct qemu_option *qemu_config_add(struct qemu_config *cfg, const char *flag,
		const char *text);
void qemu_config_model(struct qemu_config *cfg, struct findings *f);

bool qemu_machine_is_q35(const struct qemu_config *cfg);

#endif

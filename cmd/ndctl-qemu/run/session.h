/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef NDKIT_QEMU_RUN_SESSION_H
#define NDKIT_QEMU_RUN_SESSION_H
#include <stdbool.h>
#include <stdint.h>
#include "../../common/error.h"
#include "../commands/plan-layout.h"

/* A growing NULL-terminated list of strings (an argv). */
struct strv {
	char **v;
	int n, cap;
};

int strv_add(struct strv *s, const char *str);
int strv_addf(struct strv *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void strv_free(struct strv *s);

#define RUN_MAX_SHARES 16
#define RUN_MAX_LEGACY 8	/* --legacy-pmem regions */
#define RUN_MAX_NUMA 8		/* --numa nodes */

/* Everything `ndctl-qemu run` was asked for, and what it derived. */
struct run {
	struct plan plan;	/* the --nvdimm DIMMs, laid out by plan, and --cxl-pmem */
	struct plan hot;	/* the --hotplug DIMMs, plugged on the guest's request */
	uint64_t ram;		/* --ram: the RAM the guest keeps (plan.ram is QEMU's -m) */
	uint64_t legacy[RUN_MAX_LEGACY];	/* --legacy-pmem sizes */
	uint64_t legacy_at[RUN_MAX_LEGACY];	/* and their guest-physical starts */
	int nlegacy;
	int numa;		/* --numa N guest nodes, 0: none */
	int node[PLAN_MAX_DIMMS];	/* node= of each --nvdimm, -1: none */
	int hot_node[PLAN_MAX_DIMMS];	/* node= of each --hotplug, -1: none */
	char *append;		/* --append words, NULL: none */
	struct strv qemu_args;	/* --qemu-arg, passed to QEMU last */
	int gdb;		/* --gdb PORT, 0: none */
	int boots, cpus, timeout;
	bool upstream, shell, quiet;
	bool nfit_test;		/* also the kernel's nfit_test buses */
	const char *preload[PLAN_MAX_DIMMS];	/* label-area file per DIMM, or NULL */
	const char *shares[RUN_MAX_SHARES];
	int nshares;
	char *cwd;
	const char *kernel, *modules, *keep, *console, *qmp;
	char *kver;		/* basename of the modules directory */
	char *pvh;		/* the kernel's vmlinux for a PVH boot, NULL: boot kernel as is */
	char *dir;		/* where backend files, initramfs and sockets live */
	bool kvm;
	char **command;		/* COMMAND [ARG]... */
	double t0;		/* start, for progress lines */
};

/* Progress line on stderr with the elapsed time, unless --quiet. */
void run_progress(const struct run *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* "ndctl-qemu run: <msg>" on stderr; returns the exit status for a runner failure (125). */
#define run_error(...) cmd_error(RUN_EXIT_RUNNER, "ndctl-qemu", "run", __VA_ARGS__)
double run_now(void);

#define RUN_EXIT_TIMEOUT 124
#define RUN_EXIT_RUNNER 125

#endif

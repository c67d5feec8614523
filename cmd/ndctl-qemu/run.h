/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef NDKIT_QEMU_RUN_H
#define NDKIT_QEMU_RUN_H
#include <stdbool.h>
#include <stdint.h>
#include "../common/error.h"
#include "plan.h"

/* A growing NULL-terminated list of strings (an argv). */
struct strv {
	char **v;
	int n, cap;
};

int strv_add(struct strv *s, const char *str);
int strv_addf(struct strv *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void strv_free(struct strv *s);

#define RUN_MAX_SHARES 16

/* Everything `ndctl-qemu run` was asked for, and what it derived. */
struct run {
	struct plan plan;	/* the --nvdimm DIMMs, laid out by plan */
	struct plan hot;	/* the --hotplug DIMMs, plugged on the guest's request */
	int boots, cpus, timeout;
	bool upstream, shell, quiet;
	bool nfit_test;		/* also the kernel's nfit_test buses */
	const char *preload[PLAN_MAX_DIMMS];	/* label-area file per DIMM, or NULL */
	const char *shares[RUN_MAX_SHARES];
	int nshares;
	char *cwd;
	const char *kernel, *modules, *keep, *console, *qmp;
	char *kver;		/* basename of the modules directory */
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

/* run-preload.c: FILE (a label area, or one gzip-compressed: .gz) into the DIMM's label area;
 * 1 with a message if FILE is not exactly label-size bytes, and nothing written. */
int run_preload(const struct plan_dimm *d, const char *file);

/* run-guest.c: the guest kernel and its modules; the initramfs. */
int run_find_kernel(struct run *r);
int run_write_initramfs(const struct run *r, const char *path);
/* Where the guest kernel is cached unless NDKIT_GUEST_CACHE says otherwise. */
#define RUN_DEFAULT_CACHE "/var/cache/ndkit-guest"

/* run-nfit.c: --nfit-test: r->modules becomes the cached tree with the test modules in
 * updates/, built first if it is not there yet. */
int run_nfit_modules(struct run *r);

/* run-vm.c: one boot of the guest; returns COMMAND's exit status (124: timeout). */
int run_boot(const struct run *r, int boot, const char *initrd);
bool run_kvm_usable(char *why, size_t len);
/* The guest cache folder: $NDKIT_GUEST_CACHE or /var/cache/ndkit-guest. */
const char *run_cache_dir(void);
void run_print_qemu_log(const struct run *r, bool first_line_only);
/* --shell: ttyS1's file in the run's directory, where the guest reports the shell's status. */
#define RUN_VERDICT_FILE "verdict.log"
/* run_boot: QEMU under KVM ended before the guest printed anything. */
#define RUN_KVM_FAILED (-2)

#define RUN_EXIT_TIMEOUT 124
#define RUN_EXIT_RUNNER 125

#endif

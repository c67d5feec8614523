/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef NDKIT_QEMU_RUN_VM_H
#define NDKIT_QEMU_RUN_VM_H
#include <stdbool.h>
#include <stddef.h>
#include "session.h"

/* One boot of the guest; returns COMMAND's exit status (124: timeout). */
int run_boot(const struct run *r, int boot, const char *initrd);
bool run_kvm_usable(char *why, size_t len);
void run_print_qemu_log(const struct run *r, bool first_line_only);
/* The first line QEMU wrote to the run's qemu.log (the caller frees it), or NULL. */
char *run_qemu_log_first_line(const struct run *r);
/* KVM failed and TCG then booted: skip KVM until the host reboots; @qemu_said is why. */
void run_kvm_remember_failed(const char *qemu_said);
/* --shell: ttyS1's file in the run's directory, where the guest reports the shell's status. */
#define RUN_VERDICT_FILE "verdict.log"
/* run_boot: QEMU under KVM ended before the guest printed anything. */
#define RUN_KVM_FAILED (-2)

/*
 * SIGINT, SIGTERM and SIGHUP stop the run instead of killing it: the boot
 * under way kills its QEMU, no further boot starts, the run's files are
 * removed, and the status is 128 + the signal's number, as a shell's.
 */
void run_catch_signals(void);
/* 128 + the signal that stopped the run, or 0. */
int run_stopped(void);

#endif

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
/* --shell: ttyS1's file in the run's directory, where the guest reports the shell's status. */
#define RUN_VERDICT_FILE "verdict.log"
/* run_boot: QEMU under KVM ended before the guest printed anything. */
#define RUN_KVM_FAILED (-2)

#endif

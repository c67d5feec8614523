/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef NDKIT_QEMU_RULES_H
#define NDKIT_QEMU_RULES_H
#include <stdint.h>
#include "../model/findings.h"
#include "../model/qemu-args.h"

/* Run every rule over a parsed command line and the files it names. */
void qemu_check(const struct qemu_config *cfg, struct findings *f);

/* Rules that read the backend files (rules-files.c). */
void check_backend_files(const struct qemu_config *cfg, struct findings *f);

/*
 * What the @len bytes at @off of a backend hold: zeroes, a label area (an
 * index block signature in its first half) or other data; -errno on error.
 */
enum { LABEL_TAIL_ZERO, LABEL_TAIL_LABELS, LABEL_TAIL_DATA };
int label_tail_kind(int fd, uint64_t off, uint64_t len);

#endif

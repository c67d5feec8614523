/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef NDKIT_QEMU_RULES_FILES_H
#define NDKIT_QEMU_RULES_FILES_H
#include <stdint.h>
#include "../model/findings.h"
#include "../model/qemu-args.h"

/* The rules that read the backend files themselves (part of qemu_check). */
void check_backend_files(const struct qemu_config *cfg, struct findings *f);

/*
 * What the @len bytes at @off of a backend hold: zeroes, a label area (an
 * index block signature in its first half) or other data; -errno on error.
 * provision asks it too, before it writes labels over a file's tail.
 */
enum { LABEL_TAIL_ZERO, LABEL_TAIL_LABELS, LABEL_TAIL_DATA };
int label_tail_kind(int fd, uint64_t off, uint64_t len);

#endif

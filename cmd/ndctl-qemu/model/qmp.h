/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef NDKIT_QEMU_QMP_H
#define NDKIT_QEMU_QMP_H
#include "qemu-args.h"

/*
 * Ask the QMP socket at @path for the memory devices (query-memory-devices):
 * pin the command line's DIMMs (of @cfg, collected but not yet modelled) to
 * the addresses QEMU gave them, and add the hot-plugged ones with their
 * backends (qom-get). Returns how many were added, or -errno.
 */
int qmp_add_memory_devices(const char *path, struct qemu_config *cfg);

#endif

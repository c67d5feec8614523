/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef NDKIT_QEMU_JSON_H
#define NDKIT_QEMU_JSON_H
#include "findings.h"
#include "qemu-opt.h"

/*
 * A JSON option value ('{"qom-type":"memory-backend-file",...}', as libvirt
 * writes them) into @opt's keys; values of the wrong JSON type for QEMU and
 * text that is no JSON object become findings.
 */
void qemu_opt_parse_json(struct qemu_option *opt, const char *json, struct findings *f);

#endif

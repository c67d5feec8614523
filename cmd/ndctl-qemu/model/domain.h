/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef NDKIT_QEMU_DOMAIN_H
#define NDKIT_QEMU_DOMAIN_H
#include <stddef.h>
#include "findings.h"
#include "qemu-args.h"

/*
 * A libvirt domain (virsh dumpxml) as the QEMU configuration libvirt 9.0
 * would start from it, options named after the XML elements. -1 when @xml
 * is no domain at all (a finding says why); the configuration is then empty
 * but still to be freed.
 */
int qemu_domain_parse(struct qemu_config *cfg, const char *xml, size_t len,
		struct findings *f);

/*
 * After qemu_check() on such a configuration: mark the findings libvirt
 * rejects the domain for by itself, and add the XML spelling of each fix.
 */
void qemu_domain_annotate(const struct qemu_config *cfg, struct findings *f);

#endif

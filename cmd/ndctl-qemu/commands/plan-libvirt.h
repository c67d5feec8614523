/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef NDKIT_QEMU_PLAN_LIBVIRT_H
#define NDKIT_QEMU_PLAN_LIBVIRT_H
#include "plan-layout.h"

/* 1 with a message if libvirt would round a size of the plan (RAM in MiB, DIMMs in 2 MiB). */
int plan_libvirt_check(const struct plan *p);
/* --hotplug: the one DIMM's align and region, wherever it lands (no plan_layout). */
int plan_hotplug_layout(struct plan *p);
/* The plan as a libvirt domain, and the regions on stderr. */
int print_domain_xml(const struct plan *p);
/* The one DIMM as the <memory> element virsh attach-device takes. */
int print_hotplug_xml(const struct plan *p);

#endif

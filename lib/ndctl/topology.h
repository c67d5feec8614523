/* SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef NDKIT_NDCTL_TOPOLOGY_H
#define NDKIT_NDCTL_TOPOLOGY_H
/* Buses, DIMMs, regions, namespaces and their personalities over sysfs (topology/). */
#endif

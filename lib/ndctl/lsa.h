/* SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef NDKIT_NDCTL_LSA_H
#define NDKIT_NDCTL_LSA_H
/* Label storage area: the engine (label/) and its transports (transport/). */
#endif

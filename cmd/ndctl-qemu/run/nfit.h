/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef NDKIT_QEMU_RUN_NFIT_H
#define NDKIT_QEMU_RUN_NFIT_H
#include "session.h"

/* --nfit-test: r->modules becomes the cached tree with the test modules in
 * updates/, built first if it is not there yet. */
int run_nfit_modules(struct run *r);

#endif

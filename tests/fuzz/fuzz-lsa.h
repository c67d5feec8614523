/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef NDKIT_FUZZ_LSA_H
#define NDKIT_FUZZ_LSA_H
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif

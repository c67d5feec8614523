/* SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef NDKIT_ENGINE_H
#define NDKIT_ENGINE_H
/*
 * Internal to the label engine: what load.c and txn.c share. The engine
 * works on the codec's decoded area (label/codec.h) through a transport
 * (transport/xport.h); nothing below it includes this.
 */
#include "label/codec.h"
#include "transport/xport.h"

/* Remember whether lsa was read under t's exclusive lock (see txn.c's freshness check). */
void lsa_note_lock(struct ndctl_lsa *lsa, const struct ndctl_lsa_xport *t);
/*
 * Where the area's current index block is now, read from the medium (index
 * blocks only): 0 with its offset and size, -ENODATA when no index is valid,
 * or the read's error.
 */
int lsa_current_index_extent(struct ndctl_lsa_xport *t, uint64_t *off, uint64_t *len);

#endif

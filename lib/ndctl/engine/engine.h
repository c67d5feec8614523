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
/* How many bytes from offset 0 hold both index blocks, whichever label size the area uses. */
uint64_t lsa_index_span(uint64_t size);

#endif

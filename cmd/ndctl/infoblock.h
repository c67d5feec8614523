/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef NDKIT_CMD_INFOBLOCK_H
#define NDKIT_CMD_INFOBLOCK_H
#include <stddef.h>
#include <json-c/json.h>

#define INFOBLOCK_OFFSET 4096	/* after the 4 KiB reserved for labels/partitions */
#define INFOBLOCK_SIZE 4096

/*
 * Decode a PFN or DAX info block (the 4 KiB at namespace byte 4096) into
 * JSON; NULL with a message in why (naming what is wrong) when there is no
 * valid one: unknown signature or bad checksum.
 */
struct json_object *infoblock_to_json(const unsigned char *sb, unsigned flags,
		char *why, size_t whylen);

#endif

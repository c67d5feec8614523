/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef NDKIT_LSA_TEST_UTIL_H
#define NDKIT_LSA_TEST_UTIL_H
#include <stddef.h>
#include <stdint.h>
#include <json-c/json.h>
#include <ndctl/libndctl.h>
#include "ndctl/lsa-test.h"

/* $NDKIT_TESTDATA/labels/<name> */
char *vector_path(const char *name);
/* Names of the *.lsa.gz vectors (without the suffix), NULL-terminated; free with free_names. */
char **vector_names(void);
void free_names(char **names);
/* gunzip a file into a malloc'd buffer (via gzip -dc: no zlib dependency). */
uint8_t *gunzip_file(const char *path, size_t *size);
/* One-line canonical JSON of a json object / of an area's decoded state (malloc'd). */
char *json_canon(struct json_object *o);
char *lsa_state_text(const struct ndctl_lsa *lsa);
/* The state text of the bytes behind a memory transport. */
char *mem_state_text(struct ndctl_lsa_xport *t);
/* Count findings with the given severity or worse. */
unsigned count_findings(const struct ndctl_lsa *lsa, enum ndctl_lsa_severity min_sev);
/* A label for tests: uuid derived from seed, given dpa and size. */
void make_label(struct ndctl_label *l, unsigned seed, uint64_t dpa, uint64_t rawsize, unsigned L);

#endif

// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fuzz target: the QEMU command-line parser (a line a user pastes into
 * ndctl-qemu check), the placement model and the rules on what it found.
 * The input is argv: elements separated by NUL bytes, each copied to a heap
 * block of its exact size so that an over-read is seen.
 */
#include <stdlib.h>
#include <string.h>
#include "ndctl-qemu/model/findings.h"
#include "ndctl-qemu/rules/placement.h"
#include "ndctl-qemu/model/qemu-args.h"
#include "ndctl-qemu/rules/rules.h"
#include "fuzz-lsa.h"

#define MAX_ARGS 256

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *argv[MAX_ARGS + 1];
	struct qemu_config cfg;
	struct findings f;
	struct dimm_place *place;
	size_t i, start = 0;
	int argc = 0;

	for (i = 0; i <= size && argc < MAX_ARGS; i++) {
		if (i < size && data[i])
			continue;
		argv[argc] = malloc(i - start + 1);
		memcpy(argv[argc], data + start, i - start);
		argv[argc++][i - start] = '\0';
		start = i + 1;
	}
	argv[argc] = NULL;
	memset(&f, 0, sizeof(f));
	qemu_config_parse(&cfg, argc, argv, &f);
	qemu_check(&cfg, &f);
	place = calloc((size_t)cfg.nmemdevs + 1, sizeof(*place));
	qemu_place_memdevs(&cfg, place);
	free(place);
	qemu_config_free(&cfg);
	findings_free(&f);
	while (argc)
		free(argv[--argc]);
	return 0;
}

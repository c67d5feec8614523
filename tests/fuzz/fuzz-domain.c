// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fuzz target: arbitrary bytes as a libvirt domain for `check --domain`:
 * libxml2's parse, the reader that turns elements into QEMU options, the
 * modelling, the placement and the XML annotations of findings.
 */
#include <stdint.h>
#include <stdlib.h>
#include "ndctl-qemu/model/domain.h"
#include "ndctl-qemu/rules/placement.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct qemu_config cfg;
	struct findings f = { 0 };
	struct dimm_place *places;

	if (qemu_domain_parse(&cfg, (const char *)data, size, &f) == 0) {
		places = calloc(cfg.nmemdevs + 1, sizeof(*places));
		if (places)
			qemu_place_memdevs(&cfg, places);
		free(places);
		qemu_domain_annotate(&cfg, &f);
	}
	qemu_config_free(&cfg);
	findings_free(&f);
	return 0;
}

// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fuzz target: arbitrary bytes as the JSON value of -object and of -device
 * (how libvirt writes them), beside a fixed machine and -m, then the
 * modelling and the placement the rules build on. Files named by mem-path
 * are only stat()ed; the rules that read backend files are left out.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "ndctl-qemu/rules/placement.h"
#include "ndctl-qemu/model/qemu-args.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 2), *nl;
	char *argv[] = { "-machine", "pc,nvdimm=on", "-m", "1G,slots=4,maxmem=64G",
		"-object", NULL, "-device", NULL };
	struct qemu_config cfg;
	struct findings f = { 0 };
	struct dimm_place *places;

	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	text[size + 1] = '\0';
	/* The first line is the -object, the rest the -device ('{' makes both JSON). */
	nl = memchr(text, '\n', strlen(text));
	if (nl)
		*nl = '\0';
	argv[5] = text;
	argv[7] = nl ? nl + 1 : text;
	qemu_config_parse(&cfg, 8, argv, &f);
	places = calloc(cfg.nmemdevs + 1, sizeof(*places));
	if (places)
		qemu_place_memdevs(&cfg, places);
	free(places);
	qemu_config_free(&cfg);
	findings_free(&f);
	free(text);
	return 0;
}

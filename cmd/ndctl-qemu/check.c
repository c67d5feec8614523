// SPDX-License-Identifier: GPL-2.0-only
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include "builtin.h"
#include "findings.h"
#include "qemu-args.h"
#include "rules.h"

static void check_usage(FILE *f)
{
	fprintf(f, "usage: check [--json] -- QEMU-ARGS...\n\n"
		"Parse a QEMU command line (with or without the program name) and the\n"
		"backend files it names; print one finding per line, exit 1 on errors.\n\n"
		"  -j, --json   print the findings as a JSON array\n");
}

int cmd_check(int argc, char **argv, void *ctx)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct findings f = { 0 };
	struct qemu_config cfg;
	bool json = false;
	int c, rc;

	optind = 1;
	while ((c = getopt_long(argc, argv, "+jh", longopts, NULL)) != -1) {
		switch (c) {
		case 'j':
			json = true;
			break;
		case 'h':
			check_usage(stdout);
			return 0;
		default:
			return usage_error("ndctl-qemu", "check",
				"see 'ndctl-qemu check --help'");
		}
	}
	if (optind >= argc)
		return usage_error("ndctl-qemu", "check",
			"no QEMU command line; give one after --, e.g. check -- -machine pc,nvdimm=on ...");
	qemu_config_parse(&cfg, argc - optind, argv + optind, &f);
	qemu_check(&cfg, &f);
	if (json)
		findings_print_json(&f, stdout);
	else
		findings_print_text(&f, stdout);
	rc = findings_have_error(&f) ? 1 : 0;
	findings_free(&f);
	qemu_config_free(&cfg);
	return rc;
}

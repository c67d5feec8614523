// SPDX-License-Identifier: GPL-2.0-only
#include <stdio.h>
#include <string.h>
#include "builtin.h"
#include "../common/parse-options.h"
#include "findings.h"
#include "qemu-args.h"
#include "rules.h"

static const char *const check_usage[] = {
	"ndctl-qemu check [--json] -- QEMU-ARGS...", "",
	"Parse a QEMU command line (with or without the program name) and the",
	"backend files it names; print one finding per line, exit 1 on errors.", NULL
};

int cmd_check(int argc, char **argv, void *ctx)
{
	struct findings f = { 0 };
	struct qemu_config cfg;
	bool json = false;
	const struct option opts[] = {
		OPT_BOOLEAN('j', "json", &json, "print the findings as a JSON array"),
		OPT_END(),
	};
	int rc;

	argc = parse_options(argc, argv, opts, check_usage, PARSE_OPT_STOP_AT_NON_OPTION);
	if (argc < 0)
		return parse_options_exit(argc);
	if (argc == 0)
		return usage_error("ndctl-qemu", "check",
			"no QEMU command line; give one after --, e.g. check -- -machine pc,nvdimm=on ...");
	qemu_config_parse(&cfg, argc, argv, &f);
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

// SPDX-License-Identifier: GPL-2.0-only
#include <stdio.h>
#include <string.h>
#include "config.h"
#include "builtin.h"

int cmd_version(int argc, char **argv, void *ctx)
{
	if (argc > 1 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
		printf("usage: version\n\nPrint the ndkit version.\n");
		return 0;
	}
	if (argc > 1)
		return usage_error("", argv[0], "takes no arguments, got '%s'", argv[1]);
	printf("%s\n", NDKIT_VERSION);
	return 0;
}

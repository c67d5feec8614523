// SPDX-License-Identifier: GPL-2.0-only
#include <stdio.h>
#include <string.h>
#include "builtin.h"

/* As upstream, arguments are ignored; "--help" first shows the usage. */
int cmd_version(int argc, char **argv, void *ctx)
{
	if (argc > 1 && strcmp(argv[1], "--help") == 0) {
		printf("\n usage: %s\n\n", "version");
		return 0;
	}
	printf("%s\n", tool_version());
	return 0;
}

// SPDX-License-Identifier: GPL-2.0-only
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "config.h"
#include "dispatch.h"

static void print_usage(const struct tool *tool, FILE *f)
{
	fprintf(f, "usage: %s [--version] [--help] [--list-cmds] COMMAND [ARGS]\n\n",
			tool->name);
	fprintf(f, "Commands:\n");
	for (size_t i = 0; i < tool->ncmds; i++)
		fprintf(f, "  %-20s %s\n", tool->cmds[i].name, tool->cmds[i].summary);
	fprintf(f, "\nSee '%s COMMAND --help' for a command's options.\n", tool->name);
}

static const struct cmd *find_cmd(const struct tool *tool, const char *name)
{
	for (size_t i = 0; i < tool->ncmds; i++)
		if (strcmp(tool->cmds[i].name, name) == 0)
			return &tool->cmds[i];
	return NULL;
}

int usage_error(const char *tool, const char *cmd, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s %s: ", tool, cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n");
	return 1;
}

/* "ndctl help create-namespace" is "ndctl create-namespace --help". */
static int run_help(const struct tool *tool, int argc, char **argv)
{
	const struct cmd *cmd;
	char *help_argv[] = { NULL, "--help", NULL };

	if (argc < 2) {
		print_usage(tool, stdout);
		return 0;
	}
	cmd = find_cmd(tool, argv[1]);
	if (!cmd) {
		fprintf(stderr, "%s: '%s' is not a command. See '%s --help'.\n",
				tool->name, argv[1], tool->name);
		return 1;
	}
	help_argv[0] = (char *)cmd->name;
	return cmd->fn(2, help_argv, NULL);
}

static int run_cmd(const struct tool *tool, const struct cmd *cmd, int argc, char **argv)
{
	void *ctx = NULL;
	int rc;

	if (tool->ctx_new) {
		rc = tool->ctx_new(&ctx);
		if (rc) {
			fprintf(stderr, "%s: failed to initialize: %s\n", tool->name,
					strerror(-rc));
			return 1;
		}
	}
	rc = cmd->fn(argc, argv, ctx);
	if (tool->ctx_free)
		tool->ctx_free(ctx);
	return rc;
}

int tool_main(const struct tool *tool, int argc, char **argv)
{
	const struct cmd *cmd;
	const char *name;

	if (argc < 2) {
		print_usage(tool, stderr);
		return 1;
	}
	name = argv[1];
	if (strcmp(name, "--version") == 0 || strcmp(name, "version") == 0) {
		printf("%s\n", NDKIT_VERSION);
		return 0;
	}
	if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0)
		return run_help(tool, 1, argv + 1);
	if (strcmp(name, "help") == 0)
		return run_help(tool, argc - 1, argv + 1);
	if (strcmp(name, "--list-cmds") == 0) {
		for (size_t i = 0; i < tool->ncmds; i++)
			printf("%s\n", tool->cmds[i].name);
		return 0;
	}
	if (name[0] == '-') {
		fprintf(stderr, "%s: unknown option '%s'. See '%s --help'.\n",
				tool->name, name, tool->name);
		return 1;
	}
	cmd = find_cmd(tool, name);
	if (!cmd) {
		fprintf(stderr, "%s: '%s' is not a command. See '%s --help'.\n",
				tool->name, name, tool->name);
		return 1;
	}
	return run_cmd(tool, cmd, argc - 1, argv + 1);
}

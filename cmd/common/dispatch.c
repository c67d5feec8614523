// SPDX-License-Identifier: GPL-2.0-only
/* The top level of every tool, with upstream ndctl's texts and statuses. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "config.h"
#include "dispatch.h"

/*
 * Upstream ndctl's version is a bare "81"; ndkit prints that level, which
 * its commands are a drop-in for, then its own number: scripts that take
 * the first field as upstream's version keep working.
 */
#define UPSTREAM_LEVEL "81"

const char *tool_version(void)
{
	return UPSTREAM_LEVEL ".ndkit." NDKIT_VERSION;
}

/* Upstream's text, then (ndkit's addition) the commands it offers. */
static void print_usage(const struct tool *tool)
{
	printf("\n usage: %s [--version] [--help] COMMAND [ARGS]\n\n", tool->name);
	printf("\n See '%s help COMMAND' for more information on a specific command.\n"
			" %s --list-cmds to see all available commands\n\n",
			tool->name, tool->name);
	printf(" Commands:\n");
	for (size_t i = 0; i < tool->ncmds; i++)
		printf("   %-20s %s\n", tool->cmds[i].name, tool->cmds[i].summary);
}

static const struct cmd *find_cmd(const struct tool *tool, const char *name)
{
	for (size_t i = 0; i < tool->ncmds; i++)
		if (strcmp(tool->cmds[i].name, name) == 0)
			return &tool->cmds[i];
	return NULL;
}

static int unknown_command(const char *name)
{
	fprintf(stderr, "Unknown command: '%s'\n", name);
	return 1;
}

static const struct upstream_only_cmd *find_upstream_only(const struct tool *tool,
		const char *name)
{
	for (size_t i = 0; i < tool->nupstream_only; i++)
		if (strcmp(tool->upstream_only[i].name, name) == 0)
			return &tool->upstream_only[i];
	return NULL;
}

/*
 * A command ndkit leaves out: upstream's usage line and why. It is not a
 * usage error unless the user asked for the usage (-h, --help).
 */
static int run_upstream_only(const struct upstream_only_cmd *cmd, int argc, char **argv)
{
	int status = -EOPNOTSUPP;

	for (int i = 1; i < argc; i++)
		if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0)
			status = 129;
	fprintf(stderr, "\n usage: %s\n\n", cmd->usage);
	fprintf(stderr, "  Error: ndkit does not implement %s: %s\n", cmd->name, cmd->reason);
	return status;
}

/* "ndctl help create-namespace" is "ndctl create-namespace --help". */
static int run_help(const struct tool *tool, int argc, char **argv)
{
	const struct upstream_only_cmd *skipped;
	const struct cmd *cmd;
	char *help_argv[] = { NULL, "--help", NULL };

	if (argc < 2) {
		print_usage(tool);
		return 0;
	}
	help_argv[0] = argv[1];
	skipped = find_upstream_only(tool, argv[1]);
	if (skipped)
		return run_upstream_only(skipped, 2, help_argv) == 129 ? 0 : 1;
	cmd = find_cmd(tool, argv[1]);
	if (!cmd)
		return unknown_command(argv[1]);
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

static int list_cmds(const struct tool *tool)
{
	for (size_t i = 0; i < tool->ncmds; i++)
		printf("%s\n", tool->cmds[i].name);
	for (size_t i = 0; i < tool->nupstream_only; i++)
		printf("%s\n", tool->upstream_only[i].name);
	printf("help\n");
	return 0;
}

/* Options before the command, as upstream: -v, -h, --list-cmds. */
static int run_tool(const struct tool *tool, int argc, char **argv)
{
	const struct cmd *cmd;
	char *name;

	if (argc < 1) {
		print_usage(tool);
		return 1;
	}
	name = argv[0];
	if (strcmp(name, "--list-cmds") == 0)
		return list_cmds(tool);
	if (strcmp(name, "-v") == 0)
		name = "version";
	else if (strcmp(name, "-h") == 0)
		name = "help";
	else if (strcmp(name, "--version") && strcmp(name, "--help") && name[0] == '-') {
		fprintf(stderr, "Unknown option: %s\n\n Usage: %s [--version] [--help] COMMAND [ARGS]\n",
				name, tool->name);
		return 129;
	}
	if (strncmp(name, "--", 2) == 0)	/* "ndctl --list" runs list */
		name += 2;
	if (strcmp(name, "help") == 0)
		return run_help(tool, argc, argv);
	if (find_upstream_only(tool, name))
		return run_upstream_only(find_upstream_only(tool, name), argc, argv);
	cmd = find_cmd(tool, name);
	if (!cmd)
		return unknown_command(name);
	argv[0] = (char *)cmd->name;
	return run_cmd(tool, cmd, argc, argv);
}

int tool_main(const struct tool *tool, int argc, char **argv)
{
	return run_tool(tool, argc - 1, argv + 1) & 0xff;
}

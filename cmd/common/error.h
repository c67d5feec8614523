/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef NDKIT_CMD_ERROR_H
#define NDKIT_CMD_ERROR_H

/*
 * "TOOL CMD: <msg>" and a newline on stderr; returns @status. Every
 * command of ndctl, daxctl and ndctl-qemu reports its own errors in this
 * one form (upstream's for usage errors), so a script can match them the
 * same way whichever tool spoke; the caller's status says what kind of
 * failure it was (1, 129 for usage, 125 for ndctl-qemu run's runner, or a
 * negative errno), so one helper serves them all: `return cmd_error(...)`.
 */
int cmd_error(int status, const char *tool, const char *cmd, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* The two statuses of a refused invocation: a plain failure, and upstream's usage status. */
#define usage_error(tool, cmd, ...) cmd_error(1, tool, cmd, __VA_ARGS__)
#define usage_refuse(tool, cmd, ...) cmd_error(129, tool, cmd, __VA_ARGS__)

#endif

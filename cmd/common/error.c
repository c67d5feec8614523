// SPDX-License-Identifier: GPL-2.0-only
/* The one place a command's "TOOL CMD: message" error line is written (error.h). */
#include <stdarg.h>
#include <stdio.h>
#include "error.h"

int cmd_error(int status, const char *tool, const char *cmd, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s %s: ", tool, cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return status;
}

// SPDX-License-Identifier: LGPL-2.1-or-later
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ctype.h>
#include <errno.h>
#include "util/log.h"

__attribute__((format(printf, 6, 0)))
static void log_stderr(struct log_ctx *log, int priority, const char *file,
		int line, const char *fn, const char *format, va_list args)
{
	if (priority >= LOG_DEBUG)
		fprintf(stderr, "%s: %s:%d: %s: ", log->owner, file, line, fn);
	else
		fprintf(stderr, "%s: %s: ", log->owner, fn);
	vfprintf(stderr, format, args);
}

int log_priority_from_string(const char *s)
{
	char *end;
	long prio;

	if (!s || !*s)
		return -1;
	prio = strtol(s, &end, 10);
	if (*end == '\0' || isspace((unsigned char)*end))
		return prio < 0 ? -1 : (int)prio;
	if (strncmp(s, "err", 3) == 0)
		return LOG_ERR;
	if (strncmp(s, "info", 4) == 0)
		return LOG_INFO;
	if (strncmp(s, "debug", 5) == 0)
		return LOG_DEBUG;
	return -1;
}

void log_init(struct log_ctx *log, const char *owner, const char *env_var)
{
	int prio = log_priority_from_string(getenv(env_var));

	log->fn = log_stderr;
	log->owner = owner;
	log->priority = prio >= 0 ? prio : LOG_ERR;
}

void do_log(struct log_ctx *log, int priority, const char *file, int line,
		const char *fn, const char *format, ...)
{
	va_list args;
	int saved = errno;	/* a log call must not clobber the caller's errno */

	va_start(args, format);
	log->fn(log, priority, file, line, fn, format, args);
	va_end(args);
	errno = saved;
}

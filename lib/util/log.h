/* SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef NDKIT_UTIL_LOG_H
#define NDKIT_UTIL_LOG_H
#include <stdarg.h>
#include <stdbool.h>
#include <syslog.h>

/*
 * One logger per library context, libkmod style: a priority (syslog levels),
 * a callback the application may replace, and an owner name for messages.
 * The initial priority comes from an environment variable (NDCTL_LOG,
 * DAXCTL_LOG) holding a number or err|info|debug.
 */
struct log_ctx;
typedef void (*log_fn_t)(struct log_ctx *log, int priority, const char *file,
		int line, const char *fn, const char *format, va_list args)
	__attribute__((format(printf, 6, 0)));

struct log_ctx {
	log_fn_t fn;
	int priority;
	const char *owner;
	void *owner_ctx;	/* the library context, handed to the app's callback */
};

void log_init(struct log_ctx *log, const char *owner, const char *env_var);
int log_priority_from_string(const char *s);
void do_log(struct log_ctx *log, int priority, const char *file, int line,
		const char *fn, const char *format, ...)
	__attribute__((format(printf, 6, 7)));

#define log_cond(log, prio, ...) \
	do { \
		if ((log)->priority >= (prio)) \
			do_log((log), (prio), __FILE__, __LINE__, __func__, __VA_ARGS__); \
	} while (0)

#define log_dbg(log, ...)  log_cond(log, LOG_DEBUG, __VA_ARGS__)
#define log_info(log, ...) log_cond(log, LOG_INFO, __VA_ARGS__)
#define log_notice(log, ...) log_cond(log, LOG_NOTICE, __VA_ARGS__)
#define log_err(log, ...)  log_cond(log, LOG_ERR, __VA_ARGS__)

#endif

/* SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef NDKIT_UTIL_MODPROBE_H
#define NDKIT_UTIL_MODPROBE_H
#include <stdbool.h>
#include "util/log.h"

/*
 * Loading kernel modules through libkmod, which is opened with dlopen() on
 * first use: libkmod pulls in libcrypto, and resolving both at start would
 * slow every command's start although only driver binds need them
 * (docs/performance.md, "Measurements behind the code").
 */
#define MODPROBE_LIBKMOD "libkmod.so.2"

/*
 * Load (with dependencies) every module matching @alias, or the module named
 * @name. 0 when libkmod ran the probe (as modprobe, a module already loaded
 * or built in is success), -ENOENT when nothing matches, -ENOSYS when libkmod
 * cannot be opened (logged at debug only: the module may be loaded already).
 */
int modprobe_alias(struct log_ctx *log, const char *alias);
int modprobe_name(struct log_ctx *log, const char *name);

/*
 * When a driver is missing after a load: if libkmod could not be opened, log
 * why and how to fix it (as errors) and return true.
 */
bool modprobe_explain_failure(struct log_ctx *log);

/*
 * dlopen @soname and resolve the libkmod symbols used above, without
 * caching: for tests, which pass a library that does not exist.
 */
int modprobe_try_library(struct log_ctx *log, const char *soname);
#endif

// SPDX-License-Identifier: GPL-2.0-only
/*
 * nd-fault.so: LD_PRELOAD'ed into ndctl (ndkit's or upstream's) in an
 * nfit_test guest, it makes a test DIMM start failing at an exact point of
 * a command, which nfit_test's own fail_cmd (all of a DIMM's calls of a kind,
 * from when it is written) cannot: the Nth label transfer, or the Nth write
 * to a sysfs attribute (the kernel then fails the label update behind it).
 *
 *   NDFAULT_FILE   the fail_cmd file to arm (/sys/class/nfit_test_dimm/test_dimmN/fail_cmd)
 *   NDFAULT_MASK   what to write there (default 0x40: ND_CMD_SET_CONFIG_DATA)
 *   NDFAULT_SET=N  arm just before the Nth SET_CONFIG_DATA ioctl (1 = the first)
 *   NDFAULT_GET=N  the same for GET_CONFIG_DATA
 *   NDFAULT_OPEN=S[:N]  arm when a path containing S is opened for writing, the Nth time
 *
 * It arms once and says so on stderr ("nd-fault: armed ... before ..."), so
 * a scenario can tell that the point was reached. Nothing else changes.
 */
#define _GNU_SOURCE
#undef _FILE_OFFSET_BITS
#include <dlfcn.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <linux/ndctl.h>

#define EXPORT __attribute__((visibility("default")))

static unsigned nset, nget, nopen;
static int armed;

static void arm(const char *before)
{
	const char *file = getenv("NDFAULT_FILE"), *mask = getenv("NDFAULT_MASK");
	int fd;

	if (armed || !file)
		return;
	armed = 1;
	if (!mask)
		mask = "0x40";
	fd = ((int (*)(const char *, int, ...))dlsym(RTLD_NEXT, "open"))(file, O_WRONLY);
	if (fd < 0 || write(fd, mask, strlen(mask)) < 0)
		fprintf(stderr, "nd-fault: cannot arm %s: %m\n", file);
	else
		fprintf(stderr, "nd-fault: armed %s=%s before %s\n", file, mask, before);
	if (fd >= 0)
		close(fd);
}

static unsigned env_n(const char *name)
{
	const char *v = getenv(name);

	return v ? (unsigned)strtoul(v, NULL, 0) : 0;
}

EXPORT int ioctl(int fd, unsigned long req, ...);
int ioctl(int fd, unsigned long req, ...)
{
	static int (*real)(int, unsigned long, ...);
	char what[64];
	va_list ap;
	void *arg;

	va_start(ap, req);
	arg = va_arg(ap, void *);
	va_end(ap);
	if (!real)
		real = (int (*)(int, unsigned long, ...))dlsym(RTLD_NEXT, "ioctl");
	if (req == ND_IOCTL_SET_CONFIG_DATA && ++nset == env_n("NDFAULT_SET")) {
		snprintf(what, sizeof(what), "set_config_data #%u (offset %u)", nset,
				((struct nd_cmd_set_config_hdr *)arg)->in_offset);
		arm(what);
	}
	if (req == ND_IOCTL_GET_CONFIG_DATA && ++nget == env_n("NDFAULT_GET")) {
		snprintf(what, sizeof(what), "get_config_data #%u (offset %u)", nget,
				((struct nd_cmd_get_config_data_hdr *)arg)->in_offset);
		arm(what);
	}
	return real(fd, req, arg);
}

static void check_open(const char *path, int flags)
{
	const char *spec = getenv("NDFAULT_OPEN"), *colon;
	char pat[256], what[320];
	unsigned nth = 1;

	if (!spec || !(flags & (O_WRONLY | O_RDWR)))
		return;
	colon = strrchr(spec, ':');
	snprintf(pat, sizeof(pat), "%.*s", colon ? (int)(colon - spec) : (int)strlen(spec), spec);
	if (colon)
		nth = (unsigned)strtoul(colon + 1, NULL, 0);
	if (strstr(path, pat) && ++nopen == nth) {
		snprintf(what, sizeof(what), "write #%u to %s", nopen, path);
		arm(what);
	}
}

typedef int (*open_fn)(const char *, int, ...);
typedef int (*openat_fn)(int, const char *, int, ...);

static mode_t open_mode(int flags, va_list ap)
{
	return flags & (O_CREAT | O_TMPFILE) ? va_arg(ap, mode_t) : 0;
}

/* One wrapper: PARAMS end with "int flags, ...", ARGS pass mode on. */
#define WRAP(name, fn_t, PARAMS, ARGS)						\
	EXPORT int name PARAMS							\
	{									\
		static fn_t real;						\
		va_list ap;							\
		mode_t mode;							\
										\
		va_start(ap, flags);						\
		mode = open_mode(flags, ap);					\
		va_end(ap);							\
		if (!real)							\
			real = (fn_t)dlsym(RTLD_NEXT, #name);			\
		check_open(path, flags);					\
		return real ARGS;						\
	}
#define OPEN_WRAPPER(name) \
	WRAP(name, open_fn, (const char *path, int flags, ...), (path, flags, mode))
#define OPENAT_WRAPPER(name) \
	WRAP(name, openat_fn, (int dirfd, const char *path, int flags, ...), (dirfd, path, flags, mode))

#undef open
#undef open64
#undef openat
#undef openat64
OPEN_WRAPPER(open)
OPEN_WRAPPER(open64)
OPENAT_WRAPPER(openat)
OPENAT_WRAPPER(openat64)

// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <stdarg.h>
#include <syslog.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "util/sysfs.h"
#include "../common/error.h"
#include "labels.h"
#include "topo-filter.h"

/*
 * What a label command argument names, and the live-system steps around a
 * write: DIMMs come from libndctl's topology (under the context's root),
 * files are opened by path.
 */

static bool is_regular_file(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static int add_target(struct label_target **v, unsigned *n, const char *dev,
		struct ndctl_dimm *dimm)
{
	struct label_target *nv = realloc(*v, (*n + 1) * sizeof(**v));

	if (!nv)
		return -ENOMEM;
	*v = nv;
	nv[(*n)++] = (struct label_target){ .dev = dev, .dimm = dimm };
	return 0;
}

/* DIMMs named name ("all": every DIMM), on buses the -b filter keeps. */
static int add_dimms(struct ndctl_ctx *ctx, const struct topo_filter *f, const char *name,
		struct label_target **v, unsigned *n, bool *exists)
{
	struct ndctl_bus *bus;
	struct ndctl_dimm *dimm;
	int rc = 0;

	ndctl_bus_foreach(ctx, bus)
		ndctl_dimm_foreach(bus, dimm) {
			const char *dev = ndctl_dimm_get_devname(dimm);

			if (strcmp(name, "all") != 0 && strcmp(name, dev) != 0)
				continue;
			*exists = true;
			if (rc == 0 && topo_filter_bus(f, bus))
				rc = add_target(v, n, dev, dimm);
		}
	return rc;
}

static int resolve_one(struct ndctl_ctx *ctx, const char *cmd, const struct topo_filter *f,
		const char *arg, struct label_target **v, unsigned *n)
{
	bool exists = false;
	int rc;

	if (strchr(arg, '/') || is_regular_file(arg)) {
		if (is_regular_file(arg))
			return add_target(v, n, arg, NULL);
		return cmd_error(-ENOENT, "ndctl", cmd, "%s: %s: give an existing label area or backend file",
				arg, access(arg, F_OK) == 0 ? "not a regular file" : "no such file");
	}
	if (strcmp(arg, "all") != 0 && strncmp(arg, "nmem", 4) != 0)
		return cmd_error(-EINVAL, "ndctl", cmd, "'%s' is neither a DIMM name (nmemN) nor an existing file",
				arg);
	rc = add_dimms(ctx, f, arg, v, n, &exists);
	if (rc == 0 && !exists && strcmp(arg, "all") == 0)
		return cmd_error(-ENODEV, "ndctl", cmd,
				"'all': no DIMMs found in %s/sys/bus/nd: load the nfit module or name a label file",
				strcmp(ndctl_get_root(ctx), "/") ? ndctl_get_root(ctx) : "");
	if (rc == 0 && !exists)
		return cmd_error(-ENODEV, "ndctl", cmd,
				"%s: no such DIMM: see 'ndctl list -D' for this system's DIMMs", arg);
	return rc;
}

int label_targets_resolve(struct ndctl_ctx *ctx, const char *cmd, char **args, int nargs,
		const char *bus, struct label_target **out, unsigned *count)
{
	const struct topo_filter f = { .bus = bus };
	struct label_target *v = NULL;
	unsigned n = 0;
	int i, rc = 0;

	for (i = 0; i < nargs && rc == 0; i++)
		rc = resolve_one(ctx, cmd, &f, args[i], &v, &n);
	if (rc == 0 && n == 0 && bus)	/* only -b can leave nothing */
		rc = cmd_error(-ENODEV, "ndctl", cmd,
				"no DIMM named is on bus '%s': see 'ndctl list -B -D' for the buses", bus);
	if (rc == -ENOMEM)
		cmd_error(rc, "ndctl", cmd, "out of memory");
	if (rc < 0) {
		free(v);
		return -1;
	}
	*out = v;
	*count = n;
	return 0;
}

void label_targets_free(struct label_target *tg, unsigned count)
{
	unsigned i;

	for (i = 0; tg && i < count; i++)
		ndctl_lsa_xport_close(tg[i].t);
	free(tg);
}

static int check_area_size(const char *cmd, const struct label_target *tg)
{
	uint64_t size = ndctl_lsa_xport_size(tg->t);

	if (size >= LABEL_AREA_MIN)
		return 0;
	return cmd_error(-ENOSPC, "ndctl", cmd,
			"%s: a %llu-byte label area cannot hold two index blocks and two labels (%u bytes): %s",
			tg->dev, (unsigned long long)size, LABEL_AREA_MIN,
			tg->dimm ? "the DIMM's label area is too small" : "give a larger file or --label-size");
}

/*
 * libndctl reports label-area failures through the context's log: print its
 * errors as this command's, so there is one error channel.
 */
static const char *log_cmd = "";

__attribute__((format(printf, 6, 0)))
static void label_log(struct ndctl_ctx *ctx, int priority, const char *file, int line,
		const char *fn, const char *format, va_list args)
{
	if (priority <= LOG_ERR)
		fprintf(stderr, "ndctl %s: ", log_cmd);
	else
		fprintf(stderr, "libndctl: %s:%d: %s: ", file, line, fn);
	vfprintf(stderr, format, args);
}

void label_log_to_cmd(struct ndctl_ctx *ctx, const char *cmd)
{
	log_cmd = cmd;
	ndctl_set_log_fn(ctx, label_log);
}

/* A DIMM through libndctl (which checks it is idle for writing), or a file. */
int label_target_open(struct ndctl_ctx *ctx, const char *cmd, struct label_target *tg,
		uint64_t label_size, bool writable, unsigned lock_flags)
{
	unsigned flags = (writable ? NDCTL_LSA_WRITABLE : 0) | lock_flags;
	int rc;

	/* either way every failure, from the open's first step, is logged through ctx */
	rc = tg->dimm ? ndctl_dimm_lsa_open(tg->dimm, flags, &tg->t)
		      : ndctl_lsa_file_open(ctx, tg->dev, label_size, flags, &tg->t);
	if (rc < 0)
		return rc;
	return check_area_size(cmd, tg);
}

int label_target_revalidate(const struct label_target *tg)
{
	return tg->dimm ? ndctl_dimm_revalidate_labels(tg->dimm) : 0;
}

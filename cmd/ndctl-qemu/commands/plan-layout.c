// SPDX-License-Identifier: GPL-2.0-only
#define _GNU_SOURCE
/*
 * The plan itself, below `ndctl-qemu plan`'s output formats and `run`: the
 * DIMMs of the --nvdimm specs, laid out so that every region starts on a
 * 128 MiB boundary, their backend files and the QEMU options for them. A
 * DIMM that would already start on one gets align=2M (it loses at most
 * 2 MiB to rounding); one that would not gets align=128M, which moves it up
 * to the next boundary (and rounds its usable size down to 128 MiB multiples).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "util/size.h"
#include "../rules/placement.h"
#include "plan-layout.h"

#define SZ_FMT 24
#define DEFAULT_LABEL_SIZE SZ_128K

int plan_walk_spec(const char *spec, uint64_t *size, int (*element)(void *ctx, char *el),
		void *ctx)
{
	char *copy = strdup(spec), *save = NULL, *el;
	int rc = 0;

	*size = 0;
	if (!copy)
		return -1;
	el = strtok_r(copy, ",", &save);
	if (el && parse_size(el, size) < 0)
		*size = 0;
	while (*size && !rc && (el = strtok_r(NULL, ",", &save)))
		rc = element(ctx, el);
	free(copy);
	return rc;
}

static int parse_dimm_key(void *ctx, char *el)
{
	struct plan_dimm *d = ctx;
	char *eq = strchr(el, '=');

	if (!eq)
		return plan_error("'%s' is not KEY=VALUE; use label-size=S or file=PATH", el);
	*eq++ = '\0';
	if (strcmp(el, "label-size") == 0) {
		if (parse_size(eq, &d->label_size) < 0 || d->label_size < SZ_128K)
			return plan_error("label-size=%s is not a size of 128K or more", eq);
	} else if (strcmp(el, "file") == 0) {
		if (!*eq || strpbrk(eq, " \t\n'\"\\,"))
			return plan_error("file=%s is empty or has blanks, quotes or commas; "
				"use a plain path", eq);
		free(d->file);
		d->file = strdup(eq);
	} else {
		return plan_error("unknown key '%s'; use label-size= or file=", el);
	}
	return 0;
}

char *plan_default_file(const struct plan *p, const char *prefix, int i)
{
	char *path;

	return asprintf(&path, "%s%s%s%d.img", p->dir ? p->dir : "", p->dir ? "/" : "", prefix,
		i) < 0 ? NULL : path;
}

int plan_add_dimm(struct plan *p, const char *spec)
{
	struct plan_dimm *d = &p->dimms[p->n];
	int rc;

	if (p->n == PLAN_MAX_DIMMS)
		return plan_error("more than %d DIMMs; plan stops there", PLAN_MAX_DIMMS);
	memset(d, 0, sizeof(*d));
	d->label_size = DEFAULT_LABEL_SIZE;
	rc = plan_walk_spec(spec, &d->size, parse_dimm_key, d) ? 1 : 0;
	if (!rc && !d->size)
		rc = plan_error("--nvdimm %s: start with the backend size, e.g. --nvdimm 1G", spec);
	if (!rc && !d->file && !(d->file = plan_default_file(p, p->prefix ?: "nvdimm", p->n)))
		rc = 1;
	if (rc) {
		free(d->file);
		d->file = NULL;
		return rc;
	}
	p->n++;
	return 0;
}

/* Lay the DIMMs out as QEMU will (see placement.c), choosing each align. */
int plan_layout(struct plan *p)
{
	struct qemu_config cfg = { .machine_type = "pc", .ram_size = p->ram };
	uint64_t cursor = qemu_device_memory_base(&cfg);
	char a[SZ_FMT];

	for (int i = 0; i < p->n; i++) {
		struct plan_dimm *d = &p->dimms[i];

		d->align = cursor % SZ_128M ? SZ_128M : SZ_2M;
		d->start = ALIGN_UP(cursor, d->align);
		d->usable = d->size > d->label_size ?
			ALIGN_DOWN(d->size - d->label_size, d->align) : 0;
		if (!d->usable)
			return plan_error("--nvdimm %s: too small to hold labels and an aligned "
				"region; use a size of 256M or more",
				format_size_short(d->size, a, sizeof(a)));
		cursor = d->start + d->usable;
	}
	return 0;
}

struct plan_file {
	const char *path;
	uint64_t size;
};

/* Every backend file of the plan: the DIMMs', then each CXL device's memory and LSA. */
static int plan_files(const struct plan *p, struct plan_file *out)
{
	int n = 0;

	for (int i = 0; i < p->n; i++)
		out[n++] = (struct plan_file){ p->dimms[i].file, p->dimms[i].size };
	for (int i = 0; i < p->ncxl; i++) {
		out[n++] = (struct plan_file){ p->cxl[i].file, p->cxl[i].size };
		out[n++] = (struct plan_file){ p->cxl[i].lsa_file, p->cxl[i].lsa };
	}
	return n;
}

static int check_existing(const struct plan_file *f)
{
	struct stat st;
	char a[SZ_FMT];

	if (stat(f->path, &st) < 0)
		return errno == ENOENT ? 0 : plan_error("cannot stat %s", f->path);
	if (!S_ISREG(st.st_mode) || (uint64_t)st.st_size != f->size) {
		format_size_short(f->size, a, sizeof(a));
		return plan_error("%s exists and is not a %s file; remove it or choose another file=",
				f->path, a);
	}
	return 0;
}

/* Check every file first so that a refusal changes nothing. */
int plan_create_files(const struct plan *p)
{
	struct plan_file files[PLAN_MAX_DIMMS + 2 * PLAN_MAX_CXL];
	int n = plan_files(p, files);

	for (int i = 0; i < n; i++)
		if (check_existing(&files[i]))
			return 1;
	for (int i = 0; i < n; i++) {
		int fd = open(files[i].path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);

		if (fd < 0 && errno == EEXIST)
			continue;	/* already the right size */
		if (fd < 0 || ftruncate(fd, files[i].size) < 0) {
			if (fd >= 0)
				close(fd);
			return plan_error("cannot create %s", files[i].path);
		}
		close(fd);
		if (!p->quiet)
			fprintf(stderr, "created %s\n", files[i].path);
	}
	return 0;
}

uint64_t plan_maxmem(const struct plan *p)
{
	uint64_t maxmem = p->ram, largest = p->spare_size;

	for (int i = 0; i < p->n; i++) {
		maxmem += p->dimms[i].size;
		if (!p->spare_size && p->dimms[i].size > largest)
			largest = p->dimms[i].size;
	}
	return maxmem + p->spares * largest;
}

void plan_print_regions(const struct plan *p)
{
	char a[SZ_FMT];

	fflush(stdout);
	for (int i = 0; i < p->n; i++)
		fprintf(stderr, "# nvdimm%d: region %s (%#llx) at %#llx\n", i,
			format_size_short(p->dimms[i].usable, a, sizeof(a)),
			(unsigned long long)p->dimms[i].usable,
			(unsigned long long)p->dimms[i].start);
	if (p->spares)
		fprintf(stderr, "# hotplugged DIMMs: give their backends align=128M to keep "
			"their regions 128 MiB aligned\n");
}

static int add_arg(struct plan_arg *a, const char *opt, char *value)
{
	a->opt = strdup(opt);
	a->value = value;
	return a->opt && a->value ? 0 : -1;
}

int plan_qemu_args(const struct plan *p, struct plan_arg **out)
{
	uint64_t maxmem = plan_maxmem(p);
	struct plan_arg *args = calloc(2 + 2 * p->n, sizeof(*args));
	char a[SZ_FMT], b[SZ_FMT], c[SZ_FMT];
	char *v;
	int n = 0;

	if (!args)
		return -1;
	/* CXL needs q35; plan_cxl_args adds cxl=on and the windows, in one -machine of its own */
	if (add_arg(&args[n++], "-machine", strdup(p->ncxl ? "q35,nvdimm=on" : "pc,nvdimm=on")) ||
	    asprintf(&v, "%s,slots=%u,maxmem=%s", format_size_short(p->ram, a, sizeof(a)),
			p->n + p->spares, format_size_short(maxmem, b, sizeof(b))) < 0 ||
	    add_arg(&args[n++], "-m", v))
		goto fail;
	for (int i = 0; i < p->n; i++) {
		const struct plan_dimm *d = &p->dimms[i];

		if (asprintf(&v, "memory-backend-file,id=nvmem%d,share=on,mem-path=%s,size=%s,"
				"align=%s", i, d->file, format_size_short(d->size, a, sizeof(a)),
				format_size_short(d->align, b, sizeof(b))) < 0 ||
		    add_arg(&args[n++], "-object", v) ||
		    asprintf(&v, "nvdimm,id=nvdimm%d,memdev=nvmem%d,label-size=%s,slot=%d",
				i, i, format_size_short(d->label_size, c, sizeof(c)), i) < 0 ||
		    add_arg(&args[n++], "-device", v))
			goto fail;
	}
	*out = args;
	return n;
fail:
	plan_args_free(args, n);
	return -1;
}

void plan_args_free(struct plan_arg *args, int n)
{
	for (int i = 0; i < n; i++) {
		free(args[i].opt);
		free(args[i].value);
	}
	free(args);
}

void plan_drop_dimms(struct plan *p)
{
	for (int i = 0; i < p->n; i++)
		free(p->dimms[i].file);
	p->n = 0;
}

void plan_drop_cxl(struct plan *p)
{
	for (int i = 0; i < p->ncxl; i++) {
		free(p->cxl[i].file);
		free(p->cxl[i].lsa_file);
	}
	p->ncxl = 0;
}

void plan_free(struct plan *p)
{
	plan_drop_dimms(p);
	plan_drop_cxl(p);
}

int plan_arg_set(struct plan_arg *a, const char *opt, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = vasprintf(&a->value, fmt, ap);
	va_end(ap);
	if (rc < 0)
		a->value = NULL;
	return add_arg(a, opt, a->value);
}

char *plan_qemu_escape(const char *path)
{
	char *out = malloc(2 * strlen(path) + 1), *o = out;

	for (; out && *path; path++) {
		*o++ = *path;
		if (*path == ',')
			*o++ = ',';
	}
	if (out)
		*o = '\0';
	return out;
}

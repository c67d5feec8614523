// SPDX-License-Identifier: GPL-2.0-only
#define _GNU_SOURCE
/*
 * The plan's CXL persistent memory (--cxl-pmem, for plan and run): CXL
 * type-3 devices with persistent memory and a label storage area (LSA), on
 * a q35 machine with CXL. Each device gets a host bridge (pxb-cxl) of its
 * own with two root ports, and a fixed memory window of its size that
 * targets only that bridge: QEMU 7.2 gives a host bridge one HDM decoder,
 * so one region per bridge. Two root ports, because with one Linux programs
 * a pass-through decoder that QEMU 7.2 does not decode: the guest's writes
 * are dropped without an error. A serial number (sn=), because the kernel
 * computes the region's interleave-set cookie from each device's serial and
 * DPA offset: without sn= it reads serial 0, the cookie of a one-device
 * region is then 0, and Linux refuses the namespace labels of such a region
 * at the next boot. A fixed, distinct, non-zero serial per device keeps the
 * cookie, and so the labels, valid from boot to boot. The region itself is
 * the guest's to create at every boot (run's guest/cxl does).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "util/size.h"
#include "plan-layout.h"

#define SZ_256M (2 * SZ_128M)
#define DEFAULT_LSA SZ_128K
#define FIRST_BUS 12	/* each host bridge's PCI bus; its two root ports take the next two */
#define BUS_STEP 4
#define SERIAL_BASE 0x4e444b4954000000ULL	/* "NDKIT" and the device's number */

static int cxl_key(void *ctx, char *el)
{
	struct plan_cxl *c = ctx;
	char *eq = strchr(el, '=');

	if (!eq)
		return plan_error("--cxl-pmem %s: '%s' is not KEY=VALUE; use lsa=SIZE or "
			"file=PATH", c->spec, el);
	*eq++ = '\0';
	if (!strcmp(el, "lsa")) {
		if (parse_size(eq, &c->lsa) < 0 || c->lsa < SZ_128K || c->lsa % SZ_4K)
			return plan_error("--cxl-pmem %s: lsa=%s: give a label storage area of "
				"128K or more, a multiple of 4K", c->spec, eq);
	} else if (!strcmp(el, "file")) {
		if (!*eq || strpbrk(eq, " \t\n'\"\\,"))
			return plan_error("--cxl-pmem %s: file=%s is empty or has blanks, quotes "
				"or commas; use a plain path", c->spec, eq);
		free(c->file);
		c->file = strdup(eq);
	} else {
		return plan_error("--cxl-pmem %s: unknown key '%s'; use lsa= or file=", c->spec,
			el);
	}
	return 0;
}

/* The backends: file= (else cxl-pmemN.img beside the DIMMs') and its .lsa beside it. */
static int name_backends(const struct plan *p, struct plan_cxl *c)
{
	if (!c->file)
		c->file = plan_default_file(p, "cxl-pmem", p->ncxl);
	if (c->file && asprintf(&c->lsa_file, "%s.lsa", c->file) < 0)
		c->lsa_file = NULL;
	return c->lsa_file ? 0 : plan_error("out of memory");
}

int plan_add_cxl(struct plan *p, const char *spec)
{
	struct plan_cxl *c = &p->cxl[p->ncxl];
	int rc;

	if (p->ncxl == PLAN_MAX_CXL)
		return plan_error("more than %d --cxl-pmem", PLAN_MAX_CXL);
	*c = (struct plan_cxl){ .spec = spec, .lsa = DEFAULT_LSA };
	rc = plan_walk_spec(spec, &c->size, cxl_key, c) ? 1 : 0;
	if (!rc && (!c->size || c->size % SZ_256M))
		rc = plan_error("--cxl-pmem %s: start with a size that is a multiple of 256M, "
			"e.g. --cxl-pmem 256M (CXL decoders map 256 MiB units)", spec);
	if (!rc)
		rc = name_backends(p, c);
	if (!rc)
		p->ncxl++;
	else
		free(c->file);
	return rc;
}

/* One fixed memory window per host bridge, just the size of its device; QEMU takes every
 * cxl-fmw key of the machine in one option. */
static char *memory_windows(const struct plan *p)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	if (!f)
		return NULL;
	fputs("q35,cxl=on", f);
	for (int i = 0; i < p->ncxl; i++)
		fprintf(f, ",cxl-fmw.%d.targets.0=ndkit-cxl%d,cxl-fmw.%d.size=%llu", i, i, i,
			(unsigned long long)p->cxl[i].size);
	fclose(f);
	return text;
}

static int device_args(const struct plan_cxl *c, int i, struct plan_arg *a)
{
	char *mem = plan_qemu_escape(c->file), *lsa = plan_qemu_escape(c->lsa_file);
	int n = 0, rc = !mem || !lsa ||
		plan_arg_set(&a[n++], "-object", "memory-backend-file,id=ndkit-cxlmem%d,share=on,"
			"mem-path=%s,size=%llu", i, mem, (unsigned long long)c->size) ||
		plan_arg_set(&a[n++], "-object", "memory-backend-file,id=ndkit-cxllsa%d,share=on,"
			"mem-path=%s,size=%llu", i, lsa, (unsigned long long)c->lsa) ||
		plan_arg_set(&a[n++], "-device", "pxb-cxl,id=ndkit-cxl%d,bus=pcie.0,bus_nr=%d", i,
			FIRST_BUS + BUS_STEP * i);

	for (int port = 0; !rc && port < 2; port++)
		rc = plan_arg_set(&a[n++], "-device", "cxl-rp,id=ndkit-cxl%d-rp%d,bus=ndkit-cxl%d,"
			"port=%d,chassis=0,slot=%d", i, port, i, port, 2 + 2 * i + port);
	rc = rc || plan_arg_set(&a[n++], "-device", "cxl-type3,id=ndkit-cxlpmem%d,"
		"bus=ndkit-cxl%d-rp0,memdev=ndkit-cxlmem%d,lsa=ndkit-cxllsa%d,sn=%llu", i, i, i, i,
		(unsigned long long)(SERIAL_BASE + i));
	free(mem);
	free(lsa);
	return rc ? -1 : n;
}

#define ARGS_PER_CXL 6

int plan_cxl_args(const struct plan *p, struct plan_arg **out)
{
	struct plan_arg *args;
	int n = 1;

	*out = NULL;
	if (!p->ncxl)
		return 0;
	args = calloc(1 + ARGS_PER_CXL * p->ncxl, sizeof(*args));
	if (!args)
		return -1;
	args[0].opt = strdup("-machine");
	args[0].value = memory_windows(p);
	if (!args[0].opt || !args[0].value)
		goto fail;
	for (int i = 0; i < p->ncxl; i++) {
		int k = device_args(&p->cxl[i], i, &args[n]);

		if (k < 0)
			goto fail;
		n += k;
	}
	*out = args;
	return n;
fail:
	plan_args_free(args, 1 + ARGS_PER_CXL * p->ncxl);	/* unset ones are NULL */
	return -1;
}

void plan_print_cxl(const struct plan *p)
{
	char a[24], b[24];

	fflush(stdout);
	for (int i = 0; i < p->ncxl; i++)
		fprintf(stderr, "# cxl-pmem%d: %s of pmem, its label storage area of %s in %s "
			"(the label area itself, from offset 0)\n", i,
			format_size_short(p->cxl[i].size, a, sizeof(a)),
			format_size_short(p->cxl[i].lsa, b, sizeof(b)), p->cxl[i].lsa_file);
	if (p->ncxl)
		fprintf(stderr, "# CXL: each host bridge has two root ports (with one, writes are "
			"dropped) and each device an sn= (without, its labels are refused after a "
			"reboot); Linux does not create CXL regions at boot: in the guest, at every "
			"boot, cxl create-region -m -t pmem -d decoder0.N memN for each device "
			"(ndctl-qemu run --cxl-pmem does it)\n");
}

char *plan_cxl_summary(const struct plan *p)
{
	char *text = NULL, a[24], b[24];
	size_t len = 0;
	FILE *f;

	if (!p->ncxl)
		return NULL;
	f = open_memstream(&text, &len);
	if (!f)
		return NULL;
	fprintf(f, "CXL pmem on q35:");
	for (int i = 0; i < p->ncxl; i++)
		fprintf(f, "%s %s with a %s LSA (%s)", i ? ";" : "",
			format_size_short(p->cxl[i].size, a, sizeof(a)),
			format_size_short(p->cxl[i].lsa, b, sizeof(b)), p->cxl[i].file);
	fprintf(f, "; region%s created before COMMAND", p->ncxl > 1 ? "s" : "");
	fclose(f);
	return text;
}
